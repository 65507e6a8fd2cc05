#pragma once

#include <QByteArray>

#include <algorithm>
#include <cstring>

// Appending to a QByteArray on the export hot path without QByteArray::append()'s
// general insert() machinery: grow once, write through a pointer. Inline on purpose
// (a few instructions each); used by the exporters only, on their own buffers.
namespace ByteAppend {

// Makes room for `n` more bytes at the end (size grows by n) and returns where they go.
inline char *extend(QByteArray &out, qsizetype n)
{
    const qsizetype old = out.size();
    if (out.capacity() < old + n)
        out.reserve(std::max<qsizetype>(out.capacity() * 2, old + n));
    out.resize(old + n);
    return out.data() + old;
}

// Gives back the bytes past `end` that extend() reserved but were not written.
inline void trimTo(QByteArray &out, const char *end)
{
    out.resize(end - out.constData());
}

template<qsizetype N>
inline void literal(QByteArray &out, const char (&text)[N])
{
    std::memcpy(extend(out, N - 1), text, N - 1);
}

inline void bytes(QByteArray &out, const char *data, qsizetype n)
{
    if (n <= 0) // an empty view may carry a null pointer, which memcpy must not see
        return;
    std::memcpy(extend(out, n), data, size_t(n));
}

inline void byte(QByteArray &out, char c)
{
    *extend(out, 1) = c;
}

} // namespace ByteAppend

#pragma once

#include <QByteArray>

#include <algorithm>
#include <cstring>

// Appends to a QByteArray through a raw pointer, for the export hot paths (a JSON line is
// some hundred small appends; QByteArray::append() costs a detach and capacity check each).
// While the sink is open the array's size covers its whole allocation; close() or the
// destructor trims it to what was written. The methods are inline on purpose: each is a
// compare and a copy. Used on one thread, on a buffer nobody else touches meanwhile.
class ByteSink final
{
    Q_DISABLE_COPY_MOVE(ByteSink)
public:
    explicit ByteSink(QByteArray &out)
        : m_out(out)
    {
        const qsizetype used = out.size();
        remap(used, std::max(out.capacity(), used + 1024));
    }
    ~ByteSink() { close(); }

    // Room for `n` more bytes; write them at the returned pointer, then commit() the end.
    char *room(qsizetype n)
    {
        if (m_end - m_w < n)
            grow(n);
        return m_w;
    }
    void commit(char *end) { m_w = end; }

    template<qsizetype N>
    void literal(const char (&text)[N])
    {
        std::memcpy(room(N - 1), text, N - 1);
        m_w += N - 1;
    }
    void byte(char c)
    {
        *room(1) = c;
        ++m_w;
    }
    void bytes(const char *data, qsizetype n)
    {
        if (n <= 0) // an empty view may carry a null pointer, which memcpy must not see
            return;
        std::memcpy(room(n), data, size_t(n));
        m_w += n;
    }
    qsizetype size() const { return m_w - m_out.constData(); }

    void close()
    {
        if (m_w) {
            m_out.resize(m_w - m_out.constData());
            m_w = m_end = nullptr;
        }
    }

private:
    void grow(qsizetype n)
    {
        const qsizetype used = m_w - m_out.constData();
        remap(used, std::max(used + n, m_out.size() * 2));
    }
    void remap(qsizetype used, qsizetype size)
    {
        m_out.resize(size); // new bytes are uninitialized, and only ever written
        m_w = m_out.data() + used;
        m_end = m_out.data() + m_out.size();
    }

    QByteArray &m_out;
    char *m_w = nullptr;
    char *m_end = nullptr;
};

#pragma once

#include <QtEndian>

// The one reader of multi-byte integers from bytes (issue #11: one helper per format
// concern). big16() / big32() read network byte order (DNS, IP, UDP, link layers); an
// instance reads in a byte order chosen at run time (capture files come in both).
// The caller checks bounds first. Trivial value type, any thread.
class EndianReader final
{
public:
    constexpr EndianReader() = default;
    constexpr explicit EndianReader(bool bigEndian)
        : m_big(bigEndian)
    {}

    static quint16 big16(const uchar *p) { return qFromBigEndian<quint16>(p); }
    static quint32 big32(const uchar *p) { return qFromBigEndian<quint32>(p); }

    bool isBigEndian() const { return m_big; }
    quint16 u16(const uchar *p) const { return m_big ? big16(p) : qFromLittleEndian<quint16>(p); }
    quint32 u32(const uchar *p) const { return m_big ? big32(p) : qFromLittleEndian<quint32>(p); }
    quint64 u64(const uchar *p) const
    {
        return m_big ? qFromBigEndian<quint64>(p) : qFromLittleEndian<quint64>(p);
    }

private:
    bool m_big = false;
};

#pragma once

#include <QtEndian>

// Reads integers in a byte order chosen at run time (capture files come in both).
// The caller checks bounds first. Trivial value type, any thread.
class EndianReader final
{
public:
    constexpr EndianReader() = default;
    constexpr explicit EndianReader(bool bigEndian)
        : m_big(bigEndian)
    {}

    bool isBigEndian() const { return m_big; }
    quint16 u16(const uchar *p) const
    {
        return m_big ? qFromBigEndian<quint16>(p) : qFromLittleEndian<quint16>(p);
    }
    quint32 u32(const uchar *p) const
    {
        return m_big ? qFromBigEndian<quint32>(p) : qFromLittleEndian<quint32>(p);
    }
    quint64 u64(const uchar *p) const
    {
        return m_big ? qFromBigEndian<quint64>(p) : qFromLittleEndian<quint64>(p);
    }

private:
    bool m_big = false;
};

#include "IpAddress.h"

#include "AddressText.h"
#include "EndianReader.h"

#include <QHashFunctions>
#include <QHostAddress>

#include <cstring>

IpAddress IpAddress::fromV4(quint32 addr)
{
    IpAddress a;
    a.m_family = Family::V4;
    a.m_bytes[0] = quint8(addr >> 24);
    a.m_bytes[1] = quint8(addr >> 16);
    a.m_bytes[2] = quint8(addr >> 8);
    a.m_bytes[3] = quint8(addr);
    return a;
}

IpAddress IpAddress::fromV6(const quint8 *bytes)
{
    IpAddress a;
    a.m_family = Family::V6;
    std::memcpy(a.m_bytes.data(), bytes, 16);
    return a;
}

IpAddress IpAddress::fromString(const QString &text)
{
    QHostAddress h;
    if (!h.setAddress(text))
        return {};
    if (h.protocol() == QAbstractSocket::IPv4Protocol)
        return fromV4(h.toIPv4Address());
    if (h.protocol() == QAbstractSocket::IPv6Protocol) {
        const Q_IPV6ADDR v6 = h.toIPv6Address();
        return fromV6(v6.c);
    }
    return {};
}

quint32 IpAddress::v4() const
{
    if (m_family != Family::V4)
        return 0;
    return EndianReader::big32(m_bytes.data());
}

QString IpAddress::toString() const
{
    return AddressText::text(*this);
}

size_t qHash(const IpAddress &a, size_t seed) noexcept
{
    return qHashBits(a.m_bytes.data(), a.m_bytes.size(), seed ^ size_t(a.m_family));
}

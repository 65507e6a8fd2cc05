#include "TestPackets.h"

using namespace Qt::StringLiterals;

Packet TestPackets::packet(const QByteArray &data, int i, const char *source, int ttl)
{
    Packet p;
    p.data = data;
    p.timestampNs = kStart + qint64(i) * 1'000'000;
    p.source = IpAddress::fromString(QString::fromLatin1(source));
    p.destination = IpAddress::fromString(u"224.0.0.251"_s);
    p.sourcePort = p.destinationPort = 5353;
    p.ttl = ttl;
    p.interfaceName = u"lo"_s;
    p.originalLength = quint32(data.size());
    return p;
}

#include "DnsDecoder.h"

using namespace Qt::StringLiterals;

// Minimal first version: header only. The full decoder replaces this shortly.
namespace DnsDecoder {

static quint16 be16(QByteArrayView d, qsizetype at)
{
    return quint16((quint8(d[at]) << 8) | quint8(d[at + 1]));
}

DnsMessage decode(QByteArrayView datagram)
{
    DnsMessage m;
    if (datagram.size() < 12) {
        m.header.span = {0, quint32(datagram.size())};
        m.error = DnsError{quint32(datagram.size()), u"truncated header"_s};
        return m;
    }
    m.header.span = {0, 12};
    m.header.id = be16(datagram, 0);
    const quint16 flags = be16(datagram, 2);
    m.header.qr = flags & 0x8000;
    m.header.opcode = quint8((flags >> 11) & 0xF);
    m.header.aa = flags & 0x0400;
    m.header.tc = flags & 0x0200;
    m.header.rd = flags & 0x0100;
    m.header.ra = flags & 0x0080;
    m.header.z = flags & 0x0040;
    m.header.ad = flags & 0x0020;
    m.header.cd = flags & 0x0010;
    m.header.rcode = quint8(flags & 0xF);
    m.header.questionCount = be16(datagram, 4);
    m.header.answerCount = be16(datagram, 6);
    m.header.authorityCount = be16(datagram, 8);
    m.header.additionalCount = be16(datagram, 10);
    return m;
}

QString typeName(quint16 type)
{
    return u"TYPE"_s + QString::number(type);
}

QString className(quint16 qclass)
{
    return u"CLASS"_s + QString::number(qclass);
}

QString summary(const DnsMessage &m)
{
    return m.isResponse() ? u"Response"_s : u"Query"_s;
}

QString rdataText(const DnsRecord &r)
{
    return QString::fromLatin1(r.rdata.toHex(' '));
}

} // namespace DnsDecoder

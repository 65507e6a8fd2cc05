#include "FilterFields.h"

#include "DnsDecoder.h"

#include <QCoreApplication>

using namespace Qt::StringLiterals;

namespace FilterFields {
namespace {

const QList<Info> kFields{
    {Field::Frame, "frame", Type::Protocol, QT_TRANSLATE_NOOP("DisplayFilter", "Frame")},
    {Field::Eth, "eth", Type::Protocol, QT_TRANSLATE_NOOP("DisplayFilter", "Ethernet")},
    {Field::Ip, "ip", Type::Protocol, QT_TRANSLATE_NOOP("DisplayFilter", "IPv4")},
    {Field::Ipv6, "ipv6", Type::Protocol, QT_TRANSLATE_NOOP("DisplayFilter", "IPv6")},
    {Field::Udp, "udp", Type::Protocol, QT_TRANSLATE_NOOP("DisplayFilter", "UDP")},
    {Field::Mdns, "mdns", Type::Protocol, QT_TRANSLATE_NOOP("DisplayFilter", "Multicast DNS")},
    {Field::Dns, "dns", Type::Protocol,
     QT_TRANSLATE_NOOP("DisplayFilter", "DNS (unicast, never an mDNS packet)")},
    {Field::FrameNumber, "frame.number", Type::UInt,
     QT_TRANSLATE_NOOP("DisplayFilter", "Packet number")},
    {Field::FrameLen, "frame.len", Type::UInt,
     QT_TRANSLATE_NOOP("DisplayFilter", "Frame length (not kept)")},
    {Field::EthSrc, "eth.src", Type::Ether, QT_TRANSLATE_NOOP("DisplayFilter", "Ethernet source")},
    {Field::EthDst, "eth.dst", Type::Ether,
     QT_TRANSLATE_NOOP("DisplayFilter", "Ethernet destination")},
    {Field::EthAddr, "eth.addr", Type::Ether,
     QT_TRANSLATE_NOOP("DisplayFilter", "Ethernet source or destination")},
    {Field::IpSrc, "ip.src", Type::Ipv4, QT_TRANSLATE_NOOP("DisplayFilter", "IPv4 source")},
    {Field::IpDst, "ip.dst", Type::Ipv4, QT_TRANSLATE_NOOP("DisplayFilter", "IPv4 destination")},
    {Field::IpAddr, "ip.addr", Type::Ipv4,
     QT_TRANSLATE_NOOP("DisplayFilter", "IPv4 source or destination")},
    {Field::IpTtl, "ip.ttl", Type::UInt, QT_TRANSLATE_NOOP("DisplayFilter", "IPv4 time to live")},
    {Field::IpProto, "ip.proto", Type::UInt, QT_TRANSLATE_NOOP("DisplayFilter", "IPv4 protocol")},
    {Field::IpVersion, "ip.version", Type::UInt, QT_TRANSLATE_NOOP("DisplayFilter", "IP version")},
    {Field::Ipv6Src, "ipv6.src", Type::Ipv6, QT_TRANSLATE_NOOP("DisplayFilter", "IPv6 source")},
    {Field::Ipv6Dst, "ipv6.dst", Type::Ipv6,
     QT_TRANSLATE_NOOP("DisplayFilter", "IPv6 destination")},
    {Field::Ipv6Addr, "ipv6.addr", Type::Ipv6,
     QT_TRANSLATE_NOOP("DisplayFilter", "IPv6 source or destination")},
    {Field::Ipv6Hlim, "ipv6.hlim", Type::UInt,
     QT_TRANSLATE_NOOP("DisplayFilter", "IPv6 hop limit")},
    {Field::Ipv6Nxt, "ipv6.nxt", Type::UInt,
     QT_TRANSLATE_NOOP("DisplayFilter", "IPv6 next header")},
    {Field::Ipv6Version, "ipv6.version", Type::UInt,
     QT_TRANSLATE_NOOP("DisplayFilter", "IP version")},
    {Field::UdpSrcport, "udp.srcport", Type::UInt,
     QT_TRANSLATE_NOOP("DisplayFilter", "UDP source port")},
    {Field::UdpDstport, "udp.dstport", Type::UInt,
     QT_TRANSLATE_NOOP("DisplayFilter", "UDP destination port")},
    {Field::UdpPort, "udp.port", Type::UInt,
     QT_TRANSLATE_NOOP("DisplayFilter", "UDP source or destination port")},
    {Field::UdpLength, "udp.length", Type::UInt, QT_TRANSLATE_NOOP("DisplayFilter", "UDP length")},
    {Field::DnsId, "dns.id", Type::UInt, QT_TRANSLATE_NOOP("DisplayFilter", "Transaction ID")},
    {Field::DnsFlags, "dns.flags", Type::UInt, QT_TRANSLATE_NOOP("DisplayFilter", "Flags")},
    {Field::DnsFlagsResponse, "dns.flags.response", Type::Bool,
     QT_TRANSLATE_NOOP("DisplayFilter", "Response")},
    {Field::DnsFlagsOpcode, "dns.flags.opcode", Type::UInt,
     QT_TRANSLATE_NOOP("DisplayFilter", "Opcode")},
    {Field::DnsFlagsAuthoritative, "dns.flags.authoritative", Type::Bool,
     QT_TRANSLATE_NOOP("DisplayFilter", "Authoritative")},
    {Field::DnsFlagsTruncated, "dns.flags.truncated", Type::Bool,
     QT_TRANSLATE_NOOP("DisplayFilter", "Truncated")},
    {Field::DnsFlagsRecdesired, "dns.flags.recdesired", Type::Bool,
     QT_TRANSLATE_NOOP("DisplayFilter", "Recursion desired")},
    {Field::DnsFlagsRecavail, "dns.flags.recavail", Type::Bool,
     QT_TRANSLATE_NOOP("DisplayFilter", "Recursion available")},
    {Field::DnsFlagsZ, "dns.flags.z", Type::Bool,
     QT_TRANSLATE_NOOP("DisplayFilter", "Z (reserved)")},
    {Field::DnsFlagsAuthenticated, "dns.flags.authenticated", Type::Bool,
     QT_TRANSLATE_NOOP("DisplayFilter", "Answer authenticated")},
    {Field::DnsFlagsCheckdisable, "dns.flags.checkdisable", Type::Bool,
     QT_TRANSLATE_NOOP("DisplayFilter", "Non-authenticated data")},
    {Field::DnsFlagsRcode, "dns.flags.rcode", Type::UInt,
     QT_TRANSLATE_NOOP("DisplayFilter", "Reply code")},
    {Field::DnsCountQueries, "dns.count.queries", Type::UInt,
     QT_TRANSLATE_NOOP("DisplayFilter", "Questions")},
    {Field::DnsCountAnswers, "dns.count.answers", Type::UInt,
     QT_TRANSLATE_NOOP("DisplayFilter", "Answer records")},
    {Field::DnsCountAuthRr, "dns.count.auth_rr", Type::UInt,
     QT_TRANSLATE_NOOP("DisplayFilter", "Authority records")},
    {Field::DnsCountAddRr, "dns.count.add_rr", Type::UInt,
     QT_TRANSLATE_NOOP("DisplayFilter", "Additional records")},
    {Field::DnsQryName, "dns.qry.name", Type::String,
     QT_TRANSLATE_NOOP("DisplayFilter", "Question name")},
    {Field::DnsQryType, "dns.qry.type", Type::UInt,
     QT_TRANSLATE_NOOP("DisplayFilter", "Question type")},
    {Field::DnsQryClass, "dns.qry.class", Type::UInt,
     QT_TRANSLATE_NOOP("DisplayFilter", "Question class")},
    {Field::DnsQryQu, "dns.qry.qu", Type::Bool,
     QT_TRANSLATE_NOOP("DisplayFilter", "Unicast response requested (QU)")},
    {Field::DnsRespName, "dns.resp.name", Type::String,
     QT_TRANSLATE_NOOP("DisplayFilter", "Record name")},
    {Field::DnsRespType, "dns.resp.type", Type::UInt,
     QT_TRANSLATE_NOOP("DisplayFilter", "Record type")},
    {Field::DnsRespClass, "dns.resp.class", Type::UInt,
     QT_TRANSLATE_NOOP("DisplayFilter", "Record class")},
    {Field::DnsRespCacheFlush, "dns.resp.cache_flush", Type::Bool,
     QT_TRANSLATE_NOOP("DisplayFilter", "Cache flush")},
    {Field::DnsRespTtl, "dns.resp.ttl", Type::UInt,
     QT_TRANSLATE_NOOP("DisplayFilter", "Time to live")},
    {Field::DnsRespLen, "dns.resp.len", Type::UInt,
     QT_TRANSLATE_NOOP("DisplayFilter", "Data length")},
    {Field::DnsA, "dns.a", Type::Ipv4, QT_TRANSLATE_NOOP("DisplayFilter", "Address (A)")},
    {Field::DnsAaaa, "dns.aaaa", Type::Ipv6, QT_TRANSLATE_NOOP("DisplayFilter", "Address (AAAA)")},
    {Field::DnsPtrDomainName, "dns.ptr.domain_name", Type::String,
     QT_TRANSLATE_NOOP("DisplayFilter", "PTR domain name")},
    {Field::DnsCname, "dns.cname", Type::String,
     QT_TRANSLATE_NOOP("DisplayFilter", "Canonical name")},
    {Field::DnsNs, "dns.ns", Type::String, QT_TRANSLATE_NOOP("DisplayFilter", "Name server")},
    {Field::DnsSrvPriority, "dns.srv.priority", Type::UInt,
     QT_TRANSLATE_NOOP("DisplayFilter", "SRV priority")},
    {Field::DnsSrvWeight, "dns.srv.weight", Type::UInt,
     QT_TRANSLATE_NOOP("DisplayFilter", "SRV weight")},
    {Field::DnsSrvPort, "dns.srv.port", Type::UInt, QT_TRANSLATE_NOOP("DisplayFilter", "SRV port")},
    {Field::DnsSrvTarget, "dns.srv.target", Type::String,
     QT_TRANSLATE_NOOP("DisplayFilter", "SRV target")},
    {Field::DnsSrvService, "dns.srv.service", Type::String,
     QT_TRANSLATE_NOOP("DisplayFilter", "SRV service (first label)")},
    {Field::DnsSrvProto, "dns.srv.proto", Type::String,
     QT_TRANSLATE_NOOP("DisplayFilter", "SRV protocol (second label)")},
    {Field::DnsSrvName, "dns.srv.name", Type::String,
     QT_TRANSLATE_NOOP("DisplayFilter", "SRV name (the rest)")},
    {Field::DnsTxt, "dns.txt", Type::Bytes, QT_TRANSLATE_NOOP("DisplayFilter", "TXT string")},
    {Field::DnsTxtLength, "dns.txt.length", Type::UInt,
     QT_TRANSLATE_NOOP("DisplayFilter", "TXT string length")},
    {Field::DnsHinfoCpu, "dns.hinfo.cpu", Type::Bytes,
     QT_TRANSLATE_NOOP("DisplayFilter", "HINFO CPU")},
    {Field::DnsHinfoOs, "dns.hinfo.os", Type::Bytes,
     QT_TRANSLATE_NOOP("DisplayFilter", "HINFO OS")},
    {Field::DnsNsecNextDomainName, "dns.nsec.next_domain_name", Type::String,
     QT_TRANSLATE_NOOP("DisplayFilter", "NSEC next domain name")},
    {Field::DnsRrUdpPayloadSize, "dns.rr.udp_payload_size", Type::UInt,
     QT_TRANSLATE_NOOP("DisplayFilter", "EDNS UDP payload size")},
    {Field::DnsRespExtRcode, "dns.resp.ext_rcode", Type::UInt,
     QT_TRANSLATE_NOOP("DisplayFilter", "EDNS extended RCODE")},
    {Field::DnsRespEdns0Version, "dns.resp.edns0_version", Type::UInt,
     QT_TRANSLATE_NOOP("DisplayFilter", "EDNS version")},
};

struct Alias
{
    const char *name;
    Field field;
};
// Short names people type (Wireshark's own are the long ones).
constexpr Alias kAliases[]{
    {"dns.flags.qr", Field::DnsFlagsResponse},     {"dns.flags.aa", Field::DnsFlagsAuthoritative},
    {"dns.flags.tc", Field::DnsFlagsTruncated},    {"dns.flags.rd", Field::DnsFlagsRecdesired},
    {"dns.flags.ra", Field::DnsFlagsRecavail},     {"dns.flags.ad", Field::DnsFlagsAuthenticated},
    {"dns.flags.cd", Field::DnsFlagsCheckdisable},
};

bool isTypeField(Field f)
{
    return f == Field::DnsQryType || f == Field::DnsRespType;
}

bool isClassField(Field f)
{
    return f == Field::DnsQryClass || f == Field::DnsRespClass;
}

} // namespace

const QList<Info> &all()
{
    return kFields;
}

const Info &info(Field field)
{
    return kFields.at(qsizetype(field));
}

bool find(QStringView name, Field *field)
{
    for (const Info &i : kFields) {
        if (name == QLatin1StringView(i.name)) {
            *field = i.field;
            return true;
        }
    }
    for (const Alias &a : kAliases) {
        if (name == QLatin1StringView(a.name)) {
            *field = a.field;
            return true;
        }
    }
    return false;
}

bool namedValue(Field field, QStringView text, quint64 *value)
{
    const Type type = info(field).type;
    if (type == Type::Bool) {
        if (text.compare(u"true"_s, Qt::CaseInsensitive) == 0) {
            *value = 1;
            return true;
        }
        if (text.compare(u"false"_s, Qt::CaseInsensitive) == 0) {
            *value = 0;
            return true;
        }
        return false;
    }
    if (isTypeField(field)) {
        for (quint32 t = 1; t < 65536; ++t) {
            if (t == 255 && text == u"ANY"_s) {
                *value = t;
                return true;
            }
            if (text == DnsDecoder::typeName(quint16(t))) {
                *value = t;
                return true;
            }
        }
        return false;
    }
    if (isClassField(field)) {
        for (quint32 c = 1; c < 256; ++c) {
            if (text == DnsDecoder::className(quint16(c))) {
                *value = c;
                return true;
            }
        }
        return false;
    }
    return false;
}

} // namespace FilterFields

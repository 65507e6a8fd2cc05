#pragma once

#include <QByteArrayView>
#include <QList>
#include <QString>
#include <QStringView>

struct DnsMessage;
struct Packet;
class IpAddress;

// The fields a display filter can name: Wireshark's own names (as tshark 4.0 spells them)
// for everything mdnscope decodes: the frame, Ethernet, IPv4 / IPv6, UDP, every DNS header
// bit and count, every question and record field and the typed rdata. A field occurs as
// often in a packet as Wireshark adds it: once per question for dns.qry.*, once per record
// (answers, authorities and additionals alike) for dns.resp.*, twice for udp.port and
// ip.addr. As in Wireshark 4, an SRV record's owner name is not dns.resp.name but split into
// dns.srv.service, dns.srv.proto and dns.srv.name (the first label, the second, the rest).
// The protocol names (frame, eth, ip, ipv6, udp, mdns, dns) are fields without a
// value, present when the protocol is. Pure, any thread, nothing allocated when visiting.
namespace FilterFields {

enum class Type : quint8 { Protocol, Bool, UInt, String, Bytes, Ipv4, Ipv6, Ether };

enum class Field : quint8 {
    // protocols
    Frame,
    Eth,
    Ip,
    Ipv6,
    Udp,
    Mdns,
    Dns,
    // frame, Ethernet
    FrameNumber,
    FrameLen,
    EthSrc,
    EthDst,
    EthAddr,
    // IPv4, IPv6
    IpSrc,
    IpDst,
    IpAddr,
    IpTtl,
    IpProto,
    IpVersion,
    Ipv6Src,
    Ipv6Dst,
    Ipv6Addr,
    Ipv6Hlim,
    Ipv6Nxt,
    Ipv6Version,
    // UDP
    UdpSrcport,
    UdpDstport,
    UdpPort,
    UdpLength,
    // DNS header
    DnsId,
    DnsFlags,
    DnsFlagsResponse,
    DnsFlagsOpcode,
    DnsFlagsAuthoritative,
    DnsFlagsTruncated,
    DnsFlagsRecdesired,
    DnsFlagsRecavail,
    DnsFlagsZ,
    DnsFlagsAuthenticated,
    DnsFlagsCheckdisable,
    DnsFlagsRcode,
    DnsCountQueries,
    DnsCountAnswers,
    DnsCountAuthRr,
    DnsCountAddRr,
    // questions
    DnsQryName,
    DnsQryType,
    DnsQryClass,
    DnsQryQu,
    // records
    DnsRespName,
    DnsRespType,
    DnsRespClass,
    DnsRespCacheFlush,
    DnsRespTtl,
    DnsRespLen,
    // rdata
    DnsA,
    DnsAaaa,
    DnsPtrDomainName,
    DnsCname,
    DnsNs,
    DnsSrvPriority,
    DnsSrvWeight,
    DnsSrvPort,
    DnsSrvTarget,
    DnsSrvService,
    DnsSrvProto,
    DnsSrvName,
    DnsTxt,
    DnsTxtLength,
    DnsHinfoCpu,
    DnsHinfoOs,
    DnsNsecNextDomainName,
    DnsRrUdpPayloadSize,
    DnsRespExtRcode,
    DnsRespEdns0Version,
};

struct Info
{
    Field field;
    const char *name; // "dns.qry.name"
    Type type;
    const char *title; // a short English description (translated with context "DisplayFilter")
};

// Every field, in the order of Field.
const QList<Info> &all();
const Info &info(Field field);
// The field named `name` (aliases included: dns.flags.aa, dns.flags.qr, dns.flags.tc,
// dns.flags.rd, dns.flags.ra, dns.flags.ad, dns.flags.cd); false when there is none.
bool find(QStringView name, Field *field);

// One occurrence of a field in a packet: which member holds it depends on the field's Type
// (Protocol: none; Bool and UInt: number; String: text; Bytes: bytes; Ipv4/Ipv6: address;
// Ether: mac, 6 bytes). Views into the packet and its message: valid during the visit only.
struct Value
{
    quint64 number = 0;
    QStringView text;
    QByteArrayView bytes;
    const IpAddress *address = nullptr;
    const quint8 *mac = nullptr;
};

// What a filter looks at: the packet, its decoded message and its number.
struct Input
{
    const Packet &packet;
    const DnsMessage &message;
    quint64 number;
};

// Calls `visit(value)` for each occurrence of `field` in `input`, in packet order, until it
// returns true; returns whether it did (false when the field does not occur).
template<typename Visit>
bool visit(Field field, const Input &input, Visit &&visit);

// The named values Wireshark accepts for a numeric field ("SRV" for dns.resp.type, "IN"
// for a class, "True"/"False" for a boolean); false when `text` names none.
bool namedValue(Field field, QStringView text, quint64 *value);

} // namespace FilterFields

#include "FilterFieldsVisit.h"

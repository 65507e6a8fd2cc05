#pragma once

// The template part of FilterFields.h: where each field occurs in a packet. Included by it.

#include "DnsMessage.h"
#include "Packet.h"

namespace FilterFields {
namespace Detail {

inline quint16 headerFlags(const DnsHeader &h)
{
    return quint16((h.qr ? 0x8000 : 0) | (h.opcode & 0xF) << 11 | (h.aa ? 0x0400 : 0) |
                   (h.tc ? 0x0200 : 0) | (h.rd ? 0x0100 : 0) | (h.ra ? 0x0080 : 0) |
                   (h.z ? 0x0040 : 0) | (h.ad ? 0x0020 : 0) | (h.cd ? 0x0010 : 0) |
                   (h.rcode & 0xF));
}

// Wireshark adds the header only when all 12 bytes are there.
inline bool hasHeader(const DnsMessage &m)
{
    return m.header.span.length >= 12;
}

template<typename Visit>
bool number(quint64 n, Visit &visit)
{
    Value v;
    v.number = n;
    return visit(v);
}

template<typename Visit>
bool text(QStringView s, Visit &visit)
{
    Value v;
    v.text = s;
    return visit(v);
}

template<typename Visit>
bool bytes(QByteArrayView b, Visit &visit)
{
    Value v;
    v.bytes = b;
    return visit(v);
}

template<typename Visit>
bool address(const IpAddress &a, Visit &visit)
{
    Value v;
    v.address = &a;
    return visit(v);
}

template<typename Visit>
bool mac(const quint8 *m, Visit &visit)
{
    Value v;
    v.mac = m;
    return visit(v);
}

template<typename Visit>
bool present(Visit &visit)
{
    return visit(Value{});
}

// Wireshark splits an SRV record's owner name (when it is not the root) instead of adding it
// as dns.resp.name.
inline bool srvSplit(const DnsRecord &r)
{
    return r.type == DnsType::SRV && !r.name.isEmpty() && r.name != QLatin1StringView("<Root>");
}

// Each record field Wireshark adds for a record; OPT has no class, cache-flush or TTL.
template<typename Visit>
bool records(Field field, const DnsMessage &m, Visit &visit)
{
    for (const DnsRecord &r : m.records) {
        const bool opt = r.type == DnsType::OPT;
        bool hit = false;
        switch (field) {
        case Field::DnsRespName:
            hit = !srvSplit(r) && text(r.name, visit);
            break;
        case Field::DnsSrvService:
        case Field::DnsSrvProto:
        case Field::DnsSrvName:
            if (srvSplit(r)) {
                // g_strsplit(name, ".", 3): first label, second label, the rest.
                const QStringView name(r.name);
                const qsizetype dot1 = name.indexOf(u'.');
                const qsizetype dot2 = dot1 < 0 ? -1 : name.indexOf(u'.', dot1 + 1);
                if (field == Field::DnsSrvService)
                    hit = text(dot1 < 0 ? name : name.left(dot1), visit);
                else if (field == Field::DnsSrvProto && dot1 >= 0)
                    hit = text(dot2 < 0 ? name.mid(dot1 + 1) : name.mid(dot1 + 1, dot2 - dot1 - 1),
                               visit);
                else if (field == Field::DnsSrvName && dot2 >= 0)
                    hit = text(name.mid(dot2 + 1), visit);
            }
            break;
        case Field::DnsRespType:
            hit = number(r.type, visit);
            // Wireshark adds the types of an NSEC bitmap under the same field.
            for (qsizetype i = 0; !hit && r.type == DnsType::NSEC && i < r.nsecTypes.size(); ++i)
                hit = number(r.nsecTypes.at(i), visit);
            break;
        case Field::DnsRespClass:
            hit = !opt && number(r.rrclass, visit);
            break;
        case Field::DnsRespCacheFlush:
            hit = !opt && number(r.cacheFlush ? 1 : 0, visit);
            break;
        case Field::DnsRespTtl:
            hit = !opt && number(r.ttl, visit);
            break;
        case Field::DnsRespLen:
            hit = number(r.rdlength, visit);
            break;
        case Field::DnsA:
        case Field::DnsAaaa: {
            const bool v4 = field == Field::DnsA;
            if (r.type == (v4 ? DnsType::A : DnsType::AAAA) && r.address.size() == (v4 ? 4 : 16)) {
                const IpAddress a =
                    v4 ? IpAddress::fromV4(quint32(quint8(r.address[0])) << 24 |
                                           quint32(quint8(r.address[1])) << 16 |
                                           quint32(quint8(r.address[2])) << 8 |
                                           quint8(r.address[3]))
                       : IpAddress::fromV6(reinterpret_cast<const quint8 *>(r.address.constData()));
                hit = address(a, visit);
            }
            break;
        }
        case Field::DnsPtrDomainName:
            hit = r.type == DnsType::PTR && text(r.target, visit);
            break;
        case Field::DnsCname:
            hit = r.type == DnsType::CNAME && text(r.target, visit);
            break;
        case Field::DnsNs:
            hit = r.type == DnsType::NS && text(r.target, visit);
            break;
        case Field::DnsSrvPriority:
            hit = r.type == DnsType::SRV && r.rdlength >= 6 && number(r.priority, visit);
            break;
        case Field::DnsSrvWeight:
            hit = r.type == DnsType::SRV && r.rdlength >= 6 && number(r.weight, visit);
            break;
        case Field::DnsSrvPort:
            hit = r.type == DnsType::SRV && r.rdlength >= 6 && number(r.port, visit);
            break;
        case Field::DnsSrvTarget:
            hit = r.type == DnsType::SRV && r.rdlength >= 6 && text(r.target, visit);
            break;
        case Field::DnsTxt:
        case Field::DnsTxtLength:
            for (qsizetype i = 0; !hit && r.type == DnsType::TXT && i < r.txt.size(); ++i) {
                hit = field == Field::DnsTxt ? bytes(r.txt.at(i), visit)
                                             : number(quint64(r.txt.at(i).size()), visit);
            }
            break;
        case Field::DnsHinfoCpu:
            hit = r.type == DnsType::HINFO && r.rdlength > 0 && bytes(r.cpu, visit);
            break;
        case Field::DnsHinfoOs:
            hit = r.type == DnsType::HINFO && r.rdlength > 0 && bytes(r.os, visit);
            break;
        case Field::DnsNsecNextDomainName:
            hit = r.type == DnsType::NSEC && r.rdlength > 0 && text(r.target, visit);
            break;
        case Field::DnsRrUdpPayloadSize:
            hit = opt && number(r.rrclass, visit);
            break;
        case Field::DnsRespExtRcode:
            hit = opt && number(r.ttl >> 24, visit);
            break;
        case Field::DnsRespEdns0Version:
            hit = opt && number((r.ttl >> 16) & 0xFF, visit);
            break;
        default:
            return false;
        }
        if (hit)
            return true;
    }
    return false;
}

} // namespace Detail

template<typename Visit>
bool visit(Field field, const Input &input, Visit &&visit)
{
    using namespace Detail;
    const Packet &p = input.packet;
    const DnsMessage &m = input.message;
    const DnsHeader &h = m.header;
    const bool v4 = p.source.isV4();
    const bool v6 = p.source.isV6();
    const bool header = hasHeader(m);
    switch (field) {
    case Field::Frame:
    case Field::Udp:
    case Field::Mdns:
        return present(visit);
    case Field::Dns:
        return false; // Wireshark's mDNS packets are "mdns", never "dns"
    case Field::Eth:
        return p.macsKnown && present(visit);
    case Field::Ip:
        return v4 && present(visit);
    case Field::Ipv6:
        return v6 && present(visit);
    case Field::FrameNumber:
        return number(input.number, visit);
    case Field::FrameLen:
        return false; // the frame's length on the wire is not kept
    case Field::EthSrc:
        return p.macsKnown && mac(p.sourceMac.data(), visit);
    case Field::EthDst:
        return p.macsKnown && mac(p.destinationMac.data(), visit);
    case Field::EthAddr:
        return p.macsKnown &&
               (mac(p.sourceMac.data(), visit) || mac(p.destinationMac.data(), visit));
    case Field::IpSrc:
        return v4 && address(p.source, visit);
    case Field::IpDst:
        return v4 && address(p.destination, visit);
    case Field::IpAddr:
        return v4 && (address(p.source, visit) || address(p.destination, visit));
    case Field::IpTtl:
        return v4 && p.ttl >= 0 && number(quint64(p.ttl), visit);
    case Field::IpProto:
        return v4 && number(17, visit);
    case Field::IpVersion:
        return v4 && number(4, visit);
    case Field::Ipv6Src:
        return v6 && address(p.source, visit);
    case Field::Ipv6Dst:
        return v6 && address(p.destination, visit);
    case Field::Ipv6Addr:
        return v6 && (address(p.source, visit) || address(p.destination, visit));
    case Field::Ipv6Hlim:
        return v6 && p.ttl >= 0 && number(quint64(p.ttl), visit);
    case Field::Ipv6Nxt:
        return v6 && number(17, visit);
    case Field::Ipv6Version:
        return v6 && number(6, visit);
    case Field::UdpSrcport:
        return number(p.sourcePort, visit);
    case Field::UdpDstport:
        return number(p.destinationPort, visit);
    case Field::UdpPort:
        return number(p.sourcePort, visit) || number(p.destinationPort, visit);
    case Field::UdpLength:
        return number(quint64(qMax<qint64>(p.originalLength, p.data.size())) + 8, visit);
    case Field::DnsId:
        return header && number(h.id, visit);
    case Field::DnsFlags:
        return header && number(headerFlags(h), visit);
    case Field::DnsFlagsResponse:
        return header && number(h.qr, visit);
    case Field::DnsFlagsOpcode:
        return header && number(h.opcode, visit);
    // A query's flags in Wireshark: no AA, RA, answer-authenticated or rcode.
    case Field::DnsFlagsAuthoritative:
        return header && h.qr && number(h.aa, visit);
    case Field::DnsFlagsTruncated:
        return header && number(h.tc, visit);
    case Field::DnsFlagsRecdesired:
        return header && number(h.rd, visit);
    case Field::DnsFlagsRecavail:
        return header && h.qr && number(h.ra, visit);
    case Field::DnsFlagsZ:
        return header && number(h.z, visit);
    case Field::DnsFlagsAuthenticated:
        return header && h.qr && number(h.ad, visit);
    case Field::DnsFlagsCheckdisable:
        return header && number(h.cd, visit);
    case Field::DnsFlagsRcode:
        return header && h.qr && number(h.rcode, visit);
    case Field::DnsCountQueries:
        return header && number(h.questionCount, visit);
    case Field::DnsCountAnswers:
        return header && number(h.answerCount, visit);
    case Field::DnsCountAuthRr:
        return header && number(h.authorityCount, visit);
    case Field::DnsCountAddRr:
        return header && number(h.additionalCount, visit);
    case Field::DnsQryName:
    case Field::DnsQryType:
    case Field::DnsQryClass:
    case Field::DnsQryQu:
        for (const DnsQuestion &q : m.questions) {
            const bool hit = field == Field::DnsQryName    ? text(q.name, visit)
                             : field == Field::DnsQryType  ? number(q.type, visit)
                             : field == Field::DnsQryClass ? number(q.qclass, visit)
                                                           : number(q.unicastResponse, visit);
            if (hit)
                return true;
        }
        return false;
    default:
        return records(field, m, visit);
    }
}

} // namespace FilterFields

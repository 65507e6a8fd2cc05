#include "JsonLinesWriter.h"

#include "ByteAppend.h"
#include "DnsDecoder.h"
#include "ExportText.h"

#include <algorithm>
#include <array>

namespace {

using namespace ExportText;
using ByteAppend::byte;
using ByteAppend::literal;

// Type names as JSON literals, built once: the common types cost a memcpy.
constexpr int kCachedTypes = 256;

const std::array<QByteArray, kCachedTypes> &cachedTypeNames()
{
    static const std::array<QByteArray, kCachedTypes> names = [] {
        std::array<QByteArray, kCachedTypes> a;
        for (int t = 0; t < kCachedTypes; ++t)
            appendJsonString(a[t], DnsDecoder::typeName(quint16(t)));
        return a;
    }();
    return names;
}

void typeName(QByteArray &out, quint16 type)
{
    if (type < kCachedTypes) {
        const QByteArray &cached = cachedTypeNames()[type];
        ByteAppend::bytes(out, cached.constData(), cached.size());
    } else {
        appendJsonString(out, DnsDecoder::typeName(type));
    }
}

void address(QByteArray &out, const QByteArray &bytes)
{
    const auto *b = reinterpret_cast<const quint8 *>(bytes.constData());
    const IpAddress a = bytes.size() == 4
                            ? IpAddress::fromV4(quint32(b[0]) << 24 | quint32(b[1]) << 16 |
                                                quint32(b[2]) << 8 | quint32(b[3]))
                            : IpAddress::fromV6(b);
    literal(out, "{\"address\":\"");
    appendAddress(out, a);
    literal(out, "\"}");
}

void rdataHex(QByteArray &out, const DnsRecord &r)
{
    literal(out, "{\"rdata_hex\":");
    appendJsonHex(out, r.rdata);
    byte(out, '}');
}

void recordData(QByteArray &out, const DnsRecord &r)
{
    // Typed data only for rdata that was decoded to its end; otherwise the bytes.
    if (r.rdata.size() != r.rdlength) {
        rdataHex(out, r);
        return;
    }
    switch (r.type) {
    case DnsType::A:
    case DnsType::AAAA:
        if (r.address.size() == (r.type == DnsType::A ? 4 : 16))
            address(out, r.address);
        else
            rdataHex(out, r);
        return;
    case DnsType::PTR:
    case DnsType::CNAME:
    case DnsType::NS:
        literal(out, "{\"target\":");
        appendJsonString(out, r.target);
        byte(out, '}');
        return;
    case DnsType::SRV:
        literal(out, "{\"priority\":");
        appendNumber(out, r.priority);
        literal(out, ",\"weight\":");
        appendNumber(out, r.weight);
        literal(out, ",\"port\":");
        appendNumber(out, r.port);
        literal(out, ",\"target\":");
        appendJsonString(out, r.target);
        byte(out, '}');
        return;
    case DnsType::TXT:
        literal(out, "{\"strings\":[");
        for (qsizetype i = 0; i < r.txt.size(); ++i) {
            if (i)
                byte(out, ',');
            appendJsonCharacterString(out, r.txt.at(i));
        }
        literal(out, "]}");
        return;
    case DnsType::HINFO:
        literal(out, "{\"cpu\":");
        appendJsonCharacterString(out, r.cpu);
        literal(out, ",\"os\":");
        appendJsonCharacterString(out, r.os);
        byte(out, '}');
        return;
    case DnsType::NSEC:
        literal(out, "{\"next\":");
        appendJsonString(out, r.target);
        literal(out, ",\"types\":[");
        for (qsizetype i = 0; i < r.nsecTypes.size(); ++i) {
            if (i)
                byte(out, ',');
            typeName(out, r.nsecTypes.at(i));
        }
        literal(out, "]}");
        return;
    case DnsType::OPT:
        literal(out, "{\"udp_payload_size\":");
        appendNumber(out, r.rrclass);
        literal(out, ",\"options\":[");
        for (qsizetype i = 0; i < r.options.size(); ++i) {
            if (i)
                byte(out, ',');
            literal(out, "{\"code\":");
            appendNumber(out, r.options.at(i).code);
            literal(out, ",\"data_hex\":");
            appendJsonHex(out, r.options.at(i).data);
            byte(out, '}');
        }
        literal(out, "]}");
        return;
    default:
        rdataHex(out, r);
        return;
    }
}

void record(QByteArray &out, const DnsRecord &r)
{
    literal(out, "{\"name\":");
    appendJsonString(out, r.name);
    literal(out, ",\"type\":");
    typeName(out, r.type);
    literal(out, ",\"type_code\":");
    appendNumber(out, r.type);
    literal(out, ",\"class\":");
    appendNumber(out, r.rrclass);
    if (r.cacheFlush)
        literal(out, ",\"cache_flush\":true,\"ttl\":");
    else
        literal(out, ",\"cache_flush\":false,\"ttl\":");
    appendNumber(out, r.ttl);
    literal(out, ",\"data\":");
    recordData(out, r);
    byte(out, '}');
}

void section(QByteArray &out, const DnsMessage &m, DnsSection s)
{
    byte(out, '[');
    bool first = true;
    for (const DnsRecord &r : m.records) {
        if (r.section != s)
            continue;
        if (!first)
            byte(out, ',');
        first = false;
        record(out, r);
    }
    byte(out, ']');
}

void bit(QByteArray &out, bool value)
{
    byte(out, value ? '1' : '0');
}

} // namespace

void JsonLinesWriter::append(QByteArray &out, const Packet &p, const DnsMessage &m, qint64 index)
{
    literal(out, "{\"index\":");
    appendNumber(out, index);
    literal(out, ",\"time\":\"");
    appendTime(out, p.timestampNs);
    literal(out, "\",\"source\":\"");
    appendAddress(out, p.source);
    literal(out, "\",\"source_port\":");
    appendNumber(out, p.sourcePort);
    literal(out, ",\"destination\":\"");
    appendAddress(out, p.destination);
    literal(out, "\",\"destination_port\":");
    appendNumber(out, p.destinationPort);
    literal(out, ",\"interface\":");
    if (p.interfaceName.isEmpty())
        literal(out, "null");
    else
        appendJsonString(out, p.interfaceName);
    literal(out, ",\"ttl\":");
    if (p.ttl < 0)
        literal(out, "null");
    else
        appendNumber(out, p.ttl);
    literal(out, ",\"length\":");
    appendNumber(out, std::max<qint64>(p.originalLength, p.data.size()));

    const DnsHeader &h = m.header;
    if (h.span.length < 12) {
        literal(out, ",\"id\":null,\"flags\":null");
    } else {
        literal(out, ",\"id\":");
        appendNumber(out, h.id);
        literal(out, ",\"flags\":{\"qr\":");
        bit(out, h.qr);
        literal(out, ",\"opcode\":");
        appendNumber(out, h.opcode);
        literal(out, ",\"aa\":");
        bit(out, h.aa);
        literal(out, ",\"tc\":");
        bit(out, h.tc);
        literal(out, ",\"rd\":");
        bit(out, h.rd);
        literal(out, ",\"ra\":");
        bit(out, h.ra);
        literal(out, ",\"rcode\":");
        appendNumber(out, h.rcode);
        byte(out, '}');
    }

    literal(out, ",\"questions\":[");
    for (qsizetype i = 0; i < m.questions.size(); ++i) {
        const DnsQuestion &q = m.questions.at(i);
        if (i)
            byte(out, ',');
        literal(out, "{\"name\":");
        appendJsonString(out, q.name);
        literal(out, ",\"type\":");
        typeName(out, q.type);
        literal(out, ",\"type_code\":");
        appendNumber(out, q.type);
        literal(out, ",\"class\":");
        appendNumber(out, q.qclass);
        if (q.unicastResponse)
            literal(out, ",\"unicast_response\":true}");
        else
            literal(out, ",\"unicast_response\":false}");
    }
    literal(out, "],\"answers\":");
    section(out, m, DnsSection::Answer);
    literal(out, ",\"authorities\":");
    section(out, m, DnsSection::Authority);
    literal(out, ",\"additionals\":");
    section(out, m, DnsSection::Additional);

    literal(out, ",\"malformed\":");
    if (m.error) {
        literal(out, "{\"offset\":");
        appendNumber(out, m.error->offset);
        literal(out, ",\"reason\":");
        appendJsonString(out, m.error->reason);
        byte(out, '}');
    } else {
        literal(out, "null");
    }
    byte(out, '}');
}

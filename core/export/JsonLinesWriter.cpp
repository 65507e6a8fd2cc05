#include "JsonLinesWriter.h"

#include "AddressText.h"
#include "ByteSink.h"
#include "DnsDecoder.h"
#include "DnsText.h"
#include "ExportText.h"

#include <algorithm>
#include <array>

namespace {

using namespace ExportText;

void str(ByteSink &s, QStringView v)
{
    s.commit(putJsonString(s.room(maxJsonStringBytes(v.size())), v));
}

// A name in presentation form: the root as "." (a label "<Root>" or "." is escaped by the
// decoder, see DnsText::nameToText, so "." is only ever the root).
void name(ByteSink &s, const QString &text)
{
    str(s, DnsText::presentationName(text));
}

void num(ByteSink &s, qint64 v)
{
    s.commit(putNumber(s.room(kMaxNumberBytes), v));
}

void chars(ByteSink &s, QByteArrayView v)
{
    s.commit(putJsonCharacterString(s.room(maxJsonCharacterStringBytes(v.size())), v));
}

void hex(ByteSink &s, QByteArrayView v)
{
    s.commit(putJsonHex(s.room(maxJsonHexBytes(v.size())), v));
}

void addr(ByteSink &s, const IpAddress &a)
{
    s.commit(AddressText::put(s.room(AddressText::kMaxChars), a));
}

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

void typeName(ByteSink &out, quint16 type)
{
    if (type < kCachedTypes) {
        const QByteArray &cached = cachedTypeNames()[type];
        out.bytes(cached.constData(), cached.size());
    } else {
        str(out, DnsDecoder::typeName(type));
    }
}

void address(ByteSink &out, const QByteArray &bytes)
{
    out.literal("{\"address\":\"");
    out.commit(AddressText::put(out.room(AddressText::kMaxChars), QByteArrayView(bytes)));
    out.literal("\"}");
}

void rdataHex(ByteSink &out, const DnsRecord &r)
{
    out.literal("{\"rdata_hex\":");
    hex(out, r.rdata);
    out.byte('}');
}

void recordData(ByteSink &out, const DnsRecord &r)
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
        out.literal("{\"target\":");
        name(out, r.target);
        out.byte('}');
        return;
    case DnsType::SRV:
        out.literal("{\"priority\":");
        num(out, r.priority);
        out.literal(",\"weight\":");
        num(out, r.weight);
        out.literal(",\"port\":");
        num(out, r.port);
        out.literal(",\"target\":");
        name(out, r.target);
        out.byte('}');
        return;
    case DnsType::TXT:
        out.literal("{\"strings\":[");
        for (qsizetype i = 0; i < r.txt.size(); ++i) {
            if (i)
                out.byte(',');
            chars(out, r.txt.at(i));
        }
        out.literal("]}");
        return;
    case DnsType::HINFO:
        out.literal("{\"cpu\":");
        chars(out, r.cpu);
        out.literal(",\"os\":");
        chars(out, r.os);
        out.byte('}');
        return;
    case DnsType::NSEC:
        out.literal("{\"next\":");
        name(out, r.target);
        out.literal(",\"types\":[");
        for (qsizetype i = 0; i < r.nsecTypes.size(); ++i) {
            if (i)
                out.byte(',');
            typeName(out, r.nsecTypes.at(i));
        }
        out.literal("]}");
        return;
    case DnsType::OPT:
        out.literal("{\"udp_payload_size\":");
        num(out, r.rrclass);
        out.literal(",\"options\":[");
        for (qsizetype i = 0; i < r.options.size(); ++i) {
            if (i)
                out.byte(',');
            out.literal("{\"code\":");
            num(out, r.options.at(i).code);
            out.literal(",\"data_hex\":");
            hex(out, r.options.at(i).data);
            out.byte('}');
        }
        out.literal("]}");
        return;
    default:
        rdataHex(out, r);
        return;
    }
}

void record(ByteSink &out, const DnsRecord &r)
{
    out.literal("{\"name\":");
    name(out, r.name);
    out.literal(",\"type\":");
    typeName(out, r.type);
    out.literal(",\"type_code\":");
    num(out, r.type);
    out.literal(",\"class\":");
    num(out, r.rrclass);
    if (r.cacheFlush)
        out.literal(",\"cache_flush\":true,\"ttl\":");
    else
        out.literal(",\"cache_flush\":false,\"ttl\":");
    num(out, r.ttl);
    out.literal(",\"data\":");
    recordData(out, r);
    out.byte('}');
}

void section(ByteSink &out, const DnsMessage &m, DnsSection s)
{
    out.byte('[');
    bool first = true;
    for (const DnsRecord &r : m.records) {
        if (r.section != s)
            continue;
        if (!first)
            out.byte(',');
        first = false;
        record(out, r);
    }
    out.byte(']');
}

void bit(ByteSink &out, bool value)
{
    out.byte(value ? '1' : '0');
}

} // namespace

void JsonLinesWriter::append(QByteArray &out, const Packet &p, const DnsMessage &m, qint64 index)
{
    ByteSink sink(out);
    append(sink, p, m, index);
}

void JsonLinesWriter::append(ByteSink &out, const Packet &p, const DnsMessage &m, qint64 index)
{
    out.literal("{\"index\":");
    num(out, index);
    out.literal(",\"time\":\"");
    out.commit(putTime(out.room(kMaxTimeBytes), p.timestampNs));
    out.literal("\",\"source\":\"");
    addr(out, p.source);
    out.literal("\",\"source_port\":");
    num(out, p.sourcePort);
    out.literal(",\"destination\":\"");
    addr(out, p.destination);
    out.literal("\",\"destination_port\":");
    num(out, p.destinationPort);
    out.literal(",\"interface\":");
    if (p.interfaceName.isEmpty())
        out.literal("null");
    else
        str(out, p.interfaceName);
    out.literal(",\"ttl\":");
    if (p.ttl < 0)
        out.literal("null");
    else
        num(out, p.ttl);
    out.literal(",\"length\":");
    num(out, std::max<qint64>(p.originalLength, p.data.size()));
    if (!p.comments.isEmpty()) { // only packets from a pcapng file with opt_comment have it
        out.literal(",\"comments\":[");
        for (qsizetype i = 0; i < p.comments.size(); ++i) {
            if (i)
                out.byte(',');
            str(out, p.comments.at(i));
        }
        out.byte(']');
    }

    const DnsHeader &h = m.header;
    if (h.span.length < 12) {
        out.literal(",\"id\":null,\"flags\":null");
    } else {
        out.literal(",\"id\":");
        num(out, h.id);
        out.literal(",\"flags\":{\"qr\":");
        bit(out, h.qr);
        out.literal(",\"opcode\":");
        num(out, h.opcode);
        out.literal(",\"aa\":");
        bit(out, h.aa);
        out.literal(",\"tc\":");
        bit(out, h.tc);
        out.literal(",\"rd\":");
        bit(out, h.rd);
        out.literal(",\"ra\":");
        bit(out, h.ra);
        out.literal(",\"rcode\":");
        num(out, h.rcode);
        out.byte('}');
    }

    out.literal(",\"questions\":[");
    for (qsizetype i = 0; i < m.questions.size(); ++i) {
        const DnsQuestion &q = m.questions.at(i);
        if (i)
            out.byte(',');
        out.literal("{\"name\":");
        name(out, q.name);
        out.literal(",\"type\":");
        typeName(out, q.type);
        out.literal(",\"type_code\":");
        num(out, q.type);
        out.literal(",\"class\":");
        num(out, q.qclass);
        if (q.unicastResponse)
            out.literal(",\"unicast_response\":true}");
        else
            out.literal(",\"unicast_response\":false}");
    }
    out.literal("],\"answers\":");
    section(out, m, DnsSection::Answer);
    out.literal(",\"authorities\":");
    section(out, m, DnsSection::Authority);
    out.literal(",\"additionals\":");
    section(out, m, DnsSection::Additional);

    out.literal(",\"malformed\":");
    if (m.error) {
        out.literal("{\"offset\":");
        num(out, m.error->offset);
        out.literal(",\"reason\":");
        str(out, m.error->reason);
        out.byte('}');
    } else {
        out.literal("null");
    }
    out.byte('}');
}

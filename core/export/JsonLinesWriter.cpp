#include "JsonLinesWriter.h"

#include "AddressText.h"
#include "ByteSink.h"
#include "DnsDecoder.h"
#include "DnsText.h"
#include "EndianReader.h"
#include "ExportText.h"

#include <algorithm>
#include <array>
#include <cstring>

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

// A record's members after its name, up to "data":.
void recordHead(ByteSink &out, quint16 type, quint16 rrclass, bool cacheFlush, quint32 ttl)
{
    out.literal(",\"type\":");
    typeName(out, type);
    out.literal(",\"type_code\":");
    num(out, type);
    out.literal(",\"class\":");
    num(out, rrclass);
    if (cacheFlush)
        out.literal(",\"cache_flush\":true,\"ttl\":");
    else
        out.literal(",\"cache_flush\":false,\"ttl\":");
    num(out, ttl);
    out.literal(",\"data\":");
}

void record(ByteSink &out, const DnsRecord &r)
{
    out.literal("{\"name\":");
    name(out, r.name);
    recordHead(out, r.type, r.rrclass, r.cacheFlush, r.ttl);
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

namespace {

// The members every line starts with, up to and including the header's.
void packetMembers(ByteSink &out, const Packet &p, const DnsHeader &h, qint64 index)
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
}

// A question's members after its name.
void questionRest(ByteSink &out, quint16 type, quint16 qclass, bool unicastResponse)
{
    out.literal(",\"type\":");
    typeName(out, type);
    out.literal(",\"type_code\":");
    num(out, type);
    out.literal(",\"class\":");
    num(out, qclass);
    if (unicastResponse)
        out.literal(",\"unicast_response\":true}");
    else
        out.literal(",\"unicast_response\":false}");
}

// --- straight from the wire (DnsWire::Message) ---

// A scanned name as a JSON string: its text (DnsWire::putName) escaped.
void wireName(ByteSink &out, const DnsWire::Message &m, quint32 offset)
{
    // Written in place, then quoted; a name's text has no control characters (DnsText
    // escapes them), so it needs JSON escapes only for a '"' or a '\\' in it.
    char *w = out.room(maxJsonStringBytes(DnsWire::kMaxNameBytes));
    char *const text = w + 1;
    const qsizetype n = DnsWire::putName(text, m, offset) - text;
    if (std::memchr(text, '"', size_t(n)) || std::memchr(text, '\\', size_t(n))) {
        std::array<char, DnsWire::kMaxNameBytes> copy;
        std::memcpy(copy.data(), text, size_t(n));
        out.commit(putJsonUtf8String(w, QByteArrayView(copy.data(), n)));
        return;
    }
    *w = '"';
    text[n] = '"';
    out.commit(text + n + 1);
}

void wireHex(ByteSink &out, const uchar *bytes, qsizetype n)
{
    hex(out, QByteArrayView(bytes, n));
}

void wireRecordData(ByteSink &out, const DnsWire::Message &m, const DnsWire::Record &r)
{
    const uchar *d = m.data + r.rdata;
    const quint32 end = r.rdata + r.rdlength;
    switch (r.type) {
    case DnsType::A:
    case DnsType::AAAA:
        out.literal("{\"address\":\"");
        out.commit(AddressText::put(out.room(AddressText::kMaxChars), m.rdata(r)));
        out.literal("\"}");
        return;
    case DnsType::PTR:
    case DnsType::CNAME:
    case DnsType::NS:
        out.literal("{\"target\":");
        wireName(out, m, r.rdata);
        out.byte('}');
        return;
    case DnsType::SRV:
        out.literal("{\"priority\":");
        num(out, EndianReader::big16(d));
        out.literal(",\"weight\":");
        num(out, EndianReader::big16(d + 2));
        out.literal(",\"port\":");
        num(out, EndianReader::big16(d + 4));
        out.literal(",\"target\":");
        wireName(out, m, r.rdata + 6);
        out.byte('}');
        return;
    case DnsType::TXT:
        out.literal("{\"strings\":[");
        for (quint32 p = r.rdata; p < end; p += 1 + m.data[p]) {
            if (p != r.rdata)
                out.byte(',');
            chars(out, QByteArrayView(m.data + p + 1, m.data[p]));
        }
        out.literal("]}");
        return;
    case DnsType::HINFO:
        out.literal("{\"cpu\":");
        chars(out, QByteArrayView(d + 1, d[0]));
        out.literal(",\"os\":");
        chars(out, QByteArrayView(d + 2 + d[0], d[1 + d[0]]));
        out.byte('}');
        return;
    case DnsType::NSEC: {
        out.literal("{\"next\":");
        wireName(out, m, r.rdata);
        out.literal(",\"types\":[");
        bool first = true;
        DnsWire::forEachNsecType(m, r, [&](quint16 type) {
            if (!first)
                out.byte(',');
            first = false;
            typeName(out, type);
        });
        out.literal("]}");
        return;
    }
    case DnsType::OPT:
        out.literal("{\"udp_payload_size\":");
        num(out, r.rrclass);
        out.literal(",\"options\":[");
        for (quint32 p = r.rdata; p < end;) {
            const quint16 length = EndianReader::big16(m.data + p + 2);
            if (p != r.rdata)
                out.byte(',');
            out.literal("{\"code\":");
            num(out, EndianReader::big16(m.data + p));
            out.literal(",\"data_hex\":");
            wireHex(out, m.data + p + 4, length);
            out.byte('}');
            p += 4 + length;
        }
        out.literal("]}");
        return;
    default:
        out.literal("{\"rdata_hex\":");
        wireHex(out, d, r.rdlength);
        out.byte('}');
        return;
    }
}

void wireSection(ByteSink &out, const DnsWire::Message &m, DnsSection s)
{
    out.byte('[');
    bool first = true;
    for (const DnsWire::Record &r : m.records) {
        if (r.section != s)
            continue;
        if (!first)
            out.byte(',');
        first = false;
        out.literal("{\"name\":");
        wireName(out, m, r.name);
        recordHead(out, r.type, r.dnsClass(), r.cacheFlush(), r.ttl);
        wireRecordData(out, m, r);
        out.byte('}');
    }
    out.byte(']');
}

} // namespace

void JsonLinesWriter::append(ByteSink &out, const Packet &p, const DnsMessage &m, qint64 index)
{
    packetMembers(out, p, m.header, index);
    out.literal(",\"questions\":[");
    for (qsizetype i = 0; i < m.questions.size(); ++i) {
        const DnsQuestion &q = m.questions.at(i);
        if (i)
            out.byte(',');
        out.literal("{\"name\":");
        name(out, q.name);
        questionRest(out, q.type, q.qclass, q.unicastResponse);
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

void JsonLinesWriter::append(ByteSink &out, const Packet &p, const DnsWire::Message &m,
                             qint64 index)
{
    packetMembers(out, p, m.header, index);
    out.literal(",\"questions\":[");
    for (size_t i = 0; i < m.questions.size(); ++i) {
        const DnsWire::Question &q = m.questions[i];
        if (i)
            out.byte(',');
        out.literal("{\"name\":");
        wireName(out, m, q.name);
        questionRest(out, q.type, q.qclass & 0x7FFF, q.qclass & 0x8000);
    }
    out.literal("],\"answers\":");
    wireSection(out, m, DnsSection::Answer);
    out.literal(",\"authorities\":");
    wireSection(out, m, DnsSection::Authority);
    out.literal(",\"additionals\":");
    wireSection(out, m, DnsSection::Additional);
    out.literal(",\"malformed\":null}");
}

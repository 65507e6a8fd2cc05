#include "DnsWire.h"

#include "AddressText.h"
#include "ByteSink.h"
#include "DnsFieldLabels.h"
#include "DnsRdataDecoder.h"
#include "DnsText.h"
#include "EndianReader.h"

#include <QString>

#include <array>
#include <charconv>
#include <cstring>
#include <utility>

using namespace Qt::StringLiterals;

namespace {

// Fewer than DnsNameReader::kMaxJumps (255): a name past this is left to decode().
constexpr int kMaxJumps = 200;

constexpr quint32 kPointerTargets = 0x4000; // a compression pointer holds 14 bits

// Skips the name at `pos` whose in-place bytes must end by `limit` (<= size), checking what
// DnsNameReader checks (every label within the bytes it may use, no reserved label type,
// pointers inside the message, at most 255 bytes of name); returns the offset after its
// in-place bytes, or 0 when DnsNameReader would refuse the name or this scan is not sure of it
// (a pointer not below the one before it: loops are then impossible). A pointer to a label
// whose rest was checked before in this message (Message::known) takes that rest as checked.
quint32 skipName(DnsWire::Message &m, quint32 pos, quint32 limit)
{
    const uchar *d = m.data;
    const quint32 size = m.size;
    quint32 end = limit;
    quint32 wireLength = 1;
    quint32 after = 0;       // the end of the in-place bytes, once a pointer was followed
    quint32 below = 0x10000; // the next pointer must point below this
    quint32 jumps = 0;
    // This name's labels: where, the name's length and jumps before each, and the target of
    // the first pointer after it (none: 0x10000).
    struct Label
    {
        quint32 pos;
        quint32 wireBefore;
        quint32 jumpsBefore;
        quint32 nextTarget;
    };
    std::array<Label, 128> labels; // 255 bytes hold at most 127 labels
    int count = 0;
    int sincePointer = 0; // the labels since the last pointer
    for (;;) {
        if (pos >= end)
            return 0;
        const uchar length = d[pos];
        if (length == 0)
            break;
        const uchar kind = length & 0xC0;
        if (kind == 0xC0) {
            if (pos + 2 > end)
                return 0;
            const quint32 target = EndianReader::big16(d + pos) & 0x3FFF;
            if (target >= size || target >= below || ++jumps > quint32(kMaxJumps))
                return 0;
            if (!after)
                after = pos + 2;
            for (int i = sincePointer; i < count; ++i)
                labels[i].nextTarget = target;
            sincePointer = count;
            below = target;
            pos = target;
            end = size;
            const DnsWire::Message::Known &k = m.known[target];
            if (k.checked == m.generation) {
                // Its pointers all point below `target`: the chain still descends.
                wireLength += k.wireLength - 1u;
                jumps += k.jumps;
                if (wireLength > 255 || jumps > quint32(kMaxJumps))
                    return 0;
                break;
            }
            continue;
        }
        if (kind != 0)
            return 0;
        if (pos + 1 + length > end)
            return 0;
        labels[count++] = Label{pos, wireLength, jumps, 0x10000};
        wireLength += 1 + length;
        if (wireLength > 255)
            return 0;
        pos += 1 + length;
    }
    // Remembered: each label whose rest points only below it (so a pointer to it continues a
    // descending chain).
    for (int i = 0; i < count; ++i) {
        const Label &l = labels[i];
        if (l.pos < kPointerTargets && (l.nextTarget < l.pos || l.nextTarget == 0x10000)) {
            DnsWire::Message::Known &k = m.known[l.pos];
            k.checked = m.generation;
            k.wireLength = quint16(wireLength - l.wireBefore + 1);
            k.jumps = quint16(jumps - l.jumpsBefore);
        }
    }
    return after ? after : pos + 1;
}

// The rdata of a record, checked as DnsRdataDecoder decodes it: true when it decodes to its end
// without an error.
bool rdataWellFormed(DnsWire::Message &m, quint16 type, quint32 pos, quint32 end)
{
    const uchar *d = m.data;
    switch (type) {
    case DnsType::A:
        return end - pos == 4;
    case DnsType::AAAA:
        return end - pos == 16;
    case DnsType::PTR:
    case DnsType::CNAME:
    case DnsType::NS:
        return skipName(m, pos, end) == end;
    case DnsType::SRV:
        return end - pos >= 6 && skipName(m, pos + 6, end) == end;
    case DnsType::TXT:
        while (pos < end) {
            const quint32 length = d[pos];
            if (end - pos - 1 < length)
                return false;
            pos += 1 + length;
        }
        return true;
    case DnsType::HINFO:
        for (int i = 0; i < 2; ++i) {
            if (end - pos < 1 || end - pos - 1 < d[pos])
                return false;
            pos += 1 + d[pos];
        }
        return pos == end;
    case DnsType::NSEC: {
        pos = skipName(m, pos, end);
        if (!pos)
            return false;
        int lastWindow = -1;
        while (pos < end) {
            if (end - pos < 2)
                return false;
            const int window = d[pos];
            const quint32 length = d[pos + 1];
            if (length == 0 || length > 32 || window <= lastWindow || end - pos - 2 < length)
                return false;
            lastWindow = window;
            pos += 2 + length;
        }
        return true;
    }
    case DnsType::OPT:
        while (pos < end) {
            if (end - pos < 4)
                return false;
            const quint32 length = EndianReader::big16(d + pos + 2);
            if (end - pos - 4 < length)
                return false;
            pos += 4 + length;
        }
        return true;
    default:
        return true;
    }
}

// The words of the summary (DnsFieldLabels::english()) in UTF-8, made once.
struct SummaryWords
{
    // Each kind's pattern "<before>%1<after>"
    struct Pattern
    {
        QByteArray before, after;
    };
    Pattern query, probe, response, announcement, goodbyes, more, rcode;
    QByteArray qu, goodbye, empty;

    static const SummaryWords &instance()
    {
        static const SummaryWords words = [] {
            const DnsFieldLabels &l = DnsFieldLabels::english();
            const auto split = [](const QString &pattern) {
                const qsizetype at = pattern.indexOf(u"%1");
                Q_ASSERT(at >= 0);
                return Pattern{pattern.first(at).toUtf8(), pattern.sliced(at + 2).toUtf8()};
            };
            SummaryWords w;
            w.query = split(l.summaryQuery);
            w.probe = split(l.summaryProbe);
            w.response = split(l.summaryResponse);
            w.announcement = split(l.summaryAnnouncement);
            w.goodbyes = split(l.summaryGoodbyes);
            w.more = split(l.summaryMore);
            w.rcode = split(l.summaryRcode);
            w.qu = l.summaryQu.toUtf8();
            w.goodbye = l.summaryGoodbye.toUtf8();
            w.empty = l.summaryEmpty.toUtf8();
            return w;
        }();
        return words;
    }
};

void put(ByteSink &out, const QByteArray &text)
{
    out.bytes(text.constData(), text.size());
}

void putNumber(ByteSink &out, quint64 value)
{
    char *w = out.room(20);
    out.commit(std::to_chars(w, w + 20, value).ptr);
}

// Type names in UTF-8, made once for the types below kCachedTypes.
constexpr int kCachedTypes = 300;

const std::array<QByteArray, kCachedTypes> &typeNames()
{
    static const std::array<QByteArray, kCachedTypes> names = [] {
        std::array<QByteArray, kCachedTypes> a;
        for (int t = 0; t < kCachedTypes; ++t)
            a[t] = DnsDecoder::typeName(quint16(t)).toUtf8();
        return a;
    }();
    return names;
}

// '"' + the character-string escaped as DnsText::Escape::Quoted + '"'
void putQuoted(ByteSink &out, const uchar *bytes, qsizetype length)
{
    char *w = out.room(2 + DnsText::maxEscapedLength(length));
    *w++ = '"';
    w = DnsText::appendEscapedUtf8(w, bytes, length, DnsText::Escape::Quoted);
    *w++ = '"';
    out.commit(w);
}

void putHex(ByteSink &out, const uchar *bytes, qsizetype length)
{
    static constexpr char kHex[] = "0123456789abcdef";
    char *w = out.room(2 * length);
    for (qsizetype i = 0; i < length; ++i) {
        *w++ = kHex[bytes[i] >> 4];
        *w++ = kHex[bytes[i] & 0xF];
    }
    out.commit(w);
}

void putTypeList(ByteSink &out, const DnsWire::Message &m, const DnsWire::Record &r)
{
    bool first = true;
    DnsWire::forEachNsecType(m, r, [&](quint16 type) {
        if (!first)
            out.byte(' ');
        first = false;
        DnsWire::appendTypeName(out, type);
    });
}

char *formName(char *w, const DnsWire::Message &m, quint32 offset, bool remember);

void putNameText(ByteSink &out, const DnsWire::Message &m, quint32 offset)
{
    out.commit(formName(out.room(DnsWire::kMaxNameBytes), m, offset, false));
}

// DnsDecoderText's rdata text (English, names with the root as ".") of a scanned record.
void putRdataText(ByteSink &out, const DnsWire::Message &m, const DnsWire::Record &r)
{
    const uchar *d = m.data + r.rdata;
    switch (r.type) {
    case DnsType::A:
    case DnsType::AAAA:
        out.commit(AddressText::put(out.room(AddressText::kMaxChars), m.rdata(r)));
        return;
    case DnsType::PTR:
    case DnsType::CNAME:
    case DnsType::NS:
        putNameText(out, m, r.rdata);
        return;
    case DnsType::SRV:
        putNumber(out, EndianReader::big16(d));
        out.byte(' ');
        putNumber(out, EndianReader::big16(d + 2));
        out.byte(' ');
        putNumber(out, EndianReader::big16(d + 4));
        out.byte(' ');
        putNameText(out, m, r.rdata + 6);
        return;
    case DnsType::HINFO:
        putQuoted(out, d + 1, d[0]);
        out.byte(' ');
        putQuoted(out, d + 2 + d[0], d[1 + d[0]]);
        return;
    case DnsType::OPT: {
        // Rarely a summary's item (only when a response carries nothing else): formed as
        // DnsDecoderText forms it.
        const DnsFieldLabels &l = DnsFieldLabels::english();
        QString text =
            l.optPayload.arg(r.rrclass) + u", "_s + l.optVersion.arg((r.ttl >> 16) & 0xFF);
        if (r.ttl >> 24)
            text += u", "_s + l.optExtendedRcode.arg(r.ttl >> 24);
        if (r.ttl & 0x8000)
            text += u", "_s + l.optDo;
        for (quint32 p = r.rdata; p < r.rdata + r.rdlength;
             p += 4 + EndianReader::big16(m.data + p + 2))
            text += u", "_s + DnsRdataDecoder::ednsOptionName(EndianReader::big16(m.data + p));
        const QByteArray utf8 = text.toUtf8();
        out.bytes(utf8.constData(), utf8.size());
        return;
    }
    default:
        break;
    }
    constexpr qsizetype kMaxHexBytes = 32;
    if (r.rdlength <= kMaxHexBytes) {
        putHex(out, d, r.rdlength);
    } else {
        putHex(out, d, kMaxHexBytes);
        out.literal("\u2026");
    }
}

// DnsDecoderText's appendShortData.
void putShortData(ByteSink &out, const DnsWire::Message &m, const DnsWire::Record &r)
{
    switch (r.type) {
    case DnsType::TXT: {
        if (r.rdlength == 0)
            return;
        const uchar *d = m.data + r.rdata;
        putQuoted(out, d + 1, d[0]);
        if (quint32(1) + d[0] < r.rdlength)
            out.literal(" \u2026");
        return;
    }
    case DnsType::NSEC:
        putTypeList(out, m, r);
        return;
    default:
        putRdataText(out, m, r);
        return;
    }
}

constexpr qsizetype kShown = 3; // as DnsDecoderText's

// Whether the (scanned) names at `a` and `b` have the same text: DnsDecoderText compares the
// decoded texts, and a name's text is its labels' bytes, escaped one to one. Names that point at
// the same place (an SRV's owner at its PTR's target) are the same without a look at a byte.
bool sameName(const DnsWire::Message &m, quint32 a, quint32 b)
{
    const uchar *d = m.data;
    for (;;) {
        while ((d[a] & 0xC0) == 0xC0)
            a = EndianReader::big16(d + a) & 0x3FFF;
        while ((d[b] & 0xC0) == 0xC0)
            b = EndianReader::big16(d + b) & 0x3FFF;
        if (a == b)
            return true;
        const uchar length = d[a];
        if (length != d[b] || std::memcmp(d + a + 1, d + b + 1, length) != 0)
            return false;
        if (length == 0)
            return true;
        a += 1 + length;
        b += 1 + length;
    }
}

void putItems(ByteSink &out, const DnsWire::Message &m, DnsDecoder::MessageKind kind)
{
    using Kind = DnsDecoder::MessageKind;
    const SummaryWords &words = SummaryWords::instance();
    std::array<qsizetype, 4> more{};
    for (const DnsWire::Record &r : m.records)
        ++more[int(r.section)];
    qsizetype listed = 0;
    if (kind == Kind::Query || kind == Kind::Probe) {
        const auto total = qsizetype(m.questions.size());
        listed = qMin(total, kShown);
        more[0] = total - listed;
        for (qsizetype i = 0; i < listed; ++i) {
            const DnsWire::Question &q = m.questions[size_t(i)];
            if (i)
                out.literal(", ");
            putNameText(out, m, q.name);
            out.byte(' ');
            DnsWire::appendTypeName(out, q.type);
            if (q.qclass & 0x8000) {
                out.byte(' ');
                put(out, words.qu);
            }
        }
    } else {
        DnsSection shown = DnsSection::Answer;
        for (DnsSection s : {DnsSection::Answer, DnsSection::Authority, DnsSection::Additional}) {
            if (more[int(s)] > 0) {
                shown = s;
                break;
            }
        }
        const bool goodbye = kind == Kind::Goodbye;
        // The previous item's owner and target (0: none; a name never starts at offset 0).
        quint32 previousName = 0;
        quint32 previousTarget = 0;
        for (const DnsWire::Record &r : m.records) {
            if (r.section != shown || listed == kShown)
                continue;
            --more[int(shown)];
            if (listed++)
                out.literal(", ");
            if (!(previousName && (sameName(m, r.name, previousName) ||
                                   (previousTarget && sameName(m, r.name, previousTarget))))) {
                putNameText(out, m, r.name);
                out.byte(' ');
            }
            DnsWire::appendTypeName(out, r.type);
            out.byte(' ');
            const qsizetype dataAt = out.size();
            putShortData(out, m, r);
            if (out.size() == dataAt)
                out.commit(out.room(0) - 1); // no data: no space before it
            if (r.ttl == 0 && r.type != DnsType::OPT && !goodbye) {
                out.byte(' ');
                put(out, words.goodbye);
            }
            previousName = r.name;
            previousTarget = r.target();
        }
    }
    if (listed == 0)
        put(out, words.empty);
    static constexpr std::array<const char *, 4> kSections{" qd", " an", " ns", " ar"};
    for (int s = 0; s < 4; ++s) {
        if (more[s] == 0)
            continue;
        out.literal(", ");
        put(out, words.more.before);
        putNumber(out, quint64(more[s]));
        put(out, words.more.after);
        out.bytes(kSections[s], 3);
    }
}

// DnsWire::putName(); `remember`: keep the text for the names that point here later (the
// exports write every name; the summary only a few, seldom pointed at again).
char *formName(char *w, const DnsWire::Message &m, quint32 offset, bool remember)
{
    using DnsWire::Message;
    char *const begin = w;
    const uchar *d = m.data;
    quint32 pos = offset;
    // This name's labels: where, and where their text starts.
    struct Label
    {
        quint32 pos;
        quint32 at;
    };
    std::array<Label, 128> labels;
    int count = 0;
    for (;;) {
        const uchar length = d[pos];
        if (length == 0)
            break;
        if ((length & 0xC0) == 0xC0) {
            pos = EndianReader::big16(d + pos) & 0x3FFF;
            const Message::Known &k = m.known[pos];
            if (k.formed == m.generation) { // the rest was formed before: copied
                if (w != begin)
                    *w++ = '.';
                std::memcpy(w, m.text.data() + k.textAt, k.textLength);
                w += k.textLength;
                break;
            }
            continue;
        }
        if (w != begin)
            *w++ = '.';
        if (pos < kPointerTargets)
            labels[count++] = Label{pos, quint32(w - begin)};
        w = DnsText::appendEscapedUtf8(w, d + pos + 1, length, DnsText::Escape::Label);
        pos += 1 + length;
    }
    if (remember && count > 0) {
        // The text from each label on, for the names that point there later.
        const auto at = quint32(m.text.size());
        const auto total = quint32(w - begin);
        m.text.insert(m.text.end(), begin, w);
        for (int i = 0; i < count; ++i) {
            Message::Known &k = m.known[labels[i].pos];
            k.formed = m.generation;
            k.textAt = at + labels[i].at;
            k.textLength = total - labels[i].at;
        }
    }
    if (w == begin) {
        *w++ = '.'; // the root, in presentation form
    } else if (w - begin == 6 && std::memcmp(begin, "<Root>", 6) == 0) {
        // A label that reads as the root's decoded text (DnsText::disambiguateRoot).
        std::memcpy(begin, "\\060Root>", 9);
        w = begin + 9;
    }
    return w;
}

} // namespace

namespace DnsWire {

quint32 Record::target() const
{
    switch (type) {
    case DnsType::PTR:
    case DnsType::CNAME:
    case DnsType::NS:
    case DnsType::NSEC:
        return rdata;
    case DnsType::SRV:
        return rdata + 6;
    default:
        return 0;
    }
}

bool scan(QByteArrayView datagram, Message &m)
{
    m.questions.clear();
    m.records.clear();
    if (datagram.size() < 12 || datagram.size() > 0xFFFF)
        return false;
    const auto *d = reinterpret_cast<const uchar *>(datagram.data());
    const auto size = quint32(datagram.size());
    m.data = d;
    m.size = size;
    if (m.known.empty())
        m.known.resize(kPointerTargets);
    if (++m.generation == 0) { // after 2^32 messages: the old marks could match again
        std::fill(m.known.begin(), m.known.end(), Message::Known{});
        m.generation = 1;
    }
    m.text.clear(); // keeps the capacity
    DnsHeader &h = m.header;
    h.span = {0, 12};
    h.id = EndianReader::big16(d);
    h.setFlags(EndianReader::big16(d + 2));
    h.questionCount = EndianReader::big16(d + 4);
    h.answerCount = EndianReader::big16(d + 6);
    h.authorityCount = EndianReader::big16(d + 8);
    h.additionalCount = EndianReader::big16(d + 10);
    quint32 pos = 12;
    for (quint32 i = 0; i < h.questionCount; ++i) {
        const quint32 nameEnd = skipName(m, pos, size);
        if (!nameEnd || size - nameEnd < 4)
            return false;
        const quint16 qclass = EndianReader::big16(d + nameEnd + 2);
        m.questions.push_back(Question{pos, EndianReader::big16(d + nameEnd), qclass});
        pos = nameEnd + 4;
    }
    const std::pair<DnsSection, quint16> sections[] = {{DnsSection::Answer, h.answerCount},
                                                       {DnsSection::Authority, h.authorityCount},
                                                       {DnsSection::Additional, h.additionalCount}};
    for (const auto &[section, count] : sections) {
        for (quint32 i = 0; i < count; ++i) {
            const quint32 nameEnd = skipName(m, pos, size);
            if (!nameEnd || size - nameEnd < 10)
                return false;
            const uchar *p = d + nameEnd;
            Record r;
            r.name = pos;
            r.type = EndianReader::big16(p);
            r.rrclass = EndianReader::big16(p + 2);
            r.ttl = EndianReader::big32(p + 4);
            r.rdlength = EndianReader::big16(p + 8);
            r.rdata = nameEnd + 10;
            r.section = section;
            if (r.rdlength > size - r.rdata ||
                !rdataWellFormed(m, r.type, r.rdata, r.rdata + r.rdlength))
                return false;
            m.records.push_back(r);
            pos = r.rdata + r.rdlength;
        }
    }
    return true;
}

DnsDecoder::MessageKind messageKind(const Message &m)
{
    using Kind = DnsDecoder::MessageKind;
    const DnsHeader &h = m.header;
    const bool mdns = h.opcode == 0 && h.rcode == 0;
    if (!h.qr) {
        if (mdns && !m.questions.empty()) {
            for (const Record &r : m.records) {
                if (r.section == DnsSection::Authority)
                    return Kind::Probe;
            }
        }
        return Kind::Query;
    }
    if (!mdns)
        return Kind::Response;
    bool records = false, live = false, answers = false;
    for (const Record &r : m.records) {
        answers |= r.section == DnsSection::Answer;
        if (r.type == DnsType::OPT)
            continue;
        records = true;
        live |= r.ttl != 0;
    }
    if (records && !live)
        return Kind::Goodbye;
    if (h.id == 0 && m.questions.empty() && answers)
        return Kind::Announcement;
    return Kind::Response;
}

char *putName(char *w, const Message &m, quint32 offset)
{
    return formName(w, m, offset, true);
}

void appendTypeName(ByteSink &out, quint16 type)
{
    if (type < kCachedTypes) {
        put(out, typeNames()[type]);
        return;
    }
    const QString name = DnsDecoder::typeName(type);
    char *w = out.room(name.size());
    for (QChar c : name)
        *w++ = char(c.unicode()); // type names are ASCII
    out.commit(w);
}

void appendSummary(ByteSink &out, const Message &m)
{
    using Kind = DnsDecoder::MessageKind;
    const SummaryWords &words = SummaryWords::instance();
    const Kind kind = messageKind(m);
    const SummaryWords::Pattern &pattern = [&]() -> const SummaryWords::Pattern & {
        switch (kind) {
        case Kind::Probe:
            return words.probe;
        case Kind::Response:
            return words.response;
        case Kind::Announcement:
            return words.announcement;
        case Kind::Goodbye:
            return words.goodbyes;
        default:
            return words.query;
        }
    }();
    put(out, pattern.before);
    putItems(out, m, kind);
    put(out, pattern.after);
    const DnsHeader &h = m.header;
    if (h.id != 0 || h.opcode != 0) {
        out.literal(" [");
        if (h.id != 0) {
            out.literal("id=0x");
            for (int shift = 12; shift >= 0; shift -= 4)
                out.byte("0123456789abcdef"[(h.id >> shift) & 0xF]);
        }
        if (h.opcode != 0) {
            if (h.id != 0)
                out.literal(", ");
            out.literal("opcode=");
            static constexpr std::array<const char *, 7> kNames{"QUERY",  "IQUERY", "STATUS", "",
                                                                "NOTIFY", "UPDATE", "DSO"};
            if (h.opcode < kNames.size() && kNames[h.opcode][0])
                out.bytes(kNames[h.opcode], qsizetype(std::strlen(kNames[h.opcode])));
            else
                putNumber(out, h.opcode);
        }
        out.byte(']');
    }
    if (h.rcode != 0) {
        out.byte(' ');
        put(out, words.rcode.before);
        out.literal("rcode ");
        putNumber(out, h.rcode);
        put(out, words.rcode.after);
    }
}

} // namespace DnsWire

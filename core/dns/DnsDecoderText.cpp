// The text side of DnsDecoder (declared in DnsDecoder.h): the rdata text and the one-line
// summary, appended in place. Kept apart from the decoding in DnsDecoder.cpp; the type and
// class names are in DnsDecoderNames.cpp.
#include "DnsDecoder.h"

#include "AddressText.h"
#include "DnsFieldLabels.h"
#include "DnsRdataDecoder.h"
#include "DnsText.h"

#include <algorithm>
#include <array>
#include <iterator>

using namespace Qt::StringLiterals;

namespace {

// Appends at most `units` UTF-16 units written by `put(char16_t *) -> char16_t *end`, straight
// into `out` (the summary of a packet is built without temporary strings).
template<typename Put>
void appendWith(QString &out, qsizetype units, Put put)
{
    const qsizetype used = out.size();
    out.resize(used + units);
    auto *begin = reinterpret_cast<char16_t *>(out.data());
    out.truncate(put(begin + used) - begin);
}

// The same digits as QString::number(value).
void appendNumber(QString &out, quint64 value)
{
    appendWith(out, 20, [value](char16_t *w) {
        char16_t digits[20];
        char16_t *d = std::end(digits);
        quint64 v = value;
        do {
            *--d = char16_t(u'0' + v % 10);
            v /= 10;
        } while (v);
        return std::copy(d, std::end(digits), w);
    });
}

void appendQuoted(QString &out, QByteArrayView bytes)
{
    out += u'"';
    appendWith(out, DnsText::maxEscapedLength(bytes.size()), [bytes](char16_t *w) {
        return DnsText::appendEscaped(w, reinterpret_cast<const uchar *>(bytes.data()),
                                      bytes.size(), DnsText::Escape::Quoted);
    });
    out += u'"';
}

void appendTypeList(QString &out, const QList<quint16> &types)
{
    for (qsizetype i = 0; i < types.size(); ++i) {
        if (i)
            out += u' ';
        out += DnsDecoder::typeName(types.at(i));
    }
}

const DnsFieldLabels &labelsIn(DnsDecoder::Language language)
{
    return language == DnsDecoder::Language::English ? DnsFieldLabels::english()
                                                     : DnsFieldLabels::instance();
}

// How a name is written: as decoded ("<Root>" for the root, as in Wireshark's tree) or in
// presentation form, the root as "." (the summary). A label whose text is "<Root>" or "." is
// escaped by the decoder ("\060Root>", "\."), so neither form can be mistaken for the root.
enum class RootAs : quint8 { Decoded, Dot };

void appendName(QString &out, const QString &name, RootAs root)
{
    if (root == RootAs::Dot)
        out += DnsText::presentationName(name);
    else
        out += name;
}

void appendRdataText(QString &out, const DnsRecord &r, DnsDecoder::Language language,
                     RootAs root = RootAs::Decoded)
{
    switch (r.type) {
    case DnsType::A:
    case DnsType::AAAA:
        if (!r.address.isEmpty())
            return AddressText::append(out, r.address);
        break;
    case DnsType::PTR:
    case DnsType::CNAME:
    case DnsType::NS:
        appendName(out, r.target, root);
        return;
    case DnsType::SRV:
        appendNumber(out, r.priority);
        out += u' ';
        appendNumber(out, r.weight);
        out += u' ';
        appendNumber(out, r.port);
        out += u' ';
        appendName(out, r.target, root);
        return;
    case DnsType::TXT:
        for (qsizetype i = 0; i < r.txt.size(); ++i) {
            if (i)
                out += u' ';
            appendQuoted(out, r.txt.at(i));
        }
        return;
    case DnsType::HINFO:
        appendQuoted(out, r.cpu);
        out += u' ';
        appendQuoted(out, r.os);
        return;
    case DnsType::NSEC:
        appendName(out, r.target, root);
        if (!r.nsecTypes.isEmpty()) {
            out += u' ';
            appendTypeList(out, r.nsecTypes);
        }
        return;
    case DnsType::OPT: {
        const DnsFieldLabels &l = labelsIn(language);
        out += l.optPayload.arg(r.rrclass) + u", "_s + l.optVersion.arg((r.ttl >> 16) & 0xFF);
        if (r.ttl >> 24)
            out += u", "_s + l.optExtendedRcode.arg(r.ttl >> 24);
        if (r.ttl & 0x8000)
            out += u", "_s + l.optDo;
        for (const EdnsOption &o : r.options)
            out += u", "_s + DnsRdataDecoder::ednsOptionName(o.code);
        return;
    }
    default:
        break;
    }
    constexpr qsizetype kMaxHexBytes = 32;
    if (r.rdata.size() <= kMaxHexBytes) {
        out += DnsText::hex(r.rdata);
    } else {
        out += DnsText::hex(QByteArrayView(r.rdata).first(kMaxHexBytes));
        out += u'\u2026';
    }
}

// What one summary item says about a record's data: shorter than rdataText for TXT (only its
// first string) and NSEC (only its types); names in presentation form (the root as ".").
void appendShortData(QString &out, const DnsRecord &r, DnsDecoder::Language language)
{
    switch (r.type) {
    case DnsType::TXT:
        if (r.txt.isEmpty())
            return;
        appendQuoted(out, r.txt.first());
        if (r.txt.size() > 1)
            out += u" \u2026"_s;
        return;
    case DnsType::NSEC:
        return appendTypeList(out, r.nsecTypes);
    default:
        return appendRdataText(out, r, language, RootAs::Dot);
    }
}

// Where `pattern`'s only place marker "%1" is, or -1 when it has others (or none): then
// QString::arg() does the replacing. Every English text and most translations have just %1.
qsizetype singleMarker(const QString &pattern)
{
    const qsizetype at = pattern.indexOf(u'%');
    if (at < 0 || at + 1 >= pattern.size() || pattern.at(at + 1) != u'1')
        return -1;
    if (at + 2 < pattern.size() && pattern.at(at + 2).isDigit())
        return -1;
    return pattern.indexOf(u'%', at + 1) < 0 ? at : -1;
}

// out += pattern.arg(arg)
void appendArg(QString &out, const QString &pattern, const QString &arg)
{
    const qsizetype at = singleMarker(pattern);
    if (at < 0) {
        out += pattern.arg(arg);
        return;
    }
    out += QStringView(pattern).first(at);
    out += arg;
    out += QStringView(pattern).sliced(at + 2);
}

// out += pattern.arg(number), without a temporary string when the pattern has one marker.
void appendArg(QString &out, const QString &pattern, quint64 number)
{
    const qsizetype at = singleMarker(pattern);
    if (at < 0) {
        out += pattern.arg(number);
        return;
    }
    out += QStringView(pattern).first(at);
    appendNumber(out, number);
    out += QStringView(pattern).sliced(at + 2);
}

constexpr qsizetype kShown = 3; // questions or records listed by name in a summary

int sectionIndex(DnsSection s)
{
    return int(s);
}

// The summary's list of questions or records, e.g. "_ipp._tcp.local PTR (QU), +2 qd, +1 an",
// then the records of every section not listed, per section.
void appendItems(QString &out, const DnsMessage &m, DnsDecoder::MessageKind kind,
                 DnsDecoder::Language language)
{
    using Kind = DnsDecoder::MessageKind;
    const DnsFieldLabels &l = labelsIn(language);
    // Not listed, per section: questions, answers, authority, additionals.
    std::array<qsizetype, 4> more{};
    for (const DnsRecord &r : m.records)
        ++more[sectionIndex(r.section)];
    qsizetype listed = 0;
    if (kind == Kind::Query || kind == Kind::Probe) {
        const qsizetype total = m.questions.size();
        listed = qMin(total, kShown);
        more[0] = total - listed;
        for (qsizetype i = 0; i < listed; ++i) {
            const DnsQuestion &q = m.questions.at(i);
            if (i)
                out += u", "_s;
            appendName(out, q.name, RootAs::Dot);
            out += u' ';
            out += DnsDecoder::typeName(q.type);
            if (q.unicastResponse) {
                out += u' ';
                out += l.summaryQu;
            }
        }
    } else {
        // Responses: the answers; a response without answers shows what it carries instead.
        const DnsSection shown = [&m] {
            for (DnsSection s : {DnsSection::Answer, DnsSection::Authority, DnsSection::Additional})
                for (const DnsRecord &r : m.records)
                    if (r.section == s)
                        return s;
            return DnsSection::Answer;
        }();
        const bool goodbye = kind == Kind::Goodbye;
        const QString *previousName = nullptr;
        const QString *previousTarget = nullptr;
        for (const DnsRecord &r : m.records) {
            if (r.section != shown || listed == kShown)
                continue;
            --more[sectionIndex(shown)];
            if (listed++)
                out += u", "_s;
            // Repeating the owner name adds nothing when it is the previous item's name or the
            // name the previous item pointed to (PTR -> SRV/TXT of that instance).
            if (!(previousName &&
                  (r.name == *previousName || (previousTarget && r.name == *previousTarget)))) {
                appendName(out, r.name, RootAs::Dot);
                out += u' ';
            }
            out += DnsDecoder::typeName(r.type);
            out += u' ';
            const qsizetype dataAt = out.size();
            appendShortData(out, r, language);
            if (out.size() == dataAt)
                out.chop(1); // no data: no space before it
            if (r.ttl == 0 && r.type != DnsType::OPT && !goodbye) {
                out += u' ';
                out += l.summaryGoodbye;
            }
            previousName = &r.name;
            previousTarget = r.target.isEmpty() ? nullptr : &r.target;
        }
    }
    if (listed == 0)
        out += l.summaryEmpty;
    static constexpr std::array<QStringView, 4> kSections{u" qd", u" an", u" ns", u" ar"};
    for (int s = 0; s < 4; ++s) {
        if (more[s] == 0)
            continue;
        out += u", "_s;
        appendArg(out, l.summaryMore, quint64(more[s]));
        out += kSections[s];
    }
}

// Opcode mnemonics (IANA "DNS OPCODEs"); unassigned ones as their number.
void appendOpcode(QString &out, quint8 opcode)
{
    static constexpr std::array<QStringView, 7> kNames{u"QUERY",  u"IQUERY", u"STATUS", u"",
                                                       u"NOTIFY", u"UPDATE", u"DSO"};
    if (opcode < kNames.size() && !kNames[opcode].isEmpty())
        out += kNames[opcode];
    else
        appendNumber(out, opcode);
}

// " [id=0x1234, opcode=UPDATE]" when either is not zero (mDNS sets both to zero).
void appendHeaderNotes(QString &out, const DnsHeader &h)
{
    if (h.span.length < 12 || (h.id == 0 && h.opcode == 0))
        return;
    out += u" ["_s;
    if (h.id != 0) {
        out += u"id=0x"_s;
        for (int shift = 12; shift >= 0; shift -= 4)
            out += QChar(u"0123456789abcdef"[(h.id >> shift) & 0xF]);
    }
    if (h.opcode != 0) {
        if (h.id != 0)
            out += u", "_s;
        out += u"opcode="_s;
        appendOpcode(out, h.opcode);
    }
    out += u']';
}

// The bytes the header's counts need at least: 12 for the header, 5 per question (a root name,
// type and class), 11 per record (root name, type, class, TTL, rdlength).
quint64 bytesCountsNeed(const DnsHeader &h)
{
    return 12 + 5 * quint64(h.questionCount) +
           11 * (quint64(h.answerCount) + h.authorityCount + h.additionalCount);
}

constexpr quint64 kMaxDnsMessage = 65535;

bool opcodeAssigned(quint8 opcode)
{
    return opcode <= 2 || (opcode >= 4 && opcode <= 6);
}

} // namespace

namespace DnsDecoder {

QString rdataText(const DnsRecord &r, Language language)
{
    QString text;
    appendRdataText(text, r, language);
    return text;
}

MessageKind messageKind(const DnsMessage &m)
{
    const DnsHeader &h = m.header;
    if (m.error && h.span.length >= 12 &&
        (bytesCountsNeed(h) > kMaxDnsMessage || !opcodeAssigned(h.opcode)))
        return MessageKind::NotDns;
    const bool mdns = h.opcode == 0 && h.rcode == 0;
    if (!m.isResponse()) {
        if (mdns && !m.questions.isEmpty() &&
            std::any_of(m.records.cbegin(), m.records.cend(),
                        [](const DnsRecord &r) { return r.section == DnsSection::Authority; }))
            return MessageKind::Probe;
        return MessageKind::Query;
    }
    if (!mdns)
        return MessageKind::Response;
    bool records = false, live = false, answers = false;
    for (const DnsRecord &r : m.records) {
        answers |= r.section == DnsSection::Answer;
        if (r.type == DnsType::OPT)
            continue;
        records = true;
        live |= r.ttl != 0;
    }
    if (records && !live)
        return MessageKind::Goodbye;
    if (h.id == 0 && m.questions.isEmpty() && answers)
        return MessageKind::Announcement;
    return MessageKind::Response;
}

QString notDnsReason(const DnsMessage &m, Language language)
{
    if (messageKind(m) != MessageKind::NotDns)
        return QString();
    const DnsFieldLabels &l = labelsIn(language);
    const DnsHeader &h = m.header;
    const quint64 need = bytesCountsNeed(h);
    if (need > kMaxDnsMessage)
        return l.notDnsCounts.arg(h.questionCount)
            .arg(quint64(h.answerCount) + h.authorityCount + h.additionalCount)
            .arg(need);
    return l.notDnsOpcode.arg(h.opcode);
}

void appendSummary(QString &out, const DnsMessage &m, Language language)
{
    const DnsFieldLabels &l = labelsIn(language);
    const MessageKind kind = messageKind(m);
    if (kind == MessageKind::NotDns) {
        appendArg(out, l.summaryNotDns, notDnsReason(m, language));
        return;
    }
    const QString &pattern = [&]() -> const QString & {
        switch (kind) {
        case MessageKind::Probe:
            return l.summaryProbe;
        case MessageKind::Response:
            return l.summaryResponse;
        case MessageKind::Announcement:
            return l.summaryAnnouncement;
        case MessageKind::Goodbye:
            return l.summaryGoodbyes;
        default:
            return l.summaryQuery;
        }
    }();
    const qsizetype marker = singleMarker(pattern);
    if (marker >= 0) {
        out += QStringView(pattern).first(marker);
        appendItems(out, m, kind, language);
        out += QStringView(pattern).sliced(marker + 2);
    } else {
        QString items;
        appendItems(items, m, kind, language);
        out += pattern.arg(items);
    }
    appendHeaderNotes(out, m.header);
    if (m.header.rcode != 0) {
        out += u' ';
        appendArg(out, l.summaryRcode, u"rcode "_s + QString::number(m.header.rcode));
    }
    if (m.error) {
        const QString &reason = language == Language::English || m.error->localizedReason.isEmpty()
                                    ? m.error->reason
                                    : m.error->localizedReason;
        out += u' ';
        out += l.summaryMalformed.arg(m.error->offset).arg(reason);
    }
}

QString summary(const DnsMessage &m, Language language)
{
    // Built in a buffer kept per thread, then copied once at its final size.
    thread_local QString buffer;
    buffer.resize(0); // keeps the capacity, unlike clear()
    appendSummary(buffer, m, language);
    return QString(buffer.constData(), buffer.size());
}

} // namespace DnsDecoder

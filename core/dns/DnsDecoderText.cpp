// The text side of DnsDecoder (declared in DnsDecoder.h): the rdata text and the one-line
// summary, appended in place. Kept apart from the decoding in DnsDecoder.cpp; the type and
// class names are in DnsDecoderNames.cpp.
#include "DnsDecoder.h"

#include "AddressText.h"
#include "DnsFieldLabels.h"
#include "DnsRdataDecoder.h"
#include "DnsText.h"

#include <algorithm>
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

void appendRdataText(QString &out, const DnsRecord &r, DnsDecoder::Language language)
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
        out += r.target;
        return;
    case DnsType::SRV:
        appendNumber(out, r.priority);
        out += u' ';
        appendNumber(out, r.weight);
        out += u' ';
        appendNumber(out, r.port);
        out += u' ';
        out += r.target;
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
        out += r.target;
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

// What one summary item says about a record's data: shorter than rdataText (SRV without
// priority and weight, TXT only its first string).
void appendShortData(QString &out, const DnsRecord &r, DnsDecoder::Language language)
{
    switch (r.type) {
    case DnsType::SRV:
        appendNumber(out, r.port);
        out += u' ';
        out += r.target;
        return;
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
        return appendRdataText(out, r, language);
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

// The summary's list of questions or records, e.g. "_ipp._tcp.local PTR (QU), +2".
void appendItems(QString &out, const DnsMessage &m, DnsDecoder::Language language)
{
    const DnsFieldLabels &l = labelsIn(language);
    constexpr qsizetype kShown = 3;
    qsizetype total = 0;
    if (!m.isResponse()) {
        total = m.questions.size();
        for (qsizetype i = 0; i < qMin(total, kShown); ++i) {
            const DnsQuestion &q = m.questions.at(i);
            if (i)
                out += u", "_s;
            out += q.name;
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
        const QString *previousName = nullptr;
        const QString *previousTarget = nullptr;
        for (const DnsRecord &r : m.records) {
            if (r.section != shown)
                continue;
            if (++total > kShown)
                continue;
            if (total > 1)
                out += u", "_s;
            // Repeating the owner name adds nothing when it is the previous item's name or the
            // name the previous item pointed to (PTR -> SRV/TXT of that instance).
            if (!(previousName &&
                  (r.name == *previousName || (previousTarget && r.name == *previousTarget)))) {
                out += r.name;
                out += u' ';
            }
            out += DnsDecoder::typeName(r.type);
            out += u' ';
            const qsizetype dataAt = out.size();
            appendShortData(out, r, language);
            if (out.size() == dataAt)
                out.chop(1); // no data: no space before it
            if (r.ttl == 0 && r.type != DnsType::OPT) {
                out += u' ';
                out += l.summaryGoodbye;
            }
            previousName = &r.name;
            previousTarget = r.target.isEmpty() ? nullptr : &r.target;
        }
    }
    if (total > kShown) {
        out += u", "_s;
        appendArg(out, l.summaryMore, QString::number(total - kShown));
    }
    if (total == 0)
        out += l.summaryEmpty;
}

} // namespace

namespace DnsDecoder {

QString rdataText(const DnsRecord &r, Language language)
{
    QString text;
    appendRdataText(text, r, language);
    return text;
}

void appendSummary(QString &out, const DnsMessage &m, Language language)
{
    const DnsFieldLabels &l = labelsIn(language);
    const QString &pattern = m.isResponse() ? l.summaryResponse : l.summaryQuery;
    const qsizetype marker = singleMarker(pattern);
    if (marker >= 0) {
        out += QStringView(pattern).first(marker);
        appendItems(out, m, language);
        out += QStringView(pattern).sliced(marker + 2);
    } else {
        QString items;
        appendItems(items, m, language);
        out += pattern.arg(items);
    }
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

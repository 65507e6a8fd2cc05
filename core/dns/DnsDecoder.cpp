#include "DnsDecoder.h"

#include "DnsFieldLabels.h"
#include "DnsNameReader.h"
#include "DnsRdataDecoder.h"
#include "DnsReason.h"
#include "DnsText.h"
#include "EndianReader.h"

using namespace Qt::StringLiterals;

namespace {

QString opcodeText(quint8 opcode)
{
    const DnsFieldLabels &l = DnsFieldLabels::instance();
    switch (opcode) {
    case 0:
        return l.standardQuery;
    case 1:
        return l.inverseQuery;
    case 2:
        return l.status;
    case 4:
        return l.notify;
    case 5:
        return l.update;
    default:
        return QString::number(opcode);
    }
}

QString rcodeName(quint8 rcode)
{
    static constexpr const char16_t *kNames[] = {u"NoError", u"FormErr", u"ServFail", u"NXDomain",
                                                 u"NotImp",  u"Refused", u"YXDomain", u"YXRRSet",
                                                 u"NXRRSet", u"NotAuth", u"NotZone"};
    if (rcode < std::size(kNames))
        return QString::fromUtf16(kNames[rcode]);
    return QString::number(rcode);
}

void decodeHeaderFields(DnsHeader &h, const uchar *d, quint32 available)
{
    const DnsFieldLabels &l = DnsFieldLabels::instance();
    h.fields.reserve(6);
    if (available >= 2)
        h.fields.append(DnsField{
            l.id, u"0x"_s + QString::number(h.id, 16).rightJustified(4, u'0'), {0, 2}, {}});
    if (available >= 4) {
        const quint16 flags = EndianReader::big16(d + 2);
        DnsField f{
            l.flags, u"0x"_s + QString::number(flags, 16).rightJustified(4, u'0'), {2, 2}, {}};
        const auto bit = [&l](bool on) { return on ? l.yes : l.no; };
        f.children = {
            DnsField{l.qr, h.qr ? l.response : l.query, {2, 1}, {}},
            DnsField{l.opcode, opcodeText(h.opcode), {2, 1}, {}},
            DnsField{l.aa, bit(h.aa), {2, 1}, {}},
            DnsField{l.tc, bit(h.tc), {2, 1}, {}},
            DnsField{l.rd, bit(h.rd), {2, 1}, {}},
            DnsField{l.ra, bit(h.ra), {3, 1}, {}},
            DnsField{l.z, bit(h.z), {3, 1}, {}},
            DnsField{l.ad, bit(h.ad), {3, 1}, {}},
            DnsField{l.cd, bit(h.cd), {3, 1}, {}},
            DnsField{l.rcode,
                     QString::number(h.rcode) + u" ("_s + rcodeName(h.rcode) + u')',
                     {3, 1},
                     {}},
        };
        h.fields.append(std::move(f));
    }
    const QString *countLabels[] = {&l.questions, &l.answerRrs, &l.authorityRrs, &l.additionalRrs};
    const quint16 counts[] = {h.questionCount, h.answerCount, h.authorityCount, h.additionalCount};
    for (quint32 i = 0; i < 4; ++i) {
        if (available >= 6 + 2 * i)
            h.fields.append(
                DnsField{*countLabels[i], QString::number(counts[i]), {4 + 2 * i, 2}, {}});
    }
}

// Returns false (with the error set) when the header is cut short.
bool decodeHeader(DnsMessage &m, const uchar *d, quint32 size, bool withFields)
{
    DnsHeader &h = m.header;
    h.span = {0, qMin<quint32>(size, 12)};
    if (size >= 2)
        h.id = EndianReader::big16(d);
    if (size >= 4) {
        h.setFlags(EndianReader::big16(d + 2));
    }
    quint16 *counts[] = {&h.questionCount, &h.answerCount, &h.authorityCount, &h.additionalCount};
    for (quint32 i = 0; i < 4; ++i) {
        if (size >= 6 + 2 * i)
            *counts[i] = EndianReader::big16(d + 4 + 2 * i);
    }
    if (withFields)
        decodeHeaderFields(h, d, size);
    if (size >= 12)
        return true;
    DnsReason::from(QT_TRANSLATE_NOOP("DnsDecoder", "truncated header: %1 of 12 bytes"))
        .arg(size)
        .setOn(m.error.emplace(), size & ~1u);
    return false;
}

// Words put into reasons ("message ends before <noun> 2 of 3").
DnsReason sectionNoun(DnsSection s)
{
    switch (s) {
    case DnsSection::Question:
        return DnsReason::from(QT_TRANSLATE_NOOP("DnsDecoder", "question"));
    case DnsSection::Answer:
        return DnsReason::from(QT_TRANSLATE_NOOP("DnsDecoder", "answer"));
    case DnsSection::Authority:
        return DnsReason::from(QT_TRANSLATE_NOOP("DnsDecoder", "authority record"));
    case DnsSection::Additional:
        break;
    }
    return DnsReason::from(QT_TRANSLATE_NOOP("DnsDecoder", "additional record"));
}

class Decoder final
{
public:
    Decoder(QByteArrayView datagram, bool withFields)
        : m_datagram(datagram)
        , m_data(reinterpret_cast<const uchar *>(datagram.data()))
        , m_size(quint32(qMin<qsizetype>(datagram.size(), 0xFFFFFFF0)))
        , m_names(datagram)
        , m_withFields(withFields)
    {}

    DnsMessage run()
    {
        DnsMessage m;
        if (!decodeHeader(m, m_data, m_size, m_withFields))
            return m;
        const DnsHeader &h = m.header;
        m.questions.reserve(qMin<quint32>(h.questionCount, m_size / 5));
        m.records.reserve(qMin<quint32>(
            quint32(h.answerCount) + h.authorityCount + h.additionalCount, m_size / 11));
        for (quint16 i = 0; i < h.questionCount; ++i) {
            if (!question(m, i))
                return m;
        }
        const std::pair<DnsSection, quint16> sections[] = {
            {DnsSection::Answer, h.answerCount},
            {DnsSection::Authority, h.authorityCount},
            {DnsSection::Additional, h.additionalCount}};
        for (const auto &[section, count] : sections) {
            for (quint16 i = 0; i < count; ++i) {
                if (!record(m, section, i, count))
                    return m;
            }
        }
        return m;
    }

private:
    bool fail(DnsMessage &m, quint32 offset, const DnsReason &reason)
    {
        reason.setOn(m.error.emplace(), offset);
        return false;
    }

    bool missing(DnsMessage &m, DnsSection section, quint16 index, quint16 count)
    {
        //: %1 is a section noun ("question", "answer", ...), %2 its number, %3 the count
        return fail(
            m, m_pos,
            DnsReason::from(QT_TRANSLATE_NOOP("DnsDecoder", "message ends before %1 %2 of %3"))
                .arg(sectionNoun(section))
                .arg(index + 1)
                .arg(count));
    }

    // `field`: a QT_TRANSLATE_NOOP("DnsDecoder", ...) literal
    bool cutOff(DnsMessage &m, DnsSection section, const char *field)
    {
        //: %1 is a section noun ("question", "answer", ...), %2 a field name ("type", "TTL", ...)
        return fail(m, m_pos,
                    DnsReason::from(QT_TRANSLATE_NOOP("DnsDecoder", "%1 cut off in its %2 field"))
                        .arg(sectionNoun(section))
                        .arg(DnsReason::from(field)));
    }

    bool question(DnsMessage &m, quint16 index)
    {
        if (m_pos >= m_size)
            return missing(m, DnsSection::Question, index, m.header.questionCount);
        DnsNameReader::Name name;
        DnsError error;
        if (!m_names.read(m_pos, name, error)) {
            m.error = std::move(error);
            return false;
        }
        m_pos = name.span.end();
        if (m_size - m_pos < 2)
            return cutOff(m, DnsSection::Question, QT_TRANSLATE_NOOP("DnsDecoder", "type"));
        if (m_size - m_pos < 4) {
            m_pos += 2;
            return cutOff(m, DnsSection::Question, QT_TRANSLATE_NOOP("DnsDecoder", "class"));
        }
        DnsQuestion q;
        q.name = std::move(name.text);
        q.nameSpan = name.span;
        q.type = EndianReader::big16(m_data + m_pos);
        const quint16 qclass = EndianReader::big16(m_data + m_pos + 2);
        q.qclass = qclass & 0x7FFF;
        q.unicastResponse = qclass & 0x8000;
        q.typeSpan = {m_pos, 2};
        q.classSpan = {m_pos + 2, 2};
        m_pos += 4;
        q.span = {name.span.offset, m_pos - name.span.offset};
        m.questions.append(std::move(q));
        return true;
    }

    bool record(DnsMessage &m, DnsSection section, quint16 index, quint16 count)
    {
        if (m_pos >= m_size)
            return missing(m, section, index, count);
        DnsNameReader::Name name;
        DnsError error;
        if (!m_names.read(m_pos, name, error)) {
            m.error = std::move(error);
            return false;
        }
        m_pos = name.span.end();
        const quint32 left = m_size - m_pos;
        if (left < 10) {
            const char *field = left < 2   ? QT_TRANSLATE_NOOP("DnsDecoder", "type")
                                : left < 4 ? QT_TRANSLATE_NOOP("DnsDecoder", "class")
                                : left < 8 ? QT_TRANSLATE_NOOP("DnsDecoder", "TTL")
                                           : QT_TRANSLATE_NOOP("DnsDecoder", "rdlength");
            m_pos += left < 2 ? 0 : left < 4 ? 2 : left < 8 ? 4 : 8;
            return cutOff(m, section, field);
        }
        DnsRecord &r = m.records.emplace_back();
        r.section = section;
        r.name = std::move(name.text);
        r.nameSpan = name.span;
        const uchar *p = m_data + m_pos;
        r.type = EndianReader::big16(p);
        const quint16 rrclass = EndianReader::big16(p + 2);
        // RFC 6891 §6.1.2: OPT's class is the UDP payload size, so it has no cache-flush bit.
        r.cacheFlush = r.type != DnsType::OPT && (rrclass & 0x8000);
        r.rrclass = r.type == DnsType::OPT ? rrclass : quint16(rrclass & 0x7FFF);
        r.ttl = EndianReader::big32(p + 4);
        r.rdlength = EndianReader::big16(p + 8);
        r.typeSpan = {m_pos, 2};
        r.classSpan = {m_pos + 2, 2};
        r.ttlSpan = {m_pos + 4, 4};
        r.rdlengthSpan = {m_pos + 8, 2};
        m_pos += 10;
        const quint32 available = qMin<quint32>(r.rdlength, m_size - m_pos);
        r.rdataSpan = {m_pos, available};
        r.rdata = QByteArray(reinterpret_cast<const char *>(m_data + m_pos), available);
        r.span = {name.span.offset, m_pos + available - name.span.offset};
        if (available < r.rdlength) {
            return fail(
                m, m_pos,
                DnsReason::from(QT_TRANSLATE_NOOP(
                                    "DnsDecoder",
                                    "rdlength %1 runs past the end of the message (%2 bytes left)"))
                    .arg(r.rdlength)
                    .arg(available));
        }
        if (!DnsRdataDecoder::decode(m_datagram, m_names, r, m_withFields, error)) {
            m.error = std::move(error);
            return false;
        }
        m_pos += r.rdlength;
        return true;
    }

    QByteArrayView m_datagram;
    const uchar *m_data;
    quint32 m_size;
    quint32 m_pos = 12;
    DnsNameReader m_names;
    bool m_withFields;
};

} // namespace

namespace DnsDecoder {

DnsMessage decode(QByteArrayView datagram)
{
    return decode(datagram, Detail::Full);
}

DnsMessage decode(QByteArrayView datagram, Detail detail)
{
    return Decoder(datagram, detail == Detail::Full).run();
}

DnsHeader header(QByteArrayView datagram)
{
    DnsMessage m;
    const auto size = quint32(qMin<qsizetype>(datagram.size(), 12));
    if (size == 12) // as decode() reads it
        decodeHeader(m, reinterpret_cast<const uchar *>(datagram.data()), size, false);
    else
        m.header.span = {0, size};
    return m.header;
}

QString nameToText(const QList<QByteArray> &labels)
{
    return DnsText::nameToText(labels);
}

} // namespace DnsDecoder

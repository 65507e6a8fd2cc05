// The text side of DnsDecoder (declared in DnsDecoder.h): type and class names, the rdata
// text and the one-line summary. Kept apart from the decoding in DnsDecoder.cpp.
#include "DnsDecoder.h"

#include "DnsFieldLabels.h"
#include "DnsRdataDecoder.h"
#include "DnsText.h"

using namespace Qt::StringLiterals;

namespace {

QString quoted(const QByteArray &bytes)
{
    return u'"' + DnsText::escaped(bytes, DnsText::Escape::Quoted) + u'"';
}

QString addressText(const QByteArray &address)
{
    const auto *p = reinterpret_cast<const uchar *>(address.constData());
    if (address.size() == 4)
        return DnsText::ipv4Text(p);
    if (address.size() == 16)
        return DnsText::ipv6Text(p);
    return QString();
}

QString typeList(const QList<quint16> &types)
{
    QString text;
    for (quint16 t : types) {
        if (!text.isEmpty())
            text += u' ';
        text += DnsDecoder::typeName(t);
    }
    return text;
}

// What one summary item says about a record's data: shorter than rdataText (SRV without
// priority and weight, TXT only its first string).
QString shortData(const DnsRecord &r, DnsDecoder::Language language)
{
    switch (r.type) {
    case DnsType::SRV:
        return QString::number(r.port) + u' ' + r.target;
    case DnsType::TXT:
        if (r.txt.isEmpty())
            return QString();
        return r.txt.size() == 1 ? quoted(r.txt.first()) : quoted(r.txt.first()) + u" \u2026"_s;
    case DnsType::NSEC:
        return typeList(r.nsecTypes);
    default:
        return DnsDecoder::rdataText(r, language);
    }
}

const DnsFieldLabels &labelsIn(DnsDecoder::Language language)
{
    return language == DnsDecoder::Language::English ? DnsFieldLabels::english()
                                                     : DnsFieldLabels::instance();
}

} // namespace

namespace DnsDecoder {

QString typeName(quint16 type)
{
    switch (type) {
    case 1:
        return u"A"_s;
    case 2:
        return u"NS"_s;
    case 5:
        return u"CNAME"_s;
    case 6:
        return u"SOA"_s;
    case 10:
        return u"NULL"_s;
    case 11:
        return u"WKS"_s;
    case 12:
        return u"PTR"_s;
    case 13:
        return u"HINFO"_s;
    case 14:
        return u"MINFO"_s;
    case 15:
        return u"MX"_s;
    case 16:
        return u"TXT"_s;
    case 17:
        return u"RP"_s;
    case 18:
        return u"AFSDB"_s;
    case 24:
        return u"SIG"_s;
    case 25:
        return u"KEY"_s;
    case 28:
        return u"AAAA"_s;
    case 29:
        return u"LOC"_s;
    case 33:
        return u"SRV"_s;
    case 35:
        return u"NAPTR"_s;
    case 36:
        return u"KX"_s;
    case 37:
        return u"CERT"_s;
    case 39:
        return u"DNAME"_s;
    case 41:
        return u"OPT"_s;
    case 42:
        return u"APL"_s;
    case 43:
        return u"DS"_s;
    case 44:
        return u"SSHFP"_s;
    case 45:
        return u"IPSECKEY"_s;
    case 46:
        return u"RRSIG"_s;
    case 47:
        return u"NSEC"_s;
    case 48:
        return u"DNSKEY"_s;
    case 49:
        return u"DHCID"_s;
    case 50:
        return u"NSEC3"_s;
    case 51:
        return u"NSEC3PARAM"_s;
    case 52:
        return u"TLSA"_s;
    case 53:
        return u"SMIMEA"_s;
    case 55:
        return u"HIP"_s;
    case 59:
        return u"CDS"_s;
    case 60:
        return u"CDNSKEY"_s;
    case 61:
        return u"OPENPGPKEY"_s;
    case 62:
        return u"CSYNC"_s;
    case 63:
        return u"ZONEMD"_s;
    case 64:
        return u"SVCB"_s;
    case 65:
        return u"HTTPS"_s;
    case 99:
        return u"SPF"_s;
    case 249:
        return u"TKEY"_s;
    case 250:
        return u"TSIG"_s;
    case 251:
        return u"IXFR"_s;
    case 252:
        return u"AXFR"_s;
    case 255:
        return u"ANY"_s;
    case 256:
        return u"URI"_s;
    case 257:
        return u"CAA"_s;
    default:
        return u"TYPE"_s + QString::number(type);
    }
}

QString className(quint16 qclass)
{
    switch (qclass) {
    case 1:
        return u"IN"_s;
    case 3:
        return u"CH"_s;
    case 4:
        return u"HS"_s;
    case 254:
        return u"NONE"_s;
    case 255:
        return u"ANY"_s;
    default:
        return u"CLASS"_s + QString::number(qclass);
    }
}

QString rdataText(const DnsRecord &r, Language language)
{
    switch (r.type) {
    case DnsType::A:
    case DnsType::AAAA:
        if (!r.address.isEmpty())
            return addressText(r.address);
        break;
    case DnsType::PTR:
    case DnsType::CNAME:
    case DnsType::NS:
        return r.target;
    case DnsType::SRV:
        return QString::number(r.priority) + u' ' + QString::number(r.weight) + u' ' +
               QString::number(r.port) + u' ' + r.target;
    case DnsType::TXT: {
        QString text;
        for (const QByteArray &s : r.txt) {
            if (!text.isEmpty())
                text += u' ';
            text += quoted(s);
        }
        return text;
    }
    case DnsType::HINFO:
        return quoted(r.cpu) + u' ' + quoted(r.os);
    case DnsType::NSEC:
        return r.nsecTypes.isEmpty() ? r.target : r.target + u' ' + typeList(r.nsecTypes);
    case DnsType::OPT: {
        const DnsFieldLabels &l = labelsIn(language);
        QString text =
            l.optPayload.arg(r.rrclass) + u", "_s + l.optVersion.arg((r.ttl >> 16) & 0xFF);
        if (r.ttl >> 24)
            text += u", "_s + l.optExtendedRcode.arg(r.ttl >> 24);
        if (r.ttl & 0x8000)
            text += u", "_s + l.optDo;
        for (const EdnsOption &o : r.options)
            text += u", "_s + DnsRdataDecoder::ednsOptionName(o.code);
        return text;
    }
    default:
        break;
    }
    constexpr qsizetype kMaxHexBytes = 32;
    if (r.rdata.size() <= kMaxHexBytes)
        return DnsText::hex(r.rdata);
    return DnsText::hex(QByteArrayView(r.rdata).first(kMaxHexBytes)) + u"\u2026"_s;
}

QString summary(const DnsMessage &m, Language language)
{
    const DnsFieldLabels &l = labelsIn(language);
    constexpr qsizetype kShown = 3;
    QString items;
    qsizetype total = 0;
    if (!m.isResponse()) {
        total = m.questions.size();
        for (qsizetype i = 0; i < qMin(total, kShown); ++i) {
            const DnsQuestion &q = m.questions.at(i);
            if (i)
                items += u", "_s;
            items += q.name + u' ' + typeName(q.type);
            if (q.unicastResponse)
                items += u' ' + l.summaryQu;
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
                items += u", "_s;
            // Repeating the owner name adds nothing when it is the previous item's name or the
            // name the previous item pointed to (PTR -> SRV/TXT of that instance).
            if (!(previousName &&
                  (r.name == *previousName || (previousTarget && r.name == *previousTarget))))
                items += r.name + u' ';
            items += typeName(r.type);
            const QString data = shortData(r, language);
            if (!data.isEmpty())
                items += u' ' + data;
            if (r.ttl == 0 && r.type != DnsType::OPT)
                items += u' ' + l.summaryGoodbye;
            previousName = &r.name;
            previousTarget = r.target.isEmpty() ? nullptr : &r.target;
        }
    }
    if (total > kShown)
        items += u", "_s + l.summaryMore.arg(total - kShown);
    if (total == 0)
        items = l.summaryEmpty;
    QString text = (m.isResponse() ? l.summaryResponse : l.summaryQuery).arg(items);
    if (m.header.rcode != 0)
        text += u' ' + l.summaryRcode.arg(u"rcode "_s + QString::number(m.header.rcode));
    if (m.error) {
        const QString &reason = language == Language::English || m.error->localizedReason.isEmpty()
                                    ? m.error->reason
                                    : m.error->localizedReason;
        text += u' ' + l.summaryMalformed.arg(m.error->offset).arg(reason);
    }
    return text;
}

} // namespace DnsDecoder

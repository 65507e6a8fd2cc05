#include "SequenceState.h"

#include "DirectoryNames.h"
#include "DnsDecoder.h"

#include <QtEndian>

#include <algorithm>

using namespace Qt::StringLiterals;

namespace Sequence {
namespace {
void put16(QByteArray &out, quint16 v)
{
    out.append(char(v >> 8));
    out.append(char(v & 0xFF));
}

// Appends the uncompressed wire form of a name in text form (DnsDecoder::nameToText: "\."
// and "\\" inside a label, "\DDD" for other bytes) in one pass: this runs for every record of
// every packet, into a buffer whose capacity is kept.
void appendWireName(QByteArray &out, QStringView name, bool lowered)
{
    out.reserve(out.size() + name.size() * 3 + 2);
    if (name == u"<Root>") {
        out.append('\0');
        return;
    }
    qsizetype lengthAt = out.size();
    out.append('\0'); // the first label's length, filled in at its end
    const auto endLabel = [&] {
        const qsizetype length = std::min<qsizetype>(out.size() - lengthAt - 1, 63);
        out.truncate(lengthAt + 1 + length);
        out[lengthAt] = char(length);
    };
    const auto isDigit = [&](qsizetype at) {
        return at < name.size() && name[at] >= u'0' && name[at] <= u'9';
    };
    for (qsizetype i = 0; i < name.size(); ++i) {
        const char16_t c = name[i].unicode();
        if (c == u'\\' && isDigit(i + 1) && isDigit(i + 2) && isDigit(i + 3)) {
            const int value = (name[i + 1].unicode() - '0') * 100 +
                              (name[i + 2].unicode() - '0') * 10 + (name[i + 3].unicode() - '0');
            out.append(char(value & 0xFF));
            i += 3;
        } else if (c == u'\\' && i + 1 < name.size() && name[i + 1].unicode() < 0x80) {
            out.append(char(name[++i].unicode()));
        } else if (c == u'.') {
            endLabel();
            lengthAt = out.size();
            out.append('\0');
        } else if (c < 0x80) {
            out.append(char(lowered && c >= u'A' && c <= u'Z' ? c + ('a' - 'A') : c));
        } else {
            // A run of non-ASCII characters (keeps surrogate pairs together) as UTF-8.
            qsizetype end = i;
            while (end < name.size() && name[end].unicode() >= 0x80)
                ++end;
            out.append(name.sliced(i, end - i).toUtf8());
            i = end - 1;
        }
    }
    if (out.size() > lengthAt + 1)
        endLabel();
    else
        out.truncate(lengthAt); // a name ending in '.' (or empty): no empty label
    out.append('\0');
}

QByteArray wireName(QStringView name, bool lowered)
{
    QByteArray out;
    appendWireName(out, name, lowered);
    return out;
}

QByteArray nameRdata(const DnsRecord &r, bool lowered)
{
    switch (r.type) {
    case DnsType::PTR:
    case DnsType::CNAME:
    case DnsType::NS:
        return wireName(r.target, lowered);
    case DnsType::SRV: {
        QByteArray out;
        put16(out, r.priority);
        put16(out, r.weight);
        put16(out, r.port);
        return out + wireName(r.target, lowered);
    }
    default:
        return r.rdata;
    }
}
} // namespace

QByteArray rdataKey(const DnsRecord &r)
{
    return nameRdata(r, true);
}

QByteArray rdataKey(const DnsRecord &r, BytesKeyCache &cache)
{
    switch (r.type) {
    case DnsType::PTR:
    case DnsType::CNAME:
    case DnsType::NS: {
        QByteArray &out = cache.scratch();
        appendWireName(out, r.target, true);
        return cache.internScratch();
    }
    case DnsType::SRV: {
        QByteArray &out = cache.scratch();
        put16(out, r.priority);
        put16(out, r.weight);
        put16(out, r.port);
        appendWireName(out, r.target, true);
        return cache.internScratch();
    }
    default:
        return r.rdata;
    }
}

QByteArray canonicalRdata(const DnsRecord &r)
{
    return nameRdata(r, false);
}

QString recordText(const DnsRecord &r)
{
    return DnsDecoder::typeName(r.type) + u' ' + DnsDecoder::rdataText(r);
}

IpAddress recordAddress(const DnsRecord &r)
{
    if (r.type == DnsType::A && r.address.size() == 4)
        return IpAddress::fromV4(qFromBigEndian<quint32>(r.address.constData()));
    if (r.type == DnsType::AAAA && r.address.size() == 16)
        return IpAddress::fromV6(reinterpret_cast<const quint8 *>(r.address.constData()));
    return {};
}

bool isReverseName(QStringView name)
{
    return name.endsWith(u".in-addr.arpa"_s, Qt::CaseInsensitive) ||
           name.endsWith(u".ip6.arpa"_s, Qt::CaseInsensitive);
}

bool isProbe(const DnsMessage &m)
{
    if (m.header.qr || m.questions.isEmpty())
        return false;
    for (const DnsRecord &r : m.records) {
        if (r.section == DnsSection::Authority)
            return true;
    }
    return false;
}

BaseName baseName(QStringView name)
{
    const QString lowered = DirectoryNames::key(name);
    // The first label ends at the first unescaped dot.
    qsizetype end = 0;
    while (end < lowered.size() && lowered[end] != u'.') {
        if (lowered[end] == u'\\')
            ++end;
        ++end;
    }
    end = std::min(end, lowered.size());
    const QStringView first = QStringView(lowered).left(end);
    const QStringView rest = QStringView(lowered).mid(end);
    // Trailing digits, then " (" + ")", "-" or " #" before them.
    qsizetype digitsEnd = first.size();
    const bool paren = first.endsWith(u')');
    if (paren)
        --digitsEnd;
    qsizetype digitsStart = digitsEnd;
    while (digitsStart > 0 && first[digitsStart - 1].isDigit() && digitsEnd - digitsStart < 6)
        --digitsStart;
    if (digitsStart == digitsEnd)
        return {lowered, 0};
    bool ok = false;
    const int n = first.mid(digitsStart, digitsEnd - digitsStart).toInt(&ok);
    if (!ok || n < 2)
        return {lowered, 0};
    if (paren) {
        if (digitsStart >= 2 && first[digitsStart - 1] == u'(' && first[digitsStart - 2] == u' ')
            return {first.left(digitsStart - 2) + rest, n};
        return {lowered, 0};
    }
    if (digitsStart >= 2 && first[digitsStart - 1] == u'-')
        return {first.left(digitsStart - 1) + rest, n};
    if (digitsStart >= 3 && first[digitsStart - 1] == u'#' && first[digitsStart - 2] == u' ')
        return {first.left(digitsStart - 2) + rest, n};
    return {lowered, 0};
}

Finding *report(FindingLog &log, Rule rule, Severity severity, qint64 timeNs,
                const IpAddress &source, const QString &name, quint64 packet, const char *text,
                QStringList args)
{
    return log.report(
        {rule, severity, timeNs, source, name, packet, FindingText{text, std::move(args)}});
}

QString ms(qint64 ns)
{
    return QString::number(ns / 1'000'000);
}

} // namespace Sequence

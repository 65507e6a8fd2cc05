#include "FieldSelection.h"

#include "DisplayFilter.h"
#include "IpAddress.h"

using namespace Qt::StringLiterals;
using FilterFields::Field;
using FilterFields::Type;
using FilterFields::Value;

namespace FieldSelection {
namespace {

QString name(Field field)
{
    return QString::fromLatin1(FilterFields::info(field).name);
}

// Wireshark shows these in hex (BASE_HEX), and "Apply as filter" writes them so.
bool hexField(Field field)
{
    return field == Field::DnsId || field == Field::DnsFlags || field == Field::DnsQryClass ||
           field == Field::DnsRespClass;
}

QString number(Field field, quint64 n)
{
    return expression(field, Value{n, {}, {}, nullptr, nullptr});
}

QString text(Field field, QStringView s)
{
    Value v;
    v.text = s;
    return expression(field, v);
}

QString bytes(Field field, QByteArrayView b)
{
    Value v;
    v.bytes = b;
    return expression(field, v);
}

QString address(Field field, const QByteArray &raw)
{
    const bool v4 = field == Field::DnsA;
    if (raw.size() != (v4 ? 4 : 16))
        return {};
    const auto *b = reinterpret_cast<const quint8 *>(raw.constData());
    const IpAddress a = v4 ? IpAddress::fromV4(quint32(b[0]) << 24 | quint32(b[1]) << 16 |
                                               quint32(b[2]) << 8 | b[3])
                           : IpAddress::fromV6(b);
    Value v;
    v.address = &a;
    return expression(field, v);
}

QString header(const DnsMessage &m, const Item &item)
{
    const DnsHeader &h = m.header;
    if (item.level == 1) {
        if (item.span == ByteSpan{0, 2})
            return number(Field::DnsId, h.id);
        if (item.span == ByteSpan{2, 2})
            return number(Field::DnsFlags, FilterFields::Detail::headerFlags(h));
        const Field counts[] = {Field::DnsCountQueries, Field::DnsCountAnswers,
                                Field::DnsCountAuthRr, Field::DnsCountAddRr};
        const quint16 values[] = {h.questionCount, h.answerCount, h.authorityCount,
                                  h.additionalCount};
        for (quint32 i = 0; i < 4; ++i) {
            if (item.span == ByteSpan{4 + 2 * i, 2})
                return number(counts[i], values[i]);
        }
        return {};
    }
    if (item.level != 2 || item.span.length != 1 || item.sameSpan < 0 || item.sameSpan > 4)
        return {};
    // The decoder's order: QR, opcode, AA, TC, RD in the third byte; RA, Z, AD, CD, rcode in
    // the fourth.
    struct Bit
    {
        Field field;
        quint64 value;
    };
    const Bit third[] = {{Field::DnsFlagsResponse, h.qr},
                         {Field::DnsFlagsOpcode, h.opcode},
                         {Field::DnsFlagsAuthoritative, h.aa},
                         {Field::DnsFlagsTruncated, h.tc},
                         {Field::DnsFlagsRecdesired, h.rd}};
    const Bit fourth[] = {{Field::DnsFlagsRecavail, h.ra},
                          {Field::DnsFlagsZ, h.z},
                          {Field::DnsFlagsAuthenticated, h.ad},
                          {Field::DnsFlagsCheckdisable, h.cd},
                          {Field::DnsFlagsRcode, h.rcode}};
    if (item.span.offset == 2)
        return number(third[item.sameSpan].field, third[item.sameSpan].value);
    if (item.span.offset == 3)
        return number(fourth[item.sameSpan].field, fourth[item.sameSpan].value);
    return {};
}

QString question(const DnsQuestion &q, const Item &item)
{
    if (item.level == 0 || (item.level == 1 && item.span == q.nameSpan))
        return text(Field::DnsQryName, q.name);
    if (item.level != 1)
        return {};
    if (item.span == q.typeSpan)
        return number(Field::DnsQryType, q.type);
    if (item.span == q.classSpan) {
        return item.sameSpan == 0   ? number(Field::DnsQryClass, q.qclass)
               : item.sameSpan == 1 ? number(Field::DnsQryQu, q.unicastResponse)
                                    : QString();
    }
    return {};
}

// An SRV record's owner name as Wireshark 4 has it: service, protocol and the rest.
QString srvName(const DnsRecord &r)
{
    const QStringView n(r.name);
    const qsizetype dot1 = n.indexOf(u'.');
    const qsizetype dot2 = dot1 < 0 ? -1 : n.indexOf(u'.', dot1 + 1);
    QString out = text(Field::DnsSrvService, dot1 < 0 ? n : n.left(dot1));
    if (dot1 >= 0)
        out += u" && "_s + text(Field::DnsSrvProto,
                                dot2 < 0 ? n.mid(dot1 + 1) : n.mid(dot1 + 1, dot2 - dot1 - 1));
    if (dot2 >= 0)
        out += u" && "_s + text(Field::DnsSrvName, n.mid(dot2 + 1));
    return out;
}

QString recordName(const DnsRecord &r)
{
    return FilterFields::Detail::srvSplit(r) ? srvName(r) : text(Field::DnsRespName, r.name);
}

// The record's data as one value, for the types that have one.
QString rdata(const DnsRecord &r)
{
    switch (r.type) {
    case DnsType::A:
        return address(Field::DnsA, r.address);
    case DnsType::AAAA:
        return address(Field::DnsAaaa, r.address);
    case DnsType::PTR:
        return text(Field::DnsPtrDomainName, r.target);
    case DnsType::CNAME:
        return text(Field::DnsCname, r.target);
    case DnsType::NS:
        return text(Field::DnsNs, r.target);
    case DnsType::TXT:
        return r.txt.size() == 1 ? bytes(Field::DnsTxt, r.txt.first()) : QString();
    default:
        return {};
    }
}

// A typed rdata field (level 2) or a TXT string's part (level 3), by its bytes.
QString rdataField(const DnsRecord &r, const Item &item)
{
    const quint32 start = r.rdataSpan.offset;
    const ByteSpan s = item.span;
    if (item.level == 2) {
        switch (r.type) {
        case DnsType::A:
        case DnsType::AAAA:
        case DnsType::PTR:
        case DnsType::CNAME:
        case DnsType::NS:
            return s.offset == start ? rdata(r) : QString();
        case DnsType::SRV:
            if (s == ByteSpan{start, 2})
                return number(Field::DnsSrvPriority, r.priority);
            if (s == ByteSpan{start + 2, 2})
                return number(Field::DnsSrvWeight, r.weight);
            if (s == ByteSpan{start + 4, 2})
                return number(Field::DnsSrvPort, r.port);
            return s.offset == start + 6 ? text(Field::DnsSrvTarget, r.target) : QString();
        case DnsType::HINFO:
            if (s == ByteSpan{start, quint32(r.cpu.size()) + 1})
                return bytes(Field::DnsHinfoCpu, r.cpu);
            if (s == ByteSpan{start + quint32(r.cpu.size()) + 1, quint32(r.os.size()) + 1})
                return bytes(Field::DnsHinfoOs, r.os);
            return {};
        case DnsType::NSEC:
            return s.offset == start && s.length > 0 && !item.sameSpan
                       ? text(Field::DnsNsecNextDomainName, r.target)
                       : QString();
        default:
            break;
        }
    }
    if (r.type != DnsType::TXT)
        return {};
    quint32 at = start;
    for (const QByteArray &string : r.txt) {
        const auto length = quint32(string.size());
        if (item.level == 2 && s == ByteSpan{at, length + 1})
            return bytes(Field::DnsTxt, string);
        if (item.level == 3 && s == ByteSpan{at, 1})
            return number(Field::DnsTxtLength, length);
        at += length + 1;
    }
    return {};
}

QString record(const DnsRecord &r, const Item &item)
{
    const bool opt = r.type == DnsType::OPT;
    if (item.level == 0)
        return opt ? QString() : recordName(r);
    if (item.level >= 2)
        return rdataField(r, item);
    if (item.span == r.nameSpan)
        return opt ? QString() : recordName(r);
    if (item.span == r.typeSpan)
        return number(Field::DnsRespType, r.type);
    if (item.span == r.classSpan) {
        if (opt)
            return item.sameSpan == 0 ? number(Field::DnsRrUdpPayloadSize, r.rrclass) : QString();
        return item.sameSpan == 0   ? number(Field::DnsRespClass, r.rrclass)
               : item.sameSpan == 1 ? number(Field::DnsRespCacheFlush, r.cacheFlush)
                                    : QString();
    }
    if (item.span == r.ttlSpan)
        return opt ? QString() : number(Field::DnsRespTtl, r.ttl);
    if (item.span == r.rdlengthSpan)
        return number(Field::DnsRespLen, r.rdlength);
    if (item.span == r.rdataSpan)
        return rdata(r);
    return {};
}

// The expression when it compiles and selects the packet; empty otherwise.
QString checked(const QString &expression, const FilterFields::Input &input)
{
    if (expression.isEmpty())
        return {};
    DisplayFilter filter;
    DisplayFilter::Error error;
    if (!DisplayFilter::compile(expression, &filter, &error) || !filter.matches(input))
        return {};
    return expression;
}

} // namespace

QString quoted(QStringView text)
{
    QString out;
    out.reserve(text.size() + 2);
    out += u'"';
    for (const QChar c : text) {
        if (c == u'\\' || c == u'"') {
            out += u'\\';
            out += c;
        } else if (c.unicode() < 0x20 || c.unicode() == 0x7F) {
            out += u"\\x"_s + QString::number(c.unicode(), 16).rightJustified(2, u'0');
        } else {
            out += c;
        }
    }
    out += u'"';
    return out;
}

QString expression(Field field, const Value &value)
{
    const FilterFields::Info &info = FilterFields::info(field);
    const QString n = name(field);
    switch (info.type) {
    case Type::Protocol:
        return n;
    case Type::Bool:
        return n + u" == "_s + (value.number ? u'1' : u'0');
    case Type::UInt:
        return n + u" == "_s +
               (hexField(field)
                    ? u"0x"_s + QString::number(value.number, 16).rightJustified(4, u'0')
                    : QString::number(value.number));
    case Type::String:
        return n + u" == "_s + quoted(value.text);
    case Type::Bytes:
        return n + u" == "_s + quoted(QString::fromUtf8(value.bytes));
    case Type::Ipv4:
    case Type::Ipv6:
        return value.address ? n + u" == "_s + value.address->toString() : QString();
    case Type::Ether: {
        if (!value.mac)
            return {};
        QString mac;
        for (int i = 0; i < 6; ++i) {
            if (i)
                mac += u':';
            mac += QString::number(value.mac[i], 16).rightJustified(2, u'0');
        }
        return n + u" == "_s + mac;
    }
    }
    return {};
}

QString forItem(const DnsMessage &message, const Item &item)
{
    QString e;
    switch (item.part) {
    case Item::Part::None:
        return {};
    case Item::Part::Header:
        e = header(message, item);
        break;
    case Item::Part::Question:
        if (item.index >= 0 && item.index < message.questions.size())
            e = question(message.questions.at(item.index), item);
        break;
    case Item::Part::Record:
        if (item.index >= 0 && item.index < message.records.size())
            e = record(message.records.at(item.index), item);
        break;
    }
    const Packet packet; // the DNS fields need none of it
    return checked(e, FilterFields::Input{packet, message, 0});
}

QString forField(Field field, const FilterFields::Input &input)
{
    if (FilterFields::info(field).type == Type::Protocol)
        return {};
    QString e;
    FilterFields::visit(field, input, [&](const Value &v) {
        e = expression(field, v);
        return true;
    });
    return checked(e, input);
}

} // namespace FieldSelection

#include "DnsTestUtil.h"

#include "DnsDecoder.h"

using namespace Qt::StringLiterals;

namespace DnsTestUtil {

namespace {

void dump(const QList<DnsField> &fields, QStringList &out, const QString &indent)
{
    for (const DnsField &f : fields) {
        out << indent + field(f.label, f.value, f.span.offset, f.span.length);
        dump(f.children, out, indent + u"  "_s);
    }
}

QString fieldOutside(const QList<DnsField> &fields, quint32 size)
{
    for (const DnsField &f : fields) {
        if (f.span.end() > size || f.span.end() < f.span.offset)
            return u"field "_s + f.label;
        const QString child = fieldOutside(f.children, size);
        if (!child.isEmpty())
            return child;
    }
    return {};
}

} // namespace

QStringList dumpFields(const QList<DnsField> &fields)
{
    QStringList out;
    dump(fields, out, {});
    return out;
}

QString field(const QString &label, const QString &value, quint32 offset, quint32 length)
{
    return label + u'=' + value + u'@' + QString::number(offset) + u'+' + QString::number(length);
}

QString typed(const DnsRecord &r)
{
    QStringList parts;
    if (!r.address.isEmpty())
        parts << u"address="_s + QString::fromLatin1(r.address.toHex());
    if (!r.target.isEmpty())
        parts << u"target="_s + r.target;
    if (r.type == DnsType::SRV)
        parts << u"srv=%1,%2,%3"_s.arg(r.priority).arg(r.weight).arg(r.port);
    if (r.type == DnsType::TXT) {
        QStringList strings;
        for (const QByteArray &s : r.txt)
            strings << QString::fromLatin1(s.toHex());
        parts << u"txt=["_s + strings.join(u',') + u']';
    }
    if (r.type == DnsType::HINFO)
        parts << u"hinfo="_s + QString::fromLatin1(r.cpu) + u'/' + QString::fromLatin1(r.os);
    if (!r.nsecTypes.isEmpty()) {
        QStringList types;
        for (quint16 t : r.nsecTypes)
            types << QString::number(t);
        parts << u"types="_s + types.join(u',');
    }
    for (const EdnsOption &o : r.options)
        parts << u"option=%1:%2"_s.arg(o.code).arg(QString::fromLatin1(o.data.toHex()));
    parts << u"rdata="_s + QString::fromLatin1(r.rdata.toHex());
    return parts.join(u' ');
}

QStringList kept(const DnsMessage &m)
{
    QStringList out;
    for (const DnsQuestion &q : m.questions)
        out << u"Q "_s + q.name;
    for (const DnsRecord &r : m.records)
        out << u"R "_s + r.name + u' ' + DnsDecoder::typeName(r.type);
    return out;
}

QString spanOutside(const DnsMessage &m, quint32 size)
{
    const auto outside = [size](const ByteSpan &s) { return s.end() > size || s.end() < s.offset; };
    if (outside(m.header.span))
        return u"header"_s;
    QString f = fieldOutside(m.header.fields, size);
    if (!f.isEmpty())
        return f;
    for (const DnsQuestion &q : m.questions) {
        for (const ByteSpan &s : {q.span, q.nameSpan, q.typeSpan, q.classSpan}) {
            if (outside(s))
                return u"question "_s + q.name;
        }
    }
    for (const DnsRecord &r : m.records) {
        for (const ByteSpan &s : {r.span, r.nameSpan, r.typeSpan, r.classSpan, r.ttlSpan,
                                  r.rdlengthSpan, r.rdataSpan}) {
            if (outside(s))
                return u"record "_s + r.name;
        }
        f = fieldOutside(r.rdataFields, size);
        if (!f.isEmpty())
            return f;
        for (const EdnsOption &o : r.options) {
            if (outside(o.span))
                return u"EDNS option"_s;
        }
    }
    if (m.error && m.error->offset > size)
        return u"error offset"_s;
    return {};
}

} // namespace DnsTestUtil

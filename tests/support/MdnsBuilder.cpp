#include "MdnsBuilder.h"

#include <QtEndian>

#include <algorithm>

namespace MdnsBuilder {
namespace {
void put16(QByteArray &out, quint16 v)
{
    out.append(char(v >> 8));
    out.append(char(v & 0xFF));
}
void put32(QByteArray &out, quint32 v)
{
    put16(out, quint16(v >> 16));
    put16(out, quint16(v & 0xFFFF));
}
QByteArray header(bool response, quint16 qd, quint16 an, quint16 ar)
{
    QByteArray h;
    put16(h, 0);
    put16(h, response ? 0x8400 : 0x0000);
    put16(h, qd);
    put16(h, an);
    put16(h, 0);
    put16(h, ar);
    return h;
}
void putRecord(QByteArray &out, const Record &r)
{
    out.append(encodeName(r.name));
    put16(out, r.type);
    put16(out, quint16(0x0001 | (r.cacheFlush ? 0x8000 : 0)));
    put32(out, r.ttl);
    put16(out, quint16(r.rdata.size()));
    out.append(r.rdata);
}
} // namespace

QByteArray encodeName(const QString &name)
{
    QByteArray out;
    for (const QString &label : name.split(QLatin1Char('.'), Qt::SkipEmptyParts)) {
        const QByteArray l = label.toUtf8().left(63);
        out.append(char(l.size()));
        out.append(l);
    }
    out.append('\0');
    return out;
}

Record a(const QString &name, quint32 ipv4HostOrder)
{
    QByteArray rdata;
    put32(rdata, ipv4HostOrder);
    return {name, 1, rdata, 120, true};
}

Record ptr(const QString &name, const QString &target)
{
    return {name, 12, encodeName(target), 4500, false};
}

Record srv(const QString &name, quint16 port, const QString &target)
{
    QByteArray rdata;
    put16(rdata, 0);
    put16(rdata, 0);
    put16(rdata, port);
    rdata.append(encodeName(target));
    return {name, 33, rdata, 120, true};
}

Record txt(const QString &name, const QList<QByteArray> &strings)
{
    QByteArray rdata;
    for (const QByteArray &s : strings) {
        rdata.append(char(s.size()));
        rdata.append(s.left(255));
    }
    return {name, 16, rdata, 4500, true};
}

Record aaaa(const QString &name, const QByteArray &address16)
{
    return {name, 28, address16, 120, true};
}

Record with(Record r, quint32 ttl, bool cacheFlush)
{
    r.ttl = ttl;
    r.cacheFlush = cacheFlush;
    return r;
}

QByteArray queryWithAnswers(const QString &name, quint16 type, const QList<Record> &knownAnswers)
{
    QByteArray out = header(false, 1, quint16(knownAnswers.size()), 0);
    out.append(encodeName(name));
    put16(out, type);
    put16(out, 0x0001);
    for (const Record &r : knownAnswers)
        putRecord(out, r);
    return out;
}

QByteArray query(const QString &name, quint16 type, bool unicastResponse)
{
    QByteArray out = header(false, 1, 0, 0);
    out.append(encodeName(name));
    put16(out, type);
    put16(out, quint16(0x0001 | (unicastResponse ? 0x8000 : 0)));
    return out;
}

QByteArray response(const QList<Record> &answers, const QList<Record> &additionals)
{
    QByteArray out = header(true, 0, quint16(answers.size()), quint16(additionals.size()));
    for (const Record &r : answers)
        putRecord(out, r);
    for (const Record &r : additionals)
        putRecord(out, r);
    return out;
}

QByteArray message(const Message &m)
{
    QByteArray out;
    put16(out, m.id);
    put16(out, m.flags);
    put16(out, quint16(m.questions.size()));
    put16(out, quint16(m.answers.size()));
    put16(out, quint16(m.authorities.size()));
    put16(out, quint16(m.additionals.size()));
    for (const Question &q : m.questions) {
        out.append(encodeName(q.name));
        put16(out, q.type);
        put16(out, quint16(0x0001 | (q.unicastResponse ? 0x8000 : 0)));
    }
    for (const QList<Record> *section : {&m.answers, &m.authorities, &m.additionals}) {
        for (const Record &r : *section)
            putRecord(out, r);
    }
    return out;
}

QByteArray probe(const QList<Record> &proposed)
{
    Message m;
    for (Record r : proposed) {
        const bool asked = std::any_of(m.questions.cbegin(), m.questions.cend(),
                                       [&](const Question &q) { return q.name == r.name; });
        if (!asked)
            m.questions.append({r.name, 255, false});
        r.cacheFlush = false;
        m.authorities.append(r);
    }
    return message(m);
}

Record hinfo(const QString &name, const QByteArray &cpu, const QByteArray &os)
{
    QByteArray rdata;
    rdata.append(char(cpu.size()));
    rdata.append(cpu.left(255));
    rdata.append(char(os.size()));
    rdata.append(os.left(255));
    return {name, 13, rdata, 120, true};
}

} // namespace MdnsBuilder

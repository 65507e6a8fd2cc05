#pragma once

#include <QByteArray>
#include <QList>
#include <QString>

// Builds well-formed mDNS datagrams (uncompressed names) for tests of the GUI models and
// views: queries (also with known answers) and responses with A, AAAA, PTR, SRV and TXT records.
// Any thread.
namespace MdnsBuilder {

struct Record
{
    QString name;
    quint16 type = 0;
    QByteArray rdata;
    quint32 ttl = 120;
    bool cacheFlush = false;
};

QByteArray encodeName(const QString &name);
Record a(const QString &name, quint32 ipv4HostOrder);
Record ptr(const QString &name, const QString &target);
Record srv(const QString &name, quint16 port, const QString &target);
Record txt(const QString &name, const QList<QByteArray> &strings);
Record aaaa(const QString &name, const QByteArray &address16);
// A record with its TTL (0: a goodbye) and cache-flush bit changed.
Record with(Record r, quint32 ttl, bool cacheFlush);

QByteArray query(const QString &name, quint16 type, bool unicastResponse = false);
// A query for `name` carrying known answers (RFC 6762 §7.1) in its answer section.
QByteArray queryWithAnswers(const QString &name, quint16 type, const QList<Record> &knownAnswers);
QByteArray response(const QList<Record> &answers, const QList<Record> &additionals = {});

// Any message: header ID and flags as given (0x8400: an authoritative response), questions,
// and the three record sections.
struct Question
{
    QString name;
    quint16 type = 255;
    bool unicastResponse = false;
};
struct Message
{
    quint16 id = 0;
    quint16 flags = 0;
    QList<Question> questions;
    QList<Record> answers;
    QList<Record> authorities;
    QList<Record> additionals;
};
QByteArray message(const Message &m);
// A probe (RFC 6762 §8.1): an ANY question for each name of `proposed` (in their order), the
// proposed records (cache-flush bit cleared) in the authority section.
QByteArray probe(const QList<Record> &proposed);
Record hinfo(const QString &name, const QByteArray &cpu, const QByteArray &os);

} // namespace MdnsBuilder

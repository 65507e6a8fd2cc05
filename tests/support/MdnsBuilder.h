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

} // namespace MdnsBuilder

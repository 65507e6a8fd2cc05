#pragma once

#include <QJsonObject>
#include <QList>
#include <QString>
#include <QStringList>

// Queries over the JSON Lines objects mdnscope writes (one per packet, the schema of
// the README: "flags", "questions", "answers", "authorities", "additionals", each
// record with "name", "type", "ttl", "cache_flush" and typed "data"), so tests can
// say "a response from X with an answer A host.local" in one line. Any thread.
namespace JsonPackets {
bool isResponse(const QJsonObject &packet);
QString source(const QJsonObject &packet);
bool isMalformed(const QJsonObject &packet);
bool hasQuestion(const QJsonObject &packet, const QString &name, const QString &type);
// The records named `name` of `type` in `section` ("answers", "authorities",
// "additionals"; empty = all three).
QList<QJsonObject> records(const QJsonObject &packet, const QString &section, const QString &name,
                           const QString &type);
// Indexes (positions in `packets`) of packets from `source` that satisfy `pred`.
template<typename Pred>
QList<int> find(const QList<QJsonObject> &packets, const QString &source, Pred pred)
{
    QList<int> result;
    for (int i = 0; i < packets.size(); ++i) {
        if ((source.isEmpty() || JsonPackets::source(packets.at(i)) == source) &&
            pred(packets.at(i)))
            result.append(i);
    }
    return result;
}
// One short line per packet, for failure messages.
QString describe(const QJsonObject &packet);
QString describeAll(const QList<QJsonObject> &packets, int max = 60);
} // namespace JsonPackets

// Matchers for one record object.
namespace JsonPackets {
qint64 ttl(const QJsonObject &record);
bool cacheFlush(const QJsonObject &record);
bool isAddress(const QJsonObject &record, const QString &address);          // A / AAAA
bool isTarget(const QJsonObject &record, const QString &target);            // PTR / CNAME / NS
bool isSrv(const QJsonObject &record, quint16 port, const QString &target); // priority, weight 0
bool isTxt(const QJsonObject &record, const QStringList &strings);          // exactly, in order
// True when `packet` has a record (name, type) in `section` that satisfies pred.
template<typename Pred>
bool hasRecord(const QJsonObject &packet, const QString &section, const QString &name,
               const QString &type, Pred pred)
{
    const QList<QJsonObject> list = records(packet, section, name, type);
    for (const QJsonObject &r : list) {
        if (pred(r))
            return true;
    }
    return false;
}
} // namespace JsonPackets

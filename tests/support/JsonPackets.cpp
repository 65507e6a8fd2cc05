#include "JsonPackets.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QStringList>

using namespace Qt::StringLiterals;

namespace {
const QStringList kSections = {u"answers"_s, u"authorities"_s, u"additionals"_s};

QString recordText(const QJsonObject &r)
{
    const QJsonObject data = r.value(u"data"_s).toObject();
    QString value;
    if (data.contains(u"address"_s))
        value = data.value(u"address"_s).toString();
    else if (data.contains(u"port"_s))
        value = u"%1 %2"_s.arg(data.value(u"port"_s).toInteger())
                    .arg(data.value(u"target"_s).toString());
    else if (data.contains(u"target"_s))
        value = data.value(u"target"_s).toString();
    else if (data.contains(u"strings"_s))
        value = QString::fromUtf8(
            QJsonDocument(data.value(u"strings"_s).toArray()).toJson(QJsonDocument::Compact));
    return u"%1 %2 %3 ttl=%4"_s
        .arg(r.value(u"name"_s).toString(), r.value(u"type"_s).toString(), value)
        .arg(r.value(u"ttl"_s).toInteger());
}
} // namespace

bool JsonPackets::isResponse(const QJsonObject &packet)
{
    return packet.value(u"flags"_s).toObject().value(u"qr"_s).toInteger() == 1;
}

QString JsonPackets::source(const QJsonObject &packet)
{
    return packet.value(u"source"_s).toString();
}

bool JsonPackets::isMalformed(const QJsonObject &packet)
{
    const QJsonValue m = packet.value(u"malformed"_s);
    return !m.isNull() && !m.isUndefined();
}

bool JsonPackets::hasQuestion(const QJsonObject &packet, const QString &name, const QString &type)
{
    const QJsonArray questions = packet.value(u"questions"_s).toArray();
    for (const QJsonValue &q : questions) {
        const QJsonObject o = q.toObject();
        if (o.value(u"name"_s).toString() == name && o.value(u"type"_s).toString() == type)
            return true;
    }
    return false;
}

QList<QJsonObject> JsonPackets::records(const QJsonObject &packet, const QString &section,
                                        const QString &name, const QString &type)
{
    QList<QJsonObject> result;
    for (const QString &s : kSections) {
        if (!section.isEmpty() && s != section)
            continue;
        const QJsonArray list = packet.value(s).toArray();
        for (const QJsonValue &v : list) {
            const QJsonObject r = v.toObject();
            if (r.value(u"name"_s).toString() == name && r.value(u"type"_s).toString() == type)
                result.append(r);
        }
    }
    return result;
}

QString JsonPackets::describe(const QJsonObject &packet)
{
    QStringList parts;
    const QJsonArray questions = packet.value(u"questions"_s).toArray();
    for (const QJsonValue &q : questions)
        parts.append(u"?%1 %2"_s.arg(q.toObject().value(u"name"_s).toString(),
                                     q.toObject().value(u"type"_s).toString()));
    for (const QString &s : kSections) {
        const QJsonArray list = packet.value(s).toArray();
        for (const QJsonValue &v : list)
            parts.append(s.left(2) + u':' + recordText(v.toObject()));
    }
    QString line = u"#%1 %2 %3: %4"_s.arg(packet.value(u"index"_s).toInteger())
                       .arg(source(packet), isResponse(packet) ? u"response"_s : u"query"_s,
                            parts.join(u"; "_s));
    if (isMalformed(packet))
        line += u" [malformed "_s +
                QString::fromUtf8(QJsonDocument(packet.value(u"malformed"_s).toObject())
                                      .toJson(QJsonDocument::Compact)) +
                u']';
    return line;
}

QString JsonPackets::describeAll(const QList<QJsonObject> &packets, int max)
{
    QStringList lines;
    for (int i = 0; i < packets.size() && i < max; ++i)
        lines.append(describe(packets.at(i)));
    if (packets.size() > max)
        lines.append(u"... and %1 more"_s.arg(packets.size() - max));
    return lines.join(u'\n');
}

qint64 JsonPackets::ttl(const QJsonObject &record)
{
    return record.value(u"ttl"_s).toInteger(-1);
}

bool JsonPackets::cacheFlush(const QJsonObject &record)
{
    return record.value(u"cache_flush"_s).toBool();
}

bool JsonPackets::isAddress(const QJsonObject &record, const QString &address)
{
    return record.value(u"data"_s).toObject().value(u"address"_s).toString() == address;
}

bool JsonPackets::isTarget(const QJsonObject &record, const QString &target)
{
    return record.value(u"data"_s).toObject().value(u"target"_s).toString() == target;
}

bool JsonPackets::isSrv(const QJsonObject &record, quint16 port, const QString &target)
{
    const QJsonObject d = record.value(u"data"_s).toObject();
    return d.value(u"port"_s).toInteger() == port && d.value(u"target"_s).toString() == target &&
           d.value(u"priority"_s).toInteger() == 0 && d.value(u"weight"_s).toInteger() == 0;
}

bool JsonPackets::isTxt(const QJsonObject &record, const QStringList &strings)
{
    QStringList got;
    const QJsonArray list = record.value(u"data"_s).toObject().value(u"strings"_s).toArray();
    for (const QJsonValue &v : list)
        got.append(v.toString());
    return got == strings;
}

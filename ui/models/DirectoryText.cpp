#include "DirectoryText.h"

#include <QDateTime>
#include <QStringList>

using namespace Qt::StringLiterals;

QString DirectoryText::state(RecordState state)
{
    switch (state) {
    case RecordState::Live:
        return tr("live");
    case RecordState::Goodbye:
        return tr("goodbye");
    case RecordState::Expired:
        return tr("expired");
    case RecordState::KnownAnswerOnly:
        return tr("known answer only");
    case RecordState::Replaced:
        return tr("replaced");
    }
    return {};
}

QString DirectoryText::event(const InstanceEvent &event)
{
    switch (event.kind) {
    case InstanceEvent::Kind::Announced:
        return tr("announced");
    case InstanceEvent::Kind::Refreshed:
        //: %1: how many refreshes were heard in a row, %2: the time of the last one
        return event.count > 1 ? tr("refreshed %1 times (last %2)")
                                     .arg(event.count)
                                     .arg(timestamp(event.lastNs))
                               : tr("refreshed");
    case InstanceEvent::Kind::Goodbye:
        return tr("goodbye");
    case InstanceEvent::Kind::Expired:
        return tr("expired (left without a goodbye)");
    case InstanceEvent::Kind::Renamed:
        return event.renamedTo ? tr("renamed to %1").arg(event.otherName)
                               : tr("renamed from %1").arg(event.otherName);
    }
    return {};
}

namespace {
QString bytesText(const QByteArray &bytes)
{
    QString out;
    out.reserve(bytes.size());
    for (const char c : bytes) {
        const auto u = static_cast<unsigned char>(c);
        if (u >= 0x20 && u < 0x7f)
            out.append(QLatin1Char(c));
        else
            out.append(u"\\x%1"_s.arg(u, 2, 16, QLatin1Char('0')));
    }
    // Valid UTF-8 reads as such: only undecodable bytes stay escaped.
    const QString utf8 = QString::fromUtf8(bytes);
    if (!utf8.contains(QChar::ReplacementCharacter) && !utf8.contains(QChar(0)))
        return utf8;
    return out;
}
} // namespace

QString DirectoryText::txtPair(const TxtPair &pair)
{
    return pair.hasValue ? bytesText(pair.key) + u'=' + bytesText(pair.value) : bytesText(pair.key);
}

QString DirectoryText::txt(const ServiceInstance &instance)
{
    if (!instance.hasTxt)
        return {};
    if (instance.txtPairs.isEmpty())
        return tr("(empty)");
    QStringList parts;
    parts.reserve(instance.txtPairs.size());
    for (const TxtPair &pair : instance.txtPairs)
        parts.append(txtPair(pair));
    return parts.join(u' ');
}

QString DirectoryText::addresses(const QList<HostAddress> &addresses)
{
    QStringList parts;
    for (const HostAddress &a : addresses) {
        const QString text = a.address.toString();
        if (!parts.contains(text))
            parts.append(text);
    }
    return parts.join(u", "_s);
}

QString DirectoryText::addressList(const QList<IpAddress> &addresses)
{
    QStringList parts;
    parts.reserve(addresses.size());
    for (const IpAddress &a : addresses)
        parts.append(a.toString());
    return parts.join(u", "_s);
}

QString DirectoryText::hostPort(const ServiceInstance &instance)
{
    if (!instance.hasSrv)
        return {};
    return u"%1:%2"_s.arg(instance.host).arg(instance.port);
}

QString DirectoryText::clock(qint64 ns)
{
    if (ns <= 0)
        return {};
    return QDateTime::fromMSecsSinceEpoch(ns / 1'000'000).toString(u"hh:mm:ss"_s);
}

QString DirectoryText::timestamp(qint64 ns)
{
    if (ns <= 0)
        return {};
    return QDateTime::fromMSecsSinceEpoch(ns / 1'000'000).toString(u"yyyy-MM-dd hh:mm:ss.zzz"_s);
}

QString DirectoryText::ttlLeft(qint64 ns)
{
    if (ns <= 0)
        return {};
    //: remaining time to live in whole seconds
    return tr("%1 s").arg((ns + 999'999'999) / 1'000'000'000);
}

QString DirectoryText::recordType(quint16 type)
{
    switch (type) {
    case 1:
        return u"A"_s;
    case 12:
        return u"PTR"_s;
    case 13:
        return u"HINFO"_s;
    case 16:
        return u"TXT"_s;
    case 28:
        return u"AAAA"_s;
    case 33:
        return u"SRV"_s;
    case 47:
        return u"NSEC"_s;
    default:
        return QString::number(type);
    }
}

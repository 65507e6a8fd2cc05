#include "TalkersModel.h"

#include "FloodCauses.h"

#include "BehaviourText.h"

#include <QBrush>
#include <QColor>
#include <QFont>
#include <QLocale>
#include <QSettings>

#include <algorithm>

using namespace Qt::StringLiterals;

namespace {
struct ColumnText
{
    const char *title;
    const char *tip;
};

constexpr ColumnText kColumns[TalkersModel::ColumnCount] = {
    {QT_TRANSLATE_NOOP("TalkersModel", "Sender"),
     QT_TRANSLATE_NOOP("TalkersModel", "The host's first address (its addresses are joined by the "
                                       "A and AAAA records it announces)")},
    {QT_TRANSLATE_NOOP("TalkersModel", "Host"),
     QT_TRANSLATE_NOOP("TalkersModel", "The host name it announces, when any")},
    {QT_TRANSLATE_NOOP("TalkersModel", "Packets/s (1 s)"),
     QT_TRANSLATE_NOOP("TalkersModel", "Packets per second over the last second")},
    {QT_TRANSLATE_NOOP("TalkersModel", "Packets/s (10 s)"),
     QT_TRANSLATE_NOOP("TalkersModel", "Packets per second over the last 10 seconds")},
    {QT_TRANSLATE_NOOP("TalkersModel", "Packets/s (60 s)"),
     QT_TRANSLATE_NOOP("TalkersModel", "Packets per second over the last 60 seconds")},
    {QT_TRANSLATE_NOOP("TalkersModel", "Bytes/s (10 s)"),
     QT_TRANSLATE_NOOP("TalkersModel", "Bytes per second over the last 10 seconds")},
    {QT_TRANSLATE_NOOP("TalkersModel", "Share"),
     QT_TRANSLATE_NOOP("TalkersModel", "Its share of all packets since the capture began")},
    {QT_TRANSLATE_NOOP("TalkersModel", "Peak"),
     QT_TRANSLATE_NOOP("TalkersModel", "The most packets it sent in one second")},
    {QT_TRANSLATE_NOOP("TalkersModel", "Repeats"),
     QT_TRANSLATE_NOOP("TalkersModel", "Packets identical to one it sent within the second "
                                       "before (a loop or a reflector)")},
    {QT_TRANSLATE_NOOP("TalkersModel", "Packets"),
     QT_TRANSLATE_NOOP("TalkersModel", "Packets it sent since the capture began")},
};

constexpr int kMaxNamedFlooders = 3;
} // namespace

double TalkersModel::storedFloodThreshold()
{
    bool ok = false;
    const double v = QSettings()
                         .value(QString::fromLatin1(kFloodThresholdKey), kDefaultFloodThreshold)
                         .toDouble(&ok);
    return ok && v > 0 ? v : kDefaultFloodThreshold;
}

TalkersModel::TalkersModel(QObject *parent)
    : QAbstractTableModel(parent)
    , m_threshold(storedFloodThreshold())
{}

int TalkersModel::rowCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : int(m_rows.size());
}

int TalkersModel::columnCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : ColumnCount;
}

double TalkersModel::floodRate(const TalkerFigures &t)
{
    return std::max(t.packetsPerSecond[0], t.packetsPerSecond[1]);
}

bool TalkersModel::isFlooding(int row) const
{
    return floodRate(m_rows.at(row)) >= m_threshold;
}

QString TalkersModel::cellText(const TalkerFigures &t, int column) const
{
    const QLocale locale;
    switch (column) {
    case Sender:
        return t.label;
    case HostName:
        return t.hostName;
    case Rate1s:
    case Rate10s:
    case Rate60s:
        return BehaviourText::packetRate(t.packetsPerSecond[size_t(column - Rate1s)]);
    case ByteRate10s:
        return BehaviourText::byteRate(t.bytesPerSecond[1]);
    case Share:
        return BehaviourText::share(t.share);
    case Peak:
        return BehaviourText::packetRate(double(t.rates.peakPackets));
    case Repeats:
        return locale.toString(t.rates.repeats);
    case Packets:
        return locale.toString(t.rates.packets);
    default:
        return {};
    }
}

QVariant TalkersModel::sortValue(const TalkerFigures &t, int column) const
{
    switch (column) {
    case Sender:
        // Addresses in address order ("169.254.0.10" after "169.254.0.9").
        return t.addresses.isEmpty() ? t.label : t.addresses.constFirst().toString();
    case HostName:
        return t.hostName;
    case Rate1s:
    case Rate10s:
    case Rate60s:
        return t.packetsPerSecond[size_t(column - Rate1s)];
    case ByteRate10s:
        return t.bytesPerSecond[1];
    case Share:
        return t.share;
    case Peak:
        return t.rates.peakPackets;
    case Repeats:
        return t.rates.repeats;
    case Packets:
        return t.rates.packets;
    default:
        return {};
    }
}

QVariant TalkersModel::data(const QModelIndex &index, int role) const
{
    if (!index.isValid() || index.row() >= m_rows.size())
        return {};
    const TalkerFigures &t = m_rows.at(index.row());
    switch (role) {
    case Qt::DisplayRole:
        return cellText(t, index.column());
    case SortRole:
        return sortValue(t, index.column());
    case FloodingRole:
        return floodRate(t) >= m_threshold;
    case HostRole:
        return t.host;
    case Qt::TextAlignmentRole:
        return index.column() >= Rate1s ? QVariant(Qt::AlignRight | Qt::AlignVCenter) : QVariant();
    case Qt::FontRole:
        if (floodRate(t) >= m_threshold) {
            QFont bold;
            bold.setBold(true);
            return bold;
        }
        return {};
    case Qt::BackgroundRole:
        if (floodRate(t) >= m_threshold)
            return QBrush(QColor(255, 200, 160)); // the warning tint of the findings view
        return {};
    case Qt::ForegroundRole:
        if (floodRate(t) >= m_threshold)
            return QBrush(Qt::black); // readable on the tint in a dark theme too
        return {};
    case Qt::ToolTipRole:
        if (index.column() == Sender && t.addresses.size() > 1) {
            QStringList all;
            for (const IpAddress &a : t.addresses)
                all.append(a.toString());
            return all.join(u'\n');
        }
        if (floodRate(t) >= m_threshold) {
            QString tip = tr("Above the flood threshold of %1 packets/s")
                              .arg(QLocale().toString(m_threshold, 'g', 6));
            // Why, as far as the traffic shows it (FloodCauses), with the packets that show it.
            for (const FloodCause &cause : t.causes) {
                const int kind = FloodCauses::kindOf(cause.kind);
                QStringList first;
                for (qsizetype i = 0; i < cause.packets.first.size() && i < 5; ++i)
                    first.append(QString::number(cause.packets.first.at(i)));
                tip += u"\n"_s +
                       tr("%1: %2 packets (%3, ...)")
                           .arg(kind >= 0 ? FloodCauses::kindTitle(FloodCauses::Kind(kind), true)
                                          : cause.kind)
                           .arg(cause.packets.count)
                           .arg(first.join(u", "_s));
            }
            return tip;
        }
        return {};
    default:
        return {};
    }
}

QVariant TalkersModel::headerData(int section, Qt::Orientation orientation, int role) const
{
    if (orientation != Qt::Horizontal || section < 0 || section >= ColumnCount)
        return {};
    if (role == Qt::DisplayRole)
        return tr(kColumns[section].title);
    if (role == Qt::ToolTipRole)
        return tr(kColumns[section].tip);
    return {};
}

void TalkersModel::clear()
{
    if (m_rows.isEmpty())
        return;
    beginResetModel();
    m_rows.clear();
    m_rowOf.clear();
    endResetModel();
    updateFlooding();
}

void TalkersModel::apply(const BehaviourChanges &changes)
{
    if (changes.reset)
        clear();
    if (!changes.hasTalkers)
        return;
    const QList<TalkerFigures> &snapshot = changes.hostTalkers;
    // Hosts gone from the snapshot (fallen out of the top, or joined into another) leave, in
    // runs from the end so the rows before keep their numbers.
    QHash<qint32, qsizetype> inSnapshot;
    inSnapshot.reserve(snapshot.size());
    for (qsizetype i = 0; i < snapshot.size(); ++i)
        inSnapshot.insert(snapshot.at(i).host, i);
    for (qsizetype row = m_rows.size() - 1; row >= 0;) {
        if (inSnapshot.contains(m_rows.at(row).host)) {
            --row;
            continue;
        }
        qsizetype first = row;
        while (first > 0 && !inSnapshot.contains(m_rows.at(first - 1).host))
            --first;
        beginRemoveRows({}, int(first), int(row));
        m_rows.remove(first, row - first + 1);
        endRemoveRows();
        row = first - 1;
    }
    m_rowOf.clear();
    for (qsizetype row = 0; row < m_rows.size(); ++row)
        m_rowOf.insert(m_rows.at(row).host, row);
    // Rows still there take their new figures (one dataChanged for all); new hosts append.
    for (const TalkerFigures &t : snapshot) {
        const auto at = m_rowOf.constFind(t.host);
        if (at != m_rowOf.cend())
            m_rows[at.value()] = t;
    }
    if (!m_rows.isEmpty())
        Q_EMIT dataChanged(index(0, 0), index(int(m_rows.size()) - 1, ColumnCount - 1));
    QList<const TalkerFigures *> added;
    for (const TalkerFigures &t : snapshot) {
        if (!m_rowOf.contains(t.host))
            added.append(&t);
    }
    if (!added.isEmpty()) {
        const int first = int(m_rows.size());
        beginInsertRows({}, first, first + int(added.size()) - 1);
        for (const TalkerFigures *t : std::as_const(added)) {
            m_rowOf.insert(t->host, m_rows.size());
            m_rows.append(*t);
        }
        endInsertRows();
    }
    updateFlooding();
}

void TalkersModel::setFloodThreshold(double packetsPerSecond)
{
    if (!(packetsPerSecond > 0) || packetsPerSecond == m_threshold)
        return;
    m_threshold = packetsPerSecond;
    if (!m_rows.isEmpty())
        Q_EMIT dataChanged(index(0, 0), index(int(m_rows.size()) - 1, ColumnCount - 1));
    updateFlooding();
}

void TalkersModel::updateFlooding()
{
    QList<const TalkerFigures *> flooding;
    for (const TalkerFigures &t : std::as_const(m_rows)) {
        if (floodRate(t) >= m_threshold)
            flooding.append(&t);
    }
    std::stable_sort(flooding.begin(), flooding.end(),
                     [](const TalkerFigures *a, const TalkerFigures *b) {
                         return floodRate(*a) > floodRate(*b);
                     });
    QString text;
    if (!flooding.isEmpty()) {
        const QLocale locale;
        QStringList named;
        for (qsizetype i = 0; i < std::min<qsizetype>(flooding.size(), kMaxNamedFlooders); ++i) {
            const TalkerFigures &t = *flooding.at(i);
            const QString rate = locale.toString(qRound64(floodRate(t)));
            named.append(t.hostName.isEmpty()
                             //: %1: an address, %2: a number of packets
                             ? tr("%1 %2 packets/s").arg(t.label, rate)
                             //: %1: an address, %2: its host name, %3: a number of packets
                             : tr("%1 (%2) %3 packets/s").arg(t.label, t.hostName, rate));
        }
        if (flooding.size() > kMaxNamedFlooders)
            named.append(tr("%1 more").arg(flooding.size() - kMaxNamedFlooders));
        text = tr("Flooding: %1").arg(named.join(u", "_s));
    }
    if (text == m_floodingText)
        return;
    m_floodingText = text;
    Q_EMIT floodingChanged(m_floodingText);
}

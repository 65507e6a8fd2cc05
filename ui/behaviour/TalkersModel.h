#pragma once

#include "BehaviourTypes.h"

#include <QAbstractTableModel>
#include <QHash>
#include <QList>
#include <QString>

// The top talkers per host as a table (issue #16): sender (its first address), host name,
// packets/s over 1, 10 and 60 s, bytes/s over 10 s, share of the link's packets, peak second,
// repeated payloads and total packets. Follows BehaviourChanges::hostTalkers (a bounded
// snapshot of the top ones): rows are updated in place, keyed by the host's lane id, so a view's
// selection stays; hosts gone from the snapshot leave, new ones are appended; a reset empties it.
// Sort through a QSortFilterProxyModel with sortRole() = SortRole (numbers, not text).
//
// A row floods when its rate over 1 s or over 10 s reaches the flood threshold (packets/s, the
// QSettings key kFloodThresholdKey, 100 by default): it is drawn bold on a warning background
// and named by floodingText(), which the status bar shows. GUI thread; an update costs the
// snapshot's size, never the packets'.
class TalkersModel final : public QAbstractTableModel
{
    Q_OBJECT
public:
    enum Column {
        Sender,
        HostName,
        Rate1s,
        Rate10s,
        Rate60s,
        ByteRate10s,
        Share,
        Peak,
        Repeats,
        Packets,
        ColumnCount
    };
    enum Role {
        SortRole = Qt::UserRole + 1, // numbers for the numeric columns, text for the others
        FloodingRole,                // bool: the row is at or above the flood threshold
        HostRole,                    // qint32: the host's lane id
    };
    static constexpr double kDefaultFloodThreshold = 100.0;
    static constexpr const char *kFloodThresholdKey = "behaviour/floodThreshold";
    // The threshold stored in QSettings (the default when none or not a positive number).
    static double storedFloodThreshold();

    explicit TalkersModel(QObject *parent = nullptr);

    int rowCount(const QModelIndex &parent = {}) const override;
    int columnCount(const QModelIndex &parent = {}) const override;
    QVariant data(const QModelIndex &index, int role = Qt::DisplayRole) const override;
    QVariant headerData(int section, Qt::Orientation orientation,
                        int role = Qt::DisplayRole) const override;

    void apply(const BehaviourChanges &changes);
    void clear();

    const TalkerFigures &talker(int row) const { return m_rows.at(row); }
    int rowOfHost(qint32 host) const { return int(m_rowOf.value(host, -1)); }

    double floodThreshold() const { return m_threshold; }
    void setFloodThreshold(double packetsPerSecond);
    // The rate a row is judged by: the higher of its 1 s and 10 s rates.
    static double floodRate(const TalkerFigures &t);
    bool isFlooding(int row) const;
    // "Flooding: 169.254.0.5 (printer.local) 1,020 packets/s" naming the (up to three) highest
    // flooding hosts; empty when none floods.
    QString floodingText() const { return m_floodingText; }

Q_SIGNALS:
    void floodingChanged(const QString &text);

private:
    QString cellText(const TalkerFigures &t, int column) const;
    QVariant sortValue(const TalkerFigures &t, int column) const;
    void updateFlooding();

    QList<TalkerFigures> m_rows;
    QHash<qint32, qsizetype> m_rowOf; // host id -> row
    double m_threshold = kDefaultFloodThreshold;
    QString m_floodingText;
};

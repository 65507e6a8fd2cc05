#pragma once

#include "SenderTable.h"

#include <QAbstractTableModel>

class FindingMarks;

// One row per host (see SenderTable): its addresses, and counts summed over them. Packets are
// added one by one during a batch and published by flush(): at most one beginInsertRows for
// the new senders and one dataChanged over the rows that changed. rowCount() only grows
// inside flush(), so views never see rows before they were announced. When a host name
// joins a row to an earlier one, the later row is removed at once (beginRemoveRows /
// endRemoveRows, the earlier row not yet changed), the earlier row changes with the next
// flush(), which then emits hostsMerged(). The rate column follows setNowNs(). Texts that
// rarely change (the addresses, the joined name lists) are kept per row and rebuilt only
// when a list changed, not on every data() call of every repaint. GUI thread.
class SenderTableModel final : public QAbstractTableModel
{
    Q_OBJECT
public:
    enum Column {
        AddressColumn,
        InterfaceColumn,
        PacketsColumn,
        BytesColumn,
        RateColumn,
        FirstSeenColumn,
        LastSeenColumn,
        HostNamesColumn,
        ServicesColumn,
        TtlColumn,
        MalformedColumn,
        FindingsColumn, // errors / warnings found by the conformance checker
        ColumnCount
    };
    enum Role { SortRole = Qt::UserRole + 1, AddressRole };
    // What the rate column shows: live, the current rate (the last SenderInfo::kRateSeconds
    // seconds before setNowNs()); for a file, each sender's average between its first and its
    // last packet (a sender of one packet, or of packets all at one instant, has none).
    enum class RateKind { Current, Average };

    explicit SenderTableModel(QObject *parent = nullptr);

    const SenderTable &table() const { return m_table; }
    void add(const Packet &packet, const DnsMessage &message);
    // A live packet whose decode was done off the GUI thread: its flag, then its batch's
    // claims (see SenderTable::addClaims).
    void add(const Packet &packet, bool malformed);
    void addClaims(const SenderClaims &claims);
    void flush();
    // Replaces everything (opening a file); resets the model.
    void replace(SenderTable table);
    void clear();
    // The "now" the current rates are measured at; refreshes the rate column.
    void setNowNs(qint64 ns);
    qint64 nowNs() const { return m_nowNs; }
    void setRateKind(RateKind kind);
    RateKind rateKind() const { return m_rateKind; }
    // The rate column's value for a row; negative when it has none (RateKind::Average).
    double rate(int row) const;
    // The host's addresses (empty for no row), and what names it in a line: its first host
    // name, else its addresses.
    QList<IpAddress> addresses(int row) const;
    QString label(int row) const;
    // True while a merge removes a row (from beginRemoveRows to after endRemoveRows): a
    // view's selection moving then is Qt's doing (single selection keeps a row selected),
    // not the user's.
    bool isMerging() const { return m_removing; }
    // Where the findings column reads its counts (owned by the findings view's model, which
    // outlives this model or is unset first); nullptr shows none.
    void setFindingMarks(const FindingMarks *marks) { m_marks = marks; }
    // The findings of some senders changed: their cells in the findings column are redrawn.
    void findingsChanged();

    int rowCount(const QModelIndex &parent = {}) const override;
    int columnCount(const QModelIndex &parent = {}) const override;
    QVariant data(const QModelIndex &index, int role = Qt::DisplayRole) const override;
    QVariant headerData(int section, Qt::Orientation orientation,
                        int role = Qt::DisplayRole) const override;

Q_SIGNALS:
    // Rows became one host since the last flush() (rows removed, or addresses joining a row):
    // whatever shows one host's packets (the packet list's sender filter) looks again.
    void hostsMerged();

private:
    // A row's texts; the name lists only ever grow (until a reset), so their sizes tell
    // whether the joined text is still current.
    struct RowTexts
    {
        QList<SenderAddress> addresses; // those the texts were made for (shared, not copied)
        QString address, addressLines, interfaces;
        QString hostNames, services;
        qsizetype hostCount = -1, serviceCount = -1;
        QString firstSeen, lastSeen; // clock times, for the second they were made for
        qint64 firstSeenSecond = -1, lastSeenSecond = -1;
    };
    RowTexts &texts(int row) const;
    void markChanged(qsizetype row);
    void removeRow(qsizetype row);

    SenderTable m_table;
    mutable QList<RowTexts> m_texts; // by row, grown on demand
    int m_rows = 0;                  // rows announced to views
    int m_changedFirst = -1, m_changedLast = -1;
    qint64 m_nowNs = 0;
    RateKind m_rateKind = RateKind::Current;
    bool m_merged = false;   // since the last flush()
    bool m_removing = false; // inside beginRemoveRows / endRemoveRows
    SenderTable::RowRemoval m_removal;
    std::pair<quint32, quint32> findingCounts(const SenderInfo &sender) const;
    const FindingMarks *m_marks = nullptr;
};

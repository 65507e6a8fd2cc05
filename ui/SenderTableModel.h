#pragma once

#include "SenderTable.h"

#include <QAbstractTableModel>

// One row per source address (see SenderTable). Packets are added one by one during a batch
// and published by flush(): at most one beginInsertRows for the new senders and one
// dataChanged over the rows that changed. rowCount() only grows inside flush(), so views
// never see rows before they were announced. The rate column follows setNowNs(). GUI thread.
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
        ColumnCount
    };
    enum Role { SortRole = Qt::UserRole + 1, AddressRole };

    explicit SenderTableModel(QObject *parent = nullptr);

    const SenderTable &table() const { return m_table; }
    void add(const Packet &packet, const DnsMessage &message);
    void flush();
    // Replaces everything (opening a file); resets the model.
    void replace(SenderTable table);
    void clear();
    // The "now" the current rates are measured at; refreshes the rate column.
    void setNowNs(qint64 ns);
    qint64 nowNs() const { return m_nowNs; }
    IpAddress address(int row) const;

    int rowCount(const QModelIndex &parent = {}) const override;
    int columnCount(const QModelIndex &parent = {}) const override;
    QVariant data(const QModelIndex &index, int role = Qt::DisplayRole) const override;
    QVariant headerData(int section, Qt::Orientation orientation,
                        int role = Qt::DisplayRole) const override;

private:
    SenderTable m_table;
    int m_rows = 0; // rows announced to views
    int m_changedFirst = -1, m_changedLast = -1;
    qint64 m_nowNs = 0;
};

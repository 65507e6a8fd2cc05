#pragma once

#include "PacketStore.h"

#include <QAbstractTableModel>
#include <QCache>
#include <QIcon>

// The packet list: a table over PacketStore. Text is formatted in data() for the rows a view
// asks for; summaries are decoded lazily and cached for the recently shown rows only. Each
// batch is one beginInsertRows (plus, when the store is full, one beginRemoveRows over the
// oldest rows); nothing resets the model while capturing. SortRole gives raw values (numbers,
// not text) for the sort proxy. GUI thread.
class PacketTableModel final : public QAbstractTableModel
{
    Q_OBJECT
public:
    enum Column {
        NumberColumn,
        TimeColumn,
        SourceColumn,
        InterfaceColumn,
        TtlColumn,
        LengthColumn,
        KindColumn,
        SummaryColumn,
        ColumnCount
    };
    enum Role { SortRole = Qt::UserRole + 1, NumberRole, MalformedRole, ResponseRole };

    explicit PacketTableModel(PacketStore &store, QObject *parent = nullptr);

    PacketStore &store() { return m_store; }
    const PacketStore &store() const { return m_store; }

    // Stores a batch; malformed[i] is the decode verdict of batch[i] (missing = false).
    void appendBatch(const PacketBatch &batch, const QList<bool> &malformed);
    void clear();
    // Applies a new store capacity, evicting the oldest rows now when it shrank.
    void setCapacity(qsizetype capacity);

    QString summary(int row) const;
    // True when the sender, the interface or any name in the packet contains the text
    // (case-insensitive).
    bool matchesText(int row, const QString &needle) const;

    int rowCount(const QModelIndex &parent = {}) const override;
    int columnCount(const QModelIndex &parent = {}) const override;
    QVariant data(const QModelIndex &index, int role = Qt::DisplayRole) const override;
    QVariant headerData(int section, Qt::Orientation orientation,
                        int role = Qt::DisplayRole) const override;

Q_SIGNALS:
    void evictedCountChanged(quint64 evicted);

private:
    void evict(qsizetype count);
    QVariant displayData(int row, int column) const;
    QVariant sortData(int row, int column) const;

    PacketStore &m_store;
    mutable QCache<quint64, QString> m_summaries; // by packet number
    QIcon m_malformedIcon;
};

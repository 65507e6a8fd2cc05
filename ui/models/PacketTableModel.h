#pragma once

#include "AnalyzedBatch.h"
#include "PacketStore.h"

#include <QAbstractTableModel>

class FindingMarks;
#include <QBrush>
#include <QCache>
#include <QHash>
#include <QIcon>
#include <QStringList>

#include <array>
#include <utility>

// The packet list: a table over PacketStore. Text is formatted in data() for the rows a view
// asks for; summaries are decoded lazily (or come with a live batch, made from the decode
// PacketDocument does anyway) and cached for the recently shown rows only. Each
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
    enum Role {
        SortRole = Qt::UserRole + 1,
        NumberRole,
        MalformedRole,
        ResponseRole,
        FindingSeverityRole, // int(Severity) of the worst finding naming it; none: invalid
    };

    explicit PacketTableModel(PacketStore &store, QObject *parent = nullptr);

    PacketStore &store() { return m_store; }
    const PacketStore &store() const { return m_store; }

    // Stores a batch; malformed[i] is the decode verdict of batch[i] (missing = false).
    // lastSummaries, when given, are the summaries of the batch's last packets, made by the
    // caller from the decode it did anyway: the rows a list following the newest packet shows
    // first then need no second decode.
    void appendBatch(const PacketBatch &batch, const QList<bool> &malformed,
                     const QStringList &lastSummaries = {});
    // Stores a live batch analysed off the GUI thread (flags and newest summaries included).
    void appendAnalyzed(const AnalyzedBatch &batch);
    void clear();
    // Applies a new store capacity, evicting the oldest rows now when it shrank.
    void setCapacity(qsizetype capacity);

    // The findings that name packets (FindingsModel's): the number column shows an icon by
    // the worst one's severity, their rules in its tooltip. One hash probe per row painted.
    void setFindingMarks(const FindingMarks *marks);
    // These packets' marks changed: their number cells are redrawn (one signal per run).
    void findingMarksChanged(QList<quint64> numbers);

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
    // The shared part of the appends: eviction, one insert, the given summaries cached.
    // malformedAt(i) is the verdict of batch[i].
    template<typename MalformedAt>
    void append(const PacketBatch &batch, MalformedAt malformedAt,
                const QStringList &lastSummaries);
    QVariant displayData(int row, int column) const;
    QVariant sortData(int row, int column) const;

    const QString &sourceText(int row) const;
    const QString &ttlText(qint32 ttl) const;
    const QList<QByteArray> &namePieces(const QString &needle) const;

    PacketStore &m_store;
    mutable QCache<quint64, QString> m_summaries; // by packet number
    // Texts that repeat from row to row, made once rather than on every paint.
    // Source texts by address and, for a link-scoped one only, its interface (the scope).
    mutable QHash<std::pair<IpAddress, QString>, QString> m_addressTexts;
    mutable std::array<QString, 256> m_ttlTexts;
    mutable QString m_needle; // the text filter namePieces() was prepared for
    mutable QList<QByteArray> m_needlePieces;
    QString m_queryText, m_responseText;
    QBrush m_malformedBackground, m_malformedForeground;
    QIcon m_malformedIcon;
    const FindingMarks *m_marks = nullptr;
    std::array<QIcon, 3> m_severityIcons; // by Severity
};

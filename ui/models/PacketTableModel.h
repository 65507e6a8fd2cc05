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
        SourcePortColumn,
        DestinationColumn,
        DestinationPortColumn,
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

    // What the time column shows, as Wireshark's View → Time Display Format.
    enum class TimeFormat {
        SinceStart,    // seconds since the beginning of the capture (the default)
        SincePrevious, // seconds since the previous displayed packet
        TimeOfDay,     // absolute time of day, local time
        UtcDateTime,   // UTC date and time of day
    };
    static constexpr int kTimeFormatCount = 4;

    explicit PacketTableModel(PacketStore &store, QObject *parent = nullptr);

    // A column's name in the settings (stable across releases and languages); -1 when unknown.
    static QString columnKey(int column);
    static int columnOfKey(const QString &key);
    // A time format's name in the settings, and back (unknown: SinceStart).
    static QString timeFormatKey(TimeFormat format);
    static TimeFormat timeFormatOfKey(const QString &key);

    void setTimeFormat(TimeFormat format);
    TimeFormat timeFormat() const { return m_timeFormat; }
    // The time column's text of `row` in the current format; SincePrevious counts from
    // `previousRow` (-1: none, 0 seconds). The display role passes the previous stored row;
    // a filtering proxy passes the previous row it shows.
    QString timeText(int row, int previousRow) const;

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
    const QString &destinationText(int row) const;
    const QString &addressText(const IpAddress &address, int row) const;
    const QString &portText(quint16 port) const;
    // The date and time of the whole second `seconds` (since the epoch) in the current
    // absolute format; fractions are appended by timeText().
    const QString &secondText(qint64 seconds) const;
    const QString &ttlText(qint32 ttl) const;
    const QList<QByteArray> &namePieces(const QString &needle) const;

    PacketStore &m_store;
    mutable QCache<quint64, QString> m_summaries; // by packet number
    // Texts that repeat from row to row, made once rather than on every paint.
    // Source texts by address and, for a link-scoped one only, its interface (the scope).
    mutable QHash<std::pair<IpAddress, QString>, QString> m_addressTexts;
    mutable std::array<QString, 256> m_ttlTexts;
    mutable QHash<quint16, QString> m_portTexts;
    mutable QHash<qint64, QString> m_secondTexts; // in m_timeFormat
    TimeFormat m_timeFormat = TimeFormat::SinceStart;
    mutable QString m_needle; // the text filter namePieces() was prepared for
    mutable QList<QByteArray> m_needlePieces;
    QString m_queryText, m_responseText;
    QBrush m_malformedBackground, m_malformedForeground;
    QIcon m_malformedIcon;
    const FindingMarks *m_marks = nullptr;
    std::array<QIcon, 3> m_severityIcons; // by Severity
};

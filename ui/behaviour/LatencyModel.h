#pragma once

#include "BehaviourTypes.h"

#include <QAbstractTableModel>
#include <QHash>
#include <QList>

// The responders' query -> response latencies as a table (issue #16): one row per responder
// with its host name, addresses, answers, p50 / p95 / max over all its answers, the share of
// answerable questions it left unanswered, and per kind the verdict of the Bonjour Conformance
// Test's bands (LatencyTracker::verdict: shared and unique; probe answers as a count) as a
// coloured pass / warn / fail cell whose tooltip explains the bands. SortRole gives numbers to
// sort by. Mirrors the snapshots in BehaviourChanges: apply() updates the rows in place by host
// (its name, else any of its addresses), appends the new ones and removes the gone ones, so a
// view keeps its selection; only a change set that says reset while rows exist resets the
// model. The overall figures are kept for the summary line. GUI thread.
class LatencyModel final : public QAbstractTableModel
{
    Q_OBJECT
public:
    enum Column {
        HostColumn,
        AddressesColumn,
        AnswersColumn,
        P50Column,
        P95Column,
        MaxColumn,
        UnansweredColumn,
        SharedColumn,
        UniqueColumn,
        ProbesColumn,
        ColumnCount
    };
    enum Role {
        SortRole = Qt::UserRole + 1, // a number (double) or, for text columns, the text
        VerdictRole,                 // Shared and Unique columns: int(LatencyTracker::Verdict)
    };
    using Verdict = LatencyTracker::Verdict;
    using Kind = LatencyTracker::Kind;

    explicit LatencyModel(QObject *parent = nullptr);

    // Applies the latency snapshot of `changes` (nothing when it has none and is no reset).
    void apply(const BehaviourChanges &changes);
    void clear();

    int rowCount(const QModelIndex &parent = {}) const override;
    int columnCount(const QModelIndex &parent = {}) const override;
    QVariant data(const QModelIndex &index, int role = Qt::DisplayRole) const override;
    QVariant headerData(int section, Qt::Orientation orientation,
                        int role = Qt::DisplayRole) const override;

    const ResponderLatency &responder(int row) const { return m_rows.at(row).responder; }
    // The row showing the host named `hostName` or holding `address`; -1 when none.
    int rowOf(const QString &hostName, const IpAddress &address = {}) const;
    // The row's answers of every kind together (what the p50 / p95 / max columns read).
    const LatencyTracker::Figures &allAnswers(int row) const { return m_rows.at(row).all; }
    const LatencyTracker::Stats &overall() const { return m_overall; }
    bool hasFigures() const { return m_hasFigures; }

    // The summary line: answers, p50, p95, max, unanswered questions and suppressed ones.
    QString summaryText() const;
    // "pass", "warn", "fail" or "–", translated.
    static QString verdictText(Verdict verdict);
    // What the bands of `kind` are (the verdict cells' tooltip starts with it), translated.
    static QString bandsText(Kind kind);

private:
    struct Row
    {
        ResponderLatency responder;
        LatencyTracker::Figures all; // every kind together
        Verdict shared = Verdict::NotSeen;
        Verdict unique = Verdict::NotSeen;
        bool uneven = false; // LatencyTracker::quartersUneven of the shared answers
    };
    static Row makeRow(const ResponderLatency &responder);
    QVariant display(const Row &row, int column) const;
    QVariant sortValue(const Row &row, int column) const;
    QString verdictTip(const Row &row, Kind kind) const;
    void reindex();
    int matchRow(const ResponderLatency &responder) const;

    QList<Row> m_rows;
    QHash<QString, int> m_byName; // lower-case host name -> row
    QHash<IpAddress, int> m_byAddress;
    LatencyTracker::Stats m_overall;
    bool m_hasFigures = false;
};

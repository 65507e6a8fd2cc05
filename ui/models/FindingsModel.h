#pragma once

#include "ConformanceTypes.h"

#include <QAbstractItemModel>
#include <QHash>
#include <QIcon>

#include <array>
#include <memory>
#include <vector>

// What the packet list and the senders table show of the findings, kept up to date by
// FindingsModel as findings arrive: per packet number the highest severity among the findings
// that name it and their rules; per sender the error and warning findings. Lookups are one
// hash probe (the packet list asks for every row it paints), updates cost the findings changed.
class FindingMarks final
{
public:
    struct Mark
    {
        Severity severity = Severity::Info;
        quint64 rules = 0;       // bit per Rule
        QList<quint32> findings; // the ids of the findings that name the packet
    };
    struct SenderCounts
    {
        quint32 errors = 0;
        quint32 warnings = 0;
    };

    // nullptr when no finding names the packet.
    const Mark *mark(quint64 number) const;
    SenderCounts counts(const IpAddress &sender) const { return m_senders.value(sender); }
    bool isEmpty() const { return m_marks.isEmpty() && m_senders.isEmpty(); }
    // "response-id: Multicast response with a non-zero ID" per line, translated.
    static QString rulesText(quint64 rules);

    // Notes a finding (new, or updated with more packets). Returns the packet numbers whose
    // mark changed (severity, rules, or the findings naming it).
    QList<quint64> note(const Finding &finding, bool isNew);
    void clear();

private:
    bool markPacket(quint64 number, const Finding &finding);

    QHash<quint64, Mark> m_marks;
    QHash<IpAddress, SenderCounts> m_senders;
};

// The conformance checker's findings as a tree: severity (Error, Warning, Info) -> rule ->
// sender (its address, and the host name it claims when the scorecard knows one) -> finding
// (one per name, with its message, reference, time and count). Each level above the findings
// counts the occurrences under it. Mirrors the change sets a ConformanceChecker hands out
// (FindingChanges): apply() inserts the rows of findings it has not seen (in order) and emits
// dataChanged for those it has and for their ancestors (the counts): never a reset, except
// for a change set that says reset while rows exist (a view clears first, so a live capture
// never sees one). GUI thread.
class FindingsModel final : public QAbstractItemModel
{
    Q_OBJECT
public:
    enum Column { ItemColumn, CountColumn, ReferenceColumn, MessageColumn, ColumnCount };
    enum Role {
        LevelRole = Qt::UserRole + 1, // Level
        SeverityRole,                 // int(Severity)
        RuleRole,                     // int(Rule)
        GroupRole,                    // int(RuleGroup)
        SourceRole,                   // senders and findings: the sender's IpAddress
        FindingIdRole,                // findings: Finding::id
    };
    enum class Level { Severity, Rule, Sender, Finding };

    explicit FindingsModel(QObject *parent = nullptr);
    ~FindingsModel() override;

    void apply(const FindingChanges &changes);
    void clear();

    // The finding a row shows; nullptr for the group rows.
    const Finding *finding(const QModelIndex &index) const;
    const Finding *finding(quint32 id) const;
    QModelIndex indexOf(quint32 findingId, int column = 0) const;
    qsizetype findingCount() const { return m_count; }
    // Every finding under a row (the row's own for a finding).
    QList<const Finding *> findingsUnder(const QModelIndex &index) const;
    const QList<ScorecardRow> &scorecard() const { return m_scorecard; }
    quint64 dropped() const { return m_dropped; }
    const FindingMarks &marks() const { return m_marks; }
    // The findings that name a packet (among their first packets or other packets), by id:
    // one hash probe, then the few findings that name it.
    QList<const Finding *> findingsOfPacket(quint64 number) const;
    // The host name the scorecard knows for a sender's address; empty when none.
    QString hostName(const IpAddress &address) const { return m_hostNames.value(address); }
    static QIcon severityIcon(Severity severity);

    QModelIndex index(int row, int column, const QModelIndex &parent = {}) const override;
    QModelIndex parent(const QModelIndex &child) const override;
    int rowCount(const QModelIndex &parent = {}) const override;
    int columnCount(const QModelIndex &parent = {}) const override;
    QVariant data(const QModelIndex &index, int role = Qt::DisplayRole) const override;
    QVariant headerData(int section, Qt::Orientation orientation,
                        int role = Qt::DisplayRole) const override;

Q_SIGNALS:
    // The packets whose mark changed (for the packet list) and the senders whose counts did.
    void marksChanged(const QList<quint64> &packetNumbers, const QList<IpAddress> &senders);
    void scorecardChanged();

private:
    struct Node;
    Node *nodeOf(const QModelIndex &index) const;
    QModelIndex indexOfNode(const Node *node, int column = 0) const;
    Node *child(Node *parent, Level level, quint64 sortKey, const QString &label,
                const Finding &finding);
    Node *insertChild(Node *parent, std::unique_ptr<Node> child);
    void upsert(const Finding &finding, QList<quint64> &packets, QList<IpAddress> &senders);
    void emitChanged();
    void updateHostNames(const QList<ScorecardRow> &rows);
    QString senderLabel(const IpAddress &address) const;
    QVariant findingData(const Finding &finding, int column, int role) const;
    QVariant groupData(const Node &node, int column, int role) const;

    std::unique_ptr<Node> m_root;
    std::vector<Node *> m_byId; // finding rows by Finding::id (nullptr: not seen)
    QHash<quint32, Finding> m_findings;
    QHash<IpAddress, QString> m_hostNames;
    QHash<IpAddress, QList<Node *>> m_senderNodes; // the sender rows of each address
    QList<ScorecardRow> m_scorecard;
    FindingMarks m_marks;
    std::array<QIcon, 3> m_severityIcons; // by Severity
    std::vector<Node *> m_changed;        // rows whose counts changed, said by emitChanged()
    qsizetype m_count = 0;
    quint64 m_dropped = 0;
};

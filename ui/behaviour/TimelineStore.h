#pragma once

#include "BehaviourTypes.h"
#include "ConformanceTypes.h"
#include "IpAddress.h"

#include <QHash>
#include <QList>
#include <QString>
#include <QStringList>

#include <utility>
#include <vector>

// What the timeline view shows (issue #16 §2): one lane per host (a HostLane, by id) and the
// marks on it, each a small POD sorted by time (no string per mark: names and notes are kept
// once each in a side table and looked up by index for tooltips). Fed by the behaviour
// model's BehaviourChanges (events and lanes) and the conformance checker's FindingChanges
// (each finding's packets become marks on the lane of its source; conflicts and simultaneous
// probes become Conflict marks). Bounded: beyond capacity() marks the oldest are dropped (in
// batches) and counted. Range queries by binary search. Plain C++, GUI thread.
class TimelineStore final
{
public:
    static constexpr qsizetype kDefaultCapacity = 1'000'000;
    // Distinct names and notes kept for tooltips; beyond it new ones read as empty.
    static constexpr qsizetype kMaxTexts = 200'000;

    struct Mark
    {
        qint64 timeNs = 0;
        quint64 packet = 0; // 0 when none (an expiry)
        qint64 gapNs = -1;  // a probe's gap to the previous probe for the name; else -1
        quint32 name = 0;   // index into text(); 0 is the empty string
        quint32 detail = 0; // index into text()
        quint16 type = 0;   // the record type concerned, 0 when none
        qint16 rule = -1;   // a Rule value, -1 when none
        EventKind kind = EventKind::Announcement;
        bool fromFinding = false; // placed from a FindingChanges finding
    };

    struct Lane
    {
        qint32 id = -1; // the HostLane's id; -1: events of no tracked host
        QString hostName;
        QList<IpAddress> addresses;
        std::vector<Mark> marks; // ascending time
    };

    explicit TimelineStore(qsizetype capacity = kDefaultCapacity);

    // Folds in what changed in the behaviour model (a reset clears first). True when
    // anything the view shows changed.
    bool apply(const BehaviourChanges &changes);
    // Folds in the checker's findings (a reset drops the finding marks). True when marks
    // were added or removed.
    bool apply(const FindingChanges &changes);
    void clear();

    // Lanes in display order: by the host name they claim (lanes claiming one name side by
    // side), then by id; lanes without a name after those, the untracked lane last.
    qsizetype laneCount() const { return qsizetype(m_order.size()); }
    const Lane &lane(qsizetype row) const { return m_lanes[size_t(m_order[size_t(row)])]; }
    qsizetype rowOfLane(qint32 id) const;
    // The lane's label: its host name, else its first address; when two lanes claim one
    // name, the name and the address. Empty for the untracked lane (the view names it).
    QString laneLabel(qsizetype row) const;

    // The marks of lane `row` with t0Ns <= time <= t1Ns: indices [first, last).
    std::pair<qsizetype, qsizetype> range(qsizetype row, qint64 t0Ns, qint64 t1Ns) const;

    const QString &text(quint32 index) const;
    qsizetype size() const { return m_size; }
    qsizetype capacity() const { return m_capacity; }
    quint64 dropped() const { return m_dropped; }               // by this store's bound
    quint64 droppedByModel() const { return m_droppedByModel; } // by the model's bound
    bool isEmpty() const { return m_size == 0; }
    // The capture's start (the first time seen) and its latest time; 0 when nothing yet.
    qint64 originNs() const { return m_originNs; }
    qint64 nowNs() const { return m_nowNs; }

private:
    qsizetype laneIndex(qint32 id); // creates the lane when unknown
    quint32 intern(const QString &text);
    void insert(qsizetype laneIndex, const Mark &mark, bool dedupe);
    void noteTime(qint64 timeNs);
    void enforceBound();
    void reorder();
    void rebuildAddressIndex();
    qint64 packetTime(quint64 packet, const Finding &finding) const;
    bool addFindingMarks(const Finding &finding, const IpAddress &source, const PacketRefs &refs,
                         quint64 *marked);

    qsizetype m_capacity;
    std::vector<Lane> m_lanes;
    std::vector<qsizetype> m_order; // display row -> index into m_lanes
    QHash<qint32, qsizetype> m_laneById;
    QHash<IpAddress, qint32> m_laneByAddress;
    QStringList m_texts;
    QHash<QString, quint32> m_textIndex;
    // Packet number -> time, from the events (packet numbers rise with time): places a
    // finding's packets.
    std::vector<std::pair<quint64, qint64>> m_packetTimes;
    // Per finding id (and its other claimant): the highest packet number already marked.
    QHash<quint32, std::pair<quint64, quint64>> m_findingMarked;
    // Each finding's sentence as last interned (by Finding::id): formed again only when it
    // changes.
    QHash<quint32, std::pair<FindingText, quint32>> m_findingDetails;
    qsizetype m_size = 0;
    quint64 m_dropped = 0;
    quint64 m_droppedByModel = 0;
    qint64 m_originNs = 0;
    qint64 m_nowNs = 0;
    bool m_hasTime = false;
};

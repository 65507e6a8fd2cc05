#pragma once

#include "ConformanceTypes.h"
#include "IpAddress.h"
#include "LatencyTracker.h"
#include "TalkerTracker.h"

#include <QList>
#include <QMetaType>
#include <QString>

#include <array>

// The values the behaviour model hands out (issue #16): events per host and per record, the
// latency figures per responder, the talkers; and BehaviourChanges, what a view on another
// thread needs to follow the model (the timeline, latency and talkers views). Plain values
// with implicitly shared members, safe to queue to the GUI thread. Times are packet
// timestamps (nanoseconds since the Unix epoch, UTC). Any thread.

// The behaviour model's clock: packet time clamped to [0, kMaxTimeNs] (the year 2096), so that a
// hostile capture's timestamps (a pcapng offset far into the past, a time saturated at the
// 64-bit limit) cannot overflow a sum of a time and a TTL or a difference of two times.
namespace BehaviourTime {
constexpr qint64 kMaxTimeNs = 4'000'000'000'000'000'000LL;
constexpr qint64 clamp(qint64 ns)
{
    return ns < 0 ? 0 : (ns > kMaxTimeNs ? kMaxTimeNs : ns);
}
} // namespace BehaviourTime

// What one host did at one moment, as the timeline shows it.
enum class EventKind : quint8 {
    Probe,        // a query with proposed records in its authority section (RFC 6762 §8.1)
    TieBreak,     // two hosts probing for one name at once (§8.2)
    Announcement, // an unsolicited response (§8.3), or a record first heard
    Answer,       // a response that answers a question heard before
    Update,       // a unique record's rdata changed (§8.4)
    Goodbye,      // a record with TTL 0 (§10.1)
    Expiry,       // a record's TTL ran out without a refresh (no packet)
    Conflict,     // the checker's conflict, simultaneous-probe or rename-storm finding (§9)
    Rename,       // the host took a new name after a conflict (§9)
    Finding,      // another of the checker's findings on this packet
};
constexpr int kEventKindCount = int(EventKind::Finding) + 1;

namespace BehaviourEvents {
// "probe", "tie-break", "announcement", "answer", "update", "goodbye", "expiry", "conflict",
// "rename", "finding" (stable English: JSON, tests).
QString kindId(EventKind kind);
// The kind's name for people, translated when `translated` (context "Behaviour").
QString kindTitle(EventKind kind, bool translated);
} // namespace BehaviourEvents

struct BehaviourEvent
{
    qint64 timeNs = 0;
    quint64 packet = 0; // the packet's number (the pipeline's, from 1); 0 when none (expiry)
    qint32 host = -1;   // the host (a HostLane's id); -1 when untracked
    EventKind kind = EventKind::Announcement;
    quint16 type = 0;  // the record type concerned, 0 when none
    qint64 gapNs = -1; // a probe: the gap to the host's previous probe for the name; else -1
    qint16 rule = -1;  // the checker's rule it relates to (a Rule value), -1 when none
    QString name;      // the record (or host) name concerned
    QString detail;    // a short English note ("renamed to twin-2.local"), may be empty
};

// A host as the views show it: a lane of the timeline, a row of the talkers.
struct HostLane
{
    qint32 id = -1;   // stable within a capture (HostGroups' group number)
    QString hostName; // the host name it claims ("printer.local"); empty when none
    QList<IpAddress> addresses;
    // The host name when known, else its first address.
    QString label() const;
};

// One responder's latency figures (BehaviourModel::responders()).
struct ResponderLatency
{
    QString hostName;
    QList<IpAddress> addresses; // the host's addresses together
    LatencyTracker::Stats stats;
};

// Why a host floods, as far as the traffic shows it (FloodCauses): a kind ("requery",
// "short-ttl", "probe-storm", "querier", "reflection", "copies"), an English sentence with the
// figures, and the packets that show it.
struct FloodCause
{
    QString kind;
    QString text;
    PacketRefs packets;
};

// One talker's rates (BehaviourModel::hostTalkers(), serviceTypeTalkers()).
struct TalkerFigures
{
    QString label; // a host: its first address; a service type: "_ipp._tcp"
    QString hostName;
    QList<IpAddress> addresses;
    qint32 host = -1; // the host's lane id; -1 for a service type
    TalkerTracker::Rates rates;
    std::array<double, 3> packetsPerSecond{}; // over TalkerTracker::kWindows (1, 10, 60 s)
    std::array<double, 3> bytesPerSecond{};
    double share = 0; // of the link's packets, over the whole capture
    // A host: responses sent again on another interface or family within 1 s (FloodCauses),
    // and, when its rate reaches the model's flood threshold, why it floods (most packets
    // first). Empty for a service type.
    quint64 copies = 0;
    QList<FloodCause> causes;
};

// What changed in a BehaviourModel since the last BehaviourModel::takeChanges(): the events
// added since (in time order, but for an expiry, dated when the TTL ran out, and a conflict
// the checker settled later, dated at its packet: see EventLog), the lanes added or renamed, and
// snapshots of the latency and talker figures when they changed (the figures are small and bounded:
// the top talkers only).
struct BehaviourChanges
{
    bool reset = false; // the model was cleared: drop everything before applying the rest
    qint64 nowNs = 0;   // the model's time (the latest packet, or advanceTo())
    QList<BehaviourEvent> events;
    QList<HostLane> lanes;     // added or changed, by id
    quint64 droppedEvents = 0; // events beyond the model's bound, in total

    bool hasLatency = false;
    LatencyTracker::Stats overall;
    QList<ResponderLatency> responders;

    bool hasTalkers = false;
    QList<TalkerFigures> hostTalkers; // the top ones by current rate
    QList<TalkerFigures> serviceTypeTalkers;
    TalkerFigures link;        // the whole link
    qint64 captureStartNs = 0; // the first packet's time (second 0 of the talkers' slots)

    bool isEmpty() const
    {
        return !reset && events.isEmpty() && lanes.isEmpty() && !hasLatency && !hasTalkers;
    }
};

// Folds `later` into `into` as if a view had applied both in turn: a reset in `later`
// replaces everything; events and lanes append (a lane changed twice keeps the later);
// snapshots are the later's when it has one.
void appendBehaviourChanges(BehaviourChanges &into, BehaviourChanges &&later);

Q_DECLARE_METATYPE(BehaviourChanges)

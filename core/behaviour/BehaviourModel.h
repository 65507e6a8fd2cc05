#pragma once

#include "BehaviourTypes.h"
#include "EventLog.h"
#include "FloodCauses.h"
#include "HostGroups.h"
#include "LatencyTracker.h"
#include "TalkerTracker.h"

#include <QList>
#include <QString>

class ConformanceChecker;
struct DnsMessage;
struct Packet;

// How each host behaves over time, from the packets the pipeline hands on (BehaviourConsumer),
// so a file gives the same figures as the traffic live: query -> response latency per responder
// (LatencyTracker), the top talkers per host and per service type (TalkerTracker) and the events
// per host and record (probe, announcement, goodbye, conflict, ...: EventLog, handed out by
// takeChanges()). A host is its source addresses joined by HostGroups. Bounded (see the
// trackers). Pipeline thread.
class BehaviourModel final
{
public:
    struct Limits
    {
        qsizetype maxAddresses = 4096;
        qsizetype maxServiceTypes = 1024;
        LatencyTracker::Limits latency;
        EventLog::Limits events;
        // A host whose packets/s over 1 s or 10 s (or in its peak second) reach this is
        // given the causes of its flood (FloodCauses, TalkerFigures::causes).
        double floodThreshold = FloodCauses::kDefaultThreshold;
    };
    BehaviourModel();
    explicit BehaviourModel(const Limits &limits);

    // `checker`, when given, has already seen the packet (advanced, finished): its findings
    // become events (EventLog).
    void add(const Packet &packet, const DnsMessage &message, quint64 number,
             const ConformanceChecker *checker = nullptr);
    void advanceTo(qint64 nowNs, const ConformanceChecker *checker = nullptr);
    // The source ended: the questions still waiting are settled.
    void finish(const ConformanceChecker *checker = nullptr);
    void clear();

    using Responder = ResponderLatency;
    // Every host that answered or was expected to, most answers first.
    QList<Responder> responders() const;
    // Every answer of every responder; the unanswered and suppressed counts (and the
    // answered questions) per question.
    LatencyTracker::Stats overall() const;

    using Talker = TalkerFigures;
    // Sorted by the current rate (packets/s over 1 s, then 10 s, then 60 s, then the total).
    QList<Talker> hostTalkers() const;
    QList<Talker> serviceTypeTalkers() const;

    // The whole link's rates as one talker.
    Talker linkTalker() const;

    // The host (lane) of an address number, with its name and addresses.
    HostLane lane(qsizetype group) const;

    // What changed since the last call (BehaviourChanges), for a view on another thread: the
    // events added since, the lanes added or renamed, and, when anything was added since,
    // snapshots of the latency figures and of the top `maxTalkers` host and service-type
    // talkers. The first call after clear() has `reset` set.
    BehaviourChanges takeChanges(qsizetype maxTalkers = 50);
    bool hasChanges() const { return m_dirty || m_reset || m_events.hasEvents(); }

    const HostGroups &hosts() const { return m_hosts; }
    const LatencyTracker &latency() const { return m_latency; }
    const TalkerTracker &talkers() const { return m_talkers; }
    const EventLog &events() const { return m_events; }
    const FloodCauses &floodCauses() const { return m_causes; }
    double floodThreshold() const { return m_floodThreshold; }
    // The talkers read after this use the new threshold (the user's setting).
    void setFloodThreshold(double packetsPerSecond)
    {
        m_floodThreshold = packetsPerSecond;
        m_dirty = true;
    }

private:
    Talker talker(QString label, const TalkerTracker::Rates &rates) const;
    static void sortTalkers(QList<Talker> &talkers);

    HostGroups m_hosts;
    LatencyTracker m_latency;
    TalkerTracker m_talkers;
    EventLog m_events; // the events not yet handed out, and the count of those dropped
    FloodCauses m_causes;
    double m_floodThreshold = FloodCauses::kDefaultThreshold;
    // Change tracking (takeChanges()).
    QHash<qsizetype, QString> m_laneNames; // by group: the label last handed out
    quint64 m_lanesVersion = ~quint64(0);  // HostGroups::version() when lanes were handed out
    qint64 m_nowNs = 0;
    qint64 m_firstNs = 0;
    bool m_dirty = false;
    bool m_reset = true;
};

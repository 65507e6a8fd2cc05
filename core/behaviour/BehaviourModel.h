#pragma once

#include "HostGroups.h"
#include "LatencyTracker.h"
#include "TalkerTracker.h"

#include <QList>
#include <QString>

struct DnsMessage;
struct Packet;

// How each host behaves over time, from the packets the pipeline hands on (BehaviourConsumer),
// so a file gives the same figures as the traffic live: query -> response latency per responder
// (LatencyTracker) and the top talkers per host and per service type (TalkerTracker). A host is
// its source addresses joined by HostGroups. The events per host (probe, announcement, goodbye,
// ...) of issue #16 are not kept yet. Bounded (see the trackers). Pipeline thread.
class BehaviourModel final
{
public:
    struct Limits
    {
        qsizetype maxAddresses = 4096;
        qsizetype maxServiceTypes = 1024;
        LatencyTracker::Limits latency;
    };
    BehaviourModel();
    explicit BehaviourModel(const Limits &limits);

    void add(const Packet &packet, const DnsMessage &message, quint64 number);
    void advanceTo(qint64 nowNs);
    // The source ended: the questions still waiting are settled.
    void finish();
    void clear();

    struct Responder
    {
        QString hostName;
        QList<IpAddress> addresses;
        LatencyTracker::Stats stats; // the host's addresses together
    };
    // Every host that answered or was expected to, most answers first.
    QList<Responder> responders() const;
    // Every answer of every responder; the unanswered and suppressed counts (and the
    // answered questions) per question.
    LatencyTracker::Stats overall() const;

    struct Talker
    {
        QString label; // a host: its first address; a service type: "_ipp._tcp"
        QString hostName;
        QList<IpAddress> addresses;
        TalkerTracker::Rates rates;
        std::array<double, 3> packetsPerSecond{}; // over TalkerTracker::kWindows
        std::array<double, 3> bytesPerSecond{};
        double share = 0; // of the link's packets, over the whole capture
    };
    // Sorted by the current rate (packets/s over 1 s, then 10 s, then 60 s, then the total).
    QList<Talker> hostTalkers() const;
    QList<Talker> serviceTypeTalkers() const;

    const HostGroups &hosts() const { return m_hosts; }
    const LatencyTracker &latency() const { return m_latency; }
    const TalkerTracker &talkers() const { return m_talkers; }

private:
    Talker talker(QString label, const TalkerTracker::Rates &rates) const;
    static void sortTalkers(QList<Talker> &talkers);

    HostGroups m_hosts;
    LatencyTracker m_latency;
    TalkerTracker m_talkers;
};

#pragma once

#include "BehaviourTypes.h"
#include "NameText.h"
#include "SequenceState.h"

#include <QList>
#include <QString>
#include <QVarLengthArray>

#include <array>

class ConformanceChecker;
class HostGroups;
struct DnsMessage;

// The events per host and per record (issue #16), as the timeline shows them (BehaviourEvent),
// from each packet's decoded message and its sender's host (HostGroups' group, the lane):
// - probe: a query with proposed records (RFC 6762 §8.1), one per probe packet and name, with
//   the gap to the same host's previous probe for the name (-1 for the first);
// - tie-break: two hosts probing for one name within 250 ms (§8.2), one event on each lane,
//   once per probing round;
// - announcement: a response that answers no question heard from another host within 1 s
//   (the name of its first record); answer: one that does (the matched record's name; the
//   questions of the last second, at most 256, compared by name hash, type and class);
// - update: a cache-flush record whose rdata changed for the same address, name and type
//   (§8.4); goodbye: records with TTL 0, one event per name and packet;
// - expiry: a record an address sent whose TTL ran out without a refresh or a goodbye (no
//   packet: 0), found by a sweep once per second of packet time (add() and advanceTo());
// - rename: a host that claimed (probed, or announced with cache-flush) a name and then probes
//   the same base name with a higher suffix ("host-2", "Printer (2)", "Printer #2") within
//   60 s, or at any time after a conflict over the name ("renamed to …");
// - conflict, finding: the conformance checker's new findings (a conflict, simultaneous probe
//   or rename storm: conflict, on the lanes of both claimants; another rule: finding; the
//   checker's goodbye and expiry events are these events already), at the finding's own time
//   and first packet: a conflict found by probing is settled up to 3 s later, so its event
//   comes after later ones. The events of a packet carry the rule of the finding the checker
//   reported on that packet for the same name (or its first one).
// A host's per-interface copies (another of its addresses within 10 ms, the same kind: the
// MultiHomed rule that joined them) are one event. The events wait in a list until
// takeEvents(); past maxEvents waiting, new ones are counted as dropped. The state per name,
// record and host is bounded (maxTracked each, the oldest evicted), so a flood of random names
// cannot grow memory. Pipeline thread.
class EventLog final
{
public:
    struct Limits
    {
        qsizetype maxEvents = 200'000; // waiting for takeEvents()
        qsizetype maxTracked = 20'000; // names, records and hosts followed (each)
    };
    EventLog();
    explicit EventLog(const Limits &limits);

    // One packet: its time, number (from 1), sender's address number (HostGroups, -1 when
    // untracked) and the message. `checker`, when given, has already seen the packet.
    void add(qint64 timeNs, quint64 packet, qsizetype address, const DnsMessage &message,
             const HostGroups &hosts, const ConformanceChecker *checker);
    // Time moves on without packets: records expire, the checker's late findings (advance the
    // checker first).
    void advanceTo(qint64 nowNs, const HostGroups &hosts, const ConformanceChecker *checker);
    // The source ended: the checker's findings settled at its end (finish the checker first).
    void finish(const HostGroups &hosts, const ConformanceChecker *checker);
    void clear();

    // The events added since the last call (the pending list is emptied).
    QList<BehaviourEvent> takeEvents();
    bool hasEvents() const { return !m_pending.isEmpty(); }
    // Events not kept because maxEvents were waiting, in total since clear().
    quint64 dropped() const { return m_dropped; }
    // The entries of the largest state table (at most maxTracked).
    qsizetype tracked() const;

private:
    // A name, compared and hashed without the case of ASCII letters (no lowered copy).
    struct Name
    {
        QString text;
        friend bool operator==(const Name &a, const Name &b)
        {
            return NameText::equal(a.text, b.text);
        }
        friend size_t qHash(const Name &n, size_t seed = 0) noexcept
        {
            return NameText::hash(n.text, seed);
        }
    };
    struct HostName // a host (or address) number and a name
    {
        qint32 host = -1;
        QString name;
        friend bool operator==(const HostName &a, const HostName &b)
        {
            return a.host == b.host && NameText::equal(a.name, b.name);
        }
        friend size_t qHash(const HostName &k, size_t seed = 0) noexcept
        {
            return NameText::hash(k.name, qHashMulti(seed, k.host));
        }
    };
    struct Record // an address's record: name and type
    {
        qint32 address = -1;
        QString name;
        quint16 type = 0;
        friend bool operator==(const Record &a, const Record &b)
        {
            return a.address == b.address && a.type == b.type && NameText::equal(a.name, b.name);
        }
        friend size_t qHash(const Record &k, size_t seed = 0) noexcept
        {
            return NameText::hash(k.name, qHashMulti(seed, k.address, k.type));
        }
    };
    struct NameProbe // the latest probe for a name, of any host
    {
        qint32 host = -1;
        qint64 timeNs = 0;
        qint64 tieBreakNs = -1; // the last tie-break reported for the name
    };
    struct RecordState
    {
        qint64 expiresNs = 0;
        size_t rdata = 0; // the hash of the rdata set last sent (cache-flush records)
        bool unique = false;
    };
    struct Claimed // the latest name a host claimed for a base name
    {
        QString name;
        int suffix = 0;
        qint64 timeNs = 0;
        bool conflicted = false;
    };
    struct LastPacket // a host's latest packet (its per-interface copies)
    {
        qsizetype address = -1;
        qint64 timeNs = 0;
        bool probe = false;
    };
    struct Question
    {
        size_t name = 0;
        quint16 type = 0;
        quint16 rrclass = 0;
        qint32 host = -1;
        qint64 timeNs = 0;
    };

    void emitEvent(BehaviourEvent &&event);
    void noteQuestions(qint64 timeNs, qint32 host, const DnsMessage &message);
    // The index of the first answer record that answers a question of another host heard
    // within the last second; -1 when none does.
    qsizetype answeredRecord(qint64 timeNs, qint32 host, const DnsMessage &message,
                             const HostGroups &hosts) const;
    void probeEvents(qint64 timeNs, quint64 packet, qint32 host, const DnsMessage &message,
                     const HostGroups &hosts);
    // `host` -2: a per-interface copy, whose records are noted without events.
    void responseEvents(qint64 timeNs, quint64 packet, qsizetype address, qint32 host,
                        const DnsMessage &message, const HostGroups &hosts);
    void noteClaim(qint64 timeNs, quint64 packet, qint32 host, const QString &name, quint16 type,
                   bool probe);
    void sweep(qint64 nowNs, const HostGroups &hosts);
    // The checker's findings of its last step: tags the events from `firstEvent` (this
    // packet's, when `packetTimeNs` is not -1) and adds conflict and finding events.
    void takeFindings(const HostGroups &hosts, const ConformanceChecker *checker,
                      qsizetype firstEvent, qint64 packetTimeNs);

    Limits m_limits;
    QList<BehaviourEvent> m_pending;
    quint64 m_dropped = 0;
    BoundedHash<HostName, qint64> m_hostProbes; // a host's latest probe per name
    BoundedHash<Name, NameProbe> m_nameProbes;
    BoundedHash<Record, RecordState> m_records;
    BoundedHash<HostName, Claimed> m_claims; // by host and base name (lowered)
    BoundedHash<qint32, LastPacket> m_lastPacket;
    std::array<Question, 256> m_questions{}; // a ring, the newest at m_questionAt - 1
    qsizetype m_questionAt = 0;
    qsizetype m_knownFindings = 0; // the checker's findings already turned into events
    qint64 m_nextSweepNs = 0;
    qint64 m_nowNs = 0;
};

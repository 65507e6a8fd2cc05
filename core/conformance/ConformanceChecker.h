#pragma once

#include "ConformanceTypes.h"

#include <QtGlobal>

#include <memory>

struct DnsMessage;
struct Packet;

// The passive RFC 6762 / RFC 6763 conformance checker: judges every packet heard against the
// rules of ConformanceRules (header bits, ports and TTLs, records, probing, announcing, rates,
// conflicts) and keeps what breaks them as findings, one per rule, sender and name with a
// count and the packets that show it; and a scorecard, one row per device and rule group.
//
// Fed one decoded packet at a time with add() (CheckerConsumer does that for a PacketPipeline:
// live capture, files, streams alike). Time is the packets' timestamps, so a file gives the
// same findings as the same traffic live; advanceTo() moves time on without packets (a live
// caller ticks it) for the rules that wait (expiry, announcements that never came); finish()
// ends the source. Where a rule cannot be judged (the capture started mid-conversation, no IP
// TTL known) it says nothing. Bounded (Limits): state per sender and name is capped, and
// findings past maxFindings are counted as dropped().
//
// Change tracking for a view on another thread as ServiceDirectory does: takeChanges()
// returns every finding added or updated since its last call, and the scorecard when it
// changed. Not thread-safe: one thread at a time (the pipeline's).
class ConformanceChecker final
{
public:
    struct Limits
    {
        qsizetype maxFindings = 5000;
        qsizetype maxDevices = 4096;
        qsizetype maxTracked = 20000; // records, questions, names the timing rules follow
    };

    ConformanceChecker();
    explicit ConformanceChecker(const Limits &limits);
    ~ConformanceChecker();
    Q_DISABLE_COPY_MOVE(ConformanceChecker)

    // One packet and its decoded message; `number` is the pipeline's (from 1).
    void add(const Packet &packet, const DnsMessage &message, quint64 number);
    void advanceTo(qint64 nowNs);
    void finish(qint64 endNs);
    void clear();
    qint64 now() const; // the latest packet or advanceTo() time; 0 before any

    const QList<Finding> &findings() const; // by id
    // The findings the last add(), advanceTo() or finish() reported, new or repeated (ids
    // into findings(), each once, at most 256): what a packet showed, for the behaviour
    // model's events. A conflict found by probing is reported when it is settled, later.
    const QList<quint32> &lastFindings() const;
    QList<ScorecardRow> scorecard() const;
    quint64 dropped() const;
    // Distinct findings per severity (index: Severity).
    std::array<quint64, 3> countBySeverity() const;

    // The entries of the checker's largest state table (at most Limits::maxTracked).
    qsizetype tracked() const;

    FindingChanges takeChanges();
    bool hasChanges() const;
    const Limits &limits() const;

private:
    class Impl;
    std::unique_ptr<Impl> d;
};

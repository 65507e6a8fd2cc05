#pragma once

#include "DirectoryTypes.h"

#include <QtGlobal>

#include <memory>
#include <optional>

struct DnsMessage;
struct Packet;

// Every DNS-SD service on the link, learnt passively from the records heard (RFC 6762,
// RFC 6763): service types and subtypes per domain, service instances (SRV, TXT, the
// addresses of the SRV target), hosts (addresses, HINFO, claimants, conflicts), and for
// every record its timing, the packets that carried it and its state.
//
// Fed one decoded packet at a time with add() (DirectoryConsumer does that for a
// PacketPipeline: live capture, files, streams alike). Time is the packets' timestamps, so a
// file gives the same directory as the same traffic live; advanceTo() moves time on when no
// packet comes (a live caller ticks it, e.g. once a second) so records expire, goodbyes and
// cache flushes take effect (each 1 s after the packet, RFC 6762 §10.1 / §10.2). finish() at
// the end of a source settles what no later packet can undo any more.
//
// What it keeps: every PTR, SRV, TXT, A, AAAA and HINFO record heard in the answer,
// authority and additional sections, one entry per owner name, type, rdata and sender.
// Responses announce (live); a TTL of 0 is a goodbye; queries (known answers, probes) are
// hearsay (RecordState::KnownAnswerOnly) unless a response announced the same record.
// A cache-flush record replaces the older rdata of its name, type and class from the same
// sender heard more than 1 s before it, 1 s later; shared records (PTR) accumulate.
//
// Bounded (Limits): over a cap, the entries gone the longest are evicted first, then the
// ones heard least recently; evicted() counts them. Memory stays bounded however many
// names a flood brings.
//
// Change tracking for a view on another thread: takeChanges() returns value snapshots of
// every instance, host and type changed since its last call (DirectoryChanges), to be
// queued to the GUI thread, which mirrors them (see DirectoryChanges). Remaining TTLs count
// down without changes: a view computes them from expiresNs and its own clock.
//
// Threads: not thread-safe. One thread at a time uses it (the pipeline's thread, e.g.
// AnalyzerSession's "mdnscope-decode"); the snapshots it returns may go anywhere.
class ServiceDirectory final
{
public:
    struct Limits
    {
        qsizetype maxInstances = 10000;
        qsizetype maxHosts = 10000;
        qsizetype maxRecords = 40000;
        qsizetype maxTypes = 2000;
    };

    ServiceDirectory();
    explicit ServiceDirectory(const Limits &limits);
    ~ServiceDirectory();
    Q_DISABLE_COPY_MOVE(ServiceDirectory)

    // One packet and its decoded message; `number` is the pipeline's (from 1). Time first
    // advances to the packet's timestamp (never backwards: an older timestamp counts as now).
    void add(const Packet &packet, const DnsMessage &message, quint64 number);
    // Time passes without packets: expiries, goodbyes and cache flushes due by then happen.
    void advanceTo(qint64 nowNs);
    // The source ended at `endNs` (the last packet's time for a file; the capture's end):
    // advances to it, then lets the pending goodbyes and cache flushes take effect, as no
    // packet can retract them any more.
    void finish(qint64 endNs);
    // Forgets everything (a clear in the window); the next takeChanges() says reset.
    void clear();

    qint64 now() const; // the latest packet time or advanceTo() time; 0 before any

    // Snapshots at now(), sorted by key.
    QList<ServiceInstance> instances() const;
    QList<ServiceHost> hosts() const;
    QList<ServiceType> serviceTypes() const;
    std::optional<ServiceInstance> instance(const QString &key) const;
    std::optional<ServiceHost> host(const QString &key) const;
    qsizetype instanceCount() const;
    qsizetype hostCount() const;
    qsizetype recordCount() const;

    // What changed since the last call (everything, the first time).
    DirectoryChanges takeChanges();
    bool hasChanges() const;

    // Entries dropped to stay within the limits, since construction or clear().
    quint64 evicted() const; // instances + hosts + records + types
    quint64 evictedInstances() const;
    quint64 evictedRecords() const;
    const Limits &limits() const;

private:
    class Impl;
    std::unique_ptr<Impl> d;
};

#pragma once

#include "IpAddress.h"

#include <QByteArray>
#include <QList>
#include <QMetaType>
#include <QString>
#include <QStringList>

// The values a ServiceDirectory hands out: plain structs, implicitly shared lists and strings,
// so a snapshot is cheap to copy and can cross threads by value (queued connections). Names
// are in the decoder's text form (DnsDecoder::nameToText: labels joined with '.', "\." and
// "\\" inside a label, "\DDD" for control bytes and invalid UTF-8). A `key` is the name with
// ASCII letters lowered (DNS names compare case-insensitively, RFC 1035 §2.3.3): stable for
// the life of the entry, the thing a view keys its rows on. Times are nanoseconds since the
// Unix epoch (UTC), taken from packet timestamps, never from the clock. Any thread.

// What became of a record (or, derived, of an instance).
enum class RecordState : quint8 {
    Live,            // announced in a response and its TTL has not run out
    Goodbye,         // a response said TTL 0 (RFC 6762 §10.1); gone 1 s after the goodbye
    Expired,         // its TTL ran out without a refresh: left without a goodbye
    KnownAnswerOnly, // heard only in queries (known answers, RFC 6762 §7.1; probes): hearsay
    Replaced,        // a cache-flush record of its sender replaced it (§10.2); records only
};

// "live", "goodbye", "expired", "known-answer-only", "replaced": stable English (JSON, CLI).
QString recordStateName(RecordState state);
// True for Goodbye, Expired and Replaced: no longer in the live set.
constexpr bool isGone(RecordState state)
{
    return state == RecordState::Goodbye || state == RecordState::Expired ||
           state == RecordState::Replaced;
}

// The packet numbers (PacketPipeline's, from 1) that carried something, bounded: the first
// kKept of them and how many there were in all.
struct PacketRefs
{
    static constexpr qsizetype kKept = 16;
    QList<quint64> first;     // ascending, at most kKept
    quint64 count = 0;        // every packet, also those not kept
    quint64 latest = 0;       // the last one added
    void add(quint64 number); // a number equal to the last one added is not counted twice
    friend bool operator==(const PacketRefs &, const PacketRefs &) = default;
};

// One TXT key=value pair (RFC 6763 §6): the key is the bytes before the first '=', the value
// the bytes after it (binary kept); a string without '=' is a boolean attribute (hasValue false).
struct TxtPair
{
    QByteArray key;
    QByteArray value;
    bool hasValue = false;
    friend bool operator==(const TxtPair &, const TxtPair &) = default;
};

// The timing and provenance of one record: one owner name, type and rdata, from one sender.
struct RecordInfo
{
    QString name;     // owner, text form as first heard
    quint16 type = 0; // DnsType
    QString data;     // rdata as DnsDecoder::rdataText() writes it
    IpAddress sender; // source address of the packets that carried it
    QString interfaceName;
    bool cacheFlush = false; // the last time it was heard
    qint64 firstHeardNs = 0;
    qint64 lastHeardNs = 0;
    quint32 ttl = 0;      // as last announced (a goodbye's 0 is kept in `state`)
    qint64 expiresNs = 0; // when it leaves the live set unless refreshed: lastHeard + TTL,
                          // goodbye + 1 s, or cache-flush + 1 s; 0 when gone or hearsay
    qint64 goneNs = 0;    // when it left the live set; 0 while live or hearsay
    RecordState state = RecordState::Live;
    PacketRefs packets;

    // Nanoseconds of TTL left at `nowNs` (0 once gone; hearsay counts down from its TTL).
    qint64 remainingTtlNs(qint64 nowNs) const;
};

// One address of a host with where it was heard and who claimed it.
struct HostAddress
{
    IpAddress address;
    QString interfaceName; // of the packet that carried the A / AAAA record
    IpAddress claimant;    // the sender of that packet
    RecordState state = RecordState::Live;
    qint64 lastHeardNs = 0;
    friend bool operator==(const HostAddress &, const HostAddress &) = default;
};

// Something that happened to an instance. Refreshes are coalesced: consecutive ones are one
// event from `timeNs` to `lastNs`, `count` of them.
struct InstanceEvent
{
    enum class Kind : quint8 { Announced, Refreshed, Goodbye, Expired, Renamed };
    Kind kind = Kind::Announced;
    qint64 timeNs = 0;
    qint64 lastNs = 0;      // Refreshed: the latest of the coalesced refreshes; else timeNs
    quint32 count = 1;      // Refreshed: how many
    QString otherName;      // Renamed: the full name it was renamed from (or to, see renamedTo)
    bool renamedTo = false; // Renamed: this instance's name was taken over by otherName
};
// "announced", "refreshed", "goodbye", "expired", "renamed": stable English.
QString instanceEventName(InstanceEvent::Kind kind);

// One service instance (RFC 6763 §4.1: <Instance>.<_service>.<_proto>.<domain>) as the
// directory knows it at `ServiceDirectory::now()`.
struct ServiceInstance
{
    QString key;          // fullName lowered: stable
    QString fullName;     // "Office Printer._ipp._tcp.local" (a '.' in the instance label is "\.")
    QString name;         // the first label unescaped, as a user types it: "Office Printer"
    QString type;         // "_ipp._tcp"
    QString domain;       // "local"
    QStringList subtypes; // subtype labels from <sub>._sub.<type> PTRs: "_printer"

    // The current SRV (live first, then the latest heard); hasSrv false when none was heard.
    bool hasSrv = false;
    quint16 priority = 0, weight = 0, port = 0;
    QString host; // SRV target, text form
    quint32 srvTtl = 0;

    // The current TXT; hasTxt false when none was heard. An empty TXT is one empty string.
    bool hasTxt = false;
    QList<QByteArray> txt;
    QList<TxtPair> txtPairs; // duplicate keys: the first wins (RFC 6763 §6.4)

    QList<HostAddress> addresses; // A / AAAA of the SRV target, wherever heard; live first
    QList<IpAddress> announcedBy; // senders of responses carrying its PTR / SRV / TXT, sorted
    QStringList interfaces;       // where its records were heard, sorted

    qint64 firstSeenNs = 0;
    qint64 lastSeenNs = 0;
    // Live while a PTR or SRV of it is live; else how the last of them left; KnownAnswerOnly
    // when only queries carried it.
    RecordState state = RecordState::KnownAnswerOnly;
    qint64 goneNs = 0;    // when it went (goodbye / expiry of the last PTR or SRV)
    qint64 expiresNs = 0; // while live: when its last live PTR / SRV runs out unless refreshed
    PacketRefs packets;   // packets that carried its PTR, SRV, TXT or subtype PTR records

    QStringList previousNames;    // full names it had before a rename (oldest first)
    QString renamedTo;            // the full name that took over its SRV target and port, if any
    QList<InstanceEvent> history; // bounded (kHistory), oldest first
    QList<RecordInfo> records;    // its PTR, SRV and TXT records, every sender

    static constexpr qsizetype kHistory = 64;
    // Nanoseconds of TTL left at `nowNs` while live, else 0.
    qint64 remainingTtlNs(qint64 nowNs) const;
};

// One host name: the target of SRV records and the owner of A / AAAA / HINFO records.
struct ServiceHost
{
    QString key;                  // name lowered
    QString name;                 // "printer.local"
    QList<HostAddress> addresses; // every address record, each claimant; live first
    bool hasHinfo = false;
    QByteArray cpu, os;         // HINFO
    QStringList services;       // keys of the instances whose SRV points here, sorted
    QList<IpAddress> claimants; // senders of its address records, sorted
    // Two claimants on one interface announcing different live addresses of one family.
    bool conflict = false;
    qint64 firstSeenNs = 0;
    qint64 lastSeenNs = 0;
    RecordState state = RecordState::KnownAnswerOnly; // of its address records, as for instances
    QList<RecordInfo> records;                        // its A, AAAA and HINFO records
};

// One service type in one domain, from instance PTRs, subtype PTRs or the
// _services._dns-sd._udp.<domain> enumeration (RFC 6763 §9).
struct ServiceType
{
    QString key;             // "_ipp._tcp.local" lowered
    QString type;            // "_ipp._tcp"
    QString domain;          // "local"
    QStringList subtypes;    // "_printer", sorted
    bool enumerated = false; // named by a _services._dns-sd._udp PTR
    qint64 firstSeenNs = 0;
    qint64 lastSeenNs = 0;
};

// What changed since the previous ServiceDirectory::takeChanges(): every entry inserted or
// updated (the whole current value, keyed by `key`: a view inserts a row for a key it has
// not seen and updates the row of one it has) and the keys that were removed (evicted or
// cleared). An entry appears once however often it changed. `reset`: the directory was
// cleared first (drop every row, then apply the rest).
struct DirectoryChanges
{
    bool reset = false;
    QList<ServiceInstance> instances;
    QList<ServiceHost> hosts;
    QList<ServiceType> types;
    QStringList removedInstances;
    QStringList removedHosts;
    QStringList removedTypes;
    qint64 nowNs = 0;    // the directory's time when taken
    quint64 evicted = 0; // ServiceDirectory::evicted() when taken
    bool isEmpty() const
    {
        return !reset && instances.isEmpty() && hosts.isEmpty() && types.isEmpty() &&
               removedInstances.isEmpty() && removedHosts.isEmpty() && removedTypes.isEmpty();
    }
};

Q_DECLARE_METATYPE(RecordState)
Q_DECLARE_METATYPE(ServiceInstance)
Q_DECLARE_METATYPE(ServiceHost)
Q_DECLARE_METATYPE(ServiceType)
Q_DECLARE_METATYPE(DirectoryChanges)

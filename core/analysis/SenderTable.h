#pragma once

#include "DnsMessage.h"
#include "Packet.h"

#include <QHash>
#include <QList>
#include <QString>
#include <QStringList>
#include <QVarLengthArray>

#include <array>
#include <functional>

struct AnalyzedBatch;

// One address a host sent from, with the interface of its most recent packet that had one
// (the scope of a link-local address).
struct SenderAddress
{
    IpAddress address;
    QString interfaceName;
    quint64 heard = 0; // when it was first heard: the table's count of addresses before it

    friend bool operator==(const SenderAddress &, const SenderAddress &) = default;
};

// What one host sent, over all of its addresses: counts, timing, and the host names and
// service instances it announced. A host is one address, or several that claimed the same
// host name (an IPv4 and an IPv6 link-local address of one avahi or Apple host); its counts
// are the sums over them. A plain value kept by SenderTable.
struct SenderInfo
{
    static constexpr int kRateSeconds = 10; // "current rate" = packets over the last 10 s

    QList<SenderAddress> addresses; // in the order first heard; never empty in a table
    quint64 packets = 0;
    quint64 bytes = 0;
    qint64 firstSeenNs = 0;
    qint64 lastSeenNs = 0;
    QStringList hostNames;        // A/AAAA owner names, sorted, unique, bounded
    QStringList serviceInstances; // SRV/TXT owner names and PTR targets, sorted, unique, bounded
    quint64 ttlNot255 = 0;        // RFC 6762 §11: link-local senders must use TTL 255
    quint64 malformed = 0;

    // Per-second packet counts, indexed by (second % kRateSeconds).
    std::array<quint32, kRateSeconds> bucketCounts{};
    std::array<qint64, kRateSeconds> bucketSeconds{};

    const IpAddress &address() const { return addresses.first().address; } // first heard
    QList<IpAddress> addressList() const;
    QStringList interfaceNames() const; // of its addresses, each once, in their order
};

// Names one sender claimed as its own in some packets (see SenderTable::ownNames), in the
// order first claimed. A host name is listed once, or twice when the sender announced it for
// another address first and then for its own. Made off the GUI thread (BatchAnalyzer) and
// applied with SenderTable::addClaims.
struct SenderClaims
{
    IpAddress sender;
    QStringList hostNames;
    // Per host name: announced with the sender's own address (SenderTable::OwnName); missing
    // entries read false.
    QList<bool> selfAddressed;
    QStringList serviceInstances;
};

// Per-host statistics over every packet seen since the last clear (evicting packets from
// the store does not change them). Rows are hosts in order of first appearance, so new
// senders are always appended. A row is first one source address; rows become one (the
// later row merged into the earlier one and removed; a RowRemoval, if given, is told around
// the removal) only through a host name an address claims for itself:
//
// - Self-claim: an own record (see ownNames) of type A whose address is the IPv4 source, or
//   of type AAAA whose 16 bytes are the IPv6 source (scope ignored). Only self-claims merge.
//   Every other own A/AAAA owner (a Bonjour Sleep Proxy answering for a sleeping Mac, a host
//   listing its other addresses, hearsay) is listed in the row's host names and joins
//   nothing. Service instances never merge either (a proxy may announce another host's).
// - The first address to self-claim a name (ASCII case ignored) makes its row the name's
//   row (rowOfHostName). An address of the other family self-claiming it later joins that
//   row: a host's IPv4 address announcing A, its IPv6 link-local one AAAA.
// - Conflict: a second, different address of the same family self-claiming the name (two
//   hosts probing or defending one name, 169.254.1.1 and 169.254.1.2 both announcing
//   peer.local) is another host, not this one: a host has one address per family on a
//   link. From then on the name is contested and merges no rows at all, as it is unknown
//   which of the claimants an address of the other family belongs with; rows it merged
//   before stay merged (rows are never split). The hosts' next names (a renamed peer-2.local)
//   group them again.
// - So grouping needs each address to announce itself: avahi and Apple devices announce
//   their link-local IPv6 address (AAAA) and send from it. A host that announces only a
//   global AAAA but sends from fe80:: stays two rows; so does a host heard on two links (the
//   same name on two links may be two hosts, or shows as a conflict).
//
// A merge that would give a row more than kMaxAddressesPerSender addresses is not made.
// Not thread-safe: used by the GUI thread for live capture and by the file-open worker for a
// file, then handed over.
class SenderTable final
{
public:
    static constexpr qsizetype kMaxNamesPerSender = 256;
    static constexpr qsizetype kMaxAddressesPerSender = 16;

    // Told of each row a merge removes: before (the row still there, its data unchanged) and
    // after (the row gone; the row it went into is not updated yet). An item model's
    // beginRemoveRows / endRemoveRows.
    struct RowRemoval
    {
        std::function<void(qsizetype row)> aboutToRemove;
        std::function<void(qsizetype row)> removed;
    };

    enum class NameKind : quint8 { HostName, ServiceInstance };
    struct OwnName
    {
        NameKind kind;
        const QString *name; // points into the message given to ownNames()
        // A host name whose A (AAAA) record holds the sender's own IPv4 (IPv6) address.
        bool selfAddressed = false;
    };
    using OwnNames = QVarLengthArray<OwnName, 16>;

    // Adds one packet and its decoded message; returns the sender's row.
    qsizetype add(const Packet &packet, const DnsMessage &message, const RowRemoval &removal = {});
    // Counts one packet whose decode verdict is already known, without its names (those come
    // with addClaims()); returns the sender's row.
    qsizetype add(const Packet &packet, bool malformed);
    // Adds names the sender claimed; the sender must have been added (else nothing happens).
    // Adding a batch's packets with add(packet, malformed) and then its claims gives the same
    // table as add(packet, message) for each packet, as long as the claims come in the order
    // they were made across senders (which address claimed a name first decides a conflict;
    // AnalyzedBatch::claims keeps that order). Returns the sender's row (-1: unknown).
    qsizetype addClaims(const SenderClaims &claims, const RowRemoval &removal = {});
    // Every packet of an analysed batch with add(packet, malformed), then its claims: the
    // same table as add(packet, message) for each of its packets.
    void add(const AnalyzedBatch &batch);
    // The non-empty names a message's sender claims as its own, in record order (may repeat):
    // A/AAAA owners are host names, self-addressed when the record's address is `sender`;
    // SRV/TXT owners and PTR targets (not reverse or meta queries) service instances. Only own
    // records count: every section of a response, only the authority section (probe
    // proposals) of a query. Any thread.
    static OwnNames ownNames(const DnsMessage &message, const IpAddress &sender);
    void clear();

    qsizetype size() const { return m_senders.size(); }
    const SenderInfo &at(qsizetype row) const { return m_senders.at(row); }
    qsizetype rowOf(const IpAddress &address) const { return m_rows.value(address, -1); }
    // The row whose address first claimed a host name for itself (ASCII case ignored), -1 if
    // none did (names announced only for other addresses have no row).
    qsizetype rowOfHostName(const QString &name) const;
    // Whether two different addresses of one family claimed the name for themselves.
    bool isContested(const QString &name) const;
    // Packets per second over the kRateSeconds seconds ending at nowNs.
    double rate(qsizetype row, qint64 nowNs) const;
    // The newest packet timestamp seen (the "now" of a file that was read).
    qint64 latestNs() const { return m_latestNs; }

private:
    // A host name some address claimed for itself.
    struct HostNameClaim
    {
        qsizetype row = -1; // the row that lists it and that other addresses join
        IpAddress v4, v6;   // the addresses of that row that claimed it, if any
        bool contested = false;
    };

    qsizetype claimHostName(qsizetype row, const QString &name, bool selfAddressed,
                            const IpAddress &sender, const RowRemoval &removal);
    qsizetype merge(qsizetype into, qsizetype from, const RowRemoval &removal);

    QList<SenderInfo> m_senders;
    QHash<IpAddress, qsizetype> m_rows;             // every address heard -> its row
    QHash<QString, HostNameClaim> m_hostNameClaims; // lowercased self-claimed host name
    quint64 m_addressesHeard = 0;
    qint64 m_latestNs = 0;
};

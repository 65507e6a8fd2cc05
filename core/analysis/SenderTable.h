#pragma once

#include "DnsMessage.h"
#include "Packet.h"

#include <QHash>
#include <QList>
#include <QString>
#include <QStringList>
#include <QVarLengthArray>

#include <array>

struct AnalyzedBatch;

// What one source address sent: counts, timing, and the host names and service instances
// it announced. A plain value kept by SenderTable.
struct SenderInfo
{
    static constexpr int kRateSeconds = 10; // "current rate" = packets over the last 10 s

    IpAddress address;
    QString interfaceName; // of its most recent packet
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
};

// The names one sender claimed as its own in some packets (see SenderTable::ownNames): each
// name once, in the order first claimed, at most SenderTable::kMaxNamesPerSender of each kind.
// Made off the GUI thread (BatchAnalyzer) and applied with SenderTable::addClaims.
struct SenderClaims
{
    IpAddress sender;
    QStringList hostNames;
    QStringList serviceInstances;
};

// Per-sender statistics over every packet seen since the last clear (evicting packets from
// the store does not change them). Rows are senders in order of first appearance, so new
// senders are always appended. Not thread-safe: used by the GUI thread for live capture and
// by the file-open worker for a file, then handed over.
class SenderTable final
{
public:
    static constexpr qsizetype kMaxNamesPerSender = 256;

    enum class NameKind : quint8 { HostName, ServiceInstance };
    struct OwnName
    {
        NameKind kind;
        const QString *name; // points into the message given to ownNames()
    };
    using OwnNames = QVarLengthArray<OwnName, 16>;

    // Adds one packet and its decoded message; returns the sender's row.
    qsizetype add(const Packet &packet, const DnsMessage &message);
    // Counts one packet whose decode verdict is already known, without its names (those come
    // with addClaims()); returns the sender's row.
    qsizetype add(const Packet &packet, bool malformed);
    // Adds names the sender claimed; the sender must have been added (else nothing happens).
    // Adding a batch's packets with add(packet, malformed) and then its claims gives the same
    // table as add(packet, message) for each packet.
    void addClaims(const SenderClaims &claims);
    // Every packet of an analysed batch with add(packet, malformed), then its claims: the
    // same table as add(packet, message) for each of its packets.
    void add(const AnalyzedBatch &batch);
    // The non-empty names a message's sender claims as its own, in record order (may repeat):
    // A/AAAA owners are host names; SRV/TXT owners and PTR targets (not reverse or meta
    // queries) service instances. Only own records count: every section of a response, only
    // the authority section (probe proposals) of a query. Any thread.
    static OwnNames ownNames(const DnsMessage &message);
    void clear();

    qsizetype size() const { return m_senders.size(); }
    const SenderInfo &at(qsizetype row) const { return m_senders.at(row); }
    qsizetype rowOf(const IpAddress &address) const { return m_rows.value(address, -1); }
    // Packets per second over the kRateSeconds seconds ending at nowNs.
    double rate(qsizetype row, qint64 nowNs) const;
    // The newest packet timestamp seen (the "now" of a file that was read).
    qint64 latestNs() const { return m_latestNs; }

private:
    QList<SenderInfo> m_senders;
    QHash<IpAddress, qsizetype> m_rows;
    qint64 m_latestNs = 0;
};

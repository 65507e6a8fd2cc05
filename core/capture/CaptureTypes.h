#pragma once

#include "AllocationProbe.h"
#include "BufferPool.h"

#include <QMetaType>
#include <QString>
#include <QStringList>

// Value types of a live capture: what to capture (GUI or main thread -> capture thread), a
// failure (capture thread -> GUI), what the capture listens on and how that changes, and a
// statistics snapshot (capture thread -> GUI, at a fixed interval). Plain values, copied across
// threads over queued connections.

enum class IpFamily : quint8 { V4, V6 };
constexpr int kIpFamilies = 2; // index with familyIndex()
constexpr int familyIndex(IpFamily f)
{
    return f == IpFamily::V4 ? 0 : 1;
}
// "IPv4" / "IPv6": protocol names, the same in every language.
QString familyName(IpFamily f);

struct CaptureConfig
{
    QString interfaceName; // empty = every up, multicast-capable interface (joined as they come)
    bool ipv4 = true;      // capture 224.0.0.251 (groupV4)
    bool ipv6 = true;      // capture ff02::fb (groupV6)
    QString groupV4 = QStringLiteral("224.0.0.251"); // IPv4 multicast group to join
    QString groupV6 = QStringLiteral("ff02::fb");    // IPv6 multicast group to join
    quint16 port = 5353;
    bool pooling = true; // false: a fresh buffer per receive
    qsizetype maxIdleBuffers = 64;
    int batchMaxPackets = 1024, batchMaxMs = 50, statsIntervalMs = 250;
    // Batches handed on and not yet consumed (CaptureSession::packetsReceived returned) at
    // most; beyond, the worker stops draining the socket until one is, so a consumer slower
    // than the link leaves the excess in the kernel's buffer, and then to its drop counter
    // (kernelDrops), instead of in this process's memory.
    int maxBatchesInFlight = 8;

    bool captures(IpFamily f) const { return f == IpFamily::V4 ? ipv4 : ipv6; }
    const QString &group(IpFamily f) const { return f == IpFamily::V4 ? groupV4 : groupV6; }
};

// A failure as a value, like the seed's NetworkError: what was being done, the errno (0 when
// none) and a sentence about it.
struct CaptureError
{
    QString operation;   // e.g. "join multicast group"
    int systemError = 0; // errno, 0 when not a system call failure
    QString details;     // e.g. "interface 'eth9' does not exist"
    // One line: "join multicast group: interface 'eth9' does not exist (No such device)"
    QString toString() const;
};

// What a capture listens on, per family, when it starts: the interfaces whose group it joined,
// and a sentence for each family it asked for and does not capture (e.g. "interface 'veth0'
// has no IPv6 address: capturing IPv4 only").
struct CaptureMembership
{
    QStringList interfaces[kIpFamilies]; // by familyIndex()
    QStringList notes;

    const QStringList &joined(IpFamily f) const { return interfaces[familyIndex(f)]; }
    bool captures(IpFamily f) const { return !joined(f).isEmpty(); }
    // Every joined interface once, in the order first joined.
    QStringList allInterfaces() const;
    // "IPv4 + IPv6", "IPv4" or "IPv6" (empty when nothing is joined).
    QString familiesText() const;
};

// An interface joined or left during a capture on every interface (it came up, gained or lost
// an address of the family, went down or away).
struct InterfaceChange
{
    QString interfaceName;
    IpFamily family = IpFamily::V4;
    bool joined = true;
    // "joined veth3 (IPv6)" / "left veth3 (IPv4)", translated.
    QString toString() const;
};

// Totals of one receive socket since it opened. kernelDrops is the socket's own drop counter
// (SO_RXQ_OVFL): datagrams the kernel discarded because the receive queue was full.
struct TransportCounters
{
    quint64 packets = 0, bytes = 0, truncated = 0, kernelDrops = 0;
    // Multicast left out because it came in on an interface this capture did not join.
    quint64 otherInterfaces = 0;
    TransportCounters &operator+=(const TransportCounters &o);
};

struct CaptureStats
{
    qint64 elapsedMs = 0; // since capture start
    BufferPoolCounters pool;
    AllocationCounts captureThread; // the capture thread's own allocations (AllocationProbe)
    AllocationCounts process;       // whole process
    quint64 packets = 0, bytes = 0, kernelDrops = 0, truncated = 0; // both families
    TransportCounters perFamily[kIpFamilies];                       // by familyIndex()
    quint64 interfaceJoins = 0, interfaceLeaves = 0; // after the start, as interfaces came and went
    quint64 wakeups = 0; // times the capture thread woke to drain a socket
    double packetsPerSecond = 0, bytesPerSecond = 0; // over the last interval
    bool pooling = true;

    const TransportCounters &family(IpFamily f) const { return perFamily[familyIndex(f)]; }
};

Q_DECLARE_METATYPE(CaptureConfig)
Q_DECLARE_METATYPE(CaptureError)
Q_DECLARE_METATYPE(CaptureMembership)
Q_DECLARE_METATYPE(InterfaceChange)
Q_DECLARE_METATYPE(CaptureStats)

#pragma once

#include "BufferPool.h"
#include "CaptureTypes.h"
#include "MulticastInterfaces.h"
#include "Packet.h"
#include "PacketSlab.h"

#include <QCoreApplication>
#include <QDeadlineTimer>
#include <QHash>
#include <QList>
#include <QString>
#include <QStringList>

#include <array>
#include <atomic>
#include <optional>

// What one UdpTransport::receive() call did.
struct ReceiveResult
{
    enum class Status { Received, TimedOut, Cancelled, Failed };
    Status status = Status::TimedOut;
    qsizetype packets = 0; // appended to the batch by this call (> 0 only for Received)
    CaptureError error;    // Status::Failed only
};

// A passive mDNS listener of one address family on the Linux socket API: IPv4 (224.0.0.251)
// or IPv6 (ff02::fb, with IPV6_V6ONLY so the IPv4 socket keeps its own traffic). It binds the
// wildcard address and the port with address and port reuse (so it runs beside avahi-daemon or
// mDNSResponder), joins the group on one named interface or on every up, multicast-capable
// interface with an address of its family (by interface index), and receives with recvmmsg into
// BufferPool leases (or, with pooling off, into a fresh 9000-byte buffer per datagram: the
// seed's "before", kept so both can be measured). Each datagram becomes a Packet holding a
// copy of exactly its bytes (pooled: in a slab shared with the datagrams received before and
// after it, PacketSlabWriter, sealed by sealSlab() before the packets leave the thread; not
// pooled: its own allocation, as the seed did) plus source (an IPv6 link-local source's scope is
// the packet's interface), destination (IP_PKTINFO / IPV6_PKTINFO), interface, TTL or hop limit
// (IP_RECVTTL / IPV6_RECVHOPLIMIT) and kernel timestamp (SO_TIMESTAMPNS). Multicast that
// arrives on an interface not joined (IPv6 membership is per group, not per interface, in
// Linux) is left out and counted (TransportCounters::otherInterfaces). A datagram longer
// than the buffer is flagged and counted (MSG_TRUNC), never cut silently. Leases go back on
// every path. Failures are values. It never sends anything.
//
// The receive machinery is one piece of code for both families; they differ only in the
// socket options, the membership requests and the address structures (see the .cpp).
// Used by one thread at a time (the capture thread).
class UdpTransport final
{
    Q_DECLARE_TR_FUNCTIONS(UdpTransport) // error texts, extracted by lupdate in this context

public:
    UdpTransport(BufferPool &pool, IpFamily family);
    ~UdpTransport();
    Q_DISABLE_COPY_MOVE(UdpTransport)

    IpFamily family() const { return m_family; }

    // Opens the socket and joins config.group(family()) on config.interfaceName, or on every
    // interface of MulticastInterfaces::list(family()) when it is empty (at least one must
    // join). A named IPv6 interface must have an IPv6 address (without one, IPv6 is off there).
    // On failure nothing stays open.
    std::optional<CaptureError> open(const CaptureConfig &config);
    void close();
    bool isOpen() const { return m_fd >= 0; }
    QStringList joinedInterfaces() const;
    int socketDescriptor() const { return m_fd; }

    // Joins the group on the interfaces of `wanted` not joined yet and leaves those joined and
    // no longer in it (matched by index and name); returns what changed. For a capture on every
    // interface, called with MulticastInterfaces::list(family()) when interfaces change. A join
    // that fails is left out and tried again at the next call.
    QList<InterfaceChange> sync(const QList<MulticastInterface> &wanted);

    // Pooled, datagrams are copied into slabs (PacketSlabWriter) that hold many: call before
    // the packets received so far are handed to another thread; the slab they are in is
    // never written again.
    void sealSlab() { m_slabs.seal(); }
    const PacketSlabWriter &slabs() const { return m_slabs; }

    // Takes effect from the next receive() call.
    void setPooling(bool on) { m_pooling = on; }
    bool pooling() const { return m_pooling; }

    // Waits until a datagram is queued, the deadline passes or `cancel` becomes true (checked
    // at least every 10 ms), then appends to `into` every datagram already queued, up to
    // maxPackets. A deadline in the past makes it a non-blocking drain.
    ReceiveResult receive(PacketBatch &into, qsizetype maxPackets, QDeadlineTimer deadline,
                          const std::atomic_bool &cancel);

    TransportCounters counters() const { return m_counters; }

private:
    // One recvmmsg call for up to `limit` datagrams; returns how many it appended or -errno,
    // and sets *offered to how many it asked for and *taken to how many the kernel gave.
    qsizetype receiveOnce(PacketBatch &into, qsizetype limit, int *offered, int *taken);
    // False for multicast that arrived on an interface this socket did not join.
    bool wanted(const Packet &p) const;
    const QString &interfaceName(quint32 index);
    bool joinGroup(quint32 index, int *error);
    void leaveGroup(quint32 index);

    BufferPool &m_pool;
    const IpFamily m_family;
    int m_fd = -1;
    quint16 m_port = 0;
    std::array<quint8, 16> m_group{}; // network order; IPv4 uses the first 4 bytes
    bool m_pooling = true;
    int m_vlen = 1; // adaptive recvmmsg batch size in pooled mode
    QList<MulticastInterface> m_joined;
    QHash<quint32, QString>
        m_interfaceNames; // filled as interfaces are joined: no per-packet allocation
    QString m_noName;
    TransportCounters m_counters;
    PacketSlabWriter m_slabs;
};

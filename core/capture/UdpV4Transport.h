#pragma once

#include "BufferPool.h"
#include "CaptureTypes.h"
#include "Packet.h"

#include <QCoreApplication>
#include <QDeadlineTimer>
#include <QHash>
#include <QList>
#include <QString>
#include <QStringList>

#include <atomic>
#include <optional>

// An up, multicast-capable interface with an IPv4 address.
struct MulticastInterface
{
    QString name;
    quint32 index = 0;
};

// What one UdpV4Transport::receive() call did.
struct ReceiveResult
{
    enum class Status { Received, TimedOut, Cancelled, Failed };
    Status status = Status::TimedOut;
    qsizetype packets = 0; // appended to the batch by this call (> 0 only for Received)
    CaptureError error;    // Status::Failed only
};

// Totals since open(). kernelDrops is the socket's own drop counter (SO_RXQ_OVFL): datagrams
// the kernel discarded because the receive queue was full.
struct TransportCounters
{
    quint64 packets = 0, bytes = 0, truncated = 0, kernelDrops = 0;
};

// A passive IPv4 mDNS listener on the Linux socket API: binds INADDR_ANY:port with address and
// port reuse (so it runs beside avahi-daemon or mDNSResponder), joins the group on one named
// interface or on every up, multicast-capable interface, and receives with recvmmsg into
// BufferPool leases (or, with pooling off, into a fresh 9000-byte buffer per datagram: the
// seed's "before", kept so both can be measured). Each datagram becomes a Packet holding an
// independent copy of exactly its bytes plus source, destination (IP_PKTINFO), interface, TTL
// (IP_RECVTTL) and kernel timestamp (SO_TIMESTAMPNS). A datagram longer than the buffer is
// flagged and counted (MSG_TRUNC), never cut silently. Leases go back on every path. Failures
// are values. It never sends anything.
//
// Used by one thread at a time (the capture thread); multicastInterfaces() from any thread.
class UdpV4Transport final
{
    Q_DECLARE_TR_FUNCTIONS(UdpV4Transport) // error texts, extracted by lupdate in this context

public:
    explicit UdpV4Transport(BufferPool &pool);
    ~UdpV4Transport();
    Q_DISABLE_COPY_MOVE(UdpV4Transport)

    // Up, multicast-capable interfaces with an IPv4 address, in interface-index order.
    static QList<MulticastInterface> multicastInterfaces();

    // Opens the socket and joins the group. On failure nothing stays open.
    std::optional<CaptureError> open(const CaptureConfig &config);
    void close();
    bool isOpen() const { return m_fd >= 0; }
    QStringList joinedInterfaces() const { return m_joined; }
    int socketDescriptor() const { return m_fd; }

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
    // and sets *offered to how many it asked for.
    qsizetype receiveOnce(PacketBatch &into, qsizetype limit, int *offered);
    const QString &interfaceName(quint32 index);

    BufferPool &m_pool;
    int m_fd = -1;
    quint16 m_port = 0;
    bool m_pooling = true;
    int m_vlen = 1; // adaptive recvmmsg batch size in pooled mode
    QStringList m_joined;
    QHash<quint32, QString> m_interfaceNames; // filled at open(), so no per-packet allocation
    QString m_noName;
    TransportCounters m_counters;
};

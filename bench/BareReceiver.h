#pragma once

#include "BenchLink.h"

#include <QString>

#include <atomic>
#include <thread>

// The throughput benchmark's reference: the least a receiver can do. A plain C socket
// on the mDNS port (address and port reuse, like the engine), joined to the group on the
// link's receiving interface (IPv4: 224.0.0.251, on lo by default; IPv6: an IPV6_V6ONLY socket
// bound to [::], joined to ff02::fb), and a recvmmsg loop into fixed 9000-byte buffers that only
// counts what arrives. Runs on a thread of its own, optionally pinned to one CPU; started and
// stopped by the benchmark's main thread.
class BareReceiver final
{
public:
    BareReceiver() = default;
    ~BareReceiver(); // stops
    BareReceiver(const BareReceiver &) = delete;
    BareReceiver &operator=(const BareReceiver &) = delete;

    // rcvbuf 0: the kernel's default receive buffer. cpu >= 0: the receiving thread runs
    // only on that CPU. withMetadata: also asks the kernel for what the engine records of
    // each datagram (source address, IP_PKTINFO, IP_TTL, SO_TIMESTAMPNS; for IPv6
    // IPV6_RECVPKTINFO and IPV6_RECVHOPLIMIT), so that the kernel does the same work per
    // datagram as for the engine; the loop still only counts.
    bool start(quint16 port = 5353, int rcvbuf = 0, QString *error = nullptr, int cpu = -1,
               bool withMetadata = false, const BenchLink &link = {});
    void stop();
    quint64 packets() const { return m_packets.load(std::memory_order_relaxed); }
    quint64 bytes() const { return m_bytes.load(std::memory_order_relaxed); }
    quint64 kernelDrops() const { return m_drops.load(std::memory_order_relaxed); }
    // recvmmsg calls that returned datagrams: the loop's wake-ups under a flood.
    quint64 wakeups() const { return m_wakeups.load(std::memory_order_relaxed); }
    // CPU time the receiving thread has used so far (updated after every recvmmsg).
    qint64 cpuNs() const { return m_cpuNs.load(std::memory_order_relaxed); }

private:
    void run(int cpu, bool withMetadata, bool v4);

    std::thread m_thread;
    std::atomic<bool> m_stop{false};
    std::atomic<quint64> m_packets{0}, m_bytes{0}, m_drops{0}, m_wakeups{0};
    std::atomic<qint64> m_cpuNs{0};
    int m_fd = -1;
};

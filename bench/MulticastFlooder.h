#pragma once

#include "BenchLink.h"

#include <QByteArray>
#include <QList>

#include <sys/socket.h>

#include <atomic>
#include <thread>

// Sends mDNS datagrams to a multicast group, as fast as it can or paced at a fixed rate, for a
// fixed time, on a thread of its own (sendmmsg in batches), optionally pinned to one CPU. The
// link says which: IPv4 224.0.0.251 through loopback (the default), or IPv4 / IPv6 ff02::fb out
// of one end of a veth pair (hop limit 255). Only for use inside a private network namespace
// (NetNamespace), where every interface is the namespace's own: it refuses to start anywhere
// else. Started and joined by the benchmark's main thread; sent() may be read from any thread.
class MulticastFlooder final
{
public:
    MulticastFlooder() = default;
    ~MulticastFlooder(); // joins
    MulticastFlooder(const MulticastFlooder &) = delete;
    MulticastFlooder &operator=(const MulticastFlooder &) = delete;

    // ratePerSecond 0: as fast as possible. cpu >= 0: the sending thread runs only on that
    // CPU. Returns false (and sends nothing) when the process is not in a private namespace
    // or the socket cannot be set up (e.g. link.sendInterface does not exist).
    bool start(const QList<QByteArray> &datagrams, double seconds, double ratePerSecond = 0,
               quint16 port = 5353, int cpu = -1, const BenchLink &link = {});
    // Before start(): stop once `datagrams` were sent (0, the default: no limit but the time).
    void setLimit(quint64 datagrams) { m_limit = datagrams; }
    void join();
    quint64 sent() const { return m_sent.load(std::memory_order_relaxed); }
    double elapsedSeconds() const { return m_elapsed; } // valid after join()
    // CPU time the sending thread used while sending (valid after join()).
    qint64 cpuNs() const { return m_cpuNs; }

private:
    void run(QList<QByteArray> datagrams, double seconds, double rate, int cpu);

    std::thread m_thread;
    std::atomic<quint64> m_sent{0};
    double m_elapsed = 0;
    qint64 m_cpuNs = 0;
    quint64 m_limit = 0;
    int m_fd = -1;
    sockaddr_storage m_group{}; // the destination: group and port
    socklen_t m_groupLength = 0;
};

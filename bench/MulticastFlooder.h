#pragma once

#include <QByteArray>
#include <QList>

#include <atomic>
#include <thread>

// Sends mDNS datagrams to a multicast group through loopback, as fast as it can or
// paced at a fixed rate, for a fixed time, on a thread of its own (sendmmsg in
// batches), optionally pinned to one CPU. Only for use inside a private network namespace
// (NetNamespace), where lo is the only interface: it refuses to start anywhere else. Started and
// joined by the benchmark's main thread; sent() may be read from any thread.
class MulticastFlooder final
{
public:
    MulticastFlooder() = default;
    ~MulticastFlooder(); // joins
    MulticastFlooder(const MulticastFlooder &) = delete;
    MulticastFlooder &operator=(const MulticastFlooder &) = delete;

    // ratePerSecond 0: as fast as possible. cpu >= 0: the sending thread runs only on that
    // CPU. Returns false (and sends nothing) when the process is not in a private namespace
    // or the socket cannot be set up.
    bool start(const QList<QByteArray> &datagrams, double seconds, double ratePerSecond = 0,
               quint16 port = 5353, int cpu = -1);
    void join();
    quint64 sent() const { return m_sent.load(std::memory_order_relaxed); }
    double elapsedSeconds() const { return m_elapsed; } // valid after join()
    // CPU time the sending thread used while sending (valid after join()).
    qint64 cpuNs() const { return m_cpuNs; }

private:
    void run(QList<QByteArray> datagrams, double seconds, double rate, quint16 port, int cpu);

    std::thread m_thread;
    std::atomic<quint64> m_sent{0};
    double m_elapsed = 0;
    qint64 m_cpuNs = 0;
    int m_fd = -1;
};

#include "MulticastFlooder.h"

#include "BenchReport.h"
#include "CpuAffinity.h"
#include "NetNamespace.h"

#include <arpa/inet.h>
#include <net/if.h>
#include <netinet/in.h>
#include <sys/socket.h>
#include <unistd.h>

#include <ctime>
#include <vector>

using namespace Qt::StringLiterals;

MulticastFlooder::~MulticastFlooder()
{
    join();
}

bool MulticastFlooder::start(const QList<QByteArray> &datagrams, double seconds,
                             double ratePerSecond, quint16 port, int cpu)
{
    if (!NetNamespace::isPrivate() || datagrams.isEmpty() || m_thread.joinable())
        return false;
    m_fd = ::socket(AF_INET, SOCK_DGRAM | SOCK_CLOEXEC, 0);
    if (m_fd < 0)
        return false;
    ip_mreqn via{};
    via.imr_ifindex = int(::if_nametoindex("lo"));
    const int ttl = 255;
    const int loop = 1;
    if (::setsockopt(m_fd, IPPROTO_IP, IP_MULTICAST_IF, &via, sizeof via) != 0 ||
        ::setsockopt(m_fd, IPPROTO_IP, IP_MULTICAST_TTL, &ttl, sizeof ttl) != 0 ||
        ::setsockopt(m_fd, IPPROTO_IP, IP_MULTICAST_LOOP, &loop, sizeof loop) != 0) {
        ::close(m_fd);
        m_fd = -1;
        return false;
    }
    m_sent.store(0);
    m_elapsed = 0;
    m_cpuNs = 0;
    m_thread =
        std::thread(&MulticastFlooder::run, this, datagrams, seconds, ratePerSecond, port, cpu);
    return true;
}

void MulticastFlooder::join()
{
    if (m_thread.joinable())
        m_thread.join();
    if (m_fd >= 0) {
        ::close(m_fd);
        m_fd = -1;
    }
}

void MulticastFlooder::run(QList<QByteArray> datagrams, double seconds, double rate, quint16 port,
                           int cpu)
{
    if (cpu >= 0) {
        CpuAffinity::pinCurrentThread(cpu);
        CpuAffinity::setCurrentThreadNice(CpuAffinity::kPlacedNice);
    }
    sockaddr_in group{};
    group.sin_family = AF_INET;
    group.sin_port = htons(port);
    group.sin_addr.s_addr = htonl(0xE00000FB); // 224.0.0.251

    // A batch cycles through the datagrams; paced sending sends one batch per tick.
    constexpr int kBatch = 32;
    std::vector<iovec> iov(kBatch);
    std::vector<mmsghdr> msgs(kBatch);
    const qint64 start = BenchReport::nowNs();
    const qint64 end = start + qint64(seconds * 1e9);
    const qint64 tickNs = rate > 0 ? qint64(kBatch * 1e9 / rate) : 0;
    qint64 nextTick = start;
    qsizetype next = 0;
    quint64 sent = 0;
    for (;;) {
        const qint64 now = BenchReport::nowNs();
        if (now >= end)
            break;
        if (tickNs > 0) {
            if (now < nextTick) {
                const timespec pause{0, long(std::min<qint64>(nextTick - now, 1'000'000))};
                ::nanosleep(&pause, nullptr);
                continue;
            }
            nextTick += tickNs;
        }
        for (int i = 0; i < kBatch; ++i) {
            const QByteArray &d = datagrams.at(next);
            next = (next + 1) % datagrams.size();
            iov[i] = {const_cast<char *>(d.constData()), size_t(d.size())};
            msgs[i] = {};
            msgs[i].msg_hdr.msg_name = &group;
            msgs[i].msg_hdr.msg_namelen = sizeof group;
            msgs[i].msg_hdr.msg_iov = &iov[i];
            msgs[i].msg_hdr.msg_iovlen = 1;
        }
        const int n = ::sendmmsg(m_fd, msgs.data(), kBatch, 0);
        if (n > 0) {
            sent += quint64(n);
            m_sent.store(sent, std::memory_order_relaxed);
        }
    }
    m_elapsed = double(BenchReport::nowNs() - start) / 1e9;
    timespec used{};
    ::clock_gettime(CLOCK_THREAD_CPUTIME_ID, &used);
    m_cpuNs = qint64(used.tv_sec) * 1'000'000'000 + used.tv_nsec;
}

#include "MulticastFlooder.h"

#include "BenchReport.h"
#include "CpuAffinity.h"
#include "NetNamespace.h"

#include <arpa/inet.h>
#include <net/if.h>
#include <netinet/in.h>
#include <sys/socket.h>
#include <unistd.h>

#include <algorithm>
#include <ctime>
#include <vector>

using namespace Qt::StringLiterals;

MulticastFlooder::~MulticastFlooder()
{
    join();
}

bool MulticastFlooder::start(const QList<QByteArray> &datagrams, double seconds,
                             double ratePerSecond, quint16 port, int cpu, const BenchLink &link)
{
    if (!NetNamespace::isPrivate() || !NetNamespace::callingThreadIsPrivate() ||
        datagrams.isEmpty() || m_thread.joinable())
        return false;
    const int ifindex = int(::if_nametoindex(link.sendInterface.toLocal8Bit().constData()));
    if (ifindex == 0)
        return false;
    m_fd = ::socket(link.isV4() ? AF_INET : AF_INET6, SOCK_DGRAM | SOCK_CLOEXEC, 0);
    if (m_fd < 0)
        return false;
    const int ttl = 255;
    // Over lo the receivers get the looped-back copy; across a veth pair they get the one
    // that crosses it, and a looped-back copy would only cost the sender.
    const int loop = link.overLoopback() ? 1 : 0;
    bool ok = false;
    m_group = {};
    if (link.isV4()) {
        ip_mreqn via{};
        via.imr_ifindex = ifindex;
        ok = ::setsockopt(m_fd, IPPROTO_IP, IP_MULTICAST_IF, &via, sizeof via) == 0 &&
             ::setsockopt(m_fd, IPPROTO_IP, IP_MULTICAST_TTL, &ttl, sizeof ttl) == 0 &&
             ::setsockopt(m_fd, IPPROTO_IP, IP_MULTICAST_LOOP, &loop, sizeof loop) == 0;
        auto *group = reinterpret_cast<sockaddr_in *>(&m_group);
        group->sin_family = AF_INET;
        group->sin_port = htons(port);
        group->sin_addr.s_addr = htonl(0xE00000FB); // 224.0.0.251
        m_groupLength = sizeof(sockaddr_in);
    } else {
        ok = ::setsockopt(m_fd, IPPROTO_IPV6, IPV6_MULTICAST_IF, &ifindex, sizeof ifindex) == 0 &&
             ::setsockopt(m_fd, IPPROTO_IPV6, IPV6_MULTICAST_HOPS, &ttl, sizeof ttl) == 0 &&
             ::setsockopt(m_fd, IPPROTO_IPV6, IPV6_MULTICAST_LOOP, &loop, sizeof loop) == 0;
        auto *group = reinterpret_cast<sockaddr_in6 *>(&m_group);
        group->sin6_family = AF_INET6;
        group->sin6_port = htons(port);
        ok = ok && ::inet_pton(AF_INET6, "ff02::fb", &group->sin6_addr) == 1;
        group->sin6_scope_id = quint32(ifindex); // link-local: the egress link
        m_groupLength = sizeof(sockaddr_in6);
    }
    if (!ok) {
        ::close(m_fd);
        m_fd = -1;
        return false;
    }
    m_sent.store(0);
    m_elapsed = 0;
    m_cpuNs = 0;
    m_thread = std::thread(&MulticastFlooder::run, this, datagrams, seconds, ratePerSecond, cpu);
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

void MulticastFlooder::run(QList<QByteArray> datagrams, double seconds, double rate, int cpu)
{
    if (cpu >= 0) {
        CpuAffinity::pinCurrentThread(cpu);
        CpuAffinity::setCurrentThreadNice(CpuAffinity::kPlacedNice);
    }
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
        if (now >= end || (m_limit > 0 && sent >= m_limit))
            break;
        if (tickNs > 0) {
            if (now < nextTick) {
                const timespec pause{0, long(std::min<qint64>(nextTick - now, 1'000'000))};
                ::nanosleep(&pause, nullptr);
                continue;
            }
            nextTick += tickNs;
        }
        const int count = m_limit > 0 ? int(std::min<quint64>(kBatch, m_limit - sent)) : kBatch;
        for (int i = 0; i < count; ++i) {
            const QByteArray &d = datagrams.at(next);
            next = (next + 1) % datagrams.size();
            iov[i] = {const_cast<char *>(d.constData()), size_t(d.size())};
            msgs[i] = {};
            msgs[i].msg_hdr.msg_name = &m_group;
            msgs[i].msg_hdr.msg_namelen = m_groupLength;
            msgs[i].msg_hdr.msg_iov = &iov[i];
            msgs[i].msg_hdr.msg_iovlen = 1;
        }
        const int n = ::sendmmsg(m_fd, msgs.data(), unsigned(count), 0);
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

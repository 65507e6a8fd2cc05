#include "BareReceiver.h"

#include "CpuAffinity.h"

#include <arpa/inet.h>
#include <net/if.h>
#include <netinet/in.h>
#include <sys/socket.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>
#include <ctime>
#include <vector>

using namespace Qt::StringLiterals;

BareReceiver::~BareReceiver()
{
    stop();
}

bool BareReceiver::start(quint16 port, int rcvbuf, QString *error, int cpu, bool withMetadata,
                         const BenchLink &link)
{
    const auto fail = [&](const char *what) {
        if (error)
            *error = QString::fromLatin1(what) + u": "_s + QString::fromLocal8Bit(strerror(errno));
        if (m_fd >= 0)
            ::close(m_fd);
        m_fd = -1;
        return false;
    };
    const bool v4 = link.isV4();
    m_fd = ::socket(v4 ? AF_INET : AF_INET6, SOCK_DGRAM | SOCK_CLOEXEC, 0);
    if (m_fd < 0)
        return fail("socket");
    const int on = 1;
    if (::setsockopt(m_fd, SOL_SOCKET, SO_REUSEADDR, &on, sizeof on) != 0 ||
        ::setsockopt(m_fd, SOL_SOCKET, SO_REUSEPORT, &on, sizeof on) != 0 ||
        ::setsockopt(m_fd, SOL_SOCKET, SO_RXQ_OVFL, &on, sizeof on) != 0 ||
        (!v4 && ::setsockopt(m_fd, IPPROTO_IPV6, IPV6_V6ONLY, &on, sizeof on) != 0))
        return fail("setsockopt");
    const int off = 0;
    if (withMetadata && v4 &&
        (::setsockopt(m_fd, IPPROTO_IP, IP_MULTICAST_ALL, &off, sizeof off) != 0 ||
         ::setsockopt(m_fd, IPPROTO_IP, IP_PKTINFO, &on, sizeof on) != 0 ||
         ::setsockopt(m_fd, IPPROTO_IP, IP_RECVTTL, &on, sizeof on) != 0 ||
         ::setsockopt(m_fd, SOL_SOCKET, SO_TIMESTAMPNS, &on, sizeof on) != 0))
        return fail("setsockopt (metadata)");
    if (withMetadata && !v4 &&
        (::setsockopt(m_fd, IPPROTO_IPV6, IPV6_MULTICAST_ALL, &off, sizeof off) != 0 ||
         ::setsockopt(m_fd, IPPROTO_IPV6, IPV6_RECVPKTINFO, &on, sizeof on) != 0 ||
         ::setsockopt(m_fd, IPPROTO_IPV6, IPV6_RECVHOPLIMIT, &on, sizeof on) != 0 ||
         ::setsockopt(m_fd, SOL_SOCKET, SO_TIMESTAMPNS, &on, sizeof on) != 0))
        return fail("setsockopt (IPv6 metadata)");
    if (rcvbuf > 0 && ::setsockopt(m_fd, SOL_SOCKET, SO_RCVBUF, &rcvbuf, sizeof rcvbuf) != 0)
        return fail("SO_RCVBUF");
    const int ifindex = int(::if_nametoindex(link.receiveInterface.toLocal8Bit().constData()));
    if (v4) {
        sockaddr_in any{};
        any.sin_family = AF_INET;
        any.sin_port = htons(port);
        if (::bind(m_fd, reinterpret_cast<sockaddr *>(&any), sizeof any) != 0)
            return fail("bind");
        ip_mreqn join{};
        join.imr_multiaddr.s_addr = htonl(0xE00000FB); // 224.0.0.251
        join.imr_ifindex = ifindex;
        if (::setsockopt(m_fd, IPPROTO_IP, IP_ADD_MEMBERSHIP, &join, sizeof join) != 0)
            return fail("IP_ADD_MEMBERSHIP");
    } else {
        sockaddr_in6 any{};
        any.sin6_family = AF_INET6;
        any.sin6_addr = in6addr_any;
        any.sin6_port = htons(port);
        if (::bind(m_fd, reinterpret_cast<sockaddr *>(&any), sizeof any) != 0)
            return fail("bind");
        ipv6_mreq join{};
        ::inet_pton(AF_INET6, "ff02::fb", &join.ipv6mr_multiaddr);
        join.ipv6mr_interface = unsigned(ifindex);
        if (::setsockopt(m_fd, IPPROTO_IPV6, IPV6_JOIN_GROUP, &join, sizeof join) != 0)
            return fail("IPV6_JOIN_GROUP");
    }
    const timeval timeout{0, 50'000}; // wake up to notice stop()
    if (::setsockopt(m_fd, SOL_SOCKET, SO_RCVTIMEO, &timeout, sizeof timeout) != 0)
        return fail("SO_RCVTIMEO");
    m_stop.store(false);
    m_packets.store(0);
    m_wakeups.store(0);
    m_bytes.store(0);
    m_drops.store(0);
    m_cpuNs.store(0);
    m_thread = std::thread(&BareReceiver::run, this, cpu, withMetadata, v4);
    return true;
}

void BareReceiver::stop()
{
    m_stop.store(true);
    if (m_thread.joinable())
        m_thread.join();
    if (m_fd >= 0)
        ::close(m_fd);
    m_fd = -1;
}

void BareReceiver::run(int cpu, bool withMetadata, bool v4)
{
    if (cpu >= 0) {
        CpuAffinity::pinCurrentThread(cpu);
        CpuAffinity::setCurrentThreadNice(CpuAffinity::kPlacedNice);
    }
    constexpr int kBatch = 64;
    constexpr size_t kBuffer = 9000;
    // Packet info, TTL / hop limit, timestamp, drop count.
    const size_t controlSize = CMSG_SPACE(v4 ? sizeof(in_pktinfo) : sizeof(in6_pktinfo)) +
                               CMSG_SPACE(sizeof(int)) + CMSG_SPACE(sizeof(timespec)) +
                               CMSG_SPACE(sizeof(quint32));
    const socklen_t fromLength = v4 ? sizeof(sockaddr_in) : sizeof(sockaddr_in6);
    std::vector<char> buffers(kBatch * kBuffer);
    std::vector<char> control(kBatch * controlSize);
    std::vector<iovec> iov(kBatch);
    std::vector<mmsghdr> msgs(kBatch);
    std::vector<sockaddr_in6> from(kBatch); // large enough for either family
    quint64 packets = 0, bytes = 0, wakeups = 0;
    while (!m_stop.load(std::memory_order_relaxed)) {
        for (int i = 0; i < kBatch; ++i) {
            iov[i] = {buffers.data() + i * kBuffer, kBuffer};
            msgs[i] = {};
            msgs[i].msg_hdr.msg_iov = &iov[i];
            msgs[i].msg_hdr.msg_iovlen = 1;
            msgs[i].msg_hdr.msg_control = control.data() + i * controlSize;
            msgs[i].msg_hdr.msg_controllen = controlSize;
            if (withMetadata) {
                msgs[i].msg_hdr.msg_name = &from[i];
                msgs[i].msg_hdr.msg_namelen = fromLength;
            }
        }
        const int n = ::recvmmsg(m_fd, msgs.data(), kBatch, MSG_WAITFORONE, nullptr);
        timespec used{};
        ::clock_gettime(CLOCK_THREAD_CPUTIME_ID, &used);
        m_cpuNs.store(qint64(used.tv_sec) * 1'000'000'000 + used.tv_nsec,
                      std::memory_order_relaxed);
        if (n <= 0)
            continue; // timeout (EAGAIN) or EINTR: check the stop flag
        for (int i = 0; i < n; ++i) {
            bytes += msgs[i].msg_len;
            for (cmsghdr *c = CMSG_FIRSTHDR(&msgs[i].msg_hdr); c;
                 c = CMSG_NXTHDR(&msgs[i].msg_hdr, c)) {
                if (c->cmsg_level == SOL_SOCKET && c->cmsg_type == SO_RXQ_OVFL) {
                    quint32 drops = 0;
                    std::memcpy(&drops, CMSG_DATA(c), sizeof drops);
                    m_drops.store(drops, std::memory_order_relaxed);
                }
            }
        }
        packets += quint64(n);
        m_packets.store(packets, std::memory_order_relaxed);
        m_wakeups.store(++wakeups, std::memory_order_relaxed);
        m_bytes.store(bytes, std::memory_order_relaxed);
    }
}

#include "UdpV4Transport.h"

#include <QCoreApplication>

#include <algorithm>
#include <array>
#include <cerrno>
#include <cstring>
#include <ctime>
#include <memory>
#include <span>
#include <utility>

#include <arpa/inet.h>
#include <ifaddrs.h>
#include <net/if.h>
#include <netinet/in.h>
#include <poll.h>
#include <sys/ioctl.h>
#include <sys/socket.h>
#include <unistd.h>

using namespace Qt::StringLiterals;

namespace {
constexpr int kMaxBatch = 32;                 // datagrams per recvmmsg call
constexpr qint64 kCancelSliceNs = 10'000'000; // how often a waiting receive looks at `cancel`
constexpr int kReceiveBufferBytes = 4 << 20;  // SO_RCVBUF request; the kernel caps it

// Room for IP_PKTINFO, IP_TTL, SO_TIMESTAMPNS and SO_RXQ_OVFL with headroom.
constexpr size_t kControlSize = CMSG_SPACE(sizeof(in_pktinfo)) + CMSG_SPACE(sizeof(int)) +
                                CMSG_SPACE(sizeof(timespec)) + CMSG_SPACE(sizeof(quint32)) + 64;

// `operation`: a QT_TR_NOOP literal in an UdpV4Transport member
CaptureError systemError(const char *operation, int err, const QString &details)
{
    return CaptureError{UdpV4Transport::tr(operation), err, details};
}

qint64 nowNs()
{
    timespec ts{};
    ::clock_gettime(CLOCK_REALTIME, &ts);
    return qint64(ts.tv_sec) * 1'000'000'000 + ts.tv_nsec;
}

struct Slot
{
    sockaddr_in from;
    iovec iov;
    alignas(cmsghdr) std::array<char, kControlSize> control;
};

// The kernel facts about one datagram, from its control messages.
void readControl(msghdr &msg, Packet &p, quint32 &kernelDrops)
{
    if (msg.msg_flags & MSG_CTRUNC)
        return; // cannot happen with kControlSize; if it did, leave the fields unknown
    for (cmsghdr *c = CMSG_FIRSTHDR(&msg); c; c = CMSG_NXTHDR(&msg, c)) {
        if (c->cmsg_level == IPPROTO_IP && c->cmsg_type == IP_PKTINFO) {
            in_pktinfo info;
            std::memcpy(&info, CMSG_DATA(c), sizeof info);
            p.interfaceIndex = quint32(info.ipi_ifindex);
            p.destination = IpAddress::fromV4(ntohl(info.ipi_addr.s_addr));
        } else if (c->cmsg_level == IPPROTO_IP && c->cmsg_type == IP_TTL) {
            int ttl = -1;
            std::memcpy(&ttl, CMSG_DATA(c), sizeof ttl);
            p.ttl = ttl;
        } else if (c->cmsg_level == SOL_SOCKET && c->cmsg_type == SCM_TIMESTAMPNS) {
            timespec ts;
            std::memcpy(&ts, CMSG_DATA(c), sizeof ts);
            p.timestampNs = qint64(ts.tv_sec) * 1'000'000'000 + ts.tv_nsec;
        } else if (c->cmsg_level == SOL_SOCKET && c->cmsg_type == SO_RXQ_OVFL) {
            quint32 drops = 0;
            std::memcpy(&drops, CMSG_DATA(c), sizeof drops);
            kernelDrops = drops;
        }
    }
}

bool setOption(int fd, int level, int name, int value)
{
    return ::setsockopt(fd, level, name, &value, sizeof value) == 0;
}
} // namespace

UdpV4Transport::UdpV4Transport(BufferPool &pool)
    : m_pool(pool)
{}

UdpV4Transport::~UdpV4Transport()
{
    close();
}

QList<MulticastInterface> UdpV4Transport::multicastInterfaces()
{
    QList<MulticastInterface> result;
    ifaddrs *list = nullptr;
    if (::getifaddrs(&list) != 0)
        return result;
    for (const ifaddrs *a = list; a; a = a->ifa_next) {
        if (!a->ifa_addr || a->ifa_addr->sa_family != AF_INET || !a->ifa_name)
            continue;
        if ((a->ifa_flags & IFF_UP) == 0 || (a->ifa_flags & IFF_MULTICAST) == 0)
            continue;
        const QString name = QString::fromLocal8Bit(a->ifa_name);
        const auto same = [&name](const MulticastInterface &i) { return i.name == name; };
        if (std::any_of(result.cbegin(), result.cend(), same))
            continue; // one entry per interface, however many addresses it has
        const quint32 index = ::if_nametoindex(a->ifa_name);
        if (index != 0)
            result.append({name, index});
    }
    ::freeifaddrs(list);
    std::sort(
        result.begin(), result.end(),
        [](const MulticastInterface &a, const MulticastInterface &b) { return a.index < b.index; });
    return result;
}

std::optional<CaptureError> UdpV4Transport::open(const CaptureConfig &config)
{
    close();

    in_addr group{};
    const QByteArray groupText = config.group.toLatin1();
    if (::inet_pton(AF_INET, groupText.constData(), &group) != 1 ||
        !IN_MULTICAST(ntohl(group.s_addr)))
        return CaptureError{tr("join multicast group"), 0,
                            tr("'%1' is not an IPv4 multicast address").arg(config.group)};

    const int fd = ::socket(AF_INET, SOCK_DGRAM | SOCK_NONBLOCK | SOCK_CLOEXEC, 0);
    if (fd < 0)
        return systemError(QT_TR_NOOP("open socket"), errno, tr("cannot create a UDP socket"));
    // From here on, every failure closes fd before returning.
    auto fail = [fd](CaptureError e) {
        ::close(fd);
        return std::optional<CaptureError>(std::move(e));
    };

    // Which interfaces to join.
    QList<MulticastInterface> targets;
    if (!config.interfaceName.isEmpty()) {
        const QByteArray name = config.interfaceName.toLocal8Bit();
        const quint32 index = name.size() < IFNAMSIZ ? ::if_nametoindex(name.constData()) : 0;
        if (index == 0)
            return fail(systemError(QT_TR_NOOP("join multicast group"), ENODEV,
                                    tr("interface '%1' does not exist").arg(config.interfaceName)));
        ifreq ifr{};
        std::memcpy(ifr.ifr_name, name.constData(), size_t(name.size()));
        if (::ioctl(fd, SIOCGIFFLAGS, &ifr) != 0)
            return fail(systemError(
                QT_TR_NOOP("join multicast group"), errno,
                tr("cannot read the flags of interface '%1'").arg(config.interfaceName)));
        if ((ifr.ifr_flags & IFF_UP) == 0)
            return fail(systemError(QT_TR_NOOP("join multicast group"), ENETDOWN,
                                    tr("interface '%1' is down").arg(config.interfaceName)));
        if ((ifr.ifr_flags & IFF_MULTICAST) == 0)
            return fail(systemError(
                QT_TR_NOOP("join multicast group"), 0,
                tr("interface '%1' is not multicast-capable").arg(config.interfaceName)));
        targets.append({config.interfaceName, index});
    } else {
        targets = multicastInterfaces();
        if (targets.isEmpty())
            return fail(systemError(QT_TR_NOOP("join multicast group"), 0,
                                    tr("no up, multicast-capable IPv4 interface")));
    }

    // Reuse: so that avahi-daemon / mDNSResponder and we all get every datagram.
    if (!setOption(fd, SOL_SOCKET, SO_REUSEADDR, 1) || !setOption(fd, SOL_SOCKET, SO_REUSEPORT, 1))
        return fail(
            systemError(QT_TR_NOOP("set socket option"), errno, tr("cannot enable address reuse")));
    // Only the groups this socket joined, on the interfaces it joined them on; by default
    // Linux would also deliver groups other sockets joined.
    if (!setOption(fd, IPPROTO_IP, IP_MULTICAST_ALL, 0))
        return fail(systemError(QT_TR_NOOP("set socket option"), errno, u"IP_MULTICAST_ALL"_s));
    if (!setOption(fd, IPPROTO_IP, IP_PKTINFO, 1) || !setOption(fd, IPPROTO_IP, IP_RECVTTL, 1) ||
        !setOption(fd, SOL_SOCKET, SO_TIMESTAMPNS, 1) || !setOption(fd, SOL_SOCKET, SO_RXQ_OVFL, 1))
        return fail(systemError(QT_TR_NOOP("set socket option"), errno,
                                tr("cannot enable packet info, TTL, timestamps or drop counts")));
    setOption(fd, SOL_SOCKET, SO_RCVBUF, kReceiveBufferBytes); // best effort: absorbs bursts

    sockaddr_in bindAddr{};
    bindAddr.sin_family = AF_INET;
    bindAddr.sin_addr.s_addr = htonl(INADDR_ANY);
    bindAddr.sin_port = htons(config.port);
    if (::bind(fd, reinterpret_cast<const sockaddr *>(&bindAddr), sizeof bindAddr) != 0)
        return fail(
            systemError(QT_TR_NOOP("bind"), errno, tr("cannot bind UDP port %1").arg(config.port)));

    QStringList joined;
    std::optional<CaptureError> firstJoinError;
    for (const MulticastInterface &i : std::as_const(targets)) {
        ip_mreqn req{};
        req.imr_multiaddr = group;
        req.imr_ifindex = int(i.index);
        if (::setsockopt(fd, IPPROTO_IP, IP_ADD_MEMBERSHIP, &req, sizeof req) == 0) {
            joined.append(i.name);
        } else if (!firstJoinError) {
            firstJoinError =
                systemError(QT_TR_NOOP("join multicast group"), errno,
                            tr("cannot join %1 on interface '%2'").arg(config.group, i.name));
        }
    }
    // One named interface must work; with all interfaces, joining some is enough.
    if (joined.isEmpty() || (!config.interfaceName.isEmpty() && firstJoinError))
        return fail(*firstJoinError);

    m_fd = fd;
    m_port = config.port;
    m_pooling = config.pooling;
    m_vlen = 1;
    m_joined = joined;
    m_counters = {};
    m_interfaceNames.clear();
    for (const MulticastInterface &i : std::as_const(targets))
        m_interfaceNames.insert(i.index, i.name);
    return std::nullopt;
}

void UdpV4Transport::close()
{
    if (m_fd >= 0)
        ::close(m_fd); // also leaves the groups
    m_fd = -1;
    m_joined.clear();
}

const QString &UdpV4Transport::interfaceName(quint32 index)
{
    if (index == 0)
        return m_noName;
    auto it = m_interfaceNames.find(index);
    if (it == m_interfaceNames.end()) {
        // A datagram on an interface we did not join (unicast to our port): look it up once.
        char name[IF_NAMESIZE] = {};
        it = m_interfaceNames.insert(index, ::if_indextoname(index, name)
                                                ? QString::fromLocal8Bit(name)
                                                : QString::number(index));
    }
    return it.value();
}

ReceiveResult UdpV4Transport::receive(PacketBatch &into, qsizetype maxPackets,
                                      QDeadlineTimer deadline, const std::atomic_bool &cancel)
{
    ReceiveResult result;
    if (m_fd < 0) {
        result.status = ReceiveResult::Status::Failed;
        result.error = systemError(QT_TR_NOOP("receive"), EBADF, tr("the socket is not open"));
        return result;
    }
    maxPackets = std::max<qsizetype>(1, maxPackets);
    // A non-blocking drain with pooling (the capture worker's call, made when the socket is
    // readable) skips the wait and asks recvmmsg straight away: a wasted call would only
    // lease and return idle buffers. Unpooled, a wasted call would allocate a 9000-byte
    // buffer for nothing, so it waits (with a zero timeout) first.
    bool tryFirst = m_pooling && deadline.hasExpired();
    for (;;) {
        if (cancel.load(std::memory_order_acquire)) {
            result.status = ReceiveResult::Status::Cancelled;
            return result;
        }
        const qint64 remaining = deadline.remainingTimeNSecs(); // -1: forever
        int ready = 1;
        pollfd pfd{m_fd, POLLIN, POLLIN};
        if (!std::exchange(tryFirst, false)) {
            const qint64 slice =
                remaining < 0 ? kCancelSliceNs : std::min(remaining, kCancelSliceNs);
            const timespec timeout{time_t(slice / 1'000'000'000), long(slice % 1'000'000'000)};
            pfd.revents = 0;
            ready = ::ppoll(&pfd, 1, &timeout, nullptr);
        }
        if (ready < 0) {
            if (errno == EINTR)
                continue;
            result.status = ReceiveResult::Status::Failed;
            result.error = systemError(QT_TR_NOOP("wait for datagrams"), errno, tr("poll failed"));
            return result;
        }
        if (ready > 0 && (pfd.revents & POLLNVAL)) {
            result.status = ReceiveResult::Status::Failed;
            result.error =
                systemError(QT_TR_NOOP("wait for datagrams"), EBADF, tr("the socket was closed"));
            return result;
        }
        if (ready > 0) {
            // Drain what is queued now, up to maxPackets.
            while (result.packets < maxPackets) {
                int offered = 0;
                const qsizetype n = receiveOnce(into, maxPackets - result.packets, &offered);
                if (n == -EAGAIN || n == -EWOULDBLOCK || n == -EINTR)
                    break;
                if (n < 0) {
                    result.status = ReceiveResult::Status::Failed;
                    result.error =
                        systemError(QT_TR_NOOP("receive"), int(-n), tr("recvmmsg failed"));
                    return result; // packets already appended stay valid
                }
                result.packets += n;
                // Fewer than offered: the queue is empty now. As many as offered: ask before
                // the next call, since a recvmmsg that finds nothing would have leased (or,
                // unpooled, allocated) buffers for nothing; but a full batch of kMaxBatch
                // means a backlog, where one more recvmmsg is cheaper than a poll per batch
                // (at worst it leases idle buffers and returns them untouched).
                if (n < offered)
                    break;
                if (offered < kMaxBatch) {
                    pollfd more{m_fd, POLLIN, 0};
                    if (::poll(&more, 1, 0) <= 0 || (more.revents & POLLIN) == 0)
                        break;
                }
                // Still more queued after this call: offer twice what it got next time.
                if (m_pooling)
                    m_vlen = std::min(m_vlen * 2, kMaxBatch);
            }
            if (result.packets > 0) {
                result.status = ReceiveResult::Status::Received;
                return result;
            }
        }
        if (remaining >= 0 && deadline.hasExpired()) {
            result.status = ReceiveResult::Status::TimedOut;
            return result;
        }
    }
}

qsizetype UdpV4Transport::receiveOnce(PacketBatch &into, qsizetype limit, int *offered)
{
    // Pooled: an adaptive batch (grows while full calls leave more queued, shrinks to what
    // arrived), so a quiet network leases one buffer per datagram.
    // Not pooled: one fresh buffer per datagram, exactly like the seed's receive.
    const int vlen = m_pooling ? int(std::min<qsizetype>(m_vlen, limit)) : 1;
    *offered = vlen;

    // Both arrays give their buffers back when this function returns, on every path (the
    // leases as one batch once the datagrams are copied, or by their destructors).
    std::array<BufferPool::Lease, kMaxBatch> leases;
    std::array<std::unique_ptr<std::byte[]>, kMaxBatch> fresh;
    std::array<Slot, kMaxBatch> slots;
    std::array<mmsghdr, kMaxBatch> msgs;
    const std::span<BufferPool::Lease> leased(leases.data(), size_t(m_pooling ? vlen : 0));
    m_pool.acquire(leased); // one lock for the whole call
    for (int i = 0; i < vlen; ++i) {
        std::byte *buffer = nullptr;
        if (m_pooling) {
            buffer = leases[i].data();
        } else {
            fresh[i] = std::make_unique<std::byte[]>(size_t(kReceiveBufferSize));
            buffer = fresh[i].get();
        }
        Slot &s = slots[i];
        s.iov = {buffer, size_t(kReceiveBufferSize)};
        msghdr &h = msgs[i].msg_hdr;
        h = {};
        h.msg_name = &s.from;
        h.msg_namelen = sizeof s.from;
        h.msg_iov = &s.iov;
        h.msg_iovlen = 1;
        h.msg_control = s.control.data();
        h.msg_controllen = s.control.size();
        msgs[i].msg_len = 0;
    }

    // MSG_TRUNC makes msg_len the datagram's real length even when it did not fit.
    const int n = ::recvmmsg(m_fd, msgs.data(), unsigned(vlen), MSG_DONTWAIT | MSG_TRUNC, nullptr);
    const int err = errno;
    for (int i = std::max(n, 0); i < vlen; ++i) {
        if (m_pooling)
            leases[i].markWritten(0); // untouched: nothing to clear
    }
    if (n < 0) {
        m_pool.release(leased);
        return -err;
    }
    if (m_pooling)
        m_vlen = std::max(n, 1); // shrink to what arrived; receive() grows it under load

    for (int i = 0; i < n; ++i) {
        msghdr &h = msgs[i].msg_hdr;
        const quint32 length = msgs[i].msg_len;
        const qsizetype copied = std::min<qsizetype>(length, kReceiveBufferSize);
        if (m_pooling)
            leases[i].markWritten(copied);

        Packet &p = into.emplace_back(); // built in place: no temporary to move and destroy
        p.data = QByteArray(static_cast<const char *>(slots[i].iov.iov_base), copied);
        p.originalLength = length;
        p.truncated = (h.msg_flags & MSG_TRUNC) != 0 || length > quint32(kReceiveBufferSize);
        if (h.msg_namelen >= sizeof(sockaddr_in) && slots[i].from.sin_family == AF_INET) {
            p.source = IpAddress::fromV4(ntohl(slots[i].from.sin_addr.s_addr));
            p.sourcePort = ntohs(slots[i].from.sin_port);
        }
        p.destinationPort = m_port;
        quint32 drops = quint32(m_counters.kernelDrops);
        readControl(h, p, drops);
        m_counters.kernelDrops = std::max<quint64>(m_counters.kernelDrops, drops);
        if (p.timestampNs == 0)
            p.timestampNs = nowNs();
        p.interfaceName = interfaceName(p.interfaceIndex);

        ++m_counters.packets;
        m_counters.bytes += length;
        if (p.truncated)
            ++m_counters.truncated;
    }
    m_pool.release(leased); // cleared and back in one lock, before anyone waits again
    return n;
}

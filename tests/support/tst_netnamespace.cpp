// The test support for IPv6 captures works: veth pairs made inside the private network
// namespace carry usable IPv4 and IPv6 link-local addresses at once, and
// MulticastSender's datagrams cross them to a receiver on the other end with the
// source, hop limit and arrival interface a capture test will assert.
#include "MulticastSender.h"
#include "NetNamespace.h"

#include <QFile>
#include <QtTest>

#include <arpa/inet.h>
#include <cerrno>
#include <net/if.h>
#include <netinet/in.h>
#include <poll.h>
#include <sched.h>
#include <sys/ioctl.h>
#include <sys/socket.h>
#include <thread>
#include <unistd.h>

using namespace Qt::StringLiterals;

namespace {
struct Datagram
{
    QByteArray payload;
    QString source;  // address text, no scope
    int ifindex = 0; // arrival interface (IPV6_PKTINFO / IP_PKTINFO)
    int hops = -1;   // IPV6_HOPLIMIT / IP_TTL
};

// A UDP socket bound to the wildcard address and `port`, joined to a group on
// chosen links, reporting arrival interface and hop limit of what it receives.
class Receiver
{
public:
    Receiver(int family, quint16 port)
        : m_family(family)
    {
        m_fd = ::socket(family, SOCK_DGRAM | SOCK_CLOEXEC, 0);
        const int on = 1;
        bool ok = m_fd >= 0 && ::setsockopt(m_fd, SOL_SOCKET, SO_REUSEADDR, &on, sizeof on) == 0;
        if (family == AF_INET6) {
            ok = ok && ::setsockopt(m_fd, IPPROTO_IPV6, IPV6_V6ONLY, &on, sizeof on) == 0 &&
                 ::setsockopt(m_fd, IPPROTO_IPV6, IPV6_RECVPKTINFO, &on, sizeof on) == 0 &&
                 ::setsockopt(m_fd, IPPROTO_IPV6, IPV6_RECVHOPLIMIT, &on, sizeof on) == 0;
            sockaddr_in6 a{};
            a.sin6_family = AF_INET6;
            a.sin6_port = htons(port);
            ok = ok && ::bind(m_fd, reinterpret_cast<sockaddr *>(&a), sizeof a) == 0;
        } else {
            ok = ok && ::setsockopt(m_fd, IPPROTO_IP, IP_PKTINFO, &on, sizeof on) == 0 &&
                 ::setsockopt(m_fd, IPPROTO_IP, IP_RECVTTL, &on, sizeof on) == 0;
            sockaddr_in a{};
            a.sin_family = AF_INET;
            a.sin_port = htons(port);
            ok = ok && ::bind(m_fd, reinterpret_cast<sockaddr *>(&a), sizeof a) == 0;
        }
        if (!ok)
            m_error = QString::fromLocal8Bit(std::strerror(errno));
    }
    ~Receiver()
    {
        if (m_fd >= 0)
            ::close(m_fd);
    }
    QString error() const { return m_error; }

    bool join(const QString &group, const QString &iface)
    {
        const int ifindex = NetNamespace::linkIndex(iface);
        if (m_family == AF_INET6) {
            ipv6_mreq m{};
            m.ipv6mr_interface = unsigned(ifindex);
            return ::inet_pton(AF_INET6, group.toLatin1().constData(), &m.ipv6mr_multiaddr) == 1 &&
                   ::setsockopt(m_fd, IPPROTO_IPV6, IPV6_JOIN_GROUP, &m, sizeof m) == 0;
        }
        ip_mreqn m{};
        m.imr_ifindex = ifindex;
        return ::inet_pton(AF_INET, group.toLatin1().constData(), &m.imr_multiaddr) == 1 &&
               ::setsockopt(m_fd, IPPROTO_IP, IP_ADD_MEMBERSHIP, &m, sizeof m) == 0;
    }

    // Everything that arrives until `quietMs` pass without a datagram.
    QList<Datagram> receiveAll(int quietMs = 300)
    {
        QList<Datagram> result;
        pollfd p{m_fd, POLLIN, 0};
        while (::poll(&p, 1, quietMs) == 1) {
            char buf[2048];
            alignas(cmsghdr) char control[256];
            sockaddr_storage from{};
            iovec iov{buf, sizeof buf};
            msghdr msg{};
            msg.msg_name = &from;
            msg.msg_namelen = sizeof from;
            msg.msg_iov = &iov;
            msg.msg_iovlen = 1;
            msg.msg_control = control;
            msg.msg_controllen = sizeof control;
            const ssize_t n = ::recvmsg(m_fd, &msg, 0);
            if (n < 0)
                break;
            Datagram d;
            d.payload = QByteArray(buf, n);
            char text[INET6_ADDRSTRLEN] = {};
            if (from.ss_family == AF_INET6)
                ::inet_ntop(AF_INET6, &reinterpret_cast<sockaddr_in6 &>(from).sin6_addr, text,
                            sizeof text);
            else
                ::inet_ntop(AF_INET, &reinterpret_cast<sockaddr_in &>(from).sin_addr, text,
                            sizeof text);
            d.source = QString::fromLatin1(text);
            for (cmsghdr *c = CMSG_FIRSTHDR(&msg); c; c = CMSG_NXTHDR(&msg, c)) {
                if (c->cmsg_level == IPPROTO_IPV6 && c->cmsg_type == IPV6_PKTINFO)
                    d.ifindex = int(reinterpret_cast<in6_pktinfo *>(CMSG_DATA(c))->ipi6_ifindex);
                else if (c->cmsg_level == IPPROTO_IPV6 && c->cmsg_type == IPV6_HOPLIMIT)
                    std::memcpy(&d.hops, CMSG_DATA(c), sizeof d.hops);
                else if (c->cmsg_level == IPPROTO_IP && c->cmsg_type == IP_PKTINFO)
                    d.ifindex = reinterpret_cast<in_pktinfo *>(CMSG_DATA(c))->ipi_ifindex;
                else if (c->cmsg_level == IPPROTO_IP && c->cmsg_type == IP_TTL)
                    std::memcpy(&d.hops, CMSG_DATA(c), sizeof d.hops);
            }
            result.append(d);
        }
        return result;
    }

private:
    int m_family;
    int m_fd = -1;
    QString m_error;
};

// The IPv6 addresses on `iface` as /proc/net/if_inet6 lists them: "address flags".
QStringList inet6Lines(const QString &iface)
{
    QFile f(u"/proc/net/if_inet6"_s);
    if (!f.open(QIODevice::ReadOnly))
        return {u"unreadable"_s};
    QStringList result;
    for (const QByteArray &line : f.readAll().split('\n')) {
        const QList<QByteArray> t = line.simplified().split(' ');
        if (t.size() == 6 && t.at(5) == iface.toLatin1())
            result.append(QString::fromLatin1(t.at(0) + ' ' + t.at(4)));
    }
    return result;
}

int linkFlags(const QString &iface)
{
    const int fd = ::socket(AF_INET, SOCK_DGRAM | SOCK_CLOEXEC, 0);
    ifreq ifr{};
    std::strncpy(ifr.ifr_name, iface.toLatin1().constData(), IFNAMSIZ - 1);
    const int flags = ::ioctl(fd, SIOCGIFFLAGS, &ifr) == 0 ? ifr.ifr_flags : -1;
    ::close(fd);
    return flags;
}

QString dump(const QList<Datagram> &ds)
{
    QStringList parts;
    for (const Datagram &d : ds)
        parts.append(u"%1 if%2 hops %3 (%4 bytes)"_s.arg(d.source).arg(d.ifindex).arg(d.hops).arg(
            d.payload.size()));
    return parts.join(u"; "_s);
}
} // namespace

class TestNetNamespace final : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase();
    void vethPairIsUpWithFixedAddresses();
    void ipv6MulticastCrossesVeth_data();
    void ipv6MulticastCrossesVeth();
    void ipv4MulticastCrossesVeth();
    void vethFromAnotherThread();
    void refusesOutsidePrivateNamespace();
    void senderRejectsBadIpv6Options();
};

void TestNetNamespace::initTestCase()
{
    // No veth links outside the namespace: this test makes them, so it must be in one.
    if (!NetNamespace::isPrivate())
        qWarning("%s", NetNamespace::skipMessage());
}

void TestNetNamespace::vethPairIsUpWithFixedAddresses()
{
    MDNSCOPE_REQUIRE_NETNS();
    QString error;
    QVERIFY2(NetNamespace::addVethPair(u"t6a"_s, u"t6b"_s, &error), qPrintable(error));
    for (const QString &end : {u"t6a"_s, u"t6b"_s}) {
        const int ifindex = NetNamespace::linkIndex(end);
        QVERIFY(ifindex > 0);
        QCOMPARE(NetNamespace::ipv4Address(end), NetNamespace::vethIpv4(ifindex));
        QCOMPARE(NetNamespace::ipv6LinkLocal(end), NetNamespace::vethIpv6(ifindex));
        QVERIFY(NetNamespace::vethIpv6(ifindex).startsWith(u"fe80::100:"_s));
        const int flags = linkFlags(end);
        QVERIFY2(flags > 0 && (flags & IFF_UP) && (flags & IFF_MULTICAST), qPrintable(end));
        // Exactly one IPv6 address (ours), permanent and not tentative (0x40).
        const QStringList lines = inet6Lines(end);
        QCOMPARE(lines.size(), 1);
        const int addrFlags = lines.first().section(u' ', 1).toInt(nullptr, 16);
        QVERIFY2((addrFlags & 0x40) == 0, qPrintable(lines.first()));
    }
    QVERIFY(!NetNamespace::addVethPair(u"t6a"_s, u"t6c"_s, &error)); // exists
    QVERIFY2(error.contains(u"t6a"_s), qPrintable(error));
    QVERIFY2(NetNamespace::deleteLink(u"t6b"_s, &error), qPrintable(error));
    QCOMPARE(NetNamespace::linkIndex(u"t6a"_s), 0); // the pair goes together
    QCOMPARE(NetNamespace::linkIndex(u"t6b"_s), 0);
    QVERIFY(!NetNamespace::deleteLink(u"t6b"_s, &error));
}

void TestNetNamespace::ipv6MulticastCrossesVeth_data()
{
    QTest::addColumn<int>("hops");
    QTest::newRow("hop limit 255") << 255;
    QTest::newRow("hop limit 1") << 1;
}

void TestNetNamespace::ipv6MulticastCrossesVeth()
{
    MDNSCOPE_REQUIRE_NETNS();
    QFETCH(int, hops);
    QString error;
    QVERIFY2(NetNamespace::addVethPair(u"m6a"_s, u"m6b"_s, &error), qPrintable(error));
    auto cleanup = qScopeGuard([] {
        QString ignored;
        NetNamespace::deleteLink(u"m6a"_s, &ignored);
    });
    const int ia = NetNamespace::linkIndex(u"m6a"_s);
    const int ib = NetNamespace::linkIndex(u"m6b"_s);
    const QString source = NetNamespace::ipv6LinkLocal(u"m6a"_s);
    QVERIFY(!source.isEmpty());

    MulticastSender::Options so;
    so.group = u"ff02::fb"_s;
    so.interfaceName = u"m6a"_s;
    so.sourceAddress = source;
    so.sourcePort = 5353;
    so.reuseAddress = true; // beside the receivers on 5353
    so.ttl = hops;
    MulticastSender sender(so);
    QVERIFY2(sender.isOpen(), qPrintable(sender.errorString()));
    QVERIFY(sender.isIpv6());
    QCOMPARE(sender.localPort(), quint16(5353));

    // Joined on m6b only: exactly the copies that crossed the pair, in order, from our
    // fixed link-local source, with our hop limit, arriving on m6b.
    Receiver onlyB(AF_INET6, 5353);
    QVERIFY2(onlyB.error().isEmpty(), qPrintable(onlyB.error()));
    QVERIFY(onlyB.join(u"ff02::fb"_s, u"m6b"_s));
    QVERIFY2(sender.sendNumbered("v6", 3), qPrintable(sender.errorString()));
    const QList<Datagram> b = onlyB.receiveAll();
    QVERIFY2(b.size() == 3, qPrintable(dump(b)));
    for (int i = 0; i < 3; ++i) {
        QCOMPARE(b.at(i).ifindex, ib);
        QCOMPARE(b.at(i).source, source);
        QCOMPARE(b.at(i).hops, hops);
        QCOMPARE(b.at(i).payload, QByteArray("v6\0\0\0", 5) + char(i));
    }

    // Joined on both ends: the wire copy arrives on m6b and, as IPV6_MULTICAST_LOOP is
    // on and m6a is now joined, a looped-back copy on m6a.
    Receiver both(AF_INET6, 5353);
    QVERIFY(both.join(u"ff02::fb"_s, u"m6b"_s));
    QVERIFY(both.join(u"ff02::fb"_s, u"m6a"_s));
    QVERIFY2(sender.sendNumbered("v6", 3), qPrintable(sender.errorString()));
    const QList<Datagram> got = both.receiveAll();
    int onA = 0, onB = 0;
    for (const Datagram &d : got) {
        QVERIFY2(d.source == source && d.hops == hops, qPrintable(dump(got)));
        onA += d.ifindex == ia;
        onB += d.ifindex == ib;
    }
    QVERIFY2(got.size() == 6 && onA == 3 && onB == 3, qPrintable(dump(got)));
    // Linux checks an IPv6 socket's memberships by group only, not by interface: the
    // socket joined on m6b alone now gets the m6a copies too. Only IPV6_PKTINFO tells
    // them apart (a capture joined on one link must check it).
    const QList<Datagram> b2 = onlyB.receiveAll(100);
    int b2OnA = 0;
    for (const Datagram &d : b2)
        b2OnA += d.ifindex == ia;
    QVERIFY2(b2.size() == 6 && b2OnA == 3, qPrintable(dump(b2)));
}

void TestNetNamespace::ipv4MulticastCrossesVeth()
{
    MDNSCOPE_REQUIRE_NETNS();
    QString error;
    QVERIFY2(NetNamespace::addVethPair(u"m4a"_s, u"m4b"_s, &error), qPrintable(error));
    auto cleanup = qScopeGuard([] {
        QString ignored;
        NetNamespace::deleteLink(u"m4a"_s, &ignored);
    });
    Receiver r(AF_INET, 5353);
    QVERIFY2(r.error().isEmpty(), qPrintable(r.error()));
    QVERIFY(r.join(u"224.0.0.251"_s, u"m4b"_s));
    MulticastSender::Options so;
    so.interfaceName = u"m4a"_s;
    so.sourceAddress = NetNamespace::ipv4Address(u"m4a"_s);
    so.ttl = 7;
    MulticastSender sender(so);
    QVERIFY2(sender.isOpen(), qPrintable(sender.errorString()));
    QVERIFY(!sender.isIpv6());
    QVERIFY(sender.send("v4"));
    const QList<Datagram> got = r.receiveAll();
    QCOMPARE(got.size(), 1);
    QCOMPARE(got.first().source, so.sourceAddress);
    QCOMPARE(got.first().ifindex, NetNamespace::linkIndex(u"m4b"_s));
    QCOMPARE(got.first().hops, 7);
}

// A test may make links after its capture started, from whatever thread it is on.
void TestNetNamespace::vethFromAnotherThread()
{
    MDNSCOPE_REQUIRE_NETNS();
    bool inside = false, made = false;
    QString error;
    std::thread([&] {
        inside = NetNamespace::callingThreadIsPrivate();
        made = NetNamespace::addVethPair(u"th6a"_s, u"th6b"_s, &error);
    }).join();
    QVERIFY(inside);
    QVERIFY2(made, qPrintable(error));
    QVERIFY(!NetNamespace::ipv6LinkLocal(u"th6b"_s).isEmpty()); // seen from this thread
    QVERIFY2(NetNamespace::deleteLink(u"th6a"_s, &error), qPrintable(error));
}

// A thread in another namespace (a second, throwaway private one: never the
// machine's) is refused by every function that creates links or sends.
void TestNetNamespace::refusesOutsidePrivateNamespace()
{
    MDNSCOPE_REQUIRE_NETNS();
    QVERIFY(NetNamespace::callingThreadIsPrivate());
    bool unshared = false, inside = true, made = true, deleted = true, opened = true;
    QString error, senderError;
    std::thread([&] {
        unshared = ::unshare(CLONE_NEWNET) == 0;
        if (!unshared)
            return;
        inside = NetNamespace::callingThreadIsPrivate();
        made = NetNamespace::addVethPair(u"no6a"_s, u"no6b"_s, &error);
        deleted = NetNamespace::deleteLink(u"lo"_s, &error);
        MulticastSender::Options so;
        so.group = u"ff02::fb"_s;
        so.interfaceName = u"lo"_s;
        MulticastSender sender(so);
        opened = sender.isOpen();
        senderError = sender.errorString();
    }).join();
    if (!unshared)
        QSKIP("a thread could not unshare(CLONE_NEWNET)");
    QVERIFY(!inside);
    QVERIFY(!made);
    QVERIFY(!deleted);
    QVERIFY2(error.contains(u"not in the private network namespace"_s), qPrintable(error));
    QVERIFY(!opened);
    QVERIFY2(senderError.contains(u"refusing"_s), qPrintable(senderError));
    QCOMPARE(NetNamespace::linkIndex(u"no6a"_s), 0); // nor here
}

void TestNetNamespace::senderRejectsBadIpv6Options()
{
    MDNSCOPE_REQUIRE_NETNS();
    MulticastSender::Options so;
    so.group = u"ff02::fb"_s;
    MulticastSender noInterface(so);
    QVERIFY(!noInterface.isOpen());
    QVERIFY2(noInterface.errorString().contains(u"interfaceName"_s),
             qPrintable(noInterface.errorString()));
    so.interfaceName = u"nosuch0"_s;
    QVERIFY(!MulticastSender(so).isOpen());
    so.interfaceName = u"lo"_s;
    so.group = u"fe80::1"_s; // not a group
    QVERIFY(!MulticastSender(so).isOpen());
}

MDNSCOPE_NETNS_TEST_GUILESS_MAIN(TestNetNamespace)
#include "tst_netnamespace.moc"

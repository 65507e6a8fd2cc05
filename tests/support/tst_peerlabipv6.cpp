// PeerLab with IPv6 on and AvahiPeer with useIpv6 work: a real avahi-daemon in a peer
// namespace announces over IPv6 (AAAA records for its fixed link-local address) and says
// goodbye, and a socket in the capture namespace receives it through the bridge, and
// through a link added after the lab was built.
#include "AvahiPeer.h"
#include "NetNamespace.h"
#include "PeerLab.h"

#include <QDeadlineTimer>
#include <QtTest>

#include <arpa/inet.h>
#include <netinet/in.h>
#include <poll.h>
#include <sys/socket.h>
#include <unistd.h>

using namespace Qt::StringLiterals;

namespace {
struct Received
{
    QByteArray payload;
    QString source;
    int ifindex = 0;
};

int ifindexIn(const QString &ns, const QString &iface)
{
    QByteArray out;
    QString ignored;
    if (!PeerLab::ip({u"-n"_s, ns, u"-o"_s, u"link"_s, u"show"_s, u"dev"_s, iface}, &ignored, &out))
        return 0;
    return out.left(out.indexOf(':')).toInt();
}

// An AAAA record (type 28, class IN with or without the cache-flush bit) for `address`
// with a zero (goodbye) or non-zero TTL, found in the raw datagram.
bool hasAaaa(const QByteArray &dns, const QString &address, bool goodbye)
{
    QByteArray rdata(16, 0);
    if (::inet_pton(AF_INET6, address.toLatin1().constData(), rdata.data()) != 1)
        return false;
    const QByteArray tail = QByteArray("\x00\x10", 2) + rdata; // rdlength 16, rdata
    // type (2 bytes), class (2), TTL (4), then the tail.
    for (qsizetype at = dns.indexOf(tail); at >= 8; at = dns.indexOf(tail, at + 1)) {
        const auto *p = reinterpret_cast<const uchar *>(dns.constData() + at - 8);
        const bool ttlZero = p[4] == 0 && p[5] == 0 && p[6] == 0 && p[7] == 0;
        if (p[0] == 0 && p[1] == 28 && (p[2] & 0x7f) == 0 && p[3] == 1 && ttlZero == goodbye)
            return true;
    }
    return false;
}

// Receives until `done` holds for some datagram or the time is up.
bool receiveUntil(int fd, int timeoutMs, const std::function<bool(const Received &)> &done,
                  QList<Received> *all)
{
    QDeadlineTimer deadline(timeoutMs);
    while (!deadline.hasExpired()) {
        pollfd p{fd, POLLIN, 0};
        if (::poll(&p, 1, int(qMax<qint64>(1, deadline.remainingTime()))) != 1)
            continue;
        char buf[9000];
        alignas(cmsghdr) char control[128];
        sockaddr_in6 from{};
        iovec iov{buf, sizeof buf};
        msghdr msg{};
        msg.msg_name = &from;
        msg.msg_namelen = sizeof from;
        msg.msg_iov = &iov;
        msg.msg_iovlen = 1;
        msg.msg_control = control;
        msg.msg_controllen = sizeof control;
        const ssize_t n = ::recvmsg(fd, &msg, 0);
        if (n < 0)
            return false;
        Received r;
        r.payload = QByteArray(buf, n);
        char text[INET6_ADDRSTRLEN] = {};
        ::inet_ntop(AF_INET6, &from.sin6_addr, text, sizeof text);
        r.source = QString::fromLatin1(text);
        for (cmsghdr *c = CMSG_FIRSTHDR(&msg); c; c = CMSG_NXTHDR(&msg, c)) {
            if (c->cmsg_level == IPPROTO_IPV6 && c->cmsg_type == IPV6_PKTINFO)
                r.ifindex = int(reinterpret_cast<in6_pktinfo *>(CMSG_DATA(c))->ipi6_ifindex);
        }
        all->append(r);
        if (done(r))
            return true;
    }
    return false;
}

QString sources(const QList<Received> &all)
{
    QStringList s;
    for (const Received &r : all)
        s.append(u"%1 if%2 %3B"_s.arg(r.source).arg(r.ifindex).arg(r.payload.size()));
    return s.join(u", "_s);
}
} // namespace

class TestPeerLabIpv6 final : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase();
    void avahiAnnouncesOverIpv6();
    void cleanupTestCase();
};

void TestPeerLabIpv6::initTestCase()
{
    PeerLab::removeStale();
    if (::geteuid() != 0 || PeerLab::ipCommand().isEmpty())
        QSKIP("needs root and iproute2 to build a PeerLab");
    if (AvahiPeer::executable().isEmpty())
        QSKIP("avahi-daemon is not installed");
}

void TestPeerLabIpv6::avahiAnnouncesOverIpv6()
{
    PeerLab lab;
    QString error;
    PeerLab::Options options;
    options.ipv6 = true;
    QVERIFY2(lab.create(2, options, &error), qPrintable(error));
    QVERIFY(lab.hasIpv6());
    const QString cap = lab.captureNamespace();

    int fd = PeerLab::udpSocketIn(cap, &error, AF_INET6);
    QVERIFY2(fd >= 0, qPrintable(error));
    auto closeFd = qScopeGuard([fd] { ::close(fd); });
    const int on = 1;
    sockaddr_in6 any{};
    any.sin6_family = AF_INET6;
    any.sin6_port = htons(5353);
    QVERIFY(::setsockopt(fd, IPPROTO_IPV6, IPV6_V6ONLY, &on, sizeof on) == 0);
    QVERIFY(::setsockopt(fd, IPPROTO_IPV6, IPV6_RECVPKTINFO, &on, sizeof on) == 0);
    QVERIFY(::bind(fd, reinterpret_cast<sockaddr *>(&any), sizeof any) == 0);
    auto join = [fd, &cap](const QString &iface) {
        ipv6_mreq m{};
        m.ipv6mr_interface = unsigned(ifindexIn(cap, iface));
        ::inet_pton(AF_INET6, "ff02::fb", &m.ipv6mr_multiaddr);
        return m.ipv6mr_interface != 0 &&
               ::setsockopt(fd, IPPROTO_IPV6, IPV6_JOIN_GROUP, &m, sizeof m) == 0;
    };
    QVERIFY(join(lab.captureInterface()));
    const int br0 = ifindexIn(cap, lab.captureInterface());

    // Peer 0 behind the bridge: announcements with its AAAA record, then goodbyes.
    AvahiPeer peer(lab.peerNamespace(0), PeerLab::peerInterface(), u"sixone"_s,
                   {{u"Six"_s, u"_http._tcp"_s, 80, {u"v=6"_s}}});
    peer.setUseIpv6(true);
    QVERIFY2(peer.start(&error), qPrintable(error));
    QVERIFY2(!peer.waitForStartup(10000).isEmpty(), qPrintable(peer.log()));
    const QString peer6 = PeerLab::peerAddress6(0);
    QList<Received> all;
    auto announced = [&](const Received &r) {
        return r.source == peer6 && r.ifindex == br0 && hasAaaa(r.payload, peer6, false);
    };
    QVERIFY2(receiveUntil(fd, 8000, announced, &all), qPrintable(sources(all)));
    QVERIFY(peer.terminate(5000));
    auto goodbye = [&](const Received &r) {
        return r.source == peer6 && hasAaaa(r.payload, peer6, true);
    };
    QVERIFY2(receiveUntil(fd, 5000, goodbye, &all), qPrintable(sources(all)));
    qInfo("bridge: %lld IPv6 datagrams, e.g. %s", qint64(all.size()),
          qPrintable(sources(all.mid(0, 3))));

    // A late peer on a link of its own (vl0), added while the socket is open.
    const int late = lab.addLatePeer(&error);
    QVERIFY2(late == 2, qPrintable(error));
    QCOMPARE(lab.captureInterfaceOf(late), u"vl0"_s);
    QCOMPARE(lab.captureInterfaceOf(0), lab.captureInterface());
    QVERIFY(join(u"vl0"_s));
    const int vl0 = ifindexIn(cap, u"vl0"_s);
    AvahiPeer latePeer(lab.peerNamespace(late), PeerLab::peerInterface(), u"sixlate"_s);
    latePeer.setUseIpv6(true);
    QVERIFY2(latePeer.start(&error), qPrintable(error));
    QVERIFY2(!latePeer.waitForStartup(10000).isEmpty(), qPrintable(latePeer.log()));
    const QString late6 = PeerLab::peerAddress6(late);
    all.clear();
    auto lateAnnounced = [&](const Received &r) {
        return r.source == late6 && r.ifindex == vl0 && hasAaaa(r.payload, late6, false);
    };
    QVERIFY2(receiveUntil(fd, 8000, lateAnnounced, &all), qPrintable(sources(all)));
    latePeer.terminate(5000);
}

void TestPeerLabIpv6::cleanupTestCase()
{
    QVERIFY2(PeerLab::existingOwnNamespaces().isEmpty(),
             qPrintable(PeerLab::existingOwnNamespaces().join(u' ')));
}

MDNSCOPE_NETNS_TEST_GUILESS_MAIN(TestPeerLabIpv6)
#include "tst_peerlabipv6.moc"

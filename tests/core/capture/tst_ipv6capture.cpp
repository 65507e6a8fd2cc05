// IPv6 live capture (issue #13) in the test's private network namespace, over veth pairs with
// link-local addresses: the UdpTransport receives every datagram to ff02::fb with its source,
// scope, hop limit and timestamp; IPv4 and IPv6 sockets keep their own traffic and counts; the
// pool's leases are all back after a stop; an interface without IPv6 is captured over IPv4 with
// a note; a veth pair created after Start is joined (and left again) on both families.
#include "BufferPool.h"
#include "CaptureSession.h"
#include "MulticastSender.h"
#include "NetNamespace.h"
#include "UdpTransport.h"

#include <QSignalSpy>
#include <QTest>

#include <algorithm>
#include <atomic>
#include <ctime>

using namespace Qt::StringLiterals;

namespace {
constexpr quint16 kPort = 5353;
constexpr int kTimeoutMs = 10'000; // generous: sanitizer builds are slow

qint64 nowNs()
{
    timespec ts{};
    ::clock_gettime(CLOCK_REALTIME, &ts);
    return qint64(ts.tv_sec) * 1'000'000'000 + ts.tv_nsec;
}

QByteArray payload(int number, qsizetype size = 80)
{
    QByteArray d(size, Qt::Uninitialized);
    for (qsizetype i = 0; i < size; ++i)
        d[i] = char((i * 5 + number * 11 + 3) & 0xFF);
    return d;
}

CaptureConfig config(const QString &interfaceName, bool ipv4, bool ipv6)
{
    CaptureConfig c;
    c.interfaceName = interfaceName;
    c.ipv4 = ipv4;
    c.ipv6 = ipv6;
    c.port = kPort;
    c.statsIntervalMs = 50;
    return c;
}

MulticastSender::Options senderOptions(const QString &group, const QString &out, int hops = 255)
{
    MulticastSender::Options o;
    o.group = group;
    o.interfaceName = out;
    o.ttl = hops;
    return o;
}

void receiveAll(UdpTransport &t, PacketBatch &batch, qsizetype count)
{
    const std::atomic_bool cancel{false};
    const QDeadlineTimer overall(3000);
    while (batch.size() < count && !overall.hasExpired()) {
        const ReceiveResult r = t.receive(batch, count - batch.size(), overall, cancel);
        QVERIFY2(r.status != ReceiveResult::Status::Failed, qPrintable(r.error.toString()));
    }
}

// Drains what is queued for `quietMs` more; returns how many arrived.
qsizetype drainMore(UdpTransport &t, PacketBatch &batch, int quietMs = 200)
{
    const std::atomic_bool cancel{false};
    const qsizetype before = batch.size();
    t.receive(batch, 1024, QDeadlineTimer(quietMs), cancel);
    return batch.size() - before;
}

qsizetype total(const QSignalSpy &packets)
{
    qsizetype n = 0;
    for (const QList<QVariant> &args : packets)
        n += args.at(0).value<PacketBatch>().size();
    return n;
}

QList<Packet> all(const QSignalSpy &packets)
{
    QList<Packet> list;
    for (const QList<QVariant> &args : packets)
        list += args.at(0).value<PacketBatch>();
    return list;
}
} // namespace

class tst_Ipv6Capture final : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase()
    {
        if (!NetNamespace::isPrivate())
            return; // each case skips with the reason
        QString error;
        QVERIFY2(NetNamespace::addVethPair(u"v6a"_s, u"v6b"_s, &error), qPrintable(error));
    }

    // Every datagram to ff02::fb arrives with every field the kernel knows.
    void receivesEveryDatagramWithItsMetadata()
    {
        MDNSCOPE_REQUIRE_NETNS();
        BufferPool pool;
        UdpTransport t(pool, IpFamily::V6);
        const std::optional<CaptureError> error = t.open(config(u"v6b"_s, false, true));
        QVERIFY2(!error, qPrintable(error ? error->toString() : QString()));
        QCOMPARE(t.joinedInterfaces(), QStringList{u"v6b"_s});

        MulticastSender sender(senderOptions(u"ff02::fb"_s, u"v6a"_s, 255));
        QVERIFY2(sender.isOpen(), qPrintable(sender.errorString()));
        constexpr int kCount = 100;
        const qint64 before = nowNs();
        for (int i = 0; i < kCount; ++i)
            QVERIFY2(sender.send(payload(i, 40 + i)), qPrintable(sender.errorString()));
        PacketBatch batch;
        receiveAll(t, batch, kCount);
        const qint64 after = nowNs();
        QCOMPARE(batch.size(), qsizetype(kCount));
        QCOMPARE(drainMore(t, batch), qsizetype(0)); // nothing twice

        const IpAddress source = IpAddress::fromString(NetNamespace::ipv6LinkLocal(u"v6a"_s));
        QVERIFY(source.isV6());
        const quint32 v6b = quint32(NetNamespace::linkIndex(u"v6b"_s));
        for (int i = 0; i < kCount; ++i) {
            const Packet &p = batch.at(i);
            QCOMPARE(p.data, payload(i, 40 + i)); // all, in order, exactly their bytes
            QCOMPARE(p.source, source);
            QCOMPARE(p.sourcePort, sender.localPort());
            QCOMPARE(p.destination, IpAddress::fromString(u"ff02::fb"_s));
            QCOMPARE(p.destinationPort, kPort);
            QCOMPARE(p.ttl, 255); // the hop limit
            QCOMPARE(p.interfaceIndex, v6b);
            QCOMPARE(p.interfaceName, u"v6b"_s);
            QCOMPARE(p.originalLength, quint32(40 + i));
            QVERIFY(!p.truncated);
            QVERIFY(p.timestampNs >= before - 1'000'000 && p.timestampNs <= after);
        }
        const TransportCounters c = t.counters();
        QCOMPARE(c.packets, quint64(kCount));
        QCOMPARE(c.truncated, quint64(0));
        t.close();
        QCOMPARE(pool.counters().inUse, quint64(0));
        QCOMPARE(pool.counters().acquires, pool.counters().releases);
    }

    void hopLimitIsTheSendersOwn()
    {
        MDNSCOPE_REQUIRE_NETNS();
        BufferPool pool;
        UdpTransport t(pool, IpFamily::V6);
        QVERIFY(!t.open(config(u"v6b"_s, false, true)));
        MulticastSender sender(senderOptions(u"ff02::fb"_s, u"v6a"_s, 1));
        QVERIFY2(sender.isOpen(), qPrintable(sender.errorString()));
        QVERIFY(sender.send(payload(1)));
        QVERIFY(sender.setTtl(64));
        QVERIFY(sender.send(payload(2)));
        PacketBatch batch;
        receiveAll(t, batch, 2);
        QCOMPARE(batch.size(), qsizetype(2));
        QCOMPARE(batch.at(0).ttl, 1);
        QCOMPARE(batch.at(1).ttl, 64);
    }

    // Longer than the 9000-byte buffer (reassembled by the kernel from IPv6 fragments):
    // flagged and counted, never cut silently.
    void oversizeDatagramIsFlagged()
    {
        MDNSCOPE_REQUIRE_NETNS();
        BufferPool pool;
        UdpTransport t(pool, IpFamily::V6);
        QVERIFY(!t.open(config(u"v6b"_s, false, true)));
        MulticastSender sender(senderOptions(u"ff02::fb"_s, u"v6a"_s));
        QVERIFY(sender.send(payload(7, 9100)));
        PacketBatch batch;
        receiveAll(t, batch, 1);
        QCOMPARE(batch.size(), qsizetype(1));
        QVERIFY(batch.at(0).truncated);
        QCOMPARE(batch.at(0).originalLength, quint32(9100));
        QCOMPARE(batch.at(0).data, payload(7, 9100).first(kReceiveBufferSize));
        QCOMPARE(t.counters().truncated, quint64(1));
        t.close();
        QCOMPARE(pool.counters().inUse, quint64(0));
    }

    // IPV6_V6ONLY and one socket per family: each gets its own family's traffic only.
    void familiesKeepTheirOwnTraffic()
    {
        MDNSCOPE_REQUIRE_NETNS();
        BufferPool pool;
        UdpTransport v4(pool, IpFamily::V4);
        UdpTransport v6(pool, IpFamily::V6);
        const CaptureConfig both = config(u"v6b"_s, true, true);
        QVERIFY(!v4.open(both));
        QVERIFY(!v6.open(both));
        MulticastSender s4(senderOptions(u"224.0.0.251"_s, u"v6a"_s));
        MulticastSender s6(senderOptions(u"ff02::fb"_s, u"v6a"_s));
        QVERIFY2(s4.isOpen(), qPrintable(s4.errorString()));
        QVERIFY2(s6.isOpen(), qPrintable(s6.errorString()));
        QVERIFY(s4.sendNumbered(payload(4), 5));
        QVERIFY(s6.sendNumbered(payload(6), 7));
        PacketBatch got4, got6;
        receiveAll(v4, got4, 5);
        receiveAll(v6, got6, 7);
        drainMore(v4, got4);
        drainMore(v6, got6);
        QCOMPARE(got4.size(), qsizetype(5));
        QCOMPARE(got6.size(), qsizetype(7));
        QVERIFY(std::all_of(got4.cbegin(), got4.cend(), [](const Packet &p) {
            return p.source.isV4() && p.destination == IpAddress::fromString(u"224.0.0.251"_s);
        }));
        QVERIFY(std::all_of(got6.cbegin(), got6.cend(),
                            [](const Packet &p) { return p.source.isV6(); }));
        QCOMPARE(v4.counters().packets, quint64(5));
        QCOMPARE(v6.counters().packets, quint64(7));
    }

    // Linux hands an IPv6 socket its group from every interface where anything joined it;
    // the transport keeps only the interfaces it joined (as IPv4 does in the kernel).
    void multicastFromOtherInterfacesIsLeftOut()
    {
        MDNSCOPE_REQUIRE_NETNS();
        BufferPool pool;
        UdpTransport onB(pool, IpFamily::V6), onA(pool, IpFamily::V6);
        QVERIFY(!onB.open(config(u"v6b"_s, false, true)));
        QVERIFY(!onA.open(config(u"v6a"_s, false, true))); // v6a is in the group now
        // Out of v6a with loop on: one copy loops back on v6a, one arrives on v6b.
        MulticastSender sender(senderOptions(u"ff02::fb"_s, u"v6a"_s));
        QVERIFY(sender.sendNumbered(payload(3), 9));
        PacketBatch gotB, gotA;
        receiveAll(onB, gotB, 9);
        receiveAll(onA, gotA, 9);
        drainMore(onB, gotB);
        drainMore(onA, gotA);
        QCOMPARE(gotB.size(), qsizetype(9));
        QCOMPARE(gotA.size(), qsizetype(9));
        QVERIFY(std::all_of(gotB.cbegin(), gotB.cend(),
                            [](const Packet &p) { return p.interfaceName == u"v6b"_s; }));
        QVERIFY(std::all_of(gotA.cbegin(), gotA.cend(),
                            [](const Packet &p) { return p.interfaceName == u"v6a"_s; }));
        QCOMPARE(onB.counters().packets, quint64(9));
        QCOMPARE(onB.counters().otherInterfaces, quint64(9)); // v6a's copies, left out
        QCOMPARE(onA.counters().otherInterfaces, quint64(9)); // and v6b's
        onA.close();
        onB.close();
        QCOMPARE(pool.counters().inUse, quint64(0));
    }

    void groupMustBeIpv6Multicast()
    {
        MDNSCOPE_REQUIRE_NETNS();
        BufferPool pool;
        UdpTransport t(pool, IpFamily::V6);
        CaptureConfig c = config(u"v6b"_s, false, true);
        for (const QString &group : {u"224.0.0.251"_s, u"fe80::1"_s, u"nonsense"_s}) {
            c.groupV6 = group;
            const std::optional<CaptureError> error = t.open(c);
            QVERIFY(error);
            QVERIFY2(error->details.contains(group) && error->details.contains(u"IPv6"_s),
                     qPrintable(error->details));
            QVERIFY(!t.isOpen());
        }
    }

    // The session captures both families on one pool and one batch stream, with counts kept
    // per family; every lease is back after the stop.
    void bothFamiliesInOneCapture()
    {
        MDNSCOPE_REQUIRE_NETNS();
        CaptureSession session;
        QSignalSpy started(&session, &CaptureSession::started);
        QSignalSpy packets(&session, &CaptureSession::packetsReceived);
        QSignalSpy stats(&session, &CaptureSession::statsUpdated);
        QSignalSpy stopped(&session, &CaptureSession::stopped);
        QSignalSpy errors(&session, &CaptureSession::errorOccurred);
        session.start(config(u"v6b"_s, true, true));
        QVERIFY(started.wait(kTimeoutMs));
        const auto membership = started.first().at(0).value<CaptureMembership>();
        QCOMPARE(membership.joined(IpFamily::V4), QStringList{u"v6b"_s});
        QCOMPARE(membership.joined(IpFamily::V6), QStringList{u"v6b"_s});
        QVERIFY(membership.notes.isEmpty());
        QCOMPARE(membership.familiesText(), u"IPv4 + IPv6"_s);

        MulticastSender s4(senderOptions(u"224.0.0.251"_s, u"v6a"_s));
        MulticastSender s6(senderOptions(u"ff02::fb"_s, u"v6a"_s));
        for (int i = 0; i < 40; ++i) { // interleaved: the two sockets each hold some
            if (i < 30)
                QVERIFY(s4.send(payload(i)));
            QVERIFY(s6.send(payload(100 + i)));
        }
        QTRY_COMPARE_WITH_TIMEOUT(total(packets), qsizetype(70), kTimeoutMs);
        session.stop();
        QVERIFY(stopped.wait(kTimeoutMs));
        QVERIFY(errors.isEmpty());

        const QList<Packet> list = all(packets);
        QCOMPARE(std::count_if(list.cbegin(), list.cend(),
                               [](const Packet &p) { return p.source.isV6(); }),
                 qsizetype(40));
        // Each batch in receive-time order, although two sockets filled it.
        for (const QList<QVariant> &args : std::as_const(packets)) {
            const PacketBatch batch = args.at(0).value<PacketBatch>();
            QVERIFY(std::is_sorted(batch.cbegin(), batch.cend(), [](const auto &a, const auto &b) {
                return a.timestampNs < b.timestampNs;
            }));
        }
        const CaptureStats last = stats.last().at(0).value<CaptureStats>();
        QCOMPARE(last.family(IpFamily::V4).packets, quint64(30));
        QCOMPARE(last.family(IpFamily::V6).packets, quint64(40));
        QCOMPARE(last.packets, quint64(70));
        QCOMPARE(last.pool.inUse, quint64(0));
        QCOMPARE(last.pool.acquires, last.pool.releases);
    }

    // IPv6 off on the interface: IPv4 is captured, and the membership says why IPv6 is not.
    void interfaceWithoutIpv6CapturesIpv4()
    {
        MDNSCOPE_REQUIRE_NETNS();
        QString error;
        QVERIFY2(NetNamespace::addVethPair(u"v4a"_s, u"v4b"_s, &error), qPrintable(error));
        // No IPv6 address is left on v4b: IPv6 is switched off there.
        QVERIFY2(QFile::exists(u"/proc/sys/net/ipv6/conf/v4b/disable_ipv6"_s), "no sysctl");
        {
            QFile off(u"/proc/sys/net/ipv6/conf/v4b/disable_ipv6"_s);
            QVERIFY(off.open(QIODevice::WriteOnly));
            QVERIFY(off.write("1\n") == 2);
        }
        QTRY_VERIFY_WITH_TIMEOUT(NetNamespace::ipv6LinkLocal(u"v4b"_s).isEmpty(), kTimeoutMs);

        CaptureSession session;
        QSignalSpy started(&session, &CaptureSession::started);
        QSignalSpy errors(&session, &CaptureSession::errorOccurred);
        QSignalSpy packets(&session, &CaptureSession::packetsReceived);
        session.start(config(u"v4b"_s, true, true));
        QVERIFY(started.wait(kTimeoutMs));
        QVERIFY(errors.isEmpty());
        const auto membership = started.first().at(0).value<CaptureMembership>();
        QCOMPARE(membership.joined(IpFamily::V4), QStringList{u"v4b"_s});
        QVERIFY(membership.joined(IpFamily::V6).isEmpty());
        QCOMPARE(membership.notes.size(), 1);
        QVERIFY2(membership.notes.first().contains(u"IPv6"_s) &&
                     membership.notes.first().contains(u"has no IPv6 address"_s),
                 qPrintable(membership.notes.first()));
        MulticastSender s4(senderOptions(u"224.0.0.251"_s, u"v4a"_s));
        QVERIFY(s4.sendNumbered(payload(1), 3));
        QTRY_COMPARE_WITH_TIMEOUT(total(packets), qsizetype(3), kTimeoutMs);

        // Asked for IPv6 alone, the same interface is an error.
        CaptureSession v6only;
        QSignalSpy v6errors(&v6only, &CaptureSession::errorOccurred);
        v6only.start(config(u"v4b"_s, false, true));
        QVERIFY(v6errors.wait(kTimeoutMs));
        QVERIFY(v6errors.first().at(0).value<CaptureError>().details.contains(u"no IPv6"_s));
        QVERIFY(NetNamespace::deleteLink(u"v4a"_s, &error));
    }

    // A capture on every interface joins a veth pair that appears after Start, on both
    // families, captures its traffic, and leaves it when it goes away.
    void interfaceCreatedAfterStartIsCaptured()
    {
        MDNSCOPE_REQUIRE_NETNS();
        CaptureSession session;
        QSignalSpy started(&session, &CaptureSession::started);
        QSignalSpy changes(&session, &CaptureSession::interfaceChanged);
        QSignalSpy packets(&session, &CaptureSession::packetsReceived);
        QSignalSpy stats(&session, &CaptureSession::statsUpdated);
        session.start(config(QString(), true, true));
        QVERIFY(started.wait(kTimeoutMs));
        const auto membership = started.first().at(0).value<CaptureMembership>();
        QVERIFY(!membership.joined(IpFamily::V6).contains(u"late1"_s));

        QString error;
        QVERIFY2(NetNamespace::addVethPair(u"late0"_s, u"late1"_s, &error), qPrintable(error));
        const auto joined = [&changes](const QString &name, IpFamily family) {
            return std::any_of(changes.cbegin(), changes.cend(), [&](const QList<QVariant> &a) {
                const auto c = a.at(0).value<InterfaceChange>();
                return c.joined && c.interfaceName == name && c.family == family;
            });
        };
        QTRY_VERIFY_WITH_TIMEOUT(joined(u"late1"_s, IpFamily::V4), kTimeoutMs);
        QTRY_VERIFY_WITH_TIMEOUT(joined(u"late1"_s, IpFamily::V6), kTimeoutMs);
        QTRY_VERIFY_WITH_TIMEOUT(joined(u"late0"_s, IpFamily::V6), kTimeoutMs);

        MulticastSender s4(senderOptions(u"224.0.0.251"_s, u"late0"_s));
        MulticastSender s6(senderOptions(u"ff02::fb"_s, u"late0"_s));
        QVERIFY(s4.sendNumbered(payload(4), 5));
        QVERIFY(s6.sendNumbered(payload(6), 6));
        const auto onLate1 = [&packets](bool v6) {
            const QList<Packet> list = all(packets);
            return std::count_if(list.cbegin(), list.cend(), [v6](const Packet &p) {
                return p.interfaceName == u"late1"_s && p.source.isV6() == v6;
            });
        };
        QTRY_COMPARE_WITH_TIMEOUT(onLate1(false), qsizetype(5), kTimeoutMs);
        QTRY_COMPARE_WITH_TIMEOUT(onLate1(true), qsizetype(6), kTimeoutMs);

        QVERIFY2(NetNamespace::deleteLink(u"late0"_s, &error), qPrintable(error));
        const auto left = [&changes](const QString &name, IpFamily family) {
            return std::any_of(changes.cbegin(), changes.cend(), [&](const QList<QVariant> &a) {
                const auto c = a.at(0).value<InterfaceChange>();
                return !c.joined && c.interfaceName == name && c.family == family;
            });
        };
        QTRY_VERIFY_WITH_TIMEOUT(left(u"late1"_s, IpFamily::V4), kTimeoutMs);
        QTRY_VERIFY_WITH_TIMEOUT(left(u"late1"_s, IpFamily::V6), kTimeoutMs);
        QCOMPARE(changes.first().at(0).value<InterfaceChange>().toString().left(7), u"joined "_s);
        QTRY_VERIFY_WITH_TIMEOUT(stats.last().at(0).value<CaptureStats>().interfaceLeaves >= 3,
                                 kTimeoutMs);
        const CaptureStats last = stats.last().at(0).value<CaptureStats>();
        QVERIFY(last.interfaceJoins >= 3); // late0 and late1 on IPv6, late1 on IPv4 at least
        session.stop();
    }
};

MDNSCOPE_NETNS_TEST_GUILESS_MAIN(tst_Ipv6Capture)
#include "tst_ipv6capture.moc"

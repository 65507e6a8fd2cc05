#include "AllocationCounter.h"
#include "BufferPool.h"
#include "MulticastSender.h"
#include "NetNamespace.h"
#include "UdpTransport.h"

#include <QCoreApplication>
#include <QElapsedTimer>
#include <QTest>

#include <atomic>
#include <ctime>
#include <thread>

#include <net/if.h>
#include <unistd.h>

using namespace Qt::StringLiterals;

// UdpTransport inside the test's private network namespace: a MulticastSender sends crafted
// datagrams to the group over lo and every field of every received Packet is checked.
class tst_UdpTransport final : public QObject
{
    Q_OBJECT

private:
    static constexpr quint16 kPort = 5353;

    static qint64 nowNs()
    {
        timespec ts{};
        ::clock_gettime(CLOCK_REALTIME, &ts);
        return qint64(ts.tv_sec) * 1'000'000'000 + ts.tv_nsec;
    }

    static CaptureConfig loConfig(bool pooling = true)
    {
        CaptureConfig c;
        c.interfaceName = u"lo"_s;
        c.port = kPort;
        c.pooling = pooling;
        return c;
    }

    // A recognisable payload: every byte depends on its position and the datagram number.
    static QByteArray payload(qsizetype size, int number)
    {
        QByteArray d(size, Qt::Uninitialized);
        for (qsizetype i = 0; i < size; ++i)
            d[i] = char((i * 7 + number * 13 + 1) & 0xFF);
        return d;
    }

    // Receives until `count` packets are in `batch` or 3 s pass.
    static void receiveAll(UdpTransport &t, PacketBatch &batch, qsizetype count)
    {
        const std::atomic_bool cancel{false};
        const QDeadlineTimer overall(3000);
        while (batch.size() < count && !overall.hasExpired()) {
            const ReceiveResult r = t.receive(batch, count - batch.size(), overall, cancel);
            if (r.status == ReceiveResult::Status::Failed)
                QFAIL(qPrintable(r.error.toString()));
        }
    }

private Q_SLOTS:
    void multicastInterfacesIncludesLo()
    {
        MDNSCOPE_REQUIRE_NETNS();
        const QList<MulticastInterface> list = MulticastInterfaces::list(IpFamily::V4);
        const auto lo = std::find_if(list.cbegin(), list.cend(),
                                     [](const MulticastInterface &i) { return i.name == u"lo"_s; });
        QVERIFY(lo != list.cend());
        QCOMPARE(lo->index, ::if_nametoindex("lo"));
    }

    void openReportsJoinedInterfaces_data()
    {
        QTest::addColumn<QString>("interfaceName");
        QTest::newRow("named lo") << u"lo"_s;
        QTest::newRow("every multicast interface") << QString();
    }

    void openReportsJoinedInterfaces()
    {
        MDNSCOPE_REQUIRE_NETNS();
        QFETCH(QString, interfaceName);
        BufferPool pool;
        UdpTransport t(pool, IpFamily::V4);
        CaptureConfig c = loConfig();
        c.interfaceName = interfaceName;
        const std::optional<CaptureError> e = t.open(c);
        QVERIFY2(!e, e ? qPrintable(e->toString()) : "");
        QVERIFY(t.isOpen());
        QVERIFY(t.joinedInterfaces().contains(u"lo"_s));
        if (!interfaceName.isEmpty())
            QCOMPARE(t.joinedInterfaces(), QStringList{u"lo"_s});
        t.close();
        QVERIFY(!t.isOpen());
    }

    void receivesCraftedDatagrams_data()
    {
        QTest::addColumn<bool>("pooling");
        QTest::addColumn<int>("ttl");
        QTest::addColumn<QString>("source");
        QTest::addColumn<int>("size");
        QTest::addColumn<int>("count");
        for (const bool pooling : {true, false}) {
            const char *mode = pooling ? "pooled" : "no-pool";
            QTest::addRow("%s, ttl 255, default source, 100 B x 50", mode)
                << pooling << 255 << QString() << 100 << 50;
            QTest::addRow("%s, ttl 1, 169.254.0.1, 12 B x 20", mode)
                << pooling << 1 << u"169.254.0.1"_s << 12 << 20;
            QTest::addRow("%s, ttl 255, 127.0.0.1, 1472 B x 20", mode)
                << pooling << 255 << u"127.0.0.1"_s << 1472 << 20;
            QTest::addRow("%s, ttl 255, 9000 B (exactly fits) x 10", mode)
                << pooling << 255 << QString() << 9000 << 10;
            QTest::addRow("%s, empty datagram x 3", mode) << pooling << 255 << QString() << 0 << 3;
        }
    }

    void receivesCraftedDatagrams()
    {
        MDNSCOPE_REQUIRE_NETNS();
        QFETCH(bool, pooling);
        QFETCH(int, ttl);
        QFETCH(QString, source);
        QFETCH(int, size);
        QFETCH(int, count);

        BufferPool pool;
        UdpTransport t(pool, IpFamily::V4);
        const std::optional<CaptureError> e = t.open(loConfig(pooling));
        QVERIFY2(!e, e ? qPrintable(e->toString()) : "");

        MulticastSender::Options so;
        so.ttl = ttl;
        so.sourceAddress = source;
        MulticastSender sender(so);
        QVERIFY2(sender.isOpen(), qPrintable(sender.errorString()));

        const qint64 before = nowNs();
        for (int i = 0; i < count; ++i)
            QVERIFY2(sender.send(payload(size, i)), qPrintable(sender.errorString()));
        PacketBatch batch;
        receiveAll(t, batch, count);
        const qint64 after = nowNs();
        QCOMPARE(batch.size(), qsizetype(count));

        const quint32 loIndex = ::if_nametoindex("lo");
        const IpAddress expectedSource =
            source.isEmpty() ? IpAddress() : IpAddress::fromString(source);
        for (int i = 0; i < count; ++i) {
            const Packet &p = batch.at(i);
            QCOMPARE(p.data, payload(size, i)); // right bytes, right length, right order
            QCOMPARE(p.originalLength, quint32(size));
            QVERIFY(!p.truncated);
            QVERIFY(p.source.isV4());
            if (!source.isEmpty())
                QCOMPARE(p.source, expectedSource);
            QCOMPARE(p.sourcePort, sender.localPort());
            QCOMPARE(p.destination, IpAddress::fromString(u"224.0.0.251"_s));
            QCOMPARE(p.destinationPort, kPort);
            QCOMPARE(p.ttl, ttl);
            QCOMPARE(p.interfaceIndex, loIndex);
            QCOMPARE(p.interfaceName, u"lo"_s);
            QVERIFY(p.timestampNs >= before - 1'000'000 && p.timestampNs <= after + 1'000'000);
        }
        const TransportCounters tc = t.counters();
        QCOMPARE(tc.packets, quint64(count));
        QCOMPARE(tc.bytes, quint64(count) * quint64(size));
        QCOMPARE(tc.truncated, 0u);
        QCOMPARE(tc.kernelDrops, 0u);

        const BufferPoolCounters pc = pool.counters();
        QCOMPARE(pc.inUse, 0u); // every lease went back
        QCOMPARE(pc.acquires, pc.releases);
        if (pooling)
            QVERIFY(pc.acquires >= quint64(count));
        else
            QCOMPARE(pc.acquires, 0u); // no-pool mode never touches the pool
    }

    void oversizeIsFlaggedAndCounted_data()
    {
        QTest::addColumn<bool>("pooling");
        QTest::addColumn<int>("size");
        for (const bool pooling : {true, false}) {
            const char *mode = pooling ? "pooled" : "no-pool";
            QTest::addRow("%s, 9001 B", mode) << pooling << 9001;
            QTest::addRow("%s, 20000 B", mode) << pooling << 20000;
            QTest::addRow("%s, 65507 B (largest UDP over IPv4)", mode) << pooling << 65507;
        }
    }

    void oversizeIsFlaggedAndCounted()
    {
        MDNSCOPE_REQUIRE_NETNS();
        QFETCH(bool, pooling);
        QFETCH(int, size);
        BufferPool pool;
        UdpTransport t(pool, IpFamily::V4);
        QVERIFY(!t.open(loConfig(pooling)));
        MulticastSender sender;
        QVERIFY2(sender.isOpen(), qPrintable(sender.errorString()));
        const QByteArray big = payload(size, 3);
        QVERIFY2(sender.send(big), qPrintable(sender.errorString()));
        QVERIFY(sender.send(payload(40, 4))); // a normal one right after

        PacketBatch batch;
        receiveAll(t, batch, 2);
        QCOMPARE(batch.size(), 2);
        const Packet &p = batch.at(0);
        QVERIFY(p.truncated);
        QCOMPARE(p.originalLength, quint32(size));
        QCOMPARE(p.data.size(), kReceiveBufferSize);
        QCOMPARE(p.data, big.left(kReceiveBufferSize));
        const Packet &q = batch.at(1);
        QVERIFY(!q.truncated);
        QCOMPARE(q.data, payload(40, 4));

        QCOMPARE(t.counters().truncated, 1u);
        QCOMPARE(t.counters().packets, 2u);
        QCOMPARE(t.counters().bytes, quint64(size + 40));
        QCOMPARE(pool.counters().inUse, 0u);
    }

    void deadlineWithoutTraffic_data()
    {
        QTest::addColumn<int>("deadlineMs");
        QTest::newRow("already expired: non-blocking") << 0;
        QTest::newRow("30 ms") << 30;
        QTest::newRow("150 ms") << 150;
    }

    void deadlineWithoutTraffic()
    {
        MDNSCOPE_REQUIRE_NETNS();
        QFETCH(int, deadlineMs);
        BufferPool pool;
        UdpTransport t(pool, IpFamily::V4);
        QVERIFY(!t.open(loConfig()));
        const std::atomic_bool cancel{false};
        PacketBatch batch;
        QElapsedTimer clock;
        clock.start();
        const ReceiveResult r = t.receive(batch, 16, QDeadlineTimer(deadlineMs), cancel);
        const qint64 took = clock.elapsed();
        QCOMPARE(r.status, ReceiveResult::Status::TimedOut);
        QCOMPARE(r.packets, 0);
        QVERIFY(batch.isEmpty());
        QVERIFY2(took >= deadlineMs - 1, qPrintable(QString::number(took)));
        QVERIFY2(took < deadlineMs + 1000, qPrintable(QString::number(took))); // loose
        QCOMPARE(pool.counters().inUse, 0u);
    }

    void cancellation()
    {
        MDNSCOPE_REQUIRE_NETNS();
        BufferPool pool;
        UdpTransport t(pool, IpFamily::V4);
        QVERIFY(!t.open(loConfig()));
        std::atomic_bool cancel{true};
        PacketBatch batch;
        // Already cancelled: returns at once even with a datagram waiting.
        MulticastSender sender;
        QVERIFY(sender.send(payload(10, 0)));
        ReceiveResult r = t.receive(batch, 16, QDeadlineTimer::Forever, cancel);
        QCOMPARE(r.status, ReceiveResult::Status::Cancelled);
        QVERIFY(batch.isEmpty());

        // Cancelled from another thread while waiting forever.
        r = t.receive(batch, 16, QDeadlineTimer(0), std::atomic_bool{false});
        QCOMPARE(r.status, ReceiveResult::Status::Received); // drain the one above
        batch.clear();
        cancel = false;
        std::thread canceller([&cancel] {
            std::this_thread::sleep_for(std::chrono::milliseconds(60));
            cancel = true;
        });
        QElapsedTimer clock;
        clock.start();
        r = t.receive(batch, 16, QDeadlineTimer::Forever, cancel);
        canceller.join();
        QCOMPARE(r.status, ReceiveResult::Status::Cancelled);
        QVERIFY(batch.isEmpty());
        QVERIFY2(clock.elapsed() < 2000, qPrintable(QString::number(clock.elapsed())));
        QCOMPARE(pool.counters().inUse, 0u);
    }

    void openErrors_data()
    {
        QTest::addColumn<QString>("interfaceName");
        QTest::addColumn<QString>("group");
        QTest::addColumn<QString>("mentions");
        QTest::newRow("interface does not exist")
            << u"nosuch0"_s << u"224.0.0.251"_s << u"nosuch0"_s;
        QTest::newRow("interface name too long")
            << u"averyveryverylongname0"_s << u"224.0.0.251"_s << u"averyveryverylongname0"_s;
        QTest::newRow("unicast group") << u"lo"_s << u"10.0.0.1"_s << u"10.0.0.1"_s;
        QTest::newRow("group not an address") << u"lo"_s << u"mdns"_s << u"mdns"_s;
        QTest::newRow("IPv6 group") << u"lo"_s << u"ff02::fb"_s << u"ff02::fb"_s;
    }

    void openErrors()
    {
        MDNSCOPE_REQUIRE_NETNS();
        QFETCH(QString, interfaceName);
        QFETCH(QString, group);
        QFETCH(QString, mentions);
        BufferPool pool;
        UdpTransport t(pool, IpFamily::V4);
        CaptureConfig c = loConfig();
        c.interfaceName = interfaceName;
        c.groupV4 = group;
        const std::optional<CaptureError> e = t.open(c);
        QVERIFY(e.has_value());
        QVERIFY(!e->operation.isEmpty());
        QVERIFY2(e->toString().contains(mentions), qPrintable(e->toString()));
        QVERIFY(!t.isOpen());
        QVERIFY(t.joinedInterfaces().isEmpty());

        // Receiving on a transport that failed to open is an error value, not a crash.
        PacketBatch batch;
        const ReceiveResult r = t.receive(batch, 8, QDeadlineTimer(0), std::atomic_bool{false});
        QCOMPARE(r.status, ReceiveResult::Status::Failed);
        QCOMPARE(r.error.systemError, EBADF);
        QCOMPARE(pool.counters().inUse, 0u);
    }

    // recvmmsg fails after the leases were taken: they must all come back.
    void receiveErrorReturnsLeases_data()
    {
        QTest::addColumn<bool>("pooling");
        QTest::newRow("pooled") << true;
        QTest::newRow("no-pool") << false;
    }

    void receiveErrorReturnsLeases()
    {
        MDNSCOPE_REQUIRE_NETNS();
        QFETCH(bool, pooling);
        BufferPool pool;
        UdpTransport t(pool, IpFamily::V4);
        QVERIFY(!t.open(loConfig(pooling)));
        // Swap a readable pipe in under the socket's descriptor: poll() says readable,
        // recvmmsg() then fails with ENOTSOCK.
        int fds[2];
        QCOMPARE(::pipe(fds), 0);
        QCOMPARE(::write(fds[1], "x", 1), ssize_t(1));
        QVERIFY(::dup2(fds[0], t.socketDescriptor()) >= 0);
        PacketBatch batch;
        const ReceiveResult r = t.receive(batch, 8, QDeadlineTimer(1000), std::atomic_bool{false});
        ::close(fds[0]);
        ::close(fds[1]);
        QCOMPARE(r.status, ReceiveResult::Status::Failed);
        QCOMPARE(r.error.systemError, ENOTSOCK);
        QVERIFY(!r.error.toString().isEmpty());
        QVERIFY(batch.isEmpty());
        const BufferPoolCounters pc = pool.counters();
        QCOMPARE(pc.inUse, 0u);
        QCOMPARE(pc.acquires, pc.releases);
        if (pooling)
            QVERIFY(pc.acquires >= 1); // a lease was really out during the failing call
    }

    void setPoolingBetweenReceives()
    {
        MDNSCOPE_REQUIRE_NETNS();
        BufferPool pool;
        UdpTransport t(pool, IpFamily::V4);
        QVERIFY(!t.open(loConfig(true)));
        MulticastSender sender;
        PacketBatch batch;
        QVERIFY(sender.send(payload(50, 0)));
        receiveAll(t, batch, 1);
        const quint64 acquiresPooled = pool.counters().acquires;
        QVERIFY(acquiresPooled >= 1);
        t.setPooling(false);
        QVERIFY(!t.pooling());
        QVERIFY(sender.send(payload(50, 1)));
        receiveAll(t, batch, 2);
        QCOMPARE(pool.counters().acquires, acquiresPooled); // the pool was not used
        t.setPooling(true);
        QVERIFY(sender.send(payload(50, 2)));
        receiveAll(t, batch, 3);
        QVERIFY(pool.counters().acquires > acquiresPooled);
        QCOMPARE(batch.size(), 3);
        for (int i = 0; i < 3; ++i)
            QCOMPARE(batch.at(i).data, payload(50, i));
    }

    // Steady state: the pooled path allocates exactly one block per packet (the copy) and no
    // buffer-sized block; the no-pool path adds one 9000-byte buffer per packet.
    void allocationsPerPacket_data()
    {
        QTest::addColumn<bool>("pooling");
        QTest::newRow("pooled") << true;
        QTest::newRow("no-pool") << false;
    }

    void allocationsPerPacket()
    {
        MDNSCOPE_REQUIRE_NETNS();
        if (!AllocationCounter::countsOperatorNew() || !AllocationCounter::countsMalloc())
            QSKIP("allocation counting is not active (sanitizer or valgrind build)");
        QFETCH(bool, pooling);
        constexpr int kPackets = 200;
        constexpr int kSize = 120;
        BufferPool pool;
        UdpTransport t(pool, IpFamily::V4);
        QVERIFY(!t.open(loConfig(pooling)));
        MulticastSender sender;
        QVERIFY(sender.isOpen());

        // Warm up with a burst as large as the measured one: the pool grows to the largest
        // recvmmsg batch, the batch list gets its capacity.
        PacketBatch batch;
        batch.reserve(kPackets);
        QVERIFY(sender.sendNumbered(payload(kSize - 4, 0), kPackets));
        receiveAll(t, batch, kPackets);
        QCOMPARE(batch.size(), kPackets);
        batch.clear(); // keeps the capacity
        QVERIFY(batch.capacity() >= kPackets);

        QVERIFY(sender.sendNumbered(payload(kSize - 4, 1), kPackets));
        const quint64 largeBefore = AllocationCounter::largeAllocations();
        const AllocationCounts before = AllocationCounter::thisThread();
        const std::atomic_bool cancel{false};
        const QDeadlineTimer overall(3000);
        while (batch.size() < kPackets && !overall.hasExpired())
            t.receive(batch, kPackets - batch.size(), overall, cancel);
        const AllocationCounts used =
            AllocationCounter::delta(before, AllocationCounter::thisThread());
        const quint64 large = AllocationCounter::largeAllocations() - largeBefore;
        QCOMPARE(batch.size(), kPackets);
        QCOMPARE(t.counters().kernelDrops, 0u);

        const QByteArray info = "allocations " + QByteArray::number(used.allocations) + ", bytes " +
                                QByteArray::number(used.bytesAllocated) + ", large " +
                                QByteArray::number(large);
        if (pooling) {
            // The copies handed on share slabs (PacketSlabWriter) that hold many of them: at
            // most one allocation per 20 packets, every one a slab (which, at up to
            // kMaxSlabBytes, may count as large here: the threshold is 4096 bytes), and far
            // less than a 9000-byte buffer per packet.
            QVERIFY2(used.allocations >= 1, info.constData()); // the copies are visible
            QVERIFY2(used.allocations <= quint64(kPackets) / 20, info.constData());
            QVERIFY2(large <= used.allocations, info.constData());
            QVERIFY2(used.bytesAllocated <= quint64(kPackets) * (kSize + 32), info.constData());
            QVERIFY2(used.bytesAllocated < quint64(kPackets) * 512, info.constData());
            QCOMPARE(pool.counters().misses, pool.counters().peakInUse); // no growth after warm-up
        } else {
            QVERIFY2(used.allocations == 2u * kPackets, info.constData());
            QVERIFY2(large == quint64(kPackets), info.constData());
            QVERIFY2(used.bytesAllocated >= quint64(kPackets) * quint64(kReceiveBufferSize),
                     info.constData());
        }
        qInfo("%s: %s per %d packets", pooling ? "pooled" : "no-pool", info.constData(), kPackets);

        // Live pattern: one datagram per wake-up. No call may lease or allocate a buffer for
        // a datagram that is not there.
        constexpr int kTrickle = 20;
        batch.clear();
        const QByteArray datagram = payload(kSize, 7); // built before measuring
        const quint64 largeBefore2 = AllocationCounter::largeAllocations();
        const AllocationCounts before2 = AllocationCounter::thisThread();
        int sent = 0;
        for (int i = 0; i < kTrickle; ++i) {
            sent += sender.send(datagram) ? 1 : 0;
            t.receive(batch, kPackets, QDeadlineTimer(2000), cancel);
        }
        const AllocationCounts used2 =
            AllocationCounter::delta(before2, AllocationCounter::thisThread());
        const quint64 large2 = AllocationCounter::largeAllocations() - largeBefore2;
        QCOMPARE(sent, kTrickle);
        QCOMPARE(batch.size(), kTrickle);
        if (pooling) {
            // 20 small datagrams: the slabs open from the burst or one new slab hold them all.
            QVERIFY2(used2.allocations <= 1, QByteArray::number(used2.allocations).constData());
            QVERIFY(large2 <= used2.allocations);
        } else {
            QCOMPARE(used2.allocations, quint64(kTrickle) * 2);
            QCOMPARE(large2, quint64(kTrickle));
        }
    }
};

MDNSCOPE_NETNS_TEST_GUILESS_MAIN(tst_UdpTransport)
#include "tst_udptransport.moc"

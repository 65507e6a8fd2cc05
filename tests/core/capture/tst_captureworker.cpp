#include "AllocationCounter.h"
#include "AllocationProbe.h"
#include "CaptureSession.h"
#include "MulticastSender.h"
#include "NetNamespace.h"
#include "PacketSlab.h"

#include <algorithm>

#include <QCoreApplication>
#include <QDir>
#include <QElapsedTimer>
#include <QFile>
#include <QSignalSpy>
#include <QTest>

#include <atomic>
#include <memory>
#include <thread>

using namespace Qt::StringLiterals;

// CaptureWorker driven through CaptureSession, in the test's private network namespace:
// batches, statistics, live pooling switch, stop with and without traffic, errors, restart,
// RAII teardown.
class tst_CaptureWorker final : public QObject
{
    Q_OBJECT

private:
    static CaptureConfig loConfig()
    {
        CaptureConfig c;
        c.interfaceName = u"lo"_s;
        c.ipv6 = false; // IPv4 over lo here; tst_ipv6capture has both families on veth pairs
        c.statsIntervalMs = 50;
        return c;
    }

    static QByteArray payload(int number, int size = 60)
    {
        QByteArray d(size, char(number & 0xFF));
        d[0] = char(number >> 8);
        d[1] = char(number);
        return d;
    }

    static qsizetype totalPackets(const QSignalSpy &spy)
    {
        qsizetype n = 0;
        for (const QList<QVariant> &args : spy)
            n += args.at(0).value<PacketBatch>().size();
        return n;
    }

    // UDP sockets bound to port 5353 in this network namespace.
    static int socketsOn5353()
    {
        QFile udp(u"/proc/self/net/udp"_s);
        if (!udp.open(QIODevice::ReadOnly))
            return -1;
        int n = 0;
        const QList<QByteArray> lines = udp.readAll().split('\n');
        for (const QByteArray &line : lines) {
            const QList<QByteArray> fields = line.simplified().split(' ');
            if (fields.size() > 1 && fields.at(1).endsWith(":14E9"))
                ++n;
        }
        return n;
    }

    static CaptureStats lastStats(const QSignalSpy &spy)
    {
        return spy.isEmpty() ? CaptureStats{} : spy.last().at(0).value<CaptureStats>();
    }

    // Starts `session` and waits for started(); the spies must exist before.
    static bool startAndWait(CaptureSession &session, QSignalSpy &startedSpy,
                             const CaptureConfig &config = loConfig())
    {
        session.start(config);
        return startedSpy.wait(10000) ||
               !startedSpy.isEmpty(); // generous: sanitizer builds are slow
    }

private Q_SLOTS:
    void startReceiveStop()
    {
        MDNSCOPE_REQUIRE_NETNS();
        CaptureSession session;
        QSignalSpy started(&session, &CaptureSession::started);
        QSignalSpy packets(&session, &CaptureSession::packetsReceived);
        QSignalSpy stopped(&session, &CaptureSession::stopped);
        QSignalSpy errors(&session, &CaptureSession::errorOccurred);
        QVERIFY(!session.isRunning());
        QVERIFY(startAndWait(session, started));
        QVERIFY(session.isRunning());
        QCOMPARE(started.first().at(0).value<CaptureMembership>().joined(IpFamily::V4),
                 QStringList{u"lo"_s});

        MulticastSender sender;
        QVERIFY2(sender.isOpen(), qPrintable(sender.errorString()));
        constexpr int kCount = 300;
        for (int i = 0; i < kCount; ++i)
            QVERIFY(sender.send(payload(i)));
        QTRY_COMPARE_WITH_TIMEOUT(totalPackets(packets), qsizetype(kCount), 3000);

        int index = 0;
        for (const QList<QVariant> &args : std::as_const(packets)) {
            const PacketBatch batch = args.at(0).value<PacketBatch>();
            QVERIFY(!batch.isEmpty()); // never an empty batch
            for (const Packet &p : batch) {
                QCOMPARE(p.data, payload(index++)); // all of them, in order
                QCOMPARE(p.interfaceName, u"lo"_s);
            }
        }
        session.stop();
        QTRY_COMPARE_WITH_TIMEOUT(stopped.size(), 1, 2000);
        QVERIFY(!session.isRunning());
        QVERIFY(errors.isEmpty());
        QCOMPARE(totalPackets(packets), qsizetype(kCount)); // nothing after stop
    }

    void pooledCaptureAllocatesAlmostNothingPerPacket()
    {
        // The capture thread's whole cost per packet, pooled, 300-byte datagrams: the slabs
        // the datagrams are copied into (many per slab) and what each batch costs; the batch
        // lists are filled again, never allocated per batch.
        MDNSCOPE_REQUIRE_NETNS();
        if (!AllocationProbe::available() || !AllocationCounter::countsMalloc())
            QSKIP("malloc is not counted in this build (sanitizer)");
        CaptureSession session;
        QSignalSpy started(&session, &CaptureSession::started);
        QSignalSpy stats(&session, &CaptureSession::statsUpdated);
        qsizetype received = 0;
        QByteArray firstSeen;
        connect(&session, &CaptureSession::packetsReceived, this, [&](const PacketBatch &b) {
            if (firstSeen.isEmpty() && !b.isEmpty())
                firstSeen = QByteArray(b.constFirst().data.constData(), b.constFirst().data.size());
            received += b.size(); // keeps nothing: the list goes back to the worker
        });
        // Statistics every 200 ms: what each snapshot costs stays out of the packets' figure.
        CaptureConfig config = loConfig();
        config.statsIntervalMs = 200;
        QVERIFY(startAndWait(session, started, config));
        MulticastSender sender;
        QVERIFY2(sender.isOpen(), qPrintable(sender.errorString()));
        constexpr int kWarmup = 2000, kMeasured = 6000, kSize = 300;
        const auto sendBursts = [&](int first, int count) {
            for (int i = first; i < first + count; ++i) {
                if (!sender.send(payload(i, kSize)))
                    return false;
                if (i % 200 == 199)
                    QTest::qWait(2); // the receive buffer never fills
            }
            return true;
        };
        // The stats snapshot taken once `count` packets were received and handed on.
        const auto statsAt = [&](quint64 count) {
            stats.clear();
            const bool ok = QTest::qWaitFor(
                [&] { return !stats.isEmpty() && lastStats(stats).packets >= count; }, 5000);
            return ok ? lastStats(stats) : CaptureStats{};
        };
        QVERIFY(sendBursts(0, kWarmup));
        QTRY_COMPARE_WITH_TIMEOUT(received, qsizetype(kWarmup), 5000);
        QCOMPARE(firstSeen, payload(0, kSize));
        const CaptureStats warm = statsAt(kWarmup);
        QCOMPARE(warm.packets, quint64(kWarmup));
        QVERIFY(sendBursts(kWarmup, kMeasured));
        QTRY_COMPARE_WITH_TIMEOUT(received, qsizetype(kWarmup + kMeasured), 5000);
        const CaptureStats end = statsAt(kWarmup + kMeasured);
        QCOMPARE(end.packets, quint64(kWarmup + kMeasured));
        QCOMPARE(end.kernelDrops, 0u);
        const AllocationCounts used =
            AllocationCounter::delta(warm.captureThread, end.captureThread);
        const double allocations = double(used.allocations) / kMeasured;
        const double bytes = double(used.bytesAllocated) / kMeasured;
        qInfo("capture thread, pooled, %d-byte datagrams: %.4f allocations and %.1f bytes per "
              "packet",
              kSize, allocations, bytes);
        QVERIFY2(allocations <= 0.05, qPrintable(QString::number(allocations)));
        QVERIFY2(bytes <= kSize + 32, qPrintable(QString::number(bytes)));
        session.stop();
    }

    void slabGoesWithItsLastPacket()
    {
        // A receiver keeps one packet of a batch and lets go of the rest: once the worker has
        // emptied the batch's list (at its next statistics interval at the latest), that
        // packet alone holds its slab, and the slab goes with it.
        MDNSCOPE_REQUIRE_NETNS();
        CaptureSession session;
        QSignalSpy started(&session, &CaptureSession::started);
        QList<Packet> kept;
        qsizetype received = 0;
        connect(&session, &CaptureSession::packetsReceived, this, [&](const PacketBatch &b) {
            received += b.size();
            if (!b.isEmpty())
                kept.append(b.constLast());
        });
        QVERIFY(startAndWait(session, started));
        MulticastSender sender;
        QVERIFY2(sender.isOpen(), qPrintable(sender.errorString()));
        for (int i = 0; i < 20; ++i)
            QVERIFY(sender.send(payload(i, 200)));
        QTRY_COMPARE_WITH_TIMEOUT(received, qsizetype(20), 3000);
        QVERIFY(!kept.isEmpty());
        QCOMPARE(kept.constLast().data, payload(19, 200));
        // More traffic meanwhile: it goes into new slabs, the kept packets do not change.
        for (int i = 20; i < 60; ++i)
            QVERIFY(sender.send(payload(i, 200)));
        QTRY_COMPARE_WITH_TIMEOUT(received, qsizetype(60), 3000);
        QTRY_VERIFY_WITH_TIMEOUT(
            std::all_of(kept.begin(), kept.end(), [](Packet &p) { return p.data.isDetached(); }),
            3000);
        QCOMPARE(kept.constFirst().data.size(), 200);
        QCOMPARE(kept.constLast().data, payload(59, 200));
        kept.clear(); // the slabs go now (ASan: nothing used them after)
        session.stop();
    }

    void captureThreadIsNamed()
    {
        MDNSCOPE_REQUIRE_NETNS();
        CaptureSession session;
        QSignalSpy started(&session, &CaptureSession::started);
        QVERIFY(startAndWait(session, started));
        // Linux keeps 15 characters of a thread name.
        bool found = false;
        const QStringList tasks =
            QDir(u"/proc/self/task"_s).entryList(QDir::Dirs | QDir::NoDotAndDotDot);
        for (const QString &task : tasks) {
            QFile comm(u"/proc/self/task/"_s + task + u"/comm"_s);
            if (comm.open(QIODevice::ReadOnly) && comm.readAll().trimmed() == "mdnscope-captur")
                found = true;
        }
        QVERIFY(found);
    }

    void batchCountBound_data()
    {
        QTest::addColumn<int>("batchMax");
        QTest::addColumn<int>("count");
        QTest::newRow("7 per batch, 100 packets") << 7 << 100;
        QTest::newRow("1 per batch, 20 packets") << 1 << 20;
        QTest::newRow("64 per batch, 500 packets") << 64 << 500;
    }

    void batchCountBound()
    {
        MDNSCOPE_REQUIRE_NETNS();
        QFETCH(int, batchMax);
        QFETCH(int, count);
        CaptureSession session;
        QSignalSpy started(&session, &CaptureSession::started);
        QSignalSpy packets(&session, &CaptureSession::packetsReceived);
        CaptureConfig c = loConfig();
        c.batchMaxPackets = batchMax;
        c.batchMaxMs = 200;
        QVERIFY(startAndWait(session, started, c));
        MulticastSender sender;
        for (int i = 0; i < count; ++i)
            QVERIFY(sender.send(payload(i)));
        QTRY_COMPARE_WITH_TIMEOUT(totalPackets(packets), qsizetype(count), 3000);
        for (const QList<QVariant> &args : std::as_const(packets))
            QVERIFY(args.at(0).value<PacketBatch>().size() <= batchMax);
        QVERIFY(packets.size() >= (count + batchMax - 1) / batchMax);
    }

    // A batch far below the count bound still leaves once its time bound passes.
    void batchTimeBound()
    {
        MDNSCOPE_REQUIRE_NETNS();
        CaptureSession session;
        QSignalSpy started(&session, &CaptureSession::started);
        QSignalSpy packets(&session, &CaptureSession::packetsReceived);
        CaptureConfig c = loConfig();
        c.batchMaxPackets = 1000;
        c.batchMaxMs = 50;
        QVERIFY(startAndWait(session, started, c));
        MulticastSender sender;
        QElapsedTimer clock;
        clock.start();
        for (int i = 0; i < 3; ++i)
            QVERIFY(sender.send(payload(i)));
        QVERIFY(packets.wait(2000));
        qInfo("3 packets with a 50 ms time bound arrived after %lld ms", clock.elapsed());
        QTRY_COMPARE_WITH_TIMEOUT(totalPackets(packets), qsizetype(3), 2000);
    }

    void statsCountPackets()
    {
        MDNSCOPE_REQUIRE_NETNS();
        CaptureSession session;
        QSignalSpy started(&session, &CaptureSession::started);
        QSignalSpy stats(&session, &CaptureSession::statsUpdated);
        QSignalSpy stopped(&session, &CaptureSession::stopped);
        QVERIFY(startAndWait(session, started));
        MulticastSender sender;
        constexpr int kCount = 64;
        constexpr int kSize = 80;
        for (int i = 0; i < kCount; ++i)
            QVERIFY(sender.send(payload(i, kSize)));
        QTRY_COMPARE_WITH_TIMEOUT(lastStats(stats).packets, quint64(kCount), 3000);
        const int before = int(stats.size());
        QTRY_VERIFY_WITH_TIMEOUT(stats.size() >= before + 2, 2000); // a fixed interval, not once
        CaptureStats s = lastStats(stats);
        QCOMPARE(s.bytes, quint64(kCount * kSize));
        QCOMPARE(s.truncated, 0u);
        QCOMPARE(s.kernelDrops, 0u);
        QVERIFY(s.pooling);
        QVERIFY(s.pool.acquires >= quint64(kCount));
        QVERIFY(s.elapsedMs > 0);
        if (AllocationProbe::available()) {
            QVERIFY(s.captureThread.allocations > 0);
            QVERIFY(s.process.allocations > s.captureThread.allocations);
        }

        session.stop();
        QTRY_COMPARE_WITH_TIMEOUT(stopped.size(), 1, 2000);
        s = lastStats(stats); // the final snapshot comes right before stopped()
        QCOMPARE(s.packets, quint64(kCount));
        QCOMPARE(s.pool.inUse, 0u); // no lease outstanding after stop
        QCOMPARE(s.pool.acquires, s.pool.releases);
    }

    // A datagram alone is taken at once (one wake-up each); a burst is gathered into about one
    // wake-up per millisecond (the notifier rests 1 ms after a drain when datagrams come faster
    // than one per 2 ms), and nothing is lost or reordered either way.
    void wakeUpsCoalesceUnderLoad()
    {
        MDNSCOPE_REQUIRE_NETNS();
        CaptureSession session;
        QSignalSpy started(&session, &CaptureSession::started);
        QSignalSpy packets(&session, &CaptureSession::packetsReceived);
        QSignalSpy stats(&session, &CaptureSession::statsUpdated);
        QSignalSpy stopped(&session, &CaptureSession::stopped);
        QVERIFY(startAndWait(session, started));
        MulticastSender sender;
        QVERIFY2(sender.isOpen(), qPrintable(sender.errorString()));

        constexpr int kQuiet = 10;
        for (int i = 0; i < kQuiet; ++i) {
            QVERIFY(sender.send(payload(i)));
            QTRY_COMPARE_WITH_TIMEOUT(lastStats(stats).packets, quint64(i + 1), 3000);
            QTest::qWait(5); // well apart: no rest between them
        }
        const quint64 quietWakeups = lastStats(stats).wakeups;
        QVERIFY2(quietWakeups >= quint64(kQuiet), QByteArray::number(quietWakeups).constData());

        constexpr int kBurst = 4000;
        QElapsedTimer burst;
        burst.start();
        for (int i = kQuiet; i < kQuiet + kBurst; ++i)
            QVERIFY(sender.send(payload(i)));
        QTRY_COMPARE_WITH_TIMEOUT(totalPackets(packets), qsizetype(kQuiet + kBurst), 5000);
        const qint64 burstMs = burst.elapsed(); // sending, receiving and QTRY's polling
        session.stop();
        QTRY_COMPARE_WITH_TIMEOUT(stopped.size(), 1, 2000);
        const CaptureStats s = lastStats(stats);
        QCOMPARE(s.packets, quint64(kQuiet + kBurst));
        QCOMPARE(s.kernelDrops, 0u);
        const quint64 burstWakeups = s.wakeups - quietWakeups;
        qInfo("%d datagrams in a burst: %llu wake-ups in %lld ms", kBurst, burstWakeups, burstMs);
        // About one wake-up per rest of 1 ms, whatever the sender's speed (without coalescing:
        // up to one per datagram: ~620 in ~110 ms here).
        QVERIFY2(burstWakeups <= quint64(2 * burstMs + 20),
                 QByteArray::number(burstWakeups).constData());
        int index = 0;
        for (const QList<QVariant> &args : std::as_const(packets)) {
            for (const Packet &p : args.at(0).value<PacketBatch>())
                QCOMPARE(p.data, payload(index++));
        }
    }

    void poolingSwitchedLive()
    {
        MDNSCOPE_REQUIRE_NETNS();
        CaptureSession session;
        QSignalSpy started(&session, &CaptureSession::started);
        QSignalSpy stats(&session, &CaptureSession::statsUpdated);
        QVERIFY(startAndWait(session, started));
        MulticastSender sender;
        for (int i = 0; i < 20; ++i)
            QVERIFY(sender.send(payload(i)));
        QTRY_COMPARE_WITH_TIMEOUT(lastStats(stats).packets, 20u, 3000);
        const CaptureStats pooled = lastStats(stats);
        QVERIFY(pooled.pooling);
        QVERIFY(pooled.pool.acquires >= 20);

        session.setPooling(false);
        QTRY_VERIFY_WITH_TIMEOUT(!lastStats(stats).pooling, 2000);
        const CaptureStats switched = lastStats(stats);
        for (int i = 0; i < 20; ++i)
            QVERIFY(sender.send(payload(i)));
        QTRY_COMPARE_WITH_TIMEOUT(lastStats(stats).packets, 40u, 3000);
        const CaptureStats unpooled = lastStats(stats);
        QVERIFY(!unpooled.pooling);
        QCOMPARE(unpooled.pool.acquires, switched.pool.acquires); // the pool is not used
        QCOMPARE(unpooled.pool.misses, switched.pool.misses);
        if (AllocationProbe::available()) {
            // a fresh 9000-byte buffer for every datagram, on the capture thread
            const quint64 bytes =
                unpooled.captureThread.bytesAllocated - switched.captureThread.bytesAllocated;
            QVERIFY2(bytes >= 20u * quint64(kReceiveBufferSize),
                     QByteArray::number(bytes).constData());
        }

        session.setPooling(true);
        QTRY_VERIFY_WITH_TIMEOUT(lastStats(stats).pooling, 2000);
        for (int i = 0; i < 20; ++i)
            QVERIFY(sender.send(payload(i)));
        QTRY_COMPARE_WITH_TIMEOUT(lastStats(stats).packets, 60u, 3000);
        const CaptureStats again = lastStats(stats);
        QVERIFY(again.pool.acquires >= unpooled.pool.acquires + 20);
        QVERIFY(again.pool.hits > unpooled.pool.hits); // buffers from before are reused
    }

    void startUnpooled()
    {
        MDNSCOPE_REQUIRE_NETNS();
        CaptureSession session;
        QSignalSpy started(&session, &CaptureSession::started);
        QSignalSpy stats(&session, &CaptureSession::statsUpdated);
        CaptureConfig c = loConfig();
        c.pooling = false;
        QVERIFY(startAndWait(session, started, c));
        MulticastSender sender;
        for (int i = 0; i < 10; ++i)
            QVERIFY(sender.send(payload(i)));
        QTRY_COMPARE_WITH_TIMEOUT(lastStats(stats).packets, 10u, 3000);
        QVERIFY(!lastStats(stats).pooling);
        QCOMPARE(lastStats(stats).pool.acquires, 0u);
    }

    void stopPromptly_data()
    {
        QTest::addColumn<bool>("traffic");
        QTest::newRow("idle") << false;
        QTest::newRow("under a continuous send") << true;
    }

    // The 200 ms figure is a timing target (bench/); here stop must simply happen, leave no
    // lease out, and the measured latency is printed.
    void stopPromptly()
    {
        MDNSCOPE_REQUIRE_NETNS();
        QFETCH(bool, traffic);
        CaptureSession session;
        QSignalSpy started(&session, &CaptureSession::started);
        QSignalSpy stats(&session, &CaptureSession::statsUpdated);
        QSignalSpy stopped(&session, &CaptureSession::stopped);
        QSignalSpy packets(&session, &CaptureSession::packetsReceived);
        QVERIFY(startAndWait(session, started));

        std::atomic_bool sending{traffic};
        std::thread blaster;
        if (traffic) {
            blaster = std::thread([&sending] {
                MulticastSender s;
                int i = 0;
                while (sending.load())
                    s.send(payload(i++));
            });
            QTRY_VERIFY_WITH_TIMEOUT(!packets.isEmpty(), 3000);
        }
        QElapsedTimer clock;
        clock.start();
        session.stop();
        QVERIFY(stopped.wait(2000) || !stopped.isEmpty());
        const qint64 latency = clock.elapsed();
        sending = false;
        if (blaster.joinable())
            blaster.join();
        qInfo("stop latency (%s): %lld ms", traffic ? "traffic" : "idle", latency);
        QCOMPARE(stopped.size(), 1);
        QVERIFY(!session.isRunning());
        const CaptureStats s = lastStats(stats);
        QCOMPARE(s.pool.inUse, 0u);
        QCOMPARE(s.pool.acquires, s.pool.releases);
        if (traffic)
            QVERIFY(s.packets > 0);
        const qsizetype delivered = totalPackets(packets);
        QCOMPARE(quint64(delivered), s.packets); // every counted packet was delivered
        QTest::qWait(100);
        QCOMPARE(stopped.size(), 1);
        QCOMPARE(totalPackets(packets), delivered); // nothing after stopped()
    }

    void errorIsFollowedByStopped_data()
    {
        QTest::addColumn<QString>("interfaceName");
        QTest::addColumn<QString>("group");
        QTest::addColumn<QString>("mentions");
        QTest::newRow("no such interface") << u"nosuch0"_s << u"224.0.0.251"_s << u"nosuch0"_s;
        QTest::newRow("not a multicast group") << u"lo"_s << u"192.0.2.1"_s << u"192.0.2.1"_s;
    }

    void errorIsFollowedByStopped()
    {
        MDNSCOPE_REQUIRE_NETNS();
        QFETCH(QString, interfaceName);
        QFETCH(QString, group);
        QFETCH(QString, mentions);
        CaptureSession session;
        QSignalSpy started(&session, &CaptureSession::started);
        QSignalSpy errors(&session, &CaptureSession::errorOccurred);
        QSignalSpy stopped(&session, &CaptureSession::stopped);
        CaptureConfig c = loConfig();
        c.interfaceName = interfaceName;
        c.groupV4 = group;
        session.start(c);
        QVERIFY(session.isRunning()); // until the worker reports back
        QTRY_COMPARE_WITH_TIMEOUT(stopped.size(), 1, 2000);
        QCOMPARE(errors.size(), 1);
        QVERIFY(started.isEmpty());
        const CaptureError e = errors.first().at(0).value<CaptureError>();
        QVERIFY2(e.toString().contains(mentions), qPrintable(e.toString()));
        QVERIFY(!session.isRunning());
        session.stop(); // harmless
        QTest::qWait(50);
        QCOMPARE(stopped.size(), 1);
    }

    void restartWhileRunning()
    {
        MDNSCOPE_REQUIRE_NETNS();
        CaptureSession session;
        QSignalSpy started(&session, &CaptureSession::started);
        QSignalSpy stopped(&session, &CaptureSession::stopped);
        QSignalSpy packets(&session, &CaptureSession::packetsReceived);
        QVERIFY(startAndWait(session, started));
        CaptureConfig other = loConfig();
        other.interfaceName.clear(); // every interface this time
        session.start(other);
        QTRY_COMPARE_WITH_TIMEOUT(started.size(), 2, 2000);
        QCOMPARE(stopped.size(), 1); // the first capture ended
        QVERIFY(session.isRunning());
        MulticastSender sender;
        QVERIFY(sender.send(payload(1)));
        QTRY_COMPARE_WITH_TIMEOUT(totalPackets(packets), qsizetype(1), 2000);
        session.stop();
        QTRY_COMPARE_WITH_TIMEOUT(stopped.size(), 2, 2000);
        QVERIFY(!session.isRunning());
    }

    void destructorStopsAndJoins()
    {
        MDNSCOPE_REQUIRE_NETNS();
        auto session = std::make_unique<CaptureSession>();
        QSignalSpy started(session.get(), &CaptureSession::started);
        QVERIFY(startAndWait(*session, started));
        MulticastSender sender;
        QVERIFY(sender.send(payload(1)));
        QCOMPARE(socketsOn5353(), 1);
        QElapsedTimer clock;
        clock.start();
        session.reset();              // must not hang or crash
        QCOMPARE(socketsOn5353(), 0); // the socket is closed
        qInfo("destructor took %lld ms", clock.elapsed());
        QVERIFY(clock.elapsed() < 2000);

        CaptureSession neverStarted; // destroyed without a thread ever running
        QVERIFY(!neverStarted.isRunning());
    }

    void multicastInterfaces()
    {
        MDNSCOPE_REQUIRE_NETNS();
        const QList<MulticastInterface> list = CaptureSession::multicastInterfaces();
        const auto lo = std::find_if(list.cbegin(), list.cend(),
                                     [](const MulticastInterface &i) { return i.name == u"lo"_s; });
        QVERIFY(lo != list.cend());
        QVERIFY(lo->ipv4); // 127.0.0.1 and 169.254.0.1
        QVERIFY(lo->ipv6); // ::1
        QCOMPARE(lo->familiesText(), u"IPv4 + IPv6"_s);
    }
};

MDNSCOPE_NETNS_TEST_GUILESS_MAIN(tst_CaptureWorker)
#include "tst_captureworker.moc"

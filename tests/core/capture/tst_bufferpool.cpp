#include "BufferPool.h"

#include <QTest>

#include <algorithm>
#include <array>
#include <atomic>
#include <memory>
#include <span>
#include <thread>
#include <vector>

// BufferPool: reuse, zeroing, exact counters, trimming, leases outliving the pool and many
// threads at once. No network.
class tst_BufferPool final : public QObject
{
    Q_OBJECT

private:
    static bool allZero(const std::byte *p, qsizetype n)
    {
        return std::all_of(p, p + n, [](std::byte b) { return b == std::byte{0}; });
    }

private Q_SLOTS:
    void leaseBasics()
    {
        BufferPool pool;
        BufferPool::Lease empty;
        QVERIFY(!empty);
        QCOMPARE(empty.size(), 0);
        QCOMPARE(empty.data(), nullptr);

        BufferPool::Lease a = pool.acquire();
        QVERIFY(bool(a));
        QCOMPARE(a.size(), kReceiveBufferSize);
        QCOMPARE(kReceiveBufferSize, 9000);
        QVERIFY(a.data() != nullptr);
        QVERIFY(allZero(a.data(), a.size())); // a fresh buffer holds no old heap bytes
        QCOMPARE(pool.counters().inUse, 1u);

        std::byte *const raw = a.data();
        BufferPool::Lease b = std::move(a);
        QVERIFY(!a); // NOLINT(bugprone-use-after-move): moved-from must be empty
        QCOMPARE(b.data(), raw);
        QCOMPARE(pool.counters().inUse, 1u);

        b.reset();
        QVERIFY(!b);
        b.reset(); // second reset is a no-op
        const BufferPoolCounters c = pool.counters();
        QCOMPARE(c.inUse, 0u);
        QCOMPARE(c.releases, 1u);
        QCOMPARE(c.idle, 1u);
    }

    void moveAssignReleasesTarget()
    {
        BufferPool pool;
        BufferPool::Lease a = pool.acquire();
        BufferPool::Lease b = pool.acquire();
        QCOMPARE(pool.counters().inUse, 2u);
        b = std::move(a); // b's old buffer goes back first
        QCOMPARE(pool.counters().inUse, 1u);
        QCOMPARE(pool.counters().releases, 1u);
        BufferPool::Lease &alias = b;
        b = std::move(alias); // self-move keeps the buffer
        QVERIFY(bool(b));
        QCOMPARE(pool.counters().inUse, 1u);
    }

    void reuse()
    {
        BufferPool pool;
        std::byte *first = nullptr;
        {
            BufferPool::Lease a = pool.acquire();
            first = a.data();
        }
        BufferPool::Lease again = pool.acquire();
        QCOMPARE(again.data(), first);
        const BufferPoolCounters c = pool.counters();
        QCOMPARE(c.misses, 1u);
        QCOMPARE(c.hits, 1u);
        QCOMPARE(c.acquires, 2u);
    }

    void noStaleBytes_data()
    {
        QTest::addColumn<qsizetype>("written"); // bytes filled by the first lease
        QTest::addColumn<bool>("marked");       // whether the lease called markWritten
        QTest::addColumn<quint64>("zeroed");    // expected bytesZeroed after one release
        QTest::newRow("prefix 100, marked") << qsizetype(100) << true << quint64(100);
        QTest::newRow("one byte, marked") << qsizetype(1) << true << quint64(1);
        QTest::newRow("whole buffer, marked") << qsizetype(9000) << true << quint64(9000);
        QTest::newRow("whole buffer, unmarked") << qsizetype(9000) << false << quint64(9000);
        QTest::newRow("prefix 300, unmarked") << qsizetype(300) << false << quint64(9000);
        QTest::newRow("nothing written, marked 0") << qsizetype(0) << true << quint64(0);
    }

    void noStaleBytes()
    {
        QFETCH(qsizetype, written);
        QFETCH(bool, marked);
        QFETCH(quint64, zeroed);

        BufferPool pool;
        std::byte *raw = nullptr;
        {
            BufferPool::Lease a = pool.acquire();
            raw = a.data();
            std::fill_n(a.data(), written, std::byte{0xAB});
            if (marked)
                a.markWritten(written);
        }
        QCOMPARE(pool.counters().bytesZeroed, zeroed);
        BufferPool::Lease b = pool.acquire();
        QCOMPARE(b.data(), raw); // really the same buffer
        QVERIFY(allZero(b.data(), b.size()));
    }

    void batchAcquireAndRelease()
    {
        BufferPool pool(4);
        BufferPool other;
        std::array<BufferPool::Lease, 6> leases;
        leases[1] = pool.acquire(); // already held: left as it is
        std::byte *const held = leases[1].data();
        pool.acquire(std::span(leases.data(), 5)); // leases[5] stays empty
        for (int i = 0; i < 5; ++i)
            QVERIFY(bool(leases[size_t(i)]));
        QVERIFY(!leases[5]);
        QCOMPARE(leases[1].data(), held);
        BufferPoolCounters c = pool.counters();
        QCOMPARE(c.acquires, 5u);
        QCOMPARE(c.misses, 5u);
        QCOMPARE(c.inUse, 5u);
        QCOMPARE(c.peakInUse, 5u);

        leases[5] = other.acquire(); // another pool's lease goes back to that pool
        std::fill_n(leases[0].data(), 300, std::byte{0xAB});
        leases[0].markWritten(300);
        std::fill_n(leases[2].data(), 9000, std::byte{0xCD}); // unmarked: cleared in full
        for (int i = 1; i < 5; ++i) {
            if (i != 2)
                leases[size_t(i)].markWritten(0);
        }
        std::byte *const written = leases[0].data();
        pool.release(leases);
        for (const BufferPool::Lease &l : leases)
            QVERIFY(!l);
        c = pool.counters();
        QCOMPARE(c.releases, 5u);
        QCOMPARE(c.inUse, 0u);
        QCOMPARE(c.idle, 4u);    // maxIdle 4
        QCOMPARE(c.trimmed, 1u); // the fifth is freed (after clearing)
        QCOMPARE(c.bytesZeroed, quint64(300 + 9000));
        QCOMPARE(other.counters().releases, 1u);
        QCOMPARE(other.counters().inUse, 0u);

        // Every reused buffer is clean, the written one included.
        pool.acquire(std::span(leases.data(), 4));
        bool sawWritten = false;
        for (int i = 0; i < 4; ++i) {
            QVERIFY(allZero(leases[size_t(i)].data(), kReceiveBufferSize));
            sawWritten = sawWritten || leases[size_t(i)].data() == written;
        }
        QVERIFY(sawWritten);
        c = pool.counters();
        QCOMPARE(c.hits, 4u);
        QCOMPARE(c.misses, 5u);
        pool.release(std::span(leases.data(), 2));
        QCOMPARE(pool.counters().inUse, 2u); // the other two go back with their destructors
    }

    void markWrittenKeepsHighWaterMark()
    {
        BufferPool pool;
        {
            BufferPool::Lease a = pool.acquire();
            std::fill_n(a.data(), 500, std::byte{0x5A});
            a.markWritten(500);
            a.markWritten(20);    // lower marks do not shrink what gets cleared
            a.markWritten(-7);    // nonsense is clamped
            a.markWritten(40000); // beyond the buffer is clamped to its size
        }
        QCOMPARE(pool.counters().bytesZeroed, quint64(kReceiveBufferSize));
        BufferPool::Lease b = pool.acquire();
        QVERIFY(allZero(b.data(), b.size()));
    }

    void exactCounters()
    {
        BufferPool pool(64);
        {
            std::vector<BufferPool::Lease> held;
            for (int i = 0; i < 5; ++i)
                held.push_back(pool.acquire());
            QCOMPARE(pool.counters().inUse, 5u);
            QCOMPARE(pool.counters().peakInUse, 5u);
            for (auto &l : held)
                l.markWritten(10);
        }
        for (int i = 0; i < 3; ++i) {
            BufferPool::Lease l = pool.acquire();
            l.markWritten(i); // 0, 1, 2
        }
        const BufferPoolCounters c = pool.counters();
        QCOMPARE(c.acquires, 8u);
        QCOMPARE(c.releases, 8u);
        QCOMPARE(c.misses, 5u);
        QCOMPARE(c.hits, 3u);
        QCOMPARE(c.inUse, 0u);
        QCOMPARE(c.idle, 5u);
        QCOMPARE(c.peakInUse, 5u);
        QCOMPARE(c.trimmed, 0u);
        QCOMPARE(c.bytesZeroed, quint64(5 * 10 + 0 + 1 + 2));
    }

    void trimming()
    {
        BufferPool pool(2);
        QCOMPARE(pool.maxIdle(), 2);
        {
            std::vector<BufferPool::Lease> held;
            for (int i = 0; i < 5; ++i)
                held.push_back(pool.acquire());
        }
        BufferPoolCounters c = pool.counters();
        QCOMPARE(c.idle, 2u);
        QCOMPARE(c.trimmed, 3u);
        QCOMPARE(c.misses, 5u);

        pool.setMaxIdle(1); // lowering frees the surplus right away
        c = pool.counters();
        QCOMPARE(c.idle, 1u);
        QCOMPARE(c.trimmed, 4u);

        pool.setMaxIdle(-3); // clamped to 0
        QCOMPARE(pool.maxIdle(), 0);
        QCOMPARE(pool.counters().idle, 0u);
        QCOMPARE(pool.counters().trimmed, 5u);
        {
            BufferPool::Lease l = pool.acquire(); // nothing idle: a miss
        }
        c = pool.counters();
        QCOMPARE(c.misses, 6u);
        QCOMPARE(c.idle, 0u);
        QCOMPARE(c.trimmed, 6u);
        // every buffer ever allocated is either idle, in use or freed
        QCOMPARE(c.misses, c.idle + c.inUse + c.trimmed);

        pool.setMaxIdle(10); // raising keeps buffers again
        {
            BufferPool::Lease l = pool.acquire();
        }
        QCOMPARE(pool.counters().idle, 1u);
    }

    void leaseOutlivesPool()
    {
        auto pool = std::make_unique<BufferPool>(4);
        BufferPool::Lease kept = pool->acquire();
        {
            BufferPool::Lease idle = pool->acquire();
        }
        pool.reset(); // a programming error in real code, but well defined
        QVERIFY(bool(kept));
        std::fill_n(kept.data(), kept.size(), std::byte{1}); // still a valid buffer
        kept.markWritten(kept.size());
        kept.reset(); // frees the buffer (sanitizer builds catch a leak or double free)
        QVERIFY(!kept);
    }

    void hammer_data()
    {
        QTest::addColumn<int>("maxIdle");
        QTest::newRow("maxIdle 64") << 64;
        QTest::newRow("maxIdle 4 (constant trimming)") << 4;
        QTest::newRow("maxIdle 0 (no reuse)") << 0;
    }

    // 8 threads acquire and release at once; every buffer they get must be clean in the
    // region the previous owner wrote, and the final counters must add up exactly.
    void hammer()
    {
        QFETCH(int, maxIdle);
        constexpr int kThreads = 8;
        constexpr int kIterations = 20000;
        BufferPool pool(maxIdle);
        std::atomic<int> staleSeen{0};
        std::atomic<quint64> expectedZeroed{0};

        auto work = [&](int id) {
            quint64 zeroed = 0;
            for (int i = 0; i < kIterations; ++i) {
                BufferPool::Lease a = pool.acquire();
                const qsizetype n = 1 + (i * 37 + id * 101) % 1500;
                if (!allZero(a.data(), 1500))
                    staleSeen.fetch_add(1, std::memory_order_relaxed);
                std::fill_n(a.data(), n, std::byte(id + 1));
                a.markWritten(n);
                zeroed += quint64(n);
                if (i % 7 == 0) { // sometimes hold two at once
                    BufferPool::Lease b = pool.acquire();
                    if (!allZero(b.data(), 1500))
                        staleSeen.fetch_add(1, std::memory_order_relaxed);
                    b.data()[0] = std::byte{0xFF};
                    b.markWritten(1);
                    zeroed += 1;
                }
            }
            expectedZeroed.fetch_add(zeroed, std::memory_order_relaxed);
        };
        std::vector<std::thread> threads;
        for (int t = 0; t < kThreads; ++t)
            threads.emplace_back(work, t);
        for (auto &t : threads)
            t.join();

        const quint64 perThread = kIterations + (kIterations + 6) / 7;
        const quint64 total = perThread * kThreads;
        const BufferPoolCounters c = pool.counters();
        QCOMPARE(staleSeen.load(), 0);
        QCOMPARE(c.acquires, total);
        QCOMPARE(c.releases, total);
        QCOMPARE(c.hits + c.misses, total);
        QCOMPARE(c.inUse, 0u);
        QVERIFY(c.idle <= quint64(maxIdle));
        QVERIFY2(c.peakInUse >= 1 && c.peakInUse <= 2 * kThreads,
                 QByteArray::number(c.peakInUse).constData());
        QCOMPARE(c.misses, c.idle + c.trimmed);
        QCOMPARE(c.bytesZeroed, expectedZeroed.load());
        if (maxIdle == 0)
            QCOMPARE(c.hits, 0u);
        else
            QVERIFY(c.hits > 0);
    }
};

QTEST_GUILESS_MAIN(tst_BufferPool)
#include "tst_bufferpool.moc"

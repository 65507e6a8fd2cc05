// PacketSlabWriter: datagrams copied into shared slabs and handed on as QByteArray views. Pins
// what Qt does with such a view (sharing, detaching on write, termination, streaming, metatype
// copies) and the slab's lifetime: freed with its last datagram, never written after seal(),
// not held by the packet store.

#include "AllocationCounter.h"
#include "Packet.h"
#include "PacketSlab.h"
#include "PacketStore.h"

#include <QBuffer>
#include <QDataStream>
#include <QTest>
#include <QVariant>

#include <condition_variable>
#include <deque>
#include <mutex>
#include <thread>

using namespace Qt::StringLiterals;

namespace {

QByteArray pattern(qsizetype size, int seed)
{
    QByteArray d(size, Qt::Uninitialized);
    for (qsizetype i = 0; i < size; ++i)
        d[i] = char((i * 7 + seed * 13 + 1) & 0xFF);
    return d;
}

QByteArray copyInto(PacketSlabWriter &w, const QByteArray &d)
{
    return w.copy(d.constData(), d.size());
}

// The slab block a view shares (its Qt array header).
const void *slabOf(QByteArray &view)
{
    return view.data_ptr().d_ptr();
}

// A writer whose last period wrote `bytes`, so its next slab is about that large (a new
// writer's first slab holds just the first datagram).
void warm(PacketSlabWriter &w, qsizetype bytes)
{
    const QByteArray d(bytes - 1, 'w');
    w.copy(d.constData(), d.size());
    w.seal();
}

int refs(QByteArray &view)
{
    return view.data_ptr().d_ptr()->ref_.loadRelaxed();
}

} // namespace

class tst_PacketSlab final : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void copiesShareOneSlabAndAreTerminated()
    {
        PacketSlabWriter w;
        warm(w, 1000);
        const quint64 slabs = w.slabsAllocated();
        const QByteArray a = pattern(300, 1), b = pattern(300, 2), c = pattern(17, 3);
        QByteArray va = copyInto(w, a), vb = copyInto(w, b), vc = copyInto(w, c);
        QCOMPARE(va, a);
        QCOMPARE(vb, b);
        QCOMPARE(vc, c);
        QCOMPARE(w.slabsAllocated(), slabs + 1);
        QCOMPARE(slabOf(va), slabOf(vb));
        QCOMPARE(slabOf(vb), slabOf(vc));
        for (const QByteArray *v : {&va, &vb, &vc}) {
            QCOMPARE(v->constData()[v->size()], '\0'); // QByteArray's promise
            QVERIFY(!v->isDetached());                 // shared with the others and the writer
        }
        QCOMPARE(refs(va), 4); // three datagrams and the writer
        w.seal();
        QCOMPARE(refs(va), 3);
        QVERIFY(!w.hasOpenSlab());
        QVERIFY(copyInto(w, QByteArray()).isEmpty()); // nothing to copy: no slab
        QVERIFY(!w.hasOpenSlab());
    }

    void slabFreedWithItsLastDatagram()
    {
        // Without malloc counted (sanitizer builds) the counts read 0 and are not checked:
        // AddressSanitizer checks the lifetime itself (no use after free, no leak).
        const bool counted = AllocationCounter::countsMalloc();
        PacketSlabWriter w;
        warm(w, 500);
        QByteArray first = copyInto(w, pattern(100, 1));
        QByteArray second = copyInto(w, pattern(100, 2));
        QCOMPARE(slabOf(first), slabOf(second));
        w.seal();
        const QByteArray expected = pattern(100, 2);
        AllocationCounts before = AllocationCounter::thisThread();
        first = QByteArray();
        AllocationCounts after = AllocationCounter::thisThread();
        if (counted)
            QCOMPARE(AllocationCounter::delta(before, after).frees, 0u); // `second` holds it
        QVERIFY(second.isDetached()); // the last one: nobody else holds the slab
        QCOMPARE(second, expected);
        before = AllocationCounter::thisThread();
        second = QByteArray();
        after = AllocationCounter::thisThread();
        if (counted)
            QCOMPARE(AllocationCounter::delta(before, after).frees, 1u); // the slab
    }

    void dataNeverChangesAfterHandOff()
    {
        // What was handed on keeps its bytes however much the writer copies afterwards, into
        // the same slab before seal() and into new ones after it.
        PacketSlabWriter w;
        QList<QByteArray> expected, views;
        for (int i = 0; i < 200; ++i) {
            expected.append(pattern(40 + (i * 37) % 900, i));
            views.append(copyInto(w, expected.last()));
            if (i % 50 == 49)
                w.seal();
        }
        QVERIFY(w.slabsAllocated() > 4);
        for (int i = 0; i < views.size(); ++i) {
            QCOMPARE(views.at(i), expected.at(i));
            QCOMPARE(views.at(i).constData()[views.at(i).size()], '\0');
        }
        // A sealed slab gets nothing more: the next datagram is in a new one.
        PacketSlabWriter s;
        QByteArray before = copyInto(s, pattern(10, 1));
        s.seal();
        QByteArray after = copyInto(s, pattern(10, 2));
        QVERIFY(slabOf(before) != slabOf(after));
        QCOMPARE(refs(before), 1);
    }

    void writingDetachesAndLeavesTheSlabAlone()
    {
        PacketSlabWriter w;
        const QByteArray a = pattern(200, 1), b = pattern(200, 2);
        QByteArray va = copyInto(w, a);
        const QByteArray vb = copyInto(w, b);
        w.seal();
        const void *slab = slabOf(va);

        QByteArray written = va; // a consumer's copy, then written to
        written[0] = 'x';
        QVERIFY(slabOf(written) != slab); // detached: copied out first
        QCOMPARE(written.size(), a.size());
        QVERIFY(written.capacity() >= written.size());
        QCOMPARE(va, a);
        QCOMPARE(vb, b);

        QByteArray appended = vb;
        appended.append("tail");
        QVERIFY(slabOf(appended) != slab);
        QCOMPARE(appended, b + "tail");
        QCOMPARE(appended.constData()[appended.size()], '\0');
        QCOMPARE(va, a); // the bytes after va in the slab (vb's) were not touched
        QCOMPARE(vb, b);

        QByteArray resized = va;
        resized.resize(10);
        QCOMPARE(resized, a.left(10));
        QCOMPARE(va, a);

        QByteArray detached = vb;
        detached.detach();
        QVERIFY(slabOf(detached) != slab);
        QVERIFY(detached.isDetached());
        QCOMPARE(detached.capacity(), detached.size()); // exactly its bytes, no slab around it
        QCOMPARE(vb, b);

        QByteArray squeezed = va;
        squeezed.squeeze();
        QCOMPARE(squeezed, a);
        QCOMPARE(vb, b);

        QByteArray reserved = vb;
        reserved.reserve(1000);
        QCOMPARE(reserved, b);
        QVERIFY(slabOf(reserved) != slab);
        QCOMPARE(va, a);
    }

    void lastViewMayBeWrittenInPlace()
    {
        // Alone with its slab (the writer sealed it, the others are gone), a view is detached
        // and a write stays within its block: nobody else sees it.
        PacketSlabWriter w;
        QByteArray va = copyInto(w, pattern(50, 1));
        QByteArray vb = copyInto(w, pattern(50, 2));
        w.seal();
        va = QByteArray();
        QVERIFY(vb.isDetached());
        vb.append("more");
        QCOMPARE(vb, pattern(50, 2) + "more");
        vb[0] = 'z';
        QCOMPARE(vb.at(0), 'z');
    }

    void streamsAndMetatypeCopiesShare()
    {
        PacketSlabWriter w;
        Packet p;
        p.data = copyInto(w, pattern(120, 5));
        w.seal();
        const void *slab = slabOf(p.data);

        const QVariant v = QVariant::fromValue(p); // a queued signal's copy
        Packet q = v.value<Packet>();
        QVERIFY(slabOf(q.data) == slab);
        QCOMPARE(q.data, pattern(120, 5));

        QByteArray wire;
        {
            QDataStream out(&wire, QIODevice::WriteOnly);
            out << p.data;
        }
        QByteArray back;
        QDataStream in(wire);
        in >> back;
        QCOMPARE(back, p.data);
        QVERIFY(slabOf(back) != slab);

        const PacketBatch batch{p, q};
        PacketBatch copy = batch;
        copy.detach(); // the list's copy still shares the datagrams
        QVERIFY(slabOf(copy[0].data) == slab);
        // p, q, the variant's packet, the batch's two and its detached copy's two.
        QCOMPARE(refs(p.data), 7);
    }

    void slabSizeFollowsTheTraffic()
    {
        PacketSlabWriter w;
        // A quiet period: one datagram, one slab of its size.
        QByteArray one = copyInto(w, pattern(90, 1));
        QCOMPARE(w.slabBytesAllocated(), quint64(PacketSlabWriter::footprint(90)));
        w.seal();
        // The next period starts as small as the last one was, then grows geometrically up to
        // the largest slab.
        QList<QByteArray> keep;
        for (int i = 0; i < 400; ++i)
            keep.append(copyInto(w, pattern(300, i)));
        const quint64 used = quint64(400 * PacketSlabWriter::footprint(300));
        QVERIFY(w.slabBytesAllocated() - quint64(PacketSlabWriter::footprint(90)) >= used);
        // Growth wastes at most the tails the datagrams did not fit in, and the open slab.
        QVERIFY2(w.slabsAllocated() <= 1 + 400 / 27 + 8,
                 qPrintable(QString::number(w.slabsAllocated())));
        w.seal();
        // A period as large as the last: slabs of the largest size.
        const quint64 slabsBefore = w.slabsAllocated();
        for (int i = 0; i < 400; ++i)
            keep.append(copyInto(w, pattern(300, i)));
        const quint64 slabs = w.slabsAllocated() - slabsBefore;
        const qsizetype perSlab =
            PacketSlabWriter::kMaxSlabBytes / PacketSlabWriter::footprint(300);
        QVERIFY2(slabs <= quint64((400 + perSlab - 1) / perSlab) + 1,
                 qPrintable(QString::number(slabs)));
        // A datagram larger than a slab gets one of its own size.
        QByteArray jumbo = copyInto(w, pattern(9000, 1));
        QCOMPARE(jumbo, pattern(9000, 1));
        QVERIFY(jumbo.capacity() >= 9001);
    }

    void handOffAcrossThreads()
    {
        // The capture thread's pattern: a writer copies a batch, seals, hands it to another
        // thread and goes on copying into new slabs while the other reads and drops the batch
        // (the last reference to a slab may go on either thread). ThreadSanitizer runs this.
        constexpr int kBatches = 300, kPerBatch = 40;
        std::mutex lock;
        std::condition_variable ready;
        std::deque<QList<QByteArray>> queue;
        std::thread writer([&] {
            PacketSlabWriter w;
            for (int b = 0; b < kBatches; ++b) {
                QList<QByteArray> batch;
                for (int i = 0; i < kPerBatch; ++i) {
                    const QByteArray d = pattern(20 + (b * 7 + i * 13) % 700, b * kPerBatch + i);
                    batch.append(w.copy(d.constData(), d.size()));
                }
                w.seal(); // before the batch leaves this thread
                const std::lock_guard guard(lock);
                queue.push_back(std::move(batch));
                ready.notify_one();
            }
        });
        int bad = 0;
        QList<QByteArray> keptOne;
        for (int b = 0; b < kBatches; ++b) {
            QList<QByteArray> batch;
            {
                std::unique_lock guard(lock);
                ready.wait(guard, [&] { return !queue.empty(); });
                batch = std::move(queue.front());
                queue.pop_front();
            }
            for (int i = 0; i < kPerBatch; ++i) {
                const QByteArray &v = batch.at(i);
                if (v != pattern(20 + (b * 7 + i * 13) % 700, b * kPerBatch + i) ||
                    v.constData()[v.size()] != '\0')
                    ++bad;
            }
            if (b % 10 == 0)
                keptOne.append(batch.at(kPerBatch / 2)); // outlives its batch and the writer
        }
        writer.join();
        QCOMPARE(bad, 0);
        for (int k = 0; k < keptOne.size(); ++k)
            QCOMPARE(keptOne.at(k), pattern(20 + (k * 10 * 7 + kPerBatch / 2 * 13) % 700,
                                            k * 10 * kPerBatch + kPerBatch / 2));
    }

    void storeKeepsNoSlab()
    {
        // The packet store copies each datagram into its own chunks: a stored packet holds no
        // slab, so its slab goes with the batch, whatever the store keeps, evicts or clears.
        PacketSlabWriter w;
        PacketStore store(PacketStore::kMinimumCapacity);
        Packet p;
        p.data = copyInto(w, pattern(300, 9));
        Packet kept;
        kept.data = copyInto(w, pattern(300, 10));
        w.seal();
        store.append(p, false);
        store.append(kept, false);
        p = Packet();
        QVERIFY(kept.data.isDetached()); // the store took no reference
        QCOMPARE(store.bytes(0), QByteArrayView(pattern(300, 9)));
        const Packet copy = store.packet(1);
        QVERIFY(kept.data.isDetached());
        QCOMPARE(copy.data, pattern(300, 10));
        store.clear();
        QVERIFY(kept.data.isDetached());
    }
};

QTEST_GUILESS_MAIN(tst_PacketSlab)
#include "tst_packetslab.moc"

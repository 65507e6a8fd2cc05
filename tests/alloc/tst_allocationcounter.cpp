// Tests of the allocation-accounting library: exact counts for every form of the
// global operator new/delete on this thread, per-thread separation (also with more
// threads than counter slots), bytes freed, aligned allocation, the large-allocation
// count. The C allocation functions are in tst_malloccounting.

#include "AllocationCounter.h"
#include "AllocationProbe.h"

#include <QTest>

#include <atomic>
#include <cstdint>
#include <limits>
#include <new>
#include <thread>

// Clang does not declare the sized deletes without -fsized-deallocation; the library
// defines them all the same, and this test calls them directly.
#ifndef __cpp_sized_deallocation
void operator delete(void *ptr, std::size_t size) noexcept;
void operator delete[](void *ptr, std::size_t size) noexcept;
void operator delete(void *ptr, std::size_t size, std::align_val_t alignment) noexcept;
void operator delete[](void *ptr, std::size_t size, std::align_val_t alignment) noexcept;
#endif

namespace {

// Keeps the compiler from eliding a new/delete pair (allowed for new-expressions).
void escape(void *p)
{
    asm volatile("" : : "g"(p) : "memory");
}

struct alignas(128) OverAligned
{
    unsigned char bytes[200];
};

void advance(std::atomic<int> &phase, int value)
{
    phase.store(value, std::memory_order_release);
    phase.notify_all();
}

void waitFor(const std::atomic<int> &phase, int value)
{
    for (int seen = phase.load(std::memory_order_acquire); seen != value;
         seen = phase.load(std::memory_order_acquire))
        phase.wait(seen, std::memory_order_acquire);
}

bool isAligned(const void *p, std::size_t alignment)
{
    return reinterpret_cast<std::uintptr_t>(p) % alignment == 0;
}

} // namespace

class TestAllocationCounter final : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void init();
    void probeInstalled();
    void everyForm_data();
    void everyForm();
    void newExpressions();
    void alignedIsAligned_data();
    void alignedIsAligned();
    void failedAllocationIsNotCounted();
    void otherThreadsAreSeparate();
    void manyShortLivedThreads();
    void largeAllocations();
};

void TestAllocationCounter::init()
{
    // Under valgrind without --soname-synonyms=somalloc=nouserintercepts valgrind's own
    // allocator replaces ours; the library detects that and counts nothing.
    if (!AllocationCounter::countsOperatorNew())
        QSKIP("operator new is not ours (valgrind without "
              "--soname-synonyms=somalloc=nouserintercepts?)");
}

void TestAllocationCounter::probeInstalled()
{
    // The library hands its counters to core code during static initialisation.
    QVERIFY(AllocationProbe::available());
    const AllocationCounts before = AllocationProbe::currentThread();
    void *p = ::operator new(123);
    escape(p);
    const AllocationCounts mid = AllocationProbe::currentThread();
    ::operator delete(p);
    const AllocationCounts after = AllocationProbe::currentThread();
    QCOMPARE(mid.allocations - before.allocations, 1u);
    QCOMPARE(mid.bytesAllocated - before.bytesAllocated, 123u);
    QCOMPARE(after.frees - mid.frees, 1u);
    QCOMPARE(after.bytesFreed - mid.bytesFreed, 123u);
    QVERIFY(AllocationProbe::process().allocations >= mid.allocations);
}

// Each row allocates with one form of operator new and frees with the matching
// delete; the counts must be exact on this thread.
enum class Form {
    Plain,
    Array,
    NoThrow,
    ArrayNoThrow,
    Sized,
    ArraySized,
    NoThrowDelete,
    ArrayNoThrowDelete,
    Aligned,
    ArrayAligned,
    AlignedNoThrow,
    ArrayAlignedNoThrow,
    AlignedSized,
    ArrayAlignedSized,
    AlignedNoThrowDelete,
    ArrayAlignedNoThrowDelete,
};

void TestAllocationCounter::everyForm_data()
{
    QTest::addColumn<int>("form");
    QTest::addColumn<int>("size");
    const std::pair<const char *, Form> forms[] = {
        {"new / delete", Form::Plain},
        {"new[] / delete[]", Form::Array},
        {"new(nothrow) / delete", Form::NoThrow},
        {"new[](nothrow) / delete[]", Form::ArrayNoThrow},
        {"new / sized delete", Form::Sized},
        {"new[] / sized delete[]", Form::ArraySized},
        {"new(nothrow) / delete(nothrow)", Form::NoThrowDelete},
        {"new[](nothrow) / delete[](nothrow)", Form::ArrayNoThrowDelete},
        {"aligned new / aligned delete", Form::Aligned},
        {"aligned new[] / aligned delete[]", Form::ArrayAligned},
        {"aligned new(nothrow) / aligned delete", Form::AlignedNoThrow},
        {"aligned new[](nothrow) / aligned delete[]", Form::ArrayAlignedNoThrow},
        {"aligned new / sized aligned delete", Form::AlignedSized},
        {"aligned new[] / sized aligned delete[]", Form::ArrayAlignedSized},
        {"aligned new(nothrow) / aligned delete(nothrow)", Form::AlignedNoThrowDelete},
        {"aligned new[](nothrow) / aligned delete[](nothrow)", Form::ArrayAlignedNoThrowDelete},
    };
    for (const auto &[name, form] : forms) {
        for (const int size : {0, 1, 100, 9000}) {
            QTest::addRow("%s, %d bytes", name, size) << int(form) << size;
        }
    }
}

void TestAllocationCounter::everyForm()
{
    QFETCH(int, form);
    QFETCH(int, size);
    const auto n = std::size_t(size);
    const auto al = std::align_val_t{64};
    const std::nothrow_t &nt = std::nothrow;

    const AllocationCounts before = AllocationCounter::thisThread();
    void *p = nullptr;
    switch (Form(form)) {
    case Form::Plain:
    case Form::Sized:
        p = ::operator new(n);
        break;
    case Form::Array:
    case Form::ArraySized:
        p = ::operator new[](n);
        break;
    case Form::NoThrow:
    case Form::NoThrowDelete:
        p = ::operator new(n, nt);
        break;
    case Form::ArrayNoThrow:
    case Form::ArrayNoThrowDelete:
        p = ::operator new[](n, nt);
        break;
    case Form::Aligned:
    case Form::AlignedSized:
        p = ::operator new(n, al);
        break;
    case Form::ArrayAligned:
    case Form::ArrayAlignedSized:
        p = ::operator new[](n, al);
        break;
    case Form::AlignedNoThrow:
    case Form::AlignedNoThrowDelete:
        p = ::operator new(n, al, nt);
        break;
    case Form::ArrayAlignedNoThrow:
    case Form::ArrayAlignedNoThrowDelete:
        p = ::operator new[](n, al, nt);
        break;
    }
    escape(p);
    const AllocationCounts allocated = AllocationCounter::thisThread();

    switch (Form(form)) {
    case Form::Plain:
    case Form::NoThrow:
        ::operator delete(p);
        break;
    case Form::Array:
    case Form::ArrayNoThrow:
        ::operator delete[](p);
        break;
    case Form::Sized:
        ::operator delete(p, n);
        break;
    case Form::ArraySized:
        ::operator delete[](p, n);
        break;
    case Form::NoThrowDelete:
        ::operator delete(p, nt);
        break;
    case Form::ArrayNoThrowDelete:
        ::operator delete[](p, nt);
        break;
    case Form::Aligned:
    case Form::AlignedNoThrow:
        ::operator delete(p, al);
        break;
    case Form::ArrayAligned:
    case Form::ArrayAlignedNoThrow:
        ::operator delete[](p, al);
        break;
    case Form::AlignedSized:
        ::operator delete(p, n, al);
        break;
    case Form::ArrayAlignedSized:
        ::operator delete[](p, n, al);
        break;
    case Form::AlignedNoThrowDelete:
        ::operator delete(p, al, nt);
        break;
    case Form::ArrayAlignedNoThrowDelete:
        ::operator delete[](p, al, nt);
        break;
    }
    const AllocationCounts freed = AllocationCounter::thisThread();

    QVERIFY(p != nullptr); // even for 0 bytes: a unique, non-null pointer
    const AllocationCounts a = AllocationCounter::delta(before, allocated);
    QCOMPARE(a.allocations, 1u);
    QCOMPARE(a.bytesAllocated, quint64(n));
    QCOMPARE(a.frees, 0u);
    QCOMPARE(a.bytesFreed, 0u);
    const AllocationCounts f = AllocationCounter::delta(allocated, freed);
    QCOMPARE(f.allocations, 0u);
    QCOMPARE(f.frees, 1u);
    QCOMPARE(f.bytesFreed, quint64(n));
}

void TestAllocationCounter::newExpressions()
{
    // What the compiler emits for ordinary code: new T, new T[n], an over-aligned type.
    const AllocationCounts before = AllocationCounter::thisThread();
    auto *one = new int(7);
    escape(one);
    auto *many = new double[50];
    escape(many);
    auto *aligned = new OverAligned;
    escape(aligned);
    auto *alignedArray = new OverAligned[3];
    escape(alignedArray);
    const AllocationCounts mid = AllocationCounter::thisThread();
    delete one;
    delete[] many;
    delete aligned;
    delete[] alignedArray;
    const AllocationCounts after = AllocationCounter::thisThread();

    const quint64 expectedBytes = sizeof(int) + 50 * sizeof(double) + sizeof(OverAligned) +
                                  3 * sizeof(OverAligned); // trivial types: no array cookie
    const AllocationCounts a = AllocationCounter::delta(before, mid);
    QCOMPARE(a.allocations, 4u);
    QCOMPARE(a.bytesAllocated, expectedBytes);
    QCOMPARE(a.frees, 0u);
    const AllocationCounts f = AllocationCounter::delta(mid, after);
    QCOMPARE(f.frees, 4u);
    QCOMPARE(f.bytesFreed, expectedBytes);
    QCOMPARE(f.allocations, 0u);
}

void TestAllocationCounter::alignedIsAligned_data()
{
    QTest::addColumn<int>("alignment");
    for (const int a : {1, 2, 8, 16, 32, 64, 128, 256, 4096, 65536})
        QTest::addRow("%d", a) << a;
}

void TestAllocationCounter::alignedIsAligned()
{
    QFETCH(int, alignment);
    const auto al = std::align_val_t(alignment);
    const AllocationCounts before = AllocationCounter::thisThread();
    constexpr int kBlocks = 8;
    unsigned char *blocks[kBlocks];
    for (int i = 0; i < kBlocks; ++i) {
        const std::size_t size = 1 + std::size_t(i) * 333;
        blocks[i] = static_cast<unsigned char *>(::operator new(size, al));
        // Writing every byte lets ASan/valgrind catch a block that is too small.
        for (std::size_t b = 0; b < size; ++b)
            blocks[i][b] = static_cast<unsigned char>(b);
    }
    bool allAligned = true;
    for (unsigned char *b : blocks)
        allAligned = allAligned && isAligned(b, std::size_t(alignment));
    for (unsigned char *b : blocks)
        ::operator delete(b, al);
    const AllocationCounts d = AllocationCounter::delta(before, AllocationCounter::thisThread());

    QVERIFY(allAligned);
    quint64 expected = 0;
    for (int i = 0; i < kBlocks; ++i)
        expected += 1 + quint64(i) * 333;
    QCOMPARE(d.allocations, quint64(kBlocks));
    QCOMPARE(d.frees, quint64(kBlocks));
    QCOMPARE(d.bytesAllocated, expected);
    QCOMPARE(d.bytesFreed, expected);
}

void TestAllocationCounter::failedAllocationIsNotCounted()
{
    // A size whose header would overflow size_t fails before reaching malloc, so this
    // runs under ASan too (whose malloc aborts on absurd sizes by default).
    volatile std::size_t huge = std::numeric_limits<std::size_t>::max() - 4;
    const AllocationCounts before = AllocationCounter::thisThread();
    void *nothrowResult = ::operator new(huge, std::nothrow);
    void *alignedNothrowResult = ::operator new[](huge, std::align_val_t{256}, std::nothrow);
    const AllocationCounts d = AllocationCounter::delta(before, AllocationCounter::thisThread());

    // The throwing form throws; throwing allocates the exception object (malloc), so
    // only check that nothing of the failed size was counted.
    AllocationCounter::resetLargest();
    bool threw = false;
    try {
        void *p = ::operator new(huge);
        escape(p);
    } catch (const std::bad_alloc &) {
        threw = true;
    }
    const std::size_t largest = AllocationCounter::largestAllocation();

    QCOMPARE(nothrowResult, nullptr);
    QCOMPARE(alignedNothrowResult, nullptr);
    QCOMPARE(d.allocations, 0u);
    QCOMPARE(d.bytesAllocated, 0u);
    QVERIFY(threw);
    QVERIFY(largest < 1024 * 1024);
}

void TestAllocationCounter::otherThreadsAreSeparate()
{
    constexpr int kAllocs = 1000;
    constexpr std::size_t kSize = 48;
    std::atomic<int> phase{0}; // 1: child ready, 2: go, 3: allocated, 4: may exit
    AllocationCounts childOwn;
    AllocationCounter::ThreadHandle childHandle;

    std::thread child([&] {
        childHandle = AllocationCounter::ThreadHandle::current();
        advance(phase, 1);
        waitFor(phase, 2);
        const AllocationCounts start = AllocationCounter::thisThread();
        void *blocks[kAllocs];
        for (void *&b : blocks) {
            b = ::operator new(kSize);
            escape(b);
        }
        childOwn = AllocationCounter::delta(start, AllocationCounter::thisThread());
        advance(phase, 3);
        waitFor(phase, 4);
        for (void *b : blocks)
            ::operator delete(b);
    });

    // Measure only after the thread exists: creating it allocates here.
    waitFor(phase, 1);
    const AllocationCounts mine = AllocationCounter::thisThread();
    const AllocationCounts processBefore = AllocationCounter::process();
    const AllocationCounts childBefore = childHandle.counts();
    advance(phase, 2);
    waitFor(phase, 3);
    // The child is alive and blocked: its counters can be read from here.
    const AllocationCounts childSeenFromHere =
        AllocationCounter::delta(childBefore, childHandle.counts());
    advance(phase, 4);
    child.join();
    const AllocationCounts mineDelta =
        AllocationCounter::delta(mine, AllocationCounter::thisThread());
    const AllocationCounts processDelta =
        AllocationCounter::delta(processBefore, AllocationCounter::process());

    QCOMPARE(childOwn.allocations, quint64(kAllocs));
    QCOMPARE(childOwn.bytesAllocated, quint64(kAllocs * kSize));
    QCOMPARE(childSeenFromHere.allocations, quint64(kAllocs));
    QCOMPARE(childSeenFromHere.bytesAllocated, quint64(kAllocs * kSize));
    QCOMPARE(mineDelta.allocations, 0u);
    QCOMPARE(mineDelta.bytesAllocated, 0u);
    QCOMPARE(mineDelta.frees, 0u);
    QVERIFY(processDelta.allocations >= quint64(kAllocs));
    QVERIFY(processDelta.bytesAllocated >= quint64(kAllocs * kSize));
    QVERIFY(processDelta.frees >= quint64(kAllocs));
    QVERIFY(processDelta.bytesFreed >= quint64(kAllocs * kSize));
}

void TestAllocationCounter::manyShortLivedThreads()
{
    // More threads than the library has counter slots, one after the other and a few
    // at a time: each thread's own counts stay exact (slots are reused with a new
    // baseline) and the process counts lose nothing.
    constexpr int kThreads = 600;
    constexpr int kParallel = 4;
    constexpr int kAllocs = 10;
    constexpr std::size_t kSize = 32;
    std::atomic<int> wrongCounts{0};
    const AllocationCounts processBefore = AllocationCounter::process();
    for (int started = 0; started < kThreads; started += kParallel) {
        std::thread threads[kParallel];
        for (std::thread &t : threads) {
            t = std::thread([&] {
                const AllocationCounts start = AllocationCounter::thisThread();
                for (int i = 0; i < kAllocs; ++i) {
                    void *p = ::operator new(kSize);
                    escape(p);
                    ::operator delete(p);
                }
                const AllocationCounts d =
                    AllocationCounter::delta(start, AllocationCounter::thisThread());
                if (d.allocations != kAllocs || d.frees != kAllocs ||
                    d.bytesAllocated != kAllocs * kSize || d.bytesFreed != kAllocs * kSize)
                    wrongCounts.fetch_add(1);
            });
        }
        for (std::thread &t : threads)
            t.join();
    }
    const AllocationCounts processDelta =
        AllocationCounter::delta(processBefore, AllocationCounter::process());
    QCOMPARE(wrongCounts.load(), 0);
    QVERIFY(processDelta.allocations >= quint64(kThreads * kAllocs));
    QVERIFY(processDelta.frees >= quint64(kThreads * kAllocs));
    QVERIFY(processDelta.bytesAllocated >= quint64(kThreads * kAllocs * kSize));
}

void TestAllocationCounter::largeAllocations()
{
    const std::size_t oldThreshold = AllocationCounter::largeThreshold();
    AllocationCounter::setLargeThreshold(9000);
    AllocationCounter::resetLargest();
    const quint64 before = AllocationCounter::largeAllocations();
    void *small = ::operator new(8999);
    escape(small);
    const quint64 afterSmall = AllocationCounter::largeAllocations();
    void *large = ::operator new(9000);
    escape(large);
    void *larger = ::operator new[](20000);
    escape(larger);
    const quint64 afterLarge = AllocationCounter::largeAllocations();
    const std::size_t largest = AllocationCounter::largestAllocation();
    ::operator delete(small);
    ::operator delete(large);
    ::operator delete[](larger);
    AllocationCounter::setLargeThreshold(oldThreshold);

    QCOMPARE(afterSmall - before, 0u);
    QCOMPARE(afterLarge - before, 2u);
    QCOMPARE(largest, std::size_t(20000));
    QCOMPARE(AllocationCounter::ThreadHandle::current().largeAllocations(), afterLarge);
}

QTEST_GUILESS_MAIN(TestAllocationCounter)
#include "tst_allocationcounter.moc"

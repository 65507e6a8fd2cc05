// Tests of the allocation-accounting library's C allocation functions (malloc, calloc,
// realloc, posix_memalign, aligned_alloc, memalign, valloc, strdup through them, and
// Qt's containers, which allocate with malloc): counted at their usable size, a free
// counting exactly what its allocation did. Skipped where malloc is not counted
// (sanitizer builds; valgrind without --soname-synonyms=somalloc=nouserintercepts).

#include "AllocationCounter.h"

#include <QByteArray>
#include <QTest>

#include <cstdlib>
#include <cstring>
#include <malloc.h>

namespace {
// Keeps the compiler from eliding an allocate/free pair.
void escape(void *p)
{
    asm volatile("" : : "g"(p) : "memory");
}
} // namespace

class TestMallocCounting final : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void init();
    void mallocFamily_data();
    void mallocFamily();
    void reallocCountsFreeAndAllocation();
    void qtContainersAreCounted();
};

void TestMallocCounting::init()
{
    if (!AllocationCounter::countsMalloc())
        QSKIP("malloc() is not counted in this build (sanitizer build, or valgrind without "
              "--soname-synonyms=somalloc=nouserintercepts)");
}

// The C allocation functions, counted at their usable size (outside sanitizer builds).
enum class CFn { Malloc, Calloc, PosixMemalign, AlignedAlloc, Memalign, Valloc, Strdup };

void TestMallocCounting::mallocFamily_data()
{
    QTest::addColumn<int>("fn");
    QTest::addColumn<int>("size");
    const std::pair<const char *, CFn> fns[] = {
        {"malloc", CFn::Malloc},
        {"calloc", CFn::Calloc},
        {"posix_memalign", CFn::PosixMemalign},
        {"aligned_alloc", CFn::AlignedAlloc},
        {"memalign", CFn::Memalign},
        {"valloc", CFn::Valloc},
        {"strdup", CFn::Strdup},
    };
    for (const auto &[name, fn] : fns) {
        for (const int size : {1, 100, 9000})
            QTest::addRow("%s, %d bytes", name, size) << int(fn) << size;
    }
}

void TestMallocCounting::mallocFamily()
{
    QFETCH(int, fn);
    QFETCH(int, size);
    const auto n = std::size_t(size);
    const QByteArray text(size - 1, 'x'); // strdup copies size - 1 chars and the NUL

    const AllocationCounts before = AllocationCounter::thisThread();
    void *p = nullptr;
    switch (CFn(fn)) {
    case CFn::Malloc:
        p = std::malloc(n);
        break;
    case CFn::Calloc:
        p = std::calloc(n, 1);
        break;
    case CFn::PosixMemalign:
        if (::posix_memalign(&p, 64, n) != 0)
            p = nullptr;
        break;
    case CFn::AlignedAlloc:
        p = std::aligned_alloc(64, n);
        break;
    case CFn::Memalign:
        p = ::memalign(64, n);
        break;
    case CFn::Valloc:
        p = ::valloc(n);
        break;
    case CFn::Strdup:
        p = ::strdup(text.constData());
        break;
    }
    escape(p);
    const AllocationCounts allocated = AllocationCounter::thisThread();
    const std::size_t usable = p ? ::malloc_usable_size(p) : 0;
    std::free(p);
    const AllocationCounts freed = AllocationCounter::thisThread();

    QVERIFY(p != nullptr);
    QVERIFY(usable >= n);
    const AllocationCounts a = AllocationCounter::delta(before, allocated);
    QCOMPARE(a.allocations, 1u);
    QCOMPARE(a.bytesAllocated, quint64(usable));
    const AllocationCounts f = AllocationCounter::delta(allocated, freed);
    QCOMPARE(f.frees, 1u);
    QCOMPARE(f.bytesFreed, quint64(usable));
    QCOMPARE(f.allocations, 0u);
}

void TestMallocCounting::reallocCountsFreeAndAllocation()
{
    const AllocationCounts start = AllocationCounter::thisThread();
    void *p = std::realloc(nullptr, 100); // = malloc
    escape(p);
    const std::size_t firstUsable = ::malloc_usable_size(p);
    const AllocationCounts afterFirst = AllocationCounter::thisThread();
    void *q = std::realloc(p, 100000);
    escape(q);
    const std::size_t secondUsable = ::malloc_usable_size(q);
    const AllocationCounts afterGrow = AllocationCounter::thisThread();
    std::free(q);
    const AllocationCounts end = AllocationCounter::thisThread();

    const AllocationCounts first = AllocationCounter::delta(start, afterFirst);
    QCOMPARE(first.allocations, 1u);
    QCOMPARE(first.frees, 0u);
    QCOMPARE(first.bytesAllocated, quint64(firstUsable));
    const AllocationCounts grow = AllocationCounter::delta(afterFirst, afterGrow);
    QCOMPARE(grow.allocations, 1u);
    QCOMPARE(grow.frees, 1u);
    QCOMPARE(grow.bytesFreed, quint64(firstUsable));
    QCOMPARE(grow.bytesAllocated, quint64(secondUsable));
    const AllocationCounts total = AllocationCounter::delta(start, end);
    QCOMPARE(total.allocations, total.frees);
    QCOMPARE(total.bytesAllocated, total.bytesFreed);
}

void TestMallocCounting::qtContainersAreCounted()
{
    // Qt's containers allocate with malloc(), not operator new: the datagram copy a
    // Packet carries is a QByteArray, and it must show in the counts.
    const char source[300] = {};
    const AllocationCounts before = AllocationCounter::thisThread();
    {
        const QByteArray copy(source, sizeof source);
        escape(const_cast<char *>(copy.constData()));
    }
    const AllocationCounts d = AllocationCounter::delta(before, AllocationCounter::thisThread());
    QCOMPARE(d.allocations, 1u);
    QCOMPARE(d.frees, 1u);
    QVERIFY2(d.bytesAllocated >= 300 && d.bytesAllocated <= 300 + 64,
             QByteArray::number(d.bytesAllocated).constData());
    QCOMPARE(d.bytesFreed, d.bytesAllocated);
}

QTEST_GUILESS_MAIN(TestMallocCounting)
#include "tst_malloccounting.moc"

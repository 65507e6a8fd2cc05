#include "AllocationCounter.h"
#include "AllocationCounterDetail.h"

#include <atomic>
#include <cstdlib>
#include <new>

namespace {

using Counter = std::atomic<quint64>;

// One thread's counters. Only the owning thread writes them, so an increment is a
// relaxed load and store (no locked instruction); they are atomics only so that a
// ThreadHandle may read them from another thread without a data race.
struct ThreadBlock
{
    Counter allocations{0};
    Counter frees{0};
    Counter bytesAllocated{0};
    Counter bytesFreed{0};
    Counter largeAllocations{0};
    std::atomic<std::size_t> largest{0};
    std::size_t largeThreshold = 4096; // owner thread only
};

struct alignas(64) ProcessBlock
{
    Counter allocations{0};
    Counter frees{0};
    Counter bytesAllocated{0};
    Counter bytesFreed{0};
};

// constinit + trivially destructible: no TLS constructor or destructor is ever
// registered, the storage exists from the thread's first instruction to its last,
// and touching it never allocates. initial-exec keeps access to a plain offset even if
// this file ever ends up in a shared object (no lazy __tls_get_addr allocation).
constinit thread_local ThreadBlock t_block __attribute__((tls_model("initial-exec")));
constinit ProcessBlock s_process;

inline void bump(Counter &counter, quint64 by) noexcept
{
    counter.store(counter.load(std::memory_order_relaxed) + by, std::memory_order_relaxed);
}

AllocationCounts readBlock(const ThreadBlock &t) noexcept
{
    AllocationCounts c;
    c.allocations = t.allocations.load(std::memory_order_relaxed);
    c.frees = t.frees.load(std::memory_order_relaxed);
    c.bytesAllocated = t.bytesAllocated.load(std::memory_order_relaxed);
    c.bytesFreed = t.bytesFreed.load(std::memory_order_relaxed);
    return c;
}

AllocationCounts threadCounts()
{
    return readBlock(t_block);
}

AllocationCounts processCounts()
{
    AllocationCounts c;
    c.allocations = s_process.allocations.load(std::memory_order_relaxed);
    c.frees = s_process.frees.load(std::memory_order_relaxed);
    c.bytesAllocated = s_process.bytesAllocated.load(std::memory_order_relaxed);
    c.bytesFreed = s_process.bytesFreed.load(std::memory_order_relaxed);
    return c;
}

// Whether our replacements are the ones actually called: valgrind, for one, replaces
// the allocation functions of the main executable with its own unless told
// --soname-synonyms=somalloc=nouserintercepts. Called through volatile pointers so the
// compiler cannot drop the allocate/free pair.
bool selfTestOperatorNew()
{
    void *(*volatile allocateFn)(std::size_t) = ::operator new;
    void (*volatile freeFn)(void *) noexcept = ::operator delete;
    const quint64 before = t_block.allocations.load(std::memory_order_relaxed);
    freeFn(allocateFn(1));
    return t_block.allocations.load(std::memory_order_relaxed) != before;
}

bool selfTestMalloc()
{
    if (!MDNSCOPE_ALLOC_INTERPOSE_MALLOC)
        return false;
    void *(*volatile allocateFn)(std::size_t) = std::malloc;
    void (*volatile freeFn)(void *) noexcept = std::free;
    const quint64 before = t_block.allocations.load(std::memory_order_relaxed);
    freeFn(allocateFn(1));
    return t_block.allocations.load(std::memory_order_relaxed) != before;
}

struct Activation
{
    bool operatorNew = false;
    bool malloc = false;
};

// Dynamic initialisation of this library's only global: checks that the counting is
// live, then hands the counters to core code before main() runs.
const Activation s_active = [] {
    Activation a;
    a.operatorNew = selfTestOperatorNew();
    a.malloc = selfTestMalloc();
    if (a.operatorNew)
        AllocationProbe::install(&threadCounts, &processCounts);
    return a;
}();

} // namespace

void AllocationCounterDetail::countAllocation(std::size_t size) noexcept
{
    ThreadBlock &t = t_block;
    bump(t.allocations, 1);
    bump(t.bytesAllocated, size);
    if (size >= t.largeThreshold)
        bump(t.largeAllocations, 1);
    if (size > t.largest.load(std::memory_order_relaxed))
        t.largest.store(size, std::memory_order_relaxed);
    s_process.allocations.fetch_add(1, std::memory_order_relaxed);
    s_process.bytesAllocated.fetch_add(size, std::memory_order_relaxed);
}

void AllocationCounterDetail::countFree(std::size_t size) noexcept
{
    ThreadBlock &t = t_block;
    bump(t.frees, 1);
    bump(t.bytesFreed, size);
    s_process.frees.fetch_add(1, std::memory_order_relaxed);
    s_process.bytesFreed.fetch_add(size, std::memory_order_relaxed);
}

bool AllocationCounter::countsOperatorNew()
{
    return s_active.operatorNew;
}

bool AllocationCounter::countsMalloc()
{
    return s_active.malloc;
}

AllocationCounts AllocationCounter::thisThread()
{
    return threadCounts();
}

AllocationCounts AllocationCounter::process()
{
    return processCounts();
}

AllocationCounts AllocationCounter::delta(const AllocationCounts &before,
                                          const AllocationCounts &after)
{
    AllocationCounts d;
    d.allocations = after.allocations - before.allocations;
    d.frees = after.frees - before.frees;
    d.bytesAllocated = after.bytesAllocated - before.bytesAllocated;
    d.bytesFreed = after.bytesFreed - before.bytesFreed;
    return d;
}

quint64 AllocationCounter::largeAllocations()
{
    return t_block.largeAllocations.load(std::memory_order_relaxed);
}

void AllocationCounter::setLargeThreshold(std::size_t bytes)
{
    t_block.largeThreshold = bytes;
}

std::size_t AllocationCounter::largeThreshold()
{
    return t_block.largeThreshold;
}

std::size_t AllocationCounter::largestAllocation()
{
    return t_block.largest.load(std::memory_order_relaxed);
}

void AllocationCounter::resetLargest()
{
    t_block.largest.store(0, std::memory_order_relaxed);
}

AllocationCounter::ThreadHandle AllocationCounter::ThreadHandle::current()
{
    return ThreadHandle(&t_block);
}

AllocationCounts AllocationCounter::ThreadHandle::counts() const
{
    return m_block ? readBlock(*static_cast<const ThreadBlock *>(m_block)) : AllocationCounts{};
}

quint64 AllocationCounter::ThreadHandle::largeAllocations() const
{
    if (!m_block)
        return 0;
    return static_cast<const ThreadBlock *>(m_block)->largeAllocations.load(
        std::memory_order_relaxed);
}

#include "AllocationCounter.h"
#include "AllocationCounterDetail.h"

#include <atomic>
#include <cstdlib>
#include <cstring>
#include <fcntl.h>
#include <new>
#include <pthread.h>
#include <unistd.h>

namespace {

using Counter = std::atomic<quint64>;

// One thread's counters (or, once it exited, those of every thread that used the slot:
// a slot's counters only ever grow, which keeps the process sum exact and monotonic).
// Only the thread holding the slot writes it, so an increment is a relaxed load and
// store, not a locked instruction; atomics only so that other threads may read.
struct alignas(64) Slot
{
    Counter allocations{0};
    Counter frees{0};
    Counter bytesAllocated{0};
    Counter bytesFreed{0};
    Counter largeAllocations{0};
    std::atomic<bool> taken{false};
};

constexpr int kSlots = 256;
constinit Slot s_slots[kSlots];
// Threads without a slot (none free, or allocating after their exit hook) count here,
// with read-modify-write atomics since several threads may share it.
constinit Slot s_unattached;

enum class Attach : unsigned char { None, Attaching, Attached, Detached };

// What a thread knows about itself. constinit + trivially destructible: no TLS
// constructor or destructor is registered, the storage exists from the thread's first
// instruction to its last, and touching it never allocates. initial-exec keeps access
// to a plain offset even if this file ever ends up in a shared object.
struct ThreadState
{
    Slot *slot = nullptr;
    Attach attach = Attach::None;
    quint64 baseAllocations = 0; // the slot's counts when this thread took it
    quint64 baseFrees = 0;
    quint64 baseBytesAllocated = 0;
    quint64 baseBytesFreed = 0;
    quint64 baseLarge = 0;
    std::size_t largeThreshold = 4096;
    std::size_t largest = 0;
};
constinit thread_local ThreadState t_state __attribute__((tls_model("initial-exec")));

inline void bump(Counter &counter, quint64 by) noexcept
{
    counter.store(counter.load(std::memory_order_relaxed) + by, std::memory_order_relaxed);
}

// Runs when a thread that holds a slot exits (pthread key destructor): gives the slot
// back. Anything the thread still allocates afterwards is counted as unattached.
void detach(void *) noexcept
{
    ThreadState &t = t_state;
    Slot *slot = t.slot;
    t.slot = nullptr;
    t.attach = Attach::Detached;
    if (slot)
        slot->taken.store(false, std::memory_order_release);
}

struct ExitKey
{
    pthread_key_t key{};
    bool ok = false;
};

const ExitKey &exitKey() noexcept
{
    // pthread_key_create takes a slot of a static table: no allocation.
    static const ExitKey k = [] {
        ExitKey e;
        e.ok = ::pthread_key_create(&e.key, &detach) == 0;
        return e;
    }();
    return k;
}

// Takes a free slot for the calling thread (its first allocation). Re-entrant: the
// exit-hook registration may itself allocate, which then counts as unattached.
Slot *attach(ThreadState &t) noexcept
{
    if (t.attach != Attach::None)
        return nullptr;
    t.attach = Attach::Attaching;
    Slot *found = nullptr;
    for (Slot &candidate : s_slots) {
        bool expected = false;
        if (!candidate.taken.load(std::memory_order_relaxed) &&
            candidate.taken.compare_exchange_strong(expected, true, std::memory_order_acquire,
                                                    std::memory_order_relaxed)) {
            found = &candidate;
            break;
        }
    }
    if (!found) {
        t.attach = Attach::Detached; // no rescan on every allocation
        return nullptr;
    }
    t.baseAllocations = found->allocations.load(std::memory_order_relaxed);
    t.baseFrees = found->frees.load(std::memory_order_relaxed);
    t.baseBytesAllocated = found->bytesAllocated.load(std::memory_order_relaxed);
    t.baseBytesFreed = found->bytesFreed.load(std::memory_order_relaxed);
    t.baseLarge = found->largeAllocations.load(std::memory_order_relaxed);
    const ExitKey &k = exitKey();
    if (k.ok)
        ::pthread_setspecific(k.key, found); // without it the slot just stays taken
    t.slot = found;
    t.attach = Attach::Attached;
    return found;
}

inline Slot *slotOf(ThreadState &t) noexcept
{
    Slot *slot = t.slot;
    return slot ? slot : attach(t);
}

AllocationCounts threadCounts()
{
    ThreadState &t = t_state;
    const Slot *slot = slotOf(t);
    if (!slot)
        return {};
    AllocationCounts c;
    c.allocations = slot->allocations.load(std::memory_order_relaxed) - t.baseAllocations;
    c.frees = slot->frees.load(std::memory_order_relaxed) - t.baseFrees;
    c.bytesAllocated = slot->bytesAllocated.load(std::memory_order_relaxed) - t.baseBytesAllocated;
    c.bytesFreed = slot->bytesFreed.load(std::memory_order_relaxed) - t.baseBytesFreed;
    return c;
}

void addSlot(AllocationCounts &sum, const Slot &slot)
{
    sum.allocations += slot.allocations.load(std::memory_order_relaxed);
    sum.frees += slot.frees.load(std::memory_order_relaxed);
    sum.bytesAllocated += slot.bytesAllocated.load(std::memory_order_relaxed);
    sum.bytesFreed += slot.bytesFreed.load(std::memory_order_relaxed);
}

AllocationCounts processCounts()
{
    AllocationCounts sum;
    for (const Slot &slot : s_slots)
        addSlot(sum, slot);
    addSlot(sum, s_unattached);
    return sum;
}

// Whether our replacements are the ones actually called: valgrind, for one, replaces
// the allocation functions of the main executable with its own unless told
// --soname-synonyms=somalloc=nouserintercepts. Called through volatile pointers so the
// compiler cannot drop the allocate/free pair.
bool selfTestOperatorNew()
{
    void *(*volatile allocateFn)(std::size_t) = ::operator new;
    void (*volatile freeFn)(void *) noexcept = ::operator delete;
    const quint64 before = threadCounts().allocations;
    freeFn(allocateFn(1));
    return threadCounts().allocations != before;
}

bool selfTestMalloc()
{
    if (!MDNSCOPE_ALLOC_INTERPOSE_MALLOC)
        return false;
    void *(*volatile allocateFn)(std::size_t) = std::malloc;
    void (*volatile freeFn)(void *) noexcept = std::free;
    const quint64 before = threadCounts().allocations;
    freeFn(allocateFn(1));
    return threadCounts().allocations != before;
}

struct Activation
{
    bool operatorNew = false;
    bool malloc = false;
};

// MDNSCOPE_ALLOC_REPORT=FILE: the process's counts when it exits, as one line appended to FILE
// ("exit allocations=N frees=N bytes=N", the form of bench/MallocCountPreload.cpp's), so a
// benchmark reads this counter for a whole process whatever the process writes itself.
char s_reportPath[4096];

size_t appendText(char *to, size_t at, size_t cap, const char *text)
{
    while (*text && at < cap)
        to[at++] = *text++;
    return at;
}

size_t appendNumber(char *to, size_t at, size_t cap, quint64 v)
{
    char digits[24];
    size_t d = sizeof digits;
    do {
        digits[--d] = char('0' + v % 10);
        v /= 10;
    } while (v > 0);
    while (d < sizeof digits && at < cap)
        to[at++] = digits[d++];
    return at;
}

extern "C" void reportAtExit()
{
    const AllocationCounts c = processCounts();
    char line[160];
    const size_t cap = sizeof line - 1;
    size_t n = appendText(line, 0, cap, "exit allocations=");
    n = appendNumber(line, n, cap, c.allocations);
    n = appendText(line, n, cap, " frees=");
    n = appendNumber(line, n, cap, c.frees);
    n = appendText(line, n, cap, " bytes=");
    n = appendNumber(line, n, cap, c.bytesAllocated);
    line[n++] = '\n';
    const int fd = ::open(s_reportPath, O_WRONLY | O_CREAT | O_APPEND | O_CLOEXEC, 0644);
    if (fd >= 0) {
        [[maybe_unused]] const ssize_t written = ::write(fd, line, n);
        ::close(fd);
    }
}

void reportAtExitIfAsked()
{
    const char *path = std::getenv("MDNSCOPE_ALLOC_REPORT");
    if (!path || !*path || std::strlen(path) >= sizeof s_reportPath)
        return;
    std::memcpy(s_reportPath, path, std::strlen(path) + 1);
    std::atexit(reportAtExit);
}

// Dynamic initialisation of this library's only global: checks that the counting is
// live, then hands the counters to core code before main() runs.
const Activation s_active = [] {
    Activation a;
    a.operatorNew = selfTestOperatorNew();
    a.malloc = selfTestMalloc();
    if (a.operatorNew) {
        AllocationProbe::install(&threadCounts, &processCounts);
        reportAtExitIfAsked();
    }
    return a;
}();

} // namespace

void AllocationCounterDetail::countAllocation(std::size_t size) noexcept
{
    ThreadState &t = t_state;
    const bool large = size >= t.largeThreshold;
    if (size > t.largest)
        t.largest = size;
    if (Slot *slot = slotOf(t)) [[likely]] {
        bump(slot->allocations, 1);
        bump(slot->bytesAllocated, size);
        if (large)
            bump(slot->largeAllocations, 1);
    } else {
        s_unattached.allocations.fetch_add(1, std::memory_order_relaxed);
        s_unattached.bytesAllocated.fetch_add(size, std::memory_order_relaxed);
    }
}

void AllocationCounterDetail::countFree(std::size_t size) noexcept
{
    if (Slot *slot = slotOf(t_state)) [[likely]] {
        bump(slot->frees, 1);
        bump(slot->bytesFreed, size);
    } else {
        s_unattached.frees.fetch_add(1, std::memory_order_relaxed);
        s_unattached.bytesFreed.fetch_add(size, std::memory_order_relaxed);
    }
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
    ThreadState &t = t_state;
    const Slot *slot = slotOf(t);
    return slot ? slot->largeAllocations.load(std::memory_order_relaxed) - t.baseLarge : 0;
}

void AllocationCounter::setLargeThreshold(std::size_t bytes)
{
    t_state.largeThreshold = bytes;
}

std::size_t AllocationCounter::largeThreshold()
{
    return t_state.largeThreshold;
}

std::size_t AllocationCounter::largestAllocation()
{
    return t_state.largest;
}

void AllocationCounter::resetLargest()
{
    t_state.largest = 0;
}

AllocationCounter::ThreadHandle AllocationCounter::ThreadHandle::current()
{
    ThreadState &t = t_state;
    ThreadHandle h;
    h.m_slot = slotOf(t);
    h.m_base.allocations = t.baseAllocations;
    h.m_base.frees = t.baseFrees;
    h.m_base.bytesAllocated = t.baseBytesAllocated;
    h.m_base.bytesFreed = t.baseBytesFreed;
    h.m_baseLarge = t.baseLarge;
    return h;
}

AllocationCounts AllocationCounter::ThreadHandle::counts() const
{
    if (!m_slot)
        return {};
    const auto *slot = static_cast<const Slot *>(m_slot);
    AllocationCounts c;
    c.allocations = slot->allocations.load(std::memory_order_relaxed) - m_base.allocations;
    c.frees = slot->frees.load(std::memory_order_relaxed) - m_base.frees;
    c.bytesAllocated = slot->bytesAllocated.load(std::memory_order_relaxed) - m_base.bytesAllocated;
    c.bytesFreed = slot->bytesFreed.load(std::memory_order_relaxed) - m_base.bytesFreed;
    return c;
}

quint64 AllocationCounter::ThreadHandle::largeAllocations() const
{
    if (!m_slot)
        return 0;
    return static_cast<const Slot *>(m_slot)->largeAllocations.load(std::memory_order_relaxed) -
           m_baseLarge;
}

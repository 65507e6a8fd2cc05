#pragma once

#include "AllocationProbe.h"

#include <cstddef>

// Allocation accounting for the app, the tests and the benchmarks (never mdnscope_core).
// Linking this OBJECT library replaces every form of the global operator new/delete
// (plain, array, nothrow, sized, aligned) and, outside sanitizer builds, the C
// allocation functions (malloc, calloc, realloc, free, posix_memalign, ...: Qt's
// containers allocate with malloc) with versions that count allocations, frees and
// bytes, process-wide and per thread. At static initialisation it checks that its
// replacements are really the ones called and then installs AllocationProbe, so core
// code (the capture worker) can read the counts.
//
// Bytes: operator new blocks count their requested size (a 16-byte header in front of
// each block records it for the free); malloc blocks count their usable size
// (malloc_usable_size: the request rounded up by the C library, by at most 24 bytes).
// Either way a free counts exactly the bytes its allocation did. A realloc that moves
// or resizes a block counts as one free and one allocation.
// A thread's counts are what that thread allocated and what that thread freed (a block
// freed by another thread counts as a free there).
//
// With MDNSCOPE_ALLOC_REPORT=FILE in the environment, the process's counts at exit are appended
// to FILE as one line "exit allocations=N frees=N bytes=N" (bench_captureallocations reads it
// beside an LD_PRELOAD counter's).
//
// Thread-safety: the allocation path takes no lock and no read-modify-write atomic.
// Each thread counts into a slot of a static table that only it writes (taken at its
// first allocation, given back when it exits); the process counts are the sum of all
// slots, so reading them costs a walk over the table, not the allocation path.
// Thread state lives in constant-initialised thread_local storage (no dynamic TLS
// initialisation, no allocation, safe while a thread starts or exits). A thread that
// finds no free slot (more than 256 threads at once) or allocates after its exit hook
// ran is counted process-wide only. Any thread may call every function below.
namespace AllocationCounter {

// Whether operator new/delete, and malloc() and friends, are being counted. False
// under valgrind unless run with --soname-synonyms=somalloc=nouserintercepts
// (valgrind then substitutes its own allocator), and countsMalloc() is false in
// sanitizer builds (the sanitizer's malloc must stay in charge).
bool countsOperatorNew();
bool countsMalloc();

// Counts of the calling thread since it started.
AllocationCounts thisThread();
// Counts of the whole process since it started.
AllocationCounts process();
// after - before, field by field (for measuring a region).
AllocationCounts delta(const AllocationCounts &before, const AllocationCounts &after);

// Allocations of at least largeThreshold() bytes made by the calling thread since it
// started, counted against the threshold in force when each allocation happened.
// Lets a test assert "no 9000-byte allocation per packet" without a histogram.
quint64 largeAllocations();
void setLargeThreshold(std::size_t bytes); // calling thread only; default 4096
std::size_t largeThreshold();

// Largest single allocation (requested bytes) of the calling thread since it started
// or since the last resetLargest().
std::size_t largestAllocation();
void resetLargest();

// Reads one thread's counters from any thread. Obtained by that thread itself with
// ThreadHandle::current(); valid only while that thread is alive (after it exits, its
// counter slot may be reused by another thread), so keep the thread joined after the
// last read. Counts are since the thread started, like thisThread().
class ThreadHandle final
{
public:
    ThreadHandle() = default;
    static ThreadHandle current();
    bool isValid() const { return m_slot != nullptr; }
    AllocationCounts counts() const; // zero counts for an invalid handle
    quint64 largeAllocations() const;

private:
    const void *m_slot = nullptr;
    AllocationCounts m_base; // the slot's counts when the thread took it
    quint64 m_baseLarge = 0;
};

} // namespace AllocationCounter

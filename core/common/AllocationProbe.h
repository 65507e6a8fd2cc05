#pragma once

#include <QtGlobal>

// Read-only view of the allocation counters for code in mdnscope_core, which must
// not link the allocation-accounting library (alloc/). That library installs its
// functions here when it is linked into an executable; otherwise available() is
// false and every count reads zero. Any thread.
struct AllocationCounts
{
    quint64 allocations = 0;
    quint64 frees = 0;
    quint64 bytesAllocated = 0;
    quint64 bytesFreed = 0;
};

namespace AllocationProbe {
using CountsFn = AllocationCounts (*)();

// Called once by the accounting library during static initialisation.
void install(CountsFn currentThread, CountsFn process);
bool available();
// Counts of allocations made by the calling thread since it started.
AllocationCounts currentThread();
// Counts of the whole process since it started.
AllocationCounts process();
} // namespace AllocationProbe

#pragma once

#include <QList>

// Pins benchmark threads to fixed CPUs at a raised priority, so that the throughput
// benchmark's sender and receiver each run on a core of their own, placed the same way
// for every receiver compared, and other work on the machine takes little from them.
// Linux sched_setaffinity / setpriority; any thread (each call affects only the calling
// thread; threads it starts later inherit both).
namespace CpuAffinity {
// The nice value of every pinned benchmark thread and process.
inline constexpr int kPlacedNice = -20;
// The CPUs this process may run on, in ascending order (empty if unknown).
QList<int> allowedCpus();
// Pins the calling thread to `cpu`; cpu < 0 does nothing. False when the kernel refused.
bool pinCurrentThread(int cpu);
// Gives the calling thread the nice value `nice` (e.g. -20: a CFS weight ~87x that of a
// nice 0 task, so competing nice 0 work gets ~1% of the core instead of an equal share,
// yet is never starved as with a real-time policy). False when not permitted (no root).
bool setCurrentThreadNice(int nice);
// The CPUs the calling thread may run on now, e.g. "1" or "0,1" (for reports).
QString currentThreadCpus();
} // namespace CpuAffinity

#include "AllocationProbe.h"

#include <atomic>

namespace {
// constinit: usable from static initialisers of other translation units in any order.
constinit std::atomic<AllocationProbe::CountsFn> s_thread{nullptr};
constinit std::atomic<AllocationProbe::CountsFn> s_process{nullptr};
} // namespace

void AllocationProbe::install(CountsFn currentThread, CountsFn process)
{
    s_thread.store(currentThread, std::memory_order_release);
    s_process.store(process, std::memory_order_release);
}

bool AllocationProbe::available()
{
    return s_thread.load(std::memory_order_acquire) != nullptr;
}

AllocationCounts AllocationProbe::currentThread()
{
    const auto fn = s_thread.load(std::memory_order_acquire);
    return fn ? fn() : AllocationCounts{};
}

AllocationCounts AllocationProbe::process()
{
    const auto fn = s_process.load(std::memory_order_acquire);
    return fn ? fn() : AllocationCounts{};
}

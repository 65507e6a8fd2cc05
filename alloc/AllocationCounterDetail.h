#pragma once

#include <cstddef>

// Internals shared by the files of the allocation-accounting library: the counting
// hooks and the uncounted allocator underneath. Not for use outside alloc/.

// Sanitizers and valgrind bring their own malloc; interposing malloc() in front of a
// sanitizer's would take its allocator out of the loop, so in sanitizer builds only
// operator new/delete is counted and malloc() is left to the sanitizer.
#if defined(__SANITIZE_ADDRESS__) || defined(__SANITIZE_THREAD__)
#define MDNSCOPE_ALLOC_INTERPOSE_MALLOC 0
#elif defined(__has_feature)
#if __has_feature(address_sanitizer) || __has_feature(thread_sanitizer) ||                         \
    __has_feature(memory_sanitizer)
#define MDNSCOPE_ALLOC_INTERPOSE_MALLOC 0
#endif
#endif
#ifndef MDNSCOPE_ALLOC_INTERPOSE_MALLOC
#define MDNSCOPE_ALLOC_INTERPOSE_MALLOC 1
#endif

namespace AllocationCounterDetail {
// Record one allocation / free of `bytes` on the calling thread and the process.
void countAllocation(std::size_t bytes) noexcept;
void countFree(std::size_t bytes) noexcept;

// The C library's allocator, bypassing the counting malloc() when it is interposed
// (so that operator new is not counted twice).
void *rawMalloc(std::size_t bytes) noexcept;
void *rawAlignedMalloc(std::size_t alignment, std::size_t bytes) noexcept;
void rawFree(void *ptr) noexcept;
} // namespace AllocationCounterDetail

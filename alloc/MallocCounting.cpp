#include "AllocationCounterDetail.h"

#include <cerrno>
#include <cstdlib>
#include <malloc.h>

// Outside sanitizer builds the C allocation functions are replaced too, so that what
// Qt allocates with malloc() (QByteArray, QString, QList storage...) is counted like
// operator new. The replacements forward to the C library's own allocator through its
// exported __libc_* entry points, the interposition glibc documents ("Replacing
// malloc"). A malloc block is counted at its usable size (malloc_usable_size) on
// allocation and on free, so the two always match without a header in front of it.

using namespace AllocationCounterDetail;

#if MDNSCOPE_ALLOC_INTERPOSE_MALLOC

extern "C" {
void *__libc_malloc(std::size_t size) noexcept;
void *__libc_calloc(std::size_t count, std::size_t size) noexcept;
void *__libc_realloc(void *ptr, std::size_t size) noexcept;
void *__libc_memalign(std::size_t alignment, std::size_t size) noexcept;
void *__libc_valloc(std::size_t size) noexcept;
void *__libc_pvalloc(std::size_t size) noexcept;
void __libc_free(void *ptr) noexcept;
}

namespace {
void *counted(void *ptr) noexcept
{
    if (ptr)
        countAllocation(::malloc_usable_size(ptr));
    return ptr;
}

bool isPowerOfTwo(std::size_t n)
{
    return n != 0 && (n & (n - 1)) == 0;
}
} // namespace

void *AllocationCounterDetail::rawMalloc(std::size_t bytes) noexcept
{
    return __libc_malloc(bytes);
}

void *AllocationCounterDetail::rawAlignedMalloc(std::size_t alignment, std::size_t bytes) noexcept
{
    return __libc_memalign(alignment, bytes);
}

void AllocationCounterDetail::rawFree(void *ptr) noexcept
{
    __libc_free(ptr);
}

extern "C" void *malloc(std::size_t size) noexcept
{
    return counted(__libc_malloc(size));
}

extern "C" void *calloc(std::size_t count, std::size_t size) noexcept
{
    return counted(__libc_calloc(count, size));
}

extern "C" void free(void *ptr) noexcept
{
    if (!ptr)
        return;
    countFree(::malloc_usable_size(ptr));
    __libc_free(ptr);
}

// A successful resize is counted as one free of the old block and one allocation of
// the new one, so allocations - frees stays the number of live blocks.
extern "C" void *realloc(void *ptr, std::size_t size) noexcept
{
    if (!ptr)
        return counted(__libc_malloc(size));
    if (size == 0) { // glibc frees and returns NULL
        free(ptr);
        return nullptr;
    }
    const std::size_t oldSize = ::malloc_usable_size(ptr);
    void *resized = __libc_realloc(ptr, size);
    if (resized) {
        countFree(oldSize);
        countAllocation(::malloc_usable_size(resized));
    }
    return resized;
}

extern "C" void *reallocarray(void *ptr, std::size_t count, std::size_t size) noexcept
{
    std::size_t total = 0;
    if (__builtin_mul_overflow(count, size, &total)) {
        errno = ENOMEM;
        return nullptr;
    }
    return realloc(ptr, total);
}

extern "C" int posix_memalign(void **out, std::size_t alignment, std::size_t size) noexcept
{
    if (!isPowerOfTwo(alignment) || alignment % sizeof(void *) != 0)
        return EINVAL;
    void *ptr = __libc_memalign(alignment, size);
    if (!ptr)
        return ENOMEM;
    *out = counted(ptr);
    return 0;
}

extern "C" void *aligned_alloc(std::size_t alignment, std::size_t size) noexcept
{
    if (!isPowerOfTwo(alignment)) {
        errno = EINVAL;
        return nullptr;
    }
    return counted(__libc_memalign(alignment, size));
}

extern "C" void *memalign(std::size_t alignment, std::size_t size) noexcept
{
    return counted(__libc_memalign(alignment, size));
}

extern "C" void *valloc(std::size_t size) noexcept
{
    return counted(__libc_valloc(size));
}

extern "C" void *pvalloc(std::size_t size) noexcept
{
    return counted(__libc_pvalloc(size));
}

#else // sanitizer build: malloc() stays the sanitizer's, uncounted

void *AllocationCounterDetail::rawMalloc(std::size_t bytes) noexcept
{
    return std::malloc(bytes);
}

void *AllocationCounterDetail::rawAlignedMalloc(std::size_t alignment, std::size_t bytes) noexcept
{
    void *ptr = nullptr;
    return ::posix_memalign(&ptr, alignment, bytes) == 0 ? ptr : nullptr;
}

void AllocationCounterDetail::rawFree(void *ptr) noexcept
{
    std::free(ptr);
}

#endif

#include "AllocationCounterDetail.h"

#include <cstdint>
#include <limits>
#include <new>

// The replaced global operator new/delete, every form C++20 declares. Each block
// starts with a header recording its requested size, so unsized deletes count the
// bytes they free and a block is always freed with exactly the bytes it was allocated
// with (sized deletes ignore the caller's size for the same reason). The header keeps
// the default new alignment, so the pointer handed out is as aligned as malloc's.

using namespace AllocationCounterDetail;

namespace {

constexpr std::size_t kHeader = __STDCPP_DEFAULT_NEW_ALIGNMENT__;
constexpr std::size_t kDefaultAlignment = __STDCPP_DEFAULT_NEW_ALIGNMENT__;
static_assert(kHeader >= sizeof(std::size_t) && (kHeader & (kHeader - 1)) == 0);

// Alignments up to the default take the plain path; larger ones reserve `alignment`
// bytes in front of the block, the header sitting at their end.
std::size_t prefixFor(std::size_t alignment) noexcept
{
    return alignment <= kHeader ? kHeader : alignment;
}

void *allocate(std::size_t size, std::size_t alignment) noexcept
{
    if (alignment == 0 || (alignment & (alignment - 1)) != 0)
        return nullptr;
    const std::size_t prefix = prefixFor(alignment);
    if (size > std::numeric_limits<std::size_t>::max() - prefix)
        return nullptr;
    void *base = alignment <= kHeader ? rawMalloc(prefix + size)
                                      : rawAlignedMalloc(alignment, prefix + size);
    if (!base)
        return nullptr;
    auto *user = static_cast<unsigned char *>(base) + prefix;
    *reinterpret_cast<std::size_t *>(user - kHeader) = size;
    countAllocation(size);
    return user;
}

void deallocate(void *ptr, std::size_t alignment) noexcept
{
    if (!ptr)
        return;
    auto *user = static_cast<unsigned char *>(ptr);
    countFree(*reinterpret_cast<const std::size_t *>(user - kHeader));
    rawFree(user - prefixFor(alignment));
}

// The throwing forms follow the standard: retry through the new_handler, then throw.
void *allocateOrThrow(std::size_t size, std::size_t alignment)
{
    for (;;) {
        if (void *p = allocate(size, alignment))
            return p;
        const std::new_handler handler = std::get_new_handler();
        if (!handler)
            throw std::bad_alloc();
        handler();
    }
}

// Same loop without throwing ourselves (an exception object is itself an allocation);
// a new_handler that throws still ends in nullptr.
void *allocateNoThrow(std::size_t size, std::size_t alignment) noexcept
{
    for (;;) {
        if (void *p = allocate(size, alignment))
            return p;
        const std::new_handler handler = std::get_new_handler();
        if (!handler)
            return nullptr;
        try {
            handler();
        } catch (...) {
            return nullptr;
        }
    }
}

} // namespace

void *operator new(std::size_t size)
{
    return allocateOrThrow(size, kDefaultAlignment);
}

void *operator new[](std::size_t size)
{
    return allocateOrThrow(size, kDefaultAlignment);
}

void *operator new(std::size_t size, const std::nothrow_t &) noexcept
{
    return allocateNoThrow(size, kDefaultAlignment);
}

void *operator new[](std::size_t size, const std::nothrow_t &) noexcept
{
    return allocateNoThrow(size, kDefaultAlignment);
}

void *operator new(std::size_t size, std::align_val_t alignment)
{
    return allocateOrThrow(size, static_cast<std::size_t>(alignment));
}

void *operator new[](std::size_t size, std::align_val_t alignment)
{
    return allocateOrThrow(size, static_cast<std::size_t>(alignment));
}

void *operator new(std::size_t size, std::align_val_t alignment, const std::nothrow_t &) noexcept
{
    return allocateNoThrow(size, static_cast<std::size_t>(alignment));
}

void *operator new[](std::size_t size, std::align_val_t alignment, const std::nothrow_t &) noexcept
{
    return allocateNoThrow(size, static_cast<std::size_t>(alignment));
}

void operator delete(void *ptr) noexcept
{
    deallocate(ptr, kDefaultAlignment);
}

void operator delete[](void *ptr) noexcept
{
    deallocate(ptr, kDefaultAlignment);
}

void operator delete(void *ptr, const std::nothrow_t &) noexcept
{
    deallocate(ptr, kDefaultAlignment);
}

void operator delete[](void *ptr, const std::nothrow_t &) noexcept
{
    deallocate(ptr, kDefaultAlignment);
}

// Sized forms: the size in the header is what gets counted (see above).
void operator delete(void *ptr, std::size_t) noexcept
{
    deallocate(ptr, kDefaultAlignment);
}

void operator delete[](void *ptr, std::size_t) noexcept
{
    deallocate(ptr, kDefaultAlignment);
}

void operator delete(void *ptr, std::align_val_t alignment) noexcept
{
    deallocate(ptr, static_cast<std::size_t>(alignment));
}

void operator delete[](void *ptr, std::align_val_t alignment) noexcept
{
    deallocate(ptr, static_cast<std::size_t>(alignment));
}

void operator delete(void *ptr, std::align_val_t alignment, const std::nothrow_t &) noexcept
{
    deallocate(ptr, static_cast<std::size_t>(alignment));
}

void operator delete[](void *ptr, std::align_val_t alignment, const std::nothrow_t &) noexcept
{
    deallocate(ptr, static_cast<std::size_t>(alignment));
}

void operator delete(void *ptr, std::size_t, std::align_val_t alignment) noexcept
{
    deallocate(ptr, static_cast<std::size_t>(alignment));
}

void operator delete[](void *ptr, std::size_t, std::align_val_t alignment) noexcept
{
    deallocate(ptr, static_cast<std::size_t>(alignment));
}

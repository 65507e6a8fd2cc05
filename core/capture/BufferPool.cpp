#include "BufferPool.h"

#include <algorithm>
#include <atomic>
#include <cstring>
#include <mutex>
#include <utility>
#include <vector>

namespace {
using Counter = std::atomic<quint64>;

std::byte *allocateBuffer()
{
    // Value-initialised: a fresh buffer never shows what the allocator had there before.
    return new std::byte[kReceiveBufferSize]();
}

void freeBuffer(std::byte *buffer)
{
    delete[] buffer;
}
} // namespace

struct BufferPool::State
{
    std::mutex mutex;
    std::vector<std::byte *> idleBuffers; // guarded by mutex
    qsizetype maxIdle = 0;                // guarded by mutex
    bool closed = false;                  // guarded by mutex; the BufferPool is gone

    // Written only under the mutex (so a relaxed load and store, no locked instruction),
    // read from any thread without it.
    Counter acquires{0}, releases{0}, hits{0}, misses{0}, inUse{0}, idle{0}, peakInUse{0},
        trimmed{0}, bytesZeroed{0};

    ~State()
    {
        for (std::byte *b : idleBuffers)
            freeBuffer(b);
    }

    static void bump(Counter &counter, quint64 by)
    {
        counter.store(counter.load(std::memory_order_relaxed) + by, std::memory_order_relaxed);
    }

    // Frees idle buffers beyond maxIdle. Caller holds the mutex.
    void trimLocked()
    {
        while (qsizetype(idleBuffers.size()) > maxIdle) {
            freeBuffer(idleBuffers.back());
            idleBuffers.pop_back();
            bump(trimmed, 1);
        }
        idle.store(idleBuffers.size(), std::memory_order_relaxed);
    }

    // Hands out n buffers: idle ones first, then fresh ones (allocated outside the lock:
    // allocation may be slow).
    void take(std::byte **out, qsizetype n)
    {
        qsizetype reused = 0;
        {
            const std::lock_guard lock(mutex);
            while (reused < n && !idleBuffers.empty()) {
                out[reused++] = idleBuffers.back();
                idleBuffers.pop_back();
            }
            idle.store(idleBuffers.size(), std::memory_order_relaxed);
            bump(hits, quint64(reused));
            bump(misses, quint64(n - reused));
            bump(acquires, quint64(n));
            const quint64 now = inUse.load(std::memory_order_relaxed) + quint64(n);
            inUse.store(now, std::memory_order_relaxed);
            if (now > peakInUse.load(std::memory_order_relaxed))
                peakInUse.store(now, std::memory_order_relaxed);
        }
        for (qsizetype i = reused; i < n; ++i)
            out[i] = allocateBuffer();
    }

    // Takes n buffers back, each with the prefix its lease wrote (written[i]; -1: all).
    void giveBack(std::byte *const *buffers, const qsizetype *written, qsizetype n)
    {
        // Clear outside the lock: only the prefix the lease wrote, or all of it when the lease
        // did not say. Buffers about to be trimmed are cleared too, so no datagram bytes are
        // ever handed back to the allocator.
        quint64 zeroed = 0;
        for (qsizetype i = 0; i < n; ++i) {
            const qsizetype bytes =
                written[i] < 0 ? kReceiveBufferSize : std::min(written[i], kReceiveBufferSize);
            if (bytes > 0)
                std::memset(buffers[i], 0, size_t(bytes));
            zeroed += quint64(bytes);
        }
        qsizetype kept = 0;
        {
            const std::lock_guard lock(mutex);
            while (kept < n && !closed && qsizetype(idleBuffers.size()) < maxIdle)
                idleBuffers.push_back(buffers[kept++]);
            idle.store(idleBuffers.size(), std::memory_order_relaxed);
            bump(trimmed, quint64(n - kept));
            bump(bytesZeroed, zeroed);
            inUse.store(inUse.load(std::memory_order_relaxed) - quint64(n),
                        std::memory_order_relaxed);
            bump(releases, quint64(n));
        }
        for (qsizetype i = kept; i < n; ++i)
            freeBuffer(buffers[i]);
    }
};

BufferPool::BufferPool(qsizetype maxIdle)
    : m_state(std::make_shared<State>())
{
    m_state->maxIdle = std::max<qsizetype>(0, maxIdle);
    // Reserve a little, so that early releases do not grow the vector one step at a time.
    m_state->idleBuffers.reserve(size_t(std::min<qsizetype>(m_state->maxIdle, 64)));
}

BufferPool::~BufferPool()
{
    const std::lock_guard lock(m_state->mutex);
    m_state->closed = true;
    m_state->maxIdle = 0;
    m_state->trimLocked();
    // Leases still out keep m_state alive and free their buffer when they die.
}

BufferPool::Lease BufferPool::acquire()
{
    std::byte *buffer = nullptr;
    m_state->take(&buffer, 1);
    return Lease(m_state, buffer);
}

void BufferPool::acquire(std::span<Lease> leases)
{
    constexpr qsizetype kChunk = 64; // buffers taken per lock, without allocating
    std::byte *buffers[kChunk];
    Lease *slots[kChunk];
    qsizetype n = 0;
    const auto flush = [&] {
        m_state->take(buffers, n);
        for (qsizetype i = 0; i < n; ++i)
            *slots[i] = Lease(m_state, buffers[i]);
        n = 0;
    };
    for (Lease &lease : leases) {
        if (lease)
            continue;
        slots[n++] = &lease;
        if (n == kChunk)
            flush();
    }
    if (n > 0)
        flush();
}

void BufferPool::release(std::span<Lease> leases)
{
    constexpr qsizetype kChunk = 64;
    std::byte *buffers[kChunk];
    qsizetype written[kChunk];
    qsizetype n = 0;
    for (Lease &lease : leases) {
        if (!lease)
            continue;
        if (lease.m_state != m_state) {
            lease.reset(); // another pool's buffer
            continue;
        }
        buffers[n] = std::exchange(lease.m_buffer, nullptr);
        written[n] = std::exchange(lease.m_written, -1);
        lease.m_state.reset();
        if (++n == kChunk) {
            m_state->giveBack(buffers, written, n);
            n = 0;
        }
    }
    if (n > 0)
        m_state->giveBack(buffers, written, n);
}

void BufferPool::setMaxIdle(qsizetype maxIdle)
{
    const std::lock_guard lock(m_state->mutex);
    m_state->maxIdle = std::max<qsizetype>(0, maxIdle);
    m_state->trimLocked();
}

qsizetype BufferPool::maxIdle() const
{
    const std::lock_guard lock(m_state->mutex);
    return m_state->maxIdle;
}

BufferPoolCounters BufferPool::counters() const
{
    const State &s = *m_state;
    constexpr auto r = std::memory_order_relaxed;
    BufferPoolCounters c;
    c.acquires = s.acquires.load(r);
    c.releases = s.releases.load(r);
    c.hits = s.hits.load(r);
    c.misses = s.misses.load(r);
    c.inUse = s.inUse.load(r);
    c.idle = s.idle.load(r);
    c.peakInUse = s.peakInUse.load(r);
    c.trimmed = s.trimmed.load(r);
    c.bytesZeroed = s.bytesZeroed.load(r);
    return c;
}

BufferPool::Lease::Lease(std::shared_ptr<State> state, std::byte *buffer)
    : m_state(std::move(state))
    , m_buffer(buffer)
{}

BufferPool::Lease::Lease(Lease &&other) noexcept
    : m_state(std::move(other.m_state))
    , m_buffer(std::exchange(other.m_buffer, nullptr))
    , m_written(std::exchange(other.m_written, -1))
{}

BufferPool::Lease &BufferPool::Lease::operator=(Lease &&other) noexcept
{
    if (this != &other) {
        reset();
        m_state = std::move(other.m_state);
        m_buffer = std::exchange(other.m_buffer, nullptr);
        m_written = std::exchange(other.m_written, -1);
    }
    return *this;
}

BufferPool::Lease::~Lease()
{
    reset();
}

void BufferPool::Lease::markWritten(qsizetype bytes)
{
    if (!m_buffer)
        return;
    m_written = std::max(m_written, std::clamp<qsizetype>(bytes, 0, kReceiveBufferSize));
}

void BufferPool::Lease::reset()
{
    if (!m_buffer)
        return;
    std::byte *const buffer = std::exchange(m_buffer, nullptr);
    const qsizetype written = std::exchange(m_written, -1);
    m_state->giveBack(&buffer, &written, 1);
    m_state.reset();
}

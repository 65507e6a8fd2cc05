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

    Counter acquires{0}, releases{0}, hits{0}, misses{0}, inUse{0}, idle{0}, peakInUse{0},
        trimmed{0}, bytesZeroed{0};

    ~State()
    {
        for (std::byte *b : idleBuffers)
            freeBuffer(b);
    }

    // Frees idle buffers beyond maxIdle. Caller holds the mutex.
    void trimLocked()
    {
        while (qsizetype(idleBuffers.size()) > maxIdle) {
            freeBuffer(idleBuffers.back());
            idleBuffers.pop_back();
            trimmed.fetch_add(1, std::memory_order_relaxed);
        }
        idle.store(idleBuffers.size(), std::memory_order_relaxed);
    }

    void release(std::byte *buffer, qsizetype written)
    {
        // Clear outside the lock: only the prefix the lease wrote, or all of it when the lease
        // did not say. Buffers about to be trimmed are cleared too, so no datagram bytes are
        // ever handed back to the allocator.
        const qsizetype n =
            written < 0 ? kReceiveBufferSize : std::min(written, kReceiveBufferSize);
        if (n > 0)
            std::memset(buffer, 0, size_t(n));
        bytesZeroed.fetch_add(quint64(n), std::memory_order_relaxed);

        bool keep = false;
        {
            const std::lock_guard lock(mutex);
            keep = !closed && qsizetype(idleBuffers.size()) < maxIdle;
            if (keep) {
                idleBuffers.push_back(buffer);
                idle.store(idleBuffers.size(), std::memory_order_relaxed);
            } else {
                trimmed.fetch_add(1, std::memory_order_relaxed);
            }
            inUse.fetch_sub(1, std::memory_order_relaxed);
            releases.fetch_add(1, std::memory_order_relaxed);
        }
        if (!keep)
            freeBuffer(buffer);
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
    {
        const std::lock_guard lock(m_state->mutex);
        if (!m_state->idleBuffers.empty()) {
            buffer = m_state->idleBuffers.back();
            m_state->idleBuffers.pop_back();
            m_state->idle.store(m_state->idleBuffers.size(), std::memory_order_relaxed);
            m_state->hits.fetch_add(1, std::memory_order_relaxed);
        } else {
            m_state->misses.fetch_add(1, std::memory_order_relaxed);
        }
        m_state->acquires.fetch_add(1, std::memory_order_relaxed);
        const quint64 now = m_state->inUse.fetch_add(1, std::memory_order_relaxed) + 1;
        if (now > m_state->peakInUse.load(std::memory_order_relaxed))
            m_state->peakInUse.store(now, std::memory_order_relaxed);
    }
    if (!buffer)
        buffer = allocateBuffer(); // outside the lock: allocation may be slow
    return Lease(m_state, buffer);
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
    m_state->release(std::exchange(m_buffer, nullptr), std::exchange(m_written, -1));
    m_state.reset();
}

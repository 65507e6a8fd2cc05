#pragma once

#include <QtGlobal>

#include <cstddef>
#include <memory>
#include <span>

// RFC 6762 §17: an mDNS message may be up to 9000 bytes (jumbo frames); smaller buffers would
// truncate.
inline constexpr qsizetype kReceiveBufferSize = 9000;

// A snapshot of the pool's counters. Each field is exact; fields are read one by one, so
// while other threads acquire and release, the snapshot is not one single instant.
struct BufferPoolCounters
{
    quint64 acquires = 0;    // leases handed out
    quint64 releases = 0;    // leases given back
    quint64 hits = 0;        // acquires served by an idle buffer
    quint64 misses = 0;      // acquires that allocated a fresh buffer
    quint64 inUse = 0;       // leases alive now
    quint64 idle = 0;        // buffers kept for reuse now
    quint64 peakInUse = 0;   // highest inUse ever
    quint64 trimmed = 0;     // buffers freed because more than maxIdle were idle
    quint64 bytesZeroed = 0; // bytes cleared so no lease sees a previous lease's data
};

// Hands out kReceiveBufferSize-byte receive buffers as move-only RAII leases (the C++ form of
// the seed's `defer PutBuffer`). Grows without limit, keeps at most maxIdle idle buffers and
// frees the surplus. A returned buffer has the prefix its lease wrote (or all of it, when the
// lease recorded nothing) cleared before anyone can lease it again.
//
// Thread-safe: any number of threads may acquire and release at once; the idle list is behind a
// mutex, the counters are atomics readable from any thread without a lock (written only under
// the mutex). A receiver that takes several buffers per system call leases and returns them
// as a batch, under one lock each way. Leases share the
// pool's state, so a lease that outlives its BufferPool stays valid and frees its buffer when
// it dies (well defined, but a sign the owner forgot to wait for its leases).
class BufferPool final
{
public:
    class Lease;

    explicit BufferPool(qsizetype maxIdle = 64);
    ~BufferPool();
    Q_DISABLE_COPY_MOVE(BufferPool)

    Lease acquire();
    // What acquire() does for every empty lease in `leases`, under one lock; leases that
    // already hold a buffer are left as they are.
    void acquire(std::span<Lease> leases);
    // What reset() does for every lease in `leases`, under one lock for those of this pool
    // (others are reset one by one). Each buffer's written prefix is cleared as usual.
    void release(std::span<Lease> leases);
    void setMaxIdle(qsizetype maxIdle); // lowering it frees the surplus now (counted as trimmed)
    qsizetype maxIdle() const;
    BufferPoolCounters counters() const;

    struct State; // shared by the pool and its leases (BufferPool.cpp)

private:
    std::shared_ptr<State> m_state;
};

// One leased buffer. data() is valid only while the lease lives; moving transfers the buffer,
// destruction or reset() gives it back. Used by one thread at a time.
class BufferPool::Lease final
{
public:
    Lease() = default;
    Lease(Lease &&other) noexcept;
    Lease &operator=(Lease &&other) noexcept;
    ~Lease();
    Lease(const Lease &) = delete;
    Lease &operator=(const Lease &) = delete;

    std::byte *data() { return m_buffer; }
    qsizetype size() const { return m_buffer ? kReceiveBufferSize : 0; }
    // How far the buffer was written (high-water mark); only that prefix is cleared on return.
    void markWritten(qsizetype bytes);
    void reset(); // give the buffer back now
    explicit operator bool() const { return m_buffer != nullptr; }

private:
    friend class BufferPool;
    Lease(std::shared_ptr<State> state, std::byte *buffer);

    std::shared_ptr<State> m_state;
    std::byte *m_buffer = nullptr;
    qsizetype m_written = -1; // -1: nothing recorded, clear the whole buffer
};

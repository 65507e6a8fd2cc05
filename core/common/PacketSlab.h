#pragma once

#include <QByteArray>
#include <QtGlobal>

// Copies datagrams into slabs that hold many of them, and hands each one on as a QByteArray
// that shares its slab: one allocation per slab instead of one per datagram.
//
// A slab is one Qt array block (QTypedArrayData<char>), so a packet's `data` is an ordinary
// QByteArray: copying it shares the slab (the block's atomic reference count counts every
// datagram handed out of it, plus one while this writer may still write into it), writing to
// it detaches (copies the datagram out first), and the slab is freed by Qt when its last
// datagram is dropped, on whichever thread that happens. Each datagram is followed in the slab
// by a '\0', as every QByteArray's data is.
//
// A slab is never written after seal(): the owner seals before it hands packets on (the
// capture worker, before it emits a batch), so what another thread reads never changes, and
// the next datagram starts a new slab. A slab's size follows the traffic: about what the
// previous sealed period needed (what is left of it), at least as much as this period wrote
// so far (growing geometrically in a burst), at most kMaxSlabBytes, and never less than the
// datagram being copied. So a quiet network's slab holds one datagram, and a flood's slabs
// are full but for the last ones of each period. Two slabs are open at a time (best fit), so a
// slab's tail is filled by the small datagrams that follow a large one that did not fit.
//
// What a slab view means for code that holds a packet's data (pinned in tst_packetslab): its
// capacity() is the whole slab's, so a write while it is shared detaches into a block as large
// as its offset in the slab plus its size (Qt keeps the free space in front of the data);
// nothing in mdnscope writes into a packet's data. One thread at a time uses a writer.
class PacketSlabWriter final
{
public:
    // A full slab: 29 datagrams of 300 B, two of 4000 B. Its block (with Qt's header) stays
    // below the capture's 9000-byte receive buffers, so a pooled capture never makes an
    // allocation as large as the buffer pooling saves (only a datagram longer than a slab gets
    // a slab of its own size).
    static constexpr qsizetype kMaxSlabBytes = 8928;

    PacketSlabWriter() = default;
    ~PacketSlabWriter() = default; // drops the writer's own reference
    Q_DISABLE_COPY_MOVE(PacketSlabWriter)

    // The room one datagram of `size` bytes takes in a slab.
    static constexpr qsizetype footprint(qsizetype size) { return size + 1; }

    // A copy of `size` bytes at `data` in an open slab (a new one when neither of the two open
    // ones has room), followed by '\0'. An empty datagram is an empty QByteArray (no slab).
    QByteArray copy(const char *data, qsizetype size);
    // No more writes into the open slabs: the next copy starts a new one. Call before the
    // copies are handed to another thread.
    void seal();

    quint64 slabsAllocated() const { return m_slabs; }
    quint64 slabBytesAllocated() const { return m_slabBytes; }
    // Whether a slab is open for writing (a datagram was copied since the last seal()).
    bool hasOpenSlab() const { return !m_open[0].owner.isNull() || !m_open[1].owner.isNull(); }

private:
    struct Slab
    {
        QByteArray owner; // an empty view at the slab's start: the writer's own reference
        char *begin = nullptr;
        qsizetype capacity = 0;
        qsizetype used = 0;
        qsizetype room() const { return capacity - used; }
        void drop();
    };
    Slab startSlab(qsizetype need);

    // Two slabs open at once: a datagram that does not fit in one may fit in the other, so
    // a slab is let go of only when a new one is needed and it has the least room of the two.
    Slab m_open[2];
    qsizetype m_periodBytes = 0;     // written since the last seal()
    qsizetype m_lastPeriodBytes = 0; // written in the period before
    quint64 m_slabs = 0;
    quint64 m_slabBytes = 0;
};

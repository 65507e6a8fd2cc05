#include "PacketSlab.h"

#include <algorithm>
#include <cstring>

void PacketSlabWriter::Slab::drop()
{
    owner = QByteArray();
    begin = nullptr;
    capacity = used = 0;
}

PacketSlabWriter::Slab PacketSlabWriter::startSlab(qsizetype need)
{
    // What the previous period needed and this one has not written yet; in a burst at least as
    // much as this period already wrote (so a period takes a logarithmic number of slabs).
    const qsizetype expected = std::max(m_lastPeriodBytes - m_periodBytes, m_periodBytes);
    const qsizetype capacity = std::max(need, std::min(expected, kMaxSlabBytes));
    auto [header, data] = QTypedArrayData<char>::allocate(capacity);
    Q_CHECK_PTR(data); // as every Qt container does when it cannot allocate
    Slab s;
    // The writer's own reference (allocate() returns the block with a count of 1) is held by
    // an empty view at the slab's start: dropping it frees the slab when no datagram holds it.
    s.owner = QByteArray(QByteArray::DataPointer(header, data, 0));
    s.begin = data;
    s.capacity = qsizetype(header->allocatedCapacity());
    ++m_slabs;
    m_slabBytes += quint64(s.capacity);
    return s;
}

QByteArray PacketSlabWriter::copy(const char *data, qsizetype size)
{
    if (size <= 0)
        return QByteArray();
    const qsizetype need = footprint(size);
    // Best fit: the open slab with the least room that still holds it, so the other keeps its
    // room for a larger datagram and a slab's tail is filled by the small ones that follow.
    Slab *into = nullptr;
    for (Slab &s : m_open) {
        if (s.room() >= need && (!into || s.room() < into->room()))
            into = &s;
    }
    if (!into) {
        // A new slab takes the place of the open one with the least room (let go of: it is
        // freed with its last datagram).
        into = m_open[0].room() <= m_open[1].room() ? &m_open[0] : &m_open[1];
        *into = startSlab(need);
    }
    char *at = into->begin + into->used;
    std::memcpy(at, data, size_t(size));
    at[size] = '\0';
    into->used += need;
    m_periodBytes += need;
    QByteArray::DataPointer view(into->owner.data_ptr().d_ptr(), at, size);
    view.ref();
    return QByteArray(std::move(view));
}

void PacketSlabWriter::seal()
{
    m_lastPeriodBytes = m_periodBytes;
    m_periodBytes = 0;
    for (Slab &s : m_open)
        s.drop();
}

#include "PacketStore.h"

#include <QPromise>
#include <QThreadPool>

#include <algorithm>
#include <cstdlib>
#include <cstring>
#include <new>
#include <system_error>

#include <sys/mman.h>

// A block of datagram bytes shared by many records. Large enough that the per-chunk
// overhead vanishes, small enough that eviction gives memory back in steady steps. Standard
// chunks are 2 MiB-aligned and offered to the kernel as a transparent huge page, and the next
// one is prepared (allocated, its pages touched) on another thread: filling the store with
// fresh small pages cost a page fault per 4 kB (about 17 packets), in the benchmark (a VM)
// about a fifth of the GUI thread's time. malloc'd (not mmap'd) so that the allocation
// counters still see the store's memory.
struct PacketStore::Chunk
{
    static constexpr quint32 kSize = 2u << 20;

    explicit Chunk(quint32 size)
        : capacity(size)
    {
        void *block = nullptr;
        if (size == kSize && posix_memalign(&block, kSize, kSize) == 0)
            madvise(block, kSize, MADV_HUGEPAGE); // a hint: without it, small pages
        else
            block = std::malloc(size);
        if (!block)
            throw std::bad_alloc();
        bytes = static_cast<char *>(block);
    }
    ~Chunk() { std::free(bytes); }
    Q_DISABLE_COPY_MOVE(Chunk)

    // A standard chunk with every page already touched (any thread).
    static std::shared_ptr<Chunk> prefaulted()
    {
        auto c = std::make_shared<Chunk>(kSize);
        for (quint32 at = 0; at < kSize; at += 4096)
            c->bytes[at] = 0;
        return c;
    }

    char *bytes;
    quint32 capacity;
    quint32 used = 0;
};

namespace {
constexpr quint16 kNoInterface = 0xFFFF;
// The endpoint table is compacted (endpoints no stored row names dropped) once it grew by this
// many entries, or by half the rows, since the last time: amortized O(1) per append, and the
// table stays within 1.5 times the stored rows' distinct endpoints (plus this) even when every
// packet comes from another address.
constexpr qsizetype kEndpointSlack = 4096;

// Before a packet's bytes in the chunk when its frame is kept: the frame's head and tail
// (Packet::frameEdges), then this.
struct FrameMeta
{
    quint32 edges;      // bytes of frameEdges
    quint32 headLength; // Packet::frameHeadLength
    quint16 linkType;
    quint16 synthesized;
};
static_assert(sizeof(FrameMeta) == 12);
} // namespace

PacketStore::PacketStore(qsizetype capacity)
    : m_compactEndpointsAt(kEndpointSlack)
    , m_capacity(std::max(capacity, kMinimumCapacity))
{}

PacketStore::~PacketStore() = default;

void PacketStore::setCapacity(qsizetype capacity)
{
    m_capacity = std::max(capacity, kMinimumCapacity);
}

qsizetype PacketStore::overflowFor(qsizetype incoming) const
{
    const qsizetype over = size() + std::max<qsizetype>(incoming, 0) - m_capacity;
    return std::clamp<qsizetype>(over, 0, size());
}

quint16 PacketStore::internInterface(const QString &name, quint32 index)
{
    if (name.isEmpty() && index == 0)
        return kNoInterface;
    const Interface key{name, index};
    const auto it = m_interfaceIds.constFind(key);
    if (it != m_interfaceIds.cend())
        return it.value();
    if (m_interfaces.size() >= kNoInterface)
        return kNoInterface;
    const auto id = quint16(m_interfaces.size());
    m_interfaces.append(key);
    m_interfaceIds.insert(key, id);
    return id;
}

quint32 PacketStore::internEndpoint(const Endpoint &e)
{
    if (m_lastEndpoint < quint32(m_endpoints.size()) && m_endpoints[m_lastEndpoint] == e)
        return m_lastEndpoint;
    auto it = m_endpointIds.constFind(e);
    if (it == m_endpointIds.cend()) {
        if (m_endpoints.size() >= m_compactEndpointsAt) {
            compactEndpoints();
            it = m_endpointIds.constFind(e);
        }
        if (it == m_endpointIds.cend()) {
            it = m_endpointIds.insert(e, quint32(m_endpoints.size()));
            m_endpoints.append(e);
        }
    }
    m_lastEndpoint = it.value();
    return m_lastEndpoint;
}

void PacketStore::compactEndpoints()
{
    // Renumbers the endpoints the stored rows name, in row order, and drops the rest.
    QList<Endpoint> endpoints;
    QHash<Endpoint, quint32> ids;
    constexpr quint32 kUnmapped = ~0u;
    std::vector<quint32> newId(size_t(m_endpoints.size()), kUnmapped);
    for (Record &r : m_records) {
        quint32 &mapped = newId[r.endpoint];
        if (mapped == kUnmapped) {
            mapped = quint32(endpoints.size());
            endpoints.append(m_endpoints[r.endpoint]);
            ids.insert(endpoints.back(), mapped);
        }
        r.endpoint = mapped;
    }
    m_endpoints = std::move(endpoints);
    m_endpointIds = std::move(ids);
    m_lastEndpoint = ~0u;
    m_compactEndpointsAt =
        m_endpoints.size() + std::max(kEndpointSlack, qsizetype(m_records.size()) / 2);
}

void PacketStore::append(const Packet &packet, bool malformed)
{
    static_assert(sizeof(Record) <= kRecordBytes,
                  "a stored packet's record grew (issue #18 counts it)");
    const auto length = quint32(std::min<qsizetype>(packet.data.size(), 0x7FFFFFFF));
    const bool frame = packet.frameKept && packet.frameEdges.size() < 0x1000000;
    const quint32 before = frame ? quint32(packet.frameEdges.size() + sizeof(FrameMeta)) : 0;
    if (m_chunks.empty() || m_chunks.back()->capacity - m_chunks.back()->used < before + length) {
        m_chunks.push_back(newChunk(before + length));
    }
    Chunk &c = *m_chunks.back();
    if (frame) {
        std::memcpy(c.bytes + c.used, packet.frameEdges.constData(), packet.frameEdges.size());
        const FrameMeta meta{quint32(packet.frameEdges.size()), packet.frameHeadLength,
                             packet.linkType, packet.frameSynthesized};
        std::memcpy(c.bytes + c.used + packet.frameEdges.size(), &meta, sizeof meta);
        c.used += before;
    }
    if (length)
        std::memcpy(c.bytes + c.used, packet.data.constData(), length);

    quint8 flags = 0;
    // QR is the top bit of the third header byte; no decoding needed for the quick filters.
    if (length >= 3 && (quint8(packet.data[2]) & 0x80))
        flags |= Response;
    if (malformed)
        flags |= Malformed;
    if (packet.truncated)
        flags |= Truncated;
    if (frame)
        flags |= HasFrame;
    if (packet.originalLength > length)
        flags |= Longer;

    if (packet.number != 0)
        m_lastNumber = packet.number;
    else if (++m_lastNumber == 0) // as PacketPipeline numbers
        m_lastNumber = 1;

    if (!packet.comments.isEmpty()) {
        flags |= HasComments;
        m_comments.insert(m_lastNumber, packet.comments);
    }
    if (flags & Longer)
        m_originalLengths.insert(m_lastNumber, packet.originalLength);

    if (m_startNs == 0 && m_records.empty() && m_evicted == 0)
        m_startNs = packet.timestampNs;

    const quint32 endpoint = internEndpoint(Endpoint{
        packet.source,
        packet.destination,
        packet.sourcePort,
        packet.destinationPort,
        qint16(std::clamp(packet.ttl, -1, 255)),
        internInterface(packet.interfaceName, packet.interfaceIndex),
    });
    m_records.push_back(Record{
        packet.timestampNs,
        m_firstChunk + quint32(m_chunks.size() - 1),
        c.used,
        length,
        m_lastNumber,
        endpoint,
        flags,
    });
    c.used += length;
}

std::shared_ptr<PacketStore::Chunk> PacketStore::newChunk(quint32 length)
{
    if (length > Chunk::kSize)
        return std::make_shared<Chunk>(length);
    std::shared_ptr<Chunk> chunk = m_nextChunk ? m_nextChunk->result() : nullptr;
    if (!chunk)
        chunk = std::make_shared<Chunk>(Chunk::kSize);
    // The next one on Qt's global pool; its result outlives the store if the store goes first.
    auto promise = std::make_shared<QPromise<std::shared_ptr<Chunk>>>();
    m_nextChunk = promise->future();
    promise->start();
    QThreadPool::globalInstance()->start([promise] {
        promise->addResult(Chunk::prefaulted());
        promise->finish();
    });
    return chunk;
}

void PacketStore::evictOldest(qsizetype count)
{
    count = std::clamp<qsizetype>(count, 0, size());
    if (count == 0)
        return;
    if (!m_comments.isEmpty() || !m_originalLengths.isEmpty()) {
        for (auto it = m_records.cbegin(); it != m_records.cbegin() + count; ++it) {
            if (it->flags & HasComments)
                m_comments.remove(it->number);
            if (it->flags & Longer)
                m_originalLengths.remove(it->number);
        }
    }
    m_records.erase(m_records.begin(), m_records.begin() + count);
    m_evicted += quint64(count);
    // Chunks are filled in record order, so every chunk before the oldest record's is free.
    const quint32 keepFrom =
        m_records.empty() ? m_firstChunk + quint32(m_chunks.size()) - 1 : m_records.front().chunk;
    while (m_firstChunk < keepFrom && m_chunks.size() > 1) {
        m_chunks.pop_front();
        ++m_firstChunk;
    }
    if (m_records.empty() && !m_chunks.empty()) {
        // Keep nothing stale around: the next append starts a fresh chunk.
        m_chunks.clear();
        m_firstChunk = 0;
    }
}

void PacketStore::discardIncoming(quint64 count)
{
    m_evicted += count;
    m_lastNumber += quint32(count); // unnumbered packets after them number on past them
}

void PacketStore::clear()
{
    m_records = {};
    m_chunks.clear();
    m_firstChunk = 0;
    m_interfaces.clear();
    m_interfaceIds.clear();
    m_comments.clear();
    m_originalLengths.clear();
    m_endpoints.clear();
    m_endpointIds.clear();
    m_lastEndpoint = ~0u;
    m_compactEndpointsAt = kEndpointSlack;
    m_evicted = 0;
    m_startNs = 0;
    m_lastNumber = 0;
}

const PacketStore::Record &PacketStore::record(qsizetype row) const
{
    Q_ASSERT(row >= 0 && row < size());
    return m_records[size_t(row)];
}

const PacketStore::Chunk &PacketStore::chunk(quint32 serial) const
{
    return *m_chunks[serial - m_firstChunk];
}

quint64 PacketStore::number(qsizetype row) const
{
    return record(row).number;
}

qsizetype PacketStore::rowOfNumber(quint64 number) const
{
    if (m_records.empty() || number == 0 || number > 0xFFFFFFFFu)
        return -1;
    // Numbers grow from row to row modulo 2^32 (a live capture past 4,294,967,295 packets
    // goes on from 1), and the store holds far fewer: offsets from the oldest row's number
    // grow without wrapping.
    const quint32 base = m_records.front().number;
    const quint32 wanted = quint32(number) - base;
    const auto it =
        std::partition_point(m_records.cbegin(), m_records.cend(), [base, wanted](const Record &r) {
            return quint32(r.number - base) < wanted;
        });
    if (it == m_records.cend() || it->number != quint32(number))
        return -1;
    return qsizetype(it - m_records.cbegin());
}

qint64 PacketStore::timestampNs(qsizetype row) const
{
    return record(row).timestampNs;
}

IpAddress PacketStore::source(qsizetype row) const
{
    return endpoint(row).source;
}

IpAddress PacketStore::destination(qsizetype row) const
{
    return endpoint(row).destination;
}

quint16 PacketStore::sourcePort(qsizetype row) const
{
    return endpoint(row).sourcePort;
}

quint16 PacketStore::destinationPort(qsizetype row) const
{
    return endpoint(row).destinationPort;
}

QString PacketStore::interfaceName(qsizetype row) const
{
    const quint16 id = endpoint(row).interfaceId;
    return id == kNoInterface ? QString() : m_interfaces.at(id).first;
}

qint32 PacketStore::ttl(qsizetype row) const
{
    return endpoint(row).ttl;
}

quint32 PacketStore::length(qsizetype row) const
{
    return record(row).length;
}

quint32 PacketStore::originalLength(qsizetype row) const
{
    const Record &r = record(row);
    return (r.flags & Longer) ? m_originalLengths.value(r.number, r.length) : r.length;
}

quint8 PacketStore::flags(qsizetype row) const
{
    return record(row).flags;
}

QStringList PacketStore::comments(qsizetype row) const
{
    const Record &r = record(row);
    return (r.flags & HasComments) ? m_comments.value(r.number) : QStringList();
}

QByteArrayView PacketStore::bytes(qsizetype row) const
{
    const Record &r = record(row);
    return QByteArrayView(chunk(r.chunk).bytes + r.offset, r.length);
}

Packet PacketStore::makePacket(const Record &r, bool copyBytes) const
{
    Packet p;
    const char *data = chunk(r.chunk).bytes + r.offset;
    p.data = copyBytes ? QByteArray(data, r.length) : QByteArray::fromRawData(data, r.length);
    const Endpoint &e = m_endpoints[r.endpoint];
    p.timestampNs = r.timestampNs;
    p.source = e.source;
    p.destination = e.destination;
    p.sourcePort = e.sourcePort;
    p.destinationPort = e.destinationPort;
    p.ttl = e.ttl;
    if (e.interfaceId != kNoInterface) {
        p.interfaceName = m_interfaces.at(e.interfaceId).first;
        p.interfaceIndex = m_interfaces.at(e.interfaceId).second;
    }
    p.number = r.number;
    p.originalLength = (r.flags & Longer) ? m_originalLengths.value(r.number, r.length) : r.length;
    p.truncated = r.flags & Truncated;
    if (r.flags & HasFrame) {
        FrameMeta meta;
        std::memcpy(&meta, data - sizeof meta, sizeof meta);
        const char *edges = data - sizeof meta - meta.edges;
        p.frameEdges =
            copyBytes ? QByteArray(edges, meta.edges) : QByteArray::fromRawData(edges, meta.edges);
        p.frameHeadLength = meta.headLength;
        p.linkType = meta.linkType;
        p.frameKept = true;
        p.frameSynthesized = meta.synthesized;
        // The Ethernet addresses, as the reader found them (LinkLayerDecoder).
        constexpr quint16 kEthernet = 1;
        if (p.linkType == kEthernet && meta.headLength >= 14 && meta.edges >= 14) {
            p.macsKnown = true;
            std::memcpy(p.destinationMac.data(), edges, 6);
            std::memcpy(p.sourceMac.data(), edges + 6, 6);
        }
    }
    if (r.flags & HasComments)
        p.comments = m_comments.value(r.number);
    return p;
}

Packet PacketStore::packet(qsizetype row) const
{
    return makePacket(record(row), true);
}

PacketStore::Snapshot PacketStore::snapshot(const QList<qsizetype> &rows) const
{
    Snapshot s;
    s.packets.reserve(rows.size());
    quint32 lowest = ~0u, highest = 0;
    for (const qsizetype row : rows) {
        if (row < 0 || row >= size())
            continue;
        const Record &r = record(row);
        lowest = std::min(lowest, r.chunk);
        highest = std::max(highest, r.chunk);
        s.packets.append(makePacket(r, false));
    }
    if (!s.packets.isEmpty()) {
        for (quint32 serial = lowest; serial <= highest; ++serial)
            s.keepAlive.push_back(m_chunks[serial - m_firstChunk]);
    }
    return s;
}

PacketStore::Snapshot PacketStore::snapshotAll() const
{
    QList<qsizetype> rows(size());
    for (qsizetype i = 0; i < size(); ++i)
        rows[i] = i;
    return snapshot(rows);
}

qsizetype PacketStore::memoryUsage() const
{
    qsizetype total = qsizetype(m_records.size() * sizeof(Record));
    // The table and its hash (about two slots per entry, each a key, a value and an offset).
    total += m_endpoints.capacity() * qsizetype(sizeof(Endpoint));
    total += m_endpointIds.capacity() * qsizetype(sizeof(Endpoint) + sizeof(quint32) + 1);
    for (const auto &c : m_chunks)
        total += c->capacity;
    return total;
}

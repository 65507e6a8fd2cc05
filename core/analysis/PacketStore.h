#pragma once

#include "Packet.h"

#include <QByteArrayView>
#include <QFuture>
#include <QHash>
#include <QList>
#include <QString>
#include <QStringList>

#include <deque>
#include <memory>
#include <optional>
#include <utility>
#include <vector>

// The bounded store of captured (or opened) packets behind the packet list. Keeps each
// datagram's bytes in shared 2 MiB chunks (copied there: the capture's own buffer is freed as
// soon as the batch is published) and one 32-byte record per packet; what repeats from packet
// to packet of one sender (addresses, ports, TTL, interface: an "endpoint") is kept once in a
// table and the record names it, so a stored packet costs its length plus about 33 bytes (no
// per-packet heap block). What only some packets have is kept out of line: a packet read from a
// file keeps its frame's other bytes (Packet::frameEdges, see PcapngWriter) beside its datagram,
// its comments, and a truncated packet its original length, in tables by number. Rows run oldest
// first; when full, the oldest rows are evicted from the front in one contiguous range and
// counted. Each packet keeps its number (Packet::number: the file's frame number, or live 1, 2,
// 3, ...; one appended without a number is numbered on from the packet before it), which
// must grow from row to row (modulo 2^32), as both sources' numbers do.
// Decoding is left to the views (lazily, per visible row); the store only keeps the flags the
// filters need. GUI thread only; a Snapshot may be handed to another thread.
class PacketStore final
{
public:
    static constexpr qsizetype kDefaultCapacity = 1'000'000;
    static constexpr qsizetype kMinimumCapacity = 1'000;

    // HasFrame: the packet's frame around the datagram is kept (Packet::frameKept), in the chunk
    // before its bytes; HasComments: it has comments (kept aside, by number); Longer: its
    // original length exceeds the stored one (kept aside, by number).
    enum Flag : quint8 {
        Response = 0x01,
        Malformed = 0x02,
        Truncated = 0x04,
        HasFrame = 0x08,
        HasComments = 0x10,
        Longer = 0x20
    };
    // Bytes of the per-packet record (issue #18 counts them: a stored packet costs its length
    // plus this, plus its share of the endpoint table).
    static constexpr qsizetype kRecordBytes = 32;

    // Packets copied out for another thread: their data point into the store's chunks,
    // which the snapshot keeps alive even if the store evicts or clears them meanwhile.
    struct Snapshot
    {
        QList<Packet> packets;
        std::vector<std::shared_ptr<const void>> keepAlive;
    };

    explicit PacketStore(qsizetype capacity = kDefaultCapacity);
    ~PacketStore();
    Q_DISABLE_COPY_MOVE(PacketStore)

    qsizetype size() const { return qsizetype(m_records.size()); }
    bool isEmpty() const { return m_records.empty(); }
    qsizetype capacity() const { return m_capacity; }
    // Takes effect on the next append; call overflowFor(0) + evictOldest() to apply it now.
    void setCapacity(qsizetype capacity);
    // How many of the oldest rows must go before `incoming` more packets fit.
    qsizetype overflowFor(qsizetype incoming) const;
    // Packets evicted (or never stored because a batch exceeded the capacity) since clear().
    quint64 evictedCount() const { return m_evicted; }

    void append(const Packet &packet, bool malformed);
    void evictOldest(qsizetype count);
    // Counts packets that arrived but were dropped before being stored (batch > capacity).
    void discardIncoming(quint64 count);
    void clear();

    // Reference for "seconds since capture start"; 0 = the first stored packet's time.
    void setStartTimeNs(qint64 ns) { m_startNs = ns; }
    qint64 startTimeNs() const { return m_startNs; }

    // Row accessors: 0 <= row < size(). Cheap; nothing is decoded or copied.
    quint64 number(qsizetype row) const;
    // Row of a packet number, or -1 when it was evicted or is not stored (a binary search).
    qsizetype rowOfNumber(quint64 number) const;
    qint64 timestampNs(qsizetype row) const;
    IpAddress source(qsizetype row) const;
    IpAddress destination(qsizetype row) const;
    quint16 sourcePort(qsizetype row) const; // 0 when unknown
    quint16 destinationPort(qsizetype row) const;
    QString interfaceName(qsizetype row) const;
    qint32 ttl(qsizetype row) const;
    quint32 length(qsizetype row) const;         // stored bytes
    quint32 originalLength(qsizetype row) const; // on the wire
    quint8 flags(qsizetype row) const;
    // The packet's comments (Packet::comments); empty when it has none.
    QStringList comments(qsizetype row) const;
    bool isResponse(qsizetype row) const { return flags(row) & Response; }
    bool isMalformed(qsizetype row) const { return flags(row) & Malformed; }
    // The stored datagram; valid until the row is evicted or the store cleared.
    QByteArrayView bytes(qsizetype row) const;
    // An independent copy with every field.
    Packet packet(qsizetype row) const;
    // The same without copying the datagram: its data point into the store, valid until the
    // row is evicted or the store cleared (for a look at it on this thread, e.g. a filter's).
    Packet packetView(qsizetype row) const { return makePacket(record(row), false); }

    Snapshot snapshot(const QList<qsizetype> &rows) const;
    Snapshot snapshotAll() const;

    // Bytes held: records, chunk capacity, and the endpoint table.
    qsizetype memoryUsage() const;
    // Distinct endpoints (source, destination, ports, TTL, interface) in the table: at most those
    // of the stored rows plus what was appended since the table was last compacted.
    qsizetype endpointCount() const { return m_endpoints.size(); }

private:
    struct Chunk;
    // What packets of one sender share; interned (m_endpoints), a record names it by index.
    struct Endpoint
    {
        IpAddress source;
        IpAddress destination;
        quint16 sourcePort = 0;
        quint16 destinationPort = 0;
        qint16 ttl = -1;
        quint16 interfaceId = 0; // interface name and index, interned
        friend bool operator==(const Endpoint &, const Endpoint &) = default;
        friend size_t qHash(const Endpoint &e, size_t seed) noexcept
        {
            return qHashMulti(seed, e.source, e.destination, e.sourcePort, e.destinationPort, e.ttl,
                              e.interfaceId);
        }
    };
    struct Record
    {
        qint64 timestampNs;
        quint32 chunk; // serial of the chunk holding the bytes
        quint32 offset;
        quint32 length;
        quint32 number;   // Packet::number
        quint32 endpoint; // index into m_endpoints
        quint8 flags;
    };

    const Record &record(qsizetype row) const;
    const Endpoint &endpoint(qsizetype row) const { return m_endpoints[record(row).endpoint]; }
    quint32 internEndpoint(const Endpoint &e);
    void compactEndpoints();
    const Chunk &chunk(quint32 serial) const;
    quint16 internInterface(const QString &name, quint32 index);
    Packet makePacket(const Record &r, bool copyBytes) const;
    std::shared_ptr<Chunk> newChunk(quint32 length);

    std::deque<Record> m_records;
    std::deque<std::shared_ptr<Chunk>> m_chunks;
    quint32 m_firstChunk = 0; // serial of m_chunks.front()
    // The next chunk, allocated and its pages touched on another thread: the first touch of
    // fresh memory (page faults, in a VM much slower than the copy) is kept off this one.
    std::optional<QFuture<std::shared_ptr<Chunk>>> m_nextChunk;
    using Interface = std::pair<QString, quint32>; // name, kernel index
    QList<Interface> m_interfaces;
    QHash<Interface, quint16> m_interfaceIds;
    QHash<quint32, QStringList> m_comments;    // by number, of the packets flagged HasComments
    QHash<quint32, quint32> m_originalLengths; // by number, of the packets flagged Longer
    QList<Endpoint> m_endpoints;
    QHash<Endpoint, quint32> m_endpointIds;
    quint32 m_lastEndpoint = ~0u;   // the last one interned: consecutive packets often share it
    qsizetype m_compactEndpointsAt; // table size at which unused endpoints are dropped
    quint32 m_lastNumber = 0;       // of the last packet appended (or discarded); 0: none
    qsizetype m_capacity;
    quint64 m_evicted = 0;
    qint64 m_startNs = 0;
};

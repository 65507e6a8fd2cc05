#pragma once

#include "IpAddress.h"
#include "LinkLayerDecoder.h"

#include <QByteArray>
#include <QList>
#include <QtGlobal>

// Reassembles IPv4 and IPv6 fragments of UDP datagrams read from a capture file, in file order.
// IPv4 datagrams are keyed by (source, destination, protocol, identification), IPv6 ones by
// (source, destination, fragment identification). Fragments may come in any order, repeat or
// overlap; where they overlap, the bytes of the fragment with the lower offset win, and of two
// at the same offset the one that came first (as tshark's reassembly does). A datagram is
// complete once its last fragment (more-fragments clear) is known and the fragments cover every
// byte before its end; it is then handed back at the fragment that completed it.
//
// Bounded, so that a hostile file cannot exhaust memory: at most kMaxPending datagrams wait at
// once (a new one evicts the oldest), a datagram's fragments hold at most kMaxDatagramHeld bytes
// (and a fragment reaching past 65,535 bytes of IP payload is dropped), all of them together at
// most kMaxHeldBytes (the oldest datagrams are evicted to make room), and a datagram still
// incomplete kTimeoutNs of capture time after its first fragment is dropped (Linux's
// ipfrag_time; tshark has no timeout). A fragment cut short by the capture cannot complete a
// datagram and is dropped. A fragment of a datagram completed (or found not to be mDNS) within the
// last kTimeoutNs is a late duplicate: dropped, it starts no new datagram.
// Each dropped datagram counts as incomplete. One instance per read; any thread.
class IpReassembler final
{
    Q_DISABLE_COPY_MOVE(IpReassembler)
public:
    static constexpr qsizetype kMaxPending = 64;
    static constexpr qsizetype kMaxIpPayload = 65535;
    // A datagram's held fragments: twice the largest datagram (duplicates and overlaps), each
    // fragment costing kFragmentOverhead besides its bytes.
    static constexpr qsizetype kMaxDatagramHeld = 2 * kMaxIpPayload;
    static constexpr qsizetype kMaxHeldBytes = 4 << 20;
    static constexpr qsizetype kFragmentOverhead = 64;
    static constexpr qint64 kTimeoutNs = qint64(30) * 1000 * 1000 * 1000;

    enum class Result : quint8 {
        Held,      // kept, the datagram is not complete yet
        Completed, // `datagram` holds the whole IP datagram (header synthesized)
        Dropped,   // not kept: cut short, past 64 KiB, over the budget, or a late duplicate
        Ignored    // its datagram was found not to be mDNS (its first fragment's ports)
    };

    IpReassembler() = default;

    // `timestampNs` is the fragment's capture time. On Completed, `datagram` holds an IP header
    // (no fragmentation, the fragments' addresses, protocol and TTL / hop limit) followed by the
    // reassembled payload, and `fragments` how many fragment records it was made of.
    Result add(const LinkLayerDecoder::FragmentInfo &fragment, qint64 timestampNs,
               QByteArray &datagram, qsizetype &fragments);
    // The first fragment showed a datagram that is not mDNS: its fragments are dropped (not
    // counted as incomplete) and later ones are Ignored.
    void ignore(const LinkLayerDecoder::FragmentInfo &fragment, qint64 timestampNs);
    // The end of the file: every datagram still waiting is incomplete.
    void finish();

    qsizetype pending() const { return m_pending.size(); }
    qsizetype heldBytes() const { return m_held; }
    qsizetype highestPending() const { return m_highestPending; }
    qsizetype highestHeldBytes() const { return m_highestHeld; }
    quint64 incomplete() const { return m_incomplete; }

private:
    struct Key
    {
        IpAddress source;
        IpAddress destination;
        quint32 id = 0;
        quint8 version = 0;
        quint8 protocol = 0;
        friend bool operator==(const Key &, const Key &) = default;
    };
    struct Piece
    {
        quint32 offset = 0;
        QByteArray data;
    };
    struct Pending
    {
        Key key;
        qint64 firstNs = 0;
        qint64 end = -1; // the datagram's length, once its last fragment is known
        qsizetype held = 0;
        qsizetype fragments = 0;
        qint32 ttl = -1;
        QList<Piece> pieces; // by offset; equal offsets in arrival order
    };
    struct Done
    {
        Key key;
        qint64 atNs = 0;
        bool ignored = false;
    };

    static Key keyOf(const LinkLayerDecoder::FragmentInfo &f);
    void expire(qint64 nowNs);
    void drop(qsizetype index, bool incomplete);
    void remember(const Key &key, qint64 nowNs, bool ignored);
    bool complete(const Pending &p, QByteArray &datagram) const;

    QList<Pending> m_pending; // oldest first
    QList<Done> m_done;       // at most kMaxPending, oldest first
    qsizetype m_held = 0;
    qsizetype m_highestPending = 0;
    qsizetype m_highestHeld = 0;
    quint64 m_incomplete = 0;
};

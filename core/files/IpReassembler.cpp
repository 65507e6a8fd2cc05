#include "IpReassembler.h"

#include <QtEndian>

#include <algorithm>
#include <cstring>

using FragmentInfo = LinkLayerDecoder::FragmentInfo;

IpReassembler::Key IpReassembler::keyOf(const FragmentInfo &f)
{
    // IPv6 fragments are keyed without the next header (it is the same in every fragment).
    return Key{f.source, f.destination, f.id, f.version, f.version == 4 ? f.protocol : quint8(0)};
}

void IpReassembler::drop(qsizetype index, bool incomplete)
{
    m_held -= m_pending.at(index).held;
    m_pending.removeAt(index);
    if (incomplete)
        ++m_incomplete;
}

void IpReassembler::remember(const Key &key, qint64 nowNs, bool ignored)
{
    if (m_done.size() >= kMaxPending)
        m_done.removeFirst();
    m_done.append(Done{key, nowNs, ignored});
}

void IpReassembler::expire(qint64 nowNs)
{
    // Capture time may step back (files merged out of order): only a later time expires.
    for (qsizetype i = 0; i < m_pending.size();) {
        if (nowNs - m_pending.at(i).firstNs > kTimeoutNs)
            drop(i, true);
        else
            ++i;
    }
    while (!m_done.isEmpty() && nowNs - m_done.first().atNs > kTimeoutNs)
        m_done.removeFirst();
}

void IpReassembler::ignore(const FragmentInfo &fragment, qint64 timestampNs)
{
    const Key key = keyOf(fragment);
    for (qsizetype i = 0; i < m_pending.size(); ++i) {
        if (m_pending.at(i).key == key) {
            drop(i, false);
            break;
        }
    }
    remember(key, timestampNs, true);
}

bool IpReassembler::complete(const Pending &p, QByteArray &datagram) const
{
    if (p.end < 0)
        return false;
    qint64 covered = 0;
    for (const Piece &piece : p.pieces) {
        if (covered >= p.end)
            break;
        if (piece.offset > covered)
            return false; // a hole
        covered = std::max<qint64>(covered, piece.offset + piece.data.size());
    }
    if (covered < p.end)
        return false;

    const Key &k = p.key;
    const qsizetype header = k.version == 4 ? 20 : 40;
    datagram = QByteArray(header + p.end, Qt::Uninitialized);
    auto *out = reinterpret_cast<uchar *>(datagram.data());
    std::memset(out, 0, size_t(header));
    if (k.version == 4) {
        out[0] = 0x45;
        qToBigEndian<quint16>(quint16(header + p.end), out + 2);
        qToBigEndian<quint16>(quint16(k.id), out + 4);
        out[8] = quint8(std::clamp(p.ttl, 0, 255));
        out[9] = k.protocol;
        std::memcpy(out + 12, k.source.bytes().data(), 4);
        std::memcpy(out + 16, k.destination.bytes().data(), 4);
    } else {
        out[0] = 0x60;
        qToBigEndian<quint16>(quint16(p.end), out + 4);
        // out[6], the next header, is the completing fragment's (add())
        out[7] = quint8(std::clamp(p.ttl, 0, 255));
        std::memcpy(out + 8, k.source.bytes().data(), 16);
        std::memcpy(out + 24, k.destination.bytes().data(), 16);
    }
    // Lower offsets first; where fragments overlap, the bytes already placed stay.
    qint64 placed = 0;
    for (const Piece &piece : p.pieces) {
        const qint64 from = std::max<qint64>(placed, piece.offset);
        const qint64 to = std::min<qint64>(p.end, piece.offset + piece.data.size());
        if (to > from)
            std::memcpy(out + header + from, piece.data.constData() + (from - piece.offset),
                        size_t(to - from));
        placed = std::max(placed, to);
    }
    return true;
}

IpReassembler::Result IpReassembler::add(const FragmentInfo &f, qint64 timestampNs,
                                         QByteArray &datagram, qsizetype &fragments)
{
    expire(timestampNs);
    const Key key = keyOf(f);
    for (const Done &d : std::as_const(m_done)) {
        if (d.key == key)
            return d.ignored ? Result::Ignored : Result::Dropped;
    }
    // An IPv4 total length (header included) is 16 bits, an IPv6 payload length too.
    const qint64 limit = kMaxIpPayload - (f.version == 4 ? 20 : 0);
    if (f.captured < f.length || qint64(f.offset) + f.length > limit)
        return Result::Dropped;

    qsizetype index = -1;
    for (qsizetype i = 0; i < m_pending.size(); ++i) {
        if (m_pending.at(i).key == key) {
            index = i;
            break;
        }
    }
    const qsizetype cost = f.length + kFragmentOverhead;
    if (index >= 0 && m_pending.at(index).held + cost > kMaxDatagramHeld)
        return Result::Dropped;
    if (index < 0) {
        if (m_pending.size() >= kMaxPending)
            drop(0, true);
        Pending p;
        p.key = key;
        p.firstNs = timestampNs;
        m_pending.append(std::move(p));
        index = m_pending.size() - 1;
    }
    // Room in the whole table: the oldest other datagrams go first.
    while (m_held + cost > kMaxHeldBytes && index > 0) {
        drop(0, true);
        --index;
    }
    if (m_held + cost > kMaxHeldBytes) { // only this datagram is left and it is full
        if (m_pending.at(index).pieces.isEmpty())
            drop(index, false);
        return Result::Dropped;
    }

    Pending &p = m_pending[index];
    const auto at =
        std::upper_bound(p.pieces.cbegin(), p.pieces.cend(), f.offset,
                         [](quint32 offset, const Piece &piece) { return offset < piece.offset; });
    p.pieces.insert(at - p.pieces.cbegin(),
                    Piece{f.offset, QByteArray(reinterpret_cast<const char *>(f.data), f.length)});
    p.held += cost;
    m_held += cost;
    ++p.fragments;
    p.ttl = f.ttl;
    if (!f.more && p.end < 0)
        p.end = qint64(f.offset) + f.length; // the first tail counts
    m_highestPending = std::max(m_highestPending, m_pending.size());
    m_highestHeld = std::max(m_highestHeld, m_held);

    if (!complete(p, datagram))
        return Result::Held;
    if (f.version == 6)
        datagram[6] = char(f.protocol);
    fragments = p.fragments;
    drop(index, false);
    remember(key, timestampNs, false);
    return Result::Completed;
}

void IpReassembler::finish()
{
    while (!m_pending.isEmpty())
        drop(0, true);
}

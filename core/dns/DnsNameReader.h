#pragma once

#include "DnsMessage.h"

#include <QByteArrayView>
#include <QString>
#include <QVarLengthArray>

#include <array>

// Reads (possibly compressed) domain names out of one datagram (RFC 1035 §4.1.4) and turns
// them into text (DnsText rules). Refuses compression loops, pointers past the end, labels over
// 63 bytes, names over 255 bytes and the reserved label types, and never reads outside the
// datagram. Forward pointers and pointer-to-pointer chains are legal and followed (at most
// kMaxJumps). One instance per decode() call, on the decoding thread; not shared.
class DnsReason;

class DnsNameReader final
{
public:
    static constexpr int kMaxJumps = 255;

    struct Name
    {
        QString text;
        ByteSpan span; // the bytes in place: labels up to and including the 0 or the pointer
    };

    explicit DnsNameReader(QByteArrayView datagram);

    // Reads the name at `offset` in the message (questions, record owners). Jumps may go
    // anywhere in the datagram. On failure returns false and sets `error` to the offset of the
    // offending byte (a label length, a pointer, or the end when the name stops short) and a
    // reason.
    bool read(quint32 offset, Name &name, DnsError &error);
    // The same for a name inside record data: its in-place bytes must end by `rdataEnd`.
    bool readInRdata(quint32 offset, quint32 rdataEnd, Name &name, DnsError &error);

private:
    bool readName(quint32 offset, quint32 limit, bool inRdata, Name &name, DnsError &error);
    bool readCached(quint32 offset, quint32 end, Name &name) const;
    void remember(quint32 offset, const QString &text);
    bool fail(DnsError &error, quint32 offset, const DnsReason &reason);
    void clearVisited();

    const uchar *m_data;
    quint32 m_size;
    // Pointer targets already followed for the current name (a pointer holds 14 bits), so a
    // loop is recognised on its first repeat instead of after a hop budget runs out.
    // Only the words below the datagram's size are cleared (in the constructor) and used.
    std::array<quint64, 16384 / 64> m_visited;
    std::array<quint16, kMaxJumps + 1> m_jumps; // the first m_jumpCount are set
    int m_jumpCount = 0;

    // Names already read, by the offset they start at. mDNS messages point back at whole
    // names all the time (an SRV's owner is the PTR's target, an A's owner the SRV's target):
    // a name that is just a pointer to one of these shares its text instead of building it.
    struct Known
    {
        quint32 offset = 0;
        int jumps = 0; // pointers followed to read it
        QString text;
    };
    static constexpr int kKnownNames = 32;
    QVarLengthArray<Known, kKnownNames> m_known;
    quint64 m_knownBits = 0; // bit (offset % 64) of each known name: most lookups end here
};

#pragma once

#include <QByteArray>
#include <QByteArrayView>
#include <QList>
#include <QString>

#include <optional>

// The decoded form of one DNS / mDNS message (RFC 1035, RFC 6762, RFC 6763).
// Every element carries the byte span it was decoded from, so a view can highlight
// it in a hex dump and map a byte back to the deepest element that contains it.
// Plain values; produced by DnsDecoder::decode(), usable from any thread.

struct ByteSpan
{
    quint32 offset = 0;
    quint32 length = 0;
    bool isEmpty() const { return length == 0; }
    bool contains(quint32 byte) const { return byte >= offset && byte - offset < length; }
    quint32 end() const { return offset + length; }
    friend bool operator==(const ByteSpan &, const ByteSpan &) = default;
};

// A labelled leaf or branch for display: the decoded tree in the GUI is built from
// these. `value` is already formatted for people; children nest (e.g. TXT strings).
struct DnsField
{
    QString label; // e.g. "Priority", "Port", "Target", "Flags"
    QString value; // e.g. "0", "631", "host.local"
    ByteSpan span;
    QList<DnsField> children;
};

enum class DnsSection : quint8 { Question, Answer, Authority, Additional };

namespace DnsType {
enum : quint16 {
    A = 1,
    NS = 2,
    CNAME = 5,
    SOA = 6,
    PTR = 12,
    HINFO = 13,
    MX = 15,
    TXT = 16,
    AAAA = 28,
    SRV = 33,
    OPT = 41,
    NSEC = 47,
    ANY = 255
};
}

struct DnsHeader
{
    quint16 id = 0;
    bool qr = false; // response
    quint8 opcode = 0;
    bool aa = false, tc = false, rd = false, ra = false, z = false, ad = false, cd = false;
    quint8 rcode = 0;
    quint16 questionCount = 0, answerCount = 0, authorityCount = 0, additionalCount = 0;
    ByteSpan span;          // always offset 0; length 12 when complete
    QList<DnsField> fields; // id, flags (with children per bit), counts, each with its span

    // Sets qr, opcode, the flag bits and rcode from the header's second 16-bit word.
    void setFlags(quint16 flags)
    {
        qr = flags & 0x8000;
        opcode = quint8((flags >> 11) & 0xF);
        aa = flags & 0x0400;
        tc = flags & 0x0200;
        rd = flags & 0x0100;
        ra = flags & 0x0080;
        z = flags & 0x0040;
        ad = flags & 0x0020;
        cd = flags & 0x0010;
        rcode = quint8(flags & 0xF);
    }
};

struct DnsQuestion
{
    QString name; // text form, see DnsDecoder::nameToText() (the root name reads "<Root>")
    quint16 type = 0;
    quint16 qclass = 0;           // without the QU bit
    bool unicastResponse = false; // RFC 6762 §5.4 QU bit (top bit of qclass)
    ByteSpan span, nameSpan, typeSpan, classSpan;
};

struct EdnsOption
{
    quint16 code = 0;
    QByteArray data;
    ByteSpan span;
};

struct DnsRecord
{
    DnsSection section = DnsSection::Answer;
    QString name;
    quint16 type = 0;
    quint16 rrclass = 0;     // without the cache-flush bit (for OPT: the raw UDP payload size)
    bool cacheFlush = false; // RFC 6762 §10.2 (top bit of rrclass); false for OPT
    quint32 ttl = 0;
    quint16 rdlength = 0;
    ByteSpan span, nameSpan, typeSpan, classSpan, ttlSpan, rdlengthSpan, rdataSpan;

    // Typed rdata: which members are set depends on `type`.
    QByteArray address; // A (4 bytes) / AAAA (16 bytes), network order
    QString target;     // PTR, CNAME, NS target; SRV target; NSEC next domain name
    quint16 priority = 0, weight = 0, port = 0; // SRV
    QList<QByteArray> txt;                      // TXT strings, binary-safe, in order
    QByteArray cpu, os;                         // HINFO character-strings
    QList<quint16> nsecTypes;                   // NSEC type bitmap, ascending
    QList<EdnsOption> options;                  // OPT
    QByteArray rdata; // raw rdata, always set (exactly rdlength bytes when complete)

    QList<DnsField> rdataFields; // the typed rdata as labelled fields with spans
};

// Where and why decoding stopped. `offset` is the first byte of the element that could not
// be decoded: the label length byte or compression pointer at fault, the field a message
// ends in the middle of (a cut header points at its first incomplete 16-bit field), the
// rdata start of a record whose rdlength runs past the end or of an A/AAAA of the wrong size,
// the first unused rdata byte when typed data ends before rdlength, or the end of the
// datagram when the section counts promise more questions or records than it holds.
struct DnsError
{
    quint32 offset = 0; // byte offset in the datagram where decoding failed
    // English and stable (JSON/CSV exports, the CLI): "compression pointer loop (offset 12 again)"
    QString reason;
    // The same in the user's language when the decode ran (translators installed), for display.
    QString localizedReason;
};

struct DnsMessage
{
    DnsHeader header;
    QList<DnsQuestion> questions;
    QList<DnsRecord> records; // answers, then authorities, then additionals (see section)
    // Set when malformed: everything before it is decoded. A record whose type, class, TTL
    // and rdlength were read is kept even when its rdata is at fault (the error then lies in
    // its rdataSpan, which is clipped to the datagram); a question or record cut earlier is not.
    std::optional<DnsError> error;

    bool isMalformed() const { return error.has_value(); }
    bool isResponse() const { return header.qr; }
};

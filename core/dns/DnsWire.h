#pragma once

#include "DnsDecoder.h"
#include "DnsMessage.h"

#include <QByteArrayView>

#include <vector>

class ByteSink;

// A well-formed DNS / mDNS message as its bytes: where each question and record lies, checked
// the way DnsDecoder::decode() checks it, with no text formed and nothing allocated once the
// lists have grown to the largest message seen (a Message is reused from packet to packet).
// For writers that only turn a message into text (`--read` summary lines, JSON Lines, CSV):
// they form names and data straight into their output from the wire bytes, instead of building
// a DnsMessage of strings and lists first. The text written from a Message is, byte for byte,
// what the same writer forms from DnsDecoder::decode() of the same datagram.
//
// scan() accepts only messages that decode() decodes without an error, and of those only the
// ones it is sure about: a compression pointer must point below the one before it in the same
// name (every compressor writes such chains; any other, including legal forward pointers, is
// left to decode()). A message scan() refuses goes through decode() and the DnsMessage writers:
// malformed messages, with their reasons, are never written from here. Any thread; one
// Message per thread.
namespace DnsWire {

struct Question
{
    quint32 name = 0; // offset of the name's first byte
    quint16 type = 0;
    quint16 qclass = 0; // as on the wire: the top bit is the QU bit
};

struct Record
{
    quint32 name = 0;  // offset of the owner name's first byte
    quint32 rdata = 0; // offset of the rdata's first byte
    quint32 ttl = 0;
    quint16 type = 0;
    quint16 rrclass = 0; // as on the wire: the top bit is the cache-flush bit (not for OPT)
    quint16 rdlength = 0;
    DnsSection section = DnsSection::Answer;

    quint16 dnsClass() const { return type == DnsType::OPT ? rrclass : quint16(rrclass & 0x7FFF); }
    bool cacheFlush() const { return type != DnsType::OPT && (rrclass & 0x8000); }
    // Offset of the name in the rdata (PTR, CNAME, NS, SRV, NSEC), else 0.
    quint32 target() const;
};

struct Message
{
    const uchar *data = nullptr; // the datagram, valid while it is
    quint32 size = 0;
    DnsHeader header; // counts and flags; `fields` stays empty, span.length is 12
    std::vector<Question> questions;
    std::vector<Record> records; // answers, then authorities, then additionals

    QByteArrayView rdata(const Record &r) const
    {
        return QByteArrayView(data + r.rdata, r.rdlength);
    }

    // What is known of the names of this message by the offset of a label (a compression
    // pointer's target): that the name from there on was checked (scan()) and its text
    // (putName()). Names point back at names all the time, so each is checked and formed once
    // per message and copied after. Per message: `generation` tells this message's entries
    // from stale ones. Grown once (16,384 offsets: a pointer holds 14 bits), then reused.
    struct Known
    {
        quint32 checked = 0;    // == generation: checked; the rest from here is all backwards
        quint16 wireLength = 0; // bytes of labels from here, the terminating zero included
        quint16 jumps = 0;      // pointers followed from here
        quint32 formed = 0;     // == generation: its text is text[textAt, textAt + textLength)
        quint32 textAt = 0;
        quint32 textLength = 0;
    };
    quint32 generation = 0;
    mutable std::vector<Known> known; // putName() fills in the text of a const Message
    mutable std::vector<char> text;
};

// Fills `m` with the message in `datagram` and returns true when decode() would decode it
// without an error and scan() is sure of it (see above); false otherwise (`m` then holds
// nothing to use). The datagram must outlive the use of `m`.
bool scan(QByteArrayView datagram, Message &m);

// What DnsDecoder::messageKind() says of the decoded message.
DnsDecoder::MessageKind messageKind(const Message &m);

// The most bytes a name's text takes in UTF-8: 254 bytes of labels at 4 bytes each ("\DDD"),
// and the dots between them.
constexpr qsizetype kMaxNameBytes = 4 * 254 + 127;

// The text of the (scanned) name at `offset` in presentation form, as the summary and the
// exports write a decoded name (DnsText rules, the root as "."), in UTF-8; room for
// kMaxNameBytes at `w`. Returns the new end.
char *putName(char *w, const Message &m, quint32 offset);

// The type's name (DnsDecoder::typeName) appended in UTF-8.
void appendTypeName(ByteSink &out, quint16 type);

// Calls `f(type)` for each type of an NSEC record's bitmap, ascending (the record was scanned:
// its next name and bitmap are well-formed).
template<typename F>
void forEachNsecType(const Message &m, const Record &r, F f)
{
    quint32 p = r.target();
    while (m.data[p] != 0 && (m.data[p] & 0xC0) != 0xC0)
        p += 1 + m.data[p];
    p += m.data[p] == 0 ? 1 : 2;
    const quint32 end = r.rdata + r.rdlength;
    while (p < end) {
        const quint32 window = m.data[p];
        const quint32 length = m.data[p + 1];
        for (quint32 i = 0; i < length; ++i) {
            const uchar bits = m.data[p + 2 + i];
            for (quint32 bit = 0; bit < 8; ++bit) {
                if (bits & (0x80 >> bit))
                    f(quint16(window * 256 + i * 8 + bit));
            }
        }
        p += 2 + length;
    }
}

// The one-line summary DnsDecoder::summary() writes (English) of the decoded message, in UTF-8.
void appendSummary(ByteSink &out, const Message &m);

} // namespace DnsWire

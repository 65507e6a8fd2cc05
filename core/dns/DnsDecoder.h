#pragma once

#include "DnsMessage.h"

#include <QByteArrayView>
#include <QString>

// Decodes DNS / mDNS messages (RFC 1035, RFC 6762, RFC 6763) into DnsMessage values with
// byte spans for every element. Pure functions without shared state: safe on any thread.
// Malformed input yields what was decoded before the fault plus DnsError; nothing reads
// outside the datagram and nothing throws.
// One helper per format concern (docs/ARCHITECTURE.md): integers are read with EndianReader,
// addresses written by AddressText and UTF-8 checked by Utf8 (core/common), the same helpers
// the exports and the GUI use, so the tree, the summary, JSON and CSV show the same text.
namespace DnsDecoder {

// The language of the text functions below. English is the default: exports (JSON Lines,
// CSV) and the CLI's output must read the same whatever the user's language. Translated is
// for display: it follows the translators installed before the first decode (see
// DnsFieldLabels) and uses DnsError::localizedReason.
enum class Language : quint8 { English, Translated };

DnsMessage decode(QByteArrayView datagram); // never throws, never reads out of bounds
QString typeName(quint16 type);             // "A", "PTR", ..., "TYPE65534"
QString className(quint16 qclass);          // "IN", "CH", "HS", "ANY", "CLASS3"...
// What one message is, judged from that message alone, as its summary line names it:
// - NotDns: malformed, with a complete header that no DNS message has: section counts that need
//   more than 65,535 bytes (at least 5 per question and 11 per record after the 12-byte
//   header), or an opcode DNS does not assign (3, 7-15). Other malformed messages keep their
//   kind and read "[Malformed at ...]".
// - Probe: a query with a question and proposed records in the authority section (RFC 6762
//   §8.1).
// - Goodbye: a response with records, every one (OPT aside) with TTL 0 (RFC 6762 §10.1).
// - Announcement: any other response with ID 0, no question and answers (RFC 6762 §8.3: an
//   unsolicited response). One packet cannot tell it from a multicast answer to a query, which
//   has the same form (§6, §18.1); the behaviour timeline, which sees the queries, can.
// - Query, Response: the rest. The mDNS kinds (Probe, Goodbye, Announcement) need opcode 0
//   and rcode 0 (RFC 6762 §18.3, §18.11).
enum class MessageKind : quint8 { Query, Probe, Response, Announcement, Goodbye, NotDns };
MessageKind messageKind(const DnsMessage &m);
// Why a NotDns message is not DNS (English or translated); empty for other messages.
QString notDnsReason(const DnsMessage &m, Language language = Language::English);
// One line: "<Kind>: <items>[, +N qd][, +N an][, +N ns][, +N ar][ [id=0x1234, opcode=UPDATE]]
// [ [rcode 3]][ [Malformed at 37: reason]]", e.g. "Announcement: _ipp._tcp.local PTR Office
// Printer._ipp._tcp.local, SRV 0 0 631 host.local, +1 an, +3 ar" or "Probe: host.local ANY
// (QU), +1 ns". Queries and probes list their first three questions, responses the first three
// records of their first non-empty section; each +N counts the records of a section (the
// questions: qd) not listed. The root name reads "."; a record with TTL 0 is marked
// "(goodbye)" unless the whole message is a Goodbye. NotDns: "Not DNS: <reason>" alone.
QString summary(const DnsMessage &m, Language language = Language::English);
// The same appended to `out`, for callers that format many packets into one buffer.
void appendSummary(QString &out, const DnsMessage &m, Language language = Language::English);
// Short text of the rdata, e.g. "0 0 631 host.local"
QString rdataText(const DnsRecord &r, Language language = Language::English);

// How much decode() builds. Everything but the DnsField trees (DnsHeader::fields,
// DnsRecord::rdataFields) is always decoded and checked the same way; exporters and counters
// that never show the trees skip their cost with Detail::NoFields.
enum class Detail : quint8 { Full, NoFields };
DnsMessage decode(QByteArrayView datagram, Detail detail);

// The header alone, as decode() reads it, without its fields and without allocating; only
// when all 12 bytes are there (span.length 12), else just the span (the other members unset).
DnsHeader header(QByteArrayView datagram);

// The text of a name given its labels (the rules every decoded name follows): labels joined
// with '.', no trailing dot; the root name reads "<Root>" (as in Wireshark); valid UTF-8 kept;
// '.' and '\' inside a label escaped as "\." and "\\"; bytes below 0x20, 0x7F, C1 controls
// and invalid UTF-8 as "\DDD" (RFC 6763 §4.3 style).
QString nameToText(const QList<QByteArray> &labels);

} // namespace DnsDecoder

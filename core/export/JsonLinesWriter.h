#pragma once

#include "DnsMessage.h"
#include "DnsWire.h"
#include "Packet.h"

#include <QByteArray>

class ByteSink;

// The JSON Lines export: one object per packet, built by hand into a UTF-8 buffer
// (an order of magnitude faster than QJsonDocument). The schema is documented in the
// README and stable; keys appear in this order:
//   index, time, source, source_port, destination, destination_port, interface, ttl,
//   length, id, flags {qr, opcode, aa, tc, rd, ra, rcode}, questions, answers,
//   authorities, additionals, malformed
// Questions: {name, type, type_code, class, unicast_response}. Records: {name, type,
// type_code, class, cache_flush, ttl, data} with data per type: A/AAAA {address};
// PTR/CNAME/NS {target}; SRV {priority, weight, port, target}; TXT {strings}; HINFO
// {cpu, os}; NSEC {next, types}; OPT {udp_payload_size, options [{code, data_hex}]};
// any other type, or rdata cut short, {rdata_hex}. `interface` and `ttl` are null when
// unknown; `id` and `flags` are null when the datagram is shorter than a DNS header;
// `malformed` is null or {offset, reason}. TXT / HINFO strings: see
// ExportText::appendJsonCharacterString(). Pure functions, any thread.
namespace JsonLinesWriter {
// Appends the object for `packet` (decoded as `message`), without a newline.
void append(QByteArray &out, const Packet &packet, const DnsMessage &message, qint64 index);
// The same into an open sink (the exporter keeps one per chunk).
void append(ByteSink &out, const Packet &packet, const DnsMessage &message, qint64 index);
// The same object formed straight from the bytes of a well-formed message (DnsWire::scan()):
// byte for byte what append() writes for DnsDecoder::decode() of the same datagram, with no
// string or list built on the way.
void append(ByteSink &out, const Packet &packet, const DnsWire::Message &message, qint64 index);
} // namespace JsonLinesWriter

#pragma once

#include "DnsMessage.h"
#include "DnsWire.h"
#include "Packet.h"

#include <QByteArray>

class ByteSink;

// The CSV export (RFC 4180: comma-separated, CRLF line ends, fields with ',', '"', CR
// or LF quoted with '"' doubled), UTF-8, one header row then one row per packet:
//   index, time, source, source_port, destination, length, ttl, interface, kind, id,
//   questions, answers, summary, malformed
// `kind` is query / response; `questions` and `answers` are the header's counts; ttl,
// interface, kind, id and the counts are empty when unknown (ttl, interface) or when
// the datagram is shorter than a DNS header; `summary` is DnsDecoder::summary();
// `malformed` is empty or "offset N: reason". Pure functions, any thread.
namespace CsvWriter {
void appendHeader(QByteArray &out);
void appendRow(QByteArray &out, const Packet &packet, const DnsMessage &message, qint64 index);
// The same into an open sink (the exporter keeps one per chunk).
void appendRow(ByteSink &out, const Packet &packet, const DnsMessage &message, qint64 index);
// The same row formed straight from the bytes of a well-formed message (DnsWire::scan()):
// byte for byte what appendRow() writes for DnsDecoder::decode() of the same datagram.
void appendRow(ByteSink &out, const Packet &packet, const DnsWire::Message &message, qint64 index);
} // namespace CsvWriter

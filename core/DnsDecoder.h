#pragma once

#include "DnsMessage.h"

#include <QByteArrayView>
#include <QString>

// Decodes DNS / mDNS messages (RFC 1035, RFC 6762, RFC 6763) into DnsMessage values with
// byte spans for every element. Pure functions without shared state: safe on any thread.
// Malformed input yields what was decoded before the fault plus DnsError; nothing reads
// outside the datagram and nothing throws.
namespace DnsDecoder {

DnsMessage decode(QByteArrayView datagram); // never throws, never reads out of bounds
QString typeName(quint16 type);             // "A", "PTR", ..., "TYPE65534"
QString className(quint16 qclass);          // "IN", "CH", "HS", "ANY", "CLASS3"...
// One line: "Response: _ipp._tcp.local PTR Office Printer._ipp._tcp.local, SRV 631 host.local,
// +4"; "Query: _ipp._tcp.local PTR (QU), ..."; malformed: "... [Malformed at 37: reason]"
QString summary(const DnsMessage &m);
QString rdataText(const DnsRecord &r); // short text of the rdata, e.g. "0 0 631 host.local"

} // namespace DnsDecoder

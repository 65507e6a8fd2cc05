#pragma once

#include "DnsMessage.h"

#include <QByteArrayView>

class DnsNameReader;

// Decodes the typed record data of one resource record (A, AAAA, PTR, CNAME, NS, SRV, TXT,
// HINFO, NSEC, OPT; any other type stays raw) into the DnsRecord members and, when asked,
// into labelled DnsFields with byte spans. The rdata must use exactly rdlength bytes: a
// decoder that stops short or runs over is a malformed record. Called by DnsDecoder on the
// decoding thread; stateless.
namespace DnsRdataDecoder {

// `record.rdataSpan` lies inside `datagram`; `record.rdata` already holds its bytes. On a
// malformed rdata returns false and sets `error`; the typed members and fields decoded before
// the fault stay set.
bool decode(QByteArrayView datagram, DnsNameReader &names, DnsRecord &record, bool withFields,
            DnsError &error);

// Short text of an EDNS option code, e.g. "Owner (4)".
QString ednsOptionName(quint16 code);

} // namespace DnsRdataDecoder

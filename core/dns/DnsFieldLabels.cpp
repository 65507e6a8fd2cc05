#include "DnsFieldLabels.h"

#include <QCoreApplication>

namespace {

// Every text below is a QT_TRANSLATE_NOOP("DnsDecoder", ...) literal, so lupdate extracts it
// under the context build() translates it with.
DnsFieldLabels build(bool translate)
{
    const auto t = [translate](const char *source) {
        return translate ? QCoreApplication::translate("DnsDecoder", source)
                         : QString::fromUtf8(source);
    };
    DnsFieldLabels l;
    //: DNS header field: transaction ID
    l.id = t(QT_TRANSLATE_NOOP("DnsDecoder", "ID"));
    l.flags = t(QT_TRANSLATE_NOOP("DnsDecoder", "Flags"));
    //: DNS header flag mnemonic: query (0) or response (1)
    l.qr = t(QT_TRANSLATE_NOOP("DnsDecoder", "QR"));
    l.opcode = t(QT_TRANSLATE_NOOP("DnsDecoder", "Opcode"));
    //: DNS header flag mnemonic: authoritative answer
    l.aa = t(QT_TRANSLATE_NOOP("DnsDecoder", "AA"));
    //: DNS header flag mnemonic: truncated
    l.tc = t(QT_TRANSLATE_NOOP("DnsDecoder", "TC"));
    //: DNS header flag mnemonic: recursion desired
    l.rd = t(QT_TRANSLATE_NOOP("DnsDecoder", "RD"));
    //: DNS header flag mnemonic: recursion available
    l.ra = t(QT_TRANSLATE_NOOP("DnsDecoder", "RA"));
    //: DNS header flag mnemonic / EDNS field: reserved bits (Z)
    l.z = t(QT_TRANSLATE_NOOP("DnsDecoder", "Z"));
    //: DNS header flag mnemonic: authentic data
    l.ad = t(QT_TRANSLATE_NOOP("DnsDecoder", "AD"));
    //: DNS header flag mnemonic: checking disabled
    l.cd = t(QT_TRANSLATE_NOOP("DnsDecoder", "CD"));
    //: DNS header field: response code
    l.rcode = t(QT_TRANSLATE_NOOP("DnsDecoder", "Rcode"));
    //: DNS header field: number of questions
    l.questions = t(QT_TRANSLATE_NOOP("DnsDecoder", "Questions"));
    //: DNS header field: number of answer resource records
    l.answerRrs = t(QT_TRANSLATE_NOOP("DnsDecoder", "Answer RRs"));
    //: DNS header field: number of authority resource records
    l.authorityRrs = t(QT_TRANSLATE_NOOP("DnsDecoder", "Authority RRs"));
    //: DNS header field: number of additional resource records
    l.additionalRrs = t(QT_TRANSLATE_NOOP("DnsDecoder", "Additional RRs"));
    //: value of the QR flag
    l.query = t(QT_TRANSLATE_NOOP("DnsDecoder", "0 (query)"));
    //: value of the QR flag
    l.response = t(QT_TRANSLATE_NOOP("DnsDecoder", "1 (response)"));
    //: value of the opcode
    l.standardQuery = t(QT_TRANSLATE_NOOP("DnsDecoder", "0 (standard query)"));
    //: value of the opcode
    l.inverseQuery = t(QT_TRANSLATE_NOOP("DnsDecoder", "1 (inverse query)"));
    //: value of the opcode
    l.status = t(QT_TRANSLATE_NOOP("DnsDecoder", "2 (status)"));
    //: value of the opcode (RFC 1996)
    l.notify = t(QT_TRANSLATE_NOOP("DnsDecoder", "4 (notify)"));
    //: value of the opcode (RFC 2136)
    l.update = t(QT_TRANSLATE_NOOP("DnsDecoder", "5 (update)"));
    // A set or clear bit reads the same in every language.
    l.yes = QStringLiteral("1");
    l.no = QStringLiteral("0");
    //: A/AAAA record data
    l.address = t(QT_TRANSLATE_NOOP("DnsDecoder", "Address"));
    //: PTR record data
    l.domainName = t(QT_TRANSLATE_NOOP("DnsDecoder", "Domain name"));
    //: CNAME record data
    l.canonicalName = t(QT_TRANSLATE_NOOP("DnsDecoder", "Canonical name"));
    //: NS record data
    l.nameServer = t(QT_TRANSLATE_NOOP("DnsDecoder", "Name server"));
    //: SRV record data
    l.priority = t(QT_TRANSLATE_NOOP("DnsDecoder", "Priority"));
    //: SRV record data
    l.weight = t(QT_TRANSLATE_NOOP("DnsDecoder", "Weight"));
    //: SRV record data: the service's port number
    l.port = t(QT_TRANSLATE_NOOP("DnsDecoder", "Port"));
    //: SRV record data: the host that offers the service
    l.target = t(QT_TRANSLATE_NOOP("DnsDecoder", "Target"));
    //: one character-string of a TXT record
    l.string = t(QT_TRANSLATE_NOOP("DnsDecoder", "String"));
    //: length byte of a TXT character-string
    l.length = t(QT_TRANSLATE_NOOP("DnsDecoder", "Length"));
    //: DNS-SD TXT key (before '=')
    l.key = t(QT_TRANSLATE_NOOP("DnsDecoder", "Key"));
    //: DNS-SD TXT value (after '=')
    l.value = t(QT_TRANSLATE_NOOP("DnsDecoder", "Value"));
    //: HINFO record data
    l.cpu = t(QT_TRANSLATE_NOOP("DnsDecoder", "CPU"));
    //: HINFO record data: operating system
    l.os = t(QT_TRANSLATE_NOOP("DnsDecoder", "OS"));
    //: NSEC record data
    l.nextDomainName = t(QT_TRANSLATE_NOOP("DnsDecoder", "Next domain name"));
    //: NSEC record data
    l.typeBitmap = t(QT_TRANSLATE_NOOP("DnsDecoder", "Type bitmap"));
    //: NSEC type bitmap window
    l.window = t(QT_TRANSLATE_NOOP("DnsDecoder", "Window"));
    //: EDNS (OPT record): the sender's UDP payload size
    l.udpPayloadSize = t(QT_TRANSLATE_NOOP("DnsDecoder", "UDP payload size"));
    //: EDNS (OPT record): upper bits of the response code
    l.extendedRcode = t(QT_TRANSLATE_NOOP("DnsDecoder", "Extended rcode"));
    l.version = t(QT_TRANSLATE_NOOP("DnsDecoder", "EDNS version"));
    //: EDNS flag mnemonic: DNSSEC OK
    l.doBit = t(QT_TRANSLATE_NOOP("DnsDecoder", "DO"));
    l.ednsZ = l.z;
    //: EDNS option
    l.option = t(QT_TRANSLATE_NOOP("DnsDecoder", "Option"));
    l.optionCode = t(QT_TRANSLATE_NOOP("DnsDecoder", "Option code"));
    l.optionLength = t(QT_TRANSLATE_NOOP("DnsDecoder", "Option length"));
    l.optionData = t(QT_TRANSLATE_NOOP("DnsDecoder", "Option data"));
    //: raw record data of a type without a decoder
    l.data = t(QT_TRANSLATE_NOOP("DnsDecoder", "Data"));
    //: short text of an OPT record: %1 is the UDP payload size in bytes
    l.optPayload = t(QT_TRANSLATE_NOOP("DnsDecoder", "payload %1"));
    //: short text of an OPT record: %1 is the EDNS version
    l.optVersion = t(QT_TRANSLATE_NOOP("DnsDecoder", "version %1"));
    //: short text of an OPT record: %1 is the extended response code
    l.optExtendedRcode = t(QT_TRANSLATE_NOOP("DnsDecoder", "ext rcode %1"));
    l.optDo = l.doBit;
    //: packet summary: %1 is the list of questions
    l.summaryQuery = t(QT_TRANSLATE_NOOP("DnsDecoder", "Query: %1"));
    //: packet summary: %1 is the list of answers
    l.summaryResponse = t(QT_TRANSLATE_NOOP("DnsDecoder", "Response: %1"));
    //: packet summary: %1 more items not shown
    l.summaryMore = t(QT_TRANSLATE_NOOP("DnsDecoder", "+%1"));
    //: packet summary: %1 is the byte offset, %2 the reason
    l.summaryMalformed = t(QT_TRANSLATE_NOOP("DnsDecoder", "[Malformed at %1: %2]"));
    //: packet summary of a message without questions or records
    l.summaryEmpty = t(QT_TRANSLATE_NOOP("DnsDecoder", "(empty)"));
    //: packet summary: a record with TTL 0, which withdraws it (RFC 6762 §10.1)
    l.summaryGoodbye = t(QT_TRANSLATE_NOOP("DnsDecoder", "(goodbye)"));
    //: packet summary: %1 is a response code such as "rcode 3"
    l.summaryRcode = t(QT_TRANSLATE_NOOP("DnsDecoder", "[%1]"));
    //: packet summary: the unicast-response bit of an mDNS question
    l.summaryQu = t(QT_TRANSLATE_NOOP("DnsDecoder", "(QU)"));
    //: packet summary of a probe (RFC 6762 §8.1): %1 is the list of questions
    l.summaryProbe = t(QT_TRANSLATE_NOOP("DnsDecoder", "Probe: %1"));
    //: packet summary of an mDNS response that names no question (RFC 6762 §8.3): %1 is the
    //: list of answers
    l.summaryAnnouncement = t(QT_TRANSLATE_NOOP("DnsDecoder", "Announcement: %1"));
    //: packet summary of a response whose records all have TTL 0 (RFC 6762 §10.1): %1 is the
    //: list of records withdrawn
    l.summaryGoodbyes = t(QT_TRANSLATE_NOOP("DnsDecoder", "Goodbye: %1"));
    //: packet summary of a datagram on the mDNS port that is not a DNS message: %1 is why
    l.summaryNotDns = t(QT_TRANSLATE_NOOP("DnsDecoder", "Not DNS: %1"));
    //: why a datagram is not DNS: %1 questions and %2 records, which need %3 bytes at least
    l.notDnsCounts = t(QT_TRANSLATE_NOOP(
        "DnsDecoder",
        "its header counts %1 questions and %2 records, at least %3 bytes, more than any DNS "
        "message holds"));
    //: why a datagram is not DNS: %1 is the value of its opcode field
    l.notDnsOpcode = t(QT_TRANSLATE_NOOP("DnsDecoder", "opcode %1 is not a DNS opcode"));
    return l;
}

} // namespace

const DnsFieldLabels &DnsFieldLabels::instance()
{
    static const DnsFieldLabels labels = build(true);
    return labels;
}

const DnsFieldLabels &DnsFieldLabels::english()
{
    static const DnsFieldLabels labels = build(false);
    return labels;
}

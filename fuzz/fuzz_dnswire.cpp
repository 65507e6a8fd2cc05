// libFuzzer target for DnsWire, differential: DnsWire::scan() may accept only what
// DnsDecoder::decode() decodes without an error, and for what it accepts the JSON Lines row,
// the CSV row and the summary line formed straight from the bytes must be, byte for byte, what
// the DnsMessage writers form from the decoded message (tests/core/dns/tst_dnswire checks the
// same on the corpus and generated messages). Any difference aborts, so libFuzzer keeps it.
#include "ByteSink.h"
#include "CsvWriter.h"
#include "DnsDecoder.h"
#include "DnsWire.h"
#include "JsonLinesWriter.h"
#include "Packet.h"

#include <cstdio>
#include <cstdlib>

using namespace Qt::StringLiterals;

namespace {

[[noreturn]] void fail(const char *what, const QByteArray &datagram, const QByteArray &a,
                       const QByteArray &b)
{
    std::fprintf(stderr, "fuzz_dnswire: %s for %s\n--- decode():\n%s\n--- DnsWire:\n%s\n", what,
                 datagram.toHex().constData(), a.constData(), b.constData());
    std::abort();
}

} // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    Packet p;
    p.data = QByteArray(reinterpret_cast<const char *>(data), qsizetype(size));
    p.timestampNs = 1764000000123456789;
    p.source = IpAddress::fromString(u"fe80::1"_s);
    p.destination = IpAddress::fromString(u"ff02::fb"_s);
    p.sourcePort = p.destinationPort = 5353;
    p.ttl = 255;
    p.interfaceName = u"eth,0"_s;
    p.originalLength = quint32(size);

    static DnsWire::Message wire; // reused, as the pipeline reuses it
    const bool scanned = DnsWire::scan(p.data, wire);
    if (!scanned)
        return 0;
    const DnsMessage m = DnsDecoder::decode(p.data, DnsDecoder::Detail::NoFields);
    if (m.isMalformed())
        fail("scan() accepted a message decode() finds malformed", p.data, m.error->reason.toUtf8(),
             {});

    QByteArray json, jsonWire, csv, csvWire, summaryWire;
    {
        ByteSink a(json), b(jsonWire), c(csv), d(csvWire), e(summaryWire);
        JsonLinesWriter::append(a, p, m, 7);
        JsonLinesWriter::append(b, p, wire, 7);
        CsvWriter::appendRow(c, p, m, 7);
        CsvWriter::appendRow(d, p, wire, 7);
        DnsWire::appendSummary(e, wire);
    }
    if (json != jsonWire)
        fail("JSON Lines rows differ", p.data, json, jsonWire);
    if (csv != csvWire)
        fail("CSV rows differ", p.data, csv, csvWire);
    const QByteArray summary = DnsDecoder::summary(m).toUtf8();
    if (summary != summaryWire)
        fail("summary lines differ", p.data, summary, summaryWire);
    return 0;
}

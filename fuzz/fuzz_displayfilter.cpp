// libFuzzer target for display filters (core/filter): the input's first line is a filter's
// text, the rest a datagram. The text is compiled; a refused one must say where (a position
// within the text) and why (a reason); an accepted one is evaluated on the decoded datagram
// from an IPv4 and an IPv6 sender (with and without MACs), must give the same answer twice,
// and must compile again from its own text. Any violation aborts, so libFuzzer keeps the input.
// Seeds: tests/data/filter/filters.txt, one filter per seed with a corpus datagram
// (fuzz/run-displayfilter.sh).
#include "DisplayFilter.h"
#include "DnsDecoder.h"
#include "Packet.h"

#include <cstdio>
#include <cstdlib>

namespace {

[[noreturn]] void fail(const char *what)
{
    std::fprintf(stderr, "fuzz_displayfilter: %s\n", what);
    std::abort();
}

} // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    const QByteArray input =
        QByteArray::fromRawData(reinterpret_cast<const char *>(data), qsizetype(size));
    const qsizetype newline = input.indexOf('\n');
    const QString text = QString::fromUtf8(newline < 0 ? input : input.left(newline));
    const QByteArray datagram = newline < 0 ? QByteArray() : input.mid(newline + 1);

    DisplayFilter filter;
    DisplayFilter::Error error;
    if (!DisplayFilter::compile(text, &filter, &error)) {
        if (error.position < 0 || error.position > text.size() || error.length < 0 ||
            error.position + error.length > text.size() || error.reason.isEmpty())
            fail("a refused filter must name a place within its text and a reason");
        if (!filter.isEmpty())
            fail("a refused filter must leave the filter as it was");
        return 0;
    }
    DisplayFilter again;
    if (!DisplayFilter::compile(filter.text(), &again, nullptr))
        fail("a filter's own text must compile again");

    const DnsMessage message = DnsDecoder::decode(datagram, DnsDecoder::Detail::NoFields);
    for (int round = 0; round < 2; ++round) {
        Packet p;
        p.data = datagram;
        p.originalLength = quint32(datagram.size());
        p.sourcePort = 5353;
        p.destinationPort = round ? 40123 : 5353;
        p.ttl = round ? 1 : 255;
        if (round == 0) {
            p.source = IpAddress::fromV4(0xA9FE0102);
            p.destination = IpAddress::fromV4(0xE00000FB);
        } else {
            const quint8 src[16] = {0xfe, 0x80, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 1};
            const quint8 dst[16] = {0xff, 0x02, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0xfb};
            p.source = IpAddress::fromV6(src);
            p.destination = IpAddress::fromV6(dst);
            p.macsKnown = true;
            p.destinationMac = {0x33, 0x33, 0, 0, 0, 0xfb};
        }
        const bool first = filter.matches(p, message, quint64(round) + 1);
        if (first != filter.matches(p, message, quint64(round) + 1) ||
            first != again.matches(p, message, quint64(round) + 1))
            fail("the same filter must give the same answer");
    }
    return 0;
}

// libFuzzer target for the conformance checker (core/conformance): the input is cut into up
// to 8 datagrams (the first byte says how many), each decoded and fed to a ConformanceChecker
// with small limits, twice over from different senders and addresses (IPv4 and IPv6,
// multicast and unicast, port 5353 and not, TTL 255 and 64) at timestamps that make the
// timing rules fire (repeats within 1 s, probes 250 ms apart, TTLs running out), then time
// moves on and the source ends. Then what must hold: the findings stay within their limit,
// the modules' state within maxTracked, every finding names packets that were fed and reads
// as a sentence in both languages, and the scorecard and the change sets are consistent.
// Any violation aborts, so libFuzzer keeps the input.
#include "ConformanceChecker.h"
#include "DnsDecoder.h"
#include "Packet.h"

#include <cstdio>
#include <cstdlib>

namespace {

[[noreturn]] void fail(const char *what)
{
    std::fprintf(stderr, "fuzz_conformance: %s\n", what);
    std::abort();
}

constexpr qint64 kStart = 1'700'000'000'000'000'000LL;
constexpr qint64 kMs = 1'000'000;

Packet packetFor(const QByteArray &data, int round, int i)
{
    Packet p;
    p.data = data;
    p.originalLength = quint32(data.size());
    p.timestampNs = kStart + (qint64(round) * 900 + qint64(i) * 250) * kMs;
    const int sender = (i + round) % 4;
    if (sender == 3) {
        const quint8 v6[16] = {0xfe, 0x80, 0, 0, 0, 0, 0, 0,
                               0,    0,    0, 0, 0, 0, 0, quint8(1 + round)};
        const quint8 group[16] = {0xff, 0x02, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0xfb};
        p.source = IpAddress::fromV6(v6);
        p.destination = IpAddress::fromV6(group);
    } else {
        p.source = IpAddress::fromV4(0xA9FE0001u + quint32(sender));
        p.destination =
            (i % 3 == 2) ? IpAddress::fromV4(0xA9FE0063u) : IpAddress::fromV4(0xE00000FBu);
    }
    p.sourcePort = (i % 5 == 4) ? 40000 : 5353;
    p.destinationPort = (i % 7 == 6) ? 40000 : 5353;
    p.ttl = (i % 4 == 3) ? 64 : 255;
    p.interfaceName = QStringLiteral("eth0");
    return p;
}

} // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    if (size == 0)
        return 0;
    const int count = data[0] % 8 + 1;
    const QByteArray rest(reinterpret_cast<const char *>(data) + 1, qsizetype(size - 1));
    QList<QByteArray> datagrams;
    const qsizetype part = rest.size() / count;
    for (int i = 0; i < count; ++i)
        datagrams.append(i + 1 == count ? rest.mid(i * part) : rest.mid(i * part, part));

    ConformanceChecker::Limits limits;
    limits.maxFindings = 40;
    limits.maxDevices = 4;
    limits.maxTracked = 16;
    ConformanceChecker checker(limits);
    quint64 number = 0;
    for (int round = 0; round < 2; ++round) {
        for (int i = 0; i < datagrams.size(); ++i) {
            const Packet p = packetFor(datagrams.at(i), round, i);
            checker.add(p, DnsDecoder::decode(p.data, DnsDecoder::Detail::NoFields), ++number);
        }
        if (round == 0)
            (void)checker.takeChanges();
    }
    checker.advanceTo(kStart + 10'000 * kMs);
    checker.finish(kStart + 200'000 * kMs);

    if (checker.findings().size() > limits.maxFindings)
        fail("more findings than maxFindings");
    if (checker.tracked() > limits.maxTracked)
        fail("module state beyond maxTracked");
    for (qsizetype i = 0; i < checker.findings().size(); ++i) {
        const Finding &f = checker.findings().at(i);
        if (f.id != quint32(i))
            fail("finding id is not its place");
        if (f.count == 0 || f.packets.first.size() > PacketRefs::kKept)
            fail("finding count or packets out of range");
        for (const quint64 n : f.packets.first) {
            if (n == 0 || n > number)
                fail("finding names a packet that was not fed");
        }
        if (f.messageText(false).isEmpty() || f.messageText(true).isEmpty())
            fail("finding without a sentence");
        if (f.message.toString(false).contains(QLatin1String("%1")) && f.message.args.isEmpty())
            fail("unfilled placeholder");
    }
    const QList<ScorecardRow> rows = checker.scorecard();
    if (rows.size() > limits.maxDevices)
        fail("more scorecard rows than devices");
    const FindingChanges changes = checker.takeChanges();
    for (const Finding &f : changes.findings) {
        if (f.id >= quint32(checker.findings().size()))
            fail("a change names an unknown finding");
    }
    return 0;
}

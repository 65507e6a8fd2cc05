// DnsWire: the text formed straight from a well-formed message's bytes (JSON Lines, CSV, the
// summary line) must be, byte for byte, what the DnsMessage writers form from
// DnsDecoder::decode() of the same datagram; scan() must refuse every message decode() finds
// malformed. Checked on every datagram of the real captures, on generated messages with every
// record type and every escaping rule (compressed names, '.', '\', '"', ',', UTF-8, invalid
// UTF-8, C1 controls, "<Root>", the root), and on thousands of mutations of both. And the
// path --read takes for text outputs allocates nothing per packet.
#include "AllocationCounter.h"
#include "AllocationProbe.h"
#include "ByteSink.h"
#include "CaptureFileReader.h"
#include "CsvWriter.h"
#include "DecodedPacket.h"
#include "DnsDecoder.h"
#include "DnsWire.h"
#include "DnsWireBuilder.h"
#include "JsonLinesWriter.h"
#include "MdnsBuilder.h"
#include "PacketConsumer.h"
#include "PacketPipeline.h"

#include <QDir>
#include <QRandomGenerator>
#include <QSet>
#include <QTest>

using namespace Qt::StringLiterals;

namespace {

QStringList captureFiles()
{
    QStringList files;
    const QStringList patterns{u"*.pcap"_s, u"*.pcapng"_s};
    for (const QString &dir :
         {QStringLiteral(MDNSCOPE_SOURCE_DIR "/../shared/corpus"),
          QStringLiteral(MDNSCOPE_SOURCE_DIR "/tests/data/fuzz-capturefile")}) {
        for (const QString &f : QDir(dir).entryList(patterns, QDir::Files, QDir::Name))
            files << dir + u'/' + f;
    }
    return files;
}

Packet packetOf(const QByteArray &datagram)
{
    Packet p;
    p.data = datagram;
    p.timestampNs = 1764000000123456789;
    p.source = IpAddress::fromString(u"fe80::1"_s);
    p.destination = IpAddress::fromString(u"ff02::fb"_s);
    p.sourcePort = p.destinationPort = 5353;
    p.ttl = 255;
    p.interfaceName = u"eth,0"_s;
    p.originalLength = quint32(datagram.size());
    return p;
}

struct Outcome
{
    bool scanned = false;
    bool malformed = false;
};

// Compares the three texts of `p` formed both ways; returns what scan() and decode() said.
Outcome compare(const Packet &p, DnsWire::Message &wire)
{
    const DnsMessage m = DnsDecoder::decode(p.data, DnsDecoder::Detail::NoFields);
    Outcome o{DnsWire::scan(p.data, wire), m.isMalformed()};
    if (!o.scanned)
        return o;
    if (o.malformed) {
        qWarning("scan() accepted a message decode() finds malformed: %s (%s)",
                 p.data.toHex().constData(), qPrintable(m.error->reason));
        return o;
    }
    QByteArray json, jsonWire, csv, csvWire, summaryWire;
    {
        ByteSink a(json), b(jsonWire), c(csv), d(csvWire), e(summaryWire);
        JsonLinesWriter::append(a, p, m, 7);
        JsonLinesWriter::append(b, p, wire, 7);
        CsvWriter::appendRow(c, p, m, 7);
        CsvWriter::appendRow(d, p, wire, 7);
        DnsWire::appendSummary(e, wire);
    }
    const QByteArray summary = DnsDecoder::summary(m).toUtf8();
    if (json != jsonWire || csv != csvWire || summary != summaryWire) {
        qWarning("texts differ for %s:\n%s\n%s\n%s\n%s\n%s\n%s", p.data.toHex().constData(),
                 json.constData(), jsonWire.constData(), csv.constData(), csvWire.constData(),
                 summary.constData(), summaryWire.constData());
        o.malformed = true; // counted as a failure below
    }
    return o;
}

// Random well-formed-looking messages: every record type, names with every escaping rule,
// compression pointers (mostly backward, sometimes forward), TTL 0, flags and counts.
class Generator
{
public:
    explicit Generator(quint32 seed)
        : m_random(seed)
    {}

    QByteArray message()
    {
        DnsWireBuilder b;
        m_names.clear();
        const bool response = chance(70);
        const int questions = response ? (chance(20) ? 1 : 0) : 1 + below(4);
        const int answers = response ? below(6) : (chance(30) ? below(3) : 0);
        const int authority = chance(20) ? 1 + below(2) : 0;
        const int additional = chance(50) ? below(5) : 0;
        quint16 flags = response ? 0x8400 : 0;
        if (chance(5))
            flags |= quint16(below(16)) << 11; // opcode
        if (chance(5))
            flags |= quint16(below(16)); // rcode
        if (chance(10))
            flags |= 0x0200; // tc
        b.header(chance(10) ? quint16(m_random.generate()) : 0, flags, quint16(questions),
                 quint16(answers), quint16(authority), quint16(additional));
        for (int i = 0; i < questions; ++i) {
            name(b);
            b.u16(type()).u16(quint16((chance(30) ? 0x8000 : 0) | (chance(95) ? 1 : 255)));
        }
        for (int i = 0; i < answers + authority + additional; ++i)
            record(b);
        return b.bytes();
    }

    QByteArray mutate(QByteArray bytes)
    {
        if (bytes.isEmpty())
            return bytes;
        const int edits = 1 + below(3);
        for (int i = 0; i < edits; ++i) {
            const int at = below(int(bytes.size()));
            switch (below(4)) {
            case 0:
                bytes[at] = char(m_random.generate());
                break;
            case 1:
                bytes[at] = char(bytes.at(at) ^ (1 << below(8)));
                break;
            case 2:
                bytes.truncate(at);
                break;
            default:
                bytes[at] = char(0xC0);
                break;
            }
            if (bytes.isEmpty())
                break;
        }
        return bytes;
    }

private:
    int below(int n) { return int(m_random.bounded(n)); }
    bool chance(int percent) { return below(100) < percent; }

    quint16 type()
    {
        static constexpr quint16 kTypes[] = {1, 28, 12,  33, 16, 13,    47,  41,
                                             5, 2,  255, 99, 6,  65280, 256, 10};
        return kTypes[below(int(std::size(kTypes)))];
    }

    QByteArray label()
    {
        static const QByteArray kPieces[] = {"_ipp",
                                             "_tcp",
                                             "local",
                                             "Office Printer",
                                             "a.b",
                                             "back\\slash",
                                             "quo\"te",
                                             "com,ma",
                                             "<Root>",
                                             "\xC3\xA9t\xC3\xA9",
                                             "\xF0\x9F\x96\xA8",
                                             "\xC2\x85",
                                             "\xFF",
                                             "\x7F",
                                             "\x01x",
                                             "\xED\xA0\x80",
                                             "\xE2\x80\xA8",
                                             "x"};
        QByteArray l = kPieces[below(int(std::size(kPieces)))];
        if (chance(10))
            l += kPieces[below(int(std::size(kPieces)))];
        return l;
    }

    // A name: labels then a zero or a pointer to a name written before (or, rarely, forward).
    void name(DnsWireBuilder &b)
    {
        const quint32 at = b.pos();
        if (chance(5)) {
            b.u8(0); // the root
            return;
        }
        if (!m_names.isEmpty() && chance(40)) {
            b.pointer(m_names.at(below(int(m_names.size()))));
            return;
        }
        if (chance(8) && at > 0) {
            // one label that reads "<Root>" alone
            b.label("<Root>").u8(0);
            m_names.append(at);
            return;
        }
        const int labels = 1 + below(3);
        for (int i = 0; i < labels; ++i)
            b.label(label());
        if (!m_names.isEmpty() && chance(50))
            b.pointer(m_names.at(below(int(m_names.size()))));
        else if (chance(3))
            b.pointer(b.pos() + 2); // forward: legal, left to decode()
        else
            b.u8(0);
        m_names.append(at);
    }

    void record(DnsWireBuilder &b)
    {
        name(b);
        const quint16 t = type();
        const quint32 ttl = chance(20) ? 0 : (chance(50) ? 120 : 4500);
        const quint16 rrclass = t == 41 ? 1440 : quint16((chance(50) ? 0x8000 : 0) | 1);
        const quint32 rdata = b.beginRecord(t, rrclass, t == 41 && chance(50) ? 0x01028000 : ttl);
        switch (t) {
        case 1:
            b.u32(0xA9FE0102);
            break;
        case 28:
            b.raw(QByteArray::fromHex("fe800000000000000000000000000001"));
            break;
        case 12:
        case 5:
        case 2:
            name(b);
            break;
        case 33:
            b.u16(0).u16(quint16(below(3))).u16(631);
            name(b);
            break;
        case 16: {
            const int strings = below(4);
            for (int i = 0; i < strings; ++i)
                b.label(chance(20) ? QByteArray() : label() + "=" + label());
            break;
        }
        case 13:
            b.label(label()).label(chance(20) ? QByteArray() : label());
            break;
        case 47:
            name(b);
            b.u8(0).u8(5).raw(QByteArray::fromHex("4000000008"));
            if (chance(30))
                b.u8(1).u8(1).u8(0xC0);
            break;
        case 41:
            if (chance(60))
                b.u16(quint16(chance(50) ? 4 : 12)).u16(2).u16(0xABCD);
            break;
        default: {
            const int n = below(50);
            for (int i = 0; i < n; ++i)
                b.u8(quint8(m_random.generate()));
            break;
        }
        }
        b.endRdata(rdata);
    }

    QRandomGenerator m_random;
    QList<quint32> m_names;
};

// A consumer that takes the wire form and writes JSON Lines into a buffer it reuses.
class WireJson final : public PacketConsumer
{
public:
    bool takesWire() const override { return true; }
    bool consume(const DecodedPacket &decoded) override
    {
        ByteSink sink(buffer);
        JsonLinesWriter::append(sink, decoded.packet, decoded.message, qint64(decoded.number));
        ++decodedPackets;
        return true;
    }
    bool consumeWire(const WirePacket &wire) override
    {
        ByteSink sink(buffer);
        JsonLinesWriter::append(sink, wire.packet, wire.message, qint64(wire.number));
        CsvWriter::appendRow(sink, wire.packet, wire.message, qint64(wire.number));
        DnsWire::appendSummary(sink, wire.message);
        ++wirePackets;
        return true;
    }
    bool endBatch() override
    {
        buffer.resize(0); // keeps the capacity
        return true;
    }
    QByteArray buffer;
    int decodedPackets = 0;
    int wirePackets = 0;
};

} // namespace

class TestDnsWire final : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void corpusAndMutations()
    {
        int files = 0;
        qint64 wellFormed = 0, scanned = 0, failures = 0, mutated = 0;
        DnsWire::Message wire;
        Generator mutator(18);
        for (const QString &file : captureFiles()) {
            const CaptureFileResult r = CaptureFileReader::readFile(file);
            ++files;
            QSet<QByteArray> seen;
            for (const Packet &packet : r.packets) {
                if (seen.contains(packet.data))
                    continue;
                seen.insert(packet.data);
                const Outcome o = compare(packet, wire);
                wellFormed += !o.malformed;
                scanned += o.scanned;
                failures += o.scanned && o.malformed;
                for (int i = 0; i < 20; ++i) {
                    const Outcome m = compare(packetOf(mutator.mutate(packet.data)), wire);
                    failures += m.scanned && m.malformed;
                    ++mutated;
                }
            }
        }
        qInfo("%d files: %lld of %lld well-formed datagrams scanned, %lld mutations", files,
              scanned, wellFormed, mutated);
        QCOMPARE(failures, 0);
        QVERIFY(files > 0);
        // Real traffic compresses names backwards: the wire path takes nearly every message.
        QVERIFY2(scanned * 100 >= wellFormed * 95,
                 qPrintable(u"%1 of %2"_s.arg(scanned).arg(wellFormed)));
    }

    void generatedMessages()
    {
        Generator g(6);
        DnsWire::Message wire;
        qint64 scanned = 0, failures = 0, refused = 0;
        constexpr int kMessages = 20000;
        for (int i = 0; i < kMessages; ++i) {
            const QByteArray bytes = g.message();
            const Outcome o = compare(packetOf(bytes), wire);
            scanned += o.scanned;
            refused += !o.scanned && !o.malformed;
            failures += o.scanned && o.malformed;
            const Outcome m = compare(packetOf(g.mutate(bytes)), wire);
            failures += m.scanned && m.malformed;
        }
        qInfo("%lld of %d generated messages scanned; %lld well-formed ones refused", scanned,
              kMessages, refused);
        QCOMPARE(failures, 0);
        QVERIFY(scanned > kMessages / 4);
        QVERIFY(refused > 0); // forward pointers are legal and left to decode()
    }

    void edgeCases()
    {
        DnsWire::Message wire;
        const QList<QByteArray> cases{
            MdnsBuilder::query(u"_ipp._tcp.local"_s, 12, true),
            MdnsBuilder::response(
                {MdnsBuilder::ptr(u"_ipp._tcp.local"_s, u"Office._ipp._tcp.local"_s),
                 MdnsBuilder::srv(u"Office._ipp._tcp.local"_s, 631, u"host.local"_s),
                 MdnsBuilder::txt(u"Office._ipp._tcp.local"_s, {"txtvers=1", "rp=\"x\""}),
                 MdnsBuilder::a(u"host.local"_s, 0xA9FE0102)}),
            MdnsBuilder::probe({MdnsBuilder::a(u"host.local"_s, 0x0A000001)}),
            MdnsBuilder::response({MdnsBuilder::hinfo(u"host.local"_s, "x86,64", "Linux \"6\"")}),
            // The root name asked for, and a one-label name that reads "<Root>".
            DnsWireBuilder()
                .header(0, 0, 2, 0, 0, 0)
                .question("", 255, 1)
                .question("<Root>", 1, 1)
                .bytes(),
            // A response of only an OPT record: the summary shows it.
            [] {
                DnsWireBuilder b;
                b.header(0x1234, 0x8405, 0, 0, 0, 1).u8(0);
                const quint32 at = b.beginRecord(41, 1232, 0x01008000);
                b.u16(3).u16(0).u16(10).u16(1).u8(9);
                b.endRdata(at);
                return b.bytes();
            }(),
            // An unknown type with more than 32 bytes of rdata (the summary's "…").
            DnsWireBuilder()
                .header(0, 0x8400, 0, 1, 0, 0)
                .record("x.local", 65280, 1, 0, QByteArray(40, 'z'))
                .bytes(),
            // A chain of forward pointers: decode() reads it, scan() leaves it to decode().
            DnsWireBuilder()
                .header(0, 0, 1, 0, 0, 0)
                .pointer(14)
                .pointer(16)
                .name("fwd.local")
                .u16(1)
                .u16(1)
                .bytes(),
        };
        for (const QByteArray &bytes : cases) {
            const Outcome o = compare(packetOf(bytes), wire);
            QVERIFY2(!o.malformed, bytes.toHex().constData());
        }
        QVERIFY(DnsWire::scan(cases.at(1), wire));
        QCOMPARE(wire.records.size(), size_t(4));
        QVERIFY(!DnsWire::scan(cases.last(), wire));
        QVERIFY(!DnsDecoder::decode(cases.last()).isMalformed());
    }

    // The text outputs of --read (JSON Lines, CSV and summary lines, through the pipeline's
    // wire path) allocate nothing per packet once their buffers have grown.
    void noAllocationPerPacket()
    {
        if (!AllocationProbe::available())
            QSKIP("the allocation counter (alloc/) is not linked into this test");
        if (!AllocationCounter::countsMalloc())
            QSKIP("malloc is not counted in this build (sanitizer or valgrind)");
        // Typical mDNS traffic: queries (QU and QM), probes, announcements, answers with
        // additionals, goodbyes.
        using namespace MdnsBuilder;
        const QString instance = u"Office Printer._ipp._tcp.local"_s;
        const QList<QByteArray> kinds{
            query(u"_ipp._tcp.local"_s, 12, true),
            query(u"host.local"_s, 28),
            probe({srv(instance, 631, u"host.local"_s)}),
            response(
                {ptr(u"_ipp._tcp.local"_s, instance)},
                {srv(instance, 631, u"host.local"_s), txt(instance, {"txtvers=1", "note=2F"}),
                 a(u"host.local"_s, 0xA9FE0102),
                 aaaa(u"host.local"_s, QByteArray::fromHex("fe800000000000000000000000000001"))}),
            response({with(ptr(u"_ipp._tcp.local"_s, instance), 0, false)}),
            response({hinfo(u"host.local"_s, "x86_64", "Linux")}),
        };
        PacketBatch batch;
        for (int i = 0; i < 1200; ++i)
            batch.append(packetOf(kinds.at(i % kinds.size())));
        DnsWire::Message wire;
        for (const QByteArray &k : kinds)
            QVERIFY(DnsWire::scan(k, wire));
        PacketPipeline pipeline;
        WireJson consumer;
        pipeline.addConsumer(consumer);
        QVERIFY(pipeline.wirePath());
        QVERIFY(pipeline.push(batch)); // buffers grow
        const quint64 before = AllocationProbe::currentThread().allocations;
        QVERIFY(pipeline.push(batch));
        QVERIFY(pipeline.push(batch));
        const quint64 allocated = AllocationProbe::currentThread().allocations - before;
        QCOMPARE(consumer.decodedPackets, 0);
        QCOMPARE(consumer.wirePackets, 3 * int(batch.size()));
        QCOMPARE(allocated, quint64(0));

        // A gate needs the DnsMessage: the pipeline decodes again.
        pipeline.setGate([](const DecodedPacket &) { return true; });
        QVERIFY(!pipeline.wirePath());
        QVERIFY(pipeline.push(batch));
        QCOMPARE(consumer.decodedPackets, int(batch.size()));
    }
};

QTEST_GUILESS_MAIN(TestDnsWire)
#include "tst_dnswire.moc"

#include "CaptureFileBuilder.h"
#include "CaptureFileReader.h"
#include "DnsWireBuilder.h"

#include <QDir>
#include <QFile>
#include <QRandomGenerator>
#include <QRegularExpression>
#include <QTest>
#include <QtEndian>

using namespace Qt::StringLiterals;
using FB = FrameBuilder::Extension;

namespace {

constexpr quint32 kSource = 0xA9FE0102; // 169.254.1.2
constexpr quint32 kGroup = 0xE00000FB;  // 224.0.0.251

QByteArray query(const QByteArray &name = "_ipp._tcp.local")
{
    DnsWireBuilder b;
    b.header(0, 0, 1, 0, 0, 0).question(name, 12, 1);
    return b.bytes();
}

QByteArray v4(const QByteArray &payload = query(), quint8 ttl = 255)
{
    return FrameBuilder::udp4(kSource, kGroup, 5353, 5353, ttl, payload);
}

QByteArray v6(const QByteArray &payload = query(), quint8 hops = 255,
              const QList<FB> &extensions = {})
{
    return FrameBuilder::udp6(FrameBuilder::ipv6("fe80::1"), FrameBuilder::ipv6("ff02::fb"), 5353,
                              5353, hops, payload, extensions);
}

CaptureFileResult readOne(quint32 linkType, const QByteArray &frame)
{
    return CaptureFileReader::readBytes(PcapBuilder(linkType).record(1, 2, frame).bytes());
}

QString corpusDir()
{
    return QStringLiteral(MDNSCOPE_SOURCE_DIR "/../shared/corpus");
}

// FILE: name -> key: value lines of MANIFEST.txt
QMap<QString, QMap<QString, QString>> manifest()
{
    QMap<QString, QMap<QString, QString>> entries;
    QFile f(corpusDir() + u"/MANIFEST.txt"_s);
    if (!f.open(QIODevice::ReadOnly))
        return entries;
    QString current;
    static const QRegularExpression keyValue(u"^\\s+([^:]+):\\s*(.*)$"_s);
    for (const QByteArray &raw : f.readAll().split('\n')) {
        const QString line = QString::fromUtf8(raw);
        if (line.startsWith(u"FILE: "_s)) {
            current = line.mid(6).trimmed();
            entries[current];
        } else if (line.isEmpty() || !line.startsWith(u' ')) {
            current.clear();
        } else if (!current.isEmpty()) {
            const auto m = keyValue.match(line);
            if (m.hasMatch())
                entries[current][m.captured(1).trimmed()] = m.captured(2).trimmed();
        }
    }
    return entries;
}

} // namespace

class TestCaptureFileReader : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void linkTypes_data();
    void linkTypes();
    void skipped_data();
    void skipped();
    void ipDetails();
    void pcapVariants_data();
    void pcapVariants();
    void pcapModified();
    void pcapngByteOrders();
    void pcapngResolutions_data();
    void pcapngResolutions();
    void pcapngPacketBlocksAndSections();
    void corrupt_data();
    void corrupt();
    void cutAtEveryByte_data();
    void cutAtEveryByte();
    void corpus_data();
    void corpus();
    void corpusIsListed();
    void corpusCutShortKeepsEarlierPackets();
    void missingFile();
    void progressAndCancel();
    void fuzzRegressions();
};

void TestCaptureFileReader::linkTypes_data()
{
    using namespace FrameBuilder;
    QTest::addColumn<quint32>("linkType");
    QTest::addColumn<QByteArray>("frame");
    QTest::addColumn<bool>("ipv6");

    QTest::newRow("ethernet v4") << 1u << ethernet(0x0800, v4()) << false;
    QTest::newRow("ethernet v6") << 1u << ethernet(0x86DD, v6()) << true;
    QTest::newRow("ethernet 802.1Q") << 1u << ethernet(0x0800, v4(), {0x8100}) << false;
    QTest::newRow("ethernet 802.1ad+Q") << 1u << ethernet(0x86DD, v6(), {0x88A8, 0x8100}) << true;
    QTest::newRow("ethernet 802.3 snap") << 1u << ethernetSnap(0x0800, v4()) << false;
    QTest::newRow("sll v4") << 113u << sll(0x0800, v4()) << false;
    QTest::newRow("sll v6") << 113u << sll(0x86DD, v6()) << true;
    QTest::newRow("sll 802.1Q") << 113u << sll(0x8100, QByteArray::fromHex("002a0800") + v4())
                                << false;
    QTest::newRow("sll2 v4") << 276u << sll2(0x0800, v4()) << false;
    QTest::newRow("sll2 v6") << 276u << sll2(0x86DD, v6()) << true;
    QTest::newRow("raw 101 v4") << 101u << v4() << false;
    QTest::newRow("raw 101 v6") << 101u << v6() << true;
    QTest::newRow("raw 12 v4") << 12u << v4() << false;
    QTest::newRow("raw 14 v6") << 14u << v6() << true;
    QTest::newRow("ipv4 228") << 228u << v4() << false;
    QTest::newRow("ipv6 229") << 229u << v6() << true;
    QTest::newRow("null LE AF_INET") << 0u << null(2, false, v4()) << false;
    QTest::newRow("null BE AF_INET6 macOS") << 0u << null(30, true, v6()) << true;
    QTest::newRow("null LE AF_INET6 OpenBSD") << 0u << null(24, false, v6()) << true;
    QTest::newRow("null LE AF_INET6 FreeBSD") << 0u << null(28, false, v6()) << true;
    QTest::newRow("null LE AF_INET6 Linux") << 0u << null(10, false, v6()) << true;
    QTest::newRow("loop AF_INET") << 108u << null(2, true, v4()) << false;
    QTest::newRow("802.11 data v4") << 105u << ieee80211(0x0800, v4(), false) << false;
    QTest::newRow("802.11 QoS data v6") << 105u << ieee80211(0x86DD, v6(), true) << true;
    QTest::newRow("radiotap 802.11 v4") << 127u << radiotap(ieee80211(0x0800, v4(), true)) << false;
}

void TestCaptureFileReader::linkTypes()
{
    QFETCH(quint32, linkType);
    QFETCH(QByteArray, frame);
    QFETCH(bool, ipv6);

    const CaptureFileResult r = readOne(linkType, frame);
    QVERIFY2(!r.error, qPrintable(r.error ? r.error->toString() : QString()));
    QCOMPARE(r.format, u"pcap"_s);
    QCOMPARE(r.stats.records, 1u);
    QCOMPARE(r.stats.packets, 1u);
    QCOMPARE(r.packets.size(), 1);
    const Packet &p = r.packets.first();
    QCOMPARE(p.source.toString(), ipv6 ? u"fe80::1"_s : u"169.254.1.2"_s);
    QCOMPARE(p.destination.toString(), ipv6 ? u"ff02::fb"_s : u"224.0.0.251"_s);
    QCOMPARE(p.sourcePort, 5353);
    QCOMPARE(p.destinationPort, 5353);
    QCOMPARE(p.ttl, 255);
    QCOMPARE(p.data, query());
    QCOMPARE(p.originalLength, quint32(query().size()));
    QVERIFY(!p.truncated);
    QCOMPARE(p.timestampNs, 1'000'002'000LL);
    QCOMPARE(p.interfaceIndex, 0u);
    QVERIFY(p.interfaceName.isEmpty());
}

void TestCaptureFileReader::skipped_data()
{
    using namespace FrameBuilder;
    QTest::addColumn<quint32>("linkType");
    QTest::addColumn<QByteArray>("frame");
    QTest::addColumn<QString>("counter");

    QTest::newRow("unknown link type") << 147u << v4() << u"linkType"_s;
    QTest::newRow("tcp") << 101u << udp4(kSource, kGroup, 5353, 5353, 255, query(), 5, 0, 6)
                         << u"notMdns"_s;
    QTest::newRow("udp 53") << 101u << udp4(kSource, kGroup, 53, 53, 64, query()) << u"notMdns"_s;
    QTest::newRow("arp") << 1u << ethernet(0x0806, QByteArray(28, '\0')) << u"notMdns"_s;
    QTest::newRow("ip version 5") << 101u << QByteArray::fromHex("50") + QByteArray(40, '\0')
                                  << u"notMdns"_s;
    QTest::newRow("ihl below 5") << 101u << QByteArray(v4()).replace(0, 1, "\x44") << u"notMdns"_s;
    QTest::newRow("v4 more fragments")
        << 101u << udp4(kSource, kGroup, 5353, 5353, 255, query(), 5, 0x2000) << u"fragments"_s;
    QTest::newRow("v4 later fragment")
        << 101u << udp4(kSource, kGroup, 5353, 5353, 255, query(), 5, 0x0010) << u"fragments"_s;
    QTest::newRow("v4 first fragment, port 53")
        << 101u << udp4(kSource, kGroup, 53, 53, 255, query(), 5, 0x2000) << u"notMdns"_s;
    QTest::newRow("v6 fragment") << 229u
                                 << v6(query(), 255,
                                       {{44, QByteArray::fromHex("0000000100000001")}})
                                 << u"fragments"_s;
    QTest::newRow("v6 no next header")
        << 229u << v6(query(), 255, {{59, QByteArray::fromHex("3b00000000000000")}})
        << u"notMdns"_s;
    QTest::newRow("ethernet cut in header") << 1u << ethernet(0x0800, v4()).left(20) << u"short"_s;
    QTest::newRow("udp header cut") << 101u << v4().left(24) << u"short"_s;
    QTest::newRow("v6 header cut") << 229u << v6().left(39) << u"short"_s;
    QTest::newRow("udp length below 8")
        << 101u << QByteArray(v4()).replace(24, 2, "\0\4", 2) << u"notMdns"_s;
    QByteArray protectedFrame = ieee80211(0x0800, v4(), false);
    protectedFrame[1] = char(protectedFrame[1] | 0x40);
    QTest::newRow("802.11 protected") << 105u << protectedFrame << u"notMdns"_s;
}

void TestCaptureFileReader::skipped()
{
    QFETCH(quint32, linkType);
    QFETCH(QByteArray, frame);
    QFETCH(QString, counter);

    const CaptureFileResult r = readOne(linkType, frame);
    QVERIFY(!r.error);
    QCOMPARE(r.stats.records, 1u);
    QCOMPARE(r.stats.packets, 0u);
    QVERIFY(r.packets.isEmpty());
    const QMap<QString, quint64> counters{{u"notMdns"_s, r.stats.skippedNotMdns},
                                          {u"fragments"_s, r.stats.skippedFragments},
                                          {u"short"_s, r.stats.skippedShort},
                                          {u"linkType"_s, r.stats.skippedLinkType}};
    for (auto it = counters.cbegin(); it != counters.cend(); ++it)
        QCOMPARE(it.value(), it.key() == counter ? 1u : 0u);
    QCOMPARE(r.stats.skipped(), 1u);
}

void TestCaptureFileReader::ipDetails()
{
    using namespace FrameBuilder;
    const QByteArray payload = query("Office Printer._ipp._tcp.local");

    // IPv4 options (IHL 7) and a TTL of 1
    {
        const auto r = readOne(101, udp4(kSource, kGroup, 5353, 5353, 1, payload, 7));
        QCOMPARE(r.packets.size(), 1);
        QCOMPARE(r.packets[0].data, payload);
        QCOMPARE(r.packets[0].ttl, 1);
    }
    // IPv6 hop-by-hop + destination options, then an atomic fragment (RFC 6946)
    {
        const QList<FB> ext{{0, QByteArray::fromHex("0000010400000000")},
                            {60, QByteArray::fromHex("0001010c") + QByteArray(12, '\0')},
                            {44, QByteArray::fromHex("0000000000000007")}};
        const auto r = readOne(229, v6(payload, 64, ext));
        QCOMPARE(r.packets.size(), 1);
        QCOMPARE(r.packets[0].data, payload);
        QCOMPARE(r.packets[0].ttl, 64);
    }
    // Ethernet padding after the IP packet is not part of the datagram
    {
        const QByteArray tiny = QByteArray::fromHex("0000");
        const auto r = readOne(1, ethernet(0x0800, v4(tiny)) + QByteArray(16, '\x55'));
        QCOMPARE(r.packets.size(), 1);
        QCOMPARE(r.packets[0].data, tiny);
        QCOMPARE(r.packets[0].originalLength, 2u);
    }
    // A UDP length shorter than the IP payload bounds the datagram
    {
        QByteArray ip = v4(payload);
        const quint16 udpLength = quint16(8 + 12);
        ip[24] = char(udpLength >> 8);
        ip[25] = char(udpLength);
        const auto r = readOne(101, ip);
        QCOMPARE(r.packets.size(), 1);
        QCOMPARE(r.packets[0].data, payload.left(12));
    }
    // A capture cut inside the payload keeps the packet, marked truncated
    {
        const QByteArray frame = v4(payload);
        const QByteArray cut = frame.left(28 + 10);
        const auto r = CaptureFileReader::readBytes(
            PcapBuilder(101).record(5, 0, cut, quint32(frame.size())).bytes());
        QCOMPARE(r.packets.size(), 1);
        QCOMPARE(r.packets[0].data, payload.left(10));
        QCOMPARE(r.packets[0].originalLength, quint32(payload.size()));
        QVERIFY(r.packets[0].truncated);
    }
    // Any port 5353 end counts: a unicast reply to a one-shot query from port 40000
    {
        const auto r = readOne(101, udp4(kSource, 0xA9FE0107, 5353, 40000, 255, payload));
        QCOMPARE(r.packets.size(), 1);
        QCOMPARE(r.packets[0].destinationPort, 40000);
        QCOMPARE(r.packets[0].destination.toString(), u"169.254.1.7"_s);
    }
}

void TestCaptureFileReader::pcapVariants_data()
{
    QTest::addColumn<bool>("bigEndian");
    QTest::addColumn<bool>("nanoseconds");
    QTest::addColumn<qint64>("expected");
    QTest::newRow("little micro") << false << false << 1'700'000'000'123'456'000LL;
    QTest::newRow("big micro") << true << false << 1'700'000'000'123'456'000LL;
    QTest::newRow("little nano") << false << true << 1'700'000'000'123'456'789LL;
    QTest::newRow("big nano") << true << true << 1'700'000'000'123'456'789LL;
}

void TestCaptureFileReader::pcapVariants()
{
    QFETCH(bool, bigEndian);
    QFETCH(bool, nanoseconds);
    QFETCH(qint64, expected);
    PcapBuilder b(1, bigEndian, nanoseconds);
    const quint32 fraction = nanoseconds ? 123456789 : 123456;
    b.record(1'700'000'000, fraction, FrameBuilder::ethernet(0x0800, v4(query(), 7)));
    b.record(1'700'000'001, fraction, FrameBuilder::ethernet(0x86DD, v6(query(), 9)));
    const auto r = CaptureFileReader::readBytes(b.bytes());
    QVERIFY(!r.error);
    QCOMPARE(r.packets.size(), 2);
    QCOMPARE(r.packets[0].timestampNs, expected);
    QCOMPARE(r.packets[1].timestampNs, expected + 1'000'000'000LL);
    QCOMPARE(r.packets[0].ttl, 7);
    QCOMPARE(r.packets[1].ttl, 9);
    QVERIFY(r.packets[1].source.isV6());
}

void TestCaptureFileReader::pcapModified()
{
    // Kuznetzov's patched libpcap: magic a1b2cd34, 8 more bytes per record header
    QByteArray file = QByteArray::fromHex("34cdb2a1020004000000000000000000ffff000065000000");
    const QByteArray frame = v4();
    QByteArray header(24, '\0');
    qToLittleEndian<quint32>(42, header.data());
    qToLittleEndian<quint32>(7, header.data() + 4);
    qToLittleEndian<quint32>(quint32(frame.size()), header.data() + 8);
    qToLittleEndian<quint32>(quint32(frame.size()), header.data() + 12);
    file += header + frame + header + frame;
    const auto r = CaptureFileReader::readBytes(file);
    QVERIFY(!r.error);
    QCOMPARE(r.packets.size(), 2);
    QCOMPARE(r.packets[1].timestampNs, 42'000'007'000LL);
    QCOMPARE(r.packets[1].data, query());
}

void TestCaptureFileReader::pcapngByteOrders()
{
    for (bool big : {false, true}) {
        PcapngBuilder b(big);
        b.interface(228, "eth0", 9).interface(229, "wlan0", 9);
        b.enhanced(0, 1'700'000'000'123'456'789ULL, v4(query(), 3));
        b.enhanced(1, 1'700'000'000'223'456'789ULL, v6(query(), 4));
        const auto r = CaptureFileReader::readBytes(b.bytes());
        QVERIFY2(!r.error, qPrintable(r.error ? r.error->toString() : QString()));
        QCOMPARE(r.format, u"pcapng"_s);
        QCOMPARE(r.packets.size(), 2);
        QCOMPARE(r.packets[0].interfaceName, u"eth0"_s);
        QCOMPARE(r.packets[1].interfaceName, u"wlan0"_s);
        QCOMPARE(r.packets[0].timestampNs, 1'700'000'000'123'456'789LL);
        QCOMPARE(r.packets[1].timestampNs, 1'700'000'000'223'456'789LL);
        QCOMPARE(r.packets[0].ttl, 3);
        QCOMPARE(r.packets[1].ttl, 4);
        QCOMPARE(r.packets[1].source.toString(), u"fe80::1"_s);
    }
}

void TestCaptureFileReader::pcapngResolutions_data()
{
    QTest::addColumn<int>("tsresol");
    QTest::addColumn<qint64>("tsoffset");
    QTest::addColumn<quint64>("ticks");
    QTest::addColumn<qint64>("expected");
    QTest::newRow("default microseconds")
        << -1 << 0LL << 1'500'000'000'000'001ULL << 1'500'000'000'000'001'000LL;
    QTest::newRow("10^-9") << 9 << 0LL << 1'500'000'000'000'000'007ULL
                           << 1'500'000'000'000'000'007LL;
    QTest::newRow("10^-3") << 3 << 0LL << 1'500'000'000'123ULL << 1'500'000'000'123'000'000LL;
    QTest::newRow("10^0") << 0 << 0LL << 1'500'000'000ULL << 1'500'000'000'000'000'000LL;
    QTest::newRow("10^-12") << 12 << 0LL << 1'500'000'000'000'000'000ULL << 1'500'000'000'000'000LL;
    QTest::newRow("2^-10") << (0x80 | 10) << 0LL << (1'500'000'000ULL << 10 | 512)
                           << 1'500'000'000'500'000'000LL;
    QTest::newRow("2^-30") << (0x80 | 30) << 0LL << (1'500'000'000ULL << 30 | (1ULL << 28))
                           << 1'500'000'000'250'000'000LL;
    QTest::newRow("tsoffset") << 9 << 1'000'000'000LL << 500'000'000'000'000'000ULL
                              << 1'500'000'000'000'000'000LL;
}

void TestCaptureFileReader::pcapngResolutions()
{
    QFETCH(int, tsresol);
    QFETCH(qint64, tsoffset);
    QFETCH(quint64, ticks);
    QFETCH(qint64, expected);
    PcapngBuilder b;
    b.interface(101, {}, tsresol, tsoffset).enhanced(0, ticks, v4());
    const auto r = CaptureFileReader::readBytes(b.bytes());
    QVERIFY(!r.error);
    QCOMPARE(r.packets.size(), 1);
    QCOMPARE(r.packets[0].timestampNs, expected);
}

void TestCaptureFileReader::pcapngPacketBlocksAndSections()
{
    PcapngBuilder b;
    b.interface(1, "eth0", 9, 0, 60); // snap length 60 bounds simple packet blocks
    b.block(4, QByteArray(8, '\0'));  // name resolution block: skipped
    b.simple(FrameBuilder::ethernet(0x0800, v4()).left(60),
             quint32(FrameBuilder::ethernet(0x0800, v4()).size()));
    b.obsolete(0, 77, FrameBuilder::ethernet(0x86DD, v6()));
    b.block(0x40000BAD, QByteArray("custom")); // custom block: skipped
    b.section(true);                           // a second section, big-endian
    b.interface(228, "br0", 6);
    b.enhanced(0, 5'000'000, v4(query(), 33));
    const auto r = CaptureFileReader::readBytes(b.bytes());
    QVERIFY2(!r.error, qPrintable(r.error ? r.error->toString() : QString()));
    QCOMPARE(r.stats.records, 3u);
    QCOMPARE(r.packets.size(), 3);
    // simple packet block: interface 0, no timestamp, cut at the snap length
    QCOMPARE(r.packets[0].interfaceName, u"eth0"_s);
    QCOMPARE(r.packets[0].timestampNs, 0);
    QVERIFY(r.packets[0].truncated);
    QCOMPARE(r.packets[0].data, query().left(60 - 14 - 28));
    QCOMPARE(r.packets[0].originalLength, quint32(query().size()));
    // obsolete packet block
    QCOMPARE(r.packets[1].timestampNs, 77);
    QVERIFY(r.packets[1].source.isV6());
    // the second section numbers its interfaces from 0 again
    QCOMPARE(r.packets[2].interfaceName, u"br0"_s);
    QCOMPARE(r.packets[2].timestampNs, 5'000'000'000LL);
    QCOMPARE(r.packets[2].ttl, 33);

    // ... so interface 1 of the first section does not exist in the second
    PcapngBuilder c;
    c.interface(228, "a").interface(228, "b").enhanced(1, 1, v4());
    const qint64 secondSection = c.size();
    c.section(false).interface(228, "c").enhanced(1, 2, v4());
    const auto e = CaptureFileReader::readBytes(c.bytes());
    QCOMPARE(e.packets.size(), 1);
    QVERIFY(e.error);
    QCOMPARE(e.error->offset, c.lastBlockOffset());
    QVERIFY(e.error->offset > secondSection);
    QVERIFY2(e.error->reason.contains(u"interface 1"_s), qPrintable(e.error->reason));
}

void TestCaptureFileReader::corrupt_data()
{
    QTest::addColumn<QByteArray>("bytes");
    QTest::addColumn<qint64>("offset");
    QTest::addColumn<int>("kept");
    QTest::addColumn<QString>("reason");

    QTest::newRow("wrong magic") << QByteArray("this is not a capture file") << 0LL << 0
                                 << u"magic"_s;
    QTest::newRow("empty") << QByteArray() << 0LL << 0 << u"empty"_s;

    PcapBuilder pcap(1);
    pcap.record(1, 0, FrameBuilder::ethernet(0x0800, v4()));
    pcap.record(2, 0, FrameBuilder::ethernet(0x0800, v4()));
    const QByteArray good = pcap.bytes();
    QTest::newRow("pcap header cut") << good.left(10) << 10LL << 0 << u"file header"_s;
    QTest::newRow("pcap record header cut")
        << good + QByteArray(5, '\1') << qint64(good.size()) << 2 << u"record header"_s;
    pcap.record(3, 0, FrameBuilder::ethernet(0x0800, v4()));
    QTest::newRow("pcap record data cut")
        << pcap.bytes().left(pcap.size() - 7) << qint64(good.size()) << 2 << u"remain"_s;
    QByteArray version = good;
    version[4] = 3;
    QTest::newRow("pcap version") << version << 4LL << 0 << u"version 3"_s;

    PcapngBuilder ng;
    ng.interface(228, "eth0", 9).enhanced(0, 1, v4()).enhanced(0, 2, v4());
    const QByteArray twoPackets = ng.bytes();
    ng.enhanced(0, 3, v4());
    const qint64 third = ng.lastBlockOffset();
    const QByteArray three = ng.bytes();
    auto patched32 = [&](qint64 at, quint32 value) {
        QByteArray b = three;
        qToLittleEndian(value, b.data() + at);
        return b;
    };
    const quint32 thirdLength = quint32(three.size() - third);
    QTest::newRow("pcapng cut in a block")
        << three.left(three.size() - 10) << third << 2 << u"cut short"_s;
    QTest::newRow("pcapng cut in a block header")
        << three.left(third + 6) << third << 2 << u"6 bytes into the block"_s;
    QTest::newRow("pcapng block length below minimum")
        << patched32(third + 4, 12) << third << 2 << u"smaller than the minimum 32"_s;
    QTest::newRow("pcapng block length not a multiple of 4")
        << patched32(third + 4, thirdLength - 2) << third << 2 << u"multiple of 4"_s;
    QTest::newRow("pcapng block length past the end")
        << patched32(third + 4, 0x7FFFFFF0) << third << 2 << u"cut short"_s;
    QTest::newRow("pcapng trailer mismatch")
        << patched32(three.size() - 4, thirdLength + 4) << qint64(three.size() - 4) << 2
        << u"ends with length"_s;
    QTest::newRow("pcapng captured length past the block")
        << patched32(third + 20, 4000) << third << 2 << u"4000 captured bytes"_s;
    QTest::newRow("pcapng unknown interface")
        << patched32(third + 8, 5) << third << 2 << u"interface 5"_s;
    QTest::newRow("pcapng bad byte-order magic")
        << QByteArray(three).replace(8, 4, "ABCD") << 8LL << 0 << u"byte-order magic"_s;
    QTest::newRow("pcapng trailing bytes")
        << twoPackets + QByteArray(5, '\0') << qint64(twoPackets.size()) << 2
        << u"5 bytes into the block"_s;
    QByteArray secondSection = twoPackets + PcapngBuilder(true).bytes();
    secondSection.replace(twoPackets.size() + 8, 4, "XXXX");
    QTest::newRow("pcapng second section bad magic")
        << secondSection << qint64(twoPackets.size() + 8) << 2 << u"byte-order magic"_s;
    QByteArray versionNg = three;
    qToLittleEndian<quint16>(2, versionNg.data() + 12);
    QTest::newRow("pcapng version") << versionNg << 12LL << 0 << u"version 2"_s;
}

void TestCaptureFileReader::corrupt()
{
    QFETCH(QByteArray, bytes);
    QFETCH(qint64, offset);
    QFETCH(int, kept);
    QFETCH(QString, reason);

    const auto r = CaptureFileReader::readBytes(bytes);
    QVERIFY(r.error);
    QVERIFY(!r.error->ioError);
    QCOMPARE(r.error->offset, offset);
    QVERIFY2(r.error->reason.contains(reason), qPrintable(r.error->reason));
    QVERIFY2(r.error->toString().contains(QString::number(offset)),
             qPrintable(r.error->toString()));
    QCOMPARE(r.packets.size(), kept);
    for (const Packet &p : r.packets)
        QCOMPARE(p.data, query());
}

void TestCaptureFileReader::cutAtEveryByte_data()
{
    QTest::addColumn<QByteArray>("file");
    QTest::addColumn<QList<qint64>>("boundaries"); // where each block / record ends
    QTest::addColumn<QList<qint64>>("packetEnds"); // where each packet block ends

    PcapngBuilder ng(true);
    QList<qint64> ngEnds{ng.size()};
    ng.interface(1, "eth0", 9);
    ngEnds << ng.size();
    QList<qint64> ngPackets;
    for (int i = 0; i < 3; ++i) {
        ng.enhanced(0, quint64(i), FrameBuilder::ethernet(0x86DD, v6()));
        ngEnds << ng.size();
        ngPackets << ng.size();
    }
    QTest::newRow("pcapng") << ng.bytes() << ngEnds << ngPackets;

    PcapBuilder pcap(113, true, true);
    QList<qint64> pcapEnds{pcap.size()};
    for (int i = 0; i < 3; ++i) {
        pcap.record(quint32(i), 0, FrameBuilder::sll(0x0800, v4()));
        pcapEnds << pcap.size();
    }
    QTest::newRow("pcap") << pcap.bytes() << pcapEnds << pcapEnds.mid(1);
}

void TestCaptureFileReader::cutAtEveryByte()
{
    QFETCH(QByteArray, file);
    QFETCH(QList<qint64>, boundaries);
    QFETCH(QList<qint64>, packetEnds);
    const bool pcapng = qstrcmp(QTest::currentDataTag(), "pcapng") == 0;

    for (qint64 cut = 0; cut <= file.size(); ++cut) {
        const auto r = CaptureFileReader::readBytes(file.left(cut));
        const auto kept = std::count_if(packetEnds.cbegin(), packetEnds.cend(),
                                        [cut](qint64 end) { return end <= cut; });
        QCOMPARE(r.packets.size(), kept);
        if (cut > 0 && boundaries.contains(cut)) {
            QVERIFY2(!r.error, qPrintable(QString::number(cut)));
            continue;
        }
        QVERIFY2(r.error, qPrintable(QString::number(cut)));
        // The fault is reported at the start of the block or record the cut falls in
        // (a pcap file header cut short: where the file ends; no magic at all: 0).
        qint64 start = 0;
        for (qint64 b : boundaries) {
            if (b <= cut)
                start = b;
        }
        if (cut < 4)
            QCOMPARE(r.error->offset, 0);
        else if (!pcapng && cut < boundaries.first())
            QCOMPARE(r.error->offset, cut);
        else
            QCOMPARE(r.error->offset, start);
    }
}

void TestCaptureFileReader::corpus_data()
{
    QTest::addColumn<QString>("file");
    QTest::addColumn<quint64>("records");
    QTest::addColumn<quint64>("mdns");
    QTest::addColumn<QString>("format");
    const auto entries = manifest();
    if (entries.isEmpty())
        return;
    for (auto it = entries.cbegin(); it != entries.cend(); ++it) {
        const auto &e = it.value();
        QTest::newRow(qPrintable(it.key()))
            << it.key() << e.value(u"total_packets"_s).toULongLong()
            << e.value(u"udp.port==5353 packets"_s).toULongLong()
            << (e.value(u"format"_s).contains(u"pcapng"_s) ? u"pcapng"_s : u"pcap"_s);
    }
}

void TestCaptureFileReader::corpus()
{
    if (!QDir(corpusDir()).exists() || manifest().isEmpty())
        QSKIP("../shared/corpus (with MANIFEST.txt) is not there");
    QFETCH(QString, file);
    QFETCH(quint64, records);
    QFETCH(quint64, mdns);
    QFETCH(QString, format);

    const auto r = CaptureFileReader::readFile(corpusDir() + u'/' + file);
    QVERIFY2(!r.error, qPrintable(r.error ? r.error->toString() : QString()));
    QCOMPARE(r.format, format);
    // MANIFEST's counts are tshark's: every record, and every UDP port 5353 datagram
    QCOMPARE(r.stats.records, records);
    QCOMPARE(r.stats.packets, mdns);
    QCOMPARE(quint64(r.packets.size()), mdns);
    QCOMPARE(r.stats.packets + r.stats.skipped(), r.stats.records);
    for (const Packet &p : r.packets) {
        QVERIFY(p.sourcePort == 5353 || p.destinationPort == 5353);
        QVERIFY(!p.source.isNull() && !p.destination.isNull());
        QVERIFY(p.ttl >= 0 && p.ttl <= 255);
        QVERIFY(!p.truncated);
    }
}

void TestCaptureFileReader::corpusIsListed()
{
    const QDir dir(corpusDir());
    if (!dir.exists())
        QSKIP("../shared/corpus is not there");
    QStringList files = dir.entryList(QDir::Files, QDir::Name);
    files.removeAll(u"MANIFEST.txt"_s);
    QCOMPARE(files, manifest().keys());
}

void TestCaptureFileReader::corpusCutShortKeepsEarlierPackets()
{
    const QString path = corpusDir() + u"/nfstream__mdns.pcap"_s;
    QFile f(path);
    if (!f.open(QIODevice::ReadOnly))
        QSKIP("../shared/corpus/nfstream__mdns.pcap is not there");
    const QByteArray whole = f.readAll();
    const auto full = CaptureFileReader::readBytes(whole);
    QCOMPARE(full.packets.size(), 292);
    // Record starts, walked here from the pcap headers (a little-endian file)
    QCOMPARE(qFromLittleEndian<quint32>(whole.constData()), 0xA1B2C3D4u);
    QList<qint64> starts;
    for (qint64 at = 24; at < whole.size();
         at += 16 + qFromLittleEndian<quint32>(whole.constData() + at + 8))
        starts << at;
    QCOMPARE(starts.size(), 292);
    starts << whole.size();

    auto *rng = QRandomGenerator::global();
    for (int i = 0; i < 60; ++i) {
        const qsizetype cut = 24 + rng->bounded(whole.size() - 24);
        const auto r = CaptureFileReader::readBytes(whole.left(cut));
        // every record that ends before the cut is kept, identical
        const auto complete = std::count_if(starts.cbegin() + 1, starts.cend(),
                                            [cut](qint64 end) { return end <= cut; });
        QCOMPARE(r.packets.size(), complete);
        for (qsizetype k = 0; k < r.packets.size(); ++k) {
            QCOMPARE(r.packets[k].data, full.packets[k].data);
            QCOMPARE(r.packets[k].timestampNs, full.packets[k].timestampNs);
            QCOMPARE(r.packets[k].source, full.packets[k].source);
        }
        if (starts.contains(cut)) {
            QVERIFY(!r.error);
        } else {
            QVERIFY(r.error);
            QCOMPARE(r.error->offset, starts.at(complete));
        }
    }
}

void TestCaptureFileReader::missingFile()
{
    const auto r = CaptureFileReader::readFile(u"/nonexistent/mdnscope/file.pcap"_s);
    QVERIFY(r.error);
    QVERIFY(r.error->ioError);
    QVERIFY(!r.error->reason.isEmpty());
    QVERIFY(r.packets.isEmpty());
    QVERIFY(r.format.isEmpty());
}

void TestCaptureFileReader::progressAndCancel()
{
    PcapngBuilder b;
    b.interface(228, "eth0", 9);
    for (int i = 0; i < 40000; ++i)
        b.enhanced(0, quint64(i), v4());
    const QByteArray file = b.bytes();
    QVERIFY(file.size() > 3 * (1 << 20));

    QList<qint64> reports;
    const auto all = CaptureFileReader::readBytes(file, [&](qint64 done, qint64 total) {
        reports << done;
        return total == file.size();
    });
    QVERIFY(!all.error);
    QVERIFY(!all.cancelled);
    QCOMPARE(all.packets.size(), 40000);
    QVERIFY(reports.size() >= 3);
    QVERIFY(std::is_sorted(reports.cbegin(), reports.cend()));
    QCOMPARE(reports.last(), file.size());

    int calls = 0;
    const auto cancelled =
        CaptureFileReader::readBytes(file, [&](qint64, qint64) { return ++calls < 2; });
    QVERIFY(cancelled.cancelled);
    QVERIFY(!cancelled.error);
    QVERIFY(cancelled.packets.size() > 0);
    QVERIFY(cancelled.packets.size() < 40000);
}

void TestCaptureFileReader::fuzzRegressions()
{
    // Inputs the fuzz target (fuzz/fuzz_capturefile.cpp) once found troublesome.
    const QDir dir(QStringLiteral(MDNSCOPE_SOURCE_DIR "/tests/data/fuzz-capturefile"));
    const QStringList files = dir.entryList(QDir::Files);
    if (files.isEmpty())
        QSKIP("no fuzz regression inputs");
    for (const QString &name : files) {
        const auto r = CaptureFileReader::readFile(dir.filePath(name));
        QVERIFY2(!r.error || !r.error->ioError, qPrintable(name));
        QVERIFY(r.stats.packets == quint64(r.packets.size()));
    }
}

QTEST_GUILESS_MAIN(TestCaptureFileReader)
#include "tst_capturefilereader.moc"

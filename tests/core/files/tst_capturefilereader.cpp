#include "CaptureFileBuilder.h"
#include "CaptureFileReader.h"
#include "DnsWireBuilder.h"
#include "PacketExporter.h"
#include "PcapngWriter.h"

#include <QBuffer>
#include <QDir>
#include <QFile>
#include <QJsonDocument>
#include <QRandomGenerator>
#include <QRegularExpression>
#include <QTemporaryDir>
#include <QTest>
#include <QtEndian>

using namespace Qt::StringLiterals;

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

QByteArray v6(const QByteArray &payload = query(), quint8 hops = 255)
{
    return FrameBuilder::udp6(FrameBuilder::ipv6("fe80::1"), FrameBuilder::ipv6("ff02::fb"), 5353,
                              5353, hops, payload);
}

// A pipe's worth of bytes: sequential, handing out at most `chunk` bytes per read, and
// then, with `zeros`, that many zero bytes (a /dev/zero that ends, so that a reader that
// slurps it cannot take the machine down). Counts what was read from it.
class SequentialBytes final : public QIODevice
{
public:
    SequentialBytes(QByteArray bytes, qint64 chunk, qint64 zeros = 0)
        : m_bytes(std::move(bytes))
        , m_chunk(std::max<qint64>(chunk, 1))
        , m_zeros(zeros)
    {
        open(QIODevice::ReadOnly | QIODevice::Unbuffered);
    }
    bool isSequential() const override { return true; }
    qint64 consumed() const { return m_at; }

protected:
    qint64 readData(char *data, qint64 max) override
    {
        const qint64 total = m_bytes.size() + m_zeros;
        const qint64 n = std::min({max, m_chunk, total - m_at});
        for (qint64 i = 0; i < n; ++i)
            data[i] = m_at + i < m_bytes.size() ? m_bytes[m_at + i] : '\0';
        m_at += n;
        return n;
    }
    qint64 writeData(const char *, qint64) override { return -1; }

private:
    QByteArray m_bytes;
    qint64 m_chunk;
    qint64 m_zeros;
    qint64 m_at = 0;
};

// What reading the bytes through a QBuffer in windows of `window` bytes gives must be
// exactly what reading them from memory gives.
QString sameThroughDevice(const QByteArray &bytes, qsizetype window)
{
    const CaptureFileResult a = CaptureFileReader::readBytes(bytes);
    QBuffer buffer;
    buffer.setData(bytes);
    if (!buffer.open(QIODevice::ReadOnly))
        return u"cannot open the buffer"_s;
    const CaptureFileResult b = CaptureFileReader::readDevice(buffer, {}, window);
    if (a.format != b.format || a.packets.size() != b.packets.size() ||
        a.stats.records != b.stats.records || a.stats.skipped() != b.stats.skipped() ||
        a.error.has_value() != b.error.has_value())
        return u"different results with a %1-byte window"_s.arg(window);
    if (a.error && (a.error->offset != b.error->offset || a.error->reason != b.error->reason))
        return u"different errors: '%1' / '%2'"_s.arg(a.error->toString(), b.error->toString());
    for (qsizetype i = 0; i < a.packets.size(); ++i) {
        const Packet &p = a.packets[i], &q = b.packets[i];
        if (p.data != q.data || p.timestampNs != q.timestampNs || p.source != q.source ||
            p.interfaceName != q.interfaceName || p.ttl != q.ttl)
            return u"packet %1 differs with a %2-byte window"_s.arg(i).arg(window);
    }
    // The same bytes as a stream (a pipe handing out `window` bytes per read).
    SequentialBytes stream(bytes, window);
    const CaptureFileResult c = CaptureFileReader::readDevice(stream);
    if (a.format != c.format || a.packets.size() != c.packets.size() ||
        a.stats.records != c.stats.records || a.stats.skipped() != c.stats.skipped() ||
        a.error.has_value() != c.error.has_value())
        return u"different results as a stream of %1-byte reads"_s.arg(window);
    if (a.error && (a.error->offset != c.error->offset || a.error->reason != c.error->reason))
        return u"different errors as a stream: '%1' / '%2'"_s.arg(a.error->toString(),
                                                                  c.error->toString());
    for (qsizetype i = 0; i < a.packets.size(); ++i)
        if (a.packets[i].data != c.packets[i].data ||
            a.packets[i].timestampNs != c.packets[i].timestampNs)
            return u"packet %1 differs as a stream"_s.arg(i);
    return {};
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
    void linkTypesAndCounters();
    void pcapVariants_data();
    void pcapVariants();
    void pcapModified();
    void pcapVersions();
    void streamOfZerosRejectedAtOnce();
    void streamReadRecordByRecord();
    void frameOverTheDecodeLimit();
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
    void largeFileThroughWindow();
    void batches();
    void progressAndCancel();
    void fuzzRegressions();
};

void TestCaptureFileReader::linkTypesAndCounters()
{
    // Each interface's link type reaches the link-layer decoder (tst_linklayerdecoder
    // covers the frames); what it skips lands in the matching counter.
    using namespace FrameBuilder;
    PcapngBuilder b;
    b.interface(1, "eth").interface(113, "sll").interface(276, "sll2").interface(0, "null");
    b.interface(229, "ip6").interface(147, "user0").interface(127, "radiotap");
    b.enhanced(0, 1, ethernet(0x0800, v4()));
    b.enhanced(1, 2, sll(0x86DD, v6()));
    b.enhanced(2, 3, sll2(0x0800, v4()));
    b.enhanced(3, 4, null(30, false, v6()));
    b.enhanced(4, 5, v6());
    b.enhanced(5, 6, v4()); // unknown link type
    b.enhanced(6, 7, radiotap(ieee80211(0x0800, v4(), false)));
    b.enhanced(0, 8, ethernet(0x0800, udp4(kSource, kGroup, 53, 53, 9, query()))); // not mDNS
    b.enhanced(0, 9, ethernet(0x0800, udp4(kSource, kGroup, 5353, 5353, 9, query(), 5, 0x2000)));
    b.enhanced(0, 10, ethernet(0x0800, v4()).left(30)); // cut short
    const auto r = CaptureFileReader::readBytes(b.bytes());
    QVERIFY(!r.error);
    QCOMPARE(r.stats.records, 10u);
    QCOMPARE(r.stats.packets, 6u);
    QCOMPARE(r.stats.skippedLinkType, 1u);
    QCOMPARE(r.stats.skippedNotMdns, 1u);
    QCOMPARE(r.stats.skippedFragments, 1u);
    QCOMPARE(r.stats.skippedShort, 1u);
    const QStringList names{u"eth"_s, u"sll"_s, u"sll2"_s, u"null"_s, u"ip6"_s, u"radiotap"_s};
    for (qsizetype i = 0; i < r.packets.size(); ++i) {
        QCOMPARE(r.packets[i].interfaceName, names[i]);
        QCOMPARE(r.packets[i].data, query());
        QCOMPARE(r.packets[i].source.isV6(), i == 1 || i == 3 || i == 4);
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

void TestCaptureFileReader::pcapVersions()
{
    const QByteArray frame = v4();
    for (const auto &[major, minor] : {std::pair{2, 4}, {9, 9}, {2, 3}, {2, 2}, {3, 0}}) {
        QByteArray file = QByteArray::fromHex("d4c3b2a1000000000000000000000000ffff000065000000");
        qToLittleEndian<quint16>(quint16(major), file.data() + 4);
        qToLittleEndian<quint16>(quint16(minor), file.data() + 6);
        // Before 2.3 the record header had the original length first: as tshark, read
        // the captured length from the second field there (the first one lies here).
        QByteArray header(16, '\0');
        const bool swapped = major == 2 && minor < 3;
        qToLittleEndian<quint32>(swapped ? 9999 : quint32(frame.size()), header.data() + 8);
        qToLittleEndian<quint32>(swapped ? quint32(frame.size()) : 9999, header.data() + 12);
        if (major == 2 && minor == 3) // 2.3: swapped only when captured > original
            qToLittleEndian<quint32>(quint32(frame.size()), header.data() + 12);
        file += header + frame;
        const auto r = CaptureFileReader::readBytes(file);
        QVERIFY2(!r.error, qPrintable(r.error ? r.error->toString() : QString()));
        QCOMPARE(r.packets.size(), 1);
        QCOMPARE(r.packets[0].data, query());
    }
}

void TestCaptureFileReader::streamOfZerosRejectedAtOnce()
{
    // 64 MiB of zeros: the old reader read a stream whole before looking at it (and
    // /dev/zero until memory ran out); four bytes tell it is no capture.
    SequentialBytes zeros(QByteArray(), 1 << 16, qint64(64) << 20);
    const auto r = CaptureFileReader::readDevice(zeros);
    QVERIFY(r.error);
    QCOMPARE(r.error->offset, 0);
    QVERIFY2(r.error->reason.contains(u"unknown magic number 0x00000000"_s),
             qPrintable(r.error->reason));
    QVERIFY2(zeros.consumed() <= 4, qPrintable(QString::number(zeros.consumed())));
}

void TestCaptureFileReader::streamReadRecordByRecord()
{
    // A pcapng header and one packet, then zeros: the zeros are a block of type 0 and
    // length 0, refused once 12 bytes of it are read, not after the whole stream.
    PcapngBuilder ng;
    ng.interface(228, "eth0", 9).enhanced(0, 1, v4());
    SequentialBytes stream(ng.bytes(), 1 << 16, qint64(64) << 20);
    const auto r = CaptureFileReader::readDevice(stream);
    QCOMPARE(r.packets.size(), 1);
    QVERIFY(r.error);
    QCOMPARE(r.error->offset, ng.size());
    QVERIFY2(r.error->reason.contains(u"smaller than the minimum"_s), qPrintable(r.error->reason));
    QVERIFY2(stream.consumed() <= ng.size() + 12, qPrintable(QString::number(stream.consumed())));
}

void TestCaptureFileReader::frameOverTheDecodeLimit()
{
    // A 300 KiB Ethernet frame (an mDNS packet and padding): only its first 256 KiB are
    // read, and it decodes as the whole frame does.
    const QByteArray frame = FrameBuilder::ethernet(0x0800, v4()) + QByteArray(300 << 10, 'x');
    PcapBuilder pcap(1);
    pcap.record(1, 0, frame).record(2, 0, frame);
    for (const QByteArray &bytes : {pcap.bytes()}) {
        const auto r = CaptureFileReader::readBytes(bytes);
        QVERIFY(!r.error);
        QCOMPARE(r.packets.size(), 2);
        QCOMPARE(r.packets[1].data, query());
        QCOMPARE(sameThroughDevice(bytes, 4096), QString());
    }
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
    for (qsizetype window : {1, 5, 100})
        QCOMPARE(sameThroughDevice(b.bytes(), window), QString());
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
    QByteArray huge = good;
    qToLittleEndian<quint32>(0x08000001, huge.data() + 24 + 8); // captured: 128 MiB + 1
    QTest::newRow("pcap record over the limit")
        << huge << 24LL << 0 << u"more than the limit of 134217728"_s;
    QTest::newRow("pcap record data cut")
        << pcap.bytes().left(pcap.size() - 7) << qint64(good.size()) << 2 << u"remain"_s;
    QByteArray version = good;
    version[4] = 1; // tshark reads every major version from 2 on, and refuses 1
    QTest::newRow("pcap version") << version << 4LL << 0 << u"version 1"_s;

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
        << patched32(third + 4, 0x100000) << third << 2 << u"cut short"_s;
    QTest::newRow("pcapng block length over the limit")
        << patched32(third + 4, 0x7FFFFFF0) << third << 2
        << u"larger than the limit of 134217728"_s;
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
    for (qsizetype window : {1, 7, 64, 4096})
        QCOMPARE(sameThroughDevice(bytes, window), QString());
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
        QCOMPARE(sameThroughDevice(file.left(cut), 13), QString());
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
    QFile whole(corpusDir() + u'/' + file);
    QVERIFY(whole.open(QIODevice::ReadOnly));
    QCOMPARE(sameThroughDevice(whole.readAll(), 1000), QString());
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

void TestCaptureFileReader::largeFileThroughWindow()
{
    // Larger than the default 4 MiB window, with a large skipped block across its edge.
    PcapngBuilder b;
    b.interface(228, "eth0", 9);
    for (int i = 0; i < 80000; ++i) {
        b.enhanced(0, quint64(i), v4(query("host-" + QByteArray::number(i) + ".local")));
        if (i == 40000)
            b.block(0x40000BAD, QByteArray(3 << 20, 'x'));
    }
    QTemporaryDir dir;
    const QString path = dir.filePath(u"large.pcapng"_s);
    QFile f(path);
    QVERIFY(f.open(QIODevice::WriteOnly));
    QCOMPARE(f.write(b.bytes()), b.size());
    f.close();
    QVERIFY(b.size() > (10 << 20));
    QList<qint64> reports;
    const auto r = CaptureFileReader::readFile(path, [&](qint64 done, qint64) {
        reports << done;
        return true;
    });
    QVERIFY(!r.error);
    QCOMPARE(r.packets.size(), 80000);
    QCOMPARE(r.packets.last().data, query("host-79999.local"));
    QCOMPARE(r.packets[40001].timestampNs, 40001);
    QVERIFY(reports.size() >= 8);
    QCOMPARE(sameThroughDevice(b.bytes(), 1 << 16), QString());
}

void TestCaptureFileReader::batches()
{
    const QString path = corpusDir() + u"/nfstream__mdns.pcap"_s;
    if (!QFile::exists(path))
        QSKIP("../shared/corpus/nfstream__mdns.pcap is not there");
    const auto whole = CaptureFileReader::readFile(path);
    QList<qsizetype> sizes;
    QList<Packet> all;
    const auto r = CaptureFileReader::readFileInBatches(
        path,
        [&](QList<Packet> &batch) {
            sizes << batch.size();
            all += batch;
            return true;
        },
        50);
    QVERIFY(!r.error);
    QVERIFY(r.packets.isEmpty());
    QCOMPARE(r.stats.packets, 292u);
    QCOMPARE(sizes, QList<qsizetype>({50, 50, 50, 50, 50, 42}));
    QCOMPARE(all.size(), whole.packets.size());
    for (qsizetype i = 0; i < all.size(); ++i) {
        QCOMPARE(all[i].data, whole.packets[i].data);
        QCOMPARE(all[i].timestampNs, whole.packets[i].timestampNs);
    }

    // a batch callback that takes the packets away, then stops the read
    int calls = 0;
    QList<Packet> taken;
    const auto stopped = CaptureFileReader::readFileInBatches(
        path,
        [&](QList<Packet> &batch) {
            taken += std::move(batch);
            return ++calls < 2;
        },
        100);
    QVERIFY(stopped.cancelled);
    QVERIFY(!stopped.error);
    QCOMPARE(calls, 2);
    QCOMPARE(taken.size(), 200);
    QVERIFY(stopped.stats.packets < 292);

    // a corrupt tail: the batches before the fault arrive, then the error
    QFile f(path);
    QVERIFY(f.open(QIODevice::ReadOnly));
    QTemporaryDir dir;
    const QString cut = dir.filePath(u"cut.pcap"_s);
    QFile out(cut);
    QVERIFY(out.open(QIODevice::WriteOnly));
    out.write(f.readAll().left(50000));
    out.close();
    qsizetype delivered = 0;
    const auto tail = CaptureFileReader::readFileInBatches(
        cut,
        [&](QList<Packet> &batch) {
            delivered += batch.size();
            return true;
        },
        64);
    QVERIFY(tail.error);
    QCOMPARE(quint64(delivered), tail.stats.packets);
    QCOMPARE(delivered, CaptureFileReader::readFile(cut).packets.size());
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
    // Inputs fuzz/fuzz_capturefile.cpp once found troublesome, under the same checks
    // (the sanitizer builds of this test are what catch a regression).
    const QDir dir(QStringLiteral(MDNSCOPE_SOURCE_DIR "/tests/data/fuzz-capturefile"));
    QStringList files = dir.entryList(QDir::Files);
    files.removeAll(u"README"_s);
    QVERIFY(!files.isEmpty());
    for (const QString &name : files) {
        const auto r = CaptureFileReader::readFile(dir.filePath(name));
        QVERIFY2(!r.error || !r.error->ioError, qPrintable(name));
        QCOMPARE(r.stats.packets, quint64(r.packets.size()));
        QCOMPARE(r.stats.records, r.stats.packets - r.stats.reassembledPackets +
                                      r.stats.fragmentsReassembled + r.stats.skipped());
        for (qsizetype i = 0; i < r.packets.size(); ++i) {
            QJsonParseError error;
            QJsonDocument::fromJson(PacketExporter::jsonLine(r.packets[i], i), &error);
            QCOMPARE(error.error, QJsonParseError::NoError);
            QVERIFY(PacketExporter::csvRow(r.packets[i], i).endsWith("\r\n"));
        }
        const auto back = CaptureFileReader::readBytes(PcapngWriter::toBytes(r.packets));
        QCOMPARE(back.packets.size(), r.packets.size());
        for (qsizetype i = 0; i < r.packets.size(); ++i) {
            QCOMPARE(back.packets[i].data, r.packets[i].data);
            QCOMPARE(back.packets[i].originalLength, r.packets[i].originalLength);
            QCOMPARE(back.packets[i].truncated, r.packets[i].truncated);
        }
    }
}

QTEST_GUILESS_MAIN(TestCaptureFileReader)
#include "tst_capturefilereader.moc"

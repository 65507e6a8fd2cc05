#include "CaptureFileBuilder.h"
#include "CaptureFileReader.h"
#include "DnsWireBuilder.h"
#include "IpReassembler.h"

#include <QFile>
#include <QProcess>
#include <QStandardPaths>
#include <QTemporaryDir>
#include <QTest>

#include <array>

using namespace Qt::StringLiterals;
using namespace FrameBuilder;

// IP reassembly when reading files (IpReassembler through CaptureFileReader), checked against
// tshark's reassembly of the same built captures: the packet at the frame that completes it,
// with the bytes tshark reassembles, for fragments in order, out of order, overlapping,
// duplicated and missing; and the table's bounds under a flood of incomplete datagrams.
using Pieces = QList<std::array<int, 3>>; // offset, length (-1: to the end), 0 = a / 1 = b
Q_DECLARE_METATYPE(Pieces)

namespace {

constexpr quint32 kSource = 0xC0A80102; // 192.168.1.2
constexpr quint32 kGroup = 0xE00000FB;  // 224.0.0.251
constexpr quint64 kSecond = 1000000;    // pcapng ticks (microseconds)

// An mDNS response with a TXT record of `txtBytes` bytes of `fill`: larger than one frame.
QByteArray bigResponse(int txtBytes, char fill = 'a')
{
    QByteArray txt;
    for (int left = txtBytes; left > 0; left -= 255) {
        const int n = std::min(left, 255);
        txt.append(char(n)).append(QByteArray(n, fill));
    }
    DnsWireBuilder b;
    b.header(0, 0x8400, 0, 1, 0, 0).record("big._ipp._tcp.local", 16, 0x8001, 4500, txt);
    return b.bytes();
}

QByteArray eth4(const QByteArray &ip)
{
    return ethernet(0x0800, ip);
}

QString tshark()
{
    return QStandardPaths::findExecutable(u"tshark"_s);
}

// tshark's frame numbers and reassembled UDP payloads (hex) of the mDNS packets in `bytes`.
QStringList tsharkPayloads(const QByteArray &bytes, const QString &dir)
{
    const QString path = dir + u"/t.pcapng"_s;
    QFile f(path);
    if (!f.open(QIODevice::WriteOnly) || f.write(bytes) != bytes.size())
        return {u"cannot write"_s};
    f.close();
    QProcess p;
    p.start(tshark(), {u"-r"_s, path, u"-o"_s, u"ip.defragment:TRUE"_s, u"-o"_s,
                       u"ipv6.defragment:TRUE"_s, u"-Y"_s, u"mdns"_s, u"-T"_s, u"fields"_s, u"-e"_s,
                       u"frame.number"_s, u"-e"_s, u"udp.payload"_s});
    if (!p.waitForFinished(60000) || p.exitCode() != 0)
        return {u"tshark failed: "_s + QString::fromUtf8(p.readAllStandardError())};
    QStringList lines = QString::fromUtf8(p.readAllStandardOutput()).split(u'\n');
    lines.removeAll(QString());
    return lines;
}

QStringList ourPayloads(const CaptureFileResult &r)
{
    QStringList lines;
    for (const Packet &p : r.packets)
        lines << u"%1\t%2"_s.arg(p.number).arg(QString::fromLatin1(p.data.toHex()));
    return lines;
}

void checkInvariant(const CaptureFileStats &s)
{
    QCOMPARE(s.records, s.packets - s.reassembledPackets + s.fragmentsReassembled + s.skipped());
    QCOMPARE(s.fragments, s.fragmentsReassembled + s.skippedFragments);
}

// The fragments of one datagram as Ethernet frames in the given order of pieces.
PcapngBuilder fragments4(const QByteArray &datagram, const QList<int> &order, quint16 id = 0x1234,
                         qsizetype size = 1480)
{
    const auto pieces = cut(datagram, size);
    PcapngBuilder b;
    b.interface(1, "eth0");
    quint64 t = 1;
    for (const int i : order) {
        const auto &[offset, data] = pieces.at(i);
        b.enhanced(0, t++ * kSecond,
                   eth4(ipv4Fragment(kSource, kGroup, id, offset, i + 1 < pieces.size(), data)));
    }
    return b;
}

} // namespace

class TestIpReassembly : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void inOrderAndOutOfOrder_data();
    void inOrderAndOutOfOrder();
    void ipv6();
    void duplicatesAndOverlaps_data();
    void duplicatesAndOverlaps();
    void missingFragment();
    void interleavedDatagrams();
    void notMdnsFirstFragment();
    void timeout();
    void hostileFlood();
    void hostileFloodThroughReader();
    void oversizeFragmentDropped();
};

void TestIpReassembly::inOrderAndOutOfOrder_data()
{
    QTest::addColumn<QList<int>>("order");
    QTest::newRow("in order") << QList<int>{0, 1, 2};
    QTest::newRow("reversed") << QList<int>{2, 1, 0};
    QTest::newRow("last first") << QList<int>{2, 0, 1};
    QTest::newRow("first last") << QList<int>{1, 2, 0};
}

void TestIpReassembly::inOrderAndOutOfOrder()
{
    QFETCH(QList<int>, order);
    const QByteArray payload = bigResponse(3500);
    const QByteArray datagram = udpDatagram(5353, 5353, payload);
    PcapngBuilder b = fragments4(datagram, order);
    b.enhanced(0, 9 * kSecond, eth4(udp4(kSource, kGroup, 5353, 5353, 255, payload.left(40))));
    const auto r = CaptureFileReader::readBytes(b.bytes());
    QVERIFY(!r.error);
    QCOMPARE(r.packets.size(), 2);
    const Packet &p = r.packets.first();
    QCOMPARE(p.data, payload);
    QCOMPARE(p.number, 3u); // the frame that completed it
    QCOMPARE(p.timestampNs, qint64(3 * 1000000000LL));
    QCOMPARE(p.originalLength, quint32(payload.size()));
    QVERIFY(!p.truncated);
    QCOMPARE(p.source.toString(), u"192.168.1.2"_s);
    QCOMPARE(p.destination.toString(), u"224.0.0.251"_s);
    QCOMPARE(p.ttl, 255);
    QVERIFY(p.macsKnown);
    QCOMPARE(p.interfaceName, u"eth0"_s);
    QCOMPARE(r.packets.at(1).number, 4u);
    QCOMPARE(r.stats.fragments, 3u);
    QCOMPARE(r.stats.reassembled, 1u);
    QCOMPARE(r.stats.reassembledPackets, 1u);
    QCOMPARE(r.stats.fragmentsReassembled, 3u);
    QCOMPARE(r.stats.incompleteDatagrams, 0u);
    QCOMPARE(r.stats.skippedFragments, 0u);
    checkInvariant(r.stats);

    if (tshark().isEmpty())
        QSKIP("tshark is not installed (scripts/install-deps.sh installs it)");
    QTemporaryDir dir;
    QCOMPARE(ourPayloads(r), tsharkPayloads(b.bytes(), dir.path()));
}

void TestIpReassembly::ipv6()
{
    const QByteArray payload = bigResponse(5000, 'v');
    const QByteArray datagram = udpDatagram(5353, 5353, payload);
    const QByteArray source = FrameBuilder::ipv6("fe80::1");
    const QByteArray group = FrameBuilder::ipv6("ff02::fb");
    const auto pieces = cut(datagram, 1448);
    PcapngBuilder b;
    b.interface(1, "eth0");
    quint64 t = 1;
    for (const int i : {3, 1, 0, 2}) {
        const auto &[offset, data] = pieces.at(i);
        b.enhanced(0, t++ * kSecond,
                   ethernet(0x86DD, ipv6Fragment(source, group, 0xABCDEF01, offset,
                                                 i + 1 < pieces.size(), data, 1)));
    }
    const auto r = CaptureFileReader::readBytes(b.bytes());
    QVERIFY(!r.error);
    QCOMPARE(r.packets.size(), 1);
    QCOMPARE(r.packets.first().data, payload);
    QCOMPARE(r.packets.first().number, 4u);
    QCOMPARE(r.packets.first().ttl, 1);
    QCOMPARE(r.packets.first().source.toString(), u"fe80::1"_s);
    QCOMPARE(r.stats.fragments, 4u);
    checkInvariant(r.stats);
    if (tshark().isEmpty())
        QSKIP("tshark is not installed (scripts/install-deps.sh installs it)");
    QTemporaryDir dir;
    QCOMPARE(ourPayloads(r), tsharkPayloads(b.bytes(), dir.path()));
}

void TestIpReassembly::duplicatesAndOverlaps_data()
{
    // Each fragment: (offset, length, fill of the other copy?): built from two datagrams of
    // the same length that differ in every TXT byte, so whose bytes win shows.
    QTest::addColumn<Pieces>("fragments");
    QTest::addColumn<int>("completesAt"); // frame number, 0: never
    QTest::newRow("duplicate, same bytes")
        << Pieces{{0, 1480, 0}, {1480, 1480, 0}, {1480, 1480, 0}, {2960, -1, 0}} << 4;
    QTest::newRow("duplicate, other bytes: the first stays")
        << Pieces{{1480, 1480, 0}, {1480, 1480, 1}, {2960, -1, 0}, {0, 1480, 0}} << 4;
    QTest::newRow("overlap: the lower offset wins")
        << Pieces{{0, 1480, 0}, {1472, 1488, 1}, {2960, -1, 0}} << 3;
    QTest::newRow("overlap out of order: the lower offset wins")
        << Pieces{{1472, 1488, 1}, {0, 1480, 0}, {2960, -1, 0}} << 3;
    QTest::newRow("contained in another")
        << Pieces{{0, 2960, 0}, {1000, 800, 1}, {2960, -1, 1}} << 3;
    QTest::newRow("a later one covers an earlier one's end")
        << Pieces{{800, 800, 1}, {0, 2960, 0}, {2960, -1, 1}} << 3;
    QTest::newRow("duplicate after completion")
        << Pieces{{0, 1480, 0}, {1480, 1480, 0}, {2960, -1, 0}, {1480, 1480, 1}} << 3;
}

void TestIpReassembly::duplicatesAndOverlaps()
{
    QFETCH(Pieces, fragments);
    QFETCH(int, completesAt);
    const QByteArray a = udpDatagram(5353, 5353, bigResponse(3500, 'a'));
    const QByteArray b = udpDatagram(5353, 5353, bigResponse(3500, 'b'));
    PcapngBuilder file;
    file.interface(1, "eth0");
    quint64 t = 1;
    for (const auto &[offset, length, other] : fragments) {
        const QByteArray &source = other ? b : a;
        const QByteArray data = source.mid(offset, length < 0 ? -1 : length);
        const bool more = offset + data.size() < a.size();
        file.enhanced(0, t++ * kSecond, eth4(ipv4Fragment(kSource, kGroup, 7, offset, more, data)));
    }
    const auto r = CaptureFileReader::readBytes(file.bytes());
    QVERIFY(!r.error);
    QCOMPARE(r.packets.size(), completesAt ? 1 : 0);
    if (completesAt)
        QCOMPARE(r.packets.first().number, quint32(completesAt));
    checkInvariant(r.stats);
    if (tshark().isEmpty())
        QSKIP("tshark is not installed (scripts/install-deps.sh installs it)");
    QTemporaryDir dir;
    QCOMPARE(ourPayloads(r), tsharkPayloads(file.bytes(), dir.path()));
}

void TestIpReassembly::missingFragment()
{
    const QByteArray datagram = udpDatagram(5353, 5353, bigResponse(4000));
    PcapngBuilder b = fragments4(datagram, {0, 2}); // the middle one never comes
    const auto r = CaptureFileReader::readBytes(b.bytes());
    QVERIFY(!r.error);
    QVERIFY(r.packets.isEmpty());
    QCOMPARE(r.stats.fragments, 2u);
    QCOMPARE(r.stats.skippedFragments, 2u);
    QCOMPARE(r.stats.incompleteDatagrams, 1u);
    QCOMPARE(r.stats.reassembled, 0u);
    checkInvariant(r.stats);
    if (tshark().isEmpty())
        QSKIP("tshark is not installed (scripts/install-deps.sh installs it)");
    QTemporaryDir dir;
    QCOMPARE(tsharkPayloads(b.bytes(), dir.path()), QStringList());
}

void TestIpReassembly::interleavedDatagrams()
{
    // Two datagrams from the same source with different IDs, and one from another source with
    // the same ID, their fragments interleaved: each is keyed apart.
    const QByteArray d1 = udpDatagram(5353, 5353, bigResponse(2000, '1'));
    const QByteArray d2 = udpDatagram(5353, 5353, bigResponse(2000, '2'));
    const QByteArray d3 = udpDatagram(5353, 5353, bigResponse(2000, '3'));
    const auto p1 = cut(d1, 1480), p2 = cut(d2, 1480), p3 = cut(d3, 1480);
    PcapngBuilder b;
    b.interface(1, "eth0");
    const quint32 other = 0xC0A80109;
    b.enhanced(0, 1, eth4(ipv4Fragment(kSource, kGroup, 1, 0, true, p1[0].second)));
    b.enhanced(0, 2, eth4(ipv4Fragment(kSource, kGroup, 2, 0, true, p2[0].second)));
    b.enhanced(0, 3, eth4(ipv4Fragment(other, kGroup, 1, 0, true, p3[0].second)));
    b.enhanced(0, 4, eth4(ipv4Fragment(kSource, kGroup, 2, 1480, false, p2[1].second)));
    b.enhanced(0, 5, eth4(ipv4Fragment(other, kGroup, 1, 1480, false, p3[1].second)));
    b.enhanced(0, 6, eth4(ipv4Fragment(kSource, kGroup, 1, 1480, false, p1[1].second)));
    const auto r = CaptureFileReader::readBytes(b.bytes());
    QCOMPARE(r.packets.size(), 3);
    QCOMPARE(r.packets[0].number, 4u);
    QCOMPARE(r.packets[0].data, d2.mid(8));
    QCOMPARE(r.packets[1].number, 5u);
    QCOMPARE(r.packets[1].data, d3.mid(8));
    QCOMPARE(r.packets[1].source.toString(), u"192.168.1.9"_s);
    QCOMPARE(r.packets[2].number, 6u);
    QCOMPARE(r.packets[2].data, d1.mid(8));
    checkInvariant(r.stats);
    if (tshark().isEmpty())
        QSKIP("tshark is not installed (scripts/install-deps.sh installs it)");
    QTemporaryDir dir;
    QCOMPARE(ourPayloads(r), tsharkPayloads(b.bytes(), dir.path()));
}

void TestIpReassembly::notMdnsFirstFragment()
{
    // A fragmented datagram for another port: its fragments are not mDNS, before and after
    // the first one, and no datagram is left incomplete.
    const QByteArray datagram = udpDatagram(2049, 2049, QByteArray(4000, 'n'));
    PcapngBuilder b = fragments4(datagram, {1, 0, 2});
    const auto r = CaptureFileReader::readBytes(b.bytes());
    QVERIFY(r.packets.isEmpty());
    QCOMPARE(r.stats.incompleteDatagrams, 0u);
    QCOMPARE(r.stats.skippedNotMdns, 2u); // the first and the one after it
    QCOMPARE(r.stats.fragments, 1u);      // held before the first showed the ports
    checkInvariant(r.stats);
}

void TestIpReassembly::timeout()
{
    // Fragments more than 30 s of capture time apart do not join (tshark has no timeout and
    // would join them: the README says so).
    const QByteArray datagram = udpDatagram(5353, 5353, bigResponse(2000));
    const auto pieces = cut(datagram, 1480);
    PcapngBuilder b;
    b.interface(1, "eth0");
    b.enhanced(0, 1 * kSecond, eth4(ipv4Fragment(kSource, kGroup, 9, 0, true, pieces[0].second)));
    b.enhanced(0, 32 * kSecond,
               eth4(ipv4Fragment(kSource, kGroup, 9, 1480, false, pieces[1].second)));
    auto r = CaptureFileReader::readBytes(b.bytes());
    QVERIFY(r.packets.isEmpty());
    QCOMPARE(r.stats.incompleteDatagrams, 2u); // the first timed out, the second never completed
    checkInvariant(r.stats);

    PcapngBuilder within;
    within.interface(1, "eth0");
    within.enhanced(0, 1 * kSecond,
                    eth4(ipv4Fragment(kSource, kGroup, 9, 0, true, pieces[0].second)));
    within.enhanced(0, 30 * kSecond,
                    eth4(ipv4Fragment(kSource, kGroup, 9, 1480, false, pieces[1].second)));
    r = CaptureFileReader::readBytes(within.bytes());
    QCOMPARE(r.packets.size(), 1);
}

void TestIpReassembly::hostileFlood()
{
    // 20,000 datagrams of which only a first 1,400-byte fragment ever comes: the table never
    // holds more than its bounds, and a whole datagram after the flood still reassembles.
    IpReassembler table;
    const QByteArray piece(1400, 'x');
    QByteArray datagram;
    qsizetype fragments = 0;
    LinkLayerDecoder::FragmentInfo f;
    f.version = 4;
    f.protocol = 17;
    f.source = IpAddress::fromV4(kSource);
    f.destination = IpAddress::fromV4(kGroup);
    f.more = true;
    f.data = reinterpret_cast<const uchar *>(piece.constData());
    f.captured = f.length = piece.size();
    for (quint32 id = 0; id < 20000; ++id) {
        f.id = id;
        QCOMPARE(table.add(f, id, datagram, fragments), IpReassembler::Result::Held);
        QVERIFY(table.pending() <= IpReassembler::kMaxPending);
        QVERIFY(table.heldBytes() <= IpReassembler::kMaxHeldBytes);
    }
    QCOMPARE(table.highestPending(), IpReassembler::kMaxPending);
    QVERIFY(table.highestHeldBytes() <= IpReassembler::kMaxHeldBytes);
    QCOMPARE(table.incomplete(), 20000u - quint64(IpReassembler::kMaxPending));

    // One datagram fed its own fragment over and over (duplicates): its bytes stay bounded.
    f.id = 999999;
    f.offset = 8;
    int dropped = 0;
    for (int i = 0; i < 1000; ++i) {
        if (table.add(f, 30000, datagram, fragments) == IpReassembler::Result::Dropped)
            ++dropped;
    }
    QVERIFY(dropped > 900);
    QVERIFY(table.heldBytes() <= IpReassembler::kMaxHeldBytes);

    // Still working: a two-piece datagram completes.
    const QByteArray whole = udpDatagram(5353, 5353, bigResponse(1600));
    const auto pieces = cut(whole, 1480);
    f.id = 424242;
    for (const auto &[offset, data] : pieces) {
        f.offset = offset;
        f.more = offset + data.size() < whole.size();
        f.data = reinterpret_cast<const uchar *>(data.constData());
        f.captured = f.length = data.size();
        const auto result = table.add(f, 30001, datagram, fragments);
        QCOMPARE(result, f.more ? IpReassembler::Result::Held : IpReassembler::Result::Completed);
    }
    QCOMPARE(datagram.mid(20), whole);
    QCOMPARE(fragments, 2);
    table.finish();
    QCOMPARE(table.pending(), 0);
    QCOMPARE(table.heldBytes(), 0);
}

void TestIpReassembly::hostileFloodThroughReader()
{
    // The same through a file: 5,000 incomplete datagrams, then a whole one.
    PcapngBuilder b;
    b.interface(1, "eth0");
    const QByteArray piece = udpDatagram(5353, 5353, QByteArray(992, 'x')); // the first 1000 bytes
    for (quint16 id = 0; id < 5000; ++id)
        b.enhanced(0, id, eth4(ipv4Fragment(kSource, kGroup, id, 0, true, piece)));
    const QByteArray whole = udpDatagram(5353, 5353, bigResponse(1600));
    const auto pieces = cut(whole, 1480);
    b.enhanced(0, 6000, eth4(ipv4Fragment(kSource, kGroup, 60000, 1480, false, pieces[1].second)));
    b.enhanced(0, 6001, eth4(ipv4Fragment(kSource, kGroup, 60000, 0, true, pieces[0].second)));
    const auto r = CaptureFileReader::readBytes(b.bytes());
    QCOMPARE(r.packets.size(), 1);
    QCOMPARE(r.packets.first().number, 5002u);
    QCOMPARE(r.stats.incompleteDatagrams, 5000u);
    QCOMPARE(r.stats.fragments, 5002u);
    QCOMPARE(r.stats.skippedFragments, 5000u);
    checkInvariant(r.stats);
}

void TestIpReassembly::oversizeFragmentDropped()
{
    // A fragment reaching past 65,535 bytes of IP datagram cannot be part of one.
    const QByteArray data(1000, 'o');
    PcapngBuilder b;
    b.interface(1, "eth0");
    b.enhanced(0, 1, eth4(ipv4Fragment(kSource, kGroup, 3, 65000, false, data)));
    const auto r = CaptureFileReader::readBytes(b.bytes());
    QVERIFY(r.packets.isEmpty());
    QCOMPARE(r.stats.fragments, 1u);
    QCOMPARE(r.stats.skippedFragments, 1u);
    QCOMPARE(r.stats.incompleteDatagrams, 0u);
    checkInvariant(r.stats);
}

QTEST_GUILESS_MAIN(TestIpReassembly)
#include "tst_ipreassembly.moc"

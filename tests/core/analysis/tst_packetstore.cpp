#include "PacketStore.h"

#include <QTest>

using namespace Qt::StringLiterals;

namespace {
Packet makePacket(int i, qsizetype length = 40, bool response = false)
{
    Packet p;
    p.data = QByteArray(length, char('a' + i % 26));
    if (length >= 3)
        p.data[2] = response ? char(0x84) : char(0x00);
    p.timestampNs = 1'000'000'000LL * 100 + qint64(i) * 1'000'000;
    p.source = IpAddress::fromV4(0xA9FE0000u + quint32(i % 7));
    p.destination = IpAddress::fromV4(0xE00000FBu);
    p.sourcePort = 5353;
    p.destinationPort = 5353;
    p.ttl = i % 2 ? 255 : 1;
    p.interfaceIndex = quint32(1 + i % 2);
    p.interfaceName = i % 2 ? u"lo"_s : u"eth0"_s;
    p.originalLength = quint32(length);
    return p;
}
} // namespace

class TestPacketStore : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void appendKeepsEveryField();
    void flagsFromHeaderAndCaller();
    void evictionKeepsNumbersAndBytes();
    void overflowAndDiscard();
    void capacityHasAFloor();
    void snapshotOutlivesEviction();
    void largeDatagramGetsOwnChunk();
    void clearResetsNumbering();
    void memoryPerPacketIsBounded();
    void framesAndCommentsKept();
    void endpointsSharedAndBoundedUnderEviction();
    void originalLengthKeptAsideForLongerPackets();
};

void TestPacketStore::appendKeepsEveryField()
{
    PacketStore store;
    Packet p = makePacket(3, 100, true);
    p.truncated = true;
    p.originalLength = 9500;
    store.append(p, false);
    QCOMPARE(store.size(), 1);
    QCOMPARE(store.number(0), 1u);
    const Packet back = store.packet(0);
    QCOMPARE(back.data, p.data);
    QCOMPARE(back.timestampNs, p.timestampNs);
    QCOMPARE(back.source, p.source);
    QCOMPARE(back.destination, p.destination);
    QCOMPARE(back.sourcePort, p.sourcePort);
    QCOMPARE(back.destinationPort, p.destinationPort);
    QCOMPARE(back.ttl, p.ttl);
    QCOMPARE(back.interfaceIndex, p.interfaceIndex);
    QCOMPARE(back.interfaceName, p.interfaceName);
    QCOMPARE(back.originalLength, 9500u);
    QVERIFY(back.truncated);
    QCOMPARE(store.bytes(0), QByteArrayView(p.data));
    QCOMPARE(store.startTimeNs(), p.timestampNs);
}

void TestPacketStore::flagsFromHeaderAndCaller()
{
    PacketStore store;
    store.append(makePacket(0, 40, false), false);
    store.append(makePacket(1, 40, true), true);
    store.append(makePacket(2, 2, false), true); // too short for a header: not a response
    QVERIFY(!store.isResponse(0));
    QVERIFY(!store.isMalformed(0));
    QVERIFY(store.isResponse(1));
    QVERIFY(store.isMalformed(1));
    QVERIFY(!store.isResponse(2));
    QVERIFY(store.isMalformed(2));
}

void TestPacketStore::evictionKeepsNumbersAndBytes()
{
    PacketStore store(1000);
    for (int i = 0; i < 1000; ++i)
        store.append(makePacket(i, 20 + i % 50), false);
    QCOMPARE(store.overflowFor(10), 10);
    store.evictOldest(10);
    QCOMPARE(store.size(), 990);
    QCOMPARE(store.evictedCount(), 10u);
    QCOMPARE(store.number(0), 11u);
    QCOMPARE(store.rowOfNumber(11), 0);
    QCOMPARE(store.rowOfNumber(10), -1);
    QCOMPARE(store.rowOfNumber(1000), 989);
    QCOMPARE(store.rowOfNumber(1001), -1);
    const Packet expected = makePacket(10, 20 + 10 % 50);
    QCOMPARE(store.packet(0).data, expected.data);
    QCOMPARE(store.timestampNs(0), expected.timestampNs);
    for (int i = 1000; i < 1010; ++i)
        store.append(makePacket(i, 30), false);
    QCOMPARE(store.size(), 1000);
    QCOMPARE(store.number(999), 1010u);
    QCOMPARE(store.bytes(999), QByteArrayView(makePacket(1009, 30).data));
}

void TestPacketStore::overflowAndDiscard()
{
    PacketStore store(1000);
    QCOMPARE(store.overflowFor(999), 0);
    QCOMPARE(store.overflowFor(5000), 0); // never more than what is stored
    for (int i = 0; i < 600; ++i)
        store.append(makePacket(i), false);
    QCOMPARE(store.overflowFor(500), 100);
    QCOMPARE(store.overflowFor(5000), 600);
    store.evictOldest(600);
    QVERIFY(store.isEmpty());
    store.discardIncoming(7);
    QCOMPARE(store.evictedCount(), 607u);
    store.append(makePacket(1), false);
    QCOMPARE(store.number(0), 608u);
}

void TestPacketStore::capacityHasAFloor()
{
    PacketStore store(5);
    QCOMPARE(store.capacity(), PacketStore::kMinimumCapacity);
    store.setCapacity(2'000);
    QCOMPARE(store.capacity(), 2'000);
    QCOMPARE(PacketStore().capacity(), PacketStore::kDefaultCapacity);
}

void TestPacketStore::snapshotOutlivesEviction()
{
    PacketStore store(1000);
    for (int i = 0; i < 1000; ++i)
        store.append(makePacket(i, 3000), false); // ~3 MB: several chunks
    const PacketStore::Snapshot snap = store.snapshot({0, 1, 500, 999});
    QCOMPARE(snap.packets.size(), 4);
    store.evictOldest(1000);
    store.clear();
    for (int i = 0; i < 1000; ++i)
        store.append(makePacket(i + 7, 3000), false); // reuse of freed memory must not show
    QCOMPARE(snap.packets.at(0).data, makePacket(0, 3000).data);
    QCOMPARE(snap.packets.at(2).data, makePacket(500, 3000).data);
    QCOMPARE(snap.packets.at(3).data, makePacket(999, 3000).data);
    QCOMPARE(store.snapshotAll().packets.size(), 1000);
    QCOMPARE(store.snapshot({-1, 5000}).packets.size(), 0);
}

void TestPacketStore::largeDatagramGetsOwnChunk()
{
    PacketStore store;
    store.append(makePacket(0, 100), false);
    store.append(makePacket(1, 2 * 1024 * 1024), false);
    store.append(makePacket(2, 100), false);
    QCOMPARE(store.length(1), quint32(2 * 1024 * 1024));
    QCOMPARE(store.packet(1).data, makePacket(1, 2 * 1024 * 1024).data);
    QCOMPARE(store.packet(2).data, makePacket(2, 100).data);
}

void TestPacketStore::clearResetsNumbering()
{
    PacketStore store(1000);
    for (int i = 0; i < 1200; ++i) {
        store.evictOldest(store.overflowFor(1));
        store.append(makePacket(i), false);
    }
    QCOMPARE(store.evictedCount(), 200u);
    store.clear();
    QCOMPARE(store.size(), 0);
    QCOMPARE(store.evictedCount(), 0u);
    QCOMPARE(store.startTimeNs(), 0);
    store.append(makePacket(5), false);
    QCOMPARE(store.number(0), 1u);
    QCOMPARE(store.interfaceName(0), u"lo"_s);
}

void TestPacketStore::memoryPerPacketIsBounded()
{
    // Target (issue #18): a stored packet costs at most its length + 64 bytes by RSS, the view
    // and malloc included; the store's own share is its 32-byte record, its share of the
    // endpoint table (7 senders here) and of the newest chunk's free tail (2 MiB at most).
    PacketStore store(100'000);
    qint64 payload = 0;
    for (int i = 0; i < 100'000; ++i) {
        const Packet p = makePacket(i, 60 + (i * 37) % 400);
        payload += p.data.size();
        store.append(p, false);
    }
    const double overhead = double(store.memoryUsage() - payload) / store.size();
    const double bound = double(PacketStore::kRecordBytes) + 2 + double(2 << 20) / store.size();
    QVERIFY2(overhead <= bound,
             qPrintable(u"overhead %1 bytes/packet, bound %2"_s.arg(overhead).arg(bound)));
    QVERIFY(store.endpointCount() <= 14); // 7 sources x 2 interfaces (TTL by interface)
}

void TestPacketStore::endpointsSharedAndBoundedUnderEviction()
{
    // Every packet from another address (a spoofing flood): the endpoint table keeps the
    // stored rows' endpoints and is compacted as rows go, never growing with the packets seen.
    PacketStore store(1000);
    auto packet = [](int i) {
        Packet p = makePacket(i, 30);
        p.source = IpAddress::fromV4(0x0A000000u + quint32(i));
        p.sourcePort = quint16(1024 + i % 50'000);
        p.ttl = i % 256;
        return p;
    };
    for (int i = 0; i < 50'000; ++i) {
        store.evictOldest(store.overflowFor(1));
        store.append(packet(i), i % 3 == 0);
        QVERIFY2(store.endpointCount() <= 1000 + 4096 + 1,
                 qPrintable(u"%1 endpoints after %2 packets"_s.arg(store.endpointCount()).arg(i)));
    }
    QCOMPARE(store.size(), 1000);
    for (qsizetype row = 0; row < store.size(); ++row) {
        const int i = 49'000 + int(row);
        const Packet want = packet(i);
        QCOMPARE(store.source(row), want.source);
        QCOMPARE(store.sourcePort(row), want.sourcePort);
        QCOMPARE(store.destination(row), want.destination);
        QCOMPARE(store.ttl(row), want.ttl);
        QCOMPARE(store.interfaceName(row), want.interfaceName);
        QCOMPARE(store.isMalformed(row), i % 3 == 0);
        const Packet back = store.packet(row);
        QCOMPARE(back.source, want.source);
        QCOMPARE(back.interfaceIndex, want.interfaceIndex);
        QCOMPARE(back.number, quint32(i + 1));
    }
    // One sender again: its packets share one endpoint, and the others go as their rows do.
    for (int i = 0; i < 5000; ++i) {
        store.evictOldest(store.overflowFor(1));
        store.append(makePacket(0), false);
    }
    QVERIFY2(store.endpointCount() <= 1000 + 4096 + 1,
             qPrintable(QString::number(store.endpointCount())));
    QCOMPARE(store.source(999), makePacket(0).source);
    store.clear();
    QCOMPARE(store.endpointCount(), 0);
}

void TestPacketStore::originalLengthKeptAsideForLongerPackets()
{
    // Truncated packets keep their length on the wire out of line; eviction and copies keep it.
    PacketStore store(1000);
    for (int i = 0; i < 1000; ++i) {
        Packet p = makePacket(i, 40);
        if (i % 10 == 0) {
            p.truncated = true;
            p.originalLength = quint32(9000 + i);
        } else if (i % 10 == 1) {
            p.originalLength = 10; // shorter than stored: the stored length counts
        }
        store.append(p, false);
    }
    for (int i = 0; i < 1000; ++i) {
        const quint32 want = i % 10 == 0 ? quint32(9000 + i) : 40u;
        QCOMPARE(store.originalLength(i), want);
        QCOMPARE(store.packet(i).originalLength, want);
        QCOMPARE(store.packet(i).truncated, i % 10 == 0);
    }
    store.evictOldest(990);
    QCOMPARE(store.originalLength(0), 9990u); // number 991
    QCOMPARE(store.originalLength(9), 40u);   // number 1000
    store.append(
        [] {
            Packet p = makePacket(1000, 40);
            p.originalLength = 12345;
            return p;
        }(),
        false);
    QCOMPARE(store.originalLength(10), 12345u);
    QCOMPARE(store.length(10), 40u);
}

void TestPacketStore::framesAndCommentsKept()
{
    // A packet read from a file keeps its frame's edges, link type and comments; a live one
    // none. They survive copies and snapshots; eviction drops the comments with the row.
    PacketStore store(1000);
    for (int i = 0; i < 1000; ++i) {
        Packet p = makePacket(i, 50 + i % 30);
        if (i % 3 == 0) {
            p.frameEdges = QByteArray::fromHex("01005e0000fb020000000001") +
                           QByteArray(30 + i % 5, 'h') + QByteArray(i % 7, '\0');
            p.frameHeadLength = quint32(12 + 30 + i % 5);
            p.linkType = 1;
            p.frameKept = true;
            p.frameSynthesized = i % 2;
        }
        if (i % 5 == 0)
            p.comments = QStringList{u"comment %1"_s.arg(i)};
        store.append(p, false);
    }
    const auto check = [](const Packet &got, int i) {
        const Packet want = makePacket(i, 50 + i % 30);
        QCOMPARE(got.data, want.data);
        QCOMPARE(got.frameKept, i % 3 == 0);
        if (i % 3 == 0) {
            QCOMPARE(got.frameEdges.size(), 12 + 30 + i % 5 + i % 7);
            QCOMPARE(got.frameHeadLength, quint32(12 + 30 + i % 5));
            QCOMPARE(got.linkType, quint16(1));
            QCOMPARE(got.frameSynthesized, bool(i % 2));
            QVERIFY(got.macsKnown); // an Ethernet head names the MACs
            QCOMPARE(got.sourceMac[5], quint8(1));
            QCOMPARE(got.destinationMac[0], quint8(1));
        } else {
            QVERIFY(got.frameEdges.isEmpty());
            QVERIFY(!got.macsKnown);
        }
        QCOMPARE(got.comments.isEmpty(), i % 5 != 0);
        if (i % 5 == 0)
            QCOMPARE(got.comments, QStringList{u"comment %1"_s.arg(i)});
    };
    for (int i = 0; i < 1000; i += 7) {
        check(store.packet(i), i);
        check(store.packetView(i), i);
        QCOMPARE(store.comments(i).isEmpty(), i % 5 != 0);
    }
    const auto snap = store.snapshot({0, 3, 5, 999});
    store.evictOldest(500);
    check(snap.packets.at(0), 0);
    check(snap.packets.at(1), 3);
    check(snap.packets.at(2), 5);
    check(snap.packets.at(3), 999);
    QCOMPARE(store.comments(0), QStringList{u"comment 500"_s});
    store.append(makePacket(1000), false);
    QVERIFY(store.comments(store.size() - 1).isEmpty());
}

QTEST_GUILESS_MAIN(TestPacketStore)
#include "tst_packetstore.moc"

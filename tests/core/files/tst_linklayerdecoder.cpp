#include "CaptureFileBuilder.h"
#include "DnsWireBuilder.h"
#include "LinkLayerDecoder.h"

#include <QTest>

using namespace Qt::StringLiterals;
using FB = FrameBuilder::Extension;
using Outcome = LinkLayerDecoder::Outcome;

Q_DECLARE_METATYPE(LinkLayerDecoder::Outcome)

// Link-layer frames to UDP port 5353 datagrams: every link type, IPv4 / IPv6 header
// variants, and what is skipped (with the reason the capture file reader counts).
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

const uchar *uchars(const QByteArray &b)
{
    return reinterpret_cast<const uchar *>(b.constData());
}

Packet decodeOne(quint32 linkType, const QByteArray &frame)
{
    Packet p;
    const Outcome o = LinkLayerDecoder::decode(linkType, uchars(frame), frame.size(), p);
    return o == Outcome::Mdns ? p : Packet();
}

} // namespace

class TestLinkLayerDecoder : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void linkTypes_data();
    void linkTypes();
    void skipped_data();
    void skipped();
    void ipDetails();
};

void TestLinkLayerDecoder::linkTypes_data()
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

void TestLinkLayerDecoder::linkTypes()
{
    QFETCH(quint32, linkType);
    QFETCH(QByteArray, frame);
    QFETCH(bool, ipv6);

    Packet p;
    QCOMPARE(LinkLayerDecoder::decode(linkType, uchars(frame), frame.size(), p), Outcome::Mdns);
    QVERIFY(LinkLayerDecoder::isSupported(linkType));
    QCOMPARE(p.source.toString(), ipv6 ? u"fe80::1"_s : u"169.254.1.2"_s);
    QCOMPARE(p.destination.toString(), ipv6 ? u"ff02::fb"_s : u"224.0.0.251"_s);
    QCOMPARE(p.sourcePort, 5353);
    QCOMPARE(p.destinationPort, 5353);
    QCOMPARE(p.ttl, 255);
    QCOMPARE(p.data, query());
    QCOMPARE(p.originalLength, quint32(query().size()));
    QVERIFY(!p.truncated);

    // every shorter capture of the frame is either cut short or a (truncated) datagram
    for (qsizetype cut = 0; cut < frame.size(); ++cut) {
        Packet q;
        const Outcome o = LinkLayerDecoder::decode(linkType, uchars(frame), cut, q);
        if (o == Outcome::Mdns) {
            QCOMPARE(q.truncated, q.data.size() < query().size()); // radiotap: FCS after it
            QCOMPARE(q.data, query().left(q.data.size()));
            QCOMPARE(q.originalLength, quint32(query().size()));
        } else {
            QCOMPARE(o, Outcome::Short);
        }
    }
}

void TestLinkLayerDecoder::skipped_data()
{
    using namespace FrameBuilder;
    QTest::addColumn<quint32>("linkType");
    QTest::addColumn<QByteArray>("frame");
    QTest::addColumn<Outcome>("outcome");

    QTest::newRow("unknown link type") << 147u << v4() << Outcome::UnknownLinkType;
    QTest::newRow("tcp") << 101u << udp4(kSource, kGroup, 5353, 5353, 255, query(), 5, 0, 6)
                         << Outcome::NotMdns;
    QTest::newRow("udp 53") << 101u << udp4(kSource, kGroup, 53, 53, 64, query())
                            << Outcome::NotMdns;
    QTest::newRow("arp") << 1u << ethernet(0x0806, QByteArray(28, '\0')) << Outcome::NotMdns;
    QTest::newRow("ip version 5") << 101u << QByteArray::fromHex("50") + QByteArray(40, '\0')
                                  << Outcome::NotMdns;
    QTest::newRow("ihl below 5") << 101u << QByteArray(v4()).replace(0, 1, "\x44")
                                 << Outcome::Malformed;
    QTest::newRow("v4 more fragments")
        << 101u << udp4(kSource, kGroup, 5353, 5353, 255, query(), 5, 0x2000) << Outcome::Fragment;
    QTest::newRow("v4 later fragment")
        << 101u << udp4(kSource, kGroup, 5353, 5353, 255, query(), 5, 0x0010) << Outcome::Fragment;
    QTest::newRow("v4 first fragment, port 53")
        << 101u << udp4(kSource, kGroup, 53, 53, 255, query(), 5, 0x2000) << Outcome::NotMdns;
    QTest::newRow("v6 fragment") << 229u
                                 << v6(query(), 255,
                                       {{44, QByteArray::fromHex("0000000100000001")}})
                                 << Outcome::Fragment;
    QTest::newRow("v6 no next header")
        << 229u << v6(query(), 255, {{59, QByteArray::fromHex("3b00000000000000")}})
        << Outcome::NotMdns;
    QTest::newRow("ethernet cut in header")
        << 1u << ethernet(0x0800, v4()).left(20) << Outcome::Short;
    QTest::newRow("udp header cut") << 101u << v4().left(24) << Outcome::Short;
    QTest::newRow("v6 header cut") << 229u << v6().left(39) << Outcome::Short;
    QTest::newRow("udp length below 8")
        << 101u << QByteArray(v4()).replace(24, 2, "\0\4", 2) << Outcome::Malformed;
    QTest::newRow("udp length below 8, other ports")
        << 101u << QByteArray(udp4(kSource, kGroup, 53, 53, 255, query())).replace(24, 2, "\0\4", 2)
        << Outcome::Malformed;
    QTest::newRow("v4 total length below header")
        << 101u << QByteArray(v4()).replace(2, 2, "\0\x10", 2) << Outcome::Malformed;
    QTest::newRow("v4 payload shorter than a UDP header")
        << 101u << QByteArray(v4()).replace(2, 2, "\0\x18", 2) << Outcome::Malformed;
    QTest::newRow("v6 extension header past the payload")
        << 229u << v6(query(), 255, {{60, QByteArray::fromHex("11ff000000000000")}})
        << Outcome::Malformed;
    QByteArray protectedFrame = ieee80211(0x0800, v4(), false);
    protectedFrame[1] = char(protectedFrame[1] | 0x40);
    QTest::newRow("802.11 protected") << 105u << protectedFrame << Outcome::NotMdns;
}

void TestLinkLayerDecoder::skipped()
{
    QFETCH(quint32, linkType);
    QFETCH(QByteArray, frame);
    QFETCH(Outcome, outcome);
    Packet p;
    QCOMPARE(LinkLayerDecoder::decode(linkType, uchars(frame), frame.size(), p), outcome);
    QVERIFY(p.data.isEmpty());
    QVERIFY(p.source.isNull());
}

void TestLinkLayerDecoder::ipDetails()
{
    using namespace FrameBuilder;
    const QByteArray payload = query("Office Printer._ipp._tcp.local");

    // IPv4 options (IHL 7) and a TTL of 1
    {
        const Packet p = decodeOne(101, udp4(kSource, kGroup, 5353, 5353, 1, payload, 7));
        QCOMPARE(p.data, payload);
        QCOMPARE(p.ttl, 1);
    }
    // IPv6 hop-by-hop + destination options, then an atomic fragment (RFC 6946)
    {
        const QList<FB> ext{{0, QByteArray::fromHex("0000010400000000")},
                            {60, QByteArray::fromHex("0001010c") + QByteArray(12, '\0')},
                            {44, QByteArray::fromHex("0000000000000007")}};
        const Packet p = decodeOne(229, v6(payload, 64, ext));
        QCOMPARE(p.data, payload);
        QCOMPARE(p.ttl, 64);
    }
    // Ethernet padding after the IP packet is not part of the datagram
    {
        const QByteArray tiny = QByteArray::fromHex("0000");
        const Packet p = decodeOne(1, ethernet(0x0800, v4(tiny)) + QByteArray(16, '\x55'));
        QCOMPARE(p.data, tiny);
        QCOMPARE(p.originalLength, 2u);
    }
    // A UDP length shorter than the IP payload bounds the datagram
    {
        QByteArray ip = v4(payload);
        const quint16 udpLength = quint16(8 + 12);
        ip[24] = char(udpLength >> 8);
        ip[25] = char(udpLength);
        QCOMPARE(decodeOne(101, ip).data, payload.left(12));
    }
    // A capture cut inside the payload keeps the packet, marked truncated
    {
        const QByteArray frame = v4(payload);
        const QByteArray cut = frame.left(28 + 10);
        const Packet p = decodeOne(101, cut);
        QCOMPARE(p.data, payload.left(10));
        QCOMPARE(p.originalLength, quint32(payload.size()));
        QVERIFY(p.truncated);
    }
    // A UDP length beyond the IP payload: kept, marked truncated (tshark: "Bad length value
    // > IP payload length"); the length is the one the UDP header announces
    {
        QByteArray ip = v4(payload);
        const quint16 udpLength = quint16(8 + payload.size() + 100);
        ip[24] = char(udpLength >> 8);
        ip[25] = char(udpLength);
        const Packet p = decodeOne(101, ip);
        QCOMPARE(p.data, payload);
        QCOMPARE(p.originalLength, quint32(payload.size() + 100));
        QVERIFY(p.truncated);
    }
    // 40 destination-options headers before UDP: walked, no count limit (tshark reads it)
    {
        const QList<FB> ext(40, FB{60, QByteArray::fromHex("0000010400000000")});
        const Packet p = decodeOne(229, v6(payload, 64, ext));
        QCOMPARE(p.data, payload);
    }
    // Why a header is malformed, for the skip counter's reason
    {
        const QByteArray frame = QByteArray(v4()).replace(0, 1, "\x44");
        Packet p;
        LinkLayerDecoder::Fault why;
        QCOMPARE(LinkLayerDecoder::decode(101, uchars(frame), frame.size(), p, &why),
                 Outcome::Malformed);
        QCOMPARE(why.kind, LinkLayerDecoder::Malformed::Ipv4HeaderLength);
        QCOMPARE(why.value, 16);
        QCOMPARE(why.limit, 20);
    }
    // Any port 5353 end counts: a unicast reply to a one-shot query from port 40000
    {
        const Packet p = decodeOne(101, udp4(kSource, 0xA9FE0107, 5353, 40000, 255, payload));
        QCOMPARE(p.destinationPort, 40000);
        QCOMPARE(p.destination.toString(), u"169.254.1.7"_s);
    }
}

QTEST_GUILESS_MAIN(TestLinkLayerDecoder)
#include "tst_linklayerdecoder.moc"

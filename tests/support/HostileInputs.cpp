#include "HostileInputs.h"

#include "CaptureFileBuilder.h"
#include "DnsWireBuilder.h"

#include <QtEndian>

#include <array>

using namespace Qt::StringLiterals;

namespace HostileInputs {
namespace {

constexpr quint32 kSource = 0xA9FE0102; // 169.254.1.2
constexpr quint32 kGroup = 0xE00000FB;  // 224.0.0.251
constexpr quint32 kRawIp = 101;

QByteArray query(const QByteArray &name = "_ipp._tcp.local")
{
    DnsWireBuilder b;
    b.header(0, 0, 1, 0, 0, 0).question(name, 12, 1);
    return b.bytes();
}

QByteArray v4(const QByteArray &payload = query(), quint16 fragment = 0)
{
    return FrameBuilder::udp4(kSource, kGroup, 5353, 5353, 255, payload, 5, fragment);
}

QByteArray v6(const QByteArray &payload, const QList<FrameBuilder::Extension> &extensions = {})
{
    return FrameBuilder::udp6(FrameBuilder::ipv6("fe80::1"), FrameBuilder::ipv6("ff02::fb"), 5353,
                              5353, 255, payload, extensions);
}

QByteArray pcapOf(const QList<QByteArray> &frames, quint32 linkType = kRawIp)
{
    PcapBuilder b(linkType);
    quint32 second = 1;
    for (const QByteArray &f : frames)
        b.record(second++, 0, f);
    return b.bytes();
}

Case ok(const QString &name, const QByteArray &bytes, qint64 packets, qint64 malformed = 0)
{
    return Case{name, bytes, 0, -1, QString(), packets, malformed};
}

Case corrupt(const QString &name, const QByteArray &bytes, qint64 offset, const QString &reason,
             qint64 packets = -1)
{
    return Case{name, bytes, 1, offset, reason, packets, -1};
}

void put32(QByteArray &b, qsizetype at, quint32 v)
{
    qToLittleEndian(v, b.data() + at);
}

void put16(QByteArray &b, qsizetype at, quint16 v)
{
    qToLittleEndian(v, b.data() + at);
}

} // namespace

QList<Case> captureStructure()
{
    QList<Case> cases;
    const QByteArray good = pcapOf({v4(), v4()});
    const qsizetype second = 24 + 16 + v4().size(); // offset of the second record

    cases << corrupt(u"empty file"_s, {}, 0, u"empty"_s, 0);
    for (int n : {1, 2, 3})
        cases << corrupt(u"%1 bytes"_s.arg(n), good.left(n), 0, u"unknown magic"_s, 0);
    cases << corrupt(u"unknown magic"_s, QByteArray("GIF89a") + good.mid(6), 0,
                     u"unknown magic number 0x47494638"_s, 0);
    for (int n : {4, 5, 8, 16, 20, 23})
        cases << corrupt(u"pcap header cut at %1"_s.arg(n), good.left(n), n, u"file header"_s, 0);
    for (bool big : {false, true})
        for (bool nano : {false, true}) {
            PcapBuilder b(kRawIp, big, nano);
            b.record(7, 999, v4()).record(8, 0, v6(query()));
            cases << ok(
                u"pcap %1 %2"_s.arg(big ? u"big"_s : u"little"_s, nano ? u"nano"_s : u"micro"_s),
                b.bytes(), 2);
        }
    for (auto [major, minor] : {std::pair{2, 4}, {2, 3}, {9, 9}, {3, 0}, {0xFFFF, 0xFFFF}}) {
        QByteArray b = good;
        put16(b, 4, quint16(major));
        put16(b, 6, quint16(minor));
        cases << ok(u"pcap version %1.%2"_s.arg(major).arg(minor), b, 2);
    }
    for (int major : {0, 1}) {
        QByteArray b = good;
        put16(b, 4, quint16(major));
        cases << corrupt(u"pcap version %1"_s.arg(major), b, 4, u"unsupported pcap version"_s, 0);
    }
    {
        QByteArray b = good;
        put32(b, 16, 0); // snap length 0
        cases << ok(u"pcap snaplen 0"_s, b, 2);
        b = good;
        put32(b, 20, 147); // a user link type
        cases << ok(u"pcap unknown link type"_s, b, 0);
    }
    cases << corrupt(u"pcap record header cut"_s, good + QByteArray(9, '\1'), good.size(),
                     u"record header"_s, 2);
    cases << corrupt(u"pcap record data cut"_s, good.left(good.size() - 3), second,
                     u"remain in the file"_s, 1);
    for (quint32 captured : {0x00100000u, 0x08000001u, 0xFFFFFFFFu}) {
        QByteArray b = good;
        put32(b, second + 8, captured);
        cases << corrupt(u"pcap captured length 0x%1"_s.arg(captured, 0, 16), b, second,
                         captured > 0x08000000u ? u"more than the limit of 134217728"_s
                                                : u"remain in the file"_s,
                         1);
    }
    {
        QByteArray b = good;
        put32(b, 24, 0xFFFFFFFF); // seconds
        put32(b, 28, 0xFFFFFFFF); // microseconds past a million
        cases << ok(u"pcap timestamp extremes"_s, b, 2);
        PcapBuilder zero(kRawIp);
        zero.record(1, 0, {}).record(2, 0, v4());
        cases << ok(u"pcap zero-length record"_s, zero.bytes(), 1);
    }

    // pcapng
    PcapngBuilder ng;
    ng.interface(228, "eth0", 9).enhanced(0, 1, v4()).enhanced(0, 2, v4());
    const QByteArray two = ng.bytes();
    const qsizetype last = ng.lastBlockOffset();
    const qsizetype lastLength = two.size() - last;
    cases << ok(u"pcapng"_s, two, 2);
    for (int n : {4, 8, 12, 27})
        cases << corrupt(u"pcapng cut at %1"_s.arg(n), two.left(n), n < 12 ? 0 : 0,
                         n < 12 ? u"bytes into the block"_s : u"cut short"_s, 0);
    {
        QByteArray b = two;
        b.replace(8, 4, "ABCD");
        cases << corrupt(u"pcapng no byte-order magic"_s, b, 8, u"byte-order magic"_s, 0);
        b = two;
        put16(b, 12, 2);
        cases << corrupt(u"pcapng version 2"_s, b, 12, u"version 2"_s, 0);
    }
    const auto patched = [&](qsizetype at, quint32 v) {
        QByteArray b = two;
        put32(b, at, v);
        return b;
    };
    cases << corrupt(u"pcapng block length 0"_s, patched(last + 4, 0), last, u"minimum 32"_s, 1);
    cases << corrupt(u"pcapng block length odd"_s, patched(last + 4, quint32(lastLength - 2)), last,
                     u"multiple of 4"_s, 1);
    cases << corrupt(u"pcapng block length past the end"_s, patched(last + 4, 0x1000), last,
                     u"cut short"_s, 1);
    cases << corrupt(u"pcapng block length over the limit"_s, patched(last + 4, 0xFFFFFFFC), last,
                     u"larger than the limit of 134217728"_s, 1);
    cases << corrupt(u"pcapng trailer mismatch"_s, patched(two.size() - 4, 8), two.size() - 4,
                     u"ends with length"_s, 1);
    cases << corrupt(u"pcapng captured past the block"_s, patched(last + 20, 0x7FFFFFFF), last,
                     u"captured bytes"_s, 1);
    cases << corrupt(u"pcapng interface out of range"_s, patched(last + 8, 1), last,
                     u"interface 1"_s, 1);
    cases << corrupt(u"pcapng interface 2^32-1"_s, patched(last + 8, 0xFFFFFFFF), last,
                     u"interface 4294967295"_s, 1);
    {
        PcapngBuilder none;
        none.enhanced(0, 1, v4());
        cases << corrupt(u"pcapng packet before any interface"_s, none.bytes(),
                         none.lastBlockOffset(), u"interface 0"_s, 0);
    }
    {
        PcapngBuilder many;
        for (int s = 0; s < 200; ++s) {
            if (s > 0)
                many.section(s % 2 == 1);
            many.interface(228, "if", 9).enhanced(0, quint64(s), v4());
        }
        cases << ok(u"pcapng 200 sections, both byte orders"_s, many.bytes(), 200);
        PcapngBuilder interfaces;
        for (int i = 0; i < 2000; ++i)
            interfaces.interface(i % 2 ? 1 : 228, "if");
        interfaces.enhanced(1998, 1, v4()).enhanced(1999, 2, FrameBuilder::ethernet(0x0800, v4()));
        cases << ok(u"pcapng 2000 interfaces"_s, interfaces.bytes(), 2);
    }
    for (int tsresol : {0, 9, 19, 63, 127, 0x80, 0x80 | 63, 0x80 | 127, 0xFF}) {
        PcapngBuilder b;
        b.interface(228, "eth0", tsresol, 0x7FFFFFFFFFFFFFFF)
            .enhanced(0, ~quint64(0), v4())
            .enhanced(0, 0, v4());
        cases << ok(u"pcapng tsresol 0x%1, huge offset"_s.arg(tsresol, 0, 16), b.bytes(), 2);
    }
    {
        PcapngBuilder b;
        b.interface(228, "eth0", -1, 0, 40).simple(v4()).obsolete(0, 5, v4());
        b.block(0x00000BAD, QByteArray(100, 'x')).block(0x80000001, QByteArray(3, 'y'));
        b.enhanced(0, 3, v4());
        cases << ok(u"pcapng simple (snap 40), obsolete, custom blocks"_s, b.bytes(), 3);
    }
    {
        PcapngBuilder b;
        // An interface block whose options lie about their length: the options end there.
        b.block(1, QByteArray::fromHex("e400000000000000"
                                       "0200ff7f"
                                       "6574683000000000"));
        b.enhanced(0, 1, v4());
        cases << ok(u"pcapng interface option length lies"_s, b.bytes(), 1);
    }
    return cases;
}

QList<Case> dnsMessages()
{
    QList<QByteArray> messages;
    QList<QString> names;
    const auto add = [&](const QString &name, const QByteArray &message) {
        names << name;
        messages << message;
    };
    {
        DnsWireBuilder b;
        b.header(0, 0x8400, 1, 0, 0, 0).pointer(12).u16(12).u16(1);
        add(u"pointer to itself"_s, b.bytes());
    }
    {
        DnsWireBuilder b;
        b.header(0, 0x8400, 2, 0, 0, 0).pointer(18).u16(12).u16(1).pointer(12).u16(12).u16(1);
        add(u"pointer loop of two"_s, b.bytes());
    }
    {
        DnsWireBuilder b; // a chain of 200 pointers, each to the one before
        b.header(0, 0x8400, 1, 0, 0, 0).label("a").u8(0);
        for (int i = 0; i < 200; ++i)
            b.pointer(i == 0 ? 12 : 12 + 3 + (i - 1) * 2);
        b.pointer(12 + 3 + 199 * 2).u16(12).u16(1);
        add(u"pointer chain of 200"_s, b.bytes());
    }
    {
        DnsWireBuilder b;
        b.header(0, 0x8400, 1, 0, 0, 0).pointer(0x3FFF).u16(12).u16(1);
        add(u"pointer past the end"_s, b.bytes());
    }
    {
        DnsWireBuilder b;
        b.header(0, 0, 1, 0, 0, 0).label(QByteArray(63, 'a')).u8(0).u16(1).u16(1);
        add(u"label of 63"_s, b.bytes());
        DnsWireBuilder c;
        c.header(0, 0, 1, 0, 0, 0).u8(64).raw(QByteArray(64, 'a')).u8(0).u16(1).u16(1);
        add(u"label of 64 (0x40: reserved type)"_s, c.bytes());
    }
    for (int total : {255, 256, 600}) {
        DnsWireBuilder b;
        b.header(0, 0, 1, 0, 0, 0);
        for (int left = total; left > 1; left -= 64)
            b.label(QByteArray(std::min(63, left - 2), 'n'));
        b.u8(0).u16(1).u16(1);
        add(u"name of about %1 bytes"_s.arg(total), b.bytes());
    }
    for (auto counts : {std::array<quint16, 4>{65535, 0, 0, 0},
                        {0, 65535, 0, 0},
                        {0, 0, 65535, 0},
                        {0, 0, 0, 65535},
                        {65535, 65535, 65535, 65535}}) {
        DnsWireBuilder b;
        b.header(0, 0x8400, counts[0], counts[1], counts[2], counts[3]).question("a.local", 1, 1);
        add(u"counts %1/%2/%3/%4"_s.arg(counts[0]).arg(counts[1]).arg(counts[2]).arg(counts[3]),
            b.bytes());
    }
    {
        DnsWireBuilder b;
        b.header(0, 0x8400, 0, 1, 0, 0).name("a.local").u16(1).u16(1).u32(120).u16(65535);
        b.raw(QByteArray::fromHex("a9fe0102"));
        add(u"rdlength 65535 over 4 bytes"_s, b.bytes());
    }
    // Every record type, whole and then cut inside its rdata and inside its fixed fields.
    const QList<std::pair<quint16, QByteArray>> rdatas{
        {1, QByteArray::fromHex("a9fe0102")},
        {28, QByteArray::fromHex("fe800000000000000000000000000001")},
        {12, QByteArray::fromHex("0470726e74c00c")},
        {5, QByteArray::fromHex("0161056c6f63616c00")},
        {33, QByteArray::fromHex("000000001f9004686f7374c00c")},
        {16, QByteArray::fromHex("0474783d310361623d")},
        {13, QByteArray::fromHex("03637075026f73")},
        {47, QByteArray::fromHex("c00c000540000000")},
        {41, QByteArray::fromHex("0004000e00") + QByteArray(14, '\4')},
        {6, QByteArray::fromHex("c00cc00c0000000100000002000000030000000400000005")},
        {99, QByteArray(3, 'z')},
    };
    for (const auto &[type, rdata] : rdatas) {
        DnsWireBuilder b;
        b.header(0, 0x8400, 0, 1, 0, 0).record("host.local", type, 0x8001, 120, rdata);
        const QByteArray whole = b.bytes();
        add(u"type %1 whole"_s.arg(type), whole);
        add(u"type %1 rdata cut"_s.arg(type), whole.left(whole.size() - rdata.size() / 2 - 1));
        add(u"type %1 fixed fields cut"_s.arg(type), whole.left(whole.size() - rdata.size() - 3));
    }
    add(u"header cut"_s, query().left(7));
    add(u"empty payload"_s, QByteArray());

    QList<Case> cases;
    for (qsizetype i = 0; i < messages.size(); ++i)
        cases << ok(u"dns %1"_s.arg(names.at(i)), pcapOf({v4(messages.at(i))}), 1);
    return cases;
}

QList<Case> ipAndUdp()
{
    QList<Case> cases;
    const QByteArray ip = v4();
    for (int ihl : {0, 1, 4}) {
        QByteArray b = ip;
        b[0] = char(0x40 | ihl);
        cases << ok(u"ipv4 ihl %1"_s.arg(ihl), pcapOf({b}), 0, 1);
    }
    {
        QByteArray b = FrameBuilder::udp4(kSource, kGroup, 5353, 5353, 255, query(), 15);
        cases << ok(u"ipv4 ihl 15 with options"_s, pcapOf({b}), 1);
        cases << ok(u"ipv4 ihl 15, cut in the options"_s, pcapOf({b.left(40)}), 0);
    }
    for (quint16 total : {0, 1, 19, 20, 27, 28, 29, 65535}) {
        QByteArray b = ip;
        qToBigEndian(total, b.data() + 2);
        const bool malformed = total != 0 && total < 28;
        cases << ok(u"ipv4 total length %1"_s.arg(total), pcapOf({b}), malformed ? 0 : 1,
                    malformed ? 1 : 0);
    }
    for (quint16 length : {0, 1, 7, 8, 9, 200, 65535}) {
        QByteArray b = ip;
        qToBigEndian(length, b.data() + 24);
        const bool malformed = length < 8;
        cases << ok(u"udp length %1"_s.arg(length), pcapOf({b}), malformed ? 0 : 1,
                    malformed ? 1 : 0);
    }
    cases << ok(u"ipv4 first fragment"_s, pcapOf({v4(query(), 0x2000)}), 0);
    cases << ok(u"ipv4 later fragment"_s, pcapOf({v4(query(), 0x0010)}), 0);
    {
        // Reassembly (IpReassembler): a flood of datagrams that never complete, one datagram's
        // fragment repeated without end, and a datagram whose fragments do complete, with a
        // UDP length that lies (kept, truncated).
        const QByteArray piece = FrameBuilder::udpDatagram(5353, 5353, QByteArray(1392, 'f'));
        QList<QByteArray> flood, repeated;
        for (int id = 0; id < 5000; ++id) {
            flood << FrameBuilder::ipv4Fragment(kSource, kGroup, quint16(id), 0, true, piece);
            repeated << FrameBuilder::ipv4Fragment(kSource, kGroup, 7, 1400, true, piece);
        }
        cases << ok(u"ipv4 flood of incomplete datagrams"_s, pcapOf(flood), 0);
        cases << ok(u"ipv4 one fragment repeated"_s, pcapOf(repeated), 0);
        QByteArray whole = FrameBuilder::udpDatagram(5353, 5353, query() + QByteArray(2000, '\0'));
        qToBigEndian<quint16>(60000, whole.data() + 4); // the UDP length says more
        const auto pieces = FrameBuilder::cut(whole, 1000);
        QList<QByteArray> frames;
        for (qsizetype i = pieces.size() - 1; i >= 0; --i)
            frames << FrameBuilder::ipv4Fragment(kSource, kGroup, 9, pieces[i].first,
                                                 i + 1 < pieces.size(), pieces[i].second);
        cases << ok(u"ipv4 fragments of a datagram with a lying UDP length"_s, pcapOf(frames), 1);
    }
    cases << ok(u"ipv4 other protocol"_s,
                pcapOf({FrameBuilder::udp4(kSource, kGroup, 5353, 5353, 1, query(), 5, 0, 6)}), 0);
    const FrameBuilder::Extension options{60, QByteArray::fromHex("0000010400000000")};
    for (int n : {0, 1, 16, 17, 50, 200})
        cases << ok(u"ipv6 %1 extension headers"_s.arg(n),
                    pcapOf({v6(query(), QList<FrameBuilder::Extension>(n, options))}), 1);
    {
        const QByteArray past = v6(query(), {{60, QByteArray::fromHex("00ff000000000000")}});
        cases << ok(u"ipv6 extension header past the payload"_s, pcapOf({past}), 0, 1);
        const QByteArray fragment = v6(query(), {{44, QByteArray::fromHex("0000000100000001")}});
        cases << ok(u"ipv6 fragment"_s, pcapOf({fragment}), 0);
        const QByteArray atomic = v6(query(), {{44, QByteArray::fromHex("0000000000000007")}});
        cases << ok(u"ipv6 atomic fragment"_s, pcapOf({atomic}), 1);
        QByteArray zero = v6(query());
        zero[4] = zero[5] = 0; // payload length 0: a jumbogram, not followed
        cases << ok(u"ipv6 payload length 0"_s, pcapOf({zero}), 0, 1);
        QByteArray longer = v6(query());
        qToBigEndian<quint16>(0xFFFF, longer.data() + 4);
        cases << ok(u"ipv6 payload length past the capture"_s, pcapOf({longer}), 1);
    }
    for (int cut : {1, 19, 20, 27})
        cases << ok(u"ipv4 captured %1 bytes"_s.arg(cut), pcapOf({ip.left(cut)}), 0);
    for (int tags : {8, 9, 20, 21}) // tshark reads 20 nested tags, no more
        cases << ok(u"ethernet with %1 vlan tags"_s.arg(tags),
                    pcapOf({FrameBuilder::ethernet(0x0800, ip, QList<quint16>(tags, 0x8100))}, 1),
                    tags <= 20 ? 1 : 0);
    cases << ok(u"radiotap length past the frame"_s,
                pcapOf({QByteArray::fromHex("0000ff7f00000000") + ip}, 127), 0);
    return cases;
}

QList<Case> all()
{
    return captureStructure() + dnsMessages() + ipAndUdp();
}

} // namespace HostileInputs

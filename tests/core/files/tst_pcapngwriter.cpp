#include "CaptureFileBuilder.h"
#include "CaptureFileReader.h"
#include "DnsWireBuilder.h"
#include "PacketExporter.h"
#include "PacketStreamWriter.h"
#include "PcapngWriter.h"
#include "Version.h"

#include <QFile>
#include <QProcess>
#include <QStandardPaths>
#include <QTemporaryDir>
#include <QTest>
#include <QtEndian>

#include <cstring>

using namespace Qt::StringLiterals;

namespace {

QByteArray query(const QByteArray &name)
{
    DnsWireBuilder b;
    b.header(0, 0, 1, 0, 0, 0).question(name, 12, 1);
    return b.bytes();
}

Packet packet(const QString &source, const QString &destination, qint32 ttl,
              const QString &interface, qint64 timestampNs, const QByteArray &payload,
              quint16 sourcePort = 5353, quint16 destinationPort = 5353)
{
    Packet p;
    p.source = IpAddress::fromString(source);
    p.destination = IpAddress::fromString(destination);
    p.sourcePort = sourcePort;
    p.destinationPort = destinationPort;
    p.ttl = ttl;
    p.interfaceName = interface;
    p.interfaceIndex = 3;
    p.timestampNs = timestampNs;
    p.data = payload;
    p.originalLength = quint32(payload.size());
    return p;
}

QList<Packet> samplePackets()
{
    QList<Packet> list;
    list << packet(u"169.254.1.2"_s, u"224.0.0.251"_s, 255, u"eth0"_s, 1'764'194'246'123'456'789LL,
                   query("_ipp._tcp.local"));
    list << packet(u"fe80::1c2:3ff:fe04:506"_s, u"ff02::fb"_s, 1, u"eth0"_s,
                   1'764'194'246'223'456'789LL, query("Office Printer._ipp._tcp.local"));
    list << packet(u"192.168.7.9"_s, u"169.254.1.2"_s, 64, u"wlan0"_s, 1'764'194'247'000'000'001LL,
                   query("host.local"), 5353, 40123);
    list << packet(u"10.0.0.1"_s, u"224.0.0.251"_s, 128, QString(), 1'000'000'000LL, QByteArray(),
                   5353, 5353);
    Packet big = packet(u"2001:db8::5"_s, u"ff02::fb"_s, 255, u"wlan0"_s,
                        1'800'000'000'000'000'000LL, QByteArray(9000, 'x'));
    list << big;
    Packet cut = packet(u"169.254.9.9"_s, u"224.0.0.251"_s, 255, u"eth0"_s, 5, query("cut.local"));
    cut.originalLength = 1400; // the receive buffer or snap length kept only the first bytes
    cut.truncated = true;
    list << cut;
    return list;
}

quint16 checksum(const uchar *p, qsizetype n, quint32 sum = 0)
{
    for (; n > 1; p += 2, n -= 2)
        sum += quint32(p[0]) << 8 | p[1];
    if (n)
        sum += quint32(p[0]) << 8;
    while (sum >> 16)
        sum = (sum & 0xFFFF) + (sum >> 16);
    return quint16(~sum);
}

QString tshark()
{
    return QStandardPaths::findExecutable(u"tshark"_s);
}

// tshark's field output for a file, one line per packet.
QStringList tsharkFields(const QString &file, const QStringList &fields,
                         const QStringList &extra = {})
{
    QStringList args{u"-r"_s, file,
                     u"-T"_s, u"fields"_s,
                     u"-E"_s, u"separator=|"_s,
                     u"-o"_s, u"ip.check_checksum:TRUE"_s,
                     u"-o"_s, u"udp.check_checksum:TRUE"_s};
    args += extra;
    for (const QString &f : fields)
        args << u"-e"_s << f;
    QProcess p;
    p.start(tshark(), args);
    if (!p.waitForFinished(60000) || p.exitCode() != 0)
        return {u"tshark failed: "_s + QString::fromUtf8(p.readAllStandardError())};
    QStringList lines = QString::fromUtf8(p.readAllStandardOutput()).split(u'\n');
    if (!lines.isEmpty() && lines.last().isEmpty())
        lines.removeLast();
    return lines;
}

} // namespace

class TestPcapngWriter : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void roundTrip();
    void roundTripThroughExporter();
    void structure();
    void streamedInPieces();
    void tsharkReadsWhatWeWrite();
    void tsharkAgreesOnCorpusRewrite();
    void originalFramesKept();
    void originalFramesKeptTshark();
    void commentsKept();
    void checksumsOfEveryLength();
};

void TestPcapngWriter::roundTrip()
{
    const QList<Packet> in = samplePackets();
    const auto r = CaptureFileReader::readBytes(PcapngWriter::toBytes(in));
    QVERIFY2(!r.error, qPrintable(r.error ? r.error->toString() : QString()));
    QCOMPARE(r.format, u"pcapng"_s);
    QCOMPARE(r.packets.size(), in.size());
    for (qsizetype i = 0; i < in.size(); ++i) {
        const Packet &a = in.at(i);
        const Packet &b = r.packets.at(i);
        QCOMPARE(b.source, a.source);
        QCOMPARE(b.destination, a.destination);
        QCOMPARE(b.sourcePort, a.sourcePort);
        QCOMPARE(b.destinationPort, a.destinationPort);
        QCOMPARE(b.ttl, a.ttl);
        QCOMPARE(b.interfaceName, a.interfaceName);
        QCOMPARE(b.timestampNs, a.timestampNs);
        QCOMPARE(b.data, a.data);
        QCOMPARE(b.originalLength, a.originalLength);
        QCOMPARE(b.truncated, a.truncated);
        QCOMPARE(b.interfaceIndex, 0u); // files carry names, not kernel indexes
    }

    // Unknown TTL: written as 255
    Packet unknown = in.first();
    unknown.ttl = -1;
    const auto u = CaptureFileReader::readBytes(PcapngWriter::toBytes({unknown}));
    QCOMPARE(u.packets.size(), 1);
    QCOMPARE(u.packets.first().ttl, 255);

    // Before 1970: pcapng timestamps are unsigned, so it is written as the epoch
    Packet early = in.first();
    early.timestampNs = -5;
    const auto e = CaptureFileReader::readBytes(PcapngWriter::toBytes({early}));
    QCOMPARE(e.packets.size(), 1);
    QCOMPARE(e.packets.first().timestampNs, 0);
}

void TestPcapngWriter::roundTripThroughExporter()
{
    QTemporaryDir dir;
    QVERIFY(dir.isValid());
    const QString path = dir.filePath(u"out.pcapng"_s);
    QList<Packet> in;
    for (int i = 0; i < 5000; ++i) { // several flushes of the exporter's buffer
        Packet p = samplePackets().at(i % 3);
        p.timestampNs += i;
        p.data += QByteArray::number(i);
        p.originalLength = quint32(p.data.size());
        in << p;
    }
    int progressCalls = 0;
    const ExportResult w = PacketExporter::write(ExportFormat::Pcapng, path, in,
                                                 [&](qint64, qint64) { return ++progressCalls; });
    QVERIFY2(w.ok, qPrintable(w.error));
    QCOMPARE(w.packetsWritten, 5000);
    QVERIFY(progressCalls > 0);
    const auto r = CaptureFileReader::readFile(path);
    QVERIFY(!r.error);
    QCOMPARE(r.packets.size(), 5000);
    for (qsizetype i = 0; i < in.size(); ++i) {
        QCOMPARE(r.packets[i].data, in[i].data);
        QCOMPARE(r.packets[i].timestampNs, in[i].timestampNs);
        QCOMPARE(r.packets[i].interfaceName, in[i].interfaceName);
        QCOMPARE(r.packets[i].source, in[i].source);
    }
}

void TestPcapngWriter::structure()
{
    const QList<Packet> in = samplePackets();
    const QByteArray file = PcapngWriter::toBytes(in);
    const auto *d = reinterpret_cast<const uchar *>(file.constData());
    // Host byte order, as pcapng intends (the reader test covers the other one).
    auto u16 = [&](qsizetype at) { return qFromUnaligned<quint16>(d + at); };
    auto u32 = [&](qsizetype at) { return qFromUnaligned<quint32>(d + at); };

    QCOMPARE(u32(0), 0x0A0D0D0Au);
    QCOMPARE(u32(8), 0x1A2B3C4Du);
    QCOMPARE(u16(12), 1);
    QCOMPARE(u16(14), 0);

    struct Idb
    {
        quint16 linkType;
        QByteArray name;
        int tsresol = -1;
    };
    QList<Idb> interfaces;
    int packets = 0;
    qsizetype at = 0;
    while (at < file.size()) {
        const quint32 type = u32(at);
        const quint32 length = u32(at + 4);
        QVERIFY(length >= 12 && length % 4 == 0 && at + length <= file.size());
        QCOMPARE(u32(at + length - 4), length);
        const qsizetype body = at + 8;
        if (type == 1) {
            QCOMPARE(packets, 0); // every interface is described before the first packet
            Idb idb{u16(body), {}};
            for (qsizetype o = body + 8; o + 4 <= at + length - 4;) {
                const quint16 code = u16(o), len = u16(o + 2);
                if (code == 0)
                    break;
                if (code == 2)
                    idb.name = file.mid(o + 4, len);
                if (code == 9 && len == 1)
                    idb.tsresol = d[o + 4];
                o += 4 + ((len + 3) & ~3);
            }
            QCOMPARE(idb.tsresol, 9);
            interfaces << idb;
        } else if (type == 6) {
            const Packet &p = in.at(packets++);
            const quint32 id = u32(body);
            QVERIFY(id < quint32(interfaces.size()));
            QCOMPARE(interfaces[id].name, p.interfaceName.toUtf8());
            const quint64 ticks = quint64(u32(body + 4)) << 32 | u32(body + 8);
            QCOMPARE(qint64(ticks), p.timestampNs);
            const quint32 captured = u32(body + 12);
            const uchar *ip = d + body + 20;
            const bool v6 = p.source.isV6();
            QCOMPARE(interfaces[id].linkType, v6 ? 229 : 228);
            const qsizetype ipHeader = v6 ? 40 : 20;
            QCOMPARE(captured, quint32(ipHeader + 8 + p.data.size()));
            QCOMPARE(u32(body + 16), quint32(ipHeader + 8 + p.originalLength));
            const uchar *udp = ip + ipHeader;
            QCOMPARE(qFromBigEndian<quint16>(udp), p.sourcePort);
            QCOMPARE(qFromBigEndian<quint16>(udp + 2), p.destinationPort);
            QCOMPARE(qFromBigEndian<quint16>(udp + 4), quint16(8 + p.originalLength));
            QCOMPARE(QByteArray(reinterpret_cast<const char *>(udp + 8), p.data.size()), p.data);
            quint32 pseudo = 17 + 8 + p.originalLength;
            if (v6) {
                QCOMPARE(ip[0] >> 4, 6);
                QCOMPARE(ip[6], 17);
                QCOMPARE(int(ip[7]), p.ttl);
                QCOMPARE(qFromBigEndian<quint16>(ip + 4), quint16(8 + p.originalLength));
                pseudo = 0xFFFF - checksum(ip + 8, 32, pseudo);
            } else {
                QCOMPARE(ip[0], 0x45);
                QCOMPARE(ip[9], 17);
                QCOMPARE(int(ip[8]), p.ttl);
                QCOMPARE(qFromBigEndian<quint16>(ip + 2), quint16(28 + p.originalLength));
                QCOMPARE(checksum(ip, 20), 0); // a valid header checksum sums to 0xFFFF
                pseudo = 0xFFFF - checksum(ip + 12, 8, pseudo);
            }
            if (p.truncated)
                QCOMPARE(qFromBigEndian<quint16>(udp + 6), 0); // "no checksum"
            else
                QCOMPARE(checksum(udp, 8 + p.data.size(), pseudo), 0);
        } else {
            QCOMPARE(type, 0x0A0D0D0Au);
            QCOMPARE(at, 0);
        }
        at += length;
    }
    QCOMPARE(packets, in.size());
    // eth0/v4, eth0/v6, wlan0/v4, unnamed/v4, wlan0/v6
    QCOMPARE(interfaces.size(), 5);
}

void TestPcapngWriter::streamedInPieces()
{
    // Pieces written one after another (as mdnscope --read does): an interface first seen in
    // a later piece gets its description block there, and the file reads back whole.
    QTemporaryDir dir;
    const QString path = dir.filePath(u"pieces.pcapng"_s);
    const QList<Packet> in = samplePackets();
    PacketStreamWriter w(ExportFormat::Pcapng, path);
    QVERIFY(w.open());
    QVERIFY(w.write(in, 0, 1));    // eth0 / IPv4
    QVERIFY(w.write(in, 1, 1));    // nothing
    QVERIFY(w.write(in, 1, 3));    // eth0 / IPv6, wlan0 / IPv4
    QVERIFY(w.write(in.mid(3)));   // the rest
    QVERIFY(!QFile::exists(path)); // nothing at the target before commit
    QVERIFY(w.commit());
    QCOMPARE(w.packetsWritten(), in.size());
    QCOMPARE(w.malformed(), -1);
    const auto r = CaptureFileReader::readFile(path);
    QVERIFY2(!r.error, qPrintable(r.error ? r.error->toString() : QString()));
    QCOMPARE(r.packets.size(), in.size());
    for (qsizetype i = 0; i < in.size(); ++i) {
        QCOMPARE(r.packets[i].interfaceName, in[i].interfaceName);
        QCOMPARE(r.packets[i].source, in[i].source);
        QCOMPARE(r.packets[i].data, in[i].data);
    }

    // an export with no packets is still a valid, empty capture
    const QString empty = dir.filePath(u"empty.pcapng"_s);
    PacketStreamWriter e(ExportFormat::Pcapng, empty);
    QVERIFY(e.open() && e.commit());
    const auto er = CaptureFileReader::readFile(empty);
    QVERIFY(!er.error);
    QCOMPARE(er.format, u"pcapng"_s);
    QCOMPARE(er.stats.records, 0u);
}

void TestPcapngWriter::tsharkReadsWhatWeWrite()
{
    if (tshark().isEmpty())
        QSKIP("tshark is not installed (scripts/install-deps.sh installs it)");
    QTemporaryDir dir;
    const QString path = dir.filePath(u"ours.pcapng"_s);
    QList<Packet> in = samplePackets();
    in.removeAt(3); // an empty datagram: tshark flags it malformed, mDNS it is not
    QVERIFY(PacketExporter::write(ExportFormat::Pcapng, path, in).ok);

    const QStringList lines = tsharkFields(
        path, {u"frame.time_epoch"_s, u"frame.interface_name"_s, u"ip.src"_s, u"ipv6.src"_s,
               u"ip.dst"_s, u"ipv6.dst"_s, u"udp.srcport"_s, u"udp.dstport"_s, u"ip.ttl"_s,
               u"ipv6.hlim"_s, u"dns.qry.name"_s, u"ip.checksum.status"_s, u"udp.checksum.status"_s,
               u"_ws.col.Protocol"_s});
    QCOMPARE(lines.size(), in.size());
    const QStringList names{u"_ipp._tcp.local"_s, u"Office Printer._ipp._tcp.local"_s,
                            u"host.local"_s, QString(), QString()};
    for (qsizetype i = 0; i < in.size(); ++i) {
        const Packet &p = in.at(i);
        const QStringList f = lines.at(i).split(u'|');
        QCOMPARE(f.size(), 14);
        const QString seconds = QString::number(p.timestampNs / 1'000'000'000);
        const QString nanos = u"%1"_s.arg(p.timestampNs % 1'000'000'000, 9, 10, QChar(u'0'));
        QCOMPARE(f[0], seconds + u'.' + nanos);
        QCOMPARE(f[1], p.interfaceName);
        const bool v6 = p.source.isV6();
        QCOMPARE(f[v6 ? 3 : 2], p.source.toString());
        QCOMPARE(f[v6 ? 5 : 4], p.destination.toString());
        QCOMPARE(f[6].toUInt(), p.sourcePort);
        QCOMPARE(f[7].toUInt(), p.destinationPort);
        QCOMPARE(f[v6 ? 9 : 8].toInt(), p.ttl);
        if (!names.at(i).isEmpty())
            QCOMPARE(f[10], names.at(i));
        if (!p.truncated)
            QCOMPARE(f[12], u"1"_s); // udp checksum good
        if (!v6)
            QCOMPARE(f[11], u"1"_s); // ip checksum good
        if (p.sourcePort == 5353 && p.destinationPort == 5353 && !p.truncated)
            QCOMPARE(f[13], u"MDNS"_s);
    }
}

void TestPcapngWriter::tsharkAgreesOnCorpusRewrite()
{
    if (tshark().isEmpty())
        QSKIP("tshark is not installed (scripts/install-deps.sh installs it)");
    const QString original =
        QStringLiteral(MDNSCOPE_SOURCE_DIR "/../shared/corpus/nfstream__mdns.pcap");
    if (!QFile::exists(original))
        QSKIP("../shared/corpus/nfstream__mdns.pcap is not there");
    const auto r = CaptureFileReader::readFile(original);
    QCOMPARE(r.packets.size(), 292);
    QTemporaryDir dir;
    const QString path = dir.filePath(u"rewritten.pcapng"_s);
    QVERIFY(PacketExporter::write(ExportFormat::Pcapng, path, r.packets).ok);

    // Everything tshark says about the datagrams must be the same in both files.
    const QStringList fields{u"frame.time_epoch"_s, u"ip.src"_s,       u"ipv6.src"_s,
                             u"ip.dst"_s,           u"ipv6.dst"_s,     u"udp.srcport"_s,
                             u"udp.dstport"_s,      u"ip.ttl"_s,       u"ipv6.hlim"_s,
                             u"udp.length"_s,       u"dns.qry.name"_s, u"dns.resp.name"_s,
                             u"dns.resp.ttl"_s,     u"dns.a"_s,        u"dns.aaaa"_s,
                             u"dns.srv.target"_s,   u"dns.txt"_s,      u"_ws.col.Info"_s};
    const QStringList before = tsharkFields(original, fields, {u"-Y"_s, u"mdns"_s});
    const QStringList after = tsharkFields(path, fields, {u"-Y"_s, u"mdns"_s});
    QCOMPARE(before.size(), 292);
    QCOMPARE(after.size(), 292);
    for (qsizetype i = 0; i < before.size(); ++i)
        QCOMPARE(after.at(i), before.at(i));
    // The original frames are kept (their checksums as they were: the same status as before).
    const QStringList frames{
        u"frame.len"_s,          u"eth.src"_s, u"eth.dst"_s, u"udp.checksum.status"_s,
        u"ip.checksum.status"_s, u"ip.id"_s};
    QCOMPARE(tsharkFields(path, frames, {u"-Y"_s, u"mdns"_s}),
             tsharkFields(original, frames, {u"-Y"_s, u"mdns"_s}));

    // Without their frames (as live packets), the headers are synthesized with valid checksums
    // and the same fields.
    QList<Packet> bare = r.packets;
    for (Packet &p : bare)
        p.frameKept = false;
    const QString synthesized = dir.filePath(u"synthesized.pcapng"_s);
    QVERIFY(PacketExporter::write(ExportFormat::Pcapng, synthesized, bare).ok);
    QCOMPARE(tsharkFields(synthesized, fields, {u"-Y"_s, u"mdns"_s}), before);
    const QStringList checks = tsharkFields(synthesized, {u"udp.checksum.status"_s},
                                            {u"-Y"_s, u"udp.checksum.status != 1"_s});
    QVERIFY2(checks.isEmpty(), qPrintable(checks.join(u'\n')));
}

namespace {

// A file of frames of several link types and VLAN tags, Ethernet padding, a radiotap FCS, and
// a datagram in two IPv4 fragments; returns the frames of the single-frame packets.
QByteArray framesFile(QList<QByteArray> *frames = nullptr)
{
    using namespace FrameBuilder;
    const quint32 source = 0xC0A80102, group = 0xE00000FB;
    QList<QByteArray> f;
    f << ethernet(0x0800, udp4(source, group, 5353, 5353, 255, query("tagged.local")), {0x8100});
    f << ethernet(0x0800, udp4(source, group, 5353, 5353, 255, query("a.local")) +
                              QByteArray(6, '\0')); // padded to 60 bytes
    f << ethernet(0x86DD,
                  udp6(ipv6("fe80::2"), ipv6("ff02::fb"), 5353, 5353, 255, query("qinq.local")),
                  {0x88A8, 0x8100});
    f << sll(0x0800, udp4(source, group, 5353, 5353, 64, query("sll.local")));
    f << radiotap(
        ieee80211(0x0800, udp4(source, group, 5353, 5353, 255, query("wifi.local")), true));
    PcapngBuilder b;
    b.interface(1, "eth0").interface(113, "any").interface(127, "wlan0mon").interface(1, "eth1");
    b.enhanced(0, 1, f[0]).enhanced(0, 2, f[1]).enhanced(3, 3, f[2]);
    b.enhanced(1, 4, f[3]).enhanced(2, 5, f[4]);
    DnsWireBuilder big;
    big.header(0, 0x8400, 0, 1, 0, 0)
        .record("big.local", 16, 1, 120,
                QByteArray(1, char(255)) + QByteArray(255, 't') + QByteArray(1, char(255)) +
                    QByteArray(255, 'u'));
    const QByteArray datagram = udpDatagram(5353, 5353, big.bytes());
    const auto pieces = cut(datagram, 256);
    for (qsizetype i = 0; i < pieces.size(); ++i)
        b.enhanced(3, quint64(6 + i),
                   ethernet(0x0800,
                            ipv4Fragment(source, group, 77, pieces[i].first, i + 1 < pieces.size(),
                                         pieces[i].second),
                            {0x8100}));
    if (frames)
        *frames = f;
    return b.bytes();
}

// The link type of each interface and the frame of each enhanced packet block in a pcapng
// file written in this host's byte order.
struct Blocks
{
    QList<quint16> linkTypes;
    QList<quint32> interfaces;
    QList<QByteArray> frames;
    QList<quint32> originalLengths;
};

Blocks blocksOf(const QByteArray &file)
{
    // Host-order fields read through at(), which checks its index (and keeps GCC's bounds
    // analysis from seeing a read past QByteArray's shared empty buffer).
    const auto field = [&file](qsizetype at, auto value) {
        char bytes[sizeof value] = {};
        for (qsizetype i = 0; i < qsizetype(sizeof value) && at + i < file.size(); ++i)
            bytes[i] = file.at(at + i);
        std::memcpy(&value, bytes, sizeof value);
        return value;
    };
    Blocks b;
    for (qsizetype at = 0; at + 12 <= file.size();) {
        const quint32 type = field(at, quint32());
        const quint32 length = field(at + 4, quint32());
        if (length < 12)
            break;
        if (type == 1) {
            b.linkTypes << field(at + 8, quint16());
        } else if (type == 6) {
            const quint32 captured = field(at + 20, quint32());
            b.interfaces << field(at + 8, quint32());
            b.frames << file.mid(at + 28, captured);
            b.originalLengths << field(at + 24, quint32());
        }
        at += length;
    }
    return b;
}

} // namespace

void TestPcapngWriter::originalFramesKept()
{
    QList<QByteArray> frames;
    const auto read = CaptureFileReader::readBytes(framesFile(&frames));
    QVERIFY(!read.error);
    QCOMPARE(read.packets.size(), 6);
    const QByteArray written = PcapngWriter::toBytes(read.packets);
    const Blocks blocks = blocksOf(written);
    QCOMPARE(blocks.frames.size(), 6);
    for (qsizetype i = 0; i < frames.size(); ++i) {
        QCOMPARE(blocks.frames.at(i), frames.at(i));
        QCOMPARE(blocks.originalLengths.at(i), quint32(frames.at(i).size()));
    }
    // One interface block per (interface, link type): eth0, eth1, any, wlan0mon.
    QCOMPARE(blocks.linkTypes, (QList<quint16>{1, 1, 113, 127}));
    QCOMPARE(blocks.interfaces, (QList<quint32>{0, 0, 1, 2, 3, 1}));

    // The reassembled datagram: the completing frame's Ethernet header and VLAN tag, then IP and
    // UDP headers written anew around the whole datagram.
    const QByteArray &whole = blocks.frames.last();
    QCOMPARE(whole.left(18), frames.first().left(18)); // MACs, tag, EtherType
    QCOMPARE(whole.mid(18 + 28), read.packets.last().data);
    QCOMPARE(quint8(whole.at(18)), quint8(0x45));
    QCOMPARE(quint16(qFromBigEndian<quint16>(whole.constData() + 18 + 6)), quint16(0)); // no MF

    // Read back, every packet is the same again, its frame too.
    const auto again = CaptureFileReader::readBytes(written);
    QCOMPARE(again.packets.size(), read.packets.size());
    for (qsizetype i = 0; i < again.packets.size(); ++i) {
        const Packet &a = read.packets.at(i);
        const Packet &b = again.packets.at(i);
        QCOMPARE(b.data, a.data);
        QCOMPARE(b.source, a.source);
        QCOMPARE(b.macsKnown, a.macsKnown);
        QCOMPARE(b.sourceMac, a.sourceMac);
        QCOMPARE(b.linkType, a.linkType);
        QVERIFY(b.frameKept);
    }
    QCOMPARE(PcapngWriter::toBytes(again.packets), written); // a second round trip: the same
}

void TestPcapngWriter::originalFramesKeptTshark()
{
    if (tshark().isEmpty())
        QSKIP("tshark is not installed (scripts/install-deps.sh installs it)");
    QTemporaryDir dir;
    const QString original = dir.filePath(u"original.pcapng"_s);
    const QString exported = dir.filePath(u"exported.pcapng"_s);
    const QByteArray bytes = framesFile();
    QFile f(original);
    QVERIFY(f.open(QIODevice::WriteOnly) && f.write(bytes) == bytes.size());
    f.close();
    const auto read = CaptureFileReader::readBytes(bytes);
    QFile out(exported);
    QVERIFY(out.open(QIODevice::WriteOnly));
    out.write(PcapngWriter::toBytes(read.packets));
    out.close();
    const QStringList fields{u"eth.src"_s,       u"eth.dst"_s, u"vlan.id"_s,  u"sll.src.eth"_s,
                             u"wlan.sa"_s,       u"ip.src"_s,  u"ipv6.src"_s, u"dns.qry.name"_s,
                             u"dns.resp.name"_s, u"dns.txt"_s};
    QStringList before = tsharkFields(original, fields, {u"-Y"_s, u"mdns"_s});
    const QStringList after = tsharkFields(exported, fields, {u"-Y"_s, u"mdns"_s});
    QCOMPARE(before.size(), 6);
    QCOMPARE(after, before);
    QVERIFY(before.first().contains(u"02:00:00:00:00:01|01:00:5e:00:00:fb|42|"_s));
    QVERIFY(before.last().contains(u"|42|"_s)); // the reassembled one keeps its VLAN tag
}

void TestPcapngWriter::commentsKept()
{
    using namespace FrameBuilder;
    const QByteArray frame =
        ethernet(0x0800, udp4(0xC0A80102, 0xE00000FB, 5353, 5353, 255, query("c.local")));
    PcapngBuilder b(false);
    b.bytes().clear();
    b.section(false, {{2, "x86_64 box"},
                      {3, "Linux 6.1"},
                      {4, "dumpcap (Wireshark) 4.0"},
                      {1, "a section comment"}});
    b.interface(1, "eth0");
    b.enhancedWithComments(0, 1, frame,
                           {"first comment", QByteArray("zweiter Kommentar \xc3\xa4")});
    b.enhanced(0, 2, frame);
    b.section(false);
    b.interface(1, "eth0");
    b.enhancedWithComments(0, 3, frame, {"in section two"});
    const auto read = CaptureFileReader::readBytes(b.bytes());
    QVERIFY(!read.error);
    QCOMPARE(read.packets.size(), 3);
    QCOMPARE(read.packets[0].comments, (QStringList{u"first comment"_s, u"zweiter Kommentar ä"_s}));
    QVERIFY(read.packets[1].comments.isEmpty());
    QCOMPARE(read.packets[2].comments, QStringList{u"in section two"_s});
    QCOMPARE(read.sections.size(), 2);
    const CaptureSection *first = read.sectionOf(2);
    QVERIFY(first);
    QCOMPARE(first->hardware, u"x86_64 box"_s);
    QCOMPARE(first->os, u"Linux 6.1"_s);
    QCOMPARE(first->application, u"dumpcap (Wireshark) 4.0"_s);
    QCOMPARE(first->comments, QStringList{u"a section comment"_s});
    QVERIFY(read.sectionOf(3) && read.sectionOf(3)->isEmpty());

    // Written, the comments stay on their packets and the section names mdnscope.
    const QByteArray written = PcapngWriter::toBytes(read.packets);
    const auto again = CaptureFileReader::readBytes(written);
    QCOMPARE(again.packets.size(), 3);
    for (qsizetype i = 0; i < 3; ++i)
        QCOMPARE(again.packets[i].comments, read.packets[i].comments);
    QCOMPARE(again.sections.size(), 1);
    QCOMPARE(again.sections.first().application, u"mdnscope " MDNSCOPE_VERSION ""_s);

    if (tshark().isEmpty())
        QSKIP("tshark is not installed (scripts/install-deps.sh installs it)");
    QTemporaryDir dir;
    const QString path = dir.filePath(u"c.pcapng"_s);
    QFile f(path);
    QVERIFY(f.open(QIODevice::WriteOnly) && f.write(written) == written.size());
    f.close();
    const QStringList comments = tsharkFields(path, {u"frame.comment"_s});
    QCOMPARE(comments,
             (QStringList{u"first comment,zweiter Kommentar ä"_s, QString(), u"in section two"_s}));
}

// The checksums are summed eight bytes at a time: every length (odd ones, tails of 1-7 bytes,
// all 0xFF bytes that carry into every fold) must give what the byte-wise reference gives,
// for both families, and the block must be padded and closed as before.
void TestPcapngWriter::checksumsOfEveryLength()
{
    for (const bool v6 : {false, true}) {
        for (int length = 0; length <= 80; ++length) {
            for (const char fill : {'\xFF', '\x5A'}) {
                QByteArray data(length, fill);
                for (int i = 0; fill != '\xFF' && i < length; ++i)
                    data[i] = char(i * 37 + length);
                Packet p =
                    v6 ? packet(u"fe80::1:ff"_s, u"ff02::fb"_s, 255, u"eth0"_s, 7, data)
                       : packet(u"169.254.255.255"_s, u"224.0.0.251"_s, 1, u"eth0"_s, 7, data);
                p.originalLength = quint32(length);
                const QByteArray file = PcapngWriter::toBytes({p});
                const auto *d = reinterpret_cast<const uchar *>(file.constData());
                const auto u32 = [&](qsizetype at) {
                    quint32 v;
                    std::memcpy(&v, d + at, 4);
                    return v;
                };
                const qsizetype epb = qsizetype(u32(4)) + qsizetype(u32(u32(4) + 4));
                QCOMPARE(u32(epb), 6u);
                const quint32 block = u32(epb + 4);
                QCOMPARE(qsizetype(epb + block), file.size());
                QCOMPARE(block % 4, 0u);
                QCOMPARE(u32(epb + block - 4), block);
                const uchar *ip = d + epb + 28;
                const qsizetype ipHeader = v6 ? 40 : 20;
                QCOMPARE(u32(epb + 20), quint32(ipHeader + 8 + length));
                for (qsizetype pad = epb + 28 + ipHeader + 8 + length; pad < epb + block - 4; ++pad)
                    QCOMPARE(int(d[pad]), 0);
                quint32 pseudo = 17 + 8 + quint32(length);
                if (v6) {
                    pseudo = 0xFFFF - checksum(ip + 8, 32, pseudo);
                } else {
                    QCOMPARE(checksum(ip, 20), 0);
                    pseudo = 0xFFFF - checksum(ip + 12, 8, pseudo);
                }
                const uchar *udp = ip + ipHeader;
                QVERIFY(qFromBigEndian<quint16>(udp + 6) != 0);
                QCOMPARE(checksum(udp, 8 + length, pseudo), 0);
            }
        }
    }
}

QTEST_GUILESS_MAIN(TestPcapngWriter)
#include "tst_pcapngwriter.moc"

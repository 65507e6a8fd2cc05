#include "CaptureFileReader.h"
#include "DnsWireBuilder.h"
#include "PacketExporter.h"
#include "PacketStreamWriter.h"
#include "PcapngWriter.h"

#include <QProcess>
#include <QStandardPaths>
#include <QTemporaryDir>
#include <QTest>
#include <QtEndian>

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
    const QStringList checks =
        tsharkFields(path, {u"udp.checksum.status"_s}, {u"-Y"_s, u"udp.checksum.status != 1"_s});
    QVERIFY2(checks.isEmpty(), qPrintable(checks.join(u'\n')));
}

QTEST_GUILESS_MAIN(TestPcapngWriter)
#include "tst_pcapngwriter.moc"

#include "CaptureFileBuilder.h"
#include "CaptureFileReader.h"
#include "CliRun.h"
#include "DnsDecoder.h"
#include "ExportText.h"
#include "MdnsBuilder.h"

#include <QDir>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QProcess>
#include <QStandardPaths>
#include <QTemporaryDir>
#include <QTest>

using namespace Qt::StringLiterals;

// `mdnscope --read`, run as the real executable: outputs, exit codes, error lines, and
// the JSON compared field by field with tshark's decoding of the same corpus files.
namespace {

QString corpus(const QString &name)
{
    return QStringLiteral(MDNSCOPE_SOURCE_DIR "/../shared/corpus/") + name;
}

using Run = CliRun::Result;

Run mdnscope(const QStringList &args)
{
    return CliRun::run(args);
}

QList<QByteArray> lines(const QByteArray &text)
{
    QList<QByteArray> l = text.split('\n');
    if (!l.isEmpty() && l.last().isEmpty())
        l.removeLast();
    return l;
}

QByteArray readAll(const QString &path)
{
    QFile f(path);
    return f.open(QIODevice::ReadOnly) ? f.readAll() : QByteArray();
}

QString tshark()
{
    return QStandardPaths::findExecutable(u"tshark"_s);
}

// Type name -> code, from the decoder's own names (JSON carries names for NSEC types).
const QHash<QString, int> &typeCodes()
{
    static const QHash<QString, int> codes = [] {
        QHash<QString, int> h;
        for (int t = 0; t < 65536; ++t)
            h.insert(DnsDecoder::typeName(quint16(t)), t);
        return h;
    }();
    return codes;
}

constexpr char16_t kSeparator = u'\x1f';
constexpr char16_t kAggregator = u'\x1e';

// tshark -T fields for the UDP port 5353 packets of a file: one list of values (each
// split at the aggregator) per packet.
QList<QList<QStringList>> tsharkFields(const QString &file, const QStringList &fields)
{
    QStringList args{u"-r"_s, file,
                     u"-Y"_s, u"udp.port==5353"_s,
                     u"-T"_s, u"fields"_s,
                     u"-E"_s, u"separator="_s + QChar(kSeparator),
                     u"-E"_s, u"aggregator="_s + QChar(kAggregator)};
    for (const QString &f : fields)
        args << u"-e"_s << f;
    QProcess p;
    p.start(tshark(), args);
    QList<QList<QStringList>> packets;
    if (!p.waitForFinished(120000) || p.exitCode() != 0)
        return packets;
    for (const QByteArray &line : lines(p.readAllStandardOutput())) {
        QList<QStringList> values;
        for (const QByteArray &field : line.split(char(kSeparator))) {
            QStringList v = QString::fromUtf8(field).split(QChar(kAggregator));
            if (v == QStringList{QString()})
                v.clear();
            values << v;
        }
        packets << values;
    }
    return packets;
}

} // namespace

class TestCliRead : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void initTestCase();
    void jsonToStdout();
    void summaryLines();
    void summaryLinesScopeLinkLocal();
    void allOutputs();
    void csvToStdout();
    void statsJsonFrames();
    void corruptTailStillWritten();
    void unreadableFile_data();
    void unreadableFile();
    void unwritableOutput();
    void twoOutputsOnStdout();
    void jsonAgreesWithTshark_data();
    void jsonAgreesWithTshark();
    void fragmentsFramesAndComments();

private:
    QTemporaryDir m_dir;
};

void TestCliRead::initTestCase()
{
    QVERIFY(m_dir.isValid());
    QVERIFY(QFile::exists(QStringLiteral(MDNSCOPE_BINARY)));
}

void TestCliRead::jsonToStdout()
{
    if (!QFile::exists(corpus(u"nfstream__mdns.pcap"_s)))
        QSKIP("../shared/corpus is not there");
    const Run r = mdnscope({u"--read"_s, corpus(u"nfstream__mdns.pcap"_s), u"--json"_s, u"-"_s});
    QCOMPARE(r.exitCode, 0);
    const auto objects = lines(r.out);
    QCOMPARE(objects.size(), 292);
    for (qsizetype i = 0; i < objects.size(); ++i) {
        QJsonParseError error;
        const QJsonObject o = QJsonDocument::fromJson(objects[i], &error).object();
        QVERIFY2(error.error == QJsonParseError::NoError, qPrintable(error.errorString()));
        QCOMPARE(o[u"index"_s].toInteger(), i + 1); // every record is mDNS: frames 1, 2, ...
        QVERIFY(o[u"malformed"_s].isNull());
    }
    QVERIFY2(r.err.contains("292 mDNS packets (0 malformed) in 292 frames"), r.err.constData());
    QCOMPARE(lines(r.err).size(), 1);
}

void TestCliRead::summaryLines()
{
    if (!QFile::exists(corpus(u"packetgen__mdns.pcapng"_s)))
        QSKIP("../shared/corpus is not there");
    const Run r = mdnscope({u"--read"_s, corpus(u"packetgen__mdns.pcapng"_s)});
    QCOMPARE(r.exitCode, 0);
    const auto out = lines(r.out);
    QCOMPARE(out.size(), 2);
    // Numbered as tshark numbers the frames (tshark -Y mdns -e frame.number: 1, 2).
    QVERIFY(out[0].startsWith("1  2018-06-30T10:26:32.000000000Z  192.168.0.96:5353 -> "
                              "224.0.0.251:5353  "));
    // A probe (RFC 6762 §8.1: its proposed records in the authority section), then the
    // announcement that follows it.
    QVERIFY2(out[0].contains("Probe: Host-002.local ANY (QU)"), out[0].constData());
    QVERIFY(out[1].startsWith("2  "));
    QVERIFY2(out[1].contains("Announcement: Host-002.local A 192.168.0.96"), out[1].constData());
    QVERIFY(r.err.contains("2 mDNS packets"));

    // IPv6 endpoints in brackets
    const Run v6 = mdnscope({u"--read"_s, corpus(u"zeek__dns__mdns-no-assoc.pcap"_s)});
    QCOMPARE(v6.exitCode, 0);
    QVERIFY2(v6.out.contains("]:5353 -> [ff02::fb]:5353"), v6.out.constData());
}

// A link-local address in a line has its scope, the interface the pcapng names (if_name);
// the JSON keeps the plain address, with the interface in a key of its own (as tshark).
void TestCliRead::summaryLinesScopeLinkLocal()
{
    const QByteArray dns = MdnsBuilder::query(u"box.local"_s, 28);
    PcapngBuilder file;
    file.interface(1, "veth0"); // Ethernet
    file.interface(1);          // no name
    const QByteArray v6 = FrameBuilder::ethernet(
        0x86DD, FrameBuilder::udp6(FrameBuilder::ipv6("fe80::1"), FrameBuilder::ipv6("ff02::fb"),
                                   5353, 5353, 255, dns));
    const QByteArray global = FrameBuilder::ethernet(
        0x86DD, FrameBuilder::udp6(FrameBuilder::ipv6("2001:db8::1"),
                                   FrameBuilder::ipv6("ff02::fb"), 5353, 5353, 255, dns));
    const QByteArray v4 = FrameBuilder::ethernet(
        0x0800, FrameBuilder::udp4(0xA9FE0003, 0xE00000FB, 5353, 5353, 255, dns));
    file.enhanced(0, 1'000'000, v6).enhanced(1, 2'000'000, v6);
    file.enhanced(0, 3'000'000, global).enhanced(0, 4'000'000, v4);
    const QString path = m_dir.filePath(u"scope.pcapng"_s);
    QFile out(path);
    QVERIFY(out.open(QIODevice::WriteOnly) && out.write(file.bytes()) == file.size());
    out.close();

    const Run r = mdnscope({u"--read"_s, path});
    QCOMPARE(r.exitCode, 0);
    const auto text = lines(r.out);
    QCOMPARE(text.size(), 4);
    QVERIFY2(text[0].contains("  [fe80::1%veth0]:5353 -> [ff02::fb%veth0]:5353  "),
             text[0].constData());
    QVERIFY2(text[1].contains("  [fe80::1]:5353 -> [ff02::fb]:5353  "), text[1].constData());
    QVERIFY2(text[2].contains("  [2001:db8::1]:5353 -> [ff02::fb%veth0]:5353  "),
             text[2].constData());
    QVERIFY2(text[3].contains("  169.254.0.3:5353 -> 224.0.0.251:5353  "), text[3].constData());

    const Run json = mdnscope({u"--read"_s, path, u"--json"_s, u"-"_s});
    QCOMPARE(json.exitCode, 0);
    const QJsonObject first = QJsonDocument::fromJson(lines(json.out).value(0)).object();
    QCOMPARE(first[u"source"_s].toString(), u"fe80::1"_s);
    QCOMPARE(first[u"interface"_s].toString(), u"veth0"_s);
}

void TestCliRead::allOutputs()
{
    if (!QFile::exists(corpus(u"nfstream__mdns.pcap"_s)))
        QSKIP("../shared/corpus is not there");
    const QString pcapng = m_dir.filePath(u"all.pcapng"_s);
    const QString json = m_dir.filePath(u"all.jsonl"_s);
    const QString csv = m_dir.filePath(u"all.csv"_s);
    const Run r = mdnscope({u"--read"_s, corpus(u"nfstream__mdns.pcap"_s), u"--write"_s, pcapng,
                            u"--json"_s, json, u"--csv"_s, csv});
    QCOMPARE(r.exitCode, 0);
    QVERIFY(r.out.isEmpty());
    const auto back = CaptureFileReader::readFile(pcapng);
    QVERIFY(!back.error);
    QCOMPARE(back.packets.size(), 292);
    QCOMPARE(lines(readAll(json)).size(), 292);
    QCOMPARE(readAll(csv).count("\r\n"), 293);

    // the rewritten pcapng decodes to the same JSON (the interface name aside: null both)
    const Run again = mdnscope({u"--read"_s, pcapng, u"--json"_s, u"-"_s});
    QCOMPARE(again.exitCode, 0);
    QCOMPARE(again.out, readAll(json));
}

void TestCliRead::csvToStdout()
{
    if (!QFile::exists(corpus(u"zeek__dns__mdns.pcap"_s)))
        QSKIP("../shared/corpus is not there");
    const Run r = mdnscope({u"--read"_s, corpus(u"zeek__dns__mdns.pcap"_s), u"--csv"_s, u"-"_s});
    QCOMPARE(r.exitCode, 0);
    QCOMPARE(r.out.count("\r\n"), 19);
    QVERIFY(r.out.startsWith("index,time,source,"));
    QVERIFY2(r.err.contains("18 mDNS packets (0 malformed) in 24 frames; skipped: 6 not UDP "
                            "port 5353"),
             r.err.constData());
}

// --stats-json counts the file's packet records as `frames` (stderr's word), and keeps the
// same count under its earlier key `records`.
void TestCliRead::statsJsonFrames()
{
    if (!QFile::exists(corpus(u"zeek__dns__mdns.pcap"_s)))
        QSKIP("../shared/corpus is not there");
    const QString csv = m_dir.filePath(u"frames.csv"_s);
    const Run r = mdnscope({u"--read"_s, corpus(u"zeek__dns__mdns.pcap"_s), u"--csv"_s, csv,
                            u"--stats-json"_s, u"-"_s});
    QCOMPARE(r.exitCode, 0);
    const QJsonObject o = QJsonDocument::fromJson(r.out).object();
    QCOMPARE(o[u"frames"_s].toInteger(), 24);
    QCOMPARE(o[u"records"_s].toInteger(), 24);
    QCOMPARE(o[u"packets"_s].toInteger(), 18);
    QVERIFY2(r.err.contains("18 mDNS packets (0 malformed) in 24 frames"), r.err.constData());
}

void TestCliRead::corruptTailStillWritten()
{
    QFile f(corpus(u"nfstream__mdns.pcap"_s));
    if (!f.open(QIODevice::ReadOnly))
        QSKIP("../shared/corpus is not there");
    const QByteArray whole = f.readAll();
    const QString cut = m_dir.filePath(u"cut.pcap"_s);
    QFile out(cut);
    QVERIFY(out.open(QIODevice::WriteOnly));
    out.write(whole.left(whole.size() / 2));
    out.close();
    const auto expected = CaptureFileReader::readFile(cut);
    QVERIFY(expected.error);
    QVERIFY(expected.packets.size() > 100);

    const QString json = m_dir.filePath(u"cut.jsonl"_s);
    const Run r = mdnscope({u"--read"_s, cut, u"--json"_s, json});
    QCOMPARE(r.exitCode, 1);
    QCOMPARE(lines(readAll(json)).size(), expected.packets.size());
    const auto err = lines(r.err);
    QCOMPARE(err.size(), 2); // the counts, then the fault
    const QString fault = QString::fromUtf8(err.last());
    QVERIFY2(fault.contains(cut), qPrintable(fault));
    QVERIFY2(fault.contains(u"offset "_s + QString::number(expected.error->offset)),
             qPrintable(fault));
    QVERIFY2(fault.contains(expected.error->reason), qPrintable(fault));
}

void TestCliRead::unreadableFile_data()
{
    QTest::addColumn<QString>("file");
    QTest::addColumn<QByteArray>("content"); // written first when not empty
    QTest::addColumn<QString>("expect");
    QTest::newRow("missing") << u"missing.pcap"_s << QByteArray() << u"cannot read"_s;
    QTest::newRow("wrong magic") << u"text.pcap"_s << QByteArray("hello, world\n") << u"offset 0"_s;
    QTest::newRow("directory") << u"."_s << QByteArray() << u"cannot read"_s;
}

void TestCliRead::unreadableFile()
{
    QFETCH(QString, file);
    QFETCH(QByteArray, content);
    QFETCH(QString, expect);
    const QString path = m_dir.filePath(file);
    if (!content.isEmpty()) {
        QFile f(path);
        QVERIFY(f.open(QIODevice::WriteOnly));
        f.write(content);
    }
    const QString json = m_dir.filePath(u"never.jsonl"_s);
    const Run r = mdnscope({u"--read"_s, path, u"--json"_s, json});
    QCOMPARE(r.exitCode, 1);
    const QString err = QString::fromUtf8(r.err);
    QVERIFY2(err.contains(path) && err.contains(expect), qPrintable(err));
    QVERIFY(r.out.isEmpty());
    // not a capture file at all: no output is written
    QVERIFY(!QFile::exists(json));
    if (expect == u"cannot read"_s)
        QCOMPARE(lines(r.err).size(), 1);
}

void TestCliRead::unwritableOutput()
{
    if (!QFile::exists(corpus(u"packetgen__mdns.pcapng"_s)))
        QSKIP("../shared/corpus is not there");
    const QString bad = m_dir.filePath(u"no/such/dir/out.csv"_s);
    const QString good = m_dir.filePath(u"fine.jsonl"_s);
    const Run r = mdnscope(
        {u"--read"_s, corpus(u"packetgen__mdns.pcapng"_s), u"--csv"_s, bad, u"--json"_s, good});
    QCOMPARE(r.exitCode, 1);
    QVERIFY2(r.err.contains(QString(u"cannot write "_s + bad).toUtf8()), r.err.constData());
    QCOMPARE(lines(readAll(good)).size(), 2); // the other output is still written
}

void TestCliRead::twoOutputsOnStdout()
{
    const Run r = mdnscope({u"--read"_s, corpus(u"packetgen__mdns.pcapng"_s), u"--write"_s, u"-"_s,
                            u"--json"_s, u"-"_s});
    QCOMPARE(r.exitCode, 2);
    QVERIFY(r.out.isEmpty());
    QCOMPARE(lines(r.err).size(), 1);
}

void TestCliRead::jsonAgreesWithTshark_data()
{
    QTest::addColumn<QString>("file");
    for (const char *f :
         {"nfstream__mdns.pcap", "zeek__dns__mdns.pcap", "zeek__dns__mdns-no-assoc.pcap",
          "packetgen__mdns.pcapng", "suricata-verify__smb-length-5770.pcap", "zeek__wlanmon.pcap",
          "zeek__radiotap.pcap"})
        QTest::newRow(f) << QString::fromLatin1(f);
}

void TestCliRead::jsonAgreesWithTshark()
{
    QFETCH(QString, file);
    if (tshark().isEmpty())
        QSKIP("tshark is not installed (scripts/install-deps.sh installs it)");
    if (!QFile::exists(corpus(file)))
        QSKIP("../shared/corpus is not there");
    const Run r = mdnscope({u"--read"_s, corpus(file), u"--json"_s, u"-"_s});
    QCOMPARE(r.exitCode, 0);
    const auto objects = lines(r.out);

    enum Field {
        Time,
        Ip4Src,
        Ip6Src,
        Ip4Dst,
        Ip6Dst,
        SrcPort,
        DstPort,
        Ip4Ttl,
        Ip6Hlim,
        Id,
        Response,
        QName,
        QType,
        QU,
        RName,
        RType,
        RTtl,
        RFlush,
        A,
        Aaaa,
        Ptr,
        SrvTarget,
        SrvPort,
        SrvPriority,
        SrvWeight,
        SrvService,
        SrvProto,
        SrvName,
        FieldCount
    };
    const auto t = tsharkFields(corpus(file), {u"frame.time_epoch"_s,
                                               u"ip.src"_s,
                                               u"ipv6.src"_s,
                                               u"ip.dst"_s,
                                               u"ipv6.dst"_s,
                                               u"udp.srcport"_s,
                                               u"udp.dstport"_s,
                                               u"ip.ttl"_s,
                                               u"ipv6.hlim"_s,
                                               u"dns.id"_s,
                                               u"dns.flags.response"_s,
                                               u"dns.qry.name"_s,
                                               u"dns.qry.type"_s,
                                               u"dns.qry.qu"_s,
                                               u"dns.resp.name"_s,
                                               u"dns.resp.type"_s,
                                               u"dns.resp.ttl"_s,
                                               u"dns.resp.cache_flush"_s,
                                               u"dns.a"_s,
                                               u"dns.aaaa"_s,
                                               u"dns.ptr.domain_name"_s,
                                               u"dns.srv.target"_s,
                                               u"dns.srv.port"_s,
                                               u"dns.srv.priority"_s,
                                               u"dns.srv.weight"_s,
                                               u"dns.srv.service"_s,
                                               u"dns.srv.proto"_s,
                                               u"dns.srv.name"_s});
    QCOMPARE(t.size(), objects.size());
    QVERIFY(!objects.isEmpty());

    auto number = [](const QJsonValue &v) { return QString::number(v.toInteger()); };
    auto flag = [](const QJsonValue &v) { return v.toBool() ? u"1"_s : u"0"_s; };
    // JSON writes the root name "." (a label "." reads "\\."), tshark "<Root>".
    auto name = [](const QJsonValue &v) {
        const QString text = v.toString();
        return text == u"."_s ? u"<Root>"_s : text;
    };
    for (qsizetype i = 0; i < objects.size(); ++i) {
        const QJsonObject o = QJsonDocument::fromJson(objects[i]).object();
        const QList<QStringList> &f = t[i];
        QCOMPARE(f.size(), int(FieldCount));
        const QString where = file + u" packet "_s + QString::number(i);
        auto same = [&](const QStringList &ours, Field field) {
            if (ours == f[field])
                return true;
            qWarning().noquote() << where << "field" << field << "ours" << ours << "tshark"
                                 << f[field];
            return false;
        };
        const QStringList epoch = f[Time].value(0).split(u'.');
        const qint64 ns =
            epoch.value(0).toLongLong() * 1'000'000'000LL + epoch.value(1).toLongLong();
        QCOMPARE(o[u"time"_s].toString(), ExportText::time(ns));
        const bool v6 = !f[Ip6Src].isEmpty();
        QVERIFY(same({o[u"source"_s].toString()}, v6 ? Ip6Src : Ip4Src));
        QVERIFY(same({o[u"destination"_s].toString()}, v6 ? Ip6Dst : Ip4Dst));
        QVERIFY(same({number(o[u"source_port"_s])}, SrcPort));
        QVERIFY(same({number(o[u"destination_port"_s])}, DstPort));
        QVERIFY(same({number(o[u"ttl"_s])}, v6 ? Ip6Hlim : Ip4Ttl));
        QVERIFY(same({u"0x%1"_s.arg(o[u"id"_s].toInt(), 4, 16, QChar(u'0'))}, Id));
        QVERIFY(same({number(o[u"flags"_s].toObject()[u"qr"_s])}, Response));

        QStringList qName, qType, qu;
        for (const QJsonValue &q : o[u"questions"_s].toArray()) {
            qName << name(q[u"name"_s]);
            qType << number(q[u"type_code"_s]);
            qu << flag(q[u"unicast_response"_s]);
        }
        QVERIFY(same(qName, QName));
        QVERIFY(same(qType, QType));
        QVERIFY(same(qu, QU));

        // tshark's field lists differ from the record list in two ways: an SRV record's
        // name is split into dns.srv.service / proto / name (not in dns.resp.name), and
        // an NSEC record's bitmap adds each listed type to dns.resp.type after its own, and
        // an OPT record has no TTL (its TTL field holds extended rcode, version, flags).
        QStringList rName, rType, rTtl, rFlush, a, aaaa, ptr, srvTarget, srvPort, srvPriority,
            srvWeight, srvNames;
        for (const char *section : {"answers", "authorities", "additionals"}) {
            for (const QJsonValue &rec : o[QLatin1StringView(section)].toArray()) {
                const int type = rec[u"type_code"_s].toInt();
                if (type == 33)
                    srvNames << name(rec[u"name"_s]);
                else
                    rName << name(rec[u"name"_s]);
                rType << QString::number(type);
                if (type != 41)
                    rTtl << number(rec[u"ttl"_s]);
                rFlush << flag(rec[u"cache_flush"_s]);
                const QJsonObject d = rec[u"data"_s].toObject();
                if (type == 1)
                    a << d[u"address"_s].toString();
                else if (type == 28)
                    aaaa << d[u"address"_s].toString();
                else if (type == 12)
                    ptr << name(d[u"target"_s]);
                else if (type == 47) {
                    for (const QJsonValue &listed : d[u"types"_s].toArray())
                        rType << QString::number(typeCodes().value(listed.toString(), -1));
                } else if (type == 33) {
                    srvTarget << name(d[u"target"_s]);
                    srvPort << number(d[u"port"_s]);
                    srvPriority << number(d[u"priority"_s]);
                    srvWeight << number(d[u"weight"_s]);
                }
            }
        }
        QStringList tsharkSrvNames;
        for (qsizetype k = 0; k < f[SrvService].size(); ++k)
            tsharkSrvNames << f[SrvService][k] + u'.' + f[SrvProto].value(k) + u'.' +
                                  f[SrvName].value(k);
        QCOMPARE(srvNames, tsharkSrvNames);
        QVERIFY(same(rName, RName));
        QVERIFY(same(rType, RType));
        QVERIFY(same(rTtl, RTtl));
        QVERIFY(same(rFlush, RFlush));
        QVERIFY(same(a, A));
        QVERIFY(same(aaaa, Aaaa));
        QVERIFY(same(ptr, Ptr));
        QVERIFY(same(srvTarget, SrvTarget));
        QVERIFY(same(srvPort, SrvPort));
        QVERIFY(same(srvPriority, SrvPriority));
        QVERIFY(same(srvWeight, SrvWeight));
    }
}

void TestCliRead::fragmentsFramesAndComments()
{
    // A pcapng file with a datagram in three fragments (out of order, VLAN-tagged Ethernet), one
    // datagram missing a fragment and a packet with comments: --read reassembles the first and
    // reports the second, --json writes the comments, --write keeps the frames.
    using namespace FrameBuilder;
    QList<QByteArray> strings;
    for (int i = 0; i < 12; ++i)
        strings << QByteArray(250, char('a' + i));
    const QByteArray payload =
        MdnsBuilder::response({MdnsBuilder::txt(u"big._ipp._tcp.local"_s, strings)});
    const QByteArray datagram = udpDatagram(5353, 5353, payload);
    const auto pieces = cut(datagram, 1480);
    QCOMPARE(pieces.size(), 3);
    const quint32 source = 0xC0A80102, group = 0xE00000FB;
    const auto frame = [&](quint16 id, int i) {
        return ethernet(0x0800,
                        ipv4Fragment(source, group, id, pieces[i].first, i < 2, pieces[i].second),
                        {0x8100});
    };
    PcapngBuilder b;
    b.interface(1, "eth0");
    b.enhanced(0, 1, frame(1, 2)).enhanced(0, 2, frame(1, 0)).enhanced(0, 3, frame(1, 1));
    b.enhanced(0, 4, frame(2, 0)).enhanced(0, 5, frame(2, 2)); // the middle one never comes
    b.enhancedWithComments(0, 6,
                           ethernet(0x0800, udp4(source, group, 5353, 5353, 255, payload.left(60))),
                           {"looked at this one"});
    QTemporaryDir dir;
    const QString in = dir.filePath(u"fragments.pcapng"_s);
    QFile f(in);
    QVERIFY(f.open(QIODevice::WriteOnly) && f.write(b.bytes()) == b.bytes().size());
    f.close();
    const QString stats = dir.filePath(u"stats.json"_s);
    const QString out = dir.filePath(u"out.pcapng"_s);
    const Run r = mdnscope(
        {u"--read"_s, in, u"--json"_s, u"-"_s, u"--stats-json"_s, stats, u"--write"_s, out});
    QCOMPARE(r.exitCode, 0);
    const QList<QByteArray> json = lines(r.out);
    QCOMPARE(json.size(), 2);
    const QJsonObject first = QJsonDocument::fromJson(json[0]).object();
    QCOMPARE(first.value(u"index"_s).toInt(), 3); // at the frame that completed it
    QCOMPARE(first.value(u"length"_s).toInt(), payload.size());
    QVERIFY(!first.contains(u"comments"_s));
    const QJsonObject second = QJsonDocument::fromJson(json[1]).object();
    QCOMPARE(second.value(u"comments"_s).toArray(), QJsonArray{u"looked at this one"_s});
    QVERIFY(r.err.contains("fragments.pcapng: 5 IP fragments reassembled into 1 datagrams (1 mDNS "
                           "packets); 1 incomplete datagrams dropped"));
    QFile s(stats);
    QVERIFY(s.open(QIODevice::ReadOnly));
    const QJsonObject o = QJsonDocument::fromJson(s.readAll()).object();
    QCOMPARE(o.value(u"records"_s).toInt(), 6);
    QCOMPARE(o.value(u"packets"_s).toInt(), 2);
    QCOMPARE(o.value(u"fragments"_s).toInt(), 5);
    QCOMPARE(o.value(u"fragments_reassembled"_s).toInt(), 3);
    QCOMPARE(o.value(u"reassembled_datagrams"_s).toInt(), 1);
    QCOMPARE(o.value(u"reassembled_packets"_s).toInt(), 1);
    QCOMPARE(o.value(u"incomplete_datagrams"_s).toInt(), 1);
    QCOMPARE(o.value(u"skipped_fragments"_s).toInt(), 2);

    const QString tshark = QStandardPaths::findExecutable(u"tshark"_s);
    if (tshark.isEmpty())
        QSKIP("tshark is not installed (scripts/install-deps.sh installs it)");
    const auto fields = [&](const QString &file) {
        QProcess p;
        p.start(tshark, {u"-r"_s, file, u"-Y"_s, u"mdns"_s, u"-T"_s, u"fields"_s, u"-e"_s,
                         u"frame.number"_s, u"-e"_s, u"eth.src"_s, u"-e"_s, u"vlan.id"_s, u"-e"_s,
                         u"dns.txt"_s, u"-e"_s, u"frame.comment"_s});
        p.waitForFinished(60000);
        return QString::fromUtf8(p.readAllStandardOutput()).split(u'\n', Qt::SkipEmptyParts);
    };
    const QStringList before = fields(in);
    QStringList after = fields(out);
    QCOMPARE(before.size(), 2);
    QCOMPARE(after.size(), 2);
    // Frame numbers differ (the export holds two frames); everything else is the same.
    for (qsizetype i = 0; i < 2; ++i)
        QCOMPARE(after[i].section(u'\t', 1), before[i].section(u'\t', 1));
    QVERIFY(before[0].startsWith(u"3\t02:00:00:00:00:01\t42\t"_s));
}

QTEST_GUILESS_MAIN(TestCliRead)
#include "tst_cli_read.moc"

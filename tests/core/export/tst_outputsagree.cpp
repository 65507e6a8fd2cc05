#include "CaptureFileBuilder.h"
#include "CaptureFileReader.h"
#include "DnsDecoder.h"
#include "MdnsBuilder.h"
#include "MdnsCaptureFile.h"
#include "PacketExporter.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QProcess>
#include <QStandardPaths>
#include <QTemporaryDir>
#include <QTest>

using namespace Qt::StringLiterals;

// Every output shows an address the same way, and the way tshark does (issue #11): one
// capture file of mDNS responses whose AAAA / A data and IPv6 / IPv4 senders are the
// formatter's hard cases, read back and checked in the decoded tree (Address field), the
// rdata text, the summary, the JSON Lines, the CSV and the `mdnscope --read` line, and
// against `tshark -T fields` where tshark is installed.
class TestOutputsAgree : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void initTestCase();
    void everyOutput_data();
    void everyOutput();
    void sameAsTshark();

private:
    QTemporaryDir m_dir;
    QString m_path;
    QList<Packet> m_packets;
};

namespace {

struct Case
{
    const char *name;
    quint16 type;      // 28 AAAA or 1 A
    const char *rdata; // hex
    const char *recordText;
    const char *source; // text an independent parser (QHostAddress) reads
    const char *sourceText;
};

// The texts are tshark 4.0's (dns.aaaa / dns.a, ipv6.src / ip.src) for these bytes,
// which is RFC 5952 with inet_ntop's embedded IPv4 (compatible and mapped only).
constexpr Case kCases[] = {
    {"compatible", 28, "00000000000000000000000001020304", "::1.2.3.4", "fe80::1", "fe80::1"},
    {"mapped", 28, "00000000000000000000ffff01020304", "::ffff:1.2.3.4", "2001:db8:0:0:1:0:0:1",
     "2001:db8::1:0:0:1"},
    {"documentation", 28, "20010db8000000000000000000000001", "2001:db8::1", "::1.2.3.4",
     "::1.2.3.4"},
    {"tie", 28, "20010db8000000000001000000000001", "2001:db8::1:0:0:1", "1::", "1::"},
    {"loopback", 28, "00000000000000000000000000000001", "::1", "::ffff:1.2.3.4", "::ffff:1.2.3.4"},
    {"ipv4", 1, "0a000001", "10.0.0.1", "169.254.1.2", "169.254.1.2"},
};

QString recordName(int i)
{
    return u"host%1.local"_s.arg(i);
}

QString tshark()
{
    return QStandardPaths::findExecutable(u"tshark"_s);
}

} // namespace

void TestOutputsAgree::initTestCase()
{
    QVERIFY(m_dir.isValid());
    PcapBuilder file(1); // Ethernet
    for (int i = 0; i < int(std::size(kCases)); ++i) {
        const Case &c = kCases[i];
        const QByteArray dns = MdnsBuilder::response(
            {MdnsBuilder::Record{recordName(i), c.type, QByteArray::fromHex(c.rdata), 120, true}});
        if (c.type == 28) {
            file.record(
                1000 + i, 0,
                FrameBuilder::ethernet(0x86DD, FrameBuilder::udp6(FrameBuilder::ipv6(c.source),
                                                                  FrameBuilder::ipv6("ff02::fb"),
                                                                  5353, 5353, 255, dns)));
        } else {
            const quint32 source = IpAddress::fromString(QString::fromLatin1(c.source)).v4();
            file.record(1000 + i, 0,
                        FrameBuilder::ethernet(
                            0x0800, FrameBuilder::udp4(source, 0xE00000FB, 5353, 5353, 255, dns)));
        }
    }
    m_path = m_dir.filePath(u"addresses.pcap"_s);
    QVERIFY(MdnsCaptureFile::write(m_path, file.bytes()));
    CaptureFileResult read = CaptureFileReader::readFile(m_path);
    QVERIFY(!read.error);
    m_packets = read.packets;
    QCOMPARE(m_packets.size(), qsizetype(std::size(kCases)));
}

void TestOutputsAgree::everyOutput_data()
{
    QTest::addColumn<int>("index");
    for (int i = 0; i < int(std::size(kCases)); ++i)
        QTest::newRow(kCases[i].name) << i;
}

void TestOutputsAgree::everyOutput()
{
    QFETCH(int, index);
    const Case &c = kCases[index];
    const QString record = QString::fromLatin1(c.recordText);
    const QString source = QString::fromLatin1(c.sourceText);
    const QString type = c.type == 28 ? u"AAAA"_s : u"A"_s;
    const Packet &p = m_packets.at(index);

    // the decoded tree and the rdata text
    const DnsMessage m = DnsDecoder::decode(p.data, DnsDecoder::Detail::Full);
    QVERIFY(!m.isMalformed());
    QCOMPARE(m.records.size(), 1);
    const DnsRecord &r = m.records.first();
    QCOMPARE(r.rdataFields.size(), 1);
    QCOMPARE(r.rdataFields.first().label, u"Address"_s);
    QCOMPARE(r.rdataFields.first().value, record);
    QCOMPARE(DnsDecoder::rdataText(r), record);
    // the summary line (packet list, CSV, --read)
    const QString summary = DnsDecoder::summary(m);
    // (ID 0, no question, an answer: an unsolicited response, RFC 6762 §8.3)
    QCOMPARE(summary, u"Announcement: %1 %2 %3"_s.arg(recordName(index), type, record));
    // the sender as the GUI tables show it
    QCOMPARE(p.source.toString(), source);

    // JSON Lines
    const QJsonObject json = QJsonDocument::fromJson(PacketExporter::jsonLine(p, 1)).object();
    QCOMPARE(json.value(u"source"_s).toString(), source);
    const QJsonArray answers = json.value(u"answers"_s).toArray();
    QCOMPARE(answers.size(), 1);
    QCOMPARE(answers.first().toObject().value(u"data"_s).toObject().value(u"address"_s).toString(),
             record);

    // CSV: index,time,source,source_port,destination,length,ttl,interface,kind,id,
    // questions,answers,summary,malformed
    const QList<QByteArray> csv = PacketExporter::csvRow(p, 1).trimmed().split(',');
    QCOMPARE(csv.size(), 14);
    QCOMPARE(QString::fromUtf8(csv.at(2)), source);
    QCOMPARE(QString::fromUtf8(csv.at(12)), summary);
}

// The --read lines and tshark's fields for the same file.
void TestOutputsAgree::sameAsTshark()
{
    QProcess read;
    read.start(QStringLiteral(MDNSCOPE_BINARY), {u"--read"_s, m_path});
    QVERIFY(read.waitForFinished(60000));
    QCOMPARE(read.exitCode(), 0);
    const QList<QByteArray> lines = read.readAllStandardOutput().trimmed().split('\n');
    QCOMPARE(lines.size(), qsizetype(std::size(kCases)));
    for (int i = 0; i < int(std::size(kCases)); ++i) {
        const Case &c = kCases[i];
        const QString line = QString::fromUtf8(lines.at(i));
        const QString endpoint = c.type == 28 ? u"[%1]:5353"_s.arg(QLatin1StringView(c.sourceText))
                                              : u"%1:5353"_s.arg(QLatin1StringView(c.sourceText));
        QVERIFY2(line.contains(u"  "_s + endpoint + u" -> "_s), qPrintable(line));
        QVERIFY2(line.endsWith(u' ' + QString::fromLatin1(c.recordText)), qPrintable(line));
    }

    const QString program = tshark();
    if (program.isEmpty())
        QSKIP("tshark is not installed: the texts above are tshark 4.0's, not compared live");
    QProcess t;
    t.start(program, {u"-r"_s, m_path, u"-T"_s, u"fields"_s, u"-e"_s, u"ipv6.src"_s, u"-e"_s,
                      u"ip.src"_s, u"-e"_s, u"dns.aaaa"_s, u"-e"_s, u"dns.a"_s});
    QVERIFY(t.waitForFinished(60000));
    QCOMPARE(t.exitCode(), 0);
    const QList<QByteArray> rows = t.readAllStandardOutput().trimmed().split('\n');
    QCOMPARE(rows.size(), qsizetype(std::size(kCases)));
    for (int i = 0; i < int(std::size(kCases)); ++i) {
        const QList<QByteArray> f = rows.at(i).split('\t');
        QCOMPARE(f.size(), 4);
        const Case &c = kCases[i];
        const bool v6 = c.type == 28;
        QCOMPARE(QString::fromUtf8(f.at(v6 ? 0 : 1)), m_packets.at(i).source.toString());
        const DnsMessage m = DnsDecoder::decode(m_packets.at(i).data);
        QCOMPARE(QString::fromUtf8(f.at(v6 ? 2 : 3)), DnsDecoder::rdataText(m.records.first()));
        QCOMPARE(QString::fromUtf8(f.at(v6 ? 2 : 3)), QString::fromLatin1(c.recordText));
    }
}

QTEST_GUILESS_MAIN(TestOutputsAgree)
#include "tst_outputsagree.moc"

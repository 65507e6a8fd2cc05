#include "CaptureFileBuilder.h"
#include "CliRun.h"
#include "MdnsBuilder.h"

#include <QFile>
#include <QFileInfo>
#include <QJsonDocument>
#include <QJsonObject>
#include <QProcess>
#include <QTemporaryDir>
#include <QTest>

using namespace Qt::StringLiterals;
using namespace MdnsBuilder;

// `mdnscope --read FILE --services OUT|-` on a built capture, run as the real executable:
// the expected lines, byte for byte, in the documented key order; standard output; a target
// that cannot be written leaves nothing and fails the run. (Every kind of faulty target and
// standard output is in tst_cli_outputfaults.)
namespace {

using Run = CliRun::Result;

Run mdnscope(const QStringList &args)
{
    return CliRun::run(args);
}

QByteArray frame(quint32 source, const QByteArray &payload)
{
    return FrameBuilder::ethernet(0x0800,
                                  FrameBuilder::udp4(source, 0xE00000FB, 5353, 5353, 255, payload));
}

// 1: a printer announced with TXT (a boolean key, a duplicate) and its address; 2: a goodbye
// of a web server never announced; 3, 61 s later: the printer's subtype.
QByteArray capture()
{
    const QString printer = u"Office Printer._ipp._tcp.local"_s;
    PcapBuilder file(1);
    file.record(1'700'000'000, 0,
                frame(0xA9FE0001, response({ptr(u"_ipp._tcp.local"_s, printer),
                                            srv(printer, 631, u"printer.local"_s),
                                            txt(printer, {"rp=ipp/print", "color", "rp=x"})},
                                           {a(u"printer.local"_s, 0xC0A80114)})));
    file.record(
        1'700'000'001, 500'000,
        frame(0xA9FE0002,
              response({with(ptr(u"_http._tcp.local"_s, u"Gone._http._tcp.local"_s), 0, false)})));
    file.record(1'700'000'061, 0,
                frame(0xA9FE0001, response({ptr(u"_printer._sub._ipp._tcp.local"_s, printer)})));
    return file.bytes();
}

const QByteArray kExpected =
    R"({"instance":"Gone._http._tcp.local","name":"Gone","type":"_http._tcp","subtypes":[],)"
    R"("domain":"local","host":null,"port":null,"priority":null,"weight":null,"txt":null,)"
    R"("txt_pairs":null,"addresses":null,"announced_by":["169.254.0.2"],)"
    R"("first_seen":"2023-11-14T22:13:21.500000000Z","last_seen":"2023-11-14T22:13:21.500000000Z",)"
    R"("ttl":null,"state":"goodbye","packets":[2]})"
    "\n"
    R"({"instance":"Office Printer._ipp._tcp.local","name":"Office Printer","type":"_ipp._tcp",)"
    R"("subtypes":["_printer"],"domain":"local","host":"printer.local","port":631,"priority":0,)"
    R"("weight":0,"txt":["rp=ipp/print","color","rp=x"],"txt_pairs":{"rp":"ipp/print","color":true},)"
    R"("addresses":["192.168.1.20"],"announced_by":["169.254.0.1"],)"
    R"("first_seen":"2023-11-14T22:13:20.000000000Z","last_seen":"2023-11-14T22:14:21.000000000Z",)"
    R"("ttl":120,"state":"live","packets":[1,3]})"
    "\n";

} // namespace

class TestCliServices : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void initTestCase()
    {
        QVERIFY(m_dir.isValid());
        QFile f(m_dir.filePath(u"in.pcap"_s));
        QVERIFY(f.open(QIODevice::WriteOnly) && f.write(capture()) > 0);
    }

    void toFile()
    {
        const QString out = m_dir.filePath(u"services.jsonl"_s);
        const Run r = mdnscope({u"--read"_s, m_dir.filePath(u"in.pcap"_s), u"--services"_s, out});
        QVERIFY2(r.exitCode == 0, r.err.constData());
        QVERIFY(r.out.isEmpty()); // an output was asked for: no summary lines
        QFile f(out);
        QVERIFY(f.open(QIODevice::ReadOnly));
        const QByteArray got = f.readAll();
        QCOMPARE(got.split('\n'), kExpected.split('\n'));
        QVERIFY(!QFileInfo::exists(out + u".part"_s));
        // Each line is one JSON object with the keys in the documented order.
        const QStringList keys{u"instance"_s,     u"name"_s,       u"type"_s,      u"subtypes"_s,
                               u"domain"_s,       u"host"_s,       u"port"_s,      u"priority"_s,
                               u"weight"_s,       u"txt"_s,        u"txt_pairs"_s, u"addresses"_s,
                               u"announced_by"_s, u"first_seen"_s, u"last_seen"_s, u"ttl"_s,
                               u"state"_s,        u"packets"_s};
        for (const QByteArray &line : got.trimmed().split('\n')) {
            QJsonParseError error;
            const QJsonObject o = QJsonDocument::fromJson(line, &error).object();
            QCOMPARE(error.error, QJsonParseError::NoError);
            QCOMPARE(o.size(), keys.size());
            qsizetype at = 0;
            for (const QString &key : keys) {
                const qsizetype pos = line.indexOf(QByteArray("\"" + key.toUtf8() + "\":"), at);
                QVERIFY2(pos >= at, qPrintable(key));
                at = pos;
            }
        }
    }

    void toStandardOutput()
    {
        const Run r =
            mdnscope({u"--read"_s, m_dir.filePath(u"in.pcap"_s), u"--services"_s, u"-"_s});
        QVERIFY2(r.exitCode == 0, r.err.constData());
        QCOMPARE(r.out.split('\n'), kExpected.split('\n'));
        const Run two = mdnscope({u"--read"_s, m_dir.filePath(u"in.pcap"_s), u"--services"_s,
                                  u"-"_s, u"--csv"_s, u"-"_s});
        QCOMPARE(two.exitCode, 2);
        QVERIFY(two.err.contains("can write to standard output"));
    }

    void failingTargetLeavesNothing()
    {
        const QString out = m_dir.filePath(u"no/such/dir/services.jsonl"_s);
        const Run r = mdnscope({u"--read"_s, m_dir.filePath(u"in.pcap"_s), u"--services"_s, out});
        QCOMPARE(r.exitCode, 1);
        QVERIFY2(r.err.contains(QByteArray("cannot write " + out.toUtf8())), r.err.constData());
        QVERIFY(!QFileInfo::exists(m_dir.filePath(u"no"_s)));
        // Not a capture file: nothing is written and an existing target stays as it was.
        const QString kept = m_dir.filePath(u"kept.jsonl"_s);
        const QString bad = m_dir.filePath(u"bad.pcap"_s);
        QFile k(kept), b(bad);
        QVERIFY(k.open(QIODevice::WriteOnly) && k.write("old\n") == 4);
        k.close();
        QVERIFY(b.open(QIODevice::WriteOnly) && b.write("not a capture file") > 0);
        b.close();
        const Run r2 = mdnscope({u"--read"_s, bad, u"--services"_s, kept});
        QCOMPARE(r2.exitCode, 1);
        QVERIFY(k.open(QIODevice::ReadOnly));
        QCOMPARE(k.readAll(), QByteArray("old\n"));
        QVERIFY(!QFileInfo::exists(kept + u".part"_s));
        // --services needs --headless or --read.
        QCOMPARE(mdnscope({u"--services"_s, kept}).exitCode, 2);
    }

private:
    QTemporaryDir m_dir;
};

QTEST_GUILESS_MAIN(TestCliServices)
#include "tst_cli_services.moc"

#include "CaptureFileBuilder.h"
#include "CliRun.h"
#include "DnsMessage.h"
#include "MdnsBuilder.h"

#include <QFile>
#include <QHash>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QProcess>
#include <QRegularExpression>
#include <QStandardPaths>
#include <QTemporaryDir>
#include <QTest>

using namespace Qt::StringLiterals;
using namespace MdnsBuilder;

// `mdnscope --read FILE --stats-json -` run as the real executable: the file's statistics with
// `latency` and `talkers` on a built capture, the figures expected; on the nfstream corpus
// capture (skipped when absent) the top talker's packets agree with tshark's conversations.
namespace {

QByteArray frame(quint32 source, const QByteArray &payload)
{
    return FrameBuilder::ethernet(0x0800,
                                  FrameBuilder::udp4(source, 0xE00000FB, 5353, 5353, 255, payload));
}

constexpr quint32 kT0 = 1'700'000'000;

// .1 asks for _ipp._tcp (answered by .2 after 50 ms, shared) and for alpha.local A (answered
// by .2 after 3 ms, unique); then .9 floods 100 queries in half a second.
QByteArray capture()
{
    const QString type = u"_ipp._tcp.local"_s;
    PcapBuilder file(1, false, true); // nanoseconds
    file.record(kT0, 0, frame(0xA9FE0001, query(type, DnsType::PTR)));
    file.record(kT0, 50'000'000,
                frame(0xA9FE0002, response({ptr(type, u"Alpha._ipp._tcp.local"_s)})));
    file.record(kT0 + 1, 0, frame(0xA9FE0001, query(u"alpha.local"_s, DnsType::A)));
    file.record(kT0 + 1, 3'000'000,
                frame(0xA9FE0002, response({with(a(u"alpha.local"_s, 0xA9FE0002), 120, true)})));
    for (int k = 0; k < 100; ++k)
        file.record(
            kT0 + 2, quint32(k) * 5'000'000,
            frame(0xA9FE0009, query(u"f%1.local"_s.arg(k, 3, 10, QLatin1Char('0')), DnsType::A)));
    return file.bytes();
}

QJsonObject readStats(const QString &file, CliRun::Result *run = nullptr)
{
    const CliRun::Result r = CliRun::run({u"--read"_s, file, u"--stats-json"_s, u"-"_s});
    if (run)
        *run = r;
    return QJsonDocument::fromJson(r.out).object();
}

} // namespace

class TestCliStatsJson : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void readGivesLatencyAndTalkers()
    {
        QTemporaryDir dir;
        QVERIFY(dir.isValid());
        const QString path = dir.filePath(u"in.pcap"_s);
        QFile f(path);
        QVERIFY(f.open(QIODevice::WriteOnly));
        f.write(capture());
        f.close();
        CliRun::Result run;
        const QJsonObject o = readStats(path, &run);
        QVERIFY2(run.exitCode == 0, run.err.constData());
        QCOMPARE(o[u"packets"_s].toInt(), 104);
        QCOMPARE(o[u"malformed"_s].toInt(), 0);
        QCOMPARE(o[u"format"_s].toString(), u"pcap"_s);
        QCOMPARE(o[u"complete"_s].toBool(), true);

        const QJsonObject latency = o[u"latency"_s].toObject();
        const QJsonArray responders = latency[u"responders"_s].toArray();
        QCOMPARE(responders.size(), 1);
        const QJsonObject r = responders.at(0).toObject();
        QCOMPARE(r[u"addresses"_s].toArray(), QJsonArray{u"169.254.0.2"_s});
        QCOMPARE(r[u"host"_s].toString(), u"alpha.local"_s);
        const QJsonObject shared = r[u"shared"_s].toObject();
        QCOMPARE(shared[u"answers"_s].toInt(), 1);
        QCOMPARE(shared[u"p50_ms"_s].toDouble(), 50.0);
        QCOMPARE(shared[u"p95_ms"_s].toDouble(), 50.0);
        QCOMPARE(shared[u"max_ms"_s].toDouble(), 50.0);
        QCOMPARE(shared[u"verdict"_s].toString(), u"pass"_s);
        const QJsonObject unique = r[u"unique"_s].toObject();
        QCOMPARE(unique[u"answers"_s].toInt(), 1);
        QCOMPARE(unique[u"max_ms"_s].toDouble(), 3.0);
        QCOMPARE(unique[u"verdict"_s].toString(), u"pass"_s);
        QCOMPARE(r[u"probe"_s].toObject()[u"answers"_s].toInt(), 0);
        const QJsonObject overall = latency[u"overall"_s].toObject();
        QCOMPARE(overall[u"shared"_s].toObject()[u"answered_questions"_s].toInt(), 1);
        QCOMPARE(overall[u"unique"_s].toObject()[u"answered_questions"_s].toInt(), 1);
        // The 100 flood queries could not have been answered: no unanswered count.
        QCOMPARE(overall[u"unique"_s].toObject()[u"unanswered"_s].toInt(), 0);

        const QJsonObject talkers = o[u"talkers"_s].toObject();
        QCOMPARE(talkers[u"packets"_s].toInt(), 104);
        const QJsonObject top = talkers[u"hosts"_s].toArray().at(0).toObject();
        QCOMPARE(top[u"sender"_s].toString(), u"169.254.0.9"_s);
        QCOMPARE(top[u"packets"_s].toInt(), 100);
        QCOMPARE(top[u"packets_per_second_1s"_s].toDouble(), 100.0);
        // The capture ran 3 seconds (0, 1, 2): the 10 s rate is over those.
        QCOMPARE(top[u"packets_per_second_10s"_s].toDouble(), 100.0 / 3.0);
        QCOMPARE(top[u"peak_packets_per_second"_s].toInt(), 100);
        QCOMPARE(top[u"share"_s].toDouble(), 100.0 / 104.0);
        QCOMPARE(
            talkers[u"service_types"_s].toArray().at(0).toObject()[u"service_type"_s].toString(),
            u"_ipp._tcp"_s);
    }

    void stdoutOnlyOnce()
    {
        const CliRun::Result r =
            CliRun::run({u"--read"_s, u"x.pcap"_s, u"--stats-json"_s, u"-"_s, u"--json"_s, u"-"_s});
        QCOMPARE(r.exitCode, 2);
        QVERIFY(r.err.contains("--stats-json"));
    }

    void nfstreamTopTalkerAgreesWithTshark()
    {
        const QString file =
            QStringLiteral(MDNSCOPE_SOURCE_DIR) + u"/../shared/corpus/nfstream__mdns.pcap"_s;
        if (!QFile::exists(file))
            QSKIP("nfstream__mdns.pcap is not in ../shared/corpus");
        const QJsonObject o = readStats(file);
        const QJsonArray hosts = o[u"talkers"_s].toObject()[u"hosts"_s].toArray();
        QVERIFY(!hosts.isEmpty());
        QJsonObject top;
        for (const QJsonValue &h : hosts) {
            if (h.toObject()[u"packets"_s].toInt() > top[u"packets"_s].toInt())
                top = h.toObject();
        }
        qInfo("top talker by packets: %s (%s), %d packets", qPrintable(top[u"sender"_s].toString()),
              qPrintable(top[u"host"_s].toString()), top[u"packets"_s].toInt());
        const QString tshark = QStandardPaths::findExecutable(u"tshark"_s);
        if (tshark.isEmpty())
            QSKIP("tshark is not installed: the comparison is skipped");
        // Frames each address sent, over port-5353 datagrams as mdnscope counts them.
        QProcess p;
        p.start(tshark, {u"-q"_s, u"-n"_s, u"-r"_s, file, u"-z"_s, u"conv,ip,udp.port==5353"_s,
                         u"-z"_s, u"conv,ipv6,udp.port==5353"_s});
        QVERIFY(p.waitForFinished(120'000));
        QHash<QString, int> sent;
        const QRegularExpression line(uR"(^(\S+)\s+<->\s+(\S+)\s+(\d+)\s+\S+\s+\S+\s+(\d+)\s)"_s);
        for (const QString &l : QString::fromUtf8(p.readAllStandardOutput()).split(u'\n')) {
            const QRegularExpressionMatch m = line.match(l);
            if (!m.hasMatch())
                continue;
            sent[m.captured(2)] += m.captured(3).toInt(); // <- : from B to A
            sent[m.captured(1)] += m.captured(4).toInt(); // -> : from A to B
        }
        QVERIFY(!sent.isEmpty());
        // Every host (its addresses together) sent what tshark counts for its addresses, and
        // the top one is the most.
        int most = 0;
        for (const QJsonValue &h : hosts) {
            int frames = 0;
            for (const QJsonValue &a : h.toObject()[u"addresses"_s].toArray())
                frames += sent.value(a.toString());
            QCOMPARE(h.toObject()[u"packets"_s].toInt(), frames);
            most = std::max(most, frames);
        }
        QCOMPARE(top[u"packets"_s].toInt(), most);
    }
};

QTEST_GUILESS_MAIN(TestCliStatsJson)
#include "tst_cli_statsjson.moc"

// --read -Y FILTER: only the matching packets reach every output, with their own numbers; a bad
// filter is a usage error naming the reason and the place; -Y needs --read.

#include "CliRun.h"

#include <QFile>
#include <QHash>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QTemporaryDir>
#include <QTest>

using namespace Qt::StringLiterals;

namespace {
QString corpus(const QString &file)
{
    return QStringLiteral(MDNSCOPE_SOURCE_DIR "/../shared/corpus/") + file;
}
} // namespace

class TestCliFilter : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void init()
    {
        if (!QFile::exists(corpus(u"MANIFEST.txt"_s)))
            QSKIP("../shared/corpus (third-party captures) is not present next to the repo");
    }

    // zeek__dns__mdns.pcap: 18 mDNS packets, 12 over IPv6 of which 3 are responses
    // (tshark -Y 'ipv6 && dns.flags.response == 1 && udp.port == 5353': 3).
    void summaryLinesKeepTheirNumbers()
    {
        const auto all = CliRun::run({u"--read"_s, corpus(u"zeek__dns__mdns.pcap"_s)});
        QCOMPARE(all.exitCode, 0);
        const auto some = CliRun::run({u"--read"_s, corpus(u"zeek__dns__mdns.pcap"_s), u"-Y"_s,
                                       u"ipv6 && dns.flags.response == 1"_s});
        QCOMPARE(some.exitCode, 0);
        const QList<QByteArray> allLines = all.out.trimmed().split('\n');
        const QList<QByteArray> lines = some.out.trimmed().split('\n');
        QCOMPARE(allLines.size(), 18);
        QCOMPARE(lines.size(), 3);
        QHash<int, QByteArray> byNumber; // the file's frame numbers, not rows
        for (const QByteArray &line : allLines)
            byNumber.insert(line.left(line.indexOf(' ')).toInt(), line);
        QCOMPARE(byNumber.size(), allLines.size());
        for (const QByteArray &line : lines) {
            // a response of some kind (these three: goodbyes and announcements), over IPv6
            const bool response = line.contains("Response:") || line.contains("Announcement:") ||
                                  line.contains("Goodbye:");
            QVERIFY2(response && line.contains('['), line.constData());
            const int number = line.left(line.indexOf(' ')).toInt();
            QCOMPARE(byNumber.value(number), line); // the same line, the same number
        }
        QVERIFY2(some.err.contains("3 of 18 packets matched the filter"), some.err.constData());
    }

    void everyOutputIsFiltered()
    {
        QTemporaryDir dir;
        const QString json = dir.filePath(u"p.jsonl"_s);
        const QString stats = dir.filePath(u"s.json"_s);
        const auto r =
            CliRun::run({u"--read"_s, corpus(u"nfstream__mdns.pcap"_s), u"--display-filter"_s,
                         u"dns.srv.port == 6600"_s, u"--json"_s, json, u"--stats-json"_s, stats});
        QCOMPARE(r.exitCode, 0);
        QFile f(json);
        QVERIFY(f.open(QIODevice::ReadOnly));
        int lines = 0;
        while (!f.atEnd()) {
            const QJsonObject o = QJsonDocument::fromJson(f.readLine()).object();
            QVERIFY(QJsonDocument(o).toJson().contains("6600"));
            ++lines;
        }
        // tshark -r nfstream__mdns.pcap -Y 'dns.srv.port == 6600 && udp.port == 5353' | wc -l
        QCOMPARE(lines, 56);
        QFile s(stats);
        QVERIFY(s.open(QIODevice::ReadOnly));
        const QJsonObject o = QJsonDocument::fromJson(s.readAll()).object();
        // The behaviour model saw only the matching packets.
        QCOMPARE(o.value(u"talkers"_s).toObject().value(u"packets"_s).toInteger(), 56);
    }

    void badFilterIsAUsageError()
    {
        const auto r = CliRun::run({u"--read"_s, corpus(u"zeek__dns__mdns.pcap"_s), u"-Y"_s,
                                    u"udp.port == 5353 && dns.qry.nam == \"x\""_s});
        QCOMPARE(r.exitCode, 2);
        QVERIFY(r.out.isEmpty());
        QVERIFY2(r.err.contains("dns.qry.nam") && r.err.contains("neither a field") &&
                     r.err.contains("at character 21"),
                 r.err.constData());
        QVERIFY2(r.err.contains("\n                        ^~~~~~~~~~~"), r.err.constData());
    }

    void filterNeedsRead()
    {
        const auto r = CliRun::run({u"--headless"_s, u"-Y"_s, u"udp"_s, u"--count"_s, u"1"_s});
        QCOMPARE(r.exitCode, 2);
        QVERIFY2(r.err.contains("-Y needs --read"), r.err.constData());
    }
};

QTEST_GUILESS_MAIN(TestCliFilter)
#include "tst_cli_filter.moc"

// `mdnscope --headless` over IPv6 (issue #13), in the test's private network namespace with a
// veth pair: --family ipv6 captures ff02::fb with its link-local sources, hop limits and
// interface into JSON Lines, pcapng (link type 229, read back by tshark where installed) and
// the statistics; both families by default keep their own counts; an interface without IPv6
// is captured over IPv4 with a note on stderr.
#include "MdnsBuilder.h"
#include "MulticastSender.h"
#include "NetNamespace.h"

#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QProcess>
#include <QStandardPaths>
#include <QTemporaryDir>
#include <QTest>

using namespace Qt::StringLiterals;

namespace {
constexpr int kTimeoutMs = 15'000;

QString binary()
{
    return QStringLiteral(MDNSCOPE_BINARY);
}

// True once the process has joined `groupHex` (as /proc/net/igmp or igmp6 show it).
bool waitForJoin(QProcess &p, const char *table, const QByteArray &groupHex)
{
    QElapsedTimer clock;
    clock.start();
    if (!p.waitForStarted(kTimeoutMs))
        return false;
    while (clock.elapsed() < kTimeoutMs) {
        if (p.state() != QProcess::Running)
            return false;
        QFile f(u"/proc/%1/net/%2"_s.arg(p.processId()).arg(QLatin1StringView(table)));
        if (f.open(QIODevice::ReadOnly) && f.readAll().contains(groupHex))
            return true;
        QTest::qWait(10);
    }
    return false;
}

constexpr char kIgmp6Mdns[] = "ff0200000000000000000000000000fb";
constexpr char kIgmpMdns[] = "FB0000E0";

QJsonObject readJson(const QString &path)
{
    QFile f(path);
    return f.open(QIODevice::ReadOnly) ? QJsonDocument::fromJson(f.readAll()).object()
                                       : QJsonObject();
}

QByteArray announcement(int n)
{
    return MdnsBuilder::response(
        {MdnsBuilder::a(u"host%1.local"_s.arg(n), 0xA9FE0000u + quint32(n))});
}

MulticastSender::Options sendOptions(const QString &group, const QString &out)
{
    MulticastSender::Options o;
    o.group = group;
    o.interfaceName = out;
    return o;
}
} // namespace

class tst_CliIpv6 final : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase()
    {
        QVERIFY2(QFile::exists(binary()), qPrintable(binary()));
        if (!NetNamespace::isPrivate())
            return;
        QString error;
        QVERIFY2(NetNamespace::addVethPair(u"c6a"_s, u"c6b"_s, &error), qPrintable(error));
    }

    void ipv6OnlyToEveryOutput()
    {
        MDNSCOPE_REQUIRE_NETNS();
        constexpr int kCount = 10;
        QTemporaryDir dir;
        const QString stats = dir.filePath(u"s.json"_s), json = dir.filePath(u"p.jsonl"_s),
                      pcapng = dir.filePath(u"p.pcapng"_s);
        QProcess p;
        p.start(binary(), {u"--headless"_s, u"--interface"_s, u"c6b"_s, u"--family"_s, u"ipv6"_s,
                           u"--count"_s, QString::number(kCount), u"--stats-json"_s, stats,
                           u"--json"_s, json, u"--write"_s, pcapng});
        QVERIFY2(waitForJoin(p, "igmp6", kIgmp6Mdns), p.readAllStandardError().constData());
        MulticastSender sender(sendOptions(u"ff02::fb"_s, u"c6a"_s));
        QVERIFY2(sender.isOpen(), qPrintable(sender.errorString()));
        for (int i = 0; i < kCount; ++i)
            QVERIFY(sender.send(announcement(i)));
        QVERIFY(p.waitForFinished(kTimeoutMs));
        const QString err = QString::fromLocal8Bit(p.readAllStandardError());
        QVERIFY2(p.exitCode() == 0, qPrintable(err));
        QVERIFY2(err.contains(u"listening for ff02::fb port 5353 on c6b"_s), qPrintable(err));
        QVERIFY2(!err.contains(u"224.0.0.251"_s), qPrintable(err));

        const QJsonObject s = readJson(stats);
        QCOMPARE(s.value(u"packets"_s).toInteger(), kCount);
        QCOMPARE(s.value(u"ipv6"_s).toObject().value(u"packets"_s).toInteger(), kCount);
        QCOMPARE(s.value(u"ipv4"_s).toObject().value(u"packets"_s).toInteger(), 0);
        QCOMPARE(s.value(u"ipv6"_s).toObject().value(u"interfaces"_s).toArray(),
                 QJsonArray{u"c6b"_s});
        QCOMPARE(s.value(u"ipv4"_s).toObject().value(u"interfaces"_s).toArray(), QJsonArray());
        QCOMPARE(s.value(u"pool"_s).toObject().value(u"in_use"_s).toInteger(), 0);

        const QString source = NetNamespace::ipv6LinkLocal(u"c6a"_s);
        QFile lines(json);
        QVERIFY(lines.open(QIODevice::ReadOnly));
        int n = 0;
        while (!lines.atEnd()) {
            const QJsonObject o = QJsonDocument::fromJson(lines.readLine()).object();
            QCOMPARE(o.value(u"source"_s).toString(), source); // no scope in the JSON address
            QCOMPARE(o.value(u"interface"_s).toString(), u"c6b"_s);
            QCOMPARE(o.value(u"destination"_s).toString(), u"ff02::fb"_s);
            QCOMPARE(o.value(u"ttl"_s).toInt(), 255);
            QVERIFY(o.value(u"malformed"_s).isNull());
            ++n;
        }
        QCOMPARE(n, kCount);

        const QString tshark = QStandardPaths::findExecutable(u"tshark"_s);
        if (tshark.isEmpty())
            QSKIP("tshark is not installed: the pcapng was not read back");
        QProcess t;
        t.start(tshark, {u"-r"_s, pcapng, u"-T"_s, u"fields"_s, u"-e"_s, u"ipv6.src"_s, u"-e"_s,
                         u"ipv6.hlim"_s, u"-e"_s, u"udp.dstport"_s, u"-e"_s, u"dns.a"_s});
        QVERIFY(t.waitForFinished(60'000));
        const QStringList rows =
            QString::fromUtf8(t.readAllStandardOutput()).split(u'\n', Qt::SkipEmptyParts);
        QCOMPARE(rows.size(), kCount);
        for (int i = 0; i < kCount; ++i)
            QCOMPARE(rows.at(i), u"%1\t255\t5353\t169.254.0.%2"_s.arg(source).arg(i));
    }

    void bothFamiliesByDefault()
    {
        MDNSCOPE_REQUIRE_NETNS();
        QTemporaryDir dir;
        const QString stats = dir.filePath(u"s.json"_s);
        QProcess p;
        p.start(binary(), {u"--headless"_s, u"--interface"_s, u"c6b"_s, u"--count"_s, u"8"_s,
                           u"--stats-json"_s, stats});
        QVERIFY2(waitForJoin(p, "igmp6", kIgmp6Mdns) && waitForJoin(p, "igmp", kIgmpMdns),
                 p.readAllStandardError().constData());
        MulticastSender s4(sendOptions(u"224.0.0.251"_s, u"c6a"_s));
        MulticastSender s6(sendOptions(u"ff02::fb"_s, u"c6a"_s));
        for (int i = 0; i < 3; ++i)
            QVERIFY(s4.send(announcement(i)));
        for (int i = 0; i < 5; ++i)
            QVERIFY(s6.send(announcement(i)));
        QVERIFY(p.waitForFinished(kTimeoutMs));
        const QString err = QString::fromLocal8Bit(p.readAllStandardError());
        QVERIFY2(p.exitCode() == 0, qPrintable(err));
        QVERIFY2(err.contains(u"listening for 224.0.0.251 port 5353 on c6b"_s) &&
                     err.contains(u"listening for ff02::fb port 5353 on c6b"_s),
                 qPrintable(err));
        const QJsonObject s = readJson(stats);
        QCOMPARE(s.value(u"ipv4"_s).toObject().value(u"packets"_s).toInteger(), 3);
        QCOMPARE(s.value(u"ipv6"_s).toObject().value(u"packets"_s).toInteger(), 5);
        QCOMPARE(s.value(u"packets"_s).toInteger(), 8);
    }

    void interfaceWithoutIpv6IsNoted()
    {
        MDNSCOPE_REQUIRE_NETNS();
        QString error;
        QVERIFY2(NetNamespace::addVethPair(u"c4a"_s, u"c4b"_s, &error), qPrintable(error));
        QFile off(u"/proc/sys/net/ipv6/conf/c4b/disable_ipv6"_s);
        QVERIFY(off.open(QIODevice::WriteOnly) && off.write("1\n") == 2);
        off.close();
        QTRY_VERIFY_WITH_TIMEOUT(NetNamespace::ipv6LinkLocal(u"c4b"_s).isEmpty(), kTimeoutMs);
        QProcess p;
        p.start(binary(), {u"--headless"_s, u"--interface"_s, u"c4b"_s, u"--count"_s, u"1"_s});
        QVERIFY2(waitForJoin(p, "igmp", kIgmpMdns), p.readAllStandardError().constData());
        MulticastSender s4(sendOptions(u"224.0.0.251"_s, u"c4a"_s));
        QVERIFY(s4.send(announcement(1)));
        QVERIFY(p.waitForFinished(kTimeoutMs));
        const QString err = QString::fromLocal8Bit(p.readAllStandardError());
        QVERIFY2(p.exitCode() == 0, qPrintable(err));
        QVERIFY2(err.contains(u"IPv6 is not captured"_s) &&
                     err.contains(u"interface 'c4b' has no IPv6 address"_s),
                 qPrintable(err));
        QVERIFY(NetNamespace::deleteLink(u"c4a"_s, &error));
    }
};

MDNSCOPE_NETNS_TEST_GUILESS_MAIN(tst_CliIpv6)
#include "tst_cli_ipv6.moc"

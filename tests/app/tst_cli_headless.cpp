#include "MulticastSender.h"
#include "NetNamespace.h"
#include "Version.h"

#include <QCoreApplication>
#include <QElapsedTimer>
#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QProcess>
#include <QTemporaryDir>
#include <QTest>

using namespace Qt::StringLiterals;

// The real mdnscope executable (MDNSCOPE_BINARY): exit codes and messages for bad arguments,
// and headless captures in the test's private network namespace that count exactly what the
// test sent, stopping at --count, --duration or SIGTERM.
class tst_CliHeadless final : public QObject
{
    Q_OBJECT

private:
    static QString binary() { return QStringLiteral(MDNSCOPE_BINARY); }

    // How /proc/net/igmp shows a group: the network-order address as a host-order number.
    static QByteArray groupHex(const QString &group)
    {
        const QStringList parts = group.split(u'.');
        QByteArray hex;
        for (qsizetype i = parts.size() - 1; i >= 0; --i)
            hex += QByteArray::number(parts.at(i).toUInt(), 16).rightJustified(2, '0').toUpper();
        return hex;
    }

    // True once the process's socket has joined `group` (224.0.0.251 shows as FB0000E0).
    static QProcessEnvironment withoutDisplay()
    {
        QProcessEnvironment env = QProcessEnvironment::systemEnvironment();
        for (const char *name : {"DISPLAY", "WAYLAND_DISPLAY", "QT_QPA_PLATFORM"})
            env.remove(QString::fromLatin1(name));
        return env;
    }

    static bool waitForJoin(QProcess &p, int timeoutMs)
    {
        return waitForJoin(p, "FB0000E0", timeoutMs);
    }

    static bool waitForJoin(QProcess &p, const QByteArray &groupInIgmp, int timeoutMs)
    {
        QElapsedTimer clock;
        clock.start();
        if (!p.waitForStarted(timeoutMs))
            return false;
        while (clock.elapsed() < timeoutMs) {
            if (p.state() != QProcess::Running)
                return false;
            QFile igmp(u"/proc/%1/net/igmp"_s.arg(p.processId()));
            if (igmp.open(QIODevice::ReadOnly) && igmp.readAll().contains(groupInIgmp))
                return true;
            QTest::qWait(10);
        }
        return false;
    }

    static QJsonObject readStats(const QString &path)
    {
        QFile f(path);
        if (!f.open(QIODevice::ReadOnly))
            return {};
        return QJsonDocument::fromJson(f.readAll()).object();
    }

    static QList<QByteArray> lines(const QByteArray &text)
    {
        QList<QByteArray> result = text.split('\n');
        while (!result.isEmpty() && result.last().isEmpty())
            result.removeLast();
        return result;
    }

private Q_SLOTS:
    void initTestCase() { QVERIFY2(QFile::exists(binary()), qPrintable(binary())); }

    void badArguments_data()
    {
        QTest::addColumn<QStringList>("args");
        QTest::addColumn<QString>("mentions");
        QTest::newRow("unknown option") << QStringList{u"--headless"_s, u"--bogus"_s} << u"bogus"_s;
        QTest::newRow("headless and read")
            << QStringList{u"--headless"_s, u"--read"_s, u"x.pcap"_s} << u"--read"_s;
        QTest::newRow("positional argument")
            << QStringList{u"--headless"_s, u"file.pcap"_s} << u"file.pcap"_s;
        QTest::newRow("port 0") << QStringList{u"--headless"_s, u"--port"_s, u"0"_s} << u"port"_s;
        QTest::newRow("port 70000")
            << QStringList{u"--headless"_s, u"--port"_s, u"70000"_s} << u"70000"_s;
        QTest::newRow("unicast group")
            << QStringList{u"--headless"_s, u"--group"_s, u"10.0.0.1"_s} << u"10.0.0.1"_s;
        QTest::newRow("unknown family")
            << QStringList{u"--headless"_s, u"--family"_s, u"ipx"_s} << u"ipx"_s;
        QTest::newRow("IPv6 group, IPv4 family")
            << QStringList{u"--headless"_s, u"--family"_s, u"ipv4"_s, u"--group"_s, u"ff02::fb"_s}
            << u"ff02::fb"_s;
        QTest::newRow("two IPv4 groups")
            << QStringList{u"--headless"_s, u"--group"_s, u"224.0.0.251"_s, u"--group"_s,
                           u"239.1.2.3"_s}
            << u"239.1.2.3"_s;
        QTest::newRow("scoped IPv6 group")
            << QStringList{u"--headless"_s, u"--group"_s, u"ff02::fb%lo"_s} << u"ff02::fb%lo"_s;
        QTest::newRow("read with --family")
            << QStringList{u"--read"_s, u"x.pcap"_s, u"--family"_s, u"ipv6"_s} << u"--family"_s;
        QTest::newRow("negative duration")
            << QStringList{u"--headless"_s, u"--duration"_s, u"-1"_s} << u"duration"_s;
        QTest::newRow("count zero")
            << QStringList{u"--headless"_s, u"--count"_s, u"0"_s} << u"count"_s;
        QTest::newRow("count not a number")
            << QStringList{u"--headless"_s, u"--count"_s, u"many"_s} << u"many"_s;
        QTest::newRow("unknown option, window mode") << QStringList{u"--bogus"_s} << u"bogus"_s;
        QTest::newRow("window mode with --count")
            << QStringList{u"--count"_s, u"3"_s} << u"--headless"_s;
        QTest::newRow("missing value") << QStringList{u"--headless"_s, u"--port"_s} << u"port"_s;
        QTest::newRow("stats and json both on stdout")
            << QStringList{u"--headless"_s, u"--stats-json"_s, u"-"_s, u"--json"_s, u"-"_s}
            << u"standard output"_s;
    }

    void badArguments()
    {
        QFETCH(QStringList, args);
        QFETCH(QString, mentions);
        QProcess p;
        p.setProcessEnvironment(withoutDisplay()); // as on a server or in CI
        p.start(binary(), args);
        QVERIFY(p.waitForFinished(10000));
        QCOMPARE(p.exitStatus(), QProcess::NormalExit);
        QCOMPARE(p.exitCode(), 2);
        const QByteArray err = p.readAllStandardError();
        QCOMPARE(lines(err).size(), 1); // one line
        QVERIFY2(QString::fromLocal8Bit(err).contains(mentions), err.constData());
        QVERIFY(p.readAllStandardOutput().isEmpty());
    }

    // Asking for the window where there is no display is a runtime failure with one line,
    // not an abort.
    void windowWithoutDisplay()
    {
        QProcess p;
        p.setProcessEnvironment(withoutDisplay());
        p.start(binary(), QStringList{});
        QVERIFY(p.waitForFinished(10000));
        QCOMPARE(p.exitStatus(), QProcess::NormalExit);
        QCOMPARE(p.exitCode(), 1);
        const QByteArray err = p.readAllStandardError();
        QCOMPARE(lines(err).size(), 1);
        QVERIFY2(err.contains("display"), err.constData());
    }

    void helpAndVersion_data()
    {
        QTest::addColumn<QString>("arg");
        QTest::addColumn<QString>("mentions");
        QTest::newRow("--help") << u"--help"_s << u"--headless"_s;
        QTest::newRow("--version") << u"--version"_s << QStringLiteral(MDNSCOPE_VERSION);
    }

    void helpAndVersion()
    {
        QFETCH(QString, arg);
        QFETCH(QString, mentions);
        QProcess p;
        p.start(binary(), {arg});
        QVERIFY(p.waitForFinished(10000));
        QCOMPARE(p.exitCode(), 0);
        QVERIFY(QString::fromLocal8Bit(p.readAllStandardOutput()).contains(mentions));
    }

    void countStopsCapture_data()
    {
        QTest::addColumn<bool>("pooling");
        QTest::addColumn<int>("count");
        QTest::addColumn<QString>("group");
        QTest::addColumn<int>("port");
        const QString mdns = u"224.0.0.251"_s;
        QTest::newRow("pooled, 200") << true << 200 << mdns << 5353;
        QTest::newRow("no-pool, 200") << false << 200 << mdns << 5353;
        QTest::newRow("pooled, 1") << true << 1 << mdns << 5353;
        QTest::newRow("pooled, 20, 239.1.2.3 port 6000") << true << 20 << u"239.1.2.3"_s << 6000;
    }

    void countStopsCapture()
    {
        MDNSCOPE_REQUIRE_NETNS();
        QFETCH(bool, pooling);
        QFETCH(int, count);
        QFETCH(QString, group);
        QFETCH(int, port);
        constexpr int kSize = 100;
        QTemporaryDir dir;
        const QString statsPath = dir.filePath(u"s.json"_s);
        QStringList args{u"--headless"_s,        u"--interface"_s,  u"lo"_s,  u"--count"_s,
                         QString::number(count), u"--stats-json"_s, statsPath};
        if (!pooling)
            args << u"--no-pool"_s;
        args << u"--group"_s << group << u"--port"_s << QString::number(port);
        QProcess p;
        p.start(binary(), args);
        QVERIFY2(waitForJoin(p, groupHex(group), 10000), p.readAllStandardError().constData());

        MulticastSender::Options so;
        so.group = group;
        so.port = quint16(port);
        MulticastSender sender(so);
        QVERIFY2(sender.isOpen(), qPrintable(sender.errorString()));
        QVERIFY(sender.sendNumbered(QByteArray(kSize - 4, 'm'), count));
        QVERIFY(p.waitForFinished(10000));
        QCOMPARE(p.exitStatus(), QProcess::NormalExit);
        QVERIFY2(p.exitCode() == 0, p.readAllStandardError().constData());

        const QJsonObject s = readStats(statsPath);
        QVERIFY(!s.isEmpty());
        QCOMPARE(s.value(u"packets"_s).toInteger(), count);
        QCOMPARE(s.value(u"bytes"_s).toInteger(), qint64(count) * kSize);
        QCOMPARE(s.value(u"truncated"_s).toInteger(), 0);
        QCOMPARE(s.value(u"kernel_drops"_s).toInteger(), 0);
        QCOMPARE(s.value(u"pooling"_s).toBool(), pooling);
        QCOMPARE(s.value(u"interfaces"_s).toArray(), QJsonArray{u"lo"_s});
        const QJsonObject pool = s.value(u"pool"_s).toObject();
        for (const char *key : {"acquires", "releases", "hits", "misses", "in_use", "idle",
                                "peak_in_use", "trimmed", "bytes_zeroed"})
            QVERIFY2(pool.contains(QLatin1StringView(key)), key);
        QCOMPARE(pool.value(u"in_use"_s).toInteger(), 0);
        QCOMPARE(pool.value(u"acquires"_s).toInteger(), pool.value(u"releases"_s).toInteger());
        if (pooling)
            QVERIFY(pool.value(u"acquires"_s).toInteger() >= count);
        else
            QCOMPARE(pool.value(u"acquires"_s).toInteger(), 0);
        QVERIFY(s.contains(u"capture_thread"_s));
        QVERIFY(s.value(u"duration_seconds"_s).toDouble() > 0);
        if (s.value(u"allocation_counting"_s).toBool()) {
            const QJsonObject t = s.value(u"capture_thread"_s).toObject();
            QVERIFY(t.value(u"allocations"_s).toInteger() > 0);
            // The whole process: every thread's, so at least the capture thread's.
            const QJsonObject whole = s.value(u"process"_s).toObject();
            QVERIFY(whole.value(u"allocations"_s).toInteger() >=
                    t.value(u"allocations"_s).toInteger());
            QVERIFY(whole.value(u"bytes"_s).toInteger() >= t.value(u"bytes"_s).toInteger());
            const double bytesPerPacket = s.value(u"bytes_per_packet"_s).toDouble();
            if (!pooling) // one fresh 9000-byte buffer per datagram
                QVERIFY2(bytesPerPacket >= 9000, qPrintable(QString::number(bytesPerPacket)));
        }
    }

    void durationStopsCapture()
    {
        MDNSCOPE_REQUIRE_NETNS();
        QTemporaryDir dir;
        const QString statsPath = dir.filePath(u"s.json"_s);
        QElapsedTimer clock;
        clock.start();
        QProcess p;
        p.start(binary(), {u"--headless"_s, u"--interface"_s, u"lo"_s, u"--duration"_s, u"0.4"_s,
                           u"--stats-json"_s, statsPath});
        QVERIFY(waitForJoin(p, 10000));
        MulticastSender sender;
        QVERIFY(sender.sendNumbered("abc", 7));
        QVERIFY(p.waitForFinished(10000));
        QVERIFY2(p.exitCode() == 0, p.readAllStandardError().constData());
        const QJsonObject s = readStats(statsPath);
        QCOMPARE(s.value(u"packets"_s).toInteger(), 7);
        const double seconds = s.value(u"duration_seconds"_s).toDouble();
        QVERIFY2(seconds >= 0.4 && seconds < 5.0, qPrintable(QString::number(seconds)));
    }

    void sigtermStopsCapture()
    {
        MDNSCOPE_REQUIRE_NETNS();
        QProcess p;
        p.start(binary(), {u"--headless"_s, u"--interface"_s, u"lo"_s, u"--stats-json"_s, u"-"_s});
        QVERIFY(waitForJoin(p, 10000));
        MulticastSender sender;
        QVERIFY(sender.sendNumbered("hello", 5));
        QTest::qWait(100); // let the capture see them before the signal
        p.terminate();     // SIGTERM
        QVERIFY(p.waitForFinished(10000));
        QCOMPARE(p.exitStatus(), QProcess::NormalExit);
        QVERIFY2(p.exitCode() == 0, p.readAllStandardError().constData());
        QJsonParseError parseError;
        const QJsonDocument doc = QJsonDocument::fromJson(p.readAllStandardOutput(), &parseError);
        QVERIFY2(doc.isObject(), qPrintable(parseError.errorString())); // ONE JSON object
        QCOMPARE(doc.object().value(u"packets"_s).toInteger(), 5);
    }

    void runtimeFailures_data()
    {
        QTest::addColumn<QStringList>("args");
        QTest::addColumn<QString>("mentions");
        QTest::addColumn<bool>("onlyLine"); // failed before capturing: nothing else printed
        QTest::newRow("no such interface")
            << QStringList{u"--headless"_s, u"--interface"_s, u"nosuch0"_s, u"--duration"_s, u"1"_s}
            << u"nosuch0"_s << true;
        QTest::newRow("statistics file not writable") << QStringList{u"--headless"_s,
                                                                     u"--interface"_s,
                                                                     u"lo"_s,
                                                                     u"--duration"_s,
                                                                     u"0.1"_s,
                                                                     u"--stats-json"_s,
                                                                     u"/nonexistent-dir/s.json"_s}
                                                      << u"/nonexistent-dir/s.json"_s << false;
    }

    void runtimeFailures()
    {
        MDNSCOPE_REQUIRE_NETNS();
        QFETCH(QStringList, args);
        QFETCH(QString, mentions);
        QFETCH(bool, onlyLine);
        QProcess p;
        p.start(binary(), args);
        QVERIFY(p.waitForFinished(10000));
        QCOMPARE(p.exitStatus(), QProcess::NormalExit);
        QCOMPARE(p.exitCode(), 1);
        const QList<QByteArray> err = lines(p.readAllStandardError());
        QVERIFY(!err.isEmpty());
        if (onlyLine)
            QCOMPARE(err.size(), 1);
        QVERIFY2(QString::fromLocal8Bit(err.last()).contains(mentions), err.last().constData());
        QVERIFY(!QFile::exists(u"/nonexistent-dir/s.json"_s));
    }
};

MDNSCOPE_NETNS_TEST_GUILESS_MAIN(tst_CliHeadless)
#include "tst_cli_headless.moc"

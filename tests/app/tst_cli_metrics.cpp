#include "MdnsBuilder.h"
#include "MulticastSender.h"
#include "NetNamespace.h"

#include <QDir>
#include <QElapsedTimer>
#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QProcess>
#include <QRegularExpression>
#include <QScopeGuard>
#include <QStandardPaths>
#include <QTcpServer>
#include <QTcpSocket>
#include <QTemporaryDir>
#include <QTest>

#include <map>
#include <memory>

#include <csignal>
#include <sys/prctl.h>
#include <unistd.h>

using namespace Qt::StringLiterals;

// `mdnscope --headless --metrics ADDRESS:PORT` (MDNSCOPE_BINARY) in the test's private network
// namespace: bad addresses and a port in use fail with exit 2; a capture of built traffic on lo
// serves counters equal to what was sent and to --stats-json at the end, per host, per service
// type and per finding; and a real Prometheus server (Debian's prometheus), started in the same
// namespace on loopback, scrapes it and its HTTP API answers the same values.
class tst_CliMetrics final : public QObject
{
    Q_OBJECT

    static QString binary() { return QStringLiteral(MDNSCOPE_BINARY); }

    // A child that dies with the test (PR_SET_PDEATHSIG), so nothing outlives it in the namespace.
    static void start(QProcess &p, const QString &program, const QStringList &args)
    {
        p.setChildProcessModifier([] {
            ::prctl(PR_SET_PDEATHSIG, SIGKILL);
            if (::getppid() == 1)
                ::_exit(127);
        });
        p.start(program, args);
    }

    static bool waitForJoin(QProcess &p, int timeoutMs)
    {
        QElapsedTimer clock;
        clock.start();
        if (!p.waitForStarted(timeoutMs))
            return false;
        while (clock.elapsed() < timeoutMs) {
            if (p.state() != QProcess::Running)
                return false;
            QFile igmp(u"/proc/%1/net/igmp"_s.arg(p.processId()));
            if (igmp.open(QIODevice::ReadOnly) && igmp.readAll().contains("FB0000E0"))
                return true;
            QTest::qWait(10);
        }
        return false;
    }

    // GET over HTTP/1.0 (no chunked answer); the body, empty on failure, *status the code.
    static QByteArray httpGet(const QHostAddress &host, quint16 port, const QByteArray &path,
                              int *status = nullptr)
    {
        QTcpSocket s;
        s.connectToHost(host, port);
        if (!s.waitForConnected(5000))
            return {};
        s.write("GET " + path + " HTTP/1.0\r\nHost: test\r\n\r\n");
        QByteArray response;
        QElapsedTimer clock;
        clock.start();
        while (s.state() == QAbstractSocket::ConnectedState && clock.elapsed() < 10000) {
            s.waitForReadyRead(100);
            response += s.readAll();
        }
        response += s.readAll();
        const qsizetype at = response.indexOf("\r\n\r\n");
        if (status)
            *status = response.mid(9, 3).toInt();
        return at < 0 ? QByteArray() : response.mid(at + 4);
    }

    // The samples of a scrape: name{labels} -> value.
    static std::map<QString, double> parse(const QByteArray &text)
    {
        std::map<QString, double> out;
        for (const QByteArray &line : text.split('\n')) {
            if (line.isEmpty() || line.startsWith('#'))
                continue;
            const qsizetype space = line.lastIndexOf(' ');
            out[QString::fromUtf8(line.left(space))] = line.mid(space + 1).toDouble();
        }
        return out;
    }

    static double value(const std::map<QString, double> &m, const QString &key)
    {
        const auto it = m.find(key);
        return it == m.end() ? -1 : it->second;
    }

    static QJsonObject readJson(const QString &path)
    {
        QFile f(path);
        return f.open(QIODevice::ReadOnly) ? QJsonDocument::fromJson(f.readAll()).object()
                                           : QJsonObject();
    }

    static quint16 freePort()
    {
        QTcpServer probe;
        probe.listen(QHostAddress::LocalHost, 0);
        return probe.serverPort();
    }

    // The traffic of the tests: from 127.0.0.1 (an ephemeral port) a service announced (one
    // live _ipp._tcp instance; a response-source-port error finding) and `queries` queries;
    // from 169.254.0.1 port 5353 `fromLinkLocal` queries with IP TTL 1 (an ip-ttl warning) and
    // 2 datagrams that are not DNS (malformed). Returns the packets and
    // bytes sent, false on a send failure.
    struct Sent
    {
        int packets = 0;
        qint64 bytes = 0;
        int fromLoopback = 0, fromLinkLocal = 0;
    };
    static bool sendTraffic(int queries, int fromLinkLocal, Sent *sent)
    {
        using namespace MdnsBuilder;
        MulticastSender::Options lo;
        lo.sourceAddress = u"127.0.0.1"_s;
        MulticastSender loopback(lo);
        MulticastSender::Options o;
        o.sourceAddress = u"169.254.0.1"_s;
        o.sourcePort = 5353; // an mDNS querier, not a legacy resolver: its TTL is checked
        o.reuseAddress = true;
        o.ttl = 1;
        MulticastSender linkLocal(o);
        if (!loopback.isOpen() || !linkLocal.isOpen())
            return false;
        const auto send = [&](MulticastSender &s, const QByteArray &d, int *count) {
            if (!s.send(d))
                return false;
            ++sent->packets;
            sent->bytes += d.size();
            ++*count;
            QTest::qWait(1); // paced: nothing for the kernel to drop
            return true;
        };
        const QString instance = u"Office._ipp._tcp.local"_s;
        const QByteArray announce =
            response({ptr(u"_ipp._tcp.local"_s, instance),
                      with(srv(instance, 631, u"printer.local"_s), 120, true),
                      with(txt(instance, {"rp=ipp/print"}), 4500, true),
                      with(a(u"printer.local"_s, 0xA9FE0002), 120, true)});
        if (!send(loopback, announce, &sent->fromLoopback))
            return false;
        for (int i = 0; i < queries; ++i) {
            if (!send(loopback, query(u"_ipp._tcp.local"_s, 12), &sent->fromLoopback))
                return false;
        }
        for (int i = 0; i < fromLinkLocal; ++i) {
            if (!send(linkLocal, query(u"_http._tcp.local"_s, 12), &sent->fromLinkLocal))
                return false;
        }
        for (const QByteArray &junk : {"\x01\x02\x03"_ba, QByteArray(40, '\xff')}) {
            if (!send(linkLocal, junk, &sent->fromLinkLocal))
                return false;
        }
        return true;
    }

    // Scrapes until the packets counter reaches `packets` (the capture thread's statistics
    // come every 250 ms); the last scrape's samples.
    static std::map<QString, double> scrapeUntil(const QHostAddress &host, quint16 port,
                                                 int packets)
    {
        std::map<QString, double> m;
        QElapsedTimer clock;
        clock.start();
        while (clock.elapsed() < 20000) {
            m = parse(httpGet(host, port, "/metrics"));
            if (value(m, u"mdnscope_packets_received_total"_s) >= packets &&
                value(m, u"mdnscope_packets_malformed_total"_s) >= 2)
                break;
            QTest::qWait(100);
        }
        return m;
    }

private Q_SLOTS:
    void initTestCase() { QVERIFY2(QFile::exists(binary()), qPrintable(binary())); }

    void badArguments_data()
    {
        QTest::addColumn<QStringList>("args");
        QTest::addColumn<QString>("mentions");
        QTest::newRow("no --headless")
            << QStringList{u"--metrics"_s, u"127.0.0.1:9100"_s} << u"--headless"_s;
        QTest::newRow("with --read")
            << QStringList{u"--read"_s, u"x.pcap"_s, u"--metrics"_s, u"127.0.0.1:9100"_s}
            << u"--headless"_s;
        QTest::newRow("host name")
            << QStringList{u"--headless"_s, u"--metrics"_s, u"localhost:9100"_s} << u"localhost"_s;
        QTest::newRow("no port") << QStringList{u"--headless"_s, u"--metrics"_s, u"127.0.0.1"_s}
                                 << u"127.0.0.1"_s;
        QTest::newRow("IPv6 without brackets")
            << QStringList{u"--headless"_s, u"--metrics"_s, u"::1:9100"_s} << u"[::1]:9100"_s;
        QTest::newRow("port 65536")
            << QStringList{u"--headless"_s, u"--metrics"_s, u"127.0.0.1:65536"_s} << u"65536"_s;
    }

    void badArguments()
    {
        QFETCH(QStringList, args);
        QFETCH(QString, mentions);
        QProcess p;
        // As on a server: no display (a window mode would otherwise make a QApplication).
        QProcessEnvironment env = QProcessEnvironment::systemEnvironment();
        for (const char *name : {"DISPLAY", "WAYLAND_DISPLAY", "QT_QPA_PLATFORM"})
            env.remove(QString::fromLatin1(name));
        p.setProcessEnvironment(env);
        start(p, binary(), args);
        QVERIFY(p.waitForFinished(10000));
        QCOMPARE(p.exitStatus(), QProcess::NormalExit);
        QCOMPARE(p.exitCode(), 2);
        const QString err = QString::fromLocal8Bit(p.readAllStandardError());
        QCOMPARE(err.count(u'\n'), 1);
        QVERIFY2(err.contains(mentions) && err.contains(u"--metrics"_s), qPrintable(err));
    }

    // The address is taken (or not on this host): one line, exit 2, before any capture.
    void cannotListen_data()
    {
        QTest::addColumn<QString>("address");
        QTest::addColumn<QString>("mentions");
        QTest::newRow("in use") << QString() << u"cannot listen on 127.0.0.1:"_s;
        QTest::newRow("not on this host") << u"192.0.2.1:9100"_s << u"192.0.2.1:9100"_s;
    }

    void cannotListen()
    {
        MDNSCOPE_REQUIRE_NETNS();
        QFETCH(QString, address);
        QFETCH(QString, mentions);
        QTcpServer taken;
        QVERIFY(taken.listen(QHostAddress::LocalHost, 0));
        if (address.isEmpty()) {
            address = u"127.0.0.1:%1"_s.arg(taken.serverPort());
            mentions += QString::number(taken.serverPort());
        }
        QTemporaryDir dir;
        QProcess p;
        start(p, binary(),
              {u"--headless"_s, u"--interface"_s, u"lo"_s, u"--duration"_s, u"10"_s, u"--metrics"_s,
               address, u"--json"_s, dir.filePath(u"p.jsonl"_s)});
        QVERIFY(p.waitForFinished(5000)); // at once, not after the duration
        QCOMPARE(p.exitCode(), 2);
        const QString err = QString::fromLocal8Bit(p.readAllStandardError());
        QVERIFY2(err.contains(mentions), qPrintable(err));
        QVERIFY(!err.contains(u"listening for"_s));                 // the capture never started
        QVERIFY(QDir(dir.path()).entryList(QDir::Files).isEmpty()); // no output left
    }

    // Scraped directly (IPv4 and IPv6 loopback): the counters equal what was sent, per host
    // too, the service and the finding show, and the final --stats-json agrees.
    void scrape_data()
    {
        QTest::addColumn<QString>("host");
        QTest::newRow("IPv4") << u"127.0.0.1"_s;
        QTest::newRow("IPv6") << u"::1"_s;
    }

    void scrape()
    {
        MDNSCOPE_REQUIRE_NETNS();
        QFETCH(QString, host);
        const QHostAddress address(host);
        const quint16 port = freePort();
        const QString where =
            (address.protocol() == QAbstractSocket::IPv6Protocol ? u"[%1]"_s.arg(host) : host) +
            u":%1"_s.arg(port);
        QTemporaryDir dir;
        const QString statsPath = dir.filePath(u"s.json"_s);
        QProcess p;
        start(p, binary(),
              {u"--headless"_s, u"--interface"_s, u"lo"_s, u"--family"_s, u"ipv4"_s, u"--metrics"_s,
               where, u"--stats-json"_s, statsPath});
        const auto stop = qScopeGuard([&] {
            p.kill();
            p.waitForFinished(5000);
        });
        QVERIFY(waitForJoin(p, 10000)); // (QVERIFY2's message would read standard error)

        // Before any packet: served, all zero.
        int status = 0;
        auto m = parse(httpGet(address, port, "/metrics", &status));
        QCOMPARE(status, 200);
        QCOMPARE(value(m, u"mdnscope_packets_received_total"_s), 0.0);
        status = 0;
        httpGet(address, port, "/", &status);
        QCOMPARE(status, 404);

        Sent sent;
        QVERIFY(sendTraffic(30, 12, &sent));
        m = scrapeUntil(address, port, sent.packets);
        QCOMPARE(value(m, u"mdnscope_packets_received_total"_s), double(sent.packets));
        QCOMPARE(value(m, u"mdnscope_received_bytes_total"_s), double(sent.bytes));
        QCOMPARE(value(m, u"mdnscope_packets_malformed_total"_s), 2.0);
        QCOMPARE(value(m, u"mdnscope_packets_kernel_dropped_total"_s), 0.0);
        QCOMPARE(value(m, u"mdnscope_packets_truncated_total"_s), 0.0);
        QCOMPARE(value(m, u"mdnscope_interfaces_joined"_s), 1.0);
        QCOMPARE(value(m, u"mdnscope_host_packets_total{host=\"127.0.0.1\"}"_s),
                 double(sent.fromLoopback));
        QCOMPARE(value(m, u"mdnscope_host_packets_total{host=\"169.254.0.1\"}"_s),
                 double(sent.fromLinkLocal));
        QCOMPARE(value(m, u"mdnscope_service_instances{type=\"_ipp._tcp\"}"_s), 1.0);
        QVERIFY2(value(m, u"mdnscope_findings{rule=\"ip-ttl\",severity=\"warning\"}"_s) >= 1,
                 "no ip-ttl finding");
        QCOMPARE(value(m, u"mdnscope_findings{rule=\"response-source-port\",severity=\"error\"}"_s),
                 1.0);
        QVERIFY(value(m, u"mdnscope_pool_leases_total"_s) >= sent.packets);

        // Stopped: the final statistics are what the last scrape said.
        ::kill(pid_t(p.processId()), SIGTERM);
        QVERIFY(p.waitForFinished(10000));
        QCOMPARE(p.exitCode(), 0);
        const QByteArray err = p.readAllStandardError();
        QVERIFY2(
            err.contains(QByteArray("serving metrics at http://" + where.toUtf8() + "/metrics")),
            err.constData());
        const QJsonObject stats = readJson(statsPath);
        QCOMPARE(stats.value(u"packets"_s).toInteger(), sent.packets);
        QCOMPARE(stats.value(u"bytes"_s).toInteger(), sent.bytes);
        QCOMPARE(double(stats.value(u"pool"_s).toObject().value(u"acquires"_s).toInteger()),
                 value(m, u"mdnscope_pool_leases_total"_s));
        if (stats.value(u"allocation_counting"_s).toBool()) {
            // The capture thread allocates nothing per packet once warm: its count may have
            // moved on a little after the scrape, never back.
            const double scraped =
                value(m, u"mdnscope_allocations_total{scope=\"capture_thread\"}"_s);
            QVERIFY(scraped >= 0);
            QVERIFY(
                stats.value(u"capture_thread"_s).toObject().value(u"allocations"_s).toDouble() >=
                scraped);
        } else {
            QCOMPARE(value(m, u"mdnscope_allocation_counting"_s), 0.0);
        }
        // Stopped: nothing listens any more.
        QTcpSocket after;
        after.connectToHost(address, port);
        QVERIFY(!after.waitForConnected(2000));
    }

    // A real Prometheus (the Debian package) in this namespace, on loopback, scraping the
    // headless capture every second: its HTTP API answers the counters equal to the packets
    // sent and to --stats-json at the end.
    void prometheusScrapes()
    {
        MDNSCOPE_REQUIRE_NETNS();
        const QString prometheus = QStandardPaths::findExecutable(u"prometheus"_s);
        if (prometheus.isEmpty())
            QSKIP(
                "prometheus is not installed (Debian package prometheus; scripts/install-deps.sh)");
        const quint16 metricsPort = freePort();
        const quint16 apiPort = freePort();
        QVERIFY(metricsPort != apiPort);
        QTemporaryDir dir;
        QFile config(dir.filePath(u"prometheus.yml"_s));
        QVERIFY(config.open(QIODevice::WriteOnly));
        config.write("global:\n  scrape_interval: 1s\n  scrape_timeout: 1s\n"
                     "scrape_configs:\n  - job_name: mdnscope\n    static_configs:\n"
                     "      - targets: ['127.0.0.1:" +
                     QByteArray::number(metricsPort) + "']\n");
        config.close();

        const QString statsPath = dir.filePath(u"s.json"_s);
        QProcess capture;
        start(capture, binary(),
              {u"--headless"_s, u"--interface"_s, u"lo"_s, u"--family"_s, u"ipv4"_s, u"--metrics"_s,
               u"127.0.0.1:%1"_s.arg(metricsPort), u"--stats-json"_s, statsPath});
        QVERIFY2(waitForJoin(capture, 10000), capture.readAllStandardError().constData());
        const auto stopCapture = qScopeGuard([&] {
            capture.kill();
            capture.waitForFinished(5000);
        });

        QProcess server;
        server.setProcessChannelMode(QProcess::MergedChannels);
        start(server, prometheus,
              {u"--config.file="_s + config.fileName(),
               u"--storage.tsdb.path="_s + dir.filePath(u"data"_s),
               u"--web.listen-address=127.0.0.1:%1"_s.arg(apiPort),
               u"--storage.tsdb.retention.time=1h"_s});
        QVERIFY(server.waitForStarted(10000));
        const auto stopServer = qScopeGuard([&] {
            server.terminate();
            if (!server.waitForFinished(10000))
                server.kill();
        });

        const auto query = [&](const QByteArray &promql) -> double {
            const QByteArray body = httpGet(QHostAddress::LocalHost, apiPort,
                                            "/api/v1/query?query=" + promql.toPercentEncoding());
            const QJsonArray result = QJsonDocument::fromJson(body)
                                          .object()
                                          .value(u"data"_s)
                                          .toObject()
                                          .value(u"result"_s)
                                          .toArray();
            if (result.size() != 1)
                return -1;
            return result.at(0).toObject().value(u"value"_s).toArray().at(1).toString().toDouble();
        };
        // Prometheus is up and has scraped the target once.
        QElapsedTimer clock;
        clock.start();
        while (query("up{job=\"mdnscope\"}") != 1 && clock.elapsed() < 20000) {
            QVERIFY2(server.state() == QProcess::Running, server.readAll().constData());
            QTest::qWait(200);
        }
        QVERIFY2(query("up{job=\"mdnscope\"}") == 1, server.readAll().constData());

        Sent sent;
        QVERIFY(sendTraffic(40, 10, &sent));
        clock.restart();
        while (query("mdnscope_packets_received_total") != sent.packets && clock.elapsed() < 20000)
            QTest::qWait(200);
        QCOMPARE(query("mdnscope_packets_received_total"), double(sent.packets));
        QCOMPARE(query("mdnscope_received_bytes_total"), double(sent.bytes));
        QCOMPARE(query("sum(mdnscope_host_packets_total)"), double(sent.packets));
        QCOMPARE(query("mdnscope_host_packets_total{host=\"169.254.0.1\"}"),
                 double(sent.fromLinkLocal));
        QCOMPARE(query("mdnscope_service_instances{type=\"_ipp._tcp\"}"), 1.0);
        QCOMPARE(query("mdnscope_packets_malformed_total"), 2.0);

        ::kill(pid_t(capture.processId()), SIGTERM);
        QVERIFY(capture.waitForFinished(10000));
        QCOMPARE(capture.exitCode(), 0);
        const QJsonObject stats = readJson(statsPath);
        QCOMPARE(stats.value(u"packets"_s).toInteger(), sent.packets);
        QCOMPARE(double(stats.value(u"bytes"_s).toInteger()),
                 query("mdnscope_received_bytes_total"));
    }
};

MDNSCOPE_NETNS_TEST_GUILESS_MAIN(tst_CliMetrics)
#include "tst_cli_metrics.moc"

#include "MetricsServer.h"

#include <QElapsedTimer>
#include <QRandomGenerator>
#include <QSignalSpy>
#include <QTcpSocket>
#include <QTest>

#include <memory>
#include <vector>

using namespace Qt::StringLiterals;

// MetricsServer's HTTP/1.1 responder on loopback, inside this test process (its clients are
// QTcpSockets of the same event loop): what it answers to GET /metrics and to everything else,
// and how it treats clients that send too much, too slowly, garbage, or all at once. A client
// is never left hanging and the server never crashes.
class tst_MetricsServer final : public QObject
{
    Q_OBJECT

    static constexpr int kTimeoutMs = 400; // the test server's request deadline

    std::unique_ptr<MetricsServer> m_server;
    int m_provided = 0;

    std::unique_ptr<MetricsServer> makeServer(const MetricsServer::Limits &limits)
    {
        auto server = std::make_unique<MetricsServer>(
            [this] {
                ++m_provided;
                return "test_metric_total 42\n"_ba;
            },
            limits);
        QString error;
        if (!server->listen(QHostAddress::LocalHost, 0, &error))
            qWarning("%s", qPrintable(error));
        return server;
    }

    // Connects, sends `request` (in one piece) and reads until the server closes; the whole
    // response, empty when the server did not close within `waitMs`.
    QByteArray exchange(const QByteArray &request, int waitMs = 10000)
    {
        QTcpSocket socket;
        socket.connectToHost(QHostAddress::LocalHost, m_server->port());
        if (!socket.waitForConnected(5000))
            return {};
        socket.write(request);
        return readUntilClosed(socket, waitMs);
    }

    static QByteArray readUntilClosed(QTcpSocket &socket, int waitMs)
    {
        QByteArray response;
        QElapsedTimer clock;
        clock.start();
        while (socket.state() == QAbstractSocket::ConnectedState && clock.elapsed() < waitMs) {
            QTest::qWait(5);
            response += socket.readAll();
        }
        response += socket.readAll();
        if (socket.state() == QAbstractSocket::ConnectedState)
            return {}; // not closed by the server
        return response;
    }

    static QByteArray statusLine(const QByteArray &response)
    {
        return response.left(response.indexOf("\r\n"));
    }

    static QByteArray body(const QByteArray &response)
    {
        const qsizetype at = response.indexOf("\r\n\r\n");
        return at < 0 ? QByteArray() : response.mid(at + 4);
    }

    bool waitForIdle()
    {
        return QTest::qWaitFor([this] { return m_server->openConnections() == 0; }, 10000);
    }

private Q_SLOTS:
    void init()
    {
        MetricsServer::Limits limits;
        limits.requestTimeoutMs = kTimeoutMs;
        limits.maxConnections = 4;
        m_server = makeServer(limits);
        QVERIFY(m_server->port() != 0);
        m_provided = 0;
    }

    void cleanup()
    {
        QVERIFY(waitForIdle()); // every connection closed and released
        m_server.reset();
    }

    void parseAddress_data()
    {
        QTest::addColumn<QString>("text");
        QTest::addColumn<bool>("ok");
        QTest::addColumn<QString>("address");
        QTest::addColumn<int>("port");
        QTest::newRow("IPv4") << u"127.0.0.1:9100"_s << true << u"127.0.0.1"_s << 9100;
        QTest::newRow("IPv6") << u"[::1]:9100"_s << true << u"::1"_s << 9100;
        QTest::newRow("any IPv4") << u"0.0.0.0:80"_s << true << u"0.0.0.0"_s << 80;
        QTest::newRow("port 0") << u"127.0.0.1:0"_s << true << u"127.0.0.1"_s << 0;
        QTest::newRow("IPv6 without brackets") << u"::1:9100"_s << false << QString() << 0;
        QTest::newRow("host name") << u"localhost:9100"_s << false << QString() << 0;
        QTest::newRow("no port") << u"127.0.0.1"_s << false << QString() << 0;
        QTest::newRow("empty port") << u"127.0.0.1:"_s << false << QString() << 0;
        QTest::newRow("port too big") << u"127.0.0.1:65536"_s << false << QString() << 0;
        QTest::newRow("no address") << u":9100"_s << false << QString() << 0;
        QTest::newRow("IPv4 in brackets") << u"[127.0.0.1]:9100"_s << false << QString() << 0;
        QTest::newRow("unclosed bracket") << u"[::1:9100"_s << false << QString() << 0;
        QTest::newRow("empty") << QString() << false << QString() << 0;
    }

    void parseAddress()
    {
        QFETCH(QString, text);
        QFETCH(bool, ok);
        QFETCH(QString, address);
        QFETCH(int, port);
        QHostAddress parsed;
        quint16 parsedPort = 1;
        QString error;
        QCOMPARE(MetricsServer::parseAddress(text, &parsed, &parsedPort, &error), ok);
        if (ok) {
            QCOMPARE(parsed, QHostAddress(address));
            QCOMPARE(parsedPort, port);
        } else {
            QVERIFY(!error.isEmpty());
        }
    }

    void scrape()
    {
        const QByteArray r = exchange("GET /metrics HTTP/1.1\r\nHost: x\r\n\r\n");
        QCOMPARE(statusLine(r), "HTTP/1.1 200 OK"_ba);
        QVERIFY(r.contains("\r\nContent-Type: text/plain; version=0.0.4; charset=utf-8\r\n"));
        QVERIFY(r.contains("\r\nContent-Length: 21\r\n"));
        QVERIFY(r.contains("\r\nConnection: close\r\n"));
        QCOMPARE(body(r), "test_metric_total 42\n"_ba);
        QCOMPARE(m_server->scrapes(), 1u);
        QCOMPARE(m_provided, 1);
    }

    void answers_data()
    {
        QTest::addColumn<QByteArray>("request");
        QTest::addColumn<QByteArray>("status");
        QTest::newRow("HTTP/1.0, bare LF") << "GET /metrics HTTP/1.0\n\n"_ba
                                           << "HTTP/1.1 200 OK"_ba;
        QTest::newRow("query string") << "GET /metrics?x=1 HTTP/1.1\r\n\r\n"_ba
                                      << "HTTP/1.1 200 OK"_ba;
        QTest::newRow("root") << "GET / HTTP/1.1\r\n\r\n"_ba
                              << "HTTP/1.1 404 Not Found"_ba;
        QTest::newRow("other path") << "GET /metricsx HTTP/1.1\r\n\r\n"_ba
                                    << "HTTP/1.1 404 Not Found"_ba;
        QTest::newRow("POST") << "POST /metrics HTTP/1.1\r\nContent-Length: 0\r\n\r\n"_ba
                              << "HTTP/1.1 405 Method Not Allowed"_ba;
        QTest::newRow("DELETE") << "DELETE /metrics HTTP/1.1\r\n\r\n"_ba
                                << "HTTP/1.1 405 Method Not Allowed"_ba;
        QTest::newRow("HTTP/2.0") << "GET /metrics HTTP/2.0\r\n\r\n"_ba
                                  << "HTTP/1.1 505 HTTP Version Not Supported"_ba;
        QTest::newRow("no version") << "GET /metrics\r\n\r\n"_ba
                                    << "HTTP/1.1 400 Bad Request"_ba;
        QTest::newRow("two spaces") << "GET  /metrics HTTP/1.1\r\n\r\n"_ba
                                    << "HTTP/1.1 400 Bad Request"_ba;
        QTest::newRow("absolute URI") << "GET http://x/metrics HTTP/1.1\r\n\r\n"_ba
                                      << "HTTP/1.1 400 Bad Request"_ba;
        QTest::newRow("not HTTP") << "GET /metrics FTP/1.1\r\n\r\n"_ba
                                  << "HTTP/1.1 400 Bad Request"_ba;
        QTest::newRow("header without colon") << "GET /metrics HTTP/1.1\r\nHost x\r\n\r\n"_ba
                                              << "HTTP/1.1 400 Bad Request"_ba;
        QTest::newRow("space before colon") << "GET /metrics HTTP/1.1\r\nHost : x\r\n\r\n"_ba
                                            << "HTTP/1.1 400 Bad Request"_ba;
        QTest::newRow("NUL byte") << QByteArray("GET /met\0rics HTTP/1.1\r\n\r\n", 26)
                                  << "HTTP/1.1 400 Bad Request"_ba;
        QTest::newRow("binary") << QByteArray("\x16\x03\x01\x02\x00\x01\x00\x01\xfc\x03\x03\n\n",
                                              13)
                                << "HTTP/1.1 400 Bad Request"_ba;
        QTest::newRow("UTF-8 in the path") << "GET /m\xc3\xa9trics HTTP/1.1\r\n\r\n"_ba
                                           << "HTTP/1.1 400 Bad Request"_ba;
        QTest::newRow("empty request line") << "\r\n\r\n"_ba
                                            << "HTTP/1.1 400 Bad Request"_ba;
    }

    // Each request gets its status line and the connection is closed after it.
    void answers()
    {
        QFETCH(QByteArray, request);
        QFETCH(QByteArray, status);
        const QByteArray r = exchange(request);
        QCOMPARE(statusLine(r), status);
        QVERIFY(r.contains("\r\nConnection: close\r\n"));
        if (status.contains("405"))
            QVERIFY(r.contains("\r\nAllow: GET, HEAD\r\n"));
        QCOMPARE(m_provided, status.contains("200") ? 1 : 0); // rendered only for a scrape
    }

    void headHasNoBody()
    {
        const QByteArray r = exchange("HEAD /metrics HTTP/1.1\r\n\r\n");
        QCOMPARE(statusLine(r), "HTTP/1.1 200 OK"_ba);
        QVERIFY(r.contains("\r\nContent-Length: 21\r\n"));
        QVERIFY(body(r).isEmpty());
        QVERIFY(body(exchange("HEAD /nothing HTTP/1.1\r\n\r\n")).isEmpty());
    }

    // A request head over the limit (8 KiB) is refused with 431, whether it ends or not.
    void headTooLarge()
    {
        const QByteArray big = "GET /metrics HTTP/1.1\r\nX-Filler: " + QByteArray(9000, 'a');
        QCOMPARE(statusLine(exchange(big)), "HTTP/1.1 431 Request Header Fields Too Large"_ba);
        QCOMPARE(statusLine(exchange(big + "\r\n\r\n")),
                 "HTTP/1.1 431 Request Header Fields Too Large"_ba);
        // Just under the limit: answered.
        const QByteArray head = "GET /metrics HTTP/1.1\r\nX-Filler: ";
        const QByteArray fits = head + QByteArray(8192 - head.size() - 4, 'a') + "\r\n\r\n";
        QCOMPARE(fits.size(), 8192);
        QCOMPARE(statusLine(exchange(fits)), "HTTP/1.1 200 OK"_ba);
        QCOMPARE(m_server->scrapes(), 1u);
    }

    // A request sent a few bytes at a time is answered once complete.
    void requestInPieces()
    {
        QTcpSocket socket;
        socket.connectToHost(QHostAddress::LocalHost, m_server->port());
        QVERIFY(socket.waitForConnected(5000));
        const QByteArray request = "GET /metrics HTTP/1.1\r\nHost: a\r\n\r\n";
        for (qsizetype i = 0; i < request.size(); i += 5) {
            socket.write(request.mid(i, 5));
            socket.flush();
            QTest::qWait(5);
        }
        const QByteArray r = readUntilClosed(socket, 10000);
        QCOMPARE(statusLine(r), "HTTP/1.1 200 OK"_ba);
    }

    // A client that sends nothing, or never finishes its request, is cut off at the deadline
    // without an answer; the server goes on serving.
    void slowClientCutOff_data()
    {
        QTest::addColumn<QByteArray>("sent");
        QTest::newRow("nothing") << QByteArray();
        QTest::newRow("half a request line") << "GET /metr"_ba;
        QTest::newRow("no empty line") << "GET /metrics HTTP/1.1\r\nHost: x\r\n"_ba;
    }

    void slowClientCutOff()
    {
        QFETCH(QByteArray, sent);
        QTcpSocket slow;
        slow.connectToHost(QHostAddress::LocalHost, m_server->port());
        QVERIFY(slow.waitForConnected(5000));
        slow.write(sent);
        QElapsedTimer clock;
        clock.start();
        // Meanwhile a scrape is answered.
        QCOMPARE(statusLine(exchange("GET /metrics HTTP/1.1\r\n\r\n")), "HTTP/1.1 200 OK"_ba);
        const QByteArray r = readUntilClosed(slow, 10000);
        QVERIFY(slow.state() != QAbstractSocket::ConnectedState);
        QVERIFY2(clock.elapsed() >= kTimeoutMs - 50, qPrintable(QString::number(clock.elapsed())));
        QVERIFY(r.isEmpty()); // no answer: cut off
        QVERIFY(m_server->refused() >= 1);
    }

    // More open connections than the limit (4): the extra ones get 503 at once; once the idle
    // ones are cut off, scrapes are answered again.
    void connectionLimit()
    {
        std::vector<std::unique_ptr<QTcpSocket>> idle;
        for (int i = 0; i < 4; ++i) {
            idle.push_back(std::make_unique<QTcpSocket>());
            idle.back()->connectToHost(QHostAddress::LocalHost, m_server->port());
            QVERIFY(idle.back()->waitForConnected(5000));
        }
        QVERIFY(QTest::qWaitFor([this] { return m_server->openConnections() == 4; }, 5000));
        const QByteArray refused = exchange("GET /metrics HTTP/1.1\r\n\r\n");
        QCOMPARE(statusLine(refused), "HTTP/1.1 503 Service Unavailable"_ba);
        QVERIFY(refused.contains("\r\nRetry-After: 1\r\n"));
        QCOMPARE(m_provided, 0);
        for (auto &s : idle)
            readUntilClosed(*s, 10000); // cut off at the deadline
        QVERIFY(waitForIdle());
        QCOMPARE(statusLine(exchange("GET /metrics HTTP/1.1\r\n\r\n")), "HTTP/1.1 200 OK"_ba);
    }

    // Many scrapes at once, within the limit: each is answered in full.
    void concurrentScrapes()
    {
        std::vector<std::unique_ptr<QTcpSocket>> clients;
        for (int i = 0; i < 4; ++i) {
            clients.push_back(std::make_unique<QTcpSocket>());
            clients.back()->connectToHost(QHostAddress::LocalHost, m_server->port());
        }
        for (auto &c : clients) {
            QVERIFY(c->waitForConnected(5000));
            c->write("GET /metrics HTTP/1.1\r\n\r\n");
        }
        for (auto &c : clients) {
            const QByteArray r = readUntilClosed(*c, 10000);
            QCOMPARE(statusLine(r), "HTTP/1.1 200 OK"_ba);
            QCOMPARE(body(r), "test_metric_total 42\n"_ba);
        }
        QCOMPARE(m_server->scrapes(), 4u);
    }

    // A client that goes away mid-request, or resets, leaves nothing behind.
    void clientGoesAway()
    {
        QSignalSpy closedSpy(m_server.get(), &MetricsServer::connectionClosed);
        for (int i = 0; i < 20; ++i) {
            QTcpSocket s;
            s.connectToHost(QHostAddress::LocalHost, m_server->port());
            QVERIFY(s.waitForConnected(5000));
            s.write("GET /metrics HT");
            s.flush();
            if (i % 2)
                s.abort();
            else
                s.disconnectFromHost();
        }
        QTRY_COMPARE_WITH_TIMEOUT(closedSpy.count(), 20, 10000);
        QVERIFY(waitForIdle());
        QCOMPARE(statusLine(exchange("GET /metrics HTTP/1.1\r\n\r\n")), "HTTP/1.1 200 OK"_ba);
    }

    // Data after the request (a body, pipelined requests) does not change the one answer.
    void trailingData()
    {
        const QByteArray r = exchange("GET /metrics HTTP/1.1\r\n\r\nGET / HTTP/1.1\r\n\r\njunk");
        QCOMPARE(statusLine(r), "HTTP/1.1 200 OK"_ba);
        QCOMPARE(r.count("HTTP/1.1 "), 1);
    }

    // Random requests (a fixed seed): random bytes, and a valid request with random bytes
    // swapped in, each ended by an empty line. Each gets one HTTP answer and is closed.
    void randomRequests()
    {
        QRandomGenerator random(20);
        const QByteArray valid = "GET /metrics HTTP/1.1\r\nHost: x\r\nAccept: */*\r\n";
        for (int i = 0; i < 200; ++i) {
            QByteArray request;
            if (i % 2) {
                request.resize(random.bounded(1, 300));
                for (char &c : request)
                    c = char(random.bounded(256));
            } else {
                request = valid;
                for (int n = random.bounded(1, 4); n > 0; --n)
                    request[random.bounded(int(request.size()))] = char(random.bounded(256));
            }
            const QByteArray r = exchange(request + "\r\n\r\n");
            QVERIFY2(r.startsWith("HTTP/1.1 "), request.toHex().constData());
            QCOMPARE(r.count("HTTP/1.1 "), 1);
        }
    }

    void addressInUse()
    {
        MetricsServer other([] { return QByteArray(); });
        QString error;
        QVERIFY(!other.listen(QHostAddress::LocalHost, m_server->port(), &error));
        QVERIFY2(error.contains(QString::number(m_server->port())), qPrintable(error));
    }
};

QTEST_GUILESS_MAIN(tst_MetricsServer)
#include "tst_metricsserver.moc"

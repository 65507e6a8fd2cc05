#pragma once

#include <QByteArray>
#include <QHostAddress>
#include <QObject>
#include <QString>

#include <functional>

class QTcpServer;
class QTcpSocket;

// The scrape endpoint: a minimal HTTP/1.1 responder on a QTcpServer, for Prometheus. Only
// `GET /metrics` (and HEAD) is answered, 200 with the text the provider renders at that moment
// (on this object's thread: the provider reads the counters where they live, so a scrape never
// waits on the capture); any other path is 404, any other method 405, a request that is not
// HTTP/1.x 400, a request head beyond the limit 431, a connection beyond the limit 503. Each
// response says Connection: close and the connection is closed after it. Hardened: the request
// head (request line and headers) is at most `maxRequestBytes`, at most `maxConnections` are
// open at once, a connection that has not sent a complete request head within `requestTimeoutMs`
// (or has not taken its whole response within the same time again) is cut off. Never a crash
// on what a client sends. Lives on one thread (the main thread's event loop).
class MetricsServer final : public QObject
{
    Q_OBJECT
public:
    struct Limits
    {
        qsizetype maxRequestBytes = 8192;
        int maxConnections = 16;
        int requestTimeoutMs = 5000;
    };
    using Provider = std::function<QByteArray()>;

    explicit MetricsServer(Provider provider, QObject *parent = nullptr);
    MetricsServer(Provider provider, const Limits &limits, QObject *parent = nullptr);
    ~MetricsServer() override;

    // "127.0.0.1:9100", "[::1]:9100", "[fe80::1%eth0]:9100", "0.0.0.0:9100": an address (no
    // host name: it listens only where told) and a port (0: any free one, for tests). False
    // with a one-line reason otherwise.
    static bool parseAddress(const QString &text, QHostAddress *address, quint16 *port,
                             QString *error);
    // Starts listening; false with a one-line reason (the address is in use, not on this host).
    bool listen(const QHostAddress &address, quint16 port, QString *error);
    quint16 port() const;
    QHostAddress address() const;

    // Since the start: scrapes answered with 200, and requests refused (4xx, 5xx, cut off).
    quint64 scrapes() const { return m_scrapes; }
    quint64 refused() const { return m_refused; }
    int openConnections() const { return m_open; }

Q_SIGNALS:
    // A connection was closed (answered, refused or cut off): for tests.
    void connectionClosed();

private:
    class Connection;
    void accept();
    void handle(Connection *connection);
    void respond(Connection *connection, QByteArrayView status, QByteArrayView contentType,
                 const QByteArray &body, bool withBody, QByteArrayView extraHeaders = {});
    void closed(Connection *connection);

    Provider m_provider;
    Limits m_limits;
    QTcpServer *m_server;
    int m_open = 0;
    quint64 m_scrapes = 0;
    quint64 m_refused = 0;
};

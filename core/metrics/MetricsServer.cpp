#include "MetricsServer.h"

#include "MetricsText.h"

#include <QBasicTimer>
#include <QCoreApplication>
#include <QTcpServer>
#include <QTcpSocket>
#include <QTimerEvent>

#include <algorithm>
#include <cctype>

using namespace Qt::StringLiterals;

// One client: its socket, the request head read so far, and the deadline it must meet.
class MetricsServer::Connection final : public QObject
{
public:
    Connection(QTcpSocket *socket, MetricsServer *server)
        : QObject(server)
        , socket(socket)
        , m_server(server)
    {
        socket->setParent(this);
    }

    void startDeadline(int ms) { m_deadline.start(ms, this); }

    QTcpSocket *socket;
    QByteArray head;
    bool answered = false;
    bool closed = false;

protected:
    void timerEvent(QTimerEvent *event) override
    {
        if (event->timerId() != m_deadline.timerId())
            return;
        m_deadline.stop();
        if (!answered)
            ++m_server->m_refused;
        socket->abort(); // too slow to ask or to take the answer: cut off
        m_server->closed(this);
    }

private:
    MetricsServer *m_server;
    QBasicTimer m_deadline;
};

namespace {

bool isTokenChar(char c)
{
    // RFC 9110 tchar
    if ((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9'))
        return true;
    return QByteArrayView("!#$%&'*+-.^_`|~").contains(c);
}

bool isToken(QByteArrayView text)
{
    return !text.isEmpty() && std::all_of(text.begin(), text.end(), isTokenChar);
}

// The end of the request head (just past the empty line), or -1 while it is not complete.
qsizetype headEnd(const QByteArray &buffer)
{
    const qsizetype crlf = buffer.indexOf("\r\n\r\n");
    const qsizetype lf = buffer.indexOf("\n\n");
    if (crlf < 0 && lf < 0)
        return -1;
    if (lf < 0 || (crlf >= 0 && crlf < lf))
        return crlf + 4;
    return lf + 2;
}

} // namespace

MetricsServer::MetricsServer(Provider provider, QObject *parent)
    : MetricsServer(std::move(provider), Limits{}, parent)
{}

MetricsServer::MetricsServer(Provider provider, const Limits &limits, QObject *parent)
    : QObject(parent)
    , m_provider(std::move(provider))
    , m_limits(limits)
    , m_server(new QTcpServer(this))
{
    connect(m_server, &QTcpServer::pendingConnectionAvailable, this, &MetricsServer::accept);
}

MetricsServer::~MetricsServer() = default;

bool MetricsServer::parseAddress(const QString &text, QHostAddress *address, quint16 *port,
                                 QString *error)
{
    const auto fail = [&](const QString &why) {
        if (error)
            *error = why;
        return false;
    };
    QString host;
    QString portText;
    if (text.startsWith(u'[')) {
        const qsizetype close = text.indexOf(u']');
        if (close < 0 || close + 1 >= text.size() || text.at(close + 1) != u':')
            return fail(QCoreApplication::translate("MetricsServer",
                                                    "'%1' is not ADDRESS:PORT (an IPv6 address in "
                                                    "brackets: [::1]:9100)")
                            .arg(text));
        host = text.mid(1, close - 1);
        portText = text.mid(close + 2);
    } else {
        const qsizetype colon = text.lastIndexOf(u':');
        if (colon <= 0 || text.indexOf(u':') != colon)
            return fail(
                QCoreApplication::translate(
                    "MetricsServer", "'%1' is not ADDRESS:PORT (e.g. 127.0.0.1:9100 or [::1]:9100)")
                    .arg(text));
        host = text.left(colon);
        portText = text.mid(colon + 1);
    }
    QHostAddress parsed;
    if (host.isEmpty() || !parsed.setAddress(host) ||
        (text.startsWith(u'[') && parsed.protocol() != QAbstractSocket::IPv6Protocol))
        return fail(
            QCoreApplication::translate("MetricsServer", "'%1' is not an IP address").arg(host));
    bool ok = false;
    const uint value = portText.toUInt(&ok);
    if (!ok || value > 65535 || portText.startsWith(u'+'))
        return fail(QCoreApplication::translate("MetricsServer", "'%1' is not a port number")
                        .arg(portText));
    *address = parsed;
    *port = quint16(value);
    return true;
}

bool MetricsServer::listen(const QHostAddress &address, quint16 port, QString *error)
{
    if (m_server->listen(address, port))
        return true;
    if (error) {
        const QString where = address.protocol() == QAbstractSocket::IPv6Protocol
                                  ? u"[%1]:%2"_s.arg(address.toString()).arg(port)
                                  : u"%1:%2"_s.arg(address.toString()).arg(port);
        //: %1: ADDRESS:PORT, %2: the system's reason
        *error = QCoreApplication::translate("MetricsServer", "cannot listen on %1: %2")
                     .arg(where, m_server->errorString());
    }
    return false;
}

quint16 MetricsServer::port() const
{
    return m_server->serverPort();
}

QHostAddress MetricsServer::address() const
{
    return m_server->serverAddress();
}

void MetricsServer::accept()
{
    while (QTcpSocket *socket = m_server->nextPendingConnection()) {
        auto *c = new Connection(socket, this);
        ++m_open;
        // However it ends (the client closed or reset it, it was cut off, the answer was
        // written), the connection is released once.
        connect(socket, &QTcpSocket::stateChanged, c, [this, c](QAbstractSocket::SocketState s) {
            if (s == QAbstractSocket::UnconnectedState)
                closed(c);
        });
        c->startDeadline(m_limits.requestTimeoutMs);
        if (m_open > 2 * m_limits.maxConnections) { // a flood: not even an answer
            ++m_refused;
            c->answered = true;
            socket->abort();
            closed(c);
            continue;
        }
        if (m_open > m_limits.maxConnections) {
            respond(c, "503 Service Unavailable", "text/plain; charset=utf-8",
                    "too many connections\n", true, "Retry-After: 1\r\n");
            continue;
        }
        connect(socket, &QTcpSocket::readyRead, c, [this, c] { handle(c); });
        if (socket->bytesAvailable() > 0)
            handle(c);
    }
}

void MetricsServer::closed(Connection *connection)
{
    if (connection->closed)
        return;
    connection->closed = true;
    --m_open;
    connection->deleteLater();
    Q_EMIT connectionClosed();
}

void MetricsServer::handle(Connection *c)
{
    if (c->answered) {
        c->socket->readAll(); // after the answer: read and dropped, never a reset
        return;
    }
    const qsizetype room = m_limits.maxRequestBytes + 1 - c->head.size();
    c->head += c->socket->read(std::max<qsizetype>(room, 0));
    const qsizetype end = headEnd(c->head);
    if (end < 0 || end > m_limits.maxRequestBytes) {
        if (c->head.size() > m_limits.maxRequestBytes)
            respond(c, "431 Request Header Fields Too Large", "text/plain; charset=utf-8",
                    "request head too large\n", true);
        return; // wait for the rest (the deadline cuts a client off that never sends it)
    }

    const QByteArray head = c->head.left(end);
    const auto bad = [&] {
        respond(c, "400 Bad Request", "text/plain; charset=utf-8", "bad request\n", true);
    };
    QList<QByteArray> lines = head.split('\n');
    for (QByteArray &line : lines) {
        if (line.endsWith('\r'))
            line.chop(1);
        for (const char ch : std::as_const(line)) {
            const auto u = uchar(ch);
            if ((u < 0x20 && u != '\t') || u == 0x7f)
                return bad();
        }
    }
    const QList<QByteArray> parts = lines.constFirst().split(' ');
    if (parts.size() != 3 || !isToken(parts.at(0)) || !parts.at(1).startsWith('/'))
        return bad();
    const QByteArray &method = parts.at(0);
    const QByteArray &target = parts.at(1);
    const QByteArray &version = parts.at(2);
    for (const char ch : target) {
        if (uchar(ch) <= 0x20 || uchar(ch) >= 0x7f)
            return bad();
    }
    if (!version.startsWith("HTTP/") || version.size() != 8 || version.at(6) != '.' ||
        !std::isdigit(uchar(version.at(5))) || !std::isdigit(uchar(version.at(7))))
        return bad();
    for (qsizetype i = 1; i < lines.size(); ++i) {
        const QByteArray &line = lines.at(i);
        if (line.isEmpty())
            continue;
        const qsizetype colon = line.indexOf(':');
        if (colon <= 0 || !isToken(QByteArrayView(line).first(colon)))
            return bad();
    }
    if (version.at(5) != '1')
        return respond(c, "505 HTTP Version Not Supported", "text/plain; charset=utf-8",
                       "HTTP/1.0 or HTTP/1.1 only\n", true);
    const bool head_ = method == "HEAD";
    if (method != "GET" && !head_)
        return respond(c, "405 Method Not Allowed", "text/plain; charset=utf-8",
                       "GET or HEAD only\n", true, "Allow: GET, HEAD\r\n");
    const qsizetype query = target.indexOf('?');
    const QByteArrayView path = QByteArrayView(target).first(query < 0 ? target.size() : query);
    if (path != "/metrics")
        return respond(c, "404 Not Found", "text/plain; charset=utf-8",
                       "not found: the metrics are at /metrics\n", !head_);
    ++m_scrapes;
    respond(c, "200 OK", MetricsText::kContentType, m_provider(), !head_);
}

void MetricsServer::respond(Connection *c, QByteArrayView status, QByteArrayView contentType,
                            const QByteArray &body, bool withBody, QByteArrayView extraHeaders)
{
    c->answered = true;
    if (!status.startsWith("200"))
        ++m_refused;
    QByteArray response = "HTTP/1.1 ";
    response += status;
    response += "\r\nContent-Type: ";
    response += contentType;
    response += "\r\nContent-Length: ";
    response += QByteArray::number(body.size());
    response += "\r\nConnection: close\r\nCache-Control: no-store\r\n";
    response += extraHeaders;
    response += "\r\n";
    if (withBody)
        response += body;
    c->head.clear();
    c->head.squeeze();
    // The answer must be taken within the limit again; then the connection closes (once the
    // kernel has the last byte: disconnectFromHost() waits for the write buffer).
    c->startDeadline(m_limits.requestTimeoutMs);
    c->socket->write(response);
    c->socket->disconnectFromHost();
}

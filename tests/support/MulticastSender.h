#pragma once

#include <QByteArrayView>
#include <QString>

#include <netinet/in.h>

// Sends crafted UDP datagrams to a multicast group out of loopback, for tests of the
// receive path. Refuses to open outside the test's private network namespace
// (NetNamespace::isPrivate()), so nothing can ever reach a real interface.
// IP_MULTICAST_IF is lo, IP_MULTICAST_LOOP is on; the TTL and the source address
// (127.0.0.1 or 169.254.0.1, both on lo inside the namespace) are settable.
// Test thread only.
class MulticastSender final
{
public:
    struct Options
    {
        QString group = QStringLiteral("224.0.0.251");
        quint16 port = 5353;
        int ttl = 255;
        QString sourceAddress;  // empty: let the kernel choose
        quint16 sourcePort = 0; // 0: ephemeral
    };

    MulticastSender();
    explicit MulticastSender(const Options &options);
    ~MulticastSender();
    MulticastSender(const MulticastSender &) = delete;
    MulticastSender &operator=(const MulticastSender &) = delete;

    bool isOpen() const { return m_fd >= 0; }
    QString errorString() const { return m_error; }
    quint16 localPort() const { return m_localPort; }

    bool setTtl(int ttl);
    // One datagram of exactly these bytes (0..65507 over lo). False with errorString().
    bool send(QByteArrayView datagram);
    // `count` datagrams; each is `payload` with its index appended as 4 big-endian bytes.
    bool sendNumbered(QByteArrayView payload, int count);

private:
    int m_fd = -1;
    quint16 m_localPort = 0;
    QString m_error;
    Options m_options;
    sockaddr_in m_to{};
};

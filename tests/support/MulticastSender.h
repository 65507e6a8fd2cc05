#pragma once

#include <QByteArrayView>
#include <QString>

#include <sys/socket.h>

// Sends crafted UDP datagrams to a multicast group, for tests of the receive path.
// Refuses to open outside the test's private network namespace (the calling thread
// must be in it: NetNamespace::callingThreadIsPrivate()), so nothing can ever reach a
// real interface.
//
// IPv4 group (default 224.0.0.251): out of `interfaceName`, lo when empty, with
// IP_MULTICAST_LOOP on; the TTL and the source address (127.0.0.1 or 169.254.0.1,
// both on lo inside the namespace, or a veth's address) are settable.
// IPv6 group (e.g. ff02::fb): AF_INET6 out of `interfaceName` (required: link-local
// multicast needs the egress link), IPV6_MULTICAST_LOOP on, IPV6_MULTICAST_HOPS is
// the ttl; a link-local source address (fe80::x) is bound with the interface as its
// scope. Test thread only.
class MulticastSender final
{
public:
    struct Options
    {
        QString group = QStringLiteral("224.0.0.251"); // or an IPv6 group: ff02::fb
        quint16 port = 5353;
        int ttl = 255;             // IPv4 TTL or IPv6 hop limit
        QString sourceAddress;     // empty: let the kernel choose
        quint16 sourcePort = 0;    // 0: ephemeral
        QString interfaceName;     // egress link; empty: lo (IPv4 only)
        bool reuseAddress = false; // SO_REUSEADDR before bind: share 5353 with a capture
    };

    MulticastSender();
    explicit MulticastSender(const Options &options);
    ~MulticastSender();
    MulticastSender(const MulticastSender &) = delete;
    MulticastSender &operator=(const MulticastSender &) = delete;

    bool isOpen() const { return m_fd >= 0; }
    bool isIpv6() const { return m_to.ss_family == AF_INET6; }
    QString errorString() const { return m_error; }
    quint16 localPort() const { return m_localPort; }

    // IP_MULTICAST_TTL, or IPV6_MULTICAST_HOPS for an IPv6 group.
    bool setTtl(int ttl);
    // One datagram of exactly these bytes (0..65507 over lo). False with errorString().
    bool send(QByteArrayView datagram);
    // `count` datagrams; each is `payload` with its index appended as 4 big-endian bytes.
    bool sendNumbered(QByteArrayView payload, int count);

private:
    bool open4(int ifindex);
    bool open6(int ifindex);

    int m_fd = -1;
    quint16 m_localPort = 0;
    QString m_error;
    Options m_options;
    sockaddr_storage m_to{};
    socklen_t m_toLen = 0;
};

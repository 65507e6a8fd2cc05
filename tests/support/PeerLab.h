#pragma once

#include <QList>
#include <QString>
#include <QStringList>

#include <sys/socket.h>

// A small private network for real-peer tests: one named network namespace for
// mdnscope ("capture") and one per peer, all created with `ip netns add` under the
// name mdnscope-test-<pid>-<n>. One peer is joined by a veth pair (vm0 <-> vp0);
// two or more peers are joined by veth pairs to a bridge br0 inside the capture
// namespace (multicast snooping off, so every port sees every datagram). Every link
// carries a link-local 169.254.0.0/16 address, is up with multicast on, and has a
// route for 224.0.0.0/4. By default IPv6 is switched off so the peers speak IPv4
// mDNS only; with Options::ipv6 every link also carries one fixed IPv6 link-local
// address (fe80::..., nodad, accept_dad 0, no kernel-made second one), usable at
// once, and ff02::fb crosses the veth pairs and the bridge. Nothing touches the
// machine's own interfaces.
//
// The destructor kills whatever still runs in the namespaces and deletes them, on
// every path; removeStale() deletes those a crashed earlier run left behind.
// Test (main) thread only.
class PeerLab final
{
public:
    PeerLab() = default;
    ~PeerLab();
    Q_DISABLE_COPY_MOVE(PeerLab)

    struct Options
    {
        bool ipv6 = false; // IPv6 link-local on every link (see above)
    };

    // Builds the namespaces and links for `peers` (>= 1) peers. On failure
    // everything made so far is removed again and *error says which step failed.
    bool create(int peers, QString *error);
    bool create(int peers, const Options &options, QString *error);
    void destroy();
    bool hasIpv6() const { return m_options.ipv6; }

    // After create(): one more peer namespace, joined to the capture namespace by a
    // veth pair of its own, vl<k> <-> vp0 (not on the bridge), set up like the
    // others (no 224.0.0.0/4 route on the capture side: the first link has it).
    // Returns the new peer's index (peerNamespace(), peerAddress() work for it), or
    // -1 with *error. For "a link that appears while mdnscope captures".
    int addLatePeer(QString *error);

    QString captureNamespace() const { return m_capture; }
    QString captureInterface() const; // vm0 (one peer) or br0 (a bridge)
    // The capture-side interface peer `i` is reached through: captureInterface(),
    // or vl<k> for a late peer.
    QString captureInterfaceOf(int i) const;
    static QString captureAddress() { return QStringLiteral("169.254.0.1"); }
    static QString captureAddress6() { return QStringLiteral("fe80::1"); }
    // The capture-side addresses of late link k: 169.254.2.<k+1>, fe80::2:<k+1 hex>.
    QString captureAddressOf(int i) const;
    QString captureAddress6Of(int i) const;
    int peerCount() const { return int(m_peers.size()); }
    QString peerNamespace(int i) const { return m_peers.value(i); }
    static QString peerInterface() { return QStringLiteral("vp0"); }
    static QString peerAddress(int i);  // 169.254.1.<i+1>
    static QString peerAddress6(int i); // fe80::1:<i+1, hex> (with Options::ipv6)

    // A UDP socket (AF_INET or AF_INET6) created inside namespace `ns` (it stays there
    // for its whole life); -1 with *error on failure. The caller closes it.
    static int udpSocketIn(const QString &ns, QString *error, int family = AF_INET);

    // How many sockets joined 224.0.0.251 on `iface` in namespace `ns`
    // (/proc/net/igmp seen from inside); -1 when it cannot be read.
    static int groupUsersIn(const QString &ns, const QString &iface);
    // The same, for the namespace process `pid` is in.
    static int groupUsersOfPid(qint64 pid, const QString &iface);
    // The IPv6 counterparts: sockets joined to ff02::fb (/proc/net/igmp6).
    static int group6UsersIn(const QString &ns, const QString &iface);
    static int group6UsersOfPid(qint64 pid, const QString &iface);
    // True when process `pid` is inside the named namespace `ns`.
    static bool pidInNamespace(qint64 pid, const QString &ns);

    // Deletes mdnscope-test-<pid>-* namespaces whose pid is no longer alive,
    // after killing the processes inside them. Returns the names removed.
    static QStringList removeStale();
    // Our own namespaces that still exist (for the final leak check).
    static QStringList existingOwnNamespaces();
    static QString namePrefix();

    // Full path of iproute2's ip, or empty when it is not installed.
    static QString ipCommand();
    // Runs `ip args...`; false with *error (the command and its stderr) on failure.
    static bool ip(const QStringList &args, QString *error, QByteArray *output = nullptr);

private:
    bool addNamespace(QString *name, QString *error);
    // Addresses (v6 only with Options::ipv6), then up with multicast on, then the
    // 224.0.0.0/4 route when `route`.
    bool setUpLink(const QString &ns, const QString &iface, const QString &v4, const QString &v6,
                   bool route, QString *error);
    static void killAllIn(const QString &ns);

    Options m_options;
    QString m_capture;
    QStringList m_peers;
    QStringList m_all;    // every namespace made, for destroy()
    int m_firstLate = -1; // index of the first late peer, -1: none yet
    bool m_bridge = false;
};

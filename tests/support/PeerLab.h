#pragma once

#include <QList>
#include <QString>
#include <QStringList>

// A small private network for real-peer tests: one named network namespace for
// mdnscope ("capture") and one per peer, all created with `ip netns add` under the
// name mdnscope-test-<pid>-<n>. One peer is joined by a veth pair (vm0 <-> vp0);
// two or more peers are joined by veth pairs to a bridge br0 inside the capture
// namespace. Every link carries a link-local 169.254.0.0/16 address, is up with
// multicast on, and has a route for 224.0.0.0/4; IPv6 is switched off so the
// peers speak IPv4 mDNS only. Nothing touches the machine's own interfaces.
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

    // Builds the namespaces and links for `peers` (>= 1) peers. On failure
    // everything made so far is removed again and *error says which step failed.
    bool create(int peers, QString *error);
    void destroy();

    QString captureNamespace() const { return m_capture; }
    QString captureInterface() const; // vm0 (one peer) or br0 (a bridge)
    static QString captureAddress() { return QStringLiteral("169.254.0.1"); }
    int peerCount() const { return int(m_peers.size()); }
    QString peerNamespace(int i) const { return m_peers.value(i); }
    static QString peerInterface() { return QStringLiteral("vp0"); }
    static QString peerAddress(int i); // 169.254.1.<i+1>

    // A UDP/IPv4 socket created inside namespace `ns` (it stays there for its
    // whole life); -1 with *error on failure. The caller closes it.
    static int udpSocketIn(const QString &ns, QString *error);

    // How many sockets joined 224.0.0.251 on `iface` in namespace `ns`
    // (/proc/net/igmp seen from inside); -1 when it cannot be read.
    static int groupUsersIn(const QString &ns, const QString &iface);
    // The same, for the namespace process `pid` is in.
    static int groupUsersOfPid(qint64 pid, const QString &iface);
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
    static void killAllIn(const QString &ns);

    QString m_capture;
    QStringList m_peers;
    QStringList m_all; // every namespace made, for destroy()
    bool m_bridge = false;
};

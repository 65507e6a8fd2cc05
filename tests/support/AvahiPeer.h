#pragma once

#include <QByteArray>
#include <QList>
#include <QProcess>
#include <QRegularExpression>
#include <QString>
#include <QStringList>
#include <QTemporaryDir>

// One static DNS-SD service an avahi-daemon publishes (an /etc/avahi/services file).
struct AvahiService
{
    QString name; // instance name, e.g. "Office Printer"
    QString type; // e.g. "_ipp._tcp"
    quint16 port = 0;
    QStringList txt; // TXT strings in order, e.g. "rp=printers/office"
};

// A real avahi-daemon responder running inside a named network namespace, with a
// private configuration: IPv4 only (or IPv4 and IPv6, setUseIpv6()), no D-Bus, one allowed
// interface, a chosen host name and static service files. It runs in a mount namespace of its own
// where a tmpfs covers /run (its PID file and socket) and a temporary directory is bound over
// /etc/avahi, so several daemons run side by side and nothing of the host's configuration is
// touched. It dies with the test process (PR_SET_PDEATHSIG), and the destructor kills it if it
// still runs. Test (main) thread only.
class AvahiPeer final
{
public:
    AvahiPeer(const QString &netns, const QString &iface, const QString &hostName,
              const QList<AvahiService> &services = {});
    ~AvahiPeer();
    Q_DISABLE_COPY_MOVE(AvahiPeer)

    // Full path of avahi-daemon, or empty when it is not installed.
    static QString executable();

    // Before start(): also speak mDNS over IPv6 (use-ipv6=yes, with avahi's defaults
    // publish-aaaa-on-ipv4=yes and publish-a-on-ipv6=no), for an IPv6 PeerLab.
    void setUseIpv6(bool on) { m_useIpv6 = on; }
    bool usesIpv6() const { return m_useIpv6; }

    bool start(QString *error);
    // Waits until the daemon's log (stderr, --debug) matches; the match is
    // searched from the start of the log. False on timeout or exit.
    bool waitForLog(const QRegularExpression &pattern, int timeoutMs,
                    QRegularExpressionMatch *match = nullptr);
    // Waits for "Server startup complete" and returns the host name it settled on
    // (e.g. "peer.local" or, after a conflict, "peer-2.local"); empty on timeout.
    QString waitForStartup(int timeoutMs);
    // Waits until every static service is established; returns the instance
    // names avahi finally used (renamed ones after a conflict), in service order.
    QStringList waitForServices(int timeoutMs);
    // SIGTERM (avahi sends its goodbye packets on the way out) and wait.
    bool terminate(int timeoutMs);

    bool isRunning() const;
    qint64 pid() const { return m_pid; }
    QString log();
    QString configuredHostName() const { return m_hostName; }
    const QList<AvahiService> &services() const { return m_services; }

private:
    bool writeConfig(QString *error);
    void drain();

    QString m_netns, m_iface, m_hostName;
    QList<AvahiService> m_services;
    QTemporaryDir m_dir;
    QProcess m_process;
    QByteArray m_log;
    qint64 m_pid = 0;
    bool m_useIpv6 = false;
};

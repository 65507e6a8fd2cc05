#include "PeerLab.h"

#include <QDir>
#include <QFile>
#include <QProcess>
#include <QStandardPaths>
#include <QThread>

#include <cerrno>
#include <csignal>
#include <cstring>
#include <unistd.h>

using namespace Qt::StringLiterals;

namespace {
int s_counter = 0;

// A killed test may linger as a zombie until its parent reaps it: that is dead too.
bool isAlive(int pid)
{
    if (::kill(pid, 0) != 0 && errno == ESRCH)
        return false;
    QFile stat(u"/proc/%1/stat"_s.arg(pid));
    if (!stat.open(QIODevice::ReadOnly))
        return true;
    const QByteArray line = stat.readAll();
    const qsizetype close = line.lastIndexOf(')');
    return close < 0 || line.mid(close + 2, 1) != "Z";
}
} // namespace

QString PeerLab::ipCommand()
{
    static const QString path = [] {
        QString p = QStandardPaths::findExecutable(u"ip"_s);
        if (p.isEmpty())
            p = QStandardPaths::findExecutable(u"ip"_s,
                                               {u"/usr/sbin"_s, u"/sbin"_s, u"/usr/bin"_s});
        return p;
    }();
    return path;
}

PeerLab::~PeerLab()
{
    destroy();
}

QString PeerLab::namePrefix()
{
    return u"mdnscope-test-"_s;
}

QString PeerLab::peerAddress(int i)
{
    return u"169.254.1.%1"_s.arg(i + 1);
}

QString PeerLab::peerAddress6(int i)
{
    return u"fe80::1:%1"_s.arg(i + 1, 0, 16);
}

QString PeerLab::captureInterface() const
{
    return m_bridge ? u"br0"_s : u"vm0"_s;
}

bool PeerLab::ip(const QStringList &args, QString *error, QByteArray *output)
{
    const QString exe = ipCommand();
    if (exe.isEmpty()) {
        if (error)
            *error = u"the 'ip' command (iproute2) is not installed"_s;
        return false;
    }
    QProcess p;
    p.start(exe, args);
    const bool finished = p.waitForStarted(5000) && p.waitForFinished(15000);
    if (!finished)
        p.kill();
    const bool ok = finished && p.exitStatus() == QProcess::NormalExit && p.exitCode() == 0;
    if (output)
        *output = p.readAllStandardOutput();
    if (!ok && error)
        *error = u"'ip %1' failed: %2"_s.arg(
            args.join(u' '), QString::fromLocal8Bit(p.readAllStandardError()).trimmed());
    return ok;
}

bool PeerLab::addNamespace(QString *name, QString *error)
{
    *name = namePrefix() + QString::number(::getpid()) + u'-' + QString::number(s_counter++);
    if (!ip({u"netns"_s, u"add"_s, *name}, error))
        return false;
    m_all.append(*name);
    QString ignored;
    if (m_options.ipv6) {
        // Set before any link exists, so every link inherits it: IPv6 on, no DAD (no
        // tentative addresses), no kernel-made link-local beside our fixed one.
        if (!ip({u"netns"_s, u"exec"_s, *name, u"sh"_s, u"-c"_s,
                 u"cd /proc/sys/net/ipv6/conf && echo 0 > all/disable_ipv6 && "
                 "echo 0 > default/disable_ipv6 && echo 0 > all/accept_dad && "
                 "echo 0 > default/accept_dad && echo 1 > default/addr_gen_mode"_s},
                error))
            return false;
    } else {
        // Best effort: without IPv6 the peers publish no AAAA records and send no MLD.
        ip({u"netns"_s, u"exec"_s, *name, u"sh"_s, u"-c"_s,
            u"for f in /proc/sys/net/ipv6/conf/all/disable_ipv6 "
            "/proc/sys/net/ipv6/conf/default/disable_ipv6; do [ -w $f ] && echo 1 > $f; done; "
            "true"_s},
           &ignored);
    }
    return ip({u"-n"_s, *name, u"link"_s, u"set"_s, u"lo"_s, u"up"_s}, error);
}

bool PeerLab::setUpLink(const QString &ns, const QString &iface, const QString &v4,
                        const QString &v6, bool route, QString *error)
{
    const QStringList dev = {u"dev"_s, iface};
    if (!ip(QStringList{u"-n"_s, ns, u"addr"_s, u"add"_s, v4 + u"/16"_s} + dev, error))
        return false;
    if (m_options.ipv6 && !v6.isEmpty() &&
        !ip(QStringList{u"-n"_s, ns, u"addr"_s, u"add"_s, v6 + u"/64"_s, u"nodad"_s} + dev, error))
        return false;
    if (!ip({u"-n"_s, ns, u"link"_s, u"set"_s, iface, u"up"_s, u"multicast"_s, u"on"_s}, error))
        return false;
    return !route ||
           ip(QStringList{u"-n"_s, ns, u"route"_s, u"add"_s, u"224.0.0.0/4"_s} + dev, error);
}

bool PeerLab::create(int peers, QString *error)
{
    return create(peers, Options{}, error);
}

bool PeerLab::create(int peers, const Options &options, QString *error)
{
    destroy();
    if (peers < 1) {
        *error = u"a lab needs at least one peer"_s;
        return false;
    }
    if (::geteuid() != 0) {
        *error = u"creating network namespaces needs root"_s;
        return false;
    }
    m_options = options;
    m_bridge = peers >= 2;
    auto fail = [this] {
        destroy();
        return false;
    };
    if (!addNamespace(&m_capture, error))
        return fail();
    const QString cap = m_capture;
    const QString capIf = captureInterface();
    if (m_bridge) {
        // Snooping off: every port must see every mDNS datagram, as on a hub.
        if (!ip({u"-n"_s, cap, u"link"_s, u"add"_s, capIf, u"type"_s, u"bridge"_s,
                 u"mcast_snooping"_s, u"0"_s},
                error))
            return fail();
    }
    for (int i = 0; i < peers; ++i) {
        QString peer;
        if (!addNamespace(&peer, error))
            return fail();
        m_peers.append(peer);
        const QString capEnd = m_bridge ? u"vm%1"_s.arg(i + 1) : capIf;
        // Both ends are created directly inside their namespaces.
        if (!ip({u"link"_s, u"add"_s, capEnd, u"netns"_s, cap, u"type"_s, u"veth"_s, u"peer"_s,
                 u"name"_s, peerInterface(), u"netns"_s, peer},
                error))
            return fail();
        // A bridge port is layer 2 only: no IPv6 of its own (no MLD, no addresses).
        QString ignored;
        if (m_bridge && m_options.ipv6)
            ip({u"netns"_s, u"exec"_s, cap, u"sh"_s, u"-c"_s,
                u"echo 1 > /proc/sys/net/ipv6/conf/%1/disable_ipv6"_s.arg(capEnd)},
               &ignored);
        if (m_bridge &&
            (!ip({u"-n"_s, cap, u"link"_s, u"set"_s, capEnd, u"master"_s, capIf}, error) ||
             !ip({u"-n"_s, cap, u"link"_s, u"set"_s, capEnd, u"up"_s}, error)))
            return fail();
        if (!setUpLink(peer, peerInterface(), peerAddress(i), peerAddress6(i), true, error))
            return fail();
    }
    if (!setUpLink(cap, capIf, captureAddress(), captureAddress6(), true, error))
        return fail();
    return true;
}

int PeerLab::addLatePeer(QString *error)
{
    if (m_capture.isEmpty()) {
        *error = u"addLatePeer() needs a lab: call create() first"_s;
        return -1;
    }
    const int index = peerCount();
    if (m_firstLate < 0)
        m_firstLate = index;
    QString peer;
    if (!addNamespace(&peer, error))
        return -1;
    m_peers.append(peer);
    const QString capEnd = captureInterfaceOf(index);
    if (!ip({u"link"_s, u"add"_s, capEnd, u"netns"_s, m_capture, u"type"_s, u"veth"_s, u"peer"_s,
             u"name"_s, peerInterface(), u"netns"_s, peer},
            error) ||
        !setUpLink(peer, peerInterface(), peerAddress(index), peerAddress6(index), true, error) ||
        !setUpLink(m_capture, capEnd, captureAddressOf(index), captureAddress6Of(index), false,
                   error))
        return -1; // the namespace is in m_all: destroy() removes it with its link
    return index;
}

QString PeerLab::captureInterfaceOf(int i) const
{
    if (m_firstLate >= 0 && i >= m_firstLate)
        return u"vl%1"_s.arg(i - m_firstLate);
    return captureInterface();
}

QString PeerLab::captureAddressOf(int i) const
{
    if (m_firstLate >= 0 && i >= m_firstLate)
        return u"169.254.2.%1"_s.arg(i - m_firstLate + 1);
    return captureAddress();
}

QString PeerLab::captureAddress6Of(int i) const
{
    if (m_firstLate >= 0 && i >= m_firstLate)
        return u"fe80::2:%1"_s.arg(i - m_firstLate + 1, 0, 16);
    return captureAddress6();
}

void PeerLab::killAllIn(const QString &ns)
{
    // Two rounds: a process may be between fork and exec in the first.
    for (int round = 0; round < 2; ++round) {
        QByteArray pids;
        QString ignored;
        if (!ip({u"netns"_s, u"pids"_s, ns}, &ignored, &pids))
            return;
        bool any = false;
        for (const QByteArray &pid : pids.split('\n')) {
            bool ok = false;
            const int value = pid.trimmed().toInt(&ok);
            if (ok && value > 1 && value != ::getpid()) {
                ::kill(value, SIGKILL);
                any = true;
            }
        }
        if (!any)
            return;
        QThread::msleep(100);
    }
}

void PeerLab::destroy()
{
    for (const QString &ns : std::as_const(m_all)) {
        killAllIn(ns);
        QString ignored;
        ip({u"netns"_s, u"del"_s, ns}, &ignored);
    }
    m_all.clear();
    m_peers.clear();
    m_capture.clear();
    m_bridge = false;
    m_firstLate = -1;
    m_options = {};
}

QStringList PeerLab::removeStale()
{
    QStringList removed;
    const QStringList names = QDir(u"/run/netns"_s).entryList(QDir::Files | QDir::System);
    for (const QString &name : names) {
        if (!name.startsWith(namePrefix()))
            continue;
        bool ok = false;
        const int pid = name.mid(namePrefix().size()).section(u'-', 0, 0).toInt(&ok);
        if (!ok || pid == ::getpid())
            continue;
        if (isAlive(pid))
            continue; // its test is still running (or the pid was reused: leave it)
        killAllIn(name);
        QString ignored;
        if (ip({u"netns"_s, u"del"_s, name}, &ignored))
            removed.append(name);
    }
    return removed;
}

QStringList PeerLab::existingOwnNamespaces()
{
    const QString own = namePrefix() + QString::number(::getpid()) + u'-';
    QStringList result;
    const QStringList names = QDir(u"/run/netns"_s).entryList(QDir::Files | QDir::System);
    for (const QString &name : names) {
        if (name.startsWith(own))
            result.append(name);
    }
    return result;
}

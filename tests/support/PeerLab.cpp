#include "PeerLab.h"

#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QProcess>
#include <QStandardPaths>
#include <QThread>

#include <cerrno>
#include <csignal>
#include <cstring>
#include <fcntl.h>
#include <sched.h>
#include <sys/socket.h>
#include <sys/stat.h>
#include <thread>
#include <unistd.h>

using namespace Qt::StringLiterals;

namespace {
int s_counter = 0;

QString netnsPath(const QString &ns)
{
    return u"/run/netns/"_s + ns;
}

// Parses /proc/net/igmp: "Idx Device : Count Querier" lines, then indented
// "Group Users Timer Reporter" lines for that device. Groups print as the
// address's 32-bit value in host order (FB0000E0 on little-endian machines).
int groupUsers(const QByteArray &igmp, const QString &iface)
{
    QByteArray device;
    for (const QByteArray &line : igmp.split('\n')) {
        if (line.isEmpty())
            continue;
        const QList<QByteArray> tokens = line.simplified().split(' ');
        if (line.front() != ' ' && line.front() != '\t') {
            device = tokens.size() > 1 ? tokens.at(1) : QByteArray();
            if (device.endsWith(':'))
                device.chop(1);
            continue;
        }
        if (device != iface.toLatin1() || tokens.size() < 2)
            continue;
        if (tokens.at(0) == "FB0000E0" || tokens.at(0) == "E00000FB")
            return tokens.at(1).toInt();
    }
    return 0;
}
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
    // Best effort: without IPv6 the peers publish no AAAA records and send no MLD.
    QString ignored;
    ip({u"netns"_s, u"exec"_s, *name, u"sh"_s, u"-c"_s,
        u"for f in /proc/sys/net/ipv6/conf/all/disable_ipv6 "
        "/proc/sys/net/ipv6/conf/default/disable_ipv6; do [ -w $f ] && echo 1 > $f; done; true"_s},
       &ignored);
    return ip({u"-n"_s, *name, u"link"_s, u"set"_s, u"lo"_s, u"up"_s}, error);
}

bool PeerLab::create(int peers, QString *error)
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
        if (m_bridge &&
            (!ip({u"-n"_s, cap, u"link"_s, u"set"_s, capEnd, u"master"_s, capIf}, error) ||
             !ip({u"-n"_s, cap, u"link"_s, u"set"_s, capEnd, u"up"_s}, error)))
            return fail();
        if (!ip({u"-n"_s, peer, u"addr"_s, u"add"_s, peerAddress(i) + u"/16"_s, u"dev"_s,
                 peerInterface()},
                error) ||
            !ip({u"-n"_s, peer, u"link"_s, u"set"_s, peerInterface(), u"up"_s, u"multicast"_s,
                 u"on"_s},
                error) ||
            !ip({u"-n"_s, peer, u"route"_s, u"add"_s, u"224.0.0.0/4"_s, u"dev"_s, peerInterface()},
                error))
            return fail();
    }
    if (!ip({u"-n"_s, cap, u"addr"_s, u"add"_s, captureAddress() + u"/16"_s, u"dev"_s, capIf},
            error) ||
        !ip({u"-n"_s, cap, u"link"_s, u"set"_s, capIf, u"up"_s, u"multicast"_s, u"on"_s}, error) ||
        !ip({u"-n"_s, cap, u"route"_s, u"add"_s, u"224.0.0.0/4"_s, u"dev"_s, capIf}, error))
        return fail();
    return true;
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

int PeerLab::udpSocketIn(const QString &ns, QString *error)
{
    int fd = -1;
    QString failure;
    const QByteArray path = QFile::encodeName(netnsPath(ns));
    // setns() moves only the calling thread; a short-lived thread keeps the
    // test's own threads where they are. The socket stays in the namespace.
    std::thread worker([&] {
        const int nsFd = ::open(path.constData(), O_RDONLY | O_CLOEXEC);
        if (nsFd < 0) {
            failure = u"open %1: %2"_s.arg(QString::fromLocal8Bit(path),
                                           QString::fromLocal8Bit(std::strerror(errno)));
            return;
        }
        if (::setns(nsFd, CLONE_NEWNET) != 0) {
            failure = u"setns %1: %2"_s.arg(ns, QString::fromLocal8Bit(std::strerror(errno)));
        } else {
            fd = ::socket(AF_INET, SOCK_DGRAM | SOCK_CLOEXEC, 0);
            if (fd < 0)
                failure = u"socket: %1"_s.arg(QString::fromLocal8Bit(std::strerror(errno)));
        }
        ::close(nsFd);
    });
    worker.join();
    if (fd < 0 && error)
        *error = failure;
    return fd;
}

int PeerLab::groupUsersIn(const QString &ns, const QString &iface)
{
    QByteArray igmp;
    QString ignored;
    if (!ip({u"netns"_s, u"exec"_s, ns, u"cat"_s, u"/proc/net/igmp"_s}, &ignored, &igmp))
        return -1;
    return groupUsers(igmp, iface);
}

int PeerLab::groupUsersOfPid(qint64 pid, const QString &iface)
{
    QFile f(u"/proc/%1/net/igmp"_s.arg(pid));
    if (!f.open(QIODevice::ReadOnly))
        return -1;
    return groupUsers(f.readAll(), iface);
}

bool PeerLab::pidInNamespace(qint64 pid, const QString &ns)
{
    struct stat mine
    {
    }, target{};
    const QByteArray procPath = "/proc/" + QByteArray::number(pid) + "/ns/net";
    if (::stat(procPath.constData(), &mine) != 0 ||
        ::stat(QFile::encodeName(netnsPath(ns)).constData(), &target) != 0)
        return false;
    return mine.st_ino == target.st_ino && mine.st_dev == target.st_dev;
}

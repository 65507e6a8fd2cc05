// PeerLab: looking into the namespaces (sockets made there, multicast group users).
#include "PeerLab.h"

#include <QFile>

#include <cerrno>
#include <cstring>
#include <fcntl.h>
#include <sched.h>
#include <sys/socket.h>
#include <sys/stat.h>
#include <thread>
#include <unistd.h>

using namespace Qt::StringLiterals;

namespace {
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
// Parses /proc/net/igmp6: "Idx Device Group Users Flags Timer" per line, the group
// as 32 hex digits.
int group6Users(const QByteArray &igmp6, const QString &iface)
{
    for (const QByteArray &line : igmp6.split('\n')) {
        const QList<QByteArray> t = line.simplified().split(' ');
        if (t.size() >= 4 && t.at(1) == iface.toLatin1() &&
            t.at(2) == "ff0200000000000000000000000000fb")
            return t.at(3).toInt();
    }
    return 0;
}
} // namespace

int PeerLab::udpSocketIn(const QString &ns, QString *error, int family)
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
            fd = ::socket(family, SOCK_DGRAM | SOCK_CLOEXEC, 0);
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

int PeerLab::group6UsersIn(const QString &ns, const QString &iface)
{
    QByteArray igmp6;
    QString ignored;
    if (!ip({u"netns"_s, u"exec"_s, ns, u"cat"_s, u"/proc/net/igmp6"_s}, &ignored, &igmp6))
        return -1;
    return group6Users(igmp6, iface);
}

int PeerLab::group6UsersOfPid(qint64 pid, const QString &iface)
{
    QFile f(u"/proc/%1/net/igmp6"_s.arg(pid));
    if (!f.open(QIODevice::ReadOnly))
        return -1;
    return group6Users(f.readAll(), iface);
}

#include "AvahiPeer.h"

#include "PeerLab.h"

#include <QDeadlineTimer>
#include <QDir>
#include <QFile>
#include <QSaveFile>
#include <QStandardPaths>
#include <QXmlStreamWriter>

#include <algorithm>
#include <csignal>
#include <sys/prctl.h>
#include <unistd.h>

using namespace Qt::StringLiterals;

namespace {
const QStringList kSbin = {u"/usr/sbin"_s, u"/sbin"_s, u"/usr/bin"_s, u"/bin"_s};

QString findTool(const QString &name)
{
    QString path = QStandardPaths::findExecutable(name);
    return path.isEmpty() ? QStandardPaths::findExecutable(name, kSbin) : path;
}

bool writeFile(const QString &path, const QByteArray &bytes, QString *error)
{
    QSaveFile f(path);
    if (!f.open(QIODevice::WriteOnly) || f.write(bytes) != bytes.size() || !f.commit()) {
        *error = u"writing %1: %2"_s.arg(path, f.errorString());
        return false;
    }
    return true;
}

QString serviceFile(int i)
{
    return u"svc%1.service"_s.arg(i);
}
} // namespace

AvahiPeer::AvahiPeer(const QString &netns, const QString &iface, const QString &hostName,
                     const QList<AvahiService> &services)
    : m_netns(netns)
    , m_iface(iface)
    , m_hostName(hostName)
    , m_services(services)
    , m_dir(QDir::tempPath() + u"/mdnscope-avahi-XXXXXX"_s)
{
    m_process.setProcessChannelMode(QProcess::MergedChannels);
    // The daemon must not outlive a test that crashes or is killed.
    m_process.setChildProcessModifier([] {
        ::prctl(PR_SET_PDEATHSIG, SIGKILL);
        if (::getppid() == 1)
            ::_exit(127);
    });
}

AvahiPeer::~AvahiPeer()
{
    if (m_process.state() != QProcess::NotRunning) {
        m_process.kill();
        m_process.waitForFinished(5000);
    }
}

QString AvahiPeer::executable()
{
    return findTool(u"avahi-daemon"_s);
}

bool AvahiPeer::writeConfig(QString *error)
{
    const QString etc = m_dir.path() + u"/etc"_s;
    if (!QDir().mkpath(etc + u"/services"_s)) {
        *error = u"cannot create "_s + etc;
        return false;
    }
    // Rate limit as in Debian's default; reflector, wide-area and extra records off
    // so the capture holds exactly the host's records and the static services. With
    // IPv6, AAAA records on IPv4 and no A records on IPv6, as avahi's defaults.
    const QByteArray conf = "[server]\n"
                            "host-name=" +
                            m_hostName.toUtf8() +
                            "\n"
                            "domain-name=local\n"
                            "use-ipv4=yes\n"
                            "use-ipv6=" +
                            QByteArray(m_useIpv6 ? "yes" : "no") +
                            "\n"
                            "enable-dbus=no\n"
                            "allow-interfaces=" +
                            m_iface.toUtf8() +
                            "\n"
                            "ratelimit-interval-usec=1000000\n"
                            "ratelimit-burst=1000\n"
                            "[wide-area]\n"
                            "enable-wide-area=no\n"
                            "[publish]\n"
                            "publish-hinfo=no\n"
                            "publish-workstation=no\n"
                            "publish-aaaa-on-ipv4=" +
                            QByteArray(m_useIpv6 ? "yes" : "no") +
                            "\n"
                            "publish-a-on-ipv6=no\n"
                            "[reflector]\n"
                            "enable-reflector=no\n"
                            "[rlimits]\n";
    if (!writeFile(etc + u"/avahi-daemon.conf"_s, conf, error) ||
        !writeFile(etc + u"/hosts"_s, QByteArray(), error))
        return false;
    for (int i = 0; i < m_services.size(); ++i) {
        const AvahiService &s = m_services.at(i);
        QByteArray xml;
        QXmlStreamWriter w(&xml);
        w.setAutoFormatting(true);
        w.writeStartDocument();
        w.writeDTD(u"<!DOCTYPE service-group SYSTEM \"avahi-service.dtd\">"_s);
        w.writeStartElement(u"service-group"_s);
        w.writeTextElement(u"name"_s, s.name);
        w.writeStartElement(u"service"_s);
        w.writeTextElement(u"type"_s, s.type);
        w.writeTextElement(u"port"_s, QString::number(s.port));
        for (const QString &t : s.txt)
            w.writeTextElement(u"txt-record"_s, t);
        w.writeEndElement();
        w.writeEndElement();
        w.writeEndDocument();
        if (!writeFile(etc + u"/services/"_s + serviceFile(i), xml, error))
            return false;
    }
    return true;
}

bool AvahiPeer::start(QString *error)
{
    const QString avahi = executable();
    const QString unshare = findTool(u"unshare"_s);
    const QString ip = PeerLab::ipCommand();
    if (avahi.isEmpty() || unshare.isEmpty() || ip.isEmpty()) {
        *error = u"avahi-daemon, unshare or ip is not installed"_s;
        return false;
    }
    if (!m_dir.isValid()) {
        *error = u"cannot create a temporary directory: "_s + m_dir.errorString();
        return false;
    }
    if (!writeConfig(error))
        return false;
    // A private mount namespace: /run/avahi-daemon (PID file, socket) on a tmpfs
    // and our configuration bound over /etc/avahi, seen by this daemon only.
    const QString script = u"mount -t tmpfs -o mode=0755,size=1m mdnscope-avahi /run && "
                           "mkdir /run/avahi-daemon && mount --bind \"$1/etc\" /etc/avahi && "
                           "exec \"$2\" --no-drop-root --no-chroot --no-rlimits --no-proc-title "
                           "--debug -f /etc/avahi/avahi-daemon.conf"_s;
    m_process.start(ip, {u"netns"_s, u"exec"_s, m_netns, unshare, u"--mount"_s, u"--propagation"_s,
                         u"private"_s, u"sh"_s, u"-c"_s, script, u"sh"_s, m_dir.path(), avahi});
    if (!m_process.waitForStarted(5000)) {
        *error = u"starting avahi-daemon: "_s + m_process.errorString();
        return false;
    }
    m_pid = m_process.processId();
    return true;
}

void AvahiPeer::drain()
{
    m_log += m_process.readAll();
}

QString AvahiPeer::log()
{
    drain();
    return QString::fromUtf8(m_log);
}

bool AvahiPeer::isRunning() const
{
    return m_process.state() == QProcess::Running;
}

bool AvahiPeer::waitForLog(const QRegularExpression &pattern, int timeoutMs,
                           QRegularExpressionMatch *match)
{
    QDeadlineTimer deadline(timeoutMs);
    for (;;) {
        drain();
        const QRegularExpressionMatch m = pattern.match(QString::fromUtf8(m_log));
        if (m.hasMatch()) {
            if (match)
                *match = m;
            return true;
        }
        if (deadline.hasExpired() || m_process.state() == QProcess::NotRunning)
            return false;
        m_process.waitForReadyRead(int(std::clamp<qint64>(deadline.remainingTime(), 1, 100)));
    }
}

QString AvahiPeer::waitForStartup(int timeoutMs)
{
    static const QRegularExpression re(u"Server startup complete\\. Host name is (\\S+)\\. "_s);
    QRegularExpressionMatch m;
    return waitForLog(re, timeoutMs, &m) ? m.captured(1) : QString();
}

QStringList AvahiPeer::waitForServices(int timeoutMs)
{
    QDeadlineTimer deadline(timeoutMs);
    QStringList names;
    for (int i = 0; i < m_services.size(); ++i) {
        const QRegularExpression re(
            u"Service \"([^\"]+)\" \\(/etc/avahi/services/%1\\) "
            "successfully established\\."_s.arg(QRegularExpression::escape(serviceFile(i))));
        QRegularExpressionMatch m;
        if (!waitForLog(re, int(qMax<qint64>(0, deadline.remainingTime())), &m))
            return {};
        names.append(m.captured(1));
    }
    return names;
}

bool AvahiPeer::terminate(int timeoutMs)
{
    if (m_process.state() == QProcess::NotRunning)
        return true;
    m_process.terminate();
    const bool ok = m_process.waitForFinished(timeoutMs);
    drain();
    if (!ok) {
        m_process.kill();
        m_process.waitForFinished(2000);
    }
    return ok;
}

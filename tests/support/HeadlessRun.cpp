#include "HeadlessRun.h"

#include "PeerLab.h"

#include <QDeadlineTimer>
#include <QDir>
#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonParseError>
#include <QThread>

#include <algorithm>
#include <csignal>
#include <sys/prctl.h>
#include <unistd.h>

using namespace Qt::StringLiterals;

HeadlessRun::HeadlessRun(const QString &binary, const QString &netns, const QString &iface)
    : m_binary(binary)
    , m_netns(netns)
    , m_iface(iface)
    , m_dir(QDir::tempPath() + u"/mdnscope-headless-XXXXXX"_s)
{
    m_process.setProcessChannelMode(QProcess::MergedChannels);
    m_process.setChildProcessModifier([] {
        ::prctl(PR_SET_PDEATHSIG, SIGKILL);
        if (::getppid() == 1)
            ::_exit(127);
    });
}

HeadlessRun::~HeadlessRun()
{
    if (m_process.state() != QProcess::NotRunning) {
        m_process.kill();
        m_process.waitForFinished(5000);
    }
}

QString HeadlessRun::statsPath() const
{
    return m_dir.path() + u"/stats.json"_s;
}

QString HeadlessRun::jsonPath() const
{
    return m_dir.path() + u"/packets.jsonl"_s;
}

bool HeadlessRun::start(const QStringList &extraArgs, int joinTimeoutMs, QString *error)
{
    if (!QFile::exists(m_binary)) {
        *error = u"mdnscope executable not found at "_s + m_binary;
        return false;
    }
    if (!m_dir.isValid()) {
        *error = u"cannot create a temporary directory: "_s + m_dir.errorString();
        return false;
    }
    const auto usersOfPid = m_ipv6Only ? &PeerLab::group6UsersOfPid : &PeerLab::groupUsersOfPid;
    const auto usersIn = m_ipv6Only ? &PeerLab::group6UsersIn : &PeerLab::groupUsersIn;
    int baseline = 0;
    if (m_netns.isEmpty()) {
        baseline = usersOfPid(::getpid(), m_iface);
    } else {
        baseline = usersIn(m_netns, m_iface);
    }
    if (baseline < 0) {
        *error = u"cannot read the multicast memberships of the namespace"_s;
        return false;
    }
    QStringList args = {u"--headless"_s, u"--interface"_s, m_iface,   u"--stats-json"_s,
                        statsPath(),     u"--json"_s,      jsonPath()};
    if (m_ipv6Only)
        args << u"--family"_s << u"ipv6"_s;
    args += extraArgs;
    if (m_netns.isEmpty()) {
        m_process.start(m_binary, args);
    } else {
        m_process.start(PeerLab::ipCommand(),
                        QStringList{u"netns"_s, u"exec"_s, m_netns, m_binary} + args);
    }
    if (!m_process.waitForStarted(5000)) {
        *error = u"starting mdnscope: "_s + m_process.errorString();
        return false;
    }
    m_pid = m_process.processId();

    QDeadlineTimer deadline(joinTimeoutMs);
    for (;;) {
        const bool inPlace = m_netns.isEmpty() || PeerLab::pidInNamespace(m_pid, m_netns);
        if (inPlace && usersOfPid(m_pid, m_iface) > baseline)
            break;
        if (m_process.state() == QProcess::NotRunning || deadline.hasExpired()) {
            *error = u"mdnscope did not join %1 on %2 within %3 ms (exit code %4): %5"_s
                         .arg(m_ipv6Only ? u"ff02::fb"_s : u"224.0.0.251"_s, m_iface)
                         .arg(joinTimeoutMs)
                         .arg(m_process.state() == QProcess::NotRunning ? m_process.exitCode() : -1)
                         .arg(output().trimmed());
            return false;
        }
        m_process.waitForReadyRead(20);
        m_output += m_process.readAll();
    }
    // Joining is the last step of the socket setup; give the receive loop a moment.
    QThread::msleep(100);
    return true;
}

bool HeadlessRun::isRunning() const
{
    return m_process.state() != QProcess::NotRunning;
}

void HeadlessRun::requestStop()
{
    if (m_process.state() != QProcess::NotRunning)
        m_process.terminate();
}

bool HeadlessRun::waitForExit(int timeoutMs)
{
    QDeadlineTimer deadline(timeoutMs);
    while (m_process.state() != QProcess::NotRunning && !deadline.hasExpired()) {
        m_process.waitForFinished(int(std::clamp<qint64>(deadline.remainingTime(), 1, 200)));
        m_output += m_process.readAll();
    }
    m_output += m_process.readAll();
    return m_process.state() == QProcess::NotRunning;
}

int HeadlessRun::exitCode() const
{
    return m_process.exitCode();
}

bool HeadlessRun::exitedNormally() const
{
    return m_process.state() == QProcess::NotRunning &&
           m_process.exitStatus() == QProcess::NormalExit;
}

QString HeadlessRun::output()
{
    m_output += m_process.readAll();
    return QString::fromUtf8(m_output);
}

QJsonObject HeadlessRun::stats(QString *error) const
{
    QFile f(statsPath());
    if (!f.open(QIODevice::ReadOnly)) {
        *error = u"no statistics file: "_s + f.errorString();
        return {};
    }
    QJsonParseError pe;
    const QJsonDocument doc = QJsonDocument::fromJson(f.readAll(), &pe);
    if (!doc.isObject()) {
        *error = u"statistics are not a JSON object: "_s + pe.errorString();
        return {};
    }
    return doc.object();
}

QList<QJsonObject> HeadlessRun::packets(QString *error) const
{
    QFile f(jsonPath());
    if (!f.open(QIODevice::ReadOnly)) {
        *error = u"no JSON Lines file: "_s + f.errorString();
        return {};
    }
    QList<QJsonObject> result;
    qint64 lineNumber = 0;
    while (!f.atEnd()) {
        const QByteArray line = f.readLine();
        ++lineNumber;
        if (line.trimmed().isEmpty())
            continue;
        QJsonParseError pe;
        const QJsonDocument doc = QJsonDocument::fromJson(line, &pe);
        if (!doc.isObject()) {
            *error = u"line %1 of the JSON Lines output is not a JSON object (%2): %3"_s.arg(
                QString::number(lineNumber), pe.errorString(), QString::fromUtf8(line.left(200)));
            return {};
        }
        result.append(doc.object());
    }
    return result;
}

qint64 HeadlessRun::statsValue(const QJsonObject &stats, const QString &key)
{
    if (stats.contains(key))
        return stats.value(key).toInteger(-1);
    for (auto it = stats.begin(); it != stats.end(); ++it) {
        if (it->isObject() && it->toObject().contains(key))
            return it->toObject().value(key).toInteger(-1);
    }
    return -1;
}

#include "HeadlessProcess.h"

#include "PeerLab.h"

#include <QDeadlineTimer>
#include <QFile>
#include <QJsonDocument>
#include <QThread>

#include <csignal>
#include <sys/prctl.h>
#include <unistd.h>

using namespace Qt::StringLiterals;

HeadlessProcess::HeadlessProcess(const QString &binary)
    : m_binary(binary)
{
    m_process.setProcessChannelMode(QProcess::MergedChannels);
    m_process.setChildProcessModifier([] { ::prctl(PR_SET_PDEATHSIG, SIGKILL); });
}

HeadlessProcess::~HeadlessProcess()
{
    if (m_process.state() != QProcess::NotRunning) {
        m_process.kill();
        m_process.waitForFinished(5000);
    }
}

bool HeadlessProcess::start(const QStringList &extraArgs, QString *error)
{
    const QString iface = u"lo"_s;
    const int before = PeerLab::groupUsersOfPid(::getpid(), iface);
    m_process.start(m_binary, QStringList{u"--headless"_s, u"--interface"_s, iface,
                                          u"--stats-json"_s, m_dir.filePath(u"stats.json"_s)} +
                                  extraArgs);
    if (!m_process.waitForStarted(5000)) {
        *error = u"cannot start "_s + m_binary + u": "_s + m_process.errorString();
        return false;
    }
    const QDeadlineTimer deadline(10'000);
    while (PeerLab::groupUsersOfPid(m_process.processId(), iface) <= before) {
        if (m_process.state() == QProcess::NotRunning || deadline.hasExpired()) {
            *error = u"mdnscope did not join 224.0.0.251 on lo: "_s +
                     QString::fromUtf8(m_process.readAll()).trimmed();
            return false;
        }
        QThread::msleep(10);
    }
    QThread::msleep(100); // joining is the last step of the setup; let the loop start
    return true;
}

bool HeadlessProcess::stop(QString *error)
{
    m_process.terminate();
    if (!m_process.waitForFinished(10'000) || m_process.exitStatus() != QProcess::NormalExit ||
        m_process.exitCode() != 0) {
        *error =
            u"mdnscope did not exit cleanly: "_s + QString::fromUtf8(m_process.readAll()).trimmed();
        return false;
    }
    QFile file(m_dir.filePath(u"stats.json"_s));
    if (!file.open(QIODevice::ReadOnly)) {
        *error = u"no statistics: "_s + file.errorString();
        return false;
    }
    m_stats = QJsonDocument::fromJson(file.readAll()).object();
    return !m_stats.isEmpty();
}

qint64 HeadlessProcess::value(const QString &key) const
{
    if (m_stats.contains(key))
        return m_stats.value(key).toInteger(-1);
    for (auto it = m_stats.begin(); it != m_stats.end(); ++it) {
        if (it->isObject() && it->toObject().contains(key))
            return it->toObject().value(key).toInteger(-1);
    }
    return -1;
}

qint64 HeadlessProcess::cpuNs() const
{
    // /proc/<pid>/stat: fields 14 and 15 are utime and stime in clock ticks; the
    // command name (field 2) may hold spaces, so count from the closing parenthesis.
    QFile file(u"/proc/%1/stat"_s.arg(m_process.processId()));
    if (!file.open(QIODevice::ReadOnly))
        return -1;
    const QByteArray stat = file.readAll();
    const QList<QByteArray> fields = stat.mid(stat.lastIndexOf(')') + 2).split(' ');
    if (fields.size() < 13)
        return -1;
    const qint64 ticks = fields.at(11).toLongLong() + fields.at(12).toLongLong();
    return ticks * (1'000'000'000 / ::sysconf(_SC_CLK_TCK));
}

#include "HeadlessProcess.h"

#include "CpuAffinity.h"
#include "PeerLab.h"

#include <QDeadlineTimer>
#include <QDir>
#include <QFile>
#include <QJsonDocument>
#include <QThread>

#include <csignal>
#include <sched.h>
#include <sys/prctl.h>
#include <sys/resource.h>
#include <unistd.h>

using namespace Qt::StringLiterals;

namespace {

// Sockets of the namespace process `pid` is in that joined ff02::fb on `iface`, from
// /proc/<pid>/net/igmp6: "index device group users flags timer", the group as 32 hex digits.
int ipv6GroupUsersOfPid(qint64 pid, const QString &iface)
{
    QFile f(u"/proc/%1/net/igmp6"_s.arg(pid));
    if (!f.open(QIODevice::ReadOnly))
        return -1;
    for (const QByteArray &line : f.readAll().split('\n')) {
        const QList<QByteArray> tokens = line.simplified().split(' ');
        if (tokens.size() >= 4 && tokens.at(1) == iface.toLatin1() &&
            tokens.at(2) == "ff0200000000000000000000000000fb")
            return tokens.at(3).toInt();
    }
    return 0;
}

int groupUsersOfPid(qint64 pid, const BenchLink &link)
{
    return link.isV4() ? PeerLab::groupUsersOfPid(pid, link.receiveInterface)
                       : ipv6GroupUsersOfPid(pid, link.receiveInterface);
}

} // namespace

HeadlessProcess::HeadlessProcess(const QString &binary)
    : m_binary(binary)
{
    m_process.setProcessChannelMode(QProcess::MergedChannels);
    m_perf.setProcessChannelMode(QProcess::MergedChannels);
}

HeadlessProcess::~HeadlessProcess()
{
    if (m_perf.state() != QProcess::NotRunning) {
        m_perf.kill();
        m_perf.waitForFinished(5000);
    }
    if (m_process.state() != QProcess::NotRunning) {
        m_process.kill();
        m_process.waitForFinished(5000);
    }
}

bool HeadlessProcess::start(const QStringList &extraArgs, QString *error)
{
    const QString iface = m_link.receiveInterface;
    const int before = groupUsersOfPid(::getpid(), m_link);
    // Runs in the child between fork and exec: only async-signal-safe calls.
    m_process.setChildProcessModifier([cpu = m_cpu] {
        ::prctl(PR_SET_PDEATHSIG, SIGKILL);
        if (cpu >= 0 && cpu < CPU_SETSIZE) {
            cpu_set_t set;
            CPU_ZERO(&set);
            CPU_SET(cpu, &set);
            ::sched_setaffinity(0, sizeof set, &set); // inherited by every thread it starts
            ::setpriority(PRIO_PROCESS, 0, CpuAffinity::kPlacedNice); // inherited too
        }
    });
    QStringList args{u"--headless"_s, u"--interface"_s, iface, u"--stats-json"_s,
                     m_dir.filePath(u"stats.json"_s)};
    if (!m_link.overLoopback()) // over lo as ever: the default families
        args << u"--family"_s << (m_link.isV4() ? u"ipv4"_s : u"ipv6"_s);
    m_process.start(m_binary, args + extraArgs);
    if (!m_process.waitForStarted(5000)) {
        *error = u"cannot start "_s + m_binary + u": "_s + m_process.errorString();
        return false;
    }
    const QDeadlineTimer deadline(10'000);
    while (groupUsersOfPid(m_process.processId(), m_link) <= before) {
        if (m_process.state() == QProcess::NotRunning || deadline.hasExpired()) {
            *error = u"mdnscope did not join %1 on %2: "_s.arg(m_link.groupText(), iface) +
                     QString::fromUtf8(m_process.readAll()).trimmed();
            return false;
        }
        QThread::msleep(10);
    }
    QThread::msleep(100); // joining is the last step of the setup; let the loop start
    return true;
}

bool HeadlessProcess::startProfile(const QString &output, QString *error)
{
    // perf must not inherit this thread's pinning to the sender's (saturated) CPU, or it
    // cannot keep up with its sample buffers: let it run on any CPU.
    m_perf.setChildProcessModifier([] {
        cpu_set_t set;
        CPU_ZERO(&set);
        for (int cpu = 0; cpu < CPU_SETSIZE; ++cpu)
            CPU_SET(cpu, &set);
        ::sched_setaffinity(0, sizeof set, &set); // the kernel keeps only the CPUs that exist
    });
    m_perf.start(u"perf"_s, {u"record"_s, u"-g"_s, u"-q"_s, u"-o"_s, output, u"-p"_s,
                             QString::number(m_process.processId())});
    if (!m_perf.waitForStarted(5000)) {
        *error = u"cannot start perf: "_s + m_perf.errorString();
        return false;
    }
    QThread::msleep(300); // perf needs a moment to attach to every thread
    if (m_perf.state() == QProcess::NotRunning) {
        *error = u"perf record failed: "_s + QString::fromUtf8(m_perf.readAll()).trimmed();
        return false;
    }
    return true;
}

bool HeadlessProcess::stop(QString *error)
{
    if (m_perf.state() != QProcess::NotRunning) {
        ::kill(pid_t(m_perf.processId()), SIGINT); // perf writes its file on SIGINT
        m_perf.waitForFinished(30'000);
    }
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
    // /proc/<pid>/task/<tid>/schedstat: the first field is the thread's run time in ns.
    // Threads that already ended are missing, but the engine's threads live as long as
    // the capture does.
    const QString tasks = u"/proc/%1/task"_s.arg(m_process.processId());
    const QStringList tids = QDir(tasks).entryList(QDir::Dirs | QDir::NoDotAndDotDot);
    qint64 total = 0;
    bool ok = !tids.isEmpty();
    for (const QString &tid : tids) {
        QFile file(tasks + u'/' + tid + u"/schedstat"_s);
        if (!file.open(QIODevice::ReadOnly)) {
            ok = false;
            break;
        }
        bool parsed = false;
        total += file.readAll().split(' ').value(0).toLongLong(&parsed);
        ok = ok && parsed;
    }
    if (ok)
        return total;

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

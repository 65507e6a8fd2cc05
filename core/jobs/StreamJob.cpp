#include "StreamJob.h"

#include "CaptureFileReader.h"
#include "StreamDevice.h"

#include <QCoreApplication>
#include <QFile>
#include <QIODevice>
#include <QProcess>
#include <QThread>

#include <cerrno>
#include <csignal>
#include <cstring>
#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

using namespace Qt::StringLiterals;

namespace {

constexpr qsizetype kBatchPackets = 1024;
constexpr int kMaxQueued = 8; // batches on their way to the GUI thread
constexpr int kKeptErrors = 4096;

bool isFifo(const QString &path)
{
    struct stat st
    {};
    return ::stat(QFile::encodeName(path).constData(), &st) == 0 && S_ISFIFO(st.st_mode);
}

} // namespace

StreamJob::StreamJob(QObject *parent)
    : BackgroundJob(u"mdnscope-stream"_s, parent)
{}

StreamJob::~StreamJob()
{
    endProcess();
    BackgroundJob::stop();
}

bool StreamJob::isFileSource(const QString &source)
{
    return source == u"-"_s || isFifo(source);
}

bool StreamJob::start(const QString &source)
{
    if (isRunning()) {
        m_error = QCoreApplication::translate("StreamJob", "a stream is already being read");
        return false;
    }
    m_error.clear();
    m_commandErrors.clear();
    int fd = -1;
    if (source == u"-"_s) {
        fd = ::fcntl(STDIN_FILENO, F_DUPFD_CLOEXEC, 3);
    } else if (isFifo(source)) {
        // Without blocking: a FIFO without a writer is waited for by the polling reads.
        fd = ::open(QFile::encodeName(source).constData(), O_RDONLY | O_NONBLOCK | O_CLOEXEC);
    } else {
        int fds[2] = {-1, -1};
        if (::pipe2(fds, O_CLOEXEC) != 0) {
            m_error = QString::fromLocal8Bit(std::strerror(errno));
            return false;
        }
        delete m_process;
        m_process = new QProcess(this);
        m_process->setStandardInputFile(QProcess::nullDevice());
        m_process->setStandardOutputFile(QProcess::nullDevice());
        const int writeEnd = fds[1];
        // In the child, after QProcess set up its standard streams: a process group of its own
        // (a stop ends the whole pipeline, ssh included), standard output into our pipe.
        m_process->setChildProcessModifier([writeEnd] {
            ::setpgid(0, 0);
            ::dup2(writeEnd, STDOUT_FILENO);
        });
        connect(m_process, &QProcess::readyReadStandardError, this, [this] {
            m_commandErrors.append(m_process->readAllStandardError());
            if (m_commandErrors.size() > kKeptErrors)
                m_commandErrors.remove(0, m_commandErrors.size() - kKeptErrors);
        });
        m_process->start(u"/bin/sh"_s, {u"-c"_s, source});
        const bool started = m_process->waitForStarted(10'000);
        ::close(writeEnd); // the child's copy is the only writer left
        if (!started) {
            m_error = m_process->errorString();
            ::close(fds[0]);
            return false;
        }
        fd = fds[0];
    }
    if (fd < 0) {
        m_error = QString::fromLocal8Bit(std::strerror(errno));
        return false;
    }
    m_queued.storeRelaxed(0);
    launch([this, fd] {
        StreamDevice device(fd, [this] { return cancelRequested(); });
        device.open(QIODevice::ReadOnly | QIODevice::Unbuffered);
        const CaptureFileResult result = CaptureFileReader::readDeviceInBatches(
            device,
            [this](QList<Packet> &packets) {
                while (m_queued.loadAcquire() >= kMaxQueued && !cancelRequested())
                    QThread::msleep(5);
                if (cancelRequested())
                    return false;
                m_queued.fetchAndAddOrdered(1);
                post([this, batch = std::move(packets)] {
                    m_queued.fetchAndAddOrdered(-1);
                    Q_EMIT packetsRead(batch);
                });
                packets = QList<Packet>();
                return true;
            },
            kBatchPackets);
        device.close();
        ::close(fd);
        QString error;
        if (result.error && !result.cancelled && !cancelRequested()) {
            error = result.error->ioError
                        ? result.error->reason
                        : QCoreApplication::translate("StreamJob", "at offset %1: %2")
                              .arg(result.error->offset)
                              .arg(result.error->reason);
        }
        const quint64 packets = result.stats.packets;
        const bool empty = result.stats.records == 0 && result.format.isEmpty();
        deliver([this, error, packets, empty] {
            QString why = error;
            // A command that wrote nothing usually failed: its own words say why.
            if (m_process && (empty || !why.isEmpty())) {
                const QString failure = commandFailure();
                if (!failure.isEmpty())
                    why = why.isEmpty() || empty ? failure : why + u"; "_s + failure;
            }
            endProcess();
            Q_EMIT finished(why, packets);
        });
    });
    return true;
}

QString StreamJob::commandFailure() const
{
    if (!m_process)
        return {};
    m_process->waitForFinished(500);
    const QList<QByteArray> lines = m_commandErrors.trimmed().split('\n');
    const QString last = lines.isEmpty() ? QString() : QString::fromLocal8Bit(lines.last());
    if (m_process->state() != QProcess::NotRunning)
        return last;
    if (m_process->exitStatus() == QProcess::NormalExit && m_process->exitCode() == 0)
        return last;
    return last.isEmpty()
               ? QCoreApplication::translate("StreamJob", "the command exited with %1")
                     .arg(m_process->exitCode())
               : QCoreApplication::translate("StreamJob", "the command exited with %1: %2")
                     .arg(m_process->exitCode())
                     .arg(last);
}

void StreamJob::stop()
{
    endProcess();
    cancel();
}

void StreamJob::endProcess()
{
    if (!m_process)
        return;
    if (m_process->state() != QProcess::NotRunning) {
        const qint64 pid = m_process->processId();
        if (pid > 0)
            ::kill(-pid_t(pid), SIGTERM); // the group: sh and what it runs
        if (!m_process->waitForFinished(2000)) {
            if (pid > 0)
                ::kill(-pid_t(pid), SIGKILL);
            m_process->waitForFinished(2000);
        }
    }
    m_process->deleteLater();
    m_process = nullptr;
}

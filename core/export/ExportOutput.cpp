#include "ExportOutput.h"

#include <QCoreApplication>
#include <QFile>
#include <QFileInfo>
#include <QSaveFile>

#include <atomic>
#include <cerrno>
#include <chrono>
#include <csignal>
#include <cstdio>
#include <cstring>
#include <fcntl.h>
#include <unistd.h>

using namespace Qt::StringLiterals;

namespace {

// A .part file reaches the disk at most this often: often enough that power loss costs
// about a second of capture, rarely enough that a busy capture is not slowed by syncs.
constexpr qint64 kSyncIntervalMs = 1000;

qint64 nowMs()
{
    return std::chrono::duration_cast<std::chrono::milliseconds>(
               std::chrono::steady_clock::now().time_since_epoch())
        .count();
}

std::atomic<bool> g_standardOutputClosed{false};
std::atomic<bool> g_readerGone{false};

QString standardOutputName()
{
    return QCoreApplication::translate("ExportOutput", "standard output");
}

QString cannotWrite(const QString &path, const QString &reason)
{
    return QCoreApplication::translate("ExportOutput", "cannot write %1: %2")
        .arg(path == u"-"_s ? standardOutputName() : path, reason);
}

QString readerGoneReason()
{
    return QCoreApplication::translate("ExportOutput", "the reader closed the pipe");
}

// The file a symbolic link finally points to (the link itself when the chain is too long),
// resolved without requiring it to exist, as QSaveFile does: writing through the link
// replaces that file and keeps the link.
QString followLinks(const QString &path)
{
    QFileInfo info(path);
    for (int depth = 0; depth < 40 && info.isSymLink(); ++depth)
        info.setFile(info.symLinkTarget());
    return info.isSymLink() ? path : info.filePath();
}

} // namespace

void ExportOutput::protectStandardStreams()
{
    for (int fd = STDIN_FILENO; fd <= STDERR_FILENO; ++fd) {
        if (::fcntl(fd, F_GETFD) != -1 || errno != EBADF)
            continue;
        // Read-only: a write to it fails (EBADF) instead of vanishing as into /dev/null.
        const int placeholder = ::open("/dev/null", O_RDONLY | O_CLOEXEC);
        if (placeholder >= 0 && placeholder != fd) {
            ::dup2(placeholder, fd);
            ::close(placeholder);
        }
        if (fd == STDOUT_FILENO)
            g_standardOutputClosed = true;
    }
    std::signal(SIGPIPE, SIG_IGN);
}

bool ExportOutput::standardOutputReaderGone()
{
    return g_readerGone;
}

bool ExportOutput::isReaderGoneError(const QString &error)
{
    return !error.isEmpty() && error == cannotWrite(u"-"_s, readerGoneReason());
}

ExportOutput::ExportOutput() = default;

ExportOutput::~ExportOutput()
{
    cancel();
}

bool ExportOutput::fail(const QString &reason)
{
    if (m_error.isEmpty())
        m_error = cannotWrite(m_path, reason);
    cancel();
    return false;
}

// errno of the failed write(2): a closed standard output and a reader that went away say
// so, rather than "Bad file descriptor" or "Invalid argument".
bool ExportOutput::failStandardOutput(int error)
{
    if (g_standardOutputClosed && m_error.isEmpty())
        m_error = QCoreApplication::translate("ExportOutput", "standard output is closed");
    if (error == EPIPE) {
        g_readerGone = true;
        return fail(readerGoneReason());
    }
    return fail(error ? QString::fromLocal8Bit(std::strerror(error)) : m_device->errorString());
}

bool ExportOutput::open(const QString &path, Staging staging)
{
    m_path = path;
    m_error.clear();
    m_done = false;
    if (path.isEmpty())
        return fail(QCoreApplication::translate("ExportOutput", "no file name"));
    if (path == u"-"_s) {
        if (g_standardOutputClosed)
            return failStandardOutput(EBADF);
        std::fflush(stdout); // keep the order of anything printed before
        // Unbuffered: every write is checked where it happens, with its own errno.
        auto file = std::make_unique<QFile>();
        if (!file->open(STDOUT_FILENO, QIODevice::WriteOnly | QIODevice::Unbuffered,
                        QFileDevice::DontCloseHandle))
            return fail(file->errorString());
        m_device = std::move(file);
        return true;
    }
    const QFileInfo info(followLinks(path));
    if (info.isDir())
        return fail(QCoreApplication::translate("ExportOutput", "it is a directory"));
    if (info.exists() && !info.isFile()) { // a device or FIFO: write in place
        auto file = std::make_unique<QFile>(path);
        if (!file->open(QIODevice::WriteOnly | QIODevice::Unbuffered))
            return fail(file->errorString());
        m_device = std::move(file);
        return true;
    }
    const QString target = info.filePath(); // the file a link points to
    if (staging == Staging::PartFile) {
        // Unbuffered: every write() is a system call, so what was written is in the kernel
        // (and survives SIGKILL) without waiting for a buffer to fill.
        m_target = target; // renamed over the link's file, not the link
        m_partPath = target + u".part"_s;
        auto file = std::make_unique<QFile>(m_partPath);
        if (!file->open(QIODevice::WriteOnly | QIODevice::Truncate | QIODevice::Unbuffered))
            return fail(file->errorString());
        m_partFile = true;
        m_lastSyncMs = nowMs();
        m_device = std::move(file);
        return true;
    }
    auto file = std::make_unique<QSaveFile>(target);
    if (!file->open(QIODevice::WriteOnly))
        return fail(file->errorString());
    m_saveFile = file.get();
    m_device = std::move(file);
    return true;
}

bool ExportOutput::write(QByteArrayView bytes)
{
    if (!m_device)
        return false;
    // A device may take part of the bytes (the last room on a disk) and fail only on the
    // next call, which is the one that carries the reason.
    for (qsizetype done = 0; done < bytes.size();) {
        errno = 0;
        const qint64 n = m_device->write(bytes.data() + done, bytes.size() - done);
        if (n <= 0)
            return m_path == u"-"_s ? failStandardOutput(errno) : fail(m_device->errorString());
        done += n;
    }
    return true;
}

bool ExportOutput::checkpoint()
{
    if (!m_device)
        return false;
    if (m_saveFile)
        return true;
    if (!m_device->flush())
        return fail(m_device->errorString());
    if (const int error = m_syncErrno.exchange(0))
        return fail(QString::fromLocal8Bit(std::strerror(error)));
    if (m_partFile && nowMs() - m_lastSyncMs >= kSyncIntervalMs &&
        !m_syncRunning.load(std::memory_order_acquire)) {
        if (m_sync.joinable())
            m_sync.join(); // finished: joins at once
        const int fd = ::dup(m_device->handle());
        if (fd < 0)
            return fail(QString::fromLocal8Bit(std::strerror(errno)));
        m_syncRunning.store(true, std::memory_order_release);
        m_sync = std::thread([this, fd] {
            if (::fdatasync(fd) != 0)
                m_syncErrno.store(errno);
            ::close(fd);
            m_syncRunning.store(false, std::memory_order_release);
        });
        m_lastSyncMs = nowMs();
    }
    return true;
}

bool ExportOutput::finishSync()
{
    if (m_sync.joinable())
        m_sync.join();
    if (const int error = m_syncErrno.exchange(0))
        return fail(QString::fromLocal8Bit(std::strerror(error)));
    return true;
}

// On the disk first, then renamed over the target in one step (rename(2) replaces an
// existing file atomically), so the target is either the old file or the complete new one.
bool ExportOutput::commitPartFile()
{
    if (!finishSync())
        return false;
    if (!m_device->flush() || ::fsync(m_device->handle()) != 0)
        return fail(m_device->error() != QFileDevice::NoError
                        ? m_device->errorString()
                        : QString::fromLocal8Bit(std::strerror(errno)));
    m_device->close();
    if (m_device->error() != QFileDevice::NoError)
        return fail(m_device->errorString());
    if (::rename(QFile::encodeName(m_partPath).constData(),
                 QFile::encodeName(m_target).constData()) != 0)
        return fail(QString::fromLocal8Bit(std::strerror(errno)));
    return true;
}

bool ExportOutput::commit()
{
    if (!m_device)
        return false;
    if (m_partFile) {
        if (!commitPartFile())
            return false;
    } else if (m_saveFile) {
        if (!m_saveFile->commit()) // flushes, checks every earlier write, renames
            return fail(m_saveFile->errorString());
    } else {
        if (!m_device->flush() || m_device->error() != QFileDevice::NoError)
            return fail(m_device->errorString());
        m_device->close();
        if (m_device->error() != QFileDevice::NoError)
            return fail(m_device->errorString());
    }
    m_done = true;
    m_device.reset();
    m_saveFile = nullptr;
    m_partFile = false;
    return true;
}

void ExportOutput::cancel()
{
    if (m_sync.joinable())
        m_sync.join(); // its failure no longer matters
    m_syncErrno.store(0);
    if (m_saveFile && !m_done)
        m_saveFile->cancelWriting(); // the temporary file is removed on destruction
    m_saveFile = nullptr;
    m_device.reset();
    if (m_partFile && !m_done)
        QFile::remove(m_partPath);
    m_partFile = false;
}

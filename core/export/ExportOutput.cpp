#include "ExportOutput.h"

#include <QCoreApplication>
#include <QFile>
#include <QFileInfo>
#include <QSaveFile>

#include <cerrno>
#include <chrono>
#include <cstring>
#include <cstdio>
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

} // namespace

ExportOutput::ExportOutput() = default;

ExportOutput::~ExportOutput()
{
    cancel();
}

bool ExportOutput::fail(const QString &reason)
{
    if (m_error.isEmpty())
        m_error = QCoreApplication::translate("ExportOutput", "cannot write %1: %2")
                      .arg(m_path == u"-"_s
                               ? QCoreApplication::translate("ExportOutput", "standard output")
                               : m_path,
                           reason);
    cancel();
    return false;
}

bool ExportOutput::open(const QString &path, Staging staging)
{
    m_path = path;
    m_error.clear();
    m_done = false;
    if (path.isEmpty())
        return fail(QCoreApplication::translate("ExportOutput", "no file name"));
    if (path == u"-"_s) {
        std::fflush(stdout); // keep the order of anything printed before
        auto file = std::make_unique<QFile>();
        if (!file->open(STDOUT_FILENO, QIODevice::WriteOnly, QFileDevice::DontCloseHandle))
            return fail(file->errorString());
        m_device = std::move(file);
        return true;
    }
    const QFileInfo info(path);
    if (info.isDir())
        return fail(QCoreApplication::translate("ExportOutput", "it is a directory"));
    if (info.exists() && !info.isFile()) { // a device or FIFO: write in place
        auto file = std::make_unique<QFile>(path);
        if (!file->open(QIODevice::WriteOnly))
            return fail(file->errorString());
        m_device = std::move(file);
        return true;
    }
    if (staging == Staging::PartFile) {
        // Unbuffered: every write() is a system call, so what was written is in the kernel
        // (and survives SIGKILL) without waiting for a buffer to fill.
        m_partPath = path + u".part"_s;
        auto file = std::make_unique<QFile>(m_partPath);
        if (!file->open(QIODevice::WriteOnly | QIODevice::Truncate | QIODevice::Unbuffered))
            return fail(file->errorString());
        m_partFile = true;
        m_lastSyncMs = nowMs();
        m_device = std::move(file);
        return true;
    }
    auto file = std::make_unique<QSaveFile>(path);
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
        const qint64 n = m_device->write(bytes.data() + done, bytes.size() - done);
        if (n <= 0)
            return fail(m_device->errorString());
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
    if (m_partFile && nowMs() - m_lastSyncMs >= kSyncIntervalMs) {
        if (::fdatasync(m_device->handle()) != 0)
            return fail(QString::fromLocal8Bit(std::strerror(errno)));
        m_lastSyncMs = nowMs();
    }
    return true;
}

// On the disk first, then renamed over the target in one step (rename(2) replaces an
// existing file atomically), so the target is either the old file or the complete new one.
bool ExportOutput::commitPartFile()
{
    if (!m_device->flush() || ::fsync(m_device->handle()) != 0)
        return fail(m_device->error() != QFileDevice::NoError
                        ? m_device->errorString()
                        : QString::fromLocal8Bit(std::strerror(errno)));
    m_device->close();
    if (m_device->error() != QFileDevice::NoError)
        return fail(m_device->errorString());
    if (::rename(QFile::encodeName(m_partPath).constData(),
                 QFile::encodeName(m_path).constData()) != 0)
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
    if (m_saveFile && !m_done)
        m_saveFile->cancelWriting(); // the temporary file is removed on destruction
    m_saveFile = nullptr;
    m_device.reset();
    if (m_partFile && !m_done)
        QFile::remove(m_partPath);
    m_partFile = false;
}

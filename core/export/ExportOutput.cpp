#include "ExportOutput.h"

#include <QCoreApplication>
#include <QFile>
#include <QFileInfo>
#include <QSaveFile>

#include <cstdio>
#include <unistd.h>

using namespace Qt::StringLiterals;

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

bool ExportOutput::open(const QString &path)
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

bool ExportOutput::commit()
{
    if (!m_device)
        return false;
    if (m_saveFile) {
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
    return true;
}

void ExportOutput::cancel()
{
    if (m_saveFile && !m_done)
        m_saveFile->cancelWriting(); // the temporary file is removed on destruction
    m_saveFile = nullptr;
    m_device.reset();
}

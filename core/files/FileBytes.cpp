#include "FileBytes.h"

#include <QCoreApplication>
#include <QFileDevice>
#include <QIODevice>

#include <cstring>
#include <sys/ioctl.h>

FileBytes::FileBytes(QByteArrayView memory)
    : m_memory(reinterpret_cast<const uchar *>(memory.data()))
    , m_size(memory.size())
{}

FileBytes::FileBytes(QIODevice &device, qint64 size, qsizetype windowBytes)
    : m_device(&device)
    , m_size(size)
    , m_window(std::max<qsizetype>(windowBytes, 1))
{}

FileBytes::FileBytes(QIODevice &stream, qsizetype windowBytes)
    : m_device(&stream)
    , m_stream(true)
    , m_window(std::max<qsizetype>(windowBytes, 1))
{}

// Whether a read of `length` bytes would return without waiting for the writer: they are
// buffered, or (a file descriptor) the kernel holds them. At the end of the stream it is not,
// which is no harm: idle() is called once more before the read returns 0.
bool FileBytes::streamReady(qint64 length) const
{
    const qint64 buffered = m_device->bytesAvailable(); // StreamDevice: with what the kernel holds
    if (buffered >= length)
        return true;
    const auto *file = qobject_cast<const QFileDevice *>(m_device);
    const int fd = file ? file->handle() : -1;
    int pending = 0;
    return fd >= 0 && ::ioctl(fd, FIONREAD, &pending) == 0 && buffered + pending >= length;
}

qint64 FileBytes::readStream(char *into, qint64 length)
{
    if (m_idle && m_pending && m_pending() && !streamReady(length))
        m_idle();
    return m_device->read(into, length);
}

// Drops what lies before `offset`, skips forward to it, then reads until `length` bytes
// from it are buffered or the stream ends. Reads no more than asked: a pipe whose writer
// is still open would block on bytes that are not needed yet.
bool FileBytes::fillStream(qint64 offset, qint64 length)
{
    const qint64 end = m_bufferStart + m_buffered; // bytes read from the stream so far
    if (offset < m_bufferStart)
        return false; // readers only walk forward
    if (offset <= end) {
        const qint64 kept = end - offset;
        if (offset > m_bufferStart && kept > 0)
            std::memmove(m_buffer.data(), m_buffer.constData() + (offset - m_bufferStart),
                         size_t(kept));
        m_bufferStart = offset;
        m_buffered = kept;
    } else {
        m_bufferStart = end; // skip the bytes up to `offset` through the buffer
        m_buffered = 0;
        while (m_bufferStart < offset && !m_streamEnded) {
            const qint64 chunk = std::min<qint64>(offset - m_bufferStart, m_window);
            if (m_buffer.size() < chunk)
                m_buffer.resize(chunk);
            const qint64 n = readStream(m_buffer.data(), chunk);
            if (n < 0)
                m_error = m_device->errorString();
            if (n <= 0)
                m_streamEnded = true;
            else
                m_bufferStart += n;
        }
        if (m_bufferStart < offset)
            return false;
    }
    if (m_buffered >= length)
        return true;
    if (m_buffer.size() < length)
        m_buffer.resize(length);
    while (m_buffered < length && !m_streamEnded) {
        const qint64 n = readStream(m_buffer.data() + m_buffered, length - m_buffered);
        if (n < 0)
            m_error = m_device->errorString();
        if (n <= 0)
            m_streamEnded = true;
        else
            m_buffered += n;
    }
    return m_buffered >= length;
}

qint64 FileBytes::available(qint64 offset, qint64 want)
{
    if (offset < 0 || want < 0)
        return 0;
    if (!m_stream)
        return offset > m_size ? 0 : std::min(want, m_size - offset);
    fillStream(offset, want);
    return offset < m_bufferStart ? 0 : std::min(want, m_bufferStart + m_buffered - offset);
}

const uchar *FileBytes::at(qint64 offset, qint64 length)
{
    if (m_stream) {
        if (offset < 0 || length < 0)
            return nullptr;
        // Already there: keep earlier pointers into the buffer valid.
        if (offset >= m_bufferStart && offset + length <= m_bufferStart + m_buffered)
            return reinterpret_cast<const uchar *>(m_buffer.constData() + (offset - m_bufferStart));
        if (!fillStream(offset, length))
            return nullptr;
        return reinterpret_cast<const uchar *>(m_buffer.constData());
    }
    if (offset < 0 || length < 0 || offset > m_size || length > m_size - offset)
        return nullptr;
    if (m_memory)
        return m_memory + offset;

    const qint64 end = offset + length;
    if (offset >= m_bufferStart && end <= m_bufferStart + m_buffered)
        return reinterpret_cast<const uchar *>(m_buffer.constData() + (offset - m_bufferStart));

    // Keep what is already read from `offset` on, then read until `length` bytes are there.
    qint64 kept = 0;
    if (offset >= m_bufferStart && offset < m_bufferStart + m_buffered) {
        kept = m_bufferStart + m_buffered - offset;
        std::memmove(m_buffer.data(), m_buffer.constData() + (offset - m_bufferStart),
                     size_t(kept));
    } else if (!m_device->seek(offset)) {
        m_error = m_device->errorString();
        return nullptr;
    }
    m_bufferStart = offset;
    m_buffered = kept;
    const qint64 want = std::min(std::max<qint64>(length, m_window), m_size - offset);
    if (m_buffer.size() < want)
        m_buffer.resize(want);
    while (m_buffered < want) {
        const qint64 n = m_device->read(m_buffer.data() + m_buffered, want - m_buffered);
        if (n <= 0) {
            m_error = n < 0 ? m_device->errorString()
                            : QCoreApplication::translate("CaptureFileReader",
                                                          "the file became shorter while it "
                                                          "was read");
            return nullptr;
        }
        m_buffered += n;
    }
    return reinterpret_cast<const uchar *>(m_buffer.constData());
}

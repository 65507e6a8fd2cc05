#include "FileBytes.h"

#include <QCoreApplication>
#include <QIODevice>

#include <cstring>

FileBytes::FileBytes(QByteArrayView memory)
    : m_memory(reinterpret_cast<const uchar *>(memory.data()))
    , m_size(memory.size())
{}

FileBytes::FileBytes(QIODevice &device, qint64 size, qsizetype windowBytes)
    : m_device(&device)
    , m_size(size)
    , m_window(std::max<qsizetype>(windowBytes, 1))
{}

const uchar *FileBytes::at(qint64 offset, qint64 length)
{
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

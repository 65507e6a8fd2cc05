#include "StreamDevice.h"

#include <cerrno>
#include <cstring>
#include <poll.h>
#include <sys/ioctl.h>
#include <unistd.h>

StreamDevice::StreamDevice(int fd, std::function<bool()> stopped, QObject *parent)
    : QIODevice(parent)
    , m_fd(fd)
    , m_stopped(std::move(stopped))
{}

qint64 StreamDevice::bytesAvailable() const
{
    int pending = 0;
    if (::ioctl(m_fd, FIONREAD, &pending) != 0)
        pending = 0;
    return QIODevice::bytesAvailable() + (m_buffer.size() - m_taken) + pending;
}

qint64 StreamDevice::readData(char *data, qint64 maxSize)
{
    constexpr qsizetype kChunk = 64 << 10;
    if (m_taken == m_buffer.size()) {
        m_buffer.resize(kChunk);
        const qint64 n = fill(m_buffer.data(), kChunk);
        m_buffer.resize(std::max<qint64>(n, 0));
        m_taken = 0;
        if (n <= 0)
            return n;
    }
    const qint64 n = std::min<qint64>(maxSize, m_buffer.size() - m_taken);
    std::memcpy(data, m_buffer.constData() + m_taken, size_t(n));
    m_taken += n;
    return n;
}

qint64 StreamDevice::fill(char *data, qint64 maxSize)
{
    for (;;) {
        if (m_stopped && m_stopped()) {
            m_wasStopped = true;
            return 0;
        }
        pollfd p{m_fd, POLLIN, 0};
        const int ready = ::poll(&p, 1, kPollMs);
        if (ready < 0 && errno != EINTR) {
            setErrorString(QString::fromLocal8Bit(std::strerror(errno)));
            return -1;
        }
        if (ready <= 0)
            continue;
        const ssize_t n = ::read(m_fd, data, size_t(maxSize));
        if (n >= 0)
            return n;
        if (errno == EAGAIN || errno == EINTR)
            continue;
        setErrorString(QString::fromLocal8Bit(std::strerror(errno)));
        return -1;
    }
}

qint64 StreamDevice::writeData(const char *, qint64)
{
    return -1;
}

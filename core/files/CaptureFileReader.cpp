#include "CaptureFileReader.h"

#include "FileBytes.h"
#include "FrameCollector.h"
#include "PcapReader.h"
#include "PcapngReader.h"
#include "StreamDevice.h"

#include <QCoreApplication>
#include <QFile>
#include <QFileInfo>
#include <QIODevice>

#include <cerrno>
#include <cstring>
#include <fcntl.h>
#include <poll.h>
#include <sys/stat.h>
#include <unistd.h>

using namespace Qt::StringLiterals;

QString CaptureFileError::toString() const
{
    if (ioError)
        return reason;
    return QCoreApplication::translate("CaptureFileReader", "at offset %1: %2")
        .arg(offset)
        .arg(reason);
}

const CaptureSection *CaptureFileResult::sectionOf(quint32 number) const
{
    const CaptureSection *found = nullptr;
    for (const CaptureSection &s : sections) {
        if (s.firstNumber > number)
            break;
        found = &s;
    }
    return found;
}

namespace {

CaptureFileResult readSource(FileBytes &source, const std::function<bool(qint64, qint64)> &progress,
                             const FrameCollector::Batches &batches = {},
                             qsizetype batchPackets = 0,
                             CaptureFileReader::Frames frames = CaptureFileReader::Frames::Keep)
{
    CaptureFileResult result;
    // A stream's size is unknown: progress then reports 0 as the total.
    FrameCollector collector(result, source.isStream() ? 0 : source.size(), progress, batches,
                             batchPackets);
    collector.setKeepFrames(frames == CaptureFileReader::Frames::Keep);
    if (source.isStream() && batches) {
        // Live: what was read goes on when the writer pauses, and at least every kFlushMs.
        collector.setLive(CaptureFileReader::kStreamFlushMs);
        source.setIdle([&collector] { return collector.hasPending(); },
                       [&collector] { collector.idle(); });
    }
    // Four bytes tell the format: a stream that is no capture (/dev/zero) ends here.
    const qint64 got = source.available(0, 4);
    const uchar *head = source.at(0, got);
    const QByteArrayView magic(reinterpret_cast<const char *>(head), head ? got : 0);
    if (!head || (got == 0 && !source.errorString().isEmpty())) {
        result.error = CaptureFileError{0, source.errorString(), true};
    } else if (PcapngReader::recognizes(magic)) {
        result.format = u"pcapng"_s;
        PcapngReader::read(source, collector);
    } else if (PcapReader::recognizes(magic)) {
        result.format = u"pcap"_s;
        PcapReader::read(source, collector);
    } else if (got == 0) {
        collector.fail(0, QCoreApplication::translate("CaptureFileReader", "the file is empty"));
    } else {
        collector.fail(
            0, QCoreApplication::translate("CaptureFileReader",
                                           "not a pcap or pcapng file (unknown magic number 0x%1)")
                   .arg(QString::fromLatin1(magic.toByteArray().toHex())));
    }
    collector.finish();
    if (!result.cancelled && progress)
        progress(source.size(), source.size());
    return result;
}

constexpr qsizetype kDefaultWindow = 4 << 20;
constexpr int kFifoCancelled = -1000000;
constexpr int kFifoPollMs = 100;

bool isFifo(const QString &path)
{
    struct stat st
    {};
    return ::stat(QFile::encodeName(path).constData(), &st) == 0 && S_ISFIFO(st.st_mode);
}

// A plain open() of a FIFO blocks until a writer opens it, with no way to stop it (tshark
// hangs there too). Opened without blocking, the FIFO is polled instead: poll() reports
// it once a writer has written or closed it, and between polls `progress` may cancel.
// Returns the descriptor (blocking again), kFifoCancelled, or -errno.
int openFifo(const QString &path, const std::function<bool(qint64, qint64)> &progress,
             const std::function<void()> &waiting)
{
    const int fd = ::open(QFile::encodeName(path).constData(), O_RDONLY | O_NONBLOCK | O_CLOEXEC);
    if (fd < 0)
        return -errno;
    pollfd p{fd, POLLIN, 0};
    bool announced = false;
    for (;;) {
        const int n = ::poll(&p, 1, announced ? kFifoPollMs : 0);
        if (n > 0)
            break;
        if (n < 0 && errno != EINTR) {
            const int error = errno;
            ::close(fd);
            return -error;
        }
        if (!announced && waiting)
            waiting();
        announced = true;
        if (progress && !progress(0, 0)) {
            ::close(fd);
            return kFifoCancelled;
        }
    }
    ::fcntl(fd, F_SETFL, ::fcntl(fd, F_GETFL) & ~O_NONBLOCK);
    return fd;
}

CaptureFileResult ioFailure(const QString &reason)
{
    CaptureFileResult result;
    result.error = CaptureFileError{0, reason, true};
    return result;
}

} // namespace

CaptureFileResult CaptureFileReader::readBytes(const QByteArray &bytes,
                                               const std::function<bool(qint64, qint64)> &progress)
{
    FileBytes source(bytes);
    return readSource(source, progress);
}

CaptureFileResult CaptureFileReader::readDevice(QIODevice &device,
                                                const std::function<bool(qint64, qint64)> &progress,
                                                qsizetype windowBytes)
{
    if (!device.isOpen() || !device.isReadable())
        return ioFailure(QCoreApplication::translate("CaptureFileReader", "not open for reading"));
    if (device.isSequential()) {
        FileBytes stream(device, windowBytes);
        return readSource(stream, progress);
    }
    FileBytes source(device, device.size(), windowBytes);
    return readSource(source, progress);
}

CaptureFileResult CaptureFileReader::readDeviceInBatches(
    QIODevice &device, const std::function<bool(QList<Packet> &)> &batches, qsizetype batchPackets)
{
    if (!device.isOpen() || !device.isReadable())
        return ioFailure(QCoreApplication::translate("CaptureFileReader", "not open for reading"));
    if (device.isSequential()) {
        FileBytes stream(device, kDefaultWindow);
        return readSource(stream, {}, batches, batchPackets);
    }
    FileBytes source(device, device.size(), kDefaultWindow);
    return readSource(source, {}, batches, batchPackets);
}

CaptureFileResult CaptureFileReader::readFile(const QString &path,
                                              const std::function<bool(qint64, qint64)> &progress)
{
    return readFileInBatches(path, {}, 0, progress);
}

CaptureFileResult CaptureFileReader::readFileInBatches(
    const QString &path, const std::function<bool(QList<Packet> &)> &batches,
    qsizetype batchPackets, const std::function<bool(qint64, qint64)> &progress,
    const std::function<void()> &waiting, Frames frames)
{
    const QFileInfo info(path);
    if (path != QLatin1StringView("-") && info.isDir())
        return ioFailure(QCoreApplication::translate("CaptureFileReader", "it is a directory"));
    QFile file(path);
    if (path == QLatin1StringView("-")) {
        if (!file.open(STDIN_FILENO, QIODevice::ReadOnly, QFileDevice::DontCloseHandle))
            return ioFailure(file.errorString());
    } else if (isFifo(path)) {
        const int fd = openFifo(path, progress, waiting);
        if (fd == kFifoCancelled) {
            CaptureFileResult result;
            result.cancelled = true;
            return result;
        }
        if (fd < 0)
            return ioFailure(QString::fromLocal8Bit(std::strerror(-fd)));
        if (!file.open(fd, QIODevice::ReadOnly, QFileDevice::AutoCloseHandle)) {
            ::close(fd);
            return ioFailure(file.errorString());
        }
    } else if (!file.open(QIODevice::ReadOnly)) {
        return ioFailure(file.errorString());
    }
    if (file.isSequential()) { // a pipe, a FIFO, a character device: read record by record
        // Read as it comes (never waiting for more than a read needs), and a writer that is
        // silent does not keep a cancel (progress returning false) from being seen.
        StreamDevice stream(file.handle(), [&progress] { return progress && !progress(0, 0); });
        stream.open(QIODevice::ReadOnly | QIODevice::Unbuffered);
        FileBytes bytes(stream, kDefaultWindow);
        CaptureFileResult result = readSource(bytes, progress, batches, batchPackets, frames);
        if (stream.wasStopped()) { // not the end of the stream: where the reading was given up
            result.cancelled = true;
            result.error.reset();
        }
        return result;
    }
    // Read through a window rather than mapped: a mapping would fault (SIGBUS) if another
    // process truncated the file meanwhile.
    FileBytes source(file, file.size(), kDefaultWindow);
    return readSource(source, progress, batches, batchPackets, frames);
}

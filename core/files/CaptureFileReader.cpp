#include "CaptureFileReader.h"

#include "FileBytes.h"
#include "FrameCollector.h"
#include "PcapReader.h"
#include "PcapngReader.h"

#include <QCoreApplication>
#include <QFile>
#include <QFileInfo>
#include <QIODevice>

using namespace Qt::StringLiterals;

QString CaptureFileError::toString() const
{
    if (ioError)
        return reason;
    return QCoreApplication::translate("CaptureFileReader", "at offset %1: %2")
        .arg(offset)
        .arg(reason);
}

namespace {

CaptureFileResult readSource(FileBytes &source, const std::function<bool(qint64, qint64)> &progress,
                             const FrameCollector::Batches &batches = {},
                             qsizetype batchPackets = 0)
{
    CaptureFileResult result;
    FrameCollector collector(result, source.size(), progress, batches, batchPackets);
    const uchar *head = source.at(0, std::min<qint64>(source.size(), 4));
    const QByteArrayView magic(reinterpret_cast<const char *>(head),
                               head ? std::min<qint64>(source.size(), 4) : 0);
    if (!head) {
        result.error = CaptureFileError{0, source.errorString(), true};
    } else if (PcapngReader::recognizes(magic)) {
        result.format = u"pcapng"_s;
        PcapngReader::read(source, collector);
    } else if (PcapReader::recognizes(magic)) {
        result.format = u"pcap"_s;
        PcapReader::read(source, collector);
    } else if (source.size() == 0) {
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
    if (device.isSequential()) { // a pipe: no size to check lengths against, so read it all
        const QByteArray bytes = device.readAll();
        return readBytes(bytes, progress);
    }
    FileBytes source(device, device.size(), windowBytes);
    return readSource(source, progress);
}

CaptureFileResult CaptureFileReader::readFile(const QString &path,
                                              const std::function<bool(qint64, qint64)> &progress)
{
    return readFileInBatches(path, {}, 0, progress);
}

CaptureFileResult CaptureFileReader::readFileInBatches(
    const QString &path, const std::function<bool(QList<Packet> &)> &batches,
    qsizetype batchPackets, const std::function<bool(qint64, qint64)> &progress)
{
    if (QFileInfo(path).isDir())
        return ioFailure(QCoreApplication::translate("CaptureFileReader", "it is a directory"));
    QFile file(path);
    if (!file.open(QIODevice::ReadOnly))
        return ioFailure(file.errorString());
    if (file.isSequential()) { // a pipe: no size to check lengths against, so read it all
        const QByteArray bytes = file.readAll();
        FileBytes source(bytes);
        return readSource(source, progress, batches, batchPackets);
    }
    // Read through a window rather than mapped: a mapping would fault (SIGBUS) if another
    // process truncated the file meanwhile.
    FileBytes source(file, file.size(), kDefaultWindow);
    return readSource(source, progress, batches, batchPackets);
}

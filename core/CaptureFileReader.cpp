#include "CaptureFileReader.h"

#include "FrameCollector.h"
#include "PcapReader.h"
#include "PcapngReader.h"

#include <QCoreApplication>
#include <QFile>
#include <QFileInfo>

using namespace Qt::StringLiterals;

QString CaptureFileError::toString() const
{
    if (ioError)
        return reason;
    return QCoreApplication::translate("CaptureFileReader", "at offset %1: %2")
        .arg(offset)
        .arg(reason);
}

CaptureFileResult CaptureFileReader::readBytes(const QByteArray &bytes,
                                               const std::function<bool(qint64, qint64)> &progress)
{
    CaptureFileResult result;
    FrameCollector collector(result, bytes.size(), progress);
    if (PcapngReader::recognizes(bytes)) {
        result.format = u"pcapng"_s;
        PcapngReader::read(bytes, collector);
    } else if (PcapReader::recognizes(bytes)) {
        result.format = u"pcap"_s;
        PcapReader::read(bytes, collector);
    } else if (bytes.isEmpty()) {
        collector.fail(0, QCoreApplication::translate("CaptureFileReader", "the file is empty"));
    } else {
        collector.fail(
            0, QCoreApplication::translate("CaptureFileReader",
                                           "not a pcap or pcapng file (unknown magic number 0x%1)")
                   .arg(QString::fromLatin1(bytes.left(4).toHex())));
    }
    if (!result.cancelled && progress)
        progress(bytes.size(), bytes.size());
    return result;
}

CaptureFileResult CaptureFileReader::readFile(const QString &path,
                                              const std::function<bool(qint64, qint64)> &progress)
{
    if (QFileInfo(path).isDir()) {
        CaptureFileResult result;
        result.error = CaptureFileError{
            0, QCoreApplication::translate("CaptureFileReader", "it is a directory"), true};
        return result;
    }
    QFile file(path);
    // The whole file is read at once: packets are copied out of it anyway, and a
    // mapping could fault (SIGBUS) if another process truncated the file meanwhile.
    if (!file.open(QIODevice::ReadOnly)) {
        CaptureFileResult result;
        result.error = CaptureFileError{0, file.errorString(), true};
        return result;
    }
    const QByteArray bytes = file.readAll();
    if (file.error() != QFileDevice::NoError) {
        CaptureFileResult result;
        result.error = CaptureFileError{0, file.errorString(), true};
        return result;
    }
    return readBytes(bytes, progress);
}

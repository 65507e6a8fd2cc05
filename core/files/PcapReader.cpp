#include "PcapReader.h"

#include "EndianReader.h"
#include "FileBytes.h"
#include "FrameCollector.h"

#include <QCoreApplication>

namespace {

constexpr quint32 kMagicMicro = 0xA1B2C3D4;
constexpr quint32 kMagicNano = 0xA1B23C4D;
constexpr quint32 kMagicModified = 0xA1B2CD34; // Alexey Kuznetzov's patched libpcap
constexpr qint64 kFileHeaderSize = 24;
constexpr quint32 kLinkTypeMask = 0x03FFFFFF; // upper bits carry FCS information

struct Magic
{
    bool valid = false;
    bool bigEndian = false;
    bool nanoseconds = false;
    qint64 recordHeaderSize = 16;
};

Magic parseMagic(QByteArrayView bytes)
{
    Magic m;
    if (bytes.size() < 4)
        return m;
    const auto *p = reinterpret_cast<const uchar *>(bytes.data());
    for (bool big : {false, true}) {
        const quint32 v = EndianReader(big).u32(p);
        if (v == kMagicMicro || v == kMagicNano || v == kMagicModified) {
            m.valid = true;
            m.bigEndian = big;
            m.nanoseconds = v == kMagicNano;
            m.recordHeaderSize = v == kMagicModified ? 24 : 16;
        }
    }
    return m;
}

} // namespace

bool PcapReader::recognizes(QByteArrayView bytes)
{
    return parseMagic(bytes).valid;
}

void PcapReader::read(FileBytes &source, FrameCollector &collector)
{
    const qint64 headerBytes = source.available(0, kFileHeaderSize);
    const uchar *data = source.at(0, std::min<qint64>(headerBytes, kFileHeaderSize));
    if (!data) {
        collector.fail(0, source.errorString());
        return;
    }
    const Magic magic = parseMagic(
        QByteArrayView(reinterpret_cast<const char *>(data), std::min<qint64>(headerBytes, 4)));
    if (!magic.valid) {
        collector.fail(0, QCoreApplication::translate("CaptureFileReader",
                                                      "not a pcap file (wrong magic number)"));
        return;
    }
    if (headerBytes < kFileHeaderSize) {
        collector.fail(headerBytes, QCoreApplication::translate(
                                        "CaptureFileReader",
                                        "the file ends after %1 bytes, inside the 24-byte pcap "
                                        "file header")
                                        .arg(headerBytes));
        return;
    }
    const EndianReader in(magic.bigEndian);
    const quint16 major = in.u16(data + 4);
    const quint16 minor = in.u16(data + 6);
    // As tshark: every major version from 2 on is read the same way (only 2.4 was ever
    // written); before 2.3, and in 2.3 files where they look swapped, the record header
    // had the original length before the captured one.
    if (major < 2) {
        collector.fail(
            4, QCoreApplication::translate("CaptureFileReader", "unsupported pcap version %1.%2")
                   .arg(major)
                   .arg(minor));
        return;
    }
    const bool swappedLengths = major == 2 && minor < 3;
    const bool maybeSwapped = major == 2 && minor == 3;
    const quint32 linkType = in.u32(data + 20) & kLinkTypeMask;
    const quint64 fractionScale = magic.nanoseconds ? 1 : 1000;

    qint64 offset = kFileHeaderSize;
    while (source.available(offset, 1) > 0) {
        if (!collector.keepGoing(offset))
            return;
        const qint64 left = source.available(offset, magic.recordHeaderSize);
        if (left < magic.recordHeaderSize) {
            collector.fail(offset, QCoreApplication::translate(
                                       "CaptureFileReader",
                                       "the file ends %1 bytes into the record header at offset "
                                       "%2 (a record header has %3 bytes)")
                                       .arg(left)
                                       .arg(offset)
                                       .arg(magic.recordHeaderSize));
            return;
        }
        const uchar *record = source.at(offset, magic.recordHeaderSize);
        if (!record) {
            collector.fail(offset, source.errorString());
            return;
        }
        const quint64 seconds = in.u32(record);
        const quint64 fraction = in.u32(record + 4);
        quint32 captured = in.u32(record + 8);
        const quint32 original = in.u32(record + 12);
        if (swappedLengths || (maybeSwapped && captured > original))
            captured = original;
        const qint64 body = offset + magic.recordHeaderSize;
        if (captured > CaptureFileReader::kMaxBlockBytes) {
            collector.fail(offset, QCoreApplication::translate(
                                       "CaptureFileReader",
                                       "the record at offset %1 says %2 captured bytes, more "
                                       "than the limit of %3")
                                       .arg(offset)
                                       .arg(captured)
                                       .arg(CaptureFileReader::kMaxBlockBytes));
            return;
        }
        const qint64 present = source.available(body, captured);
        if (captured > present) {
            collector.fail(offset, QCoreApplication::translate(
                                       "CaptureFileReader",
                                       "the record at offset %1 says %2 captured bytes but only %3 "
                                       "remain in the file")
                                       .arg(offset)
                                       .arg(captured)
                                       .arg(present));
            return;
        }
        // Unsigned arithmetic: a 32-bit second count stays far below 2^63 ns.
        const auto timestamp = qint64(seconds * 1000000000ULL + fraction * fractionScale);
        const qint64 decoded = std::min<qint64>(captured, CaptureFileReader::kMaxFrameBytes);
        const uchar *frame = source.at(body, decoded);
        if (!frame) {
            collector.fail(body, source.errorString());
            return;
        }
        collector.addFrame(linkType, frame, decoded, timestamp, QString());
        offset = body + captured;
    }
    if (!source.errorString().isEmpty())
        collector.fail(offset, source.errorString());
}

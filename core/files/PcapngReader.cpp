#include "PcapngReader.h"

#include "EndianReader.h"
#include "FileBytes.h"
#include "FrameCollector.h"

#include <QCoreApplication>
#include <QList>

#include <limits>

namespace {

__extension__ typedef unsigned __int128 Uint128;

constexpr quint32 kSectionHeader = 0x0A0D0D0A;
constexpr quint32 kInterfaceDescription = 1;
constexpr quint32 kObsoletePacket = 2;
constexpr quint32 kSimplePacket = 3;
constexpr quint32 kEnhancedPacket = 6;
constexpr quint32 kByteOrderMagic = 0x1A2B3C4D;

constexpr quint16 kOptEnd = 0;
constexpr quint16 kOptComment = 1;
constexpr quint16 kOptShbHardware = 2;
constexpr quint16 kOptShbOs = 3;
constexpr quint16 kOptShbUserAppl = 4;
constexpr quint16 kOptIfName = 2;
constexpr quint16 kOptIfTsResol = 9;
constexpr quint16 kOptIfTsOffset = 14;

constexpr qint64 kNsPerSecond = 1000000000;

struct Interface
{
    quint32 linkType = 0;
    quint32 snapLength = 0;
    QString name;
    bool resolutionPowerOfTwo = false;
    quint8 resolutionExponent = 6; // default: microseconds
    qint64 offsetSeconds = 0;
};

qint64 saturate(Uint128 v)
{
    constexpr auto max = Uint128(std::numeric_limits<qint64>::max());
    return v > max ? std::numeric_limits<qint64>::max() : qint64(v);
}

qint64 toNanoseconds(quint64 ticks, const Interface &i)
{
    Uint128 ns = 0;
    const unsigned e = i.resolutionExponent;
    if (i.resolutionPowerOfTwo) {
        const Uint128 seconds = e >= 64 ? 0 : Uint128(ticks >> e);
        const Uint128 fraction = e >= 64 ? Uint128(ticks) : Uint128(ticks & ((1ULL << e) - 1));
        ns = seconds * kNsPerSecond + ((fraction * kNsPerSecond) >> e); // e < 128
    } else if (e <= 9) {
        Uint128 scale = 1;
        for (unsigned k = e; k < 9; ++k)
            scale *= 10;
        ns = Uint128(ticks) * scale;
    } else {
        Uint128 divisor = 1;
        for (unsigned k = 9; k < e && divisor <= ticks; ++k)
            divisor *= 10;
        ns = Uint128(ticks) / divisor;
    }
    const qint64 base = saturate(ns);
    qint64 shifted = 0;
    if (qMulOverflow(i.offsetSeconds, kNsPerSecond, &shifted) ||
        qAddOverflow(base, shifted, &shifted))
        return base;
    return shifted;
}

// Calls `use(code, value, length)` for each option of the list at `body + at` (up to
// `bodyLength`). Options are informative: a damaged list ends the list, not the file.
template<typename Use>
void forEachOption(const EndianReader &in, const uchar *body, qint64 bodyLength, qint64 at,
                   Use &&use)
{
    while (bodyLength - at >= 4) {
        const quint16 code = in.u16(body + at);
        const quint16 length = in.u16(body + at + 2);
        at += 4;
        if (code == kOptEnd || length > bodyLength - at)
            break;
        use(code, body + at, length);
        at += (qint64(length) + 3) & ~qint64(3);
    }
}

// An option's UTF-8 text without the NULs some writers end it with.
QString optionText(const uchar *value, qsizetype n)
{
    while (n > 0 && value[n - 1] == 0)
        --n;
    return QString::fromUtf8(reinterpret_cast<const char *>(value), n);
}

class Parser final
{
public:
    Parser(FileBytes &source, FrameCollector &collector)
        : m_source(source)
        , m_collector(collector)
    {}
    void run();

private:
    bool readSectionHeader(qint64 offset);
    void readInterface(const uchar *body, qint64 bodyLength);
    // `readable`: the bytes of the body in memory (a long frame's are not all).
    bool readPacket(quint32 type, qint64 offset, const uchar *body, qint64 bodyLength,
                    qint64 readable);
    const Interface *interfaceFor(quint32 id, qint64 offset);
    bool fail(qint64 offset, const QString &reason)
    {
        m_collector.fail(offset, reason);
        return false;
    }

    FileBytes &m_source;
    FrameCollector &m_collector;
    EndianReader m_in;
    QList<Interface> m_interfaces;
};

void Parser::run()
{
    qint64 offset = 0;
    while (m_source.available(offset, 1) > 0) {
        if (!m_collector.keepGoing(offset))
            return;
        const qint64 left = m_source.available(offset, 12);
        if (left < 12) {
            fail(offset, QCoreApplication::translate(
                             "CaptureFileReader",
                             "the file ends %1 bytes into the block at offset %2 (a block has at "
                             "least 12 bytes)")
                             .arg(left)
                             .arg(offset));
            return;
        }
        const uchar *block = m_source.at(offset, 12);
        if (!block) {
            fail(offset, m_source.errorString());
            return;
        }
        const quint32 rawType = EndianReader(false).u32(block); // palindromic for SHB
        if (rawType == kSectionHeader) {
            const quint32 bom = EndianReader(false).u32(block + 8);
            if (bom != kByteOrderMagic && bom != qbswap(kByteOrderMagic)) {
                fail(offset + 8, QCoreApplication::translate(
                                     "CaptureFileReader",
                                     "the section header at offset %1 has no byte-order magic "
                                     "(0x%2)")
                                     .arg(offset)
                                     .arg(bom, 8, 16, QLatin1Char('0')));
                return;
            }
            m_in = EndianReader(bom != kByteOrderMagic);
        } else if (offset == 0) {
            fail(0, QCoreApplication::translate(
                        "CaptureFileReader",
                        "not a pcapng file (the first block is not a section header)"));
            return;
        }
        const quint32 type = m_in.u32(block);
        const quint32 length = m_in.u32(block + 4);
        quint32 minimum = 12;
        switch (type) {
        case kSectionHeader:
            minimum = 28;
            break;
        case kInterfaceDescription:
            minimum = 20;
            break;
        case kSimplePacket:
            minimum = 16;
            break;
        case kEnhancedPacket:
        case kObsoletePacket:
            minimum = 32;
            break;
        default:
            break;
        }
        if (length < minimum) {
            fail(offset, QCoreApplication::translate(
                             "CaptureFileReader",
                             "block length %1 at offset %2 is smaller than the minimum %3")
                             .arg(length)
                             .arg(offset)
                             .arg(minimum));
            return;
        }
        if (length % 4 != 0) {
            fail(offset,
                 QCoreApplication::translate("CaptureFileReader",
                                             "block length %1 at offset %2 is not a multiple of 4")
                     .arg(length)
                     .arg(offset));
            return;
        }
        if (length > CaptureFileReader::kMaxBlockBytes) {
            fail(offset, QCoreApplication::translate(
                             "CaptureFileReader",
                             "block length %1 at offset %2 is larger than the limit of %3")
                             .arg(length)
                             .arg(offset)
                             .arg(CaptureFileReader::kMaxBlockBytes));
            return;
        }
        const qint64 present = m_source.available(offset, length);
        if (length > present) {
            fail(offset, QCoreApplication::translate(
                             "CaptureFileReader",
                             "the block at offset %1 is %2 bytes long but the file ends after %3 "
                             "(cut short)")
                             .arg(offset)
                             .arg(length)
                             .arg(present));
            return;
        }
        // The trailer first: reading a part of the block after it may move the window.
        const uchar *end = m_source.at(offset + length - 4, 4);
        if (!end) {
            fail(offset, m_source.errorString());
            return;
        }
        const quint32 trailer = m_in.u32(end);
        if (trailer != length) {
            fail(offset + length - 4,
                 QCoreApplication::translate(
                     "CaptureFileReader", "the block at offset %1 ends with length %2, its header "
                                          "says %3")
                     .arg(offset)
                     .arg(trailer)
                     .arg(length));
            return;
        }
        const qint64 bodyLength = qint64(length) - 12;
        // Of a packet block only the header and the first kMaxFrameBytes of its frame are
        // read; an interface block is read whole (its options); other blocks not at all.
        qint64 needed = 0;
        switch (type) {
        case kSectionHeader:
            if (!readSectionHeader(offset))
                return;
            break;
        case kInterfaceDescription:
            needed = length;
            break;
        case kEnhancedPacket:
        case kSimplePacket:
        case kObsoletePacket:
            needed = std::min<qint64>(length - 4, 8 + 20 + CaptureFileReader::kMaxFrameBytes);
            break;
        default: // name resolution, statistics, custom, decryption secrets, ...
            break;
        }
        if (needed > 0) {
            block = m_source.at(offset, needed);
            if (!block) {
                fail(offset, m_source.errorString());
                return;
            }
            if (type == kInterfaceDescription)
                readInterface(block + 8, bodyLength);
            else if (!readPacket(type, offset, block + 8, bodyLength, needed - 8))
                return;
        }
        offset += length;
    }
    if (!m_source.errorString().isEmpty())
        fail(offset, m_source.errorString());
}

bool Parser::readSectionHeader(qint64 offset)
{
    const uchar *block = m_source.at(offset, 16);
    if (!block)
        return fail(offset, m_source.errorString());
    const quint16 major = m_in.u16(block + 12);
    if (major != 1)
        return fail(offset + 12, QCoreApplication::translate("CaptureFileReader",
                                                             "unsupported pcapng version %1.%2")
                                     .arg(major)
                                     .arg(m_in.u16(block + 14)));
    m_interfaces.clear(); // interface ids are per section
    const qint64 length = m_in.u32(block + 4);
    CaptureSection section;
    if (length > 28) {
        const uchar *whole = m_source.at(offset, length);
        if (!whole)
            return fail(offset, m_source.errorString());
        forEachOption(m_in, whole + 8, length - 12, 16,
                      [&section](quint16 code, const uchar *value, quint16 n) {
                          switch (code) {
                          case kOptComment:
                              section.comments.append(optionText(value, n));
                              break;
                          case kOptShbHardware:
                              section.hardware = optionText(value, n);
                              break;
                          case kOptShbOs:
                              section.os = optionText(value, n);
                              break;
                          case kOptShbUserAppl:
                              section.application = optionText(value, n);
                              break;
                          default:
                              break;
                          }
                      });
    }
    m_collector.addSection(std::move(section));
    return true;
}

void Parser::readInterface(const uchar *body, qint64 bodyLength)
{
    Interface i;
    i.linkType = m_in.u16(body);
    i.snapLength = m_in.u32(body + 4);
    forEachOption(m_in, body, bodyLength, 8,
                  [&i, this](quint16 code, const uchar *value, quint16 length) {
                      if (code == kOptIfName) {
                          i.name = optionText(value, length);
                      } else if (code == kOptIfTsResol && length >= 1) {
                          i.resolutionPowerOfTwo = value[0] & 0x80;
                          i.resolutionExponent = value[0] & 0x7F;
                      } else if (code == kOptIfTsOffset && length >= 8) {
                          i.offsetSeconds = qint64(m_in.u64(value));
                      }
                  });
    m_interfaces.append(std::move(i));
}

const Interface *Parser::interfaceFor(quint32 id, qint64 offset)
{
    if (id < quint32(m_interfaces.size()))
        return &m_interfaces.at(id);
    // Interfaces are numbered from 0: a section with n of them knows 0 to n - 1.
    if (m_interfaces.isEmpty())
        fail(offset, QCoreApplication::translate(
                         "CaptureFileReader",
                         "the packet block at offset %1 refers to interface %2, but its section "
                         "describes no interface")
                         .arg(offset)
                         .arg(id));
    else if (m_interfaces.size() == 1)
        fail(offset, QCoreApplication::translate(
                         "CaptureFileReader",
                         "the packet block at offset %1 refers to interface %2, but its section "
                         "describes only interface 0")
                         .arg(offset)
                         .arg(id));
    else
        fail(offset, QCoreApplication::translate(
                         "CaptureFileReader",
                         "the packet block at offset %1 refers to interface %2, but its section "
                         "describes only interfaces 0 to %3")
                         .arg(offset)
                         .arg(id)
                         .arg(m_interfaces.size() - 1));
    return nullptr;
}

bool Parser::readPacket(quint32 type, qint64 offset, const uchar *body, qint64 bodyLength,
                        qint64 readable)
{
    quint32 id = 0;
    quint64 ticks = 0;
    qint64 captured = 0;
    qint64 header = 0;
    switch (type) {
    case kEnhancedPacket:
        id = m_in.u32(body);
        ticks = (quint64(m_in.u32(body + 4)) << 32) | m_in.u32(body + 8);
        captured = m_in.u32(body + 12);
        header = 20;
        break;
    case kObsoletePacket:
        id = m_in.u16(body);
        ticks = (quint64(m_in.u32(body + 4)) << 32) | m_in.u32(body + 8);
        captured = m_in.u32(body + 12);
        header = 20;
        break;
    default: // simple packet block: interface 0, no timestamp, captured = min(original, room)
        captured = m_in.u32(body);
        header = 4;
        break;
    }
    const Interface *i = interfaceFor(id, offset);
    if (!i)
        return false;
    if (type == kSimplePacket) {
        captured = std::min(captured, bodyLength - header);
        if (i->snapLength != 0)
            captured = std::min<qint64>(captured, i->snapLength);
    } else if (captured > bodyLength - header) {
        return fail(offset, QCoreApplication::translate(
                                "CaptureFileReader",
                                "the packet block at offset %1 says %2 captured bytes but holds "
                                "only %3")
                                .arg(offset)
                                .arg(captured)
                                .arg(bodyLength - header));
    }
    const qint64 timestamp = type == kSimplePacket ? 0 : toNanoseconds(ticks, *i);
    // The options after the frame (a simple packet block has none), when the block was read
    // whole (a frame past kMaxFrameBytes is not).
    QStringList comments;
    const qint64 optionsAt = header + ((captured + 3) & ~qint64(3));
    if (type != kSimplePacket && optionsAt < std::min(bodyLength, readable))
        forEachOption(m_in, body, std::min(bodyLength, readable), optionsAt,
                      [&comments](quint16 code, const uchar *value, quint16 n) {
                          if (code == kOptComment)
                              comments.append(optionText(value, n));
                      });
    m_collector.addFrame(i->linkType, body + header,
                         std::min<qint64>(captured, CaptureFileReader::kMaxFrameBytes), timestamp,
                         i->name, comments);
    return true;
}

} // namespace

bool PcapngReader::recognizes(QByteArrayView bytes)
{
    return bytes.size() >= 4 &&
           EndianReader(false).u32(reinterpret_cast<const uchar *>(bytes.data())) == kSectionHeader;
}

void PcapngReader::read(FileBytes &source, FrameCollector &collector)
{
    Parser(source, collector).run();
}

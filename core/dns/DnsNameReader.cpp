#include "DnsNameReader.h"

#include "DnsReason.h"
#include "DnsText.h"
#include "EndianReader.h"

#include <algorithm>

namespace {

// 255 bytes of wire name hold at most 254 bytes of label data; each byte becomes at most
// 4 UTF-16 units, plus the dots.
constexpr qsizetype kMaxTextUnits = DnsText::maxEscapedLength(255) + 128;

} // namespace

DnsNameReader::DnsNameReader(QByteArrayView datagram)
    : m_data(reinterpret_cast<const uchar *>(datagram.data()))
    , m_size(quint32(qMin<qsizetype>(datagram.size(), 0xFFFFFFFFu)))
{
    // Pointer targets lie below m_size: an mDNS datagram needs a few words, not all 256.
    std::fill_n(m_visited.begin(), std::min<std::size_t>((m_size + 63) / 64, m_visited.size()), 0);
}

bool DnsNameReader::fail(DnsError &error, quint32 offset, const DnsReason &reason)
{
    clearVisited();
    reason.setOn(error, offset);
    return false;
}

void DnsNameReader::clearVisited()
{
    for (int i = 0; i < m_jumpCount; ++i)
        m_visited[m_jumps[i] >> 6] &= ~(quint64(1) << (m_jumps[i] & 63));
    m_jumpCount = 0;
}

bool DnsNameReader::read(quint32 offset, Name &name, DnsError &error)
{
    return readName(offset, m_size, false, name, error);
}

bool DnsNameReader::readInRdata(quint32 offset, quint32 rdataEnd, Name &name, DnsError &error)
{
    return readName(offset, rdataEnd, true, name, error);
}

// A name that is one pointer to a name read before reads exactly as that name did: its
// checks passed with this pointer's target as the only extra jump (a name read successfully
// from an offset never jumps back to that offset, which would loop), and a pointer adds no
// length. So the earlier text is shared, provided the extra jump stays within kMaxJumps.
bool DnsNameReader::readCached(quint32 offset, quint32 end, Name &name) const
{
    if (offset >= end || end - offset < 2 || (m_data[offset] & 0xC0) != 0xC0)
        return false;
    const quint32 target = quint32(EndianReader::big16(m_data + offset) & 0x3FFF);
    if (!(m_knownBits & (quint64(1) << (target & 63))))
        return false;
    for (const Known &k : m_known) {
        if (k.offset == target && k.jumps < kMaxJumps) {
            name.text = k.text;
            name.span = {offset, 2};
            return true;
        }
    }
    return false;
}

void DnsNameReader::remember(quint32 offset, const QString &text)
{
    if (m_known.size() < kKnownNames) {
        m_known.append(Known{offset, m_jumpCount, text});
        m_knownBits |= quint64(1) << (offset & 63);
    }
}

bool DnsNameReader::readName(quint32 offset, quint32 limit, bool inRdata, Name &name,
                             DnsError &error)
{
    if (readCached(offset, qMin(limit, m_size), name))
        return true;
    std::array<char16_t, kMaxTextUnits> text;
    char16_t *out = text.data();
    quint32 pos = offset;
    quint32 end = qMin(limit, m_size); // where the current run of labels must stop
    quint32 wireLength = 1;            // the terminating zero
    bool jumped = false;
    name.span.offset = offset;
    // Which end the current run of labels must respect, for the reason text.
    const auto endText = [&]() {
        //: the end of the ... (a name or label runs past it)
        return DnsReason::from(inRdata && !jumped ? QT_TRANSLATE_NOOP("DnsDecoder", "record data")
                                                  : QT_TRANSLATE_NOOP("DnsDecoder", "message"));
    };

    for (;;) {
        if (pos >= end) {
            return fail(
                error, pos,
                DnsReason::from(QT_TRANSLATE_NOOP("DnsDecoder", "name runs past the end of the %1"))
                    .arg(endText()));
        }
        const uchar length = m_data[pos];
        if (length == 0) {
            if (!jumped)
                name.span.length = pos + 1 - offset;
            break;
        }
        const uchar kind = length & 0xC0;
        if (kind == 0xC0) {
            if (pos + 2 > end) {
                return fail(error, pos,
                            DnsReason::from(QT_TRANSLATE_NOOP(
                                                "DnsDecoder",
                                                "compression pointer cut off at the end of the %1"))
                                .arg(endText()));
            }
            const quint16 target = quint16(EndianReader::big16(m_data + pos) & 0x3FFF);
            if (target >= m_size) {
                return fail(error, pos,
                            DnsReason::from(
                                QT_TRANSLATE_NOOP(
                                    "DnsDecoder",
                                    "compression pointer to offset %1 past the end of the message "
                                    "(%2 bytes)"))
                                .arg(target)
                                .arg(m_size));
            }
            const quint64 bit = quint64(1) << (target & 63);
            if (m_visited[target >> 6] & bit)
                return fail(
                    error, pos,
                    DnsReason::from(QT_TRANSLATE_NOOP("DnsDecoder",
                                                      "compression pointer loop (offset %1 again)"))
                        .arg(target));
            if (m_jumpCount == kMaxJumps) {
                return fail(error, pos,
                            DnsReason::from(
                                QT_TRANSLATE_NOOP("DnsDecoder",
                                                  "more than %1 compression pointers in one name"))
                                .arg(kMaxJumps));
            }
            m_visited[target >> 6] |= bit;
            m_jumps[m_jumpCount++] = target;
            if (!jumped) {
                name.span.length = pos + 2 - offset;
                jumped = true;
            }
            pos = target;
            end = m_size;
            continue;
        }
        if (kind == 0x40) {
            return fail(error, pos,
                        DnsReason::from(
                            QT_TRANSLATE_NOOP("DnsDecoder",
                                              "label length %1 over 63 (extended label type 0x40)"))
                            .arg(length));
        }
        if (kind == 0x80)
            return fail(
                error, pos,
                DnsReason::from(QT_TRANSLATE_NOOP("DnsDecoder", "reserved label type 0x80")));
        if (pos + 1 + length > end) {
            return fail(
                error, pos,
                DnsReason::from(QT_TRANSLATE_NOOP("DnsDecoder",
                                                  "label of %1 bytes runs past the end of the %2"))
                    .arg(length)
                    .arg(endText()));
        }
        wireLength += 1 + length;
        if (wireLength > 255)
            return fail(
                error, pos,
                DnsReason::from(QT_TRANSLATE_NOOP("DnsDecoder", "name longer than 255 bytes")));
        if (out != text.data())
            *out++ = u'.';
        out = DnsText::appendEscaped(out, m_data + pos + 1, length, DnsText::Escape::Label);
        pos += 1 + length;
    }
    if (out == text.data())
        name.text = DnsText::rootName();
    else {
        name.text = QString(reinterpret_cast<const QChar *>(text.data()), out - text.data());
        DnsText::disambiguateRoot(name.text);
    }
    remember(offset, name.text);
    clearVisited();
    return true;
}

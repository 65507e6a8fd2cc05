#include "DnsText.h"

#include <QList>

#include <array>

using namespace Qt::StringLiterals;

namespace DnsText {

namespace {

char16_t *appendDecimalEscape(char16_t *out, uchar byte)
{
    *out++ = u'\\';
    *out++ = char16_t(u'0' + byte / 100);
    *out++ = char16_t(u'0' + (byte / 10) % 10);
    *out++ = char16_t(u'0' + byte % 10);
    return out;
}

// Length of the valid UTF-8 sequence at p (at most `left` bytes), or 0 when invalid.
// Follows the Unicode well-formedness table: no overlongs, no surrogates, <= U+10FFFF.
int utf8SequenceLength(const uchar *p, qsizetype left, char32_t &codePoint)
{
    const uchar b0 = p[0];
    int length = 0;
    uchar lo = 0x80, hi = 0xBF;
    if (b0 >= 0xC2 && b0 <= 0xDF) {
        length = 2;
        codePoint = b0 & 0x1F;
    } else if (b0 >= 0xE0 && b0 <= 0xEF) {
        length = 3;
        codePoint = b0 & 0x0F;
        if (b0 == 0xE0)
            lo = 0xA0;
        else if (b0 == 0xED)
            hi = 0x9F;
    } else if (b0 >= 0xF0 && b0 <= 0xF4) {
        length = 4;
        codePoint = b0 & 0x07;
        if (b0 == 0xF0)
            lo = 0x90;
        else if (b0 == 0xF4)
            hi = 0x8F;
    } else {
        return 0;
    }
    if (left < length)
        return 0;
    for (int i = 1; i < length; ++i) {
        const uchar b = p[i];
        if (b < lo || b > hi)
            return 0;
        lo = 0x80;
        hi = 0xBF;
        codePoint = (codePoint << 6) | (b & 0x3F);
    }
    return length;
}

} // namespace

// Bytes that stand for themselves, one bit per Escape mode: printable ASCII except '\\',
// and except '.' for labels and '"' for quoted strings.
constexpr std::array<quint8, 256> kPlainTable = [] {
    std::array<quint8, 256> table{};
    for (int b = 0x20; b < 0x7F; ++b) {
        if (b == '\\')
            continue;
        table[b] = (b == '.' ? 0 : 1) | 2 | (b == '"' ? 0 : 4);
    }
    return table;
}();

char16_t *appendEscaped(char16_t *out, const uchar *bytes, qsizetype length, Escape mode)
{
    const quint8 plain = quint8(1u << int(mode));
    qsizetype i = 0;
    while (i < length) {
        // Most names and strings are plain ASCII: copy runs of it without further tests.
        while (i < length && (kPlainTable[bytes[i]] & plain))
            *out++ = char16_t(bytes[i++]);
        if (i == length)
            break;
        const uchar b = bytes[i];
        if (b >= 0x20 && b < 0x7F) {
            if (b == '\\' || (b == '.' && mode == Escape::Label) ||
                (b == '"' && mode == Escape::Quoted))
                *out++ = u'\\';
            *out++ = char16_t(b);
            ++i;
            continue;
        }
        if (b < 0x80) { // C0 controls and DEL
            out = appendDecimalEscape(out, b);
            ++i;
            continue;
        }
        char32_t cp = 0;
        const int n = utf8SequenceLength(bytes + i, length - i, cp);
        // C1 controls (U+0080..U+009F) are valid UTF-8 but as invisible as C0 controls.
        if (n == 0 || cp < 0xA0) {
            out = appendDecimalEscape(out, b);
            ++i;
            continue;
        }
        if (cp >= 0x10000) {
            *out++ = char16_t(0xD800 + ((cp - 0x10000) >> 10));
            *out++ = char16_t(0xDC00 + ((cp - 0x10000) & 0x3FF));
        } else {
            *out++ = char16_t(cp);
        }
        i += n;
    }
    return out;
}

QString escaped(QByteArrayView bytes, Escape mode)
{
    if (bytes.isEmpty())
        return QString();
    constexpr qsizetype kStack = 1024;
    const auto *in = reinterpret_cast<const uchar *>(bytes.data());
    if (maxEscapedLength(bytes.size()) <= kStack) {
        std::array<char16_t, kStack> buffer;
        const char16_t *end = appendEscaped(buffer.data(), in, bytes.size(), mode);
        return QString(reinterpret_cast<const QChar *>(buffer.data()), end - buffer.data());
    }
    QString result(maxEscapedLength(bytes.size()), Qt::Uninitialized);
    auto *begin = reinterpret_cast<char16_t *>(result.data());
    const char16_t *end = appendEscaped(begin, in, bytes.size(), mode);
    result.truncate(end - begin);
    return result;
}

QString nameToText(const QList<QByteArray> &labels)
{
    if (labels.isEmpty())
        return rootName();
    qsizetype bytes = 0;
    for (const QByteArray &label : labels)
        bytes += label.size() + 1;
    QString result(maxEscapedLength(bytes), Qt::Uninitialized);
    auto *begin = reinterpret_cast<char16_t *>(result.data());
    char16_t *out = begin;
    for (const QByteArray &label : labels) {
        if (out != begin)
            *out++ = u'.';
        out = appendEscaped(out, reinterpret_cast<const uchar *>(label.constData()), label.size(),
                            Escape::Label);
    }
    result.truncate(out - begin);
    return result;
}

QString rootName()
{
    return u"<Root>"_s;
}

namespace {

char16_t *appendDecimal(char16_t *out, uchar value)
{
    if (value >= 100)
        *out++ = char16_t(u'0' + value / 100);
    if (value >= 10)
        *out++ = char16_t(u'0' + (value / 10) % 10);
    *out++ = char16_t(u'0' + value % 10);
    return out;
}

char16_t *appendDottedQuad(char16_t *out, const uchar *bytes)
{
    for (int i = 0; i < 4; ++i) {
        if (i)
            *out++ = u'.';
        out = appendDecimal(out, bytes[i]);
    }
    return out;
}

constexpr char16_t kHexDigits[] = u"0123456789abcdef";

} // namespace

char16_t *appendIpv4(char16_t *out, const uchar *bytes)
{
    return appendDottedQuad(out, bytes);
}

QString ipv4Text(const uchar *bytes)
{
    std::array<char16_t, kMaxIpv4Units> buffer;
    const char16_t *end = appendIpv4(buffer.data(), bytes);
    return QString(reinterpret_cast<const QChar *>(buffer.data()), end - buffer.data());
}

QString ipv6Text(const uchar *bytes)
{
    std::array<char16_t, kMaxIpv6Units> buffer;
    const char16_t *end = appendIpv6(buffer.data(), bytes);
    return QString(reinterpret_cast<const QChar *>(buffer.data()), end - buffer.data());
}

char16_t *appendIpv6(char16_t *out, const uchar *bytes)
{
    std::array<quint16, 8> groups;
    for (int i = 0; i < 8; ++i)
        groups[i] = quint16((bytes[2 * i] << 8) | bytes[2 * i + 1]);
    const bool mapped = groups[0] == 0 && groups[1] == 0 && groups[2] == 0 && groups[3] == 0 &&
                        groups[4] == 0 && groups[5] == 0xFFFF;
    const int groupCount = mapped ? 6 : 8;
    int bestStart = -1, bestLength = 0;
    for (int i = 0; i < groupCount;) {
        if (groups[i] != 0) {
            ++i;
            continue;
        }
        int j = i;
        while (j < groupCount && groups[j] == 0)
            ++j;
        if (j - i > bestLength) {
            bestStart = i;
            bestLength = j - i;
        }
        i = j;
    }
    if (bestLength < 2)
        bestStart = -1;
    for (int i = 0; i < groupCount; ++i) {
        if (i == bestStart) {
            *out++ = u':';
            *out++ = u':';
            i += bestLength - 1;
            continue;
        }
        if (i && i != bestStart + bestLength)
            *out++ = u':';
        const quint16 g = groups[i];
        bool started = false;
        for (int shift = 12; shift >= 0; shift -= 4) {
            const int digit = (g >> shift) & 0xF;
            if (digit || started || shift == 0) {
                *out++ = kHexDigits[digit];
                started = true;
            }
        }
    }
    if (mapped) {
        if (bestStart + bestLength != groupCount)
            *out++ = u':';
        out = appendDottedQuad(out, bytes + 12);
    }
    return out;
}

QString hex(QByteArrayView bytes)
{
    QString result(bytes.size() * 2, Qt::Uninitialized);
    auto *out = reinterpret_cast<char16_t *>(result.data());
    for (char c : bytes) {
        *out++ = kHexDigits[uchar(c) >> 4];
        *out++ = kHexDigits[uchar(c) & 0xF];
    }
    return result;
}

} // namespace DnsText

#include "DnsText.h"

#include "Utf8.h"

#include <QList>

#include <array>

using namespace Qt::StringLiterals;

namespace DnsText {

namespace {

template<typename Char>
Char *appendDecimalEscape(Char *out, uchar byte)
{
    *out++ = Char('\\');
    *out++ = Char('0' + byte / 100);
    *out++ = Char('0' + (byte / 10) % 10);
    *out++ = Char('0' + byte % 10);
    return out;
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
        const int n = Utf8::sequenceLength(bytes + i, length - i, cp);
        if (n == 0 || Utf8::isC1Control(cp)) {
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

char *appendEscapedUtf8(char *out, const uchar *bytes, qsizetype length, Escape mode)
{
    const quint8 plain = quint8(1u << int(mode));
    qsizetype i = 0;
    while (i < length) {
        while (i < length && (kPlainTable[bytes[i]] & plain))
            *out++ = char(bytes[i++]);
        if (i == length)
            break;
        const uchar b = bytes[i];
        if (b >= 0x20 && b < 0x7F) {
            if (b == '\\' || (b == '.' && mode == Escape::Label) ||
                (b == '"' && mode == Escape::Quoted))
                *out++ = '\\';
            *out++ = char(b);
            ++i;
            continue;
        }
        if (b < 0x80) {
            out = appendDecimalEscape(out, b);
            ++i;
            continue;
        }
        char32_t cp = 0;
        const int n = Utf8::sequenceLength(bytes + i, length - i, cp);
        if (n == 0 || Utf8::isC1Control(cp)) {
            out = appendDecimalEscape(out, b);
            ++i;
            continue;
        }
        // Well-formed (no surrogate, nothing above U+10FFFF): its bytes are its UTF-8.
        for (int k = 0; k < n; ++k)
            *out++ = char(bytes[i + k]);
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
    disambiguateRoot(result);
    return result;
}

QString rootName()
{
    return u"<Root>"_s;
}

void disambiguateRoot(QString &text)
{
    if (text == u"<Root>")
        text = u"\\060Root>"_s;
}

QStringView presentationName(const QString &text)
{
    if (text == u"<Root>")
        return u".";
    return text;
}

namespace {

constexpr char16_t kHexDigits[] = u"0123456789abcdef";

} // namespace

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

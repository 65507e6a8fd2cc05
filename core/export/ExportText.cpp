#include "ExportText.h"

#include "ByteSink.h"

#include <array>
#include <charconv>
#include <cstring>

namespace {

constexpr char kHex[] = "0123456789abcdef";

// Appends at most `bound` bytes written by `put(char *) -> char *end`.
template<typename Put>
void appendWith(QByteArray &out, qsizetype bound, Put put)
{
    ByteSink sink(out);
    sink.commit(put(sink.room(bound)));
}

// Howard Hinnant's civil_from_days: proleptic Gregorian date of a day count since 1970-01-01.
void civilFromDays(qint64 z, qint64 &year, unsigned &month, unsigned &day)
{
    z += 719468;
    const qint64 era = (z >= 0 ? z : z - 146096) / 146097;
    const auto doe = unsigned(z - era * 146097);
    const unsigned yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
    const unsigned doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    const unsigned mp = (5 * doy + 2) / 153;
    day = doy - (153 * mp + 2) / 5 + 1;
    month = mp < 10 ? mp + 3 : mp - 9;
    year = qint64(yoe) + era * 400 + (month <= 2 ? 1 : 0);
}

char *putDigits(char *w, quint64 v, int width)
{
    for (int i = width - 1; i >= 0; --i) {
        w[i] = char('0' + v % 10);
        v /= 10;
    }
    return w + width;
}

char *putDecimal3(char *w, uchar b)
{
    *w++ = '\\';
    return putDigits(w, b, 3);
}

// Length of the valid UTF-8 sequence at p (1..4), 0 when invalid, and its code point.
int utf8Sequence(const uchar *p, qsizetype left, char32_t &cp)
{
    const uchar b = p[0];
    int n = 0;
    char32_t min = 0;
    if (b < 0x80) {
        cp = b;
        return 1;
    } else if ((b & 0xE0) == 0xC0) {
        n = 2, cp = b & 0x1F, min = 0x80;
    } else if ((b & 0xF0) == 0xE0) {
        n = 3, cp = b & 0x0F, min = 0x800;
    } else if ((b & 0xF8) == 0xF0) {
        n = 4, cp = b & 0x07, min = 0x10000;
    } else {
        return 0;
    }
    if (left < n)
        return 0;
    for (int i = 1; i < n; ++i) {
        if ((p[i] & 0xC0) != 0x80)
            return 0;
        cp = (cp << 6) | (p[i] & 0x3F);
    }
    if (cp < min || cp > 0x10FFFF || (cp >= 0xD800 && cp <= 0xDFFF))
        return 0;
    return n;
}

char *putJsonAscii(char *w, char16_t c)
{
    switch (c) {
    case '"':
        *w++ = '\\', *w++ = '"';
        break;
    case '\\':
        *w++ = '\\', *w++ = '\\';
        break;
    case '\n':
        *w++ = '\\', *w++ = 'n';
        break;
    case '\r':
        *w++ = '\\', *w++ = 'r';
        break;
    case '\t':
        *w++ = '\\', *w++ = 't';
        break;
    case '\b':
        *w++ = '\\', *w++ = 'b';
        break;
    case '\f':
        *w++ = '\\', *w++ = 'f';
        break;
    default:
        if (c < 0x20) {
            *w++ = '\\', *w++ = 'u', *w++ = '0', *w++ = '0';
            *w++ = kHex[c >> 4], *w++ = kHex[c & 0xF];
        } else {
            *w++ = char(c);
        }
    }
    return w;
}

char *putIpv4(char *w, const quint8 *b)
{
    for (int i = 0; i < 4; ++i) {
        if (i)
            *w++ = '.';
        w = std::to_chars(w, w + 3, unsigned(b[i])).ptr;
    }
    return w;
}

char *putIpv6(char *w, const std::array<quint8, 16> &b)
{
    quint16 g[8];
    for (int i = 0; i < 8; ++i)
        g[i] = quint16(b[2 * i] << 8 | b[2 * i + 1]);
    // Embedded IPv4 exactly where QHostAddress (IpAddress::toString) uses it: mapped
    // ::ffff:a.b.c.d, and the old compatible ::a.b.c.d when a.b is not 0.0.
    if (g[0] == 0 && g[1] == 0 && g[2] == 0 && g[3] == 0 && g[4] == 0) {
        if (g[5] == 0xFFFF) {
            std::memcpy(w, "::ffff:", 7);
            return putIpv4(w + 7, b.data() + 12);
        }
        if (g[5] == 0 && g[6] != 0) {
            std::memcpy(w, "::", 2);
            return putIpv4(w + 2, b.data() + 12);
        }
    }
    int bestStart = -1, bestLength = 0;
    for (int i = 0; i < 8;) {
        if (g[i] != 0) {
            ++i;
            continue;
        }
        int j = i;
        while (j < 8 && g[j] == 0)
            ++j;
        if (j - i > bestLength && j - i >= 2)
            bestStart = i, bestLength = j - i;
        i = j;
    }
    for (int i = 0; i < 8; ++i) {
        if (i == bestStart) {
            *w++ = ':', *w++ = ':';
            i += bestLength - 1;
            continue;
        }
        if (i > 0 && i != bestStart + bestLength)
            *w++ = ':';
        w = std::to_chars(w, w + 4, unsigned(g[i]), 16).ptr;
    }
    return w;
}

} // namespace

char *ExportText::putTime(char *w, qint64 ns)
{
    constexpr qint64 kNs = 1000000000;
    qint64 seconds = ns / kNs;
    qint64 fraction = ns % kNs;
    if (fraction < 0)
        fraction += kNs, --seconds;
    qint64 days = seconds / 86400;
    qint64 secondOfDay = seconds % 86400;
    if (secondOfDay < 0)
        secondOfDay += 86400, --days;
    qint64 year = 0;
    unsigned month = 0, day = 0;
    civilFromDays(days, year, month, day);
    if (year < 0)
        *w++ = '-', year = -year;
    w = putDigits(w, quint64(year), year > 9999 ? 5 : 4);
    *w++ = '-';
    w = putDigits(w, month, 2);
    *w++ = '-';
    w = putDigits(w, day, 2);
    *w++ = 'T';
    w = putDigits(w, quint64(secondOfDay / 3600), 2);
    *w++ = ':';
    w = putDigits(w, quint64(secondOfDay / 60 % 60), 2);
    *w++ = ':';
    w = putDigits(w, quint64(secondOfDay % 60), 2);
    *w++ = '.';
    w = putDigits(w, quint64(fraction), 9);
    *w++ = 'Z';
    return w;
}

void ExportText::appendTime(QByteArray &out, qint64 timestampNs)
{
    appendWith(out, kMaxTimeBytes, [=](char *w) { return putTime(w, timestampNs); });
}

QString ExportText::time(qint64 timestampNs)
{
    QByteArray b;
    appendTime(b, timestampNs);
    return QString::fromLatin1(b);
}

char *ExportText::putAddress(char *w, const IpAddress &address)
{
    if (address.isNull())
        return w;
    return address.isV4() ? putIpv4(w, address.bytes().data()) : putIpv6(w, address.bytes());
}

void ExportText::appendAddress(QByteArray &out, const IpAddress &address)
{
    appendWith(out, kMaxAddressBytes, [&](char *w) { return putAddress(w, address); });
}

char *ExportText::putNumber(char *w, qint64 value)
{
    return std::to_chars(w, w + kMaxNumberBytes, value).ptr;
}

void ExportText::appendNumber(QByteArray &out, qint64 value)
{
    appendWith(out, kMaxNumberBytes, [=](char *w) { return putNumber(w, value); });
}

char *ExportText::putJsonString(char *w, QStringView text)
{
    *w++ = '"';
    const char16_t *p = text.utf16();
    const char16_t *const end = p + text.size();
    for (; p < end; ++p) {
        char32_t c = *p;
        if (c < 0x80) {
            w = putJsonAscii(w, char16_t(c));
            continue;
        }
        if (c >= 0xD800 && c <= 0xDFFF) {
            if (c <= 0xDBFF && p + 1 < end && p[1] >= 0xDC00 && p[1] <= 0xDFFF) {
                c = 0x10000 + ((c - 0xD800) << 10) + (p[1] - 0xDC00);
                ++p;
            } else {
                c = 0xFFFD;
            }
        }
        if (c < 0x800) {
            *w++ = char(0xC0 | (c >> 6));
        } else if (c < 0x10000) {
            *w++ = char(0xE0 | (c >> 12));
            *w++ = char(0x80 | ((c >> 6) & 0x3F));
        } else {
            *w++ = char(0xF0 | (c >> 18));
            *w++ = char(0x80 | ((c >> 12) & 0x3F));
            *w++ = char(0x80 | ((c >> 6) & 0x3F));
        }
        *w++ = char(0x80 | (c & 0x3F));
    }
    *w++ = '"';
    return w;
}

char *ExportText::putJsonCharacterString(char *w, QByteArrayView bytes)
{
    *w++ = '"';
    const auto *p = reinterpret_cast<const uchar *>(bytes.data());
    const qsizetype n = bytes.size();
    for (qsizetype i = 0; i < n;) {
        const uchar b = p[i];
        if (b >= 0x20 && b < 0x7F) {
            if (b == '\\')
                *w++ = '\\', *w++ = '\\', *w++ = '\\', *w++ = '\\';
            else
                w = putJsonAscii(w, b);
            ++i;
            continue;
        }
        char32_t cp = 0;
        const int length = b < 0x80 ? 0 : utf8Sequence(p + i, n - i, cp);
        if (length == 0 || (cp >= 0x80 && cp <= 0x9F)) { // controls, DEL, invalid, C1
            *w++ = '\\';
            w = putDecimal3(w, b);
            ++i;
            continue;
        }
        for (int k = 0; k < length; ++k)
            *w++ = char(p[i + k]);
        i += length;
    }
    *w++ = '"';
    return w;
}

char *ExportText::putJsonHex(char *w, QByteArrayView bytes)
{
    *w++ = '"';
    for (char c : bytes) {
        const auto b = uchar(c);
        *w++ = kHex[b >> 4];
        *w++ = kHex[b & 0xF];
    }
    *w++ = '"';
    return w;
}

void ExportText::appendJsonString(QByteArray &out, QStringView text)
{
    appendWith(out, maxJsonStringBytes(text.size()),
               [&](char *w) { return putJsonString(w, text); });
}

void ExportText::appendJsonCharacterString(QByteArray &out, QByteArrayView bytes)
{
    appendWith(out, maxJsonCharacterStringBytes(bytes.size()),
               [&](char *w) { return putJsonCharacterString(w, bytes); });
}

void ExportText::appendJsonHex(QByteArray &out, QByteArrayView bytes)
{
    appendWith(out, maxJsonHexBytes(bytes.size()), [&](char *w) { return putJsonHex(w, bytes); });
}

char *ExportText::putCsvField(char *w, QByteArrayView utf8)
{
    bool quote = false;
    for (char c : utf8)
        quote = quote || c == ',' || c == '"' || c == '\r' || c == '\n';
    if (!quote) {
        if (!utf8.isEmpty())
            std::memcpy(w, utf8.data(), size_t(utf8.size()));
        return w + utf8.size();
    }
    *w++ = '"';
    for (char c : utf8) {
        if (c == '"')
            *w++ = '"';
        *w++ = c;
    }
    *w++ = '"';
    return w;
}

void ExportText::appendCsvField(QByteArray &out, QByteArrayView utf8)
{
    appendWith(out, maxCsvFieldBytes(utf8.size()), [&](char *w) { return putCsvField(w, utf8); });
}

void ExportText::appendCsvField(QByteArray &out, QStringView text)
{
    appendCsvField(out, QByteArrayView(text.toUtf8()));
}

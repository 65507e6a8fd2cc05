#include "ExportText.h"

#include "AddressText.h"
#include "ByteSink.h"
#include "Utf8.h"

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
        w = Utf8::put(w, c);
    }
    *w++ = '"';
    return w;
}

char *ExportText::putJsonUtf8String(char *w, QByteArrayView utf8)
{
    *w++ = '"';
    for (const char c : utf8) {
        // Most bytes stand for themselves: only '"', '\\' and controls are escaped.
        if (uchar(c) >= 0x20 && c != '"' && c != '\\')
            *w++ = c;
        else
            w = putJsonAscii(w, char16_t(uchar(c)));
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
        const int length = b < 0x80 ? 0 : Utf8::sequenceLength(p + i, n - i, cp);
        if (length == 0 || Utf8::isC1Control(cp)) { // controls, DEL, invalid, C1
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
    const char *const text = utf8.data();
    const auto n = size_t(utf8.size());
    if (n == 0)
        return w;
    const bool quotes = std::memchr(text, '"', n);
    if (!quotes && !std::memchr(text, ',', n) && !std::memchr(text, '\n', n) &&
        !std::memchr(text, '\r', n)) {
        std::memcpy(w, text, n);
        return w + n;
    }
    *w++ = '"';
    if (!quotes) {
        std::memcpy(w, text, n);
        w += n;
    } else {
        for (char c : utf8) {
            if (c == '"')
                *w++ = '"';
            *w++ = c;
        }
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

void ExportText::appendJsonKey(QByteArray &out, const char *name)
{
    out.append(',');
    out.append('"');
    out.append(name);
    out.append("\":");
}

void ExportText::appendJsonAddress(QByteArray &out, const IpAddress &address)
{
    if (address.isNull()) {
        out.append("null");
        return;
    }
    out.append('"');
    AddressText::append(out, address);
    out.append('"');
}

void ExportText::appendJsonTime(QByteArray &out, qint64 timestampNs)
{
    out.append('"');
    appendTime(out, timestampNs);
    out.append('"');
}

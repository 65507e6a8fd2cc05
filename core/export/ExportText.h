#pragma once

#include "IpAddress.h"

#include <QByteArray>
#include <QString>
#include <QStringView>

// Fast text for exports and summary lines, appended straight into UTF-8 buffers:
// timestamps as RFC 3339 UTC with nanoseconds, JSON string escaping and RFC 4180 CSV
// fields. Addresses are AddressText's and UTF-8 checks Utf8's (core/common): one helper
// per format concern. Pure functions, any thread.
namespace ExportText {

// "2026-11-26T21:57:26.123456789Z" for nanoseconds since the Unix epoch
void appendTime(QByteArray &out, qint64 timestampNs);
QString time(qint64 timestampNs);

void appendNumber(QByteArray &out, qint64 value);

// A JSON string literal with its quotes: '"', '\' and control characters escaped
// (\n, \t, ... and \u00XX), everything else as UTF-8; unpaired surrogates become U+FFFD.
void appendJsonString(QByteArray &out, QStringView text);
// `,"name":`: the separator and key of the next member of a JSON object being written (the
// first member is written with its "{" by hand).
void appendJsonKey(QByteArray &out, const char *name);
// The address as a JSON string (AddressText), or null for a None address.
void appendJsonAddress(QByteArray &out, const IpAddress &address);
// A JSON string of the time (appendTime: RFC 3339 UTC, nanoseconds).
void appendJsonTime(QByteArray &out, qint64 timestampNs);
// A JSON string literal for the bytes of a DNS character-string (TXT, HINFO), which may
// be any bytes: the text is valid UTF-8 kept as is, '\' as "\\", and every byte below 0x20,
// 0x7F, C1 controls and bytes of invalid UTF-8 as "\DDD" (three decimal digits, RFC 6763
// §4.3 / RFC 1035 §5.1 presentation style, like names); that text is then JSON-escaped.
void appendJsonCharacterString(QByteArray &out, QByteArrayView bytes);
// Lowercase hex in quotes.
void appendJsonHex(QByteArray &out, QByteArrayView bytes);

// One CSV field (RFC 4180): quoted, with quotes doubled, when it holds ',', '"', CR or LF.
void appendCsvField(QByteArray &out, QByteArrayView utf8);
void appendCsvField(QByteArray &out, QStringView text);

// Pointer primitives for the hot loops (JsonLinesWriter with a ByteSink): each writes at
// most the bound beside it at `w` and returns the new end.
constexpr qsizetype kMaxTimeBytes = 40;
char *putTime(char *w, qint64 timestampNs);
constexpr qsizetype kMaxNumberBytes = 20;
char *putNumber(char *w, qint64 value);
constexpr qsizetype maxJsonStringBytes(qsizetype utf16Units)
{
    return 2 + 6 * utf16Units; // \u00XX is the longest form of one unit
}
char *putJsonString(char *w, QStringView text);
// The same for text already in well-formed UTF-8 (what putJsonString writes for that text):
// ASCII escaped as there, every other byte as it is. At most maxJsonStringBytes(size) bytes.
char *putJsonUtf8String(char *w, QByteArrayView utf8);
constexpr qsizetype maxJsonCharacterStringBytes(qsizetype bytes)
{
    return 2 + 5 * bytes; // "\DDD" with its backslash escaped
}
char *putJsonCharacterString(char *w, QByteArrayView bytes);
constexpr qsizetype maxJsonHexBytes(qsizetype bytes)
{
    return 2 + 2 * bytes;
}
char *putJsonHex(char *w, QByteArrayView bytes);
constexpr qsizetype maxCsvFieldBytes(qsizetype bytes)
{
    return 2 + 2 * bytes;
}
char *putCsvField(char *w, QByteArrayView utf8);

} // namespace ExportText

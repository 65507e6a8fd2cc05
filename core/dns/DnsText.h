#pragma once

#include <QByteArrayView>
#include <QString>

// Turns DNS bytes (labels, character-strings) into text people can read, in the RFC 6763
// §4.3 style: valid UTF-8 is kept as is; '\' (and '.' inside labels, '"' in quoted strings)
// are backslash-escaped; bytes below 0x20, 0x7F, C1 controls and invalid UTF-8 become \DDD
// (three decimal digits of the byte). Pure functions, any thread, no allocation except the
// returned string. Validation is Utf8's and address text is AddressText's (core/common):
// one helper per format concern.
namespace DnsText {

enum class Escape : quint8 {
    Label,  // a label inside a name: also escape '.'
    Text,   // a character-string shown on its own (TXT, HINFO)
    Quoted, // a character-string inside "...": also escape '"'
};

// Worst case output size in UTF-16 units for `bytes` input bytes ("\DDD" per byte).
constexpr qsizetype maxEscapedLength(qsizetype bytes)
{
    return bytes * 4;
}

// Writes the escaped form of [bytes, bytes + length) at `out`, which must have room for
// maxEscapedLength(length) units; returns the new end.
char16_t *appendEscaped(char16_t *out, const uchar *bytes, qsizetype length, Escape mode);
// The same text in UTF-8 (what appendEscaped's text is once converted: valid UTF-8 sequences
// are copied as they are), for writers that form text straight into a UTF-8 output; `out`
// must have room for maxEscapedLength(length) bytes. Returns the new end.
char *appendEscapedUtf8(char *out, const uchar *bytes, qsizetype length, Escape mode);

QString escaped(QByteArrayView bytes, Escape mode);

// The text of a name given its labels: labels escaped and joined with '.', no trailing dot;
// the root name (no labels) reads "<Root>", as in Wireshark. A name whose one label is the
// text "<Root>" reads "\060Root>" ('<' as its decimal escape), so that "<Root>" always means
// the root; a label "." reads "\." like every '.' inside a label.
QString nameToText(const QList<QByteArray> &labels);

// The text shown for the root name.
QString rootName();

// Turns the text of a one-label name "<Root>" into "\060Root>" (see nameToText), in place.
void disambiguateRoot(QString &text);

// The name in presentation form, as the exports (JSON) and the summary write it: the root as
// ".", any other name unchanged.
QStringView presentationName(const QString &text);

// Lowercase hex of the bytes, no separators.
QString hex(QByteArrayView bytes);

} // namespace DnsText

#pragma once

#include <QtGlobal>

// The one UTF-8 validator and encoder (issue #11: one helper per format concern), shared by
// the decoder's text (DnsText) and the exports (ExportText, CsvWriter). Inline on purpose:
// both run per byte of every name and string. Pure functions, any thread.
namespace Utf8 {

// Length (1..4) of the well-formed UTF-8 sequence at `p` (at most `left` bytes, left >= 1)
// and its code point, or 0 when the bytes there are not one. Follows the Unicode
// well-formedness table (Unicode 15 §3.9, table 3-7): no overlong forms, no surrogates
// (U+D800..U+DFFF), nothing above U+10FFFF, no truncated sequence.
inline int sequenceLength(const uchar *p, qsizetype left, char32_t &codePoint)
{
    const uchar b0 = p[0];
    if (b0 < 0x80) {
        codePoint = b0;
        return 1;
    }
    int length = 0;
    uchar lo = 0x80, hi = 0xBF; // the allowed range of the second byte
    if (b0 >= 0xC2 && b0 <= 0xDF) {
        length = 2;
        codePoint = b0 & 0x1F;
    } else if (b0 >= 0xE0 && b0 <= 0xEF) {
        length = 3;
        codePoint = b0 & 0x0F;
        if (b0 == 0xE0)
            lo = 0xA0; // overlong below U+0800
        else if (b0 == 0xED)
            hi = 0x9F; // surrogates
    } else if (b0 >= 0xF0 && b0 <= 0xF4) {
        length = 4;
        codePoint = b0 & 0x07;
        if (b0 == 0xF0)
            lo = 0x90; // overlong below U+10000
        else if (b0 == 0xF4)
            hi = 0x8F; // above U+10FFFF
    } else {
        return 0; // continuation byte, C0 / C1 (always overlong) or F5..FF
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

// C1 controls (U+0080..U+009F) are valid UTF-8 but as invisible as C0 controls; the
// presentation forms escape them like those.
constexpr bool isC1Control(char32_t codePoint)
{
    return codePoint >= 0x80 && codePoint <= 0x9F;
}

// Writes `codePoint` (<= U+10FFFF, not a surrogate) as 1..4 bytes at `w`; returns the new end.
inline char *put(char *w, char32_t codePoint)
{
    const char32_t c = codePoint;
    if (c < 0x80) {
        *w++ = char(c);
        return w;
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
    return w;
}

} // namespace Utf8

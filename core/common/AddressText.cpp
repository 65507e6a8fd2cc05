#include "AddressText.h"

#include "EndianReader.h"

#include <array>

namespace {

// Written once for both character types: exports write UTF-8, the decoder UTF-16.
template<typename Char>
Char *decimal(Char *w, uchar value)
{
    if (value >= 100)
        *w++ = Char('0' + value / 100);
    if (value >= 10)
        *w++ = Char('0' + (value / 10) % 10);
    *w++ = Char('0' + value % 10);
    return w;
}

template<typename Char>
Char *ipv4(Char *w, const uchar *bytes)
{
    for (int i = 0; i < 4; ++i) {
        if (i)
            *w++ = Char('.');
        w = decimal(w, bytes[i]);
    }
    return w;
}

template<typename Char>
Char *hexGroup(Char *w, quint16 group)
{
    constexpr char kHex[] = "0123456789abcdef";
    bool started = false;
    for (int shift = 12; shift >= 0; shift -= 4) {
        const int digit = (group >> shift) & 0xF;
        if (digit || started || shift == 0) {
            *w++ = Char(kHex[digit]);
            started = true;
        }
    }
    return w;
}

template<typename Char>
Char *ipv6(Char *w, const uchar *bytes)
{
    std::array<quint16, 8> groups;
    for (int i = 0; i < 8; ++i)
        groups[i] = EndianReader::big16(bytes + 2 * i);
    // The longest run of zero groups; the first on a tie (strictly longer replaces it).
    int bestStart = -1, bestLength = 0;
    for (int i = 0; i < 8;) {
        if (groups[i] != 0) {
            ++i;
            continue;
        }
        int j = i;
        while (j < 8 && groups[j] == 0)
            ++j;
        if (j - i > bestLength) {
            bestStart = i;
            bestLength = j - i;
        }
        i = j;
    }
    if (bestLength < 2) // RFC 5952 §4.2.2: a single zero group is not shortened
        bestStart = -1, bestLength = 0;
    // Embedded IPv4 where inet_ntop (and so tshark) writes it: compatible (::a.b.c.d, the
    // seventh group not zero, else this is :: or ::x) and mapped (::ffff:a.b.c.d).
    if (bestStart == 0 && (bestLength == 6 || (bestLength == 5 && groups[5] == 0xFFFF))) {
        *w++ = Char(':');
        *w++ = Char(':');
        if (bestLength == 5) {
            for (char c : {'f', 'f', 'f', 'f', ':'})
                *w++ = Char(c);
        }
        return ipv4(w, bytes + 12);
    }
    for (int i = 0; i < 8; ++i) {
        if (i == bestStart) {
            *w++ = Char(':');
            *w++ = Char(':');
            i += bestLength - 1;
            continue;
        }
        if (i > 0 && i != bestStart + bestLength)
            *w++ = Char(':');
        w = hexGroup(w, groups[i]);
    }
    return w;
}

template<typename Char>
Char *address(Char *w, const IpAddress &a)
{
    switch (a.family()) {
    case IpAddress::Family::None:
        return w;
    case IpAddress::Family::V4:
        return ipv4(w, a.bytes().data());
    case IpAddress::Family::V6:
        return ipv6(w, a.bytes().data());
    }
    return w;
}

template<typename Char>
Char *recordAddress(Char *w, QByteArrayView bytes)
{
    const auto *p = reinterpret_cast<const uchar *>(bytes.data());
    if (bytes.size() == 4)
        return ipv4(w, p);
    if (bytes.size() == 16)
        return ipv6(w, p);
    return w;
}

} // namespace

namespace AddressText {

char *putIpv4(char *w, const uchar *bytes)
{
    return ipv4(w, bytes);
}

char16_t *putIpv4(char16_t *w, const uchar *bytes)
{
    return ipv4(w, bytes);
}

char *putIpv6(char *w, const uchar *bytes)
{
    return ipv6(w, bytes);
}

char16_t *putIpv6(char16_t *w, const uchar *bytes)
{
    return ipv6(w, bytes);
}

char *put(char *w, const IpAddress &address)
{
    return ::address(w, address);
}

char16_t *put(char16_t *w, const IpAddress &address)
{
    return ::address(w, address);
}

char *put(char *w, QByteArrayView bytes)
{
    return recordAddress(w, bytes);
}

char16_t *put(char16_t *w, QByteArrayView bytes)
{
    return recordAddress(w, bytes);
}

void append(QByteArray &out, const IpAddress &address)
{
    std::array<char, kMaxChars> buffer;
    out.append(buffer.data(), put(buffer.data(), address) - buffer.data());
}

void append(QString &out, QByteArrayView bytes)
{
    std::array<char16_t, kMaxChars> buffer;
    const char16_t *end = put(buffer.data(), bytes);
    out.append(reinterpret_cast<const QChar *>(buffer.data()), end - buffer.data());
}

QString text(const IpAddress &address)
{
    std::array<char16_t, kMaxChars> buffer;
    const char16_t *end = put(buffer.data(), address);
    return QString(reinterpret_cast<const QChar *>(buffer.data()), end - buffer.data());
}

QString text(QByteArrayView bytes)
{
    QString out;
    append(out, bytes);
    return out;
}

bool isLinkScoped(const IpAddress &address)
{
    if (!address.isV6())
        return false;
    const auto &b = address.bytes();
    return (b[0] == 0xFE && (b[1] & 0xC0) == 0x80) || (b[0] == 0xFF && (b[1] & 0x0F) == 0x02);
}

QString scopedText(const IpAddress &address, QStringView interfaceName)
{
    QString out = text(address);
    if (!interfaceName.isEmpty() && isLinkScoped(address)) {
        out.append(u'%');
        out.append(interfaceName);
    }
    return out;
}

void appendScoped(QByteArray &out, const IpAddress &address, QStringView interfaceName)
{
    append(out, address);
    if (!interfaceName.isEmpty() && isLinkScoped(address)) {
        out.append('%');
        out.append(interfaceName.toUtf8());
    }
}

} // namespace AddressText

#pragma once

#include <QMetaType>
#include <QString>

#include <array>
#include <cstdint>

// An IPv4 or IPv6 address held by value (no heap allocation), so that a Packet can
// be built on the capture thread's hot path without allocating. Converted to text
// or QHostAddress only when something displays or exports it. Any thread.
// Its text is AddressText's, the one address formatter.
class IpAddress final
{
public:
    enum class Family : quint8 { None, V4, V6 };

    constexpr IpAddress() = default;
    // addr in host byte order, e.g. 0xE00000FB for 224.0.0.251
    static IpAddress fromV4(quint32 addr);
    // 16 bytes in network order
    static IpAddress fromV6(const quint8 *bytes);
    // Parses dotted-quad or IPv6 text; returns a None address when it is neither.
    static IpAddress fromString(const QString &text);

    Family family() const { return m_family; }
    bool isNull() const { return m_family == Family::None; }
    bool isV4() const { return m_family == Family::V4; }
    bool isV6() const { return m_family == Family::V6; }
    quint32 v4() const; // host byte order; 0 unless isV4()
    const std::array<quint8, 16> &bytes() const { return m_bytes; } // v4 uses the first 4
    QString toString() const; // AddressText::text(*this): what tshark shows

    friend bool operator==(const IpAddress &, const IpAddress &) = default;
    friend size_t qHash(const IpAddress &a, size_t seed) noexcept;

private:
    std::array<quint8, 16> m_bytes{};
    Family m_family = Family::None;
};

size_t qHash(const IpAddress &a, size_t seed = 0) noexcept;

Q_DECLARE_METATYPE(IpAddress)

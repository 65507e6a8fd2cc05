#pragma once

#include "IpAddress.h"

#include <QByteArray>
#include <QByteArrayView>
#include <QString>
#include <QStringView>

// The one formatter of IP address text (issue #11: one helper per format concern): the
// decoded tree, the summary line, `--read` lines, JSON Lines, CSV and the GUI's sender and
// packet tables all show what this writes, which is what Wireshark / tshark shows.
// IPv4 is a dotted quad. IPv6 is RFC 5952 §4 text as glibc's inet_ntop() writes it (tshark
// prints it so): lowercase hex without leading zeros, the longest run of two or more zero
// groups as "::" (the first one on a tie), and the last 32 bits as a dotted quad exactly
// when the address is IPv4-compatible (::a.b.c.d, the first six groups zero and the seventh
// not) or IPv4-mapped (::ffff:a.b.c.d). There is no scope: IpAddress holds none, and tshark
// shows none. Text a person reads (the packet list's Source, the senders' addresses, the
// `--read` lines) adds the scope of a link-local address with the scoped functions below;
// the JSON and CSV `source` stay plain (they carry the interface in a field of its own).
// The put functions write at a pointer (room for kMaxChars) and return the new end, in
// UTF-8 for the exports and in UTF-16 for QString text, without allocating. Pure, any thread.
namespace AddressText {

constexpr qsizetype kMaxIpv4Chars = 15; // "255.255.255.255"
constexpr qsizetype kMaxChars = 45;     // INET6_ADDRSTRLEN - 1

// 4 bytes in network order.
char *putIpv4(char *w, const uchar *bytes);
char16_t *putIpv4(char16_t *w, const uchar *bytes);
// 16 bytes in network order.
char *putIpv6(char *w, const uchar *bytes);
char16_t *putIpv6(char16_t *w, const uchar *bytes);
// An address; nothing for a None address.
char *put(char *w, const IpAddress &address);
char16_t *put(char16_t *w, const IpAddress &address);
// Address bytes of a record (A: 4, AAAA: 16); nothing for any other length.
char *put(char *w, QByteArrayView bytes);
char16_t *put(char16_t *w, QByteArrayView bytes);

// Appended to a UTF-8 buffer (e.g. a `--read` line).
void append(QByteArray &out, const IpAddress &address);
// Appended to text (the summary, the rdata text), without a temporary string.
void append(QString &out, QByteArrayView bytes);

QString text(const IpAddress &address);
QString text(QByteArrayView bytes);

// Whether an address means something only on one link (RFC 4007 §6): IPv6 link-local
// unicast (fe80::/10) and link-local multicast (scope 2: ff02::/16, and
// ff12::/16 etc. with flags). IPv4 link-local (169.254/16)
// needs no zone to be written.
bool isLinkScoped(const IpAddress &address);
// The address as above, then "%interface" (RFC 4007 §11) when it is link-scoped and the
// interface is known (not empty): "fe80::1%eth0". Any other address as text() writes it.
// A packet read from a pcapng file carries the if_name the capture was made on, and gets
// that scope too: Wireshark shows none, but the name says on which link of the capturing
// machine the address was heard, which is what tells two hosts' fe80::1 apart.
QString scopedText(const IpAddress &address, QStringView interfaceName);
void appendScoped(QByteArray &out, const IpAddress &address, QStringView interfaceName);

} // namespace AddressText

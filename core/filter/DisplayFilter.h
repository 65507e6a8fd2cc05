#pragma once

#include "FilterFields.h"

#include <QString>

#include <memory>

// A display filter: a subset of Wireshark's display filter language over Wireshark's own field
// names (FilterFields), so what a Wireshark user types selects the same packets here:
//   ip.src == 169.254.0.0/16 && dns.qry.name contains "_airplay"
//   dns.resp.type == SRV and not ip.ttl == 255
//   frame.number in {3 8..12}     !dns.flags.authoritative     dns.txt matches "^rp="
// Operators: == (eq), != (ne), ~= (any_ne), < (lt), <= (le), > (gt), >= (ge), contains,
// matches (~), in {...} with ranges lo..hi; and (&&), or (||), xor (^^), not (!), parentheses;
// a bare field tests presence. Values: numbers (decimal, 0x hex), the names Wireshark accepts
// (SRV, IN, True), strings in double quotes (or a bare word), IPv4 / IPv6 addresses and subnets
// (a.b.c.d/n), MAC addresses. Wireshark 4's semantics: a field that occurs several times
// satisfies ==, <, contains, ... when any occurrence does, != only when every occurrence differs
// (~= when any does); any comparison with a field that does not occur is false; `matches` is a
// case-insensitive PCRE; `and` binds tighter than `or`.
//
// compile() checks the whole text once (fields, value types, syntax) and says where and why it
// is wrong; matches() then evaluates it per packet without allocating (except `matches` on a
// TXT or HINFO string, which are bytes). A compiled filter is immutable and cheap to copy
// (shared); any thread.
class DisplayFilter final
{
public:
    struct Error
    {
        qsizetype position = 0; // in the text, from 0
        qsizetype length = 0;   // of the part at fault (0: at the position)
        QString reason;         // in the user's language when translators are installed
    };

    DisplayFilter(); // the empty filter: matches every packet

    // The filter of `text` (empty or blank: the empty filter); on an error returns false and
    // fills `error`, leaving `filter` unchanged.
    static bool compile(QStringView text, DisplayFilter *filter, Error *error);

    bool isEmpty() const { return !d; }
    QString text() const;
    bool matches(const FilterFields::Input &input) const;
    bool matches(const Packet &packet, const DnsMessage &message, quint64 number) const
    {
        return matches(FilterFields::Input{packet, message, number});
    }

    // The same over the packet alone: its datagram is decoded only as far as the filter needs
    // (not at all for fields of the frame, addresses and ports, the 12-byte header alone for the
    // DNS header's), and `and` / `or` test the side that needs less first, so a packet a cheap
    // test rejects is not decoded. The result is that of matches() over the decoded message.
    bool matches(const Packet &packet, quint64 number) const;
    // Whether some packet may need its questions or records decoded (a field of theirs named).
    bool needsMessage() const;

    // The expression that selects a field's value as Wireshark writes it ("Apply as filter"):
    // `field == value`, the value quoted when it is a string.
    static QString expression(FilterFields::Field field, const QString &valueText);

    struct Program;

private:
    std::shared_ptr<const Program> d;
};

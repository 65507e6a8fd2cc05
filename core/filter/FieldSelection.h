#pragma once

#include "DnsMessage.h"
#include "FilterFields.h"

#include <QString>

// "Apply as filter" / "Prepare as filter": the Wireshark expression that selects the value a
// decoded item or a packet field shows, written as Wireshark writes it (`dns.qry.name ==
// "printer.local"`, `ip.src == 169.254.1.2`, `dns.flags == 0x8400`, `dns.resp.cache_flush ==
// 1`), so the same text selects the packet in mdnscope and in Wireshark. An item without a
// Wireshark field (a group, an EDNS option, an NSEC bitmap, a TXT key) has no expression.
// Every expression returned is checked: it compiles and matches the packet it came from (an
// empty string otherwise). Pure, any thread.
namespace FieldSelection {

// An item of the decoded tree, named by where it lies in the message rather than by its
// (translated) label.
struct Item
{
    enum class Part : quint8 { None, Header, Question, Record };
    Part part = Part::None;
    int index = -1; // the question's / record's position in DnsMessage::questions / records
    // 0: the question's or record's own row (the header's: the header row); 1: a row under
    // it (a header field, Name, Type, Class, ..., Data); 2: under that (a flag bit, a typed
    // rdata field); 3: under that (a TXT string's length, key, value).
    int level = 0;
    ByteSpan span;    // the item's bytes in the DNS message
    int sameSpan = 0; // how many earlier siblings have the same span (the header's flag bits
                      // share a byte; Class and QU / Cache flush share the class field)
};

// The expression for the decoded item, checked against `message` (the packet's decode);
// empty when the item has no Wireshark field.
QString forItem(const DnsMessage &message, const Item &item);

// The expression selecting the first occurrence of `field` in the packet (the packet list's
// "Apply as filter" on a column: ip.src, frame.number, dns.qry.name, ...); empty when the field
// does not occur in it or is a protocol.
QString forField(FilterFields::Field field, const FilterFields::Input &input);

// `field == value` with the value written as Wireshark writes that field's values: strings
// quoted (backslash, quote and control characters escaped), dns.id, dns.flags and the classes
// in hex, other numbers in decimal, addresses as text.
QString expression(FilterFields::Field field, const FilterFields::Value &value);

// `text` as a string literal of the filter language, quoted.
QString quoted(QStringView text);

} // namespace FieldSelection

#pragma once

#include "DirectoryTypes.h"

// TXT records of DNS-SD (RFC 6763 §6). Pure functions, any thread.
namespace TxtRecord {

// The key=value pairs of a TXT record's strings: the key is everything before the first
// '=' (a string without '=' is a boolean attribute), the value everything after it, binary
// kept. Empty strings and strings with an empty key ("=value") are ignored (§6.4, §6.1);
// keys compare case-insensitively (ASCII) and the first of duplicate keys wins (§6.4).
QList<TxtPair> pairs(const QList<QByteArray> &strings);

} // namespace TxtRecord

#pragma once

#include <QString>
#include <QStringList>
#include <QStringView>

// DNS-SD names (RFC 6763 §4.1, §7.1, §9) in the decoder's text form (DnsDecoder::nameToText:
// '.' and '\' inside a label written "\." and "\\", control bytes and invalid UTF-8 "\DDD").
// Pure functions, any thread.
namespace DirectoryNames {

// The labels of a name, each still in text form (escapes kept), split at unescaped dots.
QStringList splitLabels(QStringView name);
// A label as a user types it: "\." -> ".", "\\" -> "\", "\DDD" -> that byte, then UTF-8.
QString unescapeLabel(QStringView label);
// The label's bytes on the wire: "\." -> ".", "\\" -> "\", "\DDD" -> that byte, the rest UTF-8.
QByteArray labelBytes(QStringView label);
// The key of a name: ASCII letters lowered (DNS compares names case-insensitively).
QString key(QStringView name);
// The same; a name that has no upper-case ASCII letter comes back as itself (shared, no copy).
QString key(const QString &name);

struct ServiceName
{
    enum class Kind : quint8 {
        None,        // not a DNS-SD name (a host, a reverse-mapping name, a browse domain)
        Type,        // _ipp._tcp.local
        Subtype,     // _printer._sub._ipp._tcp.local
        Instance,    // Office Printer._ipp._tcp.local
        Enumeration, // _services._dns-sd._udp.local
    };
    Kind kind = Kind::None;
    QString label;  // Instance: the instance label (text form); Subtype: the subtype label
    QString type;   // "_ipp._tcp" (Type, Subtype, Instance)
    QString domain; // "local"
};
ServiceName parse(QStringView name);

} // namespace DirectoryNames

#include "ServicesJsonWriter.h"

#include "ExportOutput.h"
#include "ExportText.h"
#include "ServiceDirectory.h"

#include "AddressText.h"

using namespace ExportText;

namespace {

void key(QByteArray &out, const char *name)
{
    out.append(',');
    out.append('"');
    out.append(name);
    out.append("\":");
}

void stringOrNull(QByteArray &out, bool known, const QString &text)
{
    if (known)
        appendJsonString(out, text);
    else
        out.append("null");
}

void numberOrNull(QByteArray &out, bool known, qint64 value)
{
    if (known)
        appendNumber(out, value);
    else
        out.append("null");
}

void time(QByteArray &out, qint64 ns)
{
    out.append('"');
    appendTime(out, ns);
    out.append('"');
}

void address(QByteArray &out, const IpAddress &a)
{
    out.append('"');
    AddressText::append(out, a);
    out.append('"');
}

} // namespace

void ServicesJsonWriter::appendLine(QByteArray &out, const ServiceInstance &s)
{
    out.append("{\"instance\":");
    appendJsonString(out, s.fullName);
    key(out, "name");
    appendJsonString(out, s.name);
    key(out, "type");
    appendJsonString(out, s.type);
    key(out, "subtypes");
    out.append('[');
    for (qsizetype i = 0; i < s.subtypes.size(); ++i) {
        if (i)
            out.append(',');
        appendJsonString(out, s.subtypes.at(i));
    }
    out.append(']');
    key(out, "domain");
    appendJsonString(out, s.domain);
    key(out, "host");
    stringOrNull(out, s.hasSrv, s.host);
    key(out, "port");
    numberOrNull(out, s.hasSrv, s.port);
    key(out, "priority");
    numberOrNull(out, s.hasSrv, s.priority);
    key(out, "weight");
    numberOrNull(out, s.hasSrv, s.weight);
    key(out, "txt");
    if (s.hasTxt) {
        out.append('[');
        for (qsizetype i = 0; i < s.txt.size(); ++i) {
            if (i)
                out.append(',');
            appendJsonCharacterString(out, s.txt.at(i));
        }
        out.append(']');
    } else {
        out.append("null");
    }
    key(out, "txt_pairs");
    if (s.hasTxt) {
        out.append('{');
        for (qsizetype i = 0; i < s.txtPairs.size(); ++i) {
            const TxtPair &p = s.txtPairs.at(i);
            if (i)
                out.append(',');
            appendJsonCharacterString(out, p.key);
            out.append(':');
            if (p.hasValue)
                appendJsonCharacterString(out, p.value);
            else
                out.append("true");
        }
        out.append('}');
    } else {
        out.append("null");
    }
    key(out, "addresses");
    QList<IpAddress> addresses;
    for (const HostAddress &a : s.addresses) {
        if (!addresses.contains(a.address))
            addresses.append(a.address);
    }
    if (addresses.isEmpty()) {
        out.append("null");
    } else {
        out.append('[');
        for (qsizetype i = 0; i < addresses.size(); ++i) {
            if (i)
                out.append(',');
            address(out, addresses.at(i));
        }
        out.append(']');
    }
    key(out, "announced_by");
    out.append('[');
    for (qsizetype i = 0; i < s.announcedBy.size(); ++i) {
        if (i)
            out.append(',');
        address(out, s.announcedBy.at(i));
    }
    out.append(']');
    key(out, "first_seen");
    time(out, s.firstSeenNs);
    key(out, "last_seen");
    time(out, s.lastSeenNs);
    key(out, "ttl");
    numberOrNull(out, s.hasSrv, s.srvTtl);
    key(out, "state");
    appendJsonString(out, recordStateName(s.state));
    key(out, "packets");
    out.append('[');
    for (qsizetype i = 0; i < s.packets.first.size(); ++i) {
        if (i)
            out.append(',');
        appendNumber(out, qint64(s.packets.first.at(i)));
    }
    out.append("]}\n");
}

bool ServicesJsonWriter::write(const ServiceDirectory &directory, ExportOutput &out)
{
    QByteArray buffer;
    for (const ServiceInstance &instance : directory.instances()) {
        appendLine(buffer, instance);
        if (buffer.size() > (1 << 16)) {
            if (!out.write(buffer))
                return false;
            buffer.truncate(0);
        }
    }
    return out.write(buffer) && out.commit();
}

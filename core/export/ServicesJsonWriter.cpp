#include "ServicesJsonWriter.h"

#include "ExportOutput.h"
#include "ExportText.h"
#include "ServiceDirectory.h"

using namespace ExportText;

namespace {

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

} // namespace

void ServicesJsonWriter::appendLine(QByteArray &out, const ServiceInstance &s)
{
    out.append("{\"instance\":");
    appendJsonString(out, s.fullName);
    appendJsonKey(out, "name");
    appendJsonString(out, s.name);
    appendJsonKey(out, "type");
    appendJsonString(out, s.type);
    appendJsonKey(out, "subtypes");
    out.append('[');
    for (qsizetype i = 0; i < s.subtypes.size(); ++i) {
        if (i)
            out.append(',');
        appendJsonString(out, s.subtypes.at(i));
    }
    out.append(']');
    appendJsonKey(out, "domain");
    appendJsonString(out, s.domain);
    appendJsonKey(out, "host");
    stringOrNull(out, s.hasSrv, s.host);
    appendJsonKey(out, "port");
    numberOrNull(out, s.hasSrv, s.port);
    appendJsonKey(out, "priority");
    numberOrNull(out, s.hasSrv, s.priority);
    appendJsonKey(out, "weight");
    numberOrNull(out, s.hasSrv, s.weight);
    appendJsonKey(out, "txt");
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
    appendJsonKey(out, "txt_pairs");
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
    appendJsonKey(out, "addresses");
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
            appendJsonAddress(out, addresses.at(i));
        }
        out.append(']');
    }
    appendJsonKey(out, "announced_by");
    out.append('[');
    for (qsizetype i = 0; i < s.announcedBy.size(); ++i) {
        if (i)
            out.append(',');
        appendJsonAddress(out, s.announcedBy.at(i));
    }
    out.append(']');
    appendJsonKey(out, "first_seen");
    appendJsonTime(out, s.firstSeenNs);
    appendJsonKey(out, "last_seen");
    appendJsonTime(out, s.lastSeenNs);
    appendJsonKey(out, "ttl");
    numberOrNull(out, s.hasSrv, s.srvTtl);
    appendJsonKey(out, "state");
    appendJsonString(out, recordStateName(s.state));
    appendJsonKey(out, "packets");
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

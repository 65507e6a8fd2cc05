#include "FindingsJsonWriter.h"

#include "ConformanceChecker.h"
#include "ExportOutput.h"
#include "ExportText.h"

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

void addressOrNull(QByteArray &out, const IpAddress &a)
{
    if (a.isNull()) {
        out.append("null");
        return;
    }
    out.append('"');
    AddressText::append(out, a);
    out.append('"');
}

void numbers(QByteArray &out, const PacketRefs &packets)
{
    out.append('[');
    for (qsizetype i = 0; i < packets.first.size(); ++i) {
        if (i)
            out.append(',');
        appendNumber(out, qint64(packets.first.at(i)));
    }
    out.append(']');
}

// The rules that name a second sender (the other claimant, or the reflector).
bool hasOther(Rule rule)
{
    return rule == Rule::Conflict || rule == Rule::SimultaneousProbe || rule == Rule::Reflected;
}

} // namespace

void FindingsJsonWriter::appendLine(QByteArray &out, const Finding &f)
{
    const RuleInfo &info = f.info();
    out.append("{\"rule\":");
    appendJsonString(out, QString::fromLatin1(info.id));
    key(out, "severity");
    appendJsonString(out, ConformanceRules::severityName(f.severity));
    key(out, "level");
    appendJsonString(out, ConformanceRules::levelName(info.level));
    key(out, "reference");
    appendJsonString(out, QString::fromUtf8(info.reference));
    key(out, "time");
    out.append('"');
    appendTime(out, f.timeNs);
    out.append('"');
    key(out, "source");
    addressOrNull(out, f.source);
    key(out, "name");
    if (f.name.isEmpty())
        out.append("null");
    else
        appendJsonString(out, f.name);
    key(out, "packets");
    numbers(out, f.packets);
    key(out, "count");
    appendNumber(out, qint64(f.count));
    key(out, "message");
    appendJsonString(out, f.messageText(false));
    if (hasOther(f.rule)) {
        if (!f.otherSource.isNull()) {
            key(out, "other_source");
            addressOrNull(out, f.otherSource);
        }
        if (!f.otherPackets.first.isEmpty()) {
            key(out, "other_packets");
            numbers(out, f.otherPackets);
        }
    }
    out.append("}\n");
}

void FindingsJsonWriter::appendScorecard(QByteArray &out, const QList<ScorecardRow> &rows)
{
    out.append("{\"scorecard\":[");
    for (qsizetype i = 0; i < rows.size(); ++i) {
        const ScorecardRow &r = rows.at(i);
        if (i)
            out.append(',');
        out.append("{\"host\":");
        if (r.hostName.isEmpty())
            out.append("null");
        else
            appendJsonString(out, r.hostName);
        key(out, "addresses");
        out.append('[');
        for (qsizetype a = 0; a < r.addresses.size(); ++a) {
            if (a)
                out.append(',');
            addressOrNull(out, r.addresses.at(a));
        }
        out.append(']');
        key(out, "interfaces");
        out.append('[');
        for (qsizetype n = 0; n < r.interfaces.size(); ++n) {
            if (n)
                out.append(',');
            appendJsonString(out, r.interfaces.at(n));
        }
        out.append(']');
        key(out, "packets");
        appendNumber(out, qint64(r.packets));
        key(out, "seen_starting");
        out.append(r.seenStarting ? "true" : "false");
        for (int g = 0; g < kRuleGroupCount; ++g) {
            out.append(',');
            appendJsonString(out, ConformanceRules::groupId(RuleGroup(g)));
            out.append(':');
            appendJsonString(out, verdictName(r.verdicts[g]));
        }
        out.append('}');
    }
    out.append("]}\n");
}

bool FindingsJsonWriter::write(const ConformanceChecker &checker, bool scorecard, ExportOutput &out)
{
    QByteArray buffer;
    for (const Finding &finding : checker.findings()) {
        appendLine(buffer, finding);
        if (buffer.size() > (1 << 16)) {
            if (!out.write(buffer))
                return false;
            buffer.truncate(0);
        }
    }
    if (scorecard)
        appendScorecard(buffer, checker.scorecard());
    return out.write(buffer) && out.commit();
}

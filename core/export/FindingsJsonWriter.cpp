#include "FindingsJsonWriter.h"

#include "ConformanceChecker.h"
#include "ExportOutput.h"
#include "ExportText.h"

using namespace ExportText;

namespace {

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
    appendJsonKey(out, "severity");
    appendJsonString(out, ConformanceRules::severityName(f.severity));
    appendJsonKey(out, "level");
    appendJsonString(out, ConformanceRules::levelName(info.level));
    appendJsonKey(out, "reference");
    appendJsonString(out, QString::fromUtf8(info.reference));
    appendJsonKey(out, "time");
    appendJsonTime(out, f.timeNs);
    appendJsonKey(out, "source");
    appendJsonAddress(out, f.source);
    appendJsonKey(out, "name");
    if (f.name.isEmpty())
        out.append("null");
    else
        appendJsonString(out, f.name);
    appendJsonKey(out, "packets");
    numbers(out, f.packets);
    appendJsonKey(out, "count");
    appendNumber(out, qint64(f.count));
    appendJsonKey(out, "message");
    appendJsonString(out, f.messageText(false));
    if (hasOther(f.rule)) {
        if (!f.otherSource.isNull()) {
            appendJsonKey(out, "other_source");
            appendJsonAddress(out, f.otherSource);
        }
        if (!f.otherPackets.first.isEmpty()) {
            appendJsonKey(out, "other_packets");
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
        appendJsonKey(out, "addresses");
        out.append('[');
        for (qsizetype a = 0; a < r.addresses.size(); ++a) {
            if (a)
                out.append(',');
            appendJsonAddress(out, r.addresses.at(a));
        }
        out.append(']');
        appendJsonKey(out, "interfaces");
        out.append('[');
        for (qsizetype n = 0; n < r.interfaces.size(); ++n) {
            if (n)
                out.append(',');
            appendJsonString(out, r.interfaces.at(n));
        }
        out.append(']');
        appendJsonKey(out, "packets");
        appendNumber(out, qint64(r.packets));
        appendJsonKey(out, "seen_starting");
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

#include "ConformanceTypes.h"

#include <QCoreApplication>
#include <QHash>

using namespace Qt::StringLiterals;

namespace {
using enum Rule;
using L = RuleLevel;
using S = Severity;
using G = RuleGroup;

// clang-format off
constexpr std::array<RuleInfo, kRuleCount> kRules{{
    {ResponseId, "response-id", "RFC 6762 §18.1", L::Must, S::Error, G::Header,
     QT_TRANSLATE_NOOP("Conformance", "Multicast response with a non-zero ID")},
    {QueryId, "query-id", "RFC 6762 §18.1", L::Should, S::Info, G::Header,
     QT_TRANSLATE_NOOP("Conformance", "Multicast query with a non-zero ID")},
    {Opcode, "opcode", "RFC 6762 §18.3", L::Must, S::Error, G::Header,
     QT_TRANSLATE_NOOP("Conformance", "Non-zero OPCODE")},
    {Rcode, "rcode", "RFC 6762 §18.11", L::Must, S::Error, G::Header,
     QT_TRANSLATE_NOOP("Conformance", "Non-zero RCODE")},
    {ResponseAa, "response-aa", "RFC 6762 §18.4", L::Must, S::Error, G::Header,
     QT_TRANSLATE_NOOP("Conformance", "Response without the AA bit")},
    {ResponseTc, "response-tc", "RFC 6762 §18.5", L::Must, S::Error, G::Header,
     QT_TRANSLATE_NOOP("Conformance", "Response with the TC bit")},
    {ResponseQuestions, "response-questions", "RFC 6762 §6", L::Should, S::Warning, G::Header,
     QT_TRANSLATE_NOOP("Conformance", "Multicast response that carries questions")},
    {ResponseSourcePort, "response-source-port", "RFC 6762 §6", L::Must, S::Error, G::PortsTtl,
     QT_TRANSLATE_NOOP("Conformance", "Multicast response not from port 5353")},
    {LegacyQuery, "legacy-query", "RFC 6762 §6.7", L::Event, S::Info, G::PortsTtl,
     QT_TRANSLATE_NOOP("Conformance", "Query from a legacy resolver (not port 5353)")},
    {IpTtl, "ip-ttl", "RFC 6762 §11", L::Should, S::Warning, G::PortsTtl,
     QT_TRANSLATE_NOOP("Conformance", "IP TTL or hop limit other than 255")},
    {MessageSize, "message-size", "RFC 6762 §17", L::Must, S::Error, G::PortsTtl,
     QT_TRANSLATE_NOOP("Conformance", "Message too large")},
    {CacheFlushShared, "cache-flush-shared", "RFC 6762 §10.2", L::Must, S::Error, G::Records,
     QT_TRANSLATE_NOOP("Conformance", "Cache-flush bit on a shared record")},
    {CacheFlushKnownAnswer, "cache-flush-known-answer", "RFC 6762 §10.2, §7.1", L::Must, S::Error,
     G::Records, QT_TRANSLATE_NOOP("Conformance", "Cache-flush bit on a known answer or proposed record")},
    {UniqueWithoutCacheFlush, "unique-without-cache-flush", "RFC 6762 §10.2", L::Should, S::Warning,
     G::Records, QT_TRANSLATE_NOOP("Conformance", "Unique record announced without the cache-flush bit")},
    {TtlRecommended, "ttl-recommended", "RFC 6762 §10", L::Should, S::Info, G::Records,
     QT_TRANSLATE_NOOP("Conformance", "Record TTL other than recommended")},
    {TxtEmpty, "txt-empty", "RFC 6763 §6.1", L::Must, S::Error, G::Records,
     QT_TRANSLATE_NOOP("Conformance", "TXT record with no string")},
    {TxtKey, "txt-key", "RFC 6763 §6.4", L::Should, S::Warning, G::Records,
     QT_TRANSLATE_NOOP("Conformance", "TXT key empty, not printable ASCII or repeated")},
    {ServiceName, "service-name", "RFC 6763 §7", L::Should, S::Warning, G::Records,
     QT_TRANSLATE_NOOP("Conformance", "Service name not _name._tcp or _name._udp")},
    {InstanceLabel, "instance-label", "RFC 6763 §4.1.1", L::Must, S::Error, G::Records,
     QT_TRANSLATE_NOOP("Conformance", "Instance label too long or not UTF-8")},
    {Malformed, "malformed", "RFC 1035", L::Must, S::Error, G::Header,
     QT_TRANSLATE_NOOP("Conformance", "Malformed message")},
    {NoProbe, "no-probe", "RFC 6762 §8.1", L::Must, S::Warning, G::Probing,
     QT_TRANSLATE_NOOP("Conformance", "Unique record announced without probing")},
    {ProbeTiming, "probe-timing", "RFC 6762 §8.1", L::Should, S::Warning, G::Probing,
     QT_TRANSLATE_NOOP("Conformance", "Probes too few or too close together")},
    {AnnounceTiming, "announce-timing", "RFC 6762 §8.3", L::Should, S::Warning, G::Announcing,
     QT_TRANSLATE_NOOP("Conformance", "Announcements too few or too close together")},
    {RecordRate, "record-rate", "RFC 6762 §6", L::Must, S::Warning, G::Rates,
     QT_TRANSLATE_NOOP("Conformance", "Record multicast again within a second")},
    {QueryBackoff, "query-backoff", "RFC 6762 §5.2", L::Should, S::Warning, G::Rates,
     QT_TRANSLATE_NOOP("Conformance", "Repeated question without back-off")},
    {Conflict, "conflict", "RFC 6762 §9", L::Must, S::Error, G::Conflicts,
     QT_TRANSLATE_NOOP("Conformance", "Two senders claim the same unique record")},
    {SimultaneousProbe, "simultaneous-probe", "RFC 6762 §8.2", L::Event, S::Info, G::Conflicts,
     QT_TRANSLATE_NOOP("Conformance", "Two senders probe the same name at once")},
    {RenameStorm, "rename-storm", "RFC 6762 §9", L::Should, S::Error, G::Conflicts,
     QT_TRANSLATE_NOOP("Conformance", "Name claimed with rising suffixes again and again")},
    {Reflected, "reflected", "RFC 6762 §5, §11", L::Event, S::Info, G::Rates,
     QT_TRANSLATE_NOOP("Conformance", "Same message repeated by another address")},
    {DestinationMac, "destination-mac", "RFC 6762 §5", L::Must, S::Error, G::PortsTtl,
     QT_TRANSLATE_NOOP("Conformance", "Multicast message to the wrong destination MAC")},
    {KnownAnswerIgnored, "known-answer-ignored", "RFC 6762 §7.1", L::Must, S::Warning, G::Rates,
     QT_TRANSLATE_NOOP("Conformance", "Answer the query listed as a known answer")},
    {DuplicateRecord, "duplicate-record", "RFC 6762 §6", L::Should, S::Warning, G::Records,
     QT_TRANSLATE_NOOP("Conformance", "The same record twice in one message")},
    {MissingAdditionals, "missing-additionals", "RFC 6763 §12", L::Should, S::Info, G::Records,
     QT_TRANSLATE_NOOP("Conformance", "Answer without the recommended additional records")},
    {LegacyResponse, "legacy-response", "RFC 6762 §6.7", L::Must, S::Error, G::PortsTtl,
     QT_TRANSLATE_NOOP("Conformance", "Wrong response to a legacy query")},
    {Goodbye, "goodbye", "RFC 6762 §10.1", L::Event, S::Info, G::Announcing,
     QT_TRANSLATE_NOOP("Conformance", "Record withdrawn (goodbye)")},
    {Expired, "expired", "RFC 6762 §10", L::Event, S::Info, G::Announcing,
     QT_TRANSLATE_NOOP("Conformance", "Record expired without a goodbye")},
}};
// clang-format on

constexpr bool tableInOrder()
{
    for (int i = 0; i < kRuleCount; ++i) {
        if (int(kRules[i].rule) != i)
            return false;
    }
    return true;
}
static_assert(tableInOrder(), "kRules must list the rules in the order of enum Rule");

QString tr(const char *text, bool translated)
{
    return translated ? QCoreApplication::translate("Conformance", text) : QString::fromUtf8(text);
}
} // namespace

const RuleInfo &ConformanceRules::info(Rule rule)
{
    return kRules[qBound(0, int(rule), kRuleCount - 1)];
}

const std::array<RuleInfo, kRuleCount> &ConformanceRules::all()
{
    return kRules;
}

bool ConformanceRules::fromId(QStringView id, Rule *rule)
{
    for (const RuleInfo &r : kRules) {
        if (id == QLatin1StringView(r.id)) {
            if (rule)
                *rule = r.rule;
            return true;
        }
    }
    return false;
}

QString ConformanceRules::severityName(Severity severity)
{
    switch (severity) {
    case Severity::Info:
        return u"info"_s;
    case Severity::Warning:
        return u"warning"_s;
    case Severity::Error:
        break;
    }
    return u"error"_s;
}

QString ConformanceRules::levelName(RuleLevel level)
{
    switch (level) {
    case RuleLevel::Must:
        return u"MUST"_s;
    case RuleLevel::Should:
        return u"SHOULD"_s;
    case RuleLevel::Event:
        break;
    }
    return u"event"_s;
}

QString ConformanceRules::groupId(RuleGroup group)
{
    static const char *const ids[kRuleGroupCount] = {
        "header", "ports-ttl", "records", "probing", "announcing", "rates", "conflicts"};
    return QString::fromLatin1(ids[qBound(0, int(group), kRuleGroupCount - 1)]);
}

QString ConformanceRules::groupTitle(RuleGroup group, bool translated)
{
    static const char *const titles[kRuleGroupCount] = {
        QT_TRANSLATE_NOOP("Conformance", "Header bits"),
        QT_TRANSLATE_NOOP("Conformance", "Ports and TTLs"),
        QT_TRANSLATE_NOOP("Conformance", "Records"),
        QT_TRANSLATE_NOOP("Conformance", "Probing"),
        QT_TRANSLATE_NOOP("Conformance", "Announcing"),
        QT_TRANSLATE_NOOP("Conformance", "Rates"),
        QT_TRANSLATE_NOOP("Conformance", "Conflicts")};
    return tr(titles[qBound(0, int(group), kRuleGroupCount - 1)], translated);
}

QString ConformanceRules::severityTitle(Severity severity, bool translated)
{
    // In a table, not inside tr(...) calls: lupdate only sees QT_TRANSLATE_NOOP standing alone.
    static const char *const titles[3] = {QT_TRANSLATE_NOOP("Conformance", "Info"),
                                          QT_TRANSLATE_NOOP("Conformance", "Warning"),
                                          QT_TRANSLATE_NOOP("Conformance", "Error")};
    return tr(titles[qBound(0, int(severity), 2)], translated);
}

QString ConformanceRules::ruleTitle(Rule rule, bool translated)
{
    return tr(info(rule).title, translated);
}

QString FindingText::toString(bool translated) const
{
    QString s = tr(text, translated);
    // One pass: an argument that itself holds "%1" (a hostile name) is not substituted again.
    if (args.isEmpty())
        return s;
    switch (args.size()) {
    case 1:
        return s.arg(args[0]);
    case 2:
        return s.arg(args[0], args[1]);
    case 3:
        return s.arg(args[0], args[1], args[2]);
    case 4:
        return s.arg(args[0], args[1], args[2], args[3]);
    case 5:
        return s.arg(args[0], args[1], args[2], args[3], args[4]);
    case 6:
        return s.arg(args[0], args[1], args[2], args[3], args[4], args[5]);
    default:
        return s.arg(args[0], args[1], args[2], args[3], args[4], args[5], args[6]);
    }
}

QString verdictName(Verdict verdict)
{
    switch (verdict) {
    case Verdict::Pass:
        return u"pass"_s;
    case Verdict::Warn:
        return u"warn"_s;
    case Verdict::Fail:
        return u"fail"_s;
    case Verdict::NotSeen:
        break;
    }
    return u"not-seen"_s;
}

void appendFindingChanges(FindingChanges &into, FindingChanges &&later)
{
    if (later.reset) {
        into = std::move(later);
        return;
    }
    if (!later.findings.isEmpty()) {
        QHash<quint32, qsizetype> at;
        for (qsizetype i = 0; i < into.findings.size(); ++i)
            at.insert(into.findings[i].id, i);
        for (Finding &f : later.findings) {
            const auto it = at.constFind(f.id);
            if (it != at.cend())
                into.findings[it.value()] = std::move(f);
            else
                into.findings.append(std::move(f));
        }
        std::sort(into.findings.begin(), into.findings.end(),
                  [](const Finding &a, const Finding &b) { return a.id < b.id; });
    }
    if (later.scorecardChanged) {
        into.scorecardChanged = true;
        into.scorecard = std::move(later.scorecard);
    }
    // Monotonic within a generation: an empty later set (a batch with nothing new) keeps it.
    into.dropped = std::max(into.dropped, later.dropped);
}

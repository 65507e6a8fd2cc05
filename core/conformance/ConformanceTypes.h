#pragma once

#include "DirectoryTypes.h"
#include "IpAddress.h"

#include <QList>
#include <QMetaType>
#include <QString>
#include <QStringList>

#include <array>

// The values the conformance checker hands out (RFC 6762 / RFC 6763 findings, the scorecard):
// plain structs with implicitly shared members, cheap to copy and safe to queue to the GUI
// thread. Times are packet timestamps (nanoseconds since the Unix epoch, UTC). Any thread.

// How bad a finding is: Error = a MUST broken, Warning = a SHOULD broken, Info = an event or a
// heuristic.
enum class Severity : quint8 { Info, Warning, Error };

// What the RFC says about the rule: MUST, SHOULD, or nothing (an event, a heuristic).
enum class RuleLevel : quint8 { Must, Should, Event };

// The scorecard's columns: each rule belongs to one.
enum class RuleGroup : quint8 {
    Header,     // ID, opcode, rcode, AA, TC, questions in responses, malformed
    PortsTtl,   // source ports, IP TTL / hop limit, message size, destination MAC
    Records,    // cache-flush bits, record TTLs, TXT, names, duplicates, additionals
    Probing,    // probes, their timing, simultaneous probes
    Announcing, // announcements, goodbyes, expiry
    Rates,      // record rate, query back-off, known answers, reflection
    Conflicts,  // conflicts, rename storms
};
constexpr int kRuleGroupCount = 7;

// The rules, in the order of the table (their ids are stable: JSON, CLI, docs).
enum class Rule : quint8 {
    ResponseId,
    QueryId,
    Opcode,
    Rcode,
    ResponseAa,
    ResponseTc,
    ResponseQuestions,
    ResponseSourcePort,
    LegacyQuery,
    IpTtl,
    MessageSize,
    CacheFlushShared,
    CacheFlushKnownAnswer,
    UniqueWithoutCacheFlush,
    TtlRecommended,
    TxtEmpty,
    TxtKey,
    ServiceName,
    InstanceLabel,
    Malformed,
    NoProbe,
    ProbeTiming,
    AnnounceTiming,
    RecordRate,
    QueryBackoff,
    Conflict,
    SimultaneousProbe,
    RenameStorm,
    Reflected,
    DestinationMac,
    KnownAnswerIgnored,
    DuplicateRecord,
    MissingAdditionals,
    LegacyResponse,
    Goodbye,
    Expired,
};
constexpr int kRuleCount = int(Rule::Expired) + 1;

struct RuleInfo
{
    Rule rule;
    const char *id;        // "response-id"
    const char *reference; // "RFC 6762 §18.1"
    RuleLevel level;
    Severity severity; // the usual severity (message-size and ttl-recommended vary per case)
    RuleGroup group;
    const char *title; // a short English description (translated with context "Conformance")
};

// The rule table and the stable names. Pure, any thread.
namespace ConformanceRules {
const RuleInfo &info(Rule rule);
const std::array<RuleInfo, kRuleCount> &all();
// The rule of an id ("response-id"); false when there is none.
bool fromId(QStringView id, Rule *rule);
// "error", "warning", "info" (stable English).
QString severityName(Severity severity);
// "MUST", "SHOULD", "event".
QString levelName(RuleLevel level);
// "header", "ports-ttl", "records", "probing", "announcing", "rates", "conflicts" (stable).
QString groupId(RuleGroup group);
// The group's name for people ("Header bits", ...), translated when `translated`.
QString groupTitle(RuleGroup group, bool translated);
QString severityTitle(Severity severity, bool translated);
QString ruleTitle(Rule rule, bool translated);
} // namespace ConformanceRules

// The sentence of a finding: an English template with %1.. placeholders (marked for
// translation with QT_TRANSLATE_NOOP("Conformance", ...) where it is written) and its
// arguments, so the same finding reads in English in JSON and in the user's language on
// screen.
struct FindingText
{
    const char *text = "";
    QStringList args;
    QString toString(bool translated) const;
    friend bool operator==(const FindingText &a, const FindingText &b)
    {
        return qstrcmp(a.text, b.text) == 0 && a.args == b.args;
    }
};

// One finding: a rule broken (or an event seen) by one sender for one name, with every
// repeat within the capture counted rather than listed again.
struct Finding
{
    quint32 id = 0; // stable within a capture (its place in ConformanceChecker::findings())
    Rule rule = Rule::Malformed;
    Severity severity = Severity::Error;
    qint64 timeNs = 0;     // the first occurrence
    qint64 lastTimeNs = 0; // the latest occurrence
    IpAddress source;      // the sender concerned
    QString name;          // the record or host name concerned; empty when none
    PacketRefs packets;    // the packets that show it (the first 16 numbers and a count)
    quint64 count = 0;     // occurrences (repeats for the same rule, sender, name, severity)
    FindingText message;   // the first occurrence's sentence (a conflict's is kept current)
    // A conflict or a simultaneous probe: the other claimant and its packets; a reflection:
    // the reflector (source is the original sender).
    IpAddress otherSource;
    PacketRefs otherPackets;
    // The byte range the finding concerns in its first packet (the field the decoded tree
    // marks), when it has one.
    quint32 fieldOffset = 0;
    quint32 fieldLength = 0;

    const RuleInfo &info() const { return ConformanceRules::info(rule); }
    QString messageText(bool translated) const { return message.toString(translated); }
};

// One device's row of the scorecard: per rule group, pass / warn / fail / not seen.
enum class Verdict : quint8 { NotSeen, Pass, Warn, Fail };
struct ScorecardRow
{
    QString hostName;           // the host name it claims for its own address; empty when none
    QList<IpAddress> addresses; // every source address that is this device
    QStringList interfaces;
    std::array<Verdict, kRuleGroupCount> verdicts{};
    std::array<quint32, kRuleGroupCount> errors{};   // error findings per group
    std::array<quint32, kRuleGroupCount> warnings{}; // warning findings per group
    bool seenStarting = false; // its first packets (probes) are in the capture
    quint64 packets = 0;
};
// "pass", "warn", "fail", "not-seen".
QString verdictName(Verdict verdict);

// What changed since the checker's last takeChanges(), for a view on another thread: every
// finding added or updated (by id; a view keeps them in a list indexed by id), and the
// scorecard (whole, when it changed). `reset` means the view drops what it has first.
struct FindingChanges
{
    bool reset = false;
    QList<Finding> findings; // new or updated, ascending id
    bool scorecardChanged = false;
    QList<ScorecardRow> scorecard;
    quint64 dropped = 0; // occurrences not kept (over the limit on distinct findings), in all
    bool isEmpty() const { return !reset && findings.isEmpty() && !scorecardChanged; }
};
// Folds a later change set into an earlier one (coalescing before publication).
void appendFindingChanges(FindingChanges &into, FindingChanges &&later);

Q_DECLARE_METATYPE(FindingChanges)

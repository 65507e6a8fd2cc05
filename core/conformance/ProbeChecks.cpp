#include "ProbeChecks.h"

#include "NameText.h"

#include "DeviceBook.h"
#include "DirectoryNames.h"
#include "DnsDecoder.h"

#include <QCoreApplication>

#include <algorithm>
#include <cstring>

using namespace Sequence;

namespace {
// A response within this of a question for its name answers it (RFC 6762 §6: at most 500 ms).
constexpr qint64 kAnsweredNs = 1'000'000'000;
constexpr qint64 kMs = 1'000'000;
constexpr qint64 kProbeGapNs = 237 * kMs + kMs / 2; // 250 ms less 5 %
constexpr qint64 kAnnounceGapNs = 950 * kMs;        // 1 s less 5 %
constexpr qint64 kAnnounceWaitNs = 3000 * kMs;      // the second announcement must come by then
constexpr qint64 kRaceNs = 750 * kMs;               // probes of one name "at once"
constexpr qint64 kMissedProbeNs = 1000 * kMs;       // a probe before the capture began?
constexpr qint64 kLateJoinNs = 10'000 * kMs;        // "well after the capture's first packet"
constexpr qint64 kReprobeNs = 1000 * kMs;
constexpr int kRequiredProbes = 3;

bool isAddress(quint16 type)
{
    return type == DnsType::A || type == DnsType::AAAA;
}

// RFC 6762 §8.2: > 0 when `a` is lexicographically later than `b`.
int compareProposed(const auto &a, const auto &b, qsizetype *differAt)
{
    const qsizetype n = std::min(a.size(), b.size());
    for (qsizetype i = 0; i < n; ++i) {
        *differAt = i;
        if (a[i].rrclass != b[i].rrclass)
            return a[i].rrclass < b[i].rrclass ? -1 : 1;
        if (a[i].type != b[i].type)
            return a[i].type < b[i].type ? -1 : 1;
        const int c = std::memcmp(a[i].rdata.constData(), b[i].rdata.constData(),
                                  size_t(std::min(a[i].rdata.size(), b[i].rdata.size())));
        if (c != 0)
            return c;
        if (a[i].rdata.size() != b[i].rdata.size())
            return a[i].rdata.size() < b[i].rdata.size() ? -1 : 1;
    }
    *differAt = n;
    return a.size() == b.size() ? 0 : (a.size() < b.size() ? -1 : 1);
}
} // namespace

ProbeChecks::ProbeChecks(std::shared_ptr<Shared> shared, qsizetype maxTracked)
    : m_shared(std::move(shared))
    , m_senders(maxTracked)
    , m_runs(maxTracked)
    , m_probers(maxTracked)
    , m_max(maxTracked)
{}

void ProbeChecks::clear()
{
    m_senders.clear();
    m_runs.clear();
    m_probers.clear();
    m_deadlines.clear();
}

void ProbeChecks::add(const CheckContext &c)
{
    judgeDeadlines(c.time(), c.log);
    if (m_shared->facts.skip)
        return;
    if (isProbe(c.message))
        addProbe(c);
    else if (c.isResponse() && c.multicast && !c.isLegacyResponse())
        addResponse(c);
}

void ProbeChecks::advanceTo(qint64 nowNs, FindingLog &log, DeviceBook &devices)
{
    Q_UNUSED(devices);
    judgeDeadlines(nowNs, log);
}

void ProbeChecks::addProbe(const CheckContext &c)
{
    const DnsMessage &m = c.message;
    const PacketFacts &facts = m_shared->facts;
    const IpAddress &source = c.packet.source;
    Sender &sender = m_senders[source];
    if (!sender.decided) {
        sender.decided = true;
        sender.started = std::any_of(m.records.cbegin(), m.records.cend(), [](const DnsRecord &r) {
            return r.section == DnsSection::Authority && isAddress(r.type);
        });
        if (sender.started)
            c.devices.noteStarted(source);
    }
    QList<QString> &done = m_done; // kept for its capacity
    done.clear();
    for (qsizetype q = 0; q < m.questions.size(); ++q) {
        const QString &key = facts.questionNames[q];
        if (done.contains(key))
            continue;
        done.append(key);
        // The records proposed for this name, sorted as §8.2 compares them.
        Prober mine;
        mine.source = source;
        mine.timeNs = c.time();
        mine.packet = c.number;
        for (qsizetype i = 0; i < m.records.size(); ++i) {
            const DnsRecord &r = m.records[i];
            if (r.section != DnsSection::Authority || facts.recordNames[i] != key)
                continue;
            mine.records.append({r.rrclass, r.type, canonicalRdata(r), recordText(r)});
            const IpAddress a = recordAddress(r);
            if (!a.isNull())
                mine.addresses.append(a);
        }
        if (mine.records.isEmpty())
            continue; // a question beside the probe's, not a probe of this name
        std::sort(
            mine.records.begin(), mine.records.end(), [](const Proposed &a, const Proposed &b) {
                return std::tie(a.rrclass, a.type, a.rdata) < std::tie(b.rrclass, b.type, b.rdata);
            });

        Run &run = m_runs[{source, key}];
        if (run.firstAnnounceNs != 0 && c.time() - run.lastAnnounceNs > kReprobeNs)
            run = Run{}; // probing again after announcing: a new run
        const bool first = run.probes.isEmpty();
        if (first) {
            run.name = m.questions[q].name;
            run.firstProbePacket = c.number;
        }
        if (run.probes.size() < 16)
            run.probes.append(c.time());
        if (first)
            checkSimultaneous(c, key, run.name, mine);
        m_probers[key] = std::move(mine);
        m_shared->lastProbeNs[key] = c.time();
    }
}

void ProbeChecks::checkSimultaneous(const CheckContext &c, const QString &key, const QString &name,
                                    const Prober &mine)
{
    const Prober *other = m_probers.find(key);
    if (!other || other->source == mine.source || c.time() - other->timeNs > kRaceNs)
        return;
    // One host's two addresses (IPv4 and IPv6 probes) propose the same host's records.
    if (other->addresses.contains(mine.source) || mine.addresses.contains(other->source))
        return;
    const Run *theirs = m_runs.find({other->source, key});
    if (theirs && theirs->firstAnnounceNs != 0)
        return; // they already hold it: a conflict, not a race
    qsizetype at = 0;
    const int order = compareProposed(other->records, mine.records, &at);
    if (order == 0)
        return; // identical records: no conflict (§8.2)
    const Prober &winner = order > 0 ? *other : mine;
    const Prober &loser = order > 0 ? mine : *other;
    const QString winnerText = at < winner.records.size() ? winner.records[at].text : QString();
    const QString loserText = at < loser.records.size()
                                  ? loser.records[at].text
                                  : QCoreApplication::translate("Conformance", "no further record");
    Finding *f = report(c.log, Rule::SimultaneousProbe, Severity::Info, c.time(), other->source,
                        name, other->packet,
                        QT_TRANSLATE_NOOP("Conformance",
                                          "%1 and %2 probe %3 at once; %4 wins the tie-break of "
                                          "RFC 6762 §8.2 (%5 against %6)"),
                        {other->source.toString(), mine.source.toString(), name,
                         winner.source.toString(), winnerText, loserText});
    if (f) {
        f->otherSource = mine.source;
        f->otherPackets.add(c.number);
        c.log.markChanged(*f);
    }
}

void ProbeChecks::addResponse(const CheckContext &c)
{
    const DnsMessage &m = c.message;
    const PacketFacts &facts = m_shared->facts;
    const IpAddress &source = c.packet.source;
    Sender &senderRef = m_senders[source];
    if (!senderRef.decided) {
        senderRef.decided = true;
        senderRef.started =
            facts.namesNeverHeard && c.time() - m_shared->captureStartNs >= kLateJoinNs;
        if (senderRef.started)
            c.devices.noteStarted(source);
    }
    const bool started = senderRef.started;
    QList<QString> &done = m_done; // kept for its capacity
    done.clear();
    for (qsizetype i = 0; i < m.records.size(); ++i) {
        const DnsRecord &r = m.records[i];
        if (r.section != DnsSection::Answer || !r.cacheFlush)
            continue;
        const QString &key = facts.recordNames[i];
        if (done.contains(key))
            continue;
        done.append(key);
        if (r.ttl == 0) { // a goodbye: the sender leaves, its announcements end
            if (Run *run = m_runs.find({source, key}))
                run->announceJudged = true;
            continue;
        }
        Run *run = m_runs.find({source, key});
        if (!run) {
            if (!started || isReverseName(key))
                continue;
            // The first announcement of a name the started sender never probed.
            const bool probable =
                std::any_of(m.records.cbegin(), m.records.cend(), [&](const DnsRecord &x) {
                    return x.section == DnsSection::Answer && x.cacheFlush &&
                           (isAddress(x.type) || x.type == DnsType::SRV) &&
                           NameText::equal(x.name, key);
                });
            if (probable) {
                c.report(Rule::NoProbe, Severity::Warning, r.name,
                         QT_TRANSLATE_NOOP("Conformance",
                                           "%1 announced %2 without probing for the name first; "
                                           "unique records must be probed (3 probes, 250 ms "
                                           "apart) before they are announced"),
                         {source.toString(), r.name}, r.nameSpan);
            }
            run = &m_runs[{source, key}];
            run->name = r.name;
        }
        if (run->firstAnnounceNs == 0) {
            run->firstAnnounceNs = run->lastAnnounceNs = c.time();
            run->firstAnnouncePacket = c.number;
            run->announcements = 1;
            if (!run->probes.isEmpty())
                judgeProbes(c, *run);
            m_deadlines.push_back({c.time() + kAnnounceWaitNs, {source, key}});
            if (qsizetype(m_deadlines.size()) > m_max)
                m_deadlines.pop_front();
            continue;
        }
        if (c.time() - run->lastAnnounceNs < kMs)
            continue; // the same announcement split over packets
        // An answer to a question asked within the last second (a query, or another sender's
        // probe it defends against) is solicited: not one of the announcements.
        if (const qint64 *asked = m_shared->lastQueryNs.find(key);
            asked && c.time() - *asked <= kAnsweredNs &&
            (run->probes.isEmpty() || *asked != run->probes.last())) // not its own probe
            continue;
        ++run->announcements;
        if (run->announcements == 2 && !run->announceJudged) {
            run->announceJudged = true;
            const qint64 gap = c.time() - run->firstAnnounceNs;
            if (gap < kAnnounceGapNs) {
                c.report(Rule::AnnounceTiming, Severity::Warning, run->name,
                         QT_TRANSLATE_NOOP("Conformance",
                                           "the first two announcements of %1 only %2 ms apart; "
                                           "they must be at least one second apart"),
                         {run->name, ms(gap)});
            }
        }
        run->lastAnnounceNs = c.time();
    }
}

void ProbeChecks::judgeProbes(const CheckContext &c, const Run &run)
{
    const qsizetype n = run.probes.size();
    if (n < kRequiredProbes && run.probes.first() - m_shared->captureStartNs >= kMissedProbeNs) {
        c.report(Rule::ProbeTiming, Severity::Warning, run.name,
                 QT_TRANSLATE_NOOP("Conformance",
                                   "%1 probe(s) for %2 before it was announced; at least 3 are "
                                   "required"),
                 {QString::number(n), run.name});
    }
    for (qsizetype i = 1; i < n; ++i) {
        const qint64 gap = run.probes[i] - run.probes[i - 1];
        if (gap < kProbeGapNs) {
            c.report(Rule::ProbeTiming, Severity::Warning, run.name,
                     QT_TRANSLATE_NOOP("Conformance",
                                       "probes for %1 only %2 ms apart; they must be 250 ms "
                                       "apart"),
                     {run.name, ms(gap)});
            break;
        }
    }
    const qint64 after = c.time() - run.probes.last();
    if (after < kProbeGapNs) {
        c.report(Rule::ProbeTiming, Severity::Warning, run.name,
                 QT_TRANSLATE_NOOP("Conformance",
                                   "%1 announced %2 ms after its last probe; at least 250 ms are "
                                   "required"),
                 {run.name, ms(after)});
    }
}

void ProbeChecks::judgeDeadlines(qint64 nowNs, FindingLog &log)
{
    while (!m_deadlines.empty() && m_deadlines.front().atNs <= nowNs) {
        const Deadline d = m_deadlines.front();
        m_deadlines.pop_front();
        Run *run = m_runs.find(d.key);
        if (!run || run->announceJudged || run->firstAnnounceNs + kAnnounceWaitNs != d.atNs)
            continue;
        run->announceJudged = true;
        if (run->announcements >= 2)
            continue;
        Finding *f = report(log, Rule::AnnounceTiming, Severity::Warning, d.atNs, d.key.source,
                            run->name, run->firstAnnouncePacket,
                            QT_TRANSLATE_NOOP("Conformance",
                                              "only one announcement of %1 within 3 s; at least "
                                              "two, one second apart, are required"),
                            {run->name});
        Q_UNUSED(f);
    }
}

qsizetype ProbeChecks::tracked() const
{
    return std::max(
        {m_senders.size(), m_runs.size(), m_probers.size(), qsizetype(m_deadlines.size())});
}

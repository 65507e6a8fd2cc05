#include "LatencyTracker.h"

#include "DirectoryNames.h"
#include "DnsMessage.h"
#include "HostGroups.h"

#include <QHashFunctions>

#include <algorithm>

namespace {

constexpr qint64 kMs = 1'000'000;
constexpr quint16 kClassAny = 255;

bool typeMatches(quint16 questionType, quint16 recordType)
{
    return questionType == DnsType::ANY || questionType == recordType;
}

bool classMatches(quint16 questionClass, quint16 recordClass)
{
    return questionClass == kClassAny || questionClass == recordClass;
}

} // namespace

double LatencyTracker::Figures::unansweredShare() const
{
    const quint64 total = answered() + unanswered;
    return total ? double(unanswered) / double(total) : 0.0;
}

double LatencyTracker::Figures::questionUnansweredShare() const
{
    const quint64 total = answeredQuestions + unanswered;
    return total ? double(unanswered) / double(total) : 0.0;
}

void LatencyTracker::Figures::merge(const Figures &other)
{
    histogram.merge(other.histogram);
    unanswered += other.unanswered;
    suppressed += other.suppressed;
    answeredQuestions += other.answeredQuestions;
    for (size_t i = 0; i < bands.size(); ++i)
        bands[i] += other.bands[i];
}

void LatencyTracker::Stats::merge(const Stats &other)
{
    for (size_t i = 0; i < kinds.size(); ++i)
        kinds[i].merge(other.kinds[i]);
}

bool LatencyTracker::Stats::isEmpty() const
{
    return std::all_of(kinds.cbegin(), kinds.cend(), [](const Figures &f) {
        return f.answered() == 0 && f.unanswered == 0 && f.suppressed == 0;
    });
}

bool LatencyTracker::quartersUneven(const Figures &f)
{
    quint64 inRange = 0;
    for (int b = SharedQuarter1; b <= SharedQuarter4; ++b)
        inRange += f.bands[size_t(b)];
    if (inRange < kMinForQuarters)
        return false;
    for (int b = SharedQuarter1; b <= SharedQuarter4; ++b) {
        const double share = double(f.bands[size_t(b)]) / double(inRange);
        if (share < 0.05 || share > 0.45)
            return true;
    }
    return false;
}

LatencyTracker::Verdict LatencyTracker::verdict(const Figures &f, Kind kind)
{
    if (kind == Kind::Probe || f.answered() == 0)
        return Verdict::NotSeen;
    const auto &b = f.bands;
    if (kind == Kind::Unique) {
        if (b[UniqueAbove750])
            return Verdict::Fail;
        return b[Unique10To750] ? Verdict::Warn : Verdict::Pass;
    }
    if (b[SharedBelow10] || b[SharedAbove750])
        return Verdict::Fail;
    if (b[Shared10To20] || b[Shared125To750] || quartersUneven(f))
        return Verdict::Warn;
    return Verdict::Pass;
}

void LatencyTracker::addSample(Figures &f, Kind kind, qint64 latencyNs)
{
    f.histogram.add(latencyNs);
    if (kind == Kind::Unique) {
        f.bands[latencyNs <= 10 * kMs    ? UniqueUpTo10
                : latencyNs <= 750 * kMs ? Unique10To750
                                         : UniqueAbove750]++;
    } else if (kind == Kind::Shared) {
        Band band;
        if (latencyNs < 10 * kMs)
            band = SharedBelow10;
        else if (latencyNs < 20 * kMs)
            band = Shared10To20;
        else if (latencyNs <= 125 * kMs) {
            // 105 ms in four quarters of 26.25 ms
            const int q = std::min<int>(3, int((latencyNs - 20 * kMs) * 4 / (105 * kMs)));
            band = Band(SharedQuarter1 + q);
        } else if (latencyNs <= 750 * kMs)
            band = Shared125To750;
        else
            band = SharedAbove750;
        f.bands[band]++;
    }
}

LatencyTracker::LatencyTracker()
    : LatencyTracker(Limits{})
{}

LatencyTracker::LatencyTracker(const Limits &limits)
    : m_limits(limits)
{}

LatencyTracker::Stats &LatencyTracker::statsOf(qsizetype address)
{
    if (m_perAddress.size() <= address)
        m_perAddress.resize(address + 1);
    return m_perAddress[address];
}

size_t LatencyTracker::rdataKey(const DnsRecord &r)
{
    // The decoded rdata, so a name compressed differently in another packet is the same.
    switch (r.type) {
    case DnsType::PTR:
    case DnsType::CNAME:
    case DnsType::NS:
        return qHash(DirectoryNames::key(r.target));
    case DnsType::SRV:
        return qHashMulti(0, DirectoryNames::key(r.target), r.priority, r.weight, r.port);
    default:
        return qHash(r.rdata);
    }
}

void LatencyTracker::add(qint64 nowNs, qsizetype sender, const DnsMessage &message,
                         const HostGroups &groups)
{
    advanceTo(nowNs);
    if (sender < 0)
        return;
    if (message.isResponse()) {
        pairAnswers(nowNs, sender, message, groups);
        // Heard after pairing: an answer does not make its own question answerable.
        for (const DnsRecord &r : message.records) {
            if (r.section != DnsSection::Authority && r.type != DnsType::OPT)
                noteHeard(nowNs, sender, r);
        }
    } else {
        addQuestions(nowNs, sender, message, groups);
    }
}

void LatencyTracker::pairAnswers(qint64 nowNs, qsizetype sender, const DnsMessage &message,
                                 const HostGroups &groups)
{
    for (const DnsRecord &r : message.records) {
        if (r.section != DnsSection::Answer)
            continue;
        const auto it = m_pendingByName.constFind(DirectoryNames::key(r.name));
        if (it == m_pendingByName.cend())
            continue;
        for (const quint64 seq : it.value()) {
            Pending &q = m_pending[size_t(seq - m_pending.front().seq)];
            if (!typeMatches(q.type, r.type) || !classMatches(q.qclass, r.rrclass) ||
                nowNs - q.timeNs > kWindowNs || q.querier == sender ||
                groups.sameGroup(q.querier, sender) || q.answeredBy.contains(sender))
                continue;
            const Kind kind = q.probe ? Kind::Probe : r.cacheFlush ? Kind::Unique : Kind::Shared;
            addSample(statsOf(sender).of(kind), kind, nowNs - q.timeNs);
            if (!q.answered)
                q.answeredKind = kind;
            q.answered = true;
            q.answeredBy.append(sender);
            for (Holder &h : q.holders) {
                if (h.address == sender)
                    h.answered = true;
            }
        }
    }
}

void LatencyTracker::addQuestions(qint64 nowNs, qsizetype sender, const DnsMessage &message,
                                  const HostGroups &groups)
{
    const bool probe =
        std::any_of(message.records.cbegin(), message.records.cend(),
                    [](const DnsRecord &r) { return r.section == DnsSection::Authority; });
    for (const DnsQuestion &question : message.questions) {
        Pending q;
        q.nameKey = DirectoryNames::key(question.name);
        q.type = question.type;
        q.qclass = question.qclass;
        q.probe = probe;
        q.timeNs = nowNs;
        q.querier = sender;
        const auto heard = m_heard.constFind(q.nameKey);
        if (heard != m_heard.cend()) {
            for (const Held &h : heard.value()) {
                if (h.expiresNs <= nowNs || !typeMatches(q.type, h.type) ||
                    !classMatches(q.qclass, h.rrclass) || h.address == sender ||
                    groups.sameGroup(h.address, sender))
                    continue;
                // Known to the querier (§7.1): the same record with at least half its TTL.
                bool known = false;
                for (const DnsRecord &k : message.records) {
                    if (k.section == DnsSection::Answer && k.type == h.type &&
                        k.rrclass == h.rrclass && 2 * quint64(k.ttl) >= quint64(h.ttl) &&
                        DirectoryNames::key(k.name) == q.nameKey && rdataKey(k) == h.rdata) {
                        known = true;
                        break;
                    }
                }
                const auto holder =
                    std::find_if(q.holders.begin(), q.holders.end(),
                                 [&h](const Holder &x) { return x.address == h.address; });
                if (holder == q.holders.end()) {
                    q.holders.append(Holder{h.address,
                                            probe          ? Kind::Probe
                                            : h.cacheFlush ? Kind::Unique
                                                           : Kind::Shared,
                                            known, false});
                } else {
                    holder->suppressed = holder->suppressed && known; // every record known
                    if (!probe && h.cacheFlush)
                        holder->kind = Kind::Unique;
                }
            }
        }
        if (qsizetype(m_pending.size()) >= m_limits.maxPending) {
            ++m_droppedQuestions;
            settleFront();
        }
        q.seq = m_nextSeq++;
        m_pendingByName[q.nameKey].append(q.seq);
        m_pending.push_back(std::move(q));
    }
}

void LatencyTracker::noteHeard(qint64 nowNs, qsizetype sender, const DnsRecord &r)
{
    const QString key = DirectoryNames::key(r.name);
    const size_t rdata = rdataKey(r);
    auto it = m_heard.find(key);
    if (it != m_heard.end()) {
        QList<Held> &list = it.value();
        for (qsizetype i = 0; i < list.size(); ++i) {
            Held &h = list[i];
            if (h.address == sender && h.type == r.type && h.rrclass == r.rrclass &&
                h.rdata == rdata) {
                if (r.ttl == 0) { // a goodbye
                    list.removeAt(i);
                    --m_heldCount;
                    if (list.isEmpty())
                        m_heard.erase(it);
                } else {
                    h.ttl = r.ttl;
                    h.cacheFlush = r.cacheFlush;
                    h.expiresNs = nowNs + qint64(r.ttl) * 1'000'000'000;
                }
                return;
            }
        }
    }
    if (r.ttl == 0)
        return;
    if (m_heldCount >= m_limits.maxHeld) {
        // Full: sweep at most once a second of packet time, not per record (a full table of
        // records that all live on made every further record walk it: quadratic).
        if (nowNs - m_lastSweepNs >= 1'000'000'000LL)
            sweepHeld(nowNs);
        if (m_heldCount >= m_limits.maxHeld) {
            ++m_droppedRecords;
            return;
        }
    }
    m_heard[key].append(Held{sender, r.type, r.rrclass, r.cacheFlush, r.ttl, rdata,
                             nowNs + qint64(r.ttl) * 1'000'000'000});
    ++m_heldCount;
}

void LatencyTracker::sweepHeld(qint64 nowNs)
{
    m_lastSweepNs = nowNs;
    for (auto it = m_heard.begin(); it != m_heard.end();) {
        const qsizetype before = it->size();
        it->removeIf([nowNs](const Held &h) { return h.expiresNs <= nowNs; });
        m_heldCount -= before - it->size();
        it = it->isEmpty() ? m_heard.erase(it) : std::next(it);
    }
}

void LatencyTracker::settleFront()
{
    Pending q = std::move(m_pending.front());
    m_pending.pop_front();
    auto byName = m_pendingByName.find(q.nameKey);
    if (byName != m_pendingByName.end()) {
        byName->removeOne(q.seq);
        if (byName->isEmpty())
            m_pendingByName.erase(byName);
    }
    if (q.answered)
        ++m_questions.of(q.answeredKind).answeredQuestions;
    if (q.holders.isEmpty())
        return;
    bool anyExpected = false;
    Kind questionKind = q.probe ? Kind::Probe : Kind::Shared;
    for (const Holder &h : std::as_const(q.holders)) {
        if (h.kind == Kind::Unique)
            questionKind = Kind::Unique;
        anyExpected = anyExpected || !h.suppressed;
        if (h.answered)
            continue;
        Figures &f = statsOf(h.address).of(h.kind);
        if (h.suppressed)
            ++f.suppressed;
        else
            ++f.unanswered;
    }
    if (!q.answered) {
        Figures &f = m_questions.of(questionKind);
        if (anyExpected)
            ++f.unanswered;
        else
            ++f.suppressed;
    }
}

void LatencyTracker::advanceTo(qint64 nowNs)
{
    while (!m_pending.empty() && nowNs - m_pending.front().timeNs > kWindowNs)
        settleFront();
    if (nowNs - m_lastSweepNs > 60 * 1'000'000'000LL)
        sweepHeld(nowNs);
}

void LatencyTracker::finish()
{
    while (!m_pending.empty())
        settleFront();
}

void LatencyTracker::clear()
{
    m_pending.clear();
    m_pendingByName.clear();
    m_heard.clear();
    m_heldCount = 0;
    m_perAddress.clear();
    m_questions = Stats{};
    m_droppedQuestions = m_droppedRecords = 0;
}

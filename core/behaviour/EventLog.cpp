#include "EventLog.h"

#include "ConformanceChecker.h"
#include "DnsMessage.h"
#include "HostGroups.h"
#include "MultiHomed.h"

#include <algorithm>

using namespace Qt::StringLiterals;

namespace {
constexpr qint64 kSecond = 1'000'000'000;
constexpr qint64 kTieBreakNs = 250'000'000; // two probes for one name within a probing round
constexpr qint64 kRoundNs = kSecond;        // one tie-break event per name and round
constexpr qint64 kAnswerNs = kSecond;       // a response answers a question of the last 1 s
constexpr qint64 kRenameNs = 60 * kSecond;  // a new suffix within this is a rename
constexpr qint64 kSweepNs = kSecond;        // expired records are looked for once a second
constexpr qsizetype kMaxNamesPerPacket = 16;

// The rdata of a record, hashed without building its canonical form (names compared without
// the case of ASCII letters, compression undone by the decoder).
size_t rdataHash(const DnsRecord &r)
{
    switch (r.type) {
    case DnsType::A:
    case DnsType::AAAA:
        return qHash(r.address);
    case DnsType::PTR:
    case DnsType::CNAME:
    case DnsType::NS:
        return NameText::hash(r.target);
    case DnsType::SRV:
        return NameText::hash(r.target, qHashMulti(0, r.priority, r.weight, r.port));
    case DnsType::NSEC:
        return NameText::hash(r.target, qHashRange(r.nsecTypes.cbegin(), r.nsecTypes.cend()));
    case DnsType::TXT: {
        size_t h = 0;
        for (const QByteArray &s : r.txt)
            h = qHashMulti(h, s);
        return h;
    }
    default:
        return qHash(r.rdata);
    }
}

bool kept(const DnsRecord &r) // a record that is part of what a response gives
{
    return r.section != DnsSection::Authority && r.type != DnsType::OPT;
}

bool conflictRule(Rule rule)
{
    return rule == Rule::Conflict || rule == Rule::SimultaneousProbe || rule == Rule::RenameStorm;
}

// A host for a detail: its first address (both claim the same name).
QString labelOf(const HostGroups &hosts, qint32 host)
{
    if (host < 0 || host >= hosts.size())
        return {};
    return hosts.address(host).toString();
}
} // namespace

EventLog::EventLog()
    : EventLog(Limits{})
{}

EventLog::EventLog(const Limits &limits)
    : m_limits(limits)
    , m_hostProbes(limits.maxTracked)
    , m_nameProbes(limits.maxTracked)
    , m_records(limits.maxTracked)
    , m_claims(limits.maxTracked)
    , m_lastPacket(limits.maxTracked)
{}

void EventLog::clear()
{
    m_pending.clear();
    m_dropped = 0;
    m_hostProbes.clear();
    m_nameProbes.clear();
    m_records.clear();
    m_claims.clear();
    m_lastPacket.clear();
    m_questions.fill({});
    m_questionAt = 0;
    m_knownFindings = 0;
    m_nextSweepNs = 0;
    m_nowNs = 0;
}

QList<BehaviourEvent> EventLog::takeEvents()
{
    return std::exchange(m_pending, {});
}

qsizetype EventLog::tracked() const
{
    return std::max({m_hostProbes.size(), m_nameProbes.size(), m_records.size(), m_claims.size(),
                     m_lastPacket.size()});
}

void EventLog::emitEvent(BehaviourEvent &&event)
{
    if (m_pending.size() >= m_limits.maxEvents) {
        ++m_dropped;
        return;
    }
    m_pending.append(std::move(event));
}

void EventLog::add(qint64 timeNs, quint64 packet, qsizetype address, const DnsMessage &message,
                   const HostGroups &hosts, const ConformanceChecker *checker)
{
    m_nowNs = std::max(m_nowNs, timeNs);
    sweep(timeNs, hosts);
    const qsizetype first = m_pending.size();
    const qint32 host = address >= 0 ? qint32(hosts.group(address)) : -1;
    if (!message.isMalformed()) {
        const bool probe = Sequence::isProbe(message);
        const bool response = message.isResponse();
        // A host's per-interface copy of the packet it just sent (MultiHomed's rule joined
        // the addresses): one event.
        bool copy = false;
        if (host >= 0 && (probe || response)) {
            LastPacket &last = m_lastPacket[host];
            copy = last.address >= 0 && last.address != address && last.probe == probe &&
                   timeNs - last.timeNs <= MultiHomed::kSameBurstNs &&
                   hosts.group(last.address) == host;
            if (!copy)
                last = LastPacket{address, timeNs, probe};
        }
        if (!response && !copy)
            noteQuestions(timeNs, host, message);
        if (probe && !copy)
            probeEvents(timeNs, packet, host, message, hosts);
        else if (response)
            responseEvents(timeNs, packet, address, copy ? -2 : host, message, hosts);
    }
    takeFindings(hosts, checker, first, timeNs);
}

void EventLog::advanceTo(qint64 nowNs, const HostGroups &hosts, const ConformanceChecker *checker)
{
    const qsizetype first = m_pending.size();
    if (nowNs > m_nowNs) {
        m_nowNs = nowNs;
        sweep(nowNs, hosts);
    }
    takeFindings(hosts, checker, first, -1);
}

void EventLog::finish(const HostGroups &hosts, const ConformanceChecker *checker)
{
    takeFindings(hosts, checker, m_pending.size(), -1);
}

void EventLog::noteQuestions(qint64 timeNs, qint32 host, const DnsMessage &message)
{
    for (const DnsQuestion &q : message.questions) {
        m_questions[size_t(m_questionAt)] =
            Question{NameText::hash(q.name), q.type, q.qclass, host, timeNs};
        m_questionAt = (m_questionAt + 1) % qsizetype(m_questions.size());
    }
}

qsizetype EventLog::answeredRecord(qint64 timeNs, qint32 host, const DnsMessage &message,
                                   const HostGroups &hosts) const
{
    const qsizetype n = qsizetype(m_questions.size());
    for (qsizetype i = 0; i < message.records.size(); ++i) {
        const DnsRecord &r = message.records[i];
        if (r.section != DnsSection::Answer || r.ttl == 0)
            continue;
        const size_t name = NameText::hash(r.name);
        for (qsizetype k = 1; k <= n; ++k) {
            const Question &q = m_questions[size_t((m_questionAt - k + n) % n)];
            if (q.timeNs == 0 || timeNs - q.timeNs > kAnswerNs)
                break;
            if (q.timeNs > timeNs || q.name != name || hosts.sameGroup(q.host, host))
                continue;
            if ((q.type == r.type || q.type == DnsType::ANY) &&
                (q.rrclass == r.rrclass || q.rrclass == DnsType::ANY))
                return i;
        }
    }
    return -1;
}

void EventLog::probeEvents(qint64 timeNs, quint64 packet, qint32 host, const DnsMessage &message,
                           const HostGroups &hosts)
{
    QVarLengthArray<qsizetype, kMaxNamesPerPacket> seen;
    for (qsizetype i = 0; i < message.records.size(); ++i) {
        const DnsRecord &r = message.records[i];
        if (r.section != DnsSection::Authority)
            continue;
        if (std::any_of(seen.cbegin(), seen.cend(), [&](qsizetype j) {
                return NameText::equal(message.records[j].name, r.name);
            }))
            continue;
        if (seen.size() >= kMaxNamesPerPacket)
            break;
        seen.append(i);
        // The gap to the host's previous probe for the name.
        qint64 gap = -1;
        const HostName key{host, r.name};
        if (qint64 *previous = m_hostProbes.find(key)) {
            gap = timeNs - *previous;
            *previous = timeNs;
        } else {
            m_hostProbes[key] = timeNs;
        }
        emitEvent(
            BehaviourEvent{timeNs, packet, host, EventKind::Probe, r.type, gap, -1, r.name, {}});
        // Another host probing for the name in the same round: a tie-break (§8.2).
        NameProbe &other = m_nameProbes[Name{r.name}];
        if (other.timeNs != 0 && other.host != host && !hosts.sameGroup(other.host, host) &&
            timeNs - other.timeNs <= kTieBreakNs &&
            (other.tieBreakNs < 0 || timeNs - other.tieBreakNs > kRoundNs)) {
            emitEvent(BehaviourEvent{timeNs, packet, host, EventKind::TieBreak, r.type, -1, -1,
                                     r.name, u"with "_s + labelOf(hosts, other.host)});
            emitEvent(BehaviourEvent{timeNs, packet, other.host, EventKind::TieBreak, r.type, -1,
                                     -1, r.name, u"with "_s + labelOf(hosts, host)});
            other.tieBreakNs = timeNs;
        }
        other.host = host;
        other.timeNs = timeNs;
        noteClaim(timeNs, packet, host, r.name, r.type, true);
    }
}

void EventLog::responseEvents(qint64 timeNs, quint64 packet, qsizetype address, qint32 host,
                              const DnsMessage &message, const HostGroups &hosts)
{
    const bool quiet = host == -2; // a per-interface copy: its records only
    // What the packet is: an answer to a question of another host, else an announcement.
    qsizetype live = -1;
    for (qsizetype i = 0; i < message.records.size() && live < 0; ++i) {
        if (kept(message.records[i]) && message.records[i].ttl != 0)
            live = i;
    }
    qsizetype answered = -1;
    if (!quiet && live >= 0) {
        answered = answeredRecord(timeNs, host, message, hosts);
        const DnsRecord &r = message.records[answered >= 0 ? answered : live];
        emitEvent(BehaviourEvent{timeNs,
                                 packet,
                                 host,
                                 answered >= 0 ? EventKind::Answer : EventKind::Announcement,
                                 r.type,
                                 -1,
                                 -1,
                                 r.name,
                                 {}});
    }
    // The records: goodbyes, updates, and what each address holds (for expiry).
    QVarLengthArray<qsizetype, kMaxNamesPerPacket> goodbyes;
    QVarLengthArray<qsizetype, kMaxNamesPerPacket> claims;
    for (qsizetype i = 0; i < message.records.size(); ++i) {
        const DnsRecord &r = message.records[i];
        if (!kept(r))
            continue;
        const Record key{qint32(address), r.name, r.type};
        if (r.ttl == 0) {
            m_records.remove(key);
            if (!quiet && goodbyes.size() < kMaxNamesPerPacket &&
                std::none_of(goodbyes.cbegin(), goodbyes.cend(), [&](qsizetype j) {
                    return NameText::equal(message.records[j].name, r.name);
                })) {
                goodbyes.append(i);
                emitEvent(BehaviourEvent{
                    timeNs, packet, host, EventKind::Goodbye, r.type, -1, -1, r.name, {}});
            }
            continue;
        }
        if (address < 0)
            continue;
        // The first record of its name and type in the packet stands for the set.
        bool firstOfSet = true;
        for (qsizetype j = 0; j < i && firstOfSet; ++j) {
            const DnsRecord &o = message.records[j];
            firstOfSet =
                !(kept(o) && o.ttl != 0 && o.type == r.type && NameText::equal(o.name, r.name));
        }
        if (!firstOfSet)
            continue;
        RecordState &state = m_records[key];
        qint64 ttl = r.ttl;
        size_t set = 0;
        for (qsizetype j = i; j < message.records.size(); ++j) {
            const DnsRecord &o = message.records[j];
            if (j != i &&
                !(kept(o) && o.ttl != 0 && o.type == r.type && NameText::equal(o.name, r.name)))
                continue;
            set += rdataHash(o); // the set, in any order
            ttl = std::min<qint64>(ttl, o.ttl);
        }
        state.expiresNs = timeNs + ttl * kSecond;
        if (r.cacheFlush) {
            if (state.unique && state.rdata != set && !quiet)
                emitEvent(BehaviourEvent{timeNs, packet, host, EventKind::Update, r.type, -1, -1,
                                         r.name, u"rdata changed"_s});
            state.rdata = set;
            state.unique = true;
            if (!quiet && answered < 0 && claims.size() < kMaxNamesPerPacket &&
                std::none_of(claims.cbegin(), claims.cend(), [&](qsizetype j) {
                    return NameText::equal(message.records[j].name, r.name);
                })) {
                claims.append(i);
                noteClaim(timeNs, packet, host, r.name, r.type, false);
            }
        }
    }
}

void EventLog::noteClaim(qint64 timeNs, quint64 packet, qint32 host, const QString &name,
                         quint16 type, bool probe)
{
    const Sequence::BaseName base = Sequence::baseName(name);
    const HostName key{host, base.base};
    Claimed *claimed = m_claims.find(key);
    if (!claimed) {
        m_claims[key] = Claimed{name, base.suffix, timeNs, false};
        return;
    }
    if (!NameText::equal(claimed->name, name)) {
        if (probe && base.suffix > claimed->suffix &&
            (claimed->conflicted || timeNs - claimed->timeNs <= kRenameNs))
            emitEvent(BehaviourEvent{timeNs, packet, host, EventKind::Rename, type, -1, -1,
                                     claimed->name, u"renamed to "_s + name});
        *claimed = Claimed{name, base.suffix, timeNs, false};
        return;
    }
    claimed->timeNs = timeNs;
}

void EventLog::sweep(qint64 nowNs, const HostGroups &hosts)
{
    if (nowNs < m_nextSweepNs)
        return;
    m_nextSweepNs = nowNs + kSweepNs;
    QList<std::pair<qint64, Record>> expired;
    m_records.forEach([&](const Record &key, RecordState &state) {
        if (state.expiresNs <= nowNs)
            expired.append({state.expiresNs, key});
    });
    if (expired.isEmpty())
        return;
    std::sort(expired.begin(), expired.end(),
              [](const auto &a, const auto &b) { return a.first < b.first; });
    for (const auto &[at, key] : std::as_const(expired)) {
        m_records.remove(key);
        const qint32 host = key.address < hosts.size() ? qint32(hosts.group(key.address)) : -1;
        emitEvent(BehaviourEvent{at, 0, host, EventKind::Expiry, key.type, -1, -1, key.name, {}});
    }
}

void EventLog::takeFindings(const HostGroups &hosts, const ConformanceChecker *checker,
                            qsizetype firstEvent, qint64 packetTimeNs)
{
    if (!checker)
        return;
    const QList<Finding> &all = checker->findings();
    if (all.size() < m_knownFindings)
        m_knownFindings = 0; // the checker was cleared
    const QList<quint32> &touched = checker->lastFindings();
    // The events of this packet: the rule of the finding reported on it for the same name,
    // else of its first finding.
    if (packetTimeNs >= 0 && !touched.isEmpty()) {
        for (qsizetype i = firstEvent; i < m_pending.size(); ++i) {
            BehaviourEvent &e = m_pending[i];
            qint16 rule = -1;
            for (quint32 id : touched) {
                const Finding &f = all.at(id);
                if (f.lastTimeNs != packetTimeNs)
                    continue; // settled now, about an earlier packet
                if (NameText::equal(f.name, e.name)) {
                    rule = qint16(f.rule);
                    break;
                }
                if (rule < 0)
                    rule = qint16(f.rule);
            }
            e.rule = rule;
        }
    }
    // The new findings.
    const auto laneOf = [&](const IpAddress &a) -> qint32 {
        const qsizetype at = a.isNull() ? -1 : hosts.find(a);
        return at < 0 ? -1 : qint32(hosts.group(at));
    };
    for (qsizetype id = m_knownFindings; id < all.size(); ++id) {
        const Finding &f = all.at(id);
        if (f.rule == Rule::Goodbye || f.rule == Rule::Expired)
            continue; // these events already
        const quint64 packet = f.packets.first.value(0);
        const qint32 lane = laneOf(f.source);
        if (!conflictRule(f.rule)) {
            emitEvent(BehaviourEvent{BehaviourTime::clamp(f.timeNs), packet, lane,
                                     EventKind::Finding, 0, -1, qint16(f.rule), f.name,
                                     QString::fromLatin1(f.info().id)});
            continue;
        }
        const QString id_ = QString::fromLatin1(f.info().id);
        const qint32 other = laneOf(f.otherSource);
        emitEvent(BehaviourEvent{
            BehaviourTime::clamp(f.timeNs), packet, lane, EventKind::Conflict, 0, -1,
            qint16(f.rule), f.name,
            f.otherSource.isNull() ? id_ : id_ + u" with "_s + f.otherSource.toString()});
        if (!f.otherSource.isNull() && other != lane)
            emitEvent(BehaviourEvent{BehaviourTime::clamp(f.timeNs),
                                     f.otherPackets.first.value(0, packet), other,
                                     EventKind::Conflict, 0, -1, qint16(f.rule), f.name,
                                     id_ + u" with "_s + f.source.toString()});
        // A later suffixed probe by either is a rename, however late.
        if (!f.name.isEmpty()) {
            const QString base = Sequence::baseName(f.name).base;
            for (qint32 h : {lane, other}) {
                if (Claimed *c = m_claims.find(HostName{h, base}))
                    c->conflicted = true;
            }
        }
    }
    m_knownFindings = all.size();
}

#include "FloodCauses.h"

#include "DirectoryNames.h"
#include "DnsMessage.h"
#include "HostGroups.h"
#include "Packet.h"

#include <QCoreApplication>
#include <QHashFunctions>

#include <algorithm>

using namespace Qt::StringLiterals;

namespace {

constexpr qint64 kSecondNs = 1'000'000'000;
constexpr qsizetype kMaxKeys = 8192;
constexpr qsizetype kMaxQueriers = 16;
constexpr qsizetype kMaxProbedNames = 64;
constexpr quint64 kMinEvidence = 10;
constexpr double kMinShare = 0.10;

struct KindName
{
    const char *id;
    const char *title;
};

constexpr std::array<KindName, FloodCauses::kKinds> kNames{{
    {"reflection", QT_TRANSLATE_NOOP("Behaviour", "Reflected copies")},
    {"copies", QT_TRANSLATE_NOOP("Behaviour", "Copies per interface or family")},
    {"probe-storm", QT_TRANSLATE_NOOP("Behaviour", "Probe or rename storm")},
    {"requery", QT_TRANSLATE_NOOP("Behaviour", "Re-queries without back-off")},
    {"short-ttl", QT_TRANSLATE_NOOP("Behaviour", "Short TTLs refreshed over and over")},
    {"querier", QT_TRANSLATE_NOOP("Behaviour", "Answers to a busy querier")},
}};

} // namespace

QString FloodCauses::kindId(Kind kind)
{
    return QString::fromLatin1(kNames[size_t(kind)].id);
}

QString FloodCauses::kindTitle(Kind kind, bool translated)
{
    const char *title = kNames[size_t(kind)].title;
    return translated ? QCoreApplication::translate("Behaviour", title)
                      : QString::fromLatin1(title);
}

int FloodCauses::kindOf(const QString &id)
{
    for (int k = 0; k < kKinds; ++k) {
        if (id == QLatin1String(kNames[size_t(k)].id))
            return k;
    }
    return -1;
}

FloodCauses::PerAddress &FloodCauses::at(qsizetype sender)
{
    if (m_perAddress.size() <= sender)
        m_perAddress.resize(sender + 1);
    return m_perAddress[sender];
}

bool FloodCauses::requery(qsizetype sender, const DnsMessage &message, qint64 nowNs)
{
    if (m_asks.size() >= kMaxKeys)
        m_asks.clear();
    bool again = false;
    for (const DnsQuestion &q : message.questions) {
        const size_t key = qHashMulti(0, sender, DirectoryNames::key(q.name), q.type, q.qclass);
        auto it = m_asks.find(key);
        if (it == m_asks.end()) {
            m_asks.insert(key, Ask{nowNs, -1});
            continue;
        }
        const qint64 gap = nowNs - it->lastNs;
        // Less than 1 s after the last time, or an interval that did not grow (with some
        // slack for jitter: 1.5 times the one before).
        if (gap < kSecondNs || (it->gapNs >= 0 && 2 * gap < 3 * it->gapNs))
            again = true;
        it->gapNs = gap;
        it->lastNs = nowNs;
    }
    return again;
}

quint32 FloodCauses::refreshedShortTtl(qsizetype sender, const DnsMessage &message, qint64 nowNs)
{
    if (m_ttls.size() >= kMaxKeys)
        m_ttls.clear();
    quint32 shortest = 0;
    for (const DnsRecord &r : message.records) {
        if (r.ttl == 0 || r.ttl > kShortTtl || r.type == DnsType::OPT ||
            r.section == DnsSection::Authority)
            continue;
        const size_t key =
            qHashMulti(0, sender, DirectoryNames::key(r.name), r.type, r.rrclass, r.rdata);
        auto it = m_ttls.find(key);
        if (it == m_ttls.end()) {
            m_ttls.insert(key, nowNs);
            continue;
        }
        *it = nowNs;
        shortest = shortest ? std::min(shortest, r.ttl) : r.ttl;
    }
    return shortest;
}

qsizetype FloodCauses::answeredQuerier(qsizetype sender, const DnsMessage &message, qint64 nowNs,
                                       const HostGroups &hosts) const
{
    // Newest first.
    for (int k = 1; k <= int(m_queries.size()); ++k) {
        const Query &q =
            m_queries[size_t((m_queryNext - k + int(m_queries.size())) % int(m_queries.size()))];
        if (q.sender < 0 || nowNs - q.timeNs > kSecondNs)
            break;
        if (hosts.sameGroup(q.sender, sender))
            continue;
        for (const DnsRecord &r : message.records) {
            if (r.section != DnsSection::Answer)
                continue;
            const QString name = DirectoryNames::key(r.name);
            for (const auto &[qname, qtype] : q.questions) {
                if ((qtype == r.type || qtype == DnsType::ANY) && qname == name)
                    return q.sender;
            }
        }
    }
    return -1;
}

void FloodCauses::add(const Packet &packet, const DnsMessage &message, qsizetype sender,
                      quint64 number, const HostGroups &hosts)
{
    if (sender < 0)
        return;
    const qint64 now = std::max(m_nowNs, packet.timestampNs);
    m_nowNs = now;
    PerAddress &me = at(sender);

    // The same payload within the second before: from another host, from this host on another
    // interface or address, or from this address on the same interface.
    const size_t hash = qHash(packet.data);
    bool fromOther = false, fromSelfElsewhere = false, fromSelf = false;
    for (const Seen &s : m_ring) {
        if (s.sender < 0 || s.hash != hash || now - s.timeNs > kSecondNs)
            continue;
        if (!hosts.sameGroup(s.sender, sender))
            fromOther = true;
        else if (s.sender != sender || s.interfaceName != packet.interfaceName)
            fromSelfElsewhere = true;
        else
            fromSelf = true;
    }
    Seen &slot = m_ring[size_t(m_ringNext)];
    slot = Seen{hash, now, sender, packet.interfaceName};
    m_ringNext = (m_ringNext + 1) % int(m_ring.size());

    const bool response = message.isResponse();
    const auto put = [&](Kind kind) { me.kinds[size_t(kind)].add(number); };

    if (fromOther) {
        ++me.reflectedFromOthers;
        put(Kind::Reflection);
        return;
    }
    if (fromSelfElsewhere && response) {
        put(Kind::Copies);
        return;
    }
    if (!response) {
        const bool probe =
            std::any_of(message.records.cbegin(), message.records.cend(),
                        [](const DnsRecord &r) { return r.section == DnsSection::Authority; });
        if (probe) {
            for (const DnsQuestion &q : message.questions) {
                if (me.probedNames.size() >= kMaxProbedNames)
                    break;
                me.probedNames.insert(DirectoryNames::key(q.name));
            }
            put(Kind::ProbeStorm);
            return;
        }
        const bool again = requery(sender, message, now);
        if (!message.questions.isEmpty()) {
            Query &q = m_queries[size_t(m_queryNext)];
            m_queryNext = (m_queryNext + 1) % int(m_queries.size());
            q.sender = sender;
            q.timeNs = now;
            q.questions.clear();
            for (const DnsQuestion &question : message.questions) {
                if (q.questions.size() >= 4)
                    break;
                q.questions.append({DirectoryNames::key(question.name), question.type});
            }
        }
        if (again) {
            put(Kind::Requery);
            return;
        }
    } else {
        if (refreshedShortTtl(sender, message, now) > 0) {
            put(Kind::ShortTtl);
            return;
        }
        if (const qsizetype querier = answeredQuerier(sender, message, now, hosts); querier >= 0) {
            auto q = me.queriers.find(querier);
            if (q != me.queriers.end())
                ++q.value();
            else if (me.queriers.size() < kMaxQueriers)
                me.queriers.insert(querier, 1);
            put(Kind::Querier);
            return;
        }
    }
    if (fromSelf)
        put(Kind::Reflection);
}

void FloodCauses::clear()
{
    *this = FloodCauses();
}

PacketRefs FloodCauses::evidence(qsizetype sender, Kind kind) const
{
    if (sender < 0 || sender >= m_perAddress.size())
        return {};
    return m_perAddress.at(sender).kinds[size_t(kind)];
}

namespace {

// Two PacketRefs together: the first numbers of both (ascending, at most kKept), the counts
// added.
void mergeRefs(PacketRefs &into, const PacketRefs &other)
{
    if (other.count == 0)
        return;
    QList<quint64> all = into.first + other.first;
    std::sort(all.begin(), all.end());
    all.erase(std::unique(all.begin(), all.end()), all.end());
    if (all.size() > PacketRefs::kKept)
        all.resize(PacketRefs::kKept);
    into.first = std::move(all);
    into.count += other.count;
    into.latest = std::max(into.latest, other.latest);
}

} // namespace

namespace {

// One flooding host's evidence, its addresses together.
struct HostEvidence
{
    std::array<PacketRefs, FloodCauses::kKinds> kinds{};
    QHash<qsizetype, quint64> queriers; // by querier group
    QSet<QString> probed;
    quint64 fromOthers = 0;
};

bool isFlooding(const TalkerFigures &t, double threshold)
{
    const double rate =
        std::max({t.packetsPerSecond[0], t.packetsPerSecond[1], double(t.rates.peakPackets)});
    return t.rates.packets > 0 && rate >= threshold;
}

QList<FloodCause> causesOf(const HostEvidence &e, quint64 total, const HostGroups &hosts,
                           const QSet<qsizetype> &floodingGroups)
{
    using Kind = FloodCauses::Kind;
    const auto share = [total](quint64 n) { return 100.0 * double(n) / double(total); };
    QList<std::pair<quint64, FloodCause>> found;
    for (int k = 0; k < FloodCauses::kKinds; ++k) {
        const PacketRefs &refs = e.kinds[size_t(k)];
        if (refs.count < kMinEvidence || double(refs.count) < kMinShare * double(total))
            continue;
        const Kind kind = Kind(k);
        const QString n = QString::number(refs.count);
        const QString pct = QString::number(share(refs.count), 'f', 0);
        QString text;
        switch (kind) {
        case Kind::Reflection:
            text = u"%1 packets (%2 %) are copies of payloads sent within the second before: "
                   "%3 of another host's (a reflector), the rest its own (a loop)"_s.arg(
                       n, pct, QString::number(std::min(e.fromOthers, refs.count)));
            break;
        case Kind::Copies:
            text = u"%1 responses (%2 %) are copies of one it sent within the second before on "
                   "another interface or address family"_s.arg(n, pct);
            break;
        case Kind::ProbeStorm:
            text = u"%1 packets (%2 %) are probes, for %3 names: a probe or rename storm"_s.arg(
                n, pct,
                e.probed.size() >= kMaxProbedNames ? u"%1 or more"_s.arg(kMaxProbedNames)
                                                   : QString::number(e.probed.size()));
            break;
        case Kind::Requery:
            text = u"%1 queries (%2 %) ask a question again after less than 1 s or at an "
                   "interval that does not grow (RFC 6762 §5.2 wants it doubled)"_s.arg(n, pct);
            break;
        case Kind::ShortTtl:
            text = u"%1 responses (%2 %) refresh records with TTLs of %3 s or less over and "
                   "over"_s.arg(n, pct, QString::number(FloodCauses::kShortTtl));
            break;
        case Kind::Querier: {
            qsizetype busiest = -1;
            quint64 most = 0;
            for (auto it = e.queriers.cbegin(); it != e.queriers.cend(); ++it) {
                if (it.value() > most || (it.value() == most && it.key() < busiest)) {
                    busiest = it.key();
                    most = it.value();
                }
            }
            // Mostly one querier, itself above the threshold: else these are answers to many,
            // or to one that asks little, not a flood's cause.
            if (busiest < 0 || 2 * most < refs.count || !floodingGroups.contains(busiest))
                continue;
            const QString who = hosts.hostName(busiest).isEmpty()
                                    ? hosts.address(busiest).toString()
                                    : hosts.hostName(busiest);
            text = u"%1 responses (%2 %) answer a question another host asked within 1 s, %3 of "
                   "them of %4: it answers every query of a busy querier"_s.arg(
                       n, pct, QString::number(most), who);
            break;
        }
        }
        found.append({refs.count, FloodCause{FloodCauses::kindId(kind), text, refs}});
    }
    std::stable_sort(found.begin(), found.end(),
                     [](const auto &a, const auto &b) { return a.first > b.first; });
    QList<FloodCause> out;
    for (auto &f : found)
        out.append(std::move(f.second));
    return out;
}

} // namespace

void FloodCauses::describe(QList<TalkerFigures> &talkers, const HostGroups &hosts,
                           double threshold) const
{
    QHash<qsizetype, qsizetype> rowOf; // by host group
    QSet<qsizetype> floodingGroups;
    for (qsizetype r = 0; r < talkers.size(); ++r) {
        TalkerFigures &t = talkers[r];
        t.copies = 0;
        t.causes.clear();
        if (t.host < 0)
            continue;
        rowOf.insert(t.host, r);
        if (isFlooding(t, threshold))
            floodingGroups.insert(t.host);
    }
    // One pass over the addresses: the copies of every host, the evidence of the flooding ones.
    QHash<qsizetype, HostEvidence> flooding; // by row
    for (qsizetype i = 0; i < m_perAddress.size() && i < hosts.size(); ++i) {
        const auto row = rowOf.constFind(hosts.group(i));
        if (row == rowOf.cend())
            continue;
        const PerAddress &p = m_perAddress.at(i);
        TalkerFigures &t = talkers[row.value()];
        t.copies += p.kinds[size_t(Kind::Copies)].count;
        if (!isFlooding(t, threshold))
            continue;
        HostEvidence &e = flooding[row.value()];
        for (int k = 0; k < kKinds; ++k)
            mergeRefs(e.kinds[size_t(k)], p.kinds[size_t(k)]);
        for (auto it = p.queriers.cbegin(); it != p.queriers.cend(); ++it)
            e.queriers[hosts.group(it.key())] += it.value();
        e.probed.unite(p.probedNames);
        e.fromOthers += p.reflectedFromOthers;
    }
    for (auto it = flooding.cbegin(); it != flooding.cend(); ++it) {
        TalkerFigures &t = talkers[it.key()];
        t.causes = causesOf(it.value(), t.rates.packets, hosts, floodingGroups);
    }
}

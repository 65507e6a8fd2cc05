#include "BehaviourModel.h"

#include "DirectoryNames.h"
#include "DnsMessage.h"
#include "Packet.h"
#include "SequenceState.h"

#include <QHash>

#include <algorithm>
#include <utility>

BehaviourModel::BehaviourModel()
    : BehaviourModel(Limits{})
{}

BehaviourModel::BehaviourModel(const Limits &limits)
    : m_hosts(limits.maxAddresses)
    , m_latency(limits.latency)
    , m_talkers(limits.maxServiceTypes)
    , m_events(limits.events)
    , m_floodThreshold(limits.floodThreshold)
{}

void BehaviourModel::add(const Packet &packet, const DnsMessage &message, quint64 number,
                         const ConformanceChecker *checker)
{
    if (BehaviourTime::clamp(packet.timestampNs) != packet.timestampNs) {
        Packet clamped = packet; // a hostile time: every tracker sees the clamped one
        clamped.timestampNs = BehaviourTime::clamp(packet.timestampNs);
        add(clamped, message, number, checker);
        return;
    }
    if (m_firstNs == 0)
        m_firstNs = packet.timestampNs;
    m_nowNs = std::max(m_nowNs, packet.timestampNs);
    m_dirty = true;
    const qsizetype sender = m_hosts.indexOf(packet.source);
    const bool probe = Sequence::isProbe(message);
    if (message.isResponse() || probe) {
        // The host's own addresses (DeviceBook's rule): A/AAAA records per name (a probe's
        // proposed ones).
        QHash<QString, QList<IpAddress>> byName;
        for (const DnsRecord &r : message.records) {
            if (probe && r.section != DnsSection::Authority)
                continue;
            if (r.type == DnsType::A && r.address.size() == 4) {
                const auto *b = reinterpret_cast<const uchar *>(r.address.constData());
                byName[DirectoryNames::key(r.name)].append(IpAddress::fromV4(
                    quint32(b[0]) << 24 | quint32(b[1]) << 16 | quint32(b[2]) << 8 | b[3]));
            } else if (r.type == DnsType::AAAA && r.address.size() == 16) {
                byName[DirectoryNames::key(r.name)].append(
                    IpAddress::fromV6(reinterpret_cast<const quint8 *>(r.address.constData())));
            }
        }
        for (auto it = byName.cbegin(); it != byName.cend(); ++it)
            m_hosts.noteHostAddresses(packet.source, it.key(), it.value(), packet.timestampNs,
                                      probe);
    }
    m_latency.add(packet.timestampNs, sender, message, m_hosts);
    m_talkers.add(packet.timestampNs, sender, packet.data,
                  quint64(std::max<qint64>(packet.originalLength, packet.data.size())), message);
    m_events.add(packet.timestampNs, number, sender, message, m_hosts, checker);
    m_causes.add(packet, message, sender, number, m_hosts);
}

void BehaviourModel::advanceTo(qint64 nowNs, const ConformanceChecker *checker)
{
    nowNs = BehaviourTime::clamp(nowNs);
    if (nowNs > m_nowNs) {
        m_nowNs = nowNs;
        m_dirty = true;
    }
    m_latency.advanceTo(nowNs);
    m_talkers.advanceTo(nowNs);
    m_events.advanceTo(nowNs, m_hosts, checker);
}

void BehaviourModel::finish(const ConformanceChecker *checker)
{
    m_latency.finish();
    m_events.finish(m_hosts, checker);
    m_dirty = true;
}

void BehaviourModel::clear()
{
    m_hosts.clear();
    m_latency.clear();
    m_talkers.clear();
    m_events.clear();
    m_causes.clear();
    m_laneNames.clear();
    m_nowNs = 0;
    m_firstNs = 0;
    m_dirty = false;
    m_reset = true;
}

HostLane BehaviourModel::lane(qsizetype group) const
{
    HostLane lane;
    if (group < 0 || group >= m_hosts.size())
        return lane;
    lane.id = qint32(m_hosts.group(group));
    lane.hostName = m_hosts.hostName(lane.id);
    lane.addresses = m_hosts.addressesOf(lane.id);
    return lane;
}

BehaviourModel::Talker BehaviourModel::linkTalker() const
{
    return talker(QString(), m_talkers.link());
}

BehaviourChanges BehaviourModel::takeChanges(qsizetype maxTalkers)
{
    BehaviourChanges out;
    out.reset = std::exchange(m_reset, false);
    out.nowNs = m_nowNs;
    out.events = m_events.takeEvents();
    out.droppedEvents = m_events.dropped();
    // Lanes: every group whose label changed since it was last handed out (a new host, or a
    // host that announced its name or joined another address).
    for (qsizetype i = 0; m_hosts.version() != m_lanesVersion && i < m_hosts.size(); ++i) {
        if (m_hosts.group(i) != i)
            continue;
        HostLane l = lane(i);
        QString key = l.label() + QString::number(l.addresses.size());
        auto known = m_laneNames.find(i);
        if (known != m_laneNames.end() && known.value() == key)
            continue;
        m_laneNames.insert(i, std::move(key));
        out.lanes.append(std::move(l));
    }
    m_lanesVersion = m_hosts.version();
    if (std::exchange(m_dirty, false)) {
        out.hasLatency = true;
        out.overall = overall();
        out.responders = responders();
        out.hasTalkers = true;
        out.hostTalkers = hostTalkers();
        if (out.hostTalkers.size() > maxTalkers)
            out.hostTalkers.resize(maxTalkers);
        out.serviceTypeTalkers = serviceTypeTalkers();
        if (out.serviceTypeTalkers.size() > maxTalkers)
            out.serviceTypeTalkers.resize(maxTalkers);
        out.link = linkTalker();
        out.captureStartNs = m_firstNs;
    }
    return out;
}

QList<BehaviourModel::Responder> BehaviourModel::responders() const
{
    QHash<qsizetype, qsizetype> rowOf;
    QList<Responder> rows;
    const QList<LatencyTracker::Stats> &per = m_latency.perAddress();
    for (qsizetype i = 0; i < per.size(); ++i) {
        if (per.at(i).isEmpty())
            continue;
        const qsizetype g = m_hosts.group(i);
        auto at = rowOf.constFind(g);
        if (at == rowOf.cend()) {
            at = rowOf.insert(g, rows.size());
            rows.append(Responder{m_hosts.hostName(g), m_hosts.addressesOf(g), {}});
        }
        rows[at.value()].stats.merge(per.at(i));
    }
    const auto answers = [](const Responder &r) {
        quint64 n = 0;
        for (const auto &f : r.stats.kinds)
            n += f.answered();
        return n;
    };
    std::stable_sort(rows.begin(), rows.end(), [&](const Responder &a, const Responder &b) {
        if (answers(a) != answers(b))
            return answers(a) > answers(b);
        return a.addresses.value(0).toString() < b.addresses.value(0).toString();
    });
    return rows;
}

LatencyTracker::Stats BehaviourModel::overall() const
{
    LatencyTracker::Stats out;
    for (const LatencyTracker::Stats &s : m_latency.perAddress()) {
        for (int k = 0; k < LatencyTracker::kKinds; ++k) {
            out.kinds[size_t(k)].histogram.merge(s.kinds[size_t(k)].histogram);
            for (size_t b = 0; b < out.kinds[size_t(k)].bands.size(); ++b)
                out.kinds[size_t(k)].bands[b] += s.kinds[size_t(k)].bands[b];
        }
    }
    for (int k = 0; k < LatencyTracker::kKinds; ++k) {
        const LatencyTracker::Figures &q = m_latency.questions().kinds[size_t(k)];
        out.kinds[size_t(k)].unanswered = q.unanswered;
        out.kinds[size_t(k)].suppressed = q.suppressed;
        out.kinds[size_t(k)].answeredQuestions = q.answeredQuestions;
    }
    return out;
}

BehaviourModel::Talker BehaviourModel::talker(QString label,
                                              const TalkerTracker::Rates &rates) const
{
    Talker t;
    t.label = std::move(label);
    t.rates = rates;
    const qint64 now = m_talkers.nowSecond();
    for (size_t w = 0; w < TalkerTracker::kWindows.size(); ++w) {
        const int window = TalkerTracker::kWindows[w];
        t.packetsPerSecond[w] = m_talkers.perSecond(rates.packetsIn(now, window), window);
        t.bytesPerSecond[w] = m_talkers.perSecond(rates.bytesIn(now, window), window);
    }
    const quint64 all = m_talkers.link().packets;
    t.share = all ? double(rates.packets) / double(all) : 0.0;
    return t;
}

void BehaviourModel::sortTalkers(QList<Talker> &talkers)
{
    std::stable_sort(talkers.begin(), talkers.end(), [](const Talker &a, const Talker &b) {
        for (size_t w = 0; w < a.packetsPerSecond.size(); ++w) {
            if (a.packetsPerSecond[w] != b.packetsPerSecond[w])
                return a.packetsPerSecond[w] > b.packetsPerSecond[w];
        }
        if (a.rates.packets != b.rates.packets)
            return a.rates.packets > b.rates.packets;
        return a.label < b.label;
    });
}

QList<BehaviourModel::Talker> BehaviourModel::hostTalkers() const
{
    QHash<qsizetype, TalkerTracker::Rates> byGroup;
    const QList<TalkerTracker::Rates> &per = m_talkers.perAddress();
    for (qsizetype i = 0; i < per.size(); ++i) {
        if (per.at(i).packets)
            byGroup[m_hosts.group(i)].merge(per.at(i));
    }
    QList<Talker> out;
    for (auto it = byGroup.cbegin(); it != byGroup.cend(); ++it) {
        Talker t = talker(m_hosts.address(it.key()).toString(), it.value());
        t.host = qint32(it.key());
        t.hostName = m_hosts.hostName(it.key());
        t.addresses = m_hosts.addressesOf(it.key());
        out.append(std::move(t));
    }
    m_causes.describe(out, m_hosts, m_floodThreshold);
    sortTalkers(out);
    return out;
}

QList<BehaviourModel::Talker> BehaviourModel::serviceTypeTalkers() const
{
    QList<Talker> out;
    const auto &per = m_talkers.perType();
    for (auto it = per.cbegin(); it != per.cend(); ++it)
        out.append(talker(it.key(), it.value()));
    sortTalkers(out);
    return out;
}

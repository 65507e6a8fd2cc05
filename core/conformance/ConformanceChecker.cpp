#include "ConformanceChecker.h"

#include "CheckerConsumer.h"
#include "DecodedPacket.h"

#include "CheckContext.h"
#include "ConflictChecks.h"
#include "DeviceBook.h"
#include "FindingLog.h"
#include "LifetimeChecks.h"
#include "LinkChecks.h"
#include "PacketChecks.h"
#include "ProbeChecks.h"
#include "RateChecks.h"

#include <QtEndian>

#include <algorithm>
#include <vector>

namespace {
bool isMulticast(const IpAddress &a)
{
    if (a.isV4())
        return (a.v4() >> 28) == 0xE;
    return a.isV6() && a.bytes()[0] == 0xFF;
}

// Every group of checks, in the order they see a packet. LinkChecks comes first of the
// stateful ones: it works out the packet's facts the others share (Sequence::Shared), and
// marks reflected and duplicate copies, which they skip.
std::vector<std::unique_ptr<CheckModule>> makeModules(const ConformanceChecker::Limits &limits)
{
    const qsizetype max = limits.maxTracked;
    auto shared = std::make_shared<Sequence::Shared>(max);
    std::vector<std::unique_ptr<CheckModule>> modules;
    modules.push_back(std::make_unique<PacketChecks>());
    modules.push_back(std::make_unique<LinkChecks>(shared));
    modules.push_back(std::make_unique<ProbeChecks>(shared, max));
    modules.push_back(std::make_unique<ConflictChecks>(shared, max));
    modules.push_back(std::make_unique<RateChecks>(shared, max));
    modules.push_back(std::make_unique<LifetimeChecks>(shared, max));
    return modules;
}

} // namespace

class ConformanceChecker::Impl
{
public:
    explicit Impl(const Limits &l)
        : limits(l)
        , log(l.maxFindings)
        , devices(l.maxDevices)
        , modules(makeModules(l))
    {}

    Limits limits;
    FindingLog log;
    DeviceBook devices;
    std::vector<std::unique_ptr<CheckModule>> modules;
    qint64 now = 0;
    bool finished = false;
    bool scorecardChanged = true; // the first takeChanges() carries it
    quint64 lastDropped = 0;

    void noteDevice(const CheckContext &c);
    std::vector<std::pair<QString, std::vector<IpAddress>>> hostScratch; // noteDevice()'s
};

void ConformanceChecker::Impl::noteDevice(const CheckContext &c)
{
    const IpAddress &source = c.packet.source;
    const DnsMessage &m = c.message;
    devices.notePacket(source, c.packet.interfaceName);
    devices.noteExercised(source, RuleGroup::Header);
    devices.noteExercised(source, RuleGroup::PortsTtl);
    devices.noteExercised(source, RuleGroup::Rates);
    if (m.records.isEmpty() || !c.isResponse())
        return;
    devices.noteExercised(source, RuleGroup::Records);
    if (m.header.answerCount > 0)
        devices.noteExercised(source, RuleGroup::Announcing);
    // The host names this packet gives addresses for, with every address given (in a list
    // kept between packets: its entries' capacity stays).
    auto &hosts = hostScratch;
    qsizetype used = 0;
    for (const DnsRecord &r : m.records) {
        if (r.cacheFlush)
            devices.noteExercised(source, RuleGroup::Conflicts);
        if ((r.type != DnsType::A || r.address.size() != 4) &&
            (r.type != DnsType::AAAA || r.address.size() != 16))
            continue;
        const IpAddress a =
            r.type == DnsType::A
                ? IpAddress::fromV4(qFromBigEndian<quint32>(r.address.constData()))
                : IpAddress::fromV6(reinterpret_cast<const quint8 *>(r.address.constData()));
        auto it = std::find_if(hosts.begin(), hosts.begin() + used,
                               [&](const auto &h) { return h.first == r.name; });
        if (it == hosts.begin() + used) {
            if (used >= 8)
                continue;
            if (qsizetype(hosts.size()) == used)
                hosts.emplace_back();
            it = hosts.begin() + used++;
            it->first = r.name;
            it->second.clear();
        }
        if (std::find(it->second.cbegin(), it->second.cend(), a) == it->second.cend() &&
            it->second.size() < 32)
            it->second.push_back(a);
    }
    for (qsizetype i = 0; i < used; ++i)
        devices.noteHostAddresses(source, hosts[size_t(i)].first, hosts[size_t(i)].second);
}

ConformanceChecker::ConformanceChecker()
    : ConformanceChecker(Limits{})
{}

ConformanceChecker::ConformanceChecker(const Limits &limits)
    : d(std::make_unique<Impl>(limits))
{}

ConformanceChecker::~ConformanceChecker() = default;

void ConformanceChecker::add(const Packet &packet, const DnsMessage &message, quint64 number)
{
    d->now = std::max(d->now, packet.timestampNs);
    d->log.beginStep();
    CheckContext c{packet, message, number, d->log, d->devices};
    c.multicast = isMulticast(packet.destination);
    c.fromMdnsPort = packet.sourcePort == 5353;
    c.toMdnsPort = packet.destinationPort == 5353;
    d->noteDevice(c);
    // Receivers ignore a malformed message, or one with a non-zero opcode or rcode (RFC 6762
    // §18.3, §18.11): PacketChecks reports it, the rules that follow what senders do skip it.
    const bool ignored =
        message.isMalformed() || message.header.opcode != 0 || message.header.rcode != 0;
    for (const auto &module : d->modules) {
        module->add(c);
        if (ignored)
            break;
    }
}

void ConformanceChecker::advanceTo(qint64 nowNs)
{
    d->log.beginStep();
    if (nowNs <= d->now)
        return;
    d->now = nowNs;
    for (const auto &module : d->modules)
        module->advanceTo(nowNs, d->log, d->devices);
}

void ConformanceChecker::finish(qint64 endNs)
{
    d->now = std::max(d->now, endNs);
    d->log.beginStep();
    for (const auto &module : d->modules)
        module->finish(d->now, d->log, d->devices);
}

void ConformanceChecker::clear()
{
    d->log.clear();
    d->devices.clear();
    for (const auto &module : d->modules)
        module->clear();
    d->now = 0;
    d->lastDropped = 0;
}

qint64 ConformanceChecker::now() const
{
    return d->now;
}

const QList<Finding> &ConformanceChecker::findings() const
{
    return d->log.findings();
}

const QList<quint32> &ConformanceChecker::lastFindings() const
{
    return d->log.touched();
}

QList<ScorecardRow> ConformanceChecker::scorecard() const
{
    return d->devices.scorecard(d->log.findings());
}

quint64 ConformanceChecker::dropped() const
{
    return d->log.dropped();
}

std::array<quint64, 3> ConformanceChecker::countBySeverity() const
{
    std::array<quint64, 3> counts{};
    for (const Finding &f : d->log.findings())
        ++counts[int(f.severity)];
    return counts;
}

qsizetype ConformanceChecker::tracked() const
{
    qsizetype most = 0;
    for (const auto &module : d->modules)
        most = std::max(most, module->tracked());
    return most;
}

bool ConformanceChecker::hasChanges() const
{
    return d->log.hasChanges() || d->devices.hasChanges() || d->log.dropped() != d->lastDropped;
}

FindingChanges ConformanceChecker::takeChanges()
{
    FindingChanges out;
    out.findings = d->log.takeChanged(&out.reset);
    // The scorecard's verdicts follow the findings, so a new or changed finding changes it.
    if (out.reset || !out.findings.isEmpty() || d->devices.hasChanges()) {
        out.scorecardChanged = true;
        out.scorecard = scorecard();
        d->devices.clearChanged();
    }
    out.dropped = d->log.dropped();
    d->lastDropped = out.dropped;
    return out;
}

const ConformanceChecker::Limits &ConformanceChecker::limits() const
{
    return d->limits;
}

// CheckerConsumer (CheckerConsumer.h): the checker's feed from a PacketPipeline.

CheckerConsumer::CheckerConsumer(ConformanceChecker &checker)
    : m_checker(checker)
{}

bool CheckerConsumer::consume(const DecodedPacket &packet)
{
    m_lastPacketNs = std::max(m_lastPacketNs, packet.packet.timestampNs);
    m_checker.add(packet.packet, packet.message, packet.number);
    return true;
}

bool CheckerConsumer::finish()
{
    m_checker.finish(m_lastPacketNs);
    return true;
}

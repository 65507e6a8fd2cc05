#include "ConflictChecks.h"

#include "DirectoryNames.h"
#include "DnsDecoder.h"

#include <algorithm>
#include <span>

using namespace Sequence;

namespace {
constexpr qint64 kSecond = 1'000'000'000;
constexpr qint64 kDefenseNs = 2 * kSecond; // a holder's answer to a probe comes within this
constexpr qint64 kOutcomeNs = 60 * kSecond;
constexpr qint64 kStormNs = 60 * kSecond;
constexpr int kStormClaims = 3;
constexpr qsizetype kMaxOpen = 64;
constexpr qint64 kLostNs = 3 * kSecond; // a prober that won announces within this

bool sameInterface(const QString &a, const QString &b)
{
    return a.isEmpty() || b.isEmpty() || a == b;
}

// Cheap test before baseName(): a first label that ends in a digit or ")".
bool maybeSuffixed(const QString &name)
{
    qsizetype end = name.indexOf(u'.');
    if (end < 0)
        end = name.size();
    if (end == 0)
        return false;
    const QChar last = name[end - 1];
    return last.isDigit() || last == u')';
}
} // namespace

ConflictChecks::ConflictChecks(std::shared_ptr<Shared> shared, qsizetype maxTracked)
    : m_shared(std::move(shared))
    , m_claims(maxTracked)
    , m_probes(maxTracked)
    , m_chains(maxTracked)
{}

void ConflictChecks::clear()
{
    m_claims.clear();
    m_probes.clear();
    m_chains.clear();
    m_open.clear();
    m_pending.clear();
    m_multiHomed.clear();
}

// The packet's claims, formed in m_scratch (its claims and their lists keep their capacity
// between packets; a stored claim shares a list only when it changed, see store()).
qsizetype ConflictChecks::claimsOf(const CheckContext &c, const PacketFacts &facts, bool probe)
{
    QList<Claim> &claims = m_scratch;
    QList<QString> &keys = m_scratchKeys;
    keys.clear();
    qsizetype used = 0;
    const DnsMessage &m = c.message;
    for (qsizetype i = 0; i < m.records.size(); ++i) {
        const DnsRecord &r = m.records[i];
        if (r.type == DnsType::OPT || r.type == DnsType::NSEC)
            continue;
        if (probe ? r.section != DnsSection::Authority
                  : (r.section == DnsSection::Authority || !r.cacheFlush || r.ttl == 0))
            continue;
        const QString &key = facts.recordNames[i];
        qsizetype at = 0;
        while (at < used && !(keys[at] == key && claims[at].type == r.type))
            ++at;
        if (at == used) {
            if (used >= 64)
                continue;
            if (claims.size() == used)
                claims.emplace_back();
            Claim &claim = claims[used++];
            claim.source = c.packet.source;
            claim.interfaceName = c.packet.interfaceName;
            claim.name = r.name;
            claim.type = r.type;
            claim.rdata.clear();
            claim.records.clear();
            if (claim.hostAddresses != facts.addresses) {
                claim.hostAddresses.clear();
                claim.hostAddresses.append(facts.addresses.cbegin(), facts.addresses.cend());
            }
            claim.packet = c.number;
            claim.timeNs = c.time();
            claim.expiresNs = c.time() + qint64(r.ttl) * kSecond;
            claim.probe = probe;
            claim.reported = false;
            keys.append(key);
        }
        Claim &claim = claims[at];
        const QByteArray &data = facts.rdataKeys[i];
        if (!claim.rdata.contains(data) && claim.rdata.size() < 32) {
            claim.rdata.append(data);
            claim.records.append(r); // shared copies; their text is written only if reported
        }
        claim.expiresNs = std::min(claim.expiresNs, c.time() + qint64(r.ttl) * kSecond);
    }
    for (qsizetype i = 0; i < used; ++i)
        std::sort(claims[i].rdata.begin(), claims[i].rdata.end());
    return used;
}

namespace {
// The records read the same in a conflict's sentence (recordText: type and rdata, names in
// rdata as heard).
bool sameRecords(const QList<DnsRecord> &a, const QList<DnsRecord> &b)
{
    if (a.size() != b.size())
        return false;
    for (qsizetype i = 0; i < a.size(); ++i) {
        if (a[i].type != b[i].type || a[i].rrclass != b[i].rrclass || a[i].target != b[i].target ||
            a[i].rdata != b[i].rdata)
            return false;
    }
    return true;
}
} // namespace

// `to = from`, with the lists assigned only when they differ: a sender refreshing its claim
// leaves the packet's scratch claim unshared, so forming the next one allocates nothing.
void ConflictChecks::store(Claim &to, const Claim &from)
{
    to.source = from.source;
    to.interfaceName = from.interfaceName;
    to.name = from.name;
    to.type = from.type;
    if (to.rdata != from.rdata)
        to.rdata = from.rdata;
    if (!sameRecords(to.records, from.records))
        to.records = from.records;
    if (to.hostAddresses != from.hostAddresses)
        to.hostAddresses = from.hostAddresses;
    to.packet = from.packet;
    to.timeNs = from.timeNs;
    to.expiresNs = from.expiresNs;
    to.probe = from.probe;
    to.reported = from.reported;
}

bool ConflictChecks::sameHost(const Claim &a, const Claim &b)
{
    if (a.source == b.source || a.hostAddresses.contains(b.source) ||
        b.hostAddresses.contains(a.source))
        return true;
    joinAddresses(a);
    joinAddresses(b);
    if (m_multiHomed.same(a.source, b.source))
        return true;
    // One host on several links (MultiHomed's rule).
    if (!MultiHomed::areCopies({a.source, a.hostAddresses, a.timeNs, a.probe},
                               {b.source, b.hostAddresses, b.timeNs, b.probe}))
        return false;
    m_multiHomed.join(a.source, b.source);
    return true;
}

// A packet that gives its own address among its host name's addresses shows them all to be
// one host.
void ConflictChecks::joinAddresses(const Claim &c)
{
    if (!MultiHomed::selfAddressed(c.source, c.hostAddresses))
        return;
    for (const IpAddress &a : c.hostAddresses)
        m_multiHomed.join(c.source, a);
}

void ConflictChecks::add(const CheckContext &c)
{
    const PacketFacts &facts = m_shared->facts;
    if (facts.skip)
        return;
    const DnsMessage &m = c.message;
    const bool probe = isProbe(m);
    if (!probe && (!c.isResponse() || c.isLegacyResponse()))
        return;
    // Goodbyes end their sender's claim.
    if (!probe) {
        for (qsizetype i = 0; i < m.records.size(); ++i) {
            const DnsRecord &r = m.records[i];
            if (r.ttl != 0 || r.section == DnsSection::Authority)
                continue;
            const NameType k{facts.recordNames[i], r.type};
            const Claim *held = m_claims.find(k);
            if (held && held->source == c.packet.source)
                m_claims.remove(k);
        }
    }
    const qsizetype count = claimsOf(c, facts, probe);
    const std::span<const Claim> claims(m_scratch.constData(), size_t(count));
    if (!m_pending.isEmpty()) {
        settlePending(c.log, c.time());
        for (const Claim &claim : claims) {
            const QString key = DirectoryNames::key(claim.name);
            const QString base = baseName(claim.name).base;
            // The prober announces the name it probed: it did not lose; the announcement is
            // judged on its own.
            if (!probe) {
                m_pending.removeIf([&](const Pending &p) {
                    return p.prober.source == claim.source && p.prober.type == claim.type &&
                           DirectoryNames::key(p.prober.name) == key;
                });
            }
            settlePending(c.log, c.time(), &claim.source, base, key);
        }
    }
    QList<QString> &names = m_names; // kept for its capacity
    names.clear();
    for (const Claim &claim : claims) {
        judge(c, claim);
        if (!names.contains(claim.name, Qt::CaseInsensitive))
            names.append(claim.name);
    }
    for (const QString &name : std::as_const(names)) {
        if (!m_open.isEmpty())
            followUp(c, name, probe);
        if (maybeSuffixed(name))
            noteRename(c, name);
    }
}

void ConflictChecks::judge(const CheckContext &c, const Claim &mine)
{
    const NameType k{m_shared->nameKeys.key(mine.name), mine.type};
    const auto against = [&](const Claim &other) {
        return !sameHost(other, mine) && sameInterface(other.interfaceName, mine.interfaceName) &&
               other.rdata != mine.rdata;
    };
    if (mine.probe) {
        Claim probe = mine;
        const Claim *held = m_claims.find(k);
        if (held && held->expiresNs > c.time() && against(*held)) {
            addPending(mine, *held);
            probe.reported = true;
        }
        m_probes[k] = std::move(probe);
        return;
    }
    // The holder answers a probe already found to meet its claim: a packet of its side.
    for (Pending &p : m_pending) {
        if (p.holder.source == mine.source && p.prober.type == mine.type &&
            DirectoryNames::key(p.prober.name) == k.name && p.defences.size() < 16 &&
            !p.defences.contains(mine.packet))
            p.defences.append(mine.packet);
    }
    // A holder answering a probe that proposed other data: the prober is the newcomer.
    if (Claim *probe = m_probes.find(k)) {
        if (!probe->reported && c.time() - probe->timeNs <= kDefenseNs && against(*probe)) {
            probe->reported = true;
            addPending(*probe, mine);
        }
    }
    const Claim *held = m_claims.find(k);
    if (held && held->expiresNs > c.time() && !sameHost(*held, mine) &&
        sameInterface(held->interfaceName, mine.interfaceName)) {
        if (held->rdata != mine.rdata) {
            const Claim holder = *held;
            reportConflict(c.log, c.time(), c.number, mine, holder);
        }
        return; // the name stays with its first holder while its claim lives
    }
    store(m_claims[k], mine);
}

void ConflictChecks::reportConflict(FindingLog &log, qint64 timeNs, quint64 packet,
                                    const Claim &newcomer, const Claim &holder)
{
    const QString what = newcomer.name + u" (" + DnsDecoder::typeName(newcomer.type) + u')';
    Finding *f =
        report(log, Rule::Conflict, Severity::Error, timeNs, newcomer.source, newcomer.name,
               newcomer.packet,
               newcomer.probe
                   ? QT_TRANSLATE_NOOP("Conformance",
                                       "%1 probes for %2 with %3, but %4 already holds it with %5")
                   : QT_TRANSLATE_NOOP("Conformance",
                                       "%1 claims %2 with %3, but %4 already claims it with %5"),
               {newcomer.source.toString(), what, textOf(newcomer), holder.source.toString(),
                textOf(holder)});
    if (!f)
        return;
    if (!f->otherPackets.first.contains(holder.packet))
        f->otherPackets.add(holder.packet);
    if (f->count != 1)
        return;
    f->otherSource = holder.source;
    if (m_open.size() >= kMaxOpen)
        m_open.removeFirst();
    m_open.append({newcomer.source, holder.source, newcomer.name,
                   DirectoryNames::key(newcomer.name), baseName(newcomer.name).base, timeNs, packet,
                   newcomer.probe, false});
}

QString ConflictChecks::textOf(const Claim &claim)
{
    QStringList texts;
    for (const DnsRecord &r : claim.records)
        texts.append(recordText(r));
    return texts.join(u", ");
}

void ConflictChecks::addPending(const Claim &prober, const Claim &holder)
{
    if (m_pending.size() >= kMaxOpen)
        m_pending.removeFirst();
    m_pending.append({prober, holder, {}});
}

void ConflictChecks::settlePending(FindingLog &log, qint64 nowNs, const IpAddress *renamedBy,
                                   const QString &base, const QString &nameKey)
{
    for (qsizetype i = 0; i < m_pending.size();) {
        const Pending &p = m_pending[i];
        const bool lost = nowNs - p.prober.timeNs >= kLostNs;
        const bool renamed = renamedBy && *renamedBy == p.prober.source &&
                             baseName(p.prober.name).base == base &&
                             DirectoryNames::key(p.prober.name) != nameKey;
        if (!lost && !renamed) {
            ++i;
            continue;
        }
        const Pending settled = m_pending.takeAt(i);
        reportConflict(log, settled.prober.timeNs, settled.prober.packet, settled.prober,
                       settled.holder);
        if (Finding *f = log.find(Rule::Conflict, Severity::Error, settled.prober.source,
                                  settled.prober.name)) {
            for (const quint64 packet : settled.defences) {
                if (!f->otherPackets.first.contains(packet))
                    f->otherPackets.add(packet);
            }
            log.markChanged(*f);
        }
    }
}

void ConflictChecks::advanceTo(qint64 nowNs, FindingLog &log, DeviceBook &devices)
{
    Q_UNUSED(devices);
    if (!m_pending.isEmpty())
        settlePending(log, nowNs);
}

void ConflictChecks::followUp(const CheckContext &c, const QString &name, bool probe)
{
    const IpAddress &source = c.packet.source;
    QString base;
    QString key;
    for (qsizetype i = 0; i < m_open.size();) {
        Open &o = m_open[i];
        if (c.time() - o.timeNs > kOutcomeNs) {
            m_open.removeAt(i);
            continue;
        }
        if (o.packet == c.number || (source != o.newcomer && source != o.holder)) {
            ++i;
            continue;
        }
        if (base.isEmpty()) {
            base = baseName(name).base;
            key = DirectoryNames::key(name);
        }
        Finding *f = base == o.base
                         ? c.log.find(Rule::Conflict, Severity::Error, o.newcomer, o.name)
                         : nullptr;
        if (!f) {
            ++i;
            continue;
        }
        const QStringList claimed = f->message.args.mid(0, 5);
        if (key != o.nameKey) {
            f->message = FindingText{
                o.byProbe ? QT_TRANSLATE_NOOP("Conformance",
                                              "%1 probes for %2 with %3, but %4 already holds it "
                                              "with %5; then %6 took the new name %7")
                          : QT_TRANSLATE_NOOP("Conformance",
                                              "%1 claims %2 with %3, but %4 already claims it "
                                              "with %5; then %6 took the new name %7"),
                claimed + QStringList{source.toString(), name}};
            c.log.markChanged(*f);
            m_open.removeAt(i);
            continue;
        }
        if (probe && !o.reprobed) {
            o.reprobed = true;
            f->message = FindingText{
                o.byProbe ? QT_TRANSLATE_NOOP("Conformance",
                                              "%1 probes for %2 with %3, but %4 already holds it "
                                              "with %5; then %6 probed for it again")
                          : QT_TRANSLATE_NOOP("Conformance",
                                              "%1 claims %2 with %3, but %4 already claims it "
                                              "with %5; then %6 probed for it again"),
                claimed + QStringList{source.toString()}};
            c.log.markChanged(*f);
        }
        ++i;
    }
}

void ConflictChecks::noteRename(const CheckContext &c, const QString &name)
{
    const BaseName b = baseName(name);
    if (b.suffix == 0)
        return;
    Chain &chain = m_chains[{c.packet.source, b.base}];
    const QString key = DirectoryNames::key(name);
    if (key == chain.lastName)
        return;
    if (b.suffix <= chain.lastSuffix)
        chain.times.clear(); // not rising: a new chain
    chain.lastName = key;
    chain.lastSuffix = b.suffix;
    chain.times.append(c.time());
    while (!chain.times.isEmpty() && c.time() - chain.times.first() > kStormNs)
        chain.times.removeFirst();
    if (chain.times.size() < kStormClaims)
        return;
    c.report(Rule::RenameStorm, Severity::Error, b.base,
             QT_TRANSLATE_NOOP("Conformance",
                               "%1 claimed %2 names with rising suffixes based on %3 within a "
                               "minute (the latest %4): it keeps losing conflicts"),
             {c.packet.source.toString(), QString::number(chain.times.size()), b.base, name});
}

qsizetype ConflictChecks::tracked() const
{
    return std::max({m_claims.size(), m_probes.size(), m_chains.size(), m_open.size()});
}

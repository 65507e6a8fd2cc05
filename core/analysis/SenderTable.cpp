#include "SenderTable.h"

#include "AnalyzedBatch.h"

#include <algorithm>

using namespace Qt::StringLiterals;

namespace {

constexpr qint64 kNsPerSecond = 1'000'000'000;

qint64 secondOf(qint64 ns)
{
    // Floor division, so timestamps before 1970 (bogus files) still bucket consistently.
    return ns >= 0 ? ns / kNsPerSecond : -((-ns + kNsPerSecond - 1) / kNsPerSecond);
}

// Returns whether the name was added (not empty, not there yet, room left).
bool insertSorted(QStringList &list, const QString &name)
{
    if (name.isEmpty() || list.size() >= SenderTable::kMaxNamesPerSender)
        return false;
    const auto it = std::lower_bound(list.begin(), list.end(), name);
    if (it != list.end() && *it == name)
        return false;
    list.insert(it, name);
    return true;
}

// Host names are compared as DNS compares them: ASCII case ignored (toLower() of a name
// that is lowercase already shares it, without allocating).
QString hostKey(const QString &name)
{
    return name.toLower();
}

qsizetype slotOf(qint64 second)
{
    return qsizetype(((second % SenderInfo::kRateSeconds) + SenderInfo::kRateSeconds) %
                     SenderInfo::kRateSeconds);
}

// Everything `from` counted, added to `into`. Each bucket keeps its newest second (packets
// come in time order, so that is the second adding them one by one would have left).
void combine(SenderInfo &into, const SenderInfo &from)
{
    for (const SenderAddress &a : from.addresses)
        into.addresses.insert(std::upper_bound(into.addresses.begin(), into.addresses.end(), a,
                                               [](const SenderAddress &x, const SenderAddress &y) {
                                                   return x.heard < y.heard;
                                               }),
                              a);
    into.packets += from.packets;
    into.bytes += from.bytes;
    into.firstSeenNs = std::min(into.firstSeenNs, from.firstSeenNs);
    into.lastSeenNs = std::max(into.lastSeenNs, from.lastSeenNs);
    for (const QString &name : from.hostNames)
        insertSorted(into.hostNames, name);
    for (const QString &name : from.serviceInstances)
        insertSorted(into.serviceInstances, name);
    into.ttlNot255 += from.ttlNot255;
    into.malformed += from.malformed;
    for (size_t i = 0; i < into.bucketSeconds.size(); ++i) {
        if (from.bucketCounts[i] == 0)
            continue;
        if (into.bucketCounts[i] == 0 || from.bucketSeconds[i] > into.bucketSeconds[i]) {
            into.bucketSeconds[i] = from.bucketSeconds[i];
            into.bucketCounts[i] = from.bucketCounts[i];
        } else if (from.bucketSeconds[i] == into.bucketSeconds[i]) {
            into.bucketCounts[i] += from.bucketCounts[i];
        }
    }
}

bool isReverseOrMeta(const QString &owner)
{
    return owner.endsWith(u".in-addr.arpa"_s, Qt::CaseInsensitive) ||
           owner.endsWith(u".ip6.arpa"_s, Qt::CaseInsensitive) ||
           owner.startsWith(u"_services._dns-sd._udp."_s, Qt::CaseInsensitive);
}

// Records the sender itself claims: every section of a response; in a query only the
// authority section (probe proposals). A query's answer section holds known answers,
// i.e. other hosts' records, so it says nothing about the sender.
bool isOwnRecord(const DnsMessage &m, const DnsRecord &r)
{
    return m.isResponse() || r.section == DnsSection::Authority;
}

// An A record holding the IPv4 sender's address, or an AAAA holding the IPv6 sender's 16
// bytes (a link-local address's scope is not part of either).
bool isSelfAddressed(const DnsRecord &r, const IpAddress &sender)
{
    const qsizetype size = r.type == DnsType::A ? 4 : 16;
    if (r.address.size() != size || !(r.type == DnsType::A ? sender.isV4() : sender.isV6()))
        return false;
    return std::equal(r.address.cbegin(), r.address.cend(), sender.bytes().cbegin(),
                      [](char a, quint8 b) { return quint8(a) == b; });
}

} // namespace

QList<IpAddress> SenderInfo::addressList() const
{
    QList<IpAddress> list;
    list.reserve(addresses.size());
    for (const SenderAddress &a : addresses)
        list.append(a.address);
    return list;
}

QStringList SenderInfo::interfaceNames() const
{
    QStringList names;
    for (const SenderAddress &a : addresses) {
        if (!a.interfaceName.isEmpty() && !names.contains(a.interfaceName))
            names.append(a.interfaceName);
    }
    return names;
}

SenderTable::OwnNames SenderTable::ownNames(const DnsMessage &message, const IpAddress &sender)
{
    OwnNames names;
    auto claim = [&names](NameKind kind, const QString &name, bool selfAddressed = false) {
        if (!name.isEmpty())
            names.append(OwnName{kind, &name, selfAddressed});
    };
    for (const DnsRecord &r : message.records) {
        if (!isOwnRecord(message, r))
            continue;
        switch (r.type) {
        case DnsType::A:
        case DnsType::AAAA:
            claim(NameKind::HostName, r.name, isSelfAddressed(r, sender));
            break;
        case DnsType::SRV:
        case DnsType::TXT:
            claim(NameKind::ServiceInstance, r.name);
            break;
        case DnsType::PTR:
            if (!isReverseOrMeta(r.name))
                claim(NameKind::ServiceInstance, r.target);
            break;
        default:
            break;
        }
    }
    return names;
}

qsizetype SenderTable::add(const Packet &packet, const DnsMessage &message,
                           const RowRemoval &removal)
{
    qsizetype row = add(packet, message.isMalformed());
    for (const OwnName &n : ownNames(message, packet.source)) {
        if (n.kind == NameKind::HostName)
            row = claimHostName(row, *n.name, n.selfAddressed, packet.source, removal);
        else
            insertSorted(m_senders[row].serviceInstances, *n.name);
    }
    return row;
}

qsizetype SenderTable::add(const Packet &packet, bool malformed)
{
    qsizetype row = m_rows.value(packet.source, -1);
    if (row < 0) {
        row = m_senders.size();
        SenderInfo info;
        info.addresses.append(SenderAddress{packet.source, {}, m_addressesHeard++});
        info.firstSeenNs = packet.timestampNs;
        m_senders.append(info);
        m_rows.insert(packet.source, row);
    }
    SenderInfo &s = m_senders[row];
    if (!packet.interfaceName.isEmpty()) {
        // Written only when it changed: the model's texts share the list, and a write
        // would copy it for every packet.
        for (qsizetype i = 0; i < s.addresses.size(); ++i) {
            const SenderAddress &a = std::as_const(s.addresses)[i];
            if (a.address == packet.source) {
                if (a.interfaceName != packet.interfaceName)
                    s.addresses[i].interfaceName = packet.interfaceName;
                break;
            }
        }
    }
    ++s.packets;
    s.bytes += quint64(packet.data.size());
    s.firstSeenNs = std::min(s.firstSeenNs, packet.timestampNs);
    s.lastSeenNs = std::max(s.lastSeenNs, packet.timestampNs);
    m_latestNs = std::max(m_latestNs, packet.timestampNs);
    if (packet.ttl >= 0 && packet.ttl != 255)
        ++s.ttlNot255;
    if (malformed)
        ++s.malformed;

    const qint64 second = secondOf(packet.timestampNs);
    const auto slot = size_t(slotOf(second));
    if (s.bucketSeconds[slot] != second) {
        s.bucketSeconds[slot] = second;
        s.bucketCounts[slot] = 0;
    }
    ++s.bucketCounts[slot];
    return row;
}

qsizetype SenderTable::addClaims(const SenderClaims &claims, const RowRemoval &removal)
{
    qsizetype row = m_rows.value(claims.sender, -1);
    if (row < 0)
        return row;
    for (qsizetype i = 0; i < claims.hostNames.size(); ++i)
        row = claimHostName(row, claims.hostNames.at(i), claims.selfAddressed.value(i, false),
                            claims.sender, removal);
    for (const QString &name : claims.serviceInstances)
        insertSorted(m_senders[row].serviceInstances, name);
    return row;
}

qsizetype SenderTable::claimHostName(qsizetype row, const QString &name, bool selfAddressed,
                                     const IpAddress &sender, const RowRemoval &removal)
{
    QStringList &names = m_senders[row].hostNames;
    // A name the row's list cannot take is not shown, so it joins nothing either.
    if (!std::binary_search(names.cbegin(), names.cend(), name) && !insertSorted(names, name))
        return row;
    if (!selfAddressed || sender.isNull())
        return row; // announced for another address: listed only
    const QString key = hostKey(name);
    const auto it = m_hostNameClaims.find(key);
    if (it == m_hostNameClaims.end()) {
        HostNameClaim claim;
        claim.row = row;
        (sender.isV4() ? claim.v4 : claim.v6) = sender;
        m_hostNameClaims.insert(key, claim);
        return row;
    }
    HostNameClaim &claim = it.value();
    IpAddress &claimant = sender.isV4() ? claim.v4 : claim.v6;
    if (claim.contested || claimant == sender)
        return row;
    if (!claimant.isNull()) {
        claim.contested = true; // another address of this family claimed it: a conflict
        return row;
    }
    const qsizetype other = claim.row;
    if (other != row && m_senders[row].addresses.size() + m_senders[other].addresses.size() >
                            kMaxAddressesPerSender)
        return row; // the name stays with the row that claimed it first
    claimant = sender;
    if (other == row)
        return row;
    return row < other ? merge(row, other, removal) : merge(other, row, removal);
}

qsizetype SenderTable::merge(qsizetype into, qsizetype from, const RowRemoval &removal)
{
    Q_ASSERT(into < from);
    if (removal.aboutToRemove)
        removal.aboutToRemove(from);
    const SenderInfo gone = m_senders.takeAt(from);
    // Every index entry names a row that lists it (by key): the gone row's go to `into`
    // first, then the rows after it move up one, and their addresses and names follow.
    for (const QString &name : gone.hostNames) {
        auto it = m_hostNameClaims.find(hostKey(name));
        if (it != m_hostNameClaims.end() && it->row == from)
            it->row = into;
    }
    for (const SenderAddress &a : gone.addresses)
        m_rows[a.address] = into;
    for (qsizetype r = from; r < m_senders.size(); ++r) {
        for (const SenderAddress &a : std::as_const(m_senders[r].addresses))
            m_rows[a.address] = r;
        for (const QString &name : std::as_const(m_senders[r].hostNames)) {
            auto it = m_hostNameClaims.find(hostKey(name));
            if (it != m_hostNameClaims.end() && it->row == r + 1)
                it->row = r;
        }
    }
    if (removal.removed)
        removal.removed(from);
    SenderInfo &s = m_senders[into];
    combine(s, gone);
    // A name that found no room in the merged row's list is claimed by nobody now.
    for (const QString &name : gone.hostNames) {
        if (std::binary_search(s.hostNames.cbegin(), s.hostNames.cend(), name))
            continue;
        const QString key = hostKey(name);
        auto it = m_hostNameClaims.find(key);
        if (it != m_hostNameClaims.end() && it->row == into &&
            std::none_of(s.hostNames.cbegin(), s.hostNames.cend(),
                         [&key](const QString &listed) { return hostKey(listed) == key; }))
            m_hostNameClaims.erase(it);
    }
    return into;
}

qsizetype SenderTable::rowOfHostName(const QString &name) const
{
    const auto it = m_hostNameClaims.constFind(hostKey(name));
    return it == m_hostNameClaims.cend() ? -1 : it->row;
}

bool SenderTable::isContested(const QString &name) const
{
    const auto it = m_hostNameClaims.constFind(hostKey(name));
    return it != m_hostNameClaims.cend() && it->contested;
}

void SenderTable::clear()
{
    m_senders.clear();
    m_rows.clear();
    m_hostNameClaims.clear();
    m_addressesHeard = 0;
    m_latestNs = 0;
}

double SenderTable::rate(qsizetype row, qint64 nowNs) const
{
    const SenderInfo &s = m_senders.at(row);
    const qint64 now = secondOf(nowNs);
    quint64 count = 0;
    for (int i = 0; i < SenderInfo::kRateSeconds; ++i) {
        const qint64 age = now - s.bucketSeconds[size_t(i)];
        if (age >= 0 && age < SenderInfo::kRateSeconds)
            count += s.bucketCounts[size_t(i)];
    }
    return double(count) / SenderInfo::kRateSeconds;
}

void SenderTable::add(const AnalyzedBatch &batch)
{
    for (qsizetype i = 0; i < batch.size(); ++i)
        add(batch.packets.at(i), i < batch.flags.size() && batch.isMalformed(i));
    for (const SenderClaims &claims : batch.claims)
        addClaims(claims);
}

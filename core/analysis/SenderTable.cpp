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

void insertSorted(QStringList &list, const QString &name)
{
    if (name.isEmpty() || list.size() >= SenderTable::kMaxNamesPerSender)
        return;
    const auto it = std::lower_bound(list.begin(), list.end(), name);
    if (it == list.end() || *it != name)
        list.insert(it, name);
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

} // namespace

SenderTable::OwnNames SenderTable::ownNames(const DnsMessage &message)
{
    OwnNames names;
    auto claim = [&names](NameKind kind, const QString &name) {
        if (!name.isEmpty())
            names.append(OwnName{kind, &name});
    };
    for (const DnsRecord &r : message.records) {
        if (!isOwnRecord(message, r))
            continue;
        switch (r.type) {
        case DnsType::A:
        case DnsType::AAAA:
            claim(NameKind::HostName, r.name);
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

qsizetype SenderTable::add(const Packet &packet, const DnsMessage &message)
{
    const qsizetype row = add(packet, message.isMalformed());
    SenderInfo &s = m_senders[row];
    for (const OwnName &n : ownNames(message))
        insertSorted(n.kind == NameKind::HostName ? s.hostNames : s.serviceInstances, *n.name);
    return row;
}

qsizetype SenderTable::add(const Packet &packet, bool malformed)
{
    qsizetype row = m_rows.value(packet.source, -1);
    if (row < 0) {
        row = m_senders.size();
        SenderInfo info;
        info.address = packet.source;
        info.firstSeenNs = packet.timestampNs;
        m_senders.append(info);
        m_rows.insert(packet.source, row);
    }
    SenderInfo &s = m_senders[row];
    if (!packet.interfaceName.isEmpty())
        s.interfaceName = packet.interfaceName;
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
    const auto slot = size_t(((second % SenderInfo::kRateSeconds) + SenderInfo::kRateSeconds) %
                             SenderInfo::kRateSeconds);
    if (s.bucketSeconds[slot] != second) {
        s.bucketSeconds[slot] = second;
        s.bucketCounts[slot] = 0;
    }
    ++s.bucketCounts[slot];
    return row;
}

void SenderTable::addClaims(const SenderClaims &claims)
{
    const qsizetype row = m_rows.value(claims.sender, -1);
    if (row < 0)
        return;
    SenderInfo &s = m_senders[row];
    for (const QString &name : claims.hostNames)
        insertSorted(s.hostNames, name);
    for (const QString &name : claims.serviceInstances)
        insertSorted(s.serviceInstances, name);
}

void SenderTable::clear()
{
    m_senders.clear();
    m_rows.clear();
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

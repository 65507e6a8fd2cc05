#include "DirectoryStore.h"

#include "TxtRecord.h"

#include "DnsMessage.h"

#include <algorithm>
#include <tuple>

using DirectoryStore::Rec;
using DirectoryStore::Role;

namespace {

bool addressLess(const IpAddress &a, const IpAddress &b)
{
    return std::tuple(a.family(), a.bytes()) < std::tuple(b.family(), b.bytes());
}

void sortUnique(QList<IpAddress> &list)
{
    std::sort(list.begin(), list.end(), addressLess);
    list.erase(std::unique(list.begin(), list.end()), list.end());
}

void sortUnique(QStringList &list)
{
    list.sort();
    list.removeDuplicates();
}

// Live first, then the one heard last; a replaced record only when nothing else is left.
int best(const QList<int> &ids, const std::vector<Rec> &recs)
{
    int chosen = -1;
    const auto rank = [&recs](int id) {
        const RecordInfo &i = recs[size_t(id)].info;
        return std::tuple(i.state != RecordState::Replaced, i.state == RecordState::Live,
                          recs[size_t(id)].announced, i.lastHeardNs);
    };
    for (const int id : ids) {
        if (chosen < 0 || rank(chosen) < rank(id))
            chosen = id;
    }
    return chosen;
}

RecordState derivedState(const QList<int> &ids, const std::vector<Rec> &recs)
{
    bool announced = false;
    qint64 gone = -1;
    RecordState state = RecordState::KnownAnswerOnly;
    for (const int id : ids) {
        const Rec &x = recs[size_t(id)];
        if (x.info.state == RecordState::Live)
            return RecordState::Live;
        announced = announced || x.announced;
        if (x.announced && x.info.goneNs > gone && x.info.state != RecordState::Replaced) {
            gone = x.info.goneNs;
            state = x.info.state;
        }
    }
    return announced && state == RecordState::KnownAnswerOnly ? RecordState::Expired : state;
}

} // namespace

int ServiceDirectory::Impl::currentSrv(const QString &key) const
{
    QList<int> ids = byOwner.value(key);
    ids.removeIf([this](int id) { return rec(id).role != Role::InstanceSrv; });
    return best(ids, recs);
}

int ServiceDirectory::Impl::currentTxt(const QString &key) const
{
    QList<int> ids = byOwner.value(key);
    ids.removeIf([this](int id) { return rec(id).role != Role::InstanceTxt; });
    return best(ids, recs);
}

QList<HostAddress> ServiceDirectory::Impl::addressesOf(const QString &hostKey) const
{
    QList<HostAddress> out;
    for (const int id : byOwner.value(hostKey)) {
        const Rec &x = rec(id);
        if (x.info.type != DnsType::A && x.info.type != DnsType::AAAA)
            continue;
        const auto *bytes = reinterpret_cast<const quint8 *>(x.address.constData());
        const IpAddress address =
            x.info.type == DnsType::A
                ? IpAddress::fromV4(quint32(bytes[0]) << 24 | quint32(bytes[1]) << 16 |
                                    quint32(bytes[2]) << 8 | bytes[3])
                : IpAddress::fromV6(bytes);
        out.append(
            {address, x.info.interfaceName, x.info.sender, x.info.state, x.info.lastHeardNs});
    }
    std::sort(out.begin(), out.end(), [](const HostAddress &a, const HostAddress &b) {
        if (a.address != b.address)
            return addressLess(a.address, b.address);
        return std::tuple(a.interfaceName, a.claimant.bytes()) <
               std::tuple(b.interfaceName, b.claimant.bytes());
    });
    return out;
}

ServiceInstance ServiceDirectory::Impl::instanceSnapshot(const QString &key) const
{
    const DirectoryStore::Inst &inst = insts[key];
    ServiceInstance s;
    s.key = key;
    s.fullName = inst.fullName;
    s.name = inst.name;
    s.type = inst.type;
    s.domain = inst.domain;
    for (const int id : instanceRecords(key)) {
        const Rec &x = rec(id);
        s.records.append(x.info);
        if (x.role == Role::SubtypePtr)
            s.subtypes.append(x.subtype);
        if (x.announced)
            s.announcedBy.append(x.info.sender);
        if (!x.info.interfaceName.isEmpty())
            s.interfaces.append(x.info.interfaceName);
    }
    sortUnique(s.subtypes);
    sortUnique(s.announcedBy);
    sortUnique(s.interfaces);
    if (const int srv = currentSrv(key); srv >= 0) {
        const Rec &x = rec(srv);
        s.hasSrv = true;
        s.priority = x.priority;
        s.weight = x.weight;
        s.port = x.port;
        s.host = x.target;
        s.srvTtl = x.info.ttl;
        s.addresses = addressesOf(x.targetKey);
        s.addresses.removeIf([](const HostAddress &a) { return a.state == RecordState::Replaced; });
    }
    if (const int txt = currentTxt(key); txt >= 0) {
        s.hasTxt = true;
        s.txt = rec(txt).txt;
        s.txtPairs = TxtRecord::pairs(s.txt);
    }
    s.firstSeenNs = inst.firstSeenNs;
    s.lastSeenNs = inst.lastSeenNs;
    s.state = inst.state;
    s.goneNs = inst.goneNs;
    s.expiresNs = inst.expiresNs;
    s.packets = inst.packets;
    s.previousNames = inst.previousNames;
    s.renamedTo = inst.renamedTo;
    s.history = inst.history;
    return s;
}

ServiceHost ServiceDirectory::Impl::hostSnapshot(const QString &key) const
{
    const DirectoryStore::Host &host = hostMap[key];
    ServiceHost s;
    s.key = key;
    s.name = host.name;
    s.firstSeenNs = host.firstSeenNs;
    s.lastSeenNs = host.lastSeenNs;
    s.addresses = addressesOf(key);
    const QList<int> ids = hostRecords(key);
    for (const int id : ids)
        s.records.append(rec(id).info);
    QList<int> hinfo = ids;
    hinfo.removeIf([this](int id) { return rec(id).info.type != DnsType::HINFO; });
    if (const int h = best(hinfo, recs); h >= 0) {
        s.hasHinfo = true;
        s.cpu = rec(h).cpu;
        s.os = rec(h).os;
    }
    for (const int srv : srvByTarget.value(key)) {
        if (insts.contains(rec(srv).instanceKey))
            s.services.append(rec(srv).instanceKey);
    }
    sortUnique(s.services);
    // Per interface and family, what each claimant says live; two different sets conflict.
    QHash<QString, QHash<IpAddress, QList<IpAddress>>> claims;
    for (const HostAddress &a : std::as_const(s.addresses)) {
        s.claimants.append(a.claimant);
        if (a.state == RecordState::Live)
            claims[a.interfaceName + u'\n' + QString::number(int(a.address.family()))][a.claimant]
                .append(a.address);
    }
    sortUnique(s.claimants);
    for (const auto &group : std::as_const(claims)) {
        for (const QList<IpAddress> &set : group)
            s.conflict = s.conflict || set != group.cbegin().value();
    }
    QList<int> addressIds = ids;
    addressIds.removeIf([this](int id) { return rec(id).info.type == DnsType::HINFO; });
    s.state = derivedState(addressIds, recs);
    return s;
}

ServiceType ServiceDirectory::Impl::typeSnapshot(const QString &key) const
{
    const DirectoryStore::Type &t = types[key];
    ServiceType s;
    s.key = key;
    s.type = t.type;
    s.domain = t.domain;
    s.subtypes = QStringList(t.subtypes.cbegin(), t.subtypes.cend());
    s.subtypes.sort();
    s.enumerated = t.enumerated;
    s.firstSeenNs = t.firstSeenNs;
    s.lastSeenNs = t.lastSeenNs;
    return s;
}

namespace {

template<typename Map>
QStringList sortedKeys(const Map &map)
{
    QStringList keys = map.keys();
    keys.sort();
    return keys;
}

QStringList sorted(const QSet<QString> &set)
{
    QStringList list(set.cbegin(), set.cend());
    list.sort();
    return list;
}

} // namespace

QList<ServiceInstance> ServiceDirectory::instances() const
{
    QList<ServiceInstance> out;
    for (const QString &key : sortedKeys(d->insts))
        out.append(d->instanceSnapshot(key));
    return out;
}

QList<ServiceHost> ServiceDirectory::hosts() const
{
    QList<ServiceHost> out;
    for (const QString &key : sortedKeys(d->hostMap))
        out.append(d->hostSnapshot(key));
    return out;
}

QList<ServiceType> ServiceDirectory::serviceTypes() const
{
    QList<ServiceType> out;
    for (const QString &key : sortedKeys(d->types))
        out.append(d->typeSnapshot(key));
    return out;
}

std::optional<ServiceInstance> ServiceDirectory::instance(const QString &key) const
{
    if (!d->insts.contains(key))
        return std::nullopt;
    return d->instanceSnapshot(key);
}

std::optional<ServiceHost> ServiceDirectory::host(const QString &key) const
{
    if (!d->hostMap.contains(key))
        return std::nullopt;
    return d->hostSnapshot(key);
}

qsizetype ServiceDirectory::instanceCount() const
{
    return d->insts.size();
}

qsizetype ServiceDirectory::hostCount() const
{
    return d->hostMap.size();
}

bool ServiceDirectory::hasChanges() const
{
    return d->reset || !d->dirtyInstances.isEmpty() || !d->dirtyHosts.isEmpty() ||
           !d->dirtyTypes.isEmpty() || !d->removedInstances.isEmpty() ||
           !d->removedHosts.isEmpty() || !d->removedTypes.isEmpty();
}

DirectoryChanges ServiceDirectory::takeChanges()
{
    DirectoryChanges c;
    c.reset = std::exchange(d->reset, false);
    for (const QString &key : sorted(d->dirtyInstances)) {
        if (d->insts.contains(key))
            c.instances.append(d->instanceSnapshot(key));
    }
    for (const QString &key : sorted(d->dirtyHosts)) {
        if (d->hostMap.contains(key))
            c.hosts.append(d->hostSnapshot(key));
    }
    for (const QString &key : sorted(d->dirtyTypes)) {
        if (d->types.contains(key))
            c.types.append(d->typeSnapshot(key));
    }
    // A key removed and then heard again is an update of its row, not a removal.
    for (const QString &key : sorted(d->removedInstances))
        if (!d->insts.contains(key))
            c.removedInstances.append(key);
    for (const QString &key : sorted(d->removedHosts))
        if (!d->hostMap.contains(key))
            c.removedHosts.append(key);
    for (const QString &key : sorted(d->removedTypes))
        if (!d->types.contains(key))
            c.removedTypes.append(key);
    d->dirtyInstances.clear();
    d->dirtyHosts.clear();
    d->dirtyTypes.clear();
    d->removedInstances.clear();
    d->removedHosts.clear();
    d->removedTypes.clear();
    c.nowNs = d->now;
    c.evicted = evicted();
    return c;
}

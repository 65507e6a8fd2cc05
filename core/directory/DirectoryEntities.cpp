#include "DirectoryStore.h"

#include "DnsMessage.h"

#include <algorithm>
#include <tuple>

using DirectoryStore::Inst;
using DirectoryStore::Rec;
using DirectoryStore::Role;
using Kind = DirectoryNames::ServiceName::Kind;

void ServiceDirectory::Impl::classify(Rec &x) const
{
    switch (x.info.type) {
    case DnsType::PTR: {
        const auto owner = DirectoryNames::parse(x.info.name);
        if (owner.kind == Kind::Enumeration) {
            if (DirectoryNames::parse(x.target).kind == Kind::Type)
                x.role = Role::EnumerationPtr;
        } else if ((owner.kind == Kind::Type || owner.kind == Kind::Subtype) &&
                   DirectoryNames::parse(x.target).kind == Kind::Instance) {
            x.role = owner.kind == Kind::Type ? Role::InstancePtr : Role::SubtypePtr;
            x.instanceKey = x.targetKey;
            x.subtype = owner.label;
        }
        break;
    }
    case DnsType::SRV:
    case DnsType::TXT:
        if (DirectoryNames::parse(x.info.name).kind == Kind::Instance) {
            x.role = x.info.type == DnsType::SRV ? Role::InstanceSrv : Role::InstanceTxt;
            x.instanceKey = x.ownerKey;
        }
        break;
    default: // A, AAAA, HINFO
        x.role = Role::HostRecord;
    }
}

void ServiceDirectory::Impl::recordChanged(int id, qint64 t, quint64 number, bool refresh)
{
    const Rec &x = rec(id);
    const bool heard = number != 0;
    switch (x.role) {
    case Role::EnumerationPtr: {
        const auto target = DirectoryNames::parse(x.target);
        DirectoryStore::Type &type = ensureType(target.type, target.domain, heard ? t : 0);
        type.enumerated = true;
        break;
    }
    case Role::InstanceSrv:
        ensureHost(x.target, x.targetKey, heard ? t : 0);
        Q_FALLTHROUGH();
    case Role::InstancePtr:
    case Role::SubtypePtr:
    case Role::InstanceTxt: {
        // The instance is found by the key the record keeps (the name's key, as
        // ensureInstance() forms it); only a new one parses the name.
        Inst *inst = nullptr;
        if (auto it = insts.find(x.instanceKey); it != insts.end()) {
            inst = &*it;
            dirtyInstances.insert(x.instanceKey);
        } else {
            const QString fullName = x.info.type == DnsType::PTR ? x.target : x.info.name;
            inst = ensureInstance(fullName, DirectoryNames::parse(fullName), t);
        }
        if (!inst)
            break;
        if (heard) {
            inst->packets.add(number);
            inst->lastSeenNs = std::max(inst->lastSeenNs, t);
            ensureType(inst->typeKey, inst->type, inst->domain, t);
        }
        if (x.role == Role::SubtypePtr)
            ensureType(inst->typeKey, inst->type, inst->domain, heard ? t : 0)
                .subtypes.insert(x.subtype);
        if (x.role == Role::InstanceSrv && heard && x.info.state == RecordState::Live &&
            x.info.firstHeardNs == t)
            checkRename(x.instanceKey, x, t);
        deriveInstance(x.instanceKey, t, refresh && x.role != Role::InstanceTxt);
        break;
    }
    case Role::HostRecord:
        ensureHost(x.info.name, x.ownerKey, heard ? t : 0);
        if (const auto it = srvByTarget.constFind(x.ownerKey); it != srvByTarget.cend()) {
            for (const int srv : *it) // in place: a detached copy would allocate per record
                dirtyInstances.insert(rec(srv).instanceKey);
        }
        break;
    case Role::Other:
        break;
    }
}

Inst *ServiceDirectory::Impl::ensureInstance(const QString &fullName,
                                             const DirectoryNames::ServiceName &parsed, qint64 t)
{
    if (parsed.kind != Kind::Instance)
        return nullptr;
    const QString key = DirectoryNames::key(fullName);
    auto it = insts.find(key);
    if (it == insts.end()) {
        Inst inst;
        inst.fullName = fullName;
        inst.name = DirectoryNames::unescapeLabel(parsed.label);
        inst.type = parsed.type;
        inst.domain = parsed.domain;
        inst.typeKey = DirectoryNames::key(QString(parsed.type + u'.' + parsed.domain));
        inst.firstSeenNs = t;
        inst.lastSeenNs = t;
        it = insts.insert(key, inst);
        removedInstances.remove(key);
    }
    dirtyInstances.insert(key);
    return &*it;
}

DirectoryStore::Type &ServiceDirectory::Impl::ensureType(const QString &type, const QString &domain,
                                                         qint64 t)
{
    return ensureType(DirectoryNames::key(QString(type + u'.' + domain)), type, domain, t);
}

DirectoryStore::Type &ServiceDirectory::Impl::ensureType(const QString &key, const QString &type,
                                                         const QString &domain, qint64 t)
{
    auto it = types.find(key);
    if (it == types.end()) {
        DirectoryStore::Type entry;
        entry.type = type;
        entry.domain = domain;
        entry.firstSeenNs = t ? t : now;
        it = types.insert(key, entry);
        removedTypes.remove(key);
    }
    if (t)
        it->lastSeenNs = std::max(it->lastSeenNs, t);
    dirtyTypes.insert(key);
    return *it;
}

void ServiceDirectory::Impl::ensureHost(const QString &name, const QString &key, qint64 t)
{
    auto it = hostMap.find(key);
    if (it == hostMap.end()) {
        it = hostMap.insert(key, DirectoryStore::Host{name, t ? t : now, t ? t : now});
        removedHosts.remove(key);
    }
    if (t)
        it->lastSeenNs = std::max(it->lastSeenNs, t);
    dirtyHosts.insert(key);
}

QList<int> ServiceDirectory::Impl::instanceRecords(const QString &key) const
{
    QList<int> out;
    forEachInstanceRecord(key, [&out](int id) { out.append(id); });
    return out;
}

QList<int> ServiceDirectory::Impl::hostRecords(const QString &key) const
{
    QList<int> out = byOwner.value(key);
    out.removeIf([this](int id) { return rec(id).role != Role::HostRecord; });
    return out;
}

void ServiceDirectory::Impl::pushEvent(Inst &inst, const InstanceEvent &event)
{
    if (event.kind == InstanceEvent::Kind::Refreshed && !inst.history.isEmpty() &&
        inst.history.constLast().kind == InstanceEvent::Kind::Refreshed) {
        InstanceEvent &last = inst.history.last();
        if (last.lastNs != event.timeNs) { // several records of one packet: one refresh
            last.lastNs = event.timeNs;
            ++last.count;
        }
        return;
    }
    if (inst.history.size() >= ServiceInstance::kHistory)
        inst.history.remove(1); // the first announcement stays
    inst.history.append(event);
}

// Live while a PTR or SRV of it is live; else as the last of them left; hearsay while
// only queries carried them. Its history follows the transitions.
void ServiceDirectory::Impl::deriveInstance(const QString &key, qint64 t, bool refresh)
{
    auto it = insts.find(key);
    if (it == insts.end())
        return;
    Inst &inst = *it;
    // Its records (instanceRecords(), walked in place: this runs for every record heard);
    // the TXT ones count only when it has nothing else.
    bool onlyTxt = true;
    forEachInstanceRecord(key,
                          [&](int id) { onlyTxt = onlyTxt && rec(id).role == Role::InstanceTxt; });
    bool live = false, announced = false;
    qint64 expires = 0, gone = 0;
    RecordState goneState = RecordState::Expired;
    forEachInstanceRecord(key, [&](int id) {
        if (!onlyTxt && rec(id).role == Role::InstanceTxt)
            return;
        const RecordInfo &info = rec(id).info;
        announced = announced || rec(id).announced;
        if (info.state == RecordState::Live) {
            live = true;
            expires = std::max(expires, info.expiresNs);
        } else if (isGone(info.state) && info.goneNs >= gone) {
            gone = info.goneNs;
            if (info.state != RecordState::Replaced)
                goneState = info.state;
        }
    });
    const RecordState before = inst.state;
    const RecordState after = live         ? RecordState::Live
                              : !announced ? RecordState::KnownAnswerOnly
                                           : goneState;
    inst.state = after;
    inst.expiresNs = live ? expires : 0;
    inst.goneNs = live || !announced ? 0 : gone;
    using EventKind = InstanceEvent::Kind;
    if (after == RecordState::Live && before != RecordState::Live)
        pushEvent(inst, {EventKind::Announced, t, t, 1, {}, false});
    else if (after == RecordState::Live && refresh)
        pushEvent(inst, {EventKind::Refreshed, t, t, 1, {}, false});
    else if (after != before && (after == RecordState::Goodbye || after == RecordState::Expired))
        pushEvent(inst, {after == RecordState::Goodbye ? EventKind::Goodbye : EventKind::Expired,
                         inst.goneNs,
                         inst.goneNs,
                         1,
                         {},
                         false});
    dirtyInstances.insert(key);
}

// A new instance name announcing the SRV target and port of another instance of its type
// that is no longer live (a name lost in a conflict, RFC 6762 §9, or withdrawn): a rename.
void ServiceDirectory::Impl::checkRename(const QString &key, const Rec &srv, qint64 t)
{
    Inst &inst = insts[key];
    for (const int other : srvByTarget.value(srv.targetKey)) {
        const Rec &o = rec(other);
        if (o.instanceKey == key || o.port != srv.port || o.role != Role::InstanceSrv)
            continue;
        auto old = insts.find(o.instanceKey);
        if (old == insts.end() || old->typeKey != inst.typeKey || old->state == RecordState::Live ||
            !old->renamedTo.isEmpty() || inst.previousNames.contains(old->fullName))
            continue;
        old->renamedTo = inst.fullName;
        pushEvent(*old, {InstanceEvent::Kind::Renamed, t, t, 1, inst.fullName, true});
        inst.previousNames = old->previousNames;
        inst.previousNames.append(old->fullName);
        pushEvent(inst, {InstanceEvent::Kind::Renamed, t, t, 1, old->fullName, false});
        dirtyInstances.insert(o.instanceKey);
        return;
    }
}

void ServiceDirectory::Impl::dropEntitiesWithoutRecords(const QString &ownerKey,
                                                        const QString &targetKey)
{
    for (const QString &key : {ownerKey, targetKey}) {
        if (key.isEmpty())
            continue;
        if (insts.contains(key)) {
            if (instanceRecords(key).isEmpty()) {
                insts.remove(key);
                dirtyInstances.remove(key);
                removedInstances.insert(key);
                ++evictedInstances;
            } else {
                deriveInstance(key, now, false);
            }
        }
        if (hostMap.contains(key)) {
            if (hostRecords(key).isEmpty() && !srvByTarget.contains(key)) {
                hostMap.remove(key);
                dirtyHosts.remove(key);
                removedHosts.insert(key);
                ++evictedHosts;
            } else {
                dirtyHosts.insert(key);
                for (const int srv : srvByTarget.value(key))
                    dirtyInstances.insert(rec(srv).instanceKey);
            }
        }
    }
}

// Over a limit: the entries gone the longest first (hearsay counts as gone), then those heard
// least recently; a tenth more than needed, so the sorting is paid once per many inserts.
void ServiceDirectory::Impl::enforceLimits()
{
    const auto excess = [](qsizetype size, qsizetype max) {
        return size > max ? size - max + max / 10 : 0;
    };
    if (const qsizetype n = excess(recordCount, limits.maxRecords)) {
        std::vector<std::tuple<bool, qint64, int>> order;
        for (int id = 0; id < int(recs.size()); ++id) {
            const Rec &x = recs[size_t(id)];
            if (x.used)
                order.emplace_back(x.info.state == RecordState::Live,
                                   x.info.goneNs ? x.info.goneNs : x.info.lastHeardNs, id);
        }
        const qsizetype take = std::min<qsizetype>(n, qsizetype(order.size()));
        std::partial_sort(order.begin(), order.begin() + take, order.end());
        for (qsizetype i = 0; i < take; ++i)
            removeRecord(std::get<2>(order[size_t(i)]));
    }
    if (const qsizetype n = excess(insts.size(), limits.maxInstances)) {
        std::vector<std::tuple<bool, qint64, QString>> order;
        for (auto it = insts.cbegin(); it != insts.cend(); ++it)
            order.emplace_back(it->state == RecordState::Live,
                               it->goneNs ? it->goneNs : it->lastSeenNs, it.key());
        const qsizetype take = std::min<qsizetype>(n, qsizetype(order.size()));
        std::partial_sort(order.begin(), order.begin() + take, order.end());
        for (qsizetype i = 0; i < take; ++i) {
            for (const int id : instanceRecords(std::get<2>(order[size_t(i)])))
                removeRecord(id); // the last one drops the instance
        }
    }
    if (const qsizetype n = excess(hostMap.size(), limits.maxHosts)) {
        std::vector<std::pair<qint64, QString>> order;
        for (auto it = hostMap.cbegin(); it != hostMap.cend(); ++it)
            order.emplace_back(it->lastSeenNs, it.key());
        const qsizetype take = std::min<qsizetype>(n, qsizetype(order.size()));
        std::partial_sort(order.begin(), order.begin() + take, order.end());
        for (qsizetype i = 0; i < take; ++i) {
            const QString &key = order[size_t(i)].second;
            for (const int id : hostRecords(key))
                removeRecord(id);
            if (hostMap.remove(key)) {
                dirtyHosts.remove(key);
                removedHosts.insert(key);
                ++evictedHosts;
            }
        }
    }
    if (const qsizetype n = excess(types.size(), limits.maxTypes)) {
        std::vector<std::pair<qint64, QString>> order;
        for (auto it = types.cbegin(); it != types.cend(); ++it)
            order.emplace_back(it->lastSeenNs, it.key());
        const qsizetype take = std::min<qsizetype>(n, qsizetype(order.size()));
        std::partial_sort(order.begin(), order.begin() + take, order.end());
        for (qsizetype i = 0; i < take; ++i) {
            types.remove(order[size_t(i)].second);
            dirtyTypes.remove(order[size_t(i)].second);
            removedTypes.insert(order[size_t(i)].second);
            ++evictedTypes;
        }
    }
}

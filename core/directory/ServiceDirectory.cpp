#include "ServiceDirectory.h"

#include "DirectoryStore.h"

#include "DnsDecoder.h"
#include "DnsMessage.h"
#include "Packet.h"

#include <algorithm>
#include <climits>

using DirectoryStore::kSecondNs;
using DirectoryStore::Rec;

namespace {

bool kept(quint16 type)
{
    switch (type) {
    case DnsType::PTR:
    case DnsType::SRV:
    case DnsType::TXT:
    case DnsType::A:
    case DnsType::AAAA:
    case DnsType::HINFO:
        return true;
    default:
        return false;
    }
}

// Appends UTF-16 text as UTF-8 (ASCII byte by byte; other runs converted whole).
void appendUtf8(QByteArray &out, QStringView text)
{
    for (qsizetype i = 0; i < text.size(); ++i) {
        const char16_t c = text[i].unicode();
        if (c < 0x80) {
            out.append(char(c));
            continue;
        }
        qsizetype end = i;
        while (end < text.size() && text[end].unicode() >= 0x80)
            ++end;
        out.append(text.sliced(i, end - i).toUtf8());
        i = end - 1;
    }
}

// The record's identity: owner, type, class, sender, interface and its rdata compared as DNS
// compares it (names case-insensitively; a compressed name's bytes are not its value).
// Formed in `id` (emptied first), a buffer kept between records: nothing is allocated for a
// record heard before.
void recordId(QByteArray &id, const QString &ownerKey, const DnsRecord &r, const Packet &p,
              const QString &targetKey)
{
    id.truncate(0);
    appendUtf8(id, ownerKey);
    id.append('\0');
    id.append(reinterpret_cast<const char *>(&r.type), sizeof r.type);
    id.append(reinterpret_cast<const char *>(&r.rrclass), sizeof r.rrclass);
    id.append(char(p.source.family()));
    id.append(reinterpret_cast<const char *>(p.source.bytes().data()), 16);
    appendUtf8(id, p.interfaceName);
    id.append('\0');
    switch (r.type) {
    case DnsType::SRV:
        id.append(reinterpret_cast<const char *>(&r.priority), 2);
        id.append(reinterpret_cast<const char *>(&r.weight), 2);
        id.append(reinterpret_cast<const char *>(&r.port), 2);
        Q_FALLTHROUGH();
    case DnsType::PTR:
        appendUtf8(id, targetKey);
        break;
    case DnsType::TXT:
        for (const QByteArray &s : r.txt) {
            id.append(char(s.size()));
            id.append(s);
        }
        break;
    case DnsType::HINFO:
        id.append(char(r.cpu.size()));
        id.append(r.cpu);
        id.append(r.os);
        break;
    default:
        id.append(r.address);
    }
}

// The typed rdata is usable: decoded to its end, an address of the right size.
bool usable(const DnsMessage &m, const DnsRecord &r)
{
    if (m.error && r.rdataSpan.end() > m.error->offset)
        return false;
    if (r.type == DnsType::A)
        return r.address.size() == 4;
    if (r.type == DnsType::AAAA)
        return r.address.size() == 16;
    if (r.type == DnsType::PTR || r.type == DnsType::SRV)
        return !r.target.isEmpty();
    return true;
}

} // namespace

ServiceDirectory::ServiceDirectory()
    : ServiceDirectory(Limits{})
{}

ServiceDirectory::ServiceDirectory(const Limits &limits)
    : d(std::make_unique<Impl>(limits))
{}

ServiceDirectory::~ServiceDirectory() = default;

void ServiceDirectory::add(const Packet &packet, const DnsMessage &message, quint64 number)
{
    const qint64 t = std::max(d->now, packet.timestampNs);
    advanceTo(t);
    const bool response = message.isResponse();
    for (const DnsRecord &r : message.records) {
        if (kept(r.type) && usable(message, r))
            d->addRecord(r, response, packet, t, number);
    }
    d->enforceLimits();
}

void ServiceDirectory::advanceTo(qint64 nowNs)
{
    d->runDeadlines(nowNs, false);
    d->now = std::max(d->now, nowNs);
}

void ServiceDirectory::finish(qint64 endNs)
{
    advanceTo(endNs);
    d->runDeadlines(endNs, true);
}

qint64 ServiceDirectory::now() const
{
    return d->now;
}

const ServiceDirectory::Limits &ServiceDirectory::limits() const
{
    return d->limits;
}

void ServiceDirectory::clear()
{
    const Limits limits = d->limits;
    d = std::make_unique<Impl>(limits);
    d->reset = true;
}

qsizetype ServiceDirectory::recordCount() const
{
    return d->recordCount;
}

quint64 ServiceDirectory::evicted() const
{
    return d->evictedInstances + d->evictedHosts + d->evictedRecords + d->evictedTypes;
}

quint64 ServiceDirectory::evictedInstances() const
{
    return d->evictedInstances;
}

quint64 ServiceDirectory::evictedRecords() const
{
    return d->evictedRecords;
}

void ServiceDirectory::Impl::addRecord(const DnsRecord &r, bool response, const Packet &p, qint64 t,
                                       quint64 number)
{
    const QString ownerKey = nameKeys.key(r.name);
    const bool hasTarget = r.type == DnsType::PTR || r.type == DnsType::SRV;
    const QString targetKey = hasTarget ? nameKeys.key(r.target) : QString();
    recordId(idScratch, ownerKey, r, p, targetKey);
    int id = ids.value(idScratch, -1);
    if (id < 0) {
        const QByteArray key(idScratch.constData(), idScratch.size());
        if (!freeRecs.empty()) {
            id = freeRecs.back();
            freeRecs.pop_back();
        } else {
            id = int(recs.size());
            recs.emplace_back();
        }
        Rec &n = rec(id);
        n = Rec{};
        n.used = true;
        n.id = key;
        n.ownerKey = ownerKey;
        n.targetKey = targetKey;
        n.target = r.target;
        n.rrclass = r.rrclass;
        n.priority = r.priority;
        n.weight = r.weight;
        n.port = r.port;
        n.txt = r.txt;
        n.address = r.address;
        n.cpu = r.cpu;
        n.os = r.os;
        n.info.name = r.name;
        n.info.type = r.type;
        n.info.data = DnsDecoder::rdataText(r);
        n.info.sender = p.source;
        n.info.interfaceName = p.interfaceName;
        n.info.firstHeardNs = t;
        n.info.lastHeardNs = t;
        n.info.ttl = r.ttl;
        n.info.state = RecordState::KnownAnswerOnly;
        classify(n);
        ids.insert(key, id);
        byOwner[ownerKey].append(id);
        if (r.type == DnsType::PTR)
            ptrByTarget[targetKey].append(id);
        else if (r.type == DnsType::SRV)
            srvByTarget[targetKey].append(id);
        ++recordCount;
    }
    Rec &x = rec(id);
    x.info.packets.add(number);
    x.info.cacheFlush = r.cacheFlush;
    bool refresh = false;
    if (!response) {
        if (!x.announced) { // hearsay stays hearsay, and counts down from what it said
            x.info.lastHeardNs = t;
            x.info.ttl = r.ttl;
        }
    } else if (r.ttl == 0) {
        x.announced = true;
        x.info.lastHeardNs = t;
        if (x.info.state == RecordState::Live) {
            if (x.goodbyeHeardNs == 0)
                x.goodbyeHeardNs = t;
            setDeadline(id);
        } else {
            x.info.state = RecordState::Goodbye;
            x.info.goneNs = t;
            x.info.expiresNs = 0;
        }
    } else {
        refresh = x.info.state == RecordState::Live;
        x.announced = true;
        x.info.lastHeardNs = t;
        x.info.ttl = r.ttl;
        x.info.state = RecordState::Live;
        x.info.goneNs = 0;
        x.goodbyeHeardNs = 0;
        x.flushHeardNs = 0;
        setDeadline(id);
        if (r.cacheFlush)
            cacheFlush(x, id, t);
    }
    recordChanged(id, t, number, refresh);
}

// RFC 6762 §10.2: the sender's other rdata of this name, type and class heard more than
// 1 s ago leave 1 s from now; what was heard within the last second stays (same burst).
void ServiceDirectory::Impl::cacheFlush(const Rec &fresh, int freshId, qint64 t)
{
    const QList<int> owned = byOwner.value(fresh.ownerKey);
    for (const int other : owned) {
        Rec &o = rec(other);
        if (other == freshId || o.info.type != fresh.info.type || o.rrclass != fresh.rrclass ||
            o.info.sender != fresh.info.sender ||
            o.info.interfaceName != fresh.info.interfaceName || o.info.state != RecordState::Live ||
            o.flushHeardNs != 0 || o.info.lastHeardNs >= t - kSecondNs)
            continue;
        o.flushHeardNs = t;
        setDeadline(other);
    }
}

void ServiceDirectory::Impl::setDeadline(int id)
{
    Rec &x = rec(id);
    // A refresh moves the record's entry: its node is re-keyed, not freed and allocated again.
    decltype(deadlines)::node_type node;
    if (x.deadlineNs != 0)
        node = deadlines.extract({x.deadlineNs, id});
    x.deadlineNs = 0;
    if (x.info.state == RecordState::Live) {
        qint64 when = x.info.lastHeardNs + qint64(x.info.ttl) * kSecondNs;
        if (x.goodbyeHeardNs != 0)
            when = std::min(when, x.goodbyeHeardNs + kSecondNs);
        if (x.flushHeardNs != 0)
            when = std::min(when, x.flushHeardNs + kSecondNs);
        x.deadlineNs = when;
        if (node) {
            node.value() = {when, id};
            deadlines.insert(std::move(node));
        } else {
            deadlines.insert({when, id});
        }
    }
    x.info.expiresNs = x.deadlineNs;
}

// Records whose time came, in time order; `settle` then also applies the pending goodbyes
// and cache flushes however far ahead they are (the source ended: nothing can undo them).
void ServiceDirectory::Impl::runDeadlines(qint64 until, bool settle)
{
    while (!deadlines.empty() && deadlines.begin()->first <= until) {
        const int id = deadlines.begin()->second;
        Rec &x = rec(id);
        // The cause: whichever comes first of goodbye, flush and TTL.
        const qint64 ttlEnd = x.info.lastHeardNs + qint64(x.info.ttl) * kSecondNs;
        const qint64 byeAt = x.goodbyeHeardNs ? x.goodbyeHeardNs + kSecondNs : LLONG_MAX;
        const qint64 flushAt = x.flushHeardNs ? x.flushHeardNs + kSecondNs : LLONG_MAX;
        if (byeAt <= ttlEnd && byeAt <= flushAt) {
            leave(id, RecordState::Goodbye, x.goodbyeHeardNs);
        } else if (flushAt <= ttlEnd) {
            leave(id, RecordState::Replaced, x.flushHeardNs);
        } else {
            leave(id, RecordState::Expired, ttlEnd);
        }
    }
    if (!settle)
        return;
    std::vector<int> pending;
    for (const auto &[when, id] : deadlines) {
        if (rec(id).goodbyeHeardNs != 0 || rec(id).flushHeardNs != 0)
            pending.push_back(id);
    }
    for (const int id : pending) {
        const Rec &x = rec(id);
        if (x.goodbyeHeardNs != 0)
            leave(id, RecordState::Goodbye, x.goodbyeHeardNs);
        else
            leave(id, RecordState::Replaced, x.flushHeardNs);
    }
}

void ServiceDirectory::Impl::leave(int id, RecordState state, qint64 goneNs)
{
    Rec &x = rec(id);
    x.info.state = state;
    x.info.goneNs = goneNs;
    x.goodbyeHeardNs = 0;
    x.flushHeardNs = 0;
    setDeadline(id);
    recordChanged(id, goneNs, 0, false);
}

void ServiceDirectory::Impl::removeRecord(int id)
{
    Rec &x = rec(id);
    if (x.deadlineNs != 0)
        deadlines.erase({x.deadlineNs, id});
    ids.remove(x.id);
    const auto unindex = [id](QHash<QString, QList<int>> &index, const QString &key) {
        auto it = index.find(key);
        if (it == index.end())
            return;
        it->removeOne(id);
        if (it->isEmpty())
            index.erase(it);
    };
    unindex(byOwner, x.ownerKey);
    if (x.info.type == DnsType::PTR)
        unindex(ptrByTarget, x.targetKey);
    else if (x.info.type == DnsType::SRV)
        unindex(srvByTarget, x.targetKey);
    const QString owner = x.ownerKey, target = x.targetKey;
    x = Rec{};
    freeRecs.push_back(id);
    --recordCount;
    ++evictedRecords;
    dropEntitiesWithoutRecords(owner, target);
}

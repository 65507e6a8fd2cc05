#pragma once

// Internal to the directory room: ServiceDirectory's state, shared by its .cpp files
// (ServiceDirectory.cpp: records and time; DirectoryEntities.cpp: instances, hosts, types,
// renames, eviction; DirectorySnapshots.cpp: the values handed out).

#include "ServiceDirectory.h"

#include "DirectoryNames.h"
#include "KeyCache.h"

#include <QHash>
#include <QSet>

#include <set>
#include <utility>
#include <vector>

struct DnsRecord;

namespace DirectoryStore {

constexpr qint64 kSecondNs = 1000000000;

// What a record is to the directory, decided once from its names.
enum class Role : quint8 {
    Other,          // kept for its timing only
    InstancePtr,    // <type>.<domain> PTR <instance>
    SubtypePtr,     // <sub>._sub.<type>.<domain> PTR <instance>
    EnumerationPtr, // _services._dns-sd._udp.<domain> PTR <type>.<domain>
    InstanceSrv,    // <instance> SRV
    InstanceTxt,    // <instance> TXT
    HostRecord,     // <host> A / AAAA / HINFO
};

// One record: owner name, type, class, rdata, sender and interface.
struct Rec
{
    bool used = false;
    QByteArray id;     // the key of m_ids
    QString ownerKey;  // owner name lowered
    QString targetKey; // PTR / SRV target lowered
    QString target;    // PTR / SRV target, text form
    quint16 rrclass = 0;
    quint16 priority = 0, weight = 0, port = 0;
    QList<QByteArray> txt;
    QByteArray address; // A / AAAA, network order
    QByteArray cpu, os;
    Role role = Role::Other;
    QString instanceKey;       // the instance it belongs to (instance PTR, subtype PTR, SRV, TXT)
    QString subtype;           // SubtypePtr: the subtype label
    bool announced = false;    // a response carried it
    qint64 goodbyeHeardNs = 0; // a goodbye is pending (takes effect 1 s later)
    qint64 flushHeardNs = 0;   // a cache flush is pending (takes effect 1 s later)
    qint64 deadlineNs = 0;     // in m_deadlines while non-zero
    RecordInfo info;
};

struct Inst
{
    QString fullName, name, type, domain, typeKey;
    qint64 firstSeenNs = 0, lastSeenNs = 0, goneNs = 0, expiresNs = 0;
    RecordState state = RecordState::KnownAnswerOnly;
    PacketRefs packets;
    QStringList previousNames;
    QString renamedTo;
    QList<InstanceEvent> history;
};

struct Host
{
    QString name;
    qint64 firstSeenNs = 0, lastSeenNs = 0;
};

struct Type
{
    QString type, domain;
    QSet<QString> subtypes;
    bool enumerated = false;
    qint64 firstSeenNs = 0, lastSeenNs = 0;
};

} // namespace DirectoryStore

class ServiceDirectory::Impl
{
public:
    using Rec = DirectoryStore::Rec;

    explicit Impl(const Limits &l)
        : limits(l)
        , nameKeys(std::max<qsizetype>(2 * l.maxRecords, 1024))
    {}

    Limits limits;
    qint64 now = 0;

    // Records (ServiceDirectory.cpp)
    std::vector<Rec> recs;
    std::vector<int> freeRecs;
    qsizetype recordCount = 0;
    QHash<QByteArray, int> ids;
    QByteArray idScratch;                   // addRecord()'s key, formed here first
    NameKeyCache nameKeys;                  // owner and target names lowered, formed once each
    QHash<QString, QList<int>> byOwner;     // every record by its owner key
    QHash<QString, QList<int>> ptrByTarget; // PTR records by target key
    QHash<QString, QList<int>> srvByTarget; // SRV records by target key
    std::set<std::pair<qint64, int>> deadlines;

    void addRecord(const DnsRecord &r, bool response, const Packet &p, qint64 t, quint64 number);
    void setDeadline(int id);
    void runDeadlines(qint64 until, bool settle);
    void leave(int id, RecordState state, qint64 goneNs);
    void removeRecord(int id);
    void cacheFlush(const Rec &fresh, int freshId, qint64 t);

    // Entities (DirectoryEntities.cpp)
    QHash<QString, DirectoryStore::Inst> insts;
    QHash<QString, DirectoryStore::Host> hostMap;
    QHash<QString, DirectoryStore::Type> types;
    quint64 evictedInstances = 0, evictedHosts = 0, evictedRecords = 0, evictedTypes = 0;

    // A record was heard (number != 0) or changed state: the entities it belongs to follow.
    void classify(Rec &x) const;
    void recordChanged(int id, qint64 t, quint64 number, bool refresh);
    DirectoryStore::Inst *ensureInstance(const QString &fullName,
                                         const DirectoryNames::ServiceName &parsed, qint64 t);
    DirectoryStore::Type &ensureType(const QString &type, const QString &domain, qint64 t);
    // The same with the type's key (DirectoryNames::key of "<type>.<domain>") at hand.
    DirectoryStore::Type &ensureType(const QString &key, const QString &type, const QString &domain,
                                     qint64 t);
    void ensureHost(const QString &name, const QString &key, qint64 t); // key: name's key
    void deriveInstance(const QString &key, qint64 t, bool refresh);
    void checkRename(const QString &key, const Rec &srv, qint64 t);
    QList<int> instanceRecords(const QString &key) const; // PTRs to it, its SRV and TXT
    // The same ids in the same order, without forming the list.
    template<typename F>
    void forEachInstanceRecord(const QString &key, F f) const
    {
        if (const auto it = ptrByTarget.constFind(key); it != ptrByTarget.cend()) {
            for (const int id : *it) {
                if (rec(id).instanceKey == key)
                    f(id);
            }
        }
        if (const auto it = byOwner.constFind(key); it != byOwner.cend()) {
            for (const int id : *it) {
                const Rec &x = rec(id);
                if ((x.role == DirectoryStore::Role::InstanceSrv ||
                     x.role == DirectoryStore::Role::InstanceTxt) &&
                    x.instanceKey == key)
                    f(id);
            }
        }
    }
    QList<int> hostRecords(const QString &key) const; // its A, AAAA and HINFO
    void dropEntitiesWithoutRecords(const QString &ownerKey, const QString &targetKey);
    void enforceLimits();
    void pushEvent(DirectoryStore::Inst &inst, const InstanceEvent &event);

    // Change tracking (DirectorySnapshots.cpp)
    bool reset = false;
    QSet<QString> dirtyInstances, dirtyHosts, dirtyTypes;
    QSet<QString> removedInstances, removedHosts, removedTypes;
    ServiceInstance instanceSnapshot(const QString &key) const;
    ServiceHost hostSnapshot(const QString &key) const;
    ServiceType typeSnapshot(const QString &key) const;
    int currentSrv(const QString &key) const; // -1 when none
    int currentTxt(const QString &key) const;
    QList<HostAddress> addressesOf(const QString &hostKey) const;

    const Rec &rec(int id) const { return recs[size_t(id)]; }
    Rec &rec(int id) { return recs[size_t(id)]; }
};

#pragma once

#include "CheckContext.h"
#include "KeyCache.h"

#include <QByteArray>
#include <QHash>
#include <QList>
#include <QString>

#include <deque>
#include <memory>

// What the stateful checks (LinkChecks, ProbeChecks, ConflictChecks, RateChecks,
// LifetimeChecks) share: a bounded hash table, the keys they follow records and names by,
// and the facts of the current packet that LinkChecks works out once for all of them (the
// lowered names, whether the packet is a reflected or duplicate copy the others skip).
// Used inside ConformanceChecker only; one thread.

// A hash table of at most `max` entries: inserting past the bound evicts the entry inserted
// longest ago (a flood of names cannot grow memory). Lookups and inserts are O(1) amortised.
template<typename K, typename V>
class BoundedHash
{
public:
    explicit BoundedHash(qsizetype max = 20000)
        : m_max(std::max<qsizetype>(1, max))
    {}

    V *find(const K &key)
    {
        const auto it = m_map.find(key);
        return it == m_map.end() ? nullptr : &it->value;
    }
    const V *find(const K &key) const
    {
        const auto it = m_map.constFind(key);
        return it == m_map.cend() ? nullptr : &it->value;
    }
    // The entry of `key`, made (default V) when there is none.
    V &operator[](const K &key)
    {
        auto it = m_map.find(key);
        if (it != m_map.end())
            return it->value;
        const quint64 stamp = ++m_stamp;
        it = m_map.insert(key, Entry{V{}, stamp});
        m_order.push_back({key, stamp});
        V &value = it->value;
        if (m_map.size() > m_max) {
            evictOldest();
            return *find(key); // the table rehashed nothing away from `key`: it is the newest
        }
        if (qsizetype(m_order.size()) > 2 * m_max + 64)
            compact();
        return value;
    }
    void remove(const K &key) { m_map.remove(key); }
    void clear()
    {
        m_map.clear();
        m_order.clear();
    }
    qsizetype size() const { return m_map.size(); }
    qsizetype max() const { return m_max; }
    template<typename F>
    void forEach(F f)
    {
        for (auto it = m_map.begin(); it != m_map.end(); ++it)
            f(it.key(), it->value);
    }

private:
    struct Entry
    {
        V value;
        quint64 stamp = 0;
    };
    void evictOldest()
    {
        while (!m_order.empty() && m_map.size() > m_max) {
            const auto [key, stamp] = m_order.front();
            m_order.pop_front();
            const auto it = m_map.find(key);
            if (it != m_map.end() && it->stamp == stamp)
                m_map.erase(it);
        }
    }
    void compact()
    {
        std::deque<std::pair<K, quint64>> kept;
        for (const auto &[key, stamp] : m_order) {
            const auto it = m_map.constFind(key);
            if (it != m_map.cend() && it->stamp == stamp)
                kept.push_back({key, stamp});
        }
        m_order = std::move(kept);
    }

    qsizetype m_max;
    QHash<K, Entry> m_map;
    std::deque<std::pair<K, quint64>> m_order; // insertion order, with stale entries skipped
    quint64 m_stamp = 0;
};

namespace Sequence {

// A name and type, the name lowered (DirectoryNames::key).
struct NameType
{
    QString name;
    quint16 type = 0;
    friend bool operator==(const NameType &, const NameType &) = default;
    friend size_t qHash(const NameType &k, size_t seed = 0) noexcept
    {
        return qHashMulti(seed, k.name, k.type);
    }
};

// One sender's name (lowered).
struct SourceName
{
    IpAddress source;
    QString name;
    friend bool operator==(const SourceName &, const SourceName &) = default;
    friend size_t qHash(const SourceName &k, size_t seed = 0) noexcept
    {
        return qHashMulti(seed, k.source, k.name);
    }
};

// One sender's record: name (lowered), type, rdata (rdataKey).
struct SourceRecord
{
    IpAddress source;
    QString name;
    quint16 type = 0;
    QByteArray rdata;
    friend bool operator==(const SourceRecord &, const SourceRecord &) = default;
    friend size_t qHash(const SourceRecord &k, size_t seed = 0) noexcept
    {
        return qHashMulti(seed, k.source, k.name, k.type, k.rdata);
    }
};

// The record's data in a form that compares equal whatever the name compression: the
// uncompressed wire form with names in rdata lowered (PTR, CNAME, NS, SRV target), else the
// raw rdata.
QByteArray rdataKey(const DnsRecord &r);
// The same, formed in the cache's scratch buffer and handed out as its cached copy: a key
// seen before allocates nothing.
QByteArray rdataKey(const DnsRecord &r, BytesKeyCache &cache);
// The uncompressed rdata as RFC 6762 §8.2 compares it (names in rdata uncompressed, case kept).
QByteArray canonicalRdata(const DnsRecord &r);
// "A 169.254.0.1", "SRV 0 0 631 host.local": for messages.
QString recordText(const DnsRecord &r);
// The address of an A / AAAA record; a null address for other records.
IpAddress recordAddress(const DnsRecord &r);
bool isReverseName(QStringView name);
// A probe (RFC 6762 §8.1): a query with proposed records in its authority section.
bool isProbe(const DnsMessage &m);

// A name with a rename suffix: "host-2.local" -> ("host.local", 2), "Printer (3)._ipp._tcp.local"
// -> ("printer._ipp._tcp.local", 3), "Printer #2._ipp._tcp.local" -> ("printer._ipp._tcp.local",
// 2), lowered; suffix 0 when the name has none.
struct BaseName
{
    QString base;
    int suffix = 0;
};
BaseName baseName(QStringView name);

// The facts of the packet being checked, worked out once by LinkChecks.
struct PacketFacts
{
    // A reflected copy (another address or MAC sent the same payload within 10 ms), or a
    // duplicate of a packet just seen from the same sender (captured twice): the checks
    // after LinkChecks skip it, so it is not counted as the original sender's traffic.
    bool skip = false;
    QList<QString> recordNames;   // DirectoryNames::key of each record's name, as records
    QList<QByteArray> rdataKeys;  // rdataKey() of each record, as records
    QList<QString> questionNames; // ... of each question's name
    QList<IpAddress> addresses;   // the A / AAAA rdata the packet carries (at most 32)
    // Its unique answers name only names nobody was heard naming before, and nobody asked
    // about in the last second (an unsolicited first announcement).
    bool namesNeverHeard = false;
};

// The state every stateful module reads, owned together (shared_ptr) by the modules.
struct Shared
{
    explicit Shared(qsizetype maxTracked)
        : nameKeys(2 * maxTracked)
        , rdataKeys(2 * maxTracked)
        , heardNames(maxTracked)
        , lastQueryNs(maxTracked)
        , lastProbeNs(maxTracked)
    {}
    PacketFacts facts; // the current packet's (LinkChecks fills it first)
    // The lowered names and rdata keys of the facts, formed once per distinct value.
    NameKeyCache nameKeys;
    BytesKeyCache rdataKeys;
    qint64 captureStartNs = 0; // the first packet's time; 0 before any
    // Lowered names any sender named in a record (LinkChecks, after computing the facts).
    BoundedHash<QString, char> heardNames;
    // Lowered question names and when they were last asked (LinkChecks).
    BoundedHash<QString, qint64> lastQueryNs;
    // Lowered names and when some sender last probed them (ProbeChecks, after its checks).
    BoundedHash<QString, qint64> lastProbeNs;
    void clear()
    {
        facts = {};
        nameKeys.clear();
        rdataKeys.clear();
        captureStartNs = 0;
        heardNames.clear();
        lastQueryNs.clear();
        lastProbeNs.clear();
    }
};

// Reports an occurrence with an explicit source (not the packet's): a finding about another
// sender than the one that sent the packet, or one no packet shows (`packet` 0).
Finding *report(FindingLog &log, Rule rule, Severity severity, qint64 timeNs,
                const IpAddress &source, const QString &name, quint64 packet, const char *text,
                QStringList args);

QString ms(qint64 ns); // "237" (milliseconds, rounded down)

} // namespace Sequence

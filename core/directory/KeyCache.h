#pragma once

#include "DirectoryNames.h"

#include <QByteArray>
#include <QByteArrayView>
#include <QHashFunctions>
#include <QString>
#include <QStringView>

#include <algorithm>
#include <utility>
#include <vector>

// Bounded caches of the keys the analysis forms for every record of every packet: the lowered
// name (DirectoryNames::key) and byte strings built in a scratch buffer (an rdata key, a
// record's identity). A repeat of a key already cached is found by hashing the name or bytes
// in place and handed out as a shared copy of the cached value: nothing is allocated. A key
// not cached is formed once (one allocation) and kept. When the cache holds `max` keys it
// starts afresh (the values are plain strings compared by value, so forgetting one only costs
// forming it again). Used by one thread at a time.
namespace KeyCacheDetail {
// Open addressing over a power-of-two table, linear probing.
template<typename Value>
class Table
{
public:
    explicit Table(qsizetype max)
        : m_max(std::max<qsizetype>(16, max))
    {}

    // The index of the slot holding a value equal (by `equal`) to the one looked for, and
    // true; or of the empty slot where it goes, and false.
    template<typename Equal>
    std::pair<size_t, bool> find(size_t hash, Equal &&equal)
    {
        if (m_slots.empty())
            m_slots.resize(64);
        const size_t mask = m_slots.size() - 1;
        for (size_t i = hash & mask;; i = (i + 1) & mask) {
            const Slot &s = m_slots[i];
            if (!s.used)
                return {i, false};
            if (s.hash == hash && equal(s.value))
                return {i, true};
        }
    }
    const Value &at(size_t index) const { return m_slots[index].value; }
    // Fills the empty slot find() returned (index `at`) and returns the value kept.
    const Value &insert(size_t hash, size_t at, Value value)
    {
        if (m_size >= m_max) {
            clear();
            at = find(hash, [](const Value &) { return false; }).first;
        }
        if (size_t(m_size + 1) * 2 > m_slots.size()) {
            grow();
            at = find(hash, [](const Value &) { return false; }).first;
        }
        Slot &s = m_slots[at];
        s.used = true;
        s.hash = hash;
        s.value = std::move(value);
        ++m_size;
        return s.value;
    }
    void clear()
    {
        m_slots.assign(64, Slot{});
        m_size = 0;
    }
    qsizetype size() const { return m_size; }

private:
    struct Slot
    {
        Value value;
        size_t hash = 0;
        bool used = false;
    };
    void grow()
    {
        std::vector<Slot> old(m_slots.size() * 2);
        old.swap(m_slots);
        const size_t mask = m_slots.size() - 1;
        for (Slot &s : old) {
            if (!s.used)
                continue;
            size_t i = s.hash & mask;
            while (m_slots[i].used)
                i = (i + 1) & mask;
            m_slots[i] = std::move(s);
        }
    }
    qsizetype m_max;
    qsizetype m_size = 0;
    std::vector<Slot> m_slots;
};
} // namespace KeyCacheDetail

// Lowered names: key(name) == DirectoryNames::key(name), without allocating for a name seen
// before. Looked up by the name as heard (Qt's vectorised hash and an exact compare: a name
// heard in two spellings has two entries, both giving the same key).
class NameKeyCache
{
public:
    explicit NameKeyCache(qsizetype max = 20000)
        : m_table(max)
    {}
    const QString &key(const QString &name)
    {
        const size_t h = qHash(QStringView(name), 0x51ed27);
        const auto [at, found] = m_table.find(h, [&](const Entry &e) { return e.heard == name; });
        if (found)
            return m_table.at(at).key;
        return m_table.insert(h, at, Entry{name, DirectoryNames::key(name)}).key;
    }
    void clear() { m_table.clear(); }
    qsizetype size() const { return m_table.size(); }

private:
    struct Entry
    {
        QString heard;
        QString key;
        friend bool operator==(const Entry &, const Entry &) = default;
    };
    KeyCacheDetail::Table<Entry> m_table;
};

// Byte strings formed in scratch(): intern() returns the cached equal value (a shared copy
// for the caller to keep), allocating only for bytes not cached.
class BytesKeyCache
{
public:
    explicit BytesKeyCache(qsizetype max = 20000)
        : m_table(max)
    {}
    // An empty buffer to form the next key in (its capacity is kept between keys).
    QByteArray &scratch()
    {
        m_scratch.truncate(0);
        return m_scratch;
    }
    const QByteArray &intern(QByteArrayView bytes)
    {
        const size_t h = qHash(bytes, 0x51ed27);
        const auto [at, found] = m_table.find(h, [&](const QByteArray &v) { return v == bytes; });
        if (found)
            return m_table.at(at);
        return m_table.insert(h, at, bytes.toByteArray());
    }
    // The scratch buffer's bytes, interned.
    const QByteArray &internScratch() { return intern(m_scratch); }
    void clear() { m_table.clear(); }
    qsizetype size() const { return m_table.size(); }

private:
    KeyCacheDetail::Table<QByteArray> m_table;
    QByteArray m_scratch;
};

#pragma once

#include "SequenceState.h"

#include <vector>

// The link-level rules, and the facts of each packet the later stateful checks share:
// - `destination-mac` (RFC 6762 §5; error): in a file with Ethernet frames, a multicast
//   message whose destination MAC is not the group's: 01:00:5e:00:00:fb for 224.0.0.251,
//   33:33:00:00:00:fb for ff02::fb (for another group, 01:00:5e + its low 23 bits, or 33:33 +
//   its last 32 bits, RFC 1112 §6.4 / RFC 2464 §7). Live capture has no MACs: not judged.
// - `reflected` (RFC 6762 §5, §11; info): the same payload again within 10 ms from another
//   address of the same IP family, or from the same address with another source MAC: a
//   reflector or repeater. The finding's source is the original sender, otherSource the
//   reflector (otherPackets its copies). A copy from the other IP family, from an address the
//   payload announces as its own, or with the same source MAC is the same host sending on
//   both families, not a reflection. The same payload from the same address (and MAC)
//   within 10 ms is the packet captured twice. Reflected and duplicate copies are skipped by
//   the modules after this one (Shared::facts.skip): not counted as the original's traffic.
// Keeps the packets of the last 10 ms (at most 512).
class LinkChecks final : public CheckModule
{
public:
    explicit LinkChecks(std::shared_ptr<Sequence::Shared> shared);
    void add(const CheckContext &c) override;
    void clear() override;
    qsizetype tracked() const override;

private:
    struct Recent
    {
        qint64 timeNs = 0;
        size_t hash = 0;
        QByteArray data;
        IpAddress source;
        bool macsKnown = false;
        std::array<quint8, 6> sourceMac{};
        quint64 number = 0;
    };
    void checkDestinationMac(const CheckContext &c);
    void computeFacts(const CheckContext &c, size_t hash); // hash: qHash of the datagram
    void formFacts(const CheckContext &c);
    bool checkCopy(const CheckContext &c, size_t hash); // true: a copy (skipped)

    std::shared_ptr<Sequence::Shared> m_shared;
    // The packets of the last 10 ms (at most kMaxRecent), oldest first: a ring over slots kept
    // between packets (a deque allocated and freed a block every few packets).
    struct RecentRing
    {
        std::vector<Recent> slots;
        size_t head = 0; // the oldest
        size_t count = 0;
        bool empty() const { return count == 0; }
        size_t size() const { return count; }
        const Recent &at(size_t i) const { return slots[(head + i) % slots.size()]; }
        const Recent &front() const { return at(0); }
        void pop_front()
        {
            slots[head].data = QByteArray(); // the datagram is not kept past its window
            head = (head + 1) % slots.size();
            --count;
        }
        void push_back(Recent r, size_t max)
        {
            if (slots.size() < max && count == slots.size()) {
                // Grow: unroll so the ring starts at 0.
                std::vector<Recent> grown;
                grown.reserve(std::min(max, std::max<size_t>(16, slots.size() * 2)));
                for (size_t i = 0; i < count; ++i)
                    grown.push_back(std::move(slots[(head + i) % slots.size()]));
                grown.resize(grown.capacity());
                slots = std::move(grown);
                head = 0;
            }
            slots[(head + count) % slots.size()] = std::move(r);
            ++count;
        }
        void clear()
        {
            slots.clear();
            head = count = 0;
        }
    };
    RecentRing m_recent;
    // The facts of datagrams seen before, by their hash (direct-mapped: a collision replaces).
    struct Memo
    {
        size_t hash = 0;
        QByteArray data; // a copy the memo owns
        QList<QString> recordNames;
        QList<QByteArray> rdataKeys;
        QList<QString> questionNames;
        QList<IpAddress> addresses;
    };
    static constexpr size_t kMemoSlots = 1024;
    std::vector<Memo> m_memo = std::vector<Memo>(kMemoSlots);
};

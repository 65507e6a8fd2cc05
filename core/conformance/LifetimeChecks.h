#pragma once

#include "SequenceState.h"

#include <map>

// Record lifetimes and the shape of answers:
// - `goodbye` (RFC 6762 §10.1; info): a sender withdraws a record with TTL 0.
// - `expired` (§10; info): a record a sender multicast ran out (its last TTL passed) without
//   a refresh, a goodbye or a cache-flush replacement: the device left uncleanly (or, since
//   responders refresh on request, nobody asked for it). Judged when packet time, advanceTo()
//   or finish() passes the expiry; at finish() only records whose TTL ran out by the end.
// - `missing-additionals` (RFC 6763 §12; info): a multicast answer PTR (not reverse-mapping)
//   whose instance's SRV or TXT, or an answer SRV whose target's A / AAAA, is in no section
//   of the response, where the responder is known to hold them (it multicast them before and
//   they are live).
// - `legacy-response` (RFC 6762 §6.7; error): a unicast response to a port other than 5353
//   that sets the cache-flush bit, gives a TTL over 10 s, or, when the legacy query was seen
//   (from that address and port, within 10 s), does not echo its ID and question.
// State: the live records per sender (bounded by maxTracked, their expiry order beside) and
// the latest legacy query per address and port.
class LifetimeChecks final : public CheckModule
{
public:
    LifetimeChecks(std::shared_ptr<Sequence::Shared> shared, qsizetype maxTracked);
    void add(const CheckContext &c) override;
    void advanceTo(qint64 nowNs, FindingLog &log, DeviceBook &devices) override;
    void clear() override;
    qsizetype tracked() const override;

private:
    using Expiry = std::multimap<qint64, Sequence::SourceRecord>;
    struct Live
    {
        QString name; // as heard
        QString text; // "A 169.254.0.1"
        quint32 ttl = 0;
        quint64 packet = 0;
        qint64 expiresNs = 0;
        Expiry::iterator at;
    };
    struct LegacyKey
    {
        IpAddress address;
        quint16 port = 0;
        friend bool operator==(const LegacyKey &, const LegacyKey &) = default;
        friend size_t qHash(const LegacyKey &k, size_t seed = 0) noexcept
        {
            return qHashMulti(seed, k.address, k.port);
        }
    };
    struct LegacyQuery
    {
        qint64 timeNs = 0;
        quint16 id = 0;
        QString name; // lowered
        quint16 type = 0;
        quint16 qclass = 0;
    };

    void expire(qint64 nowNs, FindingLog &log);
    void drop(const Sequence::SourceRecord &key);
    void checkAdditionals(const CheckContext &c);
    void checkLegacy(const CheckContext &c);
    void track(const CheckContext &c);
    bool holds(const IpAddress &source, const QString &name, quint16 type) const;

    std::shared_ptr<Sequence::Shared> m_shared;
    qsizetype m_max;
    BoundedHash<Sequence::SourceRecord, Live> m_live;
    // Per sender, name and type (rdata empty): the rdata keys live.
    BoundedHash<Sequence::SourceRecord, QList<QByteArray>> m_groups;
    Expiry m_expiry;
    BoundedHash<LegacyKey, LegacyQuery> m_legacy;
    QList<Sequence::SourceRecord> m_flushed; // track()'s, kept for its capacity
};

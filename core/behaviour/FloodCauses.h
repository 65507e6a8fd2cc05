#pragma once

#include "BehaviourTypes.h"

#include <QHash>
#include <QList>
#include <QSet>
#include <QString>

#include <array>

class HostGroups;
struct DnsMessage;
struct Packet;

// Why a host floods the link, as far as the traffic shows it (issue #16): every packet of every
// sender is put to at most one cause, the first of these that fits, and the packets that show
// it are kept (PacketRefs: the first 16 numbers and a count):
//   reflection  a copy of a payload another host sent within the second before (a reflector),
//               or of one this address sent on the same interface within the second before
//               (a loop; TalkerTracker counts these as repeats), unless a rule below names it;
//   copies      a response identical to one the same host sent within the second before on
//               another interface or from its other address family (one announcement sent
//               once per interface and family);
//   probe-storm a probe (a query with records in its authority section, RFC 6762 §8.1);
//   requery     a question the same address asked before, again after less than 1 s or after
//               an interval that did not grow to 1.5 times the one before (RFC 6762 §5.2 wants
//               it at least doubled);
//   short-ttl   a response refreshing a record the address sent before with a TTL of at most
//               kShortTtl seconds;
//   querier     a response with an answer to a question another host asked within the second
//               before (one of the last 8 queries; counted per querier); named as a cause when
//               mostly one querier's and that querier is above the threshold too.
// A host above the threshold (its rate over 1 s or 10 s, or its peak second, at least the
// threshold) is given the causes that hold at least 10 % of its packets (and at least 10),
// most packets first. Time from packet timestamps. Bounded: a ring of the last 128 payloads of
// the link, at most 8,192 (address, question) and 8,192 (address, record) keys (forgotten all
// at once when full), 16 queriers and 64 probed names per address. Pipeline thread.
class FloodCauses final
{
public:
    enum class Kind : quint8 { Reflection, Copies, ProbeStorm, Requery, ShortTtl, Querier };
    static constexpr int kKinds = int(Kind::Querier) + 1;
    static constexpr quint32 kShortTtl = 10; // seconds
    static constexpr double kDefaultThreshold = 100.0;

    // "reflection", "copies", "probe-storm", "requery", "short-ttl", "querier" (stable: JSON).
    static QString kindId(Kind kind);
    // The kind's name for people, translated when `translated` (context "Behaviour").
    static QString kindTitle(Kind kind, bool translated);
    // The kind of an id, or -1.
    static int kindOf(const QString &id);

    // One packet from address number `sender` (HostGroups; -1: untracked, ignored).
    void add(const Packet &packet, const DnsMessage &message, qsizetype sender, quint64 number,
             const HostGroups &hosts);
    void clear();

    // The packets of address `sender` put to `kind` (a count and the first numbers).
    PacketRefs evidence(qsizetype sender, Kind kind) const;

    // Fills `copies` of every host talker (TalkerFigures::host: its group) and, for those whose
    // rate reaches `threshold`, `causes` (all a host's addresses together). One pass over the
    // addresses.
    void describe(QList<TalkerFigures> &talkers, const HostGroups &hosts, double threshold) const;

private:
    struct PerAddress
    {
        std::array<PacketRefs, kKinds> kinds;
        QHash<qsizetype, quint64> queriers; // answers per querier address, at most 16
        QSet<QString> probedNames;          // at most 64
        quint64 reflectedFromOthers = 0;
    };
    struct Seen
    {
        size_t hash = 0;
        qint64 timeNs = 0;
        qsizetype sender = -1;
        QString interfaceName;
    };
    struct Ask
    {
        qint64 lastNs = 0;
        qint64 gapNs = -1;
    };

    bool requery(qsizetype sender, const DnsMessage &message, qint64 nowNs);
    quint32 refreshedShortTtl(qsizetype sender, const DnsMessage &message, qint64 nowNs);
    PerAddress &at(qsizetype sender);

    QList<PerAddress> m_perAddress;
    std::array<Seen, 128> m_ring{};
    int m_ringNext = 0;
    QHash<size_t, Ask> m_asks;    // by (address, question) hash
    QHash<size_t, qint64> m_ttls; // by (address, record) hash: when last sent
    struct Query
    {
        qsizetype sender = -1;
        qint64 timeNs = 0;
        QList<std::pair<QString, quint16>> questions; // name key, type; at most 4
    };
    // The querier whose question `message` answers, or -1.
    qsizetype answeredQuerier(qsizetype sender, const DnsMessage &message, qint64 nowNs,
                              const HostGroups &hosts) const;
    std::array<Query, 8> m_queries{};
    int m_queryNext = 0;
    qint64 m_nowNs = 0;
};

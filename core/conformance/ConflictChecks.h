#pragma once

#include "MultiHomed.h"
#include "SequenceState.h"

#include <QHash>

// Conflicts over unique records (RFC 6762 §9, §8.1):
// - `conflict` (error): two senders claim the same unique name and type on one interface
//   with different rdata while the first claim is live (its TTL not run out, no goodbye).
//   A claim is a response record with the cache-flush bit (the set of rdata a packet gives for
//   the name and type, so a host announcing several addresses in one packet is one claim), or
//   a probe's proposed records (a probe that meets a live claim, or that a holder answers
//   within 2 s, is a conflict found by probing, once the prober shows it lost: it renames
//   (claims a name of the same base with another suffix), or 3 s pass without it announcing
//   the name; a prober that goes on to announce the name is judged by its announcement). Not
//   conflicts: two packets of one sender; one host's two addresses (a packet whose A / AAAA records
//   hold the other sender's address: a host's IPv4 and IPv6 copies); one host on several links,
//   captured together (core/directory/MultiHomed.h's rule, which HostGroups shares: two senders
//   whose claims each give their own address and come within 10 ms of each other, as one
//   host's per-interface copies do, are that host from then on, and so is every address found
//   to be one with either); reflected or
//   duplicate copies (LinkChecks skips them); identical rdata.
//   The finding's `source` is the newcomer (the sender whose packet shows the conflicting
//   claim: the prober, or the later announcer), `otherSource` the sender that held the name
//   first; `packets` are the newcomer's, `otherPackets` the holder's claim. Its message
//   gives both rdata, and, updated later (FindingLog::markChanged), what happened next
//   within 60 s: which of the two probed again, and the new name it took.
// - `rename-storm` (error): one sender claims (probes or announces) the same base name with
//   rising suffixes ("host-2", "host-3"; "Printer (2)", "Printer (3)") three or more times
//   within a minute.
// State: the live claims, the latest probe per name, the rename chains (each bounded by
// maxTracked), and at most 64 conflicts awaiting their outcome.
class ConflictChecks final : public CheckModule
{
public:
    ConflictChecks(std::shared_ptr<Sequence::Shared> shared, qsizetype maxTracked);
    void add(const CheckContext &c) override;
    void clear() override;
    qsizetype tracked() const override;

private:
    // One sender's claim of one name and type: the rdata of one packet.
    struct Claim
    {
        IpAddress source;
        QString interfaceName;
        QString name; // as heard
        quint16 type = 0;
        QList<QByteArray> rdata;        // rdataKey, sorted
        QList<DnsRecord> records;       // the claim's records (for their text)
        QList<IpAddress> hostAddresses; // every A / AAAA in the claim's packet
        quint64 packet = 0;
        qint64 timeNs = 0;
        qint64 expiresNs = 0;
        bool probe = false;    // proposed by a probe (not yet held)
        bool reported = false; // a probe's claim already judged a conflict
    };
    struct Open // a conflict awaiting its outcome
    {
        IpAddress newcomer;
        IpAddress holder;
        QString name; // the finding's
        QString nameKey;
        QString base;
        qint64 timeNs = 0;
        quint64 packet = 0;   // the packet that showed it (no outcome of its own)
        bool byProbe = false; // the newcomer's claim was a probe
        bool reprobed = false;
    };
    struct Chain // one sender's claims of one base name with rising suffixes
    {
        QString lastName; // lowered
        int lastSuffix = -1;
        QList<qint64> times; // the suffixed claims of the chain
    };

    qsizetype claimsOf(const CheckContext &c, const Sequence::PacketFacts &facts, bool probe);
    static void store(Claim &to, const Claim &from);
    bool sameHost(const Claim &a, const Claim &b);
    void judge(const CheckContext &c, const Claim &mine);
    void reportConflict(FindingLog &log, qint64 timeNs, quint64 packet, const Claim &newcomer,
                        const Claim &holder);
    // A probe that met a holder, awaiting the prober's next move.
    struct Pending
    {
        Claim prober;
        Claim holder;
        QList<quint64> defences; // the holder's answers to the probe (its packets too)
    };
    void addPending(const Claim &prober, const Claim &holder);
    static QString textOf(const Claim &claim);
    // Reports the pending probe conflicts the prober lost by `nowNs` (or, with `renamedBy`,
    // every one of that sender whose base name `base` it now claims under another name).
    void settlePending(FindingLog &log, qint64 nowNs, const IpAddress *renamedBy = nullptr,
                       const QString &base = {}, const QString &nameKey = {});
    void advanceTo(qint64 nowNs, FindingLog &log, DeviceBook &devices) override;
    void followUp(const CheckContext &c, const QString &name, bool probe);
    void noteRename(const CheckContext &c, const QString &name);

    std::shared_ptr<Sequence::Shared> m_shared;
    BoundedHash<Sequence::NameType, Claim> m_claims;
    BoundedHash<Sequence::NameType, Claim> m_probes;
    BoundedHash<Sequence::SourceName, Chain> m_chains;
    QList<Open> m_open;
    QList<Pending> m_pending;
    // Addresses found to be one multi-homed host (MultiHomed's rule).
    void joinAddresses(const Claim &c);
    MultiHomed::Hosts m_multiHomed{1024};
    QList<QString> m_names;       // add()'s names of the packet's claims
    QList<Claim> m_scratch;       // claimsOf()'s: the packet's claims are its first ones
    QList<QString> m_scratchKeys; // their names' keys
};

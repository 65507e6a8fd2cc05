#pragma once

#include "SequenceState.h"

// Probing and announcing (RFC 6762 §8), judged per sender and name:
// - `no-probe` (§8.1; warning): a sender whose start was seen multicasts a unique record
//   (cache-flush set; A, AAAA or SRV, so host and service instance names) for a name it
//   never probed. Reverse-mapping names (in-addr.arpa, ip6.arpa) are excepted: responders
//   register them as known-unique without probing.
// - `probe-timing` (§8.1; warning), judged when the probed name is first announced: fewer than
//   3 probes (only when the first probe came at least 1 s after the capture began, so none
//   can have been missed), probes less than 250 ms apart, or the announcement less than
//   250 ms after the last probe; Apple's Bonjour Conformance Test tolerates 5 %, so the
//   limit is 237.5 ms.
// - `announce-timing` (§8.3; warning): fewer than 2 announcements within 3 s of the first
//   (judged once 3 s have passed: on a later packet, advanceTo(), or finish() when the
//   capture went on that long; a goodbye for the name in between excuses it), or the first
//   two less than 1 s apart (5 % slack: 950 ms). Judged for names the sender probed, and for
//   the names a started sender announces without probing.
// - `simultaneous-probe` (§8.2; info): two senders (not one host's two addresses) probe the
//   same name within 750 ms of each other, before either announced it, with different
//   proposed records; the finding (source: the first prober, otherSource: the second) says
//   who wins §8.2's tie-break: the proposed records of each sorted by class, type and rdata
//   (uncompressed), compared pairwise; the lexicographically later data wins.
//
// "Start seen": the first probe or response of a sender in the capture is a probe that
// proposes address records (a responder claiming its host name, which it does when it
// starts), or it is an unsolicited response, at least 10 s after the capture's first packet,
// whose unique answers name only names nobody named before (a device that joined and
// announced without probing). Such a sender is noted started (DeviceBook::noteStarted); the
// others started before the capture and no-probe says nothing about them.
class ProbeChecks final : public CheckModule
{
public:
    ProbeChecks(std::shared_ptr<Sequence::Shared> shared, qsizetype maxTracked);
    void add(const CheckContext &c) override;
    void advanceTo(qint64 nowNs, FindingLog &log, DeviceBook &devices) override;
    void clear() override;
    qsizetype tracked() const override;

private:
    struct Sender
    {
        bool decided = false;
        bool started = false;
    };
    struct Run // one sender's probes and announcements of one name
    {
        QString name;         // as first heard
        QList<qint64> probes; // the first 16
        quint64 firstProbePacket = 0;
        qint64 firstAnnounceNs = 0; // 0: not announced yet
        qint64 lastAnnounceNs = 0;
        quint64 firstAnnouncePacket = 0;
        int announcements = 0;
        bool announceJudged = false;
    };
    struct Proposed
    {
        quint16 rrclass = 0;
        quint16 type = 0;
        QByteArray rdata;
        QString text;
    };
    struct Prober // the latest probe of a name
    {
        IpAddress source;
        qint64 timeNs = 0;
        quint64 packet = 0;
        QList<Proposed> records; // sorted for §8.2
        QList<IpAddress> addresses;
    };
    struct Deadline
    {
        qint64 atNs;
        Sequence::SourceName key;
    };

    void addProbe(const CheckContext &c);
    void addResponse(const CheckContext &c);
    void checkSimultaneous(const CheckContext &c, const QString &key, const QString &name,
                           const Prober &mine);
    void judgeProbes(const CheckContext &c, const Run &run);
    void judgeDeadlines(qint64 nowNs, FindingLog &log);

    std::shared_ptr<Sequence::Shared> m_shared;
    BoundedHash<IpAddress, Sender> m_senders;
    BoundedHash<Sequence::SourceName, Run> m_runs;
    BoundedHash<QString, Prober> m_probers;
    std::deque<Deadline> m_deadlines; // ascending
    qsizetype m_max;
    QList<QString> m_done; // the names a packet's loop handled (addProbe, addResponse)
};

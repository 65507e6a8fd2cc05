#pragma once

#include "LatencyHistogram.h"

#include <QHash>
#include <QList>
#include <QString>

#include <array>
#include <deque>

struct DnsMessage;
struct DnsRecord;
class HostGroups;

// Query -> response latency, paired the way mDNS allows (RFC 6762 §6): never by ID (0 in
// mDNS), but a response answers a question when one of the records of its answer section
// matches the question by name (case-insensitive), type (or the question is ANY) and class
// (or ANY), comes from another host than the querier (HostGroups), and arrives within 1 s of
// the question. Each responder is paired once per question, with its first matching answer;
// several responders to one question each give a sample. Unicast replies (QU questions,
// RFC 6762 §5.4) pair like multicast ones when they are in the capture.
//
// Kept apart by kind: answers to probes (a query with an authority section, RFC 6762 §8.1),
// unique answers (the matching record has the cache-flush bit: expected within 10 ms) and
// shared answers (expected 20–120 ms, §6).
//
// Unanswered: a question is counted unanswered for a responder when, at the time it was asked,
// that responder had been heard (in any response) with a matching record still within its TTL,
// and it did not answer within 1 s: only questions that could have been answered count. When
// every such record of the responder was in the query's known-answer list with at least half
// its TTL (§7.1), the silence is counted as suppressed instead. Overall, a question counts
// once: unanswered when someone could have answered and nobody did, suppressed when every
// such responder was suppressed.
//
// Judged per responder with the Bonjour Conformance Test's bands (see verdict()). Bounded: at
// most `maxPending` questions wait for answers (the oldest is settled early when full), at most
// `maxHeld` heard records are remembered (expired ones are swept; beyond it new ones are not
// remembered, so their questions do not count as answerable). Time from packet timestamps.
// Pipeline thread.
class LatencyTracker final
{
public:
    enum class Kind : quint8 { Shared, Unique, Probe };
    static constexpr int kKinds = 3;
    static constexpr qint64 kWindowNs = 1'000'000'000;

    // Exact counts per band (the histogram's bins do not fall on the band edges).
    enum Band : quint8 {
        // shared answers
        SharedBelow10,  // < 10 ms: fail
        Shared10To20,   // 10–20 ms: warn
        SharedQuarter1, // 20–46.25 ms: pass (the four quarters of 20–125 ms)
        SharedQuarter2, // 46.25–72.5 ms
        SharedQuarter3, // 72.5–98.75 ms
        SharedQuarter4, // 98.75–125 ms
        Shared125To750, // 125–750 ms: warn
        SharedAbove750, // > 750 ms: fail
        // unique answers
        UniqueUpTo10,   // <= 10 ms: pass
        Unique10To750,  // 10–750 ms: warn
        UniqueAbove750, // > 750 ms: fail
        kBandCount
    };

    struct Figures
    {
        LatencyHistogram histogram; // the answers' latencies
        quint64 unanswered = 0;
        // questions() only: the questions answered by someone (the others are unanswered or
        // suppressed, or nobody was expected to answer them).
        quint64 answeredQuestions = 0;
        quint64 suppressed = 0;
        std::array<quint64, kBandCount> bands{};

        quint64 answered() const { return histogram.count(); }
        // unanswered / (answered + unanswered); 0 when neither (for questions():
        // unanswered / (answeredQuestions + unanswered)).
        double unansweredShare() const;
        double questionUnansweredShare() const;
        void merge(const Figures &other);
    };
    struct Stats
    {
        std::array<Figures, kKinds> kinds;
        const Figures &of(Kind k) const { return kinds[size_t(k)]; }
        Figures &of(Kind k) { return kinds[size_t(k)]; }
        void merge(const Stats &other);
        bool isEmpty() const;
    };

    enum class Verdict : quint8 { NotSeen, Pass, Warn, Fail };
    // The Bonjour Conformance Test's bands for one responder. Shared: every answer within
    // 20–125 ms passes; any in 10–20 or 125–750 ms warns; any under 10 or over 750 ms fails;
    // and with at least kMinForQuarters answers in 20–125 ms, a quarter of that range holding
    // under 5 % or over 45 % of them warns (the delay is not random). Unique: any over 10 ms
    // warns, any over 750 ms fails. Probes are not judged (NotSeen). NotSeen without answers.
    static constexpr quint64 kMinForQuarters = 20;
    static Verdict verdict(const Figures &figures, Kind kind);
    // The quarter check alone: true when it applies and a quarter is under 5 % or over 45 %.
    static bool quartersUneven(const Figures &figures);

    struct Limits
    {
        qsizetype maxPending = 4096;
        qsizetype maxHeld = 65536;
    };
    LatencyTracker();
    explicit LatencyTracker(const Limits &limits);

    // One packet at `nowNs` from the address numbered `sender` in `groups` (-1: untracked).
    void add(qint64 nowNs, qsizetype sender, const DnsMessage &message, const HostGroups &groups);
    // Questions older than 1 s at `nowNs` are settled.
    void advanceTo(qint64 nowNs);
    // Every waiting question is settled (the source ended).
    void finish();
    void clear();

    // Per address number (HostGroups), empty for one that neither answered nor was expected to.
    const QList<Stats> &perAddress() const { return m_perAddress; }
    // Question-level unanswered and suppressed counts (the overall latencies are the sum of
    // every responder's).
    const Stats &questions() const { return m_questions; }
    qsizetype pending() const { return qsizetype(m_pending.size()); }
    qsizetype held() const { return m_heldCount; }
    quint64 droppedQuestions() const { return m_droppedQuestions; }
    quint64 droppedRecords() const { return m_droppedRecords; }

private:
    struct Held
    {
        qsizetype address = -1;
        quint16 type = 0;
        quint16 rrclass = 0;
        bool cacheFlush = false;
        quint32 ttl = 0;
        size_t rdata = 0;
        qint64 expiresNs = 0;
    };
    struct Holder
    {
        qsizetype address = -1;
        Kind kind = Kind::Shared;
        bool suppressed = false;
        bool answered = false;
    };
    struct Pending
    {
        quint64 seq = 0;
        QString nameKey;
        quint16 type = 0;
        quint16 qclass = 0;
        bool probe = false;
        qint64 timeNs = 0;
        qsizetype querier = -1;
        bool answered = false;
        Kind answeredKind = Kind::Shared;
        QList<Holder> holders;
        QList<qsizetype> answeredBy;
    };

    void addQuestions(qint64 nowNs, qsizetype sender, const DnsMessage &message,
                      const HostGroups &groups);
    void pairAnswers(qint64 nowNs, qsizetype sender, const DnsMessage &message,
                     const HostGroups &groups);
    void noteHeard(qint64 nowNs, qsizetype sender, const DnsRecord &record);
    void settleFront();
    void sweepHeld(qint64 nowNs);
    Stats &statsOf(qsizetype address);
    static void addSample(Figures &f, Kind kind, qint64 latencyNs);
    static size_t rdataKey(const DnsRecord &record);

    Limits m_limits;
    std::deque<Pending> m_pending; // in time order
    quint64 m_nextSeq = 0;
    QHash<QString, QList<quint64>> m_pendingByName; // sequence numbers, ascending
    QHash<QString, QList<Held>> m_heard;
    qsizetype m_heldCount = 0;
    qint64 m_lastSweepNs = 0;
    QList<Stats> m_perAddress;
    Stats m_questions;
    quint64 m_droppedQuestions = 0;
    quint64 m_droppedRecords = 0;
};

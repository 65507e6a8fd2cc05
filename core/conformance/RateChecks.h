#pragma once

#include "SequenceState.h"

// Rates and known answers, per sender (reflected and duplicate copies are skipped):
// - `record-rate` (RFC 6762 §6; warning): the same record (name, type, rdata) in the answer
//   section of multicast responses of one sender less than 1 s apart, or less than 250 ms
//   apart while defending a probe (some sender probed the name within the last second); 5 %
//   slack (950 ms, 237.5 ms). Goodbyes and additional records are not counted.
// - `query-backoff` (§5.2; warning): one sender asks the same question (name, type) in
//   multicast queries from port 5353 again less than 1 s after the last time, or, while the
//   gaps are still under 5 s (the start of a query sequence), with a gap that is not at least
//   1.5 times the previous one (the RFC asks for doubling; 1.5 and a 5 % slack tolerate
//   jitter); the required gap is capped at 60 min and a pause of over 60 min starts anew.
//   Later gaps are not judged: a steady pace may be a cache refreshing a record at 80-95 % of
//   its TTL (§5.2), which a passive observer cannot tell from a querier that fails to back
//   off. Probes, queries with the TC bit (known answers continued) and legacy queries are
//   excepted.
// - `known-answer-ignored` (§7.1; warning): a responder multicasts a record that the query it
//   answers (the most recent multicast query, from another sender, for that name and type or
//   ANY, within 1 s) listed as a known answer with at least half of the record's TTL left.
class RateChecks final : public CheckModule
{
public:
    RateChecks(std::shared_ptr<Sequence::Shared> shared, qsizetype maxTracked);
    void add(const CheckContext &c) override;
    void clear() override;
    qsizetype tracked() const override;

private:
    struct Asked
    {
        qint64 lastNs = 0;
        qint64 gapNs = 0; // the previous gap; 0 at the start of a sequence
    };
    struct Known
    {
        QString name; // lowered
        quint16 type = 0;
        QByteArray rdata;
        quint32 ttl = 0;
    };
    struct Query
    {
        qint64 timeNs = 0;
        IpAddress source;
        quint64 packet = 0;
        QList<Known> known;
    };
    void addQuery(const CheckContext &c);
    void addResponse(const CheckContext &c);

    std::shared_ptr<Sequence::Shared> m_shared;
    BoundedHash<Sequence::SourceRecord, qint64> m_sent; // last multicast, per sender's record
    BoundedHash<Sequence::SourceRecord, Asked> m_asked; // rdata empty; type: the QTYPE
    BoundedHash<Sequence::NameType, Query> m_queries;   // the latest query per question
};

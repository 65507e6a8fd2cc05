#include "RateChecks.h"

#include "DnsDecoder.h"

using namespace Sequence;

namespace {
constexpr qint64 kMs = 1'000'000;
constexpr qint64 kRecordGapNs = 950 * kMs;            // 1 s less 5 %
constexpr qint64 kDefenseGapNs = 237 * kMs + kMs / 2; // 250 ms less 5 %
constexpr qint64 kDefendingNs = 1000 * kMs;           // a probe this recent is being defended
constexpr qint64 kQueryGapNs = 950 * kMs;
constexpr qint64 kRampNs = 5000 * kMs; // the doubling is judged while gaps are under this
constexpr qint64 kMaxGapNs = 60LL * 60 * 1000 * kMs;
constexpr qint64 kAnsweredNs = 1000 * kMs; // a response answers a query this recent
constexpr qsizetype kMaxKnown = 64;
} // namespace

RateChecks::RateChecks(std::shared_ptr<Shared> shared, qsizetype maxTracked)
    : m_shared(std::move(shared))
    , m_sent(maxTracked)
    , m_asked(maxTracked)
    , m_queries(maxTracked)
{}

void RateChecks::clear()
{
    m_sent.clear();
    m_asked.clear();
    m_queries.clear();
}

void RateChecks::add(const CheckContext &c)
{
    if (m_shared->facts.skip || !c.multicast)
        return;
    if (!c.isResponse())
        addQuery(c);
    else
        addResponse(c);
}

void RateChecks::addQuery(const CheckContext &c)
{
    const DnsMessage &m = c.message;
    const PacketFacts &facts = m_shared->facts;
    if (isProbe(m))
        return;
    // The question's latest query, with its known answers.
    for (qsizetype q = 0; q < m.questions.size(); ++q) {
        const DnsQuestion &question = m.questions[q];
        const QString &name = facts.questionNames[q];
        Query query;
        query.timeNs = c.time();
        query.source = c.packet.source;
        query.packet = c.number;
        for (qsizetype i = 0; i < m.records.size() && query.known.size() < kMaxKnown; ++i) {
            const DnsRecord &r = m.records[i];
            if (r.section != DnsSection::Answer || facts.recordNames[i] != name)
                continue;
            if (question.type != DnsType::ANY && question.type != r.type)
                continue;
            query.known.append({name, r.type, facts.rdataKeys[i], r.ttl});
        }
        m_queries[{name, question.type}] = std::move(query);
    }

    if (!c.fromMdnsPort || m.header.tc)
        return;
    for (qsizetype q = 0; q < m.questions.size(); ++q) {
        const DnsQuestion &question = m.questions[q];
        Asked &asked = m_asked[{c.packet.source, facts.questionNames[q], question.type, {}}];
        const qint64 gap = c.time() - asked.lastNs;
        const bool repeat = asked.lastNs != 0 && gap <= kMaxGapNs + kMaxGapNs / 20;
        if (!repeat) {
            asked = Asked{c.time(), 0};
            continue;
        }
        if (gap < kQueryGapNs) {
            c.reportLazily(
                Rule::QueryBackoff, Severity::Warning, question.name,
                QT_TRANSLATE_NOOP("Conformance",
                                  "%1 asked for %2 %3 again after %4 ms; repeated questions "
                                  "must be at least 1 s apart"),
                [&] {
                    return QStringList{c.packet.source.toString(), question.name,
                                       DnsDecoder::typeName(question.type), ms(gap)};
                },
                question.span);
        } else if (asked.gapNs > 0 && asked.gapNs < kRampNs) {
            const qint64 required = std::min(asked.gapNs * 3 / 2, kMaxGapNs) * 95 / 100;
            if (gap < required) {
                c.reportLazily(
                    Rule::QueryBackoff, Severity::Warning, question.name,
                    QT_TRANSLATE_NOOP("Conformance",
                                      "%1 asked for %2 %3 again after %4 ms, following a "
                                      "gap of %5 ms; the gaps between repeated questions "
                                      "must at least double"),
                    [&] {
                        return QStringList{c.packet.source.toString(), question.name,
                                           DnsDecoder::typeName(question.type), ms(gap),
                                           ms(asked.gapNs)};
                    },
                    question.span);
            }
        }
        asked.gapNs = gap;
        asked.lastNs = c.time();
    }
}

void RateChecks::addResponse(const CheckContext &c)
{
    if (c.isLegacyResponse())
        return;
    const DnsMessage &m = c.message;
    const PacketFacts &facts = m_shared->facts;
    const IpAddress &source = c.packet.source;
    for (qsizetype i = 0; i < m.records.size(); ++i) {
        const DnsRecord &r = m.records[i];
        if (r.section != DnsSection::Answer || r.ttl == 0 || r.type == DnsType::OPT)
            continue;
        const QString &name = facts.recordNames[i];
        const QByteArray &data = facts.rdataKeys[i];

        // record-rate
        qint64 &last = m_sent[{source, name, r.type, data}];
        if (last != 0) {
            const qint64 *probed = m_shared->lastProbeNs.find(name);
            const bool defending = probed && c.time() - *probed <= kDefendingNs;
            const qint64 gap = c.time() - last;
            if (gap < (defending ? kDefenseGapNs : kRecordGapNs)) {
                c.reportLazily(
                    Rule::RecordRate, Severity::Warning, r.name,
                    defending
                        ? QT_TRANSLATE_NOOP("Conformance",
                                            "%1 multicast %2 again after %3 ms; even when "
                                            "defending against a probe 250 ms must pass")
                        : QT_TRANSLATE_NOOP("Conformance",
                                            "%1 multicast %2 again after %3 ms; a record must "
                                            "not be multicast again within 1 s"),
                    [&] {
                        return QStringList{source.toString(), r.name + u' ' + recordText(r),
                                           ms(gap)};
                    },
                    r.span);
            }
        }
        last = c.time();

        // known-answer-ignored: the most recent query for the record within 1 s
        const Query *query = nullptr;
        for (quint16 type : {r.type, quint16(DnsType::ANY)}) {
            const Query *q = m_queries.find({name, type});
            if (q && c.time() - q->timeNs <= kAnsweredNs && (!query || q->timeNs > query->timeNs))
                query = q;
        }
        if (!query || query->source == source)
            continue;
        for (const Known &k : query->known) {
            if (k.type != r.type || k.rdata != data || quint64(k.ttl) * 2 < r.ttl)
                continue;
            c.report(Rule::KnownAnswerIgnored, Severity::Warning, r.name,
                     QT_TRANSLATE_NOOP("Conformance",
                                       "%1 multicast %2 although the query of %3 %4 ms earlier "
                                       "listed it as a known answer with %5 s of its %6 s TTL "
                                       "left"),
                     {source.toString(), r.name + u' ' + recordText(r), query->source.toString(),
                      ms(c.time() - query->timeNs), QString::number(k.ttl), QString::number(r.ttl)},
                     r.span);
            break;
        }
    }
}

qsizetype RateChecks::tracked() const
{
    return std::max({m_sent.size(), m_asked.size(), m_queries.size()});
}

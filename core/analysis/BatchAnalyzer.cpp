#include "BatchAnalyzer.h"

#include "DnsDecoder.h"
#include "PacketPipeline.h"

#include <QHash>
#include <QSet>

#include <ctime>

namespace {

// One sender's claims while a batch is analysed, with the names already taken.
struct ClaimCollector
{
    SenderClaims claims;
    QSet<QString> seenHosts, seenServices;

    void add(SenderTable::NameKind kind, const QString &name)
    {
        const bool host = kind == SenderTable::NameKind::HostName;
        QStringList &list = host ? claims.hostNames : claims.serviceInstances;
        // The table keeps a sender's first kMaxNamesPerSender names; later ones in this
        // batch could never be taken.
        if (list.size() >= SenderTable::kMaxNamesPerSender)
            return;
        QSet<QString> &seen = host ? seenHosts : seenServices;
        if (seen.contains(name))
            return;
        seen.insert(name);
        list.append(name);
    }
};

} // namespace

BatchAnalyzer::BatchAnalyzer(Sink sink, qsizetype summaries)
    : m_sink(std::move(sink))
    , m_summaries(summaries)
{}

bool BatchAnalyzer::consume(const DecodedBatch &batch)
{
    m_sink(analyzeDecoded(batch, m_summaries));
    return true;
}

AnalyzedBatch BatchAnalyzer::analyze(PacketBatch packets, qsizetype summaries)
{
    const qint64 start = threadCpuNs();
    AnalyzedBatch out = analyzeDecoded(PacketPipeline::decode(std::move(packets)), summaries);
    out.analysisNs = threadCpuNs() - start; // with the decode
    return out;
}

qint64 BatchAnalyzer::threadCpuNs()
{
    timespec ts{};
    clock_gettime(CLOCK_THREAD_CPUTIME_ID, &ts);
    return qint64(ts.tv_sec) * 1'000'000'000 + ts.tv_nsec;
}

AnalyzedBatch BatchAnalyzer::analyzeDecoded(const DecodedBatch &batch, qsizetype summaries)
{
    const qint64 start = threadCpuNs();
    AnalyzedBatch out;
    out.packets = batch.packets; // shared, not copied
    const qsizetype n = out.packets.size();
    out.flags.reserve(n);
    const qsizetype summariesFrom = n - std::clamp<qsizetype>(summaries, 0, n);
    out.summaries.reserve(n - summariesFrom);

    QList<ClaimCollector> collectors;
    QHash<IpAddress, qsizetype> collectorOf;
    for (qsizetype i = 0; i < n; ++i) {
        const Packet &p = out.packets.at(i);
        const DnsMessage &m = batch.messages[size_t(i)];
        // The store reads the QR bit from the raw header, so even a cut header has it.
        quint8 flags = 0;
        if (p.data.size() >= 3 && (quint8(p.data.at(2)) & 0x80))
            flags |= AnalyzedBatch::Response;
        if (m.isMalformed())
            flags |= AnalyzedBatch::Malformed;
        out.flags.append(flags);

        const SenderTable::OwnNames names = SenderTable::ownNames(m);
        if (!names.isEmpty()) {
            auto it = collectorOf.constFind(p.source);
            if (it == collectorOf.cend()) {
                it = collectorOf.insert(p.source, collectors.size());
                collectors.append(ClaimCollector{});
                collectors.last().claims.sender = p.source;
            }
            ClaimCollector &c = collectors[it.value()];
            for (const SenderTable::OwnName &name : names)
                c.add(name.kind, *name.name);
        }
        if (i >= summariesFrom)
            out.summaries.append(DnsDecoder::summary(m, DnsDecoder::Language::Translated));
    }
    out.claims.reserve(collectors.size());
    for (ClaimCollector &c : collectors)
        out.claims.append(std::move(c.claims));
    out.analysisNs = threadCpuNs() - start;
    return out;
}

#include "BatchAnalyzer.h"

#include "DecodedPacket.h"
#include "DnsDecoder.h"
#include "PacketPipeline.h"

#include <QHash>
#include <QSet>

#include <ctime>

// One sender's claims while a batch is analysed, with the names already taken.
struct BatchAnalyzer::ClaimCollector
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

BatchAnalyzer::BatchAnalyzer(Sink sink, qsizetype summaries)
    : m_sink(std::move(sink))
    , m_summaries(summaries)
{}

BatchAnalyzer::~BatchAnalyzer() = default;

bool BatchAnalyzer::beginBatch(const PacketBatch &packets, quint64 firstNumber)
{
    Q_UNUSED(firstNumber);
    m_start = threadCpuNs();
    m_out = {};
    m_out.packets = packets; // shared, not copied
    const qsizetype n = packets.size();
    m_out.flags.reserve(n);
    m_summariesFrom = n - std::clamp<qsizetype>(m_summaries, 0, n);
    m_out.summaries.reserve(n - m_summariesFrom);
    m_collectors.clear();
    m_collectorOf.clear();
    return true;
}

bool BatchAnalyzer::consume(const DecodedPacket &decoded)
{
    const Packet &p = decoded.packet;
    const DnsMessage &m = decoded.message;
    // The store reads the QR bit from the raw header, so even a cut header has it.
    quint8 flags = 0;
    if (p.data.size() >= 3 && (quint8(p.data.at(2)) & 0x80))
        flags |= AnalyzedBatch::Response;
    if (m.isMalformed())
        flags |= AnalyzedBatch::Malformed;
    m_out.flags.append(flags);

    const SenderTable::OwnNames names = SenderTable::ownNames(m);
    if (!names.isEmpty()) {
        auto it = m_collectorOf.constFind(p.source);
        if (it == m_collectorOf.cend()) {
            it = m_collectorOf.insert(p.source, m_collectors.size());
            m_collectors.append(ClaimCollector{});
            m_collectors.last().claims.sender = p.source;
        }
        ClaimCollector &c = m_collectors[it.value()];
        for (const SenderTable::OwnName &name : names)
            c.add(name.kind, *name.name);
    }
    if (decoded.index >= m_summariesFrom)
        m_out.summaries.append(DnsDecoder::summary(m, DnsDecoder::Language::Translated));
    return true;
}

bool BatchAnalyzer::endBatch()
{
    m_out.claims.reserve(m_collectors.size());
    for (ClaimCollector &c : m_collectors)
        m_out.claims.append(std::move(c.claims));
    m_collectors.clear();
    m_collectorOf.clear();
    m_out.analysisNs = threadCpuNs() - m_start; // with the pipeline's decode
    m_sink(std::move(m_out));
    m_out = {};
    return true;
}

AnalyzedBatch BatchAnalyzer::analyze(PacketBatch packets, qsizetype summaries)
{
    AnalyzedBatch out;
    BatchAnalyzer analyzer([&out](AnalyzedBatch &&batch) { out = std::move(batch); }, summaries);
    PacketPipeline pipeline;
    pipeline.addConsumer(analyzer);
    pipeline.push(packets);
    return out;
}

qint64 BatchAnalyzer::threadCpuNs()
{
    timespec ts{};
    clock_gettime(CLOCK_THREAD_CPUTIME_ID, &ts);
    return qint64(ts.tv_sec) * 1'000'000'000 + ts.tv_nsec;
}

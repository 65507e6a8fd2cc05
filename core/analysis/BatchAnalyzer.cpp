#include "BatchAnalyzer.h"

#include "DecodedPacket.h"
#include "DnsDecoder.h"
#include "PacketPipeline.h"

#include <QHash>
#include <QSet>

#include <ctime>

// The names one sender already claimed in the batch being analysed.
struct BatchAnalyzer::ClaimCollector
{
    enum Seen : quint8 { ForOther = 0x01, ForItself = 0x02 };
    QHash<QString, quint8> hosts; // Seen bits
    QSet<QString> services;

    // Whether the claim can still change the table after this sender's earlier ones in the
    // batch (the table ignores a repeated one), noting it.
    bool isNew(const SenderTable::OwnName &n)
    {
        const QString &name = *n.name;
        if (n.kind == SenderTable::NameKind::ServiceInstance) {
            // The table keeps a sender's first kMaxNamesPerSender names; later ones in this
            // batch could never be taken.
            if (services.size() >= SenderTable::kMaxNamesPerSender || services.contains(name))
                return false;
            services.insert(name);
            return true;
        }
        const auto it = hosts.find(name);
        if (it == hosts.end()) {
            // A name beyond the bound finds no room in the row's list (which holds at least
            // the bound's worth of this sender's names by then), unless it is there already:
            // then only a self-claim still counts, so those are never left out.
            if (hosts.size() >= SenderTable::kMaxNamesPerSender && !n.selfAddressed)
                return false;
            hosts.insert(name, n.selfAddressed ? ForItself : ForOther);
            return true;
        }
        // Claimed for itself before: nothing left to do. For another address before: only
        // a claim for itself adds anything.
        if ((it.value() & ForItself) || !n.selfAddressed)
            return false;
        it.value() |= ForItself;
        return true;
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

    const SenderTable::OwnNames names = SenderTable::ownNames(m, p.source);
    if (!names.isEmpty()) {
        auto it = m_collectorOf.constFind(p.source);
        if (it == m_collectorOf.cend()) {
            it = m_collectorOf.insert(p.source, m_collectors.size());
            m_collectors.append(ClaimCollector{});
        }
        ClaimCollector &c = m_collectors[it.value()];
        for (const SenderTable::OwnName &name : names) {
            if (!c.isNew(name))
                continue;
            // Claims are applied in the order they were made across senders (which address
            // claimed a name first decides conflicts): a sender's run of new claims is one
            // entry, another sender's claim in between starts the next.
            if (m_out.claims.isEmpty() || m_out.claims.last().sender != p.source) {
                m_out.claims.append(SenderClaims{});
                m_out.claims.last().sender = p.source;
            }
            SenderClaims &run = m_out.claims.last();
            if (name.kind == SenderTable::NameKind::HostName) {
                run.hostNames.append(*name.name);
                run.selfAddressed.append(name.selfAddressed);
            } else {
                run.serviceInstances.append(*name.name);
            }
        }
    }
    if (decoded.index >= m_summariesFrom)
        m_out.summaries.append(DnsDecoder::summary(m, DnsDecoder::Language::Translated));
    return true;
}

bool BatchAnalyzer::endBatch()
{
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

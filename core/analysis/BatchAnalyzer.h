#pragma once

#include "AnalyzedBatch.h"
#include "PacketConsumer.h"

#include <QHash>
#include <QList>

#include <functional>

// What the window needs from each batch, made off the GUI thread as a consumer of the packet
// pipeline: per-packet flags, the names each sender claimed (deduplicated within the batch,
// in the order claimed; see AnalyzedBatch::claims)
// and, for the newest packets, the translated summary. The live capture (in AnalyzerSession's
// "mdnscope-decode" thread) and an opened file (in OpenFileJob) both get their AnalyzedBatch
// from here, so the window shows the same for both. Keeps no state between batches, so a clear
// in the GUI can never race it. Used on the pipeline's thread; analyze() on any thread.
class BatchAnalyzer final : public PacketConsumer
{
public:
    // Enough summaries for the rows a list following the newest packet shows.
    static constexpr qsizetype kSummaries = 64;
    using Sink = std::function<void(AnalyzedBatch &&)>;

    explicit BatchAnalyzer(Sink sink, qsizetype summaries = kSummaries);
    ~BatchAnalyzer() override;
    Q_DISABLE_COPY_MOVE(BatchAnalyzer)

    // PacketConsumer: each batch's result goes to the sink at endBatch().
    bool beginBatch(const PacketBatch &packets, quint64 firstNumber) override;
    bool consume(const DecodedPacket &packet) override;
    bool endBatch() override;

    // Analyses packets through a pipeline of its own (tests, tools, PacketDocument::addBatch).
    static AnalyzedBatch analyze(PacketBatch packets, qsizetype summaries = kSummaries);
    // CPU time of the calling thread (AnalyzedBatch::analysisNs).
    static qint64 threadCpuNs();

private:
    struct ClaimCollector;

    Sink m_sink;
    qsizetype m_summaries;
    // The batch being analysed.
    AnalyzedBatch m_out;
    qsizetype m_summariesFrom = 0;
    QList<ClaimCollector> m_collectors;
    QHash<IpAddress, qsizetype> m_collectorOf;
    qint64 m_start = 0;
};

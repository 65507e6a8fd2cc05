#pragma once

#include "AnalyzedBatch.h"
#include "PacketConsumer.h"

#include <functional>

struct DecodedBatch;

// What the window needs from each batch, made off the GUI thread as a consumer of the packet
// pipeline: per-packet flags, the names each sender claimed (deduplicated within the batch)
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

    // PacketConsumer: analyses the batch and hands the result to the sink.
    bool consume(const DecodedBatch &batch) override;

    static AnalyzedBatch analyzeDecoded(const DecodedBatch &batch,
                                        qsizetype summaries = kSummaries);
    // Decodes (PacketPipeline::decode) and analyses packets outside a pipeline (tests, tools).
    static AnalyzedBatch analyze(PacketBatch packets, qsizetype summaries = kSummaries);
    // CPU time of the calling thread (AnalyzedBatch::analysisNs).
    static qint64 threadCpuNs();

private:
    Sink m_sink;
    qsizetype m_summaries;
};

#include "AnalyzedBatch.h"

#include <algorithm>

void AnalyzedBatch::append(AnalyzedBatch &&later, qsizetype maxSummaries)
{
    if (later.isEmpty())
        return;
    if (isEmpty()) {
        const quint64 keepGeneration = generation;
        const qint64 ns = analysisNs;
        *this = std::move(later);
        generation = std::max(generation, keepGeneration);
        analysisNs += ns;
        return;
    }
    // Our summaries still reach the new tail only when the later batch summarised every one
    // of its packets; otherwise only its own are contiguous with the end.
    if (later.summaries.size() == later.packets.size())
        summaries.append(std::move(later.summaries));
    else
        summaries = std::move(later.summaries);
    if (summaries.size() > maxSummaries)
        summaries.remove(0, summaries.size() - maxSummaries);

    packets.append(std::move(later.packets));
    flags.append(std::move(later.flags));
    claims.append(std::move(later.claims));
    generation = std::max(generation, later.generation);
    analysisNs += later.analysisNs;
}

#include "AnalyzedBatch.h"

#include <QHash>

#include <algorithm>

namespace {
// Upserts `later` (by key) into `into` and takes their keys off `removed`; then the keys
// removed later go off `into` and onto `removed`.
template<typename T>
void mergeEntries(QList<T> &into, QList<T> &&later, QStringList &removed,
                  QStringList &&removedLater)
{
    if (later.isEmpty() && removedLater.isEmpty())
        return;
    QHash<QString, qsizetype> at;
    at.reserve(into.size());
    for (qsizetype i = 0; i < into.size(); ++i)
        at.insert(into.at(i).key, i);
    for (T &entry : later) {
        removed.removeOne(entry.key);
        const auto it = at.constFind(entry.key);
        if (it != at.cend()) {
            into[it.value()] = std::move(entry);
        } else {
            at.insert(entry.key, into.size());
            into.append(std::move(entry));
        }
    }
    if (removedLater.isEmpty())
        return;
    for (const QString &key : removedLater) {
        if (!removed.contains(key))
            removed.append(key);
    }
    into.removeIf([&removedLater](const T &entry) { return removedLater.contains(entry.key); });
}
} // namespace

void appendDirectoryChanges(DirectoryChanges &into, DirectoryChanges &&later)
{
    if (later.reset || into.isEmpty()) {
        const bool reset = into.reset || later.reset;
        into = std::move(later);
        into.reset = reset;
        return;
    }
    if (later.isEmpty()) {
        into.nowNs = std::max(into.nowNs, later.nowNs);
        into.evicted = later.evicted;
        return;
    }
    mergeEntries(into.instances, std::move(later.instances), into.removedInstances,
                 std::move(later.removedInstances));
    mergeEntries(into.hosts, std::move(later.hosts), into.removedHosts,
                 std::move(later.removedHosts));
    mergeEntries(into.types, std::move(later.types), into.removedTypes,
                 std::move(later.removedTypes));
    into.nowNs = std::max(into.nowNs, later.nowNs);
    into.evicted = later.evicted;
}

void AnalyzedBatch::append(AnalyzedBatch &&later, qsizetype maxSummaries)
{
    appendDirectoryChanges(directory, std::move(later.directory));
    appendFindingChanges(findings, std::move(later.findings));
    appendBehaviourChanges(behaviour, std::move(later.behaviour));
    if (later.isEmpty())
        return;
    if (isEmpty()) {
        DirectoryChanges keepDirectory = std::move(directory);
        FindingChanges keepFindings = std::move(findings);
        BehaviourChanges keepBehaviour = std::move(behaviour);
        const quint64 keepGeneration = generation;
        const qint64 ns = analysisNs;
        *this = std::move(later);
        directory = std::move(keepDirectory);
        findings = std::move(keepFindings);
        behaviour = std::move(keepBehaviour);
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

#pragma once

#include "AnalyzedBatch.h"

#include <QObject>

// Decodes live packet batches for display, off the GUI thread: every packet once, without
// field trees, for its flags, the names its sender claims (deduplicated within the batch) and,
// for the newest packets, the translated summary. Keeps no state between batches, so a clear
// in the GUI can never race it. Lives in AnalyzerSession's "mdnscope-decode" thread;
// analyze() itself is a pure function, usable on any thread.
class BatchAnalyzer final : public QObject
{
    Q_OBJECT
public:
    // Enough summaries for the rows a list following the newest packet shows.
    static constexpr qsizetype kSummaries = 64;

    explicit BatchAnalyzer(QObject *parent = nullptr);

    static AnalyzedBatch analyze(PacketBatch packets, qsizetype summaries = kSummaries);

    // In this object's thread: analyses and emits analyzed() with the generation attached.
    // Skips the work when the thread was asked to stop.
    void analyzeBatch(PacketBatch packets, quint64 generation);

Q_SIGNALS:
    void analyzed(const AnalyzedBatch &batch);
};

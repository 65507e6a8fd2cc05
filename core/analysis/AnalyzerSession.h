#pragma once

#include "AnalyzedBatch.h"

#include <QObject>
#include <QThread>

class BatchAnalyzer;

// Owns the live decoding for display: a QThread named "mdnscope-decode" (not subclassed) and
// the BatchAnalyzer moved into it. Batches submitted here are analysed there in order and come
// back as analyzed() in this object's thread. discardInFlight() starts a new generation: a
// batch submitted before it never comes out, so nothing captured before a clear can reappear
// after it. RAII: the destructor asks the thread to stop, skips the batches still queued, and
// waits for the one being analysed. GUI (or main) thread only.
class AnalyzerSession final : public QObject
{
    Q_OBJECT
public:
    explicit AnalyzerSession(QObject *parent = nullptr);
    ~AnalyzerSession() override;
    Q_DISABLE_COPY_MOVE(AnalyzerSession)

    void submit(PacketBatch batch);
    void discardInFlight();
    quint64 generation() const { return m_generation; }
    // Batches of the current generation submitted and not yet emitted.
    int inFlight() const { return m_inFlight; }
    const QThread *analysisThread() const { return &m_thread; }

Q_SIGNALS:
    void analyzed(const AnalyzedBatch &batch); // in submission order

private:
    QThread m_thread;
    BatchAnalyzer *m_analyzer; // lives in m_thread; deleted there when it finishes
    quint64 m_generation = 1;
    int m_inFlight = 0;
};

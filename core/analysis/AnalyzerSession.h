#pragma once

#include "AnalyzedBatch.h"

#include "WorkerThread.h"

#include <QObject>

class PacketConsumer;

// The window's packet pipeline, off the GUI thread: a WorkerThread named "mdnscope-decode"
// running a PacketPipeline whose first consumer is the BatchAnalyzer. Batches
// submitted here are decoded once there, in order, handed to every consumer, and come back
// analysed as analyzed() in this object's thread. Further consumers (analyses with views of
// their own) are added with addConsumer() before the first batch; they run on that thread.
// discardInFlight() starts a new generation: a batch submitted before it never comes out,
// so nothing captured before a clear can reappear after it, and numbering starts again.
// RAII (WorkerThread): the destructor asks the thread to stop, skips the batches still
// queued, and waits for the one being decoded. GUI (or main) thread only.
//
// The service directory: the decode thread also feeds a ServiceDirectory (a DirectoryConsumer
// in the pipeline); an analysed batch carries what changed in it (AnalyzedBatch::directory),
// the snapshots taken at most every 100 ms: what a batch changed within that time comes with
// a later batch or, within 100 ms, as directoryTicked().
// A new generation clears it, so nothing from before a clear comes back. While live
// (setLive(true)) the directory's time also moves on with the wall clock (the live packets'
// timestamps are CLOCK_REALTIME, so the clock is packet time) once a second without packets,
// for expiries, goodbyes and cache flushes: what that changes comes as directoryTicked().
//
// The conformance checker: beside the directory, the decode thread feeds a ConformanceChecker
// (a CheckerConsumer); its changes ride on the batch (AnalyzedBatch::findings) with the
// directory's snapshots, paced the same way, or come as findingsTicked(); a live tick moves
// its clock on too (advanceTo), and a new generation clears it.
//
// The behaviour model (latency per responder, top talkers; issue #16): a BehaviourModel fed
// by a BehaviourConsumer after the checker, its changes (BehaviourChanges) riding on the batch
// (AnalyzedBatch::behaviour) with the directory's snapshots or coming as behaviourTicked();
// the live tick moves its clock on, a new generation clears it.
class AnalyzerSession final : public QObject
{
    Q_OBJECT
public:
    explicit AnalyzerSession(QObject *parent = nullptr);
    ~AnalyzerSession() override;
    Q_DISABLE_COPY_MOVE(AnalyzerSession)

    // Before the first submit(); the consumer must outlive this session.
    void addConsumer(PacketConsumer &consumer);
    void submit(PacketBatch batch);
    void discardInFlight();
    // Ticks the directory with the wall clock once a second while on (a capture runs).
    void setLive(bool on);
    quint64 generation() const { return m_generation; }
    // Batches of the current generation submitted and not yet emitted.
    int inFlight() const { return m_inFlight; }
    const QThread *analysisThread() const { return m_thread.thread(); }

Q_SIGNALS:
    void analyzed(const AnalyzedBatch &batch); // in submission order
    // Directory changes not carried by a batch (left over from the last batches, or made by
    // time passing while live), current generation only.
    void directoryTicked(const DirectoryChanges &changes);
    // The same for the conformance checker's findings and scorecard.
    void findingsTicked(const FindingChanges &changes);
    // The same for the behaviour model's latency and talkers.
    void behaviourTicked(const BehaviourChanges &changes);

private:
    class Worker;
    Worker *m_worker; // lives in m_thread, which owns it
    WorkerThread m_thread;
    quint64 m_generation = 1;
    int m_inFlight = 0;
};

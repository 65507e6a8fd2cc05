#include "AnalyzerSession.h"

#include "BatchAnalyzer.h"
#include "BehaviourConsumer.h"
#include "BehaviourModel.h"
#include "CheckerConsumer.h"
#include "ConformanceChecker.h"
#include "DirectoryConsumer.h"
#include "PacketPipeline.h"
#include "ServiceDirectory.h"

#include <QElapsedTimer>
#include <QMetaObject>
#include <QThread>
#include <QTimer>

#include <chrono>

using namespace Qt::StringLiterals;

namespace {
constexpr int kTickMs = 1000;
// The directory's snapshots are taken at most this often (the controller publishes ten times
// a second): each names every instance changed since the last, so taking them per batch
// (twenty a second at 20,000 packets/s) cost the decode thread twice the snapshots.
constexpr int kSnapshotMs = 100;

qint64 wallClockNs()
{
    return std::chrono::duration_cast<std::chrono::nanoseconds>(
               std::chrono::system_clock::now().time_since_epoch())
        .count();
}
} // namespace

// Lives in the decode thread: the pipeline, its analyzer, and the generation whose batches it
// is numbering. Emits each analysed batch with its generation attached.
class AnalyzerSession::Worker final : public QObject
{
    Q_OBJECT
public:
    Worker()
        : m_analyzer([this](AnalyzedBatch &&batch) { m_out = std::move(batch); })
        , m_directoryFeed(m_directory)             // no sink: snapshots are taken here, paced
        , m_checkerFeed(m_checker)                 // its changes are taken with the directory's
        , m_behaviourFeed(m_behaviour, &m_checker) // so are the behaviour model's
        , m_tick(new QTimer(this))
        , m_flush(new QTimer(this))
    {
        m_pipeline.addConsumer(m_analyzer);
        m_pipeline.addConsumer(m_directoryFeed);
        m_pipeline.addConsumer(m_checkerFeed);
        m_pipeline.addConsumer(m_behaviourFeed); // after the checker (its findings as events)
        m_tick->setInterval(kTickMs);
        connect(m_tick, &QTimer::timeout, this, &Worker::tick);
        m_flush->setSingleShot(true);
        m_flush->setInterval(kSnapshotMs);
        connect(m_flush, &QTimer::timeout, this, &Worker::flush);
    }

    void setLive(bool on)
    {
        if (on)
            m_tick->start();
        else
            m_tick->stop();
    }

    void tick()
    {
        if (m_directory.now() == 0) // nothing heard in this generation yet
            return;
        const qint64 now = wallClockNs();
        m_directoryFeed.tick(now);
        m_checker.advanceTo(now); // the rules that wait (expiry, announcements never made)
        m_behaviour.advanceTo(now, &m_checker); // questions waiting, expiries, late findings
        flush();
    }

    // Changes not taken with a batch (or made by time passing) go out on their own.
    void flush()
    {
        m_flush->stop();
        if (!hasChanges())
            return;
        m_lastSnapshot.start();
        if (m_directory.hasChanges())
            Q_EMIT directoryTicked(m_directory.takeChanges(), m_generation);
        if (m_checker.hasChanges())
            Q_EMIT findingsTicked(m_checker.takeChanges(), m_generation);
        if (m_behaviour.hasChanges())
            Q_EMIT behaviourTicked(m_behaviour.takeChanges(), m_generation);
    }

    PacketPipeline &pipeline() { return m_pipeline; }
    bool hasChanges() const
    {
        return m_directory.hasChanges() || m_checker.hasChanges() || m_behaviour.hasChanges();
    }

    void process(PacketBatch packets, quint64 generation)
    {
        if (QThread::currentThread()->isInterruptionRequested())
            return;
        const bool newGeneration = generation != m_generation;
        if (newGeneration) { // a clear: numbering starts again
            m_generation = generation;
            m_pipeline.restartNumbering();
            m_directory.clear();
            m_checker.clear();
            m_behaviour.clear();
        }
        const qint64 start = BatchAnalyzer::threadCpuNs();
        // Live packets get their numbers here (a file's carry theirs), so the window's store,
        // which keeps these packets, shows the numbers the analyses saw.
        m_pipeline.number(packets);
        m_pipeline.push(std::move(packets));
        AnalyzedBatch batch = std::move(m_out);
        m_out = {};
        // The directory's and the checker's changes ride on the batch, at most every
        // kSnapshotMs (always the first of a generation: it says reset); the rest follow by
        // flush() within that time.
        if (hasChanges()) {
            if (newGeneration || !m_lastSnapshot.isValid() ||
                m_lastSnapshot.elapsed() >= kSnapshotMs) {
                m_flush->stop();
                m_lastSnapshot.start();
                if (m_directory.hasChanges())
                    batch.directory = m_directory.takeChanges();
                if (m_checker.hasChanges())
                    batch.findings = m_checker.takeChanges();
                if (m_behaviour.hasChanges())
                    batch.behaviour = m_behaviour.takeChanges();
            } else if (!m_flush->isActive()) {
                m_flush->start();
            }
        }
        batch.generation = generation;
        batch.analysisNs = BatchAnalyzer::threadCpuNs() - start; // decode, analysis, consumers
        Q_EMIT analyzed(batch);
    }

Q_SIGNALS:
    void analyzed(const AnalyzedBatch &batch);
    void directoryTicked(const DirectoryChanges &changes, quint64 generation);
    void findingsTicked(const FindingChanges &changes, quint64 generation);
    void behaviourTicked(const BehaviourChanges &changes, quint64 generation);

private:
    PacketPipeline m_pipeline;
    BatchAnalyzer m_analyzer;
    ServiceDirectory m_directory;
    DirectoryConsumer m_directoryFeed;
    ConformanceChecker m_checker;
    CheckerConsumer m_checkerFeed;
    BehaviourModel m_behaviour;
    BehaviourConsumer m_behaviourFeed;
    QTimer *m_tick;  // children: live in the decode thread with this worker
    QTimer *m_flush; // changes left over from the last batch, within kSnapshotMs
    QElapsedTimer m_lastSnapshot;
    AnalyzedBatch m_out;
    quint64 m_generation = 0;
};

AnalyzerSession::AnalyzerSession(QObject *parent)
    : QObject(parent)
    , m_worker(new Worker)
    , m_thread(u"mdnscope-decode"_s, m_worker)
{
    qRegisterMetaType<Packet>();
    qRegisterMetaType<PacketBatch>();
    qRegisterMetaType<AnalyzedBatch>();
    qRegisterMetaType<DirectoryChanges>();
    qRegisterMetaType<FindingChanges>();
    qRegisterMetaType<BehaviourChanges>();

    connect(
        m_worker, &Worker::analyzed, this,
        [this](const AnalyzedBatch &batch) {
            // An older generation's batch was already taken off the count when it was
            // discarded.
            if (batch.generation != m_generation)
                return;
            --m_inFlight;
            Q_EMIT analyzed(batch);
        },
        Qt::QueuedConnection);
    connect(
        m_worker, &Worker::directoryTicked, this,
        [this](const DirectoryChanges &changes, quint64 generation) {
            if (generation == m_generation)
                Q_EMIT directoryTicked(changes);
        },
        Qt::QueuedConnection);
    connect(
        m_worker, &Worker::findingsTicked, this,
        [this](const FindingChanges &changes, quint64 generation) {
            if (generation == m_generation)
                Q_EMIT findingsTicked(changes);
        },
        Qt::QueuedConnection);
    connect(
        m_worker, &Worker::behaviourTicked, this,
        [this](const BehaviourChanges &changes, quint64 generation) {
            if (generation == m_generation)
                Q_EMIT behaviourTicked(changes);
        },
        Qt::QueuedConnection);
}

AnalyzerSession::~AnalyzerSession() = default;

void AnalyzerSession::setLive(bool on)
{
    m_thread.ensureStarted();
    QMetaObject::invokeMethod(
        m_worker, [worker = m_worker, on] { worker->setLive(on); }, Qt::QueuedConnection);
}

void AnalyzerSession::addConsumer(PacketConsumer &consumer)
{
    Q_ASSERT(!m_thread.isRunning());
    m_worker->pipeline().addConsumer(consumer);
}

void AnalyzerSession::submit(PacketBatch batch)
{
    if (batch.isEmpty())
        return;
    m_thread.ensureStarted();
    ++m_inFlight;
    QMetaObject::invokeMethod(
        m_worker,
        [worker = m_worker, batch = std::move(batch), generation = m_generation]() mutable {
            worker->process(std::move(batch), generation);
        },
        Qt::QueuedConnection);
}

void AnalyzerSession::discardInFlight()
{
    ++m_generation;
    m_inFlight = 0;
}

#include "AnalyzerSession.moc"

#include "AnalyzerSession.h"

#include "BatchAnalyzer.h"
#include "PacketPipeline.h"

#include <QMetaObject>
#include <QThread>

using namespace Qt::StringLiterals;

// Lives in the decode thread: the pipeline, its analyzer, and the generation whose batches it
// is numbering. Emits each analysed batch with its generation attached.
class AnalyzerSession::Worker final : public QObject
{
    Q_OBJECT
public:
    Worker()
        : m_analyzer([this](AnalyzedBatch &&batch) { m_out = std::move(batch); })
    {
        m_pipeline.addConsumer(m_analyzer);
    }

    PacketPipeline &pipeline() { return m_pipeline; }

    void process(PacketBatch packets, quint64 generation)
    {
        if (QThread::currentThread()->isInterruptionRequested())
            return;
        if (generation != m_generation) { // a clear: numbering starts again
            m_generation = generation;
            m_pipeline.restartNumbering();
        }
        const qint64 start = BatchAnalyzer::threadCpuNs();
        m_pipeline.push(std::move(packets));
        AnalyzedBatch batch = std::move(m_out);
        m_out = {};
        batch.generation = generation;
        batch.analysisNs = BatchAnalyzer::threadCpuNs() - start; // decode, analysis, consumers
        Q_EMIT analyzed(batch);
    }

Q_SIGNALS:
    void analyzed(const AnalyzedBatch &batch);

private:
    PacketPipeline m_pipeline;
    BatchAnalyzer m_analyzer;
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
}

AnalyzerSession::~AnalyzerSession() = default;

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

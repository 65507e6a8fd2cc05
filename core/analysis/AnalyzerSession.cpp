#include "AnalyzerSession.h"

#include "BatchAnalyzer.h"

#include <QMetaObject>

using namespace Qt::StringLiterals;

AnalyzerSession::AnalyzerSession(QObject *parent)
    : QObject(parent)
    , m_analyzer(new BatchAnalyzer)
{
    qRegisterMetaType<Packet>();
    qRegisterMetaType<PacketBatch>();
    qRegisterMetaType<AnalyzedBatch>();

    m_thread.setObjectName(u"mdnscope-decode"_s);
    m_analyzer->moveToThread(&m_thread);
    connect(&m_thread, &QThread::finished, m_analyzer, &QObject::deleteLater);
    connect(
        m_analyzer, &BatchAnalyzer::analyzed, this,
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

AnalyzerSession::~AnalyzerSession()
{
    if (!m_thread.isRunning()) {
        delete m_analyzer; // never started: it still belongs to no running thread
        return;
    }
    // The queued batches are skipped; the one being decoded (a few ms) is waited for. Its
    // result, posted to this object, dies with it.
    m_thread.requestInterruption();
    m_thread.quit();
    m_thread.wait();
}

void AnalyzerSession::submit(PacketBatch batch)
{
    if (batch.isEmpty())
        return;
    if (!m_thread.isRunning())
        m_thread.start();
    ++m_inFlight;
    QMetaObject::invokeMethod(
        m_analyzer,
        [analyzer = m_analyzer, batch = std::move(batch), generation = m_generation]() mutable {
            analyzer->analyzeBatch(std::move(batch), generation);
        },
        Qt::QueuedConnection);
}

void AnalyzerSession::discardInFlight()
{
    ++m_generation;
    m_inFlight = 0;
}

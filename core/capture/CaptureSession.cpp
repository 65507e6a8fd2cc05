#include "CaptureSession.h"

#include "CaptureWorker.h"

#include <QMetaObject>

using namespace Qt::StringLiterals;

CaptureSession::CaptureSession(QObject *parent)
    : QObject(parent)
    , m_worker(new CaptureWorker)
    , m_thread(u"mdnscope-capture"_s, m_worker)
{
    m_worker->enableFlowControl();
    qRegisterMetaType<CaptureConfig>();
    qRegisterMetaType<CaptureError>();
    qRegisterMetaType<CaptureMembership>();
    qRegisterMetaType<InterfaceChange>();
    qRegisterMetaType<CaptureStats>();
    qRegisterMetaType<Packet>();
    qRegisterMetaType<PacketBatch>();

    connect(m_worker, &CaptureWorker::started, this, &CaptureSession::started,
            Qt::QueuedConnection);
    connect(m_worker, &CaptureWorker::interfaceChanged, this, &CaptureSession::interfaceChanged,
            Qt::QueuedConnection);
    connect(
        m_worker, &CaptureWorker::packetsReceived, this,
        [this](const PacketBatch &batch) {
            Q_EMIT packetsReceived(batch);
            // The receivers' slots have run: the worker may drain for one more batch.
            m_worker->batchConsumed();
        },
        Qt::QueuedConnection);
    connect(m_worker, &CaptureWorker::statsUpdated, this, &CaptureSession::statsUpdated,
            Qt::QueuedConnection);
    connect(m_worker, &CaptureWorker::errorOccurred, this, &CaptureSession::errorOccurred,
            Qt::QueuedConnection);
    connect(
        m_worker, &CaptureWorker::stopped, this,
        [this] {
            m_active = std::max(0, m_active - 1);
            Q_EMIT stopped();
        },
        Qt::QueuedConnection);
}

CaptureSession::~CaptureSession()
{
    // Ending the event loop (m_thread's destructor) is enough: the worker's destructor, run in
    // the capture thread, closes the socket and frees the pool. No signal reaches us now.
    if (m_thread.isRunning())
        m_worker->requestStop();
}

void CaptureSession::start(const CaptureConfig &config)
{
    m_thread.ensureStarted();
    ++m_active;
    m_worker->setPooling(config.pooling);
    QMetaObject::invokeMethod(
        m_worker, [worker = m_worker, config] { worker->start(config); }, Qt::QueuedConnection);
}

void CaptureSession::stop()
{
    if (m_active == 0)
        return;
    m_worker->requestStop();
    QMetaObject::invokeMethod(m_worker, &CaptureWorker::stop, Qt::QueuedConnection);
}

void CaptureSession::setPooling(bool on)
{
    m_worker->setPooling(on);
}

QList<MulticastInterface> CaptureSession::multicastInterfaces()
{
    return MulticastInterfaces::list();
}

#include "CaptureSession.h"

#include "CaptureWorker.h"
#include "UdpV4Transport.h"

#include <QMetaObject>

using namespace Qt::StringLiterals;

CaptureSession::CaptureSession(QObject *parent)
    : QObject(parent)
    , m_worker(new CaptureWorker)
{
    qRegisterMetaType<CaptureConfig>();
    qRegisterMetaType<CaptureError>();
    qRegisterMetaType<CaptureStats>();
    qRegisterMetaType<Packet>();
    qRegisterMetaType<PacketBatch>();

    m_thread.setObjectName(u"mdnscope-capture"_s);
    m_worker->moveToThread(&m_thread);
    // The worker dies in its own thread, after the event loop ended.
    connect(&m_thread, &QThread::finished, m_worker, &QObject::deleteLater);

    connect(m_worker, &CaptureWorker::started, this, &CaptureSession::started,
            Qt::QueuedConnection);
    connect(m_worker, &CaptureWorker::packetsReceived, this, &CaptureSession::packetsReceived,
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
    if (!m_thread.isRunning()) {
        delete m_worker; // never started: it still belongs to no running thread
        return;
    }
    // Ending the event loop is enough: the worker's destructor (run in the capture thread by
    // the deleteLater above) closes the socket and frees the pool. No signal reaches us now.
    m_worker->requestStop();
    m_thread.quit();
    m_thread.wait();
}

void CaptureSession::start(const CaptureConfig &config)
{
    if (!m_thread.isRunning())
        m_thread.start();
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

QStringList CaptureSession::multicastInterfaces()
{
    QStringList names;
    const QList<MulticastInterface> list = UdpV4Transport::multicastInterfaces();
    for (const MulticastInterface &i : list)
        names.append(i.name);
    return names;
}

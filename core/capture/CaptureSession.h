#pragma once

#include "CaptureTypes.h"
#include "MulticastInterfaces.h"
#include "Packet.h"
#include "WorkerThread.h"

#include <QList>
#include <QObject>

class CaptureWorker;

// Owns a live capture from the GUI (or main) thread: the CaptureWorker in its WorkerThread
// "mdnscope-capture". start() and stop() are asynchronous;
// the worker's signals arrive here over queued connections and are re-emitted in this
// object's thread. RAII: the destructor stops the capture, quits the thread and waits for it.
// GUI (or main) thread only, except multicastInterfaces() (any thread).
class CaptureSession final : public QObject
{
    Q_OBJECT

public:
    explicit CaptureSession(QObject *parent = nullptr);
    ~CaptureSession() override;
    Q_DISABLE_COPY_MOVE(CaptureSession)

    void start(const CaptureConfig &config); // a running capture ends first (stopped() for it)
    void stop();                             // stopped() follows within 200 ms
    bool isRunning() const { return m_active > 0; }
    void setPooling(bool on); // live, while capturing
    // Up, multicast-capable interfaces and their address families (MulticastInterfaces::list()).
    static QList<MulticastInterface> multicastInterfaces();

Q_SIGNALS:
    void started(const CaptureMembership &membership);
    void interfaceChanged(const InterfaceChange &change); // every-interface captures only
    void packetsReceived(const PacketBatch &batch); // batches <= batchMaxPackets or <= batchMaxMs
    void statsUpdated(const CaptureStats &stats);
    void errorOccurred(const CaptureError &error); // after a fatal error, stopped() follows
    void stopped();

private:
    CaptureWorker *m_worker; // lives in m_thread, which owns it
    WorkerThread m_thread;
    int m_active = 0; // captures started and not yet reported stopped
};

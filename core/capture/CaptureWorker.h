#pragma once

#include "BufferPool.h"
#include "CaptureTypes.h"
#include "Packet.h"
#include "UdpTransport.h"

#include <QElapsedTimer>
#include <QObject>
#include <QStringList>

#include <array>
#include <atomic>
#include <memory>
#include <vector>

class InterfaceWatcher;
class QSocketNotifier;
class QTimer;

// The capture loop. Lives in the capture thread (moved there by CaptureSession; never a
// QThread subclass) and owns the BufferPool and one UdpTransport per captured address family
// (IPv4, IPv6 or both, sharing the pool and the batches), all created there at start(). When
// both families are asked for and one cannot be captured (no interface with an IPv6 address,
// IPv6 off in the kernel), it captures the other and says why in the membership's notes.
// Capturing on every interface, it follows the interfaces as they come, get addresses, go down
// or away (InterfaceWatcher), joining and leaving the groups and reporting each change.
// It is event-driven: a QSocketNotifier per socket wakes it when datagrams are queued, each wake
// drains a bounded number of them and returns to the event loop, so a queued stop() runs
// within one drain. Under load it coalesces wake-ups: when datagrams arrive faster than one
// per 2 ms and a drain emptied the queue, the thread rests for 1 ms before it returns to the
// event loop (a sleep: re-arming notifiers and a timer would allocate at every wake-up), and the
// next drain takes what gathered meanwhile (fewer wake-ups and system calls per datagram, full
// recvmmsg batches); on a quiet network every datagram is taken at once. While maxBatchesInFlight
// batches wait to be consumed it does not drain at all (checking again every 1 ms), so a
// slow consumer bounds this process's memory and the kernel counts what it cannot hold. Packets
// leave in batches bounded by count and time, a statistics snapshot leaves at a fixed interval
// (sampled on this thread, so the thread's own allocation counts are exact), failures leave as
// CaptureError values. No lease outlives a drain. Pooled, the datagrams are copied into slabs
// (PacketSlabWriter), sealed before each batch leaves, and a batch's list is filled again once
// its receivers let go of it (a list still held at the next statistics interval is let go
// of), so a steady pooled capture allocates a slab per many packets and nothing per batch.
//
// start() / stop() are slots for queued calls; requestStop() and setPooling() may be called
// from any thread.
class CaptureWorker final : public QObject
{
    Q_OBJECT

public:
    explicit CaptureWorker(QObject *parent = nullptr);
    ~CaptureWorker() override;
    Q_DISABLE_COPY_MOVE(CaptureWorker)

    // Any thread: cuts the current drain short; the queued stop() does the rest.
    void requestStop() { m_stopRequested.store(true, std::memory_order_release); }
    // Any thread: takes effect at the next receive.
    void setPooling(bool on) { m_pooling.store(on, std::memory_order_release); }
    bool pooling() const { return m_pooling.load(std::memory_order_acquire); }
    // Before start(): from now on the owner reports each batch it consumed with
    // batchConsumed(), and the worker keeps at most maxBatchesInFlight unconsumed (CaptureSession
    // does; a worker used on its own has no such bound).
    void enableFlowControl() { m_flowControl = true; }
    // Any thread: a batch from packetsReceived() was consumed.
    void batchConsumed() { m_inFlight.fetch_sub(1, std::memory_order_acq_rel); }

public Q_SLOTS:
    // Ends a capture already running (stopped() for it first), then starts this one.
    // config.pooling is not read here: call setPooling() before queuing start().
    void start(const CaptureConfig &config);
    // Flushes the last batch, closes the socket, emits the final statistics and stopped().
    // Does nothing when no capture is running.
    void stop();

Q_SIGNALS:
    void started(const CaptureMembership &membership);
    // A capture on every interface joined or left an interface's group.
    void interfaceChanged(const InterfaceChange &change);
    void packetsReceived(const PacketBatch &batch);
    void statsUpdated(const CaptureStats &stats);
    void errorOccurred(const CaptureError &error);
    void stopped();

private:
    struct Socket
    {
        std::unique_ptr<UdpTransport> transport;
        QSocketNotifier *notifier = nullptr;
    };

    void onReadable(Socket &socket);
    void onCoalesced();
    void onInterfacesChanged();
    void setNotifiersEnabled(bool on);
    void flushBatch();
    void emitStats();
    void fail(const CaptureError &error);
    void teardown(); // closes and frees everything; emits nothing

    CaptureConfig m_config;
    std::unique_ptr<BufferPool> m_pool;
    std::array<Socket, kIpFamilies> m_sockets; // by familyIndex(); a family not captured has none
    bool m_running = false;
    InterfaceWatcher *m_watcher = nullptr; // capturing on every interface only
    quint64 m_joins = 0, m_leaves = 0;
    QTimer *m_batchTimer = nullptr;
    QTimer *m_statsTimer = nullptr;
    QTimer *m_coalesceTimer = nullptr; // re-enables the notifiers after a rest
    qint64 m_lastWakeNs = 0;
    quint64 m_wakeups = 0;
    // A batch list to fill: a spare whose receivers are done, emptied, or a new one.
    void takeBatchList(qsizetype want);
    // Empties the spares no receiver holds any more (their packets go now, and with the last
    // of them their slabs) and lets go of those a receiver still held at the sweep before
    // (it keeps the list: it is its own now). Runs at each statistics interval.
    void sweepSpares();

    struct Spare
    {
        PacketBatch list;
        bool heldAtLastSweep = false;
    };

    PacketBatch m_batch;
    // The lists of the batches emitted last, kept to be filled again once every receiver let
    // go of them, so a steady capture allocates no list per batch: up to maxBatchesInFlight + 2.
    std::vector<Spare> m_spares;
    qsizetype m_lastBatchSize = 0;
    QElapsedTimer m_clock;
    qint64 m_lastStatsMs = 0;
    quint64 m_lastPackets = 0, m_lastBytes = 0;
    std::atomic_bool m_stopRequested{false};
    std::atomic<int> m_inFlight{0}; // batches emitted and not yet consumed
    bool m_flowControl = false;
    std::atomic_bool m_pooling{true};
};

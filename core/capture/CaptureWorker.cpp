#include "CaptureWorker.h"

#include "AllocationProbe.h"
#include "InterfaceWatcher.h"

#include <QSocketNotifier>
#include <QTimer>

#include <algorithm>
#include <ctime>
#include <utility>

using namespace Qt::StringLiterals;

namespace {
// Datagrams drained per wake-up at most, so queued calls (stop, pooling) wait for at most
// one short drain.
constexpr qsizetype kMaxDrain = 256;
// Wake-up coalescing: a wake within kBusyGapNs of the previous one means datagrams arrive
// faster than the event loop should wake for them one by one; the thread then rests for
// kRestMs after a drain that emptied the queue. The socket buffer (SO_RCVBUF, 4 MiB asked)
// holds far more than 1 ms of traffic, and batches already wait up to batchMaxMs.
constexpr qint64 kBusyGapNs = 2'000'000;
constexpr int kRestMs = 1;
// A batch this large (or larger) means load: a spare list grows to the largest batch at once.
constexpr qsizetype kLoadedBatch = 64;
} // namespace

CaptureWorker::CaptureWorker(QObject *parent)
    : QObject(parent)
    , m_batchTimer(new QTimer(this))
    , m_statsTimer(new QTimer(this))
    , m_coalesceTimer(new QTimer(this))
{
    // Children move with the worker to its thread.
    m_batchTimer->setSingleShot(true);
    m_batchTimer->setTimerType(Qt::PreciseTimer);
    connect(m_batchTimer, &QTimer::timeout, this, &CaptureWorker::flushBatch);
    connect(m_statsTimer, &QTimer::timeout, this, &CaptureWorker::emitStats);
    m_coalesceTimer->setSingleShot(true);
    m_coalesceTimer->setTimerType(Qt::PreciseTimer);
    connect(m_coalesceTimer, &QTimer::timeout, this, &CaptureWorker::onCoalesced);
}

CaptureWorker::~CaptureWorker()
{
    teardown();
}

void CaptureWorker::start(const CaptureConfig &config)
{
    if (m_running)
        stop();
    m_stopRequested.store(false, std::memory_order_release);
    // config.pooling is applied by whoever queues start() (CaptureSession::start), so that a
    // setPooling() made between that and this call is not lost.
    m_config = config;
    m_config.batchMaxPackets = std::max(1, config.batchMaxPackets);
    m_config.batchMaxMs = std::max(1, config.batchMaxMs);
    m_config.statsIntervalMs = std::max(10, config.statsIntervalMs);
    m_config.maxBatchesInFlight = std::max(1, config.maxBatchesInFlight);

    m_pool = std::make_unique<BufferPool>(config.maxIdleBuffers);
    CaptureMembership membership;
    std::optional<CaptureError> firstError;
    for (const IpFamily family : {IpFamily::V4, IpFamily::V6}) {
        if (!m_config.captures(family))
            continue;
        auto transport = std::make_unique<UdpTransport>(*m_pool, family);
        if (const std::optional<CaptureError> error = transport->open(m_config)) {
            if (!firstError)
                firstError = error;
            //: %1: IPv4 or IPv6, %2: why it cannot be captured
            membership.notes.append(
                tr("%1 is not captured: %2").arg(familyName(family), error->toString()));
            continue;
        }
        membership.interfaces[familyIndex(family)] = transport->joinedInterfaces();
        m_sockets[familyIndex(family)].transport = std::move(transport);
    }
    const bool any = std::any_of(m_sockets.cbegin(), m_sockets.cend(),
                                 [](const Socket &s) { return s.transport != nullptr; });
    if (!any) {
        teardown();
        Q_EMIT errorOccurred(firstError.value_or(
            CaptureError{tr("open socket"), 0, tr("no address family is selected")}));
        Q_EMIT stopped();
        return;
    }
    m_running = true;
    m_batch = PacketBatch();
    m_lastBatchSize = 0;
    m_lastStatsMs = 0;
    m_lastPackets = m_lastBytes = 0;
    m_clock.start();
    m_lastWakeNs = -kBusyGapNs;
    m_wakeups = 0;
    m_joins = m_leaves = 0;

    for (Socket &socket : m_sockets) {
        if (!socket.transport)
            continue;
        socket.notifier = new QSocketNotifier(qintptr(socket.transport->socketDescriptor()),
                                              QSocketNotifier::Read, this);
        connect(socket.notifier, &QSocketNotifier::activated, this,
                [this, &socket] { onReadable(socket); });
    }
    if (m_config.interfaceName.isEmpty()) {
        // A family that could not start stays off: only the running sockets follow interfaces.
        m_watcher = new InterfaceWatcher(this);
        connect(m_watcher, &InterfaceWatcher::changed, this, &CaptureWorker::onInterfacesChanged);
        m_watcher->start();
    }
    m_statsTimer->start(m_config.statsIntervalMs);
    Q_EMIT started(membership);
    // An interface may have come between the list each transport joined and the watcher's
    // start: look once more.
    if (m_watcher)
        onInterfacesChanged();
}

void CaptureWorker::stop()
{
    if (!m_running)
        return;
    setNotifiersEnabled(false);
    m_coalesceTimer->stop();
    flushBatch();
    for (Socket &socket : m_sockets) {
        if (socket.transport)
            socket.transport->close(); // no receive is running: every lease is back
    }
    emitStats(); // final figures, pool inUse == 0
    teardown();
    Q_EMIT stopped();
}

void CaptureWorker::setNotifiersEnabled(bool on)
{
    for (Socket &socket : m_sockets) {
        if (socket.notifier && socket.transport && socket.transport->isOpen())
            socket.notifier->setEnabled(on);
    }
}

void CaptureWorker::onReadable(Socket &socket)
{
    if (!socket.transport || !socket.transport->isOpen())
        return;
    if (m_flowControl &&
        m_inFlight.load(std::memory_order_acquire) >= m_config.maxBatchesInFlight) {
        // The consumer is behind: leave the datagrams in the kernel's buffers for now.
        setNotifiersEnabled(false);
        m_coalesceTimer->start(kRestMs);
        return;
    }
    const qint64 now = m_clock.nsecsElapsed();
    const bool busy = now - m_lastWakeNs < kBusyGapNs;
    m_lastWakeNs = now;
    ++m_wakeups;
    if (m_batch.isEmpty()) {
        // Room for what the last batch needed (plus a margin): a spare list or one allocation
        // per batch instead of QList's growth steps, without 1024 packets for a quiet network.
        const qsizetype want = m_lastBatchSize + m_lastBatchSize / 4;
        takeBatchList(std::clamp<qsizetype>(want, 8, m_config.batchMaxPackets));
    }
    UdpTransport &transport = *socket.transport;
    transport.setPooling(m_pooling.load(std::memory_order_acquire));
    const qsizetype before = m_batch.size();
    const qsizetype room = std::min(kMaxDrain, m_config.batchMaxPackets - before);
    // A deadline in the past: drain what is queued now, never block the event loop.
    const ReceiveResult r = transport.receive(m_batch, room, QDeadlineTimer(0), m_stopRequested);
    if (before == 0 && !m_batch.isEmpty())
        m_batchTimer->start(m_config.batchMaxMs); // the batch's time bound starts now
    const bool emptied = m_batch.size() - before < room;
    if (m_batch.size() >= m_config.batchMaxPackets)
        flushBatch();
    if (r.status == ReceiveResult::Status::Failed) {
        fail(r.error);
        return;
    }
    if (busy && emptied && r.status != ReceiveResult::Status::Cancelled &&
        !m_stopRequested.load(std::memory_order_acquire)) {
        // Rest here before the event loop looks at the socket again. (Disabling the notifiers
        // and arming a timer for the rest did the same, but registering them anew with the
        // event dispatcher allocated at every wake-up: more than the packets themselves.)
        const timespec rest{0, kRestMs * 1'000'000L};
        ::nanosleep(&rest, nullptr);
    }
}

void CaptureWorker::onCoalesced()
{
    // Level-triggered: if datagrams gathered during the rest, onReadable follows at once.
    if (m_running)
        setNotifiersEnabled(true);
}

void CaptureWorker::onInterfacesChanged()
{
    if (!m_running)
        return;
    const QList<MulticastInterface> now = MulticastInterfaces::list();
    for (Socket &socket : m_sockets) {
        if (!socket.transport)
            continue;
        const IpFamily family = socket.transport->family();
        QList<MulticastInterface> wanted = now;
        wanted.removeIf([family](const MulticastInterface &i) { return !i.has(family); });
        const QList<InterfaceChange> changes = socket.transport->sync(wanted);
        for (const InterfaceChange &change : changes) {
            ++(change.joined ? m_joins : m_leaves);
            Q_EMIT interfaceChanged(change);
        }
    }
}

void CaptureWorker::flushBatch()
{
    m_batchTimer->stop();
    if (m_batch.isEmpty())
        return;
    m_lastBatchSize = m_batch.size();
    // Two sockets (IPv4, IPv6) are drained one after the other, so a batch may hold them in
    // blocks; in receive-time order, the packet numbers follow the link. One family alone is
    // already in order and costs one pass.
    const auto earlier = [](const Packet &a, const Packet &b) {
        return a.timestampNs < b.timestampNs;
    };
    if (!std::is_sorted(m_batch.cbegin(), m_batch.cend(), earlier))
        std::stable_sort(m_batch.begin(), m_batch.end(), earlier);
    // The slabs these packets are in are never written again: the next datagram starts a new
    // one, so what the receivers read on their threads does not change.
    for (Socket &socket : m_sockets) {
        if (socket.transport)
            socket.transport->sealSlab();
    }
    m_inFlight.fetch_add(1, std::memory_order_acq_rel);
    Q_EMIT packetsReceived(m_batch);
    // The receivers share the list now; it is filled again once they all let go of it.
    const size_t maxSpares = size_t(m_config.maxBatchesInFlight) + 2;
    if (m_spares.size() >= maxSpares)
        m_spares.erase(m_spares.begin()); // the oldest, still held by a receiver
    m_spares.push_back({std::exchange(m_batch, PacketBatch()), false});
}

namespace {
// Whether `list` is held by nobody else: its receivers let go of it. QList::isDetached() reads
// the count relaxed; this reads it with acquire, so what the receivers did with its packets on
// their threads happens before this thread empties and refills it (and ThreadSanitizer sees
// that). QList's one member is its QArrayDataPointer, which QList does not expose.
bool heldHereOnly(const PacketBatch &list)
{
    static_assert(sizeof(PacketBatch) == sizeof(QArrayDataPointer<Packet>));
    const auto &pointer = *reinterpret_cast<const QArrayDataPointer<Packet> *>(&list);
    return pointer.d && pointer.d->ref_.loadAcquire() == 1;
}
} // namespace

void CaptureWorker::takeBatchList(qsizetype want)
{
    if (m_batch.capacity() >= want)
        return; // taken before and still empty
    for (auto it = m_spares.begin(); it != m_spares.end(); ++it) {
        if (!heldHereOnly(it->list))
            continue;
        PacketBatch list = std::move(it->list);
        m_spares.erase(it);
        list.clear(); // not shared: keeps its capacity
        if (list.capacity() < want) {
            // Under load a list is filled again and again: room for the largest batch at once
            // rather than a new block at every step up.
            list.reserve(want >= kLoadedBatch ? qsizetype(m_config.batchMaxPackets) : want);
        }
        m_batch = std::move(list);
        return;
    }
    m_batch = PacketBatch();
    m_batch.reserve(want);
}

void CaptureWorker::sweepSpares()
{
    for (auto it = m_spares.begin(); it != m_spares.end();) {
        if (heldHereOnly(it->list)) {
            it->list.clear(); // the packets (and their slabs, with their last packet) go now
            it->heldAtLastSweep = false;
            ++it;
        } else if (it->heldAtLastSweep) {
            it = m_spares.erase(it); // a receiver keeps it: it is the receiver's alone now
        } else {
            it->heldAtLastSweep = true;
            ++it;
        }
    }
}

void CaptureWorker::emitStats()
{
    if (!m_running)
        return;
    sweepSpares();
    CaptureStats s;
    s.elapsedMs = m_clock.elapsed();
    s.pool = m_pool->counters();
    s.captureThread = AllocationProbe::currentThread(); // we are on the capture thread
    s.process = AllocationProbe::process();
    TransportCounters t;
    for (const Socket &socket : m_sockets) {
        if (!socket.transport)
            continue;
        const TransportCounters c = socket.transport->counters();
        s.perFamily[familyIndex(socket.transport->family())] = c;
        t += c;
    }
    s.interfaceJoins = m_joins;
    s.interfaceLeaves = m_leaves;
    s.packets = t.packets;
    s.bytes = t.bytes;
    s.kernelDrops = t.kernelDrops;
    s.truncated = t.truncated;
    s.wakeups = m_wakeups;
    const qint64 intervalMs = s.elapsedMs - m_lastStatsMs;
    if (intervalMs > 0) {
        s.packetsPerSecond = double(t.packets - m_lastPackets) * 1000.0 / double(intervalMs);
        s.bytesPerSecond = double(t.bytes - m_lastBytes) * 1000.0 / double(intervalMs);
    }
    s.pooling = m_pooling.load(std::memory_order_acquire);
    m_lastStatsMs = s.elapsedMs;
    m_lastPackets = t.packets;
    m_lastBytes = t.bytes;
    Q_EMIT statsUpdated(s);
}

void CaptureWorker::fail(const CaptureError &error)
{
    Q_EMIT errorOccurred(error);
    stop();
}

void CaptureWorker::teardown()
{
    m_running = false;
    delete m_watcher;
    m_watcher = nullptr;
    for (Socket &socket : m_sockets) {
        delete socket.notifier; // before the descriptor it watches is closed
        socket.notifier = nullptr;
        socket.transport.reset();
    }
    m_batchTimer->stop();
    m_statsTimer->stop();
    m_coalesceTimer->stop();
    m_pool.reset();
    m_batch = PacketBatch();
    m_spares.clear();
}

#include "CaptureController.h"

#include "AnalyzerSession.h"
#include "BatchAnalyzer.h"
#include "CaptureMetrics.h"
#include "CaptureSession.h"
#include "ExportJob.h"
#include "MetricsServer.h"
#include "MetricsSnapshot.h"
#include "MetricsText.h"
#include "OpenFileJob.h"
#include "StreamJob.h"

#include <QDateTime>
#include <QTimer>

#include <algorithm>
#include <chrono>
#include <iterator>
#include <limits>

using namespace Qt::StringLiterals;

namespace {
constexpr int kPublishIntervalMs = 100;
} // namespace

CaptureController::CaptureController(QObject *parent)
    : QObject(parent)
    , m_session(new CaptureSession(this))
    , m_analyzer(new AnalyzerSession(this))
    , m_openJob(new OpenFileJob(this))
    , m_exportJob(new ExportJob(this))
    , m_streamJob(new StreamJob(this))
    , m_publishTimer(new QTimer(this))
    , m_streamStatsTimer(new QTimer(this))
{
    connect(m_streamJob, &StreamJob::packetsRead, this, &CaptureController::onStreamBatch);
    connect(m_streamJob, &StreamJob::finished, this, &CaptureController::onStreamFinished);
    m_streamStatsTimer->setInterval(CaptureConfig().statsIntervalMs);
    connect(m_streamStatsTimer, &QTimer::timeout, this, &CaptureController::emitStreamStats);
    connect(m_session, &CaptureSession::started, this, &CaptureController::onStarted);
    connect(m_session, &CaptureSession::interfaceChanged, this,
            &CaptureController::onInterfaceChanged);
    connect(m_session, &CaptureSession::packetsReceived, this, &CaptureController::onBatch);
    connect(m_session, &CaptureSession::statsUpdated, this, &CaptureController::onStats);
    connect(m_session, &CaptureSession::errorOccurred, this, &CaptureController::captureFailed);
    connect(m_session, &CaptureSession::stopped, this, &CaptureController::onStopped);
    connect(m_analyzer, &AnalyzerSession::analyzed, this, &CaptureController::onAnalyzed);
    connect(m_analyzer, &AnalyzerSession::directoryTicked, this,
            &CaptureController::onDirectoryTicked);
    connect(m_analyzer, &AnalyzerSession::findingsTicked, this,
            &CaptureController::onFindingsTicked);
    connect(m_analyzer, &AnalyzerSession::behaviourTicked, this,
            &CaptureController::onBehaviourTicked);
    connect(m_openJob, &OpenFileJob::progress, this, &CaptureController::openProgress);
    connect(m_openJob, &OpenFileJob::finished, this, &CaptureController::onFileOpened);
    connect(m_exportJob, &ExportJob::progress, this, &CaptureController::exportProgress);
    connect(m_exportJob, &ExportJob::finished, this, &CaptureController::onExportFinished);
    m_publishTimer->setSingleShot(true);
    m_publishTimer->setInterval(kPublishIntervalMs);
    connect(m_publishTimer, &QTimer::timeout, this, &CaptureController::publishPending);
}

CaptureController::~CaptureController() = default;

bool CaptureController::isExporting() const
{
    return m_exportJob->isRunning();
}

QString CaptureController::exportPath() const
{
    return m_exportJob->path();
}

void CaptureController::setState(State state)
{
    m_state = state;
    // The directory's clock runs with the wall clock only while packets can come.
    const bool live = state == State::Capturing;
    if (live != m_live) {
        m_live = live;
        m_analyzer->setLive(live);
    }
    Q_EMIT stateChanged(state);
}

bool CaptureController::startCapture(const QString &interfaceName)
{
    if (m_state == State::Starting || m_state == State::Capturing || m_state == State::Opening)
        return false;
    dropPending();
    m_filePath.clear();
    m_streamSource.clear();
    const qint64 startNs = QDateTime::currentMSecsSinceEpoch() * 1'000'000;
    Q_EMIT captureBegins(startNs);
    publishBehaviourReset();
    m_liveCutoffNs = startNs;
    CaptureConfig config;
    config.interfaceName = interfaceName;
    config.pooling = m_pooling;
    config.ipv4 = m_ipv4;
    config.ipv6 = m_ipv6;
    m_captureInterfaces = interfaceName;
    m_membership = {};
    m_acceptBatches = true;
    m_lastStats = {};
    m_malformed = 0;
    setState(State::Starting);
    m_session->start(config);
    return true;
}

bool CaptureController::stopCapture()
{
    if (m_streamJob->isRunning()) {
        setState(State::Stopping);
        m_streamJob->stop(); // finished() follows
        return true;
    }
    if (!m_session->isRunning())
        return false;
    m_session->stop();
    setState(State::Stopping);
    return true;
}

void CaptureController::setPooling(bool on)
{
    m_pooling = on;
    if (m_session->isRunning())
        m_session->setPooling(on);
}

void CaptureController::setFamilies(bool ipv4, bool ipv6)
{
    if (!ipv4 && !ipv6)
        return; // refused: nothing would be captured
    m_ipv4 = ipv4;
    m_ipv6 = ipv6;
}

bool CaptureController::openStream(const QString &source)
{
    if (m_state == State::Starting || m_state == State::Capturing || m_state == State::Opening ||
        m_state == State::Stopping || m_streamJob->isRunning())
        return false;
    if (!m_streamJob->start(source)) {
        Q_EMIT streamFailed(m_streamJob->error());
        return false;
    }
    dropPending();
    m_filePath.clear();
    m_streamSource = source;
    m_captureInterfaces = source;
    m_membership = {};
    m_streamStartNs = QDateTime::currentMSecsSinceEpoch() * 1'000'000;
    m_streamTimeKnown = false;
    Q_EMIT captureBegins(m_streamStartNs);
    publishBehaviourReset();
    // A stream's packets carry the writer's times, maybe long past (a file replayed): none is
    // left out as older than the start.
    m_liveCutoffNs = std::numeric_limits<qint64>::min();
    m_acceptBatches = true;
    m_streamStats = CaptureStats();
    m_streamLastPackets = m_streamLastBytes = 0;
    m_streamLastMs = 0;
    m_streamClock.start();
    m_streamStatsTimer->start();
    setState(State::Capturing);
    return true;
}

void CaptureController::onStreamBatch(const PacketBatch &batch)
{
    if (!m_acceptBatches || batch.isEmpty())
        return;
    if (!m_streamTimeKnown) {
        // Times count from the stream's first packet when it is older than the start (a
        // capture replayed, a remote clock behind): what is shown so far is nothing yet.
        m_streamTimeKnown = true;
        if (batch.constFirst().timestampNs < m_streamStartNs) {
            m_streamStartNs = batch.constFirst().timestampNs;
            Q_EMIT captureBegins(m_streamStartNs);
        }
    }
    for (const Packet &p : batch) {
        m_streamStats.bytes += quint64(p.data.size());
        TransportCounters &family =
            m_streamStats.perFamily[familyIndex(p.source.isV6() ? IpFamily::V6 : IpFamily::V4)];
        ++family.packets;
        family.bytes += quint64(p.data.size());
    }
    m_streamStats.packets += quint64(batch.size());
    m_analyzer->submit(batch);
}

void CaptureController::emitStreamStats()
{
    if (!m_acceptBatches)
        return;
    const qint64 now = m_streamClock.elapsed();
    const double seconds = double(std::max<qint64>(now - m_streamLastMs, 1)) / 1000.0;
    m_streamStats.elapsedMs = now;
    m_streamStats.packetsPerSecond = double(m_streamStats.packets - m_streamLastPackets) / seconds;
    m_streamStats.bytesPerSecond = double(m_streamStats.bytes - m_streamLastBytes) / seconds;
    m_streamLastPackets = m_streamStats.packets;
    m_streamLastBytes = m_streamStats.bytes;
    m_streamLastMs = now;
    Q_EMIT captureStats(m_streamStats);
}

void CaptureController::onStreamFinished(const QString &error)
{
    m_streamStatsTimer->stop();
    if (m_acceptBatches)
        emitStreamStats();
    if (!error.isEmpty() && m_acceptBatches)
        Q_EMIT streamFailed(error);
    onStopped(); // publishes what is pending once it is analysed, then Idle
}

void CaptureController::onStarted(const CaptureMembership &membership)
{
    if (m_state != State::Starting)
        return;
    m_membership = membership;
    const QStringList joined = membership.allInterfaces();
    if (!joined.isEmpty())
        m_captureInterfaces = joined.join(u", "_s);
    setState(State::Capturing);
    Q_EMIT captureStarted(m_membership);
}

void CaptureController::onInterfaceChanged(const InterfaceChange &change)
{
    if (m_state != State::Capturing)
        return;
    QStringList &list = m_membership.interfaces[familyIndex(change.family)];
    if (change.joined && !list.contains(change.interfaceName))
        list.append(change.interfaceName);
    else if (!change.joined)
        list.removeAll(change.interfaceName);
    m_captureInterfaces = m_membership.allInterfaces().join(u", "_s);
    Q_EMIT interfaceChanged(change);
}

void CaptureController::onBatch(const PacketBatch &batch)
{
    if (!m_acceptBatches || batch.isEmpty())
        return;
    if (batch.constFirst().timestampNs >= m_liveCutoffNs) {
        m_analyzer->submit(batch);
        return;
    }
    // Queued before a clear or a new start: keep only what arrived after it.
    PacketBatch newer;
    std::copy_if(batch.cbegin(), batch.cend(), std::back_inserter(newer),
                 [this](const Packet &p) { return p.timestampNs >= m_liveCutoffNs; });
    m_analyzer->submit(std::move(newer));
}

void CaptureController::onAnalyzed(const AnalyzedBatch &batch)
{
    if (!m_acceptBatches)
        return;
    for (qsizetype i = 0; i < batch.flags.size(); ++i)
        m_malformed += batch.isMalformed(i) ? 1 : 0;
    AnalyzedBatch copy(batch);
    appendDirectoryChanges(m_pendingDirectory, std::move(copy.directory));
    copy.directory = {};
    appendFindingChanges(m_pendingFindings, std::move(copy.findings));
    copy.findings = {};
    appendBehaviourChanges(m_pendingBehaviour, std::move(copy.behaviour));
    copy.behaviour = {};
    m_pending.append(std::move(copy), BatchAnalyzer::kSummaries);
    if (m_stopAfterAnalysis && m_analyzer->inFlight() == 0)
        onStopped(); // publishes what is pending
    if (hasPending() && !m_publishTimer->isActive())
        m_publishTimer->start();
}

bool CaptureController::hasPending() const
{
    return !m_pending.isEmpty() || !m_pendingDirectory.isEmpty() || !m_pendingFindings.isEmpty() ||
           !m_pendingBehaviour.isEmpty();
}

void CaptureController::onBehaviourTicked(const BehaviourChanges &changes)
{
    if (!m_acceptBatches)
        return;
    appendBehaviourChanges(m_pendingBehaviour, BehaviourChanges(changes));
    if (!m_pendingBehaviour.isEmpty() && !m_publishTimer->isActive())
        m_publishTimer->start();
}

void CaptureController::publishBehaviourReset()
{
    BehaviourChanges reset;
    reset.reset = true;
    Q_EMIT behaviourChanged(reset);
}

void CaptureController::onFindingsTicked(const FindingChanges &changes)
{
    if (!m_acceptBatches)
        return;
    appendFindingChanges(m_pendingFindings, FindingChanges(changes));
    if (!m_pendingFindings.isEmpty() && !m_publishTimer->isActive())
        m_publishTimer->start();
}

void CaptureController::onDirectoryTicked(const DirectoryChanges &changes)
{
    if (!m_acceptBatches)
        return;
    appendDirectoryChanges(m_pendingDirectory, DirectoryChanges(changes));
    if (!m_pendingDirectory.isEmpty() && !m_publishTimer->isActive())
        m_publishTimer->start();
}

void CaptureController::publishPending()
{
    m_publishTimer->stop();
    if (!m_pending.isEmpty()) {
        Q_EMIT published(m_pending);
        m_pending = AnalyzedBatch();
    }
    if (!m_pendingDirectory.isEmpty()) {
        const DirectoryChanges changes = std::move(m_pendingDirectory);
        m_pendingDirectory = {};
        Q_EMIT directoryChanged(changes);
    }
    // The behaviour changes before the findings: the timeline places a finding on the lanes
    // they make (and a reset among them must not wipe the findings of the same moment).
    if (!m_pendingBehaviour.isEmpty()) {
        const BehaviourChanges changes = std::move(m_pendingBehaviour);
        m_pendingBehaviour = {};
        Q_EMIT behaviourChanged(changes);
    }
    if (!m_pendingFindings.isEmpty()) {
        const FindingChanges changes = std::move(m_pendingFindings);
        m_pendingFindings = {};
        Q_EMIT findingsChanged(changes);
    }
}

void CaptureController::dropPending()
{
    m_publishTimer->stop();
    m_pending = AnalyzedBatch();
    m_pendingDirectory = {};
    m_pendingFindings = {};
    m_pendingBehaviour = {};
    m_analyzer->discardInFlight();
    // A stop waiting for those batches completes now (after the caller's changes).
    if (m_stopAfterAnalysis)
        QMetaObject::invokeMethod(this, &CaptureController::onStopped, Qt::QueuedConnection);
}

void CaptureController::onStats(const CaptureStats &stats)
{
    if (m_acceptBatches) {
        m_lastStats = stats;
        Q_EMIT captureStats(stats);
    }
}

bool CaptureController::setMetricsAddress(const QString &address, QString *error)
{
    m_metrics.reset();
    m_metricsAddress.clear();
    if (address.isEmpty())
        return true;
    QHostAddress host;
    quint16 port = 0;
    if (!MetricsServer::parseAddress(address, &host, &port, error))
        return false;
    auto server = std::make_unique<MetricsServer>([this] { return renderMetrics(); });
    if (!server->listen(host, port, error))
        return false;
    m_metrics = std::move(server);
    m_metricsAddress = address;
    return true;
}

QByteArray CaptureController::renderMetrics() const
{
    // What the window's thread has: the capture thread's statistics and the malformed flags of
    // the analysed batches. (The hosts, the directory and the findings live on the decode
    // thread: --headless --metrics serves them.)
    return MetricsText::render(captureMetricsSnapshot(m_lastStats, m_membership, m_malformed));
}

void CaptureController::onStopped()
{
    if (m_session->isRunning()) { // a newer capture is still going
        m_stopAfterAnalysis = false;
        return;
    }
    // The capture's last batches are still being decoded: Idle shows every packet.
    m_stopAfterAnalysis = m_acceptBatches && m_analyzer->inFlight() > 0;
    if (m_stopAfterAnalysis)
        return;
    if (m_acceptBatches)
        publishPending();
    Q_EMIT captureEnded();
    if (m_state == State::Opening || m_state == State::Opened)
        return;
    setState(State::Idle);
}

void CaptureController::clear()
{
    // Nanoseconds, the kernel's receive timestamps' clock (CLOCK_REALTIME).
    m_liveCutoffNs = std::chrono::duration_cast<std::chrono::nanoseconds>(
                         std::chrono::system_clock::now().time_since_epoch())
                         .count();
    dropPending();
    Q_EMIT cleared();
    publishBehaviourReset();
    if (m_state == State::Opened) {
        m_filePath.clear();
        setState(State::Idle);
    }
}

bool CaptureController::openFile(const QString &path)
{
    if (m_state == State::Opening)
        return false;
    m_pathBeforeOpen = m_state == State::Opened ? m_filePath : QString();
    if (m_session->isRunning() || m_streamJob->isRunning()) {
        m_acceptBatches = false;
        if (m_session->isRunning())
            m_session->stop();
        m_streamJob->stop();
        m_streamStatsTimer->stop();
    }
    dropPending();
    m_filePath = path;
    setState(State::Opening);
    m_openJob->start(path);
    return true;
}

void CaptureController::cancelOpen()
{
    m_openJob->cancel();
}

void CaptureController::onFileOpened(const std::shared_ptr<OpenedFile> &result)
{
    const CaptureFileResult &file = result->file;
    if (file.cancelled || (file.error && file.packets.isEmpty())) {
        // The packets on screen are still those of before the open: so is the state.
        m_filePath = m_pathBeforeOpen;
        setState(m_filePath.isEmpty() ? State::Idle : State::Opened);
        Q_EMIT openFinished(result, false);
        return;
    }
    // The file's behaviour first (replacing whatever was shown), then the file: the timeline
    // places the file's findings (given with fileLoaded) on the lanes the behaviour made.
    BehaviourChanges behaviour = result->behaviour;
    behaviour.reset = true;
    Q_EMIT behaviourChanged(behaviour);
    Q_EMIT fileLoaded(result);
    setState(State::Opened);
    Q_EMIT openFinished(result, true);
}

bool CaptureController::exportPackets(ExportFormat format, const QString &path,
                                      PacketStore::Snapshot packets)
{
    if (m_exportJob->isRunning())
        return false;
    m_exportJob->start(format, path, std::move(packets));
    Q_EMIT exportingChanged(true);
    return true;
}

void CaptureController::cancelExport()
{
    m_exportJob->cancel();
}

void CaptureController::onExportFinished(const ExportResult &result)
{
    Q_EMIT exportingChanged(false);
    Q_EMIT exportFinished(result);
}

void CaptureController::shutdown()
{
    m_openJob->cancel();
    m_exportJob->cancel();
    m_streamJob->stop();
    if (m_session->isRunning())
        m_session->stop();
}

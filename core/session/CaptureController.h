#pragma once

#include "AnalyzedBatch.h"
#include "CaptureTypes.h"
#include "PacketExporter.h"
#include "PacketStore.h"

#include <QElapsedTimer>
#include <QObject>
#include <QString>

#include <memory>

class AnalyzerSession;
class CaptureSession;
class MetricsServer;
class ExportJob;
class OpenFileJob;
class QTimer;
class StreamJob;
struct OpenedFile;

// What the window does apart from showing it, without a widget: one state machine over the live
// capture and the opening of capture files (idle, starting, capturing, stopping, opening,
// opened), an export alongside, the pooling toggle and clear. Owns the CaptureSession (its
// thread does the socket work), the AnalyzerSession (its thread decodes the live batches), the
// OpenFileJob and the ExportJob.
//
// What is shown goes out as signals, so that the document (a widgets-side model) and the views
// follow without this class knowing them: captureBegins() and cleared() empty them,
// published() adds analysed live packets (coalesced, at most every 100 ms), fileLoaded()
// replaces them with a file's. Live packets received before the last clear or start never
// reach published(), even when their batch was still on its way.
//
// Every operation answers whether it was taken; a refused one changes nothing (a second open
// while one runs, a start while capturing, an export while one runs). The user-visible words
// for states and outcomes are the window's. GUI (or main) thread.
class CaptureController final : public QObject
{
    Q_OBJECT
public:
    enum class State { Idle, Starting, Capturing, Stopping, Opening, Opened };
    Q_ENUM(State)

    explicit CaptureController(QObject *parent = nullptr);
    ~CaptureController() override;
    Q_DISABLE_COPY_MOVE(CaptureController)

    State state() const { return m_state; }
    // The file shown (Opened) or being opened (Opening); empty otherwise.
    QString filePath() const { return m_filePath; }
    // The interfaces the capture runs on: as asked at the start, then those joined, ", "
    // separated; empty means all interfaces (until they are known).
    QString captureInterfaces() const { return m_captureInterfaces; }
    // What the running (or last) capture listens on, per family, kept current as interfaces
    // are joined and left; empty before the start is confirmed.
    const CaptureMembership &membership() const { return m_membership; }
    bool isExporting() const;
    // Where the running (or last) export writes.
    QString exportPath() const;
    bool pooling() const { return m_pooling; }

    CaptureSession *session() const { return m_session; }

    // Prometheus metrics of the live capture (the window's preference, as --headless
    // --metrics): served at ADDRESS:PORT (MetricsServer::parseAddress) on this thread, from the
    // capture's latest statistics and the malformed packets decoded; empty stops serving.
    // Counts start again with each capture. False with a one-line reason (malformed, in use,
    // not on this host); serving is then off.
    bool setMetricsAddress(const QString &address, QString *error);
    // Where metrics are served now; empty: off.
    QString metricsAddress() const { return m_metricsAddress; }
    AnalyzerSession *analyzer() const { return m_analyzer; }

    // "" = all interfaces. Refused while capturing, starting or opening a file.
    bool startCapture(const QString &interfaceName);
    // Refused when no capture runs (a stream counts: it is closed, its command ended).
    bool stopCapture();
    // A live pcap / pcapng stream as a running capture (State Capturing, published() as the
    // packets arrive, captureStats() for the charts): "-" is standard input, an existing FIFO
    // path a FIFO, anything else a shell command whose standard output is read (see
    // StreamJob). Refused while capturing, starting or opening; false with streamFailed() when
    // the source cannot be opened. Its end (EOF, an error, a stop) ends it as a stop does,
    // streamFailed() first when it ended on an error.
    bool openStream(const QString &source);
    // The stream being read (or last read) as given to openStream(); empty for a capture.
    QString streamSource() const { return m_streamSource; }
    // Forgets every packet shown or on its way; a file shown is closed (Idle). The capture
    // goes on.
    void clear();
    // Refused while another file is being opened. A live capture stops; its packets stay shown
    // until the file replaces them. A file that cannot be read (or a cancelled open) leaves
    // the state as it was before: the file still shown, or Idle.
    bool openFile(const QString &path);
    void cancelOpen();
    // Refused while another export runs. The snapshot is what the export writes, safe to read
    // while the capture goes on.
    bool exportPackets(ExportFormat format, const QString &path, PacketStore::Snapshot packets);
    void cancelExport();
    // Live, while capturing, and for the next start.
    void setPooling(bool on);
    // The address families the next start captures (at least one; both by default).
    void setFamilies(bool ipv4, bool ipv6);
    bool capturesIpv4() const { return m_ipv4; }
    bool capturesIpv6() const { return m_ipv6; }
    // Before the application ends: cancels the jobs and stops the capture.
    void shutdown();

Q_SIGNALS:
    void stateChanged(CaptureController::State state);

    // For the document and views: a new capture replaces what is shown; its packets' times
    // count from startTimeNs.
    void captureBegins(qint64 startTimeNs);
    // For the document and views: everything shown is gone.
    void cleared();
    // For the document: live packets, analysed, to add to what is shown.
    void published(const AnalyzedBatch &batch);
    // For the services view: what the live service directory learnt since the last time
    // (from the packets published with it, or from time passing), coalesced and published
    // with the packets, at most ten times a second. Nothing from before a clear or a start.
    // A file's directory comes with fileLoaded() (OpenedFile::directory).
    void directoryChanged(const DirectoryChanges &changes);
    // For the findings view: the same for the live conformance checker's findings and
    // scorecard. A file's come with fileLoaded() (OpenedFile::findings).
    void findingsChanged(const FindingChanges &changes);
    // For the behaviour views (latency, talkers): the same for the live behaviour model, and
    // also a file's (OpenedFile::behaviour, right before fileLoaded()) and a reset when what is
    // shown is gone (a clear, a new capture), so the views follow this signal alone.
    void behaviourChanged(const BehaviourChanges &changes);
    // For the document: a file's packets replace what is shown (the state becomes Opened next).
    void fileLoaded(const std::shared_ptr<OpenedFile> &file);

    // The open ended: shown (Opened), or not (cancelled, or unreadable: the state is back).
    void openFinished(const std::shared_ptr<OpenedFile> &file, bool shown);
    void openProgress(int percent);
    void exportingChanged(bool exporting);
    void exportProgress(qint64 done, qint64 total);
    void exportFinished(const ExportResult &result);

    // Snapshots of the running capture (not of one that a file open stopped).
    void captureStats(const CaptureStats &stats);
    // The capture began listening (membership(), with notes on a family it cannot capture).
    void captureStarted(const CaptureMembership &membership);
    // A capture on every interface joined or left one (membership() is updated first).
    void interfaceChanged(const InterfaceChange &change);
    void captureFailed(const CaptureError &error); // captureEnded() follows
    // Why a stream could not be opened or why it ended, e.g. "at offset 1234: the file ends 10
    // bytes into the block at offset 1234 ..." (captureEnded() follows when it had begun).
    void streamFailed(const QString &error);
    // The capture has stopped and every packet it received is published.
    void captureEnded();

private:
    QByteArray renderMetrics() const;
    void setState(State state);
    void onStarted(const CaptureMembership &membership);
    void onInterfaceChanged(const InterfaceChange &change);
    void onBatch(const PacketBatch &batch);
    void onAnalyzed(const AnalyzedBatch &batch);
    void onDirectoryTicked(const DirectoryChanges &changes);
    void onFindingsTicked(const FindingChanges &changes);
    void onBehaviourTicked(const BehaviourChanges &changes);
    void publishBehaviourReset();
    bool hasPending() const;
    void onStats(const CaptureStats &stats);
    void onStopped();
    void publishPending();
    void dropPending();
    void onFileOpened(const std::shared_ptr<OpenedFile> &result);
    void onExportFinished(const ExportResult &result);
    void onStreamBatch(const PacketBatch &batch);
    void onStreamFinished(const QString &error);
    void emitStreamStats();

    CaptureSession *m_session;
    AnalyzerSession *m_analyzer;
    OpenFileJob *m_openJob;
    ExportJob *m_exportJob;
    StreamJob *m_streamJob;
    QTimer *m_publishTimer;
    QTimer *m_streamStatsTimer;

    State m_state = State::Idle;
    QString m_filePath;
    QString m_pathBeforeOpen; // the file shown when an open started, to return to if it fails
    QString m_captureInterfaces;
    QString m_streamSource;
    bool m_streamTimeKnown = false; // the stream's first packet set the start time
    qint64 m_streamStartNs = 0;
    QElapsedTimer m_streamClock;
    CaptureStats m_streamStats;
    quint64 m_streamLastPackets = 0, m_streamLastBytes = 0;
    qint64 m_streamLastMs = 0;
    CaptureMembership m_membership;
    bool m_pooling = true;
    bool m_ipv4 = true, m_ipv6 = true;
    // False once a file open stopped the capture: its last batches are not shown.
    bool m_acceptBatches = false;
    // Live batches go capture thread -> analysis thread -> here, wait and are published at
    // most ten times a second: every publication repaints the packet list and the senders,
    // whatever the batch size.
    AnalyzedBatch m_pending;
    DirectoryChanges m_pendingDirectory; // published with m_pending
    FindingChanges m_pendingFindings;    // published with m_pending
    BehaviourChanges m_pendingBehaviour; // published with m_pending
    bool m_live = false;                 // the analyzer ticks the directory's clock
    // Packets received before this (a clear, a new start) are not published, even when their
    // batch was still on its way. Nanoseconds, the kernel's receive timestamps' clock.
    qint64 m_liveCutoffNs = 0;
    // The capture stopped while batches were being analysed: Idle once they are in.
    bool m_stopAfterAnalysis = false;
    // Metrics (setMetricsAddress()): the server, and the counts it reports.
    std::unique_ptr<MetricsServer> m_metrics;
    QString m_metricsAddress;
    CaptureStats m_lastStats;
    quint64 m_malformed = 0;
};

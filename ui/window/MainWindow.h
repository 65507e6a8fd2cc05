#pragma once

#include "CaptureController.h"
#include "CaptureFileReader.h"
#include "CaptureTypes.h"
#include "ExportDialog.h"
#include "PacketExporter.h"

#include <QMainWindow>

#include <memory>

class PacketDocument;
class CaptureStatusBar;
class ChartsPanel;
class MessageBar;
class PacketDetailsPanel;
class PacketListPanel;
class PacketMenus;
class QAction;
class QActionGroup;
class QComboBox;
class QDockWidget;
class QProgressDialog;
class QSplitter;
class QSortFilterProxyModel;
class QTableView;
class QTabWidget;
class FindingsPanel;
class LatencyPanel;
class TalkersPanel;
class TimelinePanel;
struct BehaviourChanges;
class ServicesPanel;
struct FieldFinding;
struct OpenedFile;

// The application window: capture control (start/stop, interface, pooling), the packet list
// with its filters, the decoded tree and hex dump of the selected packet, the senders table
// and the live charts; opening capture files and exporting packets run on worker threads.
// What it does lives in its CaptureController (state, capture and analysis sessions, jobs,
// clear, publication); the window only wires it to the widgets and the PacketDocument it
// owns, and says in words what happened. Remembers its layout and choices in QSettings.
// GUI thread.
class MainWindow final : public QMainWindow
{
    Q_OBJECT
public:
    using State = CaptureController::State;
    // Settings: the folder of the file opened last; whether to ask before discarding packets
    // that were not saved (true unless "Don't ask again").
    static inline const QString kOpenFolderKey = QStringLiteral("open/folder");
    static inline const QString kStreamKey = QStringLiteral("open/stream"); // last stream opened
    static inline const QString kAskUnsavedKey = QStringLiteral("ui/askBeforeDiscarding");
    // Where the live capture's Prometheus metrics are served (Preferences); empty: off.
    static inline const QString kMetricsAddressKey = QStringLiteral("metrics/address");

    explicit MainWindow(QWidget *parent = nullptr);
    ~MainWindow() override;

    State state() const { return m_controller->state(); }
    CaptureController *controller() const { return m_controller; }
    CaptureSession *session() const { return m_controller->session(); }
    AnalyzerSession *analyzer() const { return m_controller->analyzer(); }
    PacketDocument *document() const { return m_document; }
    PacketListPanel *packetList() const { return m_packetList; }
    PacketDetailsPanel *details() const { return m_details; }
    QTableView *sendersView() const { return m_sendersView; }
    ChartsPanel *charts() const { return m_charts; }
    QDockWidget *chartsDock() const { return m_chartsDock; }
    ServicesPanel *servicesPanel() const { return m_services; }
    QDockWidget *servicesDock() const { return m_servicesDock; }
    FindingsPanel *findingsPanel() const { return m_findings; }
    QDockWidget *findingsDock() const { return m_findingsDock; }
    QDockWidget *behaviourDock() const { return m_behaviourDock; }
    QTabWidget *behaviourTabs() const { return m_behaviourTabs; }
    TalkersPanel *talkersPanel() const { return m_talkers; }
    LatencyPanel *latencyPanel() const { return m_latency; }
    TimelinePanel *timelinePanel() const { return m_timeline; }
    MessageBar *messageBar() const { return m_messageBar; }
    CaptureStatusBar *captureStatusBar() const { return m_statusBar; }
    QAction *startStopAction() const { return m_startStop; }
    QAction *poolingAction() const { return m_pooling; }
    QAction *clearAction() const { return m_clear; }
    QAction *exportAction() const { return m_export; }
    PacketMenus *packetMenus() const { return m_packetMenus; }
    QComboBox *interfaceChooser() const { return m_interface; }
    QComboBox *familyChooser() const { return m_family; }

    // What the menu items do, callable directly (scripts, tests, the command line).
    void startCapture();
    // The families the next capture takes (the family chooser); at least one.
    void setFamilies(bool ipv4, bool ipv6);
    void stopCapture();
    void openFile(const QString &path);
    // A live pcap / pcapng stream read as a running capture: "-" (standard input), a FIFO path,
    // or a shell command whose standard output is read (see CaptureController::openStream).
    // False (the message bar says why) when it could not be opened.
    bool openStream(const QString &source);
    QAction *openStreamAction() const { return m_openStream; }
    void exportPackets(ExportFormat format, ExportDialog::Scope scope, const QString &path);
    // The export dialog with `scope` chosen when it has packets (the packet list's "Export
    // These Packets…").
    void showExportDialogFor(ExportDialog::Scope scope);
    void setStoreCapacity(qsizetype capacity);
    // The service directory shown, as JSON Lines (the --services format), written atomically.
    // False when it could not be written (the message bar says why).
    bool exportServices(const QString &path);
    // "" = all interfaces.
    void setInterface(const QString &name);
    // True when the packets shown would be lost: captured (live, or added) and not exported
    // whole to pcapng since. A file as opened is not unsaved.
    bool hasUnsavedPackets() const;

Q_SIGNALS:
    void stateChanged(CaptureController::State state);
    void exportFinished(const ExportResult &result);
    void fileOpened(bool ok);

protected:
    void closeEvent(QCloseEvent *event) override;
    void showEvent(QShowEvent *event) override;
    void dragEnterEvent(QDragEnterEvent *event) override;
    void dropEvent(QDropEvent *event) override;

private:
    void createActions();
    void createMenusAndToolBar();
    void createLayout();
    void restoreSettings();
    void saveSettings() const;
    void refreshInterfaces();
    void onStateChanged(State state);
    void updateActions();
    void updateCounts();

    void onCaptureBegins(qint64 startTimeNs);
    void onCleared();
    void resetPacketFilters();
    void onStats(const CaptureStats &stats);
    void onCaptureError(const CaptureError &error);
    void onCaptureStarted(const CaptureMembership &membership);
    void onInterfaceChanged(const InterfaceChange &change);
    void applyFamily();
    QString capturingText() const;
    void onCaptureEnded();
    void onFileLoaded(const std::shared_ptr<OpenedFile> &result);
    void onOpenFinished(const std::shared_ptr<OpenedFile> &result, bool shown);
    void onExportFinished(const ExportResult &result);
    // Before Quit, Clear, Start and Open drop unsaved packets: asks Save / Discard / Cancel
    // (with "Don't ask again", kAskUnsavedKey); true when the action may go on (saved,
    // discarded, nothing unsaved, or not asked).
    bool confirmDiscard(const QString &question);
    bool saveBeforeDiscard();
    void showPacket(int sourceRow);
    void filterBySender(int sourceRow);
    void followMergedSender();
    void toggleCapture();
    void chooseFileToOpen();
    void chooseStreamToOpen();
    void onStreamFailed(const QString &error);
    void showExportDialog();
    void showPreferences();
    void showAbout();
    // MainWindowServices.cpp: the services dock and what feeds it.
    void createServicesDock();
    void showServicePackets(const QList<quint64> &numbers, const QString &label);
    void chooseServicesExport();
    // MainWindowFindings.cpp: the findings dock and what feeds it.
    void createFindingsDock();
    void showFindingPacket(quint64 number);
    QList<FieldFinding> findingsOfPacket(quint64 number) const;
    // MainWindowBehaviour.cpp: the behaviour dock (timeline, latency, talkers) and
    // what feeds it.
    void createBehaviourDock();
    void applyBehaviour(const BehaviourChanges &changes);
    void setFloodThreshold(int packetsPerSecond);
    // MainWindowActions.cpp: serve the metrics there (empty: stop); a failure is shown.
    void applyMetricsAddress(const QString &address);
    // MainWindowCharts.cpp: what a click on an opened file's IO graph selects.
    void selectPacketsOfInterval(double from, double to, const QList<qsizetype> &rows);

    CaptureController *m_controller;
    PacketDocument *m_document;
    PacketListPanel *m_packetList = nullptr;
    PacketDetailsPanel *m_details = nullptr;
    PacketMenus *m_packetMenus = nullptr; // the packet list's and senders' context menus
    ChartsPanel *m_charts = nullptr;
    QTableView *m_sendersView = nullptr;
    QSortFilterProxyModel *m_sendersProxy = nullptr;
    QSplitter *m_mainSplitter = nullptr;
    QDockWidget *m_sendersDock = nullptr;
    QDockWidget *m_chartsDock = nullptr;
    // No saved layout: the right-hand docks' width is set from the window's at the first show.
    bool m_fitDockWidth = true;
    ServicesPanel *m_services = nullptr;
    QDockWidget *m_servicesDock = nullptr;
    QAction *m_exportServices = nullptr;
    FindingsPanel *m_findings = nullptr;
    QDockWidget *m_findingsDock = nullptr;
    QDockWidget *m_behaviourDock = nullptr;
    QTabWidget *m_behaviourTabs = nullptr; // a tab per behaviour view
    TalkersPanel *m_talkers = nullptr;
    LatencyPanel *m_latency = nullptr;
    TimelinePanel *m_timeline = nullptr;
    // Counts the services' TTL left down while capturing.
    QTimer *m_servicesTimer = nullptr;
    MessageBar *m_messageBar = nullptr;
    CaptureStatusBar *m_statusBar = nullptr;
    QComboBox *m_interface = nullptr;
    QComboBox *m_family = nullptr; // IPv4 + IPv6, IPv4 only, IPv6 only
    QProgressDialog *m_progress = nullptr;

    QAction *m_startStop = nullptr;
    QAction *m_clear = nullptr;
    QAction *m_open = nullptr;
    QAction *m_openStream = nullptr;
    QAction *m_export = nullptr;
    QAction *m_pooling = nullptr;
    QAction *m_follow = nullptr;
    QAction *m_preferences = nullptr;
    QAction *m_quit = nullptr;
    QAction *m_about = nullptr;
    QAction *m_aboutQt = nullptr;
    QAction *m_focusFilter = nullptr;

    // The packet count exported whole to pcapng last (hasUnsavedPackets), and that of the
    // export running, if it is one such.
    quint64 m_savedTotal = 0;
    // Of the file opened last, only its pcapng sections (what the details show of a packet).
    CaptureFileResult m_openedFile;
    quint64 m_savingTotal = 0;
    QString m_exportFolder;
    QString m_openFolder; // where the last file was opened from (kOpenFolderKey)
    // Refreshes the senders' ages while capturing.
    QTimer *m_rateTimer;
};

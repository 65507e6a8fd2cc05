#pragma once

#include "AnalyzedBatch.h"
#include "CaptureTypes.h"
#include "ExportDialog.h"
#include "PacketExporter.h"

#include <QMainWindow>

#include <memory>

class AnalyzerSession;
class CaptureDocument;
class CaptureSession;
class CaptureStatusBar;
class ChartsPanel;
class ExportJob;
class MessageBar;
class OpenFileJob;
class PacketDetailsPanel;
class PacketListPanel;
class QAction;
class QActionGroup;
class QComboBox;
class QDockWidget;
class QProgressDialog;
class QSplitter;
class QTableView;
struct OpenedFile;

// The application window: capture control (start/stop, interface, pooling), the packet list
// with its filters, the decoded tree and hex dump of the selected packet, the senders table
// and the live charts; opening capture files and exporting packets run on worker threads.
// Owns the CaptureSession (whose thread does all socket work), the AnalyzerSession (whose
// thread decodes the live batches for display) and the CaptureDocument.
// Remembers its layout and choices in QSettings. GUI thread.
class MainWindow final : public QMainWindow
{
    Q_OBJECT
public:
    enum class State { Idle, Starting, Capturing, Stopping, Opening, Opened };

    explicit MainWindow(QWidget *parent = nullptr);
    ~MainWindow() override;

    State state() const { return m_state; }
    CaptureSession *session() const { return m_session; }
    AnalyzerSession *analyzer() const { return m_analyzer; }
    CaptureDocument *document() const { return m_document; }
    PacketListPanel *packetList() const { return m_packetList; }
    PacketDetailsPanel *details() const { return m_details; }
    QTableView *sendersView() const { return m_sendersView; }
    ChartsPanel *charts() const { return m_charts; }
    MessageBar *messageBar() const { return m_messageBar; }
    CaptureStatusBar *captureStatusBar() const { return m_statusBar; }
    QAction *startStopAction() const { return m_startStop; }
    QAction *poolingAction() const { return m_pooling; }
    QAction *clearAction() const { return m_clear; }
    QComboBox *interfaceChooser() const { return m_interface; }

    // What the menu items do, callable directly (scripts, tests, the command line).
    void startCapture();
    void stopCapture();
    void openFile(const QString &path);
    void exportPackets(ExportFormat format, ExportDialog::Scope scope, const QString &path);
    void setStoreCapacity(qsizetype capacity);
    // "" = all interfaces.
    void setInterface(const QString &name);

Q_SIGNALS:
    void stateChanged(MainWindow::State state);
    void exportFinished(const ExportResult &result);
    void fileOpened(bool ok);

protected:
    void closeEvent(QCloseEvent *event) override;
    void dragEnterEvent(QDragEnterEvent *event) override;
    void dropEvent(QDropEvent *event) override;

private:
    void createActions();
    void createMenusAndToolBar();
    void createLayout();
    void restoreSettings();
    void saveSettings() const;
    void refreshInterfaces();
    void setState(State state, const QString &detail = {});
    void updateActions();
    void updateCounts();

    void onStarted(const QStringList &joined);
    void onStats(const CaptureStats &stats);
    void onCaptureError(const CaptureError &error);
    void onStopped();
    void onBatch(const PacketBatch &batch);
    void onAnalyzed(const AnalyzedBatch &batch);
    void publishPending();
    void dropPending();
    void onFileOpened(const std::shared_ptr<OpenedFile> &result);
    void returnFromFailedOpen();
    void onExportFinished(const ExportResult &result);
    void showPacket(int sourceRow);
    void toggleCapture();
    void clearAll();
    void chooseFileToOpen();
    void showExportDialog();
    void showPreferences();
    void showAbout();

    CaptureSession *m_session;
    AnalyzerSession *m_analyzer;
    CaptureDocument *m_document;
    PacketListPanel *m_packetList = nullptr;
    PacketDetailsPanel *m_details = nullptr;
    ChartsPanel *m_charts = nullptr;
    QTableView *m_sendersView = nullptr;
    QSplitter *m_mainSplitter = nullptr;
    QDockWidget *m_sendersDock = nullptr;
    QDockWidget *m_chartsDock = nullptr;
    MessageBar *m_messageBar = nullptr;
    CaptureStatusBar *m_statusBar = nullptr;
    QComboBox *m_interface = nullptr;
    ExportJob *m_exportJob;
    OpenFileJob *m_openJob;
    QProgressDialog *m_progress = nullptr;

    QAction *m_startStop = nullptr;
    QAction *m_clear = nullptr;
    QAction *m_open = nullptr;
    QAction *m_export = nullptr;
    QAction *m_pooling = nullptr;
    QAction *m_follow = nullptr;
    QAction *m_preferences = nullptr;
    QAction *m_quit = nullptr;
    QAction *m_about = nullptr;
    QAction *m_aboutQt = nullptr;
    QAction *m_focusFilter = nullptr;

    State m_state = State::Idle;
    QString m_openedPath;
    QString m_pathBeforeOpen; // the file shown when an open started, to return to if it fails
    QString m_captureInterfaces;
    QString m_exportFolder;
    bool m_acceptBatches = false;
    bool m_pendingStart = false;
    QTimer *m_rateTimer;
    // Live batches go capture thread -> analysis thread -> here, wait and reach the models at
    // most ten times a second: every publication repaints the packet list and the senders,
    // whatever the batch size.
    AnalyzedBatch m_pending;
    // Packets received before this (a clear, a new start) are not shown, even when their
    // batch was still on its way.
    qint64 m_liveCutoffNs = 0;
    // The capture stopped while batches were being analysed: Idle once they are in.
    bool m_stopAfterAnalysis = false;
    QTimer *m_publishTimer;
};

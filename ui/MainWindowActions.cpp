// MainWindow, part two: what the actions do (capture, open, export, preferences) and the
// reactions to the capture session and the worker jobs. Part one (MainWindow.cpp) builds the
// window and keeps its settings.
#include "MainWindow.h"

#include "AnalyzerSession.h"
#include "BatchAnalyzer.h"
#include "CaptureDocument.h"
#include "CaptureSession.h"
#include "CaptureStatusBar.h"
#include "ChartsPanel.h"
#include "ExportJob.h"
#include "MessageBar.h"
#include "OpenFileJob.h"
#include "PacketDetailsPanel.h"
#include "PacketFilterProxy.h"
#include "PacketListPanel.h"
#include "PacketTableModel.h"
#include "PreferencesDialog.h"
#include "SenderTableModel.h"

#include <QAction>
#include <QComboBox>
#include <QCoreApplication>
#include <QDateTime>
#include <QDir>
#include <QDragEnterEvent>
#include <QDropEvent>
#include <QFileDialog>
#include <QFileInfo>
#include <QLocale>
#include <QMessageBox>
#include <QMimeData>
#include <QProgressDialog>
#include <QTimer>

#include <algorithm>
#include <chrono>
#include <iterator>

using namespace Qt::StringLiterals;

namespace {
QIcon actionIcon(const QString &name)
{
    QIcon icon;
    icon.addFile(u":/icons/%1.png"_s.arg(name), QSize(24, 24));
    icon.addFile(u":/icons/%1@2x.png"_s.arg(name), QSize(48, 48));
    return icon;
}
} // namespace

void MainWindow::setState(State state, const QString &detail)
{
    m_state = state;
    QString text;
    switch (state) {
    case State::Idle:
        text = tr("Idle");
        break;
    case State::Starting:
        text = tr("Starting capture on %1…").arg(detail);
        break;
    case State::Capturing:
        text = tr("Capturing on %1").arg(detail);
        break;
    case State::Stopping:
        text = tr("Stopping…");
        break;
    case State::Opening:
        text = tr("Opening %1…").arg(detail);
        break;
    case State::Opened:
        text = tr("Opened %1").arg(detail);
        break;
    }
    m_statusBar->setState(text);
    const bool showsFile = state == State::Opened || state == State::Opening;
    setWindowTitle(showsFile ? tr("%1 – mdnscope").arg(QFileInfo(m_openedPath).fileName())
                             : tr("mdnscope"));
    updateActions();
    Q_EMIT stateChanged(state);
}

void MainWindow::updateActions()
{
    const bool live = m_state == State::Starting || m_state == State::Capturing;
    m_startStop->setText(live ? tr("&Stop Capture") : tr("&Start Capture"));
    m_startStop->setIcon(actionIcon(live ? u"stop"_s : u"start"_s));
    const QString tip =
        live ? tr("Stop the capture") : tr("Start capturing mDNS traffic on the chosen interface");
    m_startStop->setStatusTip(tip);
    m_startStop->setToolTip(
        u"%1 (%2)"_s.arg(tip, m_startStop->shortcut().toString(QKeySequence::NativeText)));
    m_startStop->setEnabled(m_state != State::Stopping && m_state != State::Opening);
    m_interface->setEnabled(!live && m_state != State::Stopping);
    m_open->setEnabled(m_state != State::Opening);
    m_export->setEnabled(m_state != State::Opening && !m_exportJob->isRunning());
    m_clear->setEnabled(m_state != State::Opening);
}

void MainWindow::updateCounts()
{
    m_statusBar->setPackets(m_document->totalPackets());
    m_statusBar->setEvicted(m_document->store().evictedCount());
}

void MainWindow::toggleCapture()
{
    if (m_state == State::Starting || m_state == State::Capturing)
        stopCapture();
    else
        startCapture();
}

void MainWindow::startCapture()
{
    if (m_state == State::Starting || m_state == State::Capturing || m_state == State::Opening)
        return;
    m_messageBar->hide();
    dropPending();
    m_document->clear();
    m_details->clear();
    m_charts->clear();
    m_statusBar->clearStats();
    m_openedPath.clear();
    m_document->setStartTimeNs(QDateTime::currentMSecsSinceEpoch() * 1'000'000);
    m_liveCutoffNs = m_document->store().startTimeNs();
    CaptureConfig config;
    config.interfaceName = m_interface->currentData().toString();
    config.pooling = m_pooling->isChecked();
    m_captureInterfaces =
        config.interfaceName.isEmpty() ? tr("all interfaces") : config.interfaceName;
    m_acceptBatches = true;
    setState(State::Starting, m_captureInterfaces);
    m_session->start(config);
}

void MainWindow::stopCapture()
{
    if (!m_session->isRunning())
        return;
    m_session->stop();
    setState(State::Stopping);
}

void MainWindow::onStarted(const QStringList &joined)
{
    if (m_state != State::Starting)
        return;
    if (!joined.isEmpty())
        m_captureInterfaces = joined.join(u", "_s);
    m_rateTimer->start();
    setState(State::Capturing, m_captureInterfaces);
}

void MainWindow::onBatch(const PacketBatch &batch)
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

void MainWindow::onAnalyzed(const AnalyzedBatch &batch)
{
    if (!m_acceptBatches)
        return;
    m_pending.append(AnalyzedBatch(batch), BatchAnalyzer::kSummaries);
    if (m_stopAfterAnalysis && m_analyzer->inFlight() == 0)
        onStopped(); // publishes what is pending
    if (!m_pending.isEmpty() && !m_publishTimer->isActive())
        m_publishTimer->start();
}

void MainWindow::publishPending()
{
    m_publishTimer->stop();
    if (m_pending.isEmpty())
        return;
    m_document->addAnalyzed(m_pending);
    m_pending = AnalyzedBatch();
}

void MainWindow::dropPending()
{
    m_publishTimer->stop();
    m_pending = AnalyzedBatch();
    m_analyzer->discardInFlight();
    // A stop waiting for those batches completes now (after the caller's changes).
    if (m_stopAfterAnalysis)
        QMetaObject::invokeMethod(this, &MainWindow::onStopped, Qt::QueuedConnection);
}

void MainWindow::onStats(const CaptureStats &stats)
{
    if (!m_acceptBatches)
        return;
    m_charts->addStats(stats);
    m_statusBar->setStats(stats);
}

void MainWindow::onCaptureError(const CaptureError &error)
{
    m_messageBar->showError(tr("The capture failed: %1").arg(error.operation), error.toString());
    m_statusBar->showMessage(tr("Capture failed"), 10'000);
}

void MainWindow::onStopped()
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
    m_rateTimer->stop();
    m_document->senders()->setNowNs(QDateTime::currentMSecsSinceEpoch() * 1'000'000);
    if (m_state == State::Opening || m_state == State::Opened)
        return;
    setState(State::Idle);
    refreshInterfaces();
}

void MainWindow::clearAll()
{
    // Nanoseconds, the kernel's receive timestamps' clock (CLOCK_REALTIME).
    m_liveCutoffNs = std::chrono::duration_cast<std::chrono::nanoseconds>(
                         std::chrono::system_clock::now().time_since_epoch())
                         .count();
    dropPending();
    m_document->clear();
    m_details->clear();
    m_charts->clear();
    if (m_state == State::Opened) {
        m_openedPath.clear();
        setState(State::Idle);
    }
}

void MainWindow::showPacket(int sourceRow)
{
    if (sourceRow < 0 || sourceRow >= m_document->store().size())
        m_details->clear();
    else
        m_details->showPacket(m_document->store().bytes(sourceRow).toByteArray());
}

void MainWindow::chooseFileToOpen()
{
    const QString path =
        QFileDialog::getOpenFileName(this, tr("Open Capture File"), m_exportFolder,
                                     tr("Capture files (*.pcap *.pcapng *.cap);;All files (*)"));
    if (!path.isEmpty())
        openFile(path);
}

void MainWindow::openFile(const QString &path)
{
    if (m_state == State::Opening) {
        m_statusBar->showMessage(
            tr("Still opening %1; open %2 when it has finished")
                .arg(QFileInfo(m_openedPath).fileName(), QFileInfo(path).fileName()),
            10'000);
        return;
    }
    m_pathBeforeOpen = m_state == State::Opened ? m_openedPath : QString();
    if (m_session->isRunning()) {
        m_acceptBatches = false;
        m_session->stop();
    }
    dropPending();
    m_messageBar->hide();
    m_openedPath = path;
    setState(State::Opening, QFileInfo(path).fileName());
    delete m_progress;
    m_progress = new QProgressDialog(tr("Reading %1…").arg(QFileInfo(path).fileName()),
                                     tr("Cancel"), 0, 100, this);
    m_progress->setWindowTitle(tr("Open Capture File"));
    m_progress->setWindowModality(Qt::WindowModal);
    m_progress->setMinimumDuration(400);
    m_progress->setAutoClose(false);
    m_progress->setAutoReset(false);
    connect(m_openJob, &OpenFileJob::progress, m_progress, &QProgressDialog::setValue);
    connect(m_progress, &QProgressDialog::canceled, m_openJob, &OpenFileJob::cancel);
    m_openJob->start(path);
}

void MainWindow::onFileOpened(const std::shared_ptr<OpenedFile> &result)
{
    if (m_progress) {
        m_progress->deleteLater();
        m_progress = nullptr;
    }
    const CaptureFileResult &file = result->file;
    const QString name = QFileInfo(result->path).fileName();
    if (file.cancelled) {
        returnFromFailedOpen();
        m_statusBar->showMessage(tr("Opening %1 was cancelled").arg(name), 10'000);
        Q_EMIT fileOpened(false);
        return;
    }
    if (file.error && file.packets.isEmpty()) {
        returnFromFailedOpen();
        m_messageBar->showError(tr("Could not open %1").arg(name), file.error->toString());
        Q_EMIT fileOpened(false);
        return;
    }
    m_details->clear();
    m_charts->clear();
    m_statusBar->clearStats();
    m_document->load(file.packets, result->malformed, std::move(result->senders));
    setState(State::Opened, name);
    const QLocale l;
    const CaptureFileStats &s = file.stats;
    QString message = tr("%1: %2 mDNS packets, %3 malformed, %4 of %5 records skipped")
                          .arg(name, l.toString(s.packets), l.toString(result->malformedCount),
                               l.toString(s.skipped()), l.toString(s.records));
    if (s.skipped() > 0)
        message += u' ' + tr("(not mDNS %1, fragments %2, cut short %3, other link types %4)")
                              .arg(l.toString(s.skippedNotMdns), l.toString(s.skippedFragments),
                                   l.toString(s.skippedShort), l.toString(s.skippedLinkType));
    m_statusBar->showMessage(message);
    if (file.error)
        m_messageBar->showError(
            tr("%1 is damaged; showing the packets before the damage").arg(name),
            file.error->toString());
    Q_EMIT fileOpened(true);
}

// The packets on screen are still those of before the open: so is the state.
void MainWindow::returnFromFailedOpen()
{
    m_openedPath = m_pathBeforeOpen;
    if (m_openedPath.isEmpty())
        setState(State::Idle);
    else
        setState(State::Opened, QFileInfo(m_openedPath).fileName());
}

void MainWindow::showExportDialog()
{
    ExportDialog dialog(m_document->store().size(), m_packetList->proxy()->rowCount(),
                        m_packetList->selectedRows().size(), m_exportFolder, this);
    if (dialog.exec() == QDialog::Accepted)
        exportPackets(dialog.format(), dialog.scope(), dialog.path());
}

void MainWindow::exportPackets(ExportFormat format, ExportDialog::Scope scope, const QString &path)
{
    if (m_exportJob->isRunning())
        return;
    PacketStore::Snapshot snapshot;
    switch (scope) {
    case ExportDialog::Scope::All:
        snapshot = m_document->store().snapshotAll();
        break;
    case ExportDialog::Scope::Displayed:
        snapshot = m_document->store().snapshot(m_packetList->displayedRows());
        break;
    case ExportDialog::Scope::Selected:
        snapshot = m_document->store().snapshot(m_packetList->selectedRows());
        break;
    }
    delete m_progress;
    m_progress =
        new QProgressDialog(tr("Exporting %n packet(s)…", nullptr, int(snapshot.packets.size())),
                            tr("Cancel"), 0, 100, this);
    m_progress->setWindowTitle(tr("Export Packets"));
    m_progress->setWindowModality(Qt::WindowModal);
    m_progress->setMinimumDuration(400);
    m_progress->setAutoClose(false);
    m_progress->setAutoReset(false);
    connect(m_exportJob, &ExportJob::progress, m_progress, [this](qint64 done, qint64 total) {
        if (m_progress && total > 0)
            m_progress->setValue(int(done * 100 / total));
    });
    connect(m_progress, &QProgressDialog::canceled, m_exportJob, &ExportJob::cancel);
    m_exportJob->start(format, path, std::move(snapshot));
    updateActions();
}

void MainWindow::onExportFinished(const ExportResult &result)
{
    if (m_progress) {
        m_progress->deleteLater();
        m_progress = nullptr;
    }
    const QString path = m_exportJob->path();
    if (result.ok) {
        m_exportFolder = QFileInfo(path).absolutePath();
        m_statusBar->showMessage(
            tr("Exported %n packet(s) to %1", nullptr, int(result.packetsWritten))
                .arg(QDir::toNativeSeparators(path)),
            15'000);
    } else if (result.cancelled) {
        m_statusBar->showMessage(tr("Export cancelled; nothing was written"), 10'000);
    } else {
        m_messageBar->showError(tr("The export failed"), result.error);
    }
    updateActions();
    Q_EMIT exportFinished(result);
}

void MainWindow::setStoreCapacity(qsizetype capacity)
{
    m_document->setCapacity(capacity);
}

void MainWindow::showPreferences()
{
    PreferencesDialog dialog(m_document->store().capacity(), this);
    if (dialog.exec() == QDialog::Accepted)
        setStoreCapacity(dialog.storeCapacity());
}

void MainWindow::showAbout()
{
    QMessageBox::about(
        this, tr("About mdnscope"),
        tr("<h3>mdnscope %1</h3><p>A monitor for multicast DNS (mDNS, DNS-SD) traffic: it "
           "listens on 224.0.0.251 port 5353, decodes every packet and shows who announces "
           "what. It only listens and never sends.</p><p>The charts show what receiving costs: "
           "the buffer pool and the heap allocations of the capture thread and the whole "
           "process.</p>")
            .arg(QCoreApplication::applicationVersion()));
}

void MainWindow::dragEnterEvent(QDragEnterEvent *event)
{
    const QList<QUrl> urls = event->mimeData()->urls();
    if (!urls.isEmpty() && urls.first().isLocalFile())
        event->acceptProposedAction();
}

void MainWindow::dropEvent(QDropEvent *event)
{
    const QList<QUrl> urls = event->mimeData()->urls();
    if (!urls.isEmpty() && urls.first().isLocalFile()) {
        event->acceptProposedAction();
        openFile(urls.first().toLocalFile());
    }
}

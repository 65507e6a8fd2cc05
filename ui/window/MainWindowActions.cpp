// MainWindow, part two: what the capture and preferences actions do and the reactions to the
// capture and analysis sessions. Part one (MainWindow.cpp) builds the window and keeps its
// settings; part three (MainWindowFiles.cpp) opens and exports files.
#include "MainWindow.h"

#include "AnalyzerSession.h"
#include "BatchAnalyzer.h"
#include "CaptureDocument.h"
#include "CaptureSession.h"
#include "CaptureStatusBar.h"
#include "ChartsPanel.h"
#include "ExportJob.h"
#include "MessageBar.h"
#include "PacketDetailsPanel.h"
#include "PacketListPanel.h"
#include "PacketTableModel.h"
#include "PreferencesDialog.h"
#include "SenderTableModel.h"

#include <QAction>
#include <QComboBox>
#include <QCoreApplication>
#include <QDateTime>
#include <QDir>
#include <QFileInfo>
#include <QMessageBox>
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

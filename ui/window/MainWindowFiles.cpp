// MainWindow, part three: opening capture files (menu, drag and drop, command line) and
// exporting packets, both through worker jobs off the GUI thread.
#include "MainWindow.h"

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

#include <QAction>
#include <QDragEnterEvent>
#include <QDropEvent>
#include <QFileDialog>
#include <QFileInfo>
#include <QLocale>
#include <QMimeData>
#include <QProgressDialog>

using namespace Qt::StringLiterals;

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
        message += u' ' + tr("(not mDNS %1, malformed IP/UDP header %2, fragments %3, cut short "
                             "%4, other link types %5)")
                              .arg(l.toString(s.skippedNotMdns), l.toString(s.skippedMalformed),
                                   l.toString(s.skippedFragments), l.toString(s.skippedShort),
                                   l.toString(s.skippedLinkType));
    if (!s.firstMalformed.isEmpty())
        message += u' ' + tr("first malformed header: %1").arg(s.firstMalformed);
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

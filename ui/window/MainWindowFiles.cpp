// MainWindow, part three: opening capture files (menu, drag and drop, command line) and
// exporting packets, both run by the capture controller's jobs off the GUI thread; here the
// dialogs, the progress and the words for the outcome.
#include "MainWindow.h"

#include "CaptureStatusBar.h"
#include "ChartsPanel.h"
#include "MessageBar.h"
#include "OpenFileJob.h"
#include "PacketDetailsPanel.h"
#include "PacketDocument.h"
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
    if (!m_controller->openFile(path)) { // refused: another file is being opened
        m_statusBar->showMessage(
            tr("Still opening %1; open %2 when it has finished")
                .arg(QFileInfo(m_controller->filePath()).fileName(), QFileInfo(path).fileName()),
            10'000);
        return;
    }
    delete m_progress;
    m_progress = new QProgressDialog(tr("Reading %1…").arg(QFileInfo(path).fileName()),
                                     tr("Cancel"), 0, 100, this);
    m_progress->setWindowTitle(tr("Open Capture File"));
    m_progress->setWindowModality(Qt::WindowModal);
    m_progress->setMinimumDuration(400);
    m_progress->setAutoClose(false);
    m_progress->setAutoReset(false);
    connect(m_controller, &CaptureController::openProgress, m_progress, &QProgressDialog::setValue);
    connect(m_progress, &QProgressDialog::canceled, m_controller, &CaptureController::cancelOpen);
}

// Before the state becomes Opened: the file's packets replace what is shown.
void MainWindow::onFileLoaded(const std::shared_ptr<OpenedFile> &result)
{
    m_details->clear();
    m_charts->clear();
    m_statusBar->clearStats();
    m_document->load(result->file.packets, result->malformed, std::move(result->senders));
    m_charts->showFile(m_document->store());
}

void MainWindow::onOpenFinished(const std::shared_ptr<OpenedFile> &result, bool shown)
{
    if (m_progress) {
        m_progress->deleteLater();
        m_progress = nullptr;
    }
    const CaptureFileResult &file = result->file;
    const QString name = QFileInfo(result->path).fileName();
    if (!shown) {
        if (file.cancelled)
            m_statusBar->showMessage(tr("Opening %1 was cancelled").arg(name), 10'000);
        else
            m_messageBar->showError(tr("Could not open %1").arg(name), file.error->toString());
        Q_EMIT fileOpened(false);
        return;
    }
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

void MainWindow::showExportDialog()
{
    ExportDialog dialog(m_document->store().size(), m_packetList->proxy()->rowCount(),
                        m_packetList->selectedRows().size(), m_exportFolder, this);
    if (dialog.exec() == QDialog::Accepted)
        exportPackets(dialog.format(), dialog.scope(), dialog.path());
}

void MainWindow::exportPackets(ExportFormat format, ExportDialog::Scope scope, const QString &path)
{
    if (m_controller->isExporting())
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
    connect(m_controller, &CaptureController::exportProgress, m_progress,
            [this](qint64 done, qint64 total) {
                if (m_progress && total > 0)
                    m_progress->setValue(int(done * 100 / total));
            });
    connect(m_progress, &QProgressDialog::canceled, m_controller, &CaptureController::cancelExport);
    m_controller->exportPackets(format, path, std::move(snapshot)); // exportingChanged: actions
}

void MainWindow::onExportFinished(const ExportResult &result)
{
    if (m_progress) {
        m_progress->deleteLater();
        m_progress = nullptr;
    }
    const QString path = m_controller->exportPath();
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

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
#include <QCheckBox>
#include <QDir>
#include <QDragEnterEvent>
#include <QDropEvent>
#include <QEventLoop>
#include <QFileDialog>
#include <QFileInfo>
#include <QInputDialog>
#include <QLineEdit>
#include <QLocale>
#include <QMessageBox>
#include <QMimeData>
#include <QProgressDialog>
#include <QSettings>

#include <algorithm>
#include <limits>

using namespace Qt::StringLiterals;

void MainWindow::chooseFileToOpen()
{
    if (!confirmDiscard(tr("Open a file without saving the packets?")))
        return;
    const QString path = QFileDialog::getOpenFileName(
        this, tr("Open Capture File"), m_openFolder.isEmpty() ? m_exportFolder : m_openFolder,
        tr("Capture files (*.pcap *.pcapng *.cap);;All files (*)"));
    if (!path.isEmpty())
        openFile(path);
}

void MainWindow::chooseStreamToOpen()
{
    if (!confirmDiscard(tr("Open a stream without saving the packets?")))
        return;
    bool ok = false;
    const QString source =
        QInputDialog::getText(this, tr("Open Stream"),
                              tr("A FIFO path, or a shell command whose standard output is a pcap "
                                 "or pcapng stream, e.g.\nssh pi 'tcpdump -U -w - udp port 5353'\n"
                                 "ssh pi mdnscope --headless --write -"),
                              QLineEdit::Normal, QSettings().value(kStreamKey).toString(), &ok)
            .trimmed();
    if (!ok || source.isEmpty())
        return;
    QSettings().setValue(kStreamKey, source);
    openStream(source);
}

bool MainWindow::openStream(const QString &source)
{
    m_messageBar->hide();
    m_statusBar->clearMessage();
    return m_controller->openStream(source);
}

void MainWindow::onStreamFailed(const QString &error)
{
    const State state = m_controller->state();
    if (state == State::Capturing || state == State::Stopping) {
        //: %1: why, e.g. at offset 1234: the file ends 10 bytes into the block at offset 1234
        m_statusBar->showMessage(tr("The stream ended: %1").arg(error));
    } else {
        m_messageBar->showError(tr("The stream could not be opened"), error);
        m_statusBar->showMessage(tr("The stream could not be opened: %1").arg(error));
    }
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
    // The folder the next Open dialog starts in, kept at once (not only when the window closes).
    m_openFolder = QFileInfo(path).absolutePath();
    QSettings().setValue(kOpenFolderKey, m_openFolder);
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
    resetPacketFilters();
    m_savedTotal = m_savingTotal = 0;
    m_details->clear();
    m_charts->clear();
    m_statusBar->clearStats();
    m_document->load(result->file.packets, result->malformed, std::move(result->senders));
    m_openedFile = CaptureFileResult();
    m_openedFile.sections = result->file.sections; // what the details show of each packet
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
    QString message = tr("%1: %2 mDNS packets, %3 malformed, %4 of %5 frames skipped")
                          .arg(name, l.toString(s.packets), l.toString(result->malformedCount),
                               l.toString(s.skipped()), l.toString(s.records));
    if (s.skipped() > 0)
        message += u' ' + tr("(not mDNS %1, malformed IP/UDP header %2, fragments %3, cut short "
                             "%4, other link types %5)")
                              .arg(l.toString(s.skippedNotMdns), l.toString(s.skippedMalformed),
                                   l.toString(s.skippedFragments), l.toString(s.skippedShort),
                                   l.toString(s.skippedLinkType));
    if (s.fragments > 0)
        message += u' ' + tr("IP fragments: %1, reassembled into %2 mDNS packets; incomplete "
                             "datagrams: %3")
                              .arg(l.toString(s.fragments), l.toString(s.reassembledPackets),
                                   l.toString(s.incompleteDatagrams));
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
    showExportDialogFor(ExportDialog::Scope::All); // every packet when there are any
}

void MainWindow::showExportDialogFor(ExportDialog::Scope scope)
{
    if (m_document->store().size() == 0) {
        // A dialog with every choice disabled would not say why.
        m_messageBar->showNotice(tr("Nothing to export: there are no packets"),
                                 tr("Start a capture or open a capture file first."));
        return;
    }
    ExportDialog dialog(m_document->store().size(), m_packetList->proxy()->rowCount(),
                        m_packetList->selectedRows().size(), m_exportFolder, this);
    dialog.setScope(scope);
    if (dialog.exec() == QDialog::Accepted)
        exportPackets(dialog.format(), dialog.scope(), dialog.path());
}

void MainWindow::exportPackets(ExportFormat format, ExportDialog::Scope scope, const QString &path)
{
    if (m_controller->isExporting())
        return;
    m_savingTotal = 0;
    PacketStore::Snapshot snapshot;
    switch (scope) {
    case ExportDialog::Scope::All:
        snapshot = m_document->store().snapshotAll();
        // Whole: every packet since the last clear is in it.
        if (format == ExportFormat::Pcapng && m_document->store().evictedCount() == 0)
            m_savingTotal = m_document->totalPackets();
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
        if (m_savingTotal > 0)
            m_savedTotal = m_savingTotal;
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
        if (confirmDiscard(tr("Open a file without saving the packets?")))
            openFile(urls.first().toLocalFile());
    }
}

bool MainWindow::hasUnsavedPackets() const
{
    const quint64 total = m_document->totalPackets();
    return total > 0 && !m_document->isFile() && total != m_savedTotal;
}

bool MainWindow::confirmDiscard(const QString &question)
{
    if (!hasUnsavedPackets() || !QSettings().value(kAskUnsavedKey, true).toBool())
        return true;
    QMessageBox box(QMessageBox::Warning, tr("Unsaved Packets"), question,
                    QMessageBox::Save | QMessageBox::Discard | QMessageBox::Cancel, this);
    box.setObjectName(u"unsavedPacketsBox"_s);
    box.setInformativeText(
        tr("%n packet(s) captured have not been saved. Save them as pcapng "
           "first?",
           nullptr,
           int(std::min<quint64>(m_document->totalPackets(), std::numeric_limits<int>::max()))));
    box.setDefaultButton(QMessageBox::Save);
    auto *dontAsk = new QCheckBox(tr("Don't ask again"), &box);
    dontAsk->setObjectName(u"dontAskAgain"_s);
    dontAsk->setToolTip(tr("Preferences can turn the question on again"));
    box.setCheckBox(dontAsk);
    const int answer = box.exec();
    if (answer != QMessageBox::Save && answer != QMessageBox::Discard)
        return false; // Cancel, Escape, the window closed
    if (dontAsk->isChecked())
        QSettings().setValue(kAskUnsavedKey, false);
    return answer == QMessageBox::Discard || saveBeforeDiscard();
}

// Exports every packet to a pcapng file the user names and waits for the export (its
// progress dialog stays responsive); false when no file was chosen or the export did not
// complete, so the action that asked does not go on.
bool MainWindow::saveBeforeDiscard()
{
    if (m_controller->isExporting()) {
        m_messageBar->showNotice(tr("An export is running"), tr("Try again when it has finished."));
        return false;
    }
    QString path = QFileDialog::getSaveFileName(
        this, tr("Save Packets"),
        QDir(m_exportFolder.isEmpty() ? QDir::homePath() : m_exportFolder)
            .filePath(u"capture.pcapng"_s),
        tr("pcapng files (*.pcapng)"));
    if (path.isEmpty())
        return false;
    if (QFileInfo(path).suffix().isEmpty())
        path += u".pcapng"_s;
    bool ok = false;
    QEventLoop loop;
    const QMetaObject::Connection done =
        connect(this, &MainWindow::exportFinished, &loop, [&](const ExportResult &result) {
            ok = result.ok;
            loop.quit();
        });
    exportPackets(ExportFormat::Pcapng, ExportDialog::Scope::All, path);
    if (m_controller->isExporting())
        loop.exec();
    disconnect(done);
    return ok;
}

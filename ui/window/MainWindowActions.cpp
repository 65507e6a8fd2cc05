// MainWindow, part two: what the capture and preferences actions do and how the window shows
// the capture controller's state and the capture's progress. Part one (MainWindow.cpp) builds
// the window and keeps its settings; part three (MainWindowFiles.cpp) opens and exports files.
#include "MainWindow.h"

#include "CaptureStatusBar.h"
#include "ChartsPanel.h"
#include "MessageBar.h"
#include "PacketDetailsPanel.h"
#include "PacketDocument.h"
#include "PacketListPanel.h"
#include "PacketTableModel.h"
#include "PreferencesDialog.h"
#include "SenderTableModel.h"
#include "TalkersModel.h"

#include <QAction>
#include <QComboBox>
#include <QCoreApplication>
#include <QDateTime>
#include <QDir>
#include <QFileInfo>
#include <QMessageBox>
#include <QProgressDialog>
#include <QSettings>
#include <QTableView>
#include <QTimer>

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

void MainWindow::onStateChanged(State state)
{
    const QString interfaces = m_controller->captureInterfaces().isEmpty()
                                   ? tr("all interfaces")
                                   : m_controller->captureInterfaces();
    const QString fileName = QFileInfo(m_controller->filePath()).fileName();
    QString text;
    switch (state) {
    case State::Idle:
        text = tr("Idle");
        break;
    case State::Starting:
        m_messageBar->hide();        // a new start clears the old error
        m_statusBar->clearMessage(); // and what was said about the file shown before
        text = tr("Starting capture on %1…").arg(interfaces);
        break;
    case State::Capturing:
        m_rateTimer->start();
        text = capturingText();
        break;
    case State::Stopping:
        text = tr("Stopping…");
        break;
    case State::Opening:
        m_messageBar->hide();
        text = tr("Opening %1…").arg(fileName);
        break;
    case State::Opened:
        text = tr("Opened %1").arg(fileName);
        break;
    }
    m_statusBar->setState(text);
    const bool showsFile = state == State::Opened || state == State::Opening;
    setWindowTitle(showsFile ? tr("%1 – mdnscope").arg(fileName) : tr("mdnscope"));
    updateActions();
    Q_EMIT stateChanged(state);
}

QString MainWindow::capturingText() const
{
    if (!m_controller->streamSource().isEmpty()) {
        const QString source = m_controller->streamSource();
        //: %1: a FIFO path, or a command, e.g. ssh pi tcpdump -U -w - udp port 5353
        return source == u"-"_s ? tr("Reading a stream from standard input")
                                : tr("Reading the stream %1").arg(source);
    }
    const QString interfaces = m_controller->captureInterfaces().isEmpty()
                                   ? tr("all interfaces")
                                   : m_controller->captureInterfaces();
    //: %1: interface names, %2: IPv4 + IPv6, IPv4 or IPv6
    return tr("Capturing on %1 (%2)").arg(interfaces, m_controller->membership().familiesText());
}

void MainWindow::updateActions()
{
    const State state = m_controller->state();
    const bool live = state == State::Starting || state == State::Capturing;
    m_startStop->setText(live ? tr("&Stop Capture") : tr("&Start Capture"));
    m_startStop->setIcon(actionIcon(live ? u"stop"_s : u"start"_s));
    const QString tip =
        live ? tr("Stop the capture") : tr("Start capturing mDNS traffic on the chosen interface");
    m_startStop->setStatusTip(tip);
    m_startStop->setToolTip(
        u"%1 (%2)"_s.arg(tip, m_startStop->shortcut().toString(QKeySequence::NativeText)));
    m_startStop->setEnabled(state != State::Stopping && state != State::Opening);
    m_interface->setEnabled(!live && state != State::Stopping);
    m_family->setEnabled(!live && state != State::Stopping);
    m_open->setEnabled(state != State::Opening);
    m_openStream->setEnabled(state == State::Idle || state == State::Opened);
    m_export->setEnabled(state != State::Opening && !m_controller->isExporting());
    m_clear->setEnabled(state != State::Opening);
}

void MainWindow::updateCounts()
{
    m_statusBar->setPackets(m_document->totalPackets());
    m_statusBar->setEvicted(m_document->store().evictedCount());
}

void MainWindow::toggleCapture()
{
    const State state = m_controller->state();
    if (state == State::Starting || state == State::Capturing)
        stopCapture();
    else if (confirmDiscard(tr("Start a new capture without saving the packets?")))
        startCapture();
}

void MainWindow::startCapture()
{
    m_controller->startCapture(m_interface->currentData().toString());
}

void MainWindow::setFamilies(bool ipv4, bool ipv6)
{
    const QString key = ipv4 && ipv6 ? u"both"_s : ipv4 ? u"ipv4"_s : u"ipv6"_s;
    m_family->setCurrentIndex(std::max(0, m_family->findData(key)));
    applyFamily(); // also when the index did not change
}

void MainWindow::applyFamily()
{
    const QString family = m_family->currentData().toString();
    m_controller->setFamilies(family != u"ipv6"_s, family != u"ipv4"_s);
}

// A family asked for and not captured (no IPv6 on the interface, IPv6 off) is said at once.
void MainWindow::onCaptureStarted(const CaptureMembership &membership)
{
    if (!membership.notes.isEmpty())
        m_messageBar->showNotice(tr("Capturing %1 only").arg(membership.familiesText()),
                                 membership.notes.join(u'\n'));
}

// Interfaces that came or went during a capture on every interface: shown for a while, and
// the state line names the interfaces captured now.
void MainWindow::onInterfaceChanged(const InterfaceChange &change)
{
    m_statusBar->showMessage(change.toString(), 10'000);
    if (m_controller->state() == State::Capturing)
        m_statusBar->setState(capturingText());
}

void MainWindow::stopCapture()
{
    m_controller->stopCapture();
}

// A new capture: what was shown goes, its packets count time from its start.
void MainWindow::onCaptureBegins(qint64 startTimeNs)
{
    onCleared();
    m_statusBar->clearStats();
    m_document->setStartTimeNs(startTimeNs);
}

void MainWindow::onCleared()
{
    resetPacketFilters();
    m_savedTotal = m_savingTotal = 0;
    m_statusBar->clearMessage(); // it spoke of what was shown
    m_document->clear();
    m_details->clear();
    m_charts->clear();
}

// The sender and packet-number filters name hosts and packets of what was shown: a new
// capture or file starts without them (the display filter and the text stay, as Wireshark's
// display filter does).
void MainWindow::resetPacketFilters()
{
    m_sendersView->clearSelection();
    m_packetList->setSenderFilter({});
    m_packetList->setNumbersFilter({});
}

void MainWindow::onStats(const CaptureStats &stats)
{
    m_charts->addStats(stats);
    m_statusBar->setStats(stats);
}

void MainWindow::onCaptureError(const CaptureError &error)
{
    m_messageBar->showError(tr("The capture failed: %1").arg(error.operation), error.toString());
    m_statusBar->showMessage(tr("Capture failed"), 10'000);
}

void MainWindow::onCaptureEnded()
{
    m_rateTimer->stop();
    m_document->senders()->setNowNs(QDateTime::currentMSecsSinceEpoch() * 1'000'000);
    // Back to idle (not to a file being shown): interfaces may have come or gone meanwhile.
    const State state = m_controller->state();
    if (state != State::Opening && state != State::Opened)
        refreshInterfaces();
}

void MainWindow::showPacket(int sourceRow)
{
    if (sourceRow < 0 || sourceRow >= m_document->store().size()) {
        m_details->clear();
        return;
    }
    const quint64 number = m_document->store().number(sourceRow);
    PacketNotes notes;
    notes.comments = m_document->store().comments(sourceRow);
    // The file's sections describe its packets only while they are what the window shows.
    const CaptureSection *section =
        m_document->isFile() ? m_openedFile.sectionOf(quint32(number)) : nullptr;
    if (section) {
        notes.application = section->application;
        notes.hardware = section->hardware;
        notes.os = section->os;
        notes.sectionComments = section->comments;
    }
    m_details->showPacket(m_document->store().bytes(sourceRow).toByteArray(), number,
                          findingsOfPacket(number), notes);
}

void MainWindow::setStoreCapacity(qsizetype capacity)
{
    m_document->setCapacity(capacity);
}

void MainWindow::showPreferences()
{
    PreferencesDialog dialog(m_document->store().capacity(), this);
    dialog.setFloodThreshold(int(TalkersModel::storedFloodThreshold()));
    dialog.setAskBeforeDiscarding(QSettings().value(kAskUnsavedKey, true).toBool());
    dialog.setMetricsAddress(QSettings().value(kMetricsAddressKey).toString());
    if (dialog.exec() == QDialog::Accepted) {
        setStoreCapacity(dialog.storeCapacity());
        setFloodThreshold(dialog.floodThreshold());
        QSettings().setValue(kAskUnsavedKey, dialog.askBeforeDiscarding());
        QSettings().setValue(kMetricsAddressKey, dialog.metricsAddress());
        applyMetricsAddress(dialog.metricsAddress());
    }
}

void MainWindow::applyMetricsAddress(const QString &address)
{
    if (address == m_controller->metricsAddress())
        return;
    QString error;
    if (!m_controller->setMetricsAddress(address, &error))
        m_messageBar->showError(tr("Prometheus metrics are not served: %1").arg(error));
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

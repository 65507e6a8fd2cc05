// MainWindow, part six: the Behaviour dock (issue #16: how each host behaves over time), a tab
// per view, and what feeds it: the capture controller's behaviour changes (live, a file's, and
// a reset on clear / new capture) go to applyBehaviour(), which hands them to every panel.
// The tabs: Timeline (TimelinePanel: a lane per host with its events and the checker's
// findings; a click selects the packet), Latency (LatencyPanel: the histogram and the table
// per responder) and Talkers (TalkersPanel: the top talkers and their chart, the flood
// threshold named in the status bar).
#include "MainWindow.h"

#include "CaptureStatusBar.h"
#include "LatencyPanel.h"
#include "OpenFileJob.h"
#include "TalkersModel.h"
#include "TalkersPanel.h"
#include "TimelinePanel.h"
#include "TimelineWidget.h"

#include <QAction>
#include <QDockWidget>
#include <QScrollArea>
#include <QSettings>
#include <QTabWidget>

using namespace Qt::StringLiterals;

void MainWindow::createBehaviourDock()
{
    m_behaviourTabs = new QTabWidget(this);
    m_behaviourTabs->setObjectName(u"behaviourTabs"_s);
    m_behaviourTabs->setDocumentMode(true);

    // The tabs, in order.
    m_timeline = new TimelinePanel(this);
    m_behaviourTabs->addTab(m_timeline, tr("Timeline"));
    m_latency = new LatencyPanel(this);
    m_behaviourTabs->addTab(m_latency, tr("Latency"));
    m_talkers = new TalkersPanel(this);
    m_behaviourTabs->addTab(m_talkers, tr("Talkers"));

    m_behaviourDock = new QDockWidget(tr("Behaviour"), this);
    m_behaviourDock->setObjectName(u"behaviourDock"_s);
    // In a scroll area: at 1024x700 the bottom docks may be lower than the timeline's legend,
    // lanes and axis need, and the packet list keeps its height rather than the dock its own.
    auto *scroll = new QScrollArea(this);
    scroll->setObjectName(u"behaviourScroll"_s);
    scroll->setWidgetResizable(true);
    scroll->setFrameShape(QFrame::NoFrame);
    scroll->setWidget(m_behaviourTabs);
    m_behaviourDock->setWidget(scroll);
    addDockWidget(Qt::BottomDockWidgetArea, m_behaviourDock);
    tabifyDockWidget(m_sendersDock, m_behaviourDock);
    m_sendersDock->raise(); // as before; the Behaviour tab is beside it

    // (The status bar is made after the docks: looked up when it is needed.)
    connect(m_talkers->model(), &TalkersModel::floodingChanged, this,
            [this](const QString &text) { m_statusBar->setFlooding(text); });
    // Live batches and ticks, a file's (before fileLoaded), and a reset on clear / new capture.
    connect(m_controller, &CaptureController::behaviourChanged, this, &MainWindow::applyBehaviour);
    // The checker's findings as marks on the timeline: live (after the behaviour changes of the
    // same moment, see CaptureController::publishPending) and a file's (after its behaviour).
    connect(m_controller, &CaptureController::findingsChanged, m_timeline,
            &TimelinePanel::applyFindings);
    connect(m_controller, &CaptureController::fileLoaded, this,
            [this](const std::shared_ptr<OpenedFile> &file) {
                m_timeline->applyFindings(file->findings);
                m_timeline->timeline()->fit(); // a file: all of it in view
            });
    // A click on a mark selects its packet, as a finding's does.
    connect(m_timeline, &TimelinePanel::packetActivated, this, &MainWindow::showFindingPacket);
}

// Every behaviour view gets every change (each keeps what it shows; a reset empties it).
void MainWindow::applyBehaviour(const BehaviourChanges &changes)
{
    m_timeline->applyChanges(changes);
    m_latency->applyChanges(changes);
    m_talkers->apply(changes);
}

void MainWindow::setFloodThreshold(int packetsPerSecond)
{
    if (packetsPerSecond <= 0)
        return;
    QSettings().setValue(QString::fromLatin1(TalkersModel::kFloodThresholdKey), packetsPerSecond);
    m_talkers->setFloodThreshold(packetsPerSecond);
}

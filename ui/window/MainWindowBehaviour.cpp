// MainWindow, part six: the Behaviour dock (issue #16: how each host behaves over time), a tab
// per view, and what feeds it: the capture controller's behaviour changes (live, a file's, and
// a reset on clear / new capture) go to applyBehaviour(), which hands them to every panel.
// Today the Talkers tab (TalkersPanel: the top talkers and their chart, the flood threshold
// named in the status bar); the latency and timeline views join as tabs here.
#include "MainWindow.h"

#include "CaptureStatusBar.h"
#include "TalkersModel.h"
#include "TalkersPanel.h"

#include <QAction>
#include <QDockWidget>
#include <QSettings>
#include <QTabWidget>

using namespace Qt::StringLiterals;

void MainWindow::createBehaviourDock()
{
    m_behaviourTabs = new QTabWidget(this);
    m_behaviourTabs->setObjectName(u"behaviourTabs"_s);
    m_behaviourTabs->setDocumentMode(true);

    // The tabs, in order. (The latency and timeline panels are added here the same way.)
    m_talkers = new TalkersPanel(this);
    m_behaviourTabs->addTab(m_talkers, tr("Talkers"));

    m_behaviourDock = new QDockWidget(tr("Behaviour"), this);
    m_behaviourDock->setObjectName(u"behaviourDock"_s);
    m_behaviourDock->setWidget(m_behaviourTabs);
    addDockWidget(Qt::BottomDockWidgetArea, m_behaviourDock);
    tabifyDockWidget(m_sendersDock, m_behaviourDock);
    m_sendersDock->raise(); // as before; the Behaviour tab is beside it

    // (The status bar is made after the docks: looked up when it is needed.)
    connect(m_talkers->model(), &TalkersModel::floodingChanged, this,
            [this](const QString &text) { m_statusBar->setFlooding(text); });
    // Live batches and ticks, a file's (after fileLoaded), and a reset on clear / new capture.
    connect(m_controller, &CaptureController::behaviourChanged, this, &MainWindow::applyBehaviour);
}

// Every behaviour view gets every change (each keeps what it shows; a reset empties it).
void MainWindow::applyBehaviour(const BehaviourChanges &changes)
{
    m_talkers->apply(changes);
    // The latency and timeline panels: m_latency->apply(changes); m_timeline->apply(changes);
}

void MainWindow::setFloodThreshold(int packetsPerSecond)
{
    if (packetsPerSecond <= 0)
        return;
    QSettings().setValue(QString::fromLatin1(TalkersModel::kFloodThresholdKey), packetsPerSecond);
    m_talkers->setFloodThreshold(packetsPerSecond);
}

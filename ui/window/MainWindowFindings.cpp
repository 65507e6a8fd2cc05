// MainWindow, part five: the findings dock (the conformance checker's findings and scorecard,
// see FindingsPanel), what feeds it (the capture controller's finding changes, live and from a
// file), and what it marks elsewhere: the packets that findings name (an icon in the packet
// list's number column), the senders' error / warning counts, the selected finding's packet.
#include "MainWindow.h"

#include "CaptureStatusBar.h"
#include "DecodedTreeModel.h"
#include "FindingsModel.h"
#include "FindingsPanel.h"
#include "OpenFileJob.h"
#include "PacketDetailsPanel.h"
#include "PacketDocument.h"
#include "PacketListPanel.h"
#include "PacketTableModel.h"
#include "SenderTableModel.h"

#include <QAction>
#include <QDockWidget>

#include <algorithm>

using namespace Qt::StringLiterals;

void MainWindow::createFindingsDock()
{
    m_findings = new FindingsPanel(this);
    m_findingsDock = new QDockWidget(tr("Findings"), this);
    m_findingsDock->setObjectName(u"findingsDock"_s);
    m_findingsDock->setWidget(m_findings);
    addDockWidget(Qt::RightDockWidgetArea, m_findingsDock);
    tabifyDockWidget(m_servicesDock, m_findingsDock);
    m_servicesDock->raise(); // as before; the Findings tab is beside it

    FindingsModel *findings = m_findings->findingsModel();
    m_document->packets()->setFindingMarks(&findings->marks());
    m_document->senders()->setFindingMarks(&findings->marks());
    connect(findings, &FindingsModel::marksChanged, this,
            [this](const QList<quint64> &packets, const QList<IpAddress> &senders) {
                m_document->packets()->findingMarksChanged(packets);
                // Findings that arrive for the packet shown join its decoded tree.
                const quint64 shown = m_details->shownNumber();
                if (shown != 0 && packets.contains(shown))
                    m_details->setFindings(findingsOfPacket(shown));
                if (!senders.isEmpty())
                    m_document->senders()->findingsChanged();
            });
    connect(findings, &QAbstractItemModel::modelReset, this, [this] {
        m_document->packets()->setFindingMarks(&m_findings->findingsModel()->marks());
        m_document->senders()->findingsChanged();
        if (m_details->shownNumber() != 0)
            m_details->setFindings({});
    });

    // Live: what the decode thread's checker found, published with the packets.
    connect(m_controller, &CaptureController::findingsChanged, m_findings, &FindingsPanel::apply);
    connect(m_controller, &CaptureController::captureBegins, m_findings, &FindingsPanel::clear);
    connect(m_controller, &CaptureController::cleared, m_findings, &FindingsPanel::clear);
    connect(m_controller, &CaptureController::fileLoaded, this,
            [this](const std::shared_ptr<OpenedFile> &file) {
                m_findings->clear();
                m_findings->apply(file->findings); // finished at the last packet's time
            });
    connect(m_findings, &FindingsPanel::packetRequested, this, &MainWindow::showFindingPacket);
    connect(m_findings, &FindingsPanel::showPacketsRequested, this,
            &MainWindow::showServicePackets);
}

// The findings naming a packet as its decoded tree shows them: errors first.
QList<FieldFinding> MainWindow::findingsOfPacket(quint64 number) const
{
    QList<FieldFinding> shown;
    if (!m_findings)
        return shown;
    for (const Finding *f : m_findings->findingsModel()->findingsOfPacket(number))
        shown.append(FieldFinding::of(*f, number));
    std::stable_sort(shown.begin(), shown.end(), [](const FieldFinding &a, const FieldFinding &b) {
        return a.severity > b.severity;
    });
    return shown;
}

void MainWindow::showFindingPacket(quint64 number)
{
    // The packet stays in view: the list stops following the newest ones.
    m_follow->setChecked(false);
    if (!m_packetList->selectPacketNumber(number))
        m_statusBar->showMessage(
            tr("Packet %1 is not in the list (filtered out, or no longer kept)").arg(number), 5000);
}

// MainWindow, part four: the services dock (the service directory learnt from the packets,
// see ServicesPanel), what feeds it (the capture controller's directory snapshots, live and
// from a file), its countdown, "Show packets" and File -> Export Services.
#include "MainWindow.h"

#include "CaptureStatusBar.h"
#include "ExportOutput.h"
#include "MessageBar.h"
#include "OpenFileJob.h"
#include "PacketListPanel.h"
#include "ServicesJsonWriter.h"
#include "ServicesModel.h"
#include "ServicesPanel.h"

#include <QAction>
#include <QDateTime>
#include <QDir>
#include <QDockWidget>
#include <QFileDialog>
#include <QFileInfo>
#include <QTimer>

using namespace Qt::StringLiterals;

void MainWindow::createServicesDock()
{
    m_services = new ServicesPanel(this);
    m_servicesDock = new QDockWidget(tr("Services"), this);
    m_servicesDock->setObjectName(u"servicesDock"_s);
    m_servicesDock->setWidget(m_services);
    // Beside the packet list, a tab next to the charts (both want the height).
    addDockWidget(Qt::RightDockWidgetArea, m_servicesDock);
    tabifyDockWidget(m_chartsDock, m_servicesDock);
    m_servicesDock->raise();

    m_servicesTimer = new QTimer(this);
    m_servicesTimer->setInterval(1000);
    connect(m_servicesTimer, &QTimer::timeout, this,
            [this] { m_services->setNowNs(QDateTime::currentMSecsSinceEpoch() * 1'000'000); });

    // Live: what the decode thread's directory learnt, published with the packets.
    connect(m_controller, &CaptureController::directoryChanged, m_services, &ServicesPanel::apply);
    const auto forget = [this] {
        m_services->clear();
        m_packetList->setNumbersFilter({}); // numbers start again at 1
    };
    connect(m_controller, &CaptureController::captureBegins, this, forget);
    connect(m_controller, &CaptureController::cleared, this, forget);
    connect(m_controller, &CaptureController::fileLoaded, this,
            [this, forget](const std::shared_ptr<OpenedFile> &file) {
                forget();
                m_services->apply(file->directory); // finished at the last packet's time
            });
    connect(m_controller, &CaptureController::stateChanged, this, [this](State state) {
        if (state == State::Capturing)
            m_servicesTimer->start();
        else
            m_servicesTimer->stop();
    });
    connect(m_services, &ServicesPanel::showPacketsRequested, this,
            &MainWindow::showServicePackets);

    m_exportServices = new QAction(tr("Export &Services…"), this);
    m_exportServices->setObjectName(u"exportServicesAction"_s);
    m_exportServices->setStatusTip(
        tr("Write the service directory as JSON Lines, one service instance per line"));
    connect(m_exportServices, &QAction::triggered, this, &MainWindow::chooseServicesExport);
}

void MainWindow::showServicePackets(const QList<quint64> &numbers, const QString &label)
{
    m_packetList->setNumbersFilter(numbers, label);
}

void MainWindow::chooseServicesExport()
{
    const QString path = QFileDialog::getSaveFileName(
        this, tr("Export Services"), QDir(m_exportFolder).filePath(u"services.jsonl"_s),
        tr("JSON Lines (*.jsonl);;All files (*)"));
    if (path.isEmpty())
        return;
    m_exportFolder = QFileInfo(path).absolutePath();
    exportServices(path);
}

bool MainWindow::exportServices(const QString &path)
{
    // Small (at most ServiceDirectory::Limits::maxInstances lines): written here, through the
    // one output path every export takes (staged beside the target, renamed on commit).
    const QList<ServiceInstance> instances = m_services->servicesModel()->instances();
    ExportOutput out;
    bool ok = out.open(path);
    QByteArray line;
    for (qsizetype i = 0; ok && i < instances.size(); ++i) {
        line.clear();
        ServicesJsonWriter::appendLine(line, instances.at(i));
        ok = out.write(line);
    }
    ok = ok && out.commit();
    if (!ok) {
        m_messageBar->showError(tr("The services could not be exported"), out.errorString());
        return false;
    }
    m_statusBar->showMessage(
        tr("Exported %n service instance(s) to %1", nullptr, int(instances.size()))
            .arg(QDir::toNativeSeparators(path)),
        10'000);
    return true;
}

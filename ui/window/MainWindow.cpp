#include "MainWindow.h"

#include "CachedTextDelegate.h"
#include "CaptureSession.h"
#include "CaptureStatusBar.h"
#include "ChartsPanel.h"
#include "HeaderFit.h"
#include "MessageBar.h"
#include "PacketDetailsPanel.h"
#include "PacketDocument.h"
#include "PacketListPanel.h"
#include "PacketMenus.h"
#include "PacketTableModel.h"
#include "PreferencesDialog.h"
#include "ScrollBarCache.h"
#include "SenderTableModel.h"

#include <QAbstractScrollArea>
#include <QAction>
#include <QActionGroup>
#include <QApplication>
#include <QCloseEvent>
#include <QComboBox>
#include <QDateTime>
#include <QDockWidget>
#include <QFileDialog>
#include <QFileInfo>
#include <QHeaderView>
#include <QLineEdit>
#include <QMenuBar>
#include <QMessageBox>
#include <QMimeData>
#include <QProgressDialog>
#include <QScreen>
#include <QSettings>
#include <QShowEvent>
#include <QSortFilterProxyModel>
#include <QSplitter>
#include <QTableView>
#include <QTimer>
#include <QToolBar>
#include <QVBoxLayout>

using namespace Qt::StringLiterals;

namespace {
constexpr int kRightDockWidth = 600; // the charts, services and findings, on a large screen

QIcon appIcon(const QString &name)
{
    QIcon icon;
    icon.addFile(u":/icons/%1.png"_s.arg(name), QSize(24, 24));
    icon.addFile(u":/icons/%1@2x.png"_s.arg(name), QSize(48, 48));
    return icon;
}

qint64 nowNs()
{
    return QDateTime::currentMSecsSinceEpoch() * 1'000'000;
}
} // namespace

MainWindow::MainWindow(QWidget *parent)
    : QMainWindow(parent)
    , m_controller(new CaptureController(this))
    , m_document(new PacketDocument(PacketStore::kDefaultCapacity, this))
    , m_rateTimer(new QTimer(this))
{
    setObjectName(u"mainWindow"_s);
    setWindowTitle(tr("mdnscope"));
    QIcon icon;
    for (const int size : {16, 32, 48, 64, 128, 256})
        icon.addFile(u":/appicon/mdnscope-%1.png"_s.arg(size), QSize(size, size));
    setWindowIcon(icon);
    setAcceptDrops(true);
    createActions();
    createLayout();
    m_packetMenus = new PacketMenus(this);
    createMenusAndToolBar();

    connect(m_controller, &CaptureController::stateChanged, this, &MainWindow::onStateChanged);
    connect(m_controller, &CaptureController::captureBegins, this, &MainWindow::onCaptureBegins);
    connect(m_controller, &CaptureController::cleared, this, &MainWindow::onCleared);
    connect(m_controller, &CaptureController::published, m_document, &PacketDocument::addAnalyzed);
    connect(m_controller, &CaptureController::fileLoaded, this, &MainWindow::onFileLoaded);
    connect(m_controller, &CaptureController::openFinished, this, &MainWindow::onOpenFinished);
    connect(m_controller, &CaptureController::exportingChanged, this, &MainWindow::updateActions);
    connect(m_controller, &CaptureController::exportFinished, this, &MainWindow::onExportFinished);
    connect(m_controller, &CaptureController::captureStats, this, &MainWindow::onStats);
    connect(m_controller, &CaptureController::captureFailed, this, &MainWindow::onCaptureError);
    connect(m_controller, &CaptureController::captureStarted, this, &MainWindow::onCaptureStarted);
    connect(m_controller, &CaptureController::interfaceChanged, this,
            &MainWindow::onInterfaceChanged);
    connect(m_controller, &CaptureController::captureEnded, this, &MainWindow::onCaptureEnded);
    connect(m_controller, &CaptureController::streamFailed, this, &MainWindow::onStreamFailed);
    connect(m_document, &PacketDocument::countsChanged, this, &MainWindow::updateCounts);
    m_rateTimer->setInterval(1000);
    connect(m_rateTimer, &QTimer::timeout, this,
            [this] { m_document->senders()->setNowNs(nowNs()); });

    // Every table's titles stay whole (the packet list sizes its own columns).
    for (QHeaderView *header : findChildren<QHeaderView *>()) {
        if (header->orientation() == Qt::Horizontal && header->parent() != m_packetList->view())
            HeaderFit::keepTitlesFitting(header);
    }

    // Every view's scroll bars repaint whenever its range changes (rows arriving), mostly
    // without a pixel changing: drawn from a picture of the last one (ScrollBarCache).
    auto *scrollBars = new ScrollBarCache(this);
    for (QAbstractScrollArea *area : findChildren<QAbstractScrollArea *>())
        ScrollBarCache::apply(scrollBars, area);

    refreshInterfaces();
    restoreSettings();
    onStateChanged(m_controller->state());
    // The list takes the keys (Ctrl+F goes to the filter); a focused filter field would also
    // repaint twice a second for its blinking cursor.
    m_packetList->view()->setFocus();
}

MainWindow::~MainWindow() = default;

void MainWindow::createActions()
{
    auto make = [this](const QString &text, const QString &icon, const QKeySequence &keys,
                       const QString &tip) {
        auto *a = new QAction(text, this);
        if (!icon.isEmpty())
            a->setIcon(appIcon(icon));
        a->setShortcut(keys);
        a->setToolTip(
            keys.isEmpty() ? tip : u"%1 (%2)"_s.arg(tip, keys.toString(QKeySequence::NativeText)));
        a->setStatusTip(tip);
        return a;
    };
    m_startStop = make(tr("&Start Capture"), u"start"_s, QKeySequence(Qt::CTRL | Qt::Key_E),
                       tr("Start capturing mDNS traffic on the chosen interface"));
    m_startStop->setObjectName(u"startStopAction"_s);
    connect(m_startStop, &QAction::triggered, this, &MainWindow::toggleCapture);
    m_clear = make(tr("&Clear"), u"clear"_s, QKeySequence(Qt::CTRL | Qt::Key_L),
                   tr("Remove every packet, sender and chart sample"));
    connect(m_clear, &QAction::triggered, this, [this] {
        if (confirmDiscard(tr("Clear the packets without saving them?")))
            m_controller->clear();
    });
    m_open =
        make(tr("&Open…"), u"open"_s, QKeySequence::Open, tr("Open a pcap or pcapng capture file"));
    connect(m_open, &QAction::triggered, this, &MainWindow::chooseFileToOpen);
    m_openStream = make(tr("Open &Stream…"), {}, {},
                        tr("Read a live pcap or pcapng stream from a FIFO or a command (e.g. "
                           "ssh and tcpdump on another machine)"));
    m_openStream->setObjectName(u"openStreamAction"_s);
    connect(m_openStream, &QAction::triggered, this, &MainWindow::chooseStreamToOpen);
    m_export = make(tr("&Export…"), u"export"_s, QKeySequence(Qt::CTRL | Qt::SHIFT | Qt::Key_S),
                    tr("Export packets as pcapng, JSON Lines or CSV"));
    connect(m_export, &QAction::triggered, this, &MainWindow::showExportDialog);
    m_pooling =
        make(tr("Buffer &Pooling"), u"pooling"_s, QKeySequence(Qt::CTRL | Qt::SHIFT | Qt::Key_B),
             tr("Reuse receive buffers from a pool instead of allocating one per packet"));
    m_pooling->setObjectName(u"poolingAction"_s);
    m_pooling->setCheckable(true);
    m_pooling->setChecked(true);
    connect(m_pooling, &QAction::toggled, m_controller, &CaptureController::setPooling);
    m_follow = make(tr("&Follow Newest Packets"), u"follow"_s,
                    QKeySequence(Qt::CTRL | Qt::SHIFT | Qt::Key_F),
                    tr("Keep the newest packet in view while capturing"));
    m_follow->setCheckable(true);
    m_follow->setChecked(true);
    connect(m_follow, &QAction::toggled, this,
            [this](bool on) { m_packetList->setFollowNewest(on); });
    m_preferences =
        make(tr("P&references…"), u"preferences"_s, QKeySequence(Qt::CTRL | Qt::SHIFT | Qt::Key_P),
             tr("Change how many packets are kept"));
    connect(m_preferences, &QAction::triggered, this, &MainWindow::showPreferences);
    m_quit = make(tr("&Quit"), u"quit"_s, QKeySequence(Qt::CTRL | Qt::Key_Q), tr("Quit mdnscope"));
    m_quit->setMenuRole(QAction::QuitRole);
    connect(m_quit, &QAction::triggered, this, &QWidget::close);
    m_about =
        make(tr("&About mdnscope"), u"about"_s, {}, tr("Show the version and what mdnscope does"));
    connect(m_about, &QAction::triggered, this, &MainWindow::showAbout);
    m_aboutQt = make(tr("About &Qt"), {}, {}, tr("Show the Qt version"));
    connect(m_aboutQt, &QAction::triggered, qApp, &QApplication::aboutQt);
    m_focusFilter =
        make(tr("&Find Packets"), {}, QKeySequence::Find, tr("Go to the packet filter"));
}

void MainWindow::createLayout()
{
    m_messageBar = new MessageBar(this);
    m_packetList = new PacketListPanel(m_document->packets(), this);
    m_details = new PacketDetailsPanel(this);
    m_mainSplitter = new QSplitter(Qt::Vertical, this);
    m_mainSplitter->setObjectName(u"mainSplitter"_s);
    m_mainSplitter->addWidget(m_packetList);
    m_mainSplitter->addWidget(m_details);
    m_mainSplitter->setStretchFactor(0, 3);
    m_mainSplitter->setStretchFactor(1, 2);
    auto *central = new QWidget(this);
    auto *layout = new QVBoxLayout(central);
    layout->setContentsMargins(4, 4, 4, 0);
    layout->addWidget(m_messageBar);
    layout->addWidget(m_mainSplitter, 1);
    setCentralWidget(central);

    auto *sendersProxy = new QSortFilterProxyModel(this);
    m_sendersProxy = sendersProxy;
    sendersProxy->setSourceModel(m_document->senders());
    sendersProxy->setSortRole(SenderTableModel::SortRole);
    m_sendersView = new QTableView(this);
    m_sendersView->setObjectName(u"sendersTable"_s);
    m_sendersView->setModel(sendersProxy);
    m_sendersView->setItemDelegate(new CachedTextDelegate(m_sendersView));
    m_sendersView->setSortingEnabled(true);
    m_sendersView->sortByColumn(-1, Qt::AscendingOrder);
    m_sendersView->setSelectionBehavior(QAbstractItemView::SelectRows);
    m_sendersView->setSelectionMode(QAbstractItemView::SingleSelection);
    m_sendersView->setWordWrap(false);
    m_sendersView->verticalHeader()->hide();
    m_sendersView->verticalHeader()->setDefaultSectionSize(fontMetrics().height() + 6);
    m_sendersView->horizontalHeader()->setStretchLastSection(true);
    m_sendersView->horizontalHeader()->resizeSection(SenderTableModel::AddressColumn, 220);
    m_sendersView->horizontalHeader()->resizeSection(SenderTableModel::HostNamesColumn, 200);
    m_sendersView->horizontalHeader()->resizeSection(SenderTableModel::ServicesColumn, 260);
    m_sendersView->setToolTip(tr("Select a sender to show only its packets"));
    // The filter follows the selected host. A merge that removes the selected row makes the
    // view select a neighbour: that is not followed; the filter stays on the host's addresses
    // and followMergedSender() selects the row they went into.
    connect(m_sendersView->selectionModel(), &QItemSelectionModel::selectionChanged, this,
            [this, sendersProxy] {
                const QModelIndexList rows = m_sendersView->selectionModel()->selectedRows();
                if (!rows.isEmpty() && !m_document->senders()->isMerging())
                    filterBySender(sendersProxy->mapToSource(rows.first()).row());
            });
    connect(m_document->senders(), &SenderTableModel::hostsMerged, this,
            &MainWindow::followMergedSender);
    m_sendersDock = new QDockWidget(tr("Senders"), this);
    m_sendersDock->setObjectName(u"sendersDock"_s);
    m_sendersDock->setWidget(m_sendersView);
    addDockWidget(Qt::BottomDockWidgetArea, m_sendersDock);

    m_charts = new ChartsPanel(this);
    m_chartsDock = new QDockWidget(tr("Charts"), this);
    m_chartsDock->setObjectName(u"chartsDock"_s);
    m_chartsDock->setWidget(m_charts);
    connect(m_charts, &ChartsPanel::intervalClicked, this, &MainWindow::selectPacketsOfInterval);
    addDockWidget(Qt::RightDockWidgetArea, m_chartsDock);
    createServicesDock();                                           // MainWindowServices.cpp
    createFindingsDock();                                           // MainWindowFindings.cpp
    createBehaviourDock();                                          // MainWindowBehaviour.cpp
    resizeDocks({m_chartsDock}, {kRightDockWidth}, Qt::Horizontal); // see showEvent()
    resizeDocks({m_sendersDock}, {200}, Qt::Vertical);

    m_statusBar = new CaptureStatusBar(this);
    setStatusBar(m_statusBar);

    connect(m_packetList, &PacketListPanel::currentPacketChanged, this, &MainWindow::showPacket);
    // Its chip's ✕ shows every sender again: no sender row stays selected (selecting it again
    // filters again).
    connect(m_packetList, &PacketListPanel::senderFilterCleared, m_sendersView,
            &QAbstractItemView::clearSelection);
    connect(m_focusFilter, &QAction::triggered, this, [this] {
        if (auto *filter = m_packetList->findChild<QLineEdit *>(u"packetFilter"_s)) {
            filter->setFocus();
            filter->selectAll();
        }
    });
}

void MainWindow::filterBySender(int sourceRow)
{
    const SenderTableModel *senders = m_document->senders();
    m_packetList->setSenderFilter(senders->addresses(sourceRow), senders->label(sourceRow));
}

void MainWindow::followMergedSender()
{
    const QList<IpAddress> &filter = m_packetList->senderFilter();
    if (filter.isEmpty())
        return;
    const SenderTableModel *senders = m_document->senders();
    const auto row = int(senders->table().rowOf(filter.first()));
    if (row < 0)
        return;
    filterBySender(row); // its addresses now
    const QModelIndex shown = m_sendersProxy->mapFromSource(senders->index(row, 0));
    if (shown.isValid() && !m_sendersView->selectionModel()->isRowSelected(shown.row()))
        m_sendersView->selectionModel()->setCurrentIndex(
            shown, QItemSelectionModel::ClearAndSelect | QItemSelectionModel::Rows);
}

void MainWindow::createMenusAndToolBar()
{
    QMenu *file = menuBar()->addMenu(tr("&File"));
    file->addAction(m_open);
    file->addAction(m_openStream);
    file->addAction(m_export);
    file->addAction(m_exportServices);
    file->addSeparator();
    file->addAction(m_preferences);
    file->addSeparator();
    file->addAction(m_quit);

    QMenu *capture = menuBar()->addMenu(tr("&Capture"));
    capture->addAction(m_startStop);
    capture->addAction(m_clear);
    capture->addSeparator();
    capture->addAction(m_pooling);

    QMenu *view = menuBar()->addMenu(tr("&View"));
    view->addAction(m_follow);
    view->addAction(m_focusFilter);
    QMenu *timeFormat = view->addMenu(tr("Time Display Format"));
    timeFormat->setObjectName(u"timeFormatMenu"_s);
    timeFormat->addActions(m_packetList->timeFormatActions());
    view->addSeparator();
    view->addAction(m_sendersDock->toggleViewAction());
    view->addAction(m_chartsDock->toggleViewAction());
    view->addAction(m_servicesDock->toggleViewAction());
    view->addAction(m_findingsDock->toggleViewAction());
    view->addAction(m_behaviourDock->toggleViewAction());

    QMenu *help = menuBar()->addMenu(tr("&Help"));
    help->addAction(m_about);
    help->addAction(m_aboutQt);

    QToolBar *bar = addToolBar(tr("Main Toolbar"));
    bar->setObjectName(u"mainToolBar"_s);
    bar->setToolButtonStyle(Qt::ToolButtonTextBesideIcon);
    bar->addAction(m_startStop);
    m_interface = new QComboBox(this);
    m_interface->setObjectName(u"interfaceChooser"_s);
    m_interface->setToolTip(tr("Interface to capture on"));
    m_interface->setSizeAdjustPolicy(QComboBox::AdjustToContents);
    bar->addWidget(m_interface);
    m_family = new QComboBox(this);
    m_family->setObjectName(u"familyChooser"_s);
    m_family->setToolTip(tr("Address families to capture: 224.0.0.251 (IPv4), ff02::fb (IPv6)"));
    m_family->addItem(tr("IPv4 + IPv6"), u"both"_s);
    m_family->addItem(tr("IPv4 only"), u"ipv4"_s);
    m_family->addItem(tr("IPv6 only"), u"ipv6"_s);
    connect(m_family, &QComboBox::currentIndexChanged, this, &MainWindow::applyFamily);
    bar->addWidget(m_family);
    bar->addAction(m_pooling);
    bar->addSeparator();
    bar->addAction(m_clear);
    bar->addAction(m_follow);
    bar->addSeparator();
    bar->addAction(m_open);
    bar->addAction(m_export);
}

void MainWindow::refreshInterfaces()
{
    const QString current = m_interface->currentData().toString();
    m_interface->clear();
    m_interface->addItem(tr("All interfaces"), QString());
    for (const MulticastInterface &i : CaptureSession::multicastInterfaces()) {
        //: %1: an interface name, %2: its address families, e.g. IPv4 + IPv6
        m_interface->addItem(tr("%1 (%2)").arg(i.name, i.familiesText()), i.name);
    }
    setInterface(current);
}

void MainWindow::setInterface(const QString &name)
{
    int i = m_interface->findData(name);
    if (i < 0 && !name.isEmpty()) {
        // Remembered but not up right now: keep it selectable, start will report the error.
        m_interface->addItem(name, name);
        i = m_interface->count() - 1;
    }
    m_interface->setCurrentIndex(std::max(i, 0));
}

void MainWindow::restoreSettings()
{
    QSettings s;
    if (!restoreGeometry(s.value(u"window/geometry"_s).toByteArray())) {
        const QSize available = screen() ? screen()->availableSize() : QSize(1600, 1000);
        resize(std::min(1500, available.width() * 95 / 100),
               std::min(950, available.height() * 95 / 100));
    }
    m_fitDockWidth = !restoreState(s.value(u"window/state"_s).toByteArray());
    const QByteArray split = s.value(u"window/splitter"_s).toByteArray();
    if (split.isEmpty() || !m_mainSplitter->restoreState(split))
        m_mainSplitter->setSizes({500, 300});
    m_details->restoreState(s.value(u"window/detailsSplitter"_s).toByteArray());
    setInterface(s.value(u"capture/interface"_s).toString());
    m_pooling->setChecked(s.value(u"capture/pooling"_s, true).toBool());
    m_family->setCurrentIndex(std::max(0, m_family->findData(s.value(u"capture/family"_s))));
    m_follow->setChecked(s.value(u"view/followNewest"_s, true).toBool());
    m_charts->setWindowSeconds(s.value(u"charts/windowSeconds"_s, 60).toInt());
    setStoreCapacity(
        s.value(u"store/capacity"_s, qlonglong(PacketStore::kDefaultCapacity)).toLongLong());
    m_exportFolder = s.value(u"export/folder"_s).toString();
    m_openFolder = s.value(kOpenFolderKey).toString();
    applyMetricsAddress(s.value(kMetricsAddressKey).toString());
}

void MainWindow::saveSettings() const
{
    QSettings s;
    s.setValue(u"window/geometry"_s, saveGeometry());
    s.setValue(u"window/state"_s, saveState());
    s.setValue(u"window/splitter"_s, m_mainSplitter->saveState());
    s.setValue(u"window/detailsSplitter"_s, m_details->saveState());
    s.setValue(u"capture/interface"_s, m_interface->currentData().toString());
    s.setValue(u"capture/pooling"_s, m_pooling->isChecked());
    s.setValue(u"capture/family"_s, m_family->currentData());
    s.setValue(u"view/followNewest"_s, m_follow->isChecked());
    s.setValue(u"charts/windowSeconds"_s, m_charts->windowSeconds());
    s.setValue(u"store/capacity"_s, qlonglong(m_document->store().capacity()));
    s.setValue(u"export/folder"_s, m_exportFolder);
}

void MainWindow::showEvent(QShowEvent *event)
{
    QMainWindow::showEvent(event);
    if (m_fitDockWidth && !event->spontaneous()) {
        m_fitDockWidth = false;
        // The right-hand docks (charts, services, findings) take 600 px where the window is
        // wide enough, at most 37 % of it: at 1024 px the packet list keeps over 600 px.
        resizeDocks({m_chartsDock}, {std::min(kRightDockWidth, width() * 37 / 100)},
                    Qt::Horizontal);
        // The bottom docks (senders, behaviour) 200 px, at most a quarter of the height: at
        // 700 px the packet list and the details keep the rest.
        resizeDocks({m_sendersDock}, {std::min(200, height() / 4)}, Qt::Vertical);
    }
}

void MainWindow::closeEvent(QCloseEvent *event)
{
    if (!confirmDiscard(tr("Quit without saving the packets?"))) {
        event->ignore();
        return;
    }
    saveSettings();
    m_controller->shutdown();
    event->accept();
}

// The Behaviour dock, driven through the window: an opened capture file (built: printer.local
// at 169.254.0.5 announcing itself, then flooding 600 queries within two seconds, beside two
// quiet senders) fills the Talkers tab through the open job's behaviour model: the flooding
// sender first (sorted by its rate), highlighted, and the status bar names it; a higher flood
// threshold from the Preferences dialog takes the highlight and the name away (and is kept in
// QSettings); Clear empties the tab and the status bar's flood text; View menu toggles the dock.
#include "CaptureFileBuilder.h"
#include "CaptureStatusBar.h"
#include "MainWindow.h"
#include "MdnsBuilder.h"
#include "ModalDialogs.h"
#include "PreferencesDialog.h"
#include "TalkersChart.h"
#include "TalkersModel.h"
#include "TalkersPanel.h"
#include "TestFiles.h"
#include "WindowFiles.h"

#include <QAction>
#include <QDockWidget>
#include <QLabel>
#include <QSettings>
#include <QSortFilterProxyModel>
#include <QSpinBox>
#include <QStandardPaths>
#include <QTabWidget>
#include <QTableView>
#include <QTemporaryDir>
#include <QTest>

using namespace Qt::StringLiterals;

namespace {
constexpr quint32 kGroup = 0xE00000FB;
constexpr quint32 kFlooder = 0xA9FE0005; // 169.254.0.5
constexpr quint32 kQuietA = 0xA9FE0006;
constexpr quint32 kQuietB = 0xA9FE0007;

QByteArray frame(quint32 source, const QByteArray &dns)
{
    return FrameBuilder::ethernet(0x0800, FrameBuilder::udp4(source, kGroup, 5353, 5353, 255, dns));
}

QByteArray buildFile()
{
    using namespace MdnsBuilder;
    PcapBuilder file(1);
    const quint32 t0 = 1'700'000'000;
    file.record(t0, 0,
                frame(kFlooder, response({with(a(u"printer.local"_s, kFlooder), 120, true)})));
    file.record(t0, 1000, frame(kQuietA, query(u"_ipp._tcp.local"_s, 12)));
    file.record(t0, 2000, frame(kQuietB, query(u"_http._tcp.local"_s, 12)));
    // 600 queries from the printer over two seconds: 300 packets/s.
    for (int i = 0; i < 600; ++i)
        file.record(t0 + 1 + quint32(i / 300), quint32((i % 300) * 3000),
                    frame(kFlooder, query(u"q%1.local"_s.arg(i), 1)));
    file.record(t0 + 2, 950'000, frame(kQuietA, query(u"_ipp._tcp.local"_s, 12)));
    return file.bytes();
}
} // namespace

class TestBehaviourView : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void initTestCase();
    void cleanup()
    {
        QSettings().clear();
        QSettings().setValue(MainWindow::kAskUnsavedKey, false); // packets are dropped on purpose
    }
    void fileShowsTheFloodingSenderFirst();
};

void TestBehaviourView::initTestCase()
{
    QStandardPaths::setTestModeEnabled(true);
    QSettings().clear();
    QSettings().setValue(MainWindow::kAskUnsavedKey, false); // packets are dropped on purpose here
}

void TestBehaviourView::fileShowsTheFloodingSenderFirst()
{
    QTemporaryDir dir;
    const QString path = dir.filePath(u"flood.pcap"_s);
    QVERIFY(TestFiles::writeFile(path, buildFile()));
    MainWindow w;
    w.resize(1400, 900);
    w.show();
    QDockWidget *dock = w.behaviourDock();
    QVERIFY(dock);
    QCOMPARE(dock->windowTitle(), u"Behaviour"_s);
    QVERIFY(dock->toggleViewAction());
    QTabWidget *tabs = w.behaviourTabs();
    QCOMPARE(tabs->tabText(tabs->indexOf(w.talkersPanel())), u"Talkers"_s);
    QVERIFY(w.captureStatusBar()->floodingText().isEmpty());

    QVERIFY(WindowFiles::open(w, path));
    dock->raise();
    tabs->setCurrentWidget(w.talkersPanel());
    QTableView *view = w.talkersPanel()->view();
    const QAbstractItemModel *shown = view->model();
    QCOMPARE(shown->rowCount(), 3);
    QCOMPARE(shown->index(0, TalkersModel::Sender).data().toString(), u"169.254.0.5"_s);
    QCOMPARE(shown->index(0, TalkersModel::HostName).data().toString(), u"printer.local"_s);
    QCOMPARE(shown->index(0, TalkersModel::Packets).data(TalkersModel::SortRole).toULongLong(),
             601u);
    QCOMPARE(shown->index(0, TalkersModel::Peak).data(TalkersModel::SortRole).toULongLong(), 300u);
    QVERIFY(shown->index(0, 0).data(TalkersModel::FloodingRole).toBool());
    QVERIFY(!shown->index(1, 0).data(TalkersModel::FloodingRole).toBool());
    QVERIFY(!shown->index(2, 0).data(TalkersModel::FloodingRole).toBool());
    // The file is 3 s long: over 10 s it reads 601 packets / 3 s, over its last second 300
    // (the higher of the two is what the threshold is held against).
    const QString flooding = w.captureStatusBar()->floodingText();
    QCOMPARE(flooding, u"Flooding: 169.254.0.5 (printer.local) 300 packets/s"_s);
    auto *label = w.captureStatusBar()->findChild<QLabel *>(u"floodingLabel"_s);
    QVERIFY(label);
    QVERIFY(label->isVisible());
    QVERIFY(!w.talkersPanel()->chart()->lines().isEmpty());
    QCOMPARE(w.talkersPanel()->chart()->lines().constFirst().label, u"printer.local"_s);

    // A threshold above its rate (Preferences): no highlight, no name; kept in QSettings.
    bool sawDialog = false;
    ModalDialogs::whenModal<PreferencesDialog>([&](PreferencesDialog *d) {
        auto *spin = d->findChild<QSpinBox *>(u"floodThreshold"_s);
        sawDialog = spin && spin->value() == 100;
        if (spin)
            spin->setValue(1000);
        d->accept();
    });
    QAction *preferences = ModalDialogs::action(&w, u"P&references…"_s);
    QVERIFY(preferences);
    preferences->trigger();
    QVERIFY(sawDialog);
    QVERIFY(!shown->index(0, 0).data(TalkersModel::FloodingRole).toBool());
    QVERIFY(w.captureStatusBar()->floodingText().isEmpty());
    QVERIFY(!label->isVisible());
    QCOMPARE(QSettings().value(QString::fromLatin1(TalkersModel::kFloodThresholdKey)).toInt(),
             1000);
    QCOMPARE(TalkersModel().floodThreshold(), 1000.0);

    // Clear empties the tab.
    w.talkersPanel()->setFloodThreshold(100);
    QVERIFY(!w.captureStatusBar()->floodingText().isEmpty());
    w.clearAction()->trigger();
    QCOMPARE(shown->rowCount(), 0);
    QVERIFY(w.captureStatusBar()->floodingText().isEmpty());
    QVERIFY(w.talkersPanel()->chart()->lines().isEmpty());

    // The View menu hides and shows the dock.
    dock->toggleViewAction()->trigger();
    QVERIFY(!dock->isVisible());
    dock->toggleViewAction()->trigger();
    QVERIFY(dock->isVisible());
}

QTEST_MAIN(TestBehaviourView)
#include "tst_behaviourview.moc"

// An opened file's IO graph in the window: packets per interval over the file's own time
// (from a pcap with known timestamps), a click on an interval selects its packets in the list
// (the first current, its details shown), packets the display filter hides are left out and
// counted, an empty interval says so; the pool and allocation charts say they apply to live
// capture, and Clear brings the live charts back.
#include "CaptureFileBuilder.h"
#include "CaptureStatusBar.h"
#include "ChartWidget.h"
#include "ChartsPanel.h"
#include "MainWindow.h"
#include "MdnsCaptureFile.h"
#include "PacketListPanel.h"
#include "Translations.h"
#include "WindowFiles.h"

#include <QDockWidget>

#include <QLocale>
#include <QSignalSpy>
#include <QStandardPaths>
#include <QTemporaryDir>
#include <QTest>

using namespace Qt::StringLiterals;

namespace {

// 2 s of file: 3 packets in the first 100 ms, 1 at 0.55 s, 5 at 1.20 .. 1.24 s, 1 at 2.0 s.
const QList<double> kTimes{0.0, 0.01, 0.09, 0.55, 1.2, 1.201, 1.202, 1.203, 1.204, 2.0};

QByteArray capture()
{
    PcapBuilder file(1); // Ethernet
    for (qsizetype i = 0; i < kTimes.size(); ++i) {
        const auto us = quint64(std::llround(kTimes.at(i) * 1e6));
        file.record(
            quint32(1'700'000'000 + us / 1'000'000), quint32(us % 1'000'000),
            FrameBuilder::ethernet(
                0x0800, FrameBuilder::udp4(MdnsCaptureFile::sender(int(i)), 0xE00000FB, 5353, 5353,
                                           255, MdnsCaptureFile::announcement(int(i)))));
    }
    return file.bytes();
}

QList<qsizetype> rowsBetween(double from, double to)
{
    QList<qsizetype> rows;
    for (qsizetype i = 0; i < kTimes.size(); ++i) {
        if (kTimes.at(i) >= from - 1e-12 && kTimes.at(i) < to - 1e-12)
            rows.append(i);
    }
    return rows;
}

} // namespace

class TestFileIoGraph final : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void initTestCase()
    {
        QStandardPaths::setTestModeEnabled(true);
        QLocale::setDefault(QLocale(QLocale::English, QLocale::UnitedStates));
    }
    void clickSelectsTheInterval();
    void screenshots_data();
    void screenshots();
};

void TestFileIoGraph::clickSelectsTheInterval()
{
    QTemporaryDir dir;
    const QString path = dir.filePath(u"times.pcap"_s);
    QVERIFY(MdnsCaptureFile::write(path, capture()));
    MainWindow w;
    w.resize(1024, 700);
    w.show();
    QVERIFY(QTest::qWaitForWindowExposed(&w));
    QVERIFY(WindowFiles::open(w, path));

    ChartsPanel *charts = w.charts();
    QVERIFY(charts->showsFile());
    ChartWidget *rate = charts->rateChart();
    QCOMPARE(rate->visibleRange(), std::make_pair(0.0, 2.0));
    QVERIFY(charts->poolChart()->overlayText().contains(u"live capture"_s));
    QVERIFY(charts->allocationChart()->overlayText().contains(u"live capture"_s));

    // Every bin counts the file's packets of its interval.
    const TimeSeries &bins = rate->series(ChartsPanel::Packets);
    QVERIFY(bins.size() > 10);
    quint64 total = 0;
    for (qsizetype i = 0; i + 1 < bins.size(); ++i) {
        const double from = bins.at(i).t;
        QCOMPARE(qsizetype(bins.at(i).v), rowsBetween(from, from + charts->ioInterval()).size());
        total += quint64(bins.at(i).v);
    }
    QCOMPARE(total, quint64(kTimes.size()));

    // Zoomed to the burst and clicked: its five packets are selected, the first current.
    rate->zoomTo(1.15, 1.30);
    QSignalSpy clicked(charts, &ChartsPanel::intervalClicked);
    const int y = rate->plotArea().center().y();
    QTest::mouseClick(rate, Qt::LeftButton, Qt::NoModifier, QPoint(rate->xForTime(1.2021), y));
    QCOMPARE(clicked.size(), 1);
    const double from = clicked.at(0).at(0).toDouble(), to = clicked.at(0).at(1).toDouble();
    const QList<qsizetype> expected = rowsBetween(from, to);
    QVERIFY2(expected.contains(6), qPrintable(u"%1 .. %2"_s.arg(from).arg(to)));
    PacketListPanel *list = w.packetList();
    QCOMPARE(list->selectedRows(), expected);
    QCOMPARE(list->currentRow(), int(expected.first()));
    QVERIFY(w.captureStatusBar()->currentMessage().contains(
        u"Selected %1 packet"_s.arg(expected.size())));

    // With a display filter that hides the packets of two senders, only the shown ones are
    // selected, and the others are counted.
    QVERIFY(list->setDisplayFilterText(u"ip.src == 169.254.0.1 || ip.src == 169.254.0.2"_s));
    QTest::mouseClick(rate, Qt::LeftButton, Qt::NoModifier, QPoint(rate->xForTime(1.2021), y));
    QList<qsizetype> shown;
    for (const qsizetype row : expected) {
        const quint32 sender = MdnsCaptureFile::sender(int(row));
        if (sender == 0xA9FE0001u || sender == 0xA9FE0002u)
            shown.append(row);
    }
    QVERIFY(!shown.isEmpty() && shown.size() < expected.size());
    QCOMPARE(list->selectedRows(), shown);
    QVERIFY(w.captureStatusBar()->currentMessage().contains(u"hidden by the filters"_s));

    // An empty interval selects nothing new and says so.
    rate->resetZoom();
    QTest::mouseClick(rate, Qt::LeftButton, Qt::NoModifier, QPoint(rate->xForTime(1.6), y));
    QVERIFY2(w.captureStatusBar()->currentMessage().startsWith(u"No packets"_s),
             qPrintable(w.captureStatusBar()->currentMessage()));
    QCOMPARE(list->selectedRows(), shown);
}

void TestFileIoGraph::screenshots_data()
{
    QTest::addColumn<QString>("language");
    QTest::newRow("en") << u"en"_s;
    QTest::newRow("de") << u"de"_s; // last: the translation stays installed
}

// For looking at by eye: the window at 1024x700 with the charts dock raised, once with a file's
// IO graph and once with live charts (synthetic statistics with pooling switched off and on),
// saved as PNGs into $MDNSCOPE_SHOTS_DIR. The checks here are only that the charts got their
// data; whether anything clips is for the eye.
void TestFileIoGraph::screenshots()
{
    QFETCH(QString, language);
    const QString shots = qEnvironmentVariable("MDNSCOPE_SHOTS_DIR");
    if (shots.isEmpty())
        QSKIP("set MDNSCOPE_SHOTS_DIR to save screenshots of the charts");
    if (language == u"de"_s) {
        QVERIFY(Translations::install(u"de"_s));
        QLocale::setDefault(QLocale(QLocale::German, QLocale::Germany));
    }
    QTemporaryDir dir;
    const QString path = dir.filePath(u"times.pcap"_s);
    QVERIFY(MdnsCaptureFile::write(path, capture()));
    MainWindow w;
    // The behaviour dock (under the senders) is at least 386 pixels high by itself, which keeps
    // the window above 700: hidden here, so the window is as small as asked.
    for (QDockWidget *dock : w.findChildren<QDockWidget *>()) {
        if (dock->objectName() == u"behaviourDock"_s)
            dock->hide();
    }
    w.resize(1024, 700);
    w.show();
    QVERIFY(QTest::qWaitForWindowExposed(&w));
    for (QDockWidget *dock : w.findChildren<QDockWidget *>()) {
        if (dock->objectName() == u"chartsDock"_s)
            dock->raise();
    }
    QVERIFY(WindowFiles::open(w, path));
    ChartWidget *rate = w.charts()->rateChart();
    QTest::qWait(300);
    qInfo() << "window" << w.size() << "charts" << w.charts()->size();
    QVERIFY(w.grab().save(u"%1/file-%2.png"_s.arg(shots, language)));
    QVERIFY(w.charts()->grab().save(u"%1/file-charts-%2.png"_s.arg(shots, language)));
    rate->zoomTo(1.15, 1.30);
    QTest::mouseMove(rate, QPoint(rate->xForTime(1.2021), rate->plotArea().center().y()));
    QTest::qWait(200);
    QVERIFY(w.charts()->grab().save(u"%1/file-zoomed-%2.png"_s.arg(shots, language)));

    // Live: a minute and a half of statistics, pooling off from 40 s to 70 s.
    w.charts()->clear();
    CaptureStats s;
    for (int i = 0; i <= 360; ++i) {
        s.elapsedMs = i * 250;
        s.pooling = !(s.elapsedMs >= 40'000 && s.elapsedMs < 70'000);
        s.packetsPerSecond = 20 + 15 * std::sin(i / 20.0) + (i % 7);
        s.bytesPerSecond = s.packetsPerSecond * 310;
        s.pool.inUse = 3 + i % 3;
        s.pool.idle = s.pooling ? 61 : 0;
        s.pool.acquires += 5;
        s.pool.hits += s.pooling ? 5 : 0;
        s.pool.misses += s.pooling ? 0 : 5;
        s.captureThread.allocations += s.pooling ? 0 : 5;
        s.captureThread.bytesAllocated += s.pooling ? 0 : 5 * 9000;
        s.process.allocations += 40 + i % 9;
        s.process.bytesAllocated += 1'200'000 + 1000 * (i % 13);
        w.charts()->addStats(s);
    }
    QCOMPARE(w.charts()->poolChart()->markers().size(), 2);
    QTest::qWait(300);
    QVERIFY(w.grab().save(u"%1/live-%2.png"_s.arg(shots, language)));
    QVERIFY(w.charts()->grab().save(u"%1/live-charts-%2.png"_s.arg(shots, language)));
}

QTEST_MAIN(TestFileIoGraph)
#include "tst_fileiograph.moc"

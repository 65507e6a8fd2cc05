// What the live views cost on the GUI thread, counted with the allocation library: the
// window exists to show what buffer pooling saves in the capture thread, so its own repaints
// must not flood the process-wide allocation counts it charts. Each test counts the
// allocations of a repeated view operation and bounds them far below what re-laying out
// text, re-joining lists, re-decoding packets or re-computing the chart layout per sample
// costs (those cost tens of allocations per cell or per sample; the bounds allow a few).
// The last test checks, in a private network namespace, that live batches reach the models
// at most ten times a second.
#include "AllocationCounter.h"
#include "BatchAnalyzer.h"
#include "CaptureSession.h"
#include "CaptureStatusBar.h"
#include "ChartWidget.h"
#include "DirectoryText.h"
#include "DnsDecoder.h"
#include "FindingsModel.h"
#include "FindingsPanel.h"
#include "MainWindow.h"
#include "MdnsBuilder.h"
#include "MulticastSender.h"
#include "NetNamespace.h"
#include "PacketDocument.h"
#include "PacketListPanel.h"
#include "PacketTableModel.h"
#include "ScrollBarCache.h"
#include "SenderTableModel.h"
#include "ServicesModel.h"
#include "ServicesPanel.h"
#include "TimelinePanel.h"

#include <QDockWidget>
#include <QElapsedTimer>
#include <QScrollBar>
#include <QSignalSpy>
#include <QStandardItemModel>
#include <QStandardPaths>
#include <QStatusBar>
#include <QTableView>
#include <QTest>

#include <functional>

using namespace Qt::StringLiterals;

namespace {
constexpr qint64 kStart = 1'700'000'000'000'000'000LL;
constexpr int kTimeoutMs = 10'000;

QByteArray announcement(int i)
{
    using namespace MdnsBuilder;
    const QString instance = u"Printer %1._ipp._tcp.local"_s.arg(i);
    const QString host = u"host%1.local"_s.arg(i);
    return response({ptr(u"_ipp._tcp.local"_s, instance), srv(instance, 631, host),
                     txt(instance, {"txtvers=1", "qtotal=1"}),
                     a(host, 0xA9FE0000u + quint32(i % 250 + 1))});
}

// Three senders taking turns, each announcing its own 100 printers (sender 1: 0 to 99, 2:
// 100 to 199, 3: 200 to 299; one host name each, so three hosts) over and over, with a query
// instead of every seventh announcement.
PacketBatch traffic(int first, int count)
{
    PacketBatch batch;
    const char *const sources[] = {"169.254.0.1", "169.254.0.2", "169.254.0.3"};
    for (int i = first; i < first + count; ++i) {
        Packet p;
        p.data = i % 7 ? announcement((i / 3) % 100 + 100 * (i % 3))
                       : MdnsBuilder::query(u"_services._dns-sd._udp.local"_s, 12);
        p.timestampNs = kStart + qint64(i) * 5'000'000;
        p.source = IpAddress::fromString(QString::fromLatin1(sources[i % 3]));
        p.destination = IpAddress::fromString(u"224.0.0.251"_s);
        p.sourcePort = p.destinationPort = 5353;
        p.ttl = 255;
        p.interfaceName = u"lo"_s;
        p.originalLength = quint32(p.data.size());
        batch.append(p);
    }
    return batch;
}

template<typename Fn>
quint64 allocationsOf(int times, Fn &&fn)
{
    const AllocationCounts before = AllocationCounter::thisThread();
    for (int i = 0; i < times; ++i)
        fn();
    return AllocationCounter::thisThread().allocations - before.allocations;
}

// Cells of `view` at least partly inside its viewport.
int visibleCells(const QTableView *view)
{
    const QAbstractItemModel *model = view->model();
    int rows = 0;
    for (int r = 0; r < model->rowCount(); ++r) {
        const int y = view->rowViewportPosition(r);
        if (y + view->rowHeight(r) > 0 && y < view->viewport()->height())
            ++rows;
    }
    int columns = 0;
    for (int c = 0; c < model->columnCount(); ++c) {
        const int x = view->columnViewportPosition(c);
        if (x + view->columnWidth(c) > 0 && x < view->viewport()->width())
            ++columns;
    }
    return rows * columns;
}

// Qt's containers allocate with malloc, which sanitizer builds and valgrind do not let the
// allocation library count.
#define REQUIRE_COUNTED_MALLOC()                                                                   \
    do {                                                                                           \
        if (!AllocationCounter::countsMalloc())                                                    \
            QSKIP("malloc is not counted in this build (sanitizer or valgrind)");                  \
    } while (false)

class LayoutRequestCounter final : public QObject
{
public:
    int count = 0;

protected:
    bool eventFilter(QObject *, QEvent *event) override
    {
        if (event->type() == QEvent::LayoutRequest)
            ++count;
        return false;
    }
};
} // namespace

class TestGuiAllocations : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void initTestCase();
    void packetListRepaintDrawsCachedText();
    void packetListRepaintInEachTimeFormat();
    void newestSummariesComeFromTheBatchDecode();
    void publishingAnAnalysedBatchDecodesNothing();
    void sendersRepaintAndNameLists();
    void chartRepaintDoesNotGrowWithSamples();
    void statusCountersDoNotRelayout();
    void liveBatchesAreCoalesced();
    void scrollBarRepaintWithoutPixelChange();
    void statusBarStatsUnchangedAllocateNothing();
    void servicesRepaintAllocatesNothing();
    void timelineStatusUnchangedAllocatesNothing();
    void findingsChangeSetSaysEachRowOnce();
    void liveWindowPathPerPacket();
};

void TestGuiAllocations::initTestCase()
{
    QStandardPaths::setTestModeEnabled(true);
}

void TestGuiAllocations::packetListRepaintDrawsCachedText()
{
    REQUIRE_COUNTED_MALLOC();
    MainWindow w;
    w.resize(1500, 950);
    w.show();
    QVERIFY(QTest::qWaitForWindowExposed(&w));
    w.document()->addBatch(traffic(0, 3000));
    QTableView *view = w.packetList()->view();
    view->scrollToBottom();
    QCoreApplication::processEvents();
    view->viewport()->repaint(); // texts seen for the first time are laid out here
    const int cells = visibleCells(view);
    QVERIFY2(cells >= 80, qPrintable(u"only %1 cells visible"_s.arg(cells)));

    constexpr int kRepaints = 20;
    const quint64 allocations = allocationsOf(kRepaints, [&] { view->viewport()->repaint(); });
    const double perCell = double(allocations) / kRepaints / cells;
    qInfo("packet list: %.1f allocations per repaint of %d cells (%.2f per cell)",
          double(allocations) / kRepaints, cells, perCell);
    // Laying a cell's text out costs 10 to 40 allocations (the default delegate did it three
    // times per cell and paint); drawing cached text costs none. What remains is the view's
    // own bookkeeping and the few texts data() formats (numbers, times).
    QVERIFY2(perCell <= 4, qPrintable(u"%1 allocations per visible cell"_s.arg(perCell)));
}

// The absolute time formats write a date and time per cell: the whole second's text is made
// once (QDateTime formatting costs a dozen allocations), the microseconds appended to it.
void TestGuiAllocations::packetListRepaintInEachTimeFormat()
{
    REQUIRE_COUNTED_MALLOC();
    MainWindow w;
    w.resize(1500, 950);
    w.show();
    QVERIFY(QTest::qWaitForWindowExposed(&w));
    w.document()->addBatch(traffic(0, 3000));
    QTableView *view = w.packetList()->view();
    view->scrollToBottom();
    for (int f = 0; f < PacketTableModel::kTimeFormatCount; ++f) {
        w.packetList()->setTimeFormat(PacketTableModel::TimeFormat(f));
        QCoreApplication::processEvents();
        view->viewport()->repaint(); // texts seen for the first time are laid out here
        const int cells = visibleCells(view);
        constexpr int kRepaints = 20;
        const quint64 allocations = allocationsOf(kRepaints, [&] { view->viewport()->repaint(); });
        const double perCell = double(allocations) / kRepaints / cells;
        qInfo("time format %d: %.1f allocations per repaint of %d cells (%.2f per cell)", f,
              double(allocations) / kRepaints, cells, perCell);
        QVERIFY2(perCell <= 4, qPrintable(u"%1 allocations per visible cell"_s.arg(perCell)));
        // The time cells alone: one allocation each (the text returned), once their seconds
        // were seen (3000 packets 5 ms apart: 15 seconds).
        const QAbstractItemModel *model = view->model();
        QString text;
        const auto timeCells = [&] {
            for (int row = 0; row < model->rowCount(); row += 10)
                text = model->index(row, PacketTableModel::TimeColumn).data().toString();
        };
        timeCells();
        const quint64 timeAllocations = allocationsOf(1, timeCells);
        const double perTime = double(timeAllocations) / (model->rowCount() / 10);
        qInfo("time format %d: %.2f allocations per time cell", f, perTime);
        QVERIFY2(perTime <= 1.5, qPrintable(u"%1 allocations per time cell"_s.arg(perTime)));
    }
    w.packetList()->setTimeFormat(PacketTableModel::TimeFormat::SinceStart);
}

void TestGuiAllocations::newestSummariesComeFromTheBatchDecode()
{
    REQUIRE_COUNTED_MALLOC();
    PacketDocument doc;
    doc.addBatch(traffic(0, 500));
    const PacketTableModel *model = doc.packets();
    constexpr int kNewest = 64;
    const int first = model->rowCount() - kNewest;
    QString text;
    const quint64 allocations = allocationsOf(1, [&] {
        for (int row = first; row < model->rowCount(); ++row)
            text = model->index(row, PacketTableModel::SummaryColumn).data().toString();
    });
    qInfo("%llu allocations for the summaries of the %d newest rows", allocations, kNewest);
    // The same text a decode of the stored bytes gives.
    const int last = model->rowCount() - 1;
    QCOMPARE(text, DnsDecoder::summary(DnsDecoder::decode(model->store().bytes(last)),
                                       DnsDecoder::Language::Translated));
    // Packet 499: sender 2 (499 % 3), its printer 100 + (499 / 3) % 100.
    QVERIFY(text.startsWith(u"Announcement: _ipp._tcp.local PTR Printer 166._ipp._tcp.local"_s));
    // Decoding a packet and writing its summary costs about 30 allocations each.
    QVERIFY2(allocations <= kNewest / 4, qPrintable(u"%1 allocations"_s.arg(allocations)));

    // Older rows are summarised on demand, once: the second time comes from the cache.
    const QModelIndex old = model->index(10, PacketTableModel::SummaryColumn);
    QVERIFY(allocationsOf(1, [&] { text = old.data().toString(); }) >= 5);
    QVERIFY(allocationsOf(1, [&] { text = old.data().toString(); }) <= 1);
}

void TestGuiAllocations::publishingAnAnalysedBatchDecodesNothing()
{
    REQUIRE_COUNTED_MALLOC();
    // Live batches are decoded on the analysis thread (BatchAnalyzer); what the GUI thread does
    // with the result (store, one insert per model, sender counts and names, the newest
    // summaries into the cache) must not grow with the decode's ~25 allocations per packet.
    PacketDocument doc;
    constexpr int kBatch = 1024, kBatches = 8;
    doc.addAnalyzed(BatchAnalyzer::analyze(traffic(0, kBatch))); // senders and names known
    QList<AnalyzedBatch> batches;
    for (int b = 1; b <= kBatches; ++b)
        batches.append(BatchAnalyzer::analyze(traffic(b * kBatch, kBatch)));
    const quint64 published = allocationsOf(1, [&] {
        for (const AnalyzedBatch &batch : batches)
            doc.addAnalyzed(batch);
    });
    QCOMPARE(doc.packets()->rowCount(), (kBatches + 1) * kBatch);
    const double perPacket = double(published) / (kBatches * kBatch);
    // The same batches decoded here, as the GUI thread did before.
    PacketDocument before;
    before.addBatch(traffic(0, kBatch));
    QList<PacketBatch> raw;
    for (int b = 1; b <= kBatches; ++b)
        raw.append(traffic(b * kBatch, kBatch));
    const quint64 decoded = allocationsOf(1, [&] {
        for (const PacketBatch &batch : raw)
            before.addBatch(batch);
    });
    const double decodedPerPacket = double(decoded) / (kBatches * kBatch);
    qInfo("GUI thread: %.2f allocations per packet publishing analysed batches, %.2f decoding "
          "them itself",
          perPacket, decodedPerPacket);
    // Measured 0.21 (records blocks of the store, names inserted into sender lists); the
    // GUI thread decoding the batches itself made ~13.
    QVERIFY2(perPacket <= 0.5, qPrintable(QString::number(perPacket)));
    QVERIFY(decodedPerPacket >= 10 * perPacket);
}

void TestGuiAllocations::sendersRepaintAndNameLists()
{
    REQUIRE_COUNTED_MALLOC();
    MainWindow w;
    w.resize(1500, 950);
    w.show();
    QVERIFY(QTest::qWaitForWindowExposed(&w));
    w.document()->addBatch(traffic(0, 1200));
    const SenderTableModel *senders = w.document()->senders();
    QCOMPARE(senders->rowCount(), 3);
    QCOMPARE(senders->table().at(0).hostNames.size(), 100);

    // A host-name cell is 100 names long: joined once, not on every data() call.
    const QModelIndex names = senders->index(0, SenderTableModel::HostNamesColumn);
    QString text = names.data().toString();
    QVERIFY(text.startsWith(u"host0.local, host1.local, host10.local"_s));
    const quint64 dataAllocations = allocationsOf(100, [&] { text = names.data().toString(); });
    QVERIFY2(dataAllocations <= 10, qPrintable(u"%1 allocations"_s.arg(dataAllocations)));

    QTableView *view = w.sendersView();
    QCoreApplication::processEvents();
    view->viewport()->repaint();
    const int cells = visibleCells(view);
    QVERIFY2(cells >= 30, qPrintable(u"only %1 cells visible"_s.arg(cells)));
    constexpr int kRepaints = 20;
    const quint64 allocations = allocationsOf(kRepaints, [&] { view->viewport()->repaint(); });
    const double perCell = double(allocations) / kRepaints / cells;
    qInfo("senders: %.1f allocations per repaint of %d cells (%.2f per cell)",
          double(allocations) / kRepaints, cells, perCell);
    QVERIFY2(perCell <= 6, qPrintable(u"%1 allocations per visible cell"_s.arg(perCell)));
}

void TestGuiAllocations::chartRepaintDoesNotGrowWithSamples()
{
    REQUIRE_COUNTED_MALLOC();
    ChartWidget chart(u"Allocations"_s);
    chart.setAxis(ChartWidget::Axis::Left, u"allocations/s"_s, ChartWidget::Unit::Count);
    chart.setAxis(ChartWidget::Axis::Right, u"B/s"_s, ChartWidget::Unit::Bytes);
    for (int s = 0; s < 4; ++s)
        chart.addSeries(u"Series %1"_s.arg(s), Qt::blue,
                        s < 2 ? ChartWidget::Axis::Left : ChartWidget::Axis::Right);
    chart.resize(480, 200);
    chart.show();
    QVERIFY(QTest::qWaitForWindowExposed(&chart));

    // The engine samples four times a second: 10 samples, then a full minute of them.
    auto fill = [&](int from, int to) {
        for (int i = from; i < to; ++i) {
            for (int s = 0; s < 4; ++s)
                chart.append(s, i * 0.25, 1000.0 + (i * 37 + s * 101) % 500);
        }
    };
    constexpr int kRepaints = 10;
    fill(0, 10);
    chart.repaint();
    const double few = double(allocationsOf(kRepaints, [&] { chart.repaint(); })) / kRepaints;
    fill(10, 240);
    chart.repaint();
    const double full = double(allocationsOf(kRepaints, [&] { chart.repaint(); })) / kRepaints;
    qInfo("chart repaint: %.1f allocations with 10 samples per series, %.1f with 240", few, full);
    // Placing a point must not cost anything: 920 more points, a handful more allocations
    // (longer axis labels) at most. Computing the layout per point cost about 20 each.
    QVERIFY2(full <= few + 30, qPrintable(u"%1 vs %2"_s.arg(full).arg(few)));
    QVERIFY2(full <= 400, qPrintable(u"%1 allocations per repaint"_s.arg(full)));
    // The tick and legend labels are formed once each, not on every repaint (measured 13
    // with them cached, 78 when every repaint formed them).
    QVERIFY2(full <= 30, qPrintable(u"%1 allocations per repaint"_s.arg(full)));
}

void TestGuiAllocations::statusCountersDoNotRelayout()
{
    MainWindow w;
    w.show();
    QVERIFY(QTest::qWaitForWindowExposed(&w));
    CaptureStatusBar *bar = w.captureStatusBar();
    bar->setPackets(1000); // the labels grow to four digits: one new layout
    bar->setEvicted(1000);
    QTest::qWait(50);
    LayoutRequestCounter requests;
    bar->installEventFilter(&requests);
    w.installEventFilter(&requests);
    for (quint64 n = 1001; n < 1100; ++n) {
        bar->setPackets(n);
        bar->setEvicted(n);
        QCoreApplication::processEvents();
    }
    QVERIFY(bar->packetsText().contains(u"1,099"_s) || bar->packetsText().contains(u"1099"_s));
    // New values of the same width repaint the labels only; a plain QLabel asks its status
    // bar for a new layout on every change.
    QCOMPARE(requests.count, 0);
}

void TestGuiAllocations::liveBatchesAreCoalesced()
{
    MDNSCOPE_REQUIRE_NETNS();
    MainWindow w;
    w.show();
    QVERIFY(QTest::qWaitForWindowExposed(&w));
    w.setInterface(u"lo"_s);
    w.startCapture();
    QTRY_COMPARE_WITH_TIMEOUT(w.state(), MainWindow::State::Capturing, kTimeoutMs);
    PacketTableModel *packets = w.document()->packets();
    QSignalSpy inserts(packets, &QAbstractItemModel::rowsInserted);
    QSignalSpy batches(w.session(), &CaptureSession::packetsReceived);

    // 300 datagrams, 5 ms apart: the capture hands them over every 50 ms.
    MulticastSender sender;
    QVERIFY2(sender.isOpen(), qPrintable(sender.errorString()));
    constexpr int kPackets = 300;
    QElapsedTimer elapsed;
    elapsed.start();
    for (int i = 0; i < kPackets; ++i) {
        QVERIFY2(sender.send(announcement(i % 100)), qPrintable(sender.errorString()));
        QTest::qWait(5);
    }
    QTRY_COMPARE_WITH_TIMEOUT(packets->rowCount(), kPackets, kTimeoutMs);
    const qint64 ms = elapsed.elapsed();
    qInfo("%d packets in %lld ms: %lld capture batches, %lld model inserts", kPackets, ms,
          qint64(batches.size()), qint64(inserts.size()));
    QVERIFY2(batches.size() > inserts.size(), "several capture batches per publication");
    // Publications are at least 100 ms apart.
    QVERIFY2(inserts.size() <= ms / 100 + 1,
             qPrintable(u"%1 inserts in %2 ms"_s.arg(inserts.size()).arg(ms)));
    w.stopCapture();
    QTRY_COMPARE_WITH_TIMEOUT(w.state(), MainWindow::State::Idle, kTimeoutMs);
}

MDNSCOPE_NETNS_TEST_WIDGETS_MAIN(TestGuiAllocations)
#include "tst_guiallocations.moc"

// A view whose range grows (rows arriving) repaints its scroll bar every time; while the
// slider's pixels stay, the cached picture is drawn: no allocation, no new rendering. The
// picture is what the style draws (compared pixel for pixel with a plain scroll bar).
void TestGuiAllocations::scrollBarRepaintWithoutPixelChange()
{
    REQUIRE_COUNTED_MALLOC();
    QStandardItemModel model(5000, 2);
    QTableView cached, plain;
    ScrollBarCache cache;
    ScrollBarCache::apply(&cache, &cached);
    for (QTableView *view : {&cached, &plain}) {
        view->setModel(&model);
        view->resize(300, 400);
        view->show();
        QVERIFY(QTest::qWaitForWindowExposed(view));
        view->scrollToBottom();
    }
    QCoreApplication::processEvents();
    QScrollBar *bar = cached.verticalScrollBar();
    QScrollBar *plainBar = plain.verticalScrollBar();
    bar->repaint();
    QCOMPARE(bar->grab().toImage(), plainBar->grab().toImage());
    const quint64 renders = cache.renders();
    QVERIFY(renders >= 1);

    // The range grows by a row at a time at the bottom: the slider keeps its pixels. The
    // repaint alone is counted (a new range also scrolls the view), for both scroll bars.
    auto repaints = [&](QScrollBar *b) {
        quint64 allocations = 0;
        for (int i = 0; i < 50; ++i) {
            b->setRange(b->minimum(), b->maximum() + 1);
            b->setValue(b->maximum());
            QCoreApplication::processEvents();
            allocations += allocationsOf(1, [&] { b->repaint(); });
        }
        return double(allocations) / 50;
    };
    const double cachedRepaint = repaints(bar);
    const double plainRepaint = repaints(plainBar);
    qInfo("scroll bar repaint: %.1f allocations drawn from the cache (%llu renders), %.1f drawn "
          "by the style",
          cachedRepaint, static_cast<unsigned long long>(cache.renders() - renders), plainRepaint);
    QCOMPARE(cache.renders(), renders);
    // What is left is the widget's repaint itself (its regions, the painter and the style
    // option, measured 45), none of it the style's drawing (measured 95 with it).
    QVERIFY2(cachedRepaint <= 60, qPrintable(QString::number(cachedRepaint)));
    QVERIFY2(plainRepaint >= cachedRepaint + 30, qPrintable(QString::number(plainRepaint)));

    // The slider moves: drawn anew, as the style draws it.
    bar->setValue(bar->minimum());
    plainBar->setRange(bar->minimum(), bar->maximum());
    plainBar->setValue(plainBar->minimum());
    bar->repaint();
    QCOMPARE(cache.renders(), renders + 1);
    QCOMPARE(bar->grab().toImage(), plainBar->grab().toImage());
}

// The status bar gets the capture's statistics four times a second; numbers that did not
// change form no text.
void TestGuiAllocations::statusBarStatsUnchangedAllocateNothing()
{
    REQUIRE_COUNTED_MALLOC();
    CaptureStatusBar bar;
    bar.show();
    QVERIFY(QTest::qWaitForWindowExposed(&bar));
    CaptureStats stats;
    stats.perFamily[familyIndex(IpFamily::V4)].packets = 1234;
    stats.kernelDrops = 0;
    stats.pool.acquires = 100;
    stats.pool.hits = 99;
    bar.setStats(stats);
    bar.setPackets(1234);
    bar.setEvicted(0);
    bar.setFlooding({});
    QVERIFY(bar.familiesText().contains(u"1,234"_s) || bar.familiesText().contains(u"1234"_s));
    QCoreApplication::processEvents();
    const quint64 allocations = allocationsOf(100, [&] {
        bar.setStats(stats);
        bar.setPackets(1234);
        bar.setEvicted(0);
        bar.setFlooding({});
    });
    QCOMPARE(allocations, quint64(0));
    stats.perFamily[familyIndex(IpFamily::V4)].packets = 1300; // a new number is shown
    bar.setStats(stats);
    QVERIFY(bar.familiesText().contains(u"1,300"_s) || bar.familiesText().contains(u"1300"_s));
}

// The services tree asks for every visible cell on every repaint (the countdown repaints it
// every second): texts are formed once per change, the TTL once per second shown.
void TestGuiAllocations::servicesRepaintAllocatesNothing()
{
    REQUIRE_COUNTED_MALLOC();
    ServicesModel model;
    DirectoryChanges changes;
    for (int i = 0; i < 20; ++i) {
        ServiceInstance in;
        in.name = u"Printer %1"_s.arg(i);
        in.type = u"_ipp._tcp"_s;
        in.domain = u"local"_s;
        in.fullName = in.name + u"._ipp._tcp.local"_s;
        in.key = in.fullName.toLower();
        in.host = u"host%1.local"_s.arg(i);
        in.port = 631;
        in.state = RecordState::Live;
        in.lastSeenNs = kStart;
        in.expiresNs = kStart + 120'000'000'000LL;
        changes.instances.append(in);
    }
    model.apply(changes);
    model.setNowNs(kStart + 1'000'000'000);
    QList<QModelIndex> cells;
    std::function<void(const QModelIndex &)> walk = [&](const QModelIndex &parent) {
        for (int r = 0; r < model.rowCount(parent); ++r) {
            for (int c = 0; c < model.columnCount(parent); ++c)
                cells.append(model.index(r, c, parent));
            walk(model.index(r, 0, parent));
        }
    };
    walk({});
    QVERIFY(cells.size() >= 20 * ServicesModel::ColumnCount);
    QVariant v;
    for (const QModelIndex &cell : cells)
        v = cell.data();
    const QModelIndex ttl =
        model.index(0, ServicesModel::TtlColumn, model.index(0, 0, model.index(0, 0)));
    QCOMPARE(ttl.data().toString(), DirectoryText::ttlLeft(119'000'000'000LL));
    const quint64 allocations = allocationsOf(10, [&] {
        for (const QModelIndex &cell : cells)
            v = cell.data();
    });
    QCOMPARE(allocations, quint64(0));
    model.setNowNs(kStart + 5'000'000'000LL); // the countdown moves on
    QCOMPARE(ttl.data().toString(), DirectoryText::ttlLeft(115'000'000'000LL));
}

// The timeline's status line ("N hosts, M events") after a change set that adds nothing.
void TestGuiAllocations::timelineStatusUnchangedAllocatesNothing()
{
    REQUIRE_COUNTED_MALLOC();
    TimelinePanel panel;
    panel.resize(800, 300);
    panel.show();
    QVERIFY(QTest::qWaitForWindowExposed(&panel));
    BehaviourChanges nothing;
    panel.applyChanges(nothing);
    QCoreApplication::processEvents();
    const quint64 allocations = allocationsOf(50, [&] {
        panel.applyChanges(nothing);
        QCoreApplication::processEvents();
    });
    QCOMPARE(allocations, quint64(0));
}

// A change set that counts more occurrences of 50 findings of one sender (a rule that fires
// on every packet) says each changed row once: the 50 finding rows as one range, their
// sender, rule and severity rows once each (it was four signals per finding).
void TestGuiAllocations::findingsChangeSetSaysEachRowOnce()
{
    FindingsModel model;
    auto finding = [](int i, quint64 count) {
        Finding f;
        f.id = quint32(i);
        f.rule = Rule::Malformed;
        f.severity = Severity::Error;
        f.source = IpAddress::fromString(u"169.254.0.1"_s);
        f.name = u"host%1.local"_s.arg(i, 2, 10, QChar(u'0'));
        f.count = count;
        return f;
    };
    FindingChanges first, later;
    for (int i = 0; i < 50; ++i) {
        first.findings.append(finding(i, 1));
        later.findings.append(finding(i, 7));
    }
    model.apply(first);
    QSignalSpy changed(&model, &QAbstractItemModel::dataChanged);
    model.apply(later);
    QCOMPARE(changed.count(), 4);
    const QModelIndex severity = model.index(0, 0);
    const QModelIndex sender = model.index(0, 0, model.index(0, 0, severity));
    QCOMPARE(model.rowCount(sender), 50);
    bool rangeSeen = false;
    for (const QList<QVariant> &signal : changed) {
        const auto from = signal.at(0).value<QModelIndex>();
        const auto to = signal.at(1).value<QModelIndex>();
        if (from.parent() == sender) {
            QCOMPARE(from.row(), 0);
            QCOMPARE(to.row(), 49);
            rangeSeen = true;
        }
    }
    QVERIFY(rangeSeen);
    for (int r = 0; r < 50; ++r)
        QCOMPARE(model.finding(model.index(r, 0, sender))->count, quint64(7));
}

// The window as the live capture feeds it at 200 packets/s: every dock shown side by side, a
// publication of 20 analysed packets every 100 ms, the events it posts (repaints of what
// changed) handled after each. The GUI thread's allocations per packet, repaints included,
// stay under a bound.
void TestGuiAllocations::liveWindowPathPerPacket()
{
    REQUIRE_COUNTED_MALLOC();
    MainWindow w;
    w.resize(1800, 1100);
    QList<QDockWidget *> docks = w.findChildren<QDockWidget *>();
    QCOMPARE(docks.size(), 5);
    for (QDockWidget *d : docks)
        w.addDockWidget(Qt::RightDockWidgetArea, d, Qt::Vertical); // none tabbed
    w.show();
    QVERIFY(QTest::qWaitForWindowExposed(&w));
    for (QDockWidget *d : docks)
        QVERIFY(d->isVisible() && !d->visibleRegion().isEmpty());
    constexpr int kBatch = 20, kBatches = 50;
    QList<AnalyzedBatch> batches;
    for (int b = 0; b <= kBatches; ++b)
        batches.append(BatchAnalyzer::analyze(traffic(b * kBatch, kBatch)));
    w.document()->addAnalyzed(batches.first()); // senders and names known
    QCoreApplication::processEvents();
    const quint64 allocations = allocationsOf(1, [&] {
        for (int b = 1; b <= kBatches; ++b) {
            w.document()->addAnalyzed(batches.at(b));
            QCoreApplication::processEvents();
        }
    });
    QCOMPARE(w.document()->packets()->rowCount(), (kBatches + 1) * kBatch);
    const double perPacket = double(allocations) / (kBatches * kBatch);
    qInfo("window, every dock shown: %.1f allocations per packet (publications of %d packets, "
          "their repaints)",
          perPacket, kBatch);
    // Measured 51 (the packet list, senders, status bar and the docks' repaints; the target is
    // 2, see bench_guiallocations and the README): a bound against the window getting worse.
    QVERIFY2(perPacket <= 75, qPrintable(QString::number(perPacket)));
}

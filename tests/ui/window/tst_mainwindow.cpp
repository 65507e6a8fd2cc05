#include "AnalyzerSession.h"
#include "CaptureFileBuilder.h"
#include "CaptureFileReader.h"
#include "CaptureSession.h"
#include "CaptureStatusBar.h"
#include "ChartWidget.h"
#include "ChartsPanel.h"
#include "DecodedTreeModel.h"
#include "HexView.h"
#include "MainWindow.h"
#include "MdnsBuilder.h"
#include "MessageBar.h"
#include "MulticastSender.h"
#include "NetNamespace.h"
#include "PacketDetailsPanel.h"
#include "PacketDocument.h"
#include "PacketFilterProxy.h"
#include "PacketListPanel.h"
#include "PacketTableModel.h"
#include "SenderTableModel.h"
#include "ServicesModel.h"
#include "ServicesPanel.h"

#include <QAction>
#include <QComboBox>
#include <QSettings>
#include <QSignalSpy>
#include <QStandardPaths>
#include <QTableView>
#include <QTemporaryDir>
#include <QTest>

using namespace Qt::StringLiterals;

namespace {
constexpr int kTimeoutMs = 10'000;

QByteArray announcement(int i)
{
    using namespace MdnsBuilder;
    return response({ptr(u"_ipp._tcp.local"_s, u"Printer %1._ipp._tcp.local"_s.arg(i)),
                     srv(u"Printer %1._ipp._tcp.local"_s.arg(i), 631, u"host%1.local"_s.arg(i)),
                     a(u"host%1.local"_s.arg(i), 0x7F000001)});
}

// The first statistics snapshot that has seen at least `packets` packets, then one more so
// that the allocation counters include everything done for them.
std::optional<CaptureStats> settledStats(CaptureSession *session, quint64 packets)
{
    QSignalSpy spy(session, &CaptureSession::statsUpdated);
    QElapsedTimer timer;
    timer.start();
    bool reached = false;
    while (timer.elapsed() < kTimeoutMs) {
        if (spy.isEmpty() && !spy.wait(1000))
            continue;
        const auto stats = spy.takeFirst().at(0).value<CaptureStats>();
        if (reached)
            return stats;
        reached = stats.packets >= packets;
    }
    return std::nullopt;
}

double captureBytesPerPacket(const CaptureStats &from, const CaptureStats &to)
{
    const double packets = double(to.packets - from.packets);
    return packets > 0
               ? double(to.captureThread.bytesAllocated - from.captureThread.bytesAllocated) /
                     packets
               : -1;
}
} // namespace

class TestMainWindow : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void initTestCase();
    void startsIdle();
    void captureOnLoopback();
    void clearDropsPacketsInFlight();
    void captureErrorIsShown();
    void opensCorpusFile();
    void fileCommentsAndFramesKept();
    void remembersSettings();

private:
    bool sendAnnouncements(MulticastSender &sender, int first, int count);
};

void TestMainWindow::initTestCase()
{
    QStandardPaths::setTestModeEnabled(true);
    QSettings().clear();
    QSettings().setValue(MainWindow::kAskUnsavedKey, false); // packets are dropped on purpose here
}

bool TestMainWindow::sendAnnouncements(MulticastSender &sender, int first, int count)
{
    for (int i = first; i < first + count; ++i) {
        if (!sender.send(announcement(i)))
            return false;
        if (i % 50 == 49)
            QTest::qWait(5); // stay far below the socket buffer
    }
    return true;
}

void TestMainWindow::startsIdle()
{
    MainWindow w;
    QCOMPARE(w.state(), MainWindow::State::Idle);
    QCOMPARE(w.captureStatusBar()->stateText(), u"Idle"_s);
    QCOMPARE(w.startStopAction()->shortcut(), QKeySequence(u"Ctrl+E"_s));
    QVERIFY(w.startStopAction()->text().contains(u"Start"_s));
    QCOMPARE(w.interfaceChooser()->itemData(0).toString(), QString()); // "All interfaces"
    QVERIFY(w.messageBar()->isHidden());
}

void TestMainWindow::captureOnLoopback()
{
    MDNSCOPE_REQUIRE_NETNS();
    MainWindow w;
    w.show();
    QVERIFY(QTest::qWaitForWindowExposed(&w));
    QVERIFY2(w.interfaceChooser()->findData(u"lo"_s) >= 0,
             "lo is multicast-capable in the namespace");
    w.setInterface(u"lo"_s);
    w.poolingAction()->setChecked(true);

    // Start with the toolbar action (Ctrl+E).
    w.startStopAction()->trigger();
    QTRY_COMPARE_WITH_TIMEOUT(w.state(), MainWindow::State::Capturing, kTimeoutMs);
    QVERIFY(w.captureStatusBar()->stateText().contains(u"lo"_s));
    QVERIFY(w.startStopAction()->text().contains(u"Stop"_s));
    QVERIFY(!w.interfaceChooser()->isEnabled());

    MulticastSender sender;
    QVERIFY2(sender.isOpen(), qPrintable(sender.errorString()));
    QVERIFY(sendAnnouncements(sender, 0, 100));
    PacketTableModel *packets = w.document()->packets();
    QTRY_COMPARE_WITH_TIMEOUT(packets->rowCount(), 100, kTimeoutMs);
    QTableView *table = w.packetList()->view();
    QCOMPARE(table->model()->rowCount(), 100);
    QVERIFY(packets->index(0, PacketTableModel::SummaryColumn)
                .data()
                .toString()
                .contains(u"Printer 0._ipp._tcp.local"_s));
    QCOMPARE(packets->index(0, PacketTableModel::InterfaceColumn).data().toString(), u"lo"_s);
    QCOMPARE(packets->index(99, PacketTableModel::TtlColumn).data().toString(), u"255"_s);

    // The senders table: one sender with what it announced.
    QTRY_COMPARE_WITH_TIMEOUT(w.sendersView()->model()->rowCount(), 1, kTimeoutMs);
    const SenderInfo &info = w.document()->senders()->table().at(0);
    QCOMPARE(info.packets, 100u);
    QCOMPARE(info.hostNames.size(), 100);
    QVERIFY(info.serviceInstances.contains(u"Printer 42._ipp._tcp.local"_s));

    // The Services dock fills live (the decode thread's directory, published with the
    // packets), and the TTL left counts down with the wall clock.
    const ServicesModel *services = w.servicesPanel()->servicesModel();
    QTRY_COMPARE_WITH_TIMEOUT(services->instanceCount(), qsizetype(100), kTimeoutMs);
    const QString printer = u"printer 42._ipp._tcp.local"_s;
    QCOMPARE(services->indexOf(printer, ServicesModel::HostPortColumn).data().toString(),
             u"host42.local:631"_s);
    QCOMPARE(services->indexOf(printer, ServicesModel::StateColumn).data().toString(), u"live"_s);
    const QString ttl = services->indexOf(printer, ServicesModel::TtlColumn).data().toString();
    QTRY_VERIFY_WITH_TIMEOUT(
        services->indexOf(printer, ServicesModel::TtlColumn).data().toString() != ttl, 4000);

    // Selecting a packet decodes it into the tree and the hex dump.
    table->setCurrentIndex(table->model()->index(5, 0));
    QCOMPARE(w.packetList()->currentRow(), 5);
    // Header, answers, and the conformance findings that name the packet: the sender's
    // ephemeral source port is not 5353 (findings that come later join the tree).
    const DecodedTreeModel *decoded = w.details()->treeModel();
    QTRY_COMPARE_WITH_TIMEOUT(decoded->rowCount(), 3, kTimeoutMs);
    QCOMPARE(decoded->index(2, 0).data().toString(), u"Conformance findings"_s);
    QStringList findingRules;
    for (int r = 0; r < decoded->rowCount(decoded->findingsIndex()); ++r)
        findingRules.append(decoded->index(r, 0, decoded->findingsIndex()).data().toString());
    QVERIFY2(findingRules.contains(u"response-source-port"_s),
             qPrintable(findingRules.join(u", "_s)));
    QCOMPARE(w.details()->treeModel()->index(1, 1).data().toString(), u"3"_s);
    QCOMPARE(w.details()->hexView()->bytes(), announcement(5));

    // Selecting the sender filters the packet list to it.
    w.sendersView()->setCurrentIndex(w.sendersView()->model()->index(0, 0));
    QCOMPARE(w.packetList()->proxy()->senders(), info.addressList());
    QCOMPARE(table->model()->rowCount(), 100);

    // Charts receive samples.
    QTRY_VERIFY_WITH_TIMEOUT(w.charts()->rateChart()->series(ChartsPanel::Packets).size() >= 2,
                             kTimeoutMs);
    QTRY_VERIFY_WITH_TIMEOUT(
        w.charts()->allocationChart()->series(ChartsPanel::CaptureBytes).size() >= 1, kTimeoutMs);
    QVERIFY(w.charts()->poolChart()->series(ChartsPanel::InUse).size() >= 2);

    // Pooling on, then off, then on again, switched from the GUI mid-capture: the capture
    // thread's allocated bytes per packet jump by about one 9000-byte buffer and fall again.
    int sent = 100;
    auto measure = [&](int count) -> double {
        const auto before = settledStats(w.session(), quint64(sent));
        if (!before || !sendAnnouncements(sender, sent, count))
            return -1;
        sent += count;
        const auto after = settledStats(w.session(), quint64(sent));
        return after ? captureBytesPerPacket(*before, *after) : -1;
    };
    // The pool grows to its working set first (each miss allocates a buffer): not measured.
    QVERIFY(measure(300) >= 0);
    const double pooledBefore = measure(300);
    w.poolingAction()->setChecked(false);
    const double unpooled = measure(300);
    w.poolingAction()->setChecked(true);
    const double pooledAfter = measure(300);
    const QString figures =
        u"bytes/packet: pooled %1, unpooled %2, pooled again %3"_s.arg(pooledBefore)
            .arg(unpooled)
            .arg(pooledAfter);
    qInfo().noquote() << figures;
    QVERIFY2(pooledBefore >= 0 && unpooled >= 0 && pooledAfter >= 0, qPrintable(figures));
    QVERIFY2(unpooled - pooledBefore >= 8000 && unpooled - pooledBefore <= 18'000,
             qPrintable(figures));
    QVERIFY2(unpooled - pooledAfter >= 8000, qPrintable(figures));
    QTRY_COMPARE_WITH_TIMEOUT(packets->rowCount(), sent, kTimeoutMs);

    // Stop.
    w.startStopAction()->trigger();
    QTRY_COMPARE_WITH_TIMEOUT(w.state(), MainWindow::State::Idle, kTimeoutMs);
    QVERIFY(w.startStopAction()->text().contains(u"Start"_s));
    QVERIFY(w.interfaceChooser()->isEnabled());
    QVERIFY(w.messageBar()->isHidden());

    // Export pcapng through the export code and read it back.
    QTemporaryDir dir;
    const QString path = dir.filePath(u"capture.pcapng"_s);
    QSignalSpy exported(&w, &MainWindow::exportFinished);
    w.exportPackets(ExportFormat::Pcapng, ExportDialog::Scope::All, path);
    QVERIFY(exported.wait(kTimeoutMs));
    const auto result = exported.at(0).at(0).value<ExportResult>();
    QVERIFY2(result.ok, qPrintable(result.error));
    QCOMPARE(result.packetsWritten, qint64(sent));
    QVERIFY(w.captureStatusBar()->currentMessage().contains(u"capture.pcapng"_s));
    const CaptureFileResult back = CaptureFileReader::readFile(path);
    QVERIFY(!back.error);
    QCOMPARE(back.packets.size(), sent);
    QCOMPARE(back.packets.at(7).data, announcement(7));
    QCOMPARE(back.packets.at(7).source, info.address());

    // Export only the selected packets.
    table->selectionModel()->clearSelection();
    table->selectRow(3);
    table->selectRow(4); // SelectRows + ExtendedSelection: the latest click wins
    table->selectionModel()->select(table->model()->index(3, 0),
                                    QItemSelectionModel::Select | QItemSelectionModel::Rows);
    const QString selectedPath = dir.filePath(u"selected.pcapng"_s);
    w.exportPackets(ExportFormat::Pcapng, ExportDialog::Scope::Selected, selectedPath);
    QVERIFY(exported.wait(kTimeoutMs));
    const CaptureFileResult selected = CaptureFileReader::readFile(selectedPath);
    QCOMPARE(selected.packets.size(), 2);
    QCOMPARE(selected.packets.at(0).data, announcement(3));
    QCOMPARE(selected.packets.at(1).data, announcement(4));

    // Reopen the export: the same packets come back through the same models.
    QSignalSpy opened(&w, &MainWindow::fileOpened);
    w.openFile(path);
    QVERIFY(opened.wait(kTimeoutMs));
    QCOMPARE(opened.at(0).at(0).toBool(), true);
    QCOMPARE(w.state(), MainWindow::State::Opened);
    QCOMPARE(packets->rowCount(), sent);
}

void TestMainWindow::clearDropsPacketsInFlight()
{
    MDNSCOPE_REQUIRE_NETNS();
    MainWindow w;
    w.show();
    QVERIFY(QTest::qWaitForWindowExposed(&w));
    w.setInterface(u"lo"_s);
    w.startCapture();
    QTRY_COMPARE_WITH_TIMEOUT(w.state(), MainWindow::State::Capturing, kTimeoutMs);
    MulticastSender sender;
    QVERIFY2(sender.isOpen(), qPrintable(sender.errorString()));
    PacketTableModel *packets = w.document()->packets();
    QVERIFY(sendAnnouncements(sender, 0, 100));
    QTRY_VERIFY_WITH_TIMEOUT(packets->rowCount() > 0, kTimeoutMs);

    // When Clear comes, packets are at every stage: shown, waiting for publication, being
    // decoded on the analysis thread, in a batch queued to the window, still in the capture
    // thread's batch. None of them may appear after it.
    QVERIFY(sendAnnouncements(sender, 100, 400));
    w.clearAction()->trigger();
    QCOMPARE(packets->rowCount(), 0);
    QCOMPARE(w.sendersView()->model()->rowCount(), 0);
    QVERIFY(sendAnnouncements(sender, 1000, 50));
    QTRY_COMPARE_WITH_TIMEOUT(packets->rowCount(), 50, kTimeoutMs);
    QTest::qWait(400); // several capture batches and publications later: nothing stale
    QCOMPARE(packets->rowCount(), 50);
    QCOMPARE(w.document()->store().bytes(0).toByteArray(), announcement(1000));
    QCOMPARE(w.document()->totalPackets(), 50u);
    QCOMPARE(w.document()->senders()->table().at(0).packets, 50u);

    // Stop right after the capture handed the last packets on: Idle once they are shown.
    QSignalSpy batches(w.session(), &CaptureSession::packetsReceived);
    QVERIFY(sendAnnouncements(sender, 2000, 30));
    auto handedOn = [&batches] {
        qsizetype n = 0;
        for (const QList<QVariant> &args : batches)
            n += args.at(0).value<PacketBatch>().size();
        return n;
    };
    QTRY_COMPARE_WITH_TIMEOUT(handedOn(), 30, kTimeoutMs);
    w.stopCapture();
    QTRY_COMPARE_WITH_TIMEOUT(w.state(), MainWindow::State::Idle, kTimeoutMs);
    QCOMPARE(packets->rowCount(), 80);
    QCOMPARE(w.analyzer()->inFlight(), 0);
}

void TestMainWindow::captureErrorIsShown()
{
    MDNSCOPE_REQUIRE_NETNS();
    MainWindow w;
    w.show();
    w.setInterface(u"nosuch0"_s);
    QSignalSpy error(w.session(), &CaptureSession::errorOccurred);
    w.startCapture();
    QVERIFY(error.wait(kTimeoutMs));
    QTRY_COMPARE_WITH_TIMEOUT(w.state(), MainWindow::State::Idle, kTimeoutMs);
    QVERIFY(!w.messageBar()->isHidden());
    const auto captureError = error.at(0).at(0).value<CaptureError>();
    QCOMPARE(w.messageBar()->details(), captureError.toString());
    QVERIFY(w.messageBar()->text().contains(captureError.operation.toHtmlEscaped()));
    QVERIFY(w.startStopAction()->isEnabled());
    QVERIFY(w.startStopAction()->text().contains(u"Start"_s));
    QCOMPARE(w.captureStatusBar()->stateText(), u"Idle"_s);
}

void TestMainWindow::fileCommentsAndFramesKept()
{
    // A pcapng file's packet comments and section description show in the details; the file's
    // status names the reassembled fragments; an export keeps the frames and the comments.
    using namespace FrameBuilder;
    const QByteArray payload = announcement(1);
    const quint32 source = 0xC0A80102, group = 0xE00000FB;
    const QByteArray datagram = udpDatagram(5353, 5353, payload);
    PcapngBuilder b;
    b.bytes().clear();
    b.section(false, {{2, "test rig"}, {3, "Linux"}, {4, "dumpcap (Wireshark) 4.0.17"}});
    b.interface(1, "eth0");
    b.enhancedWithComments(
        0, 1, ethernet(0x0800, udp4(source, group, 5353, 5353, 255, payload), {0x8100}),
        {"odd one"});
    const auto pieces = cut(datagram, 64);
    for (qsizetype i = 0; i < pieces.size(); ++i)
        b.enhanced(0, quint64(2 + i),
                   ethernet(0x0800, ipv4Fragment(source, group, 5, pieces[i].first,
                                                 i + 1 < pieces.size(), pieces[i].second)));
    QTemporaryDir dir;
    const QString path = dir.filePath(u"comments.pcapng"_s);
    QFile f(path);
    QVERIFY(f.open(QIODevice::WriteOnly) && f.write(b.bytes()) == b.bytes().size());
    f.close();

    MainWindow w;
    QSignalSpy opened(&w, &MainWindow::fileOpened);
    w.openFile(path);
    QVERIFY(opened.wait(kTimeoutMs));
    QCOMPARE(opened.at(0).at(0).toBool(), true);
    QCOMPARE(w.document()->packets()->rowCount(), 2);
    QVERIFY2(w.captureStatusBar()->currentMessage().contains(
                 u"IP fragments: %1, reassembled into 1 mDNS packets"_s.arg(pieces.size())),
             qPrintable(w.captureStatusBar()->currentMessage()));
    QTableView *table = w.packetList()->view();
    table->setCurrentIndex(table->model()->index(0, 0));
    const DecodedTreeModel *decoded = w.details()->treeModel();
    QTRY_VERIFY_WITH_TIMEOUT(decoded->rowCount() > 2, kTimeoutMs);
    QCOMPARE(decoded->index(0, 0).data().toString(), u"Packet comments"_s);
    QCOMPARE(decoded->fieldText(decoded->index(0, 0, decoded->index(0, 0))), u"Comment: odd one"_s);
    QCOMPARE(decoded->index(1, 0).data().toString(), u"Capture file section"_s);
    QCOMPARE(decoded->fieldText(decoded->index(1, 0, decoded->index(1, 0))),
             u"Hardware: test rig"_s);
    table->setCurrentIndex(table->model()->index(1, 0)); // the reassembled one: no comments
    QTRY_COMPARE_WITH_TIMEOUT(decoded->index(0, 0).data().toString(), u"Capture file section"_s,
                              kTimeoutMs);
    QCOMPARE(w.document()->store().number(1), quint64(1 + pieces.size()));

    const QString exportedPath = dir.filePath(u"exported.pcapng"_s);
    QSignalSpy exported(&w, &MainWindow::exportFinished);
    w.exportPackets(ExportFormat::Pcapng, ExportDialog::Scope::All, exportedPath);
    QVERIFY(exported.wait(kTimeoutMs));
    const CaptureFileResult back = CaptureFileReader::readFile(exportedPath);
    QCOMPARE(back.packets.size(), 2);
    QCOMPARE(back.packets.at(0).comments, QStringList{u"odd one"_s});
    QCOMPARE(back.packets.at(0).linkType, quint16(1));
    QVERIFY(back.packets.at(0).macsKnown);
    QCOMPARE(back.packets.at(0).frameEdges.left(16),
             ethernet(0x0800, QByteArray(), {0x8100}).left(16)); // MACs and the VLAN tag
    QCOMPARE(back.packets.at(1).data, payload);
    QCOMPARE(back.packets.at(1).linkType, quint16(1));
    QCOMPARE(back.sections.size(), 1);
    QVERIFY(back.sections.first().application.startsWith(u"mdnscope "_s));
}

void TestMainWindow::opensCorpusFile()
{
    const QString path =
        QStringLiteral(MDNSCOPE_SOURCE_DIR "/../shared/corpus/nfstream__mdns.pcap");
    if (!QFile::exists(path))
        QSKIP("../shared/corpus/nfstream__mdns.pcap is not there");
    MainWindow w;
    QSignalSpy opened(&w, &MainWindow::fileOpened);
    w.openFile(path);
    QCOMPARE(w.state(), MainWindow::State::Opening);
    // A second open (a drop) while the first is running is refused with a word, not ignored.
    w.openFile(path);
    QVERIFY2(w.captureStatusBar()->currentMessage().contains(u"Still opening"_s),
             qPrintable(w.captureStatusBar()->currentMessage()));
    QVERIFY(opened.wait(kTimeoutMs));
    QCOMPARE(opened.size(), 1);
    QCOMPARE(opened.at(0).at(0).toBool(), true);
    QCOMPARE(w.state(), MainWindow::State::Opened);
    QCOMPARE(w.document()->packets()->rowCount(), 292);
    QCOMPARE(w.packetList()->view()->model()->rowCount(), 292);
    QVERIFY(w.captureStatusBar()->stateText().contains(u"nfstream__mdns.pcap"_s));
    QVERIFY(w.captureStatusBar()->currentMessage().contains(u"292"_s));
    QVERIFY(w.captureStatusBar()->packetsText().contains(u"292"_s));
    QVERIFY(w.sendersView()->model()->rowCount() > 1);
    // Quick filters over the file: tshark counts 99 queries and 193 responses.
    w.packetList()->proxy()->setKind(PacketFilterProxy::Kind::Queries);
    QCOMPARE(w.packetList()->view()->model()->rowCount(), 99);
    w.packetList()->proxy()->setKind(PacketFilterProxy::Kind::Responses);
    QCOMPARE(w.packetList()->view()->model()->rowCount(), 193);

    // A file that is not a capture is reported in the window, nothing else changes.
    QTemporaryDir dir;
    QFile junk(dir.filePath(u"junk.pcap"_s));
    QVERIFY(junk.open(QIODevice::WriteOnly));
    junk.write("this is not a capture file at all");
    junk.close();
    w.openFile(junk.fileName());
    QVERIFY(opened.wait(kTimeoutMs));
    QCOMPARE(opened.at(1).at(0).toBool(), false);
    QVERIFY(!w.messageBar()->isHidden());
    // The first file's packets are still shown, and the window still says so.
    QCOMPARE(w.packetList()->view()->model()->rowCount(), 193);
    QCOMPARE(w.state(), MainWindow::State::Opened);
    QVERIFY2(w.captureStatusBar()->stateText().contains(u"nfstream__mdns.pcap"_s),
             qPrintable(w.captureStatusBar()->stateText()));
    QVERIFY(w.windowTitle().contains(u"nfstream__mdns.pcap"_s));
}

void TestMainWindow::remembersSettings()
{
    {
        MainWindow w;
        w.setStoreCapacity(5000);
        w.poolingAction()->setChecked(false);
        w.charts()->setWindowSeconds(300);
        w.close();
    }
    MainWindow again;
    QCOMPARE(again.document()->store().capacity(), 5000);
    QVERIFY(!again.poolingAction()->isChecked());
    QCOMPARE(again.charts()->windowSeconds(), 300);
    QSettings().clear();
}

MDNSCOPE_NETNS_TEST_WIDGETS_MAIN(TestMainWindow)
#include "tst_mainwindow.moc"

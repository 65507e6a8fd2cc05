// The Services dock, driven through the window: an opened capture file (built: announcements,
// a refresh, a goodbye and unrelated traffic) fills the Services and Hosts tabs through the
// open job's directory; the details list every TXT pair and address; "Show packets" filters
// the packet list to exactly the packets that carried the instance, with a chip that clears
// it; Ctrl+C copies the selected rows; File -> Export Services writes the --services lines;
// Clear empties it all.
#include "CaptureFileBuilder.h"
#include "HostsModel.h"
#include "MainWindow.h"
#include "MdnsBuilder.h"
#include "PacketDocument.h"
#include "PacketFilterProxy.h"
#include "PacketListPanel.h"
#include "PacketTableModel.h"
#include "ServiceDetailsPane.h"
#include "ServicesModel.h"
#include "ServicesPanel.h"
#include "TestFiles.h"
#include "WindowFiles.h"

#include <QApplication>
#include <QClipboard>
#include <QDockWidget>
#include <QPushButton>
#include <QStandardPaths>
#include <QTableView>
#include <QTableWidget>
#include <QTemporaryDir>
#include <QTest>
#include <QToolButton>
#include <QTreeView>

using namespace Qt::StringLiterals;

namespace {
constexpr quint32 kGroup = 0xE00000FB;
const QString kPrinter = u"Office Printer._ipp._tcp.local"_s;
const QString kPrinterKey = u"office printer._ipp._tcp.local"_s;
const QString kWeb = u"Web._http._tcp.local"_s;

QByteArray frame(quint32 source, const QByteArray &dns)
{
    return FrameBuilder::ethernet(0x0800, FrameBuilder::udp4(source, kGroup, 5353, 5353, 255, dns));
}

// 1: the printer announced (PTR, SRV, TXT, A); 2: a query for something else; 3: the
// printer's TXT again; 4: a web server announced; 5: an unrelated host; 6: the web server's
// goodbye. The printer's records are in packets 1 and 3 only.
QByteArray buildFile()
{
    using namespace MdnsBuilder;
    const QList<QByteArray> payloads = {
        response({ptr(u"_ipp._tcp.local"_s, kPrinter), srv(kPrinter, 631, u"printer.local"_s),
                  txt(kPrinter, {"rp=ipp/print", "ty=Office Jet", "duplex"})},
                 {a(u"printer.local"_s, 0xA9FE0A0A)}),
        query(u"_airplay._tcp.local"_s, 12),
        response({txt(kPrinter, {"rp=ipp/print", "ty=Office Jet", "duplex"})}),
        response({ptr(u"_http._tcp.local"_s, kWeb), srv(kWeb, 80, u"web.local"_s)},
                 {a(u"web.local"_s, 0xA9FE0A0B)}),
        response({a(u"other.local"_s, 0xA9FE0A0C)}),
        response({with(ptr(u"_http._tcp.local"_s, kWeb), 0, false),
                  with(srv(kWeb, 80, u"web.local"_s), 0, true)}),
    };
    const quint32 senders[] = {0xA9FE0A0A, 0xA9FE0001, 0xA9FE0A0A,
                               0xA9FE0A0B, 0xA9FE0A0C, 0xA9FE0A0B};
    PcapBuilder file(1);
    for (int i = 0; i < payloads.size(); ++i)
        file.record(1'700'000'000 + quint32(i), 0, frame(senders[i], payloads.at(i)));
    return file.bytes();
}

QString cell(const ServicesModel *model, const QString &key, int column)
{
    return model->indexOf(key, column).data().toString();
}
} // namespace

class TestServicesView : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void initTestCase() { QStandardPaths::setTestModeEnabled(true); }
    void fileFillsTheServicesView();
};

void TestServicesView::fileFillsTheServicesView()
{
    QTemporaryDir dir;
    const QString path = dir.filePath(u"services.pcap"_s);
    QVERIFY(TestFiles::writeFile(path, buildFile()));
    MainWindow w;
    w.show();
    QVERIFY(w.servicesDock());
    QVERIFY(w.servicesDock()->toggleViewAction());
    QVERIFY(WindowFiles::open(w, path));
    ServicesPanel *panel = w.servicesPanel();
    const ServicesModel *services = panel->servicesModel();

    // The Services tab: both instances, with what they announced.
    QCOMPARE(services->instanceCount(), 2);
    QCOMPARE(cell(services, kPrinterKey, ServicesModel::InstanceColumn), u"Office Printer"_s);
    QCOMPARE(cell(services, kPrinterKey, ServicesModel::HostPortColumn), u"printer.local:631"_s);
    QCOMPARE(cell(services, kPrinterKey, ServicesModel::TxtColumn),
             u"rp=ipp/print ty=Office Jet duplex"_s);
    QCOMPARE(cell(services, kPrinterKey, ServicesModel::AddressesColumn), u"169.254.10.10"_s);
    QCOMPARE(cell(services, kPrinterKey, ServicesModel::StateColumn), u"live"_s);
    QCOMPARE(cell(services, kPrinterKey, ServicesModel::AnnouncedByColumn), u"169.254.10.10"_s);
    QVERIFY(!services->indexOf(kPrinterKey).data(Qt::ForegroundRole).isValid());
    const QString webKey = kWeb.toLower();
    QCOMPARE(cell(services, webKey, ServicesModel::StateColumn), u"goodbye"_s);
    QVERIFY(services->indexOf(webKey).data(Qt::ForegroundRole).isValid()); // greyed
    // Shown in the tree (through the filter proxy), under local -> _ipp._tcp.
    QTreeView *tree = panel->servicesView();
    QCOMPARE(tree->model()->rowCount(), 1);
    QCOMPARE(tree->model()->index(0, 0).data().toString(), u"local"_s);

    // The Hosts tab.
    const HostsModel *hosts = panel->hostsModel();
    const int printerHost = hosts->rowOf(u"printer.local"_s);
    QVERIFY(printerHost >= 0);
    QCOMPARE(hosts->index(printerHost, HostsModel::AddressesColumn).data().toString(),
             u"169.254.10.10"_s);
    QCOMPARE(hosts->index(printerHost, HostsModel::ServicesColumn).data().toString(),
             u"Office Printer"_s);
    QVERIFY(hosts->rowOf(u"other.local"_s) >= 0);

    // The details of the selected instance.
    QVERIFY(panel->selectInstance(kPrinterKey));
    ServiceDetailsPane *details = panel->details();
    QCOMPARE(details->shownKey(), kPrinterKey);
    QTableWidget *txt = details->txtTable();
    QCOMPARE(txt->rowCount(), 3);
    QCOMPARE(txt->item(1, 0)->text(), u"ty"_s);
    QCOMPARE(txt->item(1, 1)->text(), u"Office Jet"_s);
    QCOMPARE(txt->item(2, 0)->text(), u"duplex"_s);
    QCOMPARE(details->addressTable()->rowCount(), 1);
    QCOMPARE(details->addressTable()->item(0, 0)->text(), u"169.254.10.10"_s);
    QVERIFY(details->historyTable()->rowCount() >= 1);

    // Show packets: exactly the packets that carried the printer's records (1 and 3).
    PacketListPanel *list = w.packetList();
    QCOMPARE(list->view()->model()->rowCount(), 6);
    QPushButton *show = details->showPacketsButton();
    QVERIFY(show->isEnabled());
    QTest::mouseClick(show, Qt::LeftButton);
    QAbstractItemModel *shown = list->view()->model();
    QCOMPARE(shown->rowCount(), 2);
    QList<quint64> numbers;
    for (int r = 0; r < shown->rowCount(); ++r)
        numbers.append(shown->index(r, 0).data(PacketTableModel::NumberRole).toULongLong());
    std::sort(numbers.begin(), numbers.end());
    QCOMPARE(numbers, QList<quint64>({1, 3}));
    auto *chip = list->findChild<QToolButton *>(u"numbersFilter"_s);
    QVERIFY(chip);
    QVERIFY(chip->isVisible());
    QCOMPARE(chip->text(), u"Packets of Office Printer"_s);
    QTest::mouseClick(chip, Qt::LeftButton);
    QCOMPARE(list->view()->model()->rowCount(), 6);
    QVERIFY(!chip->isVisible());

    // Ctrl+C copies the selected row.
    tree->setFocus();
    QTest::keyClick(tree, Qt::Key_C, Qt::ControlModifier);
    const QString copied = QApplication::clipboard()->text();
    QVERIFY2(copied.startsWith(u"Office Printer\tprinter.local:631\t169.254.10.10"_s),
             qPrintable(copied));
    QCOMPARE(copied, panel->selectionText());

    // Export: the --services lines.
    const QString jsonl = dir.filePath(u"services.jsonl"_s);
    QVERIFY(w.exportServices(jsonl));
    const QList<QByteArray> lines = TestFiles::readAll(jsonl).trimmed().split('\n');
    QCOMPARE(lines.size(), 2);
    QVERIFY(lines.at(0).startsWith("{\"instance\":\"Office Printer._ipp._tcp.local\""));
    QVERIFY(lines.at(0).contains("\"port\":631"));
    QVERIFY(lines.at(1).contains("\"state\":\"goodbye\""));

    // A packets-numbers filter set, then Clear: everything goes, the chip too.
    QTest::mouseClick(show, Qt::LeftButton);
    QVERIFY(chip->isVisible());
    w.controller()->clear();
    QCOMPARE(services->rowCount(), 0);
    QCOMPARE(services->instanceCount(), 0);
    QCOMPARE(hosts->rowCount(), 0);
    QCOMPARE(details->shownKey(), QString());
    QVERIFY(!chip->isVisible());
    QVERIFY(!list->proxy()->isFiltering());
}

QTEST_MAIN(TestServicesView)
#include "tst_servicesview.moc"

// The packet list's sender filter, set from the senders table: a host row filters by all of
// its addresses, and when a host name joins the selected row to an earlier one (the selected
// row is removed), the filter and the selection follow the host rather than the neighbour
// Qt makes current.
#include "MainWindow.h"
#include "MdnsBuilder.h"
#include "PacketDocument.h"
#include "PacketListPanel.h"
#include "TestPackets.h"

#include <QItemSelectionModel>
#include <QStandardPaths>
#include <QTableView>
#include <QTest>
#include <QToolButton>

using namespace Qt::StringLiterals;

namespace {
using TestPackets::packet;

IpAddress address(const char *text)
{
    return IpAddress::fromString(QString::fromLatin1(text));
}

Packet packetOn(const QByteArray &data, int i, const char *source, const QString &interface)
{
    Packet p = packet(data, i, source);
    p.interfaceName = interface;
    return p;
}

// A host name with both of the host's addresses (169.254.0.n and fe80::n), as each of them
// announces it: each claims it for itself.
QByteArray hostAnnouncement(const QString &host, quint8 n = 1)
{
    using namespace MdnsBuilder;
    QByteArray v6 = QByteArray::fromHex("fe800000000000000000000000000000");
    v6[15] = char(n);
    return response({a(host, 0xA9FE0000u + n)}, {Record{host, 28, v6}});
}
} // namespace

class TestSenderFilter : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void initTestCase() { QStandardPaths::setTestModeEnabled(true); }
    void filterFollowsTheMergedHost();
};

void TestSenderFilter::filterFollowsTheMergedHost()
{
    MainWindow w;
    PacketDocument *doc = w.document();
    const QByteArray q = MdnsBuilder::query(u"x.local"_s, 1);
    doc->addBatch({packet(q, 0, "169.254.0.1"), packet(q, 1, "169.254.0.2"),
                   packetOn(q, 2, "fe80::1", u"eth0"_s), packet(q, 3, "169.254.0.1")});
    QTableView *senders = w.sendersView();
    PacketListPanel *list = w.packetList();
    auto *chip = list->findChild<QToolButton *>(u"senderFilter"_s);
    QVERIFY(chip);
    QCOMPARE(senders->model()->rowCount(), 3);

    senders->selectRow(2); // fe80::1, the last row
    QCOMPARE(list->senderFilter(), QList<IpAddress>{address("fe80::1")});
    QCOMPARE(list->view()->model()->rowCount(), 1);
    QCOMPARE(chip->text(), u"Sender fe80::1%eth0"_s);

    // Its announcement and then 169.254.0.1's: row 2 goes into row 0. the view selects row 1
    // when row 2 goes (one selected row in single selection); the filter must not jump to
    // 169.254.0.2 but follow to row 0.
    doc->addBatch({packetOn(hostAnnouncement(u"box.local"_s), 4, "fe80::1", u"eth0"_s),
                   packet(hostAnnouncement(u"box.local"_s), 5, "169.254.0.1")});
    QCOMPARE(senders->model()->rowCount(), 2);
    QCOMPARE(list->senderFilter(), QList<IpAddress>({address("169.254.0.1"), address("fe80::1")}));
    QCOMPARE(list->view()->model()->rowCount(), 5); // three from .1, two from fe80::1
    QCOMPARE(chip->text(), u"Sender box.local"_s);
    QCOMPARE(senders->currentIndex().row(), 0);
    QVERIFY(senders->selectionModel()->isRowSelected(0));

    // Another host alone.
    senders->selectRow(1);
    QCOMPARE(list->senderFilter(), QList<IpAddress>{address("169.254.0.2")});
    QCOMPARE(list->view()->model()->rowCount(), 1);
    // A merge elsewhere (row 3 into row 2) leaves the filter alone.
    doc->addBatch({packetOn(q, 6, "fe80::3", u"eth0"_s), packet(q, 7, "169.254.0.3")});
    QCOMPARE(senders->model()->rowCount(), 4);
    doc->addBatch({packet(hostAnnouncement(u"nas.local"_s, 3), 8, "169.254.0.3"),
                   packetOn(hostAnnouncement(u"nas.local"_s, 3), 9, "fe80::3", u"eth0"_s)});
    QCOMPARE(senders->model()->rowCount(), 3);
    QCOMPARE(list->senderFilter(), QList<IpAddress>{address("169.254.0.2")});
    QCOMPARE(senders->currentIndex().row(), 1);
    QCOMPARE(senders->model()->index(0, 0).data().toString(), u"169.254.0.1, fe80::1%eth0"_s);
    QCOMPARE(senders->model()->index(2, 0).data().toString(), u"fe80::3%eth0, 169.254.0.3"_s);
}

QTEST_MAIN(TestSenderFilter)
#include "tst_senderfilter.moc"

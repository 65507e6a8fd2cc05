// The packet list panel tells the details which packet to show: the selected one, and none
// when the filters hide it or the list is cleared (as in Wireshark).
#include "MdnsBuilder.h"
#include "PacketFilterProxy.h"
#include "PacketListPanel.h"
#include "PacketStore.h"
#include "PacketTableModel.h"

#include <QSignalSpy>
#include <QTableView>
#include <QTest>

using namespace Qt::StringLiterals;

namespace {
PacketBatch queries(int count)
{
    PacketBatch batch;
    for (int i = 0; i < count; ++i) {
        Packet p;
        p.data = MdnsBuilder::query(u"host%1.local"_s.arg(i), 1);
        p.timestampNs = 1'700'000'000'000'000'000LL + qint64(i) * 1'000'000;
        p.source = IpAddress::fromString(u"169.254.0.%1"_s.arg(i + 1));
        p.destination = IpAddress::fromString(u"224.0.0.251"_s);
        p.sourcePort = p.destinationPort = 5353;
        p.ttl = 255;
        p.originalLength = quint32(p.data.size());
        batch.append(p);
    }
    return batch;
}
} // namespace

class TestPacketListPanel : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void init();
    void cleanup();
    void followsTheSelectedPacket();
    void filterHidingTheSelectionClearsTheDetails();
    void clearingTheListClearsTheDetails();

private:
    void select(int proxyRow);

    PacketStore *m_store = nullptr;
    PacketTableModel *m_model = nullptr;
    PacketListPanel *m_panel = nullptr;
};

void TestPacketListPanel::init()
{
    m_store = new PacketStore;
    m_model = new PacketTableModel(*m_store);
    m_model->appendBatch(queries(5), QList<bool>(5, false));
    m_panel = new PacketListPanel(m_model);
    m_panel->setFollowNewest(false);
}

void TestPacketListPanel::cleanup()
{
    delete m_panel;
    delete m_model;
    delete m_store;
}

void TestPacketListPanel::select(int proxyRow)
{
    m_panel->view()->selectRow(proxyRow);
}

void TestPacketListPanel::followsTheSelectedPacket()
{
    QSignalSpy spy(m_panel, &PacketListPanel::currentPacketChanged);
    QCOMPARE(m_panel->currentRow(), -1);
    select(2);
    QCOMPARE(m_panel->currentRow(), 2);
    QCOMPARE(spy.size(),
             1); // one announcement per packet, although current and selection both change
    QCOMPARE(spy.at(0).at(0).toInt(), 2);
    select(4);
    QCOMPARE(spy.size(), 2);
    QCOMPARE(spy.at(1).at(0).toInt(), 4);
    // Deselecting (Ctrl+click) leaves a current row but nothing to show.
    m_panel->view()->selectionModel()->clearSelection();
    QCOMPARE(m_panel->currentRow(), -1);
    QCOMPARE(spy.size(), 3);
    QCOMPARE(spy.at(2).at(0).toInt(), -1);
}

void TestPacketListPanel::filterHidingTheSelectionClearsTheDetails()
{
    select(1); // host1.local
    QSignalSpy spy(m_panel, &PacketListPanel::currentPacketChanged);
    m_panel->setFilterText(u"host3.local"_s);
    QCOMPARE(m_panel->proxy()->rowCount(), 1);
    QCOMPARE(m_panel->currentRow(), -1);
    QCOMPARE(spy.size(), 1);
    QCOMPARE(spy.at(0).at(0).toInt(), -1);
    // A filter that keeps the selected packet changes nothing.
    m_panel->setFilterText({});
    select(3);
    spy.clear();
    m_panel->setFilterText(u"host3"_s);
    QCOMPARE(m_panel->currentRow(), 3);
    QCOMPARE(spy.size(), 0);
}

void TestPacketListPanel::clearingTheListClearsTheDetails()
{
    select(0);
    QSignalSpy spy(m_panel, &PacketListPanel::currentPacketChanged);
    m_model->clear();
    QCOMPARE(m_panel->currentRow(), -1);
    QVERIFY(!spy.isEmpty());
    QCOMPARE(spy.last().at(0).toInt(), -1);
    // The numbers restart after a clear: packet 1 of the new list is announced again.
    m_model->appendBatch(queries(2), QList<bool>(2, false));
    spy.clear();
    select(0);
    QCOMPARE(spy.size(), 1);
    QCOMPARE(spy.at(0).at(0).toInt(), 0);
}

QTEST_MAIN(TestPacketListPanel)
#include "tst_packetlistpanel.moc"

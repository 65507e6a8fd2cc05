// The packet list panel tells the details which packet to show: the selected one, and none
// when the filters hide it or the list is cleared (as in Wireshark); Home, End, Page Up and
// Page Down (also with Ctrl) select where they go. Following the newest packets pauses while
// the user has scrolled up and resumes at the end.
#include "MdnsBuilder.h"
#include "PacketFilterProxy.h"
#include "PacketListPanel.h"
#include "PacketStore.h"
#include "PacketTableModel.h"

#include <QApplication>
#include <QLabel>
#include <QScrollBar>
#include <QSignalSpy>
#include <QTableView>
#include <QTest>
#include <QWheelEvent>

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
    void jumpKeysSelectWhereTheyGo();
    void scrollingUpPausesFollowing();

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

void TestPacketListPanel::jumpKeysSelectWhereTheyGo()
{
    QTableView *view = m_panel->view();
    m_panel->resize(500, 300); // Page Up / Down need a page
    m_panel->show();
    QVERIFY(QTest::qWaitForWindowExposed(m_panel));
    select(2);
    QSignalSpy spy(m_panel, &PacketListPanel::currentPacketChanged);
    QTest::keyClick(view, Qt::Key_Home, Qt::ControlModifier);
    QCOMPARE(m_panel->currentRow(), 0);
    QCOMPARE(spy.size(), 1);
    QCOMPARE(spy.at(0).at(0).toInt(), 0);
    QTest::keyClick(view, Qt::Key_End, Qt::ControlModifier);
    QCOMPARE(m_panel->currentRow(), 4);
    QTest::keyClick(view, Qt::Key_PageUp, Qt::ControlModifier);
    QCOMPARE(m_panel->currentRow(), view->currentIndex().row());
    QVERIFY(m_panel->currentRow() < 4);
    QTest::keyClick(view, Qt::Key_PageDown);
    QCOMPARE(m_panel->currentRow(), view->currentIndex().row());
    QCOMPARE(view->selectionModel()->selectedRows().size(), 1);
    // Ctrl+Down still moves only the focus (for Ctrl+Space), as the view always did.
    QTest::keyClick(view, Qt::Key_Home);
    QCOMPARE(m_panel->currentRow(), 0);
    QTest::keyClick(view, Qt::Key_Down, Qt::ControlModifier);
    QCOMPARE(view->currentIndex().row(), 1);
    QCOMPARE(m_panel->currentRow(), 0);
}

void TestPacketListPanel::scrollingUpPausesFollowing()
{
    m_panel->resize(500, 300);
    m_panel->show();
    QVERIFY(QTest::qWaitForWindowExposed(m_panel));
    m_panel->setFollowNewest(true);
    QScrollBar *bar = m_panel->view()->verticalScrollBar();
    auto *hint = m_panel->findChild<QLabel *>(u"followPaused"_s);
    QVERIFY(hint);
    const auto append = [this](int count) {
        m_model->appendBatch(queries(count), QList<bool>(count, false));
        QCoreApplication::processEvents();
    };
    append(300);
    QVERIFY(bar->maximum() > 0);
    QCOMPARE(bar->value(), bar->maximum());
    QVERIFY(!m_panel->isFollowPaused());
    QVERIFY(hint->isHidden());

    // The wheel up: following pauses, new packets leave the list where the user put it.
    QSignalSpy paused(m_panel, &PacketListPanel::followPausedChanged);
    QWidget *viewport = m_panel->view()->viewport();
    const QPointF at(viewport->width() / 2.0, viewport->height() / 2.0);
    QWheelEvent wheel(at, viewport->mapToGlobal(at), QPoint(), QPoint(0, 120), Qt::NoButton,
                      Qt::NoModifier, Qt::NoScrollPhase, false);
    QApplication::sendEvent(viewport, &wheel);
    QVERIFY(bar->value() < bar->maximum());
    QVERIFY(m_panel->isFollowPaused());
    QVERIFY(!hint->isHidden());
    QCOMPARE(paused.size(), 1);
    QCOMPARE(paused.at(0).at(0).toBool(), true);
    const int where = bar->value();
    append(50);
    append(50);
    QCOMPARE(bar->value(), where);
    QVERIFY(m_panel->isFollowPaused());

    // Dragging the scroll bar to the end resumes following.
    bar->setSliderPosition(bar->maximum());
    bar->triggerAction(QAbstractSlider::SliderMove);
    QVERIFY(!m_panel->isFollowPaused());
    QVERIFY(hint->isHidden());
    append(50);
    QCOMPARE(bar->value(), bar->maximum());

    // The scroll bar's page up pauses too; End goes to the newest packet and resumes.
    bar->triggerAction(QAbstractSlider::SliderPageStepSub);
    QVERIFY(m_panel->isFollowPaused());
    append(10);
    QVERIFY(bar->value() < bar->maximum());
    QTest::keyClick(m_panel->view(), Qt::Key_End);
    QVERIFY(!m_panel->isFollowPaused());
    append(10);
    QCOMPARE(bar->value(), bar->maximum());

    // Following switched off and on again starts at the end, not paused.
    bar->triggerAction(QAbstractSlider::SliderToMinimum);
    QVERIFY(m_panel->isFollowPaused());
    m_panel->setFollowNewest(false);
    QVERIFY(!m_panel->isFollowPaused());
    QVERIFY(hint->isHidden());
    m_panel->setFollowNewest(true);
    QCOMPARE(bar->value(), bar->maximum());
    QVERIFY(!m_panel->isFollowPaused());
}

QTEST_MAIN(TestPacketListPanel)
#include "tst_packetlistpanel.moc"

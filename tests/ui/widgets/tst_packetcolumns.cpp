// The packet list's columns: source and destination ports and the destination address (a
// legacy-unicast query from port 40123 shows its port), the column chooser on the header (a
// hidden column stays hidden in a new list: the settings keep it), and Wireshark's time
// display formats, each giving the expected text for known timestamps in a pinned time zone.
#include "MdnsBuilder.h"
#include "PacketFilterProxy.h"
#include "PacketListPanel.h"
#include "PacketStore.h"
#include "PacketTableModel.h"

#include <QAction>
#include <QHeaderView>
#include <QMenu>
#include <QRegularExpression>
#include <QSettings>
#include <QStandardPaths>
#include <QTableView>
#include <QTest>

#include <ctime>
#include <memory>

using namespace Qt::StringLiterals;

namespace {
// 2023-11-14 22:13:20 UTC, 23:13:20 in Central European (winter) time; plus 123456789 ns.
constexpr qint64 kStart = 1'700'000'000'000'000'000LL + 123'456'789;

Packet make(const QByteArray &data, qint64 offsetNs, const char *source, quint16 sourcePort,
            const char *destination, quint16 destinationPort, const QString &interface = {})
{
    Packet p;
    p.data = data;
    p.timestampNs = kStart + offsetNs;
    p.source = IpAddress::fromString(QString::fromLatin1(source));
    p.destination = IpAddress::fromString(QString::fromLatin1(destination));
    p.sourcePort = sourcePort;
    p.destinationPort = destinationPort;
    p.ttl = 255;
    p.interfaceName = interface;
    p.originalLength = quint32(p.data.size());
    return p;
}

// 1: a multicast announcement; 2: a legacy-unicast query from port 40123 (0.25 s later);
// 3: the unicast answer to it, back to port 40123 (2.5 s after the first); 4: an IPv6
// announcement to ff02::fb from a link-local sender (3 s).
PacketBatch traffic()
{
    using namespace MdnsBuilder;
    const QByteArray announce = response({a(u"printer.local"_s, 0xA9FE0102u)});
    const QByteArray legacy = query(u"printer.local"_s, 1);
    return {
        make(announce, 0, "169.254.1.2", 5353, "224.0.0.251", 5353),
        make(legacy, 250'000'000, "169.254.7.8", 40123, "224.0.0.251", 5353),
        make(announce, 2'500'000'000, "169.254.1.2", 5353, "169.254.7.8", 40123),
        make(announce, 3'000'000'000, "fe80::1", 5353, "ff02::fb", 5353, u"eth0"_s),
    };
}
} // namespace

class TestPacketColumns : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void initTestCase();
    void init();
    void cleanup();
    void portsAndDestinationShow();
    void portColumnsSortByNumber();
    void portColumnVisibleByDefault();
    void headerMenuHidesAColumnAndItPersists();
    void lastColumnCannotBeHidden();
    void resetColumnsShowsEveryColumn();
    void timeFormats_data();
    void timeFormats();
    void sincePreviousCountsFromThePreviousDisplayedPacket();
    void timeFormatPersistsAndIsInTheHeaderMenu();

private:
    QString cell(int row, int column) const
    {
        return m_panel->proxy()->index(row, column).data().toString();
    }
    QAction *headerAction(QMenu *menu, const QString &name) const
    {
        return menu->findChild<QAction *>(name);
    }

    std::unique_ptr<PacketStore> m_store;
    std::unique_ptr<PacketTableModel> m_model;
    std::unique_ptr<PacketListPanel> m_panel;
};

void TestPacketColumns::initTestCase()
{
    QStandardPaths::setTestModeEnabled(true);
    // The local time zone pinned: Central European Time with its summer time rule.
    qputenv("TZ", "CET-1CEST,M3.5.0,M10.5.0/3");
    tzset();
}

void TestPacketColumns::init()
{
    QSettings().clear();
    m_store = std::make_unique<PacketStore>();
    m_store->setStartTimeNs(kStart);
    m_model = std::make_unique<PacketTableModel>(*m_store);
    const PacketBatch batch = traffic();
    m_model->appendBatch(batch, QList<bool>(batch.size(), false));
    m_panel = std::make_unique<PacketListPanel>(m_model.get());
    m_panel->setFollowNewest(false);
}

void TestPacketColumns::cleanup()
{
    m_panel.reset();
    m_model.reset();
    m_store.reset();
}

void TestPacketColumns::portsAndDestinationShow()
{
    QCOMPARE(cell(0, PacketTableModel::SourcePortColumn), u"5353"_s);
    QCOMPARE(cell(0, PacketTableModel::DestinationColumn), u"224.0.0.251"_s);
    QCOMPARE(cell(0, PacketTableModel::DestinationPortColumn), u"5353"_s);
    QCOMPARE(cell(1, PacketTableModel::SourceColumn), u"169.254.7.8"_s);
    QCOMPARE(cell(1, PacketTableModel::SourcePortColumn), u"40123"_s);
    QCOMPARE(cell(1, PacketTableModel::DestinationPortColumn), u"5353"_s);
    QCOMPARE(cell(2, PacketTableModel::DestinationColumn), u"169.254.7.8"_s);
    QCOMPARE(cell(2, PacketTableModel::DestinationPortColumn), u"40123"_s);
    // A link-scoped destination is named with its interface, as the source is.
    QCOMPARE(cell(3, PacketTableModel::SourceColumn), u"fe80::1%eth0"_s);
    QCOMPARE(cell(3, PacketTableModel::DestinationColumn), u"ff02::fb%eth0"_s);
    // Wireshark's titles; ports right-aligned as numbers.
    QCOMPARE(m_model->headerData(PacketTableModel::SourcePortColumn, Qt::Horizontal).toString(),
             u"Src Port"_s);
    QCOMPARE(m_model->headerData(PacketTableModel::DestinationColumn, Qt::Horizontal).toString(),
             u"Destination"_s);
    QCOMPARE(
        m_model->headerData(PacketTableModel::DestinationPortColumn, Qt::Horizontal).toString(),
        u"Dst Port"_s);
    QCOMPARE(
        m_model->index(1, PacketTableModel::SourcePortColumn).data(Qt::TextAlignmentRole).toInt(),
        int(Qt::AlignRight | Qt::AlignVCenter));
    // The same text object each time: made once, not per paint.
    const QString first = m_model->index(1, PacketTableModel::SourcePortColumn).data().toString();
    const QString second = m_model->index(1, PacketTableModel::SourcePortColumn).data().toString();
    QVERIFY(first.isSharedWith(second));
    const QString d1 = m_model->index(2, PacketTableModel::DestinationColumn).data().toString();
    const QString d2 = m_model->index(2, PacketTableModel::DestinationColumn).data().toString();
    QVERIFY(d1.isSharedWith(d2));
}

void TestPacketColumns::portColumnsSortByNumber()
{
    m_panel->view()->sortByColumn(PacketTableModel::SourcePortColumn, Qt::DescendingOrder);
    QCOMPARE(cell(0, PacketTableModel::SourcePortColumn), u"40123"_s);
    m_panel->view()->sortByColumn(PacketTableModel::DestinationPortColumn, Qt::DescendingOrder);
    QCOMPARE(cell(0, PacketTableModel::DestinationPortColumn), u"40123"_s);
    QCOMPARE(cell(0, PacketTableModel::DestinationColumn), u"169.254.7.8"_s);
}

void TestPacketColumns::portColumnVisibleByDefault()
{
    // The list as a 1024-pixel window shows it: the source port in view without scrolling.
    m_panel->resize(1000, 400);
    m_panel->show();
    QVERIFY(QTest::qWaitForWindowExposed(m_panel.get()));
    QTableView *view = m_panel->view();
    for (int column :
         {int(PacketTableModel::SourcePortColumn), int(PacketTableModel::DestinationColumn),
          int(PacketTableModel::DestinationPortColumn)}) {
        QVERIFY(m_panel->isColumnVisible(column));
        QVERIFY(!view->isColumnHidden(column));
        const int x = view->columnViewportPosition(column);
        QVERIFY2(x >= 0 && x + view->columnWidth(column) <= view->viewport()->width(),
                 qPrintable(u"column %1 at %2 + %3 of %4"_s.arg(column)
                                .arg(x)
                                .arg(view->columnWidth(column))
                                .arg(view->viewport()->width())));
    }
    // Wide enough for a five-digit port.
    const int port = view->fontMetrics().horizontalAdvance(u"40123"_s);
    QVERIFY(view->columnWidth(PacketTableModel::SourcePortColumn) > port);
}

void TestPacketColumns::headerMenuHidesAColumnAndItPersists()
{
    std::unique_ptr<QMenu> menu(m_panel->createHeaderMenu(nullptr));
    QAction *ttl = headerAction(menu.get(), u"column_ttl"_s);
    QVERIFY(ttl);
    QCOMPARE(ttl->text(), u"TTL"_s);
    QVERIFY(ttl->isCheckable());
    QVERIFY(ttl->isChecked());
    // Every column is offered, with its title.
    for (int column = 0; column < PacketTableModel::ColumnCount; ++column) {
        QAction *a = headerAction(menu.get(), u"column_"_s + PacketTableModel::columnKey(column));
        QVERIFY2(a, qPrintable(PacketTableModel::columnKey(column)));
        QCOMPARE(a->text(), m_model->headerData(column, Qt::Horizontal).toString());
    }
    ttl->trigger();
    QVERIFY(m_panel->view()->isColumnHidden(PacketTableModel::TtlColumn));
    QVERIFY(!m_panel->isColumnVisible(PacketTableModel::TtlColumn));
    QVERIFY(!m_panel->view()->isColumnHidden(PacketTableModel::LengthColumn));

    // A new list (as after a restart) reads the choice back.
    PacketListPanel again(m_model.get());
    QVERIFY(again.view()->isColumnHidden(PacketTableModel::TtlColumn));
    QVERIFY(!again.view()->isColumnHidden(PacketTableModel::SourcePortColumn));
    std::unique_ptr<QMenu> second(again.createHeaderMenu(nullptr));
    QVERIFY(!headerAction(second.get(), u"column_ttl"_s)->isChecked());
    // Shown again from the menu, and that persists too.
    headerAction(second.get(), u"column_ttl"_s)->trigger();
    QVERIFY(!again.view()->isColumnHidden(PacketTableModel::TtlColumn));
    QVERIFY(again.view()->columnWidth(PacketTableModel::TtlColumn) > 0);
    PacketListPanel third(m_model.get());
    QVERIFY(!third.view()->isColumnHidden(PacketTableModel::TtlColumn));
}

void TestPacketColumns::lastColumnCannotBeHidden()
{
    for (int column = 0; column < PacketTableModel::ColumnCount; ++column)
        m_panel->setColumnVisible(column, false);
    int shown = 0;
    for (int column = 0; column < PacketTableModel::ColumnCount; ++column)
        shown += m_panel->isColumnVisible(column) ? 1 : 0;
    QCOMPARE(shown, 1);
    std::unique_ptr<QMenu> menu(m_panel->createHeaderMenu(nullptr));
    const QList<QAction *> actions = menu->findChildren<QAction *>(
        QRegularExpression(u"^column_"_s), Qt::FindDirectChildrenOnly);
    int enabledChecked = 0;
    for (QAction *a : actions)
        enabledChecked += a->isChecked() && a->isEnabled() ? 1 : 0;
    QCOMPARE(enabledChecked, 0); // the one shown cannot be unchecked
    // A setting that hides every column (edited by hand) still shows one.
    QSettings().setValue(QString::fromLatin1(PacketListPanel::kHiddenColumnsKey),
                         QStringList{u"number"_s, u"time"_s, u"source"_s, u"sourcePort"_s,
                                     u"destination"_s, u"destinationPort"_s, u"interface"_s,
                                     u"ttl"_s, u"length"_s, u"kind"_s, u"summary"_s});
    PacketListPanel hand(m_model.get());
    QVERIFY(hand.isColumnVisible(PacketTableModel::SummaryColumn));
}

void TestPacketColumns::resetColumnsShowsEveryColumn()
{
    m_panel->setColumnVisible(PacketTableModel::KindColumn, false);
    m_panel->setColumnVisible(PacketTableModel::SourcePortColumn, false);
    QHeaderView *h = m_panel->view()->horizontalHeader();
    h->moveSection(h->visualIndex(PacketTableModel::SummaryColumn), 0);
    h->resizeSection(PacketTableModel::SourceColumn, 5);
    std::unique_ptr<QMenu> menu(m_panel->createHeaderMenu(nullptr));
    QAction *reset = headerAction(menu.get(), u"resetColumns"_s);
    QVERIFY(reset);
    reset->trigger();
    for (int column = 0; column < PacketTableModel::ColumnCount; ++column) {
        QVERIFY(m_panel->isColumnVisible(column));
        QCOMPARE(h->visualIndex(column), column);
    }
    QVERIFY(h->sectionSize(PacketTableModel::SourceColumn) >
            h->fontMetrics().horizontalAdvance(u"169.254.100.100"_s));
    QVERIFY(!QSettings().contains(QString::fromLatin1(PacketListPanel::kHiddenColumnsKey)));
}

void TestPacketColumns::timeFormats_data()
{
    QTest::addColumn<int>("format");
    QTest::addColumn<QStringList>("texts");
    QTest::newRow("since start") << int(PacketTableModel::TimeFormat::SinceStart)
                                 << QStringList{u"0.000000"_s, u"0.250000"_s, u"2.500000"_s,
                                                u"3.000000"_s};
    QTest::newRow("since previous")
        << int(PacketTableModel::TimeFormat::SincePrevious)
        << QStringList{u"0.000000"_s, u"0.250000"_s, u"2.250000"_s, u"0.500000"_s};
    QTest::newRow("time of day") << int(PacketTableModel::TimeFormat::TimeOfDay)
                                 << QStringList{u"23:13:20.123456"_s, u"23:13:20.373456"_s,
                                                u"23:13:22.623456"_s, u"23:13:23.123456"_s};
    QTest::newRow("utc") << int(PacketTableModel::TimeFormat::UtcDateTime)
                         << QStringList{
                                u"2023-11-14 22:13:20.123456"_s, u"2023-11-14 22:13:20.373456"_s,
                                u"2023-11-14 22:13:22.623456"_s, u"2023-11-14 22:13:23.123456"_s};
}

void TestPacketColumns::timeFormats()
{
    QFETCH(int, format);
    QFETCH(QStringList, texts);
    m_panel->setTimeFormat(PacketTableModel::TimeFormat(format));
    QCOMPARE(m_model->timeFormat(), PacketTableModel::TimeFormat(format));
    for (int row = 0; row < texts.size(); ++row)
        QCOMPARE(cell(row, PacketTableModel::TimeColumn), texts.at(row));
    // The column is wide enough for the format's text.
    const QTableView *view = m_panel->view();
    QVERIFY(view->columnWidth(PacketTableModel::TimeColumn) >
            view->fontMetrics().horizontalAdvance(texts.last()));
}

void TestPacketColumns::sincePreviousCountsFromThePreviousDisplayedPacket()
{
    m_panel->setTimeFormat(PacketTableModel::TimeFormat::SincePrevious);
    // Hide the legacy query (the only query): the answer then counts from the first packet.
    QVERIFY(m_panel->setDisplayFilterText(u"dns.flags.response == 1"_s));
    QCOMPARE(m_panel->proxy()->rowCount(), 3);
    QCOMPARE(cell(0, PacketTableModel::TimeColumn), u"0.000000"_s);
    QCOMPARE(cell(1, PacketTableModel::TimeColumn), u"2.500000"_s);
    QCOMPARE(cell(2, PacketTableModel::TimeColumn), u"0.500000"_s);
    // Sorted newest first, or by another column: still the previous one in arrival order.
    m_panel->view()->sortByColumn(PacketTableModel::NumberColumn, Qt::DescendingOrder);
    QCOMPARE(cell(0, PacketTableModel::TimeColumn), u"0.500000"_s);
    QCOMPARE(cell(1, PacketTableModel::TimeColumn), u"2.500000"_s);
    QCOMPARE(cell(2, PacketTableModel::TimeColumn), u"0.000000"_s);
    m_panel->view()->sortByColumn(PacketTableModel::DestinationPortColumn, Qt::DescendingOrder);
    QCOMPARE(cell(0, PacketTableModel::DestinationPortColumn), u"40123"_s);
    QCOMPARE(cell(0, PacketTableModel::TimeColumn), u"2.500000"_s);
    // The filter changed: the list of shown packets is made again.
    QVERIFY(m_panel->setDisplayFilterText(u"udp.dstport == 40123 || udp.srcport == 40123"_s));
    QCOMPARE(m_panel->proxy()->rowCount(), 2);
    QCOMPARE(cell(0, PacketTableModel::TimeColumn), u"2.250000"_s);
    QCOMPARE(cell(1, PacketTableModel::TimeColumn), u"0.000000"_s);
}

void TestPacketColumns::timeFormatPersistsAndIsInTheHeaderMenu()
{
    const QList<QAction *> actions = m_panel->timeFormatActions();
    QCOMPARE(actions.size(), PacketTableModel::kTimeFormatCount);
    QVERIFY(actions.at(int(PacketTableModel::TimeFormat::SinceStart))->isChecked());
    std::unique_ptr<QMenu> menu(m_panel->createHeaderMenu(nullptr));
    QAction *utc = nullptr;
    for (QMenu *sub : menu->findChildren<QMenu *>()) {
        for (QAction *a : sub->actions()) {
            if (a->objectName() == u"timeFormat_utcDateTime"_s)
                utc = a;
        }
    }
    QVERIFY(utc);
    QCOMPARE(utc->text(), u"UTC Date and Time of Day"_s);
    utc->trigger();
    QCOMPARE(m_model->timeFormat(), PacketTableModel::TimeFormat::UtcDateTime);
    QCOMPARE(cell(0, PacketTableModel::TimeColumn), u"2023-11-14 22:13:20.123456"_s);
    QVERIFY(!actions.at(int(PacketTableModel::TimeFormat::SinceStart))->isChecked());
    QVERIFY(m_model->headerData(PacketTableModel::TimeColumn, Qt::Horizontal, Qt::ToolTipRole)
                .toString()
                .contains(u"UTC"_s));

    // A new window's list (after a restart, the model made anew) starts in it.
    m_panel.reset();
    PacketTableModel model(*m_store);
    QCOMPARE(model.timeFormat(), PacketTableModel::TimeFormat::SinceStart);
    PacketListPanel again(&model);
    QCOMPARE(model.timeFormat(), PacketTableModel::TimeFormat::UtcDateTime);
    QVERIFY(
        again.timeFormatActions().at(int(PacketTableModel::TimeFormat::UtcDateTime))->isChecked());
    // A setting nobody knows falls back to the default.
    QSettings().setValue(QString::fromLatin1(PacketListPanel::kTimeFormatKey), u"fortnights"_s);
    PacketTableModel other(*m_store);
    PacketListPanel third(&other);
    QCOMPARE(other.timeFormat(), PacketTableModel::TimeFormat::SinceStart);
}

QTEST_MAIN(TestPacketColumns)
#include "tst_packetcolumns.moc"

// The window's context menus, opened as a right-click opens them (customContextMenuRequested)
// and each action triggered: the packet list's (copy rows / summary / JSON, apply and prepare as
// filter, this sender's packets, export these packets), the decoded tree's (copy field / value,
// apply and prepare as filter, expand / collapse all) and the senders table's (copy, filter on
// this sender); Ctrl+C in the packet list and in the tree.
#include "DecodedTreeModel.h"
#include "ExportDialog.h"
#include "MainWindow.h"
#include "MdnsBuilder.h"
#include "ModalDialogs.h"
#include "PacketDetailsPanel.h"
#include "PacketDocument.h"
#include "PacketExporter.h"
#include "PacketFilterProxy.h"
#include "PacketListPanel.h"
#include "PacketMenus.h"
#include "PacketTableModel.h"
#include "SenderTableModel.h"
#include "TestPackets.h"
#include "Translations.h"

#include <QAction>
#include <QApplication>
#include <QClipboard>
#include <QDir>
#include <QHeaderView>
#include <QJsonDocument>
#include <QJsonObject>
#include <QMenu>
#include <QPointer>
#include <QStandardPaths>
#include <QTableView>
#include <QTest>
#include <QToolButton>
#include <QTreeView>

using namespace Qt::StringLiterals;

namespace {

using TestPackets::packet;

// Packets: 1 and 4 announce a printer from 169.254.0.1, 2 and 5 ask for x.local from
// 169.254.0.2 (5 as a legacy-unicast query from port 40123), 3 asks from fe80::1.
QList<Packet> packets()
{
    using namespace MdnsBuilder;
    const QByteArray announce =
        response({ptr(u"_ipp._tcp.local"_s, u"Office._ipp._tcp.local"_s),
                  srv(u"Office._ipp._tcp.local"_s, 631, u"printer.local"_s)},
                 {a(u"printer.local"_s, 0xA9FE0001)});
    const QByteArray ask = query(u"x.local"_s, 1);
    Packet v6 = packet(ask, 2, "fe80::1");
    v6.interfaceName = u"eth0"_s;
    Packet legacy = packet(ask, 4, "169.254.0.2");
    legacy.sourcePort = 40123;
    return {packet(announce, 0, "169.254.0.1"), packet(ask, 1, "169.254.0.2"), v6,
            packet(announce, 3, "169.254.0.1"), legacy};
}

// Opens the view's context menu at the cell as a right-click does, and returns it.
QMenu *openMenu(QAbstractItemView *view, const QModelIndex &index, const QString &name)
{
    view->scrollTo(index);
    Q_EMIT view->customContextMenuRequested(view->visualRect(index).center());
    // The one shown (a closed one may wait for its deferred delete).
    const QList<QMenu *> menus = view->findChildren<QMenu *>(name);
    for (QMenu *menu : menus) {
        if (menu->isVisible())
            return menu;
    }
    return nullptr;
}

QAction *action(QMenu *menu, const QString &name)
{
    return menu ? menu->findChild<QAction *>(name) : nullptr;
}

// Triggers the named action of a freshly opened menu and closes the menu.
bool trigger(QMenu *menu, const QString &name)
{
    QAction *a = action(menu, name);
    if (!a || !a->isEnabled())
        return false;
    a->trigger();
    menu->close();
    return true;
}

QString clipboard()
{
    return QApplication::clipboard()->text();
}

} // namespace

class TestContextMenus : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase() { QStandardPaths::setTestModeEnabled(true); }

    void init()
    {
        m_window = std::make_unique<MainWindow>();
        m_window->document()->addBatch(packets());
        m_window->resize(1200, 800);
        m_window->show();
        QVERIFY(QTest::qWaitForWindowExposed(m_window.get()));
        QApplication::clipboard()->clear();
    }
    void cleanup() { m_window.reset(); }

    void packetListCopies();
    void packetListFilters();
    void packetListSenderAndExport();
    void ctrlCInThePacketList();
    void decodedTreeMenu();
    void sendersMenu();
    void germanMenus(); // last: it installs the German translation

private:
    QTableView *list() const { return m_window->packetList()->view(); }
    QModelIndex cell(int row, int column) const { return list()->model()->index(row, column); }
    void selectRows(const QList<int> &rows) const
    {
        list()->clearSelection();
        for (const int r : rows)
            list()->selectionModel()->select(cell(r, 0), QItemSelectionModel::Select |
                                                             QItemSelectionModel::Rows);
    }
    // Selects the row and makes it current, whatever modifiers an earlier key click left.
    void showRow(int row) const
    {
        list()->selectionModel()->setCurrentIndex(
            cell(row, 0), QItemSelectionModel::ClearAndSelect | QItemSelectionModel::Rows);
    }
    int shownRows() const { return list()->model()->rowCount(); }

    std::unique_ptr<MainWindow> m_window;
};

void TestContextMenus::packetListCopies()
{
    QCOMPARE(shownRows(), 5);
    list()->setColumnHidden(PacketTableModel::InterfaceColumn, true); // copied: visible ones
    const int visible = PacketTableModel::ColumnCount - 1;
    selectRows({0, 2});

    QPointer<QMenu> menu =
        openMenu(list(), cell(2, PacketTableModel::SourceColumn), u"packetListMenu"_s);
    QVERIFY(menu);
    QVERIFY(trigger(menu, u"copyRows"_s));
    QTRY_VERIFY(!menu); // closed and gone
    QStringList lines = clipboard().split(u'\n', Qt::SkipEmptyParts);
    QCOMPARE(lines.size(), 2); // the clicked row was selected already: the selection stays
    QVERIFY2(lines[0].startsWith(u"1\t"_s), qPrintable(lines[0]));
    QVERIFY2(lines[1].startsWith(u"3\t"_s), qPrintable(lines[1]));
    QCOMPARE(lines[0].count(u'\t'), visible - 1);
    QVERIFY(lines[0].contains(u"\t169.254.0.1\t"_s));
    QVERIFY(lines[1].contains(u"fe80::1"_s));
    QVERIFY(lines[0].endsWith(m_window->document()->packets()->summary(0)));

    menu = openMenu(list(), cell(0, PacketTableModel::TimeColumn), u"packetListMenu"_s);
    QVERIFY(trigger(menu, u"copyRowsWithHeader"_s));
    lines = clipboard().split(u'\n', Qt::SkipEmptyParts);
    QCOMPARE(lines.size(), 3);
    const QAbstractItemModel *model = list()->model();
    QVERIFY2(lines[0].startsWith(model->headerData(0, Qt::Horizontal).toString() + u'\t'),
             qPrintable(lines[0]));
    QVERIFY(!lines[0].contains(
        model->headerData(PacketTableModel::InterfaceColumn, Qt::Horizontal).toString()));

    menu = openMenu(list(), cell(0, 0), u"packetListMenu"_s);
    QVERIFY(trigger(menu, u"copySummary"_s));
    const PacketTableModel *packets = m_window->document()->packets();
    QCOMPARE(clipboard(), packets->summary(0) + u'\n' + packets->summary(2) + u'\n');

    menu = openMenu(list(), cell(0, 0), u"packetListMenu"_s);
    QVERIFY(trigger(menu, u"copyJson"_s));
    lines = clipboard().split(u'\n', Qt::SkipEmptyParts);
    QCOMPARE(lines.size(), 2);
    const PacketStore &store = m_window->document()->store();
    for (int i = 0; i < 2; ++i) {
        const int row = i == 0 ? 0 : 2;
        // The object --json writes for the packet, byte for byte.
        QCOMPARE(lines[i].toUtf8(),
                 PacketExporter::jsonLine(store.packet(row), qint64(store.number(row))));
        const QJsonObject o = QJsonDocument::fromJson(lines[i].toUtf8()).object();
        QCOMPARE(o.value(u"index"_s).toInteger(), qint64(store.number(row)));
        QCOMPARE(o.value(u"source"_s).toString(), row == 0 ? u"169.254.0.1"_s : u"fe80::1"_s);
    }

    // A right-click outside the selection selects the clicked row, as in Wireshark.
    menu = openMenu(list(), cell(4, 0), u"packetListMenu"_s);
    QVERIFY(trigger(menu, u"copyRows"_s));
    QVERIFY2(clipboard().startsWith(u"5\t"_s), qPrintable(clipboard()));
    QCOMPARE(clipboard().count(u'\n'), 1);
}

void TestContextMenus::packetListFilters()
{
    PacketListPanel *panel = m_window->packetList();
    // Apply on a source cell: ip.src of that packet, applied.
    QPointer<QMenu> menu =
        openMenu(list(), cell(1, PacketTableModel::SourceColumn), u"packetListMenu"_s);
    QVERIFY(menu);
    QVERIFY(action(menu, u"applyAsFilter"_s)->text().contains(u"ip.src == 169.254.0.2"_s));
    QVERIFY(trigger(menu, u"applyAsFilter"_s));
    QCOMPARE(panel->appliedDisplayFilter(), u"ip.src == 169.254.0.2"_s);
    QCOMPARE(shownRows(), 2);
    QCOMPARE(panel->proxy()->mapToSource(cell(0, 0)).row(), 1);

    // Prepare on an IPv6 source: written, not applied.
    panel->setDisplayFilterText({});
    QCOMPARE(shownRows(), 5);
    menu = openMenu(list(), cell(2, PacketTableModel::SourceColumn), u"packetListMenu"_s);
    QVERIFY(trigger(menu, u"prepareAsFilter"_s));
    QCOMPARE(panel->displayFilterText(), u"ipv6.src == fe80::1"_s);
    QCOMPARE(panel->appliedDisplayFilter(), QString());
    QCOMPARE(shownRows(), 5);

    // The summary's name, the number, the kind.
    menu = openMenu(list(), cell(1, PacketTableModel::SummaryColumn), u"packetListMenu"_s);
    QVERIFY(trigger(menu, u"applyAsFilter"_s));
    QCOMPARE(panel->appliedDisplayFilter(), u"dns.qry.name == \"x.local\""_s);
    QCOMPARE(shownRows(), 3);
    panel->setDisplayFilterText({});
    menu = openMenu(list(), cell(3, PacketTableModel::NumberColumn), u"packetListMenu"_s);
    QVERIFY(trigger(menu, u"applyAsFilter"_s));
    QCOMPARE(panel->appliedDisplayFilter(), u"frame.number == 4"_s);
    QCOMPARE(shownRows(), 1);
    panel->setDisplayFilterText({});
    menu = openMenu(list(), cell(0, PacketTableModel::KindColumn), u"packetListMenu"_s);
    QVERIFY(trigger(menu, u"applyAsFilter"_s));
    QCOMPARE(panel->appliedDisplayFilter(), u"dns.flags.response == 1"_s);
    QCOMPARE(shownRows(), 2);
    panel->setDisplayFilterText({});

    // The port and destination columns.
    menu = openMenu(list(), cell(4, PacketTableModel::SourcePortColumn), u"packetListMenu"_s);
    QVERIFY(trigger(menu, u"applyAsFilter"_s));
    QCOMPARE(panel->appliedDisplayFilter(), u"udp.srcport == 40123"_s);
    QCOMPARE(shownRows(), 1);
    panel->setDisplayFilterText({});
    menu = openMenu(list(), cell(0, PacketTableModel::DestinationColumn), u"packetListMenu"_s);
    QVERIFY(trigger(menu, u"applyAsFilter"_s));
    QCOMPARE(panel->appliedDisplayFilter(), u"ip.dst == 224.0.0.251"_s);
    QCOMPARE(shownRows(), 4); // the IPv6 packet has no ip.dst
    panel->setDisplayFilterText({});
    menu = openMenu(list(), cell(4, PacketTableModel::DestinationPortColumn), u"packetListMenu"_s);
    QVERIFY(trigger(menu, u"applyAsFilter"_s));
    QCOMPARE(panel->appliedDisplayFilter(), u"udp.dstport == 5353"_s);
    QCOMPARE(shownRows(), 5);
    panel->setDisplayFilterText({});

    // A column without a Wireshark field: both disabled.
    menu = openMenu(list(), cell(0, PacketTableModel::TimeColumn), u"packetListMenu"_s);
    QVERIFY(menu);
    QVERIFY(!action(menu, u"applyAsFilter"_s)->isEnabled());
    QVERIFY(!action(menu, u"prepareAsFilter"_s)->isEnabled());
    menu->close();
}

void TestContextMenus::packetListSenderAndExport()
{
    PacketListPanel *panel = m_window->packetList();
    auto *chip = panel->findChild<QToolButton *>(u"senderFilter"_s);
    QVERIFY(chip);
    QPointer<QMenu> menu =
        openMenu(list(), cell(1, PacketTableModel::TimeColumn), u"packetListMenu"_s);
    QVERIFY(trigger(menu, u"showSender"_s));
    QCOMPARE(panel->senderFilter(), QList<IpAddress>{IpAddress::fromString(u"169.254.0.2"_s)});
    QVERIFY(chip->isVisible());
    QCOMPARE(shownRows(), 2);
    // One way: the senders table shows that sender selected.
    const QModelIndexList selected = m_window->sendersView()->selectionModel()->selectedRows();
    QCOMPARE(selected.size(), 1);
    QVERIFY(selected.first()
                .siblingAtColumn(SenderTableModel::AddressColumn)
                .data()
                .toString()
                .startsWith(u"169.254.0.2"_s));
    chip->click();
    QCOMPARE(shownRows(), 5);

    // Export these packets: the dialog opens with the selected packets chosen.
    selectRows({0, 1, 3});
    menu = openMenu(list(), cell(3, 0), u"packetListMenu"_s);
    QVERIFY(action(menu, u"exportPackets"_s)->text().contains(u"3"_s));
    bool checked = false;
    ModalDialogs::whenModal<ExportDialog>([&checked](ExportDialog *d) {
        checked = d->scope() == ExportDialog::Scope::Selected &&
                  d->scopeButton(ExportDialog::Scope::Selected)->text().contains(u"3"_s);
    });
    QVERIFY(trigger(menu, u"exportPackets"_s));
    QVERIFY(checked);
}

void TestContextMenus::ctrlCInThePacketList()
{
    selectRows({1, 3, 4});
    list()->setFocus();
    QTest::keyClick(list(), Qt::Key_C, Qt::ControlModifier);
    const QStringList lines = clipboard().split(u'\n', Qt::SkipEmptyParts);
    QCOMPARE(lines.size(), 3); // whole rows, no header line
    QVERIFY(lines[0].startsWith(u"2\t"_s));
    QVERIFY(lines[1].startsWith(u"4\t"_s));
    QVERIFY(lines[2].startsWith(u"5\t"_s));
    QCOMPARE(lines[0].count(u'\t'), PacketTableModel::ColumnCount - 1);
    QCOMPARE(clipboard(), m_window->packetMenus()->selectedRowsText(false));
}

void TestContextMenus::decodedTreeMenu()
{
    showRow(0); // the announcement
    PacketDetailsPanel *details = m_window->details();
    QTRY_COMPARE(details->shownNumber(), quint64(1));
    QTreeView *tree = details->tree();
    DecodedTreeModel *model = details->treeModel();
    tree->expandAll();
    const QModelIndexList ports = model->match(model->index(0, 0), Qt::DisplayRole, u"Port"_s, 1,
                                               Qt::MatchExactly | Qt::MatchRecursive);
    QCOMPARE(ports.size(), 1);
    const QModelIndex port = ports.first();

    QPointer<QMenu> menu = openMenu(tree, port, u"decodedTreeMenu"_s);
    QVERIFY(menu);
    QVERIFY(trigger(menu, u"copyField"_s));
    QCOMPARE(clipboard(), u"Port: 631"_s);
    menu =
        openMenu(tree, port.siblingAtColumn(DecodedTreeModel::ValueColumn), u"decodedTreeMenu"_s);
    QVERIFY(trigger(menu, u"copyValue"_s));
    QCOMPARE(clipboard(), u"631"_s);

    // Apply: the port's filter in the bar, applied: the two announcements.
    PacketListPanel *panel = m_window->packetList();
    menu = openMenu(tree, port, u"decodedTreeMenu"_s);
    QVERIFY(trigger(menu, u"applyAsFilter"_s));
    QCOMPARE(panel->appliedDisplayFilter(), u"dns.srv.port == 631"_s);
    QCOMPARE(shownRows(), 2);

    // Prepare on the A record's address: written, the list unchanged.
    const QModelIndexList addresses =
        model->match(model->index(0, 0), Qt::DisplayRole, u"Address"_s, 1,
                     Qt::MatchExactly | Qt::MatchRecursive);
    QCOMPARE(addresses.size(), 1);
    menu = openMenu(tree, addresses.first(), u"decodedTreeMenu"_s);
    QVERIFY(trigger(menu, u"prepareAsFilter"_s));
    QCOMPARE(panel->displayFilterText(), u"dns.a == 169.254.0.1"_s);
    QCOMPARE(panel->appliedDisplayFilter(), u"dns.srv.port == 631"_s);
    QCOMPARE(shownRows(), 2);

    // A group has no Wireshark field: disabled.
    const QModelIndexList answers =
        model->match(model->index(0, 0), Qt::DisplayRole, u"Answers"_s, 1, Qt::MatchExactly);
    QCOMPARE(answers.size(), 1);
    menu = openMenu(tree, answers.first(), u"decodedTreeMenu"_s);
    QVERIFY(menu);
    QVERIFY(!action(menu, u"applyAsFilter"_s)->isEnabled());
    QVERIFY(!action(menu, u"prepareAsFilter"_s)->isEnabled());
    QVERIFY(action(menu, u"copyField"_s)->isEnabled());

    // Collapse all, then expand all.
    QVERIFY(trigger(menu, u"collapseAll"_s));
    QVERIFY(!tree->isExpanded(answers.first()));
    QVERIFY(!tree->isExpanded(port.parent()));
    menu = openMenu(tree, answers.first(), u"decodedTreeMenu"_s);
    QVERIFY(trigger(menu, u"expandAll"_s));
    QVERIFY(tree->isExpanded(answers.first()));
    QVERIFY(tree->isExpanded(port.parent()));

    // Ctrl+C in the tree: the current item, "Label: value".
    tree->setCurrentIndex(port);
    tree->setFocus();
    QTest::keyClick(tree, Qt::Key_C, Qt::ControlModifier);
    QCOMPARE(clipboard(), u"Port: 631"_s);
}

void TestContextMenus::sendersMenu()
{
    QTableView *senders = m_window->sendersView();
    const QAbstractItemModel *model = senders->model();
    QCOMPARE(model->rowCount(), 3);
    int row = -1;
    for (int r = 0; r < model->rowCount(); ++r) {
        if (model->index(r, SenderTableModel::AddressColumn).data().toString() == u"169.254.0.2"_s)
            row = r;
    }
    QVERIFY(row >= 0);
    const QModelIndex index = model->index(row, SenderTableModel::PacketsColumn);
    QPointer<QMenu> menu = openMenu(senders, index, u"sendersMenu"_s);
    QVERIFY(menu);
    QVERIFY(trigger(menu, u"copySender"_s));
    QVERIFY2(clipboard().startsWith(u"169.254.0.2\t"_s), qPrintable(clipboard()));
    QCOMPARE(clipboard().count(u'\n'), 1);
    QVERIFY(clipboard().contains(u"\t2\t"_s)); // its two packets

    QCOMPARE(shownRows(), 5);
    menu = openMenu(senders, index, u"sendersMenu"_s);
    QVERIFY(trigger(menu, u"filterSender"_s));
    QCOMPARE(m_window->packetList()->senderFilter(),
             QList<IpAddress>{IpAddress::fromString(u"169.254.0.2"_s)});
    QCOMPARE(shownRows(), 2);
}

// The menus in German: translated, and no wider than half a 1024-pixel screen. With
// MDNSCOPE_SCREENSHOT_DIR set they are saved there to be looked at.
void TestContextMenus::germanMenus()
{
    QVERIFY(Translations::install(u"de"_s));
    m_window.reset(); // built again in German
    init();
    const QString dir = qEnvironmentVariable("MDNSCOPE_SCREENSHOT_DIR");
    const auto check = [&dir](QMenu *menu, const QString &name) {
        QVERIFY(menu);
        QVERIFY2(menu->sizeHint().width() <= 512, qPrintable(QString::number(menu->width())));
        if (!dir.isEmpty())
            QVERIFY(menu->grab().save(QDir(dir).filePath(name + u".png"_s)));
        menu->close();
    };
    selectRows({0, 1});
    QMenu *menu = openMenu(list(), cell(1, PacketTableModel::SummaryColumn), u"packetListMenu"_s);
    QVERIFY(menu);
    QCOMPARE(action(menu, u"copyRows"_s)->text(), u"Zeilen kopieren"_s);
    QCOMPARE(action(menu, u"exportPackets"_s)->text(), u"2 ausgewählte Pakete exportieren…"_s);
    QCOMPARE(action(menu, u"applyAsFilter"_s)->text(),
             u"Als Filter anwenden: dns.qry.name == \"x.local\""_s);
    check(menu, u"packet-list-menu-de"_s);

    showRow(0);
    QTRY_COMPARE(m_window->details()->shownNumber(), quint64(1));
    QTreeView *tree = m_window->details()->tree();
    tree->expandAll();
    DecodedTreeModel *model = m_window->details()->treeModel();
    const QModelIndexList ports = model->match(model->index(0, 0), Qt::DisplayRole, u"Port"_s, 1,
                                               Qt::MatchExactly | Qt::MatchRecursive);
    QCOMPARE(ports.size(), 1);
    menu = openMenu(tree, ports.first(), u"decodedTreeMenu"_s);
    QVERIFY(menu);
    QCOMPARE(action(menu, u"collapseAll"_s)->text(), u"Alle zuklappen"_s);
    check(menu, u"decoded-tree-menu-de"_s);

    menu = openMenu(m_window->sendersView(), m_window->sendersView()->model()->index(0, 0),
                    u"sendersMenu"_s);
    QVERIFY(menu);
    QCOMPARE(action(menu, u"filterSender"_s)->text(), u"Nach diesem Absender filtern"_s);
    check(menu, u"senders-menu-de"_s);
}

QTEST_MAIN(TestContextMenus)
#include "tst_contextmenus.moc"

// The Findings dock, driven through the window: an opened capture file (built: a conforming
// announcement, then a response with ID 0x1234 and IP TTL 64) fills the Findings tab through
// the open job's checker: the finding sits under Error -> response-id -> its sender; selecting
// it selects its packet; "Show All Its Packets" filters the packet list to its packets; the
// packet list marks that packet; the senders table counts its errors and warnings; the
// scorecard says Fail for that device's Header bits and clicking the cell narrows the tree to
// them; Clear empties it all.
#include "CaptureFileBuilder.h"
#include "DecodedTreeModel.h"
#include "FindingsModel.h"
#include "FindingsPanel.h"
#include "MainWindow.h"
#include "MdnsBuilder.h"
#include "PacketDetailsPanel.h"
#include "PacketDocument.h"
#include "PacketFilterProxy.h"
#include "PacketListPanel.h"
#include "PacketTableModel.h"
#include "ScorecardModel.h"
#include "SenderTableModel.h"
#include "TestFiles.h"
#include "WindowFiles.h"

#include <QAction>
#include <QDockWidget>
#include <QPushButton>
#include <QSettings>
#include <QStandardPaths>
#include <QTabWidget>
#include <QTableView>
#include <QTemporaryDir>
#include <QTest>
#include <QTextBrowser>
#include <QTreeView>

#include <algorithm>

using namespace Qt::StringLiterals;

namespace {
constexpr quint32 kGroup = 0xE00000FB;
constexpr quint32 kGood = 0xA9FE0A0A; // 169.254.10.10
constexpr quint32 kBad = 0xA9FE0A0B;  // 169.254.10.11

QByteArray frame(quint32 source, const QByteArray &dns, quint8 ttl)
{
    return FrameBuilder::ethernet(0x0800, FrameBuilder::udp4(source, kGroup, 5353, 5353, ttl, dns));
}

QByteArray withId(QByteArray m, quint16 id)
{
    m[0] = char(id >> 8);
    m[1] = char(id & 0xFF);
    return m;
}

// 1: a conforming announcement from 169.254.10.10; 2: a query; 3: a response from
// 169.254.10.11 with ID 0x1234 and TTL 64 (response-id, ip-ttl).
QByteArray buildFile()
{
    using namespace MdnsBuilder;
    PcapBuilder file(1);
    file.record(1'700'000'000, 0,
                frame(kGood, response({with(a(u"good.local"_s, kGood), 120, true)}), 255));
    file.record(1'700'000'001, 0, frame(kGood, query(u"_ipp._tcp.local"_s, 12), 255));
    file.record(
        1'700'000'002, 0,
        frame(kBad, withId(response({with(a(u"bad.local"_s, kBad), 120, true)}), 0x1234), 64));
    return file.bytes();
}
} // namespace

class TestFindingsView : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void initTestCase()
    {
        QStandardPaths::setTestModeEnabled(true);
        QSettings().setValue(MainWindow::kAskUnsavedKey, false); // packets are dropped on purpose
    }
    void fileFillsTheFindingsView();
};

void TestFindingsView::fileFillsTheFindingsView()
{
    QTemporaryDir dir;
    const QString path = dir.filePath(u"findings.pcap"_s);
    QVERIFY(TestFiles::writeFile(path, buildFile()));
    MainWindow w;
    w.resize(1400, 900);
    w.show();
    QVERIFY(w.findingsDock());
    QVERIFY(w.findingsDock()->toggleViewAction());
    QCOMPARE(w.findingsDock()->windowTitle(), u"Findings"_s);
    QVERIFY(WindowFiles::open(w, path));
    w.findingsDock()->raise();
    FindingsPanel *panel = w.findingsPanel();
    const FindingsModel *model = panel->findingsModel();

    // Error -> response-id -> 169.254.10.11 (bad.local) -> the finding.
    QTreeView *tree = panel->findingsView();
    const QAbstractItemModel *shown = tree->model();
    const QModelIndex error = shown->index(0, 0);
    QCOMPARE(error.data().toString(), u"Error"_s);
    QModelIndex rule;
    for (int r = 0; r < shown->rowCount(error); ++r) {
        if (shown->index(r, 0, error).data(FindingsModel::RuleRole).toInt() ==
            int(Rule::ResponseId))
            rule = shown->index(r, 0, error);
    }
    QVERIFY(rule.isValid());
    QCOMPARE(shown->rowCount(rule), 1);
    const QModelIndex sender = shown->index(0, 0, rule);
    QCOMPARE(sender.data().toString(), u"169.254.10.11 (bad.local)"_s);
    const QModelIndex leaf = shown->index(0, 0, sender);
    QVERIFY(leaf.data(FindingsModel::FindingIdRole).isValid());
    const quint32 id = leaf.data(FindingsModel::FindingIdRole).toUInt();
    const Finding *f = model->finding(id);
    QVERIFY(f);
    QCOMPARE(f->packets.first, QList<quint64>{3});
    // The conforming sender has no error.
    for (const Finding *other : model->findingsUnder({})) {
        QVERIFY2(other->severity != Severity::Error || other->source != IpAddress::fromV4(kGood),
                 qPrintable(other->messageText(false)));
    }

    // Selecting it selects its packet, and the details say what and where.
    QVERIFY(panel->selectFinding(id));
    QCOMPARE(w.packetList()->currentRow(), 2); // packet 3
    const QString details = panel->detailsView()->toPlainText();
    QVERIFY2(details.contains(u"0x1234"_s), qPrintable(details));
    QVERIFY2(details.contains(u"RFC 6762 §18.1"_s), qPrintable(details));
    QVERIFY2(details.contains(u"MUST"_s), qPrintable(details));
    QVERIFY(panel->showPacketsButton()->isEnabled());
    // The decoded tree of packet 3 lists its findings and marks its ID field.
    const DecodedTreeModel *decoded = w.details()->treeModel();
    QCOMPARE(w.details()->shownNumber(), 3u);
    const QModelIndex group = decoded->findingsIndex();
    QVERIFY(group.isValid());
    QCOMPARE(group.data().toString(), u"Conformance findings"_s);
    QStringList ruleIds;
    for (int r = 0; r < decoded->rowCount(group); ++r)
        ruleIds.append(decoded->index(r, 0, group).data().toString());
    QVERIFY2(ruleIds.contains(u"response-id"_s), qPrintable(ruleIds.join(u", "_s)));
    QCOMPARE(decoded->indexForOffset(0).data(DecodedTreeModel::FindingSeverityRole).toInt(),
             int(Severity::Error));
    // Live: findings cleared leave the shown tree; findings arriving for it join it.
    FindingChanges again;
    again.scorecardChanged = true;
    again.scorecard = model->scorecard();
    for (const Finding *each : model->findingsUnder({}))
        again.findings.append(*each);
    std::sort(again.findings.begin(), again.findings.end(),
              [](const Finding &a, const Finding &b) { return a.id < b.id; });
    panel->clear();
    QVERIFY(!decoded->findingsIndex().isValid());
    QVERIFY(!decoded->indexForOffset(0).data(Qt::DecorationRole).isValid());
    panel->apply(again);
    QVERIFY(decoded->findingsIndex().isValid());
    QVERIFY(w.details()->tree()->isExpanded(decoded->findingsIndex()));
    QCOMPARE(decoded->indexForOffset(0).data(DecodedTreeModel::FindingSeverityRole).toInt(),
             int(Severity::Error));
    QVERIFY(panel->selectFinding(id));

    // Show All Its Packets: the packet list shows packet 3 only.
    QTest::mouseClick(panel->showPacketsButton(), Qt::LeftButton);
    PacketFilterProxy *proxy = w.packetList()->proxy();
    QCOMPARE(proxy->rowCount(), 1);
    QCOMPARE(proxy->index(0, 0).data(PacketTableModel::NumberRole).toULongLong(), 3u);
    QVERIFY(w.packetList()->hasNumbersFilter());
    w.packetList()->setNumbersFilter({});

    // The packet list marks packet 3 (error icon, rules in the tooltip), not packet 1.
    const PacketTableModel *packets = w.document()->packets();
    const QModelIndex marked = packets->index(2, PacketTableModel::NumberColumn);
    QCOMPARE(marked.data(PacketTableModel::FindingSeverityRole).toInt(), int(Severity::Error));
    QVERIFY(marked.data(Qt::DecorationRole).isValid());
    const QString tip = marked.data(Qt::ToolTipRole).toString();
    QVERIFY2(tip.contains(u"response-id"_s) && tip.contains(u"ip-ttl"_s), qPrintable(tip));
    QVERIFY(!packets->index(0, PacketTableModel::NumberColumn).data(Qt::DecorationRole).isValid());

    // The senders table counts it: errors / warnings.
    const SenderTableModel *senders = w.document()->senders();
    QString badCounts, goodCounts;
    for (int r = 0; r < senders->rowCount(); ++r) {
        const QString text = senders->index(r, SenderTableModel::FindingsColumn).data().toString();
        if (senders->addresses(r).contains(IpAddress::fromV4(kBad)))
            badCounts = text;
        else
            goodCounts = text;
    }
    QVERIFY2(badCounts.startsWith(u"1 / "_s), qPrintable(badCounts)); // response-id; ip-ttl
    QVERIFY2(!goodCounts.startsWith(u"1"_s), qPrintable(goodCounts));

    // The scorecard: Fail for that device's Header bits; clicking it narrows the tree.
    const ScorecardModel *scorecard = panel->scorecardModel();
    int badRow = -1;
    for (int r = 0; r < scorecard->rowCount(); ++r) {
        if (scorecard->rows().at(r).addresses.contains(IpAddress::fromV4(kBad)))
            badRow = r;
    }
    QVERIFY(badRow >= 0);
    const int headerColumn = ScorecardModel::FirstGroupColumn + int(RuleGroup::Header);
    QCOMPARE(scorecard->index(badRow, headerColumn).data().toString(), u"Fail"_s);
    panel->tabs()->setCurrentIndex(1);
    QTableView *table = panel->scorecardView();
    const QRect cell = table->visualRect(table->model()->index(badRow, headerColumn));
    QTest::mouseClick(table->viewport(), Qt::LeftButton, {}, cell.center());
    QCOMPARE(panel->tabs()->currentIndex(), 0);
    const QList<const Finding *> under = model->findingsUnder({});
    int visibleFindings = 0;
    QList<QModelIndex> stack{QModelIndex()};
    while (!stack.isEmpty()) {
        const QModelIndex p = stack.takeLast();
        for (int r = 0; r < shown->rowCount(p); ++r) {
            const QModelIndex c = shown->index(r, 0, p);
            if (const Finding *g = model->finding(c.data(FindingsModel::FindingIdRole).toUInt());
                g &&
                c.data(FindingsModel::LevelRole).toInt() == int(FindingsModel::Level::Finding)) {
                ++visibleFindings;
                QCOMPARE(g->source, IpAddress::fromV4(kBad));
                QCOMPARE(g->info().group, RuleGroup::Header);
            }
            stack.append(c);
        }
    }
    QVERIFY(visibleFindings >= 1);
    QVERIFY(visibleFindings < under.size()); // ip-ttl (ports and TTLs) is not shown
    QCOMPARE(panel->selectedFinding()->rule, Rule::ResponseId);

    // Clear: nothing left, nothing marked.
    w.clearAction()->trigger();
    QCOMPARE(model->findingCount(), 0);
    QCOMPARE(scorecard->rowCount(), 0);
    QVERIFY(model->marks().isEmpty());
}

QTEST_MAIN(TestFindingsView)
#include "tst_findingsview.moc"

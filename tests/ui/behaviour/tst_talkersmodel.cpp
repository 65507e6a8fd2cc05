// The Talkers tab's model and chart, fed by BehaviourChanges from a real BehaviourModel: rows
// per host from the snapshot (host name joined from its A record), numeric sorting through a
// proxy on SortRole (5 < 12 < 150, which text would order 12, 150, 5), updates in place (no
// reset, no re-insert, the selection stays on its host; a host gone from the snapshot leaves),
// the flood threshold (FloodingRole, bold, the status text; changed live and read from
// QSettings), a reset emptying it; the chart's lines from the one-second slots.
#include "../../core/behaviour/BehaviourTimeline.h"
#include "TalkersChart.h"
#include "TalkersModel.h"

#include <QFont>
#include <QImage>
#include <QItemSelectionModel>
#include <QSettings>
#include <QSignalSpy>
#include <QSortFilterProxyModel>
#include <QStandardPaths>
#include <QTest>

using namespace Qt::StringLiterals;

namespace {
// 150 packets from 169.254.0.5 (printer.local, by its own A record) within the first second,
// 12 from 169.254.0.6, 5 from 169.254.0.7.
void fill(BehaviourTimeline &t)
{
    using namespace MdnsBuilder;
    t(0, response({with(a(u"printer.local"_s, 0xA9FE0005), 120, true)}), "169.254.0.5");
    for (int i = 1; i < 150; ++i)
        t(i * 5.0, query(u"q%1.local"_s.arg(i), 1), "169.254.0.5");
    for (int i = 0; i < 12; ++i)
        t(10.0 + i * 50, query(u"x%1.local"_s.arg(i), 1), "169.254.0.6");
    for (int i = 0; i < 5; ++i)
        t(20.0 + i * 100, query(u"y%1.local"_s.arg(i), 1), "169.254.0.7");
}

int rowOf(const TalkersModel &m, const QString &label)
{
    for (int r = 0; r < m.rowCount(); ++r) {
        if (m.talker(r).label == label)
            return r;
    }
    return -1;
}
} // namespace

class TestTalkersModel : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void initTestCase();
    void cleanup() { QSettings().clear(); }
    void rowsFromChanges();
    void sortsNumerically();
    void updatesInPlace();
    void highlightsAboveTheThreshold();
    void thresholdFromSettings();
    void resetEmpties();
    void chartLinesFromSlots();
    void tooltipNamesTheCause();
};

void TestTalkersModel::initTestCase()
{
    QStandardPaths::setTestModeEnabled(true);
    QSettings().clear();
}

void TestTalkersModel::rowsFromChanges()
{
    BehaviourTimeline t;
    fill(t);
    TalkersModel m;
    m.apply(t.model.takeChanges());
    QCOMPARE(m.rowCount(), 3);
    QCOMPARE(m.columnCount(), int(TalkersModel::ColumnCount));
    const int printer = rowOf(m, u"169.254.0.5"_s);
    QVERIFY(printer >= 0);
    QCOMPARE(m.data(m.index(printer, TalkersModel::HostName)).toString(), u"printer.local"_s);
    QCOMPARE(m.data(m.index(printer, TalkersModel::Packets), TalkersModel::SortRole).toULongLong(),
             150u);
    QCOMPARE(m.data(m.index(printer, TalkersModel::Peak), TalkersModel::SortRole).toULongLong(),
             150u);
    // The whole capture is under a second: its 1 s rate is its packets.
    QCOMPARE(m.data(m.index(printer, TalkersModel::Rate1s), TalkersModel::SortRole).toDouble(),
             150.0);
    QCOMPARE(m.data(m.index(printer, TalkersModel::Share), TalkersModel::SortRole).toDouble(),
             150.0 / 167.0);
    QVERIFY(!m.data(m.index(printer, TalkersModel::Rate1s)).toString().isEmpty());
    QVERIFY(
        !m.headerData(TalkersModel::Rate10s, Qt::Horizontal, Qt::ToolTipRole).toString().isEmpty());
    QCOMPARE(m.data(m.index(printer, 0), TalkersModel::HostRole).toInt(), m.talker(printer).host);
}

void TestTalkersModel::sortsNumerically()
{
    BehaviourTimeline t;
    fill(t);
    TalkersModel m;
    m.apply(t.model.takeChanges());
    QSortFilterProxyModel proxy;
    proxy.setSourceModel(&m);
    proxy.setSortRole(TalkersModel::SortRole);
    proxy.sort(TalkersModel::Packets, Qt::AscendingOrder);
    QStringList order;
    for (int r = 0; r < proxy.rowCount(); ++r)
        order.append(proxy.index(r, TalkersModel::Sender).data().toString());
    QCOMPARE(order, (QStringList{u"169.254.0.7"_s, u"169.254.0.6"_s, u"169.254.0.5"_s}));
    proxy.sort(TalkersModel::Rate1s, Qt::DescendingOrder);
    QCOMPARE(proxy.index(0, TalkersModel::Sender).data().toString(), u"169.254.0.5"_s);
}

void TestTalkersModel::updatesInPlace()
{
    BehaviourTimeline t;
    fill(t);
    TalkersModel m;
    m.apply(t.model.takeChanges());
    QSortFilterProxyModel proxy;
    proxy.setSourceModel(&m);
    proxy.setSortRole(TalkersModel::SortRole);
    proxy.setDynamicSortFilter(true);
    proxy.sort(TalkersModel::Packets, Qt::DescendingOrder);
    QItemSelectionModel selection(&proxy);
    const int seven = rowOf(m, u"169.254.0.7"_s);
    selection.select(proxy.mapFromSource(m.index(seven, 0)),
                     QItemSelectionModel::ClearAndSelect | QItemSelectionModel::Rows);

    QSignalSpy reset(&m, &QAbstractItemModel::modelReset);
    QSignalSpy inserted(&m, &QAbstractItemModel::rowsInserted);
    QSignalSpy removed(&m, &QAbstractItemModel::rowsRemoved);
    QSignalSpy changed(&m, &QAbstractItemModel::dataChanged);
    // 200 more from .7 a second later (now the busiest) and a new host .8.
    for (int i = 0; i < 200; ++i)
        t(1000.0 + i * 2, MdnsBuilder::query(u"z%1.local"_s.arg(i), 1), "169.254.0.7");
    t(1500, MdnsBuilder::query(u"n.local"_s, 1), "169.254.0.8");
    m.apply(t.model.takeChanges());
    QCOMPARE(reset.size(), 0);
    QCOMPARE(removed.size(), 0);
    QCOMPARE(inserted.size(), 1); // the new host only
    QCOMPARE(m.rowCount(), 4);
    QVERIFY(!changed.isEmpty());
    QCOMPARE(rowOf(m, u"169.254.0.7"_s), seven); // same row in the model
    QCOMPARE(m.data(m.index(seven, TalkersModel::Packets), TalkersModel::SortRole).toULongLong(),
             205u);
    // The proxy re-sorted it to the top; the selection followed it.
    QCOMPARE(proxy.index(0, TalkersModel::Sender).data().toString(), u"169.254.0.7"_s);
    const QModelIndexList rows = selection.selectedRows();
    QCOMPARE(rows.size(), 1);
    QCOMPARE(rows.constFirst().data().toString(), u"169.254.0.7"_s);

    // A snapshot without .6 (a smaller top): its row leaves, the others stay.
    BehaviourChanges manual;
    manual.hasTalkers = true;
    for (int r = 0; r < m.rowCount(); ++r) {
        if (m.talker(r).label != u"169.254.0.6"_s)
            manual.hostTalkers.append(m.talker(r));
    }
    m.apply(manual);
    QCOMPARE(removed.size(), 1);
    QCOMPARE(m.rowCount(), 3);
    QCOMPARE(rowOf(m, u"169.254.0.6"_s), -1);
    QVERIFY(rowOf(m, u"169.254.0.8"_s) >= 0);
    QCOMPARE(m.rowOfHost(m.talker(rowOf(m, u"169.254.0.8"_s)).host), rowOf(m, u"169.254.0.8"_s));
    QCOMPARE(reset.size(), 0);
}

void TestTalkersModel::highlightsAboveTheThreshold()
{
    BehaviourTimeline t;
    fill(t);
    TalkersModel m;
    QCOMPARE(m.floodThreshold(), 100.0);
    QSignalSpy flooding(&m, &TalkersModel::floodingChanged);
    m.apply(t.model.takeChanges());
    const int printer = rowOf(m, u"169.254.0.5"_s);
    const int six = rowOf(m, u"169.254.0.6"_s);
    QVERIFY(m.data(m.index(printer, 3), TalkersModel::FloodingRole).toBool());
    QVERIFY(!m.data(m.index(six, 3), TalkersModel::FloodingRole).toBool());
    QVERIFY(m.data(m.index(printer, 0), Qt::FontRole).value<QFont>().bold());
    QVERIFY(m.data(m.index(printer, 0), Qt::BackgroundRole).isValid());
    QVERIFY(!m.data(m.index(six, 0), Qt::BackgroundRole).isValid());
    QCOMPARE(flooding.size(), 1);
    QCOMPARE(m.floodingText(), u"Flooding: 169.254.0.5 (printer.local) 150 packets/s"_s);

    // Above 150: nobody floods; down to 10: .6 (12/s) joins, after the printer.
    m.setFloodThreshold(200);
    QVERIFY(!m.data(m.index(printer, 3), TalkersModel::FloodingRole).toBool());
    QVERIFY(m.floodingText().isEmpty());
    m.setFloodThreshold(10);
    QVERIFY(m.data(m.index(six, 3), TalkersModel::FloodingRole).toBool());
    QCOMPARE(m.floodingText(),
             u"Flooding: 169.254.0.5 (printer.local) 150 packets/s, 169.254.0.6 12 packets/s"_s);
    QCOMPARE(flooding.size(), 3);
    QCOMPARE(flooding.last().at(0).toString(), m.floodingText());
}

void TestTalkersModel::thresholdFromSettings()
{
    QSettings().setValue(QString::fromLatin1(TalkersModel::kFloodThresholdKey), 7);
    QCOMPARE(TalkersModel().floodThreshold(), 7.0);
    QSettings().setValue(QString::fromLatin1(TalkersModel::kFloodThresholdKey), u"lots"_s);
    QCOMPARE(TalkersModel().floodThreshold(), TalkersModel::kDefaultFloodThreshold);
    QSettings().setValue(QString::fromLatin1(TalkersModel::kFloodThresholdKey), -3);
    QCOMPARE(TalkersModel().floodThreshold(), TalkersModel::kDefaultFloodThreshold);
    QSettings().setValue(QString::fromLatin1(TalkersModel::kFloodThresholdKey), 3);
    BehaviourTimeline t;
    fill(t);
    TalkersModel m;
    m.apply(t.model.takeChanges());
    QVERIFY(m.data(m.index(rowOf(m, u"169.254.0.7"_s), 0), TalkersModel::FloodingRole).toBool());
}

void TestTalkersModel::resetEmpties()
{
    BehaviourTimeline t;
    fill(t);
    TalkersModel m;
    m.apply(t.model.takeChanges());
    QVERIFY(!m.floodingText().isEmpty());
    QSignalSpy flooding(&m, &TalkersModel::floodingChanged);
    BehaviourChanges reset;
    reset.reset = true;
    m.apply(reset);
    QCOMPARE(m.rowCount(), 0);
    QVERIFY(m.floodingText().isEmpty());
    QCOMPARE(flooding.size(), 1);
    // After a clear the model starts over with the next capture's hosts.
    t.model.clear();
    t(3000, MdnsBuilder::query(u"after.local"_s, 1), "169.254.0.9");
    m.apply(t.model.takeChanges());
    QCOMPARE(m.rowCount(), 1);
    QCOMPARE(m.talker(0).label, u"169.254.0.9"_s);
}

void TestTalkersModel::chartLinesFromSlots()
{
    BehaviourTimeline t;
    fill(t);
    // .6 again in second 2; the model's time then is second 2.
    t(2100, MdnsBuilder::query(u"late.local"_s, 1), "169.254.0.6");
    TalkersChart chart;
    chart.apply(t.model.takeChanges());
    QCOMPARE(chart.lines().size(), 3);
    QCOMPARE(chart.endSecond(), 2);
    QCOMPARE(chart.emptyLeading(), TalkersChart::kSeconds - 3);
    const auto line = [&](const QString &label) -> const TalkersChart::Line * {
        for (const TalkersChart::Line &l : chart.lines()) {
            if (l.label == label)
                return &l;
        }
        return nullptr;
    };
    const TalkersChart::Line *printer = line(u"printer.local"_s);
    QVERIFY(printer);
    const int last = TalkersChart::kSeconds - 1;
    QCOMPARE(printer->values[size_t(last - 2)], 150.0); // second 0
    QCOMPARE(printer->values[size_t(last - 1)], 0.0);
    QCOMPARE(printer->values[size_t(last)], 0.0);
    const TalkersChart::Line *six = line(u"169.254.0.6"_s);
    QVERIFY(six);
    QCOMPARE(six->values[size_t(last - 2)], 12.0);
    QCOMPARE(six->values[size_t(last)], 1.0);
    // It paints without a fault, and a reset empties it.
    chart.resize(400, 200);
    QImage image(chart.size(), QImage::Format_ARGB32);
    chart.render(&image);
    BehaviourChanges reset;
    reset.reset = true;
    chart.apply(reset);
    QVERIFY(chart.lines().isEmpty());
}

// A flooding host's tooltip says why, as far as the traffic shows it (FloodCauses): here the same
// question every 5 ms for 2 s, re-queries without back-off, with its packets.
void TestTalkersModel::tooltipNamesTheCause()
{
    using namespace MdnsBuilder;
    BehaviourTimeline t;
    for (int i = 0; i < 400; ++i)
        t(i * 5.0, query(u"_airplay._tcp.local"_s, 12), "169.254.0.8");
    t(3.0, query(u"once.local"_s, 1), "169.254.0.9");
    TalkersModel m;
    m.apply(t.model.takeChanges());
    const int flood = rowOf(m, u"169.254.0.8"_s);
    QVERIFY(flood >= 0);
    const QString tip = m.data(m.index(flood, TalkersModel::Rate1s), Qt::ToolTipRole).toString();
    QVERIFY2(tip.contains(u"flood threshold"_s), qPrintable(tip));
    QVERIFY2(tip.contains(u"Re-queries without back-off"_s), qPrintable(tip));
    QVERIFY2(tip.contains(u"packets (2, 3,"_s), qPrintable(tip)); // its packets, from the second
    const int quiet = rowOf(m, u"169.254.0.9"_s);
    QVERIFY(m.data(m.index(quiet, TalkersModel::Rate1s), Qt::ToolTipRole).toString().isEmpty());
}

QTEST_MAIN(TestTalkersModel)
#include "tst_talkersmodel.moc"

#include "MdnsBuilder.h"
#include "PacketDocument.h"
#include "PacketFilterProxy.h"
#include "PacketTableModel.h"
#include "TestPackets.h"

#include <QAbstractItemModelTester>
#include <QSignalSpy>
#include <QTest>

using namespace Qt::StringLiterals;

namespace {
using TestPackets::kStart;
using TestPackets::packet;

PacketBatch queries(int first, int count)
{
    PacketBatch b;
    for (int i = first; i < first + count; ++i)
        b.append(packet(MdnsBuilder::query(u"host%1.local"_s.arg(i), 1), i));
    return b;
}

QByteArray printerResponse()
{
    using namespace MdnsBuilder;
    return response({ptr(u"_ipp._tcp.local"_s, u"Office Printer._ipp._tcp.local"_s),
                     srv(u"Office Printer._ipp._tcp.local"_s, 631, u"printer.local"_s)},
                    {a(u"printer.local"_s, 0xA9FE0002)});
}
} // namespace

class TestPacketTableModel : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void batchIsOneInsert();
    void evictionRemovesOldestRange();
    void oversizedBatchKeepsNewest();
    void shrinkingCapacityEvicts();
    void displayRoles();
    void linkLocalSourceHasScope();
    void malformedRowsAreMarked();
    void sortsOnRawValues();
    void sortsBySummary();
    void filters_data();
    void filters();
    void filterFollowsInsertAndEviction();
    void refilteringIsOneLayoutChange();
};

void TestPacketTableModel::batchIsOneInsert()
{
    PacketDocument doc(10'000);
    PacketTableModel *model = doc.packets();
    PacketFilterProxy proxy;
    proxy.setSourceModel(model);
    QAbstractItemModelTester tester(model, QAbstractItemModelTester::FailureReportingMode::QtTest);
    QAbstractItemModelTester proxyTester(&proxy,
                                         QAbstractItemModelTester::FailureReportingMode::QtTest);
    QSignalSpy inserted(model, &QAbstractItemModel::rowsInserted);
    QSignalSpy reset(model, &QAbstractItemModel::modelReset);
    doc.addBatch(queries(0, 1024));
    doc.addBatch(queries(1024, 500));
    QCOMPARE(inserted.size(), 2);
    QCOMPARE(inserted.at(0).at(1).toInt(), 0);
    QCOMPARE(inserted.at(0).at(2).toInt(), 1023);
    QCOMPARE(inserted.at(1).at(1).toInt(), 1024);
    QCOMPARE(inserted.at(1).at(2).toInt(), 1523);
    QCOMPARE(reset.size(), 0);
    QCOMPARE(model->rowCount(), 1524);
    QCOMPARE(proxy.rowCount(), 1524);
    QCOMPARE(doc.totalPackets(), 1524u);
}

void TestPacketTableModel::evictionRemovesOldestRange()
{
    PacketDocument doc(1000);
    PacketTableModel *model = doc.packets();
    QAbstractItemModelTester tester(model, QAbstractItemModelTester::FailureReportingMode::QtTest);
    QSignalSpy removed(model, &QAbstractItemModel::rowsRemoved);
    QSignalSpy evicted(model, &PacketTableModel::evictedCountChanged);
    doc.addBatch(queries(0, 600));
    doc.addBatch(queries(600, 600));
    QCOMPARE(removed.size(), 1);
    QCOMPARE(removed.at(0).at(1).toInt(), 0);
    QCOMPARE(removed.at(0).at(2).toInt(), 199);
    QCOMPARE(evicted.size(), 1);
    QCOMPARE(evicted.at(0).at(0).toULongLong(), 200u);
    QCOMPARE(model->rowCount(), 1000);
    QCOMPARE(model->index(0, PacketTableModel::NumberColumn).data().toString(), u"201"_s);
    QCOMPARE(model->index(999, PacketTableModel::NumberColumn).data().toString(), u"1200"_s);
    QVERIFY(model->index(0, PacketTableModel::SummaryColumn)
                .data()
                .toString()
                .contains(u"host200.local"_s));
    QCOMPARE(doc.totalPackets(), 1200u);
}

void TestPacketTableModel::oversizedBatchKeepsNewest()
{
    PacketDocument doc(1000);
    QAbstractItemModelTester tester(doc.packets(),
                                    QAbstractItemModelTester::FailureReportingMode::QtTest);
    doc.addBatch(queries(0, 10));
    doc.addBatch(queries(10, 1500));
    QCOMPARE(doc.packets()->rowCount(), 1000);
    QCOMPARE(doc.store().evictedCount(), 510u);
    QCOMPARE(doc.packets()->index(0, 0).data().toString(), u"511"_s);
}

void TestPacketTableModel::shrinkingCapacityEvicts()
{
    PacketDocument doc(5000);
    QAbstractItemModelTester tester(doc.packets(),
                                    QAbstractItemModelTester::FailureReportingMode::QtTest);
    doc.addBatch(queries(0, 3000));
    QSignalSpy removed(doc.packets(), &QAbstractItemModel::rowsRemoved);
    doc.setCapacity(2000);
    QCOMPARE(removed.size(), 1);
    QCOMPARE(doc.packets()->rowCount(), 2000);
    QCOMPARE(doc.store().evictedCount(), 1000u);
}

void TestPacketTableModel::displayRoles()
{
    PacketDocument doc;
    Packet p = packet(printerResponse(), 2500, "169.254.0.9", 64);
    doc.setStartTimeNs(kStart);
    doc.addBatch({p});
    const PacketTableModel *m = doc.packets();
    auto cell = [&](int column, int role = Qt::DisplayRole) {
        return m->index(0, column).data(role);
    };
    QCOMPARE(cell(PacketTableModel::NumberColumn).toString(), u"1"_s);
    QCOMPARE(cell(PacketTableModel::TimeColumn).toString(), u"2.500000"_s);
    QVERIFY(cell(PacketTableModel::TimeColumn, Qt::ToolTipRole).toString().contains(u':'));
    QCOMPARE(cell(PacketTableModel::SourceColumn).toString(), u"169.254.0.9"_s);
    QCOMPARE(cell(PacketTableModel::InterfaceColumn).toString(), u"lo"_s);
    QCOMPARE(cell(PacketTableModel::TtlColumn).toString(), u"64"_s);
    QVERIFY(!cell(PacketTableModel::TtlColumn, Qt::ToolTipRole).toString().isEmpty());
    QCOMPARE(cell(PacketTableModel::LengthColumn).toString(), QString::number(p.data.size()));
    QCOMPARE(cell(PacketTableModel::KindColumn).toString(), u"Response"_s);
    const QString summary = cell(PacketTableModel::SummaryColumn).toString();
    // ID 0, no question, answers: an unsolicited response (RFC 6762 §8.3)
    QVERIFY2(summary.startsWith(u"Announcement: "_s), qPrintable(summary));
    QVERIFY2(summary.contains(u"Office Printer._ipp._tcp.local"_s), qPrintable(summary));
    QVERIFY2(summary.contains(u"631"_s), qPrintable(summary));
    // Raw values for sorting are numbers, not text.
    QCOMPARE(cell(PacketTableModel::TtlColumn, PacketTableModel::SortRole).toInt(), 64);
    QCOMPARE(cell(PacketTableModel::TimeColumn, PacketTableModel::SortRole).toLongLong(),
             p.timestampNs);
    QCOMPARE(cell(PacketTableModel::LengthColumn, PacketTableModel::SortRole).toUInt(),
             quint32(p.data.size()));
    QCOMPARE(cell(0, PacketTableModel::ResponseRole).toBool(), true);
    QCOMPARE(cell(0, PacketTableModel::MalformedRole).toBool(), false);
    QVERIFY(!cell(0, Qt::BackgroundRole).isValid());
    QCOMPARE(m->headerData(PacketTableModel::SummaryColumn, Qt::Horizontal).toString(),
             u"Summary"_s);
}

void TestPacketTableModel::linkLocalSourceHasScope()
{
    PacketDocument doc;
    Packet eth0 = packet(printerResponse(), 1, "fe80::1");
    eth0.interfaceName = u"eth0"_s;
    Packet veth0 = packet(printerResponse(), 2, "fe80::1");
    veth0.interfaceName = u"veth0"_s;
    Packet unknown = packet(printerResponse(), 3, "fe80::1");
    unknown.interfaceName.clear();
    const Packet global = packet(printerResponse(), 4, "2001:db8::1");
    const Packet v4 = packet(printerResponse(), 5, "169.254.0.9");
    doc.addBatch({eth0, veth0, unknown, global, v4});
    const PacketTableModel *m = doc.packets();
    auto source = [m](int row) {
        return m->index(row, PacketTableModel::SourceColumn).data().toString();
    };
    // The same address on two links is two texts (the cache keys on the scope too).
    QCOMPARE(source(0), u"fe80::1%eth0"_s);
    QCOMPARE(source(1), u"fe80::1%veth0"_s);
    QCOMPARE(source(2), u"fe80::1"_s);
    QCOMPARE(source(3), u"2001:db8::1"_s);
    QCOMPARE(source(4), u"169.254.0.9"_s);
    QVERIFY(m->matchesText(1, u"1%veth"_s));
    QVERIFY(!m->matchesText(0, u"1%veth"_s));
}

void TestPacketTableModel::malformedRowsAreMarked()
{
    PacketDocument doc;
    QByteArray bad = printerResponse();
    bad.chop(7); // cut inside the last record
    doc.addBatch({packet(bad, 0), packet(MdnsBuilder::query(u"x.local"_s, 1), 1)});
    const PacketTableModel *m = doc.packets();
    QCOMPARE(m->index(0, 0).data(PacketTableModel::MalformedRole).toBool(), true);
    QVERIFY(m->index(0, 0).data(Qt::BackgroundRole).isValid());
    QVERIFY(m->index(0, PacketTableModel::SummaryColumn).data(Qt::DecorationRole).isValid());
    QVERIFY(
        m->index(0, PacketTableModel::SummaryColumn).data().toString().contains(u"Malformed"_s));
    QCOMPARE(m->index(1, 0).data(PacketTableModel::MalformedRole).toBool(), false);
    QVERIFY(!m->index(1, PacketTableModel::SummaryColumn).data(Qt::DecorationRole).isValid());
    QCOMPARE(doc.malformedPackets(), 1u);
}

void TestPacketTableModel::sortsOnRawValues()
{
    PacketDocument doc;
    PacketFilterProxy proxy;
    proxy.setSourceModel(doc.packets());
    QAbstractItemModelTester tester(&proxy, QAbstractItemModelTester::FailureReportingMode::QtTest);
    // TTLs 9, 100, 64: text order would put "100" first.
    doc.addBatch({packet(MdnsBuilder::query(u"a.local"_s, 1), 0, "169.254.0.10", 9),
                  packet(MdnsBuilder::query(u"b.local"_s, 1), 1, "169.254.0.9", 100),
                  packet(MdnsBuilder::query(u"c.local"_s, 1), 2, "169.254.0.100", 64)});
    proxy.sort(PacketTableModel::TtlColumn, Qt::AscendingOrder);
    QCOMPARE(proxy.index(0, PacketTableModel::TtlColumn).data().toString(), u"9"_s);
    QCOMPARE(proxy.index(1, PacketTableModel::TtlColumn).data().toString(), u"64"_s);
    QCOMPARE(proxy.index(2, PacketTableModel::TtlColumn).data().toString(), u"100"_s);
    proxy.sort(PacketTableModel::SourceColumn, Qt::AscendingOrder); // numeric address order
    QCOMPARE(proxy.index(0, PacketTableModel::SourceColumn).data().toString(), u"169.254.0.9"_s);
    QCOMPARE(proxy.index(2, PacketTableModel::SourceColumn).data().toString(), u"169.254.0.100"_s);
    // New rows land in their sorted place while sorted.
    doc.addBatch({packet(MdnsBuilder::query(u"d.local"_s, 1), 3, "169.254.0.1", 1)});
    QCOMPARE(proxy.index(0, PacketTableModel::SourceColumn).data().toString(), u"169.254.0.1"_s);
    proxy.sort(PacketTableModel::NumberColumn, Qt::DescendingOrder);
    QCOMPARE(proxy.index(0, 0).data().toString(), u"4"_s);
}

void TestPacketTableModel::sortsBySummary()
{
    PacketDocument doc;
    PacketFilterProxy proxy;
    proxy.setSourceModel(doc.packets());
    QAbstractItemModelTester tester(&proxy, QAbstractItemModelTester::FailureReportingMode::QtTest);
    doc.addBatch({packet(MdnsBuilder::query(u"zeta.local"_s, 1), 0),
                  packet(MdnsBuilder::query(u"alpha.local"_s, 1), 1),
                  packet(MdnsBuilder::query(u"mid.local"_s, 1), 2)});
    proxy.sort(PacketTableModel::SummaryColumn, Qt::AscendingOrder);
    QVERIFY(proxy.index(0, PacketTableModel::SummaryColumn).data().toString().contains(u"alpha"_s));
    QVERIFY(proxy.index(2, PacketTableModel::SummaryColumn).data().toString().contains(u"zeta"_s));
}

void TestPacketTableModel::filters_data()
{
    QTest::addColumn<QString>("text");
    QTest::addColumn<int>("kind");
    QTest::addColumn<QString>("sender");
    QTest::addColumn<QList<int>>("numbers");
    using K = PacketFilterProxy::Kind;
    QTest::newRow("everything") << QString() << int(K::All) << QString() << QList<int>{1, 2, 3, 4};
    QTest::newRow("queries") << QString() << int(K::Queries) << QString() << QList<int>{1, 3};
    QTest::newRow("responses") << QString() << int(K::Responses) << QString() << QList<int>{2, 4};
    QTest::newRow("malformed") << QString() << int(K::Malformed) << QString() << QList<int>{4};
    // Packet 4 is the same response cut short: the names decoded before the fault count.
    QTest::newRow("record name") << u"office printer"_s << int(K::All) << QString()
                                 << QList<int>{2, 4};
    QTest::newRow("target across labels")
        << u"printer._ipp"_s << int(K::All) << QString() << QList<int>{2, 4};
    QTest::newRow("srv target") << u"printer.local"_s << int(K::Responses) << QString()
                                << QList<int>{2, 4};
    QTest::newRow("question name") << u"HOST1"_s << int(K::All) << QString() << QList<int>{1};
    QTest::newRow("sender text") << u"0.7"_s << int(K::All) << QString() << QList<int>{3};
    QTest::newRow("one sender") << QString() << int(K::All) << u"169.254.0.7"_s << QList<int>{3};
    QTest::newRow("one host, two addresses")
        << QString() << int(K::All) << u"fe80::7,169.254.0.7"_s << QList<int>{3};
    QTest::newRow("one host, both senders")
        << QString() << int(K::Queries) << u"169.254.0.7,169.254.0.1"_s << QList<int>{1, 3};
    QTest::newRow("sender and kind")
        << QString() << int(K::Responses) << u"169.254.0.7"_s << QList<int>{};
    QTest::newRow("no match") << u"nothing-like-this"_s << int(K::All) << QString() << QList<int>{};
}

void TestPacketTableModel::filters()
{
    QFETCH(QString, text);
    QFETCH(int, kind);
    QFETCH(QString, sender);
    QFETCH(QList<int>, numbers);
    PacketDocument doc;
    PacketFilterProxy proxy;
    proxy.setSourceModel(doc.packets());
    QAbstractItemModelTester tester(&proxy, QAbstractItemModelTester::FailureReportingMode::QtTest);
    QByteArray bad = printerResponse();
    bad.chop(7);
    doc.addBatch({packet(MdnsBuilder::query(u"host1.local"_s, 1), 0), packet(printerResponse(), 1),
                  packet(MdnsBuilder::query(u"other.local"_s, 1), 2, "169.254.0.7"),
                  packet(bad, 3)});
    proxy.setText(text);
    proxy.setKind(PacketFilterProxy::Kind(kind));
    QList<IpAddress> senders; // a host's addresses, comma-separated
    for (const QString &address : sender.split(u',', Qt::SkipEmptyParts))
        senders.append(IpAddress::fromString(address));
    proxy.setSenders(senders);
    QList<int> shown;
    for (int r = 0; r < proxy.rowCount(); ++r)
        shown.append(proxy.index(r, 0).data().toInt());
    QCOMPARE(shown, numbers);
    QCOMPARE(proxy.isFiltering(), !text.isEmpty() || kind != 0 || !sender.isEmpty());
}

void TestPacketTableModel::filterFollowsInsertAndEviction()
{
    PacketDocument doc(1000);
    PacketFilterProxy proxy;
    proxy.setSourceModel(doc.packets());
    QAbstractItemModelTester tester(&proxy, QAbstractItemModelTester::FailureReportingMode::QtTest);
    proxy.setText(u"host1"_s); // host1, host10..19, host100..199, host1000..
    doc.addBatch(queries(0, 800));
    QCOMPARE(proxy.rowCount(), 1 + 10 + 100);
    doc.addBatch(queries(800, 400)); // evicts host0..host199
    QCOMPARE(proxy.rowCount(), 200); // host200..1199 that contain "host1": 1000..1199
    QCOMPARE(proxy.index(0, 0).data().toString(), u"1001"_s);
}

void TestPacketTableModel::refilteringIsOneLayoutChange()
{
    // A new filter over a large store changes its rows in one layoutChanged, not one removal
    // per range that left (each costs a view's header a pass over every row); a kept row's
    // persistent index (the selection) still points at it.
    PacketDocument doc;
    PacketFilterProxy proxy;
    proxy.setSourceModel(doc.packets());
    QAbstractItemModelTester tester(&proxy, QAbstractItemModelTester::FailureReportingMode::QtTest);
    doc.addBatch(queries(0, 3000));
    const QPersistentModelIndex kept = proxy.index(1999, 0); // host1999, packet 2000
    const QPersistentModelIndex dropped = proxy.index(2000, 0);
    QSignalSpy removed(&proxy, &QAbstractItemModel::rowsRemoved);
    QSignalSpy inserted(&proxy, &QAbstractItemModel::rowsInserted);
    QSignalSpy layouts(&proxy, &QAbstractItemModel::layoutChanged);
    proxy.setText(u"host1"_s); // host1, host10..19, host100..199, host1000..1999: 1111 rows
    QCOMPARE(proxy.rowCount(), 1111);
    QCOMPARE(removed.size(), 0);
    QCOMPARE(layouts.size(), 1);
    QVERIFY(kept.isValid());
    QCOMPARE(kept.data().toString(), u"2000"_s);
    QCOMPARE(kept.row(), 1110);
    QVERIFY(!dropped.isValid());
    proxy.setText({});
    QCOMPARE(proxy.rowCount(), 3000);
    QCOMPARE(inserted.size(), 0);
    QCOMPARE(layouts.size(), 2);
    QCOMPARE(kept.row(), 1999);
}

QTEST_MAIN(TestPacketTableModel)
#include "tst_packettablemodel.moc"

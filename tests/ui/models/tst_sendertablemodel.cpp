#include "MdnsBuilder.h"
#include "PacketDocument.h"
#include "SenderTableModel.h"

#include <QAbstractItemModelTester>
#include <QSignalSpy>
#include <QSortFilterProxyModel>
#include <QTest>

using namespace Qt::StringLiterals;

namespace {
constexpr qint64 kSecond = 1'000'000'000;
constexpr qint64 kStart = 1'700'000'000 * kSecond;

Packet packet(const QByteArray &data, qint64 ns, const char *source, int ttl = 255)
{
    Packet p;
    p.data = data;
    p.timestampNs = ns;
    p.source = IpAddress::fromString(QString::fromLatin1(source));
    p.ttl = ttl;
    p.interfaceName = u"lo"_s;
    return p;
}

QByteArray announcement()
{
    using namespace MdnsBuilder;
    return response({ptr(u"_http._tcp.local"_s, u"Web UI._http._tcp.local"_s),
                     srv(u"Web UI._http._tcp.local"_s, 80, u"box.local"_s),
                     txt(u"Web UI._http._tcp.local"_s, {"path=/"}), a(u"box.local"_s, 0xA9FE0003)});
}
} // namespace

class TestSenderTableModel : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void newSendersAreOneInsertPerBatch();
    void columnsShowStatistics();
    void rateFollowsNow();
    void sortsOnRawValues();
    void clearResets();
};

void TestSenderTableModel::newSendersAreOneInsertPerBatch()
{
    PacketDocument doc;
    SenderTableModel *m = doc.senders();
    QAbstractItemModelTester tester(m, QAbstractItemModelTester::FailureReportingMode::QtTest);
    QSignalSpy inserted(m, &QAbstractItemModel::rowsInserted);
    QSignalSpy changed(m, &QAbstractItemModel::dataChanged);
    const QByteArray q = MdnsBuilder::query(u"x.local"_s, 1);
    doc.addBatch({packet(q, kStart, "169.254.0.1"), packet(q, kStart, "169.254.0.2"),
                  packet(q, kStart, "169.254.0.1")});
    QCOMPARE(inserted.size(), 1);
    QCOMPARE(inserted.at(0).at(1).toInt(), 0);
    QCOMPARE(inserted.at(0).at(2).toInt(), 1);
    QCOMPARE(changed.size(), 0); // rows new in this batch need no dataChanged
    doc.addBatch({packet(q, kStart + kSecond, "169.254.0.2"), packet(q, kStart, "fe80::5")});
    QCOMPARE(inserted.size(), 2);
    QCOMPARE(inserted.at(1).at(1).toInt(), 2);
    QCOMPARE(changed.size(), 1);
    QCOMPARE(changed.at(0).at(0).toModelIndex().row(), 1);
    QCOMPARE(changed.at(0).at(1).toModelIndex().row(), 1);
    QCOMPARE(m->rowCount(), 3);
    QCOMPARE(m->address(2), IpAddress::fromString(u"fe80::5"_s));
}

void TestSenderTableModel::columnsShowStatistics()
{
    PacketDocument doc;
    QByteArray bad = announcement();
    bad.chop(3);
    doc.addBatch({packet(announcement(), kStart, "169.254.0.3", 255),
                  packet(bad, kStart + 2 * kSecond, "169.254.0.3", 1)});
    const SenderTableModel *m = doc.senders();
    auto cell = [&](int column, int role = Qt::DisplayRole) {
        return m->index(0, column).data(role);
    };
    QCOMPARE(cell(SenderTableModel::AddressColumn).toString(), u"169.254.0.3"_s);
    QCOMPARE(cell(SenderTableModel::InterfaceColumn).toString(), u"lo"_s);
    QCOMPARE(cell(SenderTableModel::PacketsColumn, SenderTableModel::SortRole).toULongLong(), 2u);
    QCOMPARE(cell(SenderTableModel::BytesColumn, SenderTableModel::SortRole).toULongLong(),
             quint64(announcement().size() + bad.size()));
    QCOMPARE(cell(SenderTableModel::HostNamesColumn).toString(), u"box.local"_s);
    QCOMPARE(cell(SenderTableModel::ServicesColumn).toString(), u"Web UI._http._tcp.local"_s);
    QCOMPARE(cell(SenderTableModel::TtlColumn).toString(), u"1"_s);
    QCOMPARE(cell(SenderTableModel::MalformedColumn).toString(), u"1"_s);
    QCOMPARE(cell(SenderTableModel::LastSeenColumn, SenderTableModel::SortRole).toLongLong(),
             kStart + 2 * kSecond);
    QVERIFY(!cell(SenderTableModel::FirstSeenColumn).toString().isEmpty());
    QVERIFY(cell(SenderTableModel::FirstSeenColumn, Qt::ToolTipRole).toString().contains(u'-'));
}

void TestSenderTableModel::rateFollowsNow()
{
    PacketDocument doc;
    SenderTableModel *m = doc.senders();
    QAbstractItemModelTester tester(m, QAbstractItemModelTester::FailureReportingMode::QtTest);
    PacketBatch batch;
    for (int i = 0; i < 30; ++i)
        batch.append(
            packet(MdnsBuilder::query(u"x.local"_s, 1), kStart + i * kSecond / 3, "169.254.0.1"));
    doc.addBatch(batch);
    QSignalSpy changed(m, &QAbstractItemModel::dataChanged);
    m->setNowNs(kStart + 9 * kSecond + kSecond / 2);
    QCOMPARE(changed.size(), 1);
    QCOMPARE(changed.at(0).at(0).toModelIndex().column(), int(SenderTableModel::RateColumn));
    QCOMPARE(m->index(0, SenderTableModel::RateColumn).data(SenderTableModel::SortRole).toDouble(),
             3.0);
    m->setNowNs(kStart + 60 * kSecond);
    QCOMPARE(m->index(0, SenderTableModel::RateColumn).data(SenderTableModel::SortRole).toDouble(),
             0.0);
}

void TestSenderTableModel::sortsOnRawValues()
{
    PacketDocument doc;
    QSortFilterProxyModel proxy;
    proxy.setSortRole(SenderTableModel::SortRole);
    proxy.setSourceModel(doc.senders());
    QAbstractItemModelTester tester(&proxy, QAbstractItemModelTester::FailureReportingMode::QtTest);
    const QByteArray q = MdnsBuilder::query(u"x.local"_s, 1);
    PacketBatch batch;
    for (int i = 0; i < 9; ++i)
        batch.append(packet(q, kStart, "169.254.0.1"));
    for (int i = 0; i < 10; ++i)
        batch.append(packet(q, kStart, "169.254.0.2"));
    batch.append(packet(q, kStart, "169.254.0.3"));
    doc.addBatch(batch);
    proxy.sort(SenderTableModel::PacketsColumn, Qt::DescendingOrder);
    QCOMPARE(proxy.index(0, 0).data().toString(), u"169.254.0.2"_s);
    QCOMPARE(proxy.index(1, 0).data().toString(), u"169.254.0.1"_s);
    QCOMPARE(proxy.index(2, 0).data().toString(), u"169.254.0.3"_s);
}

void TestSenderTableModel::clearResets()
{
    PacketDocument doc;
    QAbstractItemModelTester tester(doc.senders(),
                                    QAbstractItemModelTester::FailureReportingMode::QtTest);
    doc.addBatch({packet(announcement(), kStart, "169.254.0.3")});
    doc.clear();
    QCOMPARE(doc.senders()->rowCount(), 0);
    SenderTable table;
    table.add(packet(announcement(), kStart, "169.254.0.4"), {});
    doc.senders()->replace(table);
    QCOMPARE(doc.senders()->rowCount(), 1);
}

QTEST_MAIN(TestSenderTableModel)
#include "tst_sendertablemodel.moc"

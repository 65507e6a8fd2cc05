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

Packet packetOn(const QByteArray &data, qint64 ns, const char *source, const QString &interface)
{
    Packet p = packet(data, ns, source);
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
    void hostsMergeIntoTheEarlierRow();
    void addressJoinsWithoutARow();
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
    QCOMPARE(m->addresses(2), QList<IpAddress>{IpAddress::fromString(u"fe80::5"_s)});
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

// Four senders are rows (queries); then an IPv6 address and an IPv4 one announce one host
// name: the later row is removed (one rowsRemoved, checked by the model testers, also
// through a sorting proxy), the earlier one shows both addresses and the summed counts.
void TestSenderTableModel::hostsMergeIntoTheEarlierRow()
{
    PacketDocument doc;
    SenderTableModel *m = doc.senders();
    QAbstractItemModelTester tester(m, QAbstractItemModelTester::FailureReportingMode::QtTest);
    QSortFilterProxyModel proxy;
    proxy.setSourceModel(m);
    proxy.setSortRole(SenderTableModel::SortRole);
    proxy.sort(SenderTableModel::PacketsColumn, Qt::DescendingOrder);
    QAbstractItemModelTester proxyTester(&proxy,
                                         QAbstractItemModelTester::FailureReportingMode::QtTest);
    const QByteArray q = MdnsBuilder::query(u"x.local"_s, 1);
    doc.addBatch({packet(q, kStart, "169.254.0.1"), packet(q, kStart, "169.254.0.2"),
                  packetOn(q, kStart, "fe80::1", u"eth0"_s), packet(q, kStart, "169.254.0.3"),
                  packet(q, kStart, "169.254.0.2")});
    QCOMPARE(m->rowCount(), 4);
    QSignalSpy removed(m, &QAbstractItemModel::rowsRemoved);
    QSignalSpy inserted(m, &QAbstractItemModel::rowsInserted);
    QSignalSpy changed(m, &QAbstractItemModel::dataChanged);
    QSignalSpy merged(m, &SenderTableModel::hostsMerged);

    doc.addBatch(
        {packetOn(hostAnnouncement(u"box.local"_s), kStart + kSecond, "fe80::1", u"eth0"_s),
         packet(hostAnnouncement(u"box.local"_s), kStart + kSecond, "169.254.0.1")});
    QCOMPARE(removed.size(), 1);
    QCOMPARE(removed.at(0).at(1).toInt(), 2);
    QCOMPARE(removed.at(0).at(2).toInt(), 2);
    QCOMPARE(inserted.size(), 0);
    QCOMPARE(merged.size(), 1);
    QCOMPARE(changed.size(), 1);
    QCOMPARE(changed.at(0).at(0).toModelIndex().row(), 0);
    QCOMPARE(m->rowCount(), 3);
    QCOMPARE(proxy.rowCount(), 3);
    auto cell = [m](int row, int column, int role = Qt::DisplayRole) {
        return m->index(row, column).data(role);
    };
    QCOMPARE(cell(0, SenderTableModel::AddressColumn).toString(), u"169.254.0.1, fe80::1%eth0"_s);
    QCOMPARE(cell(0, SenderTableModel::AddressColumn, Qt::ToolTipRole).toString(),
             u"169.254.0.1\nfe80::1%eth0"_s);
    QCOMPARE(cell(0, SenderTableModel::InterfaceColumn).toString(), u"lo, eth0"_s);
    QCOMPARE(cell(0, SenderTableModel::PacketsColumn, SenderTableModel::SortRole).toULongLong(),
             4u);
    QCOMPARE(cell(0, SenderTableModel::HostNamesColumn).toString(), u"box.local"_s);
    QCOMPARE(cell(2, SenderTableModel::AddressColumn).toString(), u"169.254.0.3"_s);
    QCOMPARE(m->addresses(0), QList<IpAddress>({IpAddress::fromString(u"169.254.0.1"_s),
                                                IpAddress::fromString(u"fe80::1"_s)}));
    QCOMPARE(m->label(0), u"box.local"_s);
    QCOMPARE(m->label(1), u"169.254.0.2"_s);
    // The sorted view has the merged host first (4 packets), then .2 (2), then .3 (1).
    QCOMPARE(proxy.index(0, SenderTableModel::AddressColumn).data().toString(),
             u"169.254.0.1, fe80::1%eth0"_s);
    QCOMPARE(proxy.index(2, SenderTableModel::AddressColumn).data().toString(), u"169.254.0.3"_s);

    // A batch with no merge says nothing of one.
    doc.addBatch({packet(q, kStart + 2 * kSecond, "169.254.0.3")});
    QCOMPARE(merged.size(), 1);
}

// An address heard for the first time that announces a host's name joins its row in the same
// batch: no row appears or goes, the host's row changes.
void TestSenderTableModel::addressJoinsWithoutARow()
{
    PacketDocument doc;
    SenderTableModel *m = doc.senders();
    QAbstractItemModelTester tester(m, QAbstractItemModelTester::FailureReportingMode::QtTest);
    doc.addBatch({packet(hostAnnouncement(u"nas.local"_s, 9), kStart, "169.254.0.9"),
                  packet(MdnsBuilder::query(u"x.local"_s, 1), kStart, "169.254.0.8")});
    QSignalSpy removed(m, &QAbstractItemModel::rowsRemoved);
    QSignalSpy inserted(m, &QAbstractItemModel::rowsInserted);
    QSignalSpy changed(m, &QAbstractItemModel::dataChanged);
    QSignalSpy merged(m, &SenderTableModel::hostsMerged);
    doc.addBatch({packetOn(hostAnnouncement(u"NAS.local"_s, 9), kStart, "fe80::9", u"veth0"_s),
                  packet(MdnsBuilder::query(u"x.local"_s, 1), kStart, "169.254.0.7")});
    QCOMPARE(removed.size(), 0);
    QCOMPARE(inserted.size(), 1); // .7 only
    QCOMPARE(inserted.at(0).at(1).toInt(), 2);
    QCOMPARE(merged.size(), 1);
    QCOMPARE(changed.size(), 1);
    QCOMPARE(changed.at(0).at(0).toModelIndex().row(), 0);
    QCOMPARE(m->rowCount(), 3);
    QCOMPARE(m->index(0, SenderTableModel::AddressColumn).data().toString(),
             u"169.254.0.9, fe80::9%veth0"_s);
    QCOMPARE(m->index(0, SenderTableModel::HostNamesColumn).data().toString(),
             u"NAS.local, nas.local"_s);
}

QTEST_MAIN(TestSenderTableModel)
#include "tst_sendertablemodel.moc"

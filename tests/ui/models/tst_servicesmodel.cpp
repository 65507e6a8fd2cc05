// ServicesModel and HostsModel mirror the directory's change snapshots: inserts and
// dataChanged of the affected rows only, gone rows greyed and kept, the TTL countdown touching
// the TTL column alone, host conflicts in red; coalesced snapshots give what applying them one
// by one gives; the quick filter. Under QAbstractItemModelTester throughout.
#include "AnalyzedBatch.h"
#include "DirectoryFilterProxy.h"
#include "HostsModel.h"
#include "ServicesModel.h"

#include <QAbstractItemModelTester>
#include <QBrush>
#include <QSignalSpy>
#include <QTest>

using namespace Qt::StringLiterals;

namespace {
constexpr qint64 kSecond = 1'000'000'000;
constexpr qint64 kT0 = 1'700'000'000 * kSecond;

ServiceInstance instance(const QString &name, const QString &type, quint16 port,
                         RecordState state = RecordState::Live)
{
    ServiceInstance s;
    s.name = name;
    s.type = type;
    s.domain = u"local"_s;
    s.fullName = name + u'.' + type + u".local"_s;
    s.key = s.fullName.toLower();
    s.hasSrv = true;
    s.port = port;
    s.host = u"box.local"_s;
    s.hasTxt = true;
    s.txt = {"rp=ipp/print", "color"};
    s.txtPairs = {TxtPair{"rp", "ipp/print", true}, TxtPair{"color", {}, false}};
    s.addresses = {HostAddress{IpAddress::fromString(u"169.254.1.1"_s), u"eth0"_s,
                               IpAddress::fromString(u"169.254.1.1"_s), RecordState::Live, kT0}};
    s.announcedBy = {IpAddress::fromString(u"169.254.1.1"_s)};
    s.firstSeenNs = s.lastSeenNs = kT0;
    s.state = state;
    s.expiresNs = state == RecordState::Live ? kT0 + 120 * kSecond : 0;
    s.packets.add(1);
    return s;
}

ServiceHost host(const QString &name, const QList<const char *> &claims, bool conflict)
{
    ServiceHost h;
    h.name = name;
    h.key = name.toLower();
    for (const char *c : claims) {
        const IpAddress address = IpAddress::fromString(QString::fromLatin1(c));
        h.addresses.append({address, u"eth0"_s, address, RecordState::Live, kT0});
        h.claimants.append(address);
    }
    h.conflict = conflict;
    h.state = RecordState::Live;
    return h;
}

DirectoryChanges changes(QList<ServiceInstance> instances, QList<ServiceHost> hosts = {})
{
    DirectoryChanges c;
    c.instances = std::move(instances);
    c.hosts = std::move(hosts);
    c.nowNs = kT0;
    return c;
}

QString text(const QAbstractItemModel &m, const QModelIndex &i, int column)
{
    return m.index(i.row(), column, i.parent()).data().toString();
}
} // namespace

class TestServicesModel : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void insertsThenUpdatesOnlyTheChangedRows();
    void aSnapshotSignalsEachRunOfRowsOnce();
    void goneRowsStayGreyed();
    void ttlCountdownChangesOnlyTheTtlColumn();
    void removalAndReset();
    void coalescedChangesGiveTheSameModel();
    void hostsConflictInRed();
    void quickFilter();
};

void TestServicesModel::insertsThenUpdatesOnlyTheChangedRows()
{
    ServicesModel model;
    QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::Fatal);
    QSignalSpy resets(&model, &QAbstractItemModel::modelReset);
    model.apply(changes({instance(u"Office"_s, u"_ipp._tcp"_s, 631),
                         instance(u"Attic"_s, u"_ipp._tcp"_s, 631),
                         instance(u"Web"_s, u"_http._tcp"_s, 80)}));
    QCOMPARE(model.rowCount(), 1); // local
    const QModelIndex local = model.index(0, 0);
    QCOMPARE(local.data().toString(), u"local"_s);
    QCOMPARE(model.rowCount(local), 2);
    const QModelIndex http = model.index(0, 0, local);
    const QModelIndex ipp = model.index(1, 0, local);
    QCOMPARE(http.data().toString(), u"_http._tcp"_s);
    QCOMPARE(ipp.data().toString(), u"_ipp._tcp"_s);
    QCOMPARE(model.rowCount(ipp), 2);
    QCOMPARE(model.index(0, 0, ipp).data().toString(), u"Attic"_s); // in name order
    const QModelIndex office = model.indexOf(u"office._ipp._tcp.local"_s);
    QCOMPARE(office.row(), 1);
    QCOMPARE(text(model, office, ServicesModel::HostPortColumn), u"box.local:631"_s);
    QCOMPARE(text(model, office, ServicesModel::TxtColumn), u"rp=ipp/print color"_s);
    QCOMPARE(text(model, office, ServicesModel::AddressesColumn), u"169.254.1.1"_s);
    QCOMPARE(text(model, office, ServicesModel::StateColumn), u"live"_s);
    QCOMPARE(text(model, office, ServicesModel::TtlColumn), u"120 s"_s);
    QCOMPARE(text(model, office, ServicesModel::AnnouncedByColumn), u"169.254.1.1"_s);
    QCOMPARE(text(model, ipp, ServicesModel::StateColumn), u"2 of 2 live"_s);

    // An update of one instance: its row and its type's row, nothing inserted, no reset.
    QSignalSpy inserted(&model, &QAbstractItemModel::rowsInserted);
    QSignalSpy changed(&model, &QAbstractItemModel::dataChanged);
    model.apply(changes({instance(u"Office"_s, u"_ipp._tcp"_s, 8631)}));
    QCOMPARE(inserted.size(), 0);
    QVERIFY(!changed.isEmpty());
    for (const QList<QVariant> &args : changed) {
        const auto topLeft = args.at(0).value<QModelIndex>();
        const auto bottomRight = args.at(1).value<QModelIndex>();
        QCOMPARE(topLeft.row(), bottomRight.row());
        const bool isOffice = topLeft.parent() == ipp && topLeft.row() == office.row();
        const bool isType = topLeft.parent() == local && topLeft.row() == ipp.row();
        QVERIFY2(isOffice || isType, qPrintable(topLeft.data().toString()));
    }
    QCOMPARE(text(model, office, ServicesModel::HostPortColumn), u"box.local:8631"_s);
    QCOMPARE(model.instanceCount(), 3);
    QCOMPARE(resets.size(), 0);
}

void TestServicesModel::aSnapshotSignalsEachRunOfRowsOnce()
{
    ServicesModel model;
    QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::Fatal);
    model.apply(
        changes({instance(u"A"_s, u"_ipp._tcp"_s, 1), instance(u"B"_s, u"_ipp._tcp"_s, 1),
                 instance(u"C"_s, u"_ipp._tcp"_s, 1), instance(u"D"_s, u"_ipp._tcp"_s, 1)}));
    const QModelIndex ipp = model.indexOf(u"a._ipp._tcp.local"_s).parent();
    QSignalSpy changed(&model, &QAbstractItemModel::dataChanged);
    // A, B and D refreshed, and a new instance inserted before all of them: rows 1-2 and 4
    // (as they are after the insert), then the type row.
    model.apply(
        changes({instance(u"D"_s, u"_ipp._tcp"_s, 2), instance(u"A"_s, u"_ipp._tcp"_s, 2),
                 instance(u"B"_s, u"_ipp._tcp"_s, 2), instance(u"0"_s, u"_ipp._tcp"_s, 2)}));
    QList<std::pair<int, int>> runs;
    for (const QList<QVariant> &args : changed) {
        const auto topLeft = args.at(0).value<QModelIndex>();
        if (topLeft.parent() == ipp)
            runs.append({topLeft.row(), args.at(1).value<QModelIndex>().row()});
    }
    QCOMPARE(runs, (QList<std::pair<int, int>>{{1, 2}, {4, 4}}));
    QCOMPARE(changed.size(), 3);
    QCOMPARE(text(model, model.indexOf(u"d._ipp._tcp.local"_s), ServicesModel::HostPortColumn),
             u"box.local:2"_s);
}

void TestServicesModel::goneRowsStayGreyed()
{
    ServicesModel model;
    QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::Fatal);
    model.apply(changes(
        {instance(u"Office"_s, u"_ipp._tcp"_s, 631), instance(u"Attic"_s, u"_ipp._tcp"_s, 631)}));
    const QModelIndex office = model.indexOf(u"office._ipp._tcp.local"_s);
    QVERIFY(!office.data(Qt::ForegroundRole).isValid());

    model.apply(changes({instance(u"Office"_s, u"_ipp._tcp"_s, 631, RecordState::Goodbye),
                         instance(u"Attic"_s, u"_ipp._tcp"_s, 631, RecordState::Expired)}));
    QCOMPARE(model.instanceCount(), 2); // kept until the user clears
    for (const QString &key : {u"office._ipp._tcp.local"_s, u"attic._ipp._tcp.local"_s}) {
        const QModelIndex row = model.indexOf(key);
        QVERIFY(row.isValid());
        for (int column = 0; column < ServicesModel::ColumnCount; ++column)
            QVERIFY(model.index(row.row(), column, row.parent())
                        .data(Qt::ForegroundRole)
                        .canConvert<QBrush>());
        QVERIFY(row.data(ServicesModel::GoneRole).toBool());
        QCOMPARE(text(model, row, ServicesModel::TtlColumn), QString());
    }
    QCOMPARE(text(model, office, ServicesModel::StateColumn), u"goodbye"_s);
    QCOMPARE(text(model, model.indexOf(u"attic._ipp._tcp.local"_s), ServicesModel::StateColumn),
             u"expired"_s);
    QCOMPARE(text(model, office.parent(), ServicesModel::StateColumn), u"0 of 2 live"_s);
}

void TestServicesModel::ttlCountdownChangesOnlyTheTtlColumn()
{
    ServicesModel model;
    QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::Fatal);
    model.apply(changes(
        {instance(u"Office"_s, u"_ipp._tcp"_s, 631), instance(u"Web"_s, u"_http._tcp"_s, 80)}));
    const QModelIndex office = model.indexOf(u"office._ipp._tcp.local"_s);
    QSignalSpy changed(&model, &QAbstractItemModel::dataChanged);
    QSignalSpy layout(&model, &QAbstractItemModel::layoutChanged);
    QSignalSpy inserted(&model, &QAbstractItemModel::rowsInserted);
    model.setNowNs(kT0 + 30 * kSecond);
    QCOMPARE(changed.size(), 2); // one per type, each over its instances
    for (const QList<QVariant> &args : changed) {
        QCOMPARE(args.at(0).value<QModelIndex>().column(), int(ServicesModel::TtlColumn));
        QCOMPARE(args.at(1).value<QModelIndex>().column(), int(ServicesModel::TtlColumn));
    }
    QCOMPARE(layout.size(), 0);
    QCOMPARE(inserted.size(), 0);
    QCOMPARE(text(model, office, ServicesModel::TtlColumn), u"90 s"_s);
    model.setNowNs(kT0 + 31 * kSecond);
    QCOMPARE(text(model, office, ServicesModel::TtlColumn), u"89 s"_s);
    QCOMPARE(changed.size(), 4);
}

void TestServicesModel::removalAndReset()
{
    ServicesModel model;
    QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::Fatal);
    model.apply(changes(
        {instance(u"Office"_s, u"_ipp._tcp"_s, 631), instance(u"Web"_s, u"_http._tcp"_s, 80)}));
    DirectoryChanges evicted;
    evicted.removedInstances = {u"web._http._tcp.local"_s};
    evicted.removedTypes = {u"_http._tcp.local"_s};
    model.apply(evicted);
    QCOMPARE(model.instanceCount(), 1);
    QCOMPARE(model.rowCount(model.index(0, 0)), 1); // the empty type went with it
    QVERIFY(!model.indexOf(u"web._http._tcp.local"_s).isValid());

    DirectoryChanges reset = changes({instance(u"New"_s, u"_http._tcp"_s, 80)});
    reset.reset = true;
    model.apply(reset);
    QCOMPARE(model.instanceCount(), 1);
    QVERIFY(model.indexOf(u"new._http._tcp.local"_s).isValid());
    QVERIFY(!model.indexOf(u"office._ipp._tcp.local"_s).isValid());
    model.clear();
    QCOMPARE(model.rowCount(), 0);
}

void TestServicesModel::coalescedChangesGiveTheSameModel()
{
    const QList<DirectoryChanges> steps = [] {
        DirectoryChanges removeWeb;
        removeWeb.removedInstances = {u"web._http._tcp.local"_s};
        return QList<DirectoryChanges>{
            changes({instance(u"Office"_s, u"_ipp._tcp"_s, 631),
                     instance(u"Web"_s, u"_http._tcp"_s, 80)}),
            changes({instance(u"Office"_s, u"_ipp._tcp"_s, 632)}),
            removeWeb,
            changes({instance(u"Attic"_s, u"_ipp._tcp"_s, 631, RecordState::Goodbye)}),
        };
    }();
    ServicesModel oneByOne, coalesced;
    DirectoryChanges all;
    for (const DirectoryChanges &step : steps) {
        oneByOne.apply(step);
        appendDirectoryChanges(all, DirectoryChanges(step));
    }
    coalesced.apply(all);
    QCOMPARE(coalesced.instances().size(), oneByOne.instances().size());
    QCOMPARE(coalesced.instanceCount(), 2);
    for (const ServiceInstance &s : oneByOne.instances()) {
        const ServiceInstance *other = coalesced.instance(s.key);
        QVERIFY2(other, qPrintable(s.key));
        QCOMPARE(other->port, s.port);
        QCOMPARE(other->state, s.state);
    }
    QCOMPARE(coalesced.instance(u"office._ipp._tcp.local"_s)->port, quint16(632));
    QVERIFY(!coalesced.instance(u"web._http._tcp.local"_s));
}

void TestServicesModel::hostsConflictInRed()
{
    HostsModel model;
    QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::Fatal);
    ServiceInstance office = instance(u"Office"_s, u"_ipp._tcp"_s, 631);
    ServiceHost box = host(u"box.local"_s, {"169.254.1.1", "fe80::1"}, false);
    box.services = {office.key};
    model.apply(
        changes({office}, {box, host(u"twin.local"_s, {"169.254.2.1", "169.254.2.2"}, true)}));
    QCOMPARE(model.rowCount(), 2);
    const int boxRow = model.rowOf(u"box.local"_s);
    const int twinRow = model.rowOf(u"twin.local"_s);
    QCOMPARE(boxRow, 0);
    QCOMPARE(model.index(boxRow, HostsModel::AddressesColumn).data().toString(),
             u"169.254.1.1, fe80::1"_s);
    QCOMPARE(model.index(boxRow, HostsModel::ServicesColumn).data().toString(), u"Office"_s);
    QCOMPARE(model.index(boxRow, HostsModel::InterfacesColumn).data().toString(), u"eth0"_s);
    QVERIFY(!model.index(boxRow, 0).data(Qt::ForegroundRole).isValid());

    const QString claimants = model.index(twinRow, HostsModel::ClaimantsColumn).data().toString();
    QVERIFY2(claimants.contains(u"169.254.2.1"_s) && claimants.contains(u"169.254.2.2"_s),
             qPrintable(claimants));
    QVERIFY(claimants.contains(u"conflict"_s));
    const auto red = model.index(twinRow, 0).data(Qt::ForegroundRole).value<QBrush>().color();
    QVERIFY(red.red() > 150 && red.green() < 50 && red.blue() < 80);

    // The conflict resolved: the same row changes, black again.
    QSignalSpy changed(&model, &QAbstractItemModel::dataChanged);
    QSignalSpy inserted(&model, &QAbstractItemModel::rowsInserted);
    model.apply(changes({}, {host(u"twin.local"_s, {"169.254.2.1"}, false)}));
    QCOMPARE(inserted.size(), 0);
    QCOMPARE(changed.size(), 1);
    QCOMPARE(changed.at(0).at(0).value<QModelIndex>().row(), twinRow);
    QVERIFY(!model.index(twinRow, 0).data(Qt::ForegroundRole).isValid());
}

void TestServicesModel::quickFilter()
{
    ServicesModel model;
    DirectoryFilterProxy proxy(ServicesModel::SearchRole, ServicesModel::GoneRole);
    proxy.setSourceModel(&model);
    QAbstractItemModelTester tester(&proxy, QAbstractItemModelTester::FailureReportingMode::Fatal);
    model.apply(changes({instance(u"Office"_s, u"_ipp._tcp"_s, 631),
                         instance(u"Attic"_s, u"_ipp._tcp"_s, 631, RecordState::Goodbye),
                         instance(u"Web"_s, u"_http._tcp"_s, 80)}));
    const auto shown = [&proxy] {
        QStringList names;
        const QModelIndex local = proxy.index(0, 0);
        for (int t = 0; t < proxy.rowCount(local); ++t) {
            const QModelIndex type = proxy.index(t, 0, local);
            for (int i = 0; i < proxy.rowCount(type); ++i)
                names.append(proxy.index(i, 0, type).data().toString());
        }
        return names;
    };
    QCOMPARE(shown(), QStringList({u"Web"_s, u"Attic"_s, u"Office"_s}));
    proxy.setHideGone(true);
    QCOMPARE(shown(), QStringList({u"Web"_s, u"Office"_s}));
    proxy.setText(u"OFFI"_s);
    QCOMPARE(shown(), QStringList({u"Office"_s}));
    QCOMPARE(proxy.rowCount(proxy.index(0, 0)), 1); // _http._tcp has nothing left to show
    proxy.setText(u"ipp/print"_s);                  // TXT
    proxy.setHideGone(false);
    QCOMPARE(shown(), QStringList({u"Web"_s, u"Attic"_s, u"Office"_s}));
}

QTEST_MAIN(TestServicesModel)
#include "tst_servicesmodel.moc"

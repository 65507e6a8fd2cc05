// FindingsModel and ScorecardModel mirror the checker's change sets: new findings insert rows
// under severity -> rule -> sender, counts going up are dataChanged of the row and its
// ancestors (no insert, no reset), a reset empties them; the packet and sender marks follow;
// the scorecard's verdicts, colours and tooltips. Under QAbstractItemModelTester throughout,
// and fed by a real ConformanceChecker as well as by hand-made change sets.
#include "ConformanceChecker.h"
#include "DnsDecoder.h"
#include "FindingsModel.h"
#include "MdnsBuilder.h"
#include "ScorecardModel.h"
#include "TestPackets.h"

#include <QAbstractItemModelTester>
#include <QSignalSpy>
#include <QTest>

using namespace Qt::StringLiterals;

namespace {
const IpAddress kA = IpAddress::fromString(u"169.254.0.9"_s);
const IpAddress kB = IpAddress::fromString(u"169.254.0.10"_s);

Finding finding(quint32 id, Rule rule, const IpAddress &source, const QString &name, quint64 count,
                QList<quint64> packets)
{
    Finding f;
    f.id = id;
    f.rule = rule;
    f.severity = ConformanceRules::info(rule).severity;
    f.source = source;
    f.name = name;
    f.count = count;
    f.timeNs = f.lastTimeNs = 1'700'000'000'000'000'000;
    for (quint64 n : packets)
        f.packets.add(n);
    f.message = FindingText{"response ID %1; multicast responses must use ID 0", {u"0x1234"_s}};
    return f;
}

QModelIndex child(const QAbstractItemModel &m, const QModelIndex &parent, int row)
{
    return m.index(row, 0, parent);
}

QByteArray idResponse()
{
    using namespace MdnsBuilder;
    QByteArray m = response({with(a(u"box.local"_s, 0xA9FE0009), 120, true)});
    m[0] = char(0x12);
    m[1] = char(0x34);
    return m;
}
} // namespace

class TestFindingsModel : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void newFindingsInsertRows();
    void countsGoUpWithoutInserts();
    void resetEmptiesIt();
    void marksFollowThePackets();
    void fedByTheChecker();
    void scorecard();
};

void TestFindingsModel::newFindingsInsertRows()
{
    FindingsModel model;
    QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
    QSignalSpy reset(&model, &QAbstractItemModel::modelReset);
    FindingChanges first;
    first.reset = true;
    first.findings = {finding(0, Rule::ResponseId, kA, {}, 1, {1}),
                      finding(1, Rule::IpTtl, kA, {}, 1, {1})};
    model.apply(first);
    QCOMPARE(reset.size(), 0); // nothing to reset yet
    QCOMPARE(model.findingCount(), 2);
    // Error first, then Warning.
    QCOMPARE(model.rowCount(), 2);
    const QModelIndex error = model.index(0, 0);
    QCOMPARE(error.data().toString(), u"Error"_s);
    QCOMPARE(model.index(1, 0).data().toString(), u"Warning"_s);
    const QModelIndex rule = child(model, error, 0);
    QCOMPARE(rule.data(FindingsModel::RuleRole).toInt(), int(Rule::ResponseId));
    QCOMPARE(model.index(0, FindingsModel::ReferenceColumn, error).data().toString(),
             u"RFC 6762 §18.1"_s);
    const QModelIndex sender = child(model, rule, 0);
    QCOMPARE(sender.data().toString(), u"169.254.0.9"_s);
    const QModelIndex leaf = child(model, sender, 0);
    QCOMPARE(leaf.data(FindingsModel::LevelRole).toInt(), int(FindingsModel::Level::Finding));
    QCOMPARE(model.finding(leaf)->id, 0u);
    QCOMPARE(model.index(0, FindingsModel::MessageColumn, sender).data().toString(),
             u"response ID 0x1234; multicast responses must use ID 0"_s);

    // A second sender for the same rule: a row under the same rule, sorted.
    QSignalSpy inserted(&model, &QAbstractItemModel::rowsInserted);
    FindingChanges second;
    second.findings = {finding(2, Rule::ResponseId, kB, u"b.local"_s, 1, {5})};
    model.apply(second);
    QCOMPARE(model.rowCount(rule), 2);
    QCOMPARE(inserted.size(), 2); // the sender row, then the finding row
    QCOMPARE(model.index(0, FindingsModel::CountColumn, error).data().toString(), u"2"_s);
    QCOMPARE(model.indexOf(2).data().toString(), u"b.local"_s);
}

void TestFindingsModel::countsGoUpWithoutInserts()
{
    FindingsModel model;
    QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
    FindingChanges first;
    first.reset = true;
    first.findings = {finding(0, Rule::ResponseId, kA, {}, 1, {1})};
    model.apply(first);
    QSignalSpy inserted(&model, &QAbstractItemModel::rowsInserted);
    QSignalSpy changed(&model, &QAbstractItemModel::dataChanged);
    QSignalSpy reset(&model, &QAbstractItemModel::modelReset);
    FindingChanges later;
    later.findings = {finding(0, Rule::ResponseId, kA, {}, 5, {1, 2, 3, 4, 5})};
    model.apply(later);
    QCOMPARE(inserted.size(), 0);
    QCOMPARE(reset.size(), 0);
    QCOMPARE(changed.size(), 4); // the finding, its sender, rule and severity rows
    const QModelIndex leaf = model.indexOf(0);
    QCOMPARE(model.index(leaf.row(), FindingsModel::CountColumn, leaf.parent()).data().toString(),
             u"5"_s);
    QCOMPARE(model.index(0, FindingsModel::CountColumn).data().toString(), u"5"_s);
    QCOMPARE(model.finding(quint32(0))->packets.first.size(), 5);
}

void TestFindingsModel::resetEmptiesIt()
{
    FindingsModel model;
    QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
    FindingChanges first;
    first.reset = true;
    first.findings = {finding(0, Rule::ResponseId, kA, {}, 1, {1})};
    model.apply(first);
    FindingChanges again;
    again.reset = true;
    again.findings = {finding(0, Rule::IpTtl, kB, {}, 1, {1})};
    model.apply(again);
    QCOMPARE(model.findingCount(), 1);
    QCOMPARE(model.rowCount(), 1);
    QCOMPARE(model.index(0, 0).data().toString(), u"Warning"_s);
    QCOMPARE(model.marks().counts(kA).errors, 0u);
    QCOMPARE(model.marks().counts(kB).warnings, 1u);
    model.clear();
    QCOMPARE(model.rowCount(), 0);
    QVERIFY(model.marks().isEmpty());
}

void TestFindingsModel::marksFollowThePackets()
{
    FindingsModel model;
    QSignalSpy marks(&model, &FindingsModel::marksChanged);
    FindingChanges first;
    first.reset = true;
    first.findings = {finding(0, Rule::IpTtl, kA, {}, 1, {3})};
    model.apply(first);
    QCOMPARE(marks.size(), 1);
    QCOMPARE(marks.at(0).at(0).value<QList<quint64>>(), QList<quint64>{3});
    QCOMPARE(model.marks().mark(3)->severity, Severity::Warning);
    QVERIFY(!model.marks().mark(4));
    // A worse finding on the same packet raises its mark and adds its rule.
    FindingChanges second;
    second.findings = {finding(1, Rule::ResponseId, kA, {}, 1, {3})};
    model.apply(second);
    const FindingMarks::Mark *mark = model.marks().mark(3);
    QCOMPARE(mark->severity, Severity::Error);
    const QString rules = FindingMarks::rulesText(mark->rules);
    QVERIFY2(rules.contains(u"response-id"_s) && rules.contains(u"ip-ttl"_s), qPrintable(rules));
    QCOMPARE(model.marks().counts(kA).errors, 1u);
    QCOMPARE(model.marks().counts(kA).warnings, 1u);
    // The same finding again with the same packets changes no mark.
    marks.clear();
    second.findings[0].count = 2;
    model.apply(second);
    QVERIFY(marks.isEmpty());
}

void TestFindingsModel::fedByTheChecker()
{
    ConformanceChecker checker;
    FindingsModel model;
    QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
    for (int i = 0; i < 3; ++i) {
        Packet p = TestPackets::packet(idResponse(), i, "169.254.0.9", 64);
        checker.add(p, DnsDecoder::decode(p.data, DnsDecoder::Detail::NoFields), quint64(i + 1));
        model.apply(checker.takeChanges()); // one change set per packet, as live
    }
    const Finding *id = nullptr;
    for (const Finding &f : checker.findings()) {
        if (f.rule == Rule::ResponseId)
            id = model.finding(f.id);
    }
    QVERIFY(id);
    QCOMPARE(id->count, 3u);
    QCOMPARE(id->packets.first, (QList<quint64>{1, 2, 3}));
    QCOMPARE(model.findingCount(), checker.findings().size());
    QVERIFY(!model.scorecard().isEmpty());
    checker.clear();
    model.apply(checker.takeChanges());
    QCOMPARE(model.findingCount(), 0);
}

void TestFindingsModel::scorecard()
{
    ScorecardModel model;
    QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
    ScorecardRow row;
    row.hostName = u"box.local"_s;
    row.addresses = {kA};
    row.verdicts[size_t(RuleGroup::Header)] = Verdict::Fail;
    row.errors[size_t(RuleGroup::Header)] = 1;
    row.verdicts[size_t(RuleGroup::PortsTtl)] = Verdict::Warn;
    row.warnings[size_t(RuleGroup::PortsTtl)] = 2;
    row.verdicts[size_t(RuleGroup::Records)] = Verdict::Pass;
    model.setRows({row});
    QCOMPARE(model.rowCount(), 1);
    const auto cell = [&](int row, RuleGroup g) {
        return model.index(row, ScorecardModel::FirstGroupColumn + int(g));
    };
    QCOMPARE(model.index(0, 0).data().toString(), u"box.local (169.254.0.9)"_s);
    QCOMPARE(cell(0, RuleGroup::Header).data().toString(), u"Fail"_s);
    QCOMPARE(cell(0, RuleGroup::Header).data(ScorecardModel::VerdictRole).toInt(),
             int(Verdict::Fail));
    QCOMPARE(cell(0, RuleGroup::Header).data(ScorecardModel::ColorRole).value<QColor>(),
             ScorecardModel::verdictColor(Verdict::Fail));
    QCOMPARE(cell(0, RuleGroup::PortsTtl).data().toString(), u"Warn"_s);
    QVERIFY(cell(0, RuleGroup::PortsTtl).data(Qt::ToolTipRole).toString().contains(u"2 warning"_s));
    QCOMPARE(cell(0, RuleGroup::Probing).data().toString(), u"Not seen"_s);
    QVERIFY(ScorecardModel::verdictColor(Verdict::Pass) !=
            ScorecardModel::verdictColor(Verdict::Fail));

    // Updates: rows kept are changed, a new one is inserted, no reset.
    QSignalSpy reset(&model, &QAbstractItemModel::modelReset);
    QSignalSpy inserted(&model, &QAbstractItemModel::rowsInserted);
    ScorecardRow other;
    other.addresses = {kB};
    row.verdicts[size_t(RuleGroup::Header)] = Verdict::Pass;
    model.setRows({row, other});
    QCOMPARE(model.rowCount(), 2);
    QCOMPARE(inserted.size(), 1);
    QCOMPARE(reset.size(), 0);
    QCOMPARE(cell(0, RuleGroup::Header).data().toString(), u"Pass"_s);
    model.setRows({row});
    QCOMPARE(model.rowCount(), 1);
}

QTEST_MAIN(TestFindingsModel)
#include "tst_findingsmodel.moc"

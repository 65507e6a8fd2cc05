// The window's live conformance checker on the decode thread (AnalyzerSession): what a batch
// showed rides on the analysed batch (or follows as findingsTicked within the snapshot pace);
// repeats come as the same finding with its count up; a new generation (a clear) starts it
// over with a reset, so nothing from before comes back. CaptureController-style coalescing of
// batches keeps the latest count and the reset.
#include "AnalyzerSession.h"
#include "MdnsBuilder.h"
#include "TestPackets.h"

#include <QDateTime>
#include <QSignalSpy>
#include <QTest>

using namespace Qt::StringLiterals;

namespace {
constexpr int kTimeoutMs = 10'000;

QByteArray badResponse()
{
    using namespace MdnsBuilder;
    QByteArray m = response({with(a(u"bad.local"_s, 0xA9FE0009), 120, true)});
    m[0] = char(0x12);
    m[1] = char(0x34);
    return m;
}

Packet live(const QByteArray &data, int i, int ttl = 255)
{
    Packet p = TestPackets::packet(data, i, "169.254.0.9", ttl);
    p.timestampNs = QDateTime::currentMSecsSinceEpoch() * 1'000'000;
    return p;
}

// Everything the session handed out (batches and ticks), folded as the controller does.
struct Collected
{
    FindingChanges all;
    void take(QSignalSpy &analyzed, QSignalSpy &ticked)
    {
        for (const QList<QVariant> &args : std::as_const(analyzed))
            appendFindingChanges(all, args.at(0).value<AnalyzedBatch>().findings);
        for (const QList<QVariant> &args : std::as_const(ticked))
            appendFindingChanges(all, args.at(0).value<FindingChanges>());
        analyzed.clear();
        ticked.clear();
    }
    const Finding *of(Rule rule) const
    {
        for (const Finding &f : all.findings) {
            if (f.rule == rule)
                return &f;
        }
        return nullptr;
    }
};
} // namespace

class TestLiveFindings : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void findingsArriveAndCountUp();
    void clearDropsThem();
};

void TestLiveFindings::findingsArriveAndCountUp()
{
    AnalyzerSession session;
    QSignalSpy analyzed(&session, &AnalyzerSession::analyzed);
    QSignalSpy ticked(&session, &AnalyzerSession::findingsTicked);
    session.submit({live(badResponse(), 0, 64)});
    QVERIFY(analyzed.wait(kTimeoutMs));
    const auto first = analyzed.at(0).at(0).value<AnalyzedBatch>();
    QVERIFY(first.findings.reset); // the first of a generation
    Collected c;
    c.take(analyzed, ticked);
    QVERIFY(c.of(Rule::ResponseId));
    QCOMPARE(c.of(Rule::ResponseId)->packets.first, QList<quint64>{1});
    QVERIFY(c.of(Rule::IpTtl));
    QVERIFY(c.all.scorecardChanged);
    QCOMPARE(c.all.scorecard.size(), 1);
    QCOMPARE(c.all.scorecard.at(0).verdicts[size_t(RuleGroup::Header)], Verdict::Fail);

    // Two more in quick succession: the count reaches 3, on a batch or a tick soon after.
    session.submit({live(badResponse(), 1, 64)});
    session.submit({live(badResponse(), 2, 64)});
    QTRY_VERIFY_WITH_TIMEOUT(
        [&] {
            c.take(analyzed, ticked);
            return c.of(Rule::ResponseId)->count == 3;
        }(),
        kTimeoutMs);
    QCOMPARE(c.of(Rule::ResponseId)->packets.first, (QList<quint64>{1, 2, 3}));
}

void TestLiveFindings::clearDropsThem()
{
    AnalyzerSession session;
    QSignalSpy analyzed(&session, &AnalyzerSession::analyzed);
    QSignalSpy ticked(&session, &AnalyzerSession::findingsTicked);
    session.submit({live(badResponse(), 0, 64)});
    QVERIFY(analyzed.wait(kTimeoutMs));
    session.discardInFlight(); // a clear
    analyzed.clear();
    ticked.clear();
    session.submit({live(MdnsBuilder::query(u"x.local"_s, 1), 0)});
    QVERIFY(analyzed.wait(kTimeoutMs));
    const auto batch = analyzed.at(0).at(0).value<AnalyzedBatch>();
    QVERIFY(batch.findings.reset);
    for (const Finding &f : batch.findings.findings)
        QVERIFY2(f.rule != Rule::ResponseId, qPrintable(f.messageText(false)));
    // Nothing of the old generation follows either.
    QTest::qWait(300);
    for (const QList<QVariant> &args : std::as_const(ticked)) {
        for (const Finding &f : args.at(0).value<FindingChanges>().findings)
            QVERIFY(f.rule != Rule::ResponseId);
    }
}

QTEST_GUILESS_MAIN(TestLiveFindings)
#include "tst_livefindings.moc"

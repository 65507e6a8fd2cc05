// The conformance checker on real avahi-daemon traffic in private network namespaces
// (PeerLab, AvahiPeer): `mdnscope --headless --write` captures what the daemons send, and the
// checker reads the file as `--read --check` would. A clean daemon start (probes, announcements,
// then goodbyes on SIGTERM) gives no `error` finding, and the device is seen starting (its
// probing judged, pass or warn); two daemons with the same host name give one `conflict`
// that names both addresses and the loser's new name.
#include "AvahiPeer.h"
#include "CaptureFileReader.h"
#include "CheckerConsumer.h"
#include "ConformanceChecker.h"
#include "HeadlessRun.h"
#include "PacketPipeline.h"
#include "PeerLab.h"

#include <QFile>
#include <QRegularExpression>
#include <QTemporaryDir>
#include <QtTest>

#include <unistd.h>

#ifndef MDNSCOPE_BINARY
#error "MDNSCOPE_BINARY must name the mdnscope executable"
#endif

using namespace Qt::StringLiterals;

namespace {
constexpr int kStartupMs = 10000;

const AvahiService kService{u"Lab Printer"_s, u"_ipp._tcp"_s, 631, {u"rp=printers/lab"_s}};

struct Checked
{
    QList<Finding> findings;
    QList<ScorecardRow> scorecard;
    qsizetype packets = 0;
    QString error;
};

Checked check(const QString &path)
{
    Checked out;
    const CaptureFileResult file = CaptureFileReader::readFile(path);
    if (file.error) {
        out.error = file.error->toString();
        return out;
    }
    ConformanceChecker checker;
    CheckerConsumer feed(checker);
    PacketPipeline pipeline;
    pipeline.addConsumer(feed);
    pipeline.push(file.packets);
    pipeline.finish();
    out.findings = checker.findings();
    out.scorecard = checker.scorecard();
    out.packets = file.packets.size();
    return out;
}

QString describe(const QList<Finding> &findings)
{
    QStringList lines;
    for (const Finding &f : findings) {
        lines.append(u"%1 %2 %3 [%4] x%5: %6"_s.arg(
            ConformanceRules::severityName(f.severity), QString::fromLatin1(f.info().id),
            f.source.toString(), f.name, QString::number(f.count), f.messageText(false)));
    }
    return lines.join(u'\n');
}

QList<Finding> withRule(const QList<Finding> &findings, Rule rule)
{
    QList<Finding> out;
    for (const Finding &f : findings) {
        if (f.rule == rule)
            out.append(f);
    }
    return out;
}
} // namespace

class TestAvahiConformance final : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void initTestCase()
    {
        PeerLab::removeStale();
        if (::geteuid() != 0)
            QSKIP("needs root to create network namespaces (ip netns add)");
        if (PeerLab::ipCommand().isEmpty())
            QSKIP("iproute2's 'ip' command is not installed");
        if (AvahiPeer::executable().isEmpty())
            QSKIP("avahi-daemon is not installed (Debian package avahi-daemon)");
        QVERIFY2(QFile::exists(QStringLiteral(MDNSCOPE_BINARY)), MDNSCOPE_BINARY);
    }

    // Probes, announcements, answers and goodbyes of a clean start and stop: nothing an
    // `error` finding could stand for.
    void cleanStartHasNoError()
    {
        PeerLab lab;
        QString error;
        if (!lab.create(1, &error))
            QSKIP(qPrintable(u"cannot make network namespaces and veth pairs: "_s + error));
        QTemporaryDir dir;
        const QString path = dir.filePath(u"clean.pcapng"_s);
        HeadlessRun capture(QStringLiteral(MDNSCOPE_BINARY), lab.captureNamespace(),
                            lab.captureInterface());
        QVERIFY2(capture.start({u"--duration"_s, u"60"_s, u"--write"_s, path}, 5000, &error),
                 qPrintable(error));
        AvahiPeer peer(lab.peerNamespace(0), PeerLab::peerInterface(), u"labpeer"_s, {kService});
        QVERIFY2(peer.start(&error), qPrintable(error));
        QCOMPARE(peer.waitForStartup(kStartupMs), u"labpeer.local"_s);
        QCOMPARE(peer.waitForServices(kStartupMs), QStringList{kService.name});
        QTest::qWait(3500); // both announcements (1 s apart, RFC 6762 §8.3) and then some
        QVERIFY2(peer.terminate(5000), qPrintable(peer.log()));
        QTest::qWait(500);
        capture.requestStop();
        QVERIFY2(capture.waitForExit(20000), "mdnscope did not exit within 20 s of SIGTERM");
        QVERIFY2(capture.exitedNormally() && capture.exitCode() == 0, qPrintable(capture.output()));

        const Checked c = check(path);
        QVERIFY2(c.error.isEmpty(), qPrintable(c.error));
        QVERIFY(c.packets > 0);
        const QString all = describe(c.findings);
        for (const Finding &f : c.findings)
            QVERIFY2(f.severity != Severity::Error, qPrintable(all));
        // The daemon withdrew its records on the way out.
        QVERIFY2(!withRule(c.findings, Rule::Goodbye).isEmpty(), qPrintable(all));
        // Its start is in the capture: the probing rules judged it. (avahi 0.8 announces
        // 200 ms after its third probe where RFC 6762 §8.1 waits 250 ms: a probe-timing
        // warning, not an error.)
        const auto row =
            std::find_if(c.scorecard.cbegin(), c.scorecard.cend(),
                         [](const ScorecardRow &r) { return r.hostName == u"labpeer.local"_s; });
        QVERIFY2(row != c.scorecard.cend(), qPrintable(all));
        QVERIFY(row->seenStarting);
        QVERIFY(row->addresses.contains(IpAddress::fromString(PeerLab::peerAddress(0))));
        const Verdict probing = row->verdicts[int(RuleGroup::Probing)];
        QVERIFY2(probing == Verdict::Pass || probing == Verdict::Warn, qPrintable(all));
        QVERIFY2(row->verdicts[int(RuleGroup::Conflicts)] == Verdict::Pass, qPrintable(all));
        QVERIFY(row->verdicts[int(RuleGroup::Header)] != Verdict::Fail);
    }

    // The second daemon probes the first's host name, the first defends it, the second
    // renames: one conflict naming both and the new name.
    void hostNameConflictNamesBothAndTheNewName()
    {
        PeerLab lab;
        QString error;
        if (!lab.create(2, &error))
            QSKIP(qPrintable(u"cannot make network namespaces and veth pairs: "_s + error));
        QTemporaryDir dir;
        const QString path = dir.filePath(u"conflict.pcapng"_s);
        HeadlessRun capture(QStringLiteral(MDNSCOPE_BINARY), lab.captureNamespace(),
                            lab.captureInterface());
        QVERIFY2(capture.start({u"--duration"_s, u"60"_s, u"--write"_s, path}, 5000, &error),
                 qPrintable(error));
        AvahiPeer first(lab.peerNamespace(0), PeerLab::peerInterface(), u"twin"_s);
        QVERIFY2(first.start(&error), qPrintable(error));
        QCOMPARE(first.waitForStartup(kStartupMs), u"twin.local"_s);
        AvahiPeer second(lab.peerNamespace(1), PeerLab::peerInterface(), u"twin"_s);
        QVERIFY2(second.start(&error), qPrintable(error));
        QRegularExpressionMatch m;
        QVERIFY2(
            second.waitForLog(QRegularExpression(u"Host name conflict, retrying with (\\S+)"_s),
                              kStartupMs, &m),
            qPrintable(second.log()));
        const QString renamed = m.captured(1) + u".local"_s;
        QCOMPARE(second.waitForStartup(kStartupMs), renamed);
        QTest::qWait(1500);
        capture.requestStop();
        QVERIFY2(capture.waitForExit(20000), "mdnscope did not exit within 20 s of SIGTERM");
        QVERIFY2(capture.exitedNormally() && capture.exitCode() == 0, qPrintable(capture.output()));

        const Checked c = check(path);
        QVERIFY2(c.error.isEmpty(), qPrintable(c.error));
        const QString all = describe(c.findings);
        const QList<Finding> conflicts = withRule(c.findings, Rule::Conflict);
        QVERIFY2(conflicts.size() == 1, qPrintable(all));
        const Finding &f = conflicts.first();
        QCOMPARE(f.severity, Severity::Error);
        const QSet<QString> both{f.source.toString(), f.otherSource.toString()};
        QCOMPARE(both, (QSet<QString>{PeerLab::peerAddress(0), PeerLab::peerAddress(1)}));
        QVERIFY2(f.name.compare(u"twin.local"_s, Qt::CaseInsensitive) == 0, qPrintable(all));
        QVERIFY2(f.messageText(false).contains(renamed), qPrintable(all));
        QVERIFY(f.packets.count > 0);
        QVERIFY(f.otherPackets.count > 0);
    }
};

QTEST_GUILESS_MAIN(TestAvahiConformance)
#include "tst_avahiconformance.moc"

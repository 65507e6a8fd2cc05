// The timeline of a real avahi-daemon's start and stop (issue #16): a daemon in a private
// network namespace (PeerLab, AvahiPeer) starts, announces a service and is stopped, while
// `mdnscope --headless --write` captures it. The behaviour model gives its probes (about 250 ms
// apart, RFC 6762 §8.1), then its announcements, then its goodbyes; opened in the window, the
// Timeline tab shows the same on the daemon's lane, in that order. Set
// MDNSCOPE_AVAHI_TIMELINE_SHOT=FILE.png to keep a picture of the panel.
#include "AvahiPeer.h"
#include "BehaviourConsumer.h"
#include "BehaviourModel.h"
#include "CaptureFileReader.h"
#include "CheckerConsumer.h"
#include "ConformanceChecker.h"
#include "HeadlessRun.h"
#include "MainWindow.h"
#include "PacketPipeline.h"
#include "PeerLab.h"
#include "TimelinePanel.h"
#include "TimelineStore.h"
#include "TimelineWidget.h"
#include "WindowFiles.h"

#include <QDockWidget>
#include <QFile>
#include <QHash>
#include <QStandardPaths>
#include <QTabWidget>
#include <QTemporaryDir>
#include <QtTest>

#include <limits>

#include <unistd.h>

#ifndef MDNSCOPE_BINARY
#error "MDNSCOPE_BINARY must name the mdnscope executable"
#endif

using namespace Qt::StringLiterals;

namespace {
constexpr int kStartupMs = 10000;
constexpr qint64 kMs = 1'000'000;
const AvahiService kService{u"Lab Printer"_s, u"_ipp._tcp"_s, 631, {u"rp=printers/lab"_s}};

// The kinds on one lane in the order given, runs of one kind folded ("probe announcement").
QStringList runs(const QList<EventKind> &kinds)
{
    QStringList out;
    for (const EventKind k : kinds) {
        const QString id = BehaviourEvents::kindId(k);
        if (out.isEmpty() || out.constLast() != id)
            out.append(id);
    }
    return out;
}

// Each announced name that was probed was probed first (the host's records, then the
// service's: avahi probes and announces each in turn; an announcement is named after its first
// record), the host name's probes come before any announcement, and the goodbyes after every
// announcement.
QString checkOrder(const QList<BehaviourEvent> &events)
{
    QHash<QString, qint64> lastProbe, firstAnnouncement;
    qint64 lastAnnouncement = 0, firstGoodbye = 0;
    for (const BehaviourEvent &e : events) {
        const QString name = e.name.toLower();
        if (e.kind == EventKind::Probe)
            lastProbe[name] = std::max(lastProbe.value(name), e.timeNs);
        if (e.kind == EventKind::Announcement) {
            if (!firstAnnouncement.contains(name))
                firstAnnouncement.insert(name, e.timeNs);
            lastAnnouncement = std::max(lastAnnouncement, e.timeNs);
        }
        if (e.kind == EventKind::Goodbye && firstGoodbye == 0)
            firstGoodbye = e.timeNs;
    }
    if (lastProbe.isEmpty())
        return u"no probe"_s;
    int announcedAfterProbing = 0;
    for (auto it = lastProbe.cbegin(); it != lastProbe.cend(); ++it) {
        if (!firstAnnouncement.contains(it.key()))
            continue;
        if (firstAnnouncement.value(it.key()) < it.value())
            return u"%1 announced before its last probe"_s.arg(it.key());
        ++announcedAfterProbing;
    }
    if (announcedAfterProbing < 2)
        return u"fewer than two probed names announced (the host's and the service's)"_s;
    qint64 firstOfAll = std::numeric_limits<qint64>::max();
    for (const qint64 t : firstAnnouncement)
        firstOfAll = std::min(firstOfAll, t);
    if (!lastProbe.contains(u"labpeer.local"_s) || lastProbe.value(u"labpeer.local"_s) > firstOfAll)
        return u"the host name's probes do not all come before the first announcement"_s;
    if (firstGoodbye == 0)
        return u"no goodbye"_s;
    if (firstGoodbye < lastAnnouncement)
        return u"a goodbye before the last announcement"_s;
    return {};
}
} // namespace

class TestAvahiTimeline final : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void initTestCase()
    {
        QStandardPaths::setTestModeEnabled(true);
        PeerLab::removeStale();
        if (::geteuid() != 0)
            QSKIP("needs root to create network namespaces (ip netns add)");
        if (PeerLab::ipCommand().isEmpty())
            QSKIP("iproute2's 'ip' command is not installed");
        if (AvahiPeer::executable().isEmpty())
            QSKIP("avahi-daemon is not installed (Debian package avahi-daemon)");
        QVERIFY2(QFile::exists(QStringLiteral(MDNSCOPE_BINARY)), MDNSCOPE_BINARY);
    }

    void startAndStopOnTheTimeline()
    {
        PeerLab lab;
        QString error;
        if (!lab.create(1, &error))
            QSKIP(qPrintable(u"cannot make network namespaces and veth pairs: "_s + error));
        QTemporaryDir dir;
        const QString path = dir.filePath(u"startstop.pcapng"_s);
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

        // The behaviour model's events, as the window's open job makes them.
        const CaptureFileResult file = CaptureFileReader::readFile(path);
        QVERIFY(!file.error);
        ConformanceChecker checker;
        CheckerConsumer check(checker);
        BehaviourModel model;
        BehaviourConsumer behave(model, &checker);
        PacketPipeline pipeline;
        pipeline.addConsumer(check);
        pipeline.addConsumer(behave);
        pipeline.push(file.packets);
        pipeline.finish();
        const BehaviourChanges changes = model.takeChanges();
        qint32 lane = -1;
        for (const HostLane &l : changes.lanes) {
            if (l.hostName.compare(u"labpeer.local"_s, Qt::CaseInsensitive) == 0)
                lane = l.id;
        }
        QVERIFY2(lane >= 0, "the daemon's host has a lane named after it");
        QList<EventKind> kinds;
        QList<qint64> probeGaps;
        for (const BehaviourEvent &e : changes.events) {
            if (e.host != lane || e.kind == EventKind::Expiry)
                continue;
            kinds.append(e.kind);
            if (e.kind == EventKind::Probe && e.gapNs >= 0 &&
                e.name.compare(u"labpeer.local"_s, Qt::CaseInsensitive) == 0)
                probeGaps.append(e.gapNs);
        }
        const QStringList order = runs(kinds);
        QList<BehaviourEvent> own;
        for (const BehaviourEvent &e : changes.events) {
            if (e.host == lane)
                own.append(e);
        }
        const QString wrong = checkOrder(own);
        QVERIFY2(wrong.isEmpty(), qPrintable(wrong + u": "_s + order.join(u' ')));
        QVERIFY2(order.constFirst() == u"probe"_s, qPrintable(order.join(u' ')));
        // Three probes for its host name, 250 ms apart (avahi: 250 ms, scheduling slack).
        QVERIFY2(probeGaps.size() >= 2, qPrintable(QString::number(probeGaps.size())));
        for (const qint64 gap : probeGaps)
            QVERIFY2(gap >= 200 * kMs && gap <= 400 * kMs, qPrintable(QString::number(gap)));

        // The same in the window's Timeline tab.
        MainWindow window;
        window.resize(1400, 900);
        window.show();
        QVERIFY(WindowFiles::open(window, path));
        TimelinePanel *panel = window.timelinePanel();
        QVERIFY2(panel, "the window has a timeline");
        window.behaviourDock()->raise();
        window.behaviourTabs()->setCurrentWidget(panel);
        const TimelineStore &store = panel->timeline()->store();
        qsizetype row = -1;
        for (qsizetype r = 0; r < store.laneCount(); ++r) {
            if (store.laneLabel(r).compare(u"labpeer.local"_s, Qt::CaseInsensitive) == 0)
                row = r;
        }
        QVERIFY2(row >= 0, "the timeline has a lane for labpeer.local");
        QList<EventKind> shown;
        for (const TimelineStore::Mark &m : store.lane(row).marks) {
            if (!m.fromFinding && m.kind != EventKind::Expiry)
                shown.append(m.kind);
        }
        QCOMPARE(runs(shown), order);
        const QString shot = qEnvironmentVariable("MDNSCOPE_AVAHI_TIMELINE_SHOT");
        if (!shot.isEmpty()) {
            QTest::qWait(300);
            window.grab().save(shot);
        }
    }
};

QTEST_MAIN(TestAvahiTimeline)
#include "tst_avahitimeline.moc"

// The timeline view of issue #16 §2: TimelineStore (lanes, marks, bound, range queries,
// findings), TimelineWidget (zoom, pan, follow, click, tooltip, painting without per-mark
// allocations) and TimelinePanel, fed with BehaviourChanges and FindingChanges built here.
#include "AllocationCounter.h"
#include "BehaviourText.h"
#include "TimelinePanel.h"
#include "TimelineStore.h"
#include "TimelineWidget.h"

#include <QImage>
#include <QScrollBar>
#include <QSignalSpy>
#include <QTest>
#include <QToolButton>
#include <QWheelEvent>

using namespace Qt::StringLiterals;

namespace {

constexpr qint64 kStart = 1'700'000'000'000'000'000; // the capture's first packet
constexpr qint64 kSecond = 1'000'000'000;

qint64 at(double seconds)
{
    return kStart + qint64(seconds * double(kSecond));
}

HostLane lane(qint32 id, const QString &name, const QString &address)
{
    HostLane l;
    l.id = id;
    l.hostName = name;
    if (!address.isEmpty())
        l.addresses.append(IpAddress::fromString(address));
    return l;
}

BehaviourEvent ev(EventKind kind, qint32 host, qint64 timeNs, quint64 packet,
                  const QString &name = u"host.local"_s, qint64 gapNs = -1)
{
    BehaviourEvent e;
    e.kind = kind;
    e.host = host;
    e.timeNs = timeNs;
    e.packet = packet;
    e.name = name;
    e.gapNs = gapNs;
    return e;
}

// Three hosts (ids 1..3) at 10.0.0.1..3.
BehaviourChanges threeHosts()
{
    BehaviourChanges c;
    c.lanes = {lane(1, u"alpha.local"_s, u"10.0.0.1"_s), lane(2, u"beta.local"_s, u"10.0.0.2"_s),
               lane(3, u"gamma.local"_s, u"10.0.0.3"_s)};
    return c;
}

// `count` events spread evenly over [0, seconds] on the three hosts, kinds cycling.
BehaviourChanges spread(int count, double seconds)
{
    BehaviourChanges c = threeHosts();
    c.events.reserve(count);
    for (int i = 0; i < count; ++i) {
        const auto kind = EventKind(i % kEventKindCount);
        c.events.append(
            ev(kind, 1 + i % 3, at(seconds * i / std::max(count - 1, 1)), quint64(i + 1)));
    }
    c.nowNs = at(seconds);
    return c;
}

Finding finding(quint32 id, Rule rule, const QString &source, QList<quint64> packets, qint64 timeNs,
                qint64 lastNs)
{
    Finding f;
    f.id = id;
    f.rule = rule;
    f.source = IpAddress::fromString(source);
    f.name = u"alpha.local"_s;
    for (quint64 p : packets)
        f.packets.add(p);
    f.count = f.packets.count;
    f.timeNs = timeNs;
    f.lastTimeNs = lastNs;
    return f;
}

void sendWheel(QWidget *w, QPoint pos, QPoint angle, Qt::KeyboardModifiers mods = Qt::NoModifier)
{
    QWheelEvent e(pos, w->mapToGlobal(pos), QPoint(), angle, Qt::NoButton, mods, Qt::NoScrollPhase,
                  false);
    QCoreApplication::sendEvent(w, &e);
}

void sendMouse(QWidget *w, QEvent::Type type, QPoint pos, Qt::MouseButton button,
               Qt::MouseButtons buttons)
{
    QMouseEvent e(type, pos, w->mapToGlobal(pos), button, buttons, Qt::NoModifier);
    QCoreApplication::sendEvent(w, &e);
}

quint64 repaintAllocations(TimelineWidget &w)
{
    QImage image(w.size(), QImage::Format_ARGB32_Premultiplied);
    w.render(&image); // warm up: caches of the text and of the raster engine
    w.render(&image);
    const AllocationCounts before = AllocationCounter::thisThread();
    w.render(&image);
    return AllocationCounter::thisThread().allocations - before.allocations;
}

} // namespace

class TestTimeline : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void storeOrdersMarks();
    void storeBoundDropsOldest();
    void rangeQueries();
    void laneOrderAndLabels();
    void resetClears();
    void findingsBecomeMarks();
    void wheelZoomsAroundCursor();
    void panLeavesFollowing();
    void followingMovesWithNewEvents();
    void clickOnMarkEmitsPacket();
    void probeTooltip();
    void lanesScroll();
    void panelControls();
    void paintingAllocatesNothingPerMark();
    void paintsMarksWhereTheyAre();
};

void TestTimeline::storeOrdersMarks()
{
    TimelineStore store;
    BehaviourChanges c = threeHosts();
    c.events = {ev(EventKind::Probe, 1, at(3), 3), ev(EventKind::Probe, 1, at(1), 1),
                ev(EventKind::Announcement, 1, at(2), 2)};
    QVERIFY(store.apply(c));
    BehaviourChanges later;
    later.events = {ev(EventKind::Answer, 1, at(1.5), 4), ev(EventKind::Goodbye, 1, at(9), 5)};
    QVERIFY(store.apply(later));
    const qsizetype row = store.rowOfLane(1);
    QVERIFY(row >= 0);
    const auto &marks = store.lane(row).marks;
    QCOMPARE(qsizetype(marks.size()), 5);
    QList<quint64> packets;
    for (const auto &m : marks)
        packets.append(m.packet);
    QCOMPARE(packets, (QList<quint64>{1, 4, 2, 3, 5}));
    QCOMPARE(store.size(), 5);
    QCOMPARE(store.originNs(), at(1));
    QCOMPARE(store.nowNs(), at(9));
    QCOMPARE(store.text(marks[0].name), u"host.local"_s);
    // Names are kept once, not per mark.
    QCOMPARE(marks[0].name, marks[4].name);
}

void TestTimeline::storeBoundDropsOldest()
{
    TimelineStore store(100);
    for (int batch = 0; batch < 25; ++batch) {
        BehaviourChanges c = batch == 0 ? threeHosts() : BehaviourChanges();
        for (int i = 0; i < 10; ++i) {
            const int n = batch * 10 + i;
            c.events.append(ev(EventKind::Announcement, 1 + n % 3, at(n), quint64(n + 1)));
        }
        store.apply(c);
        QVERIFY2(store.size() <= 100, qPrintable(QString::number(store.size())));
    }
    QVERIFY(store.size() > 50); // drops a batch at a time, not everything
    QCOMPARE(store.dropped() + quint64(store.size()), 250u);
    // What is left is the newest: every mark is later than every dropped one.
    const qint64 firstKept = at(double(250 - store.size()));
    qint64 oldest = std::numeric_limits<qint64>::max();
    qint64 newest = 0;
    for (qsizetype row = 0; row < store.laneCount(); ++row) {
        const auto &marks = store.lane(row).marks;
        QVERIFY(std::is_sorted(marks.begin(), marks.end(),
                               [](const auto &a, const auto &b) { return a.timeNs < b.timeNs; }));
        if (!marks.empty()) {
            oldest = std::min(oldest, marks.front().timeNs);
            newest = std::max(newest, marks.back().timeNs);
        }
    }
    QCOMPARE(oldest, firstKept);
    QCOMPARE(newest, at(249));
}

void TestTimeline::rangeQueries()
{
    TimelineStore store;
    BehaviourChanges c = threeHosts();
    for (int i = 0; i < 100; ++i)
        c.events.append(ev(EventKind::Answer, 2, at(i), quint64(i + 1)));
    store.apply(c);
    const qsizetype row = store.rowOfLane(2);
    auto [first, last] = store.range(row, at(10), at(20));
    QCOMPARE(first, 10);
    QCOMPARE(last, 21); // both ends included
    std::tie(first, last) = store.range(row, at(10) + 1, at(20) - 1);
    QCOMPARE(first, 11);
    QCOMPARE(last, 20);
    std::tie(first, last) = store.range(row, at(-5), at(0.5));
    QCOMPARE(first, 0);
    QCOMPARE(last, 1);
    std::tie(first, last) = store.range(row, at(200), at(300));
    QCOMPARE(last - first, 0);
    std::tie(first, last) = store.range(row, at(20), at(10));
    QCOMPARE(last - first, 0);
    std::tie(first, last) = store.range(store.rowOfLane(1), at(0), at(100));
    QCOMPARE(last - first, 0);
    std::tie(first, last) = store.range(99, at(0), at(100));
    QCOMPARE(last - first, 0);
}

void TestTimeline::laneOrderAndLabels()
{
    TimelineStore store;
    BehaviourChanges c;
    c.lanes = {lane(3, u"b.local"_s, u"10.0.0.3"_s),   lane(1, u"a.local"_s, u"10.0.0.1"_s),
               lane(4, QString(), u"10.0.0.4"_s),      lane(2, u"A.local"_s, u"10.0.0.2"_s),
               lane(6, u"b10.local"_s, u"10.0.0.6"_s), lane(5, u"b2.local"_s, u"10.0.0.5"_s)};
    c.events = {ev(EventKind::Expiry, -1, at(1), 0)};
    store.apply(c);
    QCOMPARE(store.laneCount(), 7);
    QList<qint32> ids;
    for (qsizetype row = 0; row < store.laneCount(); ++row)
        ids.append(store.lane(row).id);
    // Grouped by the name they claim (numbers in names in numeric order), unnamed after,
    // untracked last.
    QCOMPARE(ids, (QList<qint32>{1, 2, 3, 5, 6, 4, -1}));
    QCOMPARE(store.laneLabel(0), u"a.local (10.0.0.1)"_s);
    QCOMPARE(store.laneLabel(1), u"A.local (10.0.0.2)"_s);
    QCOMPARE(store.laneLabel(2), u"b.local"_s);
    QCOMPARE(store.laneLabel(5), u"10.0.0.4"_s);
    QCOMPARE(store.laneLabel(6), QString());
    // A rename moves the lane.
    BehaviourChanges rename;
    rename.lanes = {lane(1, u"z.local"_s, u"10.0.0.1"_s)};
    store.apply(rename);
    QCOMPARE(store.rowOfLane(1), 4);
    QCOMPARE(store.laneLabel(0), u"A.local"_s);
}

void TestTimeline::resetClears()
{
    TimelineStore store;
    store.apply(spread(30, 10));
    QCOMPARE(store.size(), 30);
    BehaviourChanges reset;
    reset.reset = true;
    QVERIFY(store.apply(reset));
    QCOMPARE(store.size(), 0);
    QCOMPARE(store.laneCount(), 0);
    QVERIFY(store.isEmpty());
    QCOMPARE(store.originNs(), 0);
}

void TestTimeline::findingsBecomeMarks()
{
    TimelineStore store;
    BehaviourChanges c = threeHosts();
    c.events = {ev(EventKind::Probe, 1, at(1), 5), ev(EventKind::Probe, 1, at(2), 7),
                ev(EventKind::Probe, 2, at(3), 9)};
    store.apply(c);

    FindingChanges f;
    f.findings.append(finding(0, Rule::ProbeTiming, u"10.0.0.1"_s, {5}, at(1), at(1)));
    Finding conflict = finding(1, Rule::Conflict, u"10.0.0.2"_s, {9}, at(3), at(3));
    conflict.otherSource = IpAddress::fromString(u"10.0.0.1"_s);
    conflict.otherPackets.add(5);
    f.findings.append(conflict);
    f.findings.append(finding(2, Rule::IpTtl, u"192.168.9.9"_s, {6}, at(1.5), at(1.5)));
    QVERIFY(store.apply(f));

    auto marksOf = [&](qint32 id, EventKind kind) {
        QList<std::pair<quint64, qint64>> out;
        const qsizetype row = store.rowOfLane(id);
        if (row < 0)
            return out;
        for (const auto &m : store.lane(row).marks) {
            if (m.kind == kind)
                out.append({m.packet, m.timeNs});
        }
        return out;
    };
    using Marks = QList<std::pair<quint64, qint64>>;
    QCOMPARE(marksOf(1, EventKind::Finding), (Marks{{5, at(1)}}));
    QCOMPARE(marksOf(2, EventKind::Conflict), (Marks{{9, at(3)}}));
    QCOMPARE(marksOf(1, EventKind::Conflict), (Marks{{5, at(1)}})); // the other claimant
    QCOMPARE(marksOf(3, EventKind::Finding), Marks{});
    // A source no lane has: the untracked lane, at the time of the packet heard before it.
    QCOMPARE(marksOf(-1, EventKind::Finding), (Marks{{6, at(1.5)}}));
    const auto &lane1 = store.lane(store.rowOfLane(1)).marks;
    const auto findingMark = std::find_if(
        lane1.begin(), lane1.end(), [](const auto &m) { return m.kind == EventKind::Finding; });
    QCOMPARE(findingMark->rule, qint16(Rule::ProbeTiming));

    // The same finding updated with a further packet adds that one only.
    FindingChanges update;
    update.findings.append(finding(0, Rule::ProbeTiming, u"10.0.0.1"_s, {5, 7}, at(1), at(2)));
    const qsizetype before = store.size();
    QVERIFY(store.apply(update));
    QCOMPARE(store.size(), before + 1);
    QCOMPARE(marksOf(1, EventKind::Finding), (Marks{{5, at(1)}, {7, at(2)}}));
    QVERIFY(!store.apply(update));
    QCOMPARE(store.size(), before + 1);

    // A reset of the findings takes their marks away and keeps the events.
    FindingChanges reset;
    reset.reset = true;
    QVERIFY(store.apply(reset));
    QCOMPARE(store.size(), 3);
    QCOMPARE(marksOf(1, EventKind::Finding), Marks{});
    QCOMPARE(marksOf(1, EventKind::Probe).size(), 2);
}

void TestTimeline::wheelZoomsAroundCursor()
{
    TimelineWidget w;
    w.resize(900, 300);
    w.applyChanges(spread(300, 100));
    w.fit();
    QVERIFY(w.isFollowing());
    const QRect plot = w.plotRect();
    const QPoint cursor(plot.left() + plot.width() / 4, plot.center().y());
    const double timeBefore = w.timeAtX(cursor.x());
    const auto [a0, a1] = w.visibleRange();
    sendWheel(&w, cursor, QPoint(0, 120));
    const auto [b0, b1] = w.visibleRange();
    QVERIFY2(b1 - b0 < (a1 - a0) * 0.9, qPrintable(u"%1 -> %2"_s.arg(a1 - a0).arg(b1 - b0)));
    QVERIFY(std::abs(w.timeAtX(cursor.x()) - timeBefore) < (b1 - b0) * 1e-6);
    QVERIFY(b0 > a0 && b1 < a1); // shrunk from both sides around the cursor
    QVERIFY(!w.isFollowing());   // the end left the view
    // Zooming out again brings the end back: following again.
    sendWheel(&w, cursor, QPoint(0, -240));
    sendWheel(&w, cursor, QPoint(0, -240));
    QVERIFY(w.visibleRange().second - w.visibleRange().first > a1 - a0);
    QVERIFY(w.isFollowing());
}

void TestTimeline::panLeavesFollowing()
{
    TimelineWidget w;
    w.resize(900, 300);
    w.applyChanges(spread(300, 100));
    w.setVisibleRange(60, 110);
    QVERIFY(w.isFollowing());
    QSignalSpy following(&w, &TimelineWidget::followingChanged);
    const QRect plot = w.plotRect();
    const QPoint from = plot.center();
    const auto [a0, a1] = w.visibleRange();
    sendMouse(&w, QEvent::MouseButtonPress, from, Qt::LeftButton, Qt::LeftButton);
    sendMouse(&w, QEvent::MouseMove, from + QPoint(100, 0), Qt::NoButton, Qt::LeftButton);
    sendMouse(&w, QEvent::MouseMove, from + QPoint(200, 0), Qt::NoButton, Qt::LeftButton);
    sendMouse(&w, QEvent::MouseButtonRelease, from + QPoint(200, 0), Qt::LeftButton, Qt::NoButton);
    QVERIFY(!w.isFollowing());
    QCOMPARE(following.size(), 1);
    QCOMPARE(following.at(0).at(0).toBool(), false);
    const auto [b0, b1] = w.visibleRange();
    const double expected = 200.0 * (a1 - a0) / plot.width();
    QVERIFY2(std::abs((a0 - b0) - expected) < 1e-6,
             qPrintable(u"%1 vs %2"_s.arg(a0 - b0).arg(expected)));
    QCOMPARE(b1 - b0, a1 - a0);
    // Not following: new events leave the view where it is.
    BehaviourChanges more;
    more.events = {ev(EventKind::Answer, 1, at(300), 1000)};
    w.applyChanges(more);
    QCOMPARE(w.visibleRange().first, b0);
    // Panning right until the end is in view follows again, and shows the newest time.
    for (int i = 0; i < 100 && !w.isFollowing(); ++i)
        QTest::keyClick(&w, Qt::Key_Right);
    QVERIFY(w.isFollowing());
    QVERIFY(w.visibleRange().second >= 200);
    // Home leaves following; End returns to it.
    QTest::keyClick(&w, Qt::Key_Home);
    QVERIFY(!w.isFollowing());
    QVERIFY(w.visibleRange().first < 0.001);
    QTest::keyClick(&w, Qt::Key_End);
    QVERIFY(w.isFollowing());
}

void TestTimeline::followingMovesWithNewEvents()
{
    TimelineWidget w;
    w.resize(900, 300);
    w.setVisibleRange(0, 30);
    w.applyChanges(spread(10, 10));
    QVERIFY(w.isFollowing());
    QVERIFY(w.visibleRange().second >= 10);
    const double before = w.visibleRange().first;
    BehaviourChanges more;
    more.events = {ev(EventKind::Answer, 2, at(100), 500)};
    more.nowNs = at(100);
    w.applyChanges(more);
    const auto [t0, t1] = w.visibleRange();
    QVERIFY2(t1 >= 100 && t1 < 110, qPrintable(QString::number(t1)));
    QVERIFY(t0 > before + 60);
    QCOMPARE(t1 - t0, 30.0);
    // The newest event is inside the view.
    const double x = w.xForTime(100);
    QVERIFY(x >= w.plotRect().left() && x <= w.plotRect().right());
}

void TestTimeline::clickOnMarkEmitsPacket()
{
    TimelineWidget w;
    w.resize(900, 300);
    BehaviourChanges c = threeHosts();
    c.events = {ev(EventKind::Probe, 1, at(0), 40), ev(EventKind::Announcement, 2, at(5), 42),
                ev(EventKind::Answer, 3, at(10), 44)};
    w.applyChanges(c);
    w.fit();
    QSignalSpy spy(&w, &TimelineWidget::packetActivated);
    const qsizetype row = w.store().rowOfLane(2);
    const QPoint pos = w.markPosition(row, at(5), EventKind::Announcement);
    QVERIFY(w.plotRect().contains(pos));
    QTest::mouseClick(&w, Qt::LeftButton, Qt::NoModifier, pos);
    QCOMPARE(spy.size(), 1);
    QCOMPARE(spy.at(0).at(0).toULongLong(), 42u);
    // The same time on another lane, and empty space, select nothing.
    QTest::mouseClick(&w, Qt::LeftButton, Qt::NoModifier,
                      w.markPosition(w.store().rowOfLane(1), at(5), EventKind::Announcement));
    QTest::mouseClick(&w, Qt::LeftButton, Qt::NoModifier, pos + QPoint(60, 0));
    QCOMPARE(spy.size(), 1);
}

void TestTimeline::probeTooltip()
{
    TimelineWidget w;
    w.resize(900, 300);
    BehaviourChanges c = threeHosts();
    BehaviourEvent probe = ev(EventKind::Probe, 3, at(2), 77, u"printer.local"_s, 250'000'000);
    probe.rule = qint16(Rule::ProbeTiming);
    c.events = {ev(EventKind::Probe, 3, at(1.75), 76, u"printer.local"_s), probe};
    c.nowNs = at(4);
    w.applyChanges(c);
    w.fit();
    const QPoint pos = w.markPosition(w.store().rowOfLane(3), at(2), EventKind::Probe);
    const QString tip = w.toolTipAt(pos);
    QVERIFY2(tip.contains(u"Probe"_s), qPrintable(tip));
    QVERIFY2(tip.contains(u"printer.local"_s), qPrintable(tip));
    QVERIFY2(tip.contains(BehaviourText::latency(250'000'000)), qPrintable(tip));
    QVERIFY2(tip.contains(u"probe-timing"_s), qPrintable(tip));
    QVERIFY2(tip.contains(u"77"_s), qPrintable(tip));
    QVERIFY2(tip.contains(u"gamma.local"_s), qPrintable(tip));
    const QString first =
        w.toolTipAt(w.markPosition(w.store().rowOfLane(3), at(1.75), EventKind::Probe));
    QVERIFY2(first.contains(u"First probe"_s), qPrintable(first));
    QVERIFY(w.toolTipAt(pos + QPoint(0, w.laneHeight())).isEmpty());
}

void TestTimeline::lanesScroll()
{
    TimelineWidget w;
    w.resize(900, 300);
    BehaviourChanges c;
    for (int i = 0; i < 40; ++i) {
        c.lanes.append(
            lane(i, u"host%1.local"_s.arg(i, 2, 10, QLatin1Char('0')), u"10.0.1.%1"_s.arg(i + 1)));
        c.events.append(ev(EventKind::Answer, i, at(i), quint64(i + 1)));
    }
    w.applyChanges(c);
    w.fit();
    w.show(); // the scroll bar is a child: it shows with the widget
    QVERIFY(QTest::qWaitForWindowExposed(&w));
    auto *bar = w.findChild<QScrollBar *>();
    QVERIFY(bar && bar->isVisible());
    QVERIFY(bar->maximum() > 0);
    // The wheel over the labels scrolls the lanes.
    sendWheel(&w, QPoint(10, 100), QPoint(0, -120 * 5));
    QCOMPARE(w.laneScroll(), 5 * w.laneHeight());
    // The lane at the top now is host05: a click there selects its packet.
    QSignalSpy spy(&w, &TimelineWidget::packetActivated);
    const QPoint pos = w.markPosition(5, at(5), EventKind::Answer);
    QVERIFY(w.plotRect().contains(pos));
    QTest::mouseClick(&w, Qt::LeftButton, Qt::NoModifier, pos);
    QCOMPARE(spy.size(), 1);
    QCOMPARE(spy.at(0).at(0).toULongLong(), 6u);
}

void TestTimeline::panelControls()
{
    TimelinePanel panel;
    panel.resize(900, 400);
    QSignalSpy spy(&panel, &TimelinePanel::packetActivated);
    panel.applyChanges(spread(30, 10));
    FindingChanges f;
    f.findings.append(finding(0, Rule::NoProbe, u"10.0.0.2"_s, {2}, at(0), at(0)));
    panel.applyFindings(f);
    QCOMPARE(panel.timeline()->store().size(), 31);
    panel.timeline()->fit();
    QVERIFY(panel.followButton()->isChecked());
    panel.timeline()->pan(-5);
    QVERIFY(!panel.followButton()->isChecked());
    panel.followButton()->click();
    QVERIFY(panel.timeline()->isFollowing());
    Q_EMIT panel.timeline()->packetActivated(9);
    QCOMPARE(spy.size(), 1);
    panel.clear();
    QCOMPARE(panel.timeline()->store().size(), 0);
}

void TestTimeline::paintingAllocatesNothingPerMark()
{
    if (!AllocationCounter::countsMalloc())
        QSKIP("malloc is not counted in this build (sanitizer or valgrind)");
    TimelineWidget small;
    TimelineWidget large;
    for (TimelineWidget *w : {&small, &large}) {
        w->resize(1000, 400);
        w->applyChanges(spread(w == &small ? 1'000 : 100'000, 100));
        w->fit();
    }
    QCOMPARE(large.store().size(), 100'000);
    const quint64 fewMarks = repaintAllocations(small);
    const quint64 manyMarks = repaintAllocations(large);
    qInfo() << "allocations per repaint: 1,000 marks" << fewMarks << "100,000 marks" << manyMarks;
    QCOMPARE(manyMarks, fewMarks);
    QVERIFY(large.paintCount() >= 3);
}

// A host's life on three hosts: probes 250 ms apart, an announcement, answers, a goodbye;
// the third probes for the second's name, loses and renames. Rendered, each mark's centre
// has its kind's colour. With MDNSCOPE_TIMELINE_SHOT=file.png the panel is saved there too
// (to look at it by eye).
void TestTimeline::paintsMarksWhereTheyAre()
{
    TimelinePanel panel;
    panel.resize(1100, 420);
    BehaviourChanges c = threeHosts();
    c.lanes.append(lane(4, u"beta.local"_s, u"10.0.0.4"_s));
    quint64 packet = 0;
    QList<BehaviourEvent> &e = c.events;
    for (int host = 1; host <= 3; ++host) {
        const double t0 = (host - 1) * 2.0;
        const QString name = c.lanes.at(host - 1).hostName;
        for (int i = 0; i < 3; ++i)
            e.append(ev(EventKind::Probe, host, at(t0 + 0.25 * i), ++packet, name,
                        i == 0 ? -1 : 250'000'000));
        e.append(ev(EventKind::Announcement, host, at(t0 + 0.75), ++packet, name));
        e.append(ev(EventKind::Announcement, host, at(t0 + 1.75), ++packet, name));
        for (int i = 0; i < 4; ++i)
            e.append(ev(EventKind::Answer, host, at(t0 + 4 + i * 3.1), ++packet, name));
    }
    e.append(ev(EventKind::Probe, 4, at(7), ++packet, u"beta.local"_s));
    const quint64 conflictPacket = ++packet;
    e.append(ev(EventKind::Conflict, 4, at(7.2), conflictPacket, u"beta.local"_s));
    e.append(ev(EventKind::Rename, 4, at(8), ++packet, u"beta-2.local"_s));
    e.append(ev(EventKind::Update, 2, at(12), ++packet, u"beta.local"_s));
    e.append(ev(EventKind::Goodbye, 1, at(18), ++packet, u"alpha.local"_s));
    e.append(ev(EventKind::Expiry, 3, at(19), 0, u"gamma.local"_s));
    std::sort(e.begin(), e.end(), [](const auto &a, const auto &b) { return a.timeNs < b.timeNs; });
    c.nowNs = at(20);
    panel.applyChanges(c);
    FindingChanges f;
    f.findings.append(finding(0, Rule::AnnounceTiming, u"10.0.0.2"_s, {13}, at(2.75), at(2.75)));
    panel.applyFindings(f);
    panel.timeline()->fit();

    QImage image(panel.size(), QImage::Format_ARGB32_Premultiplied);
    panel.render(&image);
    if (const QByteArray shot = qgetenv("MDNSCOPE_TIMELINE_SHOT"); !shot.isEmpty())
        QVERIFY(image.save(QString::fromLocal8Bit(shot)));
    const TimelineWidget *w = panel.timeline();
    auto colourAt = [&](qint32 host, double seconds, EventKind kind) {
        const QPoint pos = w->markPosition(w->store().rowOfLane(host), at(seconds), kind);
        return image.pixelColor(w->mapTo(&panel, pos) + QPoint(0, 0));
    };
    auto near = [](const QColor &a, const QColor &b) {
        return std::abs(a.red() - b.red()) + std::abs(a.green() - b.green()) +
                   std::abs(a.blue() - b.blue()) <
               40;
    };
    for (auto [host, t, kind] :
         {std::tuple{1, 0.5, EventKind::Probe}, std::tuple{2, 2.75, EventKind::Announcement},
          std::tuple{1, 4.0, EventKind::Answer}, std::tuple{4, 7.2, EventKind::Conflict},
          std::tuple{2, 2.75, EventKind::Finding}}) {
        const QColor got = colourAt(host, t, kind);
        QVERIFY2(near(got, TimelineWidget::kindColor(kind)),
                 qPrintable(u"%1 at %2 s on host %3: %4"_s.arg(BehaviourEvents::kindId(kind))
                                .arg(t)
                                .arg(host)
                                .arg(got.name())));
    }
    // Nothing where no mark is.
    QVERIFY(!near(colourAt(1, 10, EventKind::Announcement),
                  TimelineWidget::kindColor(EventKind::Announcement)));
}

QTEST_MAIN(TestTimeline)
#include "tst_timeline.moc"

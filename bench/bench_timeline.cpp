// The timeline view (issue #16 §2) on the GUI thread: the repaint time of a TimelineWidget
// holding 100,000 marks on 20 hosts over ten minutes (offscreen, rendered into a QImage,
// median of 31 repaints), the whole capture in view and a ten-second window, with the
// allocations of one repaint; and the cost of appending events (BehaviourChanges of 1024
// events each, as the window hands them over) to the TimelineStore: 1,000,000 events up to
// its bound, then 200,000 more that drop the oldest. Prints markdown rows (bench/run.sh).
#include "AllocationCounter.h"
#include "BenchReport.h"
#include "TimelineStore.h"
#include "TimelineWidget.h"

#include <QApplication>
#include <QImage>

#include <algorithm>

using namespace Qt::StringLiterals;

namespace {

constexpr qint64 kStart = 1'700'000'000'000'000'000;
constexpr int kHosts = 20;
constexpr int kRepaints = 31;

BehaviourChanges lanes()
{
    BehaviourChanges c;
    for (int i = 0; i < kHosts; ++i) {
        HostLane l;
        l.id = i;
        l.hostName = u"host-%1.local"_s.arg(i);
        l.addresses.append(IpAddress::fromV4(0x0a000001u + quint32(i)));
        c.lanes.append(l);
    }
    return c;
}

// Events `first`..`first + count - 1`, one every `stepNs`, kinds and hosts cycling.
BehaviourChanges events(qint64 first, qsizetype count, qint64 stepNs)
{
    BehaviourChanges c;
    c.events.reserve(count);
    for (qsizetype i = 0; i < count; ++i) {
        const qint64 n = first + i;
        BehaviourEvent e;
        e.timeNs = kStart + n * stepNs;
        e.packet = quint64(n + 1);
        e.host = qint32(n % kHosts);
        e.kind = EventKind(n % kEventKindCount);
        e.name = u"host-%1.local"_s.arg(e.host);
        e.gapNs = e.kind == EventKind::Probe ? 250'000'000 : -1;
        c.events.append(std::move(e));
    }
    c.nowNs = kStart + (first + count - 1) * stepNs;
    return c;
}

struct Repaint
{
    double medianMs = 0;
    quint64 allocations = 0;
};

Repaint repaint(TimelineWidget &w)
{
    QImage image(w.size(), QImage::Format_ARGB32_Premultiplied);
    w.render(&image);
    w.render(&image);
    const AllocationCounts before = AllocationCounter::thisThread();
    w.render(&image);
    const quint64 allocations = AllocationCounter::thisThread().allocations - before.allocations;
    std::vector<double> ms;
    for (int i = 0; i < kRepaints; ++i) {
        const qint64 t0 = BenchReport::nowNs();
        w.render(&image);
        ms.push_back(double(BenchReport::nowNs() - t0) / 1e6);
    }
    std::nth_element(ms.begin(), ms.begin() + kRepaints / 2, ms.end());
    return {ms[kRepaints / 2], allocations};
}

} // namespace

int main(int argc, char *argv[])
{
    QApplication app(argc, argv);

    // Repaint: 100,000 marks over ten minutes.
    constexpr qsizetype kMarks = 100'000;
    const qint64 step = 600'000'000'000 / kMarks;
    TimelineWidget w;
    w.resize(1600, 900);
    w.applyChanges(lanes());
    w.applyChanges(events(0, kMarks, step));
    w.fit();
    const Repaint whole = repaint(w);
    if (const QByteArray shot = qgetenv("MDNSCOPE_TIMELINE_SHOT"); !shot.isEmpty())
        w.grab().save(QString::fromLocal8Bit(shot)); // to look at the dense view by eye
    w.zoom(10.0 / 600.0, w.plotRect().right());
    const Repaint window = repaint(w);
    TimelineWidget few;
    few.resize(1600, 900);
    few.applyChanges(lanes());
    few.applyChanges(events(0, 1'000, 600'000'000'000 / 1'000));
    few.fit();
    const Repaint sparse = repaint(few);
    BenchReport::row(u"Timeline repaint"_s,
                     u"1600×900 timeline, 100,000 marks on 20 hosts over 10 min, rendered "
                     "offscreen into a QImage (median of %1): whole capture in view / a 10 s "
                     "window / 1,000 marks in view"_s.arg(kRepaints),
                     u"%1 / %2 / %3 ms"_s.arg(BenchReport::num(whole.medianMs, 2),
                                              BenchReport::num(window.medianMs, 2),
                                              BenchReport::num(sparse.medianMs, 2)),
                     u"-"_s, u"< 16 ms (60 frames/s)"_s,
                     BenchReport::met(whole.medianMs < 16 && window.medianMs < 16));
    BenchReport::row(u"Timeline repaint allocations"_s,
                     u"allocations of one repaint: 100,000 marks / 1,000 marks (nothing per "
                     "mark: the two must be equal)"_s,
                     u"%1 / %2"_s.arg(whole.allocations).arg(sparse.allocations), u"-"_s,
                     u"equal"_s, BenchReport::met(whole.allocations == sparse.allocations));

    // Append: 1,000,000 events to the bound, then 200,000 that drop the oldest.
    constexpr qsizetype kBatch = 1024;
    constexpr qsizetype kEvents = 1'000'000;
    constexpr qsizetype kMore = 200'000;
    std::vector<BehaviourChanges> batches;
    for (qsizetype first = 0; first < kEvents + kMore; first += kBatch)
        batches.push_back(events(first, std::min(kBatch, kEvents + kMore - first), 1'000'000));
    TimelineStore store;
    store.apply(lanes());
    qint64 fillNs = 0, moreNs = 0;
    qsizetype done = 0;
    for (const BehaviourChanges &b : batches) {
        const qint64 t0 = BenchReport::nowNs();
        store.apply(b);
        (done < kEvents ? fillNs : moreNs) += BenchReport::nowNs() - t0;
        done += b.events.size();
    }
    const double fillPer = double(fillNs) / double(kEvents);
    const double morePer = double(moreNs) / double(kMore);
    BenchReport::row(
        u"Timeline append"_s,
        u"BehaviourChanges of 1024 events into the TimelineStore (20 hosts): "
        "1,000,000 events up to its bound / 200,000 more dropping the oldest "
        "(%1 kept, %2 dropped)"_s.arg(BenchReport::num(double(store.size())),
                                      BenchReport::num(double(store.dropped()))),
        u"%1 / %2 ns/event"_s.arg(BenchReport::num(fillPer, 0), BenchReport::num(morePer, 0)),
        u"-"_s, u"< 1 µs/event"_s, BenchReport::met(fillPer < 1000 && morePer < 1000));
    return 0;
}

// The GUI thread's cost of the three behaviour views (issue #16: timeline, latency, talkers)
// at 20,000 packets/s. The benchmark capture's packets (bench/run.sh gives it the
// 200,000-packet file) are re-timed 50 us apart, i.e. 10 s of capture at 20,000 packets/s, and
// fed (off the clock) through the conformance checker and the behaviour model as the window's
// decode thread does, taking their changes every 2,000 packets (every 100 ms of capture time,
// the window's pace). Then, on the clock, the GUI thread's part: the 100 change sets applied to
// the three panels, all shown side by side (offscreen), each change followed by a repaint of
// the three. Prints the GUI thread's CPU time per second of capture (its share of one core)
// and its allocations per packet.
#include "AllocationCounter.h"
#include "BehaviourConsumer.h"
#include "BehaviourModel.h"
#include "BenchReport.h"
#include "CaptureFileReader.h"
#include "CheckerConsumer.h"
#include "ConformanceChecker.h"
#include "LatencyPanel.h"
#include "PacketPipeline.h"
#include "TalkersPanel.h"
#include "TimelinePanel.h"

#include <QApplication>
#include <QHBoxLayout>
#include <QTextStream>

#include <ctime>

using namespace Qt::StringLiterals;

namespace {

qint64 threadCpuNs()
{
    timespec ts{};
    clock_gettime(CLOCK_THREAD_CPUTIME_ID, &ts);
    return qint64(ts.tv_sec) * 1'000'000'000 + ts.tv_nsec;
}

constexpr qint64 kSpacingNs = 50'000;  // 20,000 packets/s
constexpr qsizetype kPerChange = 2000; // 100 ms of capture

} // namespace

int main(int argc, char *argv[])
{
    QApplication app(argc, argv);
    if (argc < 2) {
        QTextStream(stderr) << "usage: bench_behaviourviews CAPTURE.pcapng\n";
        return 2;
    }
    CaptureFileResult file = CaptureFileReader::readFile(QString::fromLocal8Bit(argv[1]));
    if (file.error || file.packets.isEmpty()) {
        QTextStream(stderr) << "bench_behaviourviews: cannot read " << argv[1] << '\n';
        return 1;
    }
    QList<Packet> &packets = file.packets;
    const qint64 start = packets.constFirst().timestampNs;
    for (qsizetype i = 0; i < packets.size(); ++i)
        packets[i].timestampNs = start + qint64(i) * kSpacingNs;

    // The decode thread's part, off the clock.
    ConformanceChecker checker;
    CheckerConsumer checkerFeed(checker);
    BehaviourModel model;
    BehaviourConsumer behaviourFeed(model, &checker);
    PacketPipeline pipeline;
    pipeline.addConsumer(checkerFeed);
    pipeline.addConsumer(behaviourFeed);
    QList<BehaviourChanges> behaviour;
    QList<FindingChanges> findings;
    for (qsizetype first = 0; first < packets.size(); first += kPerChange) {
        pipeline.push(packets.mid(first, kPerChange));
        behaviour.append(model.takeChanges());
        findings.append(checker.takeChanges());
    }

    // The GUI thread's part.
    QWidget window;
    auto *layout = new QHBoxLayout(&window);
    auto *timeline = new TimelinePanel;
    auto *latency = new LatencyPanel;
    auto *talkers = new TalkersPanel;
    layout->addWidget(timeline, 2);
    layout->addWidget(latency, 1);
    layout->addWidget(talkers, 1);
    window.resize(1900, 700);
    window.show();
    QCoreApplication::processEvents();

    const AllocationCounts before = AllocationCounter::thisThread();
    const qint64 t0 = threadCpuNs();
    for (qsizetype i = 0; i < behaviour.size(); ++i) {
        timeline->applyChanges(behaviour.at(i));
        timeline->applyFindings(findings.at(i));
        latency->applyChanges(behaviour.at(i));
        talkers->apply(behaviour.at(i));
        window.repaint(); // what the screen shows after each change, at once
        QCoreApplication::processEvents();
    }
    const qint64 ns = threadCpuNs() - t0;
    const AllocationCounts d = AllocationCounter::delta(before, AllocationCounter::thisThread());
    const double captureSeconds = double(packets.size()) * double(kSpacingNs) / 1e9;
    const double busy = double(ns) / 1e9 / captureSeconds;
    BenchReport::row(
        u"Behaviour views at 20,000 packets/s"_s,
        u"timeline, latency and talkers shown side by side, %1 change sets (every 100 ms) of %2 "
        u"packets, each applied and repainted"_s.arg(behaviour.size())
            .arg(BenchReport::num(double(packets.size()))),
        u"GUI thread %1 ms CPU per s of capture (%2 % of a core), %3 allocations per packet"_s
            .arg(BenchReport::num(double(ns) / 1e6 / captureSeconds, 1))
            .arg(BenchReport::num(busy * 100.0, 1))
            .arg(BenchReport::num(double(d.allocations) / double(packets.size()), 2)),
        u"-"_s, u"< 50 % of a core"_s, BenchReport::met(busy < 0.5));
    return 0;
}

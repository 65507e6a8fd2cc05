// The whole window capturing live, as a user runs it: MainWindow on lo inside a private
// network namespace, a sender thread multicasting a steady stream of announcements and
// queries from two addresses, the packet list following the newest packet, the senders table
// and the charts visible. After a warm-up it measures, with pooling on and then off, the
// allocations of the whole process, of the GUI thread and of the capture thread per second
// and per packet. The app exists to show what buffer pooling saves in the capture thread: the
// process line of its allocation chart must not be drowned by the GUI's own allocations, so
// switching pooling off (one 9000-byte buffer per packet) must visibly raise the process's
// bytes per second.
//
//   bench_guiallocations [packets/s = 200] [seconds per phase = 8]
// Runs on the platform QT_QPA_PLATFORM names (offscreen paints into images like a screen).
#include "AllocationCounter.h"
#include "BenchReport.h"
#include "CaptureSession.h"
#include "MainWindow.h"
#include "MdnsBuilder.h"
#include "MulticastSender.h"
#include "NetNamespace.h"
#include "PacketDocument.h"

#include <QAction>
#include <QApplication>
#include <QEventLoop>
#include <QStandardPaths>
#include <QTimer>

#include <atomic>
#include <chrono>
#include <thread>

using namespace Qt::StringLiterals;

namespace {

const QString kBenchmark = u"GUI allocations while capturing"_s;

QList<QByteArray> traffic()
{
    using namespace MdnsBuilder;
    QList<QByteArray> out;
    for (int i = 0; i < 160; ++i) {
        if (i % 4 == 0) {
            out.append(query(u"_services._dns-sd._udp.local"_s, 12));
            continue;
        }
        const int n = i % 40;
        const QString instance = u"Printer %1._ipp._tcp.local"_s.arg(n);
        const QString host = u"host%1.local"_s.arg(n);
        out.append(response({ptr(u"_ipp._tcp.local"_s, instance), srv(instance, 631, host),
                             txt(instance, {"txtvers=1", "qtotal=1"}),
                             a(host, 0xA9FE0000u + quint32(n + 1))}));
    }
    return out;
}

void wait(int ms)
{
    QEventLoop loop;
    QTimer::singleShot(ms, &loop, &QEventLoop::quit);
    loop.exec();
}

struct Sample
{
    AllocationCounts process, gui, capture;
    quint64 packets = 0;
    qint64 ns = 0;
};

struct Rates
{
    double packetsPerSecond = 0;
    double processAllocs = 0, processBytes = 0;
    double guiAllocs = 0, guiBytes = 0;
    double captureAllocs = 0, captureBytes = 0;
};

Rates rates(const Sample &a, const Sample &b)
{
    const double seconds = double(std::max<qint64>(b.ns - a.ns, 1)) / 1e9;
    auto perSecond = [&](quint64 after, quint64 before) {
        return after >= before ? double(after - before) / seconds : 0.0;
    };
    Rates r;
    r.packetsPerSecond = perSecond(b.packets, a.packets);
    r.processAllocs = perSecond(b.process.allocations, a.process.allocations);
    r.processBytes = perSecond(b.process.bytesAllocated, a.process.bytesAllocated);
    r.guiAllocs = perSecond(b.gui.allocations, a.gui.allocations);
    r.guiBytes = perSecond(b.gui.bytesAllocated, a.gui.bytesAllocated);
    r.captureAllocs = perSecond(b.capture.allocations, a.capture.allocations);
    r.captureBytes = perSecond(b.capture.bytesAllocated, a.capture.bytesAllocated);
    return r;
}

QString line(const char *label, double allocs, double bytes, double packetsPerSecond)
{
    const double pps = std::max(packetsPerSecond, 1.0);
    return u"%1 %2 allocs/s, %3 B/s (%4 allocs, %5 B per packet)"_s.arg(
        QLatin1StringView(label), BenchReport::num(allocs), BenchReport::num(bytes),
        BenchReport::num(allocs / pps, 1), BenchReport::num(bytes / pps));
}

} // namespace

int main(int argc, char *argv[])
{
    NetNamespace::enter();
    QStandardPaths::setTestModeEnabled(true); // never touch the user's settings
    QApplication app(argc, argv);
    const int rate = argc > 1 ? std::max(QByteArray(argv[1]).toInt(), 1) : 200;
    const int seconds = argc > 2 ? std::max(QByteArray(argv[2]).toInt(), 1) : 8;
    const QString what = u"MainWindow capturing %1 packets/s on lo, list following, senders and "
                         "charts shown; %2 s pooled after a 3 s warm-up"_s.arg(rate)
                             .arg(seconds);
    auto notMeasured = [&](const QString &why) {
        BenchReport::row(kBenchmark, what, u"not measured: "_s + why, u"-"_s, u"-"_s, u"-"_s);
        return 0;
    };
    if (!NetNamespace::isPrivate())
        return notMeasured(NetNamespace::failureReason());
    if (!AllocationCounter::countsMalloc())
        return notMeasured(u"malloc is not counted in this build"_s);

    MainWindow window;
    window.resize(1500, 950);
    window.setInterface(u"lo"_s);
    window.poolingAction()->setChecked(true);
    window.show();
    AllocationCounts captureCounts;
    QObject::connect(window.session(), &CaptureSession::statsUpdated, &window,
                     [&](const CaptureStats &s) { captureCounts = s.captureThread; });
    window.startCapture();
    for (int i = 0; i < 50 && window.state() != MainWindow::State::Capturing; ++i)
        wait(100);
    if (window.state() != MainWindow::State::Capturing)
        return notMeasured(u"the capture did not start"_s);

    const QList<QByteArray> datagrams = traffic();
    std::atomic<bool> stop{false};
    std::atomic<quint64> sent{0};
    AllocationCounts senderCounts;
    std::thread sender([&] {
        MulticastSender::Options a, b;
        a.sourceAddress = u"169.254.0.1"_s;
        b.sourceAddress = u"127.0.0.1"_s;
        MulticastSender first(a), second(b);
        const AllocationCounts before = AllocationCounter::thisThread();
        const auto start = std::chrono::steady_clock::now();
        const auto step = std::chrono::nanoseconds(1'000'000'000 / rate);
        for (quint64 i = 0; !stop.load(std::memory_order_relaxed); ++i) {
            std::this_thread::sleep_until(start + step * qint64(i));
            (i % 2 ? second : first).send(datagrams.at(qsizetype(i % quint64(datagrams.size()))));
            sent.store(i + 1, std::memory_order_relaxed);
        }
        senderCounts = AllocationCounter::delta(before, AllocationCounter::thisThread());
    });

    auto sample = [&] {
        Sample s;
        s.ns = BenchReport::nowNs();
        s.process = AllocationCounter::process();
        s.gui = AllocationCounter::thisThread();
        s.capture = captureCounts; // as of the latest stats (every 250 ms)
        s.packets = window.document()->totalPackets();
        return s;
    };
    wait(3000);
    const Sample pooledStart = sample();
    wait(seconds * 1000);
    const Sample pooledEnd = sample();
    window.poolingAction()->setChecked(false);
    wait(1000);
    const Sample unpooledStart = sample();
    wait(seconds * 1000);
    const Sample unpooledEnd = sample();
    stop = true;
    sender.join();
    window.stopCapture();
    for (int i = 0; i < 50 && window.session()->isRunning(); ++i)
        wait(100);

    const Rates pooled = rates(pooledStart, pooledEnd);
    const Rates unpooled = rates(unpooledStart, unpooledEnd);
    BenchReport::note(u"bench_guiallocations: %1 packets/s pooled, %2 unpooled; %3 sent; "
                      "sender thread %4 allocations"_s.arg(pooled.packetsPerSecond, 0, 'f', 1)
                          .arg(unpooled.packetsPerSecond, 0, 'f', 1)
                          .arg(sent.load())
                          .arg(senderCounts.allocations));
    const double guiPerPacket = pooled.guiAllocs / std::max(pooled.packetsPerSecond, 1.0);
    const double guiBytesPerPacket = pooled.guiBytes / std::max(pooled.packetsPerSecond, 1.0);
    BenchReport::row(
        kBenchmark, what,
        line("process", pooled.processAllocs, pooled.processBytes, pooled.packetsPerSecond) +
            u"; "_s +
            line("GUI thread", pooled.guiAllocs, pooled.guiBytes, pooled.packetsPerSecond) +
            u"; "_s +
            line("capture thread", pooled.captureAllocs, pooled.captureBytes,
                 pooled.packetsPerSecond),
        u"GUI thread %1 allocs, %2 B per packet"_s.arg(BenchReport::num(guiPerPacket, 1),
                                                       BenchReport::num(guiBytesPerPacket)),
        u"GUI thread < 9,000 B per packet (one receive buffer)"_s,
        BenchReport::met(guiBytesPerPacket < 9000));
    const double ratio = pooled.processBytes > 0 ? unpooled.processBytes / pooled.processBytes : 0;
    BenchReport::row(
        u"Pooling off, as the process chart shows it"_s,
        u"the same capture, %1 s with pooling switched off: process bytes/s against the "
        "pooled phase"_s.arg(seconds),
        u"process %1 B/s pooled, %2 B/s unpooled; capture thread %3 B/s unpooled "
        "(%4 B per packet)"_s.arg(
            BenchReport::num(pooled.processBytes), BenchReport::num(unpooled.processBytes),
            BenchReport::num(unpooled.captureBytes),
            BenchReport::num(unpooled.captureBytes / std::max(unpooled.packetsPerSecond, 1.0))),
        u"%1x"_s.arg(BenchReport::num(ratio, 2)), u">= 1.5x"_s, BenchReport::met(ratio >= 1.5));
    return 0;
}

// The whole window capturing live, as a user runs it: MainWindow on lo inside a private
// network namespace, a sender thread multicasting a steady stream of announcements and
// queries from two addresses, the packet list following the newest packet and every dock
// shown side by side (senders, charts, services, findings, behaviour: none tabbed behind
// another). It measures two things:
//  1. at `packets/s` (200) with pooling on, after a warm-up: the allocations of the whole
//     process, of the GUI thread and of the capture thread per second and per packet (the
//     target: the GUI thread at most 2 allocations per packet);
//  2. at `ratio packets/s` (1,000) of `bytes` (300-byte datagrams), the process's bytes
//     allocated per second with pooling on and then off. The app exists to show what buffer
//     pooling saves in the capture thread: the process line of its allocation chart must not
//     be drowned by the window's own allocations, so switching pooling off (one 9000-byte
//     buffer per packet) must raise the process's bytes per second at least tenfold.
//
//   bench_guiallocations [packets/s = 200] [seconds per phase = 8] [ratio packets/s = 1000]
//                        [bytes = 300]
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
#include <QDockWidget>
#include <QEventLoop>
#include <QStandardPaths>
#include <QTimer>

#include <atomic>
#include <chrono>
#include <mutex>
#include <thread>

using namespace Qt::StringLiterals;

namespace {

const QString kBenchmark = u"GUI allocations while capturing"_s;

// Announcements of 40 printers and queries for the service types. With `size` > 0 every
// datagram is padded (a TXT string) to exactly that many bytes of UDP payload.
QList<QByteArray> traffic(int size = 0)
{
    using namespace MdnsBuilder;
    QList<QByteArray> out;
    for (int i = 0; i < 160; ++i) {
        const int n = i % 40;
        const QString instance = u"Printer %1._ipp._tcp.local"_s.arg(n);
        const QString host = u"host%1.local"_s.arg(n);
        auto build = [&](int pad) {
            if (i % 4 == 0 && size == 0)
                return query(u"_services._dns-sd._udp.local"_s, 12);
            QList<QByteArray> strings{"txtvers=1", "qtotal=1"};
            if (pad > 0)
                strings.append("x=" + QByteArray(pad - 1 - 2, 'x'));
            return response({ptr(u"_ipp._tcp.local"_s, instance), srv(instance, 631, host),
                             txt(instance, strings), a(host, 0xA9FE0000u + quint32(n + 1))});
        };
        QByteArray datagram = build(0);
        if (size > 0 && datagram.size() + 4 <= size)
            datagram = build(int(size - datagram.size())); // 1 length byte + "x=" + the rest
        out.append(datagram);
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

// Every dock shown, none tabbed behind another: the services and findings on the left, the
// charts on the right, the senders and the behaviour views below.
void showEveryDock(MainWindow &window)
{
    auto dock = [&](const QString &name) {
        return window.findChild<QDockWidget *>(name, Qt::FindDirectChildrenOnly);
    };
    QDockWidget *senders = dock(u"sendersDock"_s), *charts = dock(u"chartsDock"_s),
                *services = dock(u"servicesDock"_s), *findings = dock(u"findingsDock"_s),
                *behaviour = dock(u"behaviourDock"_s);
    for (QDockWidget *d : {senders, charts, services, findings, behaviour}) {
        if (d == nullptr)
            qFatal("a dock is missing");
        d->setFloating(false);
        d->show();
    }
    window.addDockWidget(Qt::RightDockWidgetArea, charts);
    window.addDockWidget(Qt::LeftDockWidgetArea, services);
    window.splitDockWidget(services, findings, Qt::Vertical);
    window.addDockWidget(Qt::BottomDockWidgetArea, senders);
    window.splitDockWidget(senders, behaviour, Qt::Horizontal);
    window.resizeDocks({services, charts}, {420, 480}, Qt::Horizontal);
    window.resizeDocks({senders}, {260}, Qt::Vertical);
}

// Sends one list of datagrams at one rate until told otherwise, from two addresses.
class Sender
{
public:
    Sender()
        : m_thread([this] { run(); })
    {}
    ~Sender()
    {
        m_stop = true;
        m_thread.join();
    }
    void send(const QList<QByteArray> &datagrams, int rate)
    {
        const std::lock_guard lock(m_mutex);
        m_next = datagrams;
        m_nextRate = rate;
        ++m_generation;
    }
    quint64 sent() const { return m_sent.load(std::memory_order_relaxed); }
    quint64 allocations() const { return m_allocations.load(); }

private:
    void run()
    {
        MulticastSender::Options a, b;
        a.sourceAddress = u"169.254.0.1"_s;
        b.sourceAddress = u"127.0.0.1"_s;
        MulticastSender first(a), second(b);
        const AllocationCounts before = AllocationCounter::thisThread();
        QList<QByteArray> datagrams;
        int rate = 1;
        quint64 generation = 0;
        auto start = std::chrono::steady_clock::now();
        quint64 i = 0;
        while (!m_stop.load(std::memory_order_relaxed)) {
            {
                const std::lock_guard lock(m_mutex);
                if (m_generation != generation) {
                    generation = m_generation;
                    datagrams = m_next;
                    rate = m_nextRate;
                    start = std::chrono::steady_clock::now();
                    i = 0;
                }
            }
            if (datagrams.isEmpty()) {
                std::this_thread::sleep_for(std::chrono::milliseconds(10));
                continue;
            }
            std::this_thread::sleep_until(start + std::chrono::nanoseconds(1'000'000'000 / rate) *
                                                      qint64(i));
            (i % 2 ? second : first).send(datagrams.at(qsizetype(i % quint64(datagrams.size()))));
            ++i;
            m_sent.fetch_add(1, std::memory_order_relaxed);
        }
        m_allocations =
            AllocationCounter::delta(before, AllocationCounter::thisThread()).allocations;
    }

    std::mutex m_mutex;
    QList<QByteArray> m_next;
    int m_nextRate = 1;
    quint64 m_generation = 0;
    std::atomic<bool> m_stop{false};
    std::atomic<quint64> m_sent{0};
    std::atomic<quint64> m_allocations{0};
    std::thread m_thread;
};

} // namespace

int main(int argc, char *argv[])
{
    NetNamespace::enter();
    QStandardPaths::setTestModeEnabled(true); // never touch the user's settings
    QApplication app(argc, argv);
    auto arg = [&](int i, int fallback) {
        return argc > i ? std::max(QByteArray(argv[i]).toInt(), 1) : fallback;
    };
    const int rate = arg(1, 200);
    const int seconds = arg(2, 8);
    const int ratioRate = arg(3, 1000);
    const int ratioSize = std::max(arg(4, 300), 200);
    const QString what = u"MainWindow capturing %1 packets/s on lo, list following, every dock "
                         "shown (senders, charts, services, findings, behaviour); %2 s pooled "
                         "after a 3 s warm-up"_s.arg(rate)
                             .arg(seconds);
    const QString ratioWhat =
        u"the same window capturing %1 datagrams/s of %2 B: process "
        "bytes/s over %3 s with pooling off against %3 s with it on"_s.arg(ratioRate)
            .arg(ratioSize)
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
    window.resize(1800, 1100);
    window.setInterface(u"lo"_s);
    window.poolingAction()->setChecked(true);
    showEveryDock(window);
    window.show();
    AllocationCounts captureCounts;
    QObject::connect(window.session(), &CaptureSession::statsUpdated, &window,
                     [&](const CaptureStats &s) { captureCounts = s.captureThread; });
    window.startCapture();
    for (int i = 0; i < 50 && window.state() != MainWindow::State::Capturing; ++i)
        wait(100);
    if (window.state() != MainWindow::State::Capturing)
        return notMeasured(u"the capture did not start"_s);

    auto sample = [&] {
        Sample s;
        s.ns = BenchReport::nowNs();
        s.process = AllocationCounter::process();
        s.gui = AllocationCounter::thisThread();
        s.capture = captureCounts; // as of the latest stats (every 250 ms)
        s.packets = window.document()->totalPackets();
        return s;
    };
    Rates steady, pooled, unpooled;
    {
        Sender sender;
        sender.send(traffic(), rate);
        wait(3000);
        const Sample start = sample();
        wait(seconds * 1000);
        steady = rates(start, sample());

        sender.send(traffic(ratioSize), ratioRate);
        wait(2000);
        const Sample pooledStart = sample();
        wait(seconds * 1000);
        const Sample pooledEnd = sample();
        window.poolingAction()->setChecked(false);
        wait(1000);
        const Sample unpooledStart = sample();
        wait(seconds * 1000);
        const Sample unpooledEnd = sample();
        pooled = rates(pooledStart, pooledEnd);
        unpooled = rates(unpooledStart, unpooledEnd);
        sender.send({}, 1);
        BenchReport::note(u"bench_guiallocations: %1 sent"_s.arg(sender.sent()));
    }
    window.stopCapture();
    for (int i = 0; i < 50 && window.session()->isRunning(); ++i)
        wait(100);

    BenchReport::note(u"bench_guiallocations: %1 packets/s steady; at the ratio's rate %2 "
                      "packets/s pooled, %3 unpooled"_s.arg(steady.packetsPerSecond, 0, 'f', 1)
                          .arg(pooled.packetsPerSecond, 0, 'f', 1)
                          .arg(unpooled.packetsPerSecond, 0, 'f', 1));
    const double pps = std::max(steady.packetsPerSecond, 1.0);
    const double guiPerPacket = steady.guiAllocs / pps;
    const double guiBytesPerPacket = steady.guiBytes / pps;
    BenchReport::row(
        kBenchmark, what,
        line("process", steady.processAllocs, steady.processBytes, steady.packetsPerSecond) +
            u"; "_s +
            line("GUI thread", steady.guiAllocs, steady.guiBytes, steady.packetsPerSecond) +
            u"; "_s +
            line("capture thread", steady.captureAllocs, steady.captureBytes,
                 steady.packetsPerSecond),
        u"GUI thread %1 allocs, %2 B per packet"_s.arg(BenchReport::num(guiPerPacket, 1),
                                                       BenchReport::num(guiBytesPerPacket)),
        u"GUI thread <= 2 allocations per packet"_s, BenchReport::met(guiPerPacket <= 2));
    const double ratio = pooled.processBytes > 0 ? unpooled.processBytes / pooled.processBytes : 0;
    const double pooledPps = std::max(pooled.packetsPerSecond, 1.0);
    const double unpooledPps = std::max(unpooled.packetsPerSecond, 1.0);
    BenchReport::row(
        u"Pooling off, as the process chart shows it"_s, ratioWhat,
        u"process %1 B/s pooled (%2 B, %3 allocs per packet; GUI thread %4 B, %5 allocs), "
        "%6 B/s unpooled (%7 B per packet); capture thread %8 B per packet pooled, %9 "
        "unpooled"_s.arg(BenchReport::num(pooled.processBytes),
                         BenchReport::num(pooled.processBytes / pooledPps),
                         BenchReport::num(pooled.processAllocs / pooledPps, 1),
                         BenchReport::num(pooled.guiBytes / pooledPps),
                         BenchReport::num(pooled.guiAllocs / pooledPps, 1),
                         BenchReport::num(unpooled.processBytes),
                         BenchReport::num(unpooled.processBytes / unpooledPps),
                         BenchReport::num(pooled.captureBytes / pooledPps),
                         BenchReport::num(unpooled.captureBytes / unpooledPps)),
        u"%1x"_s.arg(BenchReport::num(ratio, 2)), u">= 10x"_s, BenchReport::met(ratio >= 10));
    return 0;
}

// The whole window capturing a flood (issue #18, target 4): MainWindow on lo inside a private
// network namespace, a MulticastFlooder sending announcements and queries paced at a fixed rate
// (default 50,000 packets/s), the packet list following the newest packet, the senders table,
// the charts and every dock shown (services, findings, behaviour: the analysis views included).
// After a 2 s warm-up it measures, over the given duration, the GUI thread's busy share (its
// CPU time by CLOCK_THREAD_CPUTIME_ID over wall time), the packets the window counted against
// those sent, and the kernel drops the capture reported. A bare receiver is not run beside it:
// on this 2-core machine the flooder, the capture thread, the decode thread and the GUI thread
// already share the two cores, so drops are reported with the machine's load and the decode
// thread's share, to tell a slow GUI from a starved capture thread.
//
//   bench_guilive [packets/s = 50000] [seconds = 60]
// Runs on the platform QT_QPA_PLATFORM names (offscreen paints into images like a screen).
#include "BenchReport.h"
#include "CaptureSession.h"
#include "MainWindow.h"
#include "MdnsBuilder.h"
#include "MulticastFlooder.h"
#include "NetNamespace.h"
#include "PacketDocument.h"
#include "PacketListPanel.h"

#include <QApplication>
#include <QDockWidget>
#include <QEventLoop>
#include <QFile>
#include <QStandardPaths>
#include <QTimer>

#include <ctime>

using namespace Qt::StringLiterals;

namespace {

const QString kBenchmark = u"GUI thread while capturing a flood"_s;

QList<QByteArray> traffic()
{
    using namespace MdnsBuilder;
    QList<QByteArray> out;
    for (int i = 0; i < 400; ++i) {
        if (i % 4 == 0) {
            out.append(query(u"_ipp._tcp.local"_s, 12));
            continue;
        }
        const int n = i % 100;
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

qint64 threadCpuNs()
{
    timespec ts{};
    clock_gettime(CLOCK_THREAD_CPUTIME_ID, &ts);
    return qint64(ts.tv_sec) * 1'000'000'000 + ts.tv_nsec;
}

qint64 processCpuNs()
{
    timespec ts{};
    clock_gettime(CLOCK_PROCESS_CPUTIME_ID, &ts);
    return qint64(ts.tv_sec) * 1'000'000'000 + ts.tv_nsec;
}

QString loadAverage()
{
    QFile f(u"/proc/loadavg"_s);
    if (!f.open(QIODevice::ReadOnly))
        return u"?"_s;
    return QString::fromLatin1(f.readAll().split(' ').value(0));
}

} // namespace

int main(int argc, char *argv[])
{
    NetNamespace::enter();
    QStandardPaths::setTestModeEnabled(true); // never touch the user's settings
    QApplication app(argc, argv);
    const int rate = argc > 1 ? std::max(QByteArray(argv[1]).toInt(), 1) : 50'000;
    const int seconds = argc > 2 ? std::max(QByteArray(argv[2]).toInt(), 1) : 60;
    const QString what =
        u"MainWindow capturing %1 packets/s on lo for %2 s (after a 2 s warm-up), list "
        "following, senders, charts, services, findings and behaviour docks shown"_s.arg(rate)
            .arg(seconds);
    auto notMeasured = [&](const QString &why) {
        BenchReport::row(kBenchmark, what, u"not measured: "_s + why, u"-"_s, u"-"_s, u"-"_s);
        return 0;
    };
    if (!NetNamespace::isPrivate())
        return notMeasured(NetNamespace::failureReason());

    MainWindow window;
    window.resize(1600, 1000);
    window.setInterface(u"lo"_s);
    window.poolingAction()->setChecked(true);
    window.show();
    // Every dock side by side (the window tabs some of them together: a tab behind another
    // would not paint).
    window.addDockWidget(Qt::RightDockWidgetArea, window.chartsDock(), Qt::Vertical);
    window.addDockWidget(Qt::RightDockWidgetArea, window.servicesDock(), Qt::Vertical);
    window.addDockWidget(Qt::LeftDockWidgetArea, window.findingsDock(), Qt::Vertical);
    window.addDockWidget(Qt::BottomDockWidgetArea, window.behaviourDock(), Qt::Horizontal);
    for (QDockWidget *dock : window.findChildren<QDockWidget *>()) {
        if (dock != window.behaviourDock() &&
            window.dockWidgetArea(dock) == Qt::BottomDockWidgetArea)
            window.addDockWidget(Qt::BottomDockWidgetArea, dock, Qt::Horizontal); // senders
        dock->show();
    }
    window.packetList()->setFollowNewest(true);
    CaptureStats latest;
    QObject::connect(window.session(), &CaptureSession::statsUpdated, &window,
                     [&](const CaptureStats &s) { latest = s; });
    window.startCapture();
    for (int i = 0; i < 50 && window.state() != MainWindow::State::Capturing; ++i)
        wait(100);
    if (window.state() != MainWindow::State::Capturing)
        return notMeasured(u"the capture did not start"_s);

    MulticastFlooder flooder;
    constexpr double kWarmUp = 2;
    if (!flooder.start(traffic(), kWarmUp + seconds + 0.5, rate))
        return notMeasured(u"the flooder could not start"_s);
    wait(int(kWarmUp * 1000));

    const CaptureStats before = latest;
    const quint64 packets0 = window.document()->totalPackets();
    const quint64 sent0 = flooder.sent();
    const qint64 wall0 = BenchReport::nowNs();
    const qint64 gui0 = threadCpuNs();
    const qint64 process0 = processCpuNs();
    // Sampled each second: the busiest second counts too (a window stalls in its worst one).
    double worstSecond = 0;
    qint64 lastWall = wall0, lastGui = gui0;
    for (int s = 0; s < seconds; ++s) {
        wait(1000);
        const qint64 wall = BenchReport::nowNs(), gui = threadCpuNs();
        worstSecond = std::max(worstSecond, double(gui - lastGui) / double(wall - lastWall));
        lastWall = wall;
        lastGui = gui;
    }
    const qint64 wallNs = BenchReport::nowNs() - wall0;
    const qint64 guiNs = threadCpuNs() - gui0;
    const qint64 processNs = processCpuNs() - process0;
    const quint64 packets = window.document()->totalPackets() - packets0;
    const quint64 sent = flooder.sent() - sent0;
    const CaptureStats after = latest; // as of the last stats (every 250 ms)
    flooder.join();
    window.stopCapture();
    for (int i = 0; i < 50 && window.session()->isRunning(); ++i)
        wait(100);
    const quint64 drops = after.kernelDrops - before.kernelDrops;
    const quint64 received = after.packets - before.packets;
    const QString load = loadAverage();

    const double busy = double(guiNs) / double(wallNs);
    const double pps = double(packets) / (double(wallNs) / 1e9);
    // When the machine cannot decode the rate (the decode thread starved by other load), fewer
    // packets reach the GUI than were sent: its CPU per packet shown, times the rate, is then
    // the share it would take at the full rate (informative; per-publication costs make it an
    // overestimate, as the window publishes at most ten times a second whatever the rate).
    const double projected = packets > 0 ? double(guiNs) / double(packets) * rate / 1e9 : 0.0;
    BenchReport::note(
        u"bench_guilive: %1 packets/s shown (%2 sent in the window, %10 received "
        "by the capture, %3 shown), kernel drops %4; GUI thread %5 s of %6 s "
        "(busiest second %7 %); whole process %8 s CPU; load %9"_s.arg(BenchReport::num(pps))
            .arg(sent)
            .arg(packets)
            .arg(drops)
            .arg(guiNs / 1e9, 0, 'f', 2)
            .arg(wallNs / 1e9, 0, 'f', 1)
            .arg(worstSecond * 100, 0, 'f', 1)
            .arg(processNs / 1e9, 0, 'f', 2)
            .arg(load)
            .arg(received));
    BenchReport::row(
        kBenchmark, what + u" (load %1)"_s.arg(load),
        u"GUI thread %1 % busy (busiest second %2 %; %3 µs per packet shown, %4 % at the full "
        "rate); %5 sent, %6 received, %7 shown; %8 kernel drops"_s
            .arg(BenchReport::num(busy * 100, 1), BenchReport::num(worstSecond * 100, 1),
                 BenchReport::num(packets > 0 ? double(guiNs) / 1e3 / double(packets) : 0, 2),
                 BenchReport::num(projected * 100, 1))
            .arg(sent)
            .arg(received)
            .arg(packets)
            .arg(drops),
        u"%1 packets/s"_s.arg(BenchReport::num(pps)), u"GUI thread < 50 % busy, no kernel drops"_s,
        // Shown well short of sent: the GUI thread was not given the rate (the decode thread
        // fell behind), so its busy share says nothing about the target.
        double(packets) < 0.9 * double(sent)
            ? u"not shown: %1 % of the packets reached the window (decode thread behind; "
              "load %2)"_s.arg(
                  BenchReport::num(100.0 * double(packets) / double(std::max<quint64>(sent, 1)), 1),
                  load)
            : BenchReport::met(busy < 0.5 && drops == 0));
    return 0;
}

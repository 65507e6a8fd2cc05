// Benchmark: the CPU a capture to a file costs, mdnscope against dumpcap (and tcpdump for
// reference), and zero kernel drops at a paced rate, the engine and a bare loop in the same runs.
//
// 1. CPU (the default mode). Inside a private network namespace a sender pushes the same
//    DATAGRAMS real mDNS datagrams (../shared/corpus, cycled) to 224.0.0.251:5353 out of one end
//    of a veth pair (sendmmsg, flat out unless RATE is given); one capturer at a time takes them
//    on the other end and writes them to a file:
//      mdnscope --headless --interface mdnscapt0 --family ipv4 --write F.pcapng
//      dumpcap -q -i mdnscapt0 -f "udp port 5353" -w F.pcapng          (pcapng, as mdnscope)
//      tcpdump -i mdnscapt0 -Z root -w F.pcap "udp port 5353"           (pcap: the reference)
//    Each is started as a child process (pinned to one CPU at nice -20 when there are two, the
//    sender to the other), waited for until it says it is capturing, fed the flood, given a
//    short drain, stopped with SIGTERM and reaped with wait4(): its CPU time is the child's
//    rusage (user + system, every thread, start-up and shut-down included). The file it wrote
//    is then read back and must hold every datagram sent; a capturer that missed some is
//    flagged in the row. The same tool is also run once per round without any flood (start,
//    ready, stop) so the row can give the flood's own share (total - idle). Rounds alternate
//    the order (ABC, CBA, ...) so a drift in the machine's load hits all alike; medians with
//    their spread; the ratio is the median of the per-round ratios.
//    Where the cost lands: mdnscope receives through a UDP socket (recvmmsg: the kernel copies
//    each datagram to user space in the capturer's own time), dumpcap and tcpdump through a
//    packet socket's memory-mapped ring (TPACKET_V3: the kernel writes the ring in the sender's
//    softirq, the capturer only reads it), so a bare recvmmsg loop's CPU for the same flood is
//    given too: the least any socket receiver pays.
//
// 2. Paced (`paced`): RUNS runs, each a bare recvmmsg loop (BareReceiver, SO_RCVBUF 4 MiB) and
//    `mdnscope --headless --interface lo --family ipv4 --write F` one after the other (order
//    alternating) receiving RATE x SECONDS datagrams paced at RATE over lo; the bare loop's
//    kernel drops (SO_RXQ_OVFL) and datagrams lost, the datagrams missing from mdnscope's F (no
//    --stats-json: that runs the behaviour model over every packet, ~17 us each here). A run in
//    which the bare loop also dropped shows a machine that descheduled the receiver, not an engine
//    that was too slow.
//
// Usage: bench_capturecpu [MDNSCOPE_BINARY] [DATAGRAMS=200000] [ROUNDS=3] [RATE=0]
//        bench_capturecpu paced [MDNSCOPE_BINARY] [RATE=100000] [SECONDS=10] [RUNS=10]
//                               [EXTRA_ENGINE_ARGS, comma-separated]
// MDNSCOPE_BENCH_WRAP="valgrind --tool=callgrind ...": runs mdnscope under that command (a
// profile; with a low RATE, as valgrind is slow). MDNSCOPE_BENCH_TOOLS=mdnscope: only those.
// MDNSCOPE_BENCH_FREE=1 (paced): the engine not pinned, its threads placed by the scheduler.

#include "BareReceiver.h"
#include "BenchLink.h"
#include "BenchReport.h"
#include "CaptureRounds.h"
#include "CpuAffinity.h"
#include "MulticastFlooder.h"
#include "NetNamespace.h"

#include <QCoreApplication>
#include <QDeadlineTimer>
#include <QFile>
#include <QStandardPaths>
#include <QTemporaryDir>
#include <QThread>

#include <fcntl.h>
#include <sched.h>
#include <signal.h>
#include <sys/prctl.h>
#include <sys/resource.h>
#include <sys/wait.h>
#include <unistd.h>

#include <algorithm>
#include <cstdio>
#include <cstring>
#include <optional>
#include <vector>

using namespace Qt::StringLiterals;
using namespace CaptureRounds;

namespace {

const QString kBench = u"Capture CPU, writing a file"_s;
const QString kPacedBench = u"Paced capture, kernel drops"_s;

struct Tool
{
    QString name;     // as the row shows it
    QString program;  // path or name
    QStringList args; // %OUT% is the output file
    QString suffix;   // of the output file
    QByteArray ready; // on standard error once capturing
};

// Packets in a pcapng (enhanced / simple packet blocks) or pcap file, walking its blocks or
// records without reading the packets; -1 when it is neither or cut short.
qint64 countPackets(const QString &path)
{
    QFile f(path);
    if (!f.open(QIODevice::ReadOnly))
        return -1;
    const qint64 size = f.size();
    uchar *d = f.map(0, size);
    if (!d || size < 24)
        return -1;
    const auto u32 = [&](qint64 at) {
        quint32 v;
        std::memcpy(&v, d + at, 4);
        return v;
    };
    qint64 packets = 0;
    if (u32(0) == 0x0A0D0D0A) {
        for (qint64 at = 0; at < size;) {
            if (at + 12 > size)
                return -1;
            const quint32 type = u32(at), length = u32(at + 4);
            if (length < 12 || length % 4 != 0 || at + length > size)
                return -1;
            packets += type == 6 || type == 3 ? 1 : 0;
            at += length;
        }
        return packets;
    }
    if (u32(0) != 0xA1B2C3D4 && u32(0) != 0xA1B23C4D)
        return -1; // (a host-order pcap is all this benchmark's tools write)
    for (qint64 at = 24; at < size; ++packets) {
        if (at + 16 > size)
            return -1;
        at += 16 + u32(at + 8);
    }
    return packets;
}

struct Run
{
    double cpuSeconds = -1; // user + system of the child
    double userSeconds = 0, systemSeconds = 0;
    qint64 written = -1; // packets in the file
    QString error;
};

// Starts `tool` pinned to `cpu`, waits until it is ready, floods `count` datagrams (none when
// 0), drains, stops it and reaps it: its rusage and what its file holds.
Run runTool(const Tool &tool, const QList<QByteArray> &datagrams, quint64 count, double rate,
            Placement cpus, const BenchLink &link, const QString &dir)
{
    Run run;
    const QString out = dir + u"/capture"_s + tool.suffix;
    const QString log = dir + u"/stderr.txt"_s;
    QFile::remove(out);
    QFile::remove(log);
    std::vector<QByteArray> argv8{tool.program.toLocal8Bit()};
    for (QString a : tool.args)
        argv8.push_back(a.replace(u"%OUT%"_s, out).toLocal8Bit());
    std::vector<char *> argv;
    for (QByteArray &a : argv8)
        argv.push_back(a.data());
    argv.push_back(nullptr);
    const QByteArray log8 = log.toLocal8Bit();

    const pid_t pid = ::fork();
    if (pid < 0) {
        run.error = u"fork failed"_s;
        return run;
    }
    if (pid == 0) { // the child: only async-signal-safe calls until exec
        ::prctl(PR_SET_PDEATHSIG, SIGKILL);
        if (cpus.receiver >= 0) {
            cpu_set_t set;
            CPU_ZERO(&set);
            CPU_SET(cpus.receiver, &set);
            ::sched_setaffinity(0, sizeof set, &set);
            ::setpriority(PRIO_PROCESS, 0, CpuAffinity::kPlacedNice);
        }
        const int fd = ::open(log8.constData(), O_WRONLY | O_CREAT | O_TRUNC, 0600);
        if (fd >= 0) {
            ::dup2(fd, 1);
            ::dup2(fd, 2);
            ::close(fd);
        }
        ::execvp(argv.at(0), argv.data());
        ::_exit(127);
    }
    const auto readLog = [&] {
        QFile f(log);
        return f.open(QIODevice::ReadOnly) ? f.readAll() : QByteArray();
    };
    const auto reap = [&](int *status, rusage *usage) {
        return ::wait4(pid, status, 0, usage) == pid;
    };
    const QDeadlineTimer deadline(15'000);
    while (!readLog().contains(tool.ready)) {
        int status = 0;
        if (::waitpid(pid, &status, WNOHANG) == pid || deadline.hasExpired()) {
            ::kill(pid, SIGKILL);
            rusage usage{};
            reap(&status, &usage);
            run.error = tool.name + u" did not start capturing: "_s +
                        QString::fromLocal8Bit(readLog()).simplified().left(300);
            return run;
        }
        QThread::msleep(10);
    }
    QThread::msleep(200); // the capture loop is running
    if (count > 0) {
        MulticastFlooder flood;
        flood.setLimit(count);
        if (!flood.start(datagrams, 3600, rate, 5353, cpus.sender, link)) {
            ::kill(pid, SIGKILL);
            int status = 0;
            rusage usage{};
            reap(&status, &usage);
            run.error = u"the flooder could not start"_s;
            return run;
        }
        flood.join();
        if (flood.sent() != count)
            run.error = u"sent %1 of %2"_s.arg(flood.sent()).arg(count);
    }
    QThread::msleep(kDrainMs);
    ::kill(pid, SIGTERM);
    int status = 0;
    rusage usage{};
    if (!reap(&status, &usage) || !WIFEXITED(status) || WEXITSTATUS(status) != 0) {
        run.error = tool.name + u" did not exit cleanly (status %1): "_s.arg(status) +
                    QString::fromLocal8Bit(readLog()).simplified().left(300);
        return run;
    }
    const auto seconds = [](const timeval &t) {
        return double(t.tv_sec) + double(t.tv_usec) / 1e6;
    };
    run.userSeconds = seconds(usage.ru_utime);
    run.systemSeconds = seconds(usage.ru_stime);
    run.cpuSeconds = run.userSeconds + run.systemSeconds;
    run.written = countPackets(out);
    if (run.written < 0)
        run.error = tool.name + u" wrote no readable file"_s;
    QFile::remove(out);
    return run;
}

// The bare recvmmsg loop's CPU for the same flood: the least a socket receiver pays.
std::optional<double> bareCpu(const QList<QByteArray> &datagrams, quint64 count, double rate,
                              Placement cpus, const BenchLink &link, bool withMetadata,
                              quint64 *received)
{
    BareReceiver bare;
    QString error;
    if (!bare.start(5353, kReceiveBufferRequest, &error, cpus.receiver, withMetadata, link))
        return std::nullopt;
    QThread::msleep(100);
    MulticastFlooder flood;
    flood.setLimit(count);
    if (!flood.start(datagrams, 3600, rate, 5353, cpus.sender, link))
        return std::nullopt;
    flood.join();
    QThread::msleep(kDrainMs);
    *received = bare.packets();
    const double cpu = double(bare.cpuNs()) / 1e9;
    bare.stop();
    return cpu;
}

Placement placeThreads(QString *placement)
{
    Placement cpus;
    const QList<int> allowed = CpuAffinity::allowedCpus();
    bool niceOk = false;
    if (allowed.size() >= 2) {
        cpus = {allowed.at(0), allowed.at(1)};
        CpuAffinity::pinCurrentThread(cpus.sender); // threads started later inherit it
        niceOk = CpuAffinity::setCurrentThreadNice(CpuAffinity::kPlacedNice);
        CpuAffinity::setCurrentThreadNice(0);
    }
    *placement =
        cpus.receiver >= 0
            ? u"sender pinned to CPU %1, capturer to CPU %2, both at nice %3"_s.arg(cpus.sender)
                  .arg(cpus.receiver)
                  .arg(niceOk ? QString::number(CpuAffinity::kPlacedNice) : u"0 (not permitted)"_s)
            : u"one CPU only: sender and capturer share it"_s;
    return cpus;
}

int cpuMode(const QStringList &args)
{
    const QString binary = args.value(1, QStringLiteral(MDNSCOPE_BINARY));
    const auto count = quint64(std::max(1LL, args.value(2, u"200000"_s).toLongLong()));
    const int rounds = std::max(1, args.value(3, u"3"_s).toInt());
    const double rate = args.value(4, u"0"_s).toDouble();
    QString placement;
    const Placement cpus = placeThreads(&placement);
    const BenchLink link = BenchLink::veth(IpFamily::V4);
    const QString what =
        u"CPU (user + system, the child's rusage, start-up included) to capture %1 real mDNS "
        "datagrams (%2) sent to 224.0.0.251:5353 across a veth pair in a private namespace and "
        "write them to a file, one capturer at a time on the receiving end: `mdnscope --headless "
        "--interface mdnscapt0 --family ipv4 --write F.pcapng`, `dumpcap -i mdnscapt0 -f \"udp "
        "port 5353\" -w F.pcapng`, `tcpdump -w F.pcap` (pcap) for reference; %3 rounds, order "
        "alternating; %4. Each file read back: all written? Median (min-max)"_s.arg(
            BenchReport::num(double(count)),
            rate > 0 ? u"paced %1 pkt/s"_s.arg(BenchReport::num(rate)) : u"sender flat out"_s,
            QString::number(rounds), placement);
    if (!NetNamespace::isPrivate()) {
        BenchReport::row(kBench, what, u"not measured: "_s + NetNamespace::failureReason(), u"-"_s,
                         u"-"_s, u"-"_s);
        return 0;
    }
    QString error;
    if (!BenchLink::makeVethPair(&error)) {
        BenchReport::row(kBench, what, u"not measured: cannot make the veth pair: "_s + error,
                         u"-"_s, u"-"_s, u"-"_s);
        return 0;
    }
    const QList<QByteArray> datagrams = realDatagrams(&error);
    if (datagrams.isEmpty()) {
        BenchReport::row(kBench, what, u"not measured: "_s + error, u"-"_s, u"-"_s, u"-"_s);
        return 0;
    }
    const QString iface = link.receiveInterface;
    const QStringList wrap =
        qEnvironmentVariable("MDNSCOPE_BENCH_WRAP").split(u' ', Qt::SkipEmptyParts);
    const QStringList only =
        qEnvironmentVariable("MDNSCOPE_BENCH_TOOLS").split(u',', Qt::SkipEmptyParts);
    const QStringList mdnscopeArgs{u"--headless"_s, u"--interface"_s, iface,     u"--family"_s,
                                   u"ipv4"_s,       u"--write"_s,     u"%OUT%"_s};
    QList<Tool> tools{
        {u"mdnscope"_s, wrap.isEmpty() ? binary : wrap.constFirst(),
         wrap.isEmpty() ? mdnscopeArgs : wrap.mid(1) + QStringList{binary} + mdnscopeArgs,
         u".pcapng"_s, "listening for"}};
    QStringList missing;
    for (const QString &name : {u"dumpcap"_s, u"tcpdump"_s}) {
        if (!only.isEmpty() && !only.contains(name))
            continue;
        if (QStandardPaths::findExecutable(name).isEmpty()) {
            missing << name;
            continue;
        }
        if (name == u"dumpcap"_s)
            tools.append(
                {name,
                 name,
                 {u"-q"_s, u"-i"_s, iface, u"-f"_s, u"udp port 5353"_s, u"-w"_s, u"%OUT%"_s},
                 u".pcapng"_s,
                 "File:"});
        else // -Z root: as root tcpdump would drop to user tcpdump before opening the file
            tools.append(
                {name,
                 name,
                 {u"-i"_s, iface, u"-Z"_s, u"root"_s, u"-w"_s, u"%OUT%"_s, u"udp port 5353"_s},
                 u".pcap"_s,
                 "listening on"});
    }
    QTemporaryDir dir;
    BenchReport::note(u"bench_capturecpu: %1 distinct datagrams, mean %2 B; %3"_s.arg(
        QString::number(datagrams.size()), BenchReport::num(meanSize(datagrams)), placement));

    const qsizetype n = tools.size();
    QList<QList<double>> total(n), idle(n), flood(n), user(n), system(n);
    QList<QList<qint64>> written(n);
    QList<double> ratios, bare, bareNoMeta;
    QStringList problems;
    for (int round = 0; round < rounds; ++round) {
        QList<double> thisRound(n, -1);
        for (qsizetype j = 0; j < n; ++j) {
            const qsizetype t = round % 2 == 0 ? j : n - 1 - j;
            const Run idleRun = runTool(tools.at(t), datagrams, 0, rate, cpus, link, dir.path());
            const Run r = runTool(tools.at(t), datagrams, count, rate, cpus, link, dir.path());
            for (const Run *x : {&idleRun, &r}) {
                if (!x->error.isEmpty()) {
                    BenchReport::note(u"bench_capturecpu: "_s + x->error);
                    problems << x->error;
                }
            }
            if (r.cpuSeconds < 0)
                continue;
            total[t].append(r.cpuSeconds);
            user[t].append(r.userSeconds);
            system[t].append(r.systemSeconds);
            idle[t].append(idleRun.cpuSeconds);
            flood[t].append(r.cpuSeconds - std::max(0.0, idleRun.cpuSeconds));
            written[t].append(r.written);
            thisRound[t] = r.cpuSeconds;
            BenchReport::note(u"bench_capturecpu: round %1: %2 %3 s CPU (user %4, system %5; "
                              "idle run %6 s), %7 of %8 written"_s.arg(round + 1)
                                  .arg(tools.at(t).name)
                                  .arg(r.cpuSeconds, 0, 'f', 3)
                                  .arg(r.userSeconds, 0, 'f', 3)
                                  .arg(r.systemSeconds, 0, 'f', 3)
                                  .arg(idleRun.cpuSeconds, 0, 'f', 3)
                                  .arg(r.written)
                                  .arg(count));
        }
        for (const bool metadata : {true, false}) {
            quint64 received = 0;
            if (const std::optional<double> b =
                    bareCpu(datagrams, count, rate, cpus, link, metadata, &received)) {
                (metadata ? bare : bareNoMeta).append(*b);
                BenchReport::note(u"bench_capturecpu: round %1: bare recvmmsg loop%2 %3 s CPU, "
                                  "%4 of %5 received"_s.arg(round + 1)
                                      .arg(metadata ? u" with metadata"_s : QString())
                                      .arg(*b, 0, 'f', 3)
                                      .arg(received)
                                      .arg(count));
            }
        }
        if (n > 1 && thisRound.at(0) > 0 && thisRound.at(1) > 0)
            ratios.append(thisRound.at(0) / thisRound.at(1));
    }
    QStringList parts;
    bool allWritten = true;
    for (qsizetype t = 0; t < n; ++t) {
        if (total.at(t).isEmpty()) {
            parts << tools.at(t).name + u": failed"_s;
            allWritten = false;
            continue;
        }
        const qint64 fewest = *std::min_element(written.at(t).begin(), written.at(t).end());
        if (tools.at(t).name != u"tcpdump"_s) // the reference: its misses are shown, not judged
            allWritten = allWritten && fewest == qint64(count);
        parts << u"%1 %2 s (user %3, system %4; idle start-stop %5, so the flood %6)%7"_s.arg(
            tools.at(t).name, text(spread(total.at(t)), 1, 2), text(spread(user.at(t)), 1, 2),
            text(spread(system.at(t)), 1, 2), text(spread(idle.at(t)), 1, 2),
            text(spread(flood.at(t)), 1, 2),
            fewest == qint64(count)
                ? u", all written"_s
                : u", **only %1 written in a round**"_s.arg(BenchReport::num(double(fewest))));
    }
    if (!bare.isEmpty())
        parts << u"bare recvmmsg loop (receive only: the least a UDP socket costs) asking the "
                 "kernel for the engine's metadata (source, IP_PKTINFO, IP_TTL, SO_TIMESTAMPNS) "
                 "%1 s, without it %2 s"_s.arg(text(spread(bare), 1, 2),
                                               text(spread(bareNoMeta), 1, 2));
    if (!missing.isEmpty())
        parts << u"not installed: "_s + missing.join(u", "_s);
    if (!problems.isEmpty())
        parts << u"problems: "_s + problems.join(u"; "_s);
    const Spread ratio = spread(ratios);
    BenchReport::row(kBench, what, parts.join(u"; "_s),
                     ratios.isEmpty()
                         ? u"n/a"_s
                         : u"mdnscope / dumpcap CPU = %1 (per round %2-%3)"_s.arg(
                               BenchReport::num(ratio.median, 2), BenchReport::num(ratio.min, 2),
                               BenchReport::num(ratio.max, 2)),
                     u"mdnscope <= dumpcap, both wrote all"_s,
                     BenchReport::met(!ratios.isEmpty() && ratio.median <= 1.0 && allWritten));
    return 0;
}

int pacedMode(const QStringList &args)
{
    const QString binary = args.value(2, QStringLiteral(MDNSCOPE_BINARY));
    const double rate = args.value(3, u"100000"_s).toDouble();
    const double seconds = args.value(4, u"10"_s).toDouble();
    const int runs = std::max(1, args.value(5, u"10"_s).toInt());
    const QStringList engineArgs = args.value(6, QString()).split(u',', Qt::SkipEmptyParts);
    QString placement;
    const Placement cpus = placeThreads(&placement);
    const QString what =
        u"%1 runs, each a %2 pkt/s flood paced for %3 s over lo (IPv4) received by a bare "
        "recvmmsg loop (SO_RCVBUF 4 MiB, its kernel drops) and by `mdnscope --headless --interface "
        "lo --write F` "
        "(datagrams missing from F), one after the other (order alternating); %4: runs with "
        "nothing lost"_s.arg(QString::number(runs), BenchReport::num(rate),
                             QString::number(seconds), placement);
    if (!NetNamespace::isPrivate()) {
        BenchReport::row(kPacedBench, what, u"not measured: "_s + NetNamespace::failureReason(),
                         u"-"_s, u"-"_s, u"-"_s);
        return 0;
    }
    QString error;
    const QList<QByteArray> datagrams = realDatagrams(&error);
    if (datagrams.isEmpty()) {
        BenchReport::row(kPacedBench, what, u"not measured: "_s + error, u"-"_s, u"-"_s, u"-"_s);
        return 0;
    }
    const BenchLink link = BenchLink::loopback();
    QTemporaryDir dir;
    const Tool engineTool{u"mdnscope"_s, binary,
                          QStringList{u"--headless"_s, u"--interface"_s, u"lo"_s, u"--family"_s,
                                      u"ipv4"_s, u"--write"_s, u"%OUT%"_s} +
                              engineArgs,
                          u".pcapng"_s, "listening for"};
    int engineClean = 0, bareClean = 0, both = 0;
    QStringList perRun;
    for (int i = 0; i < runs; ++i) {
        qint64 engineDrops = -1, engineLost = -1, bareDrops = -1, bareLost = -1;
        for (int k = 0; k < 2; ++k) {
            const bool engine = (i % 2 == 0) == (k == 1);
            MulticastFlooder flood;
            if (engine) {
                // Without --stats-json: it runs the behaviour model (latency, talkers) over
                // every packet on the main thread, which this machine cannot do at this rate.
                // Lost = sent - written; in the namespace nothing but the kernel's receive
                // queue loses a datagram.
                const auto count = quint64(rate * seconds);
                Placement engineCpus = cpus;
                if (qEnvironmentVariableIsSet("MDNSCOPE_BENCH_FREE"))
                    engineCpus.receiver = -1;
                const Run r =
                    runTool(engineTool, datagrams, count, rate, engineCpus, link, dir.path());
                if (!r.error.isEmpty()) {
                    BenchReport::note(u"bench_capturecpu: "_s + r.error);
                    continue;
                }
                engineLost = qint64(count) - r.written;
                engineDrops = engineLost;
                BenchReport::note(u"bench_capturecpu: engine CPU %1 s"_s.arg(r.cpuSeconds));
            } else {
                BareReceiver bare;
                if (!bare.start(5353, kReceiveBufferRequest, &error, cpus.receiver, true, link)) {
                    BenchReport::note(u"bench_capturecpu: "_s + error);
                    continue;
                }
                QThread::msleep(100);
                flood.start(datagrams, seconds, rate, 5353, cpus.sender, link);
                flood.join();
                QThread::msleep(kDrainMs);
                bareDrops = qint64(bare.kernelDrops());
                bareLost = qint64(flood.sent()) - qint64(bare.packets());
                bare.stop();
            }
        }
        engineClean += engineDrops == 0 && engineLost == 0 ? 1 : 0;
        bareClean += bareDrops == 0 && bareLost == 0 ? 1 : 0;
        both += engineDrops == 0 && engineLost == 0 && bareDrops == 0 && bareLost == 0 ? 1 : 0;
        const QString line =
            u"run %1: engine lost %2 (%3), bare loop kernel drops %4 (lost %5)"_s.arg(i + 1)
                .arg(engineDrops)
                .arg(engineLost)
                .arg(bareDrops)
                .arg(bareLost);
        BenchReport::note(u"bench_capturecpu: "_s + line);
        perRun << u"%1/%2"_s.arg(engineDrops).arg(bareDrops);
    }
    BenchReport::row(
        kPacedBench, what,
        u"engine: %1 of %2 runs without drops or loss; bare loop: %3 of %2; both: "
        "%4. Lost per run, engine (missing from its file) / bare loop (kernel drops): %5"_s
            .arg(engineClean)
            .arg(runs)
            .arg(bareClean)
            .arg(both)
            .arg(perRun.join(u", "_s)),
        u"engine clean in %1%"_s.arg(BenchReport::num(100.0 * engineClean / runs)),
        u"zero drops in >= 9 of 10 runs"_s, BenchReport::met(engineClean * 10 >= runs * 9));
    return 0;
}

} // namespace

int main(int argc, char *argv[])
{
    NetNamespace::enter(); // before any thread exists
    QCoreApplication app(argc, argv);
    const QStringList args = app.arguments();
    if (args.value(1) == u"paced"_s)
        return pacedMode(args);
    return cpuMode(args);
}

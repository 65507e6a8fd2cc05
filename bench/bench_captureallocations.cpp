// Benchmark: what a headless capture allocates per packet, for the WHOLE PROCESS, pooled vs
// --no-pool, counted two ways in the same runs: by the project's counter (alloc/, read from
// --stats-json's `process`: every thread, operator new and malloc) and by an allocation
// counter outside the project (libmdnscope_malloccount.so, LD_PRELOAD: malloc, calloc,
// realloc, the aligned forms and glibc's __libc_* entry points that alloc/ forwards to).
//
// Inside a private network namespace, `mdnscope --headless --interface lo --stats-json F`
// (and the same with `--write F.pcapng`) captures a paced flood of 300-byte mDNS datagrams to
// 224.0.0.251 for a few seconds; a second run of the same command and length receives
// nothing. Per packet = (flood run - idle run) / packets received, so start-up, shutdown and
// what the process does per second (statistics, timers) cancel out and what is left is what
// the packets cost.

#include "BenchReport.h"
#include "MulticastFlooder.h"
#include "NetNamespace.h"
#include "PeerLab.h"

#include <QCoreApplication>
#include <QDeadlineTimer>
#include <QFile>
#include <QProcess>
#include <QTemporaryDir>
#include <QThread>

#include <csignal>
#include <sys/prctl.h>
#include <unistd.h>

#include <utility>

using namespace Qt::StringLiterals;

namespace {

const QString kBench = u"Capture allocations (whole process)"_s;
constexpr qsizetype kLength = 300;

// A 300-byte mDNS response, as a host announces a service: one TXT record whose one string
// fills the datagram.
QByteArray datagram(int number)
{
    QByteArray d("\x00\x00\x84\x00\x00\x00\x00\x01\x00\x00\x00\x00", 12); // 1 answer
    d.append("\x0bmdnscope-00\x05_http\x04_tcp\x05local\x00", 30);
    d[12 + 10] = char('0' + number % 10);
    d[12 + 11] = char('0' + (number / 10) % 10);
    d.append("\x00\x10\x80\x01\x00\x00\x11\x94", 8); // TXT, cache flush + IN, TTL 4500
    const qsizetype rdata = kLength - d.size() - 2;
    d.append(char(rdata >> 8));
    d.append(char(rdata & 0xFF));
    d.append(char(rdata - 1)); // one string
    d.append("path=/");
    while (d.size() < kLength)
        d.append(char('a' + (number + d.size()) % 26));
    return d;
}

struct Counts
{
    qint64 allocations = -1;
    qint64 bytes = -1;
};

struct Run
{
    QString error;
    qint64 packets = 0;     // delivered to the capture's socket (the namespace's UDP counters)
    qint64 kernelDrops = 0; // receive buffer errors
    Counts project;         // alloc/, at exit (MDNSCOPE_ALLOC_REPORT)
    Counts external;        // the LD_PRELOAD counter, at exit
};

Counts exitLine(const QString &path)
{
    QFile f(path);
    Counts c;
    if (!f.open(QIODevice::ReadOnly))
        return c;
    for (const QByteArray &line : f.readAll().split('\n')) {
        if (!line.startsWith("exit "))
            continue;
        for (const QByteArray &field : line.split(' ')) {
            if (field.startsWith("allocations="))
                c.allocations = field.mid(12).toLongLong();
            else if (field.startsWith("bytes="))
                c.bytes = field.mid(6).toLongLong();
        }
    }
    return c;
}

// The namespace's UDP counters (/proc/net/snmp): datagrams delivered and receive buffer errors.
std::pair<qint64, qint64> udpCounters()
{
    QFile f(u"/proc/net/snmp"_s);
    if (!f.open(QIODevice::ReadOnly))
        return {-1, -1};
    QList<QByteArray> names, values;
    for (const QByteArray &line : f.readAll().split('\n')) {
        if (!line.startsWith("Udp: "))
            continue;
        (names.isEmpty() ? names : values) = line.simplified().split(' ');
    }
    const auto value = [&](const char *name) {
        const qsizetype i = names.indexOf(QByteArray(name));
        return i >= 0 && i < values.size() ? values.at(i).toLongLong() : -1;
    };
    return {value("InDatagrams"), value("RcvbufErrors")};
}

Run capture(const QString &binary, const QString &preload, const QStringList &extra,
            const QList<QByteArray> &datagrams, double seconds, double rate)
{
    Run r;
    QTemporaryDir dir;
    const QString countFile = dir.filePath(u"malloccount.txt"_s);
    const QString reportFile = dir.filePath(u"alloc.txt"_s);
    QProcess process;
    process.setProcessChannelMode(QProcess::MergedChannels);
    QProcessEnvironment env = QProcessEnvironment::systemEnvironment();
    env.insert(u"LD_PRELOAD"_s, preload);
    env.insert(u"MALLOC_COUNT_FILE"_s, countFile);
    env.insert(u"MDNSCOPE_ALLOC_REPORT"_s, reportFile);
    process.setProcessEnvironment(env);
    process.setChildProcessModifier([] { ::prctl(PR_SET_PDEATHSIG, SIGKILL); });
    QStringList args{u"--headless"_s, u"--interface"_s, u"lo"_s, u"--family"_s, u"ipv4"_s};
    for (QString a : extra)
        args << a.replace(u"%DIR%"_s, dir.path());
    const int before = PeerLab::groupUsersOfPid(::getpid(), u"lo"_s);
    process.start(binary, args);
    const QDeadlineTimer joined(10'000);
    while (PeerLab::groupUsersOfPid(::getpid(), u"lo"_s) <= before) {
        if (process.state() == QProcess::NotRunning || joined.hasExpired()) {
            r.error = u"mdnscope did not join 224.0.0.251 on lo: "_s +
                      QString::fromUtf8(process.readAll()).trimmed();
            process.kill();
            process.waitForFinished(5000);
            return r;
        }
        QThread::msleep(10);
    }
    QThread::msleep(100);
    const auto [deliveredBefore, dropsBefore] = udpCounters();
    if (rate > 0) {
        MulticastFlooder flooder;
        if (!flooder.start(datagrams, seconds, rate)) {
            r.error = u"the flooder did not start"_s;
            return r;
        }
        flooder.join();
    } else {
        QThread::usleep(ulong(seconds * 1e6));
    }
    QThread::msleep(200); // the last batch (50 ms) is handed on
    const auto [deliveredAfter, dropsAfter] = udpCounters();
    r.packets = deliveredAfter - deliveredBefore;
    r.kernelDrops = dropsAfter - dropsBefore;
    process.terminate();
    if (!process.waitForFinished(10'000) || process.exitStatus() != QProcess::NormalExit ||
        process.exitCode() != 0) {
        r.error =
            u"mdnscope did not exit cleanly: "_s + QString::fromUtf8(process.readAll()).trimmed();
        return r;
    }
    r.project = exitLine(reportFile);
    r.external = exitLine(countFile);
    if (r.external.allocations < 0)
        r.error = u"the LD_PRELOAD counter wrote nothing ("_s + preload + u")"_s;
    BenchReport::note(u"  %1 %2 packets, %3 drops; project %4 allocations %5 B; LD_PRELOAD %6 "
                      "allocations %7 B"_s.arg(args.join(u' '))
                          .arg(r.packets)
                          .arg(r.kernelDrops)
                          .arg(r.project.allocations)
                          .arg(r.project.bytes)
                          .arg(r.external.allocations)
                          .arg(r.external.bytes));
    return r;
}

struct PerPacket
{
    double allocations = -1;
    double bytes = -1;
    bool valid() const { return allocations >= 0 || bytes >= 0 ? true : false; }
};

PerPacket perPacket(const Counts &flood, const Counts &idle, qint64 packets)
{
    if (flood.allocations < 0 || idle.allocations < 0 || packets <= 0)
        return {};
    return {double(flood.allocations - idle.allocations) / double(packets),
            double(flood.bytes - idle.bytes) / double(packets)};
}

QString text(const PerPacket &p)
{
    if (p.allocations < -0.5 && p.bytes < -0.5)
        return u"n/a"_s;
    return u"%1 allocs, %2 B"_s.arg(BenchReport::num(p.allocations, 3),
                                    BenchReport::num(p.bytes, 1));
}

struct Mode
{
    QString error;
    qint64 packets = 0, drops = 0;
    PerPacket project, external;
};

Mode measure(const QString &binary, const QString &preload, const QStringList &extra,
             const QList<QByteArray> &datagrams, double seconds, double rate)
{
    Mode m;
    const Run idle = capture(binary, preload, extra, datagrams, seconds, 0);
    const Run flood = capture(binary, preload, extra, datagrams, seconds, rate);
    if (!idle.error.isEmpty() || !flood.error.isEmpty()) {
        m.error = idle.error.isEmpty() ? flood.error : idle.error;
        return m;
    }
    m.packets = flood.packets;
    m.drops = flood.kernelDrops;
    m.project = perPacket(flood.project, idle.project, flood.packets);
    m.external = perPacket(flood.external, idle.external, flood.packets);
    return m;
}

bool within(const PerPacket &p)
{
    return p.allocations >= 0 && p.allocations <= 0.05 && p.bytes <= double(kLength) + 32;
}

} // namespace

int main(int argc, char *argv[])
{
    NetNamespace::enter();
    QCoreApplication app(argc, argv);
    const QStringList args = app.arguments();
    const QString binary = args.value(1, QStringLiteral(MDNSCOPE_BINARY));
    const QString preload = args.value(2, QStringLiteral(MDNSCOPE_MALLOCCOUNT));
    const double seconds = args.value(3, u"5"_s).toDouble();
    const double rate = args.value(4, u"20000"_s).toDouble();
    const auto compares = [&](const QString &command) {
        return u"`%1`, pooled vs --no-pool: %2 datagrams/s of %3 B (an mDNS announcement) to "
               "224.0.0.251 over lo for %4 s in a private namespace; per packet = (that run - "
               "an idle run of the same length) / datagrams delivered; the project's counter "
               "(alloc/, MDNSCOPE_ALLOC_REPORT at exit: malloc usable sizes, operator new "
               "requested sizes) and an LD_PRELOAD malloc counter (bench/MallocCountPreload.cpp: "
               "requested sizes), same runs"_s.arg(command, BenchReport::num(rate),
                                                   QString::number(kLength),
                                                   BenchReport::num(seconds, 1));
    };
    const auto skip = [&](const QString &why) {
        BenchReport::row(kBench, compares(u"mdnscope --headless --interface lo"_s),
                         u"not measured: "_s + why, u"-"_s, u"-"_s, u"-"_s);
        return 0;
    };
    if (!NetNamespace::isPrivate())
        return skip(NetNamespace::failureReason());
    if (!QFile::exists(binary) || !QFile::exists(preload))
        return skip(u"missing "_s + (QFile::exists(binary) ? preload : binary));
    QList<QByteArray> datagrams;
    for (int i = 0; i < 64; ++i)
        datagrams.append(datagram(i));

    // The target is the capture itself (no output: nothing decodes); the outputs decode every
    // packet in the pipeline, reported for what they add.
    const struct
    {
        QStringList extra;
        bool target;
    } commands[] = {{{}, true},
                    {{u"--write"_s, u"%DIR%/out.pcapng"_s}, false},
                    {{u"--stats-json"_s, u"%DIR%/stats.json"_s}, false}};
    for (const auto &[extra, target] : commands) {
        QStringList shown = extra;
        shown.replaceInStrings(u"%DIR%/out.pcapng"_s, u"F.pcapng"_s);
        shown.replaceInStrings(u"%DIR%/stats.json"_s, u"F.json"_s);
        const QString command =
            QString(u"mdnscope --headless --interface lo --family ipv4 "_s + shown.join(u' '))
                .trimmed();
        const QString bench = kBench + (extra.isEmpty() ? QString() : u", "_s + shown.value(0));
        BenchReport::note(u"capture allocations: %1, pooled"_s.arg(command));
        const Mode pooled = measure(binary, preload, extra, datagrams, seconds, rate);
        BenchReport::note(u"capture allocations: %1, --no-pool"_s.arg(command));
        const Mode fresh =
            measure(binary, preload, extra + QStringList{u"--no-pool"_s}, datagrams, seconds, rate);
        if (!pooled.error.isEmpty() || !fresh.error.isEmpty()) {
            BenchReport::row(bench, compares(command),
                             u"not measured: "_s +
                                 (pooled.error.isEmpty() ? fresh.error : pooled.error),
                             u"-"_s, u"-"_s, u"-"_s);
            continue;
        }
        const double extraProject = fresh.project.bytes - pooled.project.bytes;
        const double extraExternal = fresh.external.bytes - pooled.external.bytes;
        BenchReport::row(
            bench, compares(command),
            u"pooled: project %1, LD_PRELOAD %2 (%3 packets, %4 kernel drops); --no-pool: "
            "project %5, LD_PRELOAD %6 (%7 packets, %8 drops)"_s
                .arg(text(pooled.project), text(pooled.external),
                     BenchReport::num(double(pooled.packets)),
                     BenchReport::num(double(pooled.drops)))
                .arg(text(fresh.project), text(fresh.external),
                     BenchReport::num(double(fresh.packets)),
                     BenchReport::num(double(fresh.drops))),
            u"--no-pool +%1 B/packet (project), +%2 B (LD_PRELOAD)"_s.arg(
                BenchReport::num(extraProject, 1), BenchReport::num(extraExternal, 1)),
            target ? u"pooled <= 0.05 allocs and <= %1 B per packet by both counters; --no-pool "
                     ">= +9000 B"_s.arg(kLength + 32)
                   : u"(reported: --write alone writes undecoded; --stats-json decodes every "
                     "packet and models it)"_s,
            target ? u"%1 / %2 / %3"_s.arg(
                         BenchReport::met(within(pooled.project)),
                         BenchReport::met(within(pooled.external)),
                         BenchReport::met(extraProject >= 9000 && extraExternal >= 9000))
                   : u"-"_s);
    }
    return 0;
}

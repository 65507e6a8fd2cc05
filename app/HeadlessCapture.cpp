#include "HeadlessCapture.h"

#include "CliExports.h"
#include "HeadlessMetrics.h"

#include "AllocationProbe.h"
#include "CaptureSession.h"
#include "ExportOutput.h"
#include "MetricsServer.h"
#include "MetricsText.h"
#include "PacketPipeline.h"
#include "StopSignals.h"

#include <QCoreApplication>
#include <QDeadlineTimer>
#include <QEventLoop>
#include <QJsonArray>
#include <QJsonObject>
#include <QTextStream>
#include <QTimer>

#include <chrono>
#include <climits>
#include <cstdio>
#include <memory>
#include <optional>
#include <vector>

using namespace Qt::StringLiterals;

namespace {

using CommandLine::printError;

QJsonObject familyJson(const TransportCounters &c, const QStringList &interfaces)
{
    const auto num = [](quint64 v) { return QJsonValue(qint64(v)); };
    return QJsonObject{{u"packets"_s, num(c.packets)},
                       {u"bytes"_s, num(c.bytes)},
                       {u"kernel_drops"_s, num(c.kernelDrops)},
                       {u"truncated"_s, num(c.truncated)},
                       {u"other_interfaces"_s, num(c.otherInterfaces)},
                       {u"interfaces"_s, QJsonArray::fromStringList(interfaces)}};
}

QJsonObject statsJson(const CaptureStats &s, const CaptureMembership &membership)
{
    const auto num = [](quint64 v) { return QJsonValue(qint64(v)); };
    const auto perPacket = [&s](quint64 v) {
        return s.packets ? double(v) / double(s.packets) : 0.0;
    };
    const QJsonObject pool{{u"acquires"_s, num(s.pool.acquires)},
                           {u"releases"_s, num(s.pool.releases)},
                           {u"hits"_s, num(s.pool.hits)},
                           {u"misses"_s, num(s.pool.misses)},
                           {u"in_use"_s, num(s.pool.inUse)},
                           {u"idle"_s, num(s.pool.idle)},
                           {u"peak_in_use"_s, num(s.pool.peakInUse)},
                           {u"trimmed"_s, num(s.pool.trimmed)},
                           {u"bytes_zeroed"_s, num(s.pool.bytesZeroed)}};
    const QJsonObject thread{{u"allocations"_s, num(s.captureThread.allocations)},
                             {u"bytes"_s, num(s.captureThread.bytesAllocated)}};
    const QJsonObject process{{u"allocations"_s, num(s.process.allocations)},
                              {u"bytes"_s, num(s.process.bytesAllocated)}};
    return QJsonObject{
        {u"packets"_s, num(s.packets)},
        {u"bytes"_s, num(s.bytes)},
        {u"kernel_drops"_s, num(s.kernelDrops)},
        {u"truncated"_s, num(s.truncated)},
        {u"wakeups"_s, num(s.wakeups)},
        {u"pool"_s, pool},
        {u"capture_thread"_s, thread},
        {u"process"_s, process},
        {u"allocations_per_packet"_s, perPacket(s.captureThread.allocations)},
        {u"bytes_per_packet"_s, perPacket(s.captureThread.bytesAllocated)},
        {u"allocation_counting"_s, AllocationProbe::available()},
        {u"pooling"_s, s.pooling},
        {u"duration_seconds"_s, double(s.elapsedMs) / 1000.0},
        {u"interfaces"_s, QJsonArray::fromStringList(membership.allInterfaces())},
        {u"ipv4"_s, familyJson(s.family(IpFamily::V4), membership.joined(IpFamily::V4))},
        {u"ipv6"_s, familyJson(s.family(IpFamily::V6), membership.joined(IpFamily::V6))},
        {u"interface_joins"_s, num(s.interfaceJoins)},
        {u"interface_leaves"_s, num(s.interfaceLeaves)}};
}

void printLine(const QString &line)
{
    QTextStream(stderr) << "mdnscope: " << line << '\n';
}

} // namespace

int HeadlessCapture::run(const CommandLineOptions &options)
{
    const int toStdout = (options.statsJson == u"-"_s) + (options.writePcapng == u"-"_s) +
                         (options.jsonOut == u"-"_s) + (options.csvOut == u"-"_s) +
                         (options.servicesOut == u"-"_s) + (options.checkOut == u"-"_s);
    if (toStdout > 1) {
        printError(QCoreApplication::translate(
            "HeadlessCapture",
            "only one of --stats-json, --write, --json, --csv, --services and --check can write "
            "to standard output"));
        return CommandLine::ExitUsage;
    }
    StopSignals stopSignals; // before the capture thread exists

    // The exports are written while capturing, batch by batch, to TARGET.part (renamed over
    // the target when the capture ends), so memory stays bounded however long it runs and a
    // killed capture leaves its data readable. An output that cannot be opened fails the run
    // before capturing.
    PacketPipeline pipeline;
    // Nothing reports a malformed count but --metrics: without it, packets that no output
    // needs decoded (`--write F` alone) are written as they came, undecoded.
    pipeline.setCountMalformed(!options.metricsAddress.isEmpty());
    CliExports exports(options);
    if (!exports.open(pipeline))
        return CommandLine::ExitFailure;
    int exitCode = CommandLine::ExitOk;
    const auto reportErrors = [&] {
        if (exports.reportErrors(pipeline))
            exitCode = CommandLine::ExitFailure;
    };

    CaptureConfig config;
    config.interfaceName = options.interfaceName;
    config.ipv4 = options.ipv4;
    config.ipv6 = options.ipv6;
    config.groupV4 = options.groupV4;
    config.groupV6 = options.groupV6;
    config.port = options.port;
    config.pooling = !options.noPool;
    // Writing a file, the main thread may wait for the disk (dirty-page throttling in write(),
    // ~100 ms under load): the capture keeps draining meanwhile, up to 32 batches (~32,000
    // packets, ~330 ms at 100,000 pkt/s) instead of the window's 8, before the kernel's
    // queue has to hold the rest.
    config.maxBatchesInFlight = 32;

    CaptureSession session;
    QEventLoop loop;
    QTimer durationTimer;
    durationTimer.setSingleShot(true);
    durationTimer.setTimerType(Qt::PreciseTimer);

    CaptureMembership membership; // kept current: --stats-json lists the interfaces at the end
    QDeadlineTimer deadline;
    std::optional<CaptureError> error;
    std::optional<CaptureStats> finalStats;
    qint64 received = 0;
    bool readerGoneLive = false; // the reader of a stream on standard output went away
    bool stopping = false;

    // --metrics: scrapes are answered here, on the main thread, from the latest statistics and
    // the pipeline's analyses; the capture thread is never asked or waited for. Listening
    // starts before the capture: an address in use fails the run (2) before anything is heard.
    std::unique_ptr<MetricsServer> metrics;
    QTimer tick; // the analyses' clock moves on without packets, as in the window
    if (!options.metricsAddress.isEmpty()) {
        QHostAddress address;
        quint16 metricsPort = 0;
        QString why;
        MetricsServer::parseAddress(options.metricsAddress, &address, &metricsPort, &why);
        metrics = std::make_unique<MetricsServer>([&] {
            return MetricsText::render(HeadlessMetrics::snapshot(
                finalStats.value_or(CaptureStats{}), membership, pipeline, exports));
        });
        if (!metrics->listen(address, metricsPort, &why)) {
            printError(why);
            return CommandLine::ExitUsage;
        }
        const QString host = metrics->address().protocol() == QAbstractSocket::IPv6Protocol
                                 ? u"[%1]"_s.arg(metrics->address().toString())
                                 : metrics->address().toString();
        //: %1: a URL
        printLine(QCoreApplication::translate("HeadlessCapture", "serving metrics at %1")
                      .arg(u"http://%1:%2/metrics"_s.arg(host).arg(metrics->port())));
        tick.setInterval(1000);
        QObject::connect(&tick, &QTimer::timeout, &loop, [&] {
            exports.tick(std::chrono::duration_cast<std::chrono::nanoseconds>(
                             std::chrono::system_clock::now().time_since_epoch())
                             .count());
        });
        tick.start();
    }
    const auto requestStop = [&] {
        if (!stopping) {
            stopping = true;
            session.stop();
        }
    };

    // QTimer takes an int of milliseconds; --duration may be longer than that (24.8 days).
    const auto armDuration = [&] {
        durationTimer.start(int(std::min<qint64>(deadline.remainingTime(), INT_MAX)));
    };
    QObject::connect(&durationTimer, &QTimer::timeout, &loop, [&] {
        if (deadline.hasExpired())
            requestStop();
        else
            armDuration();
    });
    QObject::connect(&session, &CaptureSession::started, &loop, [&](const CaptureMembership &m) {
        membership = m;
        for (const IpFamily family : {IpFamily::V4, IpFamily::V6}) {
            if (m.captures(family)) {
                //: %1: a multicast group, %2: a port, %3: interface names
                printLine(
                    QCoreApplication::translate("HeadlessCapture", "listening for %1 port %2 on %3")
                        .arg(config.group(family))
                        .arg(config.port)
                        .arg(m.joined(family).join(u", "_s)));
            }
        }
        for (const QString &note : m.notes)
            printLine(note);
        if (options.durationSeconds > 0) {
            deadline = QDeadlineTimer(qint64(options.durationSeconds * 1000), Qt::PreciseTimer);
            armDuration();
        }
    });
    // Every batch, also those that arrive after a stop was asked for, is written: what was
    // received is kept. With --count, exactly the first N packets.
    QObject::connect(
        &session, &CaptureSession::packetsReceived, &loop, [&](const PacketBatch &batch) {
            qsizetype take = batch.size();
            if (options.count > 0)
                take = std::min<qsizetype>(take, std::max<qint64>(0, options.count - received));
            received += batch.size();
            if ((exports.opened() > 0 || metrics) && take > 0) {
                StopSignals::addPending(take);
                if (!pipeline.push(take == batch.size() ? batch : batch.mid(0, take)))
                    reportErrors();
                StopSignals::addPending(-take);
                // `--write - | reader`: the reader going away ends the capture, as Ctrl+C.
                if (ExportOutput::standardOutputReaderGone()) {
                    readerGoneLive = true;
                    requestStop();
                }
            }
            if (options.count > 0 && received >= options.count)
                requestStop();
        });
    QObject::connect(&session, &CaptureSession::interfaceChanged, &loop,
                     [&](const InterfaceChange &change) {
                         QStringList &list = membership.interfaces[familyIndex(change.family)];
                         if (change.joined)
                             list.append(change.interfaceName);
                         else
                             list.removeAll(change.interfaceName);
                         printLine(change.toString());
                     });
    QObject::connect(&session, &CaptureSession::statsUpdated, &loop,
                     [&](const CaptureStats &s) { finalStats = s; });
    QObject::connect(&session, &CaptureSession::errorOccurred, &loop, [&](const CaptureError &e) {
        if (!error)
            error = e;
    });
    QObject::connect(&session, &CaptureSession::stopped, &loop, &QEventLoop::quit);
    stopSignals.onStop(requestStop);

    session.start(config);
    loop.exec();

    if (error) {
        printError(error->toString());
        return CommandLine::ExitFailure; // the writers' destructors remove their .part files
    }
    // The directory and the checker as they stand when the capture ends: what ran out by then
    // is expired.
    const qint64 endNs = std::chrono::duration_cast<std::chrono::nanoseconds>(
                             std::chrono::system_clock::now().time_since_epoch())
                             .count();
    exports.advanceChecks(endNs);
    pipeline.finish(); // commits: each .part is renamed over its target
    reportErrors();
    if (!exports.writeServices(endNs))
        exitCode = CommandLine::ExitFailure;
    if (!exports.writeChecks())
        exitCode = CommandLine::ExitFailure;
    if (!options.statsJson.isEmpty() && finalStats &&
        !exports.writeStats(statsJson(*finalStats, membership)))
        exitCode = CommandLine::ExitFailure;
    if (readerGoneLive) {
        // The normal end of a stream whose reader quit: exit 0 with the final figures.
        const CaptureStats s = finalStats.value_or(CaptureStats{});
        printLine(QCoreApplication::translate(
                      "HeadlessCapture",
                      "the reader of standard output went away: capture ended after %1 s; %2 "
                      "packets received, %3 kernel drops, %4 truncated")
                      .arg(double(s.elapsedMs) / 1000.0, 0, 'f', 1)
                      .arg(std::max<qint64>(received, qint64(s.packets)))
                      .arg(s.kernelDrops)
                      .arg(s.truncated));
    } else if (ExportOutput::standardOutputReaderGone() && exitCode == CommandLine::ExitOk) {
        exitCode = CommandLine::ExitReaderGone;
    }
    exports.printChecksSummary();
    // An error finding is the answer of a run that otherwise went well: any other status wins.
    if (exitCode == CommandLine::ExitOk && exports.checksFoundErrors())
        exitCode = CommandLine::ExitFindings;
    return exitCode;
}

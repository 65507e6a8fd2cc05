#include "ReadCommand.h"

#include "CliExports.h"

#include "AddressText.h"
#include "ByteSink.h"
#include "CaptureFileReader.h"
#include "DecodedPacket.h"
#include "DisplayFilter.h"
#include "DnsDecoder.h"
#include "DnsWire.h"
#include "ExportOutput.h"
#include "ExportText.h"
#include "PacketConsumer.h"
#include "PacketPipeline.h"
#include "StopSignals.h"

#include <QAtomicInt>
#include <QCoreApplication>
#include <QEventLoop>
#include <QJsonObject>
#include <QSemaphore>
#include <QTextStream>
#include <QThreadPool>

#include <algorithm>
#include <functional>
#include <memory>
#include <vector>

using namespace Qt::StringLiterals;

namespace {

// Packets are exported while the file is read, this many at a time, so memory stays
// bounded however large the file is.
constexpr qsizetype kBatchPackets = 8192;
// Read but not yet written: one being written, one read ahead.
constexpr int kBatchesInFlight = 2;

using CommandLine::printError;

// "[fe80::1%eth0]:5353": the packet's interface is the scope of both of its link-local
// addresses (see AddressText::appendScoped).
void appendEndpoint(QByteArray &out, const IpAddress &address, quint16 port,
                    const QString &interfaceName)
{
    if (address.isV6())
        out.append('[');
    AddressText::appendScoped(out, address, interfaceName);
    if (address.isV6())
        out.append(']');
    out.append(':');
    ExportText::appendNumber(out, port);
}

// One line per packet, like tshark without options: the consumer --read feeds when no output
// is asked for. Written through ExportOutput like every output, so a full or closed standard
// output fails the run instead of losing the lines. Main thread (the pipeline's).
class SummaryLines final : public PacketConsumer
{
public:
    bool open() { return m_out.open(u"-"_s); }
    bool consume(const DecodedPacket &decoded) override
    {
        const Packet &p = decoded.packet;
        appendPrefix(p, decoded.number);
        m_buffer.append(DnsDecoder::summary(decoded.message).toUtf8());
        m_buffer.append('\n');
        return m_buffer.size() <= (1 << 16) || flush();
    }
    // A well-formed message: its summary formed straight from its bytes (the same text).
    bool takesWire() const override { return true; }
    bool consumeWire(const WirePacket &wire) override
    {
        appendPrefix(wire.packet, wire.number);
        {
            ByteSink sink(m_buffer);
            DnsWire::appendSummary(sink, wire.message);
            sink.byte('\n');
        }
        return m_buffer.size() <= (1 << 16) || flush();
    }
    bool endBatch() override { return flush(); }
    bool finish() override { return m_out.commit(); }
    QString error() const override { return m_out.errorString(); }

private:
    // "number  time  source -> destination  length  "
    void appendPrefix(const Packet &p, quint64 number)
    {
        ExportText::appendNumber(m_buffer, qint64(number)); // as tshark numbers
        m_buffer.append("  ");
        ExportText::appendTime(m_buffer, p.timestampNs);
        m_buffer.append("  ");
        appendEndpoint(m_buffer, p.source, p.sourcePort, p.interfaceName);
        m_buffer.append(" -> ");
        appendEndpoint(m_buffer, p.destination, p.destinationPort, p.interfaceName);
        m_buffer.append("  ");
        ExportText::appendNumber(m_buffer, std::max<qint64>(p.originalLength, p.data.size()));
        m_buffer.append("  ");
    }

    bool flush()
    {
        const bool ok = m_out.write(m_buffer);
        m_buffer.truncate(0);
        return ok;
    }

    ExportOutput m_out;
    QByteArray m_buffer;
};

// The file is read on a thread of its own (a one-thread pool, "mdnscope-read") while the main
// thread decodes and writes: each batch goes over a queued call to the main thread, and a semaphore
// keeps at most kBatchesInFlight of them read but not yet written, so memory stays bounded however
// fast the disk is. Between batches the reader stops when a signal asked it to.
class FileReader final
{
public:
    FileReader(const QString &file, PacketPipeline &pipeline,
               std::function<void(bool)> pushed, // main thread, after each push
               CaptureFileReader::Frames frames)
        : m_file(file)
        , m_pipeline(pipeline)
        , m_pushed(std::move(pushed))
        , m_frames(frames)
    {}

    // Stops the reading after the current batch (no output is left to write); any thread.
    void abandon() { m_abandon.storeRelaxed(1); }

    // Reads the whole file (or up to a stop signal), pushing every batch; main thread.
    CaptureFileResult run()
    {
        QEventLoop loop;
        QObject context; // the main thread's end of the queued calls
        // A job, so Qt Core's job idiom: a pool of one thread of its own.
        QThreadPool pool;
        pool.setObjectName(u"mdnscope-read"_s);
        pool.setMaxThreadCount(1);
        pool.start([this, &loop, &context] {
            m_result = CaptureFileReader::readFileInBatches(
                m_file,
                [this, &context](QList<Packet> &packets) {
                    m_free.acquire();
                    StopSignals::addPending(packets.size());
                    QMetaObject::invokeMethod(
                        &context,
                        [this, batch = std::move(packets)]() mutable {
                            const qsizetype n = batch.size();
                            m_pushed(m_pipeline.push(std::move(batch)));
                            StopSignals::addPending(-n);
                            m_free.release();
                        },
                        Qt::QueuedConnection);
                    packets = QList<Packet>();
                    return !StopSignals::stopRequested() && !m_abandon.loadRelaxed();
                },
                kBatchPackets,
                // Also polled while a FIFO waits for its writer, so a signal ends the wait.
                [](qint64, qint64) { return !StopSignals::stopRequested(); },
                [this] {
                    printError(
                        QCoreApplication::translate(
                            "ReadCommand", "%1: waiting for a writer on FIFO (Ctrl+C to stop)")
                            .arg(m_file));
                },
                m_frames);
            // Queued behind the last batch: the loop ends once every batch was pushed.
            QMetaObject::invokeMethod(
                &context, [&loop] { loop.quit(); }, Qt::QueuedConnection);
        });
        loop.exec();
        pool.waitForDone();
        return m_result;
    }

private:
    QString m_file;
    PacketPipeline &m_pipeline;
    std::function<void(bool)> m_pushed;
    CaptureFileReader::Frames m_frames;
    QSemaphore m_free{kBatchesInFlight};
    QAtomicInt m_abandon;
    CaptureFileResult m_result;
};

} // namespace

int ReadCommand::run(const CommandLineOptions &options)
{
    const QString &file = options.readFile;
    const int toStdout = (options.writePcapng == u"-"_s) + (options.jsonOut == u"-"_s) +
                         (options.csvOut == u"-"_s) + (options.servicesOut == u"-"_s) +
                         (options.checkOut == u"-"_s) + (options.statsJson == u"-"_s);
    if (toStdout > 1) {
        printError(QCoreApplication::translate(
            "ReadCommand", "only one of --stats-json, --write, --json, --csv, --services and "
                           "--check can write to standard output"));
        return CommandLine::ExitUsage;
    }
    StopSignals stopSignals;   // before the reading thread exists
    stopSignals.onStop([] {}); // the reader polls StopSignals::stopRequested() itself

    int exitCode = CommandLine::ExitOk;
    PacketPipeline pipeline;
    DisplayFilter filter;
    if (!options.displayFilter.isEmpty()) {
        // Checked when the command line was parsed; compiled again here to run.
        DisplayFilter::compile(options.displayFilter, &filter, nullptr);
        pipeline.setGate([&filter](const DecodedPacket &p) {
            return filter.matches(p.packet, p.message, p.number);
        });
    }
    SummaryLines summaries;
    CliExports exports(options);
    const bool anyOutput = exports.requested();
    if (!exports.open(pipeline))
        exitCode = CommandLine::ExitFailure;
    if (!anyOutput) {
        if (!summaries.open()) { // a closed standard output: say so before reading
            printError(summaries.error());
            return CommandLine::ExitFailure;
        }
        pipeline.addConsumer(summaries);
    }

    // A writer that fails (a full disk) says so once; the others go on.
    const auto reportErrors = [&] {
        if (exports.reportErrors(pipeline))
            exitCode = CommandLine::ExitFailure;
    };
    // Once no output is left to write (every one failed), reading on would only decode for
    // nobody: stop, as tshark does. A reader of standard output that went away stops the
    // reading too, as SIGPIPE would, but the file outputs are committed (exit 141).
    const qsizetype outputs = anyOutput ? exports.opened() : 1;
    bool abandoned = false;
    std::unique_ptr<FileReader> reader;
    reader = std::make_unique<FileReader>(
        file, pipeline,
        [&](bool ok) {
            if (ok)
                return;
            reportErrors();
            if (!abandoned &&
                (pipeline.errors().size() >= outputs || ExportOutput::standardOutputReaderGone())) {
                abandoned = true;
                reader->abandon();
            }
        },
        // Only a pcapng output writes the frames around the datagrams: without one they are not
        // kept (an allocation less per packet).
        options.writePcapng.isEmpty() ? CaptureFileReader::Frames::Drop
                                      : CaptureFileReader::Frames::Keep);
    const CaptureFileResult read = reader->run();

    // Nothing read before the fault (not a capture file, a corrupt header, a fault before
    // the first packet): nothing is written, and an existing target is left as it was.
    const bool nothingRead =
        read.error && (read.error->ioError || read.format.isEmpty() || pipeline.packets() == 0);
    if (nothingRead)
        exports.cancel(); // removes the .part files
    if (read.error && (read.error->ioError || read.format.isEmpty())) {
        if (read.error->ioError)
            printError(QCoreApplication::translate("ReadCommand", "cannot read %1: %2")
                           .arg(file, read.error->reason));
        else
            printError(QCoreApplication::translate("ReadCommand", "%1: at offset %2: %3")
                           .arg(file)
                           .arg(read.error->offset)
                           .arg(read.error->reason));
        return CommandLine::ExitFailure;
    }
    if (!nothingRead) {
        pipeline.finish(); // commits the exports; the directory settles at the last packet
        if (!exports.writeServices(0))
            exitCode = CommandLine::ExitFailure;
        if (!exports.writeChecks())
            exitCode = CommandLine::ExitFailure;
    }
    reportErrors();

    const CaptureFileStats &s = read.stats;
    if (!nothingRead && !options.statsJson.isEmpty()) {
        const auto num = [](quint64 v) { return QJsonValue(qint64(v)); };
        const QJsonObject stats{
            {u"file"_s, file},
            {u"format"_s, read.format},
            {u"frames"_s, num(s.records)},
            // "records": the same count under its earlier name, kept for existing scripts
            {u"records"_s, num(s.records)},
            {u"packets"_s, num(pipeline.packets())},
            {u"malformed"_s, num(pipeline.malformed())},
            {u"skipped_not_mdns"_s, num(s.skippedNotMdns)},
            {u"skipped_malformed"_s, num(s.skippedMalformed)},
            {u"skipped_fragments"_s, num(s.skippedFragments)},
            {u"fragments"_s, num(s.fragments)},
            {u"fragments_reassembled"_s, num(s.fragmentsReassembled)},
            {u"reassembled_datagrams"_s, num(s.reassembled)},
            {u"reassembled_packets"_s, num(s.reassembledPackets)},
            {u"incomplete_datagrams"_s, num(s.incompleteDatagrams)},
            {u"skipped_short"_s, num(s.skippedShort)},
            {u"skipped_link_type"_s, num(s.skippedLinkType)},
            {u"complete"_s, !read.error && !read.cancelled}};
        if (!exports.writeStats(stats))
            exitCode = CommandLine::ExitFailure;
    }
    QTextStream(stderr) << "mdnscope: "
                        << QCoreApplication::translate(
                               "ReadCommand",
                               "%1: %2 mDNS packets (%3 malformed) in %4 frames; skipped: %5 "
                               "not UDP port 5353, %6 malformed IP/UDP header, %7 IP fragments, "
                               "%8 cut short, %9 unknown link type")
                               .arg(file)
                               .arg(pipeline.packets())
                               .arg(pipeline.malformed())
                               .arg(s.records)
                               .arg(s.skippedNotMdns)
                               .arg(s.skippedMalformed)
                               .arg(s.skippedFragments)
                               .arg(s.skippedShort)
                               .arg(s.skippedLinkType)
                        << '\n';
    if (s.fragments > 0)
        QTextStream(stderr) << "mdnscope: "
                            << QCoreApplication::translate(
                                   "ReadCommand",
                                   "%1: %2 IP fragments reassembled into %3 datagrams (%4 mDNS "
                                   "packets); %5 incomplete datagrams dropped")
                                   .arg(file)
                                   .arg(s.fragments)
                                   .arg(s.reassembled)
                                   .arg(s.reassembledPackets)
                                   .arg(s.incompleteDatagrams)
                            << '\n';
    if (!filter.isEmpty())
        QTextStream(stderr) << "mdnscope: "
                            << QCoreApplication::translate(
                                   "ReadCommand", "%1: %2 of %3 packets matched the filter %4")
                                   .arg(file)
                                   .arg(pipeline.passed())
                                   .arg(pipeline.packets())
                                   .arg(filter.text())
                            << '\n';
    if (!s.firstMalformed.isEmpty())
        printError(
            QCoreApplication::translate("ReadCommand", "%1: first malformed IP/UDP header: %2")
                .arg(file, s.firstMalformed));
    if (read.error) {
        printError(QCoreApplication::translate("ReadCommand", "%1: corrupt at offset %2: %3")
                       .arg(file)
                       .arg(read.error->offset)
                       .arg(read.error->reason));
        exitCode = CommandLine::ExitFailure;
    } else if (ExportOutput::standardOutputReaderGone()) {
        if (exitCode == CommandLine::ExitOk)
            exitCode = CommandLine::ExitReaderGone;
    } else if (read.cancelled && !abandoned) {
        // Complete files, but not of the whole input: a script must not take them for it.
        printError(QCoreApplication::translate(
                       "ReadCommand",
                       "%1: interrupted; the outputs are complete and hold the %2 packets read "
                       "before the signal")
                       .arg(file)
                       .arg(pipeline.packets()));
        if (exitCode == CommandLine::ExitOk)
            exitCode = CommandLine::exitForSignal(StopSignals::stopSignal());
    }
    exports.printChecksSummary();
    // An error finding is the answer of a run that otherwise went well: any other status wins.
    if (exitCode == CommandLine::ExitOk && exports.checksFoundErrors())
        exitCode = CommandLine::ExitFindings;
    return exitCode;
}

#include "ReadCommand.h"

#include "AddressText.h"
#include "CaptureFileReader.h"
#include "DnsDecoder.h"
#include "ExportText.h"
#include "PacketStreamWriter.h"

#include <QCoreApplication>
#include <QTextStream>

#include <condition_variable>
#include <cstdio>
#include <deque>
#include <memory>
#include <mutex>
#include <thread>
#include <vector>

using namespace Qt::StringLiterals;

namespace {

// Packets are exported while the file is read, this many at a time, so memory stays
// bounded however large the file is.
constexpr qsizetype kBatchPackets = 8192;

void printError(const QString &line)
{
    QTextStream(stderr) << "mdnscope: " << line << '\n';
}

void appendEndpoint(QByteArray &out, const IpAddress &address, quint16 port)
{
    if (address.isV6())
        out.append('[');
    AddressText::append(out, address);
    if (address.isV6())
        out.append(']');
    out.append(':');
    ExportText::appendNumber(out, port);
}

// One line per packet, like tshark without options. Returns the malformed count.
qint64 printSummaries(const QList<Packet> &packets, qint64 firstIndex)
{
    qint64 malformed = 0;
    QByteArray out;
    for (qsizetype i = 0; i < packets.size(); ++i) {
        const Packet &p = packets.at(i);
        const DnsMessage m = DnsDecoder::decode(p.data, DnsDecoder::Detail::NoFields);
        malformed += m.isMalformed() ? 1 : 0;
        ExportText::appendNumber(out, firstIndex + i);
        out.append("  ");
        ExportText::appendTime(out, p.timestampNs);
        out.append("  ");
        appendEndpoint(out, p.source, p.sourcePort);
        out.append(" -> ");
        appendEndpoint(out, p.destination, p.destinationPort);
        out.append("  ");
        ExportText::appendNumber(out, std::max<qint64>(p.originalLength, p.data.size()));
        out.append("  ");
        out.append(DnsDecoder::summary(m).toUtf8());
        out.append('\n');
        if (out.size() > (1 << 16) || i + 1 == packets.size()) {
            std::fwrite(out.constData(), 1, size_t(out.size()), stdout);
            out.truncate(0);
        }
    }
    std::fflush(stdout);
    return malformed;
}

// Hands batches from the reading thread to the main thread, at most two waiting, so
// reading the next batch overlaps decoding and writing this one. Emptied lists come back
// (recycle) and are filled again, so the reader does not grow a new list for every batch.
class BatchQueue final
{
public:
    bool push(QList<Packet> &batch) // reading thread
    {
        std::unique_lock lock(m_mutex);
        m_changed.wait(lock, [this] { return m_batches.size() < 2; });
        m_batches.push_back(std::move(batch));
        if (!m_spare.empty()) {
            batch = std::move(m_spare.back());
            m_spare.pop_back();
        }
        m_changed.notify_all();
        return true;
    }
    void recycle(QList<Packet> &batch) // main thread, done with the batch
    {
        batch.clear(); // the packets are freed here; the list keeps its capacity
        const std::lock_guard lock(m_mutex);
        m_spare.push_back(std::move(batch));
    }
    void close() // reading thread, when the file is done
    {
        const std::lock_guard lock(m_mutex);
        m_closed = true;
        m_changed.notify_all();
    }
    bool pop(QList<Packet> &batch) // main thread; false once closed and empty
    {
        std::unique_lock lock(m_mutex);
        m_changed.wait(lock, [this] { return !m_batches.empty() || m_closed; });
        if (m_batches.empty())
            return false;
        batch = std::move(m_batches.front());
        m_batches.pop_front();
        m_changed.notify_all();
        return true;
    }

private:
    std::mutex m_mutex;
    std::condition_variable m_changed;
    std::deque<QList<Packet>> m_batches;
    std::vector<QList<Packet>> m_spare;
    bool m_closed = false;
};

qint64 countMalformed(const QList<Packet> &packets)
{
    qint64 malformed = 0;
    for (const Packet &p : packets)
        malformed += DnsDecoder::decode(p.data, DnsDecoder::Detail::NoFields).isMalformed() ? 1 : 0;
    return malformed;
}

} // namespace

int ReadCommand::run(const CommandLineOptions &options)
{
    const QString &file = options.readFile;
    const int toStdout =
        (options.writePcapng == u"-"_s) + (options.jsonOut == u"-"_s) + (options.csvOut == u"-"_s);
    if (toStdout > 1) {
        printError(QCoreApplication::translate(
            "ReadCommand", "only one of --write, --json and --csv can write to standard output"));
        return CommandLine::ExitUsage;
    }

    int exitCode = CommandLine::ExitOk;
    const std::pair<ExportFormat, QString> requested[] = {
        {ExportFormat::Pcapng, options.writePcapng},
        {ExportFormat::JsonLines, options.jsonOut},
        {ExportFormat::Csv, options.csvOut}};
    std::vector<std::unique_ptr<PacketStreamWriter>> writers;
    bool anyOutput = false;
    for (const auto &[format, path] : requested) {
        if (path.isEmpty())
            continue;
        anyOutput = true;
        auto writer = std::make_unique<PacketStreamWriter>(format, path);
        if (writer->open()) {
            writers.push_back(std::move(writer));
        } else {
            printError(writer->error());
            exitCode = CommandLine::ExitFailure;
        }
    }

    // The malformed count comes from a JSON / CSV writer's decoding while one works;
    // otherwise the batch is decoded here.
    qint64 malformed = 0;
    qint64 index = 0;
    auto batch = [&](QList<Packet> &packets) {
        bool counted = false;
        for (const auto &w : writers) {
            if (w->failed())
                continue;
            const qint64 before = w->malformed();
            if (!w->write(packets)) {
                printError(w->error());
                exitCode = CommandLine::ExitFailure;
            } else if (!counted && before >= 0) {
                malformed += w->malformed() - before;
                counted = true;
            }
        }
        if (!anyOutput)
            malformed += printSummaries(packets, index);
        else if (!counted)
            malformed += countMalformed(packets);
        index += packets.size();
        return true;
    };
    BatchQueue queue;
    CaptureFileResult read;
    std::thread reader([&] {
        read = CaptureFileReader::readFileInBatches(
            file, [&queue](QList<Packet> &packets) { return queue.push(packets); }, kBatchPackets);
        queue.close();
    });
    for (QList<Packet> packets; queue.pop(packets);) {
        batch(packets);
        queue.recycle(packets);
    }
    reader.join();

    if (read.error && (read.error->ioError || read.format.isEmpty())) {
        for (const auto &w : writers) // not a capture file: nothing is written
            w->cancel();
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
    for (const auto &w : writers) {
        if (!w->failed() && !w->commit()) {
            printError(w->error());
            exitCode = CommandLine::ExitFailure;
        }
    }

    const CaptureFileStats &s = read.stats;
    QTextStream(stderr) << "mdnscope: "
                        << QCoreApplication::translate(
                               "ReadCommand",
                               "%1: %2 mDNS packets (%3 malformed) in %4 records; skipped: %5 "
                               "not UDP port 5353, %6 IP fragments, %7 cut short, %8 unknown "
                               "link type")
                               .arg(file)
                               .arg(s.packets)
                               .arg(malformed)
                               .arg(s.records)
                               .arg(s.skippedNotMdns)
                               .arg(s.skippedFragments)
                               .arg(s.skippedShort)
                               .arg(s.skippedLinkType)
                        << '\n';
    if (read.error) {
        printError(QCoreApplication::translate("ReadCommand", "%1: corrupt at offset %2: %3")
                       .arg(file)
                       .arg(read.error->offset)
                       .arg(read.error->reason));
        exitCode = CommandLine::ExitFailure;
    }
    return exitCode;
}

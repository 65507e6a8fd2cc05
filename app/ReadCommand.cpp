#include "ReadCommand.h"

#include "CaptureFileReader.h"
#include "DnsDecoder.h"
#include "ExportText.h"
#include "PacketExporter.h"

#include <QCoreApplication>
#include <QTextStream>

#include <cstdio>

using namespace Qt::StringLiterals;

namespace {

void printError(const QString &line)
{
    QTextStream(stderr) << "mdnscope: " << line << '\n';
}

void appendEndpoint(QByteArray &out, const IpAddress &address, quint16 port)
{
    if (address.isV6())
        out.append('[');
    ExportText::appendAddress(out, address);
    if (address.isV6())
        out.append(']');
    out.append(':');
    ExportText::appendNumber(out, port);
}

// One line per packet, like tshark without options. Returns the malformed count.
qint64 printSummaries(const QList<Packet> &packets)
{
    qint64 malformed = 0;
    QByteArray out;
    for (qsizetype i = 0; i < packets.size(); ++i) {
        const Packet &p = packets.at(i);
        const DnsMessage m = DnsDecoder::decode(p.data, DnsDecoder::Detail::NoFields);
        malformed += m.isMalformed() ? 1 : 0;
        ExportText::appendNumber(out, i);
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

    const CaptureFileResult read = CaptureFileReader::readFile(file);
    if (read.error && read.error->ioError) {
        printError(QCoreApplication::translate("ReadCommand", "cannot read %1: %2")
                       .arg(file, read.error->reason));
        return CommandLine::ExitFailure;
    }
    if (read.error && read.format.isEmpty()) { // not a capture file: nothing to write
        printError(QCoreApplication::translate("ReadCommand", "%1: at offset %2: %3")
                       .arg(file)
                       .arg(read.error->offset)
                       .arg(read.error->reason));
        return CommandLine::ExitFailure;
    }

    int exitCode = CommandLine::ExitOk;
    qint64 malformed = -1;
    const struct
    {
        ExportFormat format;
        const QString &path;
    } outputs[] = {{ExportFormat::Pcapng, options.writePcapng},
                   {ExportFormat::JsonLines, options.jsonOut},
                   {ExportFormat::Csv, options.csvOut}};
    bool anyOutput = false;
    for (const auto &o : outputs) {
        if (o.path.isEmpty())
            continue;
        anyOutput = true;
        const ExportResult r = PacketExporter::write(o.format, o.path, read.packets);
        if (!r.ok) {
            printError(r.error);
            exitCode = CommandLine::ExitFailure;
        } else if (r.malformed >= 0) { // counted while decoding for JSON / CSV
            malformed = r.malformed;
        }
    }
    if (!anyOutput)
        malformed = printSummaries(read.packets);
    else if (malformed < 0)
        malformed = countMalformed(read.packets);

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

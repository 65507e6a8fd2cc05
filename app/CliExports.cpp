#include "CliExports.h"

#include "ExportOutput.h"
#include "PacketPipeline.h"
#include "PacketStreamWriter.h"

#include <QTextStream>

void CommandLine::printError(const QString &line)
{
    QTextStream(stderr) << "mdnscope: " << line << '\n';
}

CliExports::CliExports(const CommandLineOptions &options)
    : m_options(options)
    , m_requested(!options.writePcapng.isEmpty() || !options.jsonOut.isEmpty() ||
                  !options.csvOut.isEmpty())
{}

CliExports::~CliExports() = default; // a writer not committed removes its .part file

bool CliExports::open(PacketPipeline &pipeline)
{
    const std::pair<ExportFormat, const QString &> outputs[] = {
        {ExportFormat::Pcapng, m_options.writePcapng},
        {ExportFormat::JsonLines, m_options.jsonOut},
        {ExportFormat::Csv, m_options.csvOut}};
    bool ok = true;
    for (const auto &[format, path] : outputs) {
        if (path.isEmpty())
            continue;
        auto writer =
            std::make_unique<PacketStreamWriter>(format, path, ExportOutput::Staging::PartFile);
        if (!writer->open()) {
            CommandLine::printError(writer->error());
            ok = false;
            continue;
        }
        pipeline.addConsumer(*writer);
        m_writers.push_back(std::move(writer));
    }
    return ok;
}

void CliExports::cancel()
{
    for (const auto &w : m_writers)
        w->cancel();
}

bool CliExports::reportErrors(const PacketPipeline &pipeline)
{
    bool failed = false;
    const QStringList errors = pipeline.errors();
    for (; m_reported < errors.size(); ++m_reported) {
        if (ExportOutput::isReaderGoneError(errors.at(m_reported)))
            continue;
        CommandLine::printError(errors.at(m_reported));
        failed = true;
    }
    return failed;
}

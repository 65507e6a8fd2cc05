#include "CliExports.h"

#include "DirectoryConsumer.h"
#include "ExportOutput.h"
#include "PacketPipeline.h"
#include "PacketStreamWriter.h"
#include "ServiceDirectory.h"
#include "ServicesJsonWriter.h"

#include <QTextStream>

void CommandLine::printError(const QString &line)
{
    QTextStream(stderr) << "mdnscope: " << line << '\n';
}

CliExports::CliExports(const CommandLineOptions &options)
    : m_options(options)
    , m_requested(!options.writePcapng.isEmpty() || !options.jsonOut.isEmpty() ||
                  !options.csvOut.isEmpty() || !options.servicesOut.isEmpty())
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
    if (!m_options.servicesOut.isEmpty()) {
        auto out = std::make_unique<ExportOutput>();
        if (out->open(m_options.servicesOut, ExportOutput::Staging::PartFile)) {
            m_servicesOut = std::move(out);
            m_directory = std::make_unique<ServiceDirectory>();
            m_directoryConsumer = std::make_unique<DirectoryConsumer>(*m_directory);
            pipeline.addConsumer(*m_directoryConsumer);
        } else {
            CommandLine::printError(out->errorString());
            ok = false;
        }
    }
    return ok;
}

bool CliExports::writeServices(qint64 endNs)
{
    if (!m_servicesOut)
        return true;
    if (endNs != 0)
        m_directory->finish(endNs);
    if (ServicesJsonWriter::write(*m_directory, *m_servicesOut))
        return true;
    if (ExportOutput::isReaderGoneError(m_servicesOut->errorString()))
        return true;
    CommandLine::printError(m_servicesOut->errorString());
    return false;
}

void CliExports::cancel()
{
    for (const auto &w : m_writers)
        w->cancel();
    if (m_servicesOut)
        m_servicesOut->cancel();
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

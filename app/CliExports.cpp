#include "CliExports.h"

#include "BehaviourConsumer.h"
#include "BehaviourJson.h"
#include "BehaviourModel.h"
#include "CheckerConsumer.h"
#include "ConformanceChecker.h"
#include "DirectoryConsumer.h"
#include "ExportOutput.h"
#include "FindingsJsonWriter.h"
#include "PacketPipeline.h"
#include "PacketStreamWriter.h"
#include "ServiceDirectory.h"
#include "ServicesJsonWriter.h"

#include <QCoreApplication>
#include <QJsonDocument>
#include <QTextStream>

#include <map>

using namespace Qt::StringLiterals;

void CommandLine::printError(const QString &line)
{
    QTextStream(stderr) << "mdnscope: " << line << '\n';
}

CliExports::CliExports(const CommandLineOptions &options)
    : m_options(options)
    , m_requested(!options.writePcapng.isEmpty() || !options.jsonOut.isEmpty() ||
                  !options.csvOut.isEmpty() || !options.servicesOut.isEmpty() ||
                  !options.checkOut.isEmpty() || !options.statsJson.isEmpty())
    , m_analyse(!options.metricsAddress.isEmpty())
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
    if (m_analyse && !m_directory) {
        m_directory = std::make_unique<ServiceDirectory>();
        m_directoryConsumer = std::make_unique<DirectoryConsumer>(*m_directory);
        pipeline.addConsumer(*m_directoryConsumer);
    }
    if (!m_options.checkOut.isEmpty()) {
        auto out = std::make_unique<ExportOutput>();
        if (out->open(m_options.checkOut, ExportOutput::Staging::PartFile)) {
            m_checkOut = std::move(out);
            m_checker = std::make_unique<ConformanceChecker>();
            m_checkerConsumer = std::make_unique<CheckerConsumer>(*m_checker);
            pipeline.addConsumer(*m_checkerConsumer);
        } else {
            CommandLine::printError(out->errorString());
            ok = false;
        }
    }
    if (m_analyse && !m_checker) {
        m_checker = std::make_unique<ConformanceChecker>();
        m_checkerConsumer = std::make_unique<CheckerConsumer>(*m_checker);
        pipeline.addConsumer(*m_checkerConsumer);
    }
    if (!m_options.statsJson.isEmpty() || m_analyse) {
        m_behaviour = std::make_unique<BehaviourModel>();
        // After the checker's consumer: its findings of each packet become events.
        m_behaviourConsumer = std::make_unique<BehaviourConsumer>(*m_behaviour, m_checker.get());
        pipeline.addConsumer(*m_behaviourConsumer);
    }
    return ok;
}

bool CliExports::writeStats(QJsonObject stats)
{
    if (m_options.statsJson.isEmpty())
        return true;
    if (m_behaviour) {
        stats.insert(u"latency"_s, BehaviourJson::latency(*m_behaviour));
        stats.insert(u"talkers"_s, BehaviourJson::talkers(*m_behaviour));
    }
    // Through ExportOutput like every other output: the whole object or nothing at a regular
    // file, a device or FIFO written in place (never replaced), standard output checked.
    const QByteArray text = QJsonDocument(stats).toJson(QJsonDocument::Indented);
    ExportOutput out;
    if (!out.open(m_options.statsJson) || !out.write(text) || !out.commit()) {
        if (ExportOutput::isReaderGoneError(out.errorString()))
            return true; // not a failure: the run ends with ExitReaderGone
        CommandLine::printError(out.errorString());
        return false;
    }
    return true;
}

void CliExports::tick(qint64 nowNs)
{
    if (!m_directory || m_directory->now() == 0) // nothing heard yet
        return;
    m_directory->advanceTo(nowNs);
    if (m_checker)
        m_checker->advanceTo(nowNs);
    if (m_behaviour)
        m_behaviour->advanceTo(nowNs, m_checker.get());
}

void CliExports::advanceChecks(qint64 endNs)
{
    if (m_checker && endNs != 0)
        m_checker->advanceTo(endNs);
}

bool CliExports::writeChecks()
{
    if (!m_checkOut)
        return true;
    const bool written = FindingsJsonWriter::write(*m_checker, m_options.scorecard, *m_checkOut) ||
                         ExportOutput::isReaderGoneError(m_checkOut->errorString());
    if (!written) {
        CommandLine::printError(m_checkOut->errorString());
        return false;
    }
    m_checkWritten = true;
    m_checkErrors = m_checker->countBySeverity()[int(Severity::Error)] > 0;
    return true;
}

void CliExports::printChecksSummary() const
{
    if (!m_checkWritten)
        return;
    // The summary: findings per severity, then per rule and severity (findings and their
    // occurrences), errors first.
    const std::array<quint64, 3> bySeverity = m_checker->countBySeverity();
    CommandLine::printError(QCoreApplication::translate(
                                "CliExports", "conformance findings: %1 error, %2 warning, %3 info")
                                .arg(bySeverity[int(Severity::Error)])
                                .arg(bySeverity[int(Severity::Warning)])
                                .arg(bySeverity[int(Severity::Info)]));
    // (severity, descending; rule) -> (findings, occurrences)
    std::map<std::pair<int, int>, std::pair<quint64, quint64>> byRule;
    for (const Finding &f : m_checker->findings()) {
        auto &[findings, occurrences] = byRule[{-int(f.severity), int(f.rule)}];
        ++findings;
        occurrences += f.count;
    }
    if (!byRule.empty())
        CommandLine::printError(
            QCoreApplication::translate("CliExports", "  severity rule: findings (occurrences)"));
    for (const auto &[at, counts] : byRule) {
        const Rule rule = Rule(at.second);
        CommandLine::printError(u"  %1 %2: %3 (%4)"_s
                                    .arg(ConformanceRules::severityName(Severity(-at.first)),
                                         QLatin1StringView(ConformanceRules::info(rule).id))
                                    .arg(counts.first)
                                    .arg(counts.second));
    }
    if (m_checker->dropped() > 0)
        CommandLine::printError(
            QCoreApplication::translate("CliExports",
                                        "conformance: %1 more occurrences not kept (over the "
                                        "limit of %2 distinct findings)")
                .arg(m_checker->dropped())
                .arg(m_checker->limits().maxFindings));
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
    if (m_checkOut)
        m_checkOut->cancel();
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

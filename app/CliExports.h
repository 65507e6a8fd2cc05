#pragma once

#include "CommandLine.h"

#include <QJsonObject>
#include <QString>

#include <memory>
#include <vector>

class BehaviourConsumer;
class BehaviourModel;
class CheckerConsumer;
class ConformanceChecker;
class DirectoryConsumer;
class ExportOutput;
class PacketPipeline;
class PacketStreamWriter;
class ServiceDirectory;

// The exports one command-line run writes (--write, --json, --csv, --services, --check, and
// the behaviour model (latency, talkers) for --stats-json), shared
// by --read and --headless: each a PacketStreamWriter staged as TARGET.part beside its target
// (renamed over it when the pipeline finishes), registered with the run's pipeline; the
// service directory and the conformance checker, fed by the pipeline and written at the end
// (writeServices(), writeChecks()), their outputs opened (TARGET.part) before the run so a bad
// target fails early; and their failures,
// each reported once on standard error. A reader of standard output that went away (`| head`)
// is not reported: the run ends quietly, as SIGPIPE would, with the files committed. Main
// thread.
class CliExports final
{
public:
    explicit CliExports(const CommandLineOptions &options);
    ~CliExports();
    Q_DISABLE_COPY_MOVE(CliExports)

    bool requested() const { return m_requested; }
    // Opens every requested output and adds it to the pipeline; an output that cannot be
    // opened is reported and left out. Returns false when one could not be opened.
    bool open(PacketPipeline &pipeline);
    qsizetype opened() const
    {
        return qsizetype(m_writers.size()) + (m_servicesOut ? 1 : 0) + (m_checkOut ? 1 : 0) +
               (m_behaviour ? 1 : 0);
    }
    // Drops every output: .part files are removed and existing targets stay as they were.
    void cancel();
    // Reports the pipeline's failures not reported yet; true when one was a real failure.
    bool reportErrors(const PacketPipeline &pipeline);
    // After the pipeline finished: the directory (finished at `endNs` when not 0, e.g. the
    // capture's end) is written to --services and committed. True when none was asked for or
    // it was written (or its reader went away: not a failure); failures are reported.
    bool writeServices(qint64 endNs);
    // Before the pipeline finishes: the checker's clock moves on to `endNs` (the capture's
    // end; the pipeline then finishes it there rather than at the last packet).
    void advanceChecks(qint64 endNs);
    // After the pipeline finished: the findings (and with --scorecard the scorecard) are
    // written to --check and committed. True when none was asked for or it was written (or its
    // reader went away); failures are reported.
    bool writeChecks();
    // After writeChecks() wrote them: the findings per severity and per rule (with their
    // occurrences) on standard error, the last lines of the run.
    void printChecksSummary() const;
    // After the pipeline finished: `stats` with the behaviour model's `latency` and `talkers`
    // (BehaviourJson) written to --stats-json as one JSON object, through ExportOutput. True
    // when none was asked for or it was written (or its reader went away); failures reported.
    bool writeStats(QJsonObject stats);
    // --check was written and holds an `error` finding (exit code 3).
    bool checksFoundErrors() const { return m_checkErrors; }

    // The analyses the run keeps (null when none asked for them: --services, --check,
    // --stats-json, or --metrics, which runs all three), for --metrics' scrapes.
    const ServiceDirectory *directory() const { return m_directory.get(); }
    const ConformanceChecker *checker() const { return m_checker.get(); }
    const BehaviourModel *behaviour() const { return m_behaviour.get(); }
    // Time passes without packets (a live capture, once a second, as the window ticks): the
    // directory's expiries, the checker's waiting rules and the behaviour model move on to
    // `nowNs`. Nothing before the first packet.
    void tick(qint64 nowNs);

private:
    const CommandLineOptions &m_options;
    bool m_requested = false;
    bool m_analyse = false; // --metrics: the directory, the checker and the behaviour model run
    std::vector<std::unique_ptr<PacketStreamWriter>> m_writers;
    std::unique_ptr<ServiceDirectory> m_directory;
    std::unique_ptr<DirectoryConsumer> m_directoryConsumer;
    std::unique_ptr<ExportOutput> m_servicesOut;
    std::unique_ptr<ConformanceChecker> m_checker;
    std::unique_ptr<CheckerConsumer> m_checkerConsumer;
    std::unique_ptr<ExportOutput> m_checkOut;
    std::unique_ptr<BehaviourModel> m_behaviour;
    std::unique_ptr<BehaviourConsumer> m_behaviourConsumer;
    bool m_checkWritten = false;
    bool m_checkErrors = false;
    qsizetype m_reported = 0;
};

namespace CommandLine {
// "mdnscope: <line>" on standard error.
void printError(const QString &line);
} // namespace CommandLine

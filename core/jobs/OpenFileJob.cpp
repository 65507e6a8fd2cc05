#include "OpenFileJob.h"

#include "BatchAnalyzer.h"
#include "BehaviourConsumer.h"
#include "BehaviourModel.h"
#include "CheckerConsumer.h"
#include "ConformanceChecker.h"
#include "DirectoryConsumer.h"
#include "PacketPipeline.h"
#include "ServiceDirectory.h"

using namespace Qt::StringLiterals;

namespace {
// Packets per batch through the pipeline: large enough to decode on every core.
constexpr qsizetype kBatchPackets = 8192;
} // namespace

OpenFileJob::OpenFileJob(QObject *parent)
    : BackgroundJob(u"open-file"_s, parent)
{}

OpenFileJob::~OpenFileJob()
{
    stop(); // the work runs with this `this`: end it while the whole object is alive
}

void OpenFileJob::start(const QString &path)
{
    launch([this, path] {
        ProgressPacer pacer;
        int lastPercent = -1;
        auto report = [&](int percent) {
            if (percent != lastPercent && pacer.due(percent == 100)) {
                lastPercent = percent;
                post([this, percent] { Q_EMIT progress(percent); });
            }
        };
        auto result = std::make_shared<OpenedFile>();
        result->path = path;
        // The file goes through the packet pipeline in batches, as live packets do: decoded
        // once, analysed by the same BatchAnalyzer as a live capture (no summaries: the list
        // makes those of the rows it shows), so a file shows what the capture showed.
        QList<Packet> &packets = result->file.packets;
        BatchAnalyzer analyzer(
            [&](AnalyzedBatch &&batch) {
                result->senders.add(batch);
                for (qsizetype i = 0; i < batch.size(); ++i) {
                    result->malformed.append(batch.isMalformed(i));
                    result->malformedCount += batch.isMalformed(i) ? 1 : 0;
                }
                packets.append(std::move(batch.packets));
            },
            0);
        // The service directory, fed by the same pipeline (as --read --services does).
        ServiceDirectory directory;
        DirectoryConsumer directoryFeed(directory);
        // The conformance checker too (as --read --check does), finished at the last packet.
        ConformanceChecker checker;
        CheckerConsumer checkerFeed(checker);
        // And the behaviour model (as --read --stats-json does): latency and talkers.
        BehaviourModel behaviour;
        BehaviourConsumer behaviourFeed(behaviour, &checker); // the checker's findings as events
        PacketPipeline pipeline;
        pipeline.addConsumer(analyzer);
        pipeline.addConsumer(directoryFeed);
        pipeline.addConsumer(checkerFeed);
        pipeline.addConsumer(behaviourFeed);
        const CaptureFileResult read = CaptureFileReader::readFileInBatches(
            path,
            [&](QList<Packet> &batch) {
                pipeline.push(std::move(batch));
                batch = {};
                return !cancelRequested();
            },
            kBatchPackets,
            [&](qint64 done, qint64 total) {
                report(total > 0 ? int(done * 100 / total) : 0);
                return !cancelRequested();
            });
        pipeline.finish();
        result->directory = directory.takeChanges();
        result->findings = checker.takeChanges();
        result->behaviour = behaviour.takeChanges();
        result->file.stats = read.stats;
        result->file.error = read.error;
        result->file.format = read.format;
        result->file.sections = read.sections;
        result->file.cancelled = read.cancelled || cancelRequested();
        report(100);
        deliver([this, result] { Q_EMIT finished(result); });
    });
}

// libFuzzer target for the whole `mdnscope --read FILE --write --json --csv` path on raw bytes:
// the bytes as a file on disk, read in batches (CaptureFileReader::readFileInBatches, as
// --read reads), every batch through a PacketPipeline into the three streaming exports staged
// as .part files, committed at the end as --read commits them. Then what must hold: the
// pipeline saw every kept packet, each export wrote them all, the pcapng reads back to the
// same count and every JSON line is a JSON object. Any violation aborts, so libFuzzer keeps
// the input.
#include "CaptureFileReader.h"
#include "PacketPipeline.h"
#include "PacketStreamWriter.h"

#include <QFile>
#include <QJsonDocument>
#include <QTemporaryDir>

#include <array>
#include <cstdio>
#include <cstdlib>
#include <memory>

namespace {

// Batches smaller than --read's, so a few-kilobyte input still spans several of them.
constexpr qsizetype kBatchPackets = 4;
// Parsing every JSON line back would dominate each run; the first few cover the writer.
constexpr int kJsonChecked = 8;

[[noreturn]] void fail(const char *what)
{
    std::fprintf(stderr, "fuzz_read: %s\n", what);
    std::abort();
}

const QTemporaryDir &workDir()
{
    static const QTemporaryDir dir;
    if (!dir.isValid())
        fail("no temporary directory");
    return dir;
}

} // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    const QTemporaryDir &dir = workDir();
    const QString input = dir.filePath(QStringLiteral("input"));
    {
        QFile f(input);
        if (!f.open(QIODevice::WriteOnly | QIODevice::Truncate) ||
            f.write(reinterpret_cast<const char *>(data), qint64(size)) != qint64(size))
            fail("cannot write the input file");
    }
    const std::array<std::pair<ExportFormat, QString>, 3> outputs{
        {{ExportFormat::Pcapng, dir.filePath(QStringLiteral("out.pcapng"))},
         {ExportFormat::JsonLines, dir.filePath(QStringLiteral("out.jsonl"))},
         {ExportFormat::Csv, dir.filePath(QStringLiteral("out.csv"))}}};
    PacketPipeline pipeline;
    std::vector<std::unique_ptr<PacketStreamWriter>> writers;
    for (const auto &[format, path] : outputs) {
        QFile::remove(path);
        writers.push_back(
            std::make_unique<PacketStreamWriter>(format, path, ExportOutput::Staging::PartFile));
        if (!writers.back()->open())
            fail("cannot open an output");
        pipeline.addConsumer(*writers.back());
    }
    const CaptureFileResult read = CaptureFileReader::readFileInBatches(
        input,
        [&pipeline](QList<Packet> &batch) {
            pipeline.push(batch);
            return true;
        },
        kBatchPackets);

    if (read.error && (read.error->ioError || read.error->reason.isEmpty()))
        fail("an I/O error or an error without a reason");
    if (pipeline.packets() != read.stats.packets)
        fail("the pipeline did not see every kept packet");
    // Kept packets reassembled from IP fragments stand for their fragments (see CaptureFileStats).
    if (read.stats.records != read.stats.packets - read.stats.reassembledPackets +
                                  read.stats.fragmentsReassembled + read.stats.skipped())
        fail("records != packets - reassembled + their fragments + skipped");
    if (read.error && read.stats.packets == 0) {
        for (const auto &w : writers) // nothing read: --read leaves the outputs as they were
            w->cancel();
        for (const auto &[format, path] : outputs)
            if (QFile::exists(path) || QFile::exists(path + QStringLiteral(".part")))
                fail("a cancelled output left a file");
        return 0;
    }
    if (!pipeline.finish())
        fail("an export failed");
    for (const auto &w : writers)
        if (w->packetsWritten() != qint64(read.stats.packets))
            fail("an export did not write every packet");

    const CaptureFileResult back = CaptureFileReader::readFile(outputs[0].second);
    if (back.error || back.stats.packets != read.stats.packets)
        fail("the pcapng export does not read back to the same packets");
    QFile json(outputs[1].second);
    if (!json.open(QIODevice::ReadOnly))
        fail("no JSON Lines output");
    qint64 lines = 0;
    while (!json.atEnd()) {
        const QByteArray line = json.readLine();
        if (lines < kJsonChecked && !QJsonDocument::fromJson(line).isObject())
            fail("a JSON line that is no object");
        ++lines;
    }
    if (lines != qint64(read.stats.packets))
        fail("JSON Lines count");
    return 0;
}

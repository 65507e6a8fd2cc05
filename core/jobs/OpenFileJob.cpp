#include "OpenFileJob.h"

#include "DnsDecoder.h"

using namespace Qt::StringLiterals;

namespace {
// Reading takes the first 70 % of the bar, decoding the rest.
constexpr int kReadShare = 70;
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
        result->file = CaptureFileReader::readFile(path, [&](qint64 done, qint64 total) {
            report(total > 0 ? int(done * kReadShare / total) : 0);
            return !cancelRequested();
        });
        const QList<Packet> &packets = result->file.packets;
        result->malformed.reserve(packets.size());
        for (qsizetype i = 0; i < packets.size() && !cancelRequested(); ++i) {
            const DnsMessage m =
                DnsDecoder::decode(packets.at(i).data, DnsDecoder::Detail::NoFields);
            result->malformed.append(m.isMalformed());
            result->malformedCount += m.isMalformed() ? 1 : 0;
            result->senders.add(packets.at(i), m);
            if ((i & 1023) == 0)
                report(kReadShare + int(i * (100 - kReadShare) / packets.size()));
        }
        if (cancelRequested())
            result->file.cancelled = true;
        report(100);
        deliver([this, result] { Q_EMIT finished(result); });
    });
}

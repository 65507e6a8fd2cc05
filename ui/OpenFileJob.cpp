#include "OpenFileJob.h"

#include "DnsDecoder.h"

#include <QElapsedTimer>
#include <QThread>

using namespace Qt::StringLiterals;

namespace {
// Reading takes the first 70 % of the bar, decoding the rest.
constexpr int kReadShare = 70;
} // namespace

OpenFileJob::OpenFileJob(QObject *parent)
    : QObject(parent)
{}

OpenFileJob::~OpenFileJob()
{
    cancel();
    if (m_thread) {
        m_thread->wait();
        delete m_thread;
    }
}

bool OpenFileJob::isRunning() const
{
    return m_busy;
}

void OpenFileJob::cancel()
{
    m_cancel.store(true);
}

bool OpenFileJob::wait(int timeoutMs)
{
    return !m_thread || m_thread->wait(QDeadlineTimer(timeoutMs));
}

void OpenFileJob::start(const QString &path)
{
    if (m_busy)
        return;
    if (m_thread) { // it already delivered its result and is at most returning
        m_thread->wait();
        delete m_thread;
    }
    m_busy = true;
    m_cancel.store(false);
    m_thread = QThread::create([this, path] {
        QElapsedTimer sinceReport;
        sinceReport.start();
        int lastPercent = -1;
        auto report = [&](int percent) {
            if (percent != lastPercent && (sinceReport.elapsed() >= 50 || percent == 100)) {
                lastPercent = percent;
                sinceReport.restart();
                QMetaObject::invokeMethod(
                    this, [this, percent] { Q_EMIT progress(percent); }, Qt::QueuedConnection);
            }
        };
        auto result = std::make_shared<OpenedFile>();
        result->path = path;
        result->file = CaptureFileReader::readFile(path, [&](qint64 done, qint64 total) {
            report(total > 0 ? int(done * kReadShare / total) : 0);
            return !m_cancel.load();
        });
        const QList<Packet> &packets = result->file.packets;
        result->malformed.reserve(packets.size());
        for (qsizetype i = 0; i < packets.size() && !m_cancel.load(); ++i) {
            const DnsMessage m =
                DnsDecoder::decode(packets.at(i).data, DnsDecoder::Detail::NoFields);
            result->malformed.append(m.isMalformed());
            result->malformedCount += m.isMalformed() ? 1 : 0;
            result->senders.add(packets.at(i), m);
            if ((i & 1023) == 0)
                report(kReadShare + int(i * (100 - kReadShare) / packets.size()));
        }
        if (m_cancel.load())
            result->file.cancelled = true;
        report(100);
        QMetaObject::invokeMethod(
            this,
            [this, result] {
                m_busy = false;
                Q_EMIT finished(result);
            },
            Qt::QueuedConnection);
    });
    m_thread->setObjectName(u"open-file"_s);
    m_thread->start();
}

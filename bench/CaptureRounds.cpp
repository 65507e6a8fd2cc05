#include "CaptureRounds.h"

#include "BareReceiver.h"
#include "BenchReport.h"
#include "CaptureFileReader.h"
#include "HeadlessProcess.h"
#include "MulticastFlooder.h"

#include <QThread>

#include <algorithm>

using namespace Qt::StringLiterals;

namespace CaptureRounds {

namespace {

Round finish(const MulticastFlooder &flood, double received, qint64 cpuNs, quint64 drops,
             qint64 intervalNs)
{
    Round r;
    const double seconds = flood.elapsedSeconds();
    r.sentPerSecond = double(flood.sent()) / seconds;
    r.receivedPerSecond = received / seconds;
    r.cpuNsPerPacket = received > 0 ? double(cpuNs) / received : 0;
    r.coreBusy = intervalNs > 0 ? double(cpuNs) / double(intervalNs) : 0;
    r.drops = drops;
    r.senderCpuNsPerPacket = flood.sent() > 0 ? double(flood.cpuNs()) / double(flood.sent()) : 0;
    r.senderBusy = double(flood.cpuNs()) / (seconds * 1e9);
    return r;
}

} // namespace

QList<QByteArray> realDatagrams(QString *error)
{
    const QString path =
        QStringLiteral(MDNSCOPE_SOURCE_DIR "/../shared/corpus/nfstream__mdns.pcap");
    const CaptureFileResult file = CaptureFileReader::readFile(path);
    QList<QByteArray> datagrams;
    for (const Packet &p : file.packets)
        datagrams.append(p.data);
    if (datagrams.isEmpty())
        *error = u"no datagrams in "_s + path +
                 (file.error ? u": "_s + file.error->toString() : QString());
    return datagrams;
}

double meanSize(const QList<QByteArray> &datagrams)
{
    double total = 0;
    for (const QByteArray &d : datagrams)
        total += double(d.size());
    return total / double(datagrams.size());
}

std::optional<Round> bareRound(const QList<QByteArray> &datagrams, double seconds, Placement cpus,
                               bool withMetadata, const BenchLink &link, QString *error)
{
    BareReceiver bare;
    if (!bare.start(5353, kReceiveBufferRequest, error, cpus.receiver, withMetadata, link))
        return std::nullopt;
    QThread::msleep(100);
    const qint64 cpuStart = bare.cpuNs();
    const qint64 wallStart = BenchReport::nowNs();
    MulticastFlooder flood;
    if (!flood.start(datagrams, seconds, 0, 5353, cpus.sender, link)) {
        *error = u"the flooder could not start"_s;
        return std::nullopt;
    }
    flood.join();
    QThread::msleep(kDrainMs);
    const qint64 cpu = bare.cpuNs() - cpuStart;
    const qint64 wall = BenchReport::nowNs() - wallStart;
    bare.stop();
    Round r = finish(flood, double(bare.packets()), cpu, bare.kernelDrops(), wall);
    if (bare.wakeups() > 0)
        r.packetsPerWakeup = double(bare.packets()) / double(bare.wakeups());
    return r;
}

std::optional<Round> engineRound(const QString &binary, const QList<QByteArray> &datagrams,
                                 double seconds, Placement cpus, const BenchLink &link,
                                 const QString &profile, QString *error)
{
    HeadlessProcess engine(binary);
    engine.setCpu(cpus.receiver);
    engine.setLink(link);
    if (!engine.start({}, error))
        return std::nullopt;
    if (!profile.isEmpty() && !engine.startProfile(profile, error))
        return std::nullopt;
    const qint64 cpuStart = engine.cpuNs();
    const qint64 wallStart = BenchReport::nowNs();
    MulticastFlooder flood;
    if (!flood.start(datagrams, seconds, 0, 5353, cpus.sender, link)) {
        *error = u"the flooder could not start"_s;
        return std::nullopt;
    }
    flood.join();
    QThread::msleep(kDrainMs);
    const qint64 cpu = engine.cpuNs() - cpuStart;
    const qint64 wall = BenchReport::nowNs() - wallStart;
    if (!engine.stop(error))
        return std::nullopt;
    const qint64 drops = engine.value(u"kernel_drops"_s);
    const qint64 wakeups = engine.value(u"wakeups"_s);
    Round r = finish(flood, double(engine.value(u"packets"_s)), cpu,
                     quint64(std::max<qint64>(0, drops)), wall);
    if (wakeups > 0)
        r.packetsPerWakeup = double(engine.value(u"packets"_s)) / double(wakeups);
    return r;
}

Spread spread(QList<double> values)
{
    if (values.isEmpty())
        return {};
    std::sort(values.begin(), values.end());
    const qsizetype n = values.size();
    const double median = n % 2 ? values.at(n / 2) : (values.at(n / 2 - 1) + values.at(n / 2)) / 2;
    return {median, values.first(), values.last()};
}

QString text(const Spread &s, double scale, int decimals)
{
    return u"%1 (%2-%3)"_s.arg(BenchReport::num(s.median * scale, decimals),
                               BenchReport::num(s.min * scale, decimals),
                               BenchReport::num(s.max * scale, decimals));
}

} // namespace CaptureRounds

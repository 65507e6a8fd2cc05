// Benchmark: capture throughput of the headless engine against the least a receiver
// can do. Inside a private network namespace a sender floods 224.0.0.251:5353 over
// loopback with real mDNS datagrams; first a bare C recvmmsg loop (BareReceiver), then
// `mdnscope --headless` receive the same kind of flood for the same time, and the
// packets each received are compared. Then the engine gets a paced flood and every
// datagram sent must arrive.
// Usage: bench_capture [MDNSCOPE_BINARY] [FLOOD_SECONDS] [PACED_RATE] [PACED_SECONDS]

#include "BareReceiver.h"
#include "BenchReport.h"
#include "CaptureFileReader.h"
#include "HeadlessProcess.h"
#include "MulticastFlooder.h"
#include "NetNamespace.h"

#include <QCoreApplication>
#include <QThread>

using namespace Qt::StringLiterals;

namespace {

const QString kBench = u"Capture throughput"_s;

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

void skipped(const QString &what, const QString &why)
{
    BenchReport::row(kBench, what, u"not measured: "_s + why, u"-"_s, u"-"_s, u"-"_s);
}

double meanSize(const QList<QByteArray> &datagrams)
{
    double total = 0;
    for (const QByteArray &d : datagrams)
        total += double(d.size());
    return total / double(datagrams.size());
}

} // namespace

int main(int argc, char *argv[])
{
    NetNamespace::enter(); // before any thread exists
    QCoreApplication app(argc, argv);
    const QStringList args = app.arguments();
    const QString binary = args.value(1, QStringLiteral(MDNSCOPE_BINARY));
    const double floodSeconds = args.value(2, u"5"_s).toDouble();
    const double pacedRate = args.value(3, u"50000"_s).toDouble();
    const double pacedSeconds = args.value(4, u"10"_s).toDouble();
    const QString floodWhat =
        u"headless engine (mdnscope --headless) vs bare C recvmmsg loop, "
        "same %1 s loopback flood in one private namespace"_s.arg(floodSeconds);
    const QString pacedWhat =
        u"headless engine: datagrams received vs sent, paced %1 pkt/s for %2 s"_s.arg(
            BenchReport::num(pacedRate), QString::number(pacedSeconds));

    if (!NetNamespace::isPrivate()) {
        skipped(floodWhat, NetNamespace::failureReason());
        skipped(pacedWhat, NetNamespace::failureReason());
        return 0;
    }
    QString error;
    const QList<QByteArray> datagrams = realDatagrams(&error);
    if (datagrams.isEmpty()) {
        skipped(floodWhat, error);
        skipped(pacedWhat, error);
        return 0;
    }
    BenchReport::note(u"bench_capture: %1 distinct real datagrams, mean %2 bytes"_s.arg(
        QString::number(datagrams.size()), BenchReport::num(meanSize(datagrams), 0)));

    // 1. The bare loop.
    BareReceiver bare;
    if (!bare.start(5353, 0, &error)) {
        skipped(floodWhat, error);
        return 1;
    }
    QThread::msleep(100);
    MulticastFlooder bareFlood;
    bareFlood.start(datagrams, floodSeconds);
    bareFlood.join();
    QThread::msleep(300); // let the receiver drain its socket buffer
    bare.stop();
    const double bareSeconds = bareFlood.elapsedSeconds();
    const double bareRate = double(bare.packets()) / bareSeconds;
    const double bareSent = double(bareFlood.sent()) / bareSeconds;
    BenchReport::note(u"bench_capture: bare loop received %1 of %2 sent in %3 s"_s.arg(
        QString::number(bare.packets()), QString::number(bareFlood.sent()),
        BenchReport::num(bareSeconds, 2)));

    // 2. The engine, same flood.
    HeadlessProcess engine(binary);
    if (!engine.start({}, &error)) {
        skipped(floodWhat, error);
        skipped(pacedWhat, error);
        return 1;
    }
    MulticastFlooder engineFlood;
    engineFlood.start(datagrams, floodSeconds);
    engineFlood.join();
    QThread::msleep(300);
    if (!engine.stop(&error)) {
        skipped(floodWhat, error);
        return 1;
    }
    const double engineSeconds = engineFlood.elapsedSeconds();
    const qint64 enginePackets = engine.value(u"packets"_s);
    const double engineRate = double(enginePackets) / engineSeconds;
    const double engineSent = double(engineFlood.sent()) / engineSeconds;
    const double share = bareRate > 0 ? engineRate / bareRate : 0;
    BenchReport::row(
        kBench, floodWhat,
        u"engine %1 pkt/s (sender %2 pkt/s, kernel drops %3); bare loop %4 pkt/s (sender %5 "
        "pkt/s, kernel drops %6)"_s.arg(BenchReport::num(engineRate), BenchReport::num(engineSent),
                                        BenchReport::num(double(engine.value(u"kernel_drops"_s))),
                                        BenchReport::num(bareRate), BenchReport::num(bareSent),
                                        BenchReport::num(double(bare.kernelDrops()))),
        u"engine = %1% of bare loop"_s.arg(BenchReport::num(share * 100, 1)),
        u">= 90% of bare loop"_s, BenchReport::met(share >= 0.9));

    // 3. Paced: nothing may be lost.
    HeadlessProcess paced(binary);
    if (!paced.start({}, &error)) {
        skipped(pacedWhat, error);
        return 1;
    }
    MulticastFlooder pacedFlood;
    pacedFlood.start(datagrams, pacedSeconds, pacedRate);
    pacedFlood.join();
    QThread::msleep(300);
    if (!paced.stop(&error)) {
        skipped(pacedWhat, error);
        return 1;
    }
    const auto sent = qint64(pacedFlood.sent());
    const qint64 received = paced.value(u"packets"_s);
    const qint64 lost = sent - received;
    BenchReport::row(
        kBench, pacedWhat,
        u"sent %1 (%2 pkt/s achieved), received %3, lost %4, kernel drops %5"_s.arg(
            BenchReport::num(double(sent)),
            BenchReport::num(double(sent) / pacedFlood.elapsedSeconds()),
            BenchReport::num(double(received)), BenchReport::num(double(lost)),
            BenchReport::num(double(paced.value(u"kernel_drops"_s)))),
        u"loss %1%"_s.arg(BenchReport::num(sent > 0 ? 100.0 * double(lost) / double(sent) : 0, 3)),
        u"zero loss"_s, BenchReport::met(sent > 0 && lost == 0));
    return 0;
}

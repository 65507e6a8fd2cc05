// Benchmark: capture throughput of the headless engine against the least a receiver
// can do. Inside a private network namespace a sender floods 224.0.0.251:5353 over
// loopback with real mDNS datagrams; `mdnscope --headless` and a bare C recvmmsg loop
// (BareReceiver) receive that same flood at the same time, and the packets each
// received, and the CPU each spent per packet, are compared. Then the engine alone
// gets a paced flood and every datagram sent must arrive.
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
        u"headless engine (mdnscope --headless) vs bare C recvmmsg loop, both receiving the "
        "same %1 s loopback flood at once in one private namespace, both asking SO_RCVBUF "
        "4 MiB"_s.arg(floodSeconds);
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

    // 1. The flood: the engine and the bare loop receive it at the same time, each on
    //    its own socket joined to the group (the kernel hands every datagram to both),
    //    so both are offered exactly the same datagrams at the same rate.
    HeadlessProcess engine(binary);
    if (!engine.start({}, &error)) {
        skipped(floodWhat, error);
        skipped(pacedWhat, error);
        return 1;
    }
    BareReceiver bare;
    // The same SO_RCVBUF request as UdpV4Transport makes, so both absorb bursts alike.
    constexpr int kReceiveBufferRequest = 4 << 20;
    if (!bare.start(5353, kReceiveBufferRequest, &error)) {
        skipped(floodWhat, error);
        return 1;
    }
    QThread::msleep(100);
    const qint64 engineCpuStart = engine.cpuNs();
    const qint64 bareCpuStart = bare.cpuNs();
    MulticastFlooder flood;
    flood.start(datagrams, floodSeconds);
    flood.join();
    QThread::msleep(300); // let both drain their socket buffers
    const qint64 engineCpu = engine.cpuNs() - engineCpuStart;
    const qint64 bareCpu = bare.cpuNs() - bareCpuStart;
    bare.stop();
    if (!engine.stop(&error)) {
        skipped(floodWhat, error);
        return 1;
    }
    const double seconds = flood.elapsedSeconds();
    const double floodSent = double(flood.sent());
    const double enginePackets = double(engine.value(u"packets"_s));
    const double barePackets = double(bare.packets());
    const double share = barePackets > 0 ? enginePackets / barePackets : 0;
    const bool saturated = engine.value(u"kernel_drops"_s) > 0 || bare.kernelDrops() > 0;
    BenchReport::row(
        kBench, floodWhat,
        u"sender %1 pkt/s; engine received %2 pkt/s (kernel drops %3), bare loop %4 pkt/s "
        "(kernel drops %5)%6"_s.arg(
            BenchReport::num(floodSent / seconds), BenchReport::num(enginePackets / seconds),
            BenchReport::num(double(engine.value(u"kernel_drops"_s))),
            BenchReport::num(barePackets / seconds), BenchReport::num(double(bare.kernelDrops())),
            saturated ? QString()
                      : u"; neither dropped anything: the sender, not the receivers, set the "
                        "rate"_s),
        u"engine = %1% of bare loop"_s.arg(BenchReport::num(share * 100, 1)),
        u">= 90% of bare loop"_s, BenchReport::met(share >= 0.9));

    // CPU per packet says what each could sustain, whether or not the flood saturated it.
    const double engineCpuPerPacket = enginePackets > 0 ? double(engineCpu) / enginePackets : 0;
    const double bareCpuPerPacket = barePackets > 0 ? double(bareCpu) / barePackets : 0;
    BenchReport::row(
        kBench + u": CPU per packet"_s,
        u"same run: CPU time per datagram received, engine process (all threads: capture, "
        "batching, main loop) vs bare loop thread"_s,
        u"engine %1 ns (%2 pkt/s per core), bare loop %3 ns (%4 pkt/s per core)"_s.arg(
            BenchReport::num(engineCpuPerPacket), BenchReport::num(1e9 / engineCpuPerPacket),
            BenchReport::num(bareCpuPerPacket), BenchReport::num(1e9 / bareCpuPerPacket)),
        u"engine capacity = %1% of bare loop"_s.arg(
            BenchReport::num(100.0 * bareCpuPerPacket / engineCpuPerPacket, 1)),
        u"(informative)"_s, u"-"_s);

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

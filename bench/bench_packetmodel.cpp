// Appends 1,000,000 packets in batches of 1024 to the GUI's packet model as a live capture
// does: each batch goes through the AnalyzerSession (decoded for flags, senders' names and
// summaries on the "mdnscope-decode" thread, a few batches in flight) and its result is
// published on the GUI thread (PacketDocument::addAnalyzed: store, one insert per model,
// sender counting) with the packet list attached and shown (offscreen), then 200,000 more so
// that the store evicts. Prints the GUI thread's time (issue #18's < 1 s target: the window must
// stay responsive) separately from the analysis thread's, and the memory per stored packet against
// "datagram length + 64 bytes". `bench_packetmodel --gui [N]` runs the GUI thread's part alone
// (batches analysed beforehand, no service directory), quickly, for profiling. The services view is
// attached too (the window's Services dock): each batch's directory changes (made on the decode
// thread) are applied to its models here, timed apart, for the GUI thread's cost of the service
// directory at 20,000 packets/s.
#include "AnalyzerSession.h"
#include "BatchAnalyzer.h"
#include "BenchReport.h"
#include "DirectoryConsumer.h"
#include "PacketDocument.h"
#include "PacketFilterProxy.h"
#include "PacketListPanel.h"
#include "PacketPipeline.h"
#include "PacketTableModel.h"
#include "ServiceDirectory.h"
#include "ServicesModel.h"
#include "ServicesPanel.h"

#include <QApplication>
#include <QFile>
#include <QTableView>

#include <ctime>
#include <future>
#include <malloc.h>
#include <unistd.h>

using namespace Qt::StringLiterals;

namespace {

constexpr qsizetype kPackets = 1'000'000;
constexpr qsizetype kMore = 200'000;
constexpr qsizetype kBatch = 1024;

void putName(QByteArray &out, const QString &name)
{
    for (const QString &label : name.split(u'.')) {
        const QByteArray l = label.toUtf8();
        out.append(char(l.size()));
        out.append(l);
    }
    out.append('\0');
}

void put16(QByteArray &out, quint16 v)
{
    out.append(char(v >> 8));
    out.append(char(v & 0xFF));
}

// A typical announcement: PTR + SRV + TXT + A, uncompressed (about 200 bytes).
QByteArray announcement(int i)
{
    QByteArray m;
    for (const quint16 v : {0, 0x8400, 0, 4, 0, 0})
        put16(m, v);
    const QString instance = u"Printer %1._ipp._tcp.local"_s.arg(i);
    const QString host = u"host%1.local"_s.arg(i % 500);
    auto record = [&](const QString &name, quint16 type, const QByteArray &rdata) {
        putName(m, name);
        put16(m, type);
        put16(m, 0x8001);
        put16(m, 0);
        put16(m, 120);
        put16(m, quint16(rdata.size()));
        m.append(rdata);
    };
    QByteArray target;
    putName(target, instance);
    record(u"_ipp._tcp.local"_s, 12, target);
    QByteArray srv;
    put16(srv, 0);
    put16(srv, 0);
    put16(srv, 631);
    putName(srv, host);
    record(instance, 33, srv);
    record(instance, 16, QByteArray("\x0btxtvers=1\x08qtotal=1\x0cpdl=application/pdf"));
    record(host, 1, QByteArray("\xa9\xfe\x00\x07", 4));
    return m;
}

qint64 threadCpuNs()
{
    timespec ts{};
    clock_gettime(CLOCK_THREAD_CPUTIME_ID, &ts);
    return qint64(ts.tv_sec) * 1'000'000'000 + ts.tv_nsec;
}

qint64 rssBytes()
{
    QFile f(u"/proc/self/statm"_s);
    if (!f.open(QIODevice::ReadOnly))
        return 0;
    const QList<QByteArray> fields = f.readAll().split(' ');
    return fields.size() > 1 ? fields.at(1).toLongLong() * sysconf(_SC_PAGESIZE) : 0;
}

PacketBatch makeBatch(qsizetype first, qsizetype count, const QList<QByteArray> &payloads)
{
    PacketBatch batch;
    batch.reserve(count);
    for (qsizetype i = first; i < first + count; ++i) {
        Packet p;
        p.data = payloads.at(i % payloads.size());
        p.data.detach(); // every received packet owns its copy
        p.timestampNs = 1'700'000'000'000'000'000LL + i * 50'000;
        p.source = IpAddress::fromV4(0xA9FE0000u + quint32(i % 300));
        p.destination = IpAddress::fromV4(0xE00000FBu);
        p.sourcePort = p.destinationPort = 5353;
        p.ttl = 255;
        p.interfaceIndex = 1;
        p.interfaceName = u"eth0"_s;
        p.originalLength = quint32(p.data.size());
        batch.append(std::move(p));
    }
    return batch;
}

// The directory's share of the decode thread: live batches through a pipeline with the
// BatchAnalyzer alone, with a DirectoryConsumer taking no snapshots, and with the snapshots
// of every changed instance taken as AnalyzerSession paces them at 20,000 packets/s, on this
// thread. Microseconds per packet.
double decodeUs(const QList<QByteArray> &payloads, int directoryMode)
{
    PacketPipeline pipeline;
    BatchAnalyzer analyzer([](AnalyzedBatch &&) {});
    ServiceDirectory directory;
    DirectoryConsumer quiet(directory);
    pipeline.addConsumer(analyzer);
    if (directoryMode > 0)
        pipeline.addConsumer(quiet);
    constexpr qsizetype kDecoded = 200'000;
    qint64 ns = 0;
    for (qsizetype first = 0; first < kDecoded; first += kBatch) {
        PacketBatch batch = makeBatch(first, kBatch, payloads);
        const qint64 t0 = threadCpuNs();
        pipeline.push(batch);
        // AnalyzerSession takes them at most every 100 ms: every other batch of 1024 at
        // 20,000 packets/s.
        if (directoryMode == 2 && (first / kBatch) % 2 == 1)
            directory.takeChanges();
        ns += threadCpuNs() - t0;
    }
    return double(ns) / 1000.0 / kDecoded;
}

void directoryRow(const QList<QByteArray> &payloads)
{
    const double alone = decodeUs(payloads, 0);
    const double quiet = decodeUs(payloads, 1);
    const double withSnapshots = decodeUs(payloads, 2);
    BenchReport::row(u"Service directory, decode thread"_s,
                     u"200,000 live packets in batches of 1024 through the window's pipeline: "
                     "BatchAnalyzer alone; with the directory fed; with its snapshots taken "
                     "every other batch (every 100 ms at 20,000 packets/s)"_s,
                     u"%1 / %2 / %3 µs/packet"_s.arg(BenchReport::num(alone, 2),
                                                     BenchReport::num(quiet, 2),
                                                     BenchReport::num(withSnapshots, 2)),
                     u"%1x of 20,000/s"_s.arg(BenchReport::num(1e6 / withSnapshots / 20'000, 1)),
                     u">= 20,000 packets/s, off the GUI thread"_s,
                     BenchReport::met(1e6 / withSnapshots >= 20'000));
}

// The GUI thread's part alone, quickly (for profiling): the batches analysed beforehand by
// BatchAnalyzer on another thread (no service directory, no checker), then published and
// painted here as in the full run. Prints the GUI thread's time and the memory per packet.
int guiOnly(QApplication &app, const QList<QByteArray> &payloads, double averageLength,
            qsizetype packets)
{
    PacketDocument document(kPackets);
    PacketListPanel list(document.packets());
    list.resize(1200, 700);
    list.show();
    app.processEvents();
    auto analysed = [&payloads](qsizetype first) {
        return std::async(std::launch::async, [&payloads, first] {
            return BatchAnalyzer::analyze(makeBatch(first, kBatch, payloads));
        });
    };
    const qint64 rssBefore = rssBytes();
    qint64 guiNs = 0, modelNs = 0;
    std::future<AnalyzedBatch> next = analysed(0);
    for (qsizetype first = 0; first < packets; first += kBatch) {
        AnalyzedBatch batch = next.get();
        if (first + kBatch < packets)
            next = analysed(first + kBatch);
        const qint64 t0 = threadCpuNs();
        document.addAnalyzed(batch);
        const qint64 t1 = threadCpuNs();
        app.processEvents();
        batch = {};
        const qint64 t2 = threadCpuNs();
        modelNs += t1 - t0;
        guiNs += t2 - t0;
    }
    const double rss = double(rssBytes() - rssBefore) / double(document.store().size());
    BenchReport::note(
        u"--gui: %1 packets: GUI thread %2 s (models %3 s); store %4 B, RSS %5 B "
        "per packet (datagrams %6 B)"_s.arg(document.store().size())
            .arg(guiNs / 1e9, 0, 'f', 3)
            .arg(modelNs / 1e9, 0, 'f', 3)
            .arg(double(document.store().memoryUsage()) / double(document.store().size()), 0, 'f',
                 1)
            .arg(rss, 0, 'f', 1)
            .arg(averageLength, 0, 'f', 1));
    return 0;
}

} // namespace

int main(int argc, char *argv[])
{
    QApplication app(argc, argv);
    QList<QByteArray> payloads;
    qint64 payloadBytes = 0;
    for (int i = 0; i < 1000; ++i)
        payloads.append(announcement(i));
    if (argc > 1 && qstrcmp(argv[1], "--directory") == 0) { // that row alone
        directoryRow(payloads);
        return 0;
    }
    for (qsizetype i = 0; i < kPackets; ++i)
        payloadBytes += payloads.at(i % payloads.size()).size();
    const double averageLength = double(payloadBytes) / kPackets;

    if (argc > 1 && qstrcmp(argv[1], "--gui") == 0)
        return guiOnly(app, payloads, averageLength,
                       argc > 2
                           ? std::clamp<qsizetype>(QByteArray(argv[2]).toLongLong(), 1, kPackets)
                           : kPackets);

    PacketDocument document(kPackets);
    PacketListPanel list(document.packets());
    list.resize(1200, 700);
    list.show();
    ServicesPanel services;
    services.resize(900, 600);
    services.show();
    app.processEvents();

    // The live path: batches, made on another thread like the capture thread's (so their bytes
    // come from another malloc arena, as live), go to the analysis thread, a few in flight,
    // and each result is published and painted here.
    AnalyzerSession analyzer;
    QList<AnalyzedBatch> ready;
    QObject::connect(&analyzer, &AnalyzerSession::analyzed,
                     [&ready](const AnalyzedBatch &b) { ready.append(b); });
    // Directory changes not carried by a batch (snapshots are paced) come on their own.
    qint64 tickedNs = 0, tickedUpdates = 0;
    QObject::connect(&analyzer, &AnalyzerSession::directoryTicked,
                     [&](const DirectoryChanges &changes) {
                         const qint64 t0 = threadCpuNs();
                         services.apply(changes);
                         tickedNs += threadCpuNs() - t0;
                         tickedUpdates += changes.instances.size();
                     });
    struct Phase
    {
        qint64 wallNs = 0, guiNs = 0, analysisNs = 0, modelNs = 0, paintNs = 0, directoryNs = 0;
        qint64 directoryUpdates = 0;
    };
    auto run = [&](qsizetype from, qsizetype to) {
        constexpr int kInFlight = 3;
        Phase phase;
        auto capture = [&payloads](qsizetype first, qsizetype count) {
            return std::async(std::launch::async, [&payloads, first, count] {
                return makeBatch(first, count, payloads);
            });
        };
        const qint64 wall0 = BenchReport::nowNs();
        const qint64 cpu0 = threadCpuNs();
        qsizetype next = from, published = from;
        std::future<PacketBatch> captured = capture(next, std::min(kBatch, to - next));
        while (published < to) {
            while (next < to && analyzer.inFlight() < kInFlight) {
                PacketBatch batch = captured.get();
                next += batch.size();
                if (next < to)
                    captured = capture(next, std::min(kBatch, to - next));
                analyzer.submit(std::move(batch));
            }
            while (ready.isEmpty())
                app.processEvents(QEventLoop::WaitForMoreEvents);
            const AnalyzedBatch batch = ready.takeFirst();
            const qint64 p0 = threadCpuNs();
            document.addAnalyzed(batch);
            const qint64 d0 = threadCpuNs();
            services.apply(batch.directory);
            const qint64 p1 = threadCpuNs();
            phase.directoryNs += p1 - d0;
            phase.directoryUpdates += batch.directory.instances.size();
            app.processEvents(); // the view lays out and paints
            phase.modelNs += d0 - p0;
            phase.paintNs += threadCpuNs() - p1;
            phase.analysisNs += batch.analysisNs;
            published += batch.size();
        }
        phase.wallNs = BenchReport::nowNs() - wall0;
        phase.guiNs = threadCpuNs() - cpu0;
        return phase;
    };

    const qint64 rssBefore = rssBytes();
    Phase fill = run(0, kPackets);
    fill.directoryNs += tickedNs; // the changes that came apart from the batches
    fill.directoryUpdates += tickedUpdates;
    const qint64 rssAfter = rssBytes();
    const struct mallinfo2 heap = mallinfo2();
    BenchReport::note(u"after the fill: RSS growth %1 MB, store %2 MB; malloc heap %3 MB in use, "
                      "%4 MB free, %5 MB mmapped"_s.arg((rssAfter - rssBefore) >> 20)
                          .arg(document.store().memoryUsage() >> 20)
                          .arg(heap.uordblks >> 20)
                          .arg(heap.fordblks >> 20)
                          .arg(heap.hblkhd >> 20));
    // The text filter over the full store (on the GUI thread: most rows are rejected from
    // their raw bytes, the rest decoded).
    const qint64 f0 = threadCpuNs();
    list.setFilterText(u"printer 7"_s);
    const int filtered = list.proxy()->rowCount();
    app.processEvents(); // and the list painted with it
    const qint64 filterNs = threadCpuNs() - f0;
    list.setFilterText({});
    BenchReport::note(u"text filter over %1 rows: %2 s GUI thread, %3 rows match"_s
                          .arg(document.packets()->rowCount())
                          .arg(filterNs / 1e9, 0, 'f', 2)
                          .arg(filtered));

    const Phase evicting = run(kPackets, kPackets + kMore);
    // The rows before the services view's own keep their meaning: its snapshots' time is
    // taken off (the painting of its dock stays in, a small part of a repaint).
    const qint64 appendNs = fill.guiNs - fill.directoryNs;
    const qint64 evictNs = evicting.guiNs;
    const qint64 totalNs = fill.wallNs;

    const double usPerPacket = appendNs / 1000.0 / kPackets;
    const double usPerPacketEvicting = evictNs / 1000.0 / kMore;
    const double capacity = 1e6 / usPerPacket; // packets per second the GUI thread can take
    const double capacityEvicting = 1e6 / usPerPacketEvicting;
    const double storeBytesPerPacket = double(document.store().memoryUsage()) / kPackets;
    const double rssPerPacket = double(rssAfter - rssBefore) / kPackets;
    BenchReport::note(
        u"bench_packetmodel: %1 packets in %2 s wall; GUI thread %3 s (models %4 s, events and "
        "painting %11 s), analysis thread %5 s; evicting %6 more: GUI thread %7 s, analysis %8 s; "
        "rows %9, evicted %10"_s.arg(kPackets)
            .arg(totalNs / 1e9, 0, 'f', 2)
            .arg(appendNs / 1e9, 0, 'f', 2)
            .arg(fill.modelNs / 1e9, 0, 'f', 2)
            .arg(fill.analysisNs / 1e9, 0, 'f', 2)
            .arg(kMore)
            .arg(evictNs / 1e9, 0, 'f', 2)
            .arg(evicting.analysisNs / 1e9, 0, 'f', 2)
            .arg(document.packets()->rowCount())
            .arg(document.store().evictedCount())
            .arg(fill.paintNs / 1e9, 0, 'f', 2));

    BenchReport::row(u"GUI model append"_s,
                     u"1,000,000 packets in batches of 1024 into the packet model, view attached: "
                     "GUI thread (store + one insert per model + senders + paint)"_s,
                     u"%1 s = %2 µs/packet = %3 packets/s"_s.arg(
                         BenchReport::num(appendNs / 1e9, 2), BenchReport::num(usPerPacket, 2),
                         BenchReport::num(capacity)),
                     u"%1x of 20,000/s"_s.arg(BenchReport::num(capacity / 20'000, 1)),
                     u"< 1 s total"_s, BenchReport::met(appendNs < 1'000'000'000));
    const double analysisUs = fill.analysisNs / 1000.0 / kPackets;
    BenchReport::row(u"Live decode for display"_s,
                     u"the same 1,000,000 packets on the analysis thread (decode without "
                     "field trees, flags, senders' names, 64 summaries per batch)"_s,
                     u"%1 s = %2 µs/packet = %3 packets/s"_s.arg(
                         BenchReport::num(fill.analysisNs / 1e9, 2),
                         BenchReport::num(analysisUs, 2), BenchReport::num(1e6 / analysisUs)),
                     u"%1x of 20,000/s"_s.arg(BenchReport::num(1e6 / analysisUs / 20'000, 1)),
                     u">= 20,000 packets/s, off the GUI thread"_s,
                     BenchReport::met(1e6 / analysisUs >= 20'000));
    BenchReport::row(
        u"GUI model append, store full"_s,
        u"200,000 more packets, each batch evicting the 1024 oldest rows: GUI thread"_s,
        u"%1 µs/packet = %2 packets/s"_s.arg(BenchReport::num(usPerPacketEvicting, 2),
                                             BenchReport::num(capacityEvicting)),
        u"%1x of 20,000/s"_s.arg(BenchReport::num(capacityEvicting / 20'000, 1)),
        u">= 20,000 packets/s"_s, BenchReport::met(capacityEvicting >= 20'000));
    // The window itself publishes at most ten times a second (MainWindow coalesces live
    // batches), so at 20,000 packets/s its GUI thread does the per-packet model work for 20,000
    // packets and ten publications' layout and painting per second. Per-publication costs
    // taken from the full store (the steady state of a long capture): each eviction renumbers
    // the proxy's and the header's 1,000,000 rows.
    const double batches = double(kMore) / kBatch;
    const double modelUsFull = evicting.modelNs / 1000.0 / kMore;
    const double paintMsFull = evicting.paintNs / 1e6 / batches;
    const double evictMsPerPublication = modelUsFull * kBatch / 1000.0;
    const double load = (20'000 * (fill.modelNs / 1000.0 / kPackets) / 1e6) +
                        10 * (paintMsFull + evictMsPerPublication) / 1000.0;
    BenchReport::row(
        u"GUI thread load, live"_s,
        u"share of the GUI thread at 20,000 packets/s published ten times a second, "
        "store full: per-packet model work plus ten publications (eviction %1 ms, "
        "layout and painting %2 ms each)"_s.arg(BenchReport::num(evictMsPerPublication, 1),
                                                BenchReport::num(paintMsFull, 1)),
        u"%1 %"_s.arg(BenchReport::num(load * 100, 1)),
        u"%1 % idle"_s.arg(BenchReport::num((1 - load) * 100, 1)), u"responsive (< 50 % busy)"_s,
        BenchReport::met(load < 0.5));
    // The services view (issue #14): the directory's snapshots applied on the GUI thread as
    // they come (paced by AnalyzerSession to at most ten a second; the window coalesces them
    // the same way), each carrying every instance refreshed since the last (here up to 1000).
    const double directoryUs = fill.directoryNs / 1000.0 / kPackets;
    const double directoryShare = 20'000 * directoryUs / 1e6;
    BenchReport::note(
        u"services view: %1 instances, %2 instance updates applied in %3 s GUI "
        "thread (%4 µs per update)"_s.arg(services.servicesModel()->instanceCount())
            .arg(fill.directoryUpdates)
            .arg(fill.directoryNs / 1e9, 0, 'f', 2)
            .arg(fill.directoryNs / 1000.0 / std::max<qint64>(1, fill.directoryUpdates), 0, 'f',
                 2));
    BenchReport::row(
        u"Services view, live"_s,
        u"the service directory's snapshots (every refreshed instance, each batch) "
        "applied to the services and hosts models with the view shown: GUI "
        "thread at 20,000 packets/s"_s,
        u"%1 µs/packet = %2 % of the GUI thread"_s.arg(BenchReport::num(directoryUs, 3),
                                                       BenchReport::num(directoryShare * 100, 1)),
        u"-"_s, u"< 5 % of the GUI thread"_s, BenchReport::met(directoryShare < 0.05));
    directoryRow(payloads);
    BenchReport::row(
        u"Packet store memory"_s,
        u"bytes per stored packet (store accounting; process RSS growth) vs "
        "average datagram %1 B"_s.arg(BenchReport::num(averageLength, 1)),
        u"store %1 B, RSS %2 B per packet"_s.arg(BenchReport::num(storeBytesPerPacket, 1),
                                                 BenchReport::num(rssPerPacket, 1)),
        u"overhead %1 B"_s.arg(BenchReport::num(rssPerPacket - averageLength, 1)),
        u"<= length + 64 B"_s, BenchReport::met(rssPerPacket <= averageLength + 64));
    return 0;
}

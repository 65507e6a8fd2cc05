// Appends 1,000,000 packets in batches of 1024 to the GUI's packet model (through
// CaptureDocument, as a live capture does: decode for flags and senders, one insert per
// batch) with the packet list attached and shown (offscreen), then 200,000 more so that the
// store evicts. Prints the time per packet against the 20,000 packets/s the window must
// sustain, and the memory per stored packet against "datagram length + 128 bytes".
#include "BenchReport.h"
#include "CaptureDocument.h"
#include "PacketListPanel.h"
#include "PacketTableModel.h"

#include <QApplication>
#include <QFile>
#include <QTableView>

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

} // namespace

int main(int argc, char *argv[])
{
    QApplication app(argc, argv);
    QList<QByteArray> payloads;
    qint64 payloadBytes = 0;
    for (int i = 0; i < 1000; ++i)
        payloads.append(announcement(i));
    for (qsizetype i = 0; i < kPackets; ++i)
        payloadBytes += payloads.at(i % payloads.size()).size();
    const double averageLength = double(payloadBytes) / kPackets;

    CaptureDocument document(kPackets);
    PacketListPanel list(document.packets());
    list.resize(1200, 700);
    list.show();
    app.processEvents();

    const qint64 rssBefore = rssBytes();
    qint64 appendNs = 0;
    const qint64 start = BenchReport::nowNs();
    for (qsizetype first = 0; first < kPackets; first += kBatch) {
        const PacketBatch batch = makeBatch(first, std::min(kBatch, kPackets - first), payloads);
        const qint64 t0 = BenchReport::nowNs();
        document.addBatch(batch);
        app.processEvents(); // the view lays out and paints as it would live
        appendNs += BenchReport::nowNs() - t0;
    }
    const qint64 totalNs = BenchReport::nowNs() - start;
    const qint64 rssAfter = rssBytes();

    qint64 evictNs = 0;
    for (qsizetype first = kPackets; first < kPackets + kMore; first += kBatch) {
        const PacketBatch batch =
            makeBatch(first, std::min(kBatch, kPackets + kMore - first), payloads);
        const qint64 t0 = BenchReport::nowNs();
        document.addBatch(batch);
        app.processEvents();
        evictNs += BenchReport::nowNs() - t0;
    }

    const double usPerPacket = appendNs / 1000.0 / kPackets;
    const double usPerPacketEvicting = evictNs / 1000.0 / kMore;
    const double capacity = 1e6 / usPerPacket; // packets per second the GUI thread can take
    const double capacityEvicting = 1e6 / usPerPacketEvicting;
    const double storeBytesPerPacket = double(document.store().memoryUsage()) / kPackets;
    const double rssPerPacket = double(rssAfter - rssBefore) / kPackets;
    BenchReport::note(u"bench_packetmodel: %1 packets in %2 s wall (%3 s in append + view), "
                      "evicted %4 more in %5 s; rows %6, evicted %7"_s.arg(kPackets)
                          .arg(totalNs / 1e9, 0, 'f', 2)
                          .arg(appendNs / 1e9, 0, 'f', 2)
                          .arg(kMore)
                          .arg(evictNs / 1e9, 0, 'f', 2)
                          .arg(document.packets()->rowCount())
                          .arg(document.store().evictedCount()));

    BenchReport::row(u"GUI model append"_s,
                     u"1,000,000 packets in batches of 1024 into the packet model, view attached "
                     "(decode for senders + insert + paint)"_s,
                     u"%1 µs/packet = %2 packets/s"_s.arg(BenchReport::num(usPerPacket, 2),
                                                          BenchReport::num(capacity)),
                     u"%1x of 20,000/s"_s.arg(BenchReport::num(capacity / 20'000, 1)),
                     u">= 20,000 packets/s"_s, BenchReport::met(capacity >= 20'000));
    BenchReport::row(u"GUI model append, store full"_s,
                     u"200,000 more packets, each batch evicting the 1024 oldest rows"_s,
                     u"%1 µs/packet = %2 packets/s"_s.arg(BenchReport::num(usPerPacketEvicting, 2),
                                                          BenchReport::num(capacityEvicting)),
                     u"%1x of 20,000/s"_s.arg(BenchReport::num(capacityEvicting / 20'000, 1)),
                     u">= 20,000 packets/s"_s, BenchReport::met(capacityEvicting >= 20'000));
    BenchReport::row(
        u"Packet store memory"_s,
        u"bytes per stored packet (store accounting; process RSS growth) vs "
        "average datagram %1 B"_s.arg(BenchReport::num(averageLength, 1)),
        u"store %1 B, RSS %2 B per packet"_s.arg(BenchReport::num(storeBytesPerPacket, 1),
                                                 BenchReport::num(rssPerPacket, 1)),
        u"overhead %1 B"_s.arg(BenchReport::num(rssPerPacket - averageLength, 1)),
        u"<= length + 128 B"_s, BenchReport::met(rssPerPacket <= averageLength + 128));
    return 0;
}

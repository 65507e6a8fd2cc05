// Builds the decoding benchmark's input: a pcapng file of N real mDNS packets, made by
// repeating the datagrams of a real capture (their addresses, ports, TTLs and payloads
// unchanged) with timestamps that keep increasing by 1 ms.
// Usage: bench_makecapture SOURCE.pcap OUT.pcapng [COUNT]

#include "CaptureFileReader.h"
#include "PcapngWriter.h"

#include <QCoreApplication>
#include <QSaveFile>

#include <cstdio>

using namespace Qt::StringLiterals;

int main(int argc, char *argv[])
{
    QCoreApplication app(argc, argv);
    const QStringList args = app.arguments();
    if (args.size() < 3) {
        std::fputs("usage: bench_makecapture SOURCE.pcap OUT.pcapng [COUNT]\n", stderr);
        return 2;
    }
    const qint64 count = args.size() > 3 ? args.at(3).toLongLong() : 200'000;
    const CaptureFileResult source = CaptureFileReader::readFile(args.at(1));
    if (source.error || source.packets.isEmpty() || count <= 0) {
        std::fprintf(stderr, "bench_makecapture: cannot use %s: %s\n", qPrintable(args.at(1)),
                     source.error ? qPrintable(source.error->toString()) : "no mDNS packets");
        return 1;
    }

    QSaveFile file(args.at(2));
    if (!file.open(QIODevice::WriteOnly)) {
        std::fprintf(stderr, "bench_makecapture: %s\n", qPrintable(file.errorString()));
        return 1;
    }
    PcapngWriter writer;
    QByteArray out;
    writer.appendSectionHeader(out);
    writer.appendInterfaces(out, source.packets);
    const qint64 startNs = 1'700'000'000'000'000'000; // 2023-11-14
    for (qint64 i = 0; i < count; ++i) {
        Packet p = source.packets.at(i % source.packets.size());
        p.timestampNs = startNs + i * 1'000'000;
        writer.appendPacket(out, p);
        if (out.size() > (1 << 20)) {
            file.write(out);
            out.clear();
        }
    }
    file.write(out);
    if (!file.commit()) {
        std::fprintf(stderr, "bench_makecapture: %s\n", qPrintable(file.errorString()));
        return 1;
    }
    std::fprintf(stderr, "bench_makecapture: %lld packets from %lld distinct datagrams\n",
                 static_cast<long long>(count), static_cast<long long>(source.packets.size()));
    return 0;
}

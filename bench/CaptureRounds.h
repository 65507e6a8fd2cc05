#pragma once

#include "BenchLink.h"

#include <QByteArray>
#include <QList>
#include <QString>

#include <optional>

// One flood round of the throughput benchmark (bench_capture.cpp explains the method): a
// MulticastFlooder floods the link's group flat out while one receiver, the bare recvmmsg loop
// (BareReceiver) or the engine (HeadlessProcess), takes what arrives; then the figures of that
// receiver, and the medians over rounds. Main thread only.
namespace CaptureRounds {

inline constexpr int kReceiveBufferRequest = 4 << 20; // the same SO_RCVBUF request as UdpTransport
inline constexpr unsigned long kDrainMs = 300; // after the flood: let the receiver empty its queue

// The UDP payloads of the real capture ../shared/corpus/nfstream__mdns.pcap; empty with *error
// when it cannot be read.
QList<QByteArray> realDatagrams(QString *error);
double meanSize(const QList<QByteArray> &datagrams);

struct Round
{
    double sentPerSecond = 0;
    double receivedPerSecond = 0;
    double cpuNsPerPacket = 0;
    double coreBusy = 0; // receiver CPU time / wall time of the measured interval
    quint64 drops = 0;
    double senderCpuNsPerPacket = 0; // the sending thread's CPU time per datagram sent
    double senderBusy = 0;           // the sending thread's CPU time / flood time
    double packetsPerWakeup = 0;     // datagrams per capture-thread wake-up / per bare recvmmsg
};

struct Placement
{
    int sender = -1, receiver = -1;
};

// The bare loop (withMetadata: asking for the engine's per-datagram facts) on `link`.
std::optional<Round> bareRound(const QList<QByteArray> &datagrams, double seconds, Placement cpus,
                               bool withMetadata, const BenchLink &link, QString *error);
// `binary --headless` on `link`; profile non-empty: `perf record -g` into that file.
std::optional<Round> engineRound(const QString &binary, const QList<QByteArray> &datagrams,
                                 double seconds, Placement cpus, const BenchLink &link,
                                 const QString &profile, QString *error);

// Median and range of a sample.
struct Spread
{
    double median = 0, min = 0, max = 0;
};
Spread spread(QList<double> values);
// "median (min-max)", each times `scale`.
QString text(const Spread &s, double scale = 1, int decimals = 0);

template<typename F>
QList<double> field(const QList<Round> &rounds, F f)
{
    QList<double> values;
    for (const Round &r : rounds)
        values.append(f(r));
    return values;
}

} // namespace CaptureRounds

// The live barrage (issue #5, section 2): while the real mdnscope executable runs a
// headless capture in this test's private network namespace, it receives 100,000
// datagrams that are real mDNS, truncated, mutated, spliced, random, short and
// oversize. It must keep running, count every one, and flag the malformed ones.
// The same barrage goes over IPv6 to ff02::fb across a veth pair
// (issue #13), and is counted and flagged the same way.
#include "BarrageGenerator.h"
#include "HeadlessRun.h"
#include "JsonPackets.h"
#include "NetNamespace.h"
#include "PcapDatagrams.h"
#include "UdpPortState.h"

#include <QElapsedTimer>
#include <QtTest>

#include <arpa/inet.h>
#include <cerrno>
#include <csignal>
#include <net/if.h>
#include <netinet/in.h>
#include <random>
#include <sys/socket.h>
#include <unistd.h>

#ifndef MDNSCOPE_BINARY
#error "MDNSCOPE_BINARY must name the mdnscope executable"
#endif

using namespace Qt::StringLiterals;

namespace {
constexpr int kDatagrams = 100000;
constexpr int kOversizeEvery = 6250;                 // 16 oversize datagrams
constexpr quint64 kDefaultSeed = 0x6d646e73636f7065; // "mdnscope"
// Pace to the receiver: keep its socket queue well below the default 208 KiB
// buffer so the kernel never has to drop.
constexpr qint64 kQueueHighWater = 64 * 1024;
constexpr int kPaceEvery = 8;

const QString kVethOut = QStringLiteral("bg6a"), kVethIn = QStringLiteral("bg6b");

// Where the datagrams go: 224.0.0.251 out of lo, or ff02::fb out of the veth end kVethOut.
struct Target
{
    bool ipv6 = false;
    sockaddr_storage address{};
    socklen_t length = 0;
};

Target target(bool ipv6)
{
    Target t;
    t.ipv6 = ipv6;
    if (ipv6) {
        auto &a = reinterpret_cast<sockaddr_in6 &>(t.address);
        a.sin6_family = AF_INET6;
        a.sin6_port = htons(5353);
        a.sin6_scope_id = ::if_nametoindex(kVethOut.toLatin1().constData());
        ::inet_pton(AF_INET6, "ff02::fb", &a.sin6_addr);
        t.length = sizeof a;
    } else {
        auto &a = reinterpret_cast<sockaddr_in &>(t.address);
        a.sin_family = AF_INET;
        a.sin_port = htons(5353);
        ::inet_pton(AF_INET, "224.0.0.251", &a.sin_addr);
        t.length = sizeof a;
    }
    return t;
}

int openSender6(QString *error)
{
    const int fd = ::socket(AF_INET6, SOCK_DGRAM | SOCK_CLOEXEC, 0);
    const int ifindex = int(::if_nametoindex(kVethOut.toLatin1().constData()));
    const int hops = 255, loop = 0, sndbuf = 4 << 20;
    if (fd < 0 || ifindex == 0 ||
        ::setsockopt(fd, IPPROTO_IPV6, IPV6_MULTICAST_IF, &ifindex, sizeof ifindex) != 0 ||
        ::setsockopt(fd, IPPROTO_IPV6, IPV6_MULTICAST_HOPS, &hops, sizeof hops) != 0 ||
        ::setsockopt(fd, IPPROTO_IPV6, IPV6_MULTICAST_LOOP, &loop, sizeof loop) != 0 ||
        ::setsockopt(fd, SOL_SOCKET, SO_SNDBUF, &sndbuf, sizeof sndbuf) != 0) {
        *error = u"IPv6 sender socket: "_s + QString::fromLocal8Bit(strerror(errno));
        if (fd >= 0)
            ::close(fd);
        return -1;
    }
    return fd;
}

int openSender(QString *error)
{
    const int fd = ::socket(AF_INET, SOCK_DGRAM | SOCK_CLOEXEC, 0);
    ip_mreqn mreq{};
    mreq.imr_ifindex = int(::if_nametoindex("lo"));
    const int ttl = 255;
    const int loop = 1;
    const int sndbuf = 4 << 20;
    if (fd < 0 || mreq.imr_ifindex == 0 ||
        ::setsockopt(fd, IPPROTO_IP, IP_MULTICAST_IF, &mreq, sizeof mreq) != 0 ||
        ::setsockopt(fd, IPPROTO_IP, IP_MULTICAST_TTL, &ttl, sizeof ttl) != 0 ||
        ::setsockopt(fd, IPPROTO_IP, IP_MULTICAST_LOOP, &loop, sizeof loop) != 0 ||
        ::setsockopt(fd, SOL_SOCKET, SO_SNDBUF, &sndbuf, sizeof sndbuf) != 0) {
        *error = u"sender socket: "_s + QString::fromLocal8Bit(strerror(errno));
        if (fd >= 0)
            ::close(fd);
        return -1;
    }
    return fd;
}

// Sends datagrams [from, to) to the target group. Paced: waits while the
// receiver's socket queue is above the high-water mark. Returns the number of
// pauses, or -1 with *error.
qint64 sendDatagrams(int fd, const Target &group, const QList<QByteArray> &datagrams,
                     qsizetype from, qsizetype to, bool paced, HeadlessRun &capture, QString *error)
{
    qint64 pauses = 0;
    for (qsizetype i = from; i < to; ++i) {
        if (paced && i % kPaceEvery == 0) {
            while (UdpPortState::read(5353, group.ipv6).rxQueueBytes > kQueueHighWater) {
                ++pauses;
                if (!capture.isRunning()) {
                    *error =
                        u"mdnscope stopped after %1 datagrams: %2"_s.arg(i).arg(capture.output());
                    return -1;
                }
                ::usleep(200);
            }
        }
        const QByteArray &d = datagrams.at(i);
        if (::sendto(fd, d.constData(), size_t(d.size()), 0,
                     reinterpret_cast<const sockaddr *>(&group.address),
                     group.length) != d.size()) {
            *error = u"sendto %1: %2"_s.arg(i).arg(QString::fromLocal8Bit(strerror(errno)));
            return -1;
        }
    }
    return pauses;
}

// Waits until the receiver's queue is empty (the capture has read everything).
void waitForEmptyQueue(bool ipv6 = false)
{
    for (int i = 0; i < 200 && UdpPortState::read(5353, ipv6).rxQueueBytes > 0; ++i)
        QTest::qWait(25);
}
} // namespace

class TestBarrage final : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase();
    void generatorKnowsWhatIsBroken();
    void barrage_data();
    void barrage();
    void kernelDropsAreCounted();
};

void TestBarrage::initTestCase()
{
    QString error;
    if (NetNamespace::isPrivate())
        QVERIFY2(NetNamespace::addVethPair(kVethOut, kVethIn, &error), qPrintable(error));
}

void TestBarrage::barrage_data()
{
    QTest::addColumn<bool>("ipv6");
    QTest::addColumn<int>("datagrams");
    QTest::newRow("IPv4, 224.0.0.251 over lo") << false << kDatagrams;
    QTest::newRow("IPv6, ff02::fb over a veth pair") << true << kDatagrams;
}

// The test's own certainty: the structural walk judges known cases right.
void TestBarrage::generatorKnowsWhatIsBroken()
{
    using Shape = BarrageGenerator::Shape;
    const QList<QByteArray> synthetic = BarrageGenerator::syntheticMessages();
    QVERIFY(synthetic.size() >= 5);
    for (const QByteArray &m : synthetic) {
        QCOMPARE(BarrageGenerator::shape(m), Shape::Exact);
        for (qsizetype cut = 0; cut < m.size(); ++cut)
            QCOMPARE(BarrageGenerator::shape(m.left(cut)), Shape::Broken);
        QCOMPARE(BarrageGenerator::shape(QByteArray(m + "x")), Shape::Trailing);
    }
    QByteArray labelTooLong = synthetic.first();
    labelTooLong[12] = char(64);
    QCOMPARE(BarrageGenerator::shape(labelTooLong), Shape::Broken);
    QByteArray selfPointer = synthetic.first();
    selfPointer[12] = char(0xc0);
    selfPointer[13] = char(12);
    QCOMPARE(BarrageGenerator::shape(selfPointer), Shape::Broken);

    const QString corpus =
        QStringLiteral(MDNSCOPE_SOURCE_DIR "/../shared/corpus/nfstream__mdns.pcap");
    if (!QFile::exists(corpus))
        QSKIP("../shared/corpus/nfstream__mdns.pcap is absent; synthetic messages only");
    QString error;
    const QList<QByteArray> real = PcapDatagrams::read(corpus, &error);
    QVERIFY2(error.isEmpty(), qPrintable(error));
    QCOMPARE(real.size(), 292);      // tshark: 292 mDNS packets (MANIFEST.txt)
    for (const QByteArray &m : real) // tshark: none malformed
        QVERIFY(BarrageGenerator::shape(m) != Shape::Broken);

    // Same seed, same barrage.
    BarrageGenerator a(7, real), b(7, real);
    for (int i = 0; i < 1000; ++i)
        QCOMPARE(a.next().bytes, b.next().bytes);
}

void TestBarrage::barrage()
{
    MDNSCOPE_REQUIRE_NETNS();
    QFETCH(bool, ipv6);
    QFETCH(int, datagrams);
    bool seedOk = false;
    quint64 seed = qEnvironmentVariable("MDNSCOPE_BARRAGE_SEED").toULongLong(&seedOk, 0);
    if (!seedOk)
        seed = kDefaultSeed;
    QList<QByteArray> originals;
    const QString corpus =
        QStringLiteral(MDNSCOPE_SOURCE_DIR "/../shared/corpus/nfstream__mdns.pcap");
    QString error;
    if (QFile::exists(corpus)) {
        originals = PcapDatagrams::read(corpus, &error);
        QVERIFY2(error.isEmpty(), qPrintable(error));
    } else {
        qInfo("corpus absent: mutating synthetic mDNS messages only");
    }
    BarrageGenerator generator(seed, originals);
    generator.setOversizeEvery(kOversizeEvery);
    QList<BarrageGenerator::Datagram> sent;
    sent.reserve(datagrams);
    for (int i = 0; i < datagrams; ++i)
        sent.append(generator.next());

    HeadlessRun capture(QStringLiteral(MDNSCOPE_BINARY), QString(), ipv6 ? kVethIn : u"lo"_s);
    capture.setIpv6Only(ipv6);
    QVERIFY2(capture.start({u"--count"_s, QString::number(datagrams), u"--duration"_s, u"50"_s},
                           5000, &error),
             qPrintable(error));
    const Target group = target(ipv6);
    const int fd = ipv6 ? openSender6(&error) : openSender(&error);
    QVERIFY2(fd >= 0, qPrintable(error));
    const auto closeSender = qScopeGuard([fd] { ::close(fd); });
    QList<QByteArray> bytes;
    bytes.reserve(datagrams);
    for (const BarrageGenerator::Datagram &d : std::as_const(sent))
        bytes.append(d.bytes);

    // For manual runs: flood without pacing, to exercise the kernel-drop accounting.
    const bool paced = qEnvironmentVariableIsEmpty("MDNSCOPE_BARRAGE_NO_PACING");
    QElapsedTimer clock;
    clock.start();
    const qint64 pauses = sendDatagrams(fd, group, bytes, 0, datagrams, paced, capture, &error);
    QVERIFY2(pauses >= 0, qPrintable(error));
    const qint64 sendMs = clock.elapsed();
    QVERIFY2(capture.isRunning() || capture.exitCode() == 0, qPrintable(capture.output()));

    // --count ends the capture once it has everything; if the kernel dropped some,
    // stop it once its queue is empty.
    if (!capture.waitForExit(20000)) {
        waitForEmptyQueue(ipv6);
        const UdpPortState state = UdpPortState::read(5353, ipv6);
        qInfo("mdnscope still running after the barrage; kernel drops %lld; stopping it",
              state.drops);
        capture.requestStop();
        QVERIFY2(capture.waitForExit(30000), "mdnscope did not exit after SIGTERM");
    }
    QVERIFY2(capture.exitedNormally() && capture.exitCode() == 0,
             qPrintable(u"exit code %1: %2"_s.arg(capture.exitCode()).arg(capture.output())));

    const QJsonObject stats = capture.stats(&error);
    QVERIFY2(error.isEmpty(), qPrintable(error));
    const qint64 packets = HeadlessRun::statsValue(stats, u"packets"_s);
    const qint64 drops = HeadlessRun::statsValue(stats, u"kernel_drops"_s);
    const qint64 truncated = HeadlessRun::statsValue(stats, u"truncated"_s);
    QVERIFY2(packets >= 0 && drops >= 0 && truncated >= 0,
             qPrintable(QString::fromUtf8(QJsonDocument(stats).toJson())));
    QCOMPARE(packets + drops, qint64(datagrams));
    const qint64 oversize = std::count_if(sent.cbegin(), sent.cend(), [](const auto &d) {
        return d.kind == BarrageGenerator::Kind::Oversize;
    });
    if (drops == 0)
        QCOMPARE(truncated, oversize);

    const QList<QJsonObject> lines = capture.packets(&error);
    QVERIFY2(error.isEmpty(), qPrintable(error));
    QCOMPARE(qint64(lines.size()), packets);

    // What the test knows for certain, and what mdnscope said.
    qint64 certainMalformed = 0, certainValid = 0, uncertain = 0, uncertainFlagged = 0;
    qint64 flagged = 0;
    for (const QJsonObject &l : lines)
        flagged += JsonPackets::isMalformed(l) ? 1 : 0;
    QStringList wrong;
    qint64 perKind[BarrageGenerator::kKinds][2] = {};
    for (int i = 0; i < datagrams; ++i) {
        const BarrageGenerator::Datagram &d = sent.at(i);
        certainMalformed += d.certainMalformed;
        certainValid += d.certainValid;
        if (drops != 0)
            continue; // the i-th line is the i-th datagram only when nothing was lost
        const QJsonObject &l = lines.at(i);
        const bool isFlagged = JsonPackets::isMalformed(l);
        ++perKind[int(d.kind)][isFlagged ? 1 : 0];
        const qint64 length = l.value(u"length"_s).toInteger(-1);
        QString problem;
        const QString destination = l.value(u"destination"_s).toString();
        if (destination != (ipv6 ? u"ff02::fb"_s : u"224.0.0.251"_s))
            problem = u"destination %1"_s.arg(destination);
        else if (d.kind != BarrageGenerator::Kind::Oversize && length != d.bytes.size())
            problem = u"length %1, sent %2 bytes"_s.arg(length).arg(d.bytes.size());
        else if (d.certainMalformed && !isFlagged)
            problem = u"not flagged malformed"_s;
        else if (d.certainValid && isFlagged)
            problem = u"a valid message flagged malformed"_s;
        if (!d.certainMalformed && !d.certainValid) {
            ++uncertain;
            uncertainFlagged += isFlagged;
        }
        if (!problem.isEmpty() && wrong.size() < 10)
            wrong.append(u"datagram %1 (%2, hex %3): %4 -- %5"_s.arg(i).arg(
                QString::fromLatin1(BarrageGenerator::kindName(d.kind)),
                QString::fromLatin1(d.bytes.left(48).toHex()), problem,
                JsonPackets::describe(l).left(300)));
    }
    qInfo("seed 0x%llx, %d datagrams (%lld real originals) sent in %lld ms, %lld pauses; "
          "packets %lld, kernel drops %lld, truncated %lld",
          seed, datagrams, qint64(generator.originalCount()), sendMs, pauses, packets, drops,
          truncated);
    qInfo("certainly malformed %lld, certainly valid %lld, uncertain %lld (flagged %lld); "
          "flagged malformed in total %lld",
          certainMalformed, certainValid, uncertain, uncertainFlagged, flagged);
    for (int k = 0; k < BarrageGenerator::kKinds; ++k)
        qInfo("  %-12s %6lld decoded, %6lld flagged malformed",
              BarrageGenerator::kindName(BarrageGenerator::Kind(k)), perKind[k][0], perKind[k][1]);
    QVERIFY2(wrong.isEmpty(), qPrintable(wrong.join(u'\n')));
    if (drops != 0) {
        // Without a one-to-one mapping: lost datagrams may be among either set.
        QVERIFY(flagged >= certainMalformed - drops);
        QVERIFY(flagged <= qint64(datagrams) - (certainValid - drops));
    }
    const qint64 statsMalformed = HeadlessRun::statsValue(stats, u"malformed"_s);
    if (statsMalformed >= 0)
        QCOMPARE(statsMalformed, flagged);
}

// When the capture cannot keep up, the datagrams the kernel drops are not lost
// silently: packets + kernel_drops == sent, and kernel_drops is the socket's own
// drop count. The capture is frozen (SIGSTOP) while a burst far larger than any
// receive buffer arrives, so drops are certain.
void TestBarrage::kernelDropsAreCounted()
{
    MDNSCOPE_REQUIRE_NETNS();
    constexpr int kPool = 4096;     // distinct datagrams, sent round-robin
    constexpr int kCap = 400000;    // ~900 MiB of kernel memory: beyond any receive buffer
    constexpr int kPastFull = 2000; // sent after the first drop
    constexpr int kAfter = 1000;    // paced; they carry the final drop count (SO_RXQ_OVFL)
    std::mt19937 rng(7);
    QList<QByteArray> pool;
    for (int i = 0; i < kPool; ++i) {
        QByteArray d(1400, Qt::Uninitialized);
        for (char &c : d)
            c = char(rng());
        pool.append(d);
    }
    QString error;
    HeadlessRun capture(QStringLiteral(MDNSCOPE_BINARY), QString(), u"lo"_s);
    QVERIFY2(capture.start({u"--duration"_s, u"50"_s}, 5000, &error), qPrintable(error));
    const Target group = target(false);
    const int fd = openSender(&error);
    QVERIFY2(fd >= 0, qPrintable(error));
    const auto closeSender = qScopeGuard([fd] { ::close(fd); });

    // Frozen: the socket queue fills up whatever its size, then the kernel drops.
    QCOMPARE(::kill(pid_t(capture.pid()), SIGSTOP), 0);
    qint64 sent = 0, firstDropAt = -1;
    while (sent < kCap && (firstDropAt < 0 || sent < firstDropAt + kPastFull)) {
        if (sendDatagrams(fd, group, pool, 0, 256, false, capture, &error) < 0)
            break;
        sent += 256;
        if (firstDropAt < 0 && UdpPortState::read(5353).drops > 0)
            firstDropAt = sent;
    }
    QCOMPARE(::kill(pid_t(capture.pid()), SIGCONT), 0);
    QVERIFY2(error.isEmpty(), qPrintable(error));
    QVERIFY2(firstDropAt > 0, "no kernel drop after 400,000 datagrams to a frozen receiver");
    waitForEmptyQueue();
    QVERIFY2(sendDatagrams(fd, group, pool, 0, kAfter, true, capture, &error) >= 0,
             qPrintable(error));
    sent += kAfter;
    waitForEmptyQueue();
    QTest::qWait(200); // the last batch reaches the capture's counters
    const UdpPortState kernel = UdpPortState::read(5353);
    capture.requestStop();
    QVERIFY2(capture.waitForExit(30000), "mdnscope did not exit after SIGTERM");
    QVERIFY2(capture.exitedNormally() && capture.exitCode() == 0, qPrintable(capture.output()));

    const QJsonObject stats = capture.stats(&error);
    QVERIFY2(error.isEmpty(), qPrintable(error));
    const qint64 packets = HeadlessRun::statsValue(stats, u"packets"_s);
    const qint64 drops = HeadlessRun::statsValue(stats, u"kernel_drops"_s);
    qInfo("sent %lld (first drop after %lld), packets %lld, kernel drops %lld (the socket's "
          "own count: %lld)",
          sent, firstDropAt, packets, drops, kernel.drops);
    QVERIFY(kernel.drops > 0);
    QCOMPARE(drops, kernel.drops);
    QCOMPARE(packets + drops, sent);
    const QList<QJsonObject> lines = capture.packets(&error);
    QVERIFY2(error.isEmpty(), qPrintable(error));
    QCOMPARE(qint64(lines.size()), packets);
}

MDNSCOPE_NETNS_TEST_GUILESS_MAIN(TestBarrage)
#include "tst_barrage.moc"

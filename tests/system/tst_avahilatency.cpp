// Query -> response latency of a real avahi-daemon, measured by `mdnscope --headless
// --stats-json` in private network namespaces (PeerLab, AvahiPeer): a querier in another
// namespace on the same link (a plain mDNS query socket, MdnsQuery: avahi-browse needs a
// daemon on D-Bus) asks for the daemon's service type (PTR, a shared record) and its host name
// (A, a unique record) again and again, and the latency figures must show avahi's known
// delays (avahi-core/response-sched.c and server.c): a unique answer to a one-question query
// goes out at once, a shared one is deferred 20 ms plus a jitter of up to 100 ms (RFC 6762 §6:
// 20-120 ms). The bounds leave slack for a loaded machine: a timer never fires early, so the
// shared answers' minimum stays at 20 ms less the timestamps' granularity; late is allowed
// within reason.
#include "AvahiPeer.h"
#include "HeadlessRun.h"
#include "MdnsQuery.h"
#include "PeerLab.h"

#include <QFile>
#include <QJsonArray>
#include <QJsonObject>
#include <QTemporaryDir>
#include <QtTest>

#include <unistd.h>

#ifndef MDNSCOPE_BINARY
#error "MDNSCOPE_BINARY must name the mdnscope executable"
#endif

using namespace Qt::StringLiterals;

namespace {
constexpr int kStartupMs = 10000;
constexpr int kRounds = 10;

const AvahiService kService{u"Latency Printer"_s, u"_ipp._tcp"_s, 631, {u"rp=printers/lat"_s}};

QJsonObject responderOf(const QJsonObject &stats, const QString &address)
{
    const QJsonArray responders = stats[u"latency"_s].toObject()[u"responders"_s].toArray();
    for (const QJsonValue &r : responders) {
        if (r.toObject()[u"addresses"_s].toArray().contains(address))
            return r.toObject();
    }
    return {};
}
} // namespace

class TestAvahiLatency final : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void initTestCase()
    {
        PeerLab::removeStale();
        if (::geteuid() != 0)
            QSKIP("needs root to create network namespaces (ip netns add)");
        if (PeerLab::ipCommand().isEmpty())
            QSKIP("iproute2's 'ip' command is not installed");
        if (AvahiPeer::executable().isEmpty())
            QSKIP("avahi-daemon is not installed (Debian package avahi-daemon)");
        QVERIFY2(QFile::exists(QStringLiteral(MDNSCOPE_BINARY)), MDNSCOPE_BINARY);
    }

    void avahiAnswersWithinItsKnownDelays()
    {
        PeerLab lab;
        QString error;
        if (!lab.create(2, &error))
            QSKIP(qPrintable(u"cannot make network namespaces and veth pairs: "_s + error));
        HeadlessRun capture(QStringLiteral(MDNSCOPE_BINARY), lab.captureNamespace(),
                            lab.captureInterface());
        QVERIFY2(capture.start({u"--duration"_s, u"90"_s}, 5000, &error), qPrintable(error));
        AvahiPeer peer(lab.peerNamespace(0), PeerLab::peerInterface(), u"latpeer"_s, {kService});
        QVERIFY2(peer.start(&error), qPrintable(error));
        QCOMPARE(peer.waitForStartup(kStartupMs), u"latpeer.local"_s);
        QCOMPARE(peer.waitForServices(kStartupMs), QStringList{kService.name});
        // Past the announcements (1 s apart) and avahi's 500 ms response history of them.
        QTest::qWait(3000);

        // Each question every 2 s (avahi does not repeat a record it multicast within the last
        // 500 ms, also not as an additional record), the two 1 s apart, so even a
        // shared answer late by 400 ms leaves its additional A record out of that history.
        const QByteArray ptrQuery = MdnsQuery::build({{u"_ipp._tcp.local"_s, 12}});
        const QByteArray aQuery = MdnsQuery::build({{u"latpeer.local"_s, 1}});
        for (int i = 0; i < kRounds; ++i) {
            QVERIFY2(MdnsQuery::sendFrom(lab.peerNamespace(1), PeerLab::peerAddress(1), ptrQuery,
                                         &error),
                     qPrintable(error));
            QTest::qWait(1000);
            QVERIFY2(
                MdnsQuery::sendFrom(lab.peerNamespace(1), PeerLab::peerAddress(1), aQuery, &error),
                qPrintable(error));
            QTest::qWait(1000);
        }
        QTest::qWait(1000);
        capture.requestStop();
        QVERIFY2(capture.waitForExit(20000), "mdnscope did not exit within 20 s of SIGTERM");
        QVERIFY2(capture.exitedNormally() && capture.exitCode() == 0, qPrintable(capture.output()));

        const QJsonObject stats = capture.stats(&error);
        QVERIFY2(!stats.isEmpty(), qPrintable(error));
        const QJsonObject r = responderOf(stats, PeerLab::peerAddress(0));
        QVERIFY2(!r.isEmpty(), qPrintable(capture.output()));
        QCOMPARE(r[u"host"_s].toString(), u"latpeer.local"_s);

        const QJsonObject shared = r[u"shared"_s].toObject();
        const QJsonObject unique = r[u"unique"_s].toObject();
        qInfo("avahi shared answers: %d, min %.2f p50 %.2f p95 %.2f max %.2f ms; unique answers: "
              "%d, min %.2f p50 %.2f max %.2f ms",
              shared[u"answers"_s].toInt(), shared[u"min_ms"_s].toDouble(),
              shared[u"p50_ms"_s].toDouble(), shared[u"p95_ms"_s].toDouble(),
              shared[u"max_ms"_s].toDouble(), unique[u"answers"_s].toInt(),
              unique[u"min_ms"_s].toDouble(), unique[u"p50_ms"_s].toDouble(),
              unique[u"max_ms"_s].toDouble());
        // Every round was answered (a lost datagram or two on a loaded machine is allowed).
        QVERIFY(shared[u"answers"_s].toInt() >= kRounds - 2);
        QVERIFY(unique[u"answers"_s].toInt() >= kRounds - 2);
        QVERIFY(shared[u"answers"_s].toInt() <= kRounds);
        QVERIFY(unique[u"answers"_s].toInt() <= kRounds);
        // Shared: deferred 20 ms + up to 100 ms of jitter. avahi packs every response job
        // pending on the interface into the packet it sends for the first one due, so a shared
        // answer now and then leaves a few ms early (14.45 ms seen once on a loaded machine);
        // it is still never sent at once, as unique answers are.
        QVERIFY2(shared[u"min_ms"_s].toDouble() >= 5.0, "a shared answer came before 5 ms");
        QVERIFY(shared[u"p50_ms"_s].toDouble() >= 15.0);
        QVERIFY(shared[u"p50_ms"_s].toDouble() <= 200.0);
        QVERIFY(shared[u"max_ms"_s].toDouble() <= 750.0);
        // Unique: at once (a few ms of scheduling on a loaded machine).
        QVERIFY(unique[u"p50_ms"_s].toDouble() <= 15.0);
        QVERIFY(unique[u"p50_ms"_s].toDouble() < shared[u"p50_ms"_s].toDouble());
        QVERIFY(unique[u"max_ms"_s].toDouble() <= 750.0);
        // What was not answered is what the answer counts above allow for.
        QVERIFY(shared[u"unanswered"_s].toInt() + unique[u"unanswered"_s].toInt() <= 2);
        QVERIFY2(peer.terminate(5000), qPrintable(peer.log()));
    }
};

QTEST_GUILESS_MAIN(TestAvahiLatency)
#include "tst_avahilatency.moc"

// Real avahi-daemon peers speaking mDNS over IPv6 (use-ipv6=yes) in a private PeerLab with
// IPv6 link-local addresses (issue #13): `mdnscope --headless` in the capture namespace captures
// both families by default, and the peer's IPv6 probes, AAAA announcements and goodbyes arrive
// live over ff02::fb with hop limit 255, its fe80:: source and the capture interface, decoded
// record by record; its IPv4 traffic is captured beside them and counted apart.
#include "AvahiPeer.h"
#include "HeadlessRun.h"
#include "JsonPackets.h"
#include "PeerLab.h"

#include <QElapsedTimer>
#include <QtTest>

using namespace Qt::StringLiterals;
using namespace JsonPackets;

namespace {
constexpr int kStartupMs = 10000; // avahi: startup ~1-2 s, probing 3 x 250 ms

// Responses from `source` with an AAAA answer for `host` -> `address`, live or goodbye.
QList<int> aaaaAnswers(const QList<QJsonObject> &packets, const QString &source,
                       const QString &host, const QString &address, bool goodbye)
{
    return find(packets, source, [&](const QJsonObject &p) {
        return isResponse(p) &&
               hasRecord(p, u"answers"_s, host, u"AAAA"_s, [&](const QJsonObject &r) {
                   return isAddress(r, address) && (ttl(r) == 0) == goodbye;
               });
    });
}
} // namespace

class TestAvahiPeersIpv6 final : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase();
    void announcesAndSaysGoodbyeOverIpv6();
};

void TestAvahiPeersIpv6::initTestCase()
{
    if (AvahiPeer::executable().isEmpty())
        QSKIP("avahi-daemon is not installed (scripts/install-deps.sh installs it)");
    if (PeerLab::ipCommand().isEmpty())
        QSKIP("ip(8) is not installed");
    PeerLab::removeStale();
    PeerLab probe;
    QString error;
    if (!probe.create(1, {.ipv6 = true}, &error))
        QSKIP(qPrintable(u"cannot build a private IPv6 network namespace lab: "_s + error));
}

void TestAvahiPeersIpv6::announcesAndSaysGoodbyeOverIpv6()
{
    QElapsedTimer clock;
    clock.start();
    PeerLab lab;
    QString error;
    QVERIFY2(lab.create(1, {.ipv6 = true}, &error), qPrintable(error));
    HeadlessRun capture(QStringLiteral(MDNSCOPE_BINARY), lab.captureNamespace(),
                        lab.captureInterface());
    QVERIFY2(capture.start({u"--duration"_s, u"60"_s}, 5000, &error), qPrintable(error));

    AvahiPeer peer(lab.peerNamespace(0), PeerLab::peerInterface(), u"sixpeer"_s,
                   {{u"Lab Printer"_s, u"_ipp._tcp"_s, 631, {u"rp=lab"_s}}});
    peer.setUseIpv6(true);
    QVERIFY2(peer.start(&error), qPrintable(error));
    QCOMPARE(peer.waitForStartup(kStartupMs), u"sixpeer.local"_s);
    QCOMPARE(peer.waitForServices(kStartupMs), QStringList{u"Lab Printer"_s});
    QTest::qWait(2500); // RFC 6762 §8.3: at least two announcements, one second apart
    QVERIFY2(peer.terminate(5000), qPrintable(peer.log()));
    QTest::qWait(300);

    capture.requestStop();
    QVERIFY2(capture.waitForExit(20000), "mdnscope did not exit within 20 s of SIGTERM");
    QVERIFY2(capture.exitedNormally() && capture.exitCode() == 0, qPrintable(capture.output()));
    QVERIFY2(capture.output().contains(u"listening for ff02::fb port 5353 on "_s +
                                       lab.captureInterface()),
             qPrintable(capture.output()));
    const QList<QJsonObject> packets = capture.packets(&error);
    QVERIFY2(error.isEmpty(), qPrintable(error));
    const QJsonObject stats = capture.stats(&error);
    QVERIFY2(error.isEmpty(), qPrintable(error));
    const QString all = describeAll(packets);

    const QString addr6 = PeerLab::peerAddress6(0);
    const QString host = u"sixpeer.local"_s;
    const QList<int> fromV6 = find(packets, addr6, [](const QJsonObject &) { return true; });
    QVERIFY2(!fromV6.isEmpty(), qPrintable(u"nothing from "_s + addr6 + u":\n"_s + all));
    for (const int i : fromV6) {
        const QJsonObject &p = packets.at(i);
        const QString what = describe(p);
        QVERIFY2(!isMalformed(p), qPrintable(what));
        QVERIFY2(p.value(u"destination"_s).toString() == u"ff02::fb"_s, qPrintable(what));
        QVERIFY2(p.value(u"source_port"_s).toInteger() == 5353, qPrintable(what));
        QVERIFY2(p.value(u"ttl"_s).toInteger() == 255, qPrintable(what)); // the hop limit
        QVERIFY2(p.value(u"interface"_s).toString() == lab.captureInterface(), qPrintable(what));
    }
    // Probes (a query for the host with the proposed AAAA in the authority section), then
    // announcements, then after SIGTERM the goodbye, all over IPv6.
    const QList<int> probes = find(packets, addr6, [&](const QJsonObject &p) {
        return !isResponse(p) && hasQuestion(p, host, u"ANY"_s) &&
               hasRecord(p, u"authorities"_s, host, u"AAAA"_s,
                         [&](const QJsonObject &r) { return isAddress(r, addr6); });
    });
    const QList<int> announced = aaaaAnswers(packets, addr6, host, addr6, false);
    const QList<int> goodbyes = aaaaAnswers(packets, addr6, host, addr6, true);
    QVERIFY2(probes.size() >= 3, qPrintable(all));
    QVERIFY2(announced.size() >= 2, qPrintable(all));
    QVERIFY2(!goodbyes.isEmpty(), qPrintable(all));
    QVERIFY2(probes.last() < announced.first() && announced.last() < goodbyes.first(),
             qPrintable(all));
    for (const int i : announced) {
        for (const QJsonObject &r : records(packets.at(i), u"answers"_s, host, u"AAAA"_s)) {
            QCOMPARE(ttl(r), 120);
            QVERIFY(cacheFlush(r));
        }
    }
    // The service over IPv6 too: its SRV pointing at the host.
    QVERIFY2(!find(packets, addr6,
                   [&](const QJsonObject &p) {
                       return isResponse(p) &&
                              hasRecord(p, u"answers"_s, u"Lab Printer._ipp._tcp.local"_s, u"SRV"_s,
                                        [&](const QJsonObject &r) {
                                            return ttl(r) > 0 && isSrv(r, 631, host);
                                        });
                   })
                  .isEmpty(),
             qPrintable(all));

    // IPv4 beside it, counted apart; everything counted is in the JSON.
    const qint64 fromV4 =
        find(packets, PeerLab::peerAddress(0), [](const QJsonObject &) { return true; }).size();
    QVERIFY2(fromV4 > 0, qPrintable(all));
    const qint64 v6Total = HeadlessRun::statsValue(stats.value(u"ipv6"_s).toObject(), u"packets"_s);
    const qint64 v4Total = HeadlessRun::statsValue(stats.value(u"ipv4"_s).toObject(), u"packets"_s);
    QCOMPARE(v6Total + v4Total, qint64(packets.size()));
    QCOMPARE(v6Total, qint64(std::count_if(packets.cbegin(), packets.cend(), [](const auto &p) {
                 return p.value(u"source"_s).toString().contains(u':');
             })));
    QCOMPARE(HeadlessRun::statsValue(stats, u"kernel_drops"_s), 0);
    qInfo("%lld IPv6 and %lld IPv4 packets from the peer, %lld probes, scenario %lld ms",
          qint64(fromV6.size()), fromV4, qint64(probes.size()), qint64(clock.elapsed()));
}

QTEST_GUILESS_MAIN(TestAvahiPeersIpv6)
#include "tst_avahipeersipv6.moc"

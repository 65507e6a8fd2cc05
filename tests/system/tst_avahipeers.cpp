// Real peers: avahi-daemon responders in private network namespaces, joined to
// mdnscope's namespace by veth pairs (a bridge for two peers), captured by the real
// mdnscope executable in headless mode. Checks what mdnscope decodes against what
// the daemons were configured to publish (issue #5, section 1).
#include "AvahiPeer.h"
#include "HeadlessRun.h"
#include "JsonPackets.h"
#include "MdnsQuery.h"
#include "PeerLab.h"

#include <QElapsedTimer>
#include <QJsonArray>
#include <QtTest>

#include <cerrno>
#include <csignal>
#include <unistd.h>

#ifndef MDNSCOPE_BINARY
#error "MDNSCOPE_BINARY must name the mdnscope executable"
#endif

using namespace Qt::StringLiterals;
using namespace JsonPackets;

namespace {
constexpr int kStartupMs = 10000; // avahi: startup ~1-2 s, probing 3 x 250 ms

QString instanceName(const AvahiService &s)
{
    return s.name + u'.' + s.type + u".local"_s;
}

// RFC 6762 §8.1: a probe is a query with an ANY question for the name and the
// proposed records in the authority section.
QList<int> hostProbes(const QList<QJsonObject> &packets, const QString &source, const QString &host,
                      const QString &address)
{
    return find(packets, source, [&](const QJsonObject &p) {
        return !isResponse(p) && hasQuestion(p, host, u"ANY"_s) &&
               hasRecord(p, u"authorities"_s, host, u"A"_s,
                         [&](const QJsonObject &r) { return isAddress(r, address); });
    });
}

QList<int> hostAnswers(const QList<QJsonObject> &packets, const QString &source,
                       const QString &host, const QString &address, bool goodbye)
{
    return find(packets, source, [&](const QJsonObject &p) {
        return isResponse(p) && hasRecord(p, u"answers"_s, host, u"A"_s, [&](const QJsonObject &r) {
                   return isAddress(r, address) && (goodbye ? ttl(r) == 0 : ttl(r) > 0);
               });
    });
}
} // namespace

class TestAvahiPeers final : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase();
    void probesAnnouncementsAndGoodbyes();
    void besideLocalAvahi();
    void hostNameConflict();
    void cleanupTestCase();

private:
    // Stops the capture and returns its packets (fails the test on a bad exit).
    bool finishCapture(HeadlessRun &capture, QList<QJsonObject> *packets);
    void checkCommonFields(const QList<QJsonObject> &packets, const QString &source,
                           const QString &iface);

    QElapsedTimer m_clock;
    QList<qint64> m_pids; // every daemon and capture started, checked at the end
};

void TestAvahiPeers::initTestCase()
{
    m_clock.start();
    const QStringList stale = PeerLab::removeStale();
    if (!stale.isEmpty())
        qInfo("removed namespaces left by an earlier run: %s", qPrintable(stale.join(u", "_s)));
    if (::geteuid() != 0)
        QSKIP("needs root to create network namespaces (ip netns add)");
    if (PeerLab::ipCommand().isEmpty())
        QSKIP("iproute2's 'ip' command is not installed");
    if (AvahiPeer::executable().isEmpty())
        QSKIP("avahi-daemon is not installed (Debian package avahi-daemon)");
    PeerLab probe;
    QString error;
    if (!probe.create(1, &error))
        QSKIP(qPrintable(u"cannot make network namespaces and veth pairs: "_s + error));
    QVERIFY2(QFile::exists(QStringLiteral(MDNSCOPE_BINARY)), MDNSCOPE_BINARY);
}

void TestAvahiPeers::cleanupTestCase()
{
    for (const qint64 pid : std::as_const(m_pids))
        QVERIFY2(::kill(pid_t(pid), 0) != 0 && errno == ESRCH,
                 qPrintable(u"process %1 (avahi-daemon or mdnscope) still runs"_s.arg(pid)));
    QVERIFY2(PeerLab::existingOwnNamespaces().isEmpty(),
             qPrintable(PeerLab::existingOwnNamespaces().join(u' ')));
    qInfo("all scenarios took %lld ms", qint64(m_clock.elapsed()));
}

bool TestAvahiPeers::finishCapture(HeadlessRun &capture, QList<QJsonObject> *packets)
{
    [&] {
        capture.requestStop();
        QVERIFY2(capture.waitForExit(20000), "mdnscope did not exit within 20 s of SIGTERM");
        QVERIFY2(capture.exitedNormally() && capture.exitCode() == 0,
                 qPrintable(
                     u"mdnscope exit code %1: %2"_s.arg(capture.exitCode()).arg(capture.output())));
        QString error;
        *packets = capture.packets(&error);
        QVERIFY2(error.isEmpty(), qPrintable(error));
        const QJsonObject stats = capture.stats(&error);
        QVERIFY2(error.isEmpty(), qPrintable(error));
        // Everything the capture counted is in the JSON output, one line each.
        QCOMPARE(HeadlessRun::statsValue(stats, u"packets"_s), qint64(packets->size()));
        QCOMPARE(HeadlessRun::statsValue(stats, u"kernel_drops"_s), 0);
    }();
    return !QTest::currentTestFailed();
}

// What RFC 6762 §11 and the capture path promise for every packet of a peer.
void TestAvahiPeers::checkCommonFields(const QList<QJsonObject> &packets, const QString &source,
                                       const QString &iface)
{
    for (const QJsonObject &p : packets) {
        if (JsonPackets::source(p) != source)
            continue;
        const QString what = JsonPackets::describe(p);
        QVERIFY2(!JsonPackets::isMalformed(p), qPrintable(what));
        QVERIFY2(p.value(u"source_port"_s).toInteger() == 5353, qPrintable(what));
        QVERIFY2(p.value(u"destination"_s).toString() == u"224.0.0.251"_s, qPrintable(what));
        QVERIFY2(p.value(u"destination_port"_s).toInteger() == 5353, qPrintable(what));
        QVERIFY2(p.value(u"ttl"_s).toInteger() == 255, qPrintable(what));
        QVERIFY2(p.value(u"interface"_s).toString() == iface, qPrintable(what));
    }
}

// One responder with two static services: its probes, announcements and, when it
// stops, its goodbyes, decoded record by record as avahi was configured.
void TestAvahiPeers::probesAnnouncementsAndGoodbyes()
{
    QElapsedTimer clock;
    clock.start();
    PeerLab lab;
    QString error;
    QVERIFY2(lab.create(1, &error), qPrintable(error));
    HeadlessRun capture(QStringLiteral(MDNSCOPE_BINARY), lab.captureNamespace(),
                        lab.captureInterface());
    QVERIFY2(capture.start({u"--duration"_s, u"60"_s}, 5000, &error), qPrintable(error));
    m_pids.append(capture.pid());

    const QList<AvahiService> services = {
        {u"Office Printer"_s, u"_ipp._tcp"_s, 631, {u"rp=printers/office"_s, u"note=Room 4"_s}},
        {u"Status Page"_s, u"_http._tcp"_s, 8080, {u"path=/status"_s}},
    };
    AvahiPeer peer(lab.peerNamespace(0), PeerLab::peerInterface(), u"peerone"_s, services);
    QVERIFY2(peer.start(&error), qPrintable(error));
    m_pids.append(peer.pid());
    QCOMPARE(peer.waitForStartup(kStartupMs), u"peerone.local"_s);
    QCOMPARE(peer.waitForServices(kStartupMs),
             QStringList({u"Office Printer"_s, u"Status Page"_s}));
    QTest::qWait(2500); // RFC 6762 §8.3: at least two announcements, one second apart
    QVERIFY2(peer.terminate(5000), qPrintable(peer.log()));
    QVERIFY2(peer.log().contains(u"exiting"_s), qPrintable(peer.log()));
    QTest::qWait(300);
    QList<QJsonObject> packets;
    QVERIFY(finishCapture(capture, &packets));

    const QString host = u"peerone.local"_s;
    const QString addr = PeerLab::peerAddress(0);
    const QString all = describeAll(packets);
    QVERIFY2(!find(packets, addr, [](const QJsonObject &) { return true; }).isEmpty(),
             qPrintable(u"nothing captured from the peer:\n"_s + all));
    checkCommonFields(packets, addr, lab.captureInterface());
    if (QTest::currentTestFailed())
        return;

    // Probes: three, 250 ms apart (RFC 6762 §8.1), for the host and each service.
    const QList<int> probes = hostProbes(packets, addr, host, addr);
    QVERIFY2(probes.size() >= 3, qPrintable(all));
    // Announcements: the host's A record with the peer's link-local address.
    const QList<int> announced = hostAnswers(packets, addr, host, addr, false);
    QVERIFY2(!announced.isEmpty(), qPrintable(all));
    QVERIFY2(probes.last() < announced.first(), qPrintable(all));
    for (const int i : announced) {
        for (const QJsonObject &r : records(packets.at(i), u"answers"_s, host, u"A"_s)) {
            QCOMPARE(ttl(r), 120);  // avahi's host record TTL (RFC 6762 §10: 120 s)
            QVERIFY(cacheFlush(r)); // unique record (§10.2)
        }
    }
    // The reverse mapping avahi publishes for its address.
    QVERIFY2(!find(packets, addr,
                   [&](const QJsonObject &p) {
                       return isResponse(p) &&
                              hasRecord(p, u"answers"_s, u"1.1.254.169.in-addr.arpa"_s, u"PTR"_s,
                                        [&](const QJsonObject &r) { return isTarget(r, host); });
                   })
                  .isEmpty(),
             qPrintable(all));

    for (const AvahiService &s : services) {
        const QString instance = instanceName(s);
        const QString type = s.type + u".local"_s;
        const QList<int> serviceProbes = find(packets, addr, [&](const QJsonObject &p) {
            return !isResponse(p) && hasQuestion(p, instance, u"ANY"_s) &&
                   hasRecord(p, u"authorities"_s, instance, u"SRV"_s,
                             [&](const QJsonObject &r) { return isSrv(r, s.port, host); });
        });
        QVERIFY2(serviceProbes.size() >= 3, qPrintable(instance + u'\n' + all));
        auto announces = [&](const QString &name, const QString &rrtype, auto pred) {
            return find(packets, addr, [&](const QJsonObject &p) {
                return isResponse(p) &&
                       hasRecord(p, u"answers"_s, name, rrtype,
                                 [&](const QJsonObject &r) { return ttl(r) > 0 && pred(r); });
            });
        };
        const QList<int> ptr =
            announces(type, u"PTR"_s, [&](const QJsonObject &r) { return isTarget(r, instance); });
        const QList<int> srv = announces(instance, u"SRV"_s, [&](const QJsonObject &r) {
            return isSrv(r, s.port, host) && cacheFlush(r);
        });
        const QList<int> txt =
            announces(instance, u"TXT"_s, [&](const QJsonObject &r) { return isTxt(r, s.txt); });
        const QList<int> browse =
            announces(u"_services._dns-sd._udp.local"_s, u"PTR"_s,
                      [&](const QJsonObject &r) { return isTarget(r, type); });
        QVERIFY2(srv.size() >= 2, qPrintable(instance + u" SRV\n"_s + all));
        QVERIFY2(!ptr.isEmpty(), qPrintable(type + u" PTR\n"_s + all));
        QVERIFY2(!txt.isEmpty(), qPrintable(instance + u" TXT\n"_s + all));
        QVERIFY2(!browse.isEmpty(), qPrintable(u"_services._dns-sd._udp PTR\n"_s + all));
        QVERIFY2(serviceProbes.last() < srv.first(), qPrintable(all));

        // Goodbyes (RFC 6762 §10.1): the same records with TTL 0, after the announcements.
        auto goodbye = [&](const QString &name, const QString &rrtype, auto pred) {
            return find(packets, addr, [&](const QJsonObject &p) {
                return isResponse(p) &&
                       hasRecord(p, u"answers"_s, name, rrtype,
                                 [&](const QJsonObject &r) { return ttl(r) == 0 && pred(r); });
            });
        };
        const QList<int> byePtr =
            goodbye(type, u"PTR"_s, [&](const QJsonObject &r) { return isTarget(r, instance); });
        const QList<int> byeSrv = goodbye(
            instance, u"SRV"_s, [&](const QJsonObject &r) { return isSrv(r, s.port, host); });
        const QList<int> byeTxt =
            goodbye(instance, u"TXT"_s, [&](const QJsonObject &r) { return isTxt(r, s.txt); });
        QVERIFY2(!byePtr.isEmpty() && !byeSrv.isEmpty() && !byeTxt.isEmpty(),
                 qPrintable(instance + u" goodbye\n"_s + all));
        QVERIFY2(byeSrv.first() > srv.last() && byePtr.first() > ptr.last(), qPrintable(all));
    }
    const QList<int> byeHost = hostAnswers(packets, addr, host, addr, true);
    QVERIFY2(!byeHost.isEmpty(), qPrintable(u"host goodbye\n"_s + all));
    QVERIFY2(byeHost.first() > announced.last(), qPrintable(all));
    // Nothing with a live TTL after the goodbye.
    const QList<int> alive = find(packets, addr, [](const QJsonObject &p) {
        for (const QString &s : {u"answers"_s, u"additionals"_s}) {
            const QJsonArray list = p.value(s).toArray();
            for (const QJsonValue &v : list) {
                if (ttl(v.toObject()) > 0)
                    return true;
            }
        }
        return false;
    });
    QVERIFY2(!alive.isEmpty() && alive.last() < byeHost.first(), qPrintable(all));
    qInfo("%lld packets from the peer, %lld probes of the host, scenario %lld ms",
          qint64(find(packets, addr, [](const QJsonObject &) { return true; }).size()),
          qint64(probes.size()), qint64(clock.elapsed()));
}

// mdnscope shares port 5353 with an avahi-daemon in its own namespace: mdnscope
// captures the peer's traffic, and the local daemon still receives it (it answers
// the peer's query, and mdnscope captures that answer too).
void TestAvahiPeers::besideLocalAvahi()
{
    QElapsedTimer clock;
    clock.start();
    PeerLab lab;
    QString error;
    QVERIFY2(lab.create(1, &error), qPrintable(error));
    const AvahiService web{u"Beside Web"_s, u"_http._tcp"_s, 8080, {u"path=/"_s}};
    AvahiPeer local(lab.captureNamespace(), lab.captureInterface(), u"besidehost"_s, {web});
    QVERIFY2(local.start(&error), qPrintable(error));
    m_pids.append(local.pid());
    QCOMPARE(local.waitForStartup(kStartupMs), u"besidehost.local"_s);
    QCOMPARE(local.waitForServices(kStartupMs), QStringList{web.name});
    // avahi announces about 1, 2 and 3.5 s after establishing: let that end before
    // the capture starts, so its only later answers are those to our query.
    QTest::qWait(4500);

    HeadlessRun capture(QStringLiteral(MDNSCOPE_BINARY), lab.captureNamespace(),
                        lab.captureInterface());
    QVERIFY2(capture.start({u"--duration"_s, u"60"_s}, 5000, &error), qPrintable(error));
    m_pids.append(capture.pid());
    QVERIFY2(local.isRunning(), qPrintable(local.log()));

    const AvahiService printer{u"Peer Printer"_s, u"_ipp._tcp"_s, 631, {u"rp=peer"_s}};
    AvahiPeer peer(lab.peerNamespace(0), PeerLab::peerInterface(), u"peerbox"_s, {printer});
    QVERIFY2(peer.start(&error), qPrintable(error));
    m_pids.append(peer.pid());
    QCOMPARE(peer.waitForStartup(kStartupMs), u"peerbox.local"_s);
    QCOMPARE(peer.waitForServices(kStartupMs), QStringList{printer.name});
    QTest::qWait(1200);

    // A query from the peer's side for what only the local daemon owns.
    const QString local4 = PeerLab::captureAddress();
    const QString peer4 = PeerLab::peerAddress(0);
    const QByteArray query = MdnsQuery::build(
        {{u"besidehost.local"_s, quint16(1)}, {u"_http._tcp.local"_s, quint16(12)}});
    QVERIFY2(MdnsQuery::sendFrom(lab.peerNamespace(0), peer4, query, &error), qPrintable(error));
    QTest::qWait(1500); // shared answers may be delayed 20-120 ms (RFC 6762 §6), avahi up to 500
    QVERIFY2(local.isRunning(), qPrintable(local.log()));
    QVERIFY(peer.terminate(5000));
    QVERIFY(local.terminate(5000));
    QTest::qWait(300);
    QList<QJsonObject> packets;
    QVERIFY(finishCapture(capture, &packets));
    const QString all = describeAll(packets);
    checkCommonFields(packets, peer4, lab.captureInterface());
    checkCommonFields(packets, local4, lab.captureInterface());
    if (QTest::currentTestFailed())
        return;

    // mdnscope received the peer although avahi holds port 5353 in the same namespace.
    QVERIFY2(hostProbes(packets, peer4, u"peerbox.local"_s, peer4).size() >= 3, qPrintable(all));
    QVERIFY2(!hostAnswers(packets, peer4, u"peerbox.local"_s, peer4, false).isEmpty(),
             qPrintable(all));
    QVERIFY2(!find(packets, peer4,
                   [&](const QJsonObject &p) {
                       return isResponse(p) &&
                              hasRecord(p, u"answers"_s, instanceName(printer), u"SRV"_s,
                                        [&](const QJsonObject &r) {
                                            return isSrv(r, printer.port, u"peerbox.local"_s);
                                        });
                   })
                  .isEmpty(),
             qPrintable(all));

    // The query, once, and the local daemon's answers to it, after it.
    const QList<int> queries = find(packets, peer4, [](const QJsonObject &p) {
        return !isResponse(p) && hasQuestion(p, u"besidehost.local"_s, u"A"_s) &&
               hasQuestion(p, u"_http._tcp.local"_s, u"PTR"_s);
    });
    QCOMPARE(queries.size(), 1);
    QVERIFY2(find(packets, local4,
                  [&](const QJsonObject &p) {
                      return isResponse(p) && hasRecord(p, u""_s, u"besidehost.local"_s, u"A"_s,
                                                        [&](const QJsonObject &r) {
                                                            return ttl(r) > 0 &&
                                                                   isAddress(r, local4);
                                                        });
                  }).value(0, -1) > queries.first(),
             qPrintable(u"no answer from the local avahi after the query (or an earlier "
                        "announcement) \n"_s +
                        all));
    const QList<int> ptrAnswers = find(packets, local4, [&](const QJsonObject &p) {
        return isResponse(p) && hasRecord(p, u"answers"_s, u"_http._tcp.local"_s, u"PTR"_s,
                                          [&](const QJsonObject &r) {
                                              return ttl(r) > 0 && isTarget(r, instanceName(web));
                                          });
    });
    QVERIFY2(!ptrAnswers.isEmpty() && ptrAnswers.first() > queries.first(), qPrintable(all));
    // The local daemon's goodbye reaches mdnscope through multicast loopback.
    QVERIFY2(!hostAnswers(packets, local4, u"besidehost.local"_s, local4, true).isEmpty(),
             qPrintable(all));
    qInfo("%lld packets, scenario %lld ms", qint64(packets.size()), qint64(clock.elapsed()));
}

// Two responders claim the same host name and service name: the later one probes,
// the first defends, and the later one renames itself (RFC 6762 §9) and announces
// the new names. The capture shows each step in order.
void TestAvahiPeers::hostNameConflict()
{
    QElapsedTimer clock;
    clock.start();
    PeerLab lab;
    QString error;
    QVERIFY2(lab.create(2, &error), qPrintable(error));
    HeadlessRun capture(QStringLiteral(MDNSCOPE_BINARY), lab.captureNamespace(),
                        lab.captureInterface());
    QVERIFY2(capture.start({u"--duration"_s, u"60"_s}, 5000, &error), qPrintable(error));
    m_pids.append(capture.pid());

    const AvahiService printer{u"Twin Printer"_s, u"_ipp._tcp"_s, 631, {u"rp=twin"_s}};
    AvahiPeer first(lab.peerNamespace(0), PeerLab::peerInterface(), u"twin"_s, {printer});
    QVERIFY2(first.start(&error), qPrintable(error));
    m_pids.append(first.pid());
    QCOMPARE(first.waitForStartup(kStartupMs), u"twin.local"_s);
    QCOMPARE(first.waitForServices(kStartupMs), QStringList{printer.name});

    AvahiPeer second(lab.peerNamespace(1), PeerLab::peerInterface(), u"twin"_s, {printer});
    QVERIFY2(second.start(&error), qPrintable(error));
    m_pids.append(second.pid());
    QRegularExpressionMatch m;
    QVERIFY2(second.waitForLog(QRegularExpression(u"Host name conflict, retrying with (\\S+)"_s),
                               kStartupMs, &m),
             qPrintable(second.log()));
    const QString renamedHost = m.captured(1) + u".local"_s;
    QVERIFY2(renamedHost != u"twin.local"_s, qPrintable(renamedHost));
    QCOMPARE(second.waitForStartup(kStartupMs), renamedHost);
    const QStringList renamedServices = second.waitForServices(kStartupMs);
    QCOMPARE(renamedServices.size(), 1);
    QVERIFY2(renamedServices.first() != printer.name, qPrintable(second.log()));
    QTest::qWait(1500);
    QVERIFY(second.terminate(5000));
    QVERIFY(first.terminate(5000));
    QTest::qWait(300);
    QList<QJsonObject> packets;
    QVERIFY(finishCapture(capture, &packets));

    const QString a = PeerLab::peerAddress(0);
    const QString b = PeerLab::peerAddress(1);
    const QString all = describeAll(packets);
    checkCommonFields(packets, a, lab.captureInterface());
    checkCommonFields(packets, b, lab.captureInterface());
    if (QTest::currentTestFailed())
        return;

    // The second daemon probes the contested name with its own address ...
    const QList<int> contested = hostProbes(packets, b, u"twin.local"_s, b);
    QVERIFY2(!contested.isEmpty(), qPrintable(all));
    // ... the first defends it with an answer for its own address ...
    const QList<int> defended = hostAnswers(packets, a, u"twin.local"_s, a, false);
    const auto defence = std::find_if(defended.cbegin(), defended.cend(),
                                      [&](int i) { return i > contested.first(); });
    QVERIFY2(defence != defended.cend(), qPrintable(u"no defence\n"_s + all));
    // ... and the second probes the new name afterwards, then announces it.
    const QList<int> renamedProbes = hostProbes(packets, b, renamedHost, b);
    QVERIFY2(renamedProbes.size() >= 3, qPrintable(all));
    QVERIFY2(renamedProbes.first() > *defence, qPrintable(all));
    const QList<int> renamedAnnounced = hostAnswers(packets, b, renamedHost, b, false);
    QVERIFY2(!renamedAnnounced.isEmpty(), qPrintable(all));
    QVERIFY2(renamedAnnounced.first() > renamedProbes.last(), qPrintable(all));
    // The contested name is never announced by the loser.
    QVERIFY2(hostAnswers(packets, b, u"twin.local"_s, b, false).isEmpty(), qPrintable(all));

    // The service name: probed, defended (the first's SRV), renamed and announced.
    const QString instance = instanceName(printer);
    const QString renamedInstance = renamedServices.first() + u'.' + printer.type + u".local"_s;
    QVERIFY2(!find(packets, b,
                   [&](const QJsonObject &p) {
                       return !isResponse(p) && hasQuestion(p, instance, u"ANY"_s);
                   })
                  .isEmpty(),
             qPrintable(all));
    QVERIFY2(!find(packets, b,
                   [&](const QJsonObject &p) {
                       return isResponse(p) &&
                              hasRecord(p, u"answers"_s, renamedInstance, u"SRV"_s,
                                        [&](const QJsonObject &r) {
                                            return ttl(r) > 0 &&
                                                   isSrv(r, printer.port, renamedHost);
                                        });
                   })
                  .isEmpty(),
             qPrintable(renamedInstance + u'\n' + all));
    QVERIFY2(find(packets, b,
                  [&](const QJsonObject &p) {
                      return isResponse(p) &&
                             hasRecord(p, u"answers"_s, instance, u"SRV"_s,
                                       [](const QJsonObject &r) { return ttl(r) > 0; });
                  })
                 .isEmpty(),
             qPrintable(all));
    // Both leave with goodbyes for the names they ended up with.
    QVERIFY2(!hostAnswers(packets, a, u"twin.local"_s, a, true).isEmpty(), qPrintable(all));
    QVERIFY2(!hostAnswers(packets, b, renamedHost, b, true).isEmpty(), qPrintable(all));
    qInfo("renamed to %s and \"%s\"; %lld packets, scenario %lld ms", qPrintable(renamedHost),
          qPrintable(renamedServices.first()), qint64(packets.size()), qint64(clock.elapsed()));
}

QTEST_GUILESS_MAIN(TestAvahiPeers)
#include "tst_avahipeers.moc"

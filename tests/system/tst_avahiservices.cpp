// `mdnscope --headless --services` against a real avahi-daemon in a private network namespace
// (PeerLab, AvahiPeer): the service it publishes appears with its port, TXT and address; while
// the daemon runs it is live, after the daemon stopped (SIGTERM, goodbyes) it is `goodbye`.
// A killed daemon's services would turn `expired` only after avahi's TTLs (120 s / 4500 s),
// too long for a test: tst_servicedirectory checks expiry on built traffic.
#include "AvahiPeer.h"
#include "HeadlessRun.h"
#include "PeerLab.h"

#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
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

const AvahiService kService{
    u"Lab Printer"_s, u"_ipp._tcp"_s, 631, {u"rp=printers/lab"_s, u"note=Room 7"_s, u"color"_s}};

// The --services lines, by instance name.
QHash<QString, QJsonObject> readServices(const QString &path)
{
    QHash<QString, QJsonObject> out;
    QFile f(path);
    if (!f.open(QIODevice::ReadOnly))
        return out;
    for (const QByteArray &line : f.readAll().split('\n')) {
        if (!line.isEmpty()) {
            const QJsonObject o = QJsonDocument::fromJson(line).object();
            out.insert(o.value(u"instance"_s).toString(), o);
        }
    }
    return out;
}
} // namespace

class TestAvahiServices final : public QObject
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

    void serviceLiveThenGoodbye_data()
    {
        QTest::addColumn<bool>("stopDaemon");
        QTest::newRow("daemon running: live") << false;
        QTest::newRow("daemon stopped: goodbye") << true;
    }

    void serviceLiveThenGoodbye()
    {
        QFETCH(bool, stopDaemon);
        PeerLab lab;
        QString error;
        if (!lab.create(1, &error))
            QSKIP(qPrintable(u"cannot make network namespaces and veth pairs: "_s + error));
        QTemporaryDir dir;
        const QString servicesPath = dir.filePath(u"services.jsonl"_s);
        HeadlessRun capture(QStringLiteral(MDNSCOPE_BINARY), lab.captureNamespace(),
                            lab.captureInterface());
        QVERIFY2(
            capture.start({u"--duration"_s, u"60"_s, u"--services"_s, servicesPath}, 5000, &error),
            qPrintable(error));
        AvahiPeer peer(lab.peerNamespace(0), PeerLab::peerInterface(), u"labpeer"_s, {kService});
        QVERIFY2(peer.start(&error), qPrintable(error));
        QCOMPARE(peer.waitForStartup(kStartupMs), u"labpeer.local"_s);
        QCOMPARE(peer.waitForServices(kStartupMs), QStringList{kService.name});
        QTest::qWait(2500); // announced at least twice (RFC 6762 §8.3)
        if (stopDaemon) {
            QVERIFY2(peer.terminate(5000), qPrintable(peer.log()));
            QTest::qWait(1500); // the goodbye takes effect 1 s after it was heard
        }
        capture.requestStop();
        QVERIFY2(capture.waitForExit(20000), "mdnscope did not exit within 20 s of SIGTERM");
        QVERIFY2(capture.exitedNormally() && capture.exitCode() == 0, qPrintable(capture.output()));

        const QHash<QString, QJsonObject> services = readServices(servicesPath);
        const QString instance = u"Lab Printer._ipp._tcp.local"_s;
        QVERIFY2(services.contains(instance), qPrintable(services.keys().join(u", "_s)));
        const QJsonObject s = services.value(instance);
        const QString text = QString::fromUtf8(QJsonDocument(s).toJson(QJsonDocument::Compact));
        QCOMPARE(s.value(u"name"_s).toString(), kService.name);
        QCOMPARE(s.value(u"type"_s).toString(), kService.type);
        QCOMPARE(s.value(u"host"_s).toString(), u"labpeer.local"_s);
        QCOMPARE(s.value(u"port"_s).toInt(), 631);
        QStringList txt;
        for (const QJsonValue &v : s.value(u"txt"_s).toArray())
            txt.append(v.toString());
        QCOMPARE(txt, kService.txt);
        const QJsonObject pairs = s.value(u"txt_pairs"_s).toObject();
        QCOMPARE(pairs.value(u"rp"_s).toString(), u"printers/lab"_s);
        QCOMPARE(pairs.value(u"note"_s).toString(), u"Room 7"_s);
        QCOMPARE(pairs.value(u"color"_s), QJsonValue(true));
        QVERIFY2(s.value(u"addresses"_s).toArray().contains(PeerLab::peerAddress(0)),
                 qPrintable(text));
        QVERIFY2(s.value(u"announced_by"_s).toArray().contains(PeerLab::peerAddress(0)),
                 qPrintable(text));
        QCOMPARE(s.value(u"state"_s).toString(), stopDaemon ? u"goodbye"_s : u"live"_s);
        QVERIFY(!s.value(u"packets"_s).toArray().isEmpty());
    }
};

QTEST_GUILESS_MAIN(TestAvahiServices)
#include "tst_avahiservices.moc"

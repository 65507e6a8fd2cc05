// `mdnscope --headless --services` against a built responder in the test's private network
// namespace (issue #14, with #13's IPv6 capture): over ff02::fb across a veth pair, one service
// is announced with a 2 s TTL and never refreshed (a responder that died: `expired` at the end),
// one says goodbye (`goodbye`), one stays (`live`), each with the address of its host. Time is
// the live capture's: the expiry happens while nothing is received.
#include "MdnsBuilder.h"
#include "MulticastSender.h"
#include "NetNamespace.h"

#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QProcess>
#include <QTemporaryDir>
#include <QTest>

#include <arpa/inet.h>

using namespace Qt::StringLiterals;
using namespace MdnsBuilder;

namespace {
constexpr int kTimeoutMs = 20'000;

bool waitForIpv6Join(QProcess &p)
{
    QElapsedTimer clock;
    clock.start();
    if (!p.waitForStarted(kTimeoutMs))
        return false;
    while (clock.elapsed() < kTimeoutMs && p.state() == QProcess::Running) {
        QFile f(u"/proc/%1/net/igmp6"_s.arg(p.processId()));
        if (f.open(QIODevice::ReadOnly) && f.readAll().contains("ff0200000000000000000000000000fb"))
            return true;
        QTest::qWait(10);
    }
    return false;
}

QByteArray v6(const char *text)
{
    QByteArray bytes(16, 0);
    ::inet_pton(AF_INET6, text, bytes.data());
    return bytes;
}

// PTR, SRV and TXT of `instance` on host `host`, all with `ttl`, and the host's AAAA.
QByteArray announce(const QString &instance, quint16 port, const QString &host, quint32 ttl,
                    const char *address)
{
    const QString name = instance + u"._http._tcp.local"_s;
    return response({with(ptr(u"_http._tcp.local"_s, name), ttl, false),
                     with(srv(name, port, host), ttl, true),
                     with(txt(name, {"path=/" + instance.toLatin1()}), ttl, true)},
                    {with(aaaa(host, v6(address)), 120, true)});
}
} // namespace

class TestCliServicesLive final : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void initTestCase()
    {
        QVERIFY2(QFile::exists(QStringLiteral(MDNSCOPE_BINARY)), MDNSCOPE_BINARY);
        if (!NetNamespace::isPrivate())
            return;
        QString error;
        QVERIFY2(NetNamespace::addVethPair(u"sla"_s, u"slb"_s, &error), qPrintable(error));
    }

    void liveGoodbyeAndExpired()
    {
        MDNSCOPE_REQUIRE_NETNS();
        QTemporaryDir dir;
        const QString out = dir.filePath(u"services.jsonl"_s);
        QProcess p;
        p.start(QStringLiteral(MDNSCOPE_BINARY),
                {u"--headless"_s, u"--interface"_s, u"slb"_s, u"--family"_s, u"ipv6"_s,
                 u"--duration"_s, u"6"_s, u"--services"_s, out});
        QVERIFY2(waitForIpv6Join(p), p.readAllStandardError().constData());

        MulticastSender::Options o;
        o.group = u"ff02::fb"_s;
        o.interfaceName = u"sla"_s;
        MulticastSender sender(o);
        QVERIFY2(sender.isOpen(), qPrintable(sender.errorString()));
        QVERIFY(sender.send(announce(u"Short"_s, 8001, u"short.local"_s, 2, "fe80::51")));
        QVERIFY(sender.send(announce(u"Stays"_s, 8002, u"stays.local"_s, 120, "fe80::52")));
        QVERIFY(sender.send(announce(u"Leaves"_s, 8003, u"leaves.local"_s, 120, "fe80::53")));
        QTest::qWait(300);
        QVERIFY(sender.send(announce(u"Leaves"_s, 8003, u"leaves.local"_s, 0, "fe80::53")));
        // Nothing more: Short's 2 s run out while the capture hears nothing.
        QVERIFY(p.waitForFinished(kTimeoutMs));
        const QByteArray err = p.readAllStandardError();
        QVERIFY2(p.exitStatus() == QProcess::NormalExit && p.exitCode() == 0, err.constData());

        QFile f(out);
        QVERIFY(f.open(QIODevice::ReadOnly));
        QHash<QString, QJsonObject> byName;
        while (!f.atEnd()) {
            const QJsonObject o = QJsonDocument::fromJson(f.readLine()).object();
            byName.insert(o.value(u"name"_s).toString(), o);
        }
        QCOMPARE(byName.size(), 3);
        const struct
        {
            const char *name, *state, *address;
            int port;
        } expected[] = {{"Short", "expired", "fe80::51", 8001},
                        {"Stays", "live", "fe80::52", 8002},
                        {"Leaves", "goodbye", "fe80::53", 8003}};
        for (const auto &e : expected) {
            const QJsonObject o = byName.value(QString::fromLatin1(e.name));
            const QByteArray line = QJsonDocument(o).toJson(QJsonDocument::Compact);
            QVERIFY2(o.value(u"state"_s).toString() == QLatin1StringView(e.state),
                     line.constData());
            QVERIFY2(o.value(u"port"_s).toInt() == e.port, line.constData());
            QVERIFY2(o.value(u"type"_s).toString() == u"_http._tcp"_s, line.constData());
            QVERIFY2(o.value(u"addresses"_s).toArray().contains(QLatin1StringView(e.address)),
                     line.constData());
            QVERIFY2(o.value(u"announced_by"_s).toArray().size() == 1, line.constData());
        }
    }
};

MDNSCOPE_NETNS_TEST_GUILESS_MAIN(TestCliServicesLive)
#include "tst_cli_serviceslive.moc"

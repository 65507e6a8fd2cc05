// `mdnscope --read FILE --check OUT|-` (and `--headless --check`), run as the real executable on
// built captures: one finding per line with the keys in the documented order (a response-id
// line byte for byte), exit status 3 with an error finding and 0 with warnings only, the
// scorecard line, the summary on standard error matching the lines, a bad target (exit 1,
// nothing left), the option rules; and live, in the test's private network namespace, a built
// responder answering with IP TTL 64 and ID 0x1234 gets ip-ttl and response-id (exit 3).
#include "CaptureFileBuilder.h"
#include "CliRun.h"
#include "HeadlessRun.h"
#include "MdnsBuilder.h"
#include "MulticastSender.h"
#include "NetNamespace.h"

#include <QFile>
#include <QFileInfo>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QRegularExpression>
#include <QTemporaryDir>
#include <QTest>

using namespace Qt::StringLiterals;
using namespace MdnsBuilder;

namespace {

using Run = CliRun::Result;

const QString kInstance = u"Office Printer._ipp._tcp.local"_s;
const QString kHost = u"printer.local"_s;

QByteArray announce(quint16 id = 0)
{
    QByteArray m = response({with(ptr(u"_ipp._tcp.local"_s, kInstance), 4500, false),
                             with(srv(kInstance, 631, kHost), 120, true),
                             with(txt(kInstance, {"txtvers=1"}), 4500, true)},
                            {with(a(kHost, 0xA9FE0009), 120, true)});
    m[0] = char(id >> 8);
    m[1] = char(id & 0xFF);
    return m;
}

QByteArray frame(quint32 source, quint8 ttl, const QByteArray &payload)
{
    return FrameBuilder::ethernet(0x0800,
                                  FrameBuilder::udp4(source, 0xE00000FB, 5353, 5353, ttl, payload));
}

// 1: a conforming announcement from 169.254.0.1; 2 and 3 (10 s apart): 169.254.0.9 answers
// with ID 0x1234 and IP TTL 64 (response-id, an error; ip-ttl, a warning; each counted twice).
QByteArray errorCapture()
{
    PcapBuilder file(1);
    file.record(1'700'000'000, 0, frame(0xA9FE0001, 255, announce()));
    file.record(1'700'000'001, 250'000, frame(0xA9FE0009, 64, announce(0x1234)));
    file.record(1'700'000'011, 250'000, frame(0xA9FE0009, 64, announce(0x1234)));
    return file.bytes();
}

// One announcement with IP TTL 64: a warning only.
QByteArray warningCapture()
{
    PcapBuilder file(1);
    file.record(1'700'000'000, 0, frame(0xA9FE0001, 64, announce()));
    return file.bytes();
}

const QStringList kKeys{u"rule"_s,   u"severity"_s, u"level"_s,   u"reference"_s, u"time"_s,
                        u"source"_s, u"name"_s,     u"packets"_s, u"count"_s,     u"message"_s};
const QStringList kOtherKeys{u"other_source"_s, u"other_packets"_s};

// The finding lines (and the scorecard line, if any) of --check's output; fails the test on a
// line that is not one JSON object with the documented keys in order.
struct Output
{
    QList<QJsonObject> findings;
    QList<QByteArray> lines;
    QJsonObject scorecard;
};

void parse(const QByteArray &text, Output *out)
{
    QVERIFY(text.isEmpty() || text.endsWith('\n'));
    const QList<QByteArray> lines =
        text.isEmpty() ? QList<QByteArray>{} : text.chopped(1).split('\n');
    for (qsizetype i = 0; i < lines.size(); ++i) {
        const QByteArray &line = lines.at(i);
        QJsonParseError error;
        const QJsonObject o = QJsonDocument::fromJson(line, &error).object();
        QVERIFY2(error.error == QJsonParseError::NoError, line.constData());
        if (o.contains(u"scorecard"_s)) {
            QVERIFY2(i == lines.size() - 1, "the scorecard is the last line");
            QCOMPARE(o.size(), 1);
            out->scorecard = o;
            continue;
        }
        QStringList keys = kKeys;
        for (const QString &k : kOtherKeys) {
            if (o.contains(k))
                keys.append(k);
        }
        QVERIFY2(o.size() == keys.size(), line.constData());
        qsizetype at = 0;
        for (const QString &key : keys) {
            const qsizetype pos = line.indexOf(QByteArray("\"" + key.toUtf8() + "\":"), at);
            QVERIFY2(pos >= at, qPrintable(key + u" in "_s + QString::fromUtf8(line)));
            at = pos;
        }
        out->findings.append(o);
        out->lines.append(line);
    }
}

#define PARSE(text, out)                                                                           \
    do {                                                                                           \
        parse(text, out);                                                                          \
        if (QTest::currentTestFailed())                                                            \
            return;                                                                                \
    } while (false)

// The summary on standard error says what the lines say: findings per severity, then per
// severity and rule the findings and their occurrences.
void checkSummary(const QByteArray &err, const QList<QJsonObject> &findings)
{
    QMap<QString, int> bySeverity;
    QMap<QString, std::pair<int, qint64>> byRule; // "error response-id" -> findings, count
    for (const QJsonObject &f : findings) {
        const QString severity = f.value(u"severity"_s).toString();
        ++bySeverity[severity];
        auto &r = byRule[severity + u' ' + f.value(u"rule"_s).toString()];
        ++r.first;
        r.second += f.value(u"count"_s).toInteger();
    }
    const QString text = QString::fromUtf8(err);
    const QString head = u"mdnscope: conformance findings: %1 error, %2 warning, %3 info\n"_s
                             .arg(bySeverity.value(u"error"_s))
                             .arg(bySeverity.value(u"warning"_s))
                             .arg(bySeverity.value(u"info"_s));
    QVERIFY2(text.contains(head), qPrintable(text));
    for (auto it = byRule.cbegin(); it != byRule.cend(); ++it) {
        const QString line = u"mdnscope:   %1: %2 (%3)\n"_s.arg(it.key())
                                 .arg(it.value().first)
                                 .arg(it.value().second);
        QVERIFY2(text.contains(line), qPrintable(line + u" not in:\n"_s + text));
    }
    // No per-rule line the output does not have.
    static const QRegularExpression ruleLine(u"^mdnscope:   ((?:error|warning|info) [a-z-]+): "_s,
                                             QRegularExpression::MultilineOption);
    for (auto m = ruleLine.globalMatch(text); m.hasNext();) {
        const QString key = m.next().captured(1);
        QVERIFY2(byRule.contains(key), qPrintable(key));
    }
}

QJsonObject findingOf(const QList<QJsonObject> &findings, const QString &rule)
{
    for (const QJsonObject &f : findings) {
        if (f.value(u"rule"_s).toString() == rule)
            return f;
    }
    return {};
}

QByteArray lineOf(const Output &o, const QString &rule)
{
    for (qsizetype i = 0; i < o.findings.size(); ++i) {
        if (o.findings.at(i).value(u"rule"_s).toString() == rule)
            return o.lines.at(i);
    }
    return {};
}

} // namespace

class TestCliCheck : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void initTestCase()
    {
        QVERIFY(m_dir.isValid());
        QFile e(m_dir.filePath(u"errors.pcap"_s)), w(m_dir.filePath(u"warnings.pcap"_s));
        QVERIFY(e.open(QIODevice::WriteOnly) && e.write(errorCapture()) > 0);
        QVERIFY(w.open(QIODevice::WriteOnly) && w.write(warningCapture()) > 0);
    }

    void errorFindingExits3()
    {
        const Run r =
            CliRun::run({u"--read"_s, m_dir.filePath(u"errors.pcap"_s), u"--check"_s, u"-"_s});
        QVERIFY2(r.exitCode == 3, r.err.constData());
        Output o;
        PARSE(r.out, &o);
        QVERIFY(o.scorecard.isEmpty()); // only with --scorecard
        // The response-id line, byte for byte: packets are numbered from 1 as read.
        QCOMPARE(
            lineOf(o, u"response-id"_s),
            QByteArray(R"({"rule":"response-id","severity":"error","level":"MUST",)"
                       R"("reference":"RFC 6762 §18.1","time":"2023-11-14T22:13:21.250000000Z",)"
                       R"("source":"169.254.0.9","name":null,"packets":[2,3],"count":2,)"
                       R"("message":"response ID 0x1234; multicast responses must use ID 0"})"));
        const QJsonObject ttl = findingOf(o.findings, u"ip-ttl"_s);
        QCOMPARE(ttl.value(u"severity"_s).toString(), u"warning"_s);
        QCOMPARE(ttl.value(u"level"_s).toString(), u"SHOULD"_s);
        QCOMPARE(ttl.value(u"source"_s).toString(), u"169.254.0.9"_s);
        QCOMPARE(ttl.value(u"packets"_s).toArray(), (QJsonArray{2, 3}));
        QCOMPARE(ttl.value(u"count"_s).toInteger(), 2);
        QCOMPARE(ttl.value(u"message"_s).toString(),
                 u"IPv4 TTL 64; mDNS messages should be sent with 255"_s);
        // The conforming sender has no finding of the per-packet rules.
        for (const QJsonObject &f : o.findings) {
            if (f.value(u"source"_s).toString() == u"169.254.0.1"_s)
                QVERIFY2(f.value(u"severity"_s).toString() != u"error"_s,
                         QJsonDocument(f).toJson().constData());
        }
        checkSummary(r.err, o.findings);
        // The file's own summary line is still there.
        QVERIFY2(r.err.contains("3 mDNS packets"), r.err.constData());
    }

    void warningsOnlyExit0()
    {
        const QString out = m_dir.filePath(u"warnings.jsonl"_s);
        const Run r =
            CliRun::run({u"--read"_s, m_dir.filePath(u"warnings.pcap"_s), u"--check"_s, out});
        QVERIFY2(r.exitCode == 0, r.err.constData());
        QVERIFY(r.out.isEmpty()); // an output was asked for: no summary lines on stdout
        QFile f(out);
        QVERIFY(f.open(QIODevice::ReadOnly));
        Output o;
        PARSE(f.readAll(), &o);
        QVERIFY(!QFileInfo::exists(out + u".part"_s));
        const QJsonObject ttl = findingOf(o.findings, u"ip-ttl"_s);
        QCOMPARE(ttl.value(u"packets"_s).toArray(), QJsonArray{1});
        for (const QJsonObject &finding : o.findings)
            QVERIFY(finding.value(u"severity"_s).toString() != u"error"_s);
        checkSummary(r.err, o.findings);
    }

    void scorecardIsTheLastLine()
    {
        const Run r = CliRun::run({u"--read"_s, m_dir.filePath(u"errors.pcap"_s), u"--check"_s,
                                   u"-"_s, u"--scorecard"_s});
        QVERIFY2(r.exitCode == 3, r.err.constData());
        Output o;
        PARSE(r.out, &o);
        const QJsonArray rows = o.scorecard.value(u"scorecard"_s).toArray();
        QCOMPARE(rows.size(), 2); // 169.254.0.1 and 169.254.0.9
        QJsonObject bad;
        QJsonObject good;
        for (const QJsonValue &v : rows) {
            const QJsonObject row = v.toObject();
            const QStringList keys{u"host"_s,       u"addresses"_s,     u"interfaces"_s,
                                   u"packets"_s,    u"seen_starting"_s, u"header"_s,
                                   u"ports-ttl"_s,  u"records"_s,       u"probing"_s,
                                   u"announcing"_s, u"rates"_s,         u"conflicts"_s};
            QCOMPARE(row.keys().size(), keys.size());
            for (const QString &k : keys)
                QVERIFY2(row.contains(k), qPrintable(k));
            const QString address = row.value(u"addresses"_s).toArray().first().toString();
            (address == u"169.254.0.9"_s ? bad : good) = row;
        }
        // In the documented order.
        const QByteArray last = r.out.trimmed().split('\n').last();
        QVERIFY2(last.startsWith(R"({"scorecard":[{"host":)"), last.constData());
        QVERIFY(last.indexOf("\"seen_starting\"") < last.indexOf("\"header\""));
        QVERIFY(last.indexOf("\"header\"") < last.indexOf("\"ports-ttl\""));
        QVERIFY(last.indexOf("\"rates\"") < last.indexOf("\"conflicts\""));
        // 169.254.0.9 claims printer.local for its own address (its A record says so).
        QCOMPARE(bad.value(u"host"_s).toString(), kHost);
        QCOMPARE(bad.value(u"packets"_s).toInteger(), 2);
        QCOMPARE(bad.value(u"header"_s).toString(), u"fail"_s);    // response-id
        QCOMPARE(bad.value(u"ports-ttl"_s).toString(), u"warn"_s); // ip-ttl
        QCOMPARE(bad.value(u"seen_starting"_s).toBool(), false);
        QCOMPARE(bad.value(u"probing"_s).toString(), u"not-seen"_s); // never seen starting
        QCOMPARE(good.value(u"host"_s), QJsonValue(QJsonValue::Null));
        QCOMPARE(good.value(u"header"_s).toString(), u"pass"_s);
        QCOMPARE(good.value(u"ports-ttl"_s).toString(), u"pass"_s);
        QCOMPARE(good.value(u"interfaces"_s).toArray(), QJsonArray{});
    }

    void badTargetLeavesNothing()
    {
        const QString out = m_dir.filePath(u"no/such/dir/findings.jsonl"_s);
        const Run r =
            CliRun::run({u"--read"_s, m_dir.filePath(u"errors.pcap"_s), u"--check"_s, out});
        QCOMPARE(r.exitCode, 1); // 1 wins over 3
        QVERIFY2(r.err.contains(QByteArray("cannot write " + out.toUtf8())), r.err.constData());
        QVERIFY(!QFileInfo::exists(m_dir.filePath(u"no"_s)));
        QVERIFY(!r.err.contains("conformance findings"));
        // Not a capture file: nothing written, an existing target kept as it was.
        const QString kept = m_dir.filePath(u"kept.jsonl"_s);
        const QString bad = m_dir.filePath(u"bad.pcap"_s);
        QFile k(kept), b(bad);
        QVERIFY(k.open(QIODevice::WriteOnly) && k.write("old\n") == 4);
        k.close();
        QVERIFY(b.open(QIODevice::WriteOnly) && b.write("not a capture file") > 0);
        b.close();
        const Run r2 = CliRun::run({u"--read"_s, bad, u"--check"_s, kept});
        QCOMPARE(r2.exitCode, 1);
        QVERIFY(k.open(QIODevice::ReadOnly));
        QCOMPARE(k.readAll(), QByteArray("old\n"));
        QVERIFY(!QFileInfo::exists(kept + u".part"_s));
    }

    void optionRules()
    {
        const QString in = m_dir.filePath(u"errors.pcap"_s);
        const Run two = CliRun::run({u"--read"_s, in, u"--check"_s, u"-"_s, u"--json"_s, u"-"_s});
        QCOMPARE(two.exitCode, 2);
        QVERIFY2(two.err.contains("can write to standard output"), two.err.constData());
        const Run alone = CliRun::run({u"--read"_s, in, u"--scorecard"_s});
        QCOMPARE(alone.exitCode, 2);
        QVERIFY2(alone.err.contains("--scorecard needs --check"), alone.err.constData());
        const Run empty = CliRun::run({u"--read"_s, in, u"--check"_s, u""_s});
        QCOMPARE(empty.exitCode, 2);
        QVERIFY2(empty.err.contains("--check needs a file name"), empty.err.constData());
        const Run gui = CliRun::run({u"--check"_s, u"-"_s});
        QCOMPARE(gui.exitCode, 2);
        QVERIFY2(gui.err.contains("need --headless or --read"), gui.err.constData());
        const Run help = CliRun::run({u"--help"_s});
        QVERIFY(help.out.contains("--check <FILE>"));
        QVERIFY(help.out.contains("--scorecard"));
        QVERIFY(help.out.contains("3 --check reported an error finding"));
    }

    void headlessResponderWithTtl64AndId()
    {
        MDNSCOPE_REQUIRE_NETNS();
        QString error;
        QVERIFY2(NetNamespace::addVethPair(u"cka"_s, u"ckb"_s, &error), qPrintable(error));
        HeadlessRun run(QStringLiteral(MDNSCOPE_BINARY), QString(), u"ckb"_s);
        const QString out = m_dir.filePath(u"live.jsonl"_s);
        QVERIFY2(run.start({u"--family"_s, u"ipv4"_s, u"--duration"_s, u"4"_s, u"--check"_s, out,
                            u"--scorecard"_s},
                           20'000, &error),
                 qPrintable(error));
        MulticastSender::Options o;
        o.interfaceName = u"cka"_s;
        o.sourceAddress = NetNamespace::ipv4Address(u"cka"_s);
        o.ttl = 64;
        MulticastSender sender(o);
        QVERIFY2(sender.isOpen(), qPrintable(sender.errorString()));
        QVERIFY(sender.send(announce(0x1234)));
        QVERIFY(run.waitForExit(30'000));
        QVERIFY2(run.exitedNormally() && run.exitCode() == 3, qPrintable(run.output()));
        QFile f(out);
        QVERIFY(f.open(QIODevice::ReadOnly));
        Output lines;
        PARSE(f.readAll(), &lines);
        const QJsonObject id = findingOf(lines.findings, u"response-id"_s);
        const QJsonObject ttl = findingOf(lines.findings, u"ip-ttl"_s);
        QVERIFY2(!id.isEmpty() && !ttl.isEmpty(), qPrintable(run.output()));
        QCOMPARE(id.value(u"source"_s).toString(), o.sourceAddress);
        QCOMPARE(id.value(u"severity"_s).toString(), u"error"_s);
        QCOMPARE(id.value(u"packets"_s).toArray(), QJsonArray{1});
        QCOMPARE(ttl.value(u"source"_s).toString(), o.sourceAddress);
        QCOMPARE(ttl.value(u"message"_s).toString(),
                 u"IPv4 TTL 64; mDNS messages should be sent with 255"_s);
        const QJsonArray rows = lines.scorecard.value(u"scorecard"_s).toArray();
        QCOMPARE(rows.size(), 1);
        QCOMPARE(rows.first().toObject().value(u"interfaces"_s).toArray(), QJsonArray{u"ckb"_s});
        QVERIFY2(run.output().contains(u"conformance findings: "_s), qPrintable(run.output()));
        QVERIFY(NetNamespace::deleteLink(u"cka"_s, &error));
    }

private:
    QTemporaryDir m_dir;
};

MDNSCOPE_NETNS_TEST_GUILESS_MAIN(TestCliCheck)
#include "tst_cli_check.moc"

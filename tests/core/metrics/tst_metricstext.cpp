#include "MetricsSnapshot.h"
#include "MetricsText.h"

#include <QProcess>
#include <QRegularExpression>
#include <QStandardPaths>
#include <QTest>

#include <map>

using namespace Qt::StringLiterals;

// The Prometheus text exposition format of MetricsText: names by the naming rules, every family
// with HELP and TYPE, label values escaped, the per host and per type label sets bounded (the
// top N, the rest summed as "other"), and promtool's linter (when installed) accepting it.
class tst_MetricsText final : public QObject
{
    Q_OBJECT

    // name{labels} -> value, from the rendered text; each non-comment line must parse.
    static std::map<QString, QString> samples(const QByteArray &text, QString *bad)
    {
        static const QRegularExpression line(
            uR"(^([a-zA-Z_:][a-zA-Z0-9_:]*)(\{([a-zA-Z_][a-zA-Z0-9_]*="(\\.|[^"\\])*")(,[a-zA-Z_][a-zA-Z0-9_]*="(\\.|[^"\\])*")*\})? (\S+)$)"_s);
        std::map<QString, QString> out;
        for (const QByteArray &l : text.split('\n')) {
            if (l.isEmpty() || l.startsWith('#'))
                continue;
            const auto m = line.match(QString::fromUtf8(l));
            if (!m.hasMatch()) {
                *bad = QString::fromUtf8(l);
                return {};
            }
            out[m.captured(1) + m.captured(2)] = m.captured(7);
        }
        return out;
    }

    static MetricsSnapshot example()
    {
        MetricsSnapshot s;
        s.version = u"1.2.3"_s;
        s.elapsedSeconds = 12.5;
        s.packets = 1000;
        s.bytes = 123456;
        s.malformed = 7;
        s.truncated = 2;
        s.kernelDrops = 3;
        s.interfaces = 2;
        s.poolLeases = 1000;
        s.poolHits = 990;
        s.poolMisses = 10;
        s.poolInUse = 1;
        s.poolIdle = 9;
        s.allocationCounting = true;
        s.process = {500, 400, 65536, 32768};
        s.captureThread = {20, 10, 4096, 2048};
        s.hostsCounted = true;
        s.floodThreshold = 100;
        for (int i = 0; i < 5; ++i)
            s.hosts.append(
                {u"169.254.0.%1"_s.arg(i + 1), quint64(100 * (i + 1)), quint64(1000 * (i + 1))});
        s.directoryRuns = true;
        s.serviceTypes = {{u"_ipp._tcp"_s, 2}, {u"_http._tcp"_s, 0}, {u"_hap._tcp"_s, 5}};
        s.checkerRuns = true;
        s.findings = {{u"response-id"_s, u"error"_s, 2, 9}, {u"ttl-host"_s, u"warning"_s, 1, 4}};
        return s;
    }

private Q_SLOTS:
    void names_data()
    {
        QTest::addColumn<QByteArray>("name");
        QTest::addColumn<bool>("metric");
        QTest::addColumn<bool>("label");
        QTest::newRow("plain") << "mdnscope_packets_received_total"_ba << true << true;
        QTest::newRow("colon") << "job:rate5m"_ba << true << false;
        QTest::newRow("leading digit") << "5xx"_ba << false << false;
        QTest::newRow("dash") << "a-b"_ba << false << false;
        QTest::newRow("empty") << QByteArray() << false << false;
        QTest::newRow("reserved label") << "__name__"_ba << true << false;
        QTest::newRow("space") << "a b"_ba << false << false;
    }

    void names()
    {
        QFETCH(QByteArray, name);
        QFETCH(bool, metric);
        QFETCH(bool, label);
        QCOMPARE(MetricsText::isValidMetricName(name), metric);
        QCOMPARE(MetricsText::isValidLabelName(name), label);
    }

    void escaping()
    {
        QCOMPARE(MetricsText::escapeLabelValue(u"a\"b\\c\nd"), "a\\\"b\\\\c\\nd"_ba);
        QCOMPARE(MetricsText::escapeLabelValue(u"Büro-Drucker"), u"Büro-Drucker"_s.toUtf8());
        MetricsText t;
        t.family("x_total", MetricsText::Type::Counter, "line\\one\nline two");
        t.sample("x_total", quint64(18446744073709551615ull), {{"host", u"a\"b"}});
        t.family("g", MetricsText::Type::Gauge, "g");
        t.sample("g", 0.25);
        t.sample("g", std::numeric_limits<double>::infinity(), {{"k", u"inf"}});
        t.sample("g", std::numeric_limits<double>::quiet_NaN(), {{"k", u"nan"}});
        QCOMPARE(t.text(), "# HELP x_total line\\\\one\\nline two\n"
                           "# TYPE x_total counter\n"
                           "x_total{host=\"a\\\"b\"} 18446744073709551615\n"
                           "# HELP g g\n# TYPE g gauge\ng 0.25\ng{k=\"inf\"} +Inf\n"
                           "g{k=\"nan\"} NaN\n"_ba);
    }

    // Every sample belongs to a family declared just before it, with HELP and TYPE; counters
    // end in _total; each value is what the snapshot holds.
    void render()
    {
        const QByteArray text = MetricsText::render(example(), 3, 2);
        QString bad;
        const auto s = samples(text, &bad);
        QVERIFY2(bad.isEmpty(), qPrintable(bad));

        QByteArray family;
        QByteArray type;
        QSet<QByteArray> declared;
        for (const QByteArray &l : text.split('\n')) {
            if (l.startsWith("# HELP ")) {
                family = l.mid(7, l.indexOf(' ', 7) - 7);
                QVERIFY2(!declared.contains(family), family.constData()); // once
                declared.insert(family);
                QVERIFY(l.size() > 7 + family.size() + 1); // a text
            } else if (l.startsWith("# TYPE ")) {
                QVERIFY(l.startsWith(QByteArray("# TYPE " + family + ' ')));
                type = l.mid(8 + family.size());
                QVERIFY(type == "counter" || type == "gauge");
                QCOMPARE(family.endsWith("_total"), type == "counter");
            } else if (!l.isEmpty()) {
                QVERIFY2(l.startsWith(QByteArray(family + ' ')) ||
                             l.startsWith(QByteArray(family + '{')),
                         l.constData());
            }
        }

        QCOMPARE(s.at(u"mdnscope_packets_received_total"_s), u"1000"_s);
        QCOMPARE(s.at(u"mdnscope_received_bytes_total"_s), u"123456"_s);
        QCOMPARE(s.at(u"mdnscope_packets_malformed_total"_s), u"7"_s);
        QCOMPARE(s.at(u"mdnscope_packets_truncated_total"_s), u"2"_s);
        QCOMPARE(s.at(u"mdnscope_packets_kernel_dropped_total"_s), u"3"_s);
        QCOMPARE(s.at(u"mdnscope_pool_leases_total"_s), u"1000"_s);
        QCOMPARE(s.at(u"mdnscope_pool_hits_total"_s), u"990"_s);
        QCOMPARE(s.at(u"mdnscope_pool_misses_total"_s), u"10"_s);
        QCOMPARE(s.at(u"mdnscope_capture_elapsed_seconds"_s), u"12.5"_s);
        QCOMPARE(s.at(u"mdnscope_build_info{version=\"1.2.3\"}"_s), u"1"_s);
        QCOMPARE(s.at(u"mdnscope_allocations_total{scope=\"process\"}"_s), u"500"_s);
        QCOMPARE(s.at(u"mdnscope_allocations_total{scope=\"capture_thread\"}"_s), u"20"_s);
        QCOMPARE(s.at(u"mdnscope_allocated_bytes_total{scope=\"capture_thread\"}"_s), u"4096"_s);

        // Hosts: the top 3 by packets with their own label, the other two summed.
        QCOMPARE(s.at(u"mdnscope_host_packets_total{host=\"169.254.0.5\"}"_s), u"500"_s);
        QCOMPARE(s.at(u"mdnscope_host_packets_total{host=\"169.254.0.3\"}"_s), u"300"_s);
        QVERIFY(!s.contains(u"mdnscope_host_packets_total{host=\"169.254.0.2\"}"_s));
        QCOMPARE(s.at(u"mdnscope_host_packets_total{host=\"other\"}"_s), u"300"_s);
        QCOMPARE(s.at(u"mdnscope_host_bytes_total{host=\"other\"}"_s), u"3000"_s);
        QCOMPARE(s.at(u"mdnscope_hosts"_s), u"5"_s);
        QCOMPARE(s.at(u"mdnscope_flood_threshold_packets_per_second"_s), u"100"_s);

        // Types: the 2 with most live instances, the rest as "other".
        QCOMPARE(s.at(u"mdnscope_service_instances{type=\"_hap._tcp\"}"_s), u"5"_s);
        QCOMPARE(s.at(u"mdnscope_service_instances{type=\"_ipp._tcp\"}"_s), u"2"_s);
        QCOMPARE(s.at(u"mdnscope_service_instances{type=\"other\"}"_s), u"0"_s);

        QCOMPARE(s.at(u"mdnscope_findings{rule=\"response-id\",severity=\"error\"}"_s), u"2"_s);
        QCOMPARE(
            s.at(u"mdnscope_finding_occurrences_total{rule=\"ttl-host\",severity=\"warning\"}"_s),
            u"4"_s);
    }

    // What is not known is left out rather than reported as 0.
    void absentParts()
    {
        MetricsSnapshot s = example();
        s.allocationCounting = false;
        s.hostsCounted = false;
        s.directoryRuns = false;
        s.checkerRuns = false;
        const QByteArray text = MetricsText::render(s);
        QVERIFY(text.contains("mdnscope_allocation_counting 0\n"));
        for (const char *absent : {"mdnscope_allocations_total", "mdnscope_host_packets_total",
                                   "mdnscope_service_instances", "mdnscope_findings"})
            QVERIFY2(!text.contains(absent), absent);
        QVERIFY(text.contains("mdnscope_packets_received_total 1000\n"));
    }

    // Fewer hosts than the limit: no "other" series.
    void noOtherBelowTheLimit()
    {
        const QByteArray text = MetricsText::render(example(), 5, 3);
        QVERIFY(!text.contains("{host=\"other\"}"));
        QVERIFY(!text.contains("{type=\"other\"}"));
        QVERIFY(text.contains("mdnscope_host_packets_total{host=\"169.254.0.1\"} 100\n"));
        QVERIFY(text.contains("mdnscope_service_instances{type=\"_http._tcp\"} 0\n"));
    }

    // Prometheus's own linter reads it (`promtool check metrics`: names, units, HELP).
    void promtoolAccepts()
    {
        const QString promtool = QStandardPaths::findExecutable(u"promtool"_s);
        if (promtool.isEmpty())
            QSKIP("promtool is not installed (Debian package prometheus; scripts/install-deps.sh)");
        MetricsSnapshot s = example();
        s.hosts.append({u"Büro \"Drucker\"\n2"_s, 1, 1});
        QProcess p;
        p.start(promtool, {u"check"_s, u"metrics"_s});
        QVERIFY(p.waitForStarted(10000));
        p.write(MetricsText::render(s));
        p.closeWriteChannel();
        QVERIFY(p.waitForFinished(30000));
        const QByteArray out = p.readAllStandardOutput() + p.readAllStandardError();
        QVERIFY2(p.exitCode() == 0, out.constData());
        QVERIFY2(out.trimmed().isEmpty(), out.constData()); // no lint remark either
    }
};

QTEST_GUILESS_MAIN(tst_MetricsText)
#include "tst_metricstext.moc"

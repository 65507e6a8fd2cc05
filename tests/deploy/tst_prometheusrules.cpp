#include "MetricsSnapshot.h"
#include "MetricsText.h"

#include <QFile>
#include <QProcess>
#include <QRegularExpression>
#include <QStandardPaths>
#include <QTest>

using namespace Qt::StringLiterals;

// The example alerting rules shipped in deploy/prometheus/: `promtool check rules` accepts
// them, `promtool test rules` proves them on made-up series, and every metric they name is one
// mdnscope serves (MetricsText), so a renamed metric cannot leave the rules behind.
class tst_PrometheusRules final : public QObject
{
    Q_OBJECT

    static QString dir() { return QStringLiteral(MDNSCOPE_SOURCE_DIR "/deploy/prometheus"); }

    static void runPromtool(const QStringList &args)
    {
        const QString promtool = QStandardPaths::findExecutable(u"promtool"_s);
        if (promtool.isEmpty())
            QSKIP("promtool is not installed (Debian package prometheus; scripts/install-deps.sh)");
        QProcess p;
        p.setWorkingDirectory(dir());
        p.start(promtool, args);
        QVERIFY(p.waitForFinished(60000));
        const QByteArray out = p.readAllStandardOutput() + p.readAllStandardError();
        QCOMPARE(p.exitStatus(), QProcess::NormalExit);
        QVERIFY2(p.exitCode() == 0, out.constData());
        QVERIFY2(out.contains("SUCCESS"), out.constData());
    }

private Q_SLOTS:
    void checkRules() { runPromtool({u"check"_s, u"rules"_s, u"mdnscope-alerts.yml"_s}); }
    void testRules() { runPromtool({u"test"_s, u"rules"_s, u"mdnscope-alerts.test.yml"_s}); }

    void namesExist()
    {
        MetricsSnapshot s;
        s.allocationCounting = s.hostsCounted = s.directoryRuns = s.checkerRuns = true;
        const QByteArray served = MetricsText::render(s);
        for (const char *file : {"mdnscope-alerts.yml", "mdnscope-alerts.test.yml"}) {
            QFile f(dir() + u'/' + QLatin1StringView(file));
            QVERIFY2(f.open(QIODevice::ReadOnly), file);
            const QString text = QString::fromUtf8(f.readAll());
            static const QRegularExpression name(u"\\bmdnscope_[a-z_]+"_s);
            int names = 0;
            for (auto it = name.globalMatch(text); it.hasNext(); ++names) {
                const QByteArray metric = it.next().captured().toLatin1();
                QVERIFY2(served.contains(QByteArray("\n# TYPE " + metric + ' ')),
                         metric.constData());
            }
            QVERIFY(names >= 4);
        }
    }
};

QTEST_GUILESS_MAIN(tst_PrometheusRules)
#include "tst_prometheusrules.moc"

#include "CaptureFileReader.h"
#include "CheckerConsumer.h"
#include "ConformanceChecker.h"
#include "PacketPipeline.h"

#include <QDir>
#include <QFile>
#include <QTest>

using namespace Qt::StringLiterals;

// The checker over every capture of ../shared/corpus (third-party captures of real avahi and
// Apple responders, and negatives), read as --read reads them (the file reader, one pipeline,
// CheckerConsumer). Every `error` finding must be listed, with a one-line justification checked
// by hand against the packets (tshark -r FILE -V), in tests/data/conformance/FILE.errors.tsv
// (no file: no error expected), and every listed one must be reported: a rule that starts to
// misfire on real traffic, or stops seeing a real violation, fails here. On a difference the
// test prints the whole actual list in the file's format, ready to check and paste. The
// DNSCrypt-on-5353 capture must come out as malformed and as nothing else.
namespace {

const QString kCorpus = QStringLiteral(MDNSCOPE_SOURCE_DIR "/../shared/corpus");
const QString kExpected = QStringLiteral(MDNSCOPE_SOURCE_DIR "/tests/data/conformance");
const QString kNegative = u"NEG__ndpi__dnscrypt-v2-on-5353.pcap"_s;

struct Checked
{
    QList<Finding> findings;
    qint64 packets = 0;
    QString error;
};

Checked check(const QString &path)
{
    Checked out;
    const CaptureFileResult read = CaptureFileReader::readFile(path);
    if (read.error && read.packets.isEmpty() && read.format.isEmpty()) {
        out.error = read.error->reason;
        return out;
    }
    ConformanceChecker checker;
    CheckerConsumer consumer(checker);
    PacketPipeline pipeline;
    pipeline.addConsumer(consumer);
    if (!pipeline.push(read.packets) || !pipeline.finish()) {
        out.error = pipeline.errors().join(u"; "_s);
        return out;
    }
    out.packets = qint64(pipeline.packets());
    out.findings = checker.findings();
    return out;
}

// "rule\tsource\tname\tcount": what identifies an error finding in the expectations ("-" for
// no name).
QString keyOf(const Finding &f)
{
    return QString::fromLatin1(f.info().id) + u'\t' + f.source.toString() + u'\t' +
           (f.name.isEmpty() ? u"-"_s : f.name) + u'\t' + QString::number(f.count);
}

// The expectations: key -> justification. A missing file means none.
QMap<QString, QString> expectedErrors(const QString &capture, QString *problem)
{
    QMap<QString, QString> out;
    QFile f(kExpected + u'/' + capture + u".errors.tsv"_s);
    if (!f.exists())
        return out;
    if (!f.open(QIODevice::ReadOnly | QIODevice::Text)) {
        *problem = f.errorString();
        return out;
    }
    while (!f.atEnd()) {
        const QString line = QString::fromUtf8(f.readLine()).chopped(1);
        if (line.isEmpty() || line.startsWith(u'#'))
            continue;
        const QStringList fields = line.split(u'\t');
        if (fields.size() != 5 || fields.at(4).trimmed().isEmpty()) {
            *problem = u"not rule<TAB>source<TAB>name<TAB>count<TAB>justification: "_s + line;
            return out;
        }
        out.insert(fields.mid(0, 4).join(u'\t'), fields.at(4));
    }
    return out;
}

// The findings of a capture, per rule and severity, for the record (printed with -v2 or on a
// failure): "rule severity: findings (occurrences)".
QString tally(const QList<Finding> &findings)
{
    QMap<QString, std::pair<int, quint64>> by;
    for (const Finding &f : findings) {
        auto &t = by[QString::fromLatin1(f.info().id) + u' ' +
                     ConformanceRules::severityName(f.severity)];
        ++t.first;
        t.second += f.count;
    }
    QStringList parts;
    for (auto it = by.cbegin(); it != by.cend(); ++it)
        parts.append(u"%1: %2 (%3)"_s.arg(it.key()).arg(it.value().first).arg(it.value().second));
    return parts.isEmpty() ? u"no findings"_s : parts.join(u", "_s);
}

} // namespace

class TestConformanceCorpus : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void initTestCase()
    {
        if (!QDir(kCorpus).exists())
            QSKIP("../shared/corpus (third-party captures) is not present");
    }

    void errorsAreTheJustifiedOnes_data()
    {
        QTest::addColumn<QString>("capture");
        const QStringList files = QDir(kCorpus).entryList({u"*.pcap"_s, u"*.pcapng"_s, u"*.cap"_s},
                                                          QDir::Files, QDir::Name);
        QVERIFY(!files.isEmpty());
        for (const QString &file : files)
            QTest::newRow(qPrintable(file)) << file;
    }
    void errorsAreTheJustifiedOnes()
    {
        QFETCH(QString, capture);
        const Checked c = check(kCorpus + u'/' + capture);
        QVERIFY2(c.error.isEmpty(), qPrintable(c.error));
        qInfo("%s: %lld mDNS packets; %s", qPrintable(capture), c.packets,
              qPrintable(tally(c.findings)));

        QString problem;
        const QMap<QString, QString> expected = expectedErrors(capture, &problem);
        QVERIFY2(problem.isEmpty(), qPrintable(problem));
        QMap<QString, const Finding *> actual;
        for (const Finding &f : c.findings) {
            if (f.severity == Severity::Error)
                actual.insert(keyOf(f), &f);
        }
        QStringList unexpected, missing;
        for (auto it = actual.cbegin(); it != actual.cend(); ++it) {
            if (!expected.contains(it.key()))
                unexpected.append(it.key());
        }
        for (auto it = expected.cbegin(); it != expected.cend(); ++it) {
            if (!actual.contains(it.key()))
                missing.append(it.key());
        }
        if (!unexpected.isEmpty() || !missing.isEmpty()) {
            // The actual list in the file's format: check each against the packets, justify it
            // (or fix the rule), then paste it into tests/data/conformance/<capture>.errors.tsv.
            QStringList lines;
            for (auto it = actual.cbegin(); it != actual.cend(); ++it) {
                const Finding &f = *it.value();
                QStringList packets;
                for (quint64 n : f.packets.first)
                    packets.append(QString::number(n));
                lines.append(
                    it.key() + u'\t' +
                    expected.value(it.key(), u"TODO justify (packets %1: %2)"_s.arg(
                                                 packets.join(u','), f.messageText(false))));
            }
            qWarning("%s: error findings as reported now:\n%s", qPrintable(capture),
                     qPrintable(lines.join(u'\n')));
        }
        QVERIFY2(unexpected.isEmpty(),
                 qPrintable(u"reported, not listed: "_s + unexpected.join(u" | "_s)));
        QVERIFY2(missing.isEmpty(),
                 qPrintable(u"listed, not reported: "_s + missing.join(u" | "_s)));
    }

    // DNSCrypt v2 between two hosts on UDP 5353 is not mDNS: every datagram is malformed, and
    // no mDNS rule is judged on what the decoder made of its bytes.
    void dnscryptOn5353IsMalformedOnly()
    {
        const QString path = kCorpus + u'/' + kNegative;
        if (!QFile::exists(path))
            QSKIP("the DNSCrypt-on-5353 capture is not in ../shared/corpus");
        const Checked c = check(path);
        QVERIFY2(c.error.isEmpty(), qPrintable(c.error));
        QCOMPARE(c.packets, 6);
        quint64 malformed = 0;
        for (const Finding &f : c.findings) {
            // Its size is judged before anything else (a datagram is a datagram) but none of
            // these is large; every finding must be the decoder's fault.
            QVERIFY2(f.rule == Rule::Malformed,
                     qPrintable(QString::fromLatin1(f.info().id) + u": "_s + f.messageText(false)));
            QCOMPARE(f.severity, Severity::Error);
            malformed += f.count;
        }
        QCOMPARE(malformed, 6u);
    }
};

QTEST_GUILESS_MAIN(TestConformanceCorpus)
#include "tst_conformancecorpus.moc"

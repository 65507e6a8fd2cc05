// Packet numbers on the command line (issue #17): a file's packets are numbered as Wireshark
// numbers its frames (counting the frames mdnscope skips), in the lines --read prints, in
// --json's and --csv's `index` and in the display filter's frame.number, checked against
// tshark's frame.number where tshark is installed. And -Y's messages in German with --lang de.

#include "CliRun.h"
#include "MdnsCaptureFile.h"

#include <QJsonDocument>
#include <QJsonObject>
#include <QProcess>
#include <QStandardPaths>
#include <QTemporaryDir>
#include <QTest>

using namespace Qt::StringLiterals;

namespace {
constexpr int kPackets = 40;

QList<QByteArray> lines(const QByteArray &text)
{
    QList<QByteArray> out;
    for (const QByteArray &line : text.split('\n'))
        if (!line.trimmed().isEmpty())
            out.append(line.trimmed());
    return out;
}

// The first number of each line ("17  2023-...", "17,2023-...").
QList<quint32> leadingNumbers(const QByteArray &text, char separator)
{
    QList<quint32> out;
    for (const QByteArray &line : lines(text)) {
        const qsizetype end = line.indexOf(separator);
        out.append((end < 0 ? line : line.left(end)).toUInt());
    }
    return out;
}
} // namespace

class TestCliNumbers : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase()
    {
        QVERIFY(m_dir.isValid());
        m_file = m_dir.filePath(u"interleaved.pcapng"_s);
        QVERIFY(MdnsCaptureFile::write(m_file,
                                       MdnsCaptureFile::buildInterleaved(kPackets, &m_numbers)));
        QVERIFY(m_numbers.last() > quint32(kPackets));
    }

    void tsharkNumbersTheFramesAlike()
    {
        const QString tshark = QStandardPaths::findExecutable(u"tshark"_s);
        if (tshark.isEmpty())
            QSKIP("tshark is not installed");
        QProcess p;
        p.start(tshark, {u"-n"_s, u"-r"_s, m_file, u"-Y"_s, u"mdns"_s, u"-T"_s, u"fields"_s,
                         u"-e"_s, u"frame.number"_s});
        QVERIFY(p.waitForFinished(120'000));
        const QByteArray out = p.readAllStandardOutput();
        QVERIFY2(p.exitCode() == 0, p.readAllStandardError().constData());
        QCOMPARE(leadingNumbers(out, '\n'), m_numbers);
    }

    void summaryLinesJsonAndCsvShowFrameNumbers()
    {
        const auto summary = CliRun::run({u"--read"_s, m_file});
        QCOMPARE(summary.exitCode, 0);
        QCOMPARE(leadingNumbers(summary.out, ' '), m_numbers);

        const auto json = CliRun::run({u"--read"_s, m_file, u"--json"_s, u"-"_s});
        QCOMPARE(json.exitCode, 0);
        QList<quint32> indexes;
        for (const QByteArray &line : lines(json.out))
            indexes.append(
                quint32(QJsonDocument::fromJson(line).object().value(u"index"_s).toInteger()));
        QCOMPARE(indexes, m_numbers);

        const auto csv = CliRun::run({u"--read"_s, m_file, u"--csv"_s, u"-"_s});
        QCOMPARE(csv.exitCode, 0);
        QByteArray rows = csv.out;
        QVERIFY(rows.startsWith("index,"));
        rows.remove(0, rows.indexOf('\n') + 1);
        QCOMPARE(leadingNumbers(rows, ','), m_numbers);
    }

    void frameNumberFilterUsesFrameNumbers()
    {
        const quint32 wanted = m_numbers.at(7);
        const auto one = CliRun::run({u"--read"_s, m_file, u"-Y"_s,
                                      u"frame.number == %1"_s.arg(wanted), u"--json"_s, u"-"_s});
        QCOMPARE(one.exitCode, 0);
        const QList<QByteArray> found = lines(one.out);
        QCOMPARE(found.size(), 1);
        QCOMPARE(QJsonDocument::fromJson(found.at(0)).object().value(u"index"_s).toInteger(),
                 qint64(wanted));
        QVERIFY2(one.err.contains("1 of 40 packets matched"), one.err.constData());

        // A range over frames some of which are not mDNS: only the mDNS ones, with their numbers.
        const quint32 from = m_numbers.at(3), to = m_numbers.at(12);
        const auto range = CliRun::run(
            {u"--read"_s, m_file, u"-Y"_s, u"frame.number in {%1..%2}"_s.arg(from).arg(to)});
        QCOMPARE(range.exitCode, 0);
        QCOMPARE(leadingNumbers(range.out, ' '), m_numbers.mid(3, 10));

        // A frame that is not mDNS matches nothing.
        quint32 skipped = 1;
        while (m_numbers.contains(skipped))
            ++skipped;
        const auto none =
            CliRun::run({u"--read"_s, m_file, u"-Y"_s, u"frame.number == %1"_s.arg(skipped)});
        QCOMPARE(none.exitCode, 0);
        QVERIFY(none.out.isEmpty());
        QVERIFY2(none.err.contains("0 of 40 packets matched"), none.err.constData());
    }

    void filterMessagesInGerman()
    {
        const auto bad = CliRun::run(
            {u"--lang"_s, u"de"_s, u"--read"_s, m_file, u"-Y"_s, u"dns.qry.nam == \"x\""_s});
        QCOMPARE(bad.exitCode, 2);
        const QString err = QString::fromUtf8(bad.err);
        QVERIFY2(err.contains(u"„dns.qry.nam“ ist weder ein Feld noch ein Protokollname"_s) &&
                     err.contains(u"bei Zeichen 1"_s),
                 bad.err.constData());

        const auto matched = CliRun::run({u"--read"_s, m_file, u"--lang=de"_s, u"-Y"_s,
                                          u"frame.number == %1"_s.arg(m_numbers.at(0))});
        QCOMPARE(matched.exitCode, 0);
        QVERIFY2(
            QString::fromUtf8(matched.err).contains(u"1 von 40 Paketen passten auf den Filter"_s),
            matched.err.constData());
        // The output itself stays as it is in English (scripts read it).
        const auto english = CliRun::run(
            {u"--read"_s, m_file, u"-Y"_s, u"frame.number == %1"_s.arg(m_numbers.at(0))});
        QCOMPARE(matched.out, english.out);
        QVERIFY2(english.err.contains("1 of 40 packets matched the filter"),
                 english.err.constData());

        const auto needsRead =
            CliRun::run({u"--lang"_s, u"de"_s, u"--headless"_s, u"-Y"_s, u"udp"_s});
        QCOMPARE(needsRead.exitCode, 2);
        QVERIFY2(needsRead.err.contains("-Y braucht --read"), needsRead.err.constData());
    }

private:
    QTemporaryDir m_dir;
    QString m_file;
    QList<quint32> m_numbers;
};

QTEST_GUILESS_MAIN(TestCliNumbers)
#include "tst_cli_numbers.moc"

#include "CaptureFileReader.h"
#include "CliProcess.h"
#include "MdnsCaptureFile.h"
#include "TestFiles.h"

#include <QDir>
#include <QFileInfo>
#include <QRandomGenerator>
#include <QRegularExpression>
#include <QTemporaryDir>
#include <QTest>
#include <QThread>

using namespace Qt::StringLiterals;

// SIGINT, SIGTERM and SIGKILL at random points of a large --read export, over an existing
// target. INT/TERM: the run ends by itself (130/143) with a complete file of what was read
// and no .part; KILL: the existing target intact and TARGET.part the expected remnant,
// readable up to its last batch. A run that finished before the signal replaced the target
// with the whole export. The random delays come from a seed printed at the start
// (MDNSCOPE_SIGNAL_SEED repeats a run); every outcome is checked, none is timed.
namespace {

constexpr int kPackets = 150'000;

using TestFiles::readAll;
using TestFiles::writeFile;

// The number of packets of a complete export, or -1 when it is not complete.
qint64 completePackets(const QString &path, bool pcapng)
{
    if (pcapng) {
        const CaptureFileResult r = CaptureFileReader::readFile(path);
        return r.error ? -1 : r.packets.size();
    }
    const QByteArray csv = readAll(path);
    if (!csv.startsWith("index,") || !csv.endsWith('\n'))
        return -1;
    return csv.count('\n') - 1;
}

} // namespace

class TestCliExportSignals : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void initTestCase();
    void signalDuringExport_data();
    void signalDuringExport();

private:
    QTemporaryDir m_dir;
    QString m_input;
    QRandomGenerator m_random;
};

void TestCliExportSignals::initTestCase()
{
    QVERIFY(QFile::exists(CliProcess::binary()));
    QVERIFY(m_dir.isValid());
    m_input = m_dir.filePath(u"big.pcapng"_s);
    QVERIFY(MdnsCaptureFile::write(m_input, MdnsCaptureFile::build(kPackets, true)));
    bool ok = false;
    quint32 seed = qEnvironmentVariable("MDNSCOPE_SIGNAL_SEED").toUInt(&ok);
    if (!ok)
        seed = QRandomGenerator::global()->generate();
    qInfo("signal points from MDNSCOPE_SIGNAL_SEED=%u", seed);
    m_random.seed(seed);
}

void TestCliExportSignals::signalDuringExport_data()
{
    QTest::addColumn<int>("signal");
    QTest::addColumn<QString>("option");
    for (const auto &[name, signal] : {std::pair{"SIGINT", SIGINT}, std::pair{"SIGTERM", SIGTERM},
                                       std::pair{"SIGKILL", SIGKILL}})
        for (const char *option : {"--write", "--csv"})
            for (int point = 1; point <= 2; ++point)
                QTest::addRow("%s %s point %d", name, option, point)
                    << signal << QString::fromLatin1(option);
}

void TestCliExportSignals::signalDuringExport()
{
    QFETCH(int, signal);
    QFETCH(QString, option);
    const bool pcapng = option == u"--write"_s;
    QTemporaryDir dir;
    const QString target = dir.filePath(u"out"_s), part = target + u".part"_s;
    const QByteArray old = "the previous export\n";
    QVERIFY(writeFile(target, old));
    CliProcess run({u"--read"_s, m_input, option, target}, dir.filePath(u"err.txt"_s),
                   CliProcess::Stdout::Path, dir.filePath(u"stdout.txt"_s));
    QVERIFY(run.pid() > 0);
    // Once the .part exists the handlers are installed (they precede the outputs).
    while (!QFileInfo::exists(part) && !run.poll())
        QThread::msleep(1);
    const int delayMs = int(m_random.bounded(400));
    QThread::msleep(delayMs);
    const bool sent = run.signal(signal);
    QVERIFY(run.wait());
    const QByteArray err = run.err();
    qInfo("signal after %d ms; exit %d", delayMs, run.exitCode());

    if (!sent || run.exitCode() == 0) { // finished before the signal: the whole export
        QVERIFY2(run.exitCode() == 0, err.constData());
        QCOMPARE(completePackets(target, pcapng), kPackets);
        QVERIFY(!QFileInfo::exists(part));
        return;
    }
    if (signal == SIGKILL) {
        QVERIFY(run.killedBySignal());
        QCOMPARE(readAll(target), old);
        QVERIFY2(QFileInfo::exists(part), "after SIGKILL the .part file is the remnant");
        const QByteArray bytes = readAll(part);
        if (pcapng) { // readable up to the last batch; at worst a cut last block
            const CaptureFileResult r = CaptureFileReader::readFile(part);
            QVERIFY(bytes.isEmpty() || r.format == u"pcapng"_s);
            QVERIFY(r.packets.size() <= kPackets);
        } else {
            QVERIFY(bytes.isEmpty() || bytes.startsWith("index,"));
        }
        return;
    }
    QVERIFY2(!run.killedBySignal(), err.constData());
    QVERIFY2(run.exitCode() == 128 + signal, err.constData());
    QVERIFY(!QFileInfo::exists(part));
    const QRegularExpressionMatch m =
        QRegularExpression(u" (\\d+) mDNS packets"_s).match(QString::fromUtf8(err));
    QVERIFY2(m.hasMatch(), err.constData());
    QCOMPARE(completePackets(target, pcapng), m.captured(1).toLongLong());
    QCOMPARE(QDir(dir.path()).entryList(QDir::Files | QDir::Hidden),
             QStringList({u"err.txt"_s, u"out"_s, u"stdout.txt"_s}));
}

QTEST_GUILESS_MAIN(TestCliExportSignals)
#include "tst_cli_exportsignals.moc"

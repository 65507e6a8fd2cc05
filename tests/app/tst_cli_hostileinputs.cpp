#include "BoundedChild.h"
#include "CaptureFileReader.h"
#include "HostileInputs.h"
#include "OpenFileJob.h"

#include <QDir>
#include <QFile>
#include <QProcess>
#include <QRegularExpression>
#include <QSignalSpy>
#include <QStandardPaths>
#include <QTemporaryDir>
#include <QTest>

#include <csignal>
#include <sys/stat.h>

using namespace Qt::StringLiterals;
using HostileInputs::Case;

Q_DECLARE_METATYPE(HostileInputs::Case)

// The project's own adversarial suite: every input HostileInputs generates is read by
// `mdnscope --read` (summary lines, then --json - with --csv and --write files) under an
// address-space limit, and by the window's loader (OpenFileJob). For each: no crash, peak
// RSS bounded, the documented exit code, exactly one error line naming the offset and the
// reason (none for a good file), the packet count the generator expects in every output,
// and the record and mDNS packet counts tshark finds where tshark reads the file.
namespace {

constexpr qint64 kAddressSpace = qint64(3) << 30;
constexpr qint64 kMaxPeakRssKiB = 256 << 10;
constexpr int kTimeoutMs = 60000;

struct TsharkCounts
{
    bool read = false; // tshark read the whole file without an error
    qint64 records = 0;
    qint64 mdns = 0;
    QString why;
};

// What tshark sees: every frame, and the UDP datagrams to or from port 5353 whose IP and
// UDP headers hold (the ones mdnscope keeps), with IP reassembly on as mdnscope reads files.
TsharkCounts tshark(const QString &path)
{
    TsharkCounts t;
    const QString program = QStandardPaths::findExecutable(u"tshark"_s);
    if (program.isEmpty()) {
        t.why = u"tshark is not installed"_s;
        return t;
    }
    QProcess p;
    p.start(program, {u"-n"_s,
                      u"-r"_s,
                      path,
                      u"-o"_s,
                      u"ip.defragment:TRUE"_s,
                      u"-o"_s,
                      u"ipv6.defragment:TRUE"_s,
                      u"-T"_s,
                      u"fields"_s,
                      u"-E"_s,
                      u"occurrence=f"_s,
                      u"-e"_s,
                      u"udp.srcport"_s,
                      u"-e"_s,
                      u"udp.dstport"_s,
                      u"-e"_s,
                      u"udp.length"_s,
                      u"-e"_s,
                      u"ip.len"_s,
                      u"-e"_s,
                      u"ip.hdr_len"_s,
                      u"-e"_s,
                      u"ip.flags.mf"_s,
                      u"-e"_s,
                      u"ip.frag_offset"_s,
                      u"-e"_s,
                      u"ipv6.fraghdr.more"_s,
                      u"-e"_s,
                      u"ipv6.fraghdr.offset"_s,
                      u"-e"_s,
                      u"udp.checksum"_s});
    if (!p.waitForFinished(kTimeoutMs) || p.exitStatus() != QProcess::NormalExit) {
        t.why = u"tshark did not finish"_s;
        return t;
    }
    QByteArray err;
    for (const QByteArray &line : p.readAllStandardError().split('\n'))
        if (!line.contains("Running as user")) // tshark's warning under root
            err += line + ' ';
    if (p.exitCode() != 0 || err.contains("appears") || err.contains("isn't") ||
        err.contains("cut short")) {
        t.why = u"tshark does not read it: "_s + QString::fromUtf8(err).trimmed();
        return t;
    }
    for (const QByteArray &line : p.readAllStandardOutput().split('\n')) {
        if (line.isEmpty())
            continue;
        ++t.records;
        const QList<QByteArray> f = line.split('\t');
        const auto n = [&](int i) { return f.size() > i ? f[i].toLongLong() : 0; };
        // The whole UDP header captured: its last field is there.
        const bool set = f.size() > 9 && !f[0].isEmpty() && !f[9].isEmpty();
        const bool port = n(0) == 5353 || n(1) == 5353;
        const bool ipPayloadHolds = n(3) == 0 || n(3) - n(4) >= 8;
        // With reassembly on, tshark dissects UDP only in a frame that completes a datagram
        // (as mdnscope keeps it there), never in a lone fragment.
        if (set && port && n(2) >= 8 && ipPayloadHolds)
            ++t.mdns;
    }
    t.read = true;
    return t;
}

QList<QByteArray> lines(const QByteArray &text)
{
    QList<QByteArray> out = text.split('\n');
    out.removeAll(QByteArray());
    return out;
}

qint64 summaryCount(const QByteArray &err, const char *what)
{
    static const QRegularExpression packets(u"(\\d+) mDNS packets .* frames; skipped: \\d+ not "
                                            "UDP port 5353, (\\d+) malformed IP/UDP header"_s);
    const auto m = packets.match(QString::fromUtf8(err));
    if (!m.hasMatch())
        return -1;
    return m.captured(qstrcmp(what, "packets") == 0 ? 1 : 2).toLongLong();
}

} // namespace

class TestCliHostileInputs : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void initTestCase();
    void inputs_data();
    void inputs();
    void devZeroIsRefusedAtOnce();
    void fifoWithoutWriterStopsOnSignal();

private:
    QTemporaryDir m_dir;
    int m_tsharkCompared = 0;
};

void TestCliHostileInputs::initTestCase()
{
    QVERIFY(QFile::exists(QStringLiteral(MDNSCOPE_BINARY)));
    QVERIFY(m_dir.isValid());
}

void TestCliHostileInputs::inputs_data()
{
    QTest::addColumn<Case>("input");
    for (const Case &c : HostileInputs::all())
        QTest::newRow(qPrintable(c.name)) << c;
}

void TestCliHostileInputs::inputs()
{
    QFETCH(Case, input);
    const QString path = m_dir.filePath(u"input"_s);
    {
        QFile f(path);
        QVERIFY(f.open(QIODevice::WriteOnly | QIODevice::Truncate));
        QCOMPARE(f.write(input.bytes), input.bytes.size());
    }
    const QString pcapng = m_dir.filePath(u"out.pcapng"_s);
    const QString csv = m_dir.filePath(u"out.csv"_s);
    QFile::remove(pcapng);
    QFile::remove(csv);
    const QList<QStringList> runs{
        {u"--read"_s, path},
        {u"--read"_s, path, u"--json"_s, u"-"_s, u"--csv"_s, csv, u"--write"_s, pcapng}};
    const QString offsetText = u"offset %1:"_s.arg(input.errorOffset);
    for (const QStringList &args : runs) {
        const auto r =
            BoundedChild::run(QStringLiteral(MDNSCOPE_BINARY), args, kAddressSpace, kTimeoutMs);
        const QByteArray context = args.join(u' ').toUtf8() + "\n" + r.err;
        QVERIFY2(r.exited && !r.timedOut, context.constData()); // no crash, no hang
        QCOMPARE(r.exitCode, input.exitCode);
        QVERIFY2(r.peakRssKiB < kMaxPeakRssKiB, qPrintable(QString::number(r.peakRssKiB)));
        int errorLines = 0;
        for (const QByteArray &line : lines(r.err))
            if (line.contains("offset"))
                ++errorLines;
        if (input.errorOffset < 0) {
            QVERIFY2(errorLines == 0, context.constData());
        } else {
            QVERIFY2(errorLines == 1, context.constData());
            QVERIFY2(r.err.contains(offsetText.toUtf8()), context.constData());
            QVERIFY2(r.err.contains(input.reason.toUtf8()), context.constData());
        }
        // Each output holds the packets read (before a fault, too).
        const qint64 summary = summaryCount(r.err, "packets");
        const qint64 written = lines(r.out).size();
        if (input.packets >= 0) {
            QCOMPARE(written, input.packets);
            if (summary >= 0)
                QCOMPARE(summary, input.packets);
        }
        if (input.malformedHeaders >= 0)
            QCOMPARE(summaryCount(r.err, "malformed"), input.malformedHeaders);
        if (args.contains(u"--write"_s) && input.errorOffset >= 0 && summary == 0) {
            // Nothing read before the fault: the outputs are left as they were (absent).
            QVERIFY2(!QFile::exists(pcapng) && !QFile::exists(csv), context.constData());
        } else if (args.contains(u"--write"_s) && summary >= 0) {
            QCOMPARE(CaptureFileReader::readFile(pcapng).packets.size(), summary);
            QFile c(csv);
            QVERIFY(c.open(QIODevice::ReadOnly));
            QCOMPARE(c.readAll().count("\r\n"), summary + 1);
        }
    }

    // The window's loader: the same file, the same verdict.
    OpenFileJob job;
    QSignalSpy finished(&job, &OpenFileJob::finished);
    job.start(path);
    QVERIFY(finished.wait(kTimeoutMs));
    const auto opened = finished.at(0).at(0).value<std::shared_ptr<OpenedFile>>();
    QCOMPARE(opened->file.error.has_value(), input.errorOffset >= 0);
    if (opened->file.error) {
        QCOMPARE(opened->file.error->offset, input.errorOffset);
        QVERIFY2(opened->file.error->reason.contains(input.reason),
                 qPrintable(opened->file.error->reason));
    }
    if (input.packets >= 0)
        QCOMPARE(opened->file.packets.size(), input.packets);

    const TsharkCounts t = tshark(path);
    if (!t.read)
        QSKIP(qPrintable(u"no tshark comparison: "_s + t.why));
    if (input.errorOffset >= 0)
        QSKIP("corrupt for mdnscope (tshark reads some such files, e.g. an empty one, as empty)");
    QCOMPARE(qint64(opened->file.stats.records), t.records);
    QCOMPARE(qint64(opened->file.stats.packets), t.mdns);
}

void TestCliHostileInputs::devZeroIsRefusedAtOnce()
{
    // Before: read whole into memory until std::bad_alloc (SIGABRT, exit 134).
    const auto r = BoundedChild::run(QStringLiteral(MDNSCOPE_BINARY), {u"--read"_s, u"/dev/zero"_s},
                                     kAddressSpace, kTimeoutMs);
    QVERIFY2(r.exited && !r.timedOut, r.err.constData());
    QCOMPARE(r.exitCode, 1);
    QVERIFY2(r.err.contains("/dev/zero: at offset 0: not a pcap or pcapng file (unknown magic "
                            "number 0x00000000)"),
             r.err.constData());
    QVERIFY2(r.peakRssKiB < kMaxPeakRssKiB, qPrintable(QString::number(r.peakRssKiB)));
}

void TestCliHostileInputs::fifoWithoutWriterStopsOnSignal()
{
    // Before: blocked in open() for ever, deaf to SIGINT.
    const QString fifo = m_dir.filePath(u"fifo"_s);
    QVERIFY(::mkfifo(QFile::encodeName(fifo).constData(), 0600) == 0);
    QProcess p;
    p.start(QStringLiteral(MDNSCOPE_BINARY), {u"--read"_s, fifo});
    QVERIFY(p.waitForStarted());
    QByteArray err;
    QTRY_VERIFY_WITH_TIMEOUT((err += p.readAllStandardError())
                                 .contains("waiting for a writer on "
                                           "FIFO"),
                             kTimeoutMs);
    ::kill(pid_t(p.processId()), SIGINT);
    QVERIFY(p.waitForFinished(kTimeoutMs));
    QCOMPARE(p.exitStatus(), QProcess::NormalExit);
    QCOMPARE(p.exitCode(), 130);

    // And the window's loader: Cancel ends the wait.
    OpenFileJob job;
    QSignalSpy finished(&job, &OpenFileJob::finished);
    job.start(fifo);
    QTest::qWait(300);
    QVERIFY(finished.isEmpty());
    job.cancel();
    QVERIFY(finished.wait(kTimeoutMs));
    QVERIFY(finished.at(0).at(0).value<std::shared_ptr<OpenedFile>>()->file.cancelled);
}

QTEST_GUILESS_MAIN(TestCliHostileInputs)
#include "tst_cli_hostileinputs.moc"

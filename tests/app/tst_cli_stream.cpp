#include "MdnsCaptureFile.h"
#include "MulticastSender.h"
#include "NetNamespace.h"

#include <QElapsedTimer>
#include <QFile>
#include <QProcess>
#include <QRandomGenerator>
#include <QTemporaryDir>
#include <QTest>
#include <QtEndian>

#include <csignal>
#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

using namespace Qt::StringLiterals;

// Live streams through the real executable: `--read -` and `--read FIFO` decode a pcap / pcapng
// stream as it arrives, whatever pieces it comes in (the same packets as the file, and before the
// writer is done); a stream cut mid-block keeps what came and fails as a corrupt file does;
// `--headless --write -` streams pcapng to a pipe, ends with exit 0 and its figures once the
// reader goes away, and feeds `--read -` live (the capture ones in a private network namespace).
namespace {

constexpr int kTimeoutMs = 20'000;

QString binary()
{
    return QStringLiteral(MDNSCOPE_BINARY);
}

QList<QByteArray> lines(const QByteArray &text)
{
    QList<QByteArray> l = text.split('\n');
    if (!l.isEmpty() && l.last().isEmpty())
        l.removeLast();
    return l;
}

// Where each block (pcapng) or record (pcap) of a capture ends, the file header first.
QList<qsizetype> blockEnds(const QByteArray &file)
{
    QList<qsizetype> ends;
    const auto u32 = [&file](qsizetype at) {
        return qFromLittleEndian<quint32>(file.constData() + at);
    };
    const bool pcapng = u32(0) == 0x0a0d0d0a;
    qsizetype at = pcapng ? 0 : 24;
    if (!pcapng)
        ends.append(at);
    while (at + 16 <= file.size()) {
        at += pcapng ? qsizetype(u32(at + 4)) : 16 + qsizetype(u32(at + 8));
        ends.append(at);
    }
    return ends;
}

// `mdnscope ARGS` with the file's bytes on standard input.
struct Run
{
    int exitCode = -1;
    QByteArray out, err;
};

Run readFile(const QString &path, const QStringList &extra = {u"--json"_s, u"-"_s})
{
    QProcess p;
    p.start(binary(), QStringList{u"--read"_s, path} + extra);
    Run r;
    if (!p.waitForFinished(kTimeoutMs))
        return r;
    r.exitCode = p.exitStatus() == QProcess::NormalExit ? p.exitCode() : -2;
    r.out = p.readAllStandardOutput();
    r.err = p.readAllStandardError();
    return r;
}

// Writes `bytes` to the process in pieces: byte by byte up to `byteByByte`, then pieces of
// random length up to `maxPiece`, pausing now and then so the reader sees the pieces apart.
bool feedInPieces(QProcess &p, const QByteArray &bytes, qsizetype byteByByte, int maxPiece,
                  quint32 seed)
{
    QRandomGenerator random(seed);
    qsizetype at = 0;
    int pieces = 0;
    while (at < bytes.size()) {
        const qsizetype n = at < byteByByte ? 1 : 1 + random.bounded(maxPiece);
        const qsizetype take = std::min(n, bytes.size() - at);
        if (p.write(bytes.constData() + at, take) != take || !p.waitForBytesWritten(kTimeoutMs))
            return false;
        at += take;
        if (++pieces % 16 == 0)
            QTest::qWait(int(random.bounded(4)));
    }
    return true;
}

bool waitForLines(QProcess &p, QByteArray &out, qsizetype count, int timeoutMs)
{
    QElapsedTimer clock;
    clock.start();
    while (lines(out).size() < count && clock.elapsed() < timeoutMs) {
        p.waitForReadyRead(100);
        out += p.readAllStandardOutput();
    }
    return lines(out).size() >= count;
}

// True once a socket in this namespace has joined 224.0.0.251 (/proc/net/igmp is the
// namespace's).
bool waitForJoin(int timeoutMs)
{
    QElapsedTimer clock;
    clock.start();
    while (clock.elapsed() < timeoutMs) {
        QFile igmp(u"/proc/net/igmp"_s);
        if (igmp.open(QIODevice::ReadOnly) && igmp.readAll().contains("FB0000E0"))
            return true;
        QTest::qWait(10);
    }
    return false;
}

} // namespace

class tst_CliStream final : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase()
    {
        QVERIFY2(QFile::exists(binary()), qPrintable(binary()));
        QVERIFY(m_dir.isValid());
        for (const bool pcapng : {false, true}) {
            const QByteArray bytes = MdnsCaptureFile::build(120, pcapng);
            QVERIFY(MdnsCaptureFile::write(path(pcapng), bytes));
        }
        QList<quint32> numbers;
        QVERIFY(MdnsCaptureFile::write(m_dir.filePath(u"interleaved.pcapng"_s),
                                       MdnsCaptureFile::buildInterleaved(60, &numbers)));
    }

    void piecesGiveTheFilesPackets_data()
    {
        QTest::addColumn<QString>("file");
        QTest::addColumn<QStringList>("output");
        QTest::addColumn<int>("maxPiece");
        for (const QString &name : {u"c.pcap"_s, u"c.pcapng"_s, u"interleaved.pcapng"_s}) {
            const QByteArray n = name.toLatin1();
            QTest::addRow("%s json small pieces", n.constData())
                << name << QStringList{u"--json"_s, u"-"_s} << 7;
            QTest::addRow("%s json large pieces", n.constData())
                << name << QStringList{u"--json"_s, u"-"_s} << 700;
            QTest::addRow("%s summary lines", n.constData()) << name << QStringList{} << 90;
        }
    }

    // Block boundaries split anywhere: the first 700 bytes one at a time (every header and the
    // first blocks cut at every byte), then random pieces with pauses.
    void piecesGiveTheFilesPackets()
    {
        QFETCH(QString, file);
        QFETCH(QStringList, output);
        QFETCH(int, maxPiece);
        const QString full = m_dir.filePath(file);
        const Run reference = readFile(full, output);
        QCOMPARE(reference.exitCode, 0);
        QVERIFY(lines(reference.out).size() >= 60);

        QFile f(full);
        QVERIFY(f.open(QIODevice::ReadOnly));
        const QByteArray bytes = f.readAll();
        const quint32 seed = QRandomGenerator::global()->generate();
        QProcess p;
        p.start(binary(), QStringList{u"--read"_s, u"-"_s} + output);
        QVERIFY(p.waitForStarted(kTimeoutMs));
        QVERIFY2(feedInPieces(p, bytes, 700, maxPiece, seed), qPrintable(QString::number(seed)));
        p.closeWriteChannel();
        QVERIFY(p.waitForFinished(kTimeoutMs));
        const QByteArray err = p.readAllStandardError();
        QVERIFY2(p.exitStatus() == QProcess::NormalExit && p.exitCode() == 0, err.constData());
        const QByteArray out = p.readAllStandardOutput();
        QVERIFY2(out == reference.out, qPrintable(u"seed %1"_s.arg(seed)));
        // The final line counts as for the file, under the name "-".
        const QByteArray finalLine =
            "-: " + QByteArray::number(lines(reference.out).size()) + " mDNS packets";
        QVERIFY2(err.contains(finalLine), err.constData());
    }

    void packetsComeOutBeforeTheWriterEnds_data()
    {
        QTest::addColumn<bool>("fifo");
        QTest::addColumn<bool>("pcapng");
        QTest::addRow("stdin pcap") << false << false;
        QTest::addRow("stdin pcapng") << false << true;
        QTest::addRow("fifo pcapng") << true << true;
    }

    // Live: the packets written so far come out while the writer keeps the stream open, the
    // next one's first bytes waiting for the rest.
    void packetsComeOutBeforeTheWriterEnds()
    {
        QFETCH(bool, fifo);
        QFETCH(bool, pcapng);
        QFile f(path(pcapng));
        QVERIFY(f.open(QIODevice::ReadOnly));
        const QByteArray bytes = f.readAll();
        const QList<qsizetype> ends = blockEnds(bytes);
        // pcap: the file header, then a record per packet; pcapng: SHB, IDB, then an EPB each.
        const qsizetype firstPacket = pcapng ? 2 : 1;
        QCOMPARE(ends.size(), firstPacket + 120);
        const qsizetype firstCut = ends.at(firstPacket + 4) + 3; // 5 packets and 3 bytes

        QProcess p;
        const QString fifoPath = m_dir.filePath(u"live.fifo"_s);
        QFile fifoFile(fifoPath);
        if (fifo) {
            QFile::remove(fifoPath);
            QCOMPARE(::mkfifo(QFile::encodeName(fifoPath).constData(), 0600), 0);
            p.start(binary(), {u"--read"_s, fifoPath, u"--json"_s, u"-"_s});
            QVERIFY(fifoFile.open(QIODevice::WriteOnly | QIODevice::Unbuffered));
        } else {
            p.start(binary(), {u"--read"_s, u"-"_s, u"--json"_s, u"-"_s});
        }
        QVERIFY(p.waitForStarted(kTimeoutMs));
        const auto send = [&](qsizetype from, qsizetype to) {
            const QByteArray piece = bytes.mid(from, to - from);
            if (fifo)
                return fifoFile.write(piece) == piece.size();
            return p.write(piece) == piece.size() && p.waitForBytesWritten(kTimeoutMs);
        };
        QVERIFY(send(0, firstCut));
        QByteArray out;
        QVERIFY2(waitForLines(p, out, 5, kTimeoutMs), out.constData());
        QCOMPARE(p.state(), QProcess::Running); // the writer is still there
        QTest::qWait(100);
        out += p.readAllStandardOutput();
        QCOMPARE(lines(out).size(), 5); // the sixth is not complete
        QVERIFY(send(firstCut, ends.at(firstPacket + 59)));
        QVERIFY2(waitForLines(p, out, 60, kTimeoutMs),
                 QByteArray::number(lines(out).size()).constData());
        QVERIFY(send(ends.at(firstPacket + 59), bytes.size()));
        if (fifo)
            fifoFile.close();
        else
            p.closeWriteChannel();
        QVERIFY(p.waitForFinished(kTimeoutMs));
        out += p.readAllStandardOutput();
        QVERIFY2(p.exitCode() == 0, p.readAllStandardError().constData());
        QCOMPARE(out, readFile(path(pcapng)).out);
    }

    // A stream that stops mid-block: the packets before it come out, then the same error and
    // exit code as the file cut at the same byte.
    void streamEndingMidBlock()
    {
        QFile f(path(true));
        QVERIFY(f.open(QIODevice::ReadOnly));
        const QByteArray bytes = f.readAll();
        const QList<qsizetype> ends = blockEnds(bytes);
        const QByteArray cut = bytes.left(ends.at(2 + 6) + 20); // 7 packets, 20 bytes of the 8th
        const QString cutPath = m_dir.filePath(u"cut.pcapng"_s);
        QVERIFY(MdnsCaptureFile::write(cutPath, cut));
        const Run reference = readFile(cutPath);
        QCOMPARE(reference.exitCode, 1);

        QProcess p;
        p.start(binary(), {u"--read"_s, u"-"_s, u"--json"_s, u"-"_s});
        QVERIFY(p.waitForStarted(kTimeoutMs));
        QVERIFY(feedInPieces(p, cut, 0, 50, 7));
        p.closeWriteChannel();
        QVERIFY(p.waitForFinished(kTimeoutMs));
        QCOMPARE(p.exitCode(), reference.exitCode);
        const QByteArray out = p.readAllStandardOutput();
        QCOMPARE(lines(out).size(), 7);
        QCOMPARE(out, reference.out);
        const QList<QByteArray> errors = lines(p.readAllStandardError());
        QVERIFY(!errors.isEmpty());
        const QByteArray expected =
            "mdnscope: -: corrupt at offset " + QByteArray::number(ends.at(2 + 6)) + ": ";
        QVERIFY2(errors.last().startsWith(expected), errors.last().constData());
        QVERIFY2(errors.last().contains("ends"), errors.last().constData());
    }

    // Ctrl+C while the writer is silent (a remote capture with nothing to say) ends the reading
    // at once, as an interrupted --read: exit 130, the packets so far written.
    void signalEndsASilentStream()
    {
        QFile f(path(true));
        QVERIFY(f.open(QIODevice::ReadOnly));
        const QByteArray bytes = f.readAll();
        const QList<qsizetype> ends = blockEnds(bytes);
        QProcess p;
        p.start(binary(), {u"--read"_s, u"-"_s, u"--json"_s, u"-"_s});
        QVERIFY(p.waitForStarted(kTimeoutMs));
        QVERIFY(p.write(bytes.left(ends.at(2 + 2) + 5)) > 0); // 3 packets and 5 bytes
        QByteArray out;
        QVERIFY(waitForLines(p, out, 3, kTimeoutMs));
        QCOMPARE(p.state(), QProcess::Running);
        QCOMPARE(::kill(pid_t(p.processId()), SIGINT), 0);
        QVERIFY(p.waitForFinished(kTimeoutMs));
        out += p.readAllStandardOutput();
        const QByteArray err = p.readAllStandardError();
        QVERIFY2(p.exitStatus() == QProcess::NormalExit && p.exitCode() == 130, err.constData());
        QCOMPARE(lines(out).size(), 3);
        QVERIFY2(err.contains("-: interrupted; the outputs are complete and hold the 3 packets"),
                 err.constData());
    }

    // `--headless --write - | head -c 64`: once the reader is gone, the next batch ends the
    // capture with exit 0 and the final figures on standard error.
    void headlessStreamEndsWhenTheReaderGoes()
    {
        MDNSCOPE_REQUIRE_NETNS();
        const QString err = m_dir.filePath(u"headless.err"_s);
        const QString code = m_dir.filePath(u"headless.code"_s);
        QProcess shell;
        shell.start(u"/bin/sh"_s,
                    {u"-c"_s,
                     u"{ \"$0\" --headless --interface lo --write - 2>\"$1\"; echo $? "
                     u">\"$2\"; } | head -c 64 >/dev/null"_s,
                     binary(), err, code});
        QVERIFY(shell.waitForStarted(kTimeoutMs));
        QVERIFY(waitForJoin(kTimeoutMs));
        MulticastSender sender;
        QVERIFY2(sender.isOpen(), qPrintable(sender.errorString()));
        // head takes the first 64 bytes and exits; the packets after that meet a closed pipe.
        QElapsedTimer clock;
        clock.start();
        while (shell.state() == QProcess::Running && clock.elapsed() < kTimeoutMs) {
            QVERIFY(sender.sendNumbered("stream", 3));
            shell.waitForFinished(100);
        }
        QVERIFY(shell.state() == QProcess::NotRunning || shell.waitForFinished(kTimeoutMs));
        QFile errFile(err);
        QFile codeFile(code);
        QVERIFY(codeFile.open(QIODevice::ReadOnly));
        QVERIFY(errFile.open(QIODevice::ReadOnly));
        const QByteArray errText = errFile.readAll();
        QVERIFY2(codeFile.readAll().trimmed() == "0", errText.constData());
        QVERIFY2(errText.contains("the reader of standard output went away: capture ended after"),
                 errText.constData());
        QVERIFY2(errText.contains("packets received"), errText.constData());
        QVERIFY2(!errText.contains("Broken pipe") && !errText.contains("cannot write"),
                 errText.constData());
    }

    // `--headless --write - | --read - --json -`: the packets come out of the reader while the
    // capture still runs (it ends at --count), each exactly once.
    void headlessIntoRead()
    {
        MDNSCOPE_REQUIRE_NETNS();
        QProcess shell;
        shell.start(u"/bin/sh"_s, {u"-c"_s,
                                   u"\"$0\" --headless --interface lo --count 10 --write - | "
                                   u"\"$0\" --read - --json -"_s,
                                   binary()});
        QVERIFY(shell.waitForStarted(kTimeoutMs));
        QVERIFY(waitForJoin(kTimeoutMs));
        MulticastSender sender;
        QVERIFY(sender.sendNumbered("first", 4));
        QByteArray out;
        QVERIFY2(waitForLines(shell, out, 4, kTimeoutMs), shell.readAllStandardError().constData());
        QCOMPARE(shell.state(), QProcess::Running); // live: the capture waits for 6 more
        QCOMPARE(lines(out).size(), 4);
        QVERIFY(sender.sendNumbered("second", 6));
        QVERIFY(shell.waitForFinished(kTimeoutMs));
        out += shell.readAllStandardOutput();
        const QByteArray err = shell.readAllStandardError();
        QVERIFY2(shell.exitCode() == 0, err.constData());
        const QList<QByteArray> all = lines(out);
        QCOMPARE(all.size(), 10);
        QVERIFY(all.first().startsWith('{'));
        QVERIFY2(err.contains("-: 10 mDNS packets"), err.constData());
    }

private:
    QString path(bool pcapng) const { return m_dir.filePath(pcapng ? u"c.pcapng"_s : u"c.pcap"_s); }

    QTemporaryDir m_dir;
};

MDNSCOPE_NETNS_TEST_GUILESS_MAIN(tst_CliStream)
#include "tst_cli_stream.moc"

#include "CaptureController.h"
#include "CaptureStatusBar.h"
#include "MainWindow.h"
#include "MdnsCaptureFile.h"
#include "MessageBar.h"
#include "PacketDocument.h"
#include "PacketTableModel.h"

#include <QAction>
#include <QElapsedTimer>
#include <QFile>
#include <QSignalSpy>
#include <QStandardPaths>
#include <QTemporaryDir>
#include <QTest>
#include <QTimer>
#include <QtEndian>

#include <csignal>
#include <sys/stat.h>
#include <unistd.h>

using namespace Qt::StringLiterals;

// File → Open Stream… (MainWindow::openStream): a FIFO or a command's standard output read as a
// running capture. The packet list fills as the stream comes, a slow writer does not hold up
// the event loop, Stop ends the command, and a stream cut mid-block keeps its packets and says
// why it ended in the status bar.
namespace {
constexpr int kTimeoutMs = 20'000;

QString quoted(const QString &path)
{
    return u"'"_s + path + u"'"_s;
}

bool waitForState(MainWindow &w, CaptureController::State state, int timeoutMs)
{
    QElapsedTimer clock;
    clock.start();
    while (w.controller()->state() != state && clock.elapsed() < timeoutMs)
        QTest::qWait(10);
    return w.controller()->state() == state;
}

bool waitForRows(MainWindow &w, int rows, int timeoutMs)
{
    QElapsedTimer clock;
    clock.start();
    while (w.document()->packets()->rowCount() < rows && clock.elapsed() < timeoutMs)
        QTest::qWait(10);
    return w.document()->packets()->rowCount() >= rows;
}

// Gone, or a zombie waiting for a reaper (its parent, the shell, is gone too).
bool processGone(pid_t pid)
{
    if (::kill(pid, 0) != 0)
        return true;
    QFile stat(u"/proc/%1/stat"_s.arg(pid));
    if (!stat.open(QIODevice::ReadOnly))
        return true;
    const QByteArray text = stat.readAll();
    const qsizetype close = text.lastIndexOf(')');
    return close > 0 && text.mid(close + 2, 1) == "Z";
}

// Where each pcap record ends, the file header first.
QList<qsizetype> recordEnds(const QByteArray &pcap)
{
    QList<qsizetype> ends{24};
    qsizetype at = 24;
    while (at + 16 <= pcap.size()) {
        at += 16 + qsizetype(qFromLittleEndian<quint32>(pcap.constData() + at + 8));
        ends.append(at);
    }
    return ends;
}
} // namespace

class TestStreamWindow final : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase()
    {
        QStandardPaths::setTestModeEnabled(true);
        QVERIFY(m_dir.isValid());
        QVERIFY(MdnsCaptureFile::write(m_dir.filePath(u"thirty.pcapng"_s),
                                       MdnsCaptureFile::build(30, true)));
        const QByteArray pcap = MdnsCaptureFile::build(10);
        m_ends = recordEnds(pcap);
        QCOMPARE(m_ends.size(), 11);
        for (int i = 0; i < m_ends.size(); ++i) {
            const qsizetype from = i == 0 ? 0 : m_ends.at(i - 1);
            QVERIFY(MdnsCaptureFile::write(m_dir.filePath(u"piece%1"_s.arg(i)),
                                           pcap.mid(from, m_ends.at(i) - from)));
        }
    }

    // A command's output (cat of a file) fills the packet list; its end ends the capture.
    void commandFillsThePacketList()
    {
        MainWindow w;
        QVERIFY(w.openStream(u"cat "_s + quoted(m_dir.filePath(u"thirty.pcapng"_s))));
        QCOMPARE(w.controller()->state(), CaptureController::State::Capturing);
        QVERIFY(w.captureStatusBar()->stateText().contains(u"cat "_s));
        QVERIFY(waitForState(w, CaptureController::State::Idle, kTimeoutMs));
        QCOMPARE(w.document()->packets()->rowCount(), 30);
        QCOMPARE(w.document()->totalPackets(), quint64(30));
        QVERIFY(w.messageBar()->isHidden());
        QVERIFY2(!w.captureStatusBar()->currentMessage().contains(u"ended"_s),
                 qPrintable(w.captureStatusBar()->currentMessage()));
        const QString summary =
            w.document()->packets()->index(1, PacketTableModel::SummaryColumn).data().toString();
        QVERIFY2(summary.contains(u"_http._tcp"_s), qPrintable(summary));
    }

    // A FIFO opened before its writer: the packets come when it writes.
    void fifoFillsThePacketList()
    {
        const QString fifo = m_dir.filePath(u"window.fifo"_s);
        QCOMPARE(::mkfifo(QFile::encodeName(fifo).constData(), 0600), 0);
        MainWindow w;
        QVERIFY(w.openStream(fifo));
        QTest::qWait(200); // no writer yet: still capturing, nothing shown
        QCOMPARE(w.controller()->state(), CaptureController::State::Capturing);
        QFile writer(fifo);
        QVERIFY(writer.open(QIODevice::WriteOnly | QIODevice::Unbuffered));
        QFile source(m_dir.filePath(u"thirty.pcapng"_s));
        QVERIFY(source.open(QIODevice::ReadOnly));
        QVERIFY(writer.write(source.readAll()) > 0);
        QVERIFY(waitForRows(w, 30, kTimeoutMs));
        QCOMPARE(w.controller()->state(), CaptureController::State::Capturing);
        writer.close();
        QVERIFY(waitForState(w, CaptureController::State::Idle, kTimeoutMs));
        QCOMPARE(w.document()->packets()->rowCount(), 30);
    }

    // "-" (mdnscope -): standard input, here a pipe the test writes the capture into.
    void standardInputFillsThePacketList()
    {
        QFile source(m_dir.filePath(u"thirty.pcapng"_s));
        QVERIFY(source.open(QIODevice::ReadOnly));
        const QByteArray bytes = source.readAll();
        int fds[2] = {-1, -1};
        QCOMPARE(::pipe(fds), 0);
        const int savedStdin = ::dup(STDIN_FILENO);
        QVERIFY(savedStdin >= 0);
        QCOMPARE(::dup2(fds[0], STDIN_FILENO), STDIN_FILENO);
        ::close(fds[0]);
        MainWindow w;
        const bool opened = w.openStream(u"-"_s);
        ::dup2(savedStdin, STDIN_FILENO); // the job read a copy of its own
        ::close(savedStdin);
        QVERIFY(opened);
        QVERIFY(w.captureStatusBar()->stateText().contains(u"standard input"_s));
        QCOMPARE(::write(fds[1], bytes.constData(), size_t(bytes.size())), ssize_t(bytes.size()));
        QVERIFY(waitForRows(w, 30, kTimeoutMs));
        QCOMPARE(w.controller()->state(), CaptureController::State::Capturing);
        ::close(fds[1]);
        QVERIFY(waitForState(w, CaptureController::State::Idle, kTimeoutMs));
        QCOMPARE(w.document()->packets()->rowCount(), 30);
    }

    // A packet every 200 ms: they appear one by one while a 20 ms timer keeps firing (the
    // reading is off the GUI thread).
    void slowWriterDoesNotStallTheGui()
    {
        QString command;
        for (int i = 0; i < m_ends.size(); ++i) {
            if (i > 0)
                command += u"; sleep 0.2; "_s;
            command += u"cat "_s + quoted(m_dir.filePath(u"piece%1"_s.arg(i)));
        }
        MainWindow w;
        QElapsedTimer sinceTick;
        qint64 longestGap = 0;
        int ticks = 0;
        QTimer timer;
        timer.setInterval(20);
        connect(&timer, &QTimer::timeout, this, [&] {
            longestGap = std::max(longestGap, sinceTick.restart());
            ++ticks;
        });
        QList<int> seen; // rows shown at each tick where they changed
        connect(&timer, &QTimer::timeout, this, [&] {
            const int rows = w.document()->packets()->rowCount();
            if (seen.isEmpty() || seen.last() != rows)
                seen.append(rows);
        });
        QVERIFY(w.openStream(command));
        sinceTick.start();
        timer.start();
        QVERIFY(waitForState(w, CaptureController::State::Idle, kTimeoutMs));
        timer.stop();
        QCOMPARE(w.document()->packets()->rowCount(), 10);
        // About 2 s of stream: the timer fired all along, never held for a writer's pause.
        QVERIFY2(ticks >= 20, qPrintable(QString::number(ticks)));
        QVERIFY2(longestGap < 1000, qPrintable(QString::number(longestGap)));
        // Live: the rows came in several steps, not all at the end.
        QVERIFY2(seen.size() >= 4, qPrintable(QString::number(seen.size())));
    }

    // Stop closes the stream and ends the command (its sleep does not run on).
    void stopEndsTheCommand()
    {
        const QString pidFile = m_dir.filePath(u"pid"_s);
        MainWindow w;
        QVERIFY(w.openStream(u"cat "_s + quoted(m_dir.filePath(u"thirty.pcapng"_s)) +
                             u"; sleep 60 & echo $! > "_s + quoted(pidFile) + u"; wait"_s));
        QVERIFY(waitForRows(w, 30, kTimeoutMs));
        QElapsedTimer clock;
        clock.start();
        while (!QFile::exists(pidFile) && clock.elapsed() < kTimeoutMs)
            QTest::qWait(10);
        QTest::qWait(50);
        QFile f(pidFile);
        QVERIFY(f.open(QIODevice::ReadOnly));
        const pid_t sleeper = pid_t(f.readAll().trimmed().toInt());
        QVERIFY(sleeper > 0);
        QCOMPARE(w.controller()->state(), CaptureController::State::Capturing);
        QVERIFY(w.startStopAction()->isEnabled());
        w.startStopAction()->trigger(); // Stop
        QVERIFY(waitForState(w, CaptureController::State::Idle, kTimeoutMs));
        QCOMPARE(w.document()->packets()->rowCount(), 30);
        clock.restart();
        while (!processGone(sleeper) && clock.elapsed() < kTimeoutMs)
            QTest::qWait(10);
        QVERIFY(processGone(sleeper)); // the whole command is gone
        QVERIFY(!w.captureStatusBar()->currentMessage().contains(u"ended"_s));
    }

    // Cut in the eighth packet's record: seven packets, and the reason in the status bar.
    void streamCutMidBlock()
    {
        QString command = u"cat"_s;
        for (int i = 0; i < 8; ++i)
            command += u" "_s + quoted(m_dir.filePath(u"piece%1"_s.arg(i)));
        command += u"; head -c 20 "_s + quoted(m_dir.filePath(u"piece8"_s));
        MainWindow w;
        QVERIFY(w.openStream(command));
        QVERIFY(waitForState(w, CaptureController::State::Idle, kTimeoutMs));
        QCOMPARE(w.document()->packets()->rowCount(), 7);
        const QString message = w.captureStatusBar()->currentMessage();
        QVERIFY2(message.startsWith(u"The stream ended: at offset %1"_s.arg(m_ends.at(7))),
                 qPrintable(message));
    }

    // A command that fails says why (its standard error), and nothing is shown.
    void failingCommandSaysWhy()
    {
        MainWindow w;
        QVERIFY(w.openStream(u"echo 'no route to host pi' >&2; exit 255"_s));
        QVERIFY(waitForState(w, CaptureController::State::Idle, kTimeoutMs));
        QCOMPARE(w.document()->packets()->rowCount(), 0);
        const QString message = w.captureStatusBar()->currentMessage();
        QVERIFY2(message.contains(u"no route to host pi"_s), qPrintable(message));
        QVERIFY2(message.contains(u"255"_s), qPrintable(message));
    }

    // The menu item is there and off while a stream runs.
    void menuHasOpenStream()
    {
        MainWindow w;
        QVERIFY(w.openStreamAction()->isEnabled());
        QVERIFY(w.openStream(u"cat "_s + quoted(m_dir.filePath(u"thirty.pcapng"_s))));
        // While it runs, no second stream.
        if (w.controller()->state() == CaptureController::State::Capturing)
            QVERIFY(!w.openStreamAction()->isEnabled());
        QVERIFY(waitForState(w, CaptureController::State::Idle, kTimeoutMs));
        QVERIFY(w.openStreamAction()->isEnabled());
    }

private:
    QTemporaryDir m_dir;
    QList<qsizetype> m_ends;
};

QTEST_MAIN(TestStreamWindow)
#include "tst_streamwindow.moc"

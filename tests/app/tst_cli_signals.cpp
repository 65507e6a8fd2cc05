#include "CaptureFileReader.h"
#include "MdnsCaptureFile.h"
#include "MulticastSender.h"
#include "NetNamespace.h"

#include <QDeadlineTimer>
#include <QFile>
#include <QJsonDocument>
#include <QJsonObject>
#include <QProcess>
#include <QRegularExpression>
#include <QStandardPaths>
#include <QTemporaryDir>
#include <QTest>
#include <QThread>
#include <QtEndian>

#include <cerrno>
#include <csignal>
#include <fcntl.h>
#include <spawn.h>
#include <sys/ioctl.h>
#include <sys/resource.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

extern char **environ;

using namespace Qt::StringLiterals;

// The command line's streaming and signals, on the real executable: --headless writes while
// capturing in bounded memory, into TARGET.part files that are readable after SIGKILL; two or
// three SIGINTs while --headless or --read finish lose nothing. Children are started with
// posix_spawn and watched through /proc, so each one's own peak RSS is known.
namespace {

QString binary()
{
    return QStringLiteral(MDNSCOPE_BINARY);
}

// One mdnscope process with stdout and stderr in files.
class Child final
{
public:
    Child(const QStringList &args, const QString &dir)
        : m_out(dir + u"/stdout.txt"_s)
        , m_err(dir + u"/stderr.txt"_s)
    {
        QList<QByteArray> bytes{QFile::encodeName(binary())};
        for (const QString &a : args)
            bytes << a.toLocal8Bit();
        std::vector<char *> argv;
        for (QByteArray &b : bytes)
            argv.push_back(b.data());
        argv.push_back(nullptr);
        posix_spawn_file_actions_t actions;
        posix_spawn_file_actions_init(&actions);
        posix_spawn_file_actions_addopen(&actions, STDOUT_FILENO,
                                         QFile::encodeName(m_out).constData(),
                                         O_WRONLY | O_CREAT | O_TRUNC, 0644);
        posix_spawn_file_actions_addopen(&actions, STDERR_FILENO,
                                         QFile::encodeName(m_err).constData(),
                                         O_WRONLY | O_CREAT | O_TRUNC, 0644);
        if (posix_spawn(&m_pid, argv[0], &actions, nullptr, argv.data(), environ) != 0)
            m_pid = -1;
        posix_spawn_file_actions_destroy(&actions);
    }
    ~Child()
    {
        if (m_pid > 0 && !m_exited) {
            ::kill(m_pid, SIGKILL);
            ::waitpid(m_pid, nullptr, 0);
        }
    }
    Q_DISABLE_COPY_MOVE(Child)

    pid_t pid() const { return m_pid; }
    bool signal(int s) const { return m_pid > 0 && !m_exited && ::kill(m_pid, s) == 0; }

    // True once the process's socket has joined 224.0.0.251.
    bool waitForJoin(int timeoutMs)
    {
        QDeadlineTimer deadline(timeoutMs);
        while (!deadline.hasExpired() && m_pid > 0 && !exited()) {
            QFile igmp(u"/proc/%1/net/igmp"_s.arg(m_pid));
            if (igmp.open(QIODevice::ReadOnly) && igmp.readAll().contains("FB0000E0")) {
                QThread::msleep(100); // joining is the last step; let the receive loop start
                return true;
            }
            QThread::msleep(10);
        }
        return false;
    }
    bool exited()
    {
        if (m_exited)
            return true;
        // The peak is the kernel's high-water mark of the process's own memory since exec
        // (VmHWM), read while it lives: wait4's ru_maxrss would also count the test's own
        // memory, which posix_spawn's child shares (CLONE_VM) until it execs.
        m_maxRssKb = std::max(m_maxRssKb, highWaterKb());
        if (::wait4(m_pid, &m_status, WNOHANG, nullptr) == m_pid)
            m_exited = true;
        return m_exited;
    }
    bool waitForExit(int timeoutMs)
    {
        QDeadlineTimer deadline(timeoutMs);
        while (!exited() && !deadline.hasExpired())
            QThread::msleep(5);
        return m_exited;
    }
    bool exitedNormally() const { return m_exited && WIFEXITED(m_status); }
    int exitCode() const { return WIFEXITED(m_status) ? WEXITSTATUS(m_status) : -1; }
    long maxRssKb() const { return m_maxRssKb; }
    QByteArray err() const { return readAll(m_err); }

    static QByteArray readAll(const QString &path)
    {
        QFile f(path);
        return f.open(QIODevice::ReadOnly) ? f.readAll() : QByteArray();
    }

private:
    long highWaterKb() const
    {
        QFile status(u"/proc/%1/status"_s.arg(m_pid));
        if (!status.open(QIODevice::ReadOnly))
            return 0;
        for (const QByteArray &line : status.readAll().split('\n'))
            if (line.startsWith("VmHWM:"))
                return line.mid(6).trimmed().split(' ').value(0).toLong();
        return 0;
    }

    QString m_out, m_err;
    pid_t m_pid = -1;
    int m_status = 0;
    bool m_exited = false;
    long m_maxRssKb = 0;
};

// A FIFO the test opens first and reads only when it wants to, so that mdnscope blocks
// writing into it: a run that is certainly still finishing when the next signals come.
class StalledFifo final
{
public:
    explicit StalledFifo(const QString &path)
        : m_path(path)
    {
        if (::mkfifo(QFile::encodeName(path).constData(), 0600) == 0)
            m_fd = ::open(QFile::encodeName(path).constData(), O_RDONLY | O_NONBLOCK | O_CLOEXEC);
    }
    ~StalledFifo()
    {
        if (m_fd >= 0)
            ::close(m_fd);
    }
    Q_DISABLE_COPY_MOVE(StalledFifo)
    bool isOpen() const { return m_fd >= 0; }
    // True once the writer has filled most of the pipe (so it blocks on the next write).
    bool waitUntilFull(int timeoutMs) const
    {
        QDeadlineTimer deadline(timeoutMs);
        for (int queued = 0; !deadline.hasExpired(); QThread::msleep(5)) {
            if (::ioctl(m_fd, FIONREAD, &queued) == 0 && queued >= 32 * 1024)
                return true;
        }
        return false;
    }
    // Reads until the writer closed its end (or the child is gone).
    QByteArray drain(Child &child, int timeoutMs)
    {
        QByteArray all;
        char buf[1 << 16];
        QDeadlineTimer deadline(timeoutMs);
        while (!deadline.hasExpired()) {
            const ssize_t n = ::read(m_fd, buf, sizeof buf);
            if (n > 0) {
                all.append(buf, n);
                continue;
            }
            if (n == 0 && child.exited()) // no writer left and none to come
                break;
            QThread::msleep(2);
        }
        return all;
    }

private:
    QString m_path;
    int m_fd = -1;
};

QList<QByteArray> lines(const QByteArray &text)
{
    QList<QByteArray> l = text.split('\n');
    if (!l.isEmpty() && l.last().isEmpty())
        l.removeLast();
    return l;
}

qint64 statsPackets(const QString &path)
{
    return QJsonDocument::fromJson(Child::readAll(path)).object().value(u"packets"_s).toInteger(-1);
}

// Every line a complete JSON object.
bool allJson(const QList<QByteArray> &objects)
{
    for (const QByteArray &line : objects) {
        if (!QJsonDocument::fromJson(line).isObject())
            return false;
    }
    return true;
}

} // namespace

class TestCliSignals : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void initTestCase() { QVERIFY2(QFile::exists(binary()), qPrintable(binary())); }
    void headlessMemoryBounded();
    void partReadableAfterSigkill();
    void headlessWriteAloneKeepsEveryDatagram();
    void headlessRepeatedSignals_data();
    void headlessRepeatedSignals();
    void readRepeatedSignals_data();
    void readRepeatedSignals();

private:
    // Peak RSS (KiB) of a headless capture of `datagrams` datagrams of 1000 bytes written to
    // pcapng and JSON Lines, stopped by SIGINT once they are sent; -1 on failure.
    long headlessPeakRss(int datagrams, QString *why);
};

long TestCliSignals::headlessPeakRss(int datagrams, QString *why)
{
    QTemporaryDir dir;
    Child child({u"--headless"_s, u"--interface"_s, u"lo"_s, u"--write"_s,
                 dir.filePath(u"m.pcapng"_s), u"--json"_s, dir.filePath(u"m.jsonl"_s),
                 u"--stats-json"_s, dir.filePath(u"s.json"_s)},
                dir.path());
    if (!child.waitForJoin(10000)) {
        *why = u"no join: "_s + QString::fromUtf8(child.err());
        return -1;
    }
    MulticastSender sender;
    if (!sender.sendNumbered(QByteArray(996, 'm'), datagrams)) {
        *why = sender.errorString();
        return -1;
    }
    QThread::msleep(200); // let the last datagrams in before the stop
    child.signal(SIGINT);
    if (!child.waitForExit(60000) || child.exitCode() != 0) {
        *why = u"no clean exit: "_s + QString::fromUtf8(child.err());
        return -1;
    }
    const qint64 packets = statsPackets(dir.filePath(u"s.json"_s));
    const auto back = CaptureFileReader::readFile(dir.filePath(u"m.pcapng"_s));
    if (packets <= 0 || back.error || back.packets.size() != packets) {
        *why = u"written %1 of %2 packets"_s.arg(back.packets.size()).arg(packets);
        return -1;
    }
    qInfo("%d datagrams sent, %lld captured and written, peak RSS %ld KiB", datagrams,
          qlonglong(packets), child.maxRssKb());
    return child.maxRssKb();
}

// Writing while capturing: ten times the packets must not take much more memory (the whole
// capture kept until exit took 380 MB for 300,000 datagrams of 1000 bytes).
void TestCliSignals::headlessMemoryBounded()
{
    MDNSCOPE_REQUIRE_NETNS();
    QString why;
    const long small = headlessPeakRss(30'000, &why);
    QVERIFY2(small > 0, qPrintable(why));
    const long large = headlessPeakRss(300'000, &why);
    QVERIFY2(large > 0, qPrintable(why));
    QVERIFY2(
        large <= 2 * small,
        qPrintable(u"peak RSS %1 KiB for 300,000 vs %2 KiB for 30,000"_s.arg(large).arg(small)));
}

// The capture's data is in TARGET.part as it arrives: after SIGKILL every packet written so
// far reads back (tshark where installed), and the target itself is untouched.
void TestCliSignals::partReadableAfterSigkill()
{
    MDNSCOPE_REQUIRE_NETNS();
    QTemporaryDir dir;
    const QString pcapng = dir.filePath(u"x.pcapng"_s);
    const QString json = dir.filePath(u"x.jsonl"_s);
    const QString csv = dir.filePath(u"x.csv"_s);
    {
        QFile old(pcapng); // an older capture at the target stays as it is
        QVERIFY(old.open(QIODevice::WriteOnly));
        old.write("older capture");
    }
    Child child({u"--headless"_s, u"--interface"_s, u"lo"_s, u"--write"_s, pcapng, u"--json"_s,
                 json, u"--csv"_s, csv},
                dir.path());
    QVERIFY2(child.waitForJoin(10000), child.err().constData());
    constexpr int kPackets = 500;
    MulticastSender sender;
    QVERIFY(sender.sendNumbered(QByteArray(200, 'k'), kPackets));

    // Wait until every packet is in all three .part files, then kill without warning.
    const auto complete = [&] {
        return CaptureFileReader::readFile(pcapng + u".part"_s).packets.size() == kPackets &&
               lines(Child::readAll(json + u".part"_s)).size() == kPackets &&
               Child::readAll(csv + u".part"_s).count("\r\n") == kPackets + 1;
    };
    QTRY_VERIFY_WITH_TIMEOUT(complete(), 10000);
    QVERIFY(child.signal(SIGKILL));
    QVERIFY(child.waitForExit(10000));
    QVERIFY(!child.exitedNormally());

    QCOMPARE(Child::readAll(pcapng), QByteArray("older capture"));
    QVERIFY(!QFile::exists(json));
    QVERIFY(!QFile::exists(csv));
    const QString tshark = QStandardPaths::findExecutable(u"tshark"_s);
    if (!tshark.isEmpty()) {
        QProcess t;
        t.start(tshark, {u"-r"_s, pcapng + u".part"_s});
        QVERIFY(t.waitForFinished(60000));
        QVERIFY2(t.exitCode() == 0, t.readAllStandardError().constData());
        QCOMPARE(lines(t.readAllStandardOutput()).size(), kPackets);
    }
    const auto back = CaptureFileReader::readFile(pcapng + u".part"_s);
    QVERIFY(!back.error);
    QCOMPARE(back.packets.size(), kPackets);
    QVERIFY(allJson(lines(Child::readAll(json + u".part"_s))));
    QVERIFY(Child::readAll(csv + u".part"_s).startsWith("index,time,"));
}

// `--headless --write F` alone decodes nothing (no output needs a decoded message): every
// datagram, well-formed or not, is still in F as it came, in order, once the capture stops.
void TestCliSignals::headlessWriteAloneKeepsEveryDatagram()
{
    MDNSCOPE_REQUIRE_NETNS();
    QTemporaryDir dir;
    const QString pcapng = dir.filePath(u"alone.pcapng"_s);
    Child child({u"--headless"_s, u"--interface"_s, u"lo"_s, u"--write"_s, pcapng}, dir.path());
    QVERIFY2(child.waitForJoin(10000), child.err().constData());
    constexpr int kJunk = 2000;
    const QByteArray query = QByteArray::fromHex("000000000001000000000000" // a PTR query
                                                 "056c6f63616c00000c0001"); // for local
    MulticastSender sender;
    QVERIFY(sender.send(query));
    QVERIFY(sender.sendNumbered(QByteArray(120, 'j'), kJunk)); // not DNS: malformed
    QVERIFY(sender.send(query));
    QThread::msleep(300); // the last datagrams in before the stop
    QVERIFY(child.signal(SIGTERM));
    QVERIFY(child.waitForExit(20000));
    QCOMPARE(child.exitCode(), 0);
    QVERIFY(!QFile::exists(pcapng + u".part"_s));
    const auto back = CaptureFileReader::readFile(pcapng);
    QVERIFY(!back.error);
    QCOMPARE(back.packets.size(), kJunk + 2);
    QCOMPARE(back.packets.constFirst().data, query);
    QCOMPARE(back.packets.constLast().data, query);
    for (int i = 0; i < kJunk; ++i) {
        const QByteArray &data = back.packets.at(i + 1).data;
        QCOMPARE(data.size(), 124);
        QCOMPARE(qFromBigEndian<quint32>(data.constData() + 120), quint32(i));
    }
}

void TestCliSignals::headlessRepeatedSignals_data()
{
    QTest::addColumn<int>("signals");
    QTest::newRow("two SIGINTs") << 2;
    QTest::newRow("three SIGINTs") << 3;
}

// The first SIGINT stops the capture; the next ones, while it is still writing (blocked on a
// FIFO nobody reads yet), only say so: every packet the capture counted is in both outputs.
void TestCliSignals::headlessRepeatedSignals()
{
    MDNSCOPE_REQUIRE_NETNS();
    QFETCH(int, signals);
    QTemporaryDir dir;
    const QString pcapng = dir.filePath(u"h.pcapng"_s);
    const QString stats = dir.filePath(u"s.json"_s);
    StalledFifo fifo(dir.filePath(u"h.jsonl"_s));
    QVERIFY(fifo.isOpen());
    Child child({u"--headless"_s, u"--interface"_s, u"lo"_s, u"--write"_s, pcapng, u"--json"_s,
                 dir.filePath(u"h.jsonl"_s), u"--stats-json"_s, stats},
                dir.path());
    QVERIFY2(child.waitForJoin(10000), child.err().constData());
    MulticastSender sender;
    QVERIFY(sender.sendNumbered(QByteArray(400, 'q'), 20'000)); // far more than a FIFO holds
    QVERIFY(fifo.waitUntilFull(10000));
    for (int i = 0; i < signals; ++i) {
        QVERIFY(child.signal(SIGINT));
        QThread::msleep(50);
    }
    const QByteArray jsonLines = fifo.drain(child, 60000);
    QVERIFY(child.waitForExit(60000));
    QVERIFY(child.exitedNormally());
    const QByteArray err = child.err();
    QVERIFY2(child.exitCode() == 0, err.constData());
    QCOMPARE(err.count("finishing, "), signals - 1);

    const qint64 counted = statsPackets(stats);
    QVERIFY2(counted > 0, err.constData());
    const auto back = CaptureFileReader::readFile(pcapng);
    QVERIFY(!back.error);
    QCOMPARE(back.packets.size(), counted);
    const QList<QByteArray> objects = lines(jsonLines);
    QCOMPARE(objects.size(), counted);
    QVERIFY(allJson(objects));
    QVERIFY(!QFile::exists(pcapng + u".part"_s));
}

void TestCliSignals::readRepeatedSignals_data()
{
    headlessRepeatedSignals_data();
}

// --read interrupted: the outputs are complete files holding exactly the packets the count
// line reports (fewer than the file has), the further signals print the finishing line, and
// the exit code says a signal ended the run (130).
void TestCliSignals::readRepeatedSignals()
{
    QFETCH(int, signals);
    QTemporaryDir dir;
    constexpr int kInFile = 100'000;
    const QString big = dir.filePath(u"big.pcapng"_s);
    QVERIFY(MdnsCaptureFile::write(big, MdnsCaptureFile::build(kInFile, true)));
    const QString pcapng = dir.filePath(u"r.pcapng"_s);
    StalledFifo fifo(dir.filePath(u"r.jsonl"_s));
    QVERIFY(fifo.isOpen());
    Child child({u"--read"_s, big, u"--write"_s, pcapng, u"--json"_s, dir.filePath(u"r.jsonl"_s)},
                dir.path());
    QVERIFY(child.pid() > 0);
    QVERIFY(fifo.waitUntilFull(10000)); // writing, so the handlers are in place, and blocked
    for (int i = 0; i < signals; ++i) {
        QVERIFY(child.signal(SIGINT));
        QThread::msleep(50);
    }
    const QByteArray jsonLines = fifo.drain(child, 60000);
    QVERIFY(child.waitForExit(60000));
    QVERIFY(child.exitedNormally());
    const QByteArray err = child.err();
    QVERIFY2(child.exitCode() == 130, err.constData());
    QCOMPARE(err.count("finishing, "), signals - 1);
    QVERIFY2(err.contains("interrupted"), err.constData());

    const QRegularExpressionMatch m =
        QRegularExpression(u" (\\d+) mDNS packets"_s).match(QString::fromUtf8(err));
    QVERIFY2(m.hasMatch(), err.constData());
    const qint64 reported = m.captured(1).toLongLong();
    QVERIFY(reported > 0 && reported < kInFile);
    const auto back = CaptureFileReader::readFile(pcapng);
    QVERIFY(!back.error);
    QCOMPARE(back.packets.size(), reported);
    const QList<QByteArray> objects = lines(jsonLines);
    QCOMPARE(objects.size(), reported);
    QVERIFY(allJson(objects));
    QVERIFY(!QFile::exists(pcapng + u".part"_s));
}

MDNSCOPE_NETNS_TEST_GUILESS_MAIN(TestCliSignals)
#include "tst_cli_signals.moc"

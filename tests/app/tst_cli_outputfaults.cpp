#include "CliProcess.h"
#include "MdnsCaptureFile.h"
#include "NetNamespace.h"
#include "TestFiles.h"

#include <QDir>
#include <QFileInfo>
#include <QTemporaryDir>
#include <QTest>

#include <cerrno>
#include <cstring>
#include <sched.h>
#include <sys/mount.h>
#include <sys/stat.h>
#include <sys/sysmacros.h>

using namespace Qt::StringLiterals;

// Adversarial faults of the command line's outputs, on the real executable, each a table:
// every kind of target (read-only and full file systems, a missing folder, a directory,
// device copies made with mknod, a FIFO, symbolic links) for --write, --json, --csv,
// --services and --stats-json; a full, closed or broken standard output for every output that can
// use it; inputs that fail before their first packet with an existing target; bad arguments. The
// real /dev/null and /dev/full are never written. Mounts and device nodes need root (a
// private mount namespace of this process); those rows are skipped with the reason.
namespace {

enum class Target {
    ReadOnlyFs,
    MissingDir,
    FullFs,
    Directory,
    DevNull,
    DevFull,
    Fifo,
    Symlink,
    DanglingSymlink
};

using TestFiles::readAll;
using TestFiles::writeFile;

bool isCharDevice(const QString &path)
{
    struct stat st
    {};
    return ::lstat(QFile::encodeName(path).constData(), &st) == 0 && S_ISCHR(st.st_mode);
}

bool isFifo(const QString &path)
{
    struct stat st
    {};
    return ::lstat(QFile::encodeName(path).constData(), &st) == 0 && S_ISFIFO(st.st_mode);
}

bool makeDevice(const QString &path, unsigned minor) // a copy of /dev/null (3) or /dev/full (7)
{
    return ::mknod(QFile::encodeName(path).constData(), S_IFCHR | 0666, makedev(1, minor)) == 0;
}

QString errnoText(int e)
{
    return QString::fromLocal8Bit(strerror(e));
}

// Lines of stderr that are errors (not the count line, not "listening").
QList<QByteArray> errorLines(const QByteArray &err)
{
    QList<QByteArray> out;
    for (const QByteArray &line : err.split('\n'))
        if (!line.isEmpty() && !line.contains(" mDNS packets (") && !line.contains("listening"))
            out << line;
    return out;
}

} // namespace

class TestCliOutputFaults : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void initTestCase();
    void cleanupTestCase();
    void targets_data();
    void targets();
    void standardOutput_data();
    void standardOutput();
    void failsBeforeFirstPacket_data();
    void failsBeforeFirstPacket();
    void badArguments_data();
    void badArguments();

private:
    QString path(const QString &name) const { return m_dir.filePath(name); }
    QTemporaryDir m_dir;
    QString m_input;     // a small pcapng of mDNS packets
    QString m_readOnly;  // a read-only tmpfs, or empty
    QString m_full;      // a 64 KiB tmpfs, or empty
    QString m_mountSkip; // why the tmpfs rows are skipped
};

void TestCliOutputFaults::initTestCase()
{
    QVERIFY(QFile::exists(CliProcess::binary()));
    QVERIFY(m_dir.isValid());
    m_input = path(u"in.pcapng"_s);
    QVERIFY(MdnsCaptureFile::write(m_input, MdnsCaptureFile::build(3000, true)));
    // A private mount namespace: the tiny file systems vanish with the process and the
    // children (spawned from this thread) see them.
    if (::getuid() != 0) {
        m_mountSkip = u"not root: no tmpfs mounts"_s;
        return;
    }
    if (::unshare(CLONE_NEWNS) != 0 ||
        ::mount("none", "/", nullptr, MS_REC | MS_PRIVATE, nullptr) != 0) {
        m_mountSkip = u"no private mount namespace: "_s + errnoText(errno);
        return;
    }
    const QString ro = path(u"ro"_s), full = path(u"full"_s);
    QVERIFY(QDir().mkpath(ro) && QDir().mkpath(full));
    if (::mount("mdnscope-ro", QFile::encodeName(ro).constData(), "tmpfs", 0, "size=64k") != 0 ||
        ::mount("mdnscope-full", QFile::encodeName(full).constData(), "tmpfs", 0, "size=64k") !=
            0) {
        m_mountSkip = u"cannot mount a tmpfs: "_s + errnoText(errno);
        return;
    }
    QVERIFY(writeFile(ro + u"/old.out"_s, "the previous export\n"));
    QCOMPARE(::mount(nullptr, QFile::encodeName(ro).constData(), nullptr, MS_REMOUNT | MS_RDONLY,
                     nullptr),
             0);
    m_readOnly = ro;
    m_full = full;
}

void TestCliOutputFaults::cleanupTestCase()
{
    for (const QString &m : {m_readOnly, m_full})
        if (!m.isEmpty())
            ::umount2(QFile::encodeName(m).constData(), MNT_DETACH);
}

void TestCliOutputFaults::targets_data()
{
    QTest::addColumn<QString>("option");
    QTest::addColumn<int>("target");
    const std::pair<const char *, Target> targets[] = {
        {"read-only fs", Target::ReadOnlyFs},
        {"missing dir", Target::MissingDir},
        {"full fs", Target::FullFs},
        {"directory", Target::Directory},
        {"dev/null copy", Target::DevNull},
        {"dev/full copy", Target::DevFull},
        {"fifo", Target::Fifo},
        {"symlink", Target::Symlink},
        {"dangling symlink", Target::DanglingSymlink}};
    for (const char *option : {"--write", "--json", "--csv", "--services", "--stats-json"})
        for (const auto &[name, target] : targets) {
            if (target == Target::FullFs && std::strcmp(option, "--stats-json") == 0)
                continue; // the statistics object fits any file system the test can fill
            QTest::newRow(QByteArray(QByteArray(option) + ' ' + name).constData())
                << QString::fromLatin1(option) << int(target);
        }
}

// Each target: the documented exit code, one error line naming the path and the reason, a
// device or FIFO still what it was, an existing file intact on failure, no .part left.
void TestCliOutputFaults::targets()
{
    QFETCH(QString, option);
    QFETCH(int, target);
    const bool stats = option == u"--stats-json"_s;
    if (stats)
        MDNSCOPE_REQUIRE_NETNS();
    const QString tag = QString::fromLatin1(QTest::currentDataTag()).replace(u' ', u'_');
    QTemporaryDir dir;
    QString out;
    QByteArray old = "the previous export\n";
    QString reason; // in the error line; empty when the run must succeed
    QString linkTarget;
    switch (Target(target)) {
    case Target::ReadOnlyFs:
        if (m_readOnly.isEmpty())
            QSKIP(qPrintable(m_mountSkip));
        out = m_readOnly + u"/old.out"_s;
        // QSaveFile (--stats-json) checks the existing file first and says so
        reason = stats ? u"not writable"_s : errnoText(EROFS);
        break;
    case Target::MissingDir:
        out = dir.filePath(u"no/such/dir/x.out"_s);
        reason = errnoText(ENOENT);
        break;
    case Target::FullFs:
        if (m_full.isEmpty())
            QSKIP(qPrintable(m_mountSkip));
        out = m_full + u"/"_s + tag;
        reason = errnoText(ENOSPC);
        break;
    case Target::Directory:
        out = dir.filePath(u"adir"_s);
        QVERIFY(QDir().mkpath(out));
        reason = u"directory"_s;
        break;
    case Target::DevNull:
    case Target::DevFull:
        if (::getuid() != 0)
            QSKIP("not root: cannot mknod a copy of /dev/null or /dev/full");
        out = dir.filePath(u"dev"_s);
        QVERIFY(makeDevice(out, Target(target) == Target::DevNull ? 3 : 7));
        if (Target(target) == Target::DevFull)
            reason = errnoText(ENOSPC);
        break;
    case Target::Fifo:
        out = dir.filePath(u"fifo"_s);
        QVERIFY(::mkfifo(QFile::encodeName(out).constData(), 0644) == 0);
        break;
    case Target::Symlink:
    case Target::DanglingSymlink:
        linkTarget = dir.filePath(u"real.out"_s);
        out = dir.filePath(u"link.out"_s);
        if (Target(target) == Target::Symlink)
            QVERIFY(writeFile(linkTarget, old));
        QVERIFY(QFile::link(linkTarget, out));
        break;
    }

    // A FIFO needs a reader: cat drains it into a file.
    std::unique_ptr<CliProcess> drain;
    QStringList args =
        stats ? QStringList{u"--headless"_s, u"--interface"_s, u"lo"_s, u"--duration"_s, u"0.2"_s}
              : QStringList{u"--read"_s, m_input};
    args << option << out;
    CliProcess run(args, dir.filePath(u"err.txt"_s), CliProcess::Stdout::Path,
                   dir.filePath(u"stdout.txt"_s));
    QByteArray fromFifo;
    if (Target(target) == Target::Fifo) {
        QFile fifo(out);
        QVERIFY(fifo.open(QIODevice::ReadOnly));
        fromFifo = fifo.readAll();
    }
    QVERIFY(run.wait());
    const QByteArray err = run.err();
    const QList<QByteArray> errors = errorLines(err);
    if (reason.isEmpty()) {
        QVERIFY2(run.exitCode() == 0, err.constData());
        QVERIFY2(errors.isEmpty(), err.constData());
    } else {
        QVERIFY2(run.exitCode() == 1, err.constData());
        QCOMPARE(errors.size(), 1);
        const QString line = QString::fromLocal8Bit(errors.first());
        QVERIFY2(line.startsWith(u"mdnscope: cannot write "_s + out + u": "_s), qPrintable(line));
        QVERIFY2(line.contains(reason), qPrintable(line));
    }
    switch (Target(target)) {
    case Target::ReadOnlyFs:
        QCOMPARE(readAll(out), old);
        QCOMPARE(QDir(m_readOnly).entryList(QDir::Files | QDir::Hidden), QStringList{u"old.out"_s});
        break;
    case Target::MissingDir:
        QVERIFY(!QFileInfo::exists(dir.filePath(u"no"_s)));
        break;
    case Target::FullFs:
        QCOMPARE(QDir(m_full).entryList(QDir::Files | QDir::Hidden), QStringList());
        break;
    case Target::Directory:
        QVERIFY(QFileInfo(out).isDir());
        QCOMPARE(QDir(out).entryList(QDir::Files | QDir::Hidden), QStringList());
        break;
    case Target::DevNull:
    case Target::DevFull:
        QVERIFY2(isCharDevice(out), "the device node was replaced");
        break;
    case Target::Fifo:
        QVERIFY2(isFifo(out), "the FIFO was replaced");
        QVERIFY(fromFifo.size() > 100);
        break;
    case Target::Symlink:
    case Target::DanglingSymlink:
        // Followed like open(2) (tshark, dumpcap): the file is replaced, the link stays.
        QVERIFY(QFileInfo(out).isSymLink());
        QVERIFY(QFileInfo(linkTarget).isFile());
        QVERIFY(readAll(linkTarget) != old && readAll(linkTarget).size() > 100);
        QVERIFY(!QFileInfo::exists(linkTarget + u".part"_s));
        QVERIFY(!QFileInfo::exists(out + u".part"_s));
        break;
    }
    QVERIFY(!QFileInfo::exists(out + u".part"_s));
}

void TestCliOutputFaults::standardOutput_data()
{
    QTest::addColumn<QStringList>("output");
    QTest::addColumn<int>("mode");
    QTest::addColumn<int>("exitCode");
    QTest::addColumn<QString>("error"); // empty: no error line at all
    const QString full = u"cannot write standard output: "_s + errnoText(ENOSPC);
    const std::pair<const char *, QStringList> outputs[] = {
        {"summary lines", {}},
        {"--json -", {u"--json"_s, u"-"_s}},
        {"--csv -", {u"--csv"_s, u"-"_s}},
        {"--write -", {u"--write"_s, u"-"_s}},
        {"--services -", {u"--services"_s, u"-"_s}},
        {"--stats-json -", {u"--stats-json"_s, u"-"_s}}};
    for (const auto &[name, output] : outputs) {
        QTest::addRow("%s to dev/full copy", name)
            << output << int(CliProcess::Stdout::Path) << 1 << full;
        QTest::addRow("%s closed", name)
            << output << int(CliProcess::Stdout::Closed) << 1 << u"standard output is closed"_s;
        // The reader went away (`| head`): quiet, 141 as for SIGPIPE.
        QTest::addRow("%s broken pipe", name)
            << output << int(CliProcess::Stdout::BrokenPipe) << 141 << QString();
    }
}

void TestCliOutputFaults::standardOutput()
{
    QFETCH(QStringList, output);
    QFETCH(int, mode);
    QFETCH(int, exitCode);
    QFETCH(QString, error);
    QTemporaryDir dir;
    const bool stats = output.contains(u"--stats-json"_s);
    if (stats)
        MDNSCOPE_REQUIRE_NETNS();
    QString devFull;
    if (CliProcess::Stdout(mode) == CliProcess::Stdout::Path) {
        if (::getuid() != 0)
            QSKIP("not root: cannot mknod a copy of /dev/full");
        devFull = dir.filePath(u"full"_s);
        QVERIFY(makeDevice(devFull, 7));
    }
    const QString file = dir.filePath(u"also.pcapng"_s); // a file output beside it
    QStringList args =
        stats ? QStringList{u"--headless"_s, u"--interface"_s, u"lo"_s, u"--duration"_s, u"0.2"_s}
              : QStringList{u"--read"_s, m_input, u"--write"_s, file};
    if (output.isEmpty())
        args = {u"--read"_s, m_input};
    if (output == QStringList{u"--write"_s, u"-"_s})
        args = {u"--read"_s, m_input, u"--json"_s, file};
    args << output;
    CliProcess run(args, dir.filePath(u"err.txt"_s), CliProcess::Stdout(mode), devFull);
    QVERIFY(run.wait());
    const QByteArray err = run.err();
    QVERIFY2(!run.killedBySignal(), err.constData());
    QVERIFY2(run.exitCode() == exitCode, err.constData());
    const QList<QByteArray> errors = errorLines(err);
    if (error.isEmpty()) {
        QVERIFY2(errors.isEmpty(), err.constData());
    } else {
        QCOMPARE(errors.size(), 1);
        QVERIFY2(QString::fromLocal8Bit(errors.first()) == u"mdnscope: "_s + error,
                 errors.first().constData());
    }
    if (!devFull.isEmpty())
        QVERIFY(isCharDevice(devFull));
    // The file output beside it is complete either way, and nothing is left staged.
    if (!stats && !output.isEmpty())
        QVERIFY(QFileInfo(file).size() > 1000);
    QVERIFY(!QFileInfo::exists(file + u".part"_s));
}

void TestCliOutputFaults::failsBeforeFirstPacket_data()
{
    QTest::addColumn<QByteArray>("input");
    QTest::addColumn<QString>("option");
    QTest::addColumn<QString>("reason");
    const QByteArray pcapHeader =
        QByteArray::fromHex("d4c3b2a1020004000000000000000000ffff000065000000");
    // A section header whose byte-order magic is zero.
    const QByteArray noMagic =
        QByteArray::fromHex("0a0d0d0a1c0000000000000001000000ffffffffffffffff1c000000");
    // One interface (0), then a packet on interface 1.
    const QByteArray shb =
        QByteArray::fromHex("0a0d0d0a1c0000004d3c2b1a01000000ffffffffffffffff1c000000");
    const QByteArray idb = QByteArray::fromHex("0100000014000000650000000000000014000000");
    const QByteArray epb =
        QByteArray::fromHex("0600000024000000010000000000000000000000040000000400000045000000"
                            "24000000");
    const std::pair<const char *, std::pair<QByteArray, const char *>> inputs[] = {
        {"pcap header cut short", {pcapHeader.left(10), "inside the 24-byte pcap file header"}},
        {"pcapng without byte-order magic", {noMagic, "byte-order magic"}},
        {"packet on a missing interface",
         {shb + idb + epb, "refers to interface 1, but its section describes only interface 0"}},
        {"empty file", {QByteArray(), ""}}};
    for (const char *option : {"--write", "--json", "--csv"})
        for (const auto &[name, input] : inputs)
            QTest::addRow("%s %s", option, name)
                << input.first << QString::fromLatin1(option) << QString::fromLatin1(input.second);
}

// Nothing read before the fault: exit 1 with one line naming the fault, and the previous
// export exactly as it was, with no .part beside it.
void TestCliOutputFaults::failsBeforeFirstPacket()
{
    QFETCH(QByteArray, input);
    QFETCH(QString, option);
    QFETCH(QString, reason);
    QTemporaryDir dir;
    const QString in = dir.filePath(u"bad.cap"_s), out = dir.filePath(u"x.out"_s);
    QVERIFY(writeFile(in, input));
    const QByteArray old = "a previous good export\n";
    QVERIFY(writeFile(out, old));
    CliProcess run({u"--read"_s, in, option, out}, dir.filePath(u"err.txt"_s),
                   CliProcess::Stdout::Path, dir.filePath(u"stdout.txt"_s));
    QVERIFY(run.wait());
    const QByteArray err = run.err();
    QVERIFY2(run.exitCode() == 1, err.constData());
    const QList<QByteArray> errors = errorLines(err);
    QVERIFY2(errors.size() == 1, err.constData());
    QVERIFY2(errors.first().contains(reason.toLocal8Bit()), err.constData());
    QVERIFY2(errors.first().contains(in.toLocal8Bit()), err.constData());
    QCOMPARE(readAll(out), old);
    QCOMPARE(QDir(dir.path()).entryList(QDir::Files | QDir::Hidden),
             QStringList({u"bad.cap"_s, u"err.txt"_s, u"stdout.txt"_s, u"x.out"_s}));
}

void TestCliOutputFaults::badArguments_data()
{
    QTest::addColumn<QStringList>("args");
    QTest::addColumn<QString>("error");
    const QString in = u"in.pcapng"_s;
    QTest::newRow("--read empty") << QStringList{u"--read"_s, QString()}
                                  << u"--read needs a file name"_s;
    for (const char *option : {"--write", "--json", "--csv"}) {
        const QString o = QString::fromLatin1(option);
        QTest::addRow("%s empty", option)
            << QStringList{u"--read"_s, in, o, QString()} << o + u" needs a file name"_s;
        QTest::addRow("%s empty, headless", option)
            << QStringList{u"--headless"_s, o, QString()} << o + u" needs a file name"_s;
    }
    QTest::newRow("--stats-json empty")
        << QStringList{u"--headless"_s, u"--stats-json"_s, QString()}
        << u"--stats-json needs a file name"_s;
    QTest::newRow("--duration 1e20")
        << QStringList{u"--headless"_s, u"--duration"_s, u"1e20"_s}
        << u"--duration: '1e20' is more than the limit of 10000000 seconds (about 115 days)"_s;
    QTest::newRow("--duration 1e7 + 1")
        << QStringList{u"--headless"_s, u"--duration"_s, u"10000001"_s}
        << u"--duration: '10000001' is more than the limit of 10000000 seconds (about 115 days)"_s;
}

// A usage error: exit 2 before anything runs, exactly one line, no Qt warning.
void TestCliOutputFaults::badArguments()
{
    QFETCH(QStringList, args);
    QFETCH(QString, error);
    QTemporaryDir dir;
    if (args.size() > 1 && args.at(1) == u"in.pcapng"_s)
        args[1] = m_input;
    CliProcess run(args, dir.filePath(u"err.txt"_s), CliProcess::Stdout::Path,
                   dir.filePath(u"stdout.txt"_s));
    QVERIFY(run.wait());
    const QByteArray err = run.err();
    QVERIFY2(run.exitCode() == 2, err.constData());
    QCOMPARE(QString::fromLocal8Bit(err), u"mdnscope: "_s + error + u"\n"_s);
    QCOMPARE(readAll(dir.filePath(u"stdout.txt"_s)), QByteArray());
}

MDNSCOPE_NETNS_TEST_GUILESS_MAIN(TestCliOutputFaults)
#include "tst_cli_outputfaults.moc"

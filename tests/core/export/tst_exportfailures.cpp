#include "ExportOutput.h"
#include "PacketExporter.h"
#include "TestFiles.h"

#include <QDir>
#include <QElapsedTimer>
#include <QFile>
#include <QTemporaryDir>
#include <QTest>
#include <QThread>

#include <cerrno>
#include <cstring>
#include <sched.h>
#include <sys/mount.h>

using namespace Qt::StringLiterals;

// Failed and cancelled exports: one clear line naming the path, nothing left behind, an
// existing file untouched. The disk-full and read-only cases mount a tiny tmpfs in a
// private mount namespace of this process (root only; skipped otherwise).
namespace {

QList<Packet> manyPackets(int count)
{
    QList<Packet> list;
    for (int i = 0; i < count; ++i) {
        Packet p;
        p.data = QByteArray::fromHex("000084000000000100000000") + QByteArray(200, 'a');
        p.data[12] = 0;
        p.source = IpAddress::fromV4(0xA9FE0102);
        p.destination = IpAddress::fromV4(0xE00000FB);
        p.sourcePort = p.destinationPort = 5353;
        p.ttl = 255;
        p.timestampNs = i;
        p.originalLength = quint32(p.data.size());
        list << p;
    }
    return list;
}

using TestFiles::readAll;
using TestFiles::writeFile;

QStringList entries(const QString &dir)
{
    return QDir(dir).entryList(QDir::Files | QDir::Hidden | QDir::System, QDir::Name);
}

} // namespace

class TestExportFailures : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void initTestCase();
    void cleanupTestCase();
    void missingDirectory_data();
    void missingDirectory();
    void pathIsADirectory();
    void cannotCreateThere();
    void deviceFull();
    void diskFullKeepsExistingFile_data();
    void diskFullKeepsExistingFile();
    void readOnlyFileSystem();
    void cancelKeepsExistingFile_data();
    void cancelKeepsExistingFile();
    void partFileCheckpointsWhileSyncing();
    void symlinkFollowed_data();
    void symlinkFollowed();

private:
    QTemporaryDir m_dir;
    QString m_small; // a 64 KiB tmpfs, or empty
    QString m_mountSkip;
};

void TestExportFailures::initTestCase()
{
    QVERIFY(m_dir.isValid());
    // A private mount namespace (this thread and the threads it starts), so the tiny
    // file systems vanish with the process and nobody else sees them.
    if (::unshare(CLONE_NEWNS) != 0) {
        m_mountSkip = u"no private mount namespace: "_s + QString::fromLocal8Bit(strerror(errno));
        return;
    }
    if (::mount("none", "/", nullptr, MS_REC | MS_PRIVATE, nullptr) != 0) {
        m_mountSkip = u"cannot make / private: "_s + QString::fromLocal8Bit(strerror(errno));
        return;
    }
    const QString small = m_dir.filePath(u"small"_s);
    QVERIFY(QDir().mkpath(small));
    if (::mount("mdnscope-test", small.toLocal8Bit().constData(), "tmpfs", 0,
                "size=64k,mode=0755") != 0) {
        m_mountSkip = u"cannot mount a tmpfs: "_s + QString::fromLocal8Bit(strerror(errno));
        return;
    }
    m_small = small;
}

void TestExportFailures::cleanupTestCase()
{
    if (!m_small.isEmpty())
        ::umount2(m_small.toLocal8Bit().constData(), MNT_DETACH);
}

void TestExportFailures::missingDirectory_data()
{
    QTest::addColumn<int>("format");
    QTest::newRow("pcapng") << int(ExportFormat::Pcapng);
    QTest::newRow("json") << int(ExportFormat::JsonLines);
    QTest::newRow("csv") << int(ExportFormat::Csv);
}

void TestExportFailures::missingDirectory()
{
    QFETCH(int, format);
    const QString path = m_dir.filePath(u"no/such/dir/out.file"_s);
    const ExportResult r = PacketExporter::write(ExportFormat(format), path, manyPackets(3));
    QVERIFY(!r.ok);
    QVERIFY(!r.cancelled);
    QVERIFY2(r.error.contains(path), qPrintable(r.error));
    QVERIFY(!r.error.contains(u'\n'));
    QVERIFY(!QFileInfo::exists(m_dir.filePath(u"no"_s)));
}

void TestExportFailures::pathIsADirectory()
{
    const QString path = m_dir.filePath(u"adir"_s);
    QVERIFY(QDir().mkpath(path));
    const ExportResult r = PacketExporter::write(ExportFormat::JsonLines, path, manyPackets(3));
    QVERIFY(!r.ok);
    QVERIFY2(r.error.contains(path) && r.error.contains(u"directory"_s), qPrintable(r.error));
    QVERIFY(QFileInfo(path).isDir());
    QVERIFY(entries(path).isEmpty());
    QCOMPARE(entries(m_dir.path()), QStringList());
}

void TestExportFailures::cannotCreateThere()
{
    // /proc refuses new files even to root
    const QString path = u"/proc/mdnscope-export-test.csv"_s;
    const ExportResult r = PacketExporter::write(ExportFormat::Csv, path, manyPackets(3));
    QVERIFY(!r.ok);
    QVERIFY2(r.error.startsWith(u"cannot write "_s + path + u": "_s), qPrintable(r.error));
    QVERIFY(!QFileInfo::exists(path));
}

void TestExportFailures::deviceFull()
{
    if (!QFileInfo(u"/dev/full"_s).exists())
        QSKIP("/dev/full is not there");
    // Written in place (a device is never replaced by a rename); every write fails ENOSPC.
    const ExportResult r =
        PacketExporter::write(ExportFormat::JsonLines, u"/dev/full"_s, manyPackets(5000));
    QVERIFY(!r.ok);
    QVERIFY2(r.error.contains(u"/dev/full"_s), qPrintable(r.error));
    QVERIFY2(r.error.contains(QString::fromLocal8Bit(strerror(ENOSPC))), qPrintable(r.error));
    QVERIFY(QFileInfo(u"/dev/full"_s).exists());
    QVERIFY(!QFileInfo(u"/dev/full"_s).isFile()); // still the device
}

void TestExportFailures::diskFullKeepsExistingFile_data()
{
    missingDirectory_data();
}

void TestExportFailures::diskFullKeepsExistingFile()
{
    if (m_small.isEmpty())
        QSKIP(qPrintable(m_mountSkip));
    QFETCH(int, format);
    const QString path = m_small + u"/keep.out"_s;
    const QByteArray old("the previous export\n");
    QVERIFY(writeFile(path, old));
    // about 1 MB of output for a 64 KiB file system
    const ExportResult r = PacketExporter::write(ExportFormat(format), path, manyPackets(4000));
    QVERIFY(!r.ok);
    QVERIFY2(r.error.contains(path), qPrintable(r.error));
    QVERIFY2(r.error.contains(QString::fromLocal8Bit(strerror(ENOSPC))), qPrintable(r.error));
    QCOMPARE(readAll(path), old);
    QCOMPARE(entries(m_small), QStringList({u"keep.out"_s})); // no temporary file left

    // a new file that does not fit leaves nothing at all
    QVERIFY(QFile::remove(path));
    const ExportResult n = PacketExporter::write(ExportFormat(format), path, manyPackets(4000));
    QVERIFY(!n.ok);
    QCOMPARE(entries(m_small), QStringList());

    // and one that fits is written whole
    const ExportResult ok = PacketExporter::write(ExportFormat(format), path, manyPackets(20));
    QVERIFY2(ok.ok, qPrintable(ok.error));
    QVERIFY(QFileInfo(path).size() > 20 * 200);
    QVERIFY(QFile::remove(path));
}

void TestExportFailures::readOnlyFileSystem()
{
    if (m_small.isEmpty())
        QSKIP(qPrintable(m_mountSkip));
    const QString path = m_small + u"/ro.jsonl"_s;
    QVERIFY(writeFile(path, "old"));
    QCOMPARE(::mount(nullptr, m_small.toLocal8Bit().constData(), nullptr, MS_REMOUNT | MS_RDONLY,
                     nullptr),
             0);
    const ExportResult r = PacketExporter::write(ExportFormat::JsonLines, path, manyPackets(3));
    ::mount(nullptr, m_small.toLocal8Bit().constData(), nullptr, MS_REMOUNT, nullptr);
    QVERIFY(!r.ok);
    QVERIFY2(r.error.startsWith(u"cannot write "_s + path), qPrintable(r.error));
    QCOMPARE(readAll(path), QByteArray("old"));
    QVERIFY(QFile::remove(path));
}

void TestExportFailures::cancelKeepsExistingFile_data()
{
    missingDirectory_data();
}

void TestExportFailures::cancelKeepsExistingFile()
{
    QFETCH(int, format);
    const QString path = m_dir.filePath(u"cancel.out"_s);
    QVERIFY(writeFile(path, "keep me"));
    int calls = 0;
    const ExportResult r = PacketExporter::write(ExportFormat(format), path, manyPackets(20000),
                                                 [&](qint64, qint64) { return ++calls < 3; });
    QVERIFY(!r.ok);
    QVERIFY(r.cancelled);
    QVERIFY(r.error.isEmpty());
    QCOMPARE(readAll(path), QByteArray("keep me"));
    QCOMPARE(entries(m_dir.path()), QStringList({u"cancel.out"_s}));
    QVERIFY(QFile::remove(path));

    // without an earlier file, nothing is left
    const ExportResult n = PacketExporter::write(ExportFormat(format), path, manyPackets(20000),
                                                 [](qint64, qint64) { return false; });
    QVERIFY(n.cancelled);
    QCOMPARE(entries(m_dir.path()), QStringList());
}

// A .part file's checkpoints hand every byte to the kernel at once, while its once-a-second
// sync runs on a thread of its own: across more than a second of checkpoints (so syncs start
// and overlap the writes) the .part file always holds what was written, commit() gives the
// whole file, and a cancel() with a sync possibly in flight leaves nothing behind.
void TestExportFailures::partFileCheckpointsWhileSyncing()
{
    const QString path = m_dir.filePath(u"synced.out"_s);
    QByteArray expected;
    {
        ExportOutput out;
        QVERIFY(out.open(path, ExportOutput::Staging::PartFile));
        QElapsedTimer clock;
        clock.start();
        for (int i = 0; clock.elapsed() < 1300; ++i) {
            const QByteArray chunk = QByteArray(4096, char('a' + i % 26));
            QVERIFY(out.write(chunk));
            expected += chunk;
            QVERIFY(out.checkpoint());
            QCOMPARE(readAll(path + u".part"_s).size(), expected.size());
            QThread::msleep(5);
        }
        QVERIFY(out.commit());
    }
    QCOMPARE(readAll(path), expected);
    QVERIFY(!QFile::exists(path + u".part"_s));

    const QString cancelled = m_dir.filePath(u"cancelled.out"_s);
    {
        ExportOutput out;
        QVERIFY(out.open(cancelled, ExportOutput::Staging::PartFile));
        QElapsedTimer clock;
        clock.start();
        while (clock.elapsed() < 1050) { // past the first sync's second, then cancel at once
            QVERIFY(out.write(QByteArray(1 << 16, 'x')));
            QVERIFY(out.checkpoint());
            QThread::msleep(2);
        }
        out.cancel();
        QVERIFY(!QFile::exists(cancelled + u".part"_s));
    }
    QVERIFY(QFile::remove(path));
    QCOMPARE(entries(m_dir.path()), QStringList());
}

void TestExportFailures::symlinkFollowed_data()
{
    QTest::addColumn<bool>("partFile");
    QTest::addColumn<bool>("dangling");
    QTest::newRow("hidden, to a file") << false << false;
    QTest::newRow("hidden, dangling") << false << true;
    QTest::newRow(".part, to a file") << true << false;
    QTest::newRow(".part, dangling") << true << true;
}

// Both stagings follow a link like open(2): the file it points to is replaced (created when
// dangling), the link stays a link, and nothing staged is left beside either.
void TestExportFailures::symlinkFollowed()
{
    QFETCH(bool, partFile);
    QFETCH(bool, dangling);
    QTemporaryDir dir;
    const QString real = dir.filePath(u"real.csv"_s), link = dir.filePath(u"link.csv"_s);
    if (!dangling)
        QVERIFY(writeFile(real, "old"));
    QVERIFY(QFile::link(real, link));
    ExportOutput out;
    QVERIFY2(
        out.open(link, partFile ? ExportOutput::Staging::PartFile : ExportOutput::Staging::Hidden),
        qPrintable(out.errorString()));
    QVERIFY(out.write("new export\n"));
    QVERIFY(out.commit());
    QVERIFY(QFileInfo(link).isSymLink());
    QCOMPARE(readAll(real), QByteArray("new export\n"));
    QCOMPARE(entries(dir.path()), QStringList({u"link.csv"_s, u"real.csv"_s}));
}

QTEST_GUILESS_MAIN(TestExportFailures)
#include "tst_exportfailures.moc"

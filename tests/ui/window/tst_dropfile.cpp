#include "CaptureStatusBar.h"
#include "MainWindow.h"
#include "MdnsCaptureFile.h"
#include "MessageBar.h"
#include "PacketDocument.h"
#include "PacketTableModel.h"

#include <QDir>
#include <QDragEnterEvent>
#include <QDropEvent>
#include <QFile>
#include <QMimeData>
#include <QSignalSpy>
#include <QStandardPaths>
#include <QTemporaryDir>
#include <QTest>
#include <QUrl>

#include <unistd.h>

using namespace Qt::StringLiterals;

// Dropping files onto the window: a pcap or pcapng file opens (its packets appear, the
// status says "Opened FILE"); a file that cannot be opened shows the reason and keeps the
// packets already there; only local files are accepted at drag-enter. The events are sent
// directly (QCoreApplication::sendEvent), so no real display or drag is needed.
namespace {
constexpr int kTimeoutMs = 20'000;

QString corpus(const QString &name)
{
    return QStringLiteral(MDNSCOPE_SOURCE_DIR "/../shared/corpus/") + name;
}

bool dragEnterAccepted(MainWindow &w, const QMimeData &mime)
{
    QDragEnterEvent enter(QPoint(20, 20), Qt::CopyAction | Qt::LinkAction, &mime, Qt::LeftButton,
                          Qt::NoModifier);
    enter.ignore();
    QCoreApplication::sendEvent(&w, &enter);
    return enter.isAccepted();
}

bool drop(MainWindow &w, const QMimeData &mime)
{
    QDropEvent event(QPointF(20, 20), Qt::CopyAction | Qt::LinkAction, &mime, Qt::LeftButton,
                     Qt::NoModifier);
    event.ignore();
    QCoreApplication::sendEvent(&w, &event);
    return event.isAccepted();
}

QMimeData *urls(const QList<QUrl> &list)
{
    auto *mime = new QMimeData;
    mime->setUrls(list);
    return mime;
}

// Drops the local file and waits for the window's verdict on it.
std::optional<bool> dropFile(MainWindow &w, const QString &path)
{
    QSignalSpy opened(&w, &MainWindow::fileOpened);
    std::unique_ptr<QMimeData> mime(urls({QUrl::fromLocalFile(path)}));
    if (!dragEnterAccepted(w, *mime) || !drop(w, *mime))
        return std::nullopt;
    if (!opened.wait(kTimeoutMs))
        return std::nullopt;
    return opened.at(0).at(0).toBool();
}

QStringList summaries(const PacketTableModel *model)
{
    QStringList list;
    for (int row = 0; row < model->rowCount(); ++row)
        list.append(model->index(row, PacketTableModel::SummaryColumn).data().toString());
    return list;
}
} // namespace

class TestDropFile : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void initTestCase();
    void dragEnterOnlyForLocalFiles();
    void dropOpensCaptureFiles_data();
    void dropOpensCaptureFiles();
    void dropOpensCorpusFiles_data();
    void dropOpensCorpusFiles();
    void badDropKeepsPackets_data();
    void badDropKeepsPackets();
    void damagedFileShowsWhatItCould();
    void remoteUrlDropIsIgnored();

private:
    QTemporaryDir m_dir;
};

void TestDropFile::initTestCase()
{
    QStandardPaths::setTestModeEnabled(true);
    QVERIFY(m_dir.isValid());
    QVERIFY(MdnsCaptureFile::write(m_dir.filePath(u"forty.pcap"_s), MdnsCaptureFile::build(40)));
    QVERIFY(MdnsCaptureFile::write(m_dir.filePath(u"twentyfive.pcapng"_s),
                                   MdnsCaptureFile::build(25, true)));
    QVERIFY(MdnsCaptureFile::write(m_dir.filePath(u"junk.pcap"_s),
                                   "this is not a capture file at all, just text"));
    QVERIFY(MdnsCaptureFile::write(m_dir.filePath(u"empty.pcapng"_s), QByteArray()));
    QVERIFY(QDir(m_dir.path()).mkdir(u"folder.pcap"_s));
}

void TestDropFile::dragEnterOnlyForLocalFiles()
{
    MainWindow w;
    std::unique_ptr<QMimeData> local(urls({QUrl::fromLocalFile(m_dir.filePath(u"forty.pcap"_s))}));
    QVERIFY(dragEnterAccepted(w, *local));
    std::unique_ptr<QMimeData> web(urls({QUrl(u"https://example.org/capture.pcap"_s)}));
    QVERIFY(!dragEnterAccepted(w, *web));
    std::unique_ptr<QMimeData> ftp(urls({QUrl(u"ftp://example.org/capture.pcap"_s)}));
    QVERIFY(!dragEnterAccepted(w, *ftp));
    QMimeData text;
    text.setText(m_dir.filePath(u"forty.pcap"_s)); // a path as plain text is not a file
    QVERIFY(!dragEnterAccepted(w, text));
    QMimeData nothing;
    QVERIFY(!dragEnterAccepted(w, nothing));
    // Nothing was opened by looking.
    QCOMPARE(w.state(), MainWindow::State::Idle);
    QCOMPARE(w.document()->packets()->rowCount(), 0);
}

void TestDropFile::dropOpensCaptureFiles_data()
{
    QTest::addColumn<QString>("name");
    QTest::addColumn<int>("packets");
    QTest::newRow("pcap") << u"forty.pcap"_s << 40;
    QTest::newRow("pcapng") << u"twentyfive.pcapng"_s << 25;
}

void TestDropFile::dropOpensCaptureFiles()
{
    QFETCH(QString, name);
    QFETCH(int, packets);
    MainWindow w;
    const auto opened = dropFile(w, m_dir.filePath(name));
    QVERIFY2(opened.has_value(), "the drop was refused or never answered");
    QVERIFY(*opened);
    QCOMPARE(w.state(), MainWindow::State::Opened);
    QCOMPARE(w.document()->packets()->rowCount(), packets);
    QCOMPARE(w.captureStatusBar()->stateText(), u"Opened %1"_s.arg(name));
    QVERIFY(w.windowTitle().contains(name));
    QVERIFY(w.messageBar()->isHidden());
    QVERIFY(w.document()
                ->packets()
                ->index(packets - 1, PacketTableModel::SummaryColumn)
                .data()
                .toString()
                .contains((packets - 1) % 2 ? u"Web %1._http._tcp.local"_s.arg(packets - 1)
                                            : u"Printer %1._ipp._tcp.local"_s.arg(packets - 1)));
}

void TestDropFile::dropOpensCorpusFiles_data()
{
    QTest::addColumn<QString>("name");
    QTest::addColumn<int>("packets"); // tshark's mDNS count (MANIFEST.txt)
    QTest::newRow("pcap") << u"nfstream__mdns.pcap"_s << 292;
    QTest::newRow("pcapng") << u"packetgen__mdns.pcapng"_s << 2;
}

void TestDropFile::dropOpensCorpusFiles()
{
    QFETCH(QString, name);
    QFETCH(int, packets);
    if (!QFile::exists(corpus(name)))
        QSKIP("../shared/corpus is not there");
    MainWindow w;
    const auto opened = dropFile(w, corpus(name));
    QVERIFY2(opened.has_value(), "the drop was refused or never answered");
    QVERIFY(*opened);
    QCOMPARE(w.document()->packets()->rowCount(), packets);
    QCOMPARE(w.captureStatusBar()->stateText(), u"Opened %1"_s.arg(name));
}

void TestDropFile::badDropKeepsPackets_data()
{
    QTest::addColumn<QString>("name");
    QTest::newRow("not a capture file") << u"junk.pcap"_s;
    QTest::newRow("empty file") << u"empty.pcapng"_s;
    QTest::newRow("missing file") << u"gone-since.pcap"_s;
    QTest::newRow("folder") << u"folder.pcap"_s;
    QTest::newRow("unreadable") << u"unreadable.pcap"_s;
}

void TestDropFile::badDropKeepsPackets()
{
    QFETCH(QString, name);
    const QString path = m_dir.filePath(name);
    if (name == u"unreadable.pcap"_s) {
        if (::geteuid() == 0)
            QSKIP("root reads files whatever their permissions");
        QVERIFY(MdnsCaptureFile::write(path, MdnsCaptureFile::build(3)));
        QVERIFY(QFile::setPermissions(path, QFileDevice::Permissions()));
    }
    MainWindow w;
    QCOMPARE(dropFile(w, m_dir.filePath(u"forty.pcap"_s)), std::optional<bool>(true));
    const QStringList before = summaries(w.document()->packets());
    QCOMPARE(before.size(), 40);
    QVERIFY(w.messageBar()->isHidden());

    QSignalSpy removed(w.document()->packets(), &QAbstractItemModel::rowsRemoved);
    QSignalSpy reset(w.document()->packets(), &QAbstractItemModel::modelReset);
    const auto opened = dropFile(w, path);
    QVERIFY2(opened.has_value(), "the drop was refused or never answered");
    QVERIFY(!*opened);
    // The reason is in the window; the packets already there stay.
    QVERIFY(!w.messageBar()->isHidden());
    QVERIFY2(w.messageBar()->text().contains(name.toHtmlEscaped()),
             qPrintable(w.messageBar()->text()));
    QVERIFY(!w.messageBar()->details().isEmpty());
    QCOMPARE(removed.size(), 0);
    QCOMPARE(reset.size(), 0);
    QCOMPARE(summaries(w.document()->packets()), before);
    QVERIFY(w.state() != MainWindow::State::Opening);

    // And the window still opens the next good file.
    QCOMPARE(dropFile(w, m_dir.filePath(u"twentyfive.pcapng"_s)), std::optional<bool>(true));
    QCOMPARE(w.document()->packets()->rowCount(), 25);
    QVERIFY(w.messageBar()->isHidden());
}

void TestDropFile::damagedFileShowsWhatItCould()
{
    // Ten good records, then a record header that claims more bytes than the file has.
    QByteArray bytes = MdnsCaptureFile::build(10);
    const QByteArray eleventh = MdnsCaptureFile::build(11).mid(bytes.size());
    bytes += eleventh.left(eleventh.size() / 2);
    const QString path = m_dir.filePath(u"damaged.pcap"_s);
    QVERIFY(MdnsCaptureFile::write(path, bytes));
    MainWindow w;
    const auto opened = dropFile(w, path);
    QVERIFY2(opened.has_value(), "the drop was refused or never answered");
    QVERIFY(*opened);
    QCOMPARE(w.document()->packets()->rowCount(), 10);
    QVERIFY(!w.messageBar()->isHidden());
    QVERIFY(w.messageBar()->text().contains(u"damaged.pcap"_s));
    QVERIFY2(w.messageBar()->details().contains(u"offset"_s, Qt::CaseInsensitive),
             qPrintable(w.messageBar()->details()));
}

void TestDropFile::remoteUrlDropIsIgnored()
{
    MainWindow w;
    QCOMPARE(dropFile(w, m_dir.filePath(u"forty.pcap"_s)), std::optional<bool>(true));
    QSignalSpy opened(&w, &MainWindow::fileOpened);
    std::unique_ptr<QMimeData> web(urls({QUrl(u"https://example.org/capture.pcap"_s)}));
    QVERIFY(!drop(w, *web));
    QTest::qWait(50);
    QCOMPARE(opened.size(), 0);
    QCOMPARE(w.state(), MainWindow::State::Opened);
    QCOMPARE(w.document()->packets()->rowCount(), 40);
}

QTEST_MAIN(TestDropFile)
#include "tst_dropfile.moc"

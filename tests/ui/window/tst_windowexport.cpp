#include "CaptureFileReader.h"
#include "CaptureStatusBar.h"
#include "IpAddress.h"
#include "JsonPackets.h"
#include "MainWindow.h"
#include "MdnsCaptureFile.h"
#include "MessageBar.h"
#include "ModalDialogs.h"
#include "PacketDocument.h"
#include "PacketListPanel.h"
#include "PacketTableModel.h"
#include "WindowFiles.h"

#include <QAction>
#include <QDir>
#include <QFile>
#include <QJsonDocument>
#include <QJsonObject>
#include <QProgressDialog>
#include <QPushButton>
#include <QSettings>
#include <QSignalSpy>
#include <QStandardPaths>
#include <QTableView>
#include <QTemporaryDir>
#include <QTest>

using namespace Qt::StringLiterals;

// Exports run from the window through the real ExportJob: the displayed (filtered) scope
// writes exactly the packets shown, in pcapng, JSON Lines and CSV, read back; Cancel in the
// progress dialog leaves no file; a failed export leaves no file and shows the reason.
namespace {
constexpr int kTimeoutMs = 20'000;
constexpr int kPackets = 40; // even ones IPP printers, odd ones web servers

QString exportAction()
{
    return u"&Export…"_s;
}

QStringList entries(const QString &dir)
{
    return QDir(dir).entryList(QDir::Files | QDir::Hidden | QDir::System, QDir::Name);
}

QList<QByteArray> lines(const QString &path)
{
    QFile f(path);
    if (!f.open(QIODevice::ReadOnly))
        return {};
    QList<QByteArray> result = f.readAll().split('\n');
    while (!result.isEmpty() && result.last().trimmed().isEmpty())
        result.removeLast();
    return result;
}
} // namespace

class TestWindowExport : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void initTestCase();
    void cleanupTestCase();
    void exportsDisplayedPackets_data();
    void exportsDisplayedPackets();
    void cancelledExportLeavesNoFile();
    void failedExportShowsReason_data();
    void failedExportShowsReason();

private:
    QTemporaryDir m_dir;
    QString m_file;
};

void TestWindowExport::initTestCase()
{
    QStandardPaths::setTestModeEnabled(true);
    QSettings().clear();
    QVERIFY(m_dir.isValid());
    m_file = m_dir.filePath(u"input.pcap"_s);
    QVERIFY(MdnsCaptureFile::write(m_file, MdnsCaptureFile::build(kPackets)));
}

void TestWindowExport::cleanupTestCase()
{
    QSettings().clear();
}

void TestWindowExport::exportsDisplayedPackets_data()
{
    QTest::addColumn<int>("format");
    QTest::newRow("pcapng") << int(ExportFormat::Pcapng);
    QTest::newRow("JSON Lines") << int(ExportFormat::JsonLines);
    QTest::newRow("CSV") << int(ExportFormat::Csv);
}

void TestWindowExport::exportsDisplayedPackets()
{
    QFETCH(int, format);
    MainWindow w;
    QVERIFY(WindowFiles::open(w, m_file));
    // Web servers from one of the four senders: packets 1, 5, 9, ... (i % 4 == 1).
    w.packetList()->setFilterText(u"_http._tcp"_s);
    w.packetList()->setSenderFilter({IpAddress::fromV4(MdnsCaptureFile::sender(1))});
    QList<int> expected;
    for (int i = 1; i < kPackets; i += 4)
        expected.append(i);
    QCOMPARE(w.packetList()->view()->model()->rowCount(), expected.size());

    QTemporaryDir dir;
    const QString path =
        dir.filePath(u"displayed"_s + ExportDialog::extension(ExportFormat(format)));
    QSignalSpy finished(&w, &MainWindow::exportFinished);
    w.exportPackets(ExportFormat(format), ExportDialog::Scope::Displayed, path);
    QVERIFY(finished.wait(kTimeoutMs));
    const auto result = finished.at(0).at(0).value<ExportResult>();
    QVERIFY2(result.ok, qPrintable(result.error));
    QCOMPARE(result.packetsWritten, qint64(expected.size()));
    QVERIFY(w.captureStatusBar()->currentMessage().contains(QDir::toNativeSeparators(path)));
    QCOMPARE(entries(dir.path()), QStringList{QFileInfo(path).fileName()});

    const QString sender = IpAddress::fromV4(MdnsCaptureFile::sender(1)).toString();
    switch (ExportFormat(format)) {
    case ExportFormat::Pcapng: {
        const CaptureFileResult back = CaptureFileReader::readFile(path);
        QVERIFY(!back.error);
        QCOMPARE(back.packets.size(), expected.size());
        for (int k = 0; k < expected.size(); ++k) {
            QCOMPARE(back.packets.at(k).data, MdnsCaptureFile::announcement(expected.at(k)));
            QCOMPARE(back.packets.at(k).source.toString(), sender);
        }
        break;
    }
    case ExportFormat::JsonLines: {
        const QList<QByteArray> rows = lines(path);
        QCOMPARE(rows.size(), expected.size());
        for (int k = 0; k < rows.size(); ++k) {
            QJsonParseError error;
            const QJsonObject packet = QJsonDocument::fromJson(rows.at(k), &error).object();
            QVERIFY2(error.error == QJsonParseError::NoError, rows.at(k).constData());
            QCOMPARE(JsonPackets::source(packet), sender);
            const QString instance = u"Web %1._http._tcp.local"_s.arg(expected.at(k));
            QVERIFY2(JsonPackets::hasRecord(
                         packet, u"answers"_s, u"_http._tcp.local"_s, u"PTR"_s,
                         [&](const QJsonObject &r) { return JsonPackets::isTarget(r, instance); }),
                     qPrintable(JsonPackets::describe(packet)));
        }
        break;
    }
    case ExportFormat::Csv: {
        const QList<QByteArray> rows = lines(path);
        QCOMPARE(rows.size(), expected.size() + 1); // header
        QVERIFY(rows.at(0).startsWith("index,"));
        for (int k = 0; k < expected.size(); ++k) {
            const QByteArray &row = rows.at(k + 1);
            QVERIFY2(row.contains(u"Web %1._http._tcp.local"_s.arg(expected.at(k)).toUtf8()),
                     row.constData());
            QVERIFY2(row.contains(QByteArray(',' + sender.toLatin1() + ',')), row.constData());
        }
        break;
    }
    }
}

void TestWindowExport::cancelledExportLeavesNoFile()
{
    // Enough packets for many of the exporter's pieces, so Cancel lands mid-export.
    const QString big = m_dir.filePath(u"big.pcapng"_s);
    QVERIFY(MdnsCaptureFile::write(big, MdnsCaptureFile::build(120'000, true)));
    MainWindow w;
    // A wait bound, not a target: 120,000 packets take about 8 s to open here alone (decode,
    // senders, service directory), several times that beside the rest of the suite under CI.
    QVERIFY(WindowFiles::open(w, big, 120'000));
    QCOMPARE(w.document()->packets()->rowCount(), 120'000);
    QTemporaryDir dir;
    QSignalSpy finished(&w, &MainWindow::exportFinished);
    w.exportPackets(ExportFormat::JsonLines, ExportDialog::Scope::All,
                    dir.filePath(u"cancelled.jsonl"_s));
    QVERIFY(!ModalDialogs::action(&w, exportAction())->isEnabled()); // one export at a time
    QProgressDialog *progress = nullptr;
    const QList<QProgressDialog *> dialogs = w.findChildren<QProgressDialog *>();
    for (QProgressDialog *d : dialogs) {
        if (d->labelText().startsWith(u"Exporting"_s))
            progress = d; // not the opening's, which may still await its deferred deletion
    }
    QVERIFY(progress);
    auto *cancel = progress->findChild<QPushButton *>();
    QVERIFY(cancel);
    cancel->click();
    QVERIFY(finished.wait(kTimeoutMs));
    const auto result = finished.at(0).at(0).value<ExportResult>();
    QVERIFY2(result.cancelled, qPrintable(u"ok %1, %2 written, error '%3'"_s.arg(result.ok)
                                              .arg(result.packetsWritten)
                                              .arg(result.error)));
    QVERIFY(!result.ok);
    QCOMPARE(entries(dir.path()), QStringList());
    QVERIFY(w.captureStatusBar()->currentMessage().contains(u"cancelled"_s));
    QVERIFY(w.messageBar()->isHidden());
    QVERIFY(ModalDialogs::action(&w, exportAction())->isEnabled());
}

void TestWindowExport::failedExportShowsReason_data()
{
    QTest::addColumn<QString>("relative");
    QTest::addColumn<int>("format");
    QTest::newRow("missing folder") << u"no/such/folder/x.pcapng"_s << int(ExportFormat::Pcapng);
    QTest::newRow("folder is a file") << u"plain-file/x.jsonl"_s << int(ExportFormat::JsonLines);
    QTest::newRow("path is a folder") << u"a-folder"_s << int(ExportFormat::Csv);
}

void TestWindowExport::failedExportShowsReason()
{
    QFETCH(QString, relative);
    QFETCH(int, format);
    QTemporaryDir dir;
    QVERIFY(MdnsCaptureFile::write(dir.filePath(u"plain-file"_s), "not a folder"));
    QVERIFY(QDir(dir.path()).mkdir(u"a-folder"_s));
    const QStringList before = entries(dir.path());

    MainWindow w;
    QVERIFY(WindowFiles::open(w, m_file));
    QVERIFY(w.messageBar()->isHidden());
    const QString path = dir.filePath(relative);
    QSignalSpy finished(&w, &MainWindow::exportFinished);
    w.exportPackets(ExportFormat(format), ExportDialog::Scope::All, path);
    QVERIFY(finished.wait(kTimeoutMs));
    const auto result = finished.at(0).at(0).value<ExportResult>();
    QVERIFY(!result.ok);
    QVERIFY(!result.cancelled);
    QVERIFY(!result.error.isEmpty());
    // The window shows the failure with the exporter's reason, which names the file.
    QVERIFY(!w.messageBar()->isHidden());
    QVERIFY(w.messageBar()->text().contains(u"export failed"_s));
    QCOMPARE(w.messageBar()->details(), result.error);
    QVERIFY2(result.error.contains(QDir::toNativeSeparators(path)) ||
                 result.error.contains(QFileInfo(path).fileName()),
             qPrintable(result.error));
    // Nothing left behind: no partial file, no temporary file.
    QCOMPARE(entries(dir.path()), before);
    QVERIFY(QFileInfo(dir.filePath(u"a-folder"_s)).isDir());
    QCOMPARE(QDir(dir.filePath(u"a-folder"_s))
                 .entryList(QDir::AllEntries | QDir::NoDotAndDotDot | QDir::Hidden),
             QStringList());
    QVERIFY(ModalDialogs::action(&w, exportAction())->isEnabled());
}

QTEST_MAIN(TestWindowExport)
#include "tst_windowexport.moc"

#include "CaptureDocument.h"
#include "CaptureFileReader.h"
#include "CaptureStatusBar.h"
#include "ExportDialog.h"
#include "IpAddress.h"
#include "JsonPackets.h"
#include "MainWindow.h"
#include "MdnsCaptureFile.h"
#include "MessageBar.h"
#include "PacketFilterProxy.h"
#include "PacketListPanel.h"
#include "PacketTableModel.h"

#include <QAbstractButton>
#include <QAction>
#include <QApplication>
#include <QComboBox>
#include <QDir>
#include <QFile>
#include <QJsonDocument>
#include <QJsonObject>
#include <QLineEdit>
#include <QLocale>
#include <QMenuBar>
#include <QProgressDialog>
#include <QPushButton>
#include <QSettings>
#include <QSignalSpy>
#include <QStandardPaths>
#include <QTableView>
#include <QTemporaryDir>
#include <QTest>
#include <QTimer>

#include <functional>

using namespace Qt::StringLiterals;

// The export dialog (formats, scopes and their counts, the file suffix, the remembered
// folder) and exports run from the window through the real ExportJob: the displayed scope
// writes exactly the filtered packets, a cancelled export leaves no file, a failed one
// leaves no file and shows why. Settings go to QStandardPaths' test location.
namespace {
constexpr int kTimeoutMs = 20'000;
constexpr int kPackets = 40; // even ones IPP printers, odd ones web servers

QString exportAction()
{
    return u"&Export…"_s;
}

// Runs `check` on the first modal dialog of type D once it is shown, then closes it if
// `check` left it open; a dialog that never shows fails the test instead of hanging it.
template<typename D>
void whenModal(std::function<void(D *)> check)
{
    auto *timer = new QTimer;
    auto *tries = new int(0);
    QObject::connect(timer, &QTimer::timeout, [timer, tries, check] {
        if (auto *d = qobject_cast<D *>(QApplication::activeModalWidget())) {
            timer->stop();
            timer->deleteLater();
            delete tries;
            check(d);
            if (d->isVisible())
                d->reject();
        } else if (++*tries > 500) {
            timer->stop();
            timer->deleteLater();
            delete tries;
            if (QWidget *other = QApplication::activeModalWidget())
                other->close();
        }
    });
    timer->start(10);
}

QAction *findAction(QWidget *window, const QString &text)
{
    const QList<QAction *> actions = window->findChildren<QAction *>();
    for (QAction *a : actions) {
        if (a->text() == text)
            return a;
    }
    return nullptr;
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

class TestExportDialog : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void initTestCase();
    void cleanupTestCase();
    void scopesAndCounts_data();
    void scopesAndCounts();
    void disabledScopeCannotBeChosen();
    void suffixFollowsFormat_data();
    void suffixFollowsFormat();
    void startsInFolder();
    void emptyPathCannotBeAccepted();
    void windowDialogShowsItsCounts();
    void exportsDisplayedPackets_data();
    void exportsDisplayedPackets();
    void exportThroughDialog();
    void remembersExportFolder();
    void cancelledExportLeavesNoFile();
    void failedExportShowsReason_data();
    void failedExportShowsReason();

private:
    bool openInto(MainWindow &w, const QString &path);

    QTemporaryDir m_dir;
    QString m_file;
};

void TestExportDialog::initTestCase()
{
    QStandardPaths::setTestModeEnabled(true);
    QSettings().clear();
    QVERIFY(m_dir.isValid());
    m_file = m_dir.filePath(u"input.pcap"_s);
    QVERIFY(MdnsCaptureFile::write(m_file, MdnsCaptureFile::build(kPackets)));
}

void TestExportDialog::cleanupTestCase()
{
    QSettings().clear();
}

bool TestExportDialog::openInto(MainWindow &w, const QString &path)
{
    QSignalSpy opened(&w, &MainWindow::fileOpened);
    w.openFile(path);
    return opened.wait(kTimeoutMs) && opened.at(0).at(0).toBool();
}

void TestExportDialog::scopesAndCounts_data()
{
    QTest::addColumn<int>("all");
    QTest::addColumn<int>("displayed");
    QTest::addColumn<int>("selected");
    QTest::addColumn<int>("checked"); // the default scope, -1 none
    QTest::newRow("everything") << 1234567 << 20 << 3 << int(ExportDialog::Scope::All);
    QTest::newRow("no selection") << 40 << 40 << 0 << int(ExportDialog::Scope::All);
    QTest::newRow("filter hides all") << 40 << 0 << 0 << int(ExportDialog::Scope::All);
    QTest::newRow("empty") << 0 << 0 << 0 << -1;
}

void TestExportDialog::scopesAndCounts()
{
    QFETCH(int, all);
    QFETCH(int, displayed);
    QFETCH(int, selected);
    QFETCH(int, checked);
    ExportDialog d(all, displayed, selected, m_dir.path());
    const QLocale locale;
    const struct
    {
        ExportDialog::Scope scope;
        int count;
    } scopes[] = {{ExportDialog::Scope::All, all},
                  {ExportDialog::Scope::Displayed, displayed},
                  {ExportDialog::Scope::Selected, selected}};
    for (const auto &s : scopes) {
        QAbstractButton *b = d.scopeButton(s.scope);
        QVERIFY(b);
        QVERIFY2(b->text().contains(u'(' + locale.toString(s.count) + u')'), qPrintable(b->text()));
        QCOMPARE(b->isEnabled(), s.count > 0);
        QCOMPARE(b->isChecked(), int(s.scope) == checked);
    }
    QCOMPARE(d.canAccept(), checked != -1);
    if (checked != -1)
        QCOMPARE(int(d.scope()), checked);
}

void TestExportDialog::disabledScopeCannotBeChosen()
{
    ExportDialog d(10, 4, 0, m_dir.path());
    d.setScope(ExportDialog::Scope::Selected);
    QCOMPARE(d.scope(), ExportDialog::Scope::All);
    d.setScope(ExportDialog::Scope::Displayed);
    QCOMPARE(d.scope(), ExportDialog::Scope::Displayed);
    QVERIFY(d.canAccept());
}

void TestExportDialog::suffixFollowsFormat_data()
{
    QTest::addColumn<QString>("name");
    QTest::addColumn<int>("format");
    QTest::addColumn<QString>("expected");
    QTest::newRow("pcapng to JSON")
        << u"mdnscope.pcapng"_s << int(ExportFormat::JsonLines) << u"mdnscope.jsonl"_s;
    QTest::newRow("pcapng to CSV")
        << u"mdnscope.pcapng"_s << int(ExportFormat::Csv) << u"mdnscope.csv"_s;
    QTest::newRow("CSV to pcapng") << u"run.csv"_s << int(ExportFormat::Pcapng) << u"run.pcapng"_s;
    QTest::newRow("no suffix") << u"capture"_s << int(ExportFormat::Csv) << u"capture.csv"_s;
    QTest::newRow("other dots kept")
        << u"office.2026-11-27.jsonl"_s << int(ExportFormat::Csv) << u"office.2026-11-27.csv"_s;
    QTest::newRow("own suffix kept")
        << u"notes.txt"_s << int(ExportFormat::JsonLines) << u"notes.txt.jsonl"_s;
}

void TestExportDialog::suffixFollowsFormat()
{
    QFETCH(QString, name);
    QFETCH(int, format);
    QFETCH(QString, expected);
    ExportDialog d(10, 10, 0, m_dir.path());
    // The initial name follows the initial format.
    QCOMPARE(d.format(), ExportFormat::Pcapng);
    QCOMPARE(QFileInfo(d.path()).fileName(), u"mdnscope.pcapng"_s);
    // Start from `name` in a format other than the target one, then switch.
    const auto start =
        format == int(ExportFormat::Pcapng) ? ExportFormat::Csv : ExportFormat::Pcapng;
    d.setFormat(start);
    d.setPath(m_dir.filePath(name));
    auto *combo = d.findChild<QComboBox *>(u"format"_s);
    QVERIFY(combo);
    combo->setCurrentIndex(combo->findData(format)); // as the user would
    QCOMPARE(d.format(), ExportFormat(format));
    QCOMPARE(d.path(), m_dir.filePath(expected));
    QCOMPARE(ExportDialog::extension(d.format()), u'.' + QFileInfo(expected).suffix());
}

void TestExportDialog::startsInFolder()
{
    const QString sub = m_dir.filePath(u"exports"_s);
    QVERIFY(QDir().mkpath(sub));
    ExportDialog inFolder(1, 1, 0, sub);
    QCOMPARE(inFolder.path(), QDir(sub).filePath(u"mdnscope.pcapng"_s));
    // A remembered folder that is gone: the home folder, not a path that must fail.
    ExportDialog gone(1, 1, 0, m_dir.filePath(u"removed-since"_s));
    QCOMPARE(QFileInfo(gone.path()).absolutePath(), QDir::homePath());
    ExportDialog none(1, 1, 0, QString());
    QCOMPARE(QFileInfo(none.path()).absolutePath(), QDir::homePath());
}

void TestExportDialog::emptyPathCannotBeAccepted()
{
    ExportDialog d(5, 5, 0, m_dir.path());
    QVERIFY(d.canAccept());
    d.findChild<QLineEdit *>(u"path"_s)->setText(u"   "_s);
    QVERIFY(!d.canAccept());
    d.setPath(m_dir.filePath(u"x.csv"_s));
    QVERIFY(d.canAccept());
}

void TestExportDialog::windowDialogShowsItsCounts()
{
    MainWindow w;
    QVERIFY(openInto(w, m_file));
    w.packetList()->setFilterText(u"_http._tcp"_s);
    QTableView *table = w.packetList()->view();
    QCOMPARE(table->model()->rowCount(), kPackets / 2);
    table->selectionModel()->select(table->model()->index(1, 0),
                                    QItemSelectionModel::Select | QItemSelectionModel::Rows);
    table->selectionModel()->select(table->model()->index(4, 0),
                                    QItemSelectionModel::Select | QItemSelectionModel::Rows);
    QAction *exportIt = findAction(&w, exportAction());
    QVERIFY(exportIt);
    bool seen = false;
    whenModal<ExportDialog>([&](ExportDialog *d) {
        seen = true;
        QVERIFY(d->scopeButton(ExportDialog::Scope::All)->text().contains(u"(40)"_s));
        QVERIFY(d->scopeButton(ExportDialog::Scope::Displayed)->text().contains(u"(20)"_s));
        QVERIFY(d->scopeButton(ExportDialog::Scope::Selected)->text().contains(u"(2)"_s));
        QVERIFY(d->scopeButton(ExportDialog::Scope::Selected)->isEnabled());
    });
    exportIt->trigger();
    QVERIFY(seen);

    table->selectionModel()->clearSelection();
    seen = false;
    whenModal<ExportDialog>([&](ExportDialog *d) {
        seen = true;
        QVERIFY(!d->scopeButton(ExportDialog::Scope::Selected)->isEnabled());
        QVERIFY(d->scopeButton(ExportDialog::Scope::Displayed)->isEnabled());
    });
    exportIt->trigger();
    QVERIFY(seen);
}

void TestExportDialog::exportsDisplayedPackets_data()
{
    QTest::addColumn<int>("format");
    QTest::newRow("pcapng") << int(ExportFormat::Pcapng);
    QTest::newRow("JSON Lines") << int(ExportFormat::JsonLines);
    QTest::newRow("CSV") << int(ExportFormat::Csv);
}

void TestExportDialog::exportsDisplayedPackets()
{
    QFETCH(int, format);
    MainWindow w;
    QVERIFY(openInto(w, m_file));
    // Web servers from one of the four senders: packets 1, 5, 9, ... (i % 4 == 1).
    w.packetList()->setFilterText(u"_http._tcp"_s);
    w.packetList()->setSenderFilter(IpAddress::fromV4(MdnsCaptureFile::sender(1)));
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

void TestExportDialog::exportThroughDialog()
{
    MainWindow w;
    QVERIFY(openInto(w, m_file));
    w.packetList()->setFilterText(u"_ipp._tcp"_s);
    QTemporaryDir dir;
    const QString path = dir.filePath(u"printers.csv"_s);
    QSignalSpy finished(&w, &MainWindow::exportFinished);
    whenModal<ExportDialog>([&](ExportDialog *d) {
        auto *combo = d->findChild<QComboBox *>(u"format"_s);
        combo->setCurrentIndex(combo->findData(int(ExportFormat::Csv)));
        d->scopeButton(ExportDialog::Scope::Displayed)->click();
        d->findChild<QLineEdit *>(u"path"_s)->setText(dir.filePath(u"printers.pcapng"_s));
        combo->setCurrentIndex(combo->findData(int(ExportFormat::JsonLines)));
        combo->setCurrentIndex(combo->findData(int(ExportFormat::Csv)));
        QCOMPARE(d->path(), path);
        d->accept();
    });
    findAction(&w, exportAction())->trigger();
    QVERIFY(finished.wait(kTimeoutMs));
    const auto result = finished.at(0).at(0).value<ExportResult>();
    QVERIFY2(result.ok, qPrintable(result.error));
    QCOMPARE(result.packetsWritten, qint64(kPackets / 2));
    const QList<QByteArray> rows = lines(path);
    QCOMPARE(rows.size(), kPackets / 2 + 1);
    for (qsizetype k = 1; k < rows.size(); ++k)
        QVERIFY2(rows.at(k).contains("._ipp._tcp.local"), rows.at(k).constData());
}

void TestExportDialog::remembersExportFolder()
{
    QSettings().clear();
    const QString folder = m_dir.filePath(u"remembered"_s);
    QVERIFY(QDir().mkpath(folder));
    {
        MainWindow w;
        QVERIFY(openInto(w, m_file));
        QSignalSpy finished(&w, &MainWindow::exportFinished);
        w.exportPackets(ExportFormat::JsonLines, ExportDialog::Scope::All,
                        QDir(folder).filePath(u"all.jsonl"_s));
        QVERIFY(finished.wait(kTimeoutMs));
        QVERIFY(finished.at(0).at(0).value<ExportResult>().ok);
        w.close();
    }
    // Stored in the test location, not in the user's configuration.
    const QSettings settings;
    QVERIFY2(settings.fileName().startsWith(
                 QStandardPaths::writableLocation(QStandardPaths::GenericConfigLocation)),
             qPrintable(settings.fileName()));
    QCOMPARE(QFileInfo(settings.value(u"export/folder"_s).toString()).canonicalFilePath(),
             QFileInfo(folder).canonicalFilePath());

    MainWindow again;
    QVERIFY(openInto(again, m_file));
    QString offered;
    whenModal<ExportDialog>([&](ExportDialog *d) { offered = d->path(); });
    findAction(&again, exportAction())->trigger();
    QCOMPARE(QFileInfo(QFileInfo(offered).absolutePath()).canonicalFilePath(),
             QFileInfo(folder).canonicalFilePath());
    QSettings().clear();
}

void TestExportDialog::cancelledExportLeavesNoFile()
{
    // Enough packets for many of the exporter's pieces, so Cancel lands mid-export.
    const QString big = m_dir.filePath(u"big.pcapng"_s);
    QVERIFY(MdnsCaptureFile::write(big, MdnsCaptureFile::build(120'000, true)));
    MainWindow w;
    QVERIFY(openInto(w, big));
    QCOMPARE(w.document()->packets()->rowCount(), 120'000);
    QTemporaryDir dir;
    QSignalSpy finished(&w, &MainWindow::exportFinished);
    w.exportPackets(ExportFormat::JsonLines, ExportDialog::Scope::All,
                    dir.filePath(u"cancelled.jsonl"_s));
    QVERIFY(!findAction(&w, exportAction())->isEnabled()); // one export at a time
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
    QVERIFY(findAction(&w, exportAction())->isEnabled());
}

void TestExportDialog::failedExportShowsReason_data()
{
    QTest::addColumn<QString>("relative");
    QTest::addColumn<int>("format");
    QTest::newRow("missing folder") << u"no/such/folder/x.pcapng"_s << int(ExportFormat::Pcapng);
    QTest::newRow("folder is a file") << u"plain-file/x.jsonl"_s << int(ExportFormat::JsonLines);
    QTest::newRow("path is a folder") << u"a-folder"_s << int(ExportFormat::Csv);
}

void TestExportDialog::failedExportShowsReason()
{
    QFETCH(QString, relative);
    QFETCH(int, format);
    QTemporaryDir dir;
    QVERIFY(MdnsCaptureFile::write(dir.filePath(u"plain-file"_s), "not a folder"));
    QVERIFY(QDir(dir.path()).mkdir(u"a-folder"_s));
    const QStringList before = entries(dir.path());

    MainWindow w;
    QVERIFY(openInto(w, m_file));
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
    QVERIFY(findAction(&w, exportAction())->isEnabled());
}

QTEST_MAIN(TestExportDialog)
#include "tst_exportdialog.moc"

#include "ExportDialog.h"
#include "MainWindow.h"
#include "MdnsCaptureFile.h"
#include "ModalDialogs.h"
#include "PacketListPanel.h"
#include "WindowFiles.h"

#include <QAbstractButton>
#include <QAction>
#include <QApplication>
#include <QComboBox>
#include <QDir>
#include <QFile>
#include <QLineEdit>
#include <QLocale>
#include <QSettings>
#include <QSignalSpy>
#include <QStandardPaths>
#include <QTableView>
#include <QTemporaryDir>
#include <QTest>

using namespace Qt::StringLiterals;

// The export dialog: formats, scopes with their counts (a scope without packets cannot be
// chosen), the file suffix following the format, the folder remembered in QSettings (the
// test location, never the user's configuration), and the dialog driving the window's export.
namespace {
constexpr int kTimeoutMs = 20'000;
constexpr int kPackets = 40; // even ones IPP printers, odd ones web servers

QString exportAction()
{
    return u"&Export…"_s;
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
    void exportThroughDialog();
    void remembersExportFolder();

private:
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
    QVERIFY(WindowFiles::open(w, m_file));
    w.packetList()->setFilterText(u"_http._tcp"_s);
    QTableView *table = w.packetList()->view();
    QCOMPARE(table->model()->rowCount(), kPackets / 2);
    table->selectionModel()->select(table->model()->index(1, 0),
                                    QItemSelectionModel::Select | QItemSelectionModel::Rows);
    table->selectionModel()->select(table->model()->index(4, 0),
                                    QItemSelectionModel::Select | QItemSelectionModel::Rows);
    QAction *exportIt = ModalDialogs::action(&w, exportAction());
    QVERIFY(exportIt);
    bool seen = false;
    ModalDialogs::whenModal<ExportDialog>([&](ExportDialog *d) {
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
    ModalDialogs::whenModal<ExportDialog>([&](ExportDialog *d) {
        seen = true;
        QVERIFY(!d->scopeButton(ExportDialog::Scope::Selected)->isEnabled());
        QVERIFY(d->scopeButton(ExportDialog::Scope::Displayed)->isEnabled());
    });
    exportIt->trigger();
    QVERIFY(seen);
}

void TestExportDialog::exportThroughDialog()
{
    MainWindow w;
    QVERIFY(WindowFiles::open(w, m_file));
    w.packetList()->setFilterText(u"_ipp._tcp"_s);
    QTemporaryDir dir;
    const QString path = dir.filePath(u"printers.csv"_s);
    QSignalSpy finished(&w, &MainWindow::exportFinished);
    ModalDialogs::whenModal<ExportDialog>([&](ExportDialog *d) {
        auto *combo = d->findChild<QComboBox *>(u"format"_s);
        combo->setCurrentIndex(combo->findData(int(ExportFormat::Csv)));
        d->scopeButton(ExportDialog::Scope::Displayed)->click();
        d->findChild<QLineEdit *>(u"path"_s)->setText(dir.filePath(u"printers.pcapng"_s));
        combo->setCurrentIndex(combo->findData(int(ExportFormat::JsonLines)));
        combo->setCurrentIndex(combo->findData(int(ExportFormat::Csv)));
        QCOMPARE(d->path(), path);
        d->accept();
    });
    ModalDialogs::action(&w, exportAction())->trigger();
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
        QVERIFY(WindowFiles::open(w, m_file));
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
    QVERIFY(WindowFiles::open(again, m_file));
    QString offered;
    ModalDialogs::whenModal<ExportDialog>([&](ExportDialog *d) { offered = d->path(); });
    ModalDialogs::action(&again, exportAction())->trigger();
    QCOMPARE(QFileInfo(QFileInfo(offered).absolutePath()).canonicalFilePath(),
             QFileInfo(folder).canonicalFilePath());
    QSettings().clear();
}

QTEST_MAIN(TestExportDialog)
#include "tst_exportdialog.moc"

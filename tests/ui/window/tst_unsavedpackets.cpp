// Quit, Clear, Start and Open ask before discarding packets that were not saved: Save (a
// pcapng file of every packet, then the action), Discard (the action), Cancel (nothing); with
// "Don't ask again" in the box and in Preferences. An opened file unchanged, and packets
// exported whole to pcapng, are not asked about. The box is answered from a timer
// (ModalDialogs::whenModal), as a user would.
#include "CaptureFileReader.h"
#include "MainWindow.h"
#include "MdnsBuilder.h"
#include "MdnsCaptureFile.h"
#include "ModalDialogs.h"
#include "NetNamespace.h"
#include "PacketDocument.h"
#include "PacketListPanel.h"
#include "PreferencesDialog.h"
#include "TestPackets.h"
#include "WindowFiles.h"

#include <QAction>
#include <QApplication>
#include <QCheckBox>
#include <QDir>
#include <QFileDialog>
#include <QLineEdit>
#include <QMessageBox>
#include <QPushButton>
#include <QSettings>
#include <QSignalSpy>
#include <QStandardPaths>
#include <QTemporaryDir>
#include <QTest>
#include <QTimer>

using namespace Qt::StringLiterals;

namespace {
constexpr int kTimeoutMs = 20'000;

// Answers the next unsaved-packets box with `button` (ticking "Don't ask again" first when
// asked); *asked becomes true when it was shown. `then` runs after the answer (a file dialog
// that follows).
void answer(QMessageBox::StandardButton button, bool *asked, bool dontAsk = false,
            std::function<void()> then = {})
{
    ModalDialogs::whenModal<QMessageBox>([=](QMessageBox *box) {
        if (box->objectName() != u"unsavedPacketsBox"_s)
            return; // not ours: rejected, the test fails on *asked
        *asked = true;
        if (dontAsk)
            box->checkBox()->setChecked(true);
        if (then)
            then();
        box->button(button)->click();
    });
}

// Runs `action` and fails when any modal box or dialog shows meanwhile (it is closed).
bool noModal(const std::function<void()> &action)
{
    bool shown = false;
    QTimer guard;
    guard.setSingleShot(true);
    QObject::connect(&guard, &QTimer::timeout, [&shown] {
        if (QWidget *modal = QApplication::activeModalWidget()) {
            shown = true;
            modal->close();
        }
    });
    guard.start(3000);
    action();
    guard.stop();
    return !shown;
}

void addPackets(MainWindow &w, int count)
{
    PacketBatch batch;
    for (int i = 0; i < count; ++i)
        batch.append(TestPackets::packet(MdnsBuilder::query(u"h%1.local"_s.arg(i), 1), i));
    w.document()->addBatch(batch);
}

// Types the path into the file dialog's name field and accepts, as a user would (selectFile()
// races with the dialog's asynchronous directory listing, which may put back its first name).
void choose(QFileDialog *d, const QString &path)
{
    auto *name = d->findChild<QLineEdit *>(u"fileNameEdit"_s);
    QVERIFY(name);
    name->setText(path);
    static_cast<QDialog *>(d)->accept(); // QFileDialog::accept(), protected there
}

QAction *action(MainWindow &w, const QString &text)
{
    return ModalDialogs::action(&w, text);
}
} // namespace

class TestUnsavedPackets : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void initTestCase();
    void init() { QSettings().clear(); }
    void openedFileIsNotAsked();
    void clearAsks();
    void quitAsks();
    void openAsks();
    void startAsks();
    void saveExportsThenGoesOn();
    void exportedWholeIsSaved();
    void dontAskAgain();

private:
    QTemporaryDir m_dir;
    QString m_file;
};

void TestUnsavedPackets::initTestCase()
{
    QStandardPaths::setTestModeEnabled(true);
    QVERIFY(m_dir.isValid());
    m_file = m_dir.filePath(u"ten.pcap"_s);
    QVERIFY(MdnsCaptureFile::write(m_file, MdnsCaptureFile::build(10)));
}

void TestUnsavedPackets::openedFileIsNotAsked()
{
    MainWindow w;
    QVERIFY(!w.hasUnsavedPackets()); // nothing at all
    QVERIFY(WindowFiles::open(w, m_file));
    QVERIFY(!w.hasUnsavedPackets());
    QVERIFY(noModal([&] { w.clearAction()->trigger(); }));
    QCOMPARE(w.document()->totalPackets(), 0u);
    QVERIFY(WindowFiles::open(w, m_file));
    w.show();
    QVERIFY(noModal([&] { QVERIFY(w.close()); }));
}

void TestUnsavedPackets::clearAsks()
{
    MainWindow w;
    addPackets(w, 5);
    QVERIFY(w.hasUnsavedPackets());
    bool asked = false;
    answer(QMessageBox::Cancel, &asked);
    w.clearAction()->trigger();
    QVERIFY(asked);
    QCOMPARE(w.document()->totalPackets(), 5u);
    asked = false;
    answer(QMessageBox::Discard, &asked);
    w.clearAction()->trigger();
    QVERIFY(asked);
    QCOMPARE(w.document()->totalPackets(), 0u);
    QVERIFY(!w.hasUnsavedPackets());
    QVERIFY(noModal([&] { w.clearAction()->trigger(); })); // nothing left to lose
}

void TestUnsavedPackets::quitAsks()
{
    MainWindow w;
    w.show();
    QVERIFY(QTest::qWaitForWindowExposed(&w));
    addPackets(w, 3);
    bool asked = false;
    answer(QMessageBox::Cancel, &asked);
    QVERIFY(!w.close());
    QVERIFY(asked);
    QVERIFY(w.isVisible());
    QCOMPARE(w.document()->totalPackets(), 3u);
    asked = false;
    answer(QMessageBox::Discard, &asked);
    QVERIFY(w.close());
    QVERIFY(asked);
    QVERIFY(!w.isVisible());
}

void TestUnsavedPackets::openAsks()
{
    MainWindow w;
    addPackets(w, 4);
    bool asked = false;
    answer(QMessageBox::Cancel, &asked);
    action(w, u"&Open…"_s)->trigger(); // Cancel: no file dialog follows
    QVERIFY(asked);
    QCOMPARE(w.document()->totalPackets(), 4u);
    QVERIFY(!w.document()->isFile());

    asked = false;
    bool chose = false;
    QSignalSpy opened(&w, &MainWindow::fileOpened);
    answer(QMessageBox::Discard, &asked, false, [this, &chose] {
        ModalDialogs::whenModal<QFileDialog>([this, &chose](QFileDialog *d) {
            chose = true;
            choose(d, m_file);
        });
    });
    action(w, u"&Open…"_s)->trigger();
    QVERIFY(asked);
    QVERIFY(chose);
    QVERIFY(opened.wait(kTimeoutMs));
    QCOMPARE(w.document()->totalPackets(), 10u);
    QVERIFY(w.document()->isFile());
}

void TestUnsavedPackets::startAsks()
{
    MainWindow w;
    w.setInterface(u"lo"_s);
    addPackets(w, 2);
    bool asked = false;
    answer(QMessageBox::Cancel, &asked);
    w.startStopAction()->trigger();
    QVERIFY(asked);
    QCOMPARE(w.state(), MainWindow::State::Idle);
    QCOMPARE(w.document()->totalPackets(), 2u);
    // Discard starts the capture: only in a private network namespace (it joins the group).
    MDNSCOPE_REQUIRE_NETNS();
    asked = false;
    answer(QMessageBox::Discard, &asked);
    w.startStopAction()->trigger();
    QVERIFY(asked);
    QTRY_COMPARE_WITH_TIMEOUT(w.state(), MainWindow::State::Capturing, kTimeoutMs);
    QCOMPARE(w.document()->totalPackets(), 0u);
    w.startStopAction()->trigger();
    QTRY_COMPARE_WITH_TIMEOUT(w.state(), MainWindow::State::Idle, kTimeoutMs);
}

void TestUnsavedPackets::saveExportsThenGoesOn()
{
    MainWindow w;
    addPackets(w, 6);
    const QString saved = m_dir.filePath(u"saved-before-clear.pcapng"_s);
    bool asked = false;
    bool chose = false;
    answer(QMessageBox::Save, &asked, false, [&] {
        ModalDialogs::whenModal<QFileDialog>([&](QFileDialog *d) {
            chose = true;
            choose(d, saved);
        });
    });
    w.clearAction()->trigger();
    QVERIFY(asked);
    QVERIFY(chose);
    QCOMPARE(w.document()->totalPackets(), 0u); // saved, then cleared
    const CaptureFileResult read = CaptureFileReader::readFile(saved);
    QVERIFY2(!read.error, qPrintable(read.error ? read.error->toString() : QString()));
    QCOMPARE(read.packets.size(), 6);

    // Save, then no file chosen: nothing is cleared.
    addPackets(w, 2);
    asked = chose = false;
    answer(QMessageBox::Save, &asked, false, [&] {
        ModalDialogs::whenModal<QFileDialog>([&](QFileDialog *d) {
            chose = true;
            d->reject();
        });
    });
    w.clearAction()->trigger();
    QVERIFY(asked);
    QVERIFY(chose);
    QCOMPARE(w.document()->totalPackets(), 2u);
}

void TestUnsavedPackets::exportedWholeIsSaved()
{
    MainWindow w;
    addPackets(w, 5);
    QSignalSpy finished(&w, &MainWindow::exportFinished);
    // JSON Lines is not a capture: still unsaved.
    w.exportPackets(ExportFormat::JsonLines, ExportDialog::Scope::All,
                    m_dir.filePath(u"five.jsonl"_s));
    QVERIFY(finished.wait(kTimeoutMs));
    QVERIFY(w.hasUnsavedPackets());
    // Part of them in pcapng: still unsaved.
    w.packetList()->setFilterText(u"h1.local"_s);
    w.exportPackets(ExportFormat::Pcapng, ExportDialog::Scope::Displayed,
                    m_dir.filePath(u"one.pcapng"_s));
    QVERIFY(finished.wait(kTimeoutMs));
    QVERIFY(w.hasUnsavedPackets());
    // All of them in pcapng: saved, until more arrive.
    w.exportPackets(ExportFormat::Pcapng, ExportDialog::Scope::All,
                    m_dir.filePath(u"five.pcapng"_s));
    QVERIFY(finished.wait(kTimeoutMs));
    QVERIFY(finished.last().at(0).value<ExportResult>().ok);
    QVERIFY(!w.hasUnsavedPackets());
    addPackets(w, 1);
    QVERIFY(w.hasUnsavedPackets());
}

void TestUnsavedPackets::dontAskAgain()
{
    MainWindow w;
    addPackets(w, 3);
    bool asked = false;
    answer(QMessageBox::Discard, &asked, true);
    w.clearAction()->trigger();
    QVERIFY(asked);
    QCOMPARE(QSettings().value(MainWindow::kAskUnsavedKey).toBool(), false);
    addPackets(w, 3);
    QVERIFY(noModal([&] { w.clearAction()->trigger(); }));
    QCOMPARE(w.document()->totalPackets(), 0u);

    // Preferences shows it off, and turns it on again.
    bool sawDialog = false;
    ModalDialogs::whenModal<PreferencesDialog>([&](PreferencesDialog *d) {
        sawDialog = true;
        QVERIFY(!d->askBeforeDiscarding());
        d->findChild<QCheckBox *>(u"askBeforeDiscarding"_s)->setChecked(true);
        d->accept();
    });
    action(w, u"P&references…"_s)->trigger();
    QVERIFY(sawDialog);
    QCOMPARE(QSettings().value(MainWindow::kAskUnsavedKey).toBool(), true);
    addPackets(w, 3);
    asked = false;
    answer(QMessageBox::Cancel, &asked);
    w.clearAction()->trigger();
    QVERIFY(asked);
    QCOMPARE(w.document()->totalPackets(), 3u);
    // Cancel with the box ticked does not stop the asking.
    asked = false;
    answer(QMessageBox::Cancel, &asked, true);
    w.clearAction()->trigger();
    QVERIFY(asked);
    QCOMPARE(QSettings().value(MainWindow::kAskUnsavedKey, true).toBool(), true);
    QSettings().setValue(MainWindow::kAskUnsavedKey, false); // the window's destructor: no box
}

MDNSCOPE_NETNS_TEST_WIDGETS_MAIN(TestUnsavedPackets)
#include "tst_unsavedpackets.moc"

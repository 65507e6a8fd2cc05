#include "CaptureController.h"
#include "CaptureStatusBar.h"
#include "MainWindow.h"
#include "MdnsCaptureFile.h"
#include "MessageBar.h"
#include "ModalDialogs.h"
#include "PacketDocument.h"
#include "PacketStore.h"
#include "PacketTableModel.h"
#include "PreferencesDialog.h"

#include <QAction>
#include <QCheckBox>
#include <QDeadlineTimer>
#include <QLineEdit>
#include <QLocale>
#include <QSettings>
#include <QSignalSpy>
#include <QSpinBox>
#include <QStandardPaths>
#include <QTcpServer>
#include <QTcpSocket>
#include <QTemporaryDir>
#include <QTest>

using namespace Qt::StringLiterals;

// The preferences dialog: the store capacity's bounds, applying it from the window (a
// smaller capacity evicts the oldest rows with row removals and the status bar counts
// them), keeping it in QSettings (the test location), and Cancel changing nothing. The
// Prometheus metrics preference: off by default, served on loopback (inside this process) once
// set, restored by the next window, a bad address shown in the message bar.
namespace {
constexpr int kTimeoutMs = 20'000;
constexpr int kPackets = 3000;
const QString kPreferences = u"P&references…"_s; // the File menu item

int removedRows(const QSignalSpy &spy)
{
    int rows = 0;
    for (const QList<QVariant> &call : spy)
        rows += call.at(2).toInt() - call.at(1).toInt() + 1;
    return rows;
}
} // namespace

class TestPreferencesDialog : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void initTestCase();
    void cleanup();
    void capacityBounds_data();
    void capacityBounds();
    void smallerCapacityEvicts();
    void largerCapacityKeepsEverything();
    void cancelChangesNothing();
    void storedCapacityIsBounded();
    void metricsPreference();

private:
    bool openInto(MainWindow &w);
    QTemporaryDir m_dir;
    QString m_file;
};

void TestPreferencesDialog::initTestCase()
{
    QStandardPaths::setTestModeEnabled(true);
    QSettings().clear();
    QVERIFY(m_dir.isValid());
    m_file = m_dir.filePath(u"input.pcap"_s);
    QVERIFY(MdnsCaptureFile::write(m_file, MdnsCaptureFile::build(kPackets)));
}

void TestPreferencesDialog::cleanup()
{
    QSettings().clear();
}

bool TestPreferencesDialog::openInto(MainWindow &w)
{
    QSignalSpy opened(&w, &MainWindow::fileOpened);
    w.openFile(m_file);
    return opened.wait(kTimeoutMs) && opened.at(0).at(0).toBool() &&
           w.document()->packets()->rowCount() == kPackets;
}

void TestPreferencesDialog::capacityBounds_data()
{
    QTest::addColumn<qlonglong>("given");
    QTest::addColumn<qlonglong>("shown");
    QTest::newRow("default") << qlonglong(PacketStore::kDefaultCapacity)
                             << qlonglong(PacketStore::kDefaultCapacity);
    QTest::newRow("below the minimum") << 10LL << qlonglong(PacketStore::kMinimumCapacity);
    QTest::newRow("above the maximum") << 5'000'000'000LL << 20'000'000LL;
    QTest::newRow("in between") << 123'456LL << 123'456LL;
}

void TestPreferencesDialog::capacityBounds()
{
    QFETCH(qlonglong, given);
    QFETCH(qlonglong, shown);
    PreferencesDialog d(given);
    auto *spin = d.findChild<QSpinBox *>(u"storeCapacity"_s);
    QVERIFY(spin);
    QCOMPARE(spin->minimum(), int(PacketStore::kMinimumCapacity));
    QCOMPARE(spin->maximum(), 20'000'000);
    QCOMPARE(d.storeCapacity(), qsizetype(shown));
    spin->setValue(1); // typing below the minimum is not possible either
    QCOMPARE(d.storeCapacity(), PacketStore::kMinimumCapacity);
}

void TestPreferencesDialog::smallerCapacityEvicts()
{
    {
        MainWindow w;
        QVERIFY(openInto(w));
        PacketTableModel *packets = w.document()->packets();
        QSignalSpy removed(packets, &QAbstractItemModel::rowsRemoved);
        QSignalSpy reset(packets, &QAbstractItemModel::modelReset);
        bool shown = false;
        ModalDialogs::whenModal<PreferencesDialog>([&](PreferencesDialog *d) {
            shown = true;
            auto *spin = d->findChild<QSpinBox *>(u"storeCapacity"_s);
            QCOMPARE(spin->value(), int(PacketStore::kDefaultCapacity));
            spin->setValue(1000);
            d->accept();
        });
        ModalDialogs::action(&w, kPreferences)->trigger();
        QVERIFY(shown);
        QCOMPARE(w.document()->store().capacity(), 1000);
        // The oldest 2000 go, as row removals (no reset); the newest stay.
        QCOMPARE(reset.size(), 0);
        QVERIFY(!removed.isEmpty());
        QCOMPARE(removedRows(removed), kPackets - 1000);
        QCOMPARE(removed.at(0).at(1).toInt(), 0);
        QCOMPARE(packets->rowCount(), 1000);
        QVERIFY(packets->index(0, PacketTableModel::SummaryColumn)
                    .data()
                    .toString()
                    .contains(u"Printer 2000._ipp._tcp.local"_s));
        QCOMPARE(w.document()->store().evictedCount(), quint64(kPackets - 1000));
        QVERIFY2(w.captureStatusBar()->evictedText().contains(QLocale().toString(kPackets - 1000)),
                 qPrintable(w.captureStatusBar()->evictedText()));
        QVERIFY(w.captureStatusBar()->packetsText().contains(QLocale().toString(kPackets)));
        w.close();
    }
    QCOMPARE(QSettings().value(u"store/capacity"_s).toLongLong(), 1000);
    MainWindow again;
    QCOMPARE(again.document()->store().capacity(), 1000);
    bool shown = false;
    ModalDialogs::whenModal<PreferencesDialog>([&](PreferencesDialog *d) {
        shown = true;
        QCOMPARE(d->storeCapacity(), 1000);
    });
    ModalDialogs::action(&again, kPreferences)->trigger();
    QVERIFY(shown);
}

void TestPreferencesDialog::largerCapacityKeepsEverything()
{
    MainWindow w;
    QVERIFY(openInto(w));
    QSignalSpy removed(w.document()->packets(), &QAbstractItemModel::rowsRemoved);
    ModalDialogs::whenModal<PreferencesDialog>([&](PreferencesDialog *d) {
        d->findChild<QSpinBox *>(u"storeCapacity"_s)->setValue(2'000'000);
        d->accept();
    });
    ModalDialogs::action(&w, kPreferences)->trigger();
    QCOMPARE(w.document()->store().capacity(), 2'000'000);
    QCOMPARE(removed.size(), 0);
    QCOMPARE(w.document()->packets()->rowCount(), kPackets);
    QCOMPARE(w.document()->store().evictedCount(), quint64(0));
}

void TestPreferencesDialog::cancelChangesNothing()
{
    {
        MainWindow w;
        QVERIFY(openInto(w));
        QSignalSpy removed(w.document()->packets(), &QAbstractItemModel::rowsRemoved);
        const QString evictedBefore = w.captureStatusBar()->evictedText();
        bool shown = false;
        ModalDialogs::whenModal<PreferencesDialog>([&](PreferencesDialog *d) {
            shown = true;
            d->findChild<QSpinBox *>(u"storeCapacity"_s)->setValue(1000);
            d->reject();
        });
        ModalDialogs::action(&w, kPreferences)->trigger();
        QVERIFY(shown);
        QCOMPARE(w.document()->store().capacity(), PacketStore::kDefaultCapacity);
        QCOMPARE(removed.size(), 0);
        QCOMPARE(w.document()->packets()->rowCount(), kPackets);
        QCOMPARE(w.captureStatusBar()->evictedText(), evictedBefore);
        w.close();
    }
    QCOMPARE(QSettings().value(u"store/capacity"_s).toLongLong(),
             qlonglong(PacketStore::kDefaultCapacity));
}

void TestPreferencesDialog::storedCapacityIsBounded()
{
    // A hand-edited or damaged setting cannot make the store smaller than its minimum.
    QSettings().setValue(u"store/capacity"_s, 5);
    MainWindow w;
    QCOMPARE(w.document()->store().capacity(), PacketStore::kMinimumCapacity);
}

namespace {
// GET /metrics over loopback: the response, empty when nothing answers.
QByteArray scrape(quint16 port)
{
    QTcpSocket s;
    s.connectToHost(QHostAddress::LocalHost, port);
    if (!s.waitForConnected(2000))
        return {};
    s.write("GET /metrics HTTP/1.1\r\nHost: test\r\n\r\n");
    QByteArray r;
    QDeadlineTimer deadline(10000);
    while (s.state() == QAbstractSocket::ConnectedState && !deadline.hasExpired()) {
        QTest::qWait(5); // the server answers on this thread's event loop
        r += s.readAll();
    }
    return r + s.readAll();
}

quint16 freePort()
{
    QTcpServer probe;
    probe.listen(QHostAddress::LocalHost, 0);
    return probe.serverPort();
}
} // namespace

void TestPreferencesDialog::metricsPreference()
{
    {
        PreferencesDialog d(PacketStore::kDefaultCapacity);
        QVERIFY(!d.findChild<QCheckBox *>(u"metrics"_s)->isChecked()); // off by default
        QVERIFY(!d.findChild<QLineEdit *>(u"metricsAddress"_s)->isEnabled());
        QVERIFY(d.metricsAddress().isEmpty());
    }
    const quint16 port = freePort();
    const QString address = u"127.0.0.1:%1"_s.arg(port);
    {
        MainWindow w;
        QVERIFY(w.controller()->metricsAddress().isEmpty());
        QVERIFY(scrape(port).isEmpty());
        ModalDialogs::whenModal<PreferencesDialog>([&](PreferencesDialog *d) {
            d->findChild<QCheckBox *>(u"metrics"_s)->setChecked(true);
            d->findChild<QLineEdit *>(u"metricsAddress"_s)->setText(address);
            d->accept();
        });
        ModalDialogs::action(&w, kPreferences)->trigger();
        QCOMPARE(w.controller()->metricsAddress(), address);
        const QByteArray r = scrape(port);
        QVERIFY2(r.startsWith("HTTP/1.1 200 OK\r\n"), r.constData());
        QVERIFY(r.contains("\nmdnscope_packets_received_total 0\n"));
        QVERIFY(!r.contains("mdnscope_host_packets_total")); // not known on this thread
        w.close();
    }
    QVERIFY(scrape(port).isEmpty()); // the window is gone, and its server
    QCOMPARE(QSettings().value(MainWindow::kMetricsAddressKey).toString(), address);
    {
        MainWindow again; // restored from the settings
        QCOMPARE(again.controller()->metricsAddress(), address);
        QVERIFY(scrape(port).startsWith("HTTP/1.1 200 OK"));

        // A second window cannot listen there too: it says so and serves nothing.
        MainWindow second;
        QVERIFY(second.controller()->metricsAddress().isEmpty());
        QVERIFY(second.messageBar()->isError());
        QVERIFY2(second.messageBar()->text().contains(address),
                 qPrintable(second.messageBar()->text()));

        // Switched off: nothing listens any more.
        ModalDialogs::whenModal<PreferencesDialog>([&](PreferencesDialog *d) {
            QVERIFY(d->findChild<QCheckBox *>(u"metrics"_s)->isChecked());
            QCOMPARE(d->findChild<QLineEdit *>(u"metricsAddress"_s)->text(), address);
            d->findChild<QCheckBox *>(u"metrics"_s)->setChecked(false);
            d->accept();
        });
        ModalDialogs::action(&again, kPreferences)->trigger();
        QVERIFY(again.controller()->metricsAddress().isEmpty());
        QVERIFY(scrape(port).isEmpty());

        // A malformed address: shown, nothing served.
        ModalDialogs::whenModal<PreferencesDialog>([&](PreferencesDialog *d) {
            d->findChild<QCheckBox *>(u"metrics"_s)->setChecked(true);
            d->findChild<QLineEdit *>(u"metricsAddress"_s)->setText(u"localhost:9100"_s);
            d->accept();
        });
        ModalDialogs::action(&again, kPreferences)->trigger();
        QVERIFY(again.controller()->metricsAddress().isEmpty());
        QVERIFY(again.messageBar()->isError());
        QVERIFY2(again.messageBar()->text().contains(u"localhost"_s),
                 qPrintable(again.messageBar()->text()));
    }
}

QTEST_MAIN(TestPreferencesDialog)
#include "tst_preferencesdialog.moc"

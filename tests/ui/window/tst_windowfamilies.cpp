// The window and the address families (issue #13), in a private network namespace with a veth
// pair: the family chooser decides what the next capture takes and the state line names it; the
// interface chooser lists each interface with its families; the status bar counts IPv4 and IPv6
// packets apart; capturing on every interface, a veth pair added meanwhile is joined and said in
// the status bar, and its traffic is shown.
#include "CaptureSession.h"
#include "CaptureStatusBar.h"
#include "MainWindow.h"
#include "MdnsBuilder.h"
#include "MulticastSender.h"
#include "NetNamespace.h"
#include "PacketDocument.h"

#include <QAction>
#include <QComboBox>
#include <QSettings>
#include <QSignalSpy>
#include <QStandardPaths>
#include <QTest>

using namespace Qt::StringLiterals;

namespace {
constexpr int kTimeoutMs = 10'000;

MulticastSender::Options out(const QString &group, const QString &iface)
{
    MulticastSender::Options o;
    o.group = group;
    o.interfaceName = iface;
    return o;
}

QByteArray announcement()
{
    return MdnsBuilder::response({MdnsBuilder::a(u"dual.local"_s, 0xA9FE0102u)});
}
} // namespace

class TestWindowFamilies : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void initTestCase()
    {
        QStandardPaths::setTestModeEnabled(true);
        QSettings().setValue(MainWindow::kAskUnsavedKey, false); // packets are dropped on purpose
        if (!NetNamespace::isPrivate())
            return;
        QString error;
        QVERIFY2(NetNamespace::addVethPair(u"wfa"_s, u"wfb"_s, &error), qPrintable(error));
    }

    void interfacesListTheirFamilies()
    {
        MDNSCOPE_REQUIRE_NETNS();
        MainWindow w;
        const QComboBox *chooser = w.interfaceChooser();
        const int i = chooser->findData(u"wfb"_s);
        QVERIFY(i > 0);
        QCOMPARE(chooser->itemText(i), u"wfb (IPv4 + IPv6)"_s);
        QCOMPARE(chooser->itemData(0).toString(), QString()); // all interfaces first
        // Nothing captured yet: no count per family (a file shown has none either).
        QCOMPARE(w.captureStatusBar()->familiesText(), u"IPv4: – · IPv6: –"_s);
    }

    void familyChooserDecidesTheCapture()
    {
        MDNSCOPE_REQUIRE_NETNS();
        MainWindow w;
        w.show();
        w.setInterface(u"wfb"_s);
        w.setFamilies(false, true); // IPv6 only
        QCOMPARE(w.familyChooser()->currentText(), u"IPv6 only"_s);
        w.startStopAction()->trigger();
        QTRY_COMPARE_WITH_TIMEOUT(w.state(), MainWindow::State::Capturing, kTimeoutMs);
        QVERIFY(!w.familyChooser()->isEnabled()); // not while capturing
        QCOMPARE(w.captureStatusBar()->stateText(), u"Capturing on wfb (IPv6)"_s);

        MulticastSender s4(out(u"224.0.0.251"_s, u"wfa"_s)), s6(out(u"ff02::fb"_s, u"wfa"_s));
        QVERIFY(s4.send(announcement()));
        QVERIFY(s6.send(announcement()));
        QVERIFY(s6.send(announcement()));
        QTRY_COMPARE_WITH_TIMEOUT(w.document()->totalPackets(), quint64(2), kTimeoutMs);
        QTRY_COMPARE_WITH_TIMEOUT(w.captureStatusBar()->familiesText(), u"IPv4: 0 · IPv6: 2"_s,
                                  kTimeoutMs);
        w.startStopAction()->trigger();
        QTRY_COMPARE_WITH_TIMEOUT(w.state(), MainWindow::State::Idle, kTimeoutMs);
        QVERIFY(w.familyChooser()->isEnabled());

        w.setFamilies(true, true);
        w.startStopAction()->trigger();
        QTRY_COMPARE_WITH_TIMEOUT(w.state(), MainWindow::State::Capturing, kTimeoutMs);
        QCOMPARE(w.captureStatusBar()->stateText(), u"Capturing on wfb (IPv4 + IPv6)"_s);
        QVERIFY(s4.send(announcement()));
        QVERIFY(s6.send(announcement()));
        QTRY_COMPARE_WITH_TIMEOUT(w.captureStatusBar()->familiesText(), u"IPv4: 1 · IPv6: 1"_s,
                                  kTimeoutMs);
        w.startStopAction()->trigger();
        QTRY_COMPARE_WITH_TIMEOUT(w.state(), MainWindow::State::Idle, kTimeoutMs);
    }

    void interfaceAddedWhileCapturingIsJoined()
    {
        MDNSCOPE_REQUIRE_NETNS();
        MainWindow w;
        w.show();
        w.setInterface(QString()); // all interfaces
        w.setFamilies(true, true);
        QSignalSpy changes(w.session(), &CaptureSession::interfaceChanged);
        w.startStopAction()->trigger();
        QTRY_COMPARE_WITH_TIMEOUT(w.state(), MainWindow::State::Capturing, kTimeoutMs);
        QVERIFY(!w.captureStatusBar()->stateText().contains(u"wfl1"_s));

        QString error;
        QVERIFY2(NetNamespace::addVethPair(u"wfl0"_s, u"wfl1"_s, &error), qPrintable(error));
        QTRY_VERIFY_WITH_TIMEOUT(w.captureStatusBar()->stateText().contains(u"wfl1"_s), kTimeoutMs);
        QVERIFY(changes.size() >= 2);
        // The last change is on the status bar, as a user reads it.
        const QString message = w.captureStatusBar()->currentMessage();
        QVERIFY2(message.startsWith(u"joined wfl"_s) &&
                     (message.endsWith(u"(IPv4)"_s) || message.endsWith(u"(IPv6)"_s)),
                 qPrintable(message));

        const quint64 before = w.document()->totalPackets();
        MulticastSender s6(out(u"ff02::fb"_s, u"wfl0"_s));
        QVERIFY(s6.send(announcement()));
        QTRY_VERIFY_WITH_TIMEOUT(w.document()->totalPackets() >= before + 1, kTimeoutMs);

        QVERIFY(NetNamespace::deleteLink(u"wfl0"_s, &error));
        QTRY_VERIFY_WITH_TIMEOUT(!w.captureStatusBar()->stateText().contains(u"wfl1"_s),
                                 kTimeoutMs);
        QTRY_VERIFY_WITH_TIMEOUT(w.captureStatusBar()->currentMessage().startsWith(u"left wfl"_s),
                                 kTimeoutMs);
        w.startStopAction()->trigger();
        QTRY_COMPARE_WITH_TIMEOUT(w.state(), MainWindow::State::Idle, kTimeoutMs);
    }
};

MDNSCOPE_NETNS_TEST_WIDGETS_MAIN(TestWindowFamilies)
#include "tst_windowfamilies.moc"

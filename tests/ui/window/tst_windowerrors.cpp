#include "CaptureSession.h"
#include "CaptureStatusBar.h"
#include "CaptureTypes.h"
#include "MainWindow.h"
#include "MessageBar.h"
#include "NetNamespace.h"

#include <QAction>
#include <QComboBox>
#include <QProcess>
#include <QSettings>
#include <QSignalSpy>
#include <QStandardPaths>
#include <QTest>

#include <cerrno>
#include <netinet/in.h>
#include <sys/socket.h>
#include <unistd.h>

using namespace Qt::StringLiterals;

// Capture errors in the window, provoked in a private network namespace: an interface that
// does not exist, the mDNS port held exclusively by another socket, an interface without
// multicast. Each shows the operation and its details in the message bar, the Start/Stop
// action is back to an enabled, unchecked "Start", and the next start (once the cause is
// gone) captures: nothing is left stuck.
namespace {
constexpr int kTimeoutMs = 10'000;

// A UDP socket bound to 0.0.0.0:port without SO_REUSEADDR: no other socket can bind it.
class PortBlocker
{
public:
    explicit PortBlocker(quint16 port)
        : m_fd(::socket(AF_INET, SOCK_DGRAM | SOCK_CLOEXEC, 0))
    {
        if (m_fd < 0)
            return;
        sockaddr_in a{};
        a.sin_family = AF_INET;
        a.sin_addr.s_addr = htonl(INADDR_ANY);
        a.sin_port = htons(port);
        if (::bind(m_fd, reinterpret_cast<const sockaddr *>(&a), sizeof a) != 0)
            release();
    }
    ~PortBlocker() { release(); }
    Q_DISABLE_COPY_MOVE(PortBlocker)
    bool isBound() const { return m_fd >= 0; }
    void release()
    {
        if (m_fd >= 0)
            ::close(m_fd);
        m_fd = -1;
    }

private:
    int m_fd;
};

bool ip(const QStringList &arguments)
{
    return QProcess::execute(u"ip"_s, arguments) == 0;
}
} // namespace

class TestWindowErrors : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void initTestCase();
    void missingInterface();
    void portInUse();
    void oneFamilyUnavailable();
    void interfaceWithoutMulticast();
    void interfaceDown();

private:
    // Starts on `interfaceName` and expects the capture to fail; returns the error.
    std::optional<CaptureError> failingStart(MainWindow &w, const QString &interfaceName);
    void expectShown(MainWindow &w, const CaptureError &error);
    void expectCaptureWorks(MainWindow &w);
};

void TestWindowErrors::initTestCase()
{
    QStandardPaths::setTestModeEnabled(true);
    QSettings().setValue(MainWindow::kAskUnsavedKey, false); // packets are dropped on purpose here
}

std::optional<CaptureError> TestWindowErrors::failingStart(MainWindow &w,
                                                           const QString &interfaceName)
{
    w.setInterface(interfaceName);
    QSignalSpy error(w.session(), &CaptureSession::errorOccurred);
    w.startStopAction()->trigger(); // as the toolbar button would
    if (!error.wait(kTimeoutMs))
        return std::nullopt;
    return error.at(0).at(0).value<CaptureError>();
}

void TestWindowErrors::expectShown(MainWindow &w, const CaptureError &error)
{
    QTRY_COMPARE_WITH_TIMEOUT(w.state(), MainWindow::State::Idle, kTimeoutMs);
    QVERIFY(!w.messageBar()->isHidden());
    QVERIFY2(w.messageBar()->text().contains(error.operation.toHtmlEscaped()),
             qPrintable(w.messageBar()->text()));
    QCOMPARE(w.messageBar()->details(), error.toString());
    QVERIFY(w.captureStatusBar()->currentMessage().contains(u"failed"_s));
    QCOMPARE(w.captureStatusBar()->stateText(), u"Idle"_s);
    QAction *startStop = w.startStopAction();
    QVERIFY(startStop->isEnabled());
    QVERIFY(!startStop->isChecked());
    QVERIFY(startStop->text().contains(u"Start"_s));
    QVERIFY(w.interfaceChooser()->isEnabled());
    QVERIFY(!w.session()->isRunning());
}

void TestWindowErrors::expectCaptureWorks(MainWindow &w)
{
    w.setInterface(u"lo"_s);
    QSignalSpy error(w.session(), &CaptureSession::errorOccurred);
    w.startStopAction()->trigger();
    QTRY_COMPARE_WITH_TIMEOUT(w.state(), MainWindow::State::Capturing, kTimeoutMs);
    QVERIFY(w.messageBar()->isHidden()); // a new start clears the old error
    QVERIFY(w.startStopAction()->text().contains(u"Stop"_s));
    w.startStopAction()->trigger();
    QTRY_COMPARE_WITH_TIMEOUT(w.state(), MainWindow::State::Idle, kTimeoutMs);
    QCOMPARE(error.size(), 0);
    QVERIFY(w.startStopAction()->isEnabled());
}

void TestWindowErrors::missingInterface()
{
    MDNSCOPE_REQUIRE_NETNS();
    MainWindow w;
    w.show();
    const auto error = failingStart(w, u"nosuch0"_s);
    QVERIFY2(error, "no error reported");
    QCOMPARE(error->systemError, ENODEV);
    QVERIFY2(error->details.contains(u"nosuch0"_s), qPrintable(error->details));
    expectShown(w, *error);
    QVERIFY(w.messageBar()->details().contains(u"nosuch0"_s));
    expectCaptureWorks(w);
}

void TestWindowErrors::portInUse()
{
    MDNSCOPE_REQUIRE_NETNS();
    PortBlocker blocker(5353);
    QVERIFY2(blocker.isBound(), "cannot bind port 5353 in the namespace");
    MainWindow w;
    w.show();
    w.setFamilies(true, false); // IPv4 only: the blocked port is the whole capture
    const auto error = failingStart(w, u"lo"_s);
    QVERIFY2(error, "no error reported");
    QCOMPARE(error->systemError, EADDRINUSE);
    QVERIFY2(error->details.contains(u"5353"_s), qPrintable(error->details));
    expectShown(w, *error);
    QVERIFY(w.messageBar()->details().contains(u"5353"_s));
    blocker.release();
    expectCaptureWorks(w);
}

// Both families asked for, IPv4's port held by another socket: the capture runs on IPv6 and
// the window says, as a notice and not as an error, why IPv4 is missing.
void TestWindowErrors::oneFamilyUnavailable()
{
    MDNSCOPE_REQUIRE_NETNS();
    PortBlocker blocker(5353);
    QVERIFY2(blocker.isBound(), "cannot bind port 5353 in the namespace");
    MainWindow w;
    w.show();
    w.setFamilies(true, true);
    w.setInterface(u"lo"_s);
    QSignalSpy error(w.session(), &CaptureSession::errorOccurred);
    w.startStopAction()->trigger();
    QTRY_COMPARE_WITH_TIMEOUT(w.state(), MainWindow::State::Capturing, kTimeoutMs);
    QVERIFY(error.isEmpty());
    QTRY_VERIFY_WITH_TIMEOUT(!w.messageBar()->isHidden(), kTimeoutMs);
    QVERIFY(!w.messageBar()->isError());
    QVERIFY2(w.messageBar()->text().contains(u"IPv6"_s), qPrintable(w.messageBar()->text()));
    QVERIFY2(w.messageBar()->details().contains(u"IPv4"_s) &&
                 w.messageBar()->details().contains(u"5353"_s),
             qPrintable(w.messageBar()->details()));
    QCOMPARE(w.captureStatusBar()->stateText(), u"Capturing on lo (IPv6)"_s);
    w.startStopAction()->trigger();
    QTRY_COMPARE_WITH_TIMEOUT(w.state(), MainWindow::State::Idle, kTimeoutMs);
    QVERIFY(error.isEmpty());
}

void TestWindowErrors::interfaceWithoutMulticast()
{
    MDNSCOPE_REQUIRE_NETNS();
    if (!ip({u"link"_s, u"set"_s, u"lo"_s, u"multicast"_s, u"off"_s}))
        QSKIP("cannot switch multicast off on lo with ip(8)");
    MainWindow w;
    w.show();
    const auto error = failingStart(w, u"lo"_s);
    const bool restored = ip({u"link"_s, u"set"_s, u"lo"_s, u"multicast"_s, u"on"_s});
    QVERIFY2(restored, "could not switch multicast back on");
    QVERIFY2(error, "no error reported");
    QVERIFY2(error->details.contains(u"multicast"_s), qPrintable(error->details));
    expectShown(w, *error);
    expectCaptureWorks(w);
}

void TestWindowErrors::interfaceDown()
{
    MDNSCOPE_REQUIRE_NETNS();
    if (!ip({u"link"_s, u"add"_s, u"mdnsdown0"_s, u"type"_s, u"dummy"_s}))
        QSKIP("no dummy interfaces here (ip link add ... type dummy failed)");
    MainWindow w;
    w.show();
    const auto error = failingStart(w, u"mdnsdown0"_s); // created down
    ip({u"link"_s, u"del"_s, u"mdnsdown0"_s});
    QVERIFY2(error, "no error reported");
    QCOMPARE(error->systemError, ENETDOWN);
    QVERIFY2(error->details.contains(u"mdnsdown0"_s), qPrintable(error->details));
    expectShown(w, *error);
    expectCaptureWorks(w);
}

MDNSCOPE_NETNS_TEST_WIDGETS_MAIN(TestWindowErrors)
#include "tst_windowerrors.moc"

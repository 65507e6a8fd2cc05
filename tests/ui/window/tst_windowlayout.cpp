// The window at 1024×700 (issue #17 §3), in English and German, with a capture file opened and
// every dock shown: the window is exactly that size (no dock's contents hold it taller), each
// dock's contents get at least their minimum size whichever tab is raised, the packet list
// keeps a fair share of the width, and the status bar's parts neither overlap nor cut their
// text off without eliding it (the file's message used to run into "Opened FILE").
// With MDNSCOPE_SCREENSHOT_DIR set, the window is saved there as PNGs to be looked at.
#include "CaptureStatusBar.h"
#include "MainWindow.h"
#include "PacketListPanel.h"
#include "Translations.h"

#include <QDockWidget>
#include <QLabel>
#include <QSettings>
#include <QSignalSpy>
#include <QStandardPaths>
#include <QTabWidget>
#include <QTableView>
#include <QTest>

using namespace Qt::StringLiterals;

namespace {
constexpr int kTimeoutMs = 20'000;

QString corpus(const QString &name)
{
    return QStringLiteral(MDNSCOPE_SOURCE_DIR "/../shared/corpus/") + name;
}

QString sizeText(QSize size)
{
    return u"%1×%2"_s.arg(size.width()).arg(size.height());
}

// Every dock whose contents are smaller than their minimum, with both sizes: empty when all fit.
QStringList squeezedDocks(const MainWindow &w)
{
    QStringList squeezed;
    for (const QDockWidget *dock : w.findChildren<QDockWidget *>()) {
        const QWidget *content = dock->widget();
        if (!content->isVisible())
            continue; // a tab behind another
        const QSize minimum = content->minimumSizeHint().expandedTo(content->minimumSize());
        if (content->width() < minimum.width() || content->height() < minimum.height())
            squeezed.append(u"%1 %2 < %3"_s.arg(dock->objectName(), sizeText(content->size()),
                                                sizeText(minimum)));
    }
    return squeezed;
}

// The status bar's problems: parts that overlap, texts cut off without being elided.
QStringList statusBarProblems(const CaptureStatusBar *bar)
{
    QStringList problems;
    QList<const QWidget *> parts;
    for (const QWidget *child : bar->findChildren<QWidget *>(Qt::FindDirectChildrenOnly)) {
        if (child->isVisible() && qobject_cast<const QLabel *>(child))
            parts.append(child);
    }
    if (parts.size() < 5)
        problems.append(u"only %1 parts shown"_s.arg(parts.size()));
    for (qsizetype i = 0; i < parts.size(); ++i) {
        const auto *label = static_cast<const QLabel *>(parts.at(i));
        if (!bar->rect().contains(label->geometry()))
            problems.append(label->text() + u" outside the bar"_s);
        for (qsizetype j = i + 1; j < parts.size(); ++j) {
            if (label->geometry().intersects(parts.at(j)->geometry()))
                problems.append(label->text() + u" overlaps "_s +
                                static_cast<const QLabel *>(parts.at(j))->text());
        }
        const QString shown = bar->shownText(label);
        const int room = label->contentsRect().width();
        if (label->fontMetrics().horizontalAdvance(shown) > room)
            problems.append(u"%1: %2 px wide in %3"_s.arg(shown)
                                .arg(label->fontMetrics().horizontalAdvance(shown))
                                .arg(room));
        if (shown != label->text() &&
            (!shown.endsWith(QChar(0x2026)) || !label->toolTip().contains(label->text())))
            problems.append(shown + u" shortened without an ellipsis and the tooltip"_s);
    }
    // The transient message, left of the parts.
    const QString message = bar->currentMessage();
    if (!message.isEmpty()) {
        const QRect room = bar->messageRect();
        const QString shown = bar->shownMessage();
        if (room.width() < 100)
            problems.append(u"the message has %1 px"_s.arg(room.width()));
        if (bar->fontMetrics().horizontalAdvance(shown) > room.width())
            problems.append(u"message %1 wider than %2 px"_s.arg(shown).arg(room.width()));
        for (const QWidget *part : std::as_const(parts)) {
            if (part->geometry().intersects(room))
                problems.append(u"the message runs into "_s +
                                static_cast<const QLabel *>(part)->text());
        }
        if (shown != message && (!shown.endsWith(QChar(0x2026)) || bar->toolTip() != message))
            problems.append(u"message shortened without an ellipsis and the tooltip"_s);
    }
    return problems;
}
} // namespace

class TestWindowLayout : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void initTestCase() { QStandardPaths::setTestModeEnabled(true); }
    void init() { QSettings().clear(); } // the layout as it is the first time
    void fitsAt1024x700_data();
    void fitsAt1024x700();
    void widerWindowKeepsTheDockWidth();
};

void TestWindowLayout::fitsAt1024x700_data()
{
    QTest::addColumn<QString>("language");
    QTest::newRow("en") << QString();
    QTest::newRow("de") << u"de"_s; // installed from here on
}

void TestWindowLayout::fitsAt1024x700()
{
    QFETCH(QString, language);
    if (!language.isEmpty()) {
        QVERIFY(Translations::install(language));
        QCOMPARE(QCoreApplication::translate("MainWindow", "Senders"), u"Absender"_s);
    }
    const QString path = corpus(u"zeek__dns__mdns.pcap"_s);
    QVERIFY2(QFile::exists(path), qPrintable(path));

    MainWindow w;
    w.resize(1024, 700);
    w.show();
    QVERIFY(QTest::qWaitForWindowExposed(&w));
    QSignalSpy opened(&w, &MainWindow::fileOpened);
    w.openFile(path);
    QVERIFY(opened.wait(kTimeoutMs));
    QCOMPARE(opened.at(0).at(0).toBool(), true);
    QCoreApplication::processEvents();
    QVERIFY(w.packetList()->view()->model()->rowCount() > 0);

    // Exactly the size asked for: nothing holds the window larger.
    QCOMPARE(w.size(), QSize(1024, 700));
    const QSize hint = w.minimumSizeHint();
    QVERIFY2(hint.width() <= 1024 && hint.height() <= 700, qPrintable(sizeText(hint)));
    const QList<QDockWidget *> docks = w.findChildren<QDockWidget *>();
    QCOMPARE(docks.size(), 5);
    for (const QDockWidget *dock : docks) // shown, as a tab or on its own
        QVERIFY2(!dock->isHidden() && !dock->isFloating(), qPrintable(dock->objectName()));

    // The packet list keeps a fair share of the width beside the right-hand docks.
    const int listWidth = w.packetList()->view()->viewport()->width();
    QVERIFY2(listWidth >= 500, qPrintable(u"packet list %1 px wide"_s.arg(listWidth)));
    qInfo("packet list viewport %d px, right-hand docks %d px, minimum size %dx%d", listWidth,
          w.servicesDock()->width(), hint.width(), hint.height());

    // The status bar after opening the file: its message and the parts.
    CaptureStatusBar *bar = w.captureStatusBar();
    QVERIFY(!bar->currentMessage().isEmpty());
    QVERIFY(bar->stateText().contains(u"zeek__dns__mdns.pcap"_s));
    QStringList problems = statusBarProblems(bar);
    QVERIFY2(problems.isEmpty(), qPrintable(problems.join(u"; "_s)));

    const QString dir = qEnvironmentVariable("MDNSCOPE_SCREENSHOT_DIR");
    const QString tag = QString::fromLatin1(QTest::currentDataTag());
    const auto shoot = [&](const QString &what) {
        if (!dir.isEmpty())
            QVERIFY(w.grab().save(u"%1/layout-%2-%3.png"_s.arg(dir, tag, what)));
    };
    shoot(u"opened"_s);

    // Every dock raised in turn and every tab of a dock shown: its contents get their minimum.
    int checked = 0;
    for (QDockWidget *dock : docks) {
        dock->raise();
        QCoreApplication::processEvents();
        QList<QTabWidget *> tabs = dock->widget()->findChildren<QTabWidget *>();
        tabs.prepend(nullptr); // the dock as it is
        for (QTabWidget *tab : std::as_const(tabs)) {
            for (int i = 0; i < (tab ? tab->count() : 1); ++i) {
                if (tab)
                    tab->setCurrentIndex(i);
                QCoreApplication::processEvents();
                QCOMPARE(w.size(), QSize(1024, 700));
                const QStringList squeezed = squeezedDocks(w);
                QVERIFY2(squeezed.isEmpty(), qPrintable(squeezed.join(u"; "_s)));
                ++checked;
            }
        }
        if (dock == w.behaviourDock() || dock == w.servicesDock()) {
            if (auto *tabsOfDock = dock->widget()->findChild<QTabWidget *>())
                tabsOfDock->setCurrentIndex(0);
            QCoreApplication::processEvents();
            shoot(dock->objectName());
        }
    }
    QVERIFY(checked >= 10);
    QVERIFY(w.servicesDock()->isVisible() && w.behaviourDock()->isVisible());

    // A long message (a path deep in folders) is elided and whole in the tooltip.
    bar->showMessage(u"Opened "_s + QString(u"/very/long/folder"_s).repeated(20));
    QCoreApplication::processEvents();
    problems = statusBarProblems(bar);
    QVERIFY2(problems.isEmpty(), qPrintable(problems.join(u"; "_s)));
    QVERIFY(bar->shownMessage().endsWith(QChar(0x2026)));
    QCOMPARE(bar->toolTip(), bar->currentMessage());
    // A long state (a file with a long name) too, and a flood warning beside it.
    bar->setState(u"Opened "_s + QString(u"a-capture-with-a-long-name-"_s).repeated(6));
    bar->setFlooding(u"Flooding: 169.254.0.5 (printer-in-the-hall.local) 1,020 packets/s"_s);
    QCoreApplication::processEvents();
    problems = statusBarProblems(bar);
    QVERIFY2(problems.isEmpty(), qPrintable(problems.join(u"; "_s)));
    QCOMPARE(w.size(), QSize(1024, 700));
    bar->clearMessage();
    QCoreApplication::processEvents();
    QVERIFY(bar->toolTip().isEmpty());
}

// Larger screens as before: the right-hand docks keep their 600 px beside a wide packet list.
void TestWindowLayout::widerWindowKeepsTheDockWidth()
{
    MainWindow w;
    w.resize(1600, 1000);
    w.show();
    QVERIFY(QTest::qWaitForWindowExposed(&w));
    QCoreApplication::processEvents();
    QCOMPARE(w.size(), QSize(1600, 1000));
    QVERIFY(w.servicesDock()->isVisible()); // the raised tab of the right-hand docks
    QVERIFY2(qAbs(w.servicesDock()->width() - 600) <= 12,
             qPrintable(u"%1"_s.arg(w.servicesDock()->width())));
    QVERIFY(w.packetList()->view()->viewport()->width() >= 900);
}

QTEST_MAIN(TestWindowLayout)
#include "tst_windowlayout.moc"

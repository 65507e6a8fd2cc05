// Column titles are never clipped: with a row selected a header paints its sections' titles in
// bold (highlighted sections), which clipped the senders table's "Rate (packets/s)" to
// "ate (packets/s" at 1024×700. Checked for the packet list and the senders table, in English
// and German, with a row of each selected: every shown section is at least as wide as its
// title in bold plus the header's margins (and the sort indicator where it is shown).
#include "MainWindow.h"
#include "MdnsBuilder.h"
#include "PacketDocument.h"
#include "PacketListPanel.h"
#include "PacketTableModel.h"
#include "SenderTableModel.h"
#include "TestPackets.h"
#include "Translations.h"

#include <QDockWidget>
#include <QHeaderView>
#include <QStandardPaths>
#include <QStyle>
#include <QStyleOptionHeader>
#include <QTabWidget>
#include <QTableView>
#include <QTest>

using namespace Qt::StringLiterals;

namespace {
// Twelve packets of one sender: selecting its row in the senders table (and every row of the
// packet list) selects whole columns, which the headers highlight in bold.
PacketBatch traffic()
{
    using namespace MdnsBuilder;
    PacketBatch batch;
    for (int i = 0; i < 12; ++i) {
        const QByteArray data =
            i % 3 ? response({a(u"host.local"_s, 0xA9FE0001u)}) : query(u"_ipp._tcp.local"_s, 12);
        batch.append(TestPackets::packet(data, i, "169.254.0.1"));
    }
    return batch;
}

// Titles of `header`'s shown sections that do not fit, with the widths: empty when all fit.
QStringList clippedTitles(const QHeaderView *header)
{
    QStringList clipped;
    QFont bold = header->font();
    bold.setBold(true);
    const QFontMetrics metrics(bold);
    const int margin = header->style()->pixelMetric(QStyle::PM_HeaderMargin, nullptr, header);
    const int arrow = header->style()->pixelMetric(QStyle::PM_HeaderMarkSize, nullptr, header);
    const QAbstractItemModel *model = header->model();
    for (int section = 0; section < header->count(); ++section) {
        if (header->isSectionHidden(section))
            continue;
        const QString title = model->headerData(section, header->orientation()).toString();
        int needed = metrics.horizontalAdvance(title) + 2 * margin;
        if (header->isSortIndicatorShown() && header->sortIndicatorSection() == section)
            needed += arrow + margin;
        if (header->sectionSize(section) < needed)
            clipped.append(
                u"%1 (%2 < %3)"_s.arg(title).arg(header->sectionSize(section)).arg(needed));
    }
    return clipped;
}
} // namespace

class TestHeaderTitles : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void initTestCase() { QStandardPaths::setTestModeEnabled(true); }
    void titlesFitWithARowSelected_data();
    void titlesFitWithARowSelected();
};

void TestHeaderTitles::titlesFitWithARowSelected_data()
{
    QTest::addColumn<QString>("language");
    QTest::newRow("English") << QString();
    QTest::newRow("German") << u"de"_s; // installed from here on
}

void TestHeaderTitles::titlesFitWithARowSelected()
{
    QFETCH(QString, language);
    if (!language.isEmpty()) {
        QVERIFY(Translations::install(language));
        QCOMPARE(QCoreApplication::translate("PacketTableModel", "Destination"), u"Ziel"_s);
    }
    MainWindow w;
    w.resize(1024, 700);
    w.show();
    QVERIFY(QTest::qWaitForWindowExposed(&w));
    w.document()->addBatch(traffic());
    QTableView *packets = w.packetList()->view();
    QTableView *senders = w.sendersView();
    QCOMPARE(senders->model()->rowCount(), 1);
    // Sorted by a column with a long title: the indicator needs its room beside it.
    senders->sortByColumn(SenderTableModel::RateColumn, Qt::DescendingOrder);
    packets->sortByColumn(PacketTableModel::DestinationPortColumn, Qt::AscendingOrder);
    senders->selectRow(0);
    packets->selectAll();
    QCoreApplication::processEvents();
    QCOMPARE(packets->selectionModel()->selectedRows().size(), 12);
    QVERIFY(senders->selectionModel()->isColumnSelected(SenderTableModel::RateColumn));
    QVERIFY(packets->selectionModel()->isColumnSelected(PacketTableModel::SourcePortColumn));

    // For checking by eye: MDNSCOPE_SCREENSHOTS=dir writes the window as it is here.
    const QString dir = qEnvironmentVariable("MDNSCOPE_SCREENSHOTS");
    if (!dir.isEmpty())
        w.grab().save(
            u"%1/headers-%2.png"_s.arg(dir, QString::fromLatin1(QTest::currentDataTag())));

    // The source port (a legacy-unicast query's 40123) is in view without scrolling.
    packets->scrollTo(packets->model()->index(0, 0));
    const int x = packets->columnViewportPosition(PacketTableModel::SourcePortColumn);
    QVERIFY2(x >= 0 && x + packets->columnWidth(PacketTableModel::SourcePortColumn) <=
                           packets->viewport()->width(),
             qPrintable(u"source port at %1 + %2 of %3"_s.arg(x)
                            .arg(packets->columnWidth(PacketTableModel::SourcePortColumn))
                            .arg(packets->viewport()->width())));

    const QStringList packetClips = clippedTitles(packets->horizontalHeader());
    QVERIFY2(packetClips.isEmpty(), qPrintable(packetClips.join(u", "_s)));
    const QStringList senderClips = clippedTitles(senders->horizontalHeader());
    QVERIFY2(senderClips.isEmpty(), qPrintable(senderClips.join(u", "_s)));
    // And every other table the window shows (each dock raised, each tab shown).
    const auto checkVisibleHeaders = [&w] {
        QStringList clips;
        for (const QHeaderView *header : w.findChildren<QHeaderView *>()) {
            if (header->orientation() == Qt::Horizontal && header->isVisible()) {
                for (const QString &clip : clippedTitles(header))
                    clips.append(header->parent()->objectName() + u": "_s + clip);
            }
        }
        return clips;
    };
    int headersSeen = 0;
    for (QDockWidget *dock : w.findChildren<QDockWidget *>()) {
        dock->raise();
        QCoreApplication::processEvents();
        QList<QTabWidget *> tabWidgets = dock->findChildren<QTabWidget *>();
        tabWidgets.prepend(nullptr); // the dock as it is
        for (QTabWidget *tabs : std::as_const(tabWidgets)) {
            for (int tab = 0; tabs && tab < tabs->count(); ++tab) {
                tabs->setCurrentIndex(tab);
                QCoreApplication::processEvents();
                const QStringList clips = checkVisibleHeaders();
                QVERIFY2(clips.isEmpty(), qPrintable(clips.join(u", "_s)));
            }
            const QStringList clips = checkVisibleHeaders();
            QVERIFY2(clips.isEmpty(), qPrintable(clips.join(u", "_s)));
        }
        for (const QHeaderView *header : dock->findChildren<QHeaderView *>())
            headersSeen += header->orientation() == Qt::Horizontal ? 1 : 0;
    }
    QVERIFY(headersSeen >= 6);
}

QTEST_MAIN(TestHeaderTitles)
#include "tst_headertitles.moc"

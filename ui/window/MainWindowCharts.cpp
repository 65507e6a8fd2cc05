// MainWindow, the charts' part: a click on an opened file's IO graph selects the packets of
// the clicked interval in the packet list.
#include "MainWindow.h"

#include "CaptureStatusBar.h"
#include "ChartScale.h"
#include "PacketDocument.h"
#include "PacketFilterProxy.h"
#include "PacketListPanel.h"
#include "PacketTableModel.h"

#include <QItemSelection>
#include <QItemSelectionModel>
#include <QTableView>

#include <algorithm>

// Every packet of the interval the filters show is selected (rows next to each other as one
// range); the first of them in the list's order becomes current, so the details show it, and
// is scrolled to. Packets the filters hide are counted in the status bar, not selected.
void MainWindow::selectPacketsOfInterval(double from, double to, const QList<qsizetype> &rows)
{
    QTableView *view = m_packetList->view();
    const PacketFilterProxy *proxy = m_packetList->proxy();
    const PacketTableModel *model = m_document->packets();
    QList<int> shown;
    shown.reserve(rows.size());
    for (const qsizetype row : rows) {
        const QModelIndex index = proxy->mapFromSource(model->index(int(row), 0));
        if (index.isValid())
            shown.append(index.row());
    }
    std::sort(shown.begin(), shown.end());
    const QString interval =
        tr("%1 to %2 %3", "an interval of the IO graph: from, to, unit")
            .arg(ChartScale::timeLabel(from, to - from), ChartScale::timeLabel(to, to - from),
                 ChartScale::timeUnit(to));
    if (shown.isEmpty()) {
        m_statusBar->showMessage(rows.isEmpty()
                                     ? tr("No packets from %1").arg(interval)
                                     : tr("The %n packet(s) from %1 are hidden by the filters",
                                          nullptr, int(rows.size()))
                                           .arg(interval),
                                 10'000);
        return;
    }
    const int lastColumn = proxy->columnCount() - 1;
    QItemSelection selection;
    for (qsizetype i = 0; i < shown.size();) {
        qsizetype j = i;
        while (j + 1 < shown.size() && shown.at(j + 1) == shown.at(j) + 1)
            ++j;
        selection.select(proxy->index(shown.at(i), 0), proxy->index(shown.at(j), lastColumn));
        i = j + 1;
    }
    const QModelIndex first = proxy->index(shown.first(), 0);
    view->selectionModel()->setCurrentIndex(first, QItemSelectionModel::NoUpdate);
    view->selectionModel()->select(selection,
                                   QItemSelectionModel::ClearAndSelect | QItemSelectionModel::Rows);
    view->scrollTo(first, QAbstractItemView::PositionAtTop);
    QString message = tr("Selected %n packet(s) from %1", nullptr, int(shown.size())).arg(interval);
    if (shown.size() < rows.size())
        message +=
            u' ' + tr("(%n more hidden by the filters)", nullptr, int(rows.size() - shown.size()));
    m_statusBar->showMessage(message, 10'000);
}

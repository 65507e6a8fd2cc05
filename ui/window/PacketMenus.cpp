#include "PacketMenus.h"

#include "DnsDecoder.h"
#include "FieldSelection.h"
#include "MainWindow.h"
#include "PacketDetailsPanel.h"
#include "PacketDocument.h"
#include "PacketExporter.h"
#include "PacketFilterProxy.h"
#include "PacketListPanel.h"
#include "PacketTableModel.h"
#include "SenderTableModel.h"

#include <QAction>
#include <QApplication>
#include <QClipboard>
#include <QFontMetrics>
#include <QHeaderView>
#include <QKeyEvent>
#include <QMenu>
#include <QSortFilterProxyModel>
#include <QTableView>

#include <algorithm>

using namespace Qt::StringLiterals;
using FilterFields::Field;

namespace {

QAction *addAction(QMenu *menu, const QString &text, const QString &name, bool enabled)
{
    QAction *a = menu->addAction(text);
    a->setObjectName(name);
    a->setEnabled(enabled);
    return a;
}

void copy(const QString &text)
{
    QApplication::clipboard()->setText(text);
}

} // namespace

PacketMenus::PacketMenus(MainWindow *window)
    : QObject(window)
    , m_window(window)
{
    QTableView *packets = window->packetList()->view();
    packets->setContextMenuPolicy(Qt::CustomContextMenu);
    connect(packets, &QWidget::customContextMenuRequested, this, [this, packets](const QPoint &p) {
        const QModelIndex index = packets->indexAt(p);
        if (index.isValid())
            showPacketMenu(index, packets->viewport()->mapToGlobal(p));
    });
    m_packetsView = packets;
    packets->installEventFilter(this);

    QTableView *senders = window->sendersView();
    senders->setContextMenuPolicy(Qt::CustomContextMenu);
    connect(senders, &QWidget::customContextMenuRequested, this, [this, senders](const QPoint &p) {
        const QModelIndex index = senders->indexAt(p);
        if (index.isValid())
            showSenderMenu(index, senders->viewport()->mapToGlobal(p));
    });

    connect(window->details(), &PacketDetailsPanel::filterRequested, this,
            [this](const QString &expression, bool apply) {
                PacketListPanel *list = m_window->packetList();
                if (apply)
                    list->setDisplayFilterText(expression);
                else
                    list->prepareDisplayFilterText(expression);
            });
}

bool PacketMenus::eventFilter(QObject *watched, QEvent *event)
{
    // Ctrl+C: the selected rows, tab-separated (the view alone would copy one cell). Compared by
    // pointer only: while the window is destroyed, events still arrive and m_window's members
    // may be gone.
    if (event->type() == QEvent::KeyPress && watched == m_packetsView.data() &&
        static_cast<QKeyEvent *>(event)->matches(QKeySequence::Copy)) {
        const QString text = selectedRowsText(false);
        if (!text.isEmpty())
            copy(text);
        return true;
    }
    return QObject::eventFilter(watched, event);
}

QString PacketMenus::tableText(const QTableView *view, const QList<int> &rows, bool header)
{
    const QHeaderView *h = view->horizontalHeader();
    const QAbstractItemModel *model = view->model();
    QList<int> columns;
    for (int visual = 0; visual < h->count(); ++visual) {
        const int logical = h->logicalIndex(visual);
        if (logical >= 0 && !h->isSectionHidden(logical))
            columns.append(logical);
    }
    const auto clean = [](QString text) {
        return text.replace(u'\t', u' ').replace(u'\n', u' ').replace(u'\r', u' ');
    };
    QStringList lines;
    if (header) {
        QStringList cells;
        for (const int c : columns)
            cells.append(clean(model->headerData(c, Qt::Horizontal).toString()));
        lines.append(cells.join(u'\t'));
    }
    for (const int r : rows) {
        QStringList cells;
        for (const int c : columns)
            cells.append(clean(model->index(r, c).data().toString()));
        lines.append(cells.join(u'\t'));
    }
    return lines.isEmpty() ? QString() : lines.join(u'\n') + u'\n';
}

QList<int> PacketMenus::selectedProxyRows() const
{
    QList<int> rows;
    const QModelIndexList selected =
        m_window->packetList()->view()->selectionModel()->selectedRows();
    for (const QModelIndex &index : selected)
        rows.append(index.row());
    std::sort(rows.begin(), rows.end());
    return rows;
}

QString PacketMenus::selectedRowsText(bool header) const
{
    const QList<int> rows = selectedProxyRows();
    return rows.isEmpty() ? QString() : tableText(m_window->packetList()->view(), rows, header);
}

QString PacketMenus::selectedSummaries() const
{
    const PacketListPanel *list = m_window->packetList();
    const PacketTableModel *model = m_window->document()->packets();
    QString out;
    for (const int r : selectedProxyRows())
        out += model->summary(list->proxy()->mapToSource(list->proxy()->index(r, 0)).row()) + u'\n';
    return out;
}

QString PacketMenus::selectedJson() const
{
    const PacketListPanel *list = m_window->packetList();
    const PacketStore &store = m_window->document()->store();
    QByteArray out;
    for (const int r : selectedProxyRows()) {
        const int row = list->proxy()->mapToSource(list->proxy()->index(r, 0)).row();
        // The object --json writes for this packet, with the number the list shows.
        out += PacketExporter::jsonLine(store.packet(row), qint64(store.number(row)));
        out += '\n';
    }
    return QString::fromUtf8(out);
}

QString PacketMenus::cellFilter(int sourceRow, int column) const
{
    const PacketStore &store = m_window->document()->store();
    if (sourceRow < 0 || sourceRow >= store.size())
        return {};
    const Packet packet = store.packet(sourceRow);
    const DnsMessage message = DnsDecoder::decode(packet.data, DnsDecoder::Detail::NoFields);
    const bool v4 = packet.source.isV4();
    Field field;
    switch (column) {
    case PacketTableModel::NumberColumn:
        field = Field::FrameNumber;
        break;
    case PacketTableModel::SourceColumn:
        field = v4 ? Field::IpSrc : Field::Ipv6Src;
        break;
    case PacketTableModel::SourcePortColumn:
        field = Field::UdpSrcport;
        break;
    case PacketTableModel::DestinationColumn:
        field = packet.destination.isV4() ? Field::IpDst : Field::Ipv6Dst;
        break;
    case PacketTableModel::DestinationPortColumn:
        field = Field::UdpDstport;
        break;
    case PacketTableModel::TtlColumn:
        field = v4 ? Field::IpTtl : Field::Ipv6Hlim;
        break;
    case PacketTableModel::KindColumn:
        field = Field::DnsFlagsResponse;
        break;
    case PacketTableModel::SummaryColumn:
        // The name the summary starts with: the first question's, else the first record's.
        field = message.questions.isEmpty() ? Field::DnsRespName : Field::DnsQryName;
        break;
    default:
        return {}; // time, interface, length: no Wireshark field holds what they show
    }
    return FieldSelection::forField(field,
                                    FilterFields::Input{packet, message, store.number(sourceRow)});
}

QMenu *PacketMenus::showPacketMenu(const QModelIndex &index, const QPoint &globalPos)
{
    PacketListPanel *list = m_window->packetList();
    QTableView *view = list->view();
    // As in Wireshark, the menu is about the clicked row: it joins the selection when outside.
    QItemSelectionModel *selection = view->selectionModel();
    if (index.isValid() && !selection->isRowSelected(index.row(), index.parent())) {
        selection->setCurrentIndex(index,
                                   QItemSelectionModel::ClearAndSelect | QItemSelectionModel::Rows);
    }
    const int sourceRow = index.isValid() ? list->proxy()->mapToSource(index).row() : -1;
    const int selected = int(selectedProxyRows().size());
    const bool any = selected > 0;

    auto *menu = new QMenu(view);
    menu->setObjectName(u"packetListMenu"_s);
    menu->setAttribute(Qt::WA_DeleteOnClose);
    menu->setToolTipsVisible(true);
    QAction *rows = addAction(menu, tr("Copy Rows"), u"copyRows"_s, any);
    rows->setShortcut(QKeySequence::Copy); // shown only; the list's Ctrl+C does it
    rows->setToolTip(tr("The selected rows' visible columns, separated by tabs"));
    connect(rows, &QAction::triggered, this, [this] { copy(selectedRowsText(false)); });
    connect(addAction(menu, tr("Copy Rows with Header"), u"copyRowsWithHeader"_s, any),
            &QAction::triggered, this, [this] { copy(selectedRowsText(true)); });
    connect(addAction(menu, tr("Copy Summary"), u"copySummary"_s, any), &QAction::triggered, this,
            [this] { copy(selectedSummaries()); });
    QAction *json = addAction(menu, tr("Copy as JSON"), u"copyJson"_s, any);
    json->setToolTip(tr("One JSON object per packet, as --json writes it"));
    connect(json, &QAction::triggered, this, [this] { copy(selectedJson()); });
    menu->addSeparator();

    const QString filter = cellFilter(sourceRow, index.column());
    const QString shown = QFontMetrics(menu->font()).elidedText(filter, Qt::ElideMiddle, 400);
    //: %1: a display filter such as ip.src == 169.254.1.2
    QAction *apply = addAction(
        menu, filter.isEmpty() ? tr("Apply as Filter") : tr("Apply as Filter: %1").arg(shown),
        u"applyAsFilter"_s, !filter.isEmpty());
    QAction *prepare = addAction(
        menu, filter.isEmpty() ? tr("Prepare as Filter") : tr("Prepare as Filter: %1").arg(shown),
        u"prepareAsFilter"_s, !filter.isEmpty());
    const QString noField = tr("This column has no Wireshark display filter field");
    apply->setToolTip(filter.isEmpty() ? noField : filter);
    prepare->setToolTip(filter.isEmpty() ? noField : filter);
    connect(apply, &QAction::triggered, list,
            [list, filter] { list->setDisplayFilterText(filter); });
    connect(prepare, &QAction::triggered, list,
            [list, filter] { list->prepareDisplayFilterText(filter); });
    QAction *sender =
        addAction(menu, tr("Show This Sender's Packets"), u"showSender"_s, sourceRow >= 0);
    connect(sender, &QAction::triggered, this, [this, sourceRow] { showSenderOf(sourceRow); });
    menu->addSeparator();
    QAction *exportAction = addAction(menu, tr("Export %n Selected Packet(s)…", nullptr, selected),
                                      u"exportPackets"_s, any);
    exportAction->setEnabled(any && m_window->exportAction()->isEnabled());
    connect(exportAction, &QAction::triggered, m_window,
            [this] { m_window->showExportDialogFor(ExportDialog::Scope::Selected); });
    menu->popup(globalPos);
    return menu;
}

void PacketMenus::selectSender(int senderSourceRow)
{
    QTableView *view = m_window->sendersView();
    const auto *proxy = qobject_cast<const QSortFilterProxyModel *>(view->model());
    const QModelIndex source = m_window->document()->senders()->index(senderSourceRow, 0);
    const QModelIndex shown = proxy ? proxy->mapFromSource(source) : source;
    if (!shown.isValid())
        return;
    // Selecting the row sets the sender chip (MainWindow follows the senders' selection); a
    // row already selected is selected again so the chip comes back after it was cleared.
    view->selectionModel()->clearSelection();
    view->selectionModel()->setCurrentIndex(shown, QItemSelectionModel::ClearAndSelect |
                                                       QItemSelectionModel::Rows);
    view->scrollTo(shown);
}

void PacketMenus::showSenderOf(int sourceRow)
{
    const PacketStore &store = m_window->document()->store();
    if (sourceRow < 0 || sourceRow >= store.size())
        return;
    const IpAddress address = store.source(sourceRow);
    const qsizetype senderRow = m_window->document()->senders()->table().rowOf(address);
    if (senderRow >= 0)
        selectSender(int(senderRow));
    else
        m_window->packetList()->setSenderFilter({address});
}

QMenu *PacketMenus::showSenderMenu(const QModelIndex &index, const QPoint &globalPos)
{
    QTableView *view = m_window->sendersView();
    auto *menu = new QMenu(view);
    menu->setObjectName(u"sendersMenu"_s);
    menu->setAttribute(Qt::WA_DeleteOnClose);
    const int row = index.row();
    const QString text = index.isValid() ? tableText(view, {row}, false) : QString();
    connect(addAction(menu, tr("Copy"), u"copySender"_s, index.isValid()), &QAction::triggered,
            this, [text] { copy(text); });
    const auto *proxy = qobject_cast<const QSortFilterProxyModel *>(view->model());
    const int sourceRow = !index.isValid() ? -1 : proxy ? proxy->mapToSource(index).row() : row;
    connect(addAction(menu, tr("Filter on This Sender"), u"filterSender"_s, sourceRow >= 0),
            &QAction::triggered, this, [this, sourceRow] { selectSender(sourceRow); });
    menu->popup(globalPos);
    return menu;
}

#include "ServicesPanel.h"

#include "CachedTextDelegate.h"
#include "DirectoryFilterProxy.h"
#include "HostsModel.h"
#include "ServiceDetailsPane.h"
#include "ServicesModel.h"

#include <QAction>
#include <QApplication>
#include <QCheckBox>
#include <QClipboard>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QLineEdit>
#include <QSplitter>
#include <QTabWidget>
#include <QTableView>
#include <QTreeView>
#include <QVBoxLayout>

#include <algorithm>

using namespace Qt::StringLiterals;

ServicesPanel::ServicesPanel(QWidget *parent)
    : QWidget(parent)
    , m_services(new ServicesModel(this))
    , m_hosts(new HostsModel(this))
    , m_servicesProxy(
          new DirectoryFilterProxy(ServicesModel::SearchRole, ServicesModel::GoneRole, this))
    , m_hostsProxy(new DirectoryFilterProxy(HostsModel::SearchRole, HostsModel::GoneRole, this))
    , m_filter(new QLineEdit(this))
    , m_hideGone(new QCheckBox(tr("Hide gone"), this))
    , m_tabs(new QTabWidget(this))
    , m_tree(new QTreeView(this))
    , m_hostsView(new QTableView(this))
    , m_details(new ServiceDetailsPane(this))
{
    setObjectName(u"servicesPanel"_s);
    m_servicesProxy->setSourceModel(m_services);
    m_hostsProxy->setSourceModel(m_hosts);

    m_filter->setObjectName(u"servicesFilter"_s);
    m_filter->setPlaceholderText(tr("Filter: instance, host, TXT or address"));
    m_filter->setClearButtonEnabled(true);
    m_hideGone->setObjectName(u"hideGone"_s);
    m_hideGone->setToolTip(tr("Hide the services and hosts that said goodbye or expired"));

    m_tree->setObjectName(u"servicesTree"_s);
    m_tree->setModel(m_servicesProxy);
    m_tree->setUniformRowHeights(true); // the TTL countdown measures nothing
    m_tree->setSelectionBehavior(QAbstractItemView::SelectRows);
    m_tree->setSelectionMode(QAbstractItemView::ExtendedSelection);
    m_tree->setAlternatingRowColors(true);
    m_tree->setAllColumnsShowFocus(true);
    m_tree->setTextElideMode(Qt::ElideRight);
    m_tree->setItemDelegate(new CachedTextDelegate(m_tree));
    QHeaderView *h = m_tree->header();
    h->setStretchLastSection(true);
    // The header and two rows at the least (not the default 70 px): the dock fits 700 px.
    m_tree->setMinimumHeight(h->sizeHint().height() + 2 * (fontMetrics().height() + 6) +
                             2 * m_tree->frameWidth());
    const int digit = fontMetrics().horizontalAdvance(u'0');
    const std::pair<int, int> widths[] = {
        {ServicesModel::InstanceColumn, 30},    {ServicesModel::HostPortColumn, 22},
        {ServicesModel::AddressesColumn, 24},   {ServicesModel::TxtColumn, 30},
        {ServicesModel::TtlColumn, 7},          {ServicesModel::StateColumn, 11},
        {ServicesModel::AnnouncedByColumn, 16},
    };
    for (const auto &[column, chars] : widths) {
        const int title = h->fontMetrics().horizontalAdvance(
            m_services->headerData(column, Qt::Horizontal).toString());
        h->resizeSection(column, std::max(chars * digit, title + 12) + 8);
    }
    // Shown beside the instance, so that a dock of the default width answers "is it there,
    // and for how long" without scrolling; the user can drag them elsewhere.
    h->moveSection(h->visualIndex(ServicesModel::StateColumn), 1);
    h->moveSection(h->visualIndex(ServicesModel::TtlColumn), 2);

    m_hostsView->setObjectName(u"hostsTable"_s);
    m_hostsView->setModel(m_hostsProxy);
    m_hostsView->setItemDelegate(new CachedTextDelegate(m_hostsView));
    m_hostsView->setSelectionBehavior(QAbstractItemView::SelectRows);
    m_hostsView->setSelectionMode(QAbstractItemView::ExtendedSelection);
    m_hostsView->setWordWrap(false);
    m_hostsView->verticalHeader()->hide();
    m_hostsView->verticalHeader()->setDefaultSectionSize(fontMetrics().height() + 6);
    m_hostsView->horizontalHeader()->setStretchLastSection(true);
    m_hostsView->horizontalHeader()->resizeSection(HostsModel::NameColumn, 28 * digit);
    m_hostsView->horizontalHeader()->resizeSection(HostsModel::AddressesColumn, 36 * digit);
    m_hostsView->horizontalHeader()->resizeSection(HostsModel::ClaimantsColumn, 28 * digit);
    m_hostsView->horizontalHeader()->resizeSection(HostsModel::ServicesColumn, 36 * digit);

    auto *split = new QSplitter(Qt::Vertical, this);
    split->setObjectName(u"servicesSplitter"_s);
    split->addWidget(m_tree);
    split->addWidget(m_details);
    split->setStretchFactor(0, 3);
    split->setStretchFactor(1, 2);
    m_tabs->setObjectName(u"servicesTabs"_s);
    m_tabs->addTab(split, tr("Services"));
    m_tabs->addTab(m_hostsView, tr("Hosts"));

    auto *bar = new QHBoxLayout;
    bar->setContentsMargins(0, 0, 0, 0);
    bar->addWidget(m_filter, 1);
    bar->addWidget(m_hideGone);
    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(2, 2, 2, 2);
    layout->addLayout(bar);
    layout->addWidget(m_tabs, 1);

    auto *copy = new QAction(tr("&Copy"), this);
    copy->setShortcut(QKeySequence::Copy);
    copy->setShortcutContext(Qt::WidgetWithChildrenShortcut);
    connect(copy, &QAction::triggered, this, &ServicesPanel::copySelection);
    addAction(copy);

    connect(m_filter, &QLineEdit::textChanged, this, &ServicesPanel::applyFilter);
    connect(m_hideGone, &QCheckBox::toggled, this, &ServicesPanel::applyFilter);
    connect(m_tree->selectionModel(), &QItemSelectionModel::currentRowChanged, this,
            &ServicesPanel::updateDetails);
    connect(m_services, &QAbstractItemModel::dataChanged, this,
            [this](const QModelIndex &topLeft, const QModelIndex &bottomRight) {
                const QString key = m_details->shownKey();
                if (key.isEmpty())
                    return;
                const QModelIndex shown = m_services->indexOf(key);
                if (shown.parent() == topLeft.parent() && shown.row() >= topLeft.row() &&
                    shown.row() <= bottomRight.row())
                    updateDetails();
            });
    connect(m_services, &QAbstractItemModel::modelReset, this, &ServicesPanel::updateDetails);
    // New rows show: the groups they go into open (a user's collapse of a group holds
    // until a new instance arrives in it).
    connect(m_servicesProxy, &QAbstractItemModel::rowsInserted, this,
            [this](const QModelIndex &parent) {
                for (QModelIndex p = parent; p.isValid(); p = p.parent())
                    m_tree->expand(p);
            });
    connect(m_details, &ServiceDetailsPane::showPacketsRequested, this,
            &ServicesPanel::showPacketsRequested);
}

void ServicesPanel::apply(const DirectoryChanges &changes)
{
    m_services->apply(changes);
    m_hosts->apply(changes);
}

void ServicesPanel::clear()
{
    m_services->clear();
    m_hosts->clear();
}

void ServicesPanel::setNowNs(qint64 ns)
{
    m_services->setNowNs(ns);
}

void ServicesPanel::applyFilter()
{
    m_servicesProxy->setText(m_filter->text());
    m_servicesProxy->setHideGone(m_hideGone->isChecked());
    m_hostsProxy->setText(m_filter->text());
    m_hostsProxy->setHideGone(m_hideGone->isChecked());
    m_tree->expandAll();
}

void ServicesPanel::updateDetails()
{
    const QModelIndex current = m_servicesProxy->mapToSource(m_tree->currentIndex());
    m_details->show(m_services->instance(current), m_services->nowNs());
}

bool ServicesPanel::selectInstance(const QString &key)
{
    const QModelIndex shown = m_servicesProxy->mapFromSource(m_services->indexOf(key));
    if (!shown.isValid())
        return false;
    m_tabs->setCurrentIndex(0);
    m_tree->selectionModel()->setCurrentIndex(shown, QItemSelectionModel::ClearAndSelect |
                                                         QItemSelectionModel::Rows);
    return true;
}

QString ServicesPanel::selectionText() const
{
    const QAbstractItemView *view =
        m_tabs->currentIndex() == 0 ? static_cast<QAbstractItemView *>(m_tree) : m_hostsView;
    QModelIndexList rows = view->selectionModel()->selectedRows();
    std::sort(rows.begin(), rows.end(), [view](const QModelIndex &a, const QModelIndex &b) {
        return view->visualRect(a).top() < view->visualRect(b).top();
    });
    const QAbstractItemModel *model = view->model();
    QStringList lines;
    for (const QModelIndex &row : rows) {
        QStringList cells;
        for (int c = 0; c < model->columnCount(row.parent()); ++c)
            cells.append(model->index(row.row(), c, row.parent()).data().toString());
        while (!cells.isEmpty() && cells.constLast().isEmpty())
            cells.removeLast();
        lines.append(cells.join(u'\t'));
    }
    return lines.isEmpty() ? QString() : lines.join(u'\n') + u'\n';
}

void ServicesPanel::copySelection() const
{
    const QString text = selectionText();
    if (!text.isEmpty())
        QApplication::clipboard()->setText(text);
}

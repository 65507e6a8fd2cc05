#include "TalkersPanel.h"

#include "TalkersChart.h"
#include "TalkersModel.h"

#include <QHeaderView>
#include <QSortFilterProxyModel>
#include <QSplitter>
#include <QTableView>
#include <QVBoxLayout>

using namespace Qt::StringLiterals;

TalkersPanel::TalkersPanel(QWidget *parent)
    : QWidget(parent)
    , m_model(new TalkersModel(this))
    , m_proxy(new QSortFilterProxyModel(this))
    , m_view(new QTableView(this))
    , m_chart(new TalkersChart(this))
{
    setObjectName(u"talkersPanel"_s);
    m_proxy->setSourceModel(m_model);
    m_proxy->setSortRole(TalkersModel::SortRole);
    m_proxy->setDynamicSortFilter(true);
    m_view->setObjectName(u"talkersView"_s);
    m_view->setModel(m_proxy);
    m_view->setSortingEnabled(true);
    m_view->sortByColumn(TalkersModel::Rate10s, Qt::DescendingOrder);
    m_view->setSelectionBehavior(QAbstractItemView::SelectRows);
    m_view->setSelectionMode(QAbstractItemView::SingleSelection);
    m_view->setAlternatingRowColors(true);
    m_view->setWordWrap(false);
    m_view->verticalHeader()->hide();
    m_view->verticalHeader()->setDefaultSectionSize(fontMetrics().height() + 6);
    m_view->horizontalHeader()->setStretchLastSection(true);
    m_view->horizontalHeader()->setDefaultSectionSize(fontMetrics().horizontalAdvance(u'0') * 16);
    m_view->setColumnWidth(TalkersModel::Sender, fontMetrics().horizontalAdvance(u'0') * 18);
    m_view->setColumnWidth(TalkersModel::HostName, fontMetrics().horizontalAdvance(u'0') * 20);

    auto *split = new QSplitter(Qt::Vertical, this);
    split->setObjectName(u"talkersSplitter"_s);
    split->addWidget(m_view);
    split->addWidget(m_chart);
    split->setStretchFactor(0, 3);
    split->setStretchFactor(1, 2);
    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->addWidget(split);
}

void TalkersPanel::apply(const BehaviourChanges &changes)
{
    m_model->apply(changes);
    m_chart->apply(changes);
}

void TalkersPanel::clear()
{
    m_model->clear();
    m_chart->clear();
}

void TalkersPanel::setFloodThreshold(double packetsPerSecond)
{
    m_model->setFloodThreshold(packetsPerSecond);
}

#include "LatencyPanel.h"

#include "LatencyHistogramChart.h"
#include "LatencyModel.h"

#include <QComboBox>
#include <QEvent>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QItemSelectionModel>
#include <QLabel>
#include <QSortFilterProxyModel>
#include <QSplitter>
#include <QTableView>
#include <QVBoxLayout>

LatencyPanel::LatencyPanel(QWidget *parent)
    : QWidget(parent)
    , m_model(new LatencyModel(this))
    , m_proxy(new QSortFilterProxyModel(this))
    , m_summary(new QLabel(this))
    , m_scopeLabel(new QLabel(this))
    , m_scope(new QComboBox(this))
    , m_chart(new LatencyHistogramChart(this))
    , m_table(new QTableView(this))
{
    m_proxy->setSourceModel(m_model);
    m_proxy->setSortRole(LatencyModel::SortRole);
    m_proxy->setDynamicSortFilter(true);

    m_summary->setWordWrap(true);
    m_summary->setTextInteractionFlags(Qt::TextSelectableByMouse);
    m_scope->addItem(QString(), int(Scope::AllResponders));
    m_scope->addItem(QString(), int(Scope::SelectedResponder));
    m_scopeLabel->setBuddy(m_scope);

    m_table->setModel(m_proxy);
    m_table->setSortingEnabled(true);
    m_table->sortByColumn(LatencyModel::AnswersColumn, Qt::DescendingOrder);
    m_table->setSelectionBehavior(QAbstractItemView::SelectRows);
    m_table->setSelectionMode(QAbstractItemView::SingleSelection);
    m_table->setAlternatingRowColors(true);
    m_table->verticalHeader()->hide();
    m_table->horizontalHeader()->setStretchLastSection(true);
    m_table->horizontalHeader()->setSectionResizeMode(QHeaderView::Interactive);
    m_table->setWordWrap(false);
    // The header and two rows at the least (not the default 70 px): the dock fits 700 px.
    m_table->setMinimumHeight(m_table->horizontalHeader()->sizeHint().height() +
                              2 * (fontMetrics().height() + 6) + 2 * m_table->frameWidth());

    auto *top = new QHBoxLayout;
    top->addWidget(m_summary, 1);
    top->addWidget(m_scopeLabel);
    top->addWidget(m_scope);
    auto *splitter = new QSplitter(Qt::Vertical, this);
    splitter->addWidget(m_chart);
    splitter->addWidget(m_table);
    splitter->setStretchFactor(0, 1);
    splitter->setStretchFactor(1, 1);
    splitter->setChildrenCollapsible(false);
    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(4, 4, 4, 4);
    layout->addLayout(top);
    layout->addWidget(splitter, 1);

    connect(m_table->selectionModel(), &QItemSelectionModel::currentRowChanged, this,
            [this](const QModelIndex &current) {
                if (current.isValid())
                    setScope(Scope::SelectedResponder);
                refreshChart();
            });
    connect(m_scope, &QComboBox::currentIndexChanged, this, [this] { refreshChart(); });
    retranslate();
    refreshChart();
}

void LatencyPanel::changeEvent(QEvent *event)
{
    QWidget::changeEvent(event);
    if (event->type() == QEvent::LanguageChange)
        retranslate();
}

void LatencyPanel::retranslate()
{
    m_scopeLabel->setText(tr("&Histogram of:"));
    m_scope->setItemText(0, tr("All responders"));
    m_scope->setItemText(1, tr("Selected responder"));
    m_summary->setText(m_model->summaryText());
    refreshChart();
}

void LatencyPanel::applyChanges(const BehaviourChanges &changes)
{
    if (!changes.reset && !changes.hasLatency)
        return;
    const bool wasEmpty = m_model->rowCount() == 0;
    m_model->apply(changes);
    // Fit the columns to the first rows once; later the user's widths stay.
    if (wasEmpty && m_model->rowCount() > 0)
        m_table->resizeColumnsToContents();
    m_summary->setText(m_model->summaryText());
    refreshChart();
}

void LatencyPanel::clear()
{
    m_model->clear();
    m_summary->setText(m_model->summaryText());
    setScope(Scope::AllResponders);
    refreshChart();
}

LatencyPanel::Scope LatencyPanel::scope() const
{
    return Scope(m_scope->currentData().toInt());
}

void LatencyPanel::setScope(Scope scope)
{
    m_scope->setCurrentIndex(scope == Scope::AllResponders ? 0 : 1);
}

void LatencyPanel::selectResponder(int row)
{
    if (row < 0 || row >= m_model->rowCount()) {
        m_table->selectionModel()->clear();
        refreshChart();
        return;
    }
    const QModelIndex index = m_proxy->mapFromSource(m_model->index(row, 0));
    m_table->selectionModel()->setCurrentIndex(index, QItemSelectionModel::ClearAndSelect |
                                                          QItemSelectionModel::Rows);
    setScope(Scope::SelectedResponder);
    refreshChart();
}

int LatencyPanel::selectedResponder() const
{
    const QModelIndexList rows = m_table->selectionModel()->selectedRows();
    if (rows.isEmpty())
        return -1;
    return m_proxy->mapToSource(rows.constFirst()).row();
}

QString LatencyPanel::summaryText() const
{
    return m_summary->text();
}

void LatencyPanel::refreshChart()
{
    if (scope() == Scope::AllResponders) {
        m_chart->setStats(m_model->overall(), tr("All responders"));
        return;
    }
    const int row = selectedResponder();
    if (row < 0) {
        m_chart->setStats({}, tr("Selected responder: none (select a row in the table)"));
        return;
    }
    const QString host = m_model->data(m_model->index(row, LatencyModel::HostColumn)).toString();
    m_chart->setStats(m_model->responder(row).stats, host);
}

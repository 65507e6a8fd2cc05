#pragma once

#include "BehaviourTypes.h"

#include <QWidget>

class LatencyHistogramChart;
class LatencyModel;
class QComboBox;
class QLabel;
class QSortFilterProxyModel;
class QTableView;

// The latency view (issue #16): a summary line (answers, p50, p95, max, unanswered and
// suppressed questions), the histogram of response latencies, and the table of responders
// (LatencyModel, sortable). The histogram shows all responders together or the responder
// selected in the table (selecting a row switches to it). Fed by BehaviourChanges. GUI thread.
class LatencyPanel final : public QWidget
{
    Q_OBJECT
public:
    enum class Scope { AllResponders, SelectedResponder };

    explicit LatencyPanel(QWidget *parent = nullptr);

    void applyChanges(const BehaviourChanges &changes);
    void clear();

    Scope scope() const;
    void setScope(Scope scope);
    // Selects the responder in source row `row` of the model (-1: none).
    void selectResponder(int row);
    // The model row of the selected responder; -1 when none.
    int selectedResponder() const;

    LatencyModel *model() const { return m_model; }
    QSortFilterProxyModel *proxy() const { return m_proxy; }
    QTableView *table() const { return m_table; }
    LatencyHistogramChart *chart() const { return m_chart; }
    QString summaryText() const;

protected:
    void changeEvent(QEvent *event) override;

private:
    void refreshChart();
    void retranslate();

    LatencyModel *m_model;
    QSortFilterProxyModel *m_proxy;
    QLabel *m_summary;
    QLabel *m_scopeLabel;
    QComboBox *m_scope;
    LatencyHistogramChart *m_chart;
    QTableView *m_table;
};

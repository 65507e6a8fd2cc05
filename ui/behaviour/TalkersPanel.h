#pragma once

#include "BehaviourTypes.h"

#include <QWidget>

class QSortFilterProxyModel;
class QTableView;
class TalkersChart;
class TalkersModel;

// The Talkers tab of the Behaviour dock: the top talkers per host (TalkersModel, sortable, the
// busiest over 10 s first; rows above the flood threshold highlighted) above the chart of the
// five busiest senders' packets/s (TalkersChart). apply() takes what the behaviour model
// changed (live or a file). GUI thread.
class TalkersPanel final : public QWidget
{
    Q_OBJECT
public:
    explicit TalkersPanel(QWidget *parent = nullptr);

    void apply(const BehaviourChanges &changes);
    void clear();
    void setFloodThreshold(double packetsPerSecond);

    TalkersModel *model() const { return m_model; }
    QSortFilterProxyModel *proxy() const { return m_proxy; }
    QTableView *view() const { return m_view; }
    TalkersChart *chart() const { return m_chart; }

private:
    TalkersModel *m_model;
    QSortFilterProxyModel *m_proxy;
    QTableView *m_view;
    TalkersChart *m_chart;
};

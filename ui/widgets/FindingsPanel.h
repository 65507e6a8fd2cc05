#pragma once

#include "ConformanceTypes.h"

#include <QWidget>

class FindingsFilterProxy;
class FindingsModel;
class QLabel;
class QPushButton;
class QTabWidget;
class QTableView;
class QTextBrowser;
class QToolButton;
class QTreeView;
class ScorecardModel;

// The findings view: two tabs, Findings (the tree severity -> rule -> sender -> finding, with
// the selected finding's details under it: message, reference, level, packets, and for a
// conflict both claimants side by side) and Scorecard (device x rule group; clicking a cell
// narrows the findings tree to that device and group, with a chip to undo it). Selecting a
// finding asks for its first packet (packetRequested); "Show All Its Packets" asks for the
// packet list to show only its packets. Fed FindingChanges with apply(). GUI thread.
class FindingsPanel final : public QWidget
{
    Q_OBJECT
public:
    explicit FindingsPanel(QWidget *parent = nullptr);

    void apply(const FindingChanges &changes);
    void clear();

    FindingsModel *findingsModel() const { return m_findings; }
    ScorecardModel *scorecardModel() const { return m_scorecard; }
    QTreeView *findingsView() const { return m_tree; }
    QTableView *scorecardView() const { return m_scorecardView; }
    QTextBrowser *detailsView() const { return m_details; }
    QPushButton *showPacketsButton() const { return m_showPackets; }
    QTabWidget *tabs() const { return m_tabs; }

    // Selects a finding's row (expanding its parents); false when no row shows it.
    bool selectFinding(quint32 id);
    // The finding selected in the tree; nullptr when none (or a group row).
    const Finding *selectedFinding() const;
    // Narrows the findings tree to one device's findings of one rule group (a scorecard
    // cell); an empty address list shows every finding again.
    void setDeviceFilter(const QList<IpAddress> &addresses, RuleGroup group,
                         const QString &label = {});
    // Shows the findings behind a scorecard cell (row, column of the scorecard model).
    void showScorecardCell(int row, int column);
    // Every packet number of the selected finding (both claimants' of a conflict).
    QList<quint64> selectedPackets() const;
    void showSelectedPackets();

Q_SIGNALS:
    void packetRequested(quint64 number);
    void showPacketsRequested(const QList<quint64> &numbers, const QString &label);

private:
    void updateDetails();
    void updateSummary();

    FindingsModel *m_findings;
    ScorecardModel *m_scorecard;
    FindingsFilterProxy *m_proxy;
    QTabWidget *m_tabs;
    QTreeView *m_tree;
    QTableView *m_scorecardView;
    QTextBrowser *m_details;
    QPushButton *m_showPackets;
    QToolButton *m_filterChip;
    QLabel *m_summary;
};

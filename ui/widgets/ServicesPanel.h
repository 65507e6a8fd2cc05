#pragma once

#include "DirectoryTypes.h"

#include <QWidget>

class DirectoryFilterProxy;
class HostsModel;
class QCheckBox;
class QLineEdit;
class QTabWidget;
class QTableView;
class QTreeView;
class ServiceDetailsPane;
class ServicesModel;

// The services view: two tabs, Services (the tree domain -> type -> instance, with the details
// of the selected instance under it) and Hosts (one row per host name, conflicts in red), a
// quick filter (text, "hide gone") over both, and Ctrl+C copying the selected rows as text
// (tab-separated columns, one line per row). Fed DirectoryChanges with apply(); the TTL left
// counts down with setNowNs(). GUI thread.
class ServicesPanel final : public QWidget
{
    Q_OBJECT
public:
    explicit ServicesPanel(QWidget *parent = nullptr);

    void apply(const DirectoryChanges &changes);
    void clear();
    void setNowNs(qint64 ns);

    ServicesModel *servicesModel() const { return m_services; }
    HostsModel *hostsModel() const { return m_hosts; }
    QTreeView *servicesView() const { return m_tree; }
    QTableView *hostsView() const { return m_hostsView; }
    ServiceDetailsPane *details() const { return m_details; }
    QLineEdit *filterEdit() const { return m_filter; }
    QCheckBox *hideGoneBox() const { return m_hideGone; }
    QTabWidget *tabs() const { return m_tabs; }

    // Selects an instance's row (the first column); false when no row shows it.
    bool selectInstance(const QString &key);
    // The selected rows of the tab shown, as Ctrl+C copies them.
    QString selectionText() const;
    void copySelection() const;

Q_SIGNALS:
    void showPacketsRequested(const QList<quint64> &numbers, const QString &label);

private:
    void updateDetails();
    void applyFilter();

    ServicesModel *m_services;
    HostsModel *m_hosts;
    DirectoryFilterProxy *m_servicesProxy;
    DirectoryFilterProxy *m_hostsProxy;
    QLineEdit *m_filter;
    QCheckBox *m_hideGone;
    QTabWidget *m_tabs;
    QTreeView *m_tree;
    QTableView *m_hostsView;
    ServiceDetailsPane *m_details;
};

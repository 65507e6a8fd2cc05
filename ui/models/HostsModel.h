#pragma once

#include "DirectoryTypes.h"

#include <QAbstractTableModel>
#include <QHash>

// The hosts of the service directory, one row each (in name order): every IPv4 and IPv6
// address, the interfaces they were heard on, the senders that claim the name and the
// services that point at it. A name claimed by two senders with different addresses (the
// directory's ServiceHost::conflict) shows in red, both claimants named. Fed the same
// snapshots as ServicesModel: row inserts and dataChanged of the changed rows, no reset but
// clear(). GUI thread.
class HostsModel final : public QAbstractTableModel
{
    Q_OBJECT
public:
    enum Column {
        NameColumn,
        AddressesColumn,
        InterfacesColumn,
        ClaimantsColumn,
        ServicesColumn,
        StateColumn,
        ColumnCount
    };
    enum Role { KeyRole = Qt::UserRole + 1, ConflictRole, GoneRole, SearchRole };

    explicit HostsModel(QObject *parent = nullptr);

    void apply(const DirectoryChanges &changes);
    void clear();
    const ServiceHost *host(int row) const;
    int rowOf(const QString &key) const;

    int rowCount(const QModelIndex &parent = {}) const override;
    int columnCount(const QModelIndex &parent = {}) const override;
    QVariant data(const QModelIndex &index, int role = Qt::DisplayRole) const override;
    QVariant headerData(int section, Qt::Orientation orientation,
                        int role = Qt::DisplayRole) const override;

private:
    QString text(const ServiceHost &host, int column) const;
    void removeHost(const QString &key);
    void renumberFrom(int row);

    QList<ServiceHost> m_hosts;      // in name order
    QHash<QString, int> m_rows;      // key -> row
    QHash<QString, QString> m_names; // instance key -> its name, for the services column
};

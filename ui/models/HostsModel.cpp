#include "HostsModel.h"

#include "DirectoryText.h"

#include <QBrush>
#include <QColor>
#include <QGuiApplication>
#include <QPalette>

#include <algorithm>

using namespace Qt::StringLiterals;

HostsModel::HostsModel(QObject *parent)
    : QAbstractTableModel(parent)
{}

void HostsModel::clear()
{
    beginResetModel();
    m_hosts.clear();
    m_rows.clear();
    m_names.clear();
    endResetModel();
}

int HostsModel::rowOf(const QString &key) const
{
    return m_rows.value(key, -1);
}

void HostsModel::renumberFrom(int row)
{
    for (int r = row; r < m_hosts.size(); ++r)
        m_rows.insert(m_hosts.at(r).key, r);
}

void HostsModel::removeHost(const QString &key)
{
    const int row = rowOf(key);
    if (row < 0)
        return;
    beginRemoveRows({}, row, row);
    m_rows.remove(key);
    m_hosts.removeAt(row);
    renumberFrom(row);
    endRemoveRows();
}

void HostsModel::apply(const DirectoryChanges &changes)
{
    if (changes.reset && !m_hosts.isEmpty())
        clear();
    for (const QString &key : changes.removedHosts)
        removeHost(key);
    for (const ServiceInstance &instance : changes.instances) {
        auto it = m_names.find(instance.key);
        if (it == m_names.end() || *it != instance.name)
            m_names.insert(instance.key, instance.name);
    }
    QStringList changed; // keys: inserts below may move their rows
    for (const ServiceHost &host : changes.hosts) {
        const int row = rowOf(host.key);
        if (row >= 0) {
            m_hosts[row] = host;
            changed.append(host.key);
            continue;
        }
        const auto at = std::lower_bound(m_hosts.cbegin(), m_hosts.cend(), host.name,
                                         [](const ServiceHost &h, const QString &name) {
                                             return h.name.compare(name, Qt::CaseInsensitive) < 0;
                                         });
        const int insertAt = int(at - m_hosts.cbegin());
        beginInsertRows({}, insertAt, insertAt);
        m_hosts.insert(insertAt, host);
        renumberFrom(insertAt);
        endInsertRows();
    }
    // One dataChanged per run of adjacent changed rows.
    QList<int> rows;
    rows.reserve(changed.size());
    for (const QString &key : std::as_const(changed))
        rows.append(rowOf(key));
    std::sort(rows.begin(), rows.end());
    for (qsizetype first = 0; first < rows.size();) {
        qsizetype last = first;
        while (last + 1 < rows.size() && rows.at(last + 1) <= rows.at(last) + 1)
            ++last;
        Q_EMIT dataChanged(index(rows.at(first), 0), index(rows.at(last), ColumnCount - 1));
        first = last + 1;
    }
}

const ServiceHost *HostsModel::host(int row) const
{
    return row >= 0 && row < m_hosts.size() ? &m_hosts.at(row) : nullptr;
}

int HostsModel::rowCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : int(m_hosts.size());
}

int HostsModel::columnCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : ColumnCount;
}

QString HostsModel::text(const ServiceHost &host, int column) const
{
    switch (column) {
    case NameColumn:
        return host.name;
    case AddressesColumn:
        return DirectoryText::addresses(host.addresses);
    case InterfacesColumn: {
        QStringList names;
        for (const HostAddress &a : host.addresses) {
            if (!a.interfaceName.isEmpty() && !names.contains(a.interfaceName))
                names.append(a.interfaceName);
        }
        return names.join(u", "_s);
    }
    case ClaimantsColumn: {
        const QString claimants = DirectoryText::addressList(host.claimants);
        //: %1: the senders claiming one host name with different addresses
        return host.conflict ? tr("conflict: %1").arg(claimants) : claimants;
    }
    case ServicesColumn: {
        QStringList names;
        names.reserve(host.services.size());
        for (const QString &key : host.services)
            names.append(m_names.value(key, key));
        return names.join(u", "_s);
    }
    case StateColumn:
        return DirectoryText::state(host.state);
    }
    return {};
}

QVariant HostsModel::data(const QModelIndex &index, int role) const
{
    const ServiceHost *h = index.isValid() ? host(index.row()) : nullptr;
    if (!h)
        return {};
    switch (role) {
    case Qt::DisplayRole:
        return text(*h, index.column());
    case Qt::ToolTipRole:
        if (h->conflict)
            return tr("Claimed by %1 with different addresses: a name conflict")
                .arg(DirectoryText::addressList(h->claimants));
        return index.column() == AddressesColumn ? text(*h, index.column()) : QString();
    case Qt::ForegroundRole:
        if (h->conflict)
            return QBrush(QColor(0xB0, 0x00, 0x20));
        if (isGone(h->state))
            return QBrush(QGuiApplication::palette().color(QPalette::Disabled, QPalette::Text));
        return {};
    case KeyRole:
        return h->key;
    case ConflictRole:
        return h->conflict;
    case GoneRole:
        return isGone(h->state);
    case SearchRole: {
        QStringList parts;
        for (int c = 0; c < ColumnCount; ++c)
            parts.append(text(*h, c));
        return parts.join(u'\n');
    }
    }
    return {};
}

QVariant HostsModel::headerData(int section, Qt::Orientation orientation, int role) const
{
    if (orientation != Qt::Horizontal || role != Qt::DisplayRole)
        return {};
    switch (section) {
    case NameColumn:
        return tr("Host");
    case AddressesColumn:
        return tr("Addresses");
    case InterfacesColumn:
        return tr("Interfaces");
    case ClaimantsColumn:
        return tr("Claimants");
    case ServicesColumn:
        return tr("Services");
    case StateColumn:
        return tr("State");
    }
    return {};
}

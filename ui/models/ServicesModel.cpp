#include "ServicesModel.h"

#include "DirectoryText.h"

#include <QBrush>
#include <QGuiApplication>
#include <QPalette>

#include <algorithm>
#include <array>

using namespace Qt::StringLiterals;

struct ServicesModel::Node
{
    Level level = Level::Domain;
    Node *parent = nullptr;
    int row = 0;           // in parent->children
    QString key;           // domain lowered, type key, instance key
    QString label;         // what the first column shows, and what siblings sort on
    ServiceType type;      // Level::Type, when the directory named it
    ServiceInstance entry; // Level::Instance
    std::vector<std::unique_ptr<Node>> children;
    // The display texts, formed when first asked for and kept until the entry changes (the
    // view asks for every cell on every repaint): a bit per column in textValid; the TTL's
    // while its whole seconds stay, a type's count while its numbers do.
    mutable std::array<QString, ServicesModel::ColumnCount> texts;
    mutable quint32 textValid = 0;
    mutable qint64 textTtl = -1;
    mutable qint64 textLive = -1, textKnown = -1;
};

ServicesModel::ServicesModel(QObject *parent)
    : QAbstractItemModel(parent)
    , m_root(std::make_unique<Node>())
{}

ServicesModel::~ServicesModel() = default;

void ServicesModel::clear()
{
    beginResetModel();
    m_root->children.clear();
    m_domains.clear();
    m_types.clear();
    m_instances.clear();
    m_nowNs = 0;
    endResetModel();
}

void ServicesModel::apply(const DirectoryChanges &changes)
{
    if (changes.reset && !m_root->children.empty())
        clear();
    m_nowNs = std::max(m_nowNs, changes.nowNs);
    for (const QString &key : changes.removedInstances)
        removeInstance(key);
    for (const ServiceType &type : changes.types) {
        Node *node = typeNode(type.type, type.domain);
        node->type = type;
        rowChanged(node);
    }
    for (const ServiceInstance &instance : changes.instances)
        upsertInstance(instance);
    // The changed rows, one dataChanged per run of adjacent rows: a snapshot refreshing a
    // thousand instances is a few signals, not a thousand (each costs the proxy and the view).
    emitRuns(m_changedNodes);
    // Each type row whose instances changed, once (its count of live ones).
    emitRuns(QList<const Node *>(m_changedTypes.cbegin(), m_changedTypes.cend()));
    m_changedNodes.clear();
    m_changedTypes.clear();
    for (const QString &key : changes.removedTypes) {
        Node *node = m_types.value(key);
        if (node && node->children.empty()) {
            m_types.remove(key);
            m_changedTypes.remove(node);
            Node *domain = node->parent;
            removeChild(domain, node->row);
            if (domain->children.empty()) {
                m_domains.remove(domain->key);
                removeChild(m_root.get(), domain->row);
            }
        }
    }
}

void ServicesModel::setNowNs(qint64 ns)
{
    if (ns == m_nowNs)
        return;
    m_nowNs = ns;
    // Only the TTL column of the instance rows: no other column, no layout.
    for (const auto &domain : m_root->children) {
        for (const auto &type : domain->children) {
            if (type->children.empty())
                continue;
            const QModelIndex parent = indexOfNode(type.get());
            Q_EMIT dataChanged(index(0, TtlColumn, parent),
                               index(int(type->children.size()) - 1, TtlColumn, parent),
                               {Qt::DisplayRole});
        }
    }
}

ServicesModel::Node *ServicesModel::domainNode(const QString &domain)
{
    const QString key = domain.toLower();
    if (Node *node = m_domains.value(key))
        return node;
    auto node = std::make_unique<Node>();
    node->level = Level::Domain;
    node->key = key;
    node->label = domain;
    Node *inserted = insertChild(m_root.get(), std::move(node));
    m_domains.insert(key, inserted);
    return inserted;
}

ServicesModel::Node *ServicesModel::typeNode(const QString &type, const QString &domain)
{
    const QString key = (type + u'.' + domain).toLower();
    if (Node *node = m_types.value(key))
        return node;
    Node *parent = domainNode(domain);
    auto node = std::make_unique<Node>();
    node->level = Level::Type;
    node->key = key;
    node->label = type;
    Node *inserted = insertChild(parent, std::move(node));
    m_types.insert(key, inserted);
    return inserted;
}

ServicesModel::Node *ServicesModel::insertChild(Node *parent, std::unique_ptr<Node> child)
{
    auto &list = parent->children;
    const auto at = std::lower_bound(list.begin(), list.end(), child->label,
                                     [](const std::unique_ptr<Node> &n, const QString &label) {
                                         return n->label.compare(label, Qt::CaseInsensitive) < 0;
                                     });
    const int row = int(at - list.begin());
    beginInsertRows(parent == m_root.get() ? QModelIndex() : indexOfNode(parent), row, row);
    child->parent = parent;
    Node *raw = child.get();
    list.insert(at, std::move(child));
    for (int i = row; i < int(list.size()); ++i)
        list[i]->row = i;
    endInsertRows();
    return raw;
}

void ServicesModel::removeChild(Node *parent, int row)
{
    auto &list = parent->children;
    beginRemoveRows(parent == m_root.get() ? QModelIndex() : indexOfNode(parent), row, row);
    list.erase(list.begin() + row);
    for (int i = row; i < int(list.size()); ++i)
        list[i]->row = i;
    endRemoveRows();
}

void ServicesModel::rowChanged(const Node *node)
{
    Q_EMIT dataChanged(indexOfNode(node, 0), indexOfNode(node, ColumnCount - 1));
}

void ServicesModel::emitRuns(const QList<const Node *> &nodes)
{
    // Rows as they are now (inserts of the same snapshot may have moved them), by parent.
    QHash<const Node *, QList<int>> rowsByParent;
    for (const Node *node : nodes)
        rowsByParent[node->parent].append(node->row);
    for (auto it = rowsByParent.begin(); it != rowsByParent.end(); ++it) {
        QList<int> &rows = it.value();
        std::sort(rows.begin(), rows.end());
        rows.erase(std::unique(rows.begin(), rows.end()), rows.end());
        const Node *parent = it.key();
        const QModelIndex parentIndex = indexOfNode(parent);
        for (qsizetype first = 0; first < rows.size();) {
            qsizetype last = first;
            while (last + 1 < rows.size() && rows.at(last + 1) == rows.at(last) + 1)
                ++last;
            Q_EMIT dataChanged(index(rows.at(first), 0, parentIndex),
                               index(rows.at(last), ColumnCount - 1, parentIndex));
            first = last + 1;
        }
    }
}

void ServicesModel::upsertInstance(const ServiceInstance &instance)
{
    if (Node *node = m_instances.value(instance.key)) {
        node->entry = instance;
        node->textValid = 0;
        m_changedNodes.append(node);
        m_changedTypes.insert(node->parent);
        return;
    }
    Node *type = typeNode(instance.type, instance.domain);
    auto node = std::make_unique<Node>();
    node->level = Level::Instance;
    node->key = instance.key;
    node->label = instance.name;
    node->entry = instance;
    m_instances.insert(instance.key, insertChild(type, std::move(node)));
    m_changedTypes.insert(type);
}

void ServicesModel::removeInstance(const QString &key)
{
    Node *node = m_instances.take(key);
    if (!node)
        return;
    m_changedNodes.removeAll(node);
    Node *type = node->parent;
    removeChild(type, node->row);
    m_changedTypes.insert(type);
}

const ServiceInstance *ServicesModel::instance(const QModelIndex &index) const
{
    const Node *node = nodeOf(index);
    return node && node->level == Level::Instance ? &node->entry : nullptr;
}

const ServiceInstance *ServicesModel::instance(const QString &key) const
{
    const Node *node = m_instances.value(key);
    return node ? &node->entry : nullptr;
}

QList<ServiceInstance> ServicesModel::instances() const
{
    QList<ServiceInstance> out;
    out.reserve(m_instances.size());
    for (const Node *node : m_instances)
        out.append(node->entry);
    std::sort(out.begin(), out.end(),
              [](const ServiceInstance &a, const ServiceInstance &b) { return a.key < b.key; });
    return out;
}

QModelIndex ServicesModel::indexOf(const QString &instanceKey, int column) const
{
    const Node *node = m_instances.value(instanceKey);
    return node ? indexOfNode(node, column) : QModelIndex();
}

ServicesModel::Node *ServicesModel::nodeOf(const QModelIndex &index) const
{
    if (!index.isValid())
        return nullptr;
    const auto *parent = static_cast<const Node *>(index.internalPointer());
    return parent->children.at(size_t(index.row())).get();
}

QModelIndex ServicesModel::indexOfNode(const Node *node, int column) const
{
    if (!node || node == m_root.get())
        return {};
    return createIndex(node->row, column, node->parent);
}

QModelIndex ServicesModel::index(int row, int column, const QModelIndex &parent) const
{
    if (column < 0 || column >= ColumnCount || row < 0)
        return {};
    const Node *p = parent.isValid() ? nodeOf(parent) : m_root.get();
    if (parent.isValid() && parent.column() != 0)
        return {};
    if (!p || row >= int(p->children.size()))
        return {};
    return createIndex(row, column, p);
}

QModelIndex ServicesModel::parent(const QModelIndex &child) const
{
    if (!child.isValid())
        return {};
    return indexOfNode(static_cast<const Node *>(child.internalPointer()));
}

int ServicesModel::rowCount(const QModelIndex &parent) const
{
    if (parent.isValid() && parent.column() != 0)
        return 0;
    const Node *node = parent.isValid() ? nodeOf(parent) : m_root.get();
    return node ? int(node->children.size()) : 0;
}

int ServicesModel::columnCount(const QModelIndex &) const
{
    return ColumnCount;
}

QVariant ServicesModel::data(const QModelIndex &index, int role) const
{
    const Node *node = nodeOf(index);
    if (!node)
        return {};
    if (role == KeyRole)
        return node->key;
    if (role == LevelRole)
        return int(node->level);
    const int column = index.column();
    if (role == Qt::DisplayRole && column >= 0 && column < ColumnCount) {
        QString &text = node->texts[size_t(column)];
        const quint32 bit = 1u << column;
        if (node->level == Level::Instance && column == TtlColumn) {
            const qint64 left = node->entry.remainingTtlNs(m_nowNs);
            const qint64 seconds = left <= 0 ? 0 : (left + 999'999'999) / 1'000'000'000;
            if (!(node->textValid & bit) || seconds != node->textTtl) {
                text = DirectoryText::ttlLeft(left);
                node->textTtl = seconds;
                node->textValid |= bit;
            }
            return text;
        }
        if (node->level == Level::Type && column == StateColumn) {
            const auto live = std::count_if(
                node->children.cbegin(), node->children.cend(),
                [](const std::unique_ptr<Node> &n) { return n->entry.state == RecordState::Live; });
            const auto known = qint64(node->children.size());
            if (!(node->textValid & bit) || live != node->textLive || known != node->textKnown) {
                text = groupData(*node, column, role).toString();
                node->textLive = live;
                node->textKnown = known;
                node->textValid |= bit;
            }
            return text;
        }
        if (node->level == Level::Instance) {
            if (!(node->textValid & bit)) {
                text = instanceData(node->entry, column, role).toString();
                node->textValid |= bit;
            }
            return text;
        }
    }
    if (node->level == Level::Instance)
        return instanceData(node->entry, column, role);
    return groupData(*node, column, role);
}

QVariant ServicesModel::groupData(const Node &node, int column, int role) const
{
    if (role == Qt::DisplayRole && column == InstanceColumn) {
        if (node.level == Level::Type && !node.type.subtypes.isEmpty())
            //: %1: a service type, %2: its subtypes
            return tr("%1 (subtypes: %2)").arg(node.label, node.type.subtypes.join(u", "_s));
        return node.label;
    }
    if (role == Qt::DisplayRole && column == StateColumn && node.level == Level::Type) {
        const auto live = std::count_if(
            node.children.cbegin(), node.children.cend(),
            [](const std::unique_ptr<Node> &n) { return n->entry.state == RecordState::Live; });
        //: how many instances of a service type are live, of how many known
        return tr("%1 of %2 live").arg(live).arg(node.children.size());
    }
    return {};
}

QVariant ServicesModel::instanceData(const ServiceInstance &in, int column, int role) const
{
    switch (role) {
    case Qt::DisplayRole:
        switch (column) {
        case InstanceColumn:
            return in.name;
        case HostPortColumn:
            return DirectoryText::hostPort(in);
        case AddressesColumn:
            return DirectoryText::addresses(in.addresses);
        case TxtColumn:
            return DirectoryText::txt(in);
        case TtlColumn:
            return DirectoryText::ttlLeft(in.remainingTtlNs(m_nowNs));
        case StateColumn:
            return DirectoryText::state(in.state);
        case AnnouncedByColumn:
            return DirectoryText::addressList(in.announcedBy);
        case LastHeardColumn:
            return DirectoryText::clock(in.lastSeenNs);
        }
        return {};
    case Qt::ToolTipRole:
        if (column == InstanceColumn)
            return in.fullName;
        if (column == TxtColumn || column == AddressesColumn)
            return instanceData(in, column, Qt::DisplayRole);
        return {};
    case Qt::ForegroundRole:
        if (isGone(in.state))
            return QBrush(QGuiApplication::palette().color(QPalette::Disabled, QPalette::Text));
        return {};
    case Qt::TextAlignmentRole:
        if (column == TtlColumn)
            return QVariant(Qt::AlignRight | Qt::AlignVCenter);
        return {};
    case StateRole:
        return int(in.state);
    case GoneRole:
        return isGone(in.state);
    case SearchRole:
        return QStringList{in.fullName,
                           in.name,
                           in.host,
                           DirectoryText::txt(in),
                           DirectoryText::addresses(in.addresses),
                           DirectoryText::addressList(in.announcedBy)}
            .join(u'\n');
    }
    return {};
}

QVariant ServicesModel::headerData(int section, Qt::Orientation orientation, int role) const
{
    if (orientation != Qt::Horizontal || role != Qt::DisplayRole)
        return {};
    switch (section) {
    case InstanceColumn:
        return tr("Instance");
    case HostPortColumn:
        return tr("Host:Port");
    case AddressesColumn:
        return tr("Addresses");
    case TxtColumn:
        return tr("TXT");
    case TtlColumn:
        return tr("TTL Left");
    case StateColumn:
        return tr("State");
    case AnnouncedByColumn:
        return tr("Announced By");
    case LastHeardColumn:
        return tr("Last Heard");
    }
    return {};
}

#pragma once

#include "DirectoryTypes.h"

#include <QAbstractItemModel>
#include <QHash>
#include <QSet>

#include <memory>
#include <vector>

// The service directory as a tree: domain -> service type -> instance, mirrored from the
// change snapshots a ServiceDirectory hands out (DirectoryChanges, see ServiceDirectory).
// apply() inserts the rows of keys it has not seen (in name order) and emits dataChanged
// for the rows of those it has, and for their type rows: never a reset, except for a
// snapshot that says reset while rows exist (a view clears first, so a live capture never
// sees one). Gone instances (goodbye, expired) stay, greyed (ForegroundRole), until clear().
// The TTL column counts down with setNowNs(): one dataChanged of that column per type, no
// other column and no layout change. GUI thread.
class ServicesModel final : public QAbstractItemModel
{
    Q_OBJECT
public:
    enum Column {
        InstanceColumn,
        HostPortColumn,
        AddressesColumn,
        TxtColumn,
        TtlColumn,
        StateColumn,
        AnnouncedByColumn,
        LastHeardColumn,
        ColumnCount
    };
    enum Role {
        KeyRole = Qt::UserRole + 1, // the entry's key (ServiceInstance::key, ServiceType::key)
        LevelRole,                  // Level
        StateRole,                  // instances: int(RecordState)
        GoneRole,                   // instances: bool, isGone(state)
        SearchRole,                 // instances: every text a quick filter looks at
    };
    enum class Level { Domain, Type, Instance };

    explicit ServicesModel(QObject *parent = nullptr);
    ~ServicesModel() override;

    void apply(const DirectoryChanges &changes);
    void clear();
    // The time remaining TTLs are shown at (the directory's: packet time).
    void setNowNs(qint64 ns);
    qint64 nowNs() const { return m_nowNs; }

    // The instance a row shows; nullptr for other rows.
    const ServiceInstance *instance(const QModelIndex &index) const;
    const ServiceInstance *instance(const QString &key) const;
    QModelIndex indexOf(const QString &instanceKey, int column = 0) const;
    qsizetype instanceCount() const { return qsizetype(m_instances.size()); }
    // Every instance shown, sorted by key (as ServiceDirectory::instances()).
    QList<ServiceInstance> instances() const;

    QModelIndex index(int row, int column, const QModelIndex &parent = {}) const override;
    QModelIndex parent(const QModelIndex &child) const override;
    int rowCount(const QModelIndex &parent = {}) const override;
    int columnCount(const QModelIndex &parent = {}) const override;
    QVariant data(const QModelIndex &index, int role = Qt::DisplayRole) const override;
    QVariant headerData(int section, Qt::Orientation orientation,
                        int role = Qt::DisplayRole) const override;

private:
    struct Node;
    Node *nodeOf(const QModelIndex &index) const;
    QModelIndex indexOfNode(const Node *node, int column = 0) const;
    Node *domainNode(const QString &domain);
    Node *typeNode(const QString &type, const QString &domain);
    Node *insertChild(Node *parent, std::unique_ptr<Node> child);
    void removeChild(Node *parent, int row);
    void rowChanged(const Node *node);
    void emitRuns(const QList<const Node *> &nodes);
    void upsertInstance(const ServiceInstance &instance);
    void removeInstance(const QString &key);
    QVariant instanceData(const ServiceInstance &instance, int column, int role) const;
    QVariant groupData(const Node &node, int column, int role) const;

    std::unique_ptr<Node> m_root;
    QHash<QString, Node *> m_domains;   // by domain lowered
    QHash<QString, Node *> m_types;     // by type key: "_ipp._tcp.local"
    QHash<QString, Node *> m_instances; // by instance key
    // During apply(): the rows updated (their rows are taken once every insert of the
    // snapshot is done) and the types they are in.
    QList<const Node *> m_changedNodes;
    QSet<const Node *> m_changedTypes;
    qint64 m_nowNs = 0;
};

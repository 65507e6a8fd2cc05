#pragma once

#include "DnsMessage.h"

#include <QAbstractItemModel>
#include <QList>

// The decoded tree of one packet: header fields and flags, each question and record with
// its fields, and the decode error with its offset. Every item knows the byte span it came
// from (SpanRole), so the hex view can highlight it, and a byte offset maps back to the
// deepest item containing it. Rebuilt (model reset) whenever another packet is selected;
// it never changes while shown. GUI thread.
class DecodedTreeModel final : public QAbstractItemModel
{
    Q_OBJECT
public:
    enum Column { FieldColumn, ValueColumn, ColumnCount };
    enum Role { SpanOffsetRole = Qt::UserRole + 1, SpanLengthRole, IsErrorRole };

    explicit DecodedTreeModel(QObject *parent = nullptr);

    void setMessage(const DnsMessage &message, qsizetype datagramSize);
    void clear();

    ByteSpan byteSpan(const QModelIndex &index) const;
    // The deepest item whose span contains the byte (the first such in tree order);
    // invalid when no item does.
    QModelIndex indexForOffset(quint32 offset) const;
    QModelIndex errorIndex() const;

    QModelIndex index(int row, int column, const QModelIndex &parent = {}) const override;
    QModelIndex parent(const QModelIndex &child) const override;
    int rowCount(const QModelIndex &parent = {}) const override;
    int columnCount(const QModelIndex &parent = {}) const override;
    QVariant data(const QModelIndex &index, int role = Qt::DisplayRole) const override;
    QVariant headerData(int section, Qt::Orientation orientation,
                        int role = Qt::DisplayRole) const override;

private:
    struct Node
    {
        QString label;
        QString value;
        ByteSpan span;
        int parent = -1; // node index; -1 = top level
        int row = 0;     // position under its parent
        QList<int> children;
        bool error = false;
    };

    int addNode(int parent, const QString &label, const QString &value, ByteSpan span);
    void addFields(int parent, const QList<DnsField> &fields);
    void addHeader(const DnsMessage &m);
    void addQuestion(int parent, const DnsQuestion &q);
    void addRecord(int parent, const DnsRecord &r);
    void addError(const DnsError &e, qsizetype datagramSize);
    void spanGroups();
    const QList<int> &childrenOf(int node) const;

    QList<Node> m_nodes;
    QList<int> m_top;
    int m_errorNode = -1;
};

#pragma once

#include "ConformanceTypes.h"
#include "DnsMessage.h"
#include "FieldSelection.h"

#include <QAbstractItemModel>
#include <QList>
#include <QStringList>

// The decoded tree of one packet: header fields and flags, each question and record with
// its fields, and the decode error with its offset. Every item knows the byte span it came
// from (SpanRole), so the hex view can highlight it, and a byte offset maps back to the
// deepest item containing it. Rebuilt (model reset) whenever another packet is selected;
// it never changes while shown, except for the conformance findings that name the packet
// (setFindings): a "Conformance findings" group after the packet's items, one child per
// finding, and the severity icon with the finding in the tooltip on the deepest field item
// containing a finding's field. GUI thread.
// A conformance finding as the decoded tree shows it.
struct FieldFinding
{
    Severity severity = Severity::Info;
    QString ruleId;  // "response-id"
    QString title;   // the rule's title, translated
    QString message; // the finding's sentence, translated
    ByteSpan span;   // the field it concerns in this packet; empty when none
    // The finding as packet `number` shows it: its field only in its first packet.
    static FieldFinding of(const Finding &finding, quint64 number);
};

// What a capture file says about a packet besides its bytes: the packet block's comments and
// its pcapng section's description (shb_userappl, shb_hardware, shb_os, opt_comment). The tree
// shows them first, as "Packet comments" and "Capture file section" groups.
struct PacketNotes
{
    QStringList comments;
    QString application;
    QString hardware;
    QString os;
    QStringList sectionComments;
    bool isEmpty() const
    {
        return comments.isEmpty() && application.isEmpty() && hardware.isEmpty() && os.isEmpty() &&
               sectionComments.isEmpty();
    }
};

class DecodedTreeModel final : public QAbstractItemModel
{
    Q_OBJECT
public:
    enum Column { FieldColumn, ValueColumn, ColumnCount };
    enum Role {
        SpanOffsetRole = Qt::UserRole + 1,
        SpanLengthRole,
        IsErrorRole,
        FindingSeverityRole, // int(Severity): the worst finding on the item; invalid when none
    };

    explicit DecodedTreeModel(QObject *parent = nullptr);

    void setMessage(const DnsMessage &message, qsizetype datagramSize,
                    const PacketNotes &notes = {});
    void clear();
    // Replaces the findings shown for the current message (no reset: the group's rows are
    // removed and inserted, the marked fields change their data).
    void setFindings(const QList<FieldFinding> &findings);
    // The "Conformance findings" group; invalid when the packet has none.
    QModelIndex findingsIndex() const;

    ByteSpan byteSpan(const QModelIndex &index) const;
    // The Wireshark display filter that selects the item's value ("Apply as filter", see
    // FieldSelection); empty when the item has no Wireshark field.
    QString filterExpression(const QModelIndex &index) const;
    // "Label: value" (the label alone when there is no value), as Copy puts it.
    QString fieldText(const QModelIndex &index) const;
    QString valueText(const QModelIndex &index) const;
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
        QList<int> marks; // the findings (m_findings) whose field this is the deepest item of
        FieldSelection::Item item; // where it lies in the message (for filterExpression)
    };
    using Item = FieldSelection::Item;

    int addNode(int parent, const QString &label, const QString &value, ByteSpan span,
                const Item &item = {});
    void addFields(int parent, const QList<DnsField> &fields, const Item &base, int level);
    void addHeader(const DnsMessage &m);
    void addNotes(const PacketNotes &notes);
    void addQuestion(int parent, const DnsQuestion &q, int index);
    void addRecord(int parent, const DnsRecord &r, int index);
    void addError(const DnsError &e, qsizetype datagramSize);
    void spanGroups();
    const QList<int> &childrenOf(int node) const;
    int deepestContaining(ByteSpan span) const;
    void removeFindings();
    QString markToolTip(const Node &n) const;

    DnsMessage m_message; // the message shown
    QList<Node> m_nodes;
    QList<int> m_top;
    int m_errorNode = -1;
    int m_findingsNode = -1; // the group; it and its children are the last nodes
    QList<FieldFinding> m_findings;
    QList<int> m_markedNodes;
};

#pragma once

#include <QByteArray>
#include <QSplitter>

class DecodedTreeModel;
class HexView;
class QTreeView;

// The selected packet in detail: the decoded tree beside the hex dump, linked both ways
// (selecting a tree item highlights its bytes; clicking a byte selects the deepest item
// containing it). Decodes only the one packet it shows. GUI thread.
class PacketDetailsPanel final : public QSplitter
{
    Q_OBJECT
public:
    explicit PacketDetailsPanel(QWidget *parent = nullptr);

    void showPacket(const QByteArray &datagram);
    void clear();

    QTreeView *tree() const { return m_tree; }
    DecodedTreeModel *treeModel() const { return m_model; }
    HexView *hexView() const { return m_hex; }

    // Selects the deepest tree item containing the byte (what a click in the hex dump does).
    void selectByte(quint32 offset);

private:
    void onCurrentChanged();

    DecodedTreeModel *m_model;
    QTreeView *m_tree;
    HexView *m_hex;
};

#pragma once

#include "DecodedTreeModel.h"

#include <QByteArray>
#include <QList>
#include <QSplitter>

class HexView;
class QMenu;
class QTreeView;

// The selected packet in detail: the decoded tree beside the hex dump, linked both ways
// (selecting a tree item highlights its bytes; clicking a byte selects the deepest item
// containing it). Decodes only the one packet it shows; the conformance findings that name
// it are shown in the tree (see DecodedTreeModel::setFindings). The tree's context menu copies
// an item ("Label: value", as Ctrl+C does) or its value, expands or collapses the whole tree,
// and asks for the item's Wireshark display filter (filterRequested) where it has one. GUI thread.
class PacketDetailsPanel final : public QSplitter
{
    Q_OBJECT
public:
    explicit PacketDetailsPanel(QWidget *parent = nullptr);

    // `number`: the packet's number (0: not known), what shownNumber() then says; `notes`: what
    // its capture file says about it (comments, the section's description), shown first.
    void showPacket(const QByteArray &datagram, quint64 number = 0,
                    const QList<FieldFinding> &findings = {}, const PacketNotes &notes = {});
    // Replaces the findings shown for the packet shown (they arrived later).
    void setFindings(const QList<FieldFinding> &findings);
    quint64 shownNumber() const { return m_number; }
    void clear();

    QTreeView *tree() const { return m_tree; }
    DecodedTreeModel *treeModel() const { return m_model; }
    HexView *hexView() const { return m_hex; }

    // Selects the deepest tree item containing the byte (what a click in the hex dump does).
    void selectByte(quint32 offset);

    // The tree's context menu for the item at `index` (its actions named copyField, copyValue,
    // applyAsFilter, prepareAsFilter, expandAll, collapseAll), shown at `globalPos`; returned
    // so tests can reach it. It deletes itself when closed.
    QMenu *showTreeMenu(const QModelIndex &index, const QPoint &globalPos);

Q_SIGNALS:
    // "Apply as Filter" (apply) or "Prepare as Filter" on an item: its display filter.
    void filterRequested(const QString &expression, bool apply);

protected:
    bool eventFilter(QObject *watched, QEvent *event) override;
    void resizeEvent(QResizeEvent *event) override;

private:
    void onCurrentChanged();

    DecodedTreeModel *m_model;
    QTreeView *m_tree;
    HexView *m_hex;
    bool m_userSized = false; // the user moved the handle: their sizes stay
    quint64 m_number = 0;
};

#pragma once

#include <QList>
#include <QObject>
#include <QPoint>
#include <QPointer>

class MainWindow;
class QMenu;
class QModelIndex;
class QTableView;

// The window's context menus on the packet list and the senders table, and Ctrl+C in the packet
// list. Packet list: Copy Rows (the selected rows' visible columns, tab-separated, one line per
// packet; what Ctrl+C copies, no header line), Copy Rows with Header, Copy Summary, Copy as
// JSON (the --json object of each selected packet), Apply / Prepare as Filter (the Wireshark
// display filter for the clicked cell's value, see FieldSelection; disabled for a column with
// no Wireshark field), Show This Sender's Packets and Export These Packets…. Senders table: Copy
// (the row, tab-separated) and Filter on This Sender. A sender's packets are shown one way,
// through the sender chip the senders table sets: both select the sender's row there. The
// decoded tree's menu is PacketDetailsPanel's; its filters go to the display filter bar here.
// GUI thread.
class PacketMenus final : public QObject
{
    Q_OBJECT
public:
    explicit PacketMenus(MainWindow *window);

    // The menus for the cell at `index` (of the view's model), shown at `globalPos`; returned so
    // tests can reach them. They delete themselves when closed. Actions are named (copyRows,
    // copyRowsWithHeader, copySummary, copyJson, applyAsFilter, prepareAsFilter, showSender,
    // exportPackets; copySender, filterSender).
    QMenu *showPacketMenu(const QModelIndex &index, const QPoint &globalPos);
    QMenu *showSenderMenu(const QModelIndex &index, const QPoint &globalPos);

    // What the copy actions put on the clipboard, for the selected packets in display order.
    QString selectedRowsText(bool header) const;
    QString selectedSummaries() const;
    QString selectedJson() const;
    // The display filter for the packet list's cell (source model row and column); empty when
    // the column has no Wireshark field.
    QString cellFilter(int sourceRow, int column) const;

    // The rows' visible columns in their visual order, tab-separated (tabs and line breaks in a
    // cell become spaces), a header line first when asked.
    static QString tableText(const QTableView *view, const QList<int> &rows, bool header);

protected:
    bool eventFilter(QObject *watched, QEvent *event) override;

private:
    QList<int> selectedProxyRows() const;
    void showSenderOf(int sourceRow);
    void selectSender(int senderSourceRow);

    MainWindow *m_window;
    QPointer<QObject> m_packetsView; // the packet list's view, which Ctrl+C is watched on
};

#pragma once

#include "IpAddress.h"

#include <QList>
#include <QTimer>
#include <QWidget>

class CounterLabel;
class PacketFilterProxy;
class PacketTableModel;
class QComboBox;
class QLabel;
class QLineEdit;
class QTableView;
class QToolButton;

// The packet list with its filter bar: a text filter (names or sender), a quick filter
// (queries, responses, malformed), the one-sender filter set from the senders table and the
// packet-numbers filter set from the services view ("Show packets"), each with a chip to
// clear it.
// Typing is debounced so a large store is refiltered once per pause, not per keystroke.
// "Follow newest" keeps the newest packet in view. GUI thread.
class PacketListPanel final : public QWidget
{
    Q_OBJECT
public:
    explicit PacketListPanel(PacketTableModel *model, QWidget *parent = nullptr);

    QTableView *view() const { return m_view; }
    PacketFilterProxy *proxy() const { return m_proxy; }

    void setFollowNewest(bool on);
    bool followNewest() const { return m_follow; }
    // Shows only the packets from these addresses (a host's), named `label` in the filter
    // bar (empty: the first address); no addresses shows every sender again.
    void setSenderFilter(const QList<IpAddress> &addresses, const QString &label = {});
    const QList<IpAddress> &senderFilter() const;
    // Shows only the packets with these numbers, named `label` in the filter bar ("Packets of
    // Office Printer"); none shows every packet again.
    void setNumbersFilter(const QList<quint64> &numbers, const QString &label = {});
    bool hasNumbersFilter() const;
    // Selects and shows the packet with this number; false when it is not in the list (evicted,
    // or hidden by a filter).
    bool selectPacketNumber(quint64 number);
    void setFilterText(const QString &text); // applies at once (no debounce)

    // Source-model rows of the selected packets / of every packet the filters show,
    // in display order.
    QList<qsizetype> selectedRows() const;
    QList<qsizetype> displayedRows() const;
    // Source row of the packet the details show: the current row when it is selected, else the
    // topmost selected row, else -1.
    int currentRow() const;

Q_SIGNALS:
    // The packet to show in the details changed (-1: none, e.g. the filter hid it).
    void currentPacketChanged(int sourceRow);

private:
    void applyText();
    void updateCount();
    void onRowsInserted();
    void updateCurrentPacket();

    PacketTableModel *m_model;
    PacketFilterProxy *m_proxy;
    QLineEdit *m_filter;
    QComboBox *m_kind;
    QToolButton *m_senderChip;
    QToolButton *m_numbersChip;
    CounterLabel *m_count;
    QTableView *m_view;
    QTimer m_debounce;
    bool m_follow = true;
    quint64 m_shownNumber = 0; // packet number last announced, 0 = none
};

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
// (queries, responses, malformed) and the one-sender filter set from the senders table.
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
    void setSenderFilter(const IpAddress &sender);
    void setFilterText(const QString &text); // applies at once (no debounce)

    // Source-model rows of the selected packets / of every packet the filters show,
    // in display order.
    QList<qsizetype> selectedRows() const;
    QList<qsizetype> displayedRows() const;
    int currentRow() const; // source row of the current packet, or -1

Q_SIGNALS:
    void currentPacketChanged(int sourceRow);

private:
    void applyText();
    void updateCount();
    void onRowsInserted();

    PacketTableModel *m_model;
    PacketFilterProxy *m_proxy;
    QLineEdit *m_filter;
    QComboBox *m_kind;
    QToolButton *m_senderChip;
    CounterLabel *m_count;
    QTableView *m_view;
    QTimer m_debounce;
    bool m_follow = true;
};

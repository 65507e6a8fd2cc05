#pragma once

#include "IpAddress.h"
#include "PacketTableModel.h"

#include <QList>
#include <QStringList>
#include <QTimer>
#include <QWidget>

class CounterLabel;
class PacketFilterProxy;
class QActionGroup;
class QComboBox;
class QMenu;
class QLabel;
class QLineEdit;
class QTableView;
class QToolButton;

// The packet list with its filter bar: a text filter (names or sender), a quick filter
// (queries, responses, malformed), the one-sender filter set from the senders table and the
// packet-numbers filter set from the services view ("Show packets"), each with a chip to
// clear it. Above them the display filter (Wireshark's language, DisplayFilter): green while
// the text compiles, red with the reason and the place while it does not; Enter or Apply applies
// it, an invalid one never (the list keeps the last valid filter); the last applied filters are
// offered in its drop-down and kept in the settings (kRecentFiltersKey).
// Typing is debounced so a large store is refiltered once per pause, not per keystroke.
// "Follow newest" keeps the newest packet in view; scrolling up (wheel, scroll bar, keys) pauses
// it, as Wireshark's auto-scroll does, until the list is back at its end; a hint in the bar says
// so meanwhile. Home / End / Page Up / Page Down, with or without Ctrl, select the packet they
// move to, so the details follow them. Right-click on the header offers the column chooser (each
// column shown or hidden, kHiddenColumnsKey), the time formats (kTimeFormatKey, also in the
// window's View menu: timeFormatActions()), resizing to the contents and the default columns.
// GUI thread.
class PacketListPanel final : public QWidget
{
    Q_OBJECT
public:
    static constexpr const char *kRecentFiltersKey = "packetList/recentDisplayFilters";
    static constexpr int kMaxRecentFilters = 10;
    // Keys (PacketTableModel::columnKey) of the hidden columns; absent: the defaults.
    static constexpr const char *kHiddenColumnsKey = "packetList/hiddenColumns";
    static constexpr const char *kTimeFormatKey = "packetList/timeFormat";

    explicit PacketListPanel(PacketTableModel *model, QWidget *parent = nullptr);

    QTableView *view() const { return m_view; }
    PacketFilterProxy *proxy() const { return m_proxy; }

    void setFollowNewest(bool on);
    bool followNewest() const { return m_follow; }
    // True while following is on but paused because the user scrolled away from the end.
    bool isFollowPaused() const { return m_follow && m_followPaused; }
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
    // Puts `text` in the display filter field and applies it as Enter does; false (and nothing
    // applied) when it does not compile.
    bool setDisplayFilterText(const QString &text);
    // Puts `text` in the display filter field without applying it ("Prepare as Filter"): the
    // field is focused for editing, Enter applies it.
    void prepareDisplayFilterText(const QString &text);
    // The text in the display filter field (applied or not).
    QString displayFilterText() const;
    // The text of the display filter the list applies (empty: none).
    QString appliedDisplayFilter() const;
    // The recently applied display filters, newest first.
    QStringList recentDisplayFilters() const { return m_recentFilters; }

    // Source-model rows of the selected packets / of every packet the filters show,
    // in display order.
    QList<qsizetype> selectedRows() const;
    QList<qsizetype> displayedRows() const;

    // The column chooser: shows or hides a column (the last visible one stays) and keeps the
    // choice in the settings.
    void setColumnVisible(int column, bool visible);
    bool isColumnVisible(int column) const;
    // The default columns again: every column but the hidden-by-default ones, in model order,
    // at their default widths.
    void resetColumns();
    // The menu the header's right-click shows (the caller owns it).
    QMenu *createHeaderMenu(QWidget *parent);
    void setTimeFormat(PacketTableModel::TimeFormat format);
    // One checkable action per time format, in PacketTableModel::TimeFormat order (exclusive).
    QList<QAction *> timeFormatActions() const;
    // Source row of the packet the details show: the current row when it is selected, else the
    // topmost selected row, else -1.
    int currentRow() const;

Q_SIGNALS:
    // The packet to show in the details changed (-1: none, e.g. the filter hid it).
    void currentPacketChanged(int sourceRow);
    // The user cleared the sender filter (its chip's button).
    void senderFilterCleared();
    void followPausedChanged(bool paused);

protected:
    bool eventFilter(QObject *watched, QEvent *event) override;

private:
    void applyText();
    void elideFilterError();
    void checkDisplayFilter();
    bool applyDisplayFilter();
    void rememberDisplayFilter(const QString &text);
    void fillRecentFilters();
    void updateCount();
    void onRowsInserted();
    void updateCurrentPacket();
    void applyColumnVisibility(const QStringList &hiddenKeys);
    void saveColumnVisibility() const;
    int defaultColumnWidth(int column) const;
    void fitTimeColumn();
    void noteUserScroll();
    void setFollowPaused(bool paused);

    PacketTableModel *m_model;
    PacketFilterProxy *m_proxy;
    QLineEdit *m_filter;
    QComboBox *m_kind;
    QComboBox *m_displayFilter;
    QToolButton *m_applyFilter;
    QToolButton *m_clearFilter;
    QLabel *m_filterError;
    QStringList m_recentFilters;
    QToolButton *m_senderChip;
    QToolButton *m_numbersChip;
    QLabel *m_pausedHint;
    CounterLabel *m_count;
    QTableView *m_view;
    QActionGroup *m_timeFormats = nullptr;
    QTimer m_debounce;
    bool m_follow = true;
    bool m_followPaused = false; // the user scrolled away from the end
    quint64 m_shownNumber = 0;   // packet number last announced, 0 = none
};

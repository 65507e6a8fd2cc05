#pragma once

#include "DisplayFilter.h"
#include "IpAddress.h"

#include <QHash>
#include <QList>
#include <QSet>
#include <QSortFilterProxyModel>

class PacketTableModel;

// Sorting and filtering for the packet list. Filters: text in any name or the sender, a
// quick filter (queries, responses, malformed), one sender (a host: any of its addresses) and a
// set of packet numbers (the packets that carried a service instance's records), and a display
// filter (Wireshark's language, DisplayFilter), all combined (AND). Sorts
// on the model's raw SortRole values; for the Summary column it keeps the sort keys it decoded, so
// a sort decodes each packet once, not once per comparison. GUI thread.
class PacketFilterProxy final : public QSortFilterProxyModel
{
    Q_OBJECT
public:
    enum class Kind { All, Queries, Responses, Malformed };

    explicit PacketFilterProxy(QObject *parent = nullptr);

    void setSourceModel(QAbstractItemModel *model) override;

    void setText(const QString &text);
    QString text() const { return m_text; }
    void setKind(Kind kind);
    Kind kind() const { return m_kind; }
    // Shows the packets from these addresses only; none shows every sender.
    void setSenders(const QList<IpAddress> &addresses);
    const QList<IpAddress> &senders() const { return m_senders; }
    // Shows only the packets with these numbers (PacketStore::number); none shows every packet.
    void setNumbers(const QList<quint64> &numbers);
    const QSet<quint64> &numbers() const { return m_numbers; }
    // Shows only the packets the display filter matches (each row decoded); the empty filter
    // shows every packet and decodes nothing.
    void setDisplayFilter(const DisplayFilter &filter);
    const DisplayFilter &displayFilter() const { return m_displayFilter; }
    bool isFiltering() const;

    // The time column in TimeFormat::SincePrevious counts from the previous packet shown
    // (in arrival order, as Wireshark's "since previous displayed packet").
    QVariant data(const QModelIndex &index, int role = Qt::DisplayRole) const override;
    // Source row of the packet shown before the one at `sourceRow` in arrival order; -1: none
    // (the first shown, or the previous one was evicted).
    int previousShownRow(int proxyRow, int sourceRow) const;

protected:
    bool filterAcceptsRow(int sourceRow, const QModelIndex &sourceParent) const override;
    bool lessThan(const QModelIndex &left, const QModelIndex &right) const override;

private:
    void refilter();
    const QString &summaryKey(const QModelIndex &index) const;

    PacketTableModel *m_packets = nullptr;
    QString m_text;
    Kind m_kind = Kind::All;
    QList<IpAddress> m_senders; // a host's: a few (SenderTable::kMaxAddressesPerSender)
    QSet<quint64> m_numbers;
    DisplayFilter m_displayFilter;
    mutable QHash<quint64, QString> m_summaryKeys; // by packet number
    // The shown packets' numbers, ascending, for previousShownRow() while sorted by another
    // column than the number; listed on first use after the shown rows changed.
    mutable QList<quint64> m_shownNumbers;
    mutable bool m_shownNumbersStale = true;
};

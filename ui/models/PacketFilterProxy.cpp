#include "PacketFilterProxy.h"

#include "DnsDecoder.h"
#include "PacketTableModel.h"

#include <algorithm>

PacketFilterProxy::PacketFilterProxy(QObject *parent)
    : QSortFilterProxyModel(parent)
{
    setSortRole(PacketTableModel::SortRole);
    setDynamicSortFilter(true);
    const auto stale = [this] { m_shownNumbersStale = true; };
    connect(this, &QAbstractItemModel::rowsInserted, this, stale);
    connect(this, &QAbstractItemModel::rowsRemoved, this, stale);
    connect(this, &QAbstractItemModel::modelReset, this, stale);
    connect(this, &QAbstractItemModel::layoutChanged, this, stale);
}

QVariant PacketFilterProxy::data(const QModelIndex &index, int role) const
{
    if (m_packets && role == Qt::DisplayRole && index.column() == PacketTableModel::TimeColumn &&
        m_packets->timeFormat() == PacketTableModel::TimeFormat::SincePrevious && isFiltering()) {
        const int row = mapToSource(index).row();
        if (row >= 0)
            return m_packets->timeText(row, previousShownRow(index.row(), row));
    }
    return QSortFilterProxyModel::data(index, role);
}

int PacketFilterProxy::previousShownRow(int proxyRow, int sourceRow) const
{
    if (!m_packets)
        return -1;
    const int column = sortColumn();
    if (column < 0 || column == PacketTableModel::NumberColumn) {
        // In arrival order the previous packet shown is the row above (below when descending).
        const int neighbour =
            column < 0 || sortOrder() == Qt::AscendingOrder ? proxyRow - 1 : proxyRow + 1;
        if (neighbour < 0 || neighbour >= rowCount())
            return -1;
        return mapToSource(index(neighbour, 0)).row();
    }
    const PacketStore &store = m_packets->store();
    if (m_shownNumbersStale) {
        m_shownNumbers.clear();
        const int rows = rowCount();
        m_shownNumbers.reserve(rows);
        for (int r = 0; r < rows; ++r)
            m_shownNumbers.append(store.number(mapToSource(index(r, 0)).row()));
        std::sort(m_shownNumbers.begin(), m_shownNumbers.end());
        m_shownNumbersStale = false;
    }
    const auto it =
        std::lower_bound(m_shownNumbers.cbegin(), m_shownNumbers.cend(), store.number(sourceRow));
    if (it == m_shownNumbers.cbegin())
        return -1;
    return int(store.rowOfNumber(*(it - 1)));
}

void PacketFilterProxy::setSourceModel(QAbstractItemModel *model)
{
    m_packets = qobject_cast<PacketTableModel *>(model);
    m_summaryKeys.clear();
    QSortFilterProxyModel::setSourceModel(model);
    if (model) {
        connect(model, &QAbstractItemModel::modelReset, this, [this] { m_summaryKeys.clear(); });
    }
}

void PacketFilterProxy::setText(const QString &text)
{
    const QString trimmed = text.trimmed();
    if (trimmed == m_text)
        return;
    m_text = trimmed;
    refilter();
}

void PacketFilterProxy::setKind(Kind kind)
{
    if (kind == m_kind)
        return;
    m_kind = kind;
    refilter();
}

void PacketFilterProxy::setSenders(const QList<IpAddress> &addresses)
{
    if (addresses == m_senders)
        return;
    m_senders = addresses;
    refilter();
}

void PacketFilterProxy::setNumbers(const QList<quint64> &numbers)
{
    QSet<quint64> set(numbers.cbegin(), numbers.cend());
    if (set == m_numbers)
        return;
    m_numbers = std::move(set);
    refilter();
}

void PacketFilterProxy::setDisplayFilter(const DisplayFilter &filter)
{
    if (filter.isEmpty() && m_displayFilter.isEmpty())
        return;
    m_displayFilter = filter;
    refilter();
}

void PacketFilterProxy::refilter()
{
    // A whole new mapping and one layoutChanged, filtered again on the next access.
    // invalidateRowsFilter() instead removes and inserts every contiguous range that
    // changed, and each of those signals costs the view's header a pass over all its rows:
    // filtering 1,000,000 rows that way took seconds.
    invalidate();
}

bool PacketFilterProxy::isFiltering() const
{
    return !m_text.isEmpty() || m_kind != Kind::All || !m_senders.isEmpty() ||
           !m_numbers.isEmpty() || !m_displayFilter.isEmpty();
}

bool PacketFilterProxy::filterAcceptsRow(int sourceRow, const QModelIndex &sourceParent) const
{
    if (!m_packets || sourceParent.isValid())
        return true;
    const PacketStore &store = m_packets->store();
    // Cheapest tests first: flags and the address need no decoding.
    switch (m_kind) {
    case Kind::All:
        break;
    case Kind::Queries:
        if (store.isResponse(sourceRow))
            return false;
        break;
    case Kind::Responses:
        if (!store.isResponse(sourceRow))
            return false;
        break;
    case Kind::Malformed:
        if (!store.isMalformed(sourceRow))
            return false;
        break;
    }
    if (!m_senders.isEmpty() && !m_senders.contains(store.source(sourceRow)))
        return false;
    if (!m_numbers.isEmpty() && !m_numbers.contains(store.number(sourceRow)))
        return false;
    if (!m_packets->matchesText(sourceRow, m_text))
        return false;
    if (m_displayFilter.isEmpty())
        return true;
    // The costliest test last: the packet (its datagram not copied), decoded only as far as the
    // filter needs (DisplayFilter::matches).
    return m_displayFilter.matches(store.packetView(sourceRow), store.number(sourceRow));
}

const QString &PacketFilterProxy::summaryKey(const QModelIndex &index) const
{
    const quint64 number = m_packets->store().number(index.row());
    auto it = m_summaryKeys.find(number);
    if (it == m_summaryKeys.end()) {
        // Evicted packets leave stale keys behind; drop them all once they dominate.
        if (m_summaryKeys.size() > 2 * m_packets->rowCount() + 1024)
            m_summaryKeys.clear();
        it = m_summaryKeys.insert(number, m_packets->summary(index.row()));
    }
    return it.value();
}

bool PacketFilterProxy::lessThan(const QModelIndex &left, const QModelIndex &right) const
{
    if (m_packets && left.column() == PacketTableModel::SummaryColumn)
        return summaryKey(left) < summaryKey(right);
    const QVariant l = left.data(sortRole());
    const QVariant r = right.data(sortRole());
    const auto order = QVariant::compare(l, r);
    if (order == QPartialOrdering::Equivalent) // stable on packet number
        return left.data(PacketTableModel::NumberRole).toULongLong() <
               right.data(PacketTableModel::NumberRole).toULongLong();
    return order == QPartialOrdering::Less;
}

#include "PacketFilterProxy.h"

#include "DnsDecoder.h"
#include "PacketTableModel.h"

PacketFilterProxy::PacketFilterProxy(QObject *parent)
    : QSortFilterProxyModel(parent)
{
    setSortRole(PacketTableModel::SortRole);
    setDynamicSortFilter(true);
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

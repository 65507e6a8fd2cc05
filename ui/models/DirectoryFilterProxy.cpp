#include "DirectoryFilterProxy.h"

DirectoryFilterProxy::DirectoryFilterProxy(int searchRole, int goneRole, QObject *parent)
    : QSortFilterProxyModel(parent)
    , m_searchRole(searchRole)
    , m_goneRole(goneRole)
{
    setRecursiveFilteringEnabled(true);
    setDynamicSortFilter(true);
}

void DirectoryFilterProxy::setText(const QString &text)
{
    const QString trimmed = text.trimmed();
    if (trimmed == m_text)
        return;
    m_text = trimmed;
    invalidateRowsFilter();
}

void DirectoryFilterProxy::setHideGone(bool hide)
{
    if (hide == m_hideGone)
        return;
    m_hideGone = hide;
    invalidateRowsFilter();
}

bool DirectoryFilterProxy::filterAcceptsRow(int sourceRow, const QModelIndex &sourceParent) const
{
    if (m_text.isEmpty() && !m_hideGone)
        return true; // nothing filters: no text made (a live update re-filters its rows)
    const QModelIndex index = sourceModel()->index(sourceRow, 0, sourceParent);
    const QVariant search = index.data(m_searchRole);
    if (!search.isValid()) // a group row: shown through its rows, or when nothing filters
        return false;
    if (m_hideGone && index.data(m_goneRole).toBool())
        return false;
    return m_text.isEmpty() || search.toString().contains(m_text, Qt::CaseInsensitive);
}

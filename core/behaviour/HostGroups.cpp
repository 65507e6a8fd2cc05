#include "HostGroups.h"

#include "DirectoryNames.h"

HostGroups::HostGroups(qsizetype maxAddresses)
    : m_max(maxAddresses)
{}

qsizetype HostGroups::indexOf(const IpAddress &address)
{
    const auto it = m_index.constFind(address);
    if (it != m_index.cend())
        return it.value();
    if (m_addresses.size() >= m_max)
        return -1;
    const qsizetype at = m_addresses.size();
    m_addresses.append(address);
    m_parent.append(at);
    m_index.insert(address, at);
    return at;
}

qsizetype HostGroups::find(const IpAddress &address) const
{
    return m_index.value(address, -1);
}

qsizetype HostGroups::group(qsizetype index) const
{
    while (index >= 0 && m_parent.at(index) != index)
        index = m_parent.at(index);
    return index;
}

void HostGroups::noteHostAddresses(const IpAddress &source, const QString &hostName,
                                   const QList<IpAddress> &addresses)
{
    if (!addresses.contains(source))
        return;
    const qsizetype at = indexOf(source);
    if (at < 0)
        return;
    qsizetype root = group(at);
    for (const IpAddress &a : addresses) {
        const qsizetype other = indexOf(a);
        if (other < 0)
            continue;
        const qsizetype otherRoot = group(other);
        if (otherRoot == root)
            continue;
        // The group keeps the lower number (its first address), so it reads the same
        // whichever address announced the others.
        const qsizetype keep = std::min(root, otherRoot);
        const qsizetype drop = std::max(root, otherRoot);
        m_parent[drop] = keep;
        if (!m_hostNames.contains(keep) && m_hostNames.contains(drop))
            m_hostNames.insert(keep, m_hostNames.value(drop));
        m_hostNames.remove(drop);
        root = keep;
    }
    if (DirectoryNames::key(m_hostNames.value(root)) != DirectoryNames::key(hostName))
        m_hostNames.insert(root, hostName);
}

QList<IpAddress> HostGroups::addressesOf(qsizetype g) const
{
    QList<IpAddress> out;
    for (qsizetype i = 0; i < m_addresses.size(); ++i) {
        if (group(i) == g)
            out.append(m_addresses.at(i));
    }
    return out;
}

void HostGroups::clear()
{
    m_addresses.clear();
    m_parent.clear();
    m_hostNames.clear();
    m_index.clear();
}

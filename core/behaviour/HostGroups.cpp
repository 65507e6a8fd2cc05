#include "HostGroups.h"

#include "DirectoryNames.h"
#include "MultiHomed.h"

#include <algorithm>
#include <iterator>

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
    m_members.append(QList<qsizetype>{at});
    m_index.insert(address, at);
    ++m_version;
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

qsizetype HostGroups::unite(qsizetype a, qsizetype b)
{
    const qsizetype rootA = group(a);
    const qsizetype rootB = group(b);
    if (rootA == rootB)
        return rootA;
    // The group keeps the lower number (its first address), so it reads the same whichever
    // address announced the others.
    const qsizetype keep = std::min(rootA, rootB);
    const qsizetype drop = std::max(rootA, rootB);
    m_parent[drop] = keep;
    // Members in the order first seen (address numbers ascending).
    QList<qsizetype> merged;
    merged.reserve(m_members.at(keep).size() + m_members.at(drop).size());
    std::merge(m_members.at(keep).cbegin(), m_members.at(keep).cend(), m_members.at(drop).cbegin(),
               m_members.at(drop).cend(), std::back_inserter(merged));
    m_members[keep] = std::move(merged);
    m_members[drop].clear();
    ++m_version;
    if (!m_hostNames.contains(keep) && m_hostNames.contains(drop))
        m_hostNames.insert(keep, m_hostNames.value(drop));
    m_hostNames.remove(drop);
    return keep;
}

void HostGroups::noteHostAddresses(const IpAddress &source, const QString &hostName,
                                   const QList<IpAddress> &addresses, qint64 timeNs, bool probe)
{
    if (!MultiHomed::selfAddressed(source, addresses))
        return;
    const qsizetype at = indexOf(source);
    if (at < 0)
        return;
    qsizetype root = group(at);
    for (const IpAddress &a : addresses) {
        const qsizetype other = indexOf(a);
        if (other >= 0)
            root = unite(root, other);
    }
    // One host on several links: its per-interface copies (MultiHomed's rule, as the
    // checker's ConflictChecks applies it).
    const QString key = DirectoryNames::key(hostName);
    auto last = m_lastCopy.find(key);
    if (last != m_lastCopy.end()) {
        const Copy &c = last.value();
        if (MultiHomed::areCopies({c.source, c.addresses, c.timeNs, c.probe},
                                  {source, addresses, timeNs, probe})) {
            const qsizetype other = find(c.source);
            if (other >= 0)
                root = unite(root, other);
        }
        last.value() = Copy{source, addresses, timeNs, probe};
    } else {
        // Only the last 10 ms matter: a flood of names is forgotten at the bound.
        if (m_lastCopy.size() >= kMaxCopies)
            m_lastCopy.clear();
        m_lastCopy.insert(key, Copy{source, addresses, timeNs, probe});
    }
    if (DirectoryNames::key(m_hostNames.value(root)) != key) {
        m_hostNames.insert(root, hostName);
        ++m_version;
    }
}

QList<IpAddress> HostGroups::addressesOf(qsizetype g) const
{
    QList<IpAddress> out;
    if (g < 0 || g >= m_members.size())
        return out;
    const QList<qsizetype> &members = m_members.at(group(g));
    out.reserve(members.size());
    for (const qsizetype i : members)
        out.append(m_addresses.at(i));
    return out;
}

void HostGroups::clear()
{
    m_addresses.clear();
    m_parent.clear();
    m_members.clear();
    ++m_version;
    m_hostNames.clear();
    m_index.clear();
    m_lastCopy.clear();
}

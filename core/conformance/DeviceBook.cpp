#include "DeviceBook.h"

#include "DirectoryNames.h"
#include "NameText.h"

#include <algorithm>

DeviceBook::DeviceBook(qsizetype maxDevices)
    : m_max(maxDevices)
{}

qsizetype DeviceBook::root(qsizetype index) const
{
    while (index >= 0 && m_devices.at(index).mergedInto >= 0)
        index = m_devices.at(index).mergedInto;
    return index;
}

qsizetype DeviceBook::deviceOf(const IpAddress &source)
{
    const auto it = m_byAddress.constFind(source);
    if (it != m_byAddress.cend())
        return root(it.value());
    if (m_devices.size() >= m_max)
        return -1;
    Device d;
    d.addresses.append(source);
    m_devices.append(std::move(d));
    m_byAddress.insert(source, m_devices.size() - 1);
    m_changed = true;
    return m_devices.size() - 1;
}

void DeviceBook::notePacket(const IpAddress &source, const QString &interfaceName)
{
    const qsizetype at = deviceOf(source);
    if (at < 0)
        return;
    Device &d = m_devices[at];
    ++d.packets;
    if (!interfaceName.isEmpty() && !d.interfaces.contains(interfaceName) &&
        d.interfaces.size() < 16) {
        d.interfaces.append(interfaceName);
        m_changed = true;
    }
}

void DeviceBook::noteHostAddresses(const IpAddress &source, const QString &hostName,
                                   std::span<const IpAddress> addresses)
{
    if (std::find(addresses.begin(), addresses.end(), source) == addresses.end())
        return;
    const qsizetype at = deviceOf(source);
    if (at < 0)
        return;
    if (!NameText::equal(m_devices[at].hostName, hostName)) {
        m_devices[at].hostName = hostName;
        m_changed = true;
    }
    for (const IpAddress &a : addresses) {
        if (a == source)
            continue;
        const qsizetype other = deviceOf(a);
        if (other < 0 || other == at)
            continue;
        // Join the other into this one: its addresses, interfaces, counts and what it did.
        Device &from = m_devices[other];
        Device &to = m_devices[at];
        for (const IpAddress &x : std::as_const(from.addresses)) {
            if (!to.addresses.contains(x))
                to.addresses.append(x);
        }
        for (const QString &i : std::as_const(from.interfaces)) {
            if (!to.interfaces.contains(i))
                to.interfaces.append(i);
        }
        to.packets += from.packets;
        to.exercised |= from.exercised;
        to.started = to.started || from.started;
        from.mergedInto = at;
        from.addresses.clear();
        m_changed = true;
    }
}

void DeviceBook::noteExercised(const IpAddress &source, RuleGroup group)
{
    const qsizetype at = deviceOf(source);
    if (at < 0)
        return;
    const quint8 bit = quint8(1u << int(group));
    if (!(m_devices[at].exercised & bit)) {
        m_devices[at].exercised |= bit;
        m_changed = true;
    }
}

void DeviceBook::noteStarted(const IpAddress &source)
{
    const qsizetype at = deviceOf(source);
    if (at < 0 || m_devices[at].started)
        return;
    m_devices[at].started = true;
    m_changed = true;
}

bool DeviceBook::wasSeenStarting(const IpAddress &source) const
{
    const auto it = m_byAddress.constFind(source);
    return it != m_byAddress.cend() && m_devices.at(root(it.value())).started;
}

QList<ScorecardRow> DeviceBook::scorecard(const QList<Finding> &findings) const
{
    QList<ScorecardRow> rows;
    QHash<qsizetype, qsizetype> rowOf;
    for (qsizetype i = 0; i < m_devices.size(); ++i) {
        const Device &d = m_devices.at(i);
        if (d.mergedInto >= 0)
            continue;
        ScorecardRow row;
        row.hostName = d.hostName;
        row.addresses = d.addresses;
        row.interfaces = d.interfaces;
        row.packets = d.packets;
        row.seenStarting = d.started;
        for (int g = 0; g < kRuleGroupCount; ++g) {
            const bool exercised =
                g == int(RuleGroup::Probing) ? d.started : bool(d.exercised & (1u << g));
            row.verdicts[g] = exercised ? Verdict::Pass : Verdict::NotSeen;
        }
        rowOf.insert(i, rows.size());
        rows.append(std::move(row));
    }
    for (const Finding &f : findings) {
        const auto at = m_byAddress.constFind(f.source);
        if (at == m_byAddress.cend())
            continue;
        const auto row = rowOf.constFind(root(at.value()));
        if (row == rowOf.cend())
            continue;
        ScorecardRow &r = rows[row.value()];
        const int g = int(f.info().group);
        if (f.severity == Severity::Error) {
            ++r.errors[g];
            r.verdicts[g] = Verdict::Fail;
        } else if (f.severity == Severity::Warning) {
            ++r.warnings[g];
            if (r.verdicts[g] != Verdict::Fail)
                r.verdicts[g] = Verdict::Warn;
        }
    }
    std::sort(rows.begin(), rows.end(), [](const ScorecardRow &a, const ScorecardRow &b) {
        const QString ka = DirectoryNames::key(a.hostName), kb = DirectoryNames::key(b.hostName);
        if (ka != kb)
            return !ka.isEmpty() && (kb.isEmpty() || ka < kb); // named devices first
        return a.addresses.value(0).toString() < b.addresses.value(0).toString();
    });
    return rows;
}

void DeviceBook::clear()
{
    m_devices.clear();
    m_byAddress.clear();
    m_changed = true;
}

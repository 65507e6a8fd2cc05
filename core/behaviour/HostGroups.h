#pragma once

#include "IpAddress.h"

#include <QHash>
#include <QList>
#include <QString>

// The hosts on the link as the behaviour model tells them apart: one per source address,
// joined when one packet from an address announces (or probes for) its host name's A/AAAA
// records with its own address among them (the rule of core/conformance/DeviceBook: a host's
// IPv4 and IPv6 addresses together), and when such packets from two addresses are one
// multi-homed host's per-interface copies (core/directory/MultiHomed.h, the rule the
// checker's ConflictChecks uses: same host name, same kind, within 10 ms). Addresses are numbered
// in the order first seen; the latency and talker figures are kept per address and summed per group
// when read. Bounded (maxAddresses; an address beyond it has no number, -1). Pipeline thread.
class HostGroups final
{
public:
    explicit HostGroups(qsizetype maxAddresses = 4096);

    // The number of `address` (from 0), adding it when new; -1 when full.
    qsizetype indexOf(const IpAddress &address);
    // The number when known, -1 otherwise (does not add).
    qsizetype find(const IpAddress &address) const;
    // `source` announced `hostName` with `addresses` (A/AAAA rdata) in one packet at `timeNs`
    // (a probe's proposed records when `probe`).
    void noteHostAddresses(const IpAddress &source, const QString &hostName,
                           const QList<IpAddress> &addresses, qint64 timeNs, bool probe);
    // The group (its first address's number) an address number belongs to.
    qsizetype group(qsizetype index) const;
    bool sameGroup(qsizetype a, qsizetype b) const
    {
        return a >= 0 && b >= 0 && group(a) == group(b);
    }
    qsizetype size() const { return m_addresses.size(); }
    const IpAddress &address(qsizetype index) const { return m_addresses.at(index); }
    // The host name announced by the group (empty when none was).
    QString hostName(qsizetype group) const { return m_hostNames.value(group); }
    // The addresses of a group, in the order first seen.
    QList<IpAddress> addressesOf(qsizetype group) const;
    void clear();
    // Changes whenever an address is added, groups are joined or a group's name changes.
    quint64 version() const { return m_version; }

private:
    struct Copy // the latest self-addressed packet for a host name
    {
        IpAddress source;
        QList<IpAddress> addresses;
        qint64 timeNs = 0;
        bool probe = false;
    };
    static constexpr qsizetype kMaxCopies = 1024;
    // Joins the groups of two address numbers; returns the group kept.
    qsizetype unite(qsizetype a, qsizetype b);

    qsizetype m_max;
    QList<IpAddress> m_addresses;
    QList<qsizetype> m_parent;
    QList<QList<qsizetype>> m_members; // per group (its root): its address numbers, ascending
    quint64 m_version = 0;
    QHash<qsizetype, QString> m_hostNames; // by group
    QHash<IpAddress, qsizetype> m_index;
    QHash<QString, Copy> m_lastCopy; // by lowered host name
};

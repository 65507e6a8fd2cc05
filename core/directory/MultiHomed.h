#pragma once

#include "IpAddress.h"

#include <QHash>
#include <QList>

#include <cstdlib>

// One host on several links, captured together: the one rule that tells its per-interface
// copies apart from two hosts, for the conformance checker (ConflictChecks: not a conflict)
// and the behaviour model (HostGroups: one host, one lane, its copies not answers to each
// other). A multi-homed responder sends each packet on every interface, giving in each copy
// only that interface's address for its host name. Two packets are such copies when each
// gives its own source address among its host name's addresses ("self-addressed"), both are
// of the same kind (both probes, or both responses: a probe and a response are not copies, a
// defence answers a probe at once) and they leave within kSameBurstNs of each other.
// Header only; any thread (the hosts table: one thread at a time).
namespace MultiHomed {

// A multi-homed host sends its per-interface copies within this of each other.
constexpr qint64 kSameBurstNs = 10'000'000;

// What one packet shows of its sender for one host name.
struct Copy
{
    const IpAddress &source;
    const QList<IpAddress> &hostAddresses; // the A / AAAA addresses the packet gives
    qint64 timeNs = 0;
    bool probe = false;
};

inline bool selfAddressed(const IpAddress &source, const QList<IpAddress> &hostAddresses)
{
    return hostAddresses.contains(source);
}

// `a` and `b` (from two addresses) are one host's per-interface copies.
inline bool areCopies(const Copy &a, const Copy &b)
{
    return a.source != b.source && a.probe == b.probe &&
           std::abs(a.timeNs - b.timeNs) <= kSameBurstNs &&
           selfAddressed(a.source, a.hostAddresses) && selfAddressed(b.source, b.hostAddresses);
}

// Addresses found to be one host, as groups (each address points towards its group's
// representative); at most `max` addresses, joins past it are ignored.
class Hosts final
{
public:
    explicit Hosts(qsizetype max = 1024)
        : m_max(max)
    {}

    IpAddress hostOf(const IpAddress &a) const
    {
        IpAddress at = a;
        for (int hops = 0; hops < 64; ++hops) { // groups are joined at their roots
            const auto it = m_parent.constFind(at);
            if (it == m_parent.cend() || it.value() == at)
                return at;
            at = it.value();
        }
        return at;
    }
    void join(const IpAddress &a, const IpAddress &b)
    {
        const IpAddress rootA = hostOf(a);
        const IpAddress rootB = hostOf(b);
        if (rootA == rootB || m_parent.size() >= m_max)
            return;
        m_parent.insert(rootA, rootA);
        m_parent.insert(rootB, rootA);
    }
    bool same(const IpAddress &a, const IpAddress &b) const { return hostOf(a) == hostOf(b); }
    void clear() { m_parent.clear(); }
    qsizetype size() const { return m_parent.size(); }

private:
    qsizetype m_max;
    QHash<IpAddress, IpAddress> m_parent;
};

} // namespace MultiHomed

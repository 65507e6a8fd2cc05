#include "LinkChecks.h"

#include "DirectoryNames.h"

using namespace Sequence;

namespace {
constexpr qint64 kCopyWindowNs = 10'000'000; // 10 ms
constexpr qint64 kAskedWindowNs = 1'000'000'000;
constexpr size_t kMaxRecent = 512;

QString macText(const std::array<quint8, 6> &mac)
{
    QString s;
    for (size_t i = 0; i < mac.size(); ++i) {
        if (i)
            s += u':';
        s += QString::number(mac[i], 16).rightJustified(2, u'0');
    }
    return s;
}

std::array<quint8, 6> groupMac(const IpAddress &group)
{
    if (group.isV4()) {
        const quint32 g = group.v4();
        return {0x01, 0x00, 0x5E, quint8((g >> 16) & 0x7F), quint8(g >> 8), quint8(g)};
    }
    const auto &b = group.bytes();
    return {0x33, 0x33, b[12], b[13], b[14], b[15]};
}
} // namespace

LinkChecks::LinkChecks(std::shared_ptr<Shared> shared)
    : m_shared(std::move(shared))
{}

void LinkChecks::clear()
{
    m_recent.clear();
    m_memo.assign(kMemoSlots, Memo{});
    m_shared->clear(); // the first stateful module clears what they all share
}

void LinkChecks::add(const CheckContext &c)
{
    Shared &s = *m_shared;
    if (s.captureStartNs == 0)
        s.captureStartNs = c.time();
    checkDestinationMac(c);
    const size_t hash = qHash(c.packet.data);
    computeFacts(c, hash);
    s.facts.skip = checkCopy(c, hash);
    if (s.facts.skip)
        return;
    while (!m_recent.empty() &&
           (m_recent.front().timeNs < c.time() - kCopyWindowNs || m_recent.size() >= kMaxRecent))
        m_recent.pop_front();
    m_recent.push_back(Recent{c.time(), hash, c.packet.data, c.packet.source, c.packet.macsKnown,
                              c.packet.sourceMac, c.number},
                       kMaxRecent);

    // What later packets ask "heard before?" about.
    const DnsMessage &m = c.message;
    for (qsizetype i = 0; i < m.records.size(); ++i)
        s.heardNames[std::as_const(s.facts.recordNames)[i]] = 1;
    if (!m.header.qr) {
        for (const QString &q : std::as_const(s.facts.questionNames))
            s.lastQueryNs[q] = c.time();
    }
}

void LinkChecks::checkDestinationMac(const CheckContext &c)
{
    const Packet &p = c.packet;
    if (!p.macsKnown || !c.multicast)
        return;
    const std::array<quint8, 6> expected = groupMac(p.destination);
    if (p.destinationMac == expected)
        return;
    c.report(Rule::DestinationMac, Severity::Error, QString(),
             QT_TRANSLATE_NOOP("Conformance",
                               "multicast message to %1 sent to the MAC address %2; it must go "
                               "to %3"),
             {p.destination.toString(), macText(p.destinationMac), macText(expected)});
}

void LinkChecks::computeFacts(const CheckContext &c, size_t hash)
{
    Shared &s = *m_shared;
    PacketFacts &f = s.facts;
    const DnsMessage &m = c.message;
    f.skip = false;
    // The same datagram seen before (traffic repeats: announcements, queries, their copies):
    // its names, rdata keys and addresses are taken as they were formed, shared.
    Memo &memo = m_memo[hash % kMemoSlots];
    if (memo.hash == hash && memo.data == c.packet.data &&
        memo.recordNames.size() == m.records.size() &&
        memo.questionNames.size() == m.questions.size()) {
        f.recordNames = memo.recordNames;
        f.rdataKeys = memo.rdataKeys;
        f.questionNames = memo.questionNames;
        f.addresses = memo.addresses;
    } else {
        formFacts(c);
        memo.hash = hash;
        memo.data = QByteArray(c.packet.data.constData(), c.packet.data.size()); // owned
        memo.recordNames = f.recordNames;
        memo.rdataKeys = f.rdataKeys;
        memo.questionNames = f.questionNames;
        memo.addresses = f.addresses;
    }

    f.namesNeverHeard = false;
    if (!m.header.qr)
        return;
    for (qsizetype i = 0; i < m.records.size(); ++i) {
        const DnsRecord &r = m.records[i];
        if (r.section != DnsSection::Answer || !r.cacheFlush || r.ttl == 0)
            continue;
        const QString &name = std::as_const(f.recordNames)[i];
        const qint64 *asked = s.lastQueryNs.find(name);
        if (s.heardNames.find(name) || (asked && c.time() - *asked <= kAskedWindowNs)) {
            f.namesNeverHeard = false;
            return;
        }
        f.namesNeverHeard = true;
    }
}

void LinkChecks::formFacts(const CheckContext &c)
{
    Shared &s = *m_shared;
    PacketFacts &f = s.facts;
    const DnsMessage &m = c.message;
    f.recordNames.clear();
    f.rdataKeys.clear();
    f.questionNames.clear();
    f.addresses.clear();
    f.recordNames.reserve(m.records.size());
    f.rdataKeys.reserve(m.records.size());
    for (const DnsRecord &r : m.records) {
        f.recordNames.append(s.nameKeys.key(r.name));
        f.rdataKeys.append(rdataKey(r, s.rdataKeys));
        const IpAddress a = recordAddress(r);
        if (!a.isNull() && f.addresses.size() < 32 && !f.addresses.contains(a))
            f.addresses.append(a);
    }
    for (const DnsQuestion &q : m.questions)
        f.questionNames.append(s.nameKeys.key(q.name));
}

bool LinkChecks::checkCopy(const CheckContext &c, size_t hash)
{
    const Packet &p = c.packet;
    for (size_t i = m_recent.size(); i-- > 0;) {
        const Recent &r = m_recent.at(i);
        if (c.time() - r.timeNs > kCopyWindowNs)
            break;
        if (r.hash != hash || r.data != p.data)
            continue;
        const bool macsDiffer = p.macsKnown && r.macsKnown && p.sourceMac != r.sourceMac;
        const bool macsSame = p.macsKnown && r.macsKnown && p.sourceMac == r.sourceMac;
        bool reflection = false;
        if (r.source == p.source) {
            reflection = macsDiffer; // else the same packet captured twice
        } else if (r.source.family() == p.source.family()) {
            reflection = !macsSame && !m_shared->facts.addresses.contains(p.source);
        } else {
            reflection = macsDiffer; // one host's IPv4 and IPv6 copies
        }
        if (!reflection) {
            // The same host on its other family sends its own message: judged as its own.
            return r.source == p.source;
        }
        const QString delay = QString::number(double(c.time() - r.timeNs) / 1e6, 'f', 1);
        Finding *f = nullptr;
        if (r.source == p.source) {
            f = Sequence::report(
                c.log, Rule::Reflected, Severity::Info, c.time(), r.source, QString(), r.number,
                QT_TRANSLATE_NOOP("Conformance",
                                  "the message of %1 came again %2 ms later from the same address "
                                  "but another MAC address, %3: a reflector or repeater"),
                {r.source.toString(), delay, macText(p.sourceMac)});
        } else {
            f = Sequence::report(
                c.log, Rule::Reflected, Severity::Info, c.time(), r.source, QString(), r.number,
                QT_TRANSLATE_NOOP("Conformance",
                                  "the message of %1 came again %2 ms later from %3: a reflector "
                                  "or repeater; its copies are not counted as %1's traffic"),
                {r.source.toString(), delay, p.source.toString()});
        }
        if (f) {
            if (f->otherSource.isNull())
                f->otherSource = p.source;
            f->otherPackets.add(c.number);
        }
        return true;
    }
    return false;
}

qsizetype LinkChecks::tracked() const
{
    return std::max({qsizetype(m_recent.size()), m_shared->heardNames.size(),
                     m_shared->lastQueryNs.size(), m_shared->lastProbeNs.size()});
}

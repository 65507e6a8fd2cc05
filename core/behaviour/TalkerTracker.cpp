#include "TalkerTracker.h"

#include "DirectoryNames.h"
#include "DnsMessage.h"

#include <QHashFunctions>
#include <QVarLengthArray>

#include <algorithm>

namespace {

constexpr qint64 kSecondNs = 1'000'000'000;

// The service type a name belongs to, lowered ("_ipp._tcp"), or empty.
QString serviceTypeOf(const QString &name)
{
    const DirectoryNames::ServiceName s = DirectoryNames::parse(name);
    switch (s.kind) {
    case DirectoryNames::ServiceName::Kind::Type:
    case DirectoryNames::ServiceName::Kind::Subtype:
    case DirectoryNames::ServiceName::Kind::Instance:
        return DirectoryNames::key(s.type);
    case DirectoryNames::ServiceName::Kind::Enumeration:
        return QStringLiteral("_services._dns-sd._udp");
    case DirectoryNames::ServiceName::Kind::None:
        break;
    }
    return {};
}

} // namespace

void TalkerTracker::Rates::add(qint64 captureSecond, qint64 timeNs, quint64 n)
{
    if (packets == 0)
        firstNs = timeNs;
    lastNs = std::max(lastNs, timeNs);
    ++packets;
    bytes += n;
    const size_t slot = size_t(captureSecond % kSlots);
    if (second[slot] != captureSecond) {
        second[slot] = captureSecond;
        slotPackets[slot] = 0;
        slotBytes[slot] = 0;
    }
    ++slotPackets[slot];
    slotBytes[slot] += n;
    peakPackets = std::max<quint64>(peakPackets, slotPackets[slot]);
    peakBytes = std::max(peakBytes, slotBytes[slot]);
}

quint64 TalkerTracker::Rates::packetsIn(qint64 nowSecond, int window) const
{
    quint64 n = 0;
    for (size_t i = 0; i < second.size(); ++i) {
        if (second[i] >= 0 && second[i] <= nowSecond && second[i] > nowSecond - window)
            n += slotPackets[i];
    }
    return n;
}

quint64 TalkerTracker::Rates::bytesIn(qint64 nowSecond, int window) const
{
    quint64 n = 0;
    for (size_t i = 0; i < second.size(); ++i) {
        if (second[i] >= 0 && second[i] <= nowSecond && second[i] > nowSecond - window)
            n += slotBytes[i];
    }
    return n;
}

void TalkerTracker::Rates::merge(const Rates &o)
{
    if (o.packets == 0)
        return;
    firstNs = packets ? std::min(firstNs, o.firstNs) : o.firstNs;
    lastNs = std::max(lastNs, o.lastNs);
    packets += o.packets;
    bytes += o.bytes;
    repeats += o.repeats;
    peakPackets = std::max(peakPackets, o.peakPackets);
    peakBytes = std::max(peakBytes, o.peakBytes);
    for (size_t i = 0; i < second.size(); ++i) {
        if (o.second[i] < 0)
            continue;
        if (second[i] == o.second[i]) {
            slotPackets[i] += o.slotPackets[i];
            slotBytes[i] += o.slotBytes[i];
        } else if (second[i] < o.second[i]) {
            second[i] = o.second[i];
            slotPackets[i] = o.slotPackets[i];
            slotBytes[i] = o.slotBytes[i];
        }
        peakPackets = std::max<quint64>(peakPackets, slotPackets[i]);
        peakBytes = std::max(peakBytes, slotBytes[i]);
    }
}

TalkerTracker::TalkerTracker(qsizetype maxTypes)
    : m_maxTypes(maxTypes)
{}

qint64 TalkerTracker::secondOf(qint64 timeNs) const
{
    return std::max<qint64>(0, (timeNs - m_originNs) / kSecondNs);
}

double TalkerTracker::perSecond(quint64 count, int window) const
{
    if (!m_started)
        return 0.0;
    const qint64 seconds = std::min<qint64>(window, nowSecond() + 1);
    return double(count) / double(seconds);
}

void TalkerTracker::advanceTo(qint64 nowNs)
{
    if (m_started)
        m_lastNs = std::max(m_lastNs, nowNs);
}

void TalkerTracker::add(qint64 nowNs, qsizetype sender, const QByteArray &payload, quint64 bytes,
                        const DnsMessage &message)
{
    if (!m_started) {
        m_started = true;
        m_originNs = nowNs;
    }
    // A packet older than the last one (a file out of order) counts in the current second.
    nowNs = std::max(nowNs, m_lastNs);
    m_lastNs = nowNs;
    const qint64 second = secondOf(nowNs);
    m_link.add(second, nowNs, bytes);

    if (sender >= 0) {
        if (m_perAddress.size() <= sender) {
            m_perAddress.resize(sender + 1);
            m_recent.resize(sender + 1);
        }
        Rates &r = m_perAddress[sender];
        r.add(second, nowNs, bytes);
        Recent &recent = m_recent[sender];
        const size_t h = qHash(payload);
        for (int i = 0; i < recent.size; ++i) {
            if (recent.hash[size_t(i)] == h && nowNs - recent.timeNs[size_t(i)] <= kSecondNs) {
                ++r.repeats;
                ++m_link.repeats;
                break;
            }
        }
        recent.hash[size_t(recent.next)] = h;
        recent.timeNs[size_t(recent.next)] = nowNs;
        recent.next = (recent.next + 1) % int(recent.hash.size());
        recent.size = std::min<int>(recent.size + 1, int(recent.hash.size()));
    } else {
        ++m_untracked;
    }

    QVarLengthArray<QString, 4> types;
    const auto note = [&types](const QString &name) {
        QString type = serviceTypeOf(name);
        if (!type.isEmpty() && !types.contains(type))
            types.append(std::move(type));
    };
    for (const DnsQuestion &q : message.questions)
        note(q.name);
    for (const DnsRecord &r : message.records) {
        if (r.type != DnsType::OPT)
            note(r.name);
    }
    for (const QString &type : types) {
        auto it = m_perType.find(type);
        if (it == m_perType.end()) {
            if (m_perType.size() >= m_maxTypes) {
                ++m_untrackedTypePackets;
                continue;
            }
            it = m_perType.insert(type, Rates{});
        }
        it->add(second, nowNs, bytes);
    }
}

void TalkerTracker::clear()
{
    *this = TalkerTracker(m_maxTypes);
}

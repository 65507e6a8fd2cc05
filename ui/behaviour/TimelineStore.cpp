#include "TimelineStore.h"

#include <algorithm>
#include <queue>

namespace {

bool earlier(const TimelineStore::Mark &m, qint64 t)
{
    return m.timeNs < t;
}

bool later(qint64 t, const TimelineStore::Mark &m)
{
    return t < m.timeNs;
}

EventKind findingKind(Rule rule)
{
    return rule == Rule::Conflict || rule == Rule::SimultaneousProbe ? EventKind::Conflict
                                                                     : EventKind::Finding;
}

// Case-insensitive, with runs of digits compared as numbers: host-2 before host-10.
int naturalCompare(const QString &a, const QString &b)
{
    qsizetype i = 0, j = 0;
    while (i < a.size() && j < b.size()) {
        if (a.at(i).isDigit() && b.at(j).isDigit()) {
            qsizetype ei = i, ej = j;
            while (ei < a.size() && a.at(ei).isDigit())
                ++ei;
            while (ej < b.size() && b.at(ej).isDigit())
                ++ej;
            // Leading zeros aside, the longer number is the larger.
            while (i < ei - 1 && a.at(i) == u'0')
                ++i;
            while (j < ej - 1 && b.at(j) == u'0')
                ++j;
            if (ei - i != ej - j)
                return ei - i < ej - j ? -1 : 1;
            if (const int c = QStringView(a).mid(i, ei - i).compare(QStringView(b).mid(j, ej - j));
                c != 0)
                return c;
            i = ei;
            j = ej;
            continue;
        }
        const char16_t ca = a.at(i).toCaseFolded().unicode();
        const char16_t cb = b.at(j).toCaseFolded().unicode();
        if (ca != cb)
            return ca < cb ? -1 : 1;
        ++i;
        ++j;
    }
    if (i < a.size())
        return 1;
    return j < b.size() ? -1 : 0;
}

} // namespace

TimelineStore::TimelineStore(qsizetype capacity)
    : m_capacity(std::max<qsizetype>(capacity, 1))
{
    clear();
}

void TimelineStore::clear()
{
    m_lanes.clear();
    m_order.clear();
    m_laneById.clear();
    m_laneByAddress.clear();
    m_texts = QStringList{QString()};
    m_textIndex.clear();
    m_textIndex.insert(QString(), 0);
    m_packetTimes.clear();
    m_findingMarked.clear();
    m_findingDetails.clear();
    m_size = 0;
    m_dropped = 0;
    m_droppedByModel = 0;
    m_originNs = 0;
    m_nowNs = 0;
    m_hasTime = false;
}

const QString &TimelineStore::text(quint32 index) const
{
    return index < quint32(m_texts.size()) ? m_texts.at(index) : m_texts.constFirst();
}

quint32 TimelineStore::intern(const QString &text)
{
    const auto found = m_textIndex.constFind(text);
    if (found != m_textIndex.cend())
        return found.value();
    if (m_texts.size() >= kMaxTexts)
        return 0;
    const auto index = quint32(m_texts.size());
    m_texts.append(text);
    m_textIndex.insert(text, index);
    return index;
}

qsizetype TimelineStore::laneIndex(qint32 id)
{
    if (id < 0)
        id = -1;
    const auto found = m_laneById.constFind(id);
    if (found != m_laneById.cend())
        return found.value();
    const auto index = qsizetype(m_lanes.size());
    Lane lane;
    lane.id = id;
    m_lanes.push_back(std::move(lane));
    m_laneById.insert(id, index);
    reorder();
    return index;
}

qsizetype TimelineStore::rowOfLane(qint32 id) const
{
    const auto found = m_laneById.constFind(id);
    if (found == m_laneById.cend())
        return -1;
    const auto at = std::find(m_order.cbegin(), m_order.cend(), found.value());
    return at == m_order.cend() ? -1 : qsizetype(at - m_order.cbegin());
}

void TimelineStore::reorder()
{
    m_order.resize(m_lanes.size());
    for (size_t i = 0; i < m_lanes.size(); ++i)
        m_order[i] = qsizetype(i);
    auto group = [](const Lane &l) { return l.id < 0 ? 2 : l.hostName.isEmpty() ? 1 : 0; };
    std::sort(m_order.begin(), m_order.end(), [&](qsizetype a, qsizetype b) {
        const Lane &la = m_lanes[size_t(a)];
        const Lane &lb = m_lanes[size_t(b)];
        if (group(la) != group(lb))
            return group(la) < group(lb);
        if (const int c = naturalCompare(la.hostName, lb.hostName); c != 0)
            return c < 0;
        if (const int c = la.hostName.compare(lb.hostName, Qt::CaseInsensitive); c != 0)
            return c < 0;
        return la.id < lb.id;
    });
}

void TimelineStore::rebuildAddressIndex()
{
    m_laneByAddress.clear();
    for (const Lane &lane : m_lanes) {
        for (const IpAddress &a : lane.addresses)
            m_laneByAddress.insert(a, lane.id);
    }
}

QString TimelineStore::laneLabel(qsizetype row) const
{
    const Lane &l = lane(row);
    const QString address = l.addresses.isEmpty() ? QString() : l.addresses.constFirst().toString();
    if (l.hostName.isEmpty())
        return address;
    auto sameName = [&](qsizetype other) {
        return other >= 0 && other < laneCount() &&
               lane(other).hostName.compare(l.hostName, Qt::CaseInsensitive) == 0;
    };
    if ((sameName(row - 1) || sameName(row + 1)) && !address.isEmpty())
        return QStringLiteral("%1 (%2)").arg(l.hostName, address);
    return l.hostName;
}

std::pair<qsizetype, qsizetype> TimelineStore::range(qsizetype row, qint64 t0Ns, qint64 t1Ns) const
{
    if (row < 0 || row >= laneCount() || t1Ns < t0Ns)
        return {0, 0};
    const std::vector<Mark> &marks = lane(row).marks;
    const auto first = std::lower_bound(marks.cbegin(), marks.cend(), t0Ns, earlier);
    const auto last = std::upper_bound(first, marks.cend(), t1Ns, later);
    return {qsizetype(first - marks.cbegin()), qsizetype(last - marks.cbegin())};
}

void TimelineStore::noteTime(qint64 timeNs)
{
    if (timeNs <= 0)
        return;
    if (!m_hasTime) {
        m_originNs = m_nowNs = timeNs;
        m_hasTime = true;
        return;
    }
    m_originNs = std::min(m_originNs, timeNs);
    m_nowNs = std::max(m_nowNs, timeNs);
}

void TimelineStore::insert(qsizetype laneIndex, const Mark &mark, bool dedupe)
{
    std::vector<Mark> &marks = m_lanes[size_t(laneIndex)].marks;
    if (marks.empty() || marks.back().timeNs <= mark.timeNs) {
        if (dedupe) {
            for (auto it = marks.crbegin(); it != marks.crend() && it->timeNs == mark.timeNs;
                 ++it) {
                if (it->packet == mark.packet && it->kind == mark.kind)
                    return;
            }
        }
        marks.push_back(mark);
    } else {
        const auto at = std::upper_bound(marks.begin(), marks.end(), mark.timeNs, later);
        if (dedupe) {
            for (auto it = at; it != marks.begin() && (it - 1)->timeNs == mark.timeNs; --it) {
                if ((it - 1)->packet == mark.packet && (it - 1)->kind == mark.kind)
                    return;
            }
        }
        marks.insert(at, mark);
    }
    ++m_size;
    noteTime(mark.timeNs);
}

// Drops the oldest marks of all lanes together, a sixteenth of the capacity at a time so
// that the cost is paid once per many appends.
void TimelineStore::enforceBound()
{
    if (m_size <= m_capacity)
        return;
    const qsizetype target = m_size - m_capacity + std::max<qsizetype>(m_capacity / 16, 1);
    struct Front
    {
        qint64 time;
        size_t lane;
        size_t next;
    };
    auto cmp = [](const Front &a, const Front &b) { return a.time > b.time; };
    std::priority_queue<Front, std::vector<Front>, decltype(cmp)> heap(cmp);
    for (size_t i = 0; i < m_lanes.size(); ++i) {
        if (!m_lanes[i].marks.empty())
            heap.push({m_lanes[i].marks.front().timeNs, i, 0});
    }
    std::vector<size_t> cut(m_lanes.size(), 0);
    for (qsizetype n = 0; n < target && !heap.empty(); ++n) {
        Front f = heap.top();
        heap.pop();
        cut[f.lane] = ++f.next;
        if (f.next < m_lanes[f.lane].marks.size()) {
            f.time = m_lanes[f.lane].marks[f.next].timeNs;
            heap.push(f);
        }
    }
    for (size_t i = 0; i < m_lanes.size(); ++i) {
        std::vector<Mark> &marks = m_lanes[i].marks;
        marks.erase(marks.begin(), marks.begin() + qsizetype(cut[i]));
        m_size -= qsizetype(cut[i]);
        m_dropped += cut[i];
    }
    if (qsizetype(m_packetTimes.size()) > m_capacity)
        m_packetTimes.erase(m_packetTimes.begin(), m_packetTimes.begin() + m_capacity / 4);
}

bool TimelineStore::apply(const BehaviourChanges &changes)
{
    bool changed = false;
    if (changes.reset) {
        clear();
        changed = true;
    }
    m_droppedByModel = changes.droppedEvents;
    if (!changes.lanes.isEmpty()) {
        for (const HostLane &hl : changes.lanes) {
            Lane &lane = m_lanes[size_t(laneIndex(hl.id))];
            lane.hostName = hl.hostName;
            lane.addresses = hl.addresses;
        }
        reorder();
        rebuildAddressIndex();
        changed = true;
    }
    if (changes.hasTalkers && changes.captureStartNs > 0)
        noteTime(changes.captureStartNs);
    for (const BehaviourEvent &e : changes.events) {
        Mark m;
        m.timeNs = e.timeNs;
        m.packet = e.packet;
        m.gapNs = e.gapNs;
        m.name = intern(e.name);
        m.detail = intern(e.detail);
        m.type = e.type;
        m.rule = e.rule;
        m.kind = e.kind;
        insert(laneIndex(e.host), m, false);
        if (e.packet != 0 && (m_packetTimes.empty() || m_packetTimes.back().first < e.packet))
            m_packetTimes.emplace_back(e.packet, e.timeNs);
        changed = true;
    }
    if (changes.nowNs > 0 && (m_hasTime || !changes.events.isEmpty())) {
        noteTime(changes.nowNs);
        changed = true;
    }
    enforceBound();
    return changed;
}

// The time of a finding's packet: exact when an event came from it, else the time of the
// packet heard before it, kept within the finding's first and latest occurrence.
qint64 TimelineStore::packetTime(quint64 packet, const Finding &finding) const
{
    const auto at = std::lower_bound(m_packetTimes.cbegin(), m_packetTimes.cend(), packet,
                                     [](const auto &p, quint64 n) { return p.first < n; });
    if (at != m_packetTimes.cend() && at->first == packet)
        return at->second;
    qint64 t = finding.timeNs;
    if (at != m_packetTimes.cbegin())
        t = (at - 1)->second;
    // On the behaviour model's clock (a hostile capture's times clamped as the model's are).
    return BehaviourTime::clamp(
        std::clamp(t, finding.timeNs, std::max(finding.timeNs, finding.lastTimeNs)));
}

bool TimelineStore::addFindingMarks(const Finding &finding, const IpAddress &source,
                                    const PacketRefs &refs, quint64 *marked)
{
    const qsizetype before = m_size;
    const qsizetype lane = laneIndex(m_laneByAddress.value(source, -1));
    // A finding counted again in a packet already marked (most updates) adds nothing: its
    // texts are not formed then.
    const bool expiry =
        refs.first.isEmpty() && refs.latest == 0 && *marked == 0 && finding.timeNs > 0;
    const bool adds = expiry || (refs.latest != 0 && refs.latest > *marked) ||
                      std::any_of(refs.first.cbegin(), refs.first.cend(),
                                  [&](quint64 p) { return p != 0 && p > *marked; });
    if (!adds)
        return false;
    Mark m;
    m.kind = findingKind(finding.rule);
    m.rule = qint16(finding.rule);
    m.name = intern(finding.name);
    // Its sentence, formed when it is new or changed (a finding marks a new packet with
    // nearly every update: forming it each time was the window's largest text cost).
    auto detail = m_findingDetails.find(finding.id);
    if (detail == m_findingDetails.end() || !(detail->first == finding.message)) {
        const quint32 text = intern(finding.messageText(true));
        detail = m_findingDetails.insert(finding.id, {finding.message, text});
    }
    m.detail = detail->second;
    m.fromFinding = true;
    auto add = [&](quint64 packet) {
        if (packet == 0 || packet <= *marked)
            return;
        m.packet = packet;
        m.timeNs = packetTime(packet, finding);
        insert(lane, m, true);
        *marked = packet;
    };
    for (quint64 packet : refs.first)
        add(packet);
    add(refs.latest);
    if (refs.first.isEmpty() && refs.latest == 0 && *marked == 0 && finding.timeNs > 0) {
        // A finding without packets (an expiry): a mark at its time.
        m.packet = 0;
        m.timeNs = BehaviourTime::clamp(finding.timeNs);
        insert(lane, m, true);
        *marked = 1;
    }
    return m_size != before;
}

bool TimelineStore::apply(const FindingChanges &changes)
{
    bool changed = false;
    if (changes.reset) {
        for (Lane &lane : m_lanes) {
            const auto kept = std::remove_if(lane.marks.begin(), lane.marks.end(),
                                             [](const Mark &m) { return m.fromFinding; });
            m_size -= qsizetype(lane.marks.end() - kept);
            lane.marks.erase(kept, lane.marks.end());
        }
        m_findingMarked.clear();
        m_findingDetails.clear();
        changed = true;
    }
    for (const Finding &f : changes.findings) {
        std::pair<quint64, quint64> &marked = m_findingMarked[f.id];
        changed |= addFindingMarks(f, f.source, f.packets, &marked.first);
        if (findingKind(f.rule) == EventKind::Conflict && !f.otherSource.isNull())
            changed |= addFindingMarks(f, f.otherSource, f.otherPackets, &marked.second);
    }
    enforceBound();
    return changed;
}

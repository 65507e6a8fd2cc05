#include "BehaviourTypes.h"

#include <QCoreApplication>

#include <algorithm>

using namespace Qt::StringLiterals;

namespace {

struct KindName
{
    const char *id;
    const char *title;
};

constexpr std::array<KindName, kEventKindCount> kKinds{{
    {"probe", QT_TRANSLATE_NOOP("Behaviour", "Probe")},
    {"tie-break", QT_TRANSLATE_NOOP("Behaviour", "Tie-break")},
    {"announcement", QT_TRANSLATE_NOOP("Behaviour", "Announcement")},
    {"answer", QT_TRANSLATE_NOOP("Behaviour", "Answer")},
    {"update", QT_TRANSLATE_NOOP("Behaviour", "Update")},
    {"goodbye", QT_TRANSLATE_NOOP("Behaviour", "Goodbye")},
    {"expiry", QT_TRANSLATE_NOOP("Behaviour", "Expiry")},
    {"conflict", QT_TRANSLATE_NOOP("Behaviour", "Conflict")},
    {"rename", QT_TRANSLATE_NOOP("Behaviour", "Rename")},
    {"finding", QT_TRANSLATE_NOOP("Behaviour", "Finding")},
}};

} // namespace

QString BehaviourEvents::kindId(EventKind kind)
{
    return QString::fromLatin1(kKinds[size_t(kind)].id);
}

QString BehaviourEvents::kindTitle(EventKind kind, bool translated)
{
    const char *title = kKinds[size_t(kind)].title;
    return translated ? QCoreApplication::translate("Behaviour", title)
                      : QString::fromLatin1(title);
}

QString HostLane::label() const
{
    if (!hostName.isEmpty())
        return hostName;
    return addresses.isEmpty() ? QString() : addresses.constFirst().toString();
}

void appendBehaviourChanges(BehaviourChanges &into, BehaviourChanges &&later)
{
    if (later.reset) {
        into = std::move(later);
        return;
    }
    // Monotonic within a generation: an empty later set (a batch with nothing new) keeps them.
    into.nowNs = std::max(into.nowNs, later.nowNs);
    into.droppedEvents = std::max(into.droppedEvents, later.droppedEvents);
    into.events.append(std::move(later.events));
    for (HostLane &lane : later.lanes) {
        auto same = std::find_if(into.lanes.begin(), into.lanes.end(),
                                 [&](const HostLane &l) { return l.id == lane.id; });
        if (same != into.lanes.end())
            *same = std::move(lane);
        else
            into.lanes.append(std::move(lane));
    }
    if (later.hasLatency) {
        into.hasLatency = true;
        into.overall = later.overall;
        into.responders = std::move(later.responders);
    }
    if (later.hasTalkers) {
        into.hasTalkers = true;
        into.hostTalkers = std::move(later.hostTalkers);
        into.serviceTypeTalkers = std::move(later.serviceTypeTalkers);
        into.link = std::move(later.link);
        into.captureStartNs = later.captureStartNs;
    }
}

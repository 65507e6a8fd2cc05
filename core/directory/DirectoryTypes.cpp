#include "DirectoryTypes.h"

#include <algorithm>

using namespace Qt::StringLiterals;

QString recordStateName(RecordState state)
{
    switch (state) {
    case RecordState::Live:
        return u"live"_s;
    case RecordState::Goodbye:
        return u"goodbye"_s;
    case RecordState::Expired:
        return u"expired"_s;
    case RecordState::KnownAnswerOnly:
        return u"known-answer-only"_s;
    case RecordState::Replaced:
        return u"replaced"_s;
    }
    return {};
}

QString instanceEventName(InstanceEvent::Kind kind)
{
    switch (kind) {
    case InstanceEvent::Kind::Announced:
        return u"announced"_s;
    case InstanceEvent::Kind::Refreshed:
        return u"refreshed"_s;
    case InstanceEvent::Kind::Goodbye:
        return u"goodbye"_s;
    case InstanceEvent::Kind::Expired:
        return u"expired"_s;
    case InstanceEvent::Kind::Renamed:
        return u"renamed"_s;
    }
    return {};
}

void PacketRefs::add(quint64 number)
{
    if (count > 0 && latest == number)
        return;
    ++count;
    latest = number;
    if (first.size() < kKept)
        first.append(number);
}

qint64 RecordInfo::remainingTtlNs(qint64 nowNs) const
{
    if (isGone(state))
        return 0;
    const qint64 end =
        state == RecordState::KnownAnswerOnly ? lastHeardNs + qint64(ttl) * 1000000000 : expiresNs;
    return std::max<qint64>(0, end - nowNs);
}

qint64 ServiceInstance::remainingTtlNs(qint64 nowNs) const
{
    return state == RecordState::Live ? std::max<qint64>(0, expiresNs - nowNs) : 0;
}

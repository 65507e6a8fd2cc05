#include "BehaviourJson.h"

#include "BehaviourModel.h"

#include <QJsonArray>

using namespace Qt::StringLiterals;

namespace {

QJsonValue num(quint64 v)
{
    return QJsonValue(qint64(v));
}

double ms(qint64 ns)
{
    return double(ns) / 1e6;
}

const char *verdictText(LatencyTracker::Verdict v)
{
    switch (v) {
    case LatencyTracker::Verdict::Pass:
        return "pass";
    case LatencyTracker::Verdict::Warn:
        return "warn";
    case LatencyTracker::Verdict::Fail:
        return "fail";
    case LatencyTracker::Verdict::NotSeen:
        break;
    }
    return "not_seen";
}

QJsonObject figures(const LatencyTracker::Figures &f, LatencyTracker::Kind kind, bool perQuestion)
{
    const LatencyHistogram &h = f.histogram;
    QJsonObject o{
        {u"answers"_s, num(f.answered())},
        {u"unanswered"_s, num(f.unanswered)},
        {u"suppressed"_s, num(f.suppressed)},
        {u"unanswered_share"_s, perQuestion ? f.questionUnansweredShare() : f.unansweredShare()},
        {u"min_ms"_s, ms(h.minNs())},
        {u"p50_ms"_s, ms(h.percentileNs(0.5))},
        {u"p95_ms"_s, ms(h.percentileNs(0.95))},
        {u"max_ms"_s, ms(h.maxNs())}};
    if (perQuestion)
        o.insert(u"answered_questions"_s, num(f.answeredQuestions));
    using T = LatencyTracker;
    const auto &b = f.bands;
    if (kind == T::Kind::Shared) {
        o.insert(u"bands"_s,
                 QJsonObject{{u"below_10_ms"_s, num(b[T::SharedBelow10])},
                             {u"10_to_20_ms"_s, num(b[T::Shared10To20])},
                             {u"20_to_125_ms_quarters"_s,
                              QJsonArray{num(b[T::SharedQuarter1]), num(b[T::SharedQuarter2]),
                                         num(b[T::SharedQuarter3]), num(b[T::SharedQuarter4])}},
                             {u"125_to_750_ms"_s, num(b[T::Shared125To750])},
                             {u"above_750_ms"_s, num(b[T::SharedAbove750])}});
    } else if (kind == T::Kind::Unique) {
        o.insert(u"bands"_s, QJsonObject{{u"up_to_10_ms"_s, num(b[T::UniqueUpTo10])},
                                         {u"10_to_750_ms"_s, num(b[T::Unique10To750])},
                                         {u"above_750_ms"_s, num(b[T::UniqueAbove750])}});
    }
    if (!perQuestion && kind != T::Kind::Probe) {
        o.insert(u"verdict"_s, QString::fromLatin1(verdictText(T::verdict(f, kind))));
        if (kind == T::Kind::Shared)
            o.insert(u"quarters_uneven"_s, T::quartersUneven(f));
    }
    return o;
}

QJsonObject stats(const LatencyTracker::Stats &s, bool perQuestion)
{
    using K = LatencyTracker::Kind;
    return QJsonObject{{u"shared"_s, figures(s.of(K::Shared), K::Shared, perQuestion)},
                       {u"unique"_s, figures(s.of(K::Unique), K::Unique, perQuestion)},
                       {u"probe"_s, figures(s.of(K::Probe), K::Probe, perQuestion)}};
}

QJsonArray addresses(const QList<IpAddress> &list)
{
    QJsonArray out;
    for (const IpAddress &a : list)
        out.append(a.toString());
    return out;
}

QJsonObject talker(const BehaviourModel::Talker &t)
{
    QJsonObject o{{u"packets"_s, num(t.rates.packets)},
                  {u"bytes"_s, num(t.rates.bytes)},
                  {u"packets_per_second_1s"_s, t.packetsPerSecond[0]},
                  {u"packets_per_second_10s"_s, t.packetsPerSecond[1]},
                  {u"packets_per_second_60s"_s, t.packetsPerSecond[2]},
                  {u"bytes_per_second_1s"_s, t.bytesPerSecond[0]},
                  {u"bytes_per_second_10s"_s, t.bytesPerSecond[1]},
                  {u"bytes_per_second_60s"_s, t.bytesPerSecond[2]},
                  {u"peak_packets_per_second"_s, num(t.rates.peakPackets)},
                  {u"peak_bytes_per_second"_s, num(t.rates.peakBytes)},
                  {u"share"_s, t.share}};
    return o;
}

} // namespace

QJsonObject BehaviourJson::latency(const BehaviourModel &model)
{
    QJsonObject o = stats(model.overall(), true);
    QJsonArray responders;
    for (const BehaviourModel::Responder &r : model.responders()) {
        QJsonObject row = stats(r.stats, false);
        row.insert(u"host"_s, r.hostName);
        row.insert(u"addresses"_s, addresses(r.addresses));
        responders.append(row);
    }
    return QJsonObject{{u"overall"_s, o},
                       {u"responders"_s, responders},
                       {u"dropped_questions"_s, num(model.latency().droppedQuestions())},
                       {u"dropped_records"_s, num(model.latency().droppedRecords())}};
}

QJsonObject BehaviourJson::talkers(const BehaviourModel &model, qsizetype maxTalkers)
{
    const TalkerTracker &t = model.talkers();
    QJsonArray hosts;
    for (const BehaviourModel::Talker &h : model.hostTalkers()) {
        if (hosts.size() >= maxTalkers)
            break;
        QJsonObject row = talker(h);
        row.insert(u"sender"_s, h.label);
        row.insert(u"host"_s, h.hostName);
        row.insert(u"addresses"_s, addresses(h.addresses));
        row.insert(u"repeats"_s, num(h.rates.repeats));
        row.insert(u"copies"_s, num(h.copies));
        QJsonArray causes;
        for (const FloodCause &c : h.causes) {
            QJsonArray first;
            for (quint64 n : c.packets.first)
                first.append(num(n));
            causes.append(QJsonObject{{u"kind"_s, c.kind},
                                      {u"text"_s, c.text},
                                      {u"packets"_s, QJsonObject{{u"count"_s, num(c.packets.count)},
                                                                 {u"first"_s, first}}}});
        }
        row.insert(u"causes"_s, causes);
        hosts.append(row);
    }
    QJsonArray types;
    for (const BehaviourModel::Talker &s : model.serviceTypeTalkers()) {
        if (types.size() >= maxTalkers)
            break;
        QJsonObject row = talker(s);
        row.insert(u"service_type"_s, s.label);
        types.append(row);
    }
    const TalkerTracker::Rates &link = t.link();
    const double seconds = link.packets ? double(link.lastNs - link.firstNs) / 1e9 : 0.0;
    return QJsonObject{{u"packets"_s, num(link.packets)},
                       {u"bytes"_s, num(link.bytes)},
                       {u"seconds"_s, seconds},
                       {u"peak_packets_per_second"_s, num(link.peakPackets)},
                       {u"repeats"_s, num(link.repeats)},
                       {u"untracked_packets"_s, num(t.untrackedPackets())},
                       {u"hosts"_s, hosts},
                       {u"service_types"_s, types}};
}

#include "HeadlessMetrics.h"

#include "BehaviourModel.h"
#include "CaptureMetrics.h"
#include "CaptureTypes.h"
#include "CliExports.h"
#include "ConformanceChecker.h"
#include "PacketPipeline.h"
#include "ServiceDirectory.h"

#include <QHash>

#include <map>

MetricsSnapshot HeadlessMetrics::snapshot(const CaptureStats &stats,
                                          const CaptureMembership &membership,
                                          const PacketPipeline &pipeline, const CliExports &exports)
{
    MetricsSnapshot s = captureMetricsSnapshot(stats, membership, pipeline.malformed());

    if (const BehaviourModel *behaviour = exports.behaviour()) {
        s.hostsCounted = true;
        s.floodThreshold = behaviour->floodThreshold();
        const QList<BehaviourModel::Talker> talkers = behaviour->hostTalkers();
        s.hosts.reserve(talkers.size());
        for (const BehaviourModel::Talker &t : talkers)
            s.hosts.append({t.label, t.rates.packets, t.rates.bytes});
    }
    if (const ServiceDirectory *directory = exports.directory()) {
        s.directoryRuns = true;
        QHash<QString, quint64> live;
        for (const ServiceType &type : directory->serviceTypes())
            live.insert(type.type, 0);
        for (const ServiceInstance &instance : directory->instances()) {
            if (instance.state == RecordState::Live)
                ++live[instance.type];
        }
        for (auto it = live.cbegin(); it != live.cend(); ++it)
            s.serviceTypes.append({it.key(), it.value()});
    }
    if (const ConformanceChecker *checker = exports.checker()) {
        s.checkerRuns = true;
        std::map<std::pair<int, int>, std::pair<quint64, quint64>> byRule; // (rule, severity)
        for (const Finding &f : checker->findings()) {
            auto &[findings, occurrences] = byRule[{int(f.rule), int(f.severity)}];
            ++findings;
            occurrences += f.count;
        }
        for (const auto &[at, counts] : byRule) {
            s.findings.append({QLatin1StringView(ConformanceRules::info(Rule(at.first)).id),
                               ConformanceRules::severityName(Severity(at.second)), counts.first,
                               counts.second});
        }
    }
    return s;
}

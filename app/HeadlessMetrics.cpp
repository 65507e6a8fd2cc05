#include "HeadlessMetrics.h"

#include "BehaviourModel.h"
#include "CaptureTypes.h"
#include "CliExports.h"
#include "ConformanceChecker.h"
#include "PacketPipeline.h"
#include "ServiceDirectory.h"
#include "Version.h"

#include <QHash>

#include <map>

MetricsSnapshot HeadlessMetrics::snapshot(const CaptureStats &stats,
                                          const CaptureMembership &membership,
                                          const PacketPipeline &pipeline, const CliExports &exports)
{
    MetricsSnapshot s;
    s.version = QStringLiteral(MDNSCOPE_VERSION);
    s.elapsedSeconds = double(stats.elapsedMs) / 1000.0;
    s.packets = stats.packets;
    s.bytes = stats.bytes;
    s.truncated = stats.truncated;
    s.kernelDrops = stats.kernelDrops;
    s.malformed = pipeline.malformed();
    s.interfaces = membership.allInterfaces().size();
    s.poolLeases = stats.pool.acquires;
    s.poolHits = stats.pool.hits;
    s.poolMisses = stats.pool.misses;
    s.poolInUse = stats.pool.inUse;
    s.poolIdle = stats.pool.idle;
    s.allocationCounting = AllocationProbe::available();
    s.process = stats.process;
    s.captureThread = stats.captureThread;

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

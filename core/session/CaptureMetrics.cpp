#include "CaptureMetrics.h"

#include "AllocationProbe.h"
#include "CaptureTypes.h"
#include "Version.h"

MetricsSnapshot captureMetricsSnapshot(const CaptureStats &stats,
                                       const CaptureMembership &membership, quint64 malformed)
{
    MetricsSnapshot s;
    s.version = QStringLiteral(MDNSCOPE_VERSION);
    s.elapsedSeconds = double(stats.elapsedMs) / 1000.0;
    s.packets = stats.packets;
    s.bytes = stats.bytes;
    s.truncated = stats.truncated;
    s.kernelDrops = stats.kernelDrops;
    s.malformed = malformed;
    s.interfaces = membership.allInterfaces().size();
    s.poolLeases = stats.pool.acquires;
    s.poolHits = stats.pool.hits;
    s.poolMisses = stats.pool.misses;
    s.poolInUse = stats.pool.inUse;
    s.poolIdle = stats.pool.idle;
    s.allocationCounting = AllocationProbe::available();
    s.process = stats.process;
    s.captureThread = stats.captureThread;
    return s;
}

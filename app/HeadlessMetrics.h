#pragma once

#include "MetricsSnapshot.h"

class CliExports;
class PacketPipeline;
struct CaptureMembership;
struct CaptureStats;

// --metrics of a headless capture: the snapshot one scrape reports, read on the main thread
// from what the run has there: the capture's latest statistics (the same snapshot --stats-json
// writes at the end: packets, bytes, drops, pool, allocations), the pipeline (malformed), and
// the run's analyses (CliExports: per host packets and bytes from the behaviour model's
// talkers, live instances per service type from the directory, findings per rule and severity
// from the checker). Costs what the hosts, types and findings kept cost, nothing per packet.
namespace HeadlessMetrics {
MetricsSnapshot snapshot(const CaptureStats &stats, const CaptureMembership &membership,
                         const PacketPipeline &pipeline, const CliExports &exports);
}

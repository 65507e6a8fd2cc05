#pragma once

#include "MetricsSnapshot.h"

#include <QtGlobal>

struct CaptureStats;
struct CaptureMembership;

// The capture's own figures (packets, bytes, drops, the pool, allocations, interfaces) as
// metrics: the one mapping the window and --headless --metrics both use. The analyses' parts
// (hosts, services, findings) are filled by whoever has them.
MetricsSnapshot captureMetricsSnapshot(const CaptureStats &stats,
                                       const CaptureMembership &membership, quint64 malformed);

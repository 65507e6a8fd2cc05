#pragma once

#include "AllocationProbe.h"

#include <QList>
#include <QString>

// What one scrape reports: the counters of a capture as they stand, filled by whoever runs the
// capture (headless: the main thread, from the latest capture statistics, the pipeline and the
// analyses) and rendered by MetricsText. A plain value; every list is bounded by its filler or
// by the renderer (hosts: the top N, the rest summed as "other").
struct MetricsSnapshot
{
    QString version;           // mdnscope's, for mdnscope_build_info
    double elapsedSeconds = 0; // since the capture started

    // The capture (both families): what the sockets received.
    quint64 packets = 0, bytes = 0, truncated = 0, kernelDrops = 0;
    quint64 malformed = 0;    // of the packets decoded so far, malformed
    qsizetype interfaces = 0; // joined now (either family)

    // The receive buffer pool.
    quint64 poolLeases = 0, poolHits = 0, poolMisses = 0, poolInUse = 0, poolIdle = 0;

    // Allocations (AllocationProbe), when counted at all (not in sanitizer builds).
    bool allocationCounting = false;
    AllocationCounts process, captureThread;

    // Packets and bytes per host (any order; the renderer picks the top N by packets).
    struct Host
    {
        QString label; // the host's name, else its first address
        quint64 packets = 0, bytes = 0;
    };
    bool hostsCounted = false;
    QList<Host> hosts;
    double floodThreshold = 0; // packets/s from which a host floods (the talkers' threshold)

    // Live DNS-SD service instances per type ("_ipp._tcp"), when the directory runs.
    struct ServiceType
    {
        QString type;
        quint64 liveInstances = 0;
    };
    bool directoryRuns = false;
    QList<ServiceType> serviceTypes;

    // Conformance findings per rule and severity, when the checker runs.
    struct Findings
    {
        QString rule;            // "response-id"
        QString severity;        // "error", "warning", "info"
        quint64 findings = 0;    // distinct (rule, sender, name)
        quint64 occurrences = 0; // packets or events that showed them
    };
    bool checkerRuns = false;
    QList<Findings> findings;
};

#pragma once

#include "AllocationProbe.h"
#include "BufferPool.h"

#include <QMetaType>
#include <QString>

// Value types of a live capture: what to capture (GUI or main thread -> capture thread), a
// failure (capture thread -> GUI), and a statistics snapshot (capture thread -> GUI, at a fixed
// interval). Plain values, copied across threads over queued connections.

struct CaptureConfig
{
    QString interfaceName;                         // empty = every up, multicast-capable interface
    QString group = QStringLiteral("224.0.0.251"); // IPv4 multicast group to join
    quint16 port = 5353;
    bool pooling = true; // false: a fresh buffer per receive
    qsizetype maxIdleBuffers = 64;
    int batchMaxPackets = 1024, batchMaxMs = 50, statsIntervalMs = 250;
    // Batches handed on and not yet consumed (CaptureSession::packetsReceived returned) at
    // most; beyond, the worker stops draining the socket until one is, so a consumer slower
    // than the link leaves the excess in the kernel's buffer, and then to its drop counter
    // (kernelDrops), instead of in this process's memory.
    int maxBatchesInFlight = 8;
};

// A failure as a value, like the seed's NetworkError: what was being done, the errno (0 when
// none) and a sentence about it.
struct CaptureError
{
    QString operation;   // e.g. "join multicast group"
    int systemError = 0; // errno, 0 when not a system call failure
    QString details;     // e.g. "interface 'eth9' does not exist"
    // One line: "join multicast group: interface 'eth9' does not exist (No such device)"
    QString toString() const;
};

struct CaptureStats
{
    qint64 elapsedMs = 0; // since capture start
    BufferPoolCounters pool;
    AllocationCounts captureThread; // the capture thread's own allocations (AllocationProbe)
    AllocationCounts process;       // whole process
    quint64 packets = 0, bytes = 0, kernelDrops = 0, truncated = 0;
    quint64 wakeups = 0; // times the capture thread woke to drain the socket
    double packetsPerSecond = 0, bytesPerSecond = 0; // over the last interval
    bool pooling = true;
};

Q_DECLARE_METATYPE(CaptureConfig)
Q_DECLARE_METATYPE(CaptureError)
Q_DECLARE_METATYPE(CaptureStats)

#pragma once

#include "ConformanceTypes.h"
#include "PacketConsumer.h"

class ConformanceChecker;

// Feeds a ConformanceChecker from a PacketPipeline, so every path (the window's live capture
// through AnalyzerSession, an opened file, --read, --headless) checks packets the same way.
// The checker must outlive the consumer; both are used on the pipeline's thread only.
class CheckerConsumer final : public PacketConsumer
{
public:
    explicit CheckerConsumer(ConformanceChecker &checker);

    bool consume(const DecodedPacket &packet) override;
    // The source ended: the checker is finished at the last packet's time.
    bool finish() override;
    qint64 lastPacketNs() const { return m_lastPacketNs; }
    ConformanceChecker &checker() { return m_checker; }

private:
    ConformanceChecker &m_checker;
    qint64 m_lastPacketNs = 0;
};

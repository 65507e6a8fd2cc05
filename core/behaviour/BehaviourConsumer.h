#pragma once

#include "PacketConsumer.h"

class BehaviourModel;
class ConformanceChecker;

// Feeds a BehaviourModel from a PacketPipeline, so every path (--read, --headless, later the
// window) measures latency and talkers the same way. Given the conformance checker (whose
// CheckerConsumer comes before this one in the pipeline, so it has seen each packet first), its
// findings become the model's conflict and finding events. The model (and the checker) must
// outlive the consumer; all are used on the pipeline's thread only.
class BehaviourConsumer final : public PacketConsumer
{
public:
    explicit BehaviourConsumer(BehaviourModel &model, const ConformanceChecker *checker = nullptr);

    bool consume(const DecodedPacket &packet) override;
    // The source ended: the questions still waiting are settled.
    bool finish() override;
    BehaviourModel &model() { return m_model; }

private:
    BehaviourModel &m_model;
    const ConformanceChecker *m_checker = nullptr;
};

#pragma once

#include "PacketConsumer.h"

class BehaviourModel;

// Feeds a BehaviourModel from a PacketPipeline, so every path (--read, --headless, later the
// window) measures latency and talkers the same way. The model must outlive the consumer;
// both are used on the pipeline's thread only.
class BehaviourConsumer final : public PacketConsumer
{
public:
    explicit BehaviourConsumer(BehaviourModel &model);

    bool consume(const DecodedPacket &packet) override;
    // The source ended: the questions still waiting are settled.
    bool finish() override;
    BehaviourModel &model() { return m_model; }

private:
    BehaviourModel &m_model;
};

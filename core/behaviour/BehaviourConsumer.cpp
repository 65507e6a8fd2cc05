#include "BehaviourConsumer.h"

#include "BehaviourModel.h"
#include "DecodedPacket.h"

BehaviourConsumer::BehaviourConsumer(BehaviourModel &model)
    : m_model(model)
{}

bool BehaviourConsumer::consume(const DecodedPacket &packet)
{
    m_model.add(packet.packet, packet.message, packet.number);
    return true;
}

bool BehaviourConsumer::finish()
{
    m_model.finish();
    return true;
}

#include "BehaviourConsumer.h"

#include "BehaviourModel.h"
#include "DecodedPacket.h"

BehaviourConsumer::BehaviourConsumer(BehaviourModel &model, const ConformanceChecker *checker)
    : m_model(model)
    , m_checker(checker)
{}

bool BehaviourConsumer::consume(const DecodedPacket &packet)
{
    m_model.add(packet.packet, packet.message, packet.number, m_checker);
    return true;
}

bool BehaviourConsumer::finish()
{
    m_model.finish(m_checker);
    return true;
}

#include "CheckerConsumer.h"

#include "ConformanceChecker.h"
#include "DecodedPacket.h"

#include <algorithm>

CheckerConsumer::CheckerConsumer(ConformanceChecker &checker)
    : m_checker(checker)
{}

bool CheckerConsumer::consume(const DecodedPacket &packet)
{
    m_lastPacketNs = std::max(m_lastPacketNs, packet.packet.timestampNs);
    m_checker.add(packet.packet, packet.message, packet.number);
    return true;
}

bool CheckerConsumer::finish()
{
    m_checker.finish(m_lastPacketNs);
    return true;
}

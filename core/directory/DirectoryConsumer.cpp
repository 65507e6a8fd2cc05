#include "DirectoryConsumer.h"

#include "DecodedPacket.h"
#include "ServiceDirectory.h"

#include <algorithm>

DirectoryConsumer::DirectoryConsumer(ServiceDirectory &directory, Sink sink)
    : m_directory(directory)
    , m_sink(std::move(sink))
{}

bool DirectoryConsumer::consume(const DecodedPacket &packet)
{
    m_lastPacketNs = std::max(m_lastPacketNs, packet.packet.timestampNs);
    m_directory.add(packet.packet, packet.message, packet.number);
    return true;
}

bool DirectoryConsumer::endBatch()
{
    publish();
    return true;
}

bool DirectoryConsumer::finish()
{
    m_directory.finish(m_lastPacketNs);
    publish();
    return true;
}

void DirectoryConsumer::tick(qint64 nowNs)
{
    m_directory.advanceTo(nowNs);
    publish();
}

void DirectoryConsumer::publish()
{
    if (m_sink && m_directory.hasChanges())
        m_sink(m_directory.takeChanges());
}

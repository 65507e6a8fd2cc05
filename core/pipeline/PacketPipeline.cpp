#include "PacketPipeline.h"

#include "DecodedPacket.h"
#include "DnsDecoder.h"
#include "PacketConsumer.h"

void PacketPipeline::addConsumer(PacketConsumer &consumer)
{
    m_consumers.append(Entry{&consumer, false});
}

bool PacketPipeline::push(const PacketBatch &packets)
{
    if (packets.isEmpty())
        return true;
    const quint64 first = m_nextNumber;
    bool ok = true;
    const auto each = [&](auto &&call) {
        for (Entry &e : m_consumers) {
            if (!e.failed && !call(*e.consumer)) {
                failed(e);
                ok = false;
            }
        }
    };
    each([&](PacketConsumer &c) { return c.beginBatch(packets, first); });
    for (qsizetype i = 0; i < packets.size(); ++i) {
        const Packet &p = packets.at(i);
        const DnsMessage m = DnsDecoder::decode(p.data, DnsDecoder::Detail::NoFields);
        m_malformed += m.isMalformed() ? 1 : 0;
        const DecodedPacket decoded{p, m, first + quint64(i), i};
        if (m_gate && !m_gate(decoded))
            continue;
        ++m_passed;
        each([&](PacketConsumer &c) { return c.consume(decoded); });
    }
    each([](PacketConsumer &c) { return c.endBatch(); });
    m_nextNumber += quint64(packets.size());
    m_packets += quint64(packets.size());
    return ok;
}

bool PacketPipeline::finish()
{
    bool ok = m_errors.isEmpty();
    for (Entry &e : m_consumers) {
        if (e.failed)
            continue;
        if (!e.consumer->finish()) {
            failed(e);
            ok = false;
        }
    }
    return ok;
}

void PacketPipeline::failed(Entry &entry)
{
    entry.failed = true;
    m_errors.append(entry.consumer->error());
}

void PacketPipeline::restartNumbering()
{
    m_nextNumber = 1;
    m_packets = 0;
    m_malformed = 0;
    m_passed = 0;
}

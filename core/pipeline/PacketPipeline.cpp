#include "PacketPipeline.h"

#include "DecodedPacket.h"
#include "DnsDecoder.h"
#include "PacketConsumer.h"

#include <algorithm>

void PacketPipeline::addConsumer(PacketConsumer &consumer)
{
    m_consumers.append(Entry{&consumer, false});
}

bool PacketPipeline::wirePath() const
{
    return !m_gate && !m_consumers.isEmpty() &&
           std::all_of(m_consumers.cbegin(), m_consumers.cend(),
                       [](const Entry &e) { return e.consumer->takesWire(); });
}

bool PacketPipeline::push(const PacketBatch &packets)
{
    if (packets.isEmpty())
        return true;
    const quint32 next = m_lastNumber + 1;
    const quint64 first = packets.constFirst().number ? packets.constFirst().number
                          : next                      ? next
                                                      : 1;
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
    bool decode = m_countMalformed || m_gate;
    for (const Entry &e : std::as_const(m_consumers))
        decode = decode || (!e.failed && e.consumer->needsMessage());
    // Decoding wanted, but only text of it: well-formed messages go on as their bytes.
    const bool wire = decode && wirePath();
    for (qsizetype i = 0; i < packets.size(); ++i) {
        const Packet &p = packets.at(i);
        if (wire && DnsWire::scan(p.data, m_wire)) {
            // Well-formed, and only text is wanted: no DnsMessage (see PacketConsumer).
            ++m_decoded;
            ++m_passed;
            const WirePacket packet{p, m_wire, numberOf(p), i};
            each([&](PacketConsumer &c) { return c.consumeWire(packet); });
            continue;
        }
        const DnsMessage m =
            decode ? DnsDecoder::decode(p.data, DnsDecoder::Detail::NoFields) : DnsMessage();
        if (decode) {
            ++m_decoded;
            m_malformed += m.isMalformed() ? 1 : 0;
        }
        const DecodedPacket decoded{p, m, numberOf(p), i};
        if (m_gate && !m_gate(decoded))
            continue;
        ++m_passed;
        each([&](PacketConsumer &c) { return c.consume(decoded); });
    }
    each([](PacketConsumer &c) { return c.endBatch(); });
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

quint32 PacketPipeline::numberOf(const Packet &packet)
{
    if (packet.number != 0)
        m_lastNumber = packet.number;
    else if (++m_lastNumber == 0) // past 2^32 - 1 (as Wireshark's, 32 bits): on from 1
        m_lastNumber = 1;
    return m_lastNumber;
}

void PacketPipeline::number(PacketBatch &packets)
{
    const quint32 last = m_lastNumber;
    for (Packet &p : packets) {
        if (p.number == 0)
            p.number = numberOf(p);
        else
            m_lastNumber = p.number;
    }
    m_lastNumber = last; // push() numbers them (now carried) again
}

void PacketPipeline::restartNumbering()
{
    m_lastNumber = 0;
    m_packets = 0;
    m_malformed = 0;
    m_decoded = 0;
    m_passed = 0;
}

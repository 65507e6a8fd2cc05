#include "PacketPipeline.h"

#include "DnsDecoder.h"
#include "PacketConsumer.h"

void PacketPipeline::addConsumer(PacketConsumer &consumer)
{
    m_consumers.append(Entry{&consumer, false});
}

DecodedBatch PacketPipeline::decode(QList<Packet> packets, quint64 firstNumber)
{
    DecodedBatch batch;
    batch.packets = std::move(packets);
    batch.firstNumber = firstNumber;
    const qsizetype n = batch.packets.size();
    batch.messages.resize(size_t(n));
    for (qsizetype i = 0; i < n; ++i) {
        DnsMessage &m = batch.messages[size_t(i)];
        m = DnsDecoder::decode(batch.packets.at(i).data, DnsDecoder::Detail::NoFields);
        batch.malformed += m.isMalformed() ? 1 : 0;
    }
    return batch;
}

bool PacketPipeline::push(QList<Packet> packets)
{
    if (packets.isEmpty())
        return true;
    if (packets.size() <= kSlicePackets)
        return pushSlice(std::move(packets));
    bool ok = true;
    for (qsizetype from = 0; from < packets.size(); from += kSlicePackets)
        ok = pushSlice(packets.mid(from, kSlicePackets)) && ok;
    return ok;
}

bool PacketPipeline::pushSlice(QList<Packet> packets)
{
    const DecodedBatch batch = decode(std::move(packets), m_nextNumber);
    m_nextNumber += quint64(batch.size());
    m_packets += quint64(batch.size());
    m_malformed += batch.malformed;
    bool ok = true;
    for (Entry &e : m_consumers) {
        if (e.failed)
            continue;
        if (!e.consumer->consume(batch)) {
            failed(e);
            ok = false;
        }
    }
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
}

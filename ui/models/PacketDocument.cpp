#include "PacketDocument.h"

#include "BatchAnalyzer.h"
#include "PacketTableModel.h"
#include "SenderTableModel.h"

#include <algorithm>

PacketDocument::PacketDocument(qsizetype capacity, QObject *parent)
    : QObject(parent)
    , m_store(capacity)
    , m_packets(new PacketTableModel(m_store, this))
    , m_senders(new SenderTableModel(this))
{}

PacketDocument::~PacketDocument() = default;

void PacketDocument::addAnalyzed(const AnalyzedBatch &batch)
{
    if (batch.isEmpty())
        return;
    m_file = false;
    for (qsizetype i = 0; i < batch.size(); ++i) {
        const bool malformed = i < batch.flags.size() && batch.isMalformed(i);
        m_malformed += malformed ? 1 : 0;
        m_senders->add(batch.packets.at(i), malformed);
    }
    for (const SenderClaims &claims : batch.claims)
        m_senders->addClaims(claims);
    m_packets->appendAnalyzed(batch);
    m_senders->flush();
    Q_EMIT countsChanged();
}

void PacketDocument::addBatch(const PacketBatch &batch)
{
    addAnalyzed(BatchAnalyzer::analyze(batch));
}

void PacketDocument::load(const QList<Packet> &packets, const QList<bool> &malformed,
                          SenderTable senders)
{
    m_packets->clear();
    m_malformed = quint64(std::count(malformed.cbegin(), malformed.cend(), true));
    m_packets->appendBatch(packets, malformed);
    m_senders->setRateKind(SenderTableModel::RateKind::Average); // a file's own span
    m_senders->replace(std::move(senders));
    m_file = true;
    Q_EMIT countsChanged();
}

void PacketDocument::clear()
{
    m_packets->clear();
    m_senders->clear();
    m_senders->setRateKind(SenderTableModel::RateKind::Current);
    m_malformed = 0;
    m_file = false;
    Q_EMIT countsChanged();
}

void PacketDocument::setCapacity(qsizetype capacity)
{
    m_packets->setCapacity(capacity);
    Q_EMIT countsChanged();
}

void PacketDocument::setStartTimeNs(qint64 ns)
{
    m_store.setStartTimeNs(ns);
}

quint64 PacketDocument::totalPackets() const
{
    return m_store.evictedCount() + quint64(m_store.size());
}

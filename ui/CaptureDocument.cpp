#include "CaptureDocument.h"

#include "DnsDecoder.h"
#include "PacketTableModel.h"
#include "SenderTableModel.h"

#include <algorithm>

namespace {
// The newest packets of a batch, whose summaries the packet list will most likely show next
// (when it follows the newest packet) are summarised from the decode done here.
constexpr qsizetype kSummariesPerBatch = 64;
} // namespace

CaptureDocument::CaptureDocument(qsizetype capacity, QObject *parent)
    : QObject(parent)
    , m_store(capacity)
    , m_packets(new PacketTableModel(m_store, this))
    , m_senders(new SenderTableModel(this))
{}

CaptureDocument::~CaptureDocument() = default;

void CaptureDocument::addBatch(const PacketBatch &batch)
{
    if (batch.isEmpty())
        return;
    QList<bool> malformed;
    malformed.reserve(batch.size());
    QStringList summaries;
    const qsizetype summariesFrom = batch.size() - kSummariesPerBatch;
    for (qsizetype i = 0; i < batch.size(); ++i) {
        const Packet &p = batch.at(i);
        // Once per packet: the senders' statistics and the malformed flag need no field trees.
        const DnsMessage m = DnsDecoder::decode(p.data, DnsDecoder::Detail::NoFields);
        malformed.append(m.isMalformed());
        m_malformed += m.isMalformed() ? 1 : 0;
        m_senders->add(p, m);
        if (i >= summariesFrom)
            summaries.append(DnsDecoder::summary(m, DnsDecoder::Language::Translated));
    }
    m_packets->appendBatch(batch, malformed, summaries);
    m_senders->flush();
    Q_EMIT countsChanged();
}

void CaptureDocument::load(const QList<Packet> &packets, const QList<bool> &malformed,
                           SenderTable senders)
{
    m_packets->clear();
    m_malformed = quint64(std::count(malformed.cbegin(), malformed.cend(), true));
    m_packets->appendBatch(packets, malformed);
    m_senders->replace(std::move(senders));
    Q_EMIT countsChanged();
}

void CaptureDocument::clear()
{
    m_packets->clear();
    m_senders->clear();
    m_malformed = 0;
    Q_EMIT countsChanged();
}

void CaptureDocument::setCapacity(qsizetype capacity)
{
    m_packets->setCapacity(capacity);
    Q_EMIT countsChanged();
}

void CaptureDocument::setStartTimeNs(qint64 ns)
{
    m_store.setStartTimeNs(ns);
}

quint64 CaptureDocument::totalPackets() const
{
    return m_store.evictedCount() + quint64(m_store.size());
}

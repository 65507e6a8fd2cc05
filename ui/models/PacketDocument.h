#pragma once

#include "AnalyzedBatch.h"
#include "PacketStore.h"
#include "SenderTable.h"

#include <QList>
#include <QObject>

class PacketTableModel;
class SenderTableModel;

// What the window shows: the packet store with its table model and the sender statistics.
// Live batches arrive analysed (BatchAnalyzer decoded them off the GUI thread for the flags,
// the senders' names and the newest summaries), so publishing one only stores and counts:
// one insert per model. A file is loaded from what the open worker already decoded.
// GUI thread.
class PacketDocument final : public QObject
{
    Q_OBJECT
public:
    explicit PacketDocument(qsizetype capacity = PacketStore::kDefaultCapacity,
                            QObject *parent = nullptr);
    ~PacketDocument() override;

    PacketStore &store() { return m_store; }
    const PacketStore &store() const { return m_store; }
    PacketTableModel *packets() const { return m_packets; }
    SenderTableModel *senders() const { return m_senders; }

    // Publishes a batch analysed off the GUI thread.
    void addAnalyzed(const AnalyzedBatch &batch);
    // Analyses the batch here, then adds it (tests, tools; the live path uses addAnalyzed).
    void addBatch(const PacketBatch &batch);
    // Replaces everything with a file's packets: malformed[i] and the senders were computed
    // by the worker that read the file.
    void load(const QList<Packet> &packets, const QList<bool> &malformed, SenderTable senders);
    void clear();
    void setCapacity(qsizetype capacity);
    void setStartTimeNs(qint64 ns);

    // Packets received since the last clear, stored or evicted.
    quint64 totalPackets() const;
    quint64 malformedPackets() const { return m_malformed; }
    // True while it holds a file's packets as loaded (nothing captured since).
    bool isFile() const { return m_file; }

Q_SIGNALS:
    void countsChanged();

private:
    PacketStore m_store;
    PacketTableModel *m_packets;
    SenderTableModel *m_senders;
    quint64 m_malformed = 0;
    bool m_file = false;
};

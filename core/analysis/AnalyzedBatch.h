#pragma once

#include "BehaviourTypes.h"
#include "ConformanceTypes.h"
#include "DirectoryTypes.h"
#include "Packet.h"
#include "SenderTable.h"

#include <QList>
#include <QMetaType>
#include <QStringList>

// A batch of live packets with what the GUI needs from their decode, made off the GUI thread
// by BatchAnalyzer so that the GUI thread only stores and counts: per-packet flags, the names
// each sender claimed in the batch, and the translated summaries of the newest packets (the
// rows a list following the newest packet shows next). A plain value, moved across threads
// over queued connections; `generation` tells the receiver whether it was submitted before
// its last clear (see AnalyzerSession).
struct AnalyzedBatch
{
    enum Flag : quint8 { Response = 0x01, Malformed = 0x02 };

    PacketBatch packets;
    QList<quint8> flags; // per packet: Flag bits
    // The names senders claimed here, each that changes anything once per sender, in the
    // order claimed: one entry per run of one sender's claims (a sender has several when
    // others claimed in between), applied in order with SenderTable::addClaims.
    QList<SenderClaims> claims;
    QStringList summaries; // of the last summaries.size() packets, in packet order
    // What the service directory (AnalyzerSession's) learnt from these packets; empty when
    // nothing changed. Coalesced with appendDirectoryChanges() by append().
    DirectoryChanges directory;
    // What the conformance checker (AnalyzerSession's) found in these packets, paced with
    // the directory's snapshots; empty when nothing changed. Coalesced with
    // appendFindingChanges() by append().
    FindingChanges findings;
    // What the behaviour model (latency, talkers; AnalyzerSession's) learnt from these
    // packets, paced with the directory's snapshots; empty when nothing changed. Coalesced
    // with appendBehaviourChanges() by append().
    BehaviourChanges behaviour;
    quint64 generation = 0;
    qint64 analysisNs = 0; // thread CPU time the analysis took

    qsizetype size() const { return packets.size(); }
    bool isEmpty() const { return packets.isEmpty(); }
    bool isMalformed(qsizetype i) const { return flags.at(i) & Malformed; }
    // Appends a later batch (coalescing before publication). Claims are concatenated (they
    // are applied in order, so the result is the same); the summaries stay those of the last
    // at most maxSummaries packets, as long as they cover a contiguous tail.
    void append(AnalyzedBatch &&later, qsizetype maxSummaries);
};

// Folds `later` into `into` as if a view had applied both in turn: a reset in `later`
// replaces everything; an entry updated in both keeps the later value; removed then
// inserted again is an insert, inserted then removed a removal. nowNs and evicted are the
// later's. Cost: linear in both sizes (keys hashed).
void appendDirectoryChanges(DirectoryChanges &into, DirectoryChanges &&later);

Q_DECLARE_METATYPE(AnalyzedBatch)

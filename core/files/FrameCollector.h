#pragma once

#include "CaptureFileReader.h"
#include "IpReassembler.h"

#include <QElapsedTimer>
#include <QtGlobal>

// Shared by the pcap and pcapng readers: decodes each captured frame, keeps the mDNS
// datagrams in a CaptureFileResult, counts the rest, and reports progress. Lives on the
// reading thread for the length of one read.
class FrameCollector final
{
    Q_DISABLE_COPY_MOVE(FrameCollector)
public:
    using Batches = std::function<bool(QList<Packet> &)>;
    // With `batches`, kept packets are handed over every `batchPackets` and at finish()
    // instead of piling up in result.packets; batches returning false cancels the read.
    FrameCollector(CaptureFileResult &result, qint64 totalBytes,
                   const std::function<bool(qint64, qint64)> &progress, const Batches &batches = {},
                   qsizetype batchPackets = 0);

    // `comments`: the packet block's opt_comment options (pcapng).
    void addFrame(quint32 linkType, const uchar *frame, qsizetype capturedLength,
                  qint64 timestampNs, const QString &interfaceName,
                  const QStringList &comments = {});
    // A pcapng section header: its frames are those added from now on.
    void addSection(CaptureSection section);
    // Calls progress now and then; false once the caller cancelled (result.cancelled set).
    bool keepGoing(qint64 offset);
    void fail(qint64 offset, const QString &reason);
    // Counts the datagrams still incomplete and hands over the last batch (batch mode); call
    // once the reader is done.
    void finish();
    // A live stream (batch mode): kept packets are also handed over once `flushMs` passed
    // since the last batch, and whenever idle() is called (the stream has no byte ready).
    void setLive(int flushMs);
    // Whether kept packets carry their frame's edges (the default) for a pcapng export.
    void setKeepFrames(bool keep) { m_keepFrames = keep; }
    bool hasPending() const { return m_batchPackets && !m_result.packets.isEmpty(); }
    void idle();
    const IpReassembler &reassembler() const { return m_reassembler; }

private:
    void reserveMore();
    void deliver();
    void keep(Packet &&p);
    void addFragment(const LinkLayerDecoder::FragmentInfo &fragment, quint32 linkType,
                     const uchar *frame, qsizetype linkHeader, qint64 timestampNs,
                     const QString &interfaceName, const QStringList &comments);

    IpReassembler m_reassembler;
    QByteArray m_datagram; // a reassembled datagram, reused
    CaptureFileResult &m_result;
    const std::function<bool(qint64, qint64)> &m_progress;
    const Batches &m_batches;
    qsizetype m_batchPackets = 0;
    qint64 m_total = 0;
    qint64 m_nextReport = 0;
    qint64 m_offset = 0; // of the record being read
    int m_flushMs = 0;
    bool m_keepFrames = true; // live: the longest a kept packet waits for its batch
    QElapsedTimer m_sinceDelivery;
};

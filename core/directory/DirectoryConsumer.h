#pragma once

#include "DirectoryTypes.h"
#include "PacketConsumer.h"

#include <functional>

class ServiceDirectory;

// Feeds a ServiceDirectory from a PacketPipeline, so every path (the window's live capture
// through AnalyzerSession::addConsumer(), an opened file, --read, --headless) fills it the
// same way. With a sink, the directory's changes go to it at the end of every batch that
// changed something (and from tick()), ready to be queued to the GUI thread.
// The directory must outlive the consumer; both are used on the pipeline's thread only.
class DirectoryConsumer final : public PacketConsumer
{
public:
    using Sink = std::function<void(DirectoryChanges &&)>;

    explicit DirectoryConsumer(ServiceDirectory &directory, Sink sink = {});

    bool consume(const DecodedPacket &packet) override;
    bool endBatch() override;
    // The source ended: the directory is finished at the last packet's time.
    bool finish() override;

    // Live time passing without packets (the pipeline's thread, e.g. from a timer there):
    // advances the directory and hands its changes to the sink.
    void tick(qint64 nowNs);
    // The latest packet time seen (0 before any).
    qint64 lastPacketNs() const { return m_lastPacketNs; }
    ServiceDirectory &directory() { return m_directory; }

private:
    void publish();

    ServiceDirectory &m_directory;
    Sink m_sink;
    qint64 m_lastPacketNs = 0;
};

#pragma once

#include <QString>

struct DecodedBatch;

// What the pipeline feeds: the packet store's feed, the sender table, an export, the summary
// lines of --read, and every analysis to come. Registered once with PacketPipeline, a
// consumer sees every batch of every source (live capture, a capture file, a stream) in
// order, on the pipeline's thread, with the same decode. A consumer that fails (a full disk)
// returns false: the pipeline stops feeding it, says so through error(), and goes on with
// the others.
class PacketConsumer
{
public:
    virtual ~PacketConsumer() = default;

    // A batch, in packet order; returns false when the consumer cannot go on.
    virtual bool consume(const DecodedBatch &batch) = 0;
    // The source ended (the file was read, the capture stopped); returns false on failure.
    virtual bool finish() { return true; }
    // One line naming what failed and why, once consume() or finish() returned false.
    virtual QString error() const { return {}; }
};

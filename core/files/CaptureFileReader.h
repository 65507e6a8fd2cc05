#pragma once

#include "Packet.h"

#include <QByteArray>
#include <QList>
#include <QString>
#include <QStringList>

class QIODevice;

#include <functional>
#include <optional>

// What reading a capture file skipped and kept. `records` counts every packet record
// (pcap record, pcapng EPB / SPB / OPB). A record that is no IP fragment lands in `packets` or
// one of the skipped counters; an IP fragment of a UDP datagram in `fragments` (see
// IpReassembler), and those of the datagrams that became mDNS packets in `fragmentsReassembled`
// too. So records == packets - reassembledPackets + fragmentsReassembled + skipped().
struct CaptureFileStats
{
    quint64 records = 0;
    quint64 packets = 0;              // UDP datagrams from or to port 5353: kept (reassembled too)
    quint64 skippedNotMdns = 0;       // not IP, not UDP, or not port 5353
    quint64 skippedMalformed = 0;     // IPv4 header length < 20, UDP length < 8, ... (see reason)
    quint64 skippedShort = 0;         // capture cut before the IP / UDP headers were complete
    quint64 skippedLinkType = 0;      // link types the reader does not walk
    quint64 fragments = 0;            // IPv4 / IPv6 fragments of UDP datagrams (possibly mDNS)
    quint64 reassembled = 0;          // datagrams reassembled from them (mDNS or not)
    quint64 reassembledPackets = 0;   // of `packets`, those reassembled from fragments
    quint64 fragmentsReassembled = 0; // the fragments those were made of
    // Fragments in no kept packet: of incomplete datagrams, dropped (cut short, duplicates,
    // over the reassembly bounds) or of reassembled datagrams that are not mDNS (set at the end).
    quint64 skippedFragments = 0;
    // Datagrams whose fragments never all came (timed out, evicted, or at the file's end).
    quint64 incompleteDatagrams = 0;
    // Why the first malformed IP / UDP header was skipped, e.g. "record 3: IPv4 header
    // length 16 is below 20" (empty when none was).
    QString firstMalformed;
    quint64 skipped() const
    {
        return skippedNotMdns + skippedMalformed + skippedFragments + skippedShort +
               skippedLinkType;
    }
};

// Where and why a file could not be read to its end.
struct CaptureFileError
{
    qint64 offset = 0;    // byte offset in the file of the fault (0 for I/O errors)
    QString reason;       // e.g. "block length 12 at offset 1024 is smaller than the minimum 28"
    bool ioError = false; // the file could not be opened or read at all
    // "at offset 1024: reason" or, for I/O errors, just the reason
    QString toString() const;
};

// A pcapng section header's description of the capture (shb_hardware, shb_os, shb_userappl,
// opt_comment); empty texts where the section has none.
struct CaptureSection
{
    quint32 firstNumber = 1; // the number of the section's first frame (it may have none)
    QString hardware;
    QString os;
    QString application;
    QStringList comments;
    bool isEmpty() const
    {
        return hardware.isEmpty() && os.isEmpty() && application.isEmpty() && comments.isEmpty();
    }
    friend bool operator==(const CaptureSection &, const CaptureSection &) = default;
};

struct CaptureFileResult
{
    QList<Packet> packets; // every kept datagram before any fault, in file order
    CaptureFileStats stats;
    std::optional<CaptureFileError> error; // set when the file is unreadable or corrupt
    QString format;                        // "pcap" / "pcapng"; empty when unrecognised
    QList<CaptureSection> sections;        // pcapng: each section, in file order
    // The section a frame number belongs to; nullptr when the file has none (pcap).
    const CaptureSection *sectionOf(quint32 number) const;
    bool cancelled = false; // progress returned false; packets holds what was read so far
};

// Reads classic pcap (both byte orders, micro- and nanosecond, and the "modified"
// variant) and pcapng (any number of sections in either byte order; IDB if_name,
// if_tsresol and if_tsoffset; EPB, SPB and the obsolete OPB; other blocks skipped) and
// keeps the UDP datagrams from or to port 5353 (see LinkLayerDecoder for link types).
// Packets carry the IDB's if_name as interfaceName (pcap: empty), interfaceIndex 0, and as
// `number` the frame's number in the file (stats.records when it was read: every packet record
// counts, kept or skipped, so it is the number Wireshark shows for the frame).
// Any thread; no shared state. Nothing throws and nothing reads outside the bytes.
namespace CaptureFileReader {
// A pcapng block or pcap record longer than this is refused as corrupt (tshark refuses
// pcapng blocks over 128 MiB too): no capture holds one, and a stream of garbage must not
// be buffered until memory runs out. The memory a read costs is bounded by it.
constexpr qint64 kMaxBlockBytes = qint64(128) << 20;
// Of a longer frame only this many bytes are read and decoded: no link header plus an IP
// datagram (at most 64 KiB + headers) reaches past them, so the outcome is the same.
constexpr qsizetype kMaxFrameBytes = 256 << 10;
// A stream read in batches (a pipe, a FIFO, standard input) hands on what it read whenever the
// writer pauses (no byte ready) and at least this often while it writes, so it is decoded live.
constexpr int kStreamFlushMs = 50;
// progress(doneBytes, totalBytes) is called every MiB or so and returns false to cancel.
CaptureFileResult readFile(const QString &path,
                           const std::function<bool(qint64, qint64)> &progress = {});
CaptureFileResult readBytes(const QByteArray &bytes,
                            const std::function<bool(qint64, qint64)> &progress = {});
// `path` "-" reads standard input. A FIFO without a writer: `waiting` is called once before the
// read waits for one, and progress(0, 0) now and then while it waits (false cancels). Like
// readFile(), but hands the kept packets to `batches` about every `batchPackets` as they are read
// (result.packets stays empty), so a large file is processed in bounded memory; `batches` may take
// the packets (move them) and returns false to stop the read (result.cancelled).
// `frames` Drop: the packets keep no frame around their datagram (Packet::frameKept false, no
// frameEdges: an allocation less per packet), for readers that write no pcapng of them.
enum class Frames : quint8 { Keep, Drop };
CaptureFileResult readFileInBatches(const QString &path,
                                    const std::function<bool(QList<Packet> &)> &batches,
                                    qsizetype batchPackets = 8192,
                                    const std::function<bool(qint64, qint64)> &progress = {},
                                    const std::function<void()> &waiting = {},
                                    Frames frames = Frames::Keep);
// An open, readable device (a file, a QBuffer, a pipe). Random-access devices are read
// `windowBytes` at a time rather than copied into memory whole; a sequential one record by
// record (see FileBytes).
CaptureFileResult readDevice(QIODevice &device,
                             const std::function<bool(qint64, qint64)> &progress = {},
                             qsizetype windowBytes = 4 << 20);
// readDevice() handing the kept packets to `batches` as readFileInBatches() does (a sequential
// device live, see kStreamFlushMs).
CaptureFileResult readDeviceInBatches(QIODevice &device,
                                      const std::function<bool(QList<Packet> &)> &batches,
                                      qsizetype batchPackets = 8192);
} // namespace CaptureFileReader

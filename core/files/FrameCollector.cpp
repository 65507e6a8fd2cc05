#include "FrameCollector.h"

#include "LinkLayerDecoder.h"

#include <QCoreApplication>

#include <algorithm>

namespace {
constexpr qint64 kReportEveryBytes = 1 << 20;

QString describe(const LinkLayerDecoder::Fault &f)
{
    using M = LinkLayerDecoder::Malformed;
    const char *text = "";
    switch (f.kind) {
    case M::None:
        return QString();
    case M::Ipv4HeaderLength:
        text = QT_TRANSLATE_NOOP("CaptureFileReader", "IPv4 header length %1 is below %2");
        break;
    case M::Ipv4TotalLength:
        text = QT_TRANSLATE_NOOP("CaptureFileReader",
                                 "IPv4 total length %1 is below the header length %2");
        break;
    case M::Ipv6ExtensionHeader:
        text = QT_TRANSLATE_NOOP("CaptureFileReader",
                                 "IPv6 extension header at byte %1 runs past the payload end %2");
        break;
    case M::UdpInShortIpPayload:
        text = QT_TRANSLATE_NOOP("CaptureFileReader",
                                 "IP payload of %1 bytes is shorter than a UDP header (%2)");
        break;
    case M::UdpLengthBelowHeader:
        text = QT_TRANSLATE_NOOP("CaptureFileReader",
                                 "UDP length %1 is below the UDP header length %2");
        break;
    }
    return QCoreApplication::translate("CaptureFileReader", text).arg(f.value).arg(f.limit);
}
} // namespace

FrameCollector::FrameCollector(CaptureFileResult &result, qint64 totalBytes,
                               const std::function<bool(qint64, qint64)> &progress,
                               const Batches &batches, qsizetype batchPackets)
    : m_result(result)
    , m_progress(progress)
    , m_batches(batches)
    , m_batchPackets(batches ? std::max<qsizetype>(batchPackets, 1) : 0)
    , m_total(totalBytes)
{
    if (m_batchPackets)
        m_result.packets.reserve(m_batchPackets);
}

void FrameCollector::deliver()
{
    if (m_result.packets.isEmpty() || m_result.cancelled)
        return;
    if (!m_batches(m_result.packets))
        m_result.cancelled = true;
    m_result.packets.clear(); // keeps the allocation for the next batch
    if (m_flushMs > 0)
        m_sinceDelivery.restart();
}

void FrameCollector::setLive(int flushMs)
{
    m_flushMs = m_batchPackets ? flushMs : 0;
    if (m_flushMs > 0)
        m_sinceDelivery.start();
}

void FrameCollector::idle()
{
    if (m_batchPackets)
        deliver();
}

void FrameCollector::finish()
{
    if (m_batchPackets)
        deliver();
}

void FrameCollector::addFrame(quint32 linkType, const uchar *frame, qsizetype capturedLength,
                              qint64 timestampNs, const QString &interfaceName)
{
    CaptureFileStats &s = m_result.stats;
    ++s.records;
    Packet p;
    LinkLayerDecoder::Fault fault;
    switch (LinkLayerDecoder::decode(linkType, frame, capturedLength, p, &fault)) {
    case LinkLayerDecoder::Outcome::Mdns:
        ++s.packets;
        p.number = quint32(s.records); // the frame's number, as Wireshark counts it
        p.timestampNs = timestampNs;
        p.interfaceName = interfaceName;
        if (!m_batchPackets)
            reserveMore();
        m_result.packets.append(std::move(p));
        if (m_batchPackets && (m_result.packets.size() >= m_batchPackets ||
                               (m_flushMs > 0 && m_sinceDelivery.hasExpired(m_flushMs))))
            deliver();
        return;
    case LinkLayerDecoder::Outcome::NotMdns:
        ++s.skippedNotMdns;
        return;
    case LinkLayerDecoder::Outcome::Malformed:
        // Only the first reason is kept: a string per malformed frame would cost a file full
        // of them an allocation each.
        if (s.skippedMalformed++ == 0)
            s.firstMalformed = QCoreApplication::translate("CaptureFileReader", "record %1: %2")
                                   .arg(s.records)
                                   .arg(describe(fault));
        return;
    case LinkLayerDecoder::Outcome::Fragment:
        ++s.skippedFragments;
        return;
    case LinkLayerDecoder::Outcome::Short:
        ++s.skippedShort;
        return;
    case LinkLayerDecoder::Outcome::UnknownLinkType:
        ++s.skippedLinkType;
        return;
    }
}

void FrameCollector::reserveMore()
{
    QList<Packet> &packets = m_result.packets;
    if (packets.size() < packets.capacity())
        return;
    // Once the file's density is known, grow to the count it predicts, so a large file
    // does not pay for a dozen reallocations of its packet list (Packet is not relocatable).
    qsizetype target = std::max<qsizetype>(packets.size() * 2, 256);
    constexpr qint64 kKnownDensity = 4 << 20;
    if (m_offset >= kKnownDensity) {
        const double predicted = 1.1 * double(packets.size()) * double(m_total) / double(m_offset);
        target = std::max(target, qsizetype(std::min(predicted, double(m_total) / 16)));
    }
    packets.reserve(target);
}

bool FrameCollector::keepGoing(qint64 offset)
{
    m_offset = offset;
    if (m_result.cancelled)
        return false;
    if (!m_progress || offset < m_nextReport)
        return true;
    m_nextReport = offset + kReportEveryBytes;
    if (m_progress(offset, m_total))
        return true;
    m_result.cancelled = true;
    return false;
}

void FrameCollector::fail(qint64 offset, const QString &reason)
{
    m_result.error = CaptureFileError{offset, reason, false};
}

#pragma once

#include <QByteArrayView>

class FileBytes;
class FrameCollector;

// Classic libpcap files: both byte orders, the microsecond (a1b2c3d4), nanosecond
// (a1b23c4d) and "modified" (a1b2cd34, 24-byte records) variants. Stops at the first
// fault with its offset. Used by CaptureFileReader on the reading thread.
namespace PcapReader {
// True when `bytes` starts with one of the pcap magic numbers.
bool recognizes(QByteArrayView bytes);
void read(FileBytes &source, FrameCollector &collector);
} // namespace PcapReader

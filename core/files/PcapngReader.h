#pragma once

#include <QByteArrayView>

class FileBytes;
class FrameCollector;

// pcapng files (draft-ietf-opsawg-pcapng): any number of sections, each in its own
// byte order; interface description blocks with if_name, if_tsresol (power of 10 or
// of 2) and if_tsoffset; enhanced, simple and obsolete packet blocks; every other
// block type is skipped. Stops at the first structural fault with its offset.
// Used by CaptureFileReader on the reading thread.
namespace PcapngReader {
// True when `bytes` starts with a section header block type.
bool recognizes(QByteArrayView bytes);
void read(FileBytes &source, FrameCollector &collector);
} // namespace PcapngReader

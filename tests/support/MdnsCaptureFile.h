#pragma once

#include <QByteArray>
#include <QList>
#include <QString>

// Small capture files for the GUI tests, built with PcapBuilder / PcapngBuilder and
// MdnsBuilder: Ethernet + IPv4 + UDP 5353 frames to 224.0.0.251 from 169.254.<n>.<m>, one
// mDNS response per payload. Any thread.
namespace MdnsCaptureFile {

// An announcement of one service: even `i` an IPP printer ("Printer i._ipp._tcp.local"),
// odd `i` a web server ("Web i._http._tcp.local"), so a text filter can tell them apart.
QByteArray announcement(int i);
// The sender address of packet `i` (one of four senders, 169.254.0.1 .. 169.254.0.4).
quint32 sender(int i);
// announcement(0 .. count-1) as a classic pcap or a pcapng file's bytes.
QByteArray build(int count, bool pcapng = false);
// announcement(0 .. count-1) as a pcapng file with other frames between them, as a real
// capture has: UDP to port 53, ARP, and frames of a link type mdnscope does not walk (USER0, on a
// second interface). `numbers` gets each announcement's frame number (from 1, counting every
// frame, as Wireshark numbers them).
QByteArray buildInterleaved(int count, QList<quint32> *numbers);
// Writes bytes to path; false when that fails.
bool write(const QString &path, const QByteArray &bytes);

} // namespace MdnsCaptureFile

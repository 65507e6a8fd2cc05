#pragma once

#include <QByteArray>
#include <QList>
#include <QString>

// The UDP payloads to or from port 5353 in a classic pcap file (either byte order,
// micro- or nanosecond), over IPv4 or IPv6 (no extension headers, no fragments),
// for link types Ethernet (with 802.1Q tags), Linux cooked SLL and raw IP. A small,
// independent reader so tests can take real mDNS datagrams from ../shared/corpus
// without relying on the project's own reader. Any thread.
namespace PcapDatagrams {
QList<QByteArray> read(const QString &path, QString *error);
}

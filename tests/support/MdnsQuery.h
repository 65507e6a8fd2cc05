#pragma once

#include <QByteArray>
#include <QList>
#include <QString>

#include <utility>

// Builds and sends a standard mDNS query the way a real responder would: id 0,
// QM questions (RFC 6762 §18), from port 5353 to 224.0.0.251:5353, IP TTL 255, so
// the answers go to the group. Sending happens only inside a named network
// namespace the test made (PeerLab). Test (main) thread.
namespace MdnsQuery {
// questions: (name, type), class IN.
QByteArray build(const QList<std::pair<QString, quint16>> &questions);
// Sends `datagram` from inside namespace `ns`, leaving through the interface that
// has `fromAddress`. False with *error on failure.
bool sendFrom(const QString &ns, const QString &fromAddress, const QByteArray &datagram,
              QString *error);
} // namespace MdnsQuery

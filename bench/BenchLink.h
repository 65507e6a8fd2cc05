#pragma once

#include "CaptureTypes.h"
#include "NetNamespace.h"

#include <QString>

// The path a benchmark's datagrams take inside its private network namespace: IPv4 to
// 224.0.0.251 over lo (the default: sender and receivers on the same link, the datagram
// delivered as the sender's looped-back copy), or IPv4 / IPv6 (ff02::fb) across the veth pair
// makeVethPair() creates, sent out of one end and received on the other. (IPv6 multicast to
// ff02::fb does not loop back over lo: no route, and with an ff00::/8 route on lo the datagram
// is sent but never delivered; so IPv6 needs the pair.) Used by MulticastFlooder, BareReceiver,
// HeadlessProcess and the benchmarks that drive them.
struct BenchLink
{
    IpFamily family = IpFamily::V4;
    QString sendInterface = QStringLiteral("lo");    // the flooder's IP(V6)_MULTICAST_IF
    QString receiveInterface = QStringLiteral("lo"); // where the receivers join the group

    static inline const QString kVethSend = QStringLiteral("mdnsflood0");
    static inline const QString kVethReceive = QStringLiteral("mdnscapt0");

    static BenchLink loopback() { return {}; }
    static BenchLink veth(IpFamily family) { return {family, kVethSend, kVethReceive}; }
    // Creates the pair kVethSend <-> kVethReceive in the private namespace (each end with its
    // own link-local IPv4 and nodad IPv6 address) and waits until it carries datagrams.
    static bool makeVethPair(QString *error)
    {
        return NetNamespace::addVethPair(kVethSend, kVethReceive, error);
    }

    bool isV4() const { return family == IpFamily::V4; }
    bool overLoopback() const { return receiveInterface == QStringLiteral("lo"); }
    QString familyName() const { return isV4() ? QStringLiteral("IPv4") : QStringLiteral("IPv6"); }
    QString groupText() const
    {
        return isV4() ? QStringLiteral("224.0.0.251") : QStringLiteral("ff02::fb");
    }
    // "IPv4 over lo", "IPv6 over veth".
    QString label() const
    {
        return familyName() +
               (overLoopback() ? QStringLiteral(" over lo") : QStringLiteral(" over veth"));
    }
};

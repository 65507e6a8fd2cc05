#pragma once

#include "DnsMessage.h"
#include "FindingLog.h"
#include "Packet.h"

class DeviceBook;

// One packet as the checks see it: the datagram, its decoded message, its number, what its
// addresses say about it, and where findings go. Built by ConformanceChecker per packet; valid
// only during CheckModule::add().
struct CheckContext
{
    const Packet &packet;
    const DnsMessage &message;
    quint64 number; // the pipeline's, from 1
    FindingLog &log;
    DeviceBook &devices;
    bool multicast = false;    // sent to a multicast group (224.0.0.0/4, ff00::/8)
    bool fromMdnsPort = false; // source port 5353 (a full mDNS responder or querier)
    bool toMdnsPort = false;   // destination port 5353

    bool isResponse() const { return message.header.qr; }
    // A response to a legacy querier: a unicast reply to a port other than 5353 (RFC 6762 §6.7).
    bool isLegacyResponse() const { return isResponse() && !toMdnsPort && !multicast; }
    qint64 time() const { return packet.timestampNs; }

    // Reports an occurrence shown by this packet. `text` is a QT_TRANSLATE_NOOP("Conformance",
    // ...) literal with %1.. for `args`; `field` the bytes it concerns (the decoded tree marks
    // them).
    Finding *report(Rule rule, Severity severity, const QString &name, const char *text,
                    QStringList args = {}, ByteSpan field = {}) const
    {
        return log.report({rule, severity, packet.timestampNs, packet.source, name, number,
                           FindingText{text, std::move(args)}, field.offset, field.length});
    }
    // The same for a check that may fire on every packet of a flood: `args()` (returning the
    // QStringList) runs only for a new finding; a repeat is just counted.
    template<typename ArgsFn>
    Finding *reportLazily(Rule rule, Severity severity, const QString &name, const char *text,
                          ArgsFn &&args, ByteSpan field = {}) const
    {
        if (Finding *f =
                log.repeat(rule, severity, packet.source, name, packet.timestampNs, number))
            return f;
        return report(rule, severity, name, text, args(), field);
    }
};

// A group of checks. PacketChecks judges each packet on its own; the timing, rate and
// conflict checks keep bounded state between packets. Time is packet time: advanceTo() moves
// it on without packets (live), finish() ends the source (nothing later can come).
class CheckModule
{
public:
    virtual ~CheckModule() = default;
    virtual void add(const CheckContext &packet) = 0;
    virtual void advanceTo(qint64 nowNs, FindingLog &log, DeviceBook &devices)
    {
        Q_UNUSED(nowNs);
        Q_UNUSED(log);
        Q_UNUSED(devices);
    }
    virtual void finish(qint64 endNs, FindingLog &log, DeviceBook &devices)
    {
        advanceTo(endNs, log, devices);
    }
    virtual void clear() = 0;
    // The entries of its largest state table (ConformanceChecker::Limits::maxTracked bounds it).
    virtual qsizetype tracked() const { return 0; }
};

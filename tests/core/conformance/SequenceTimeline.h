#pragma once

#include "ConformanceChecker.h"
#include "DnsDecoder.h"
#include "MdnsBuilder.h"
#include "Packet.h"
#include "TestPackets.h"

#include <QList>
#include <QString>

// A built timeline for the stateful conformance checks: packets at given milliseconds from
// TestPackets::kStart, from given addresses, fed to one ConformanceChecker.
struct Timeline
{
    ConformanceChecker checker;
    quint64 number = 0;

    Timeline() = default;
    explicit Timeline(const ConformanceChecker::Limits &limits)
        : checker(limits)
    {}

    static qint64 at(qint64 ms) { return TestPackets::kStart + ms * 1'000'000; }

    static Packet make(qint64 ms, const QByteArray &data, const char *source,
                       quint16 sourcePort = 5353)
    {
        Packet p = TestPackets::packet(data, 0, source);
        p.timestampNs = at(ms);
        p.sourcePort = sourcePort;
        if (p.source.isV6())
            p.destination = IpAddress::fromString(QStringLiteral("ff02::fb"));
        return p;
    }
    // Returns the packet's number.
    quint64 add(const Packet &p)
    {
        checker.add(p, DnsDecoder::decode(p.data, DnsDecoder::Detail::NoFields), ++number);
        return number;
    }
    quint64 operator()(qint64 ms, const QByteArray &data, const char *source = "169.254.0.1",
                       quint16 sourcePort = 5353)
    {
        return add(make(ms, data, source, sourcePort));
    }
    // A unicast packet to `destination`:`port` (a legacy response).
    quint64 unicast(qint64 ms, const QByteArray &data, const char *source, const char *destination,
                    quint16 port)
    {
        Packet p = make(ms, data, source);
        p.destination = IpAddress::fromString(QString::fromLatin1(destination));
        p.destinationPort = port;
        return add(p);
    }
    void advance(qint64 ms) { checker.advanceTo(at(ms)); }
    void finish(qint64 ms) { checker.finish(at(ms)); }

    QList<Finding> of(Rule rule) const
    {
        QList<Finding> out;
        for (const Finding &f : checker.findings()) {
            if (f.rule == rule)
                out.append(f);
        }
        return out;
    }
    // Every finding as "rule: message" for failure messages.
    QString dump() const
    {
        QString s;
        for (const Finding &f : checker.findings()) {
            s += QString::fromLatin1(f.info().id) + u' ' + f.source.toString() + u": " +
                 f.messageText(false) + u'\n';
        }
        return s;
    }
};

#pragma once

#include "BehaviourModel.h"
#include "DnsDecoder.h"
#include "MdnsBuilder.h"
#include "Packet.h"
#include "TestPackets.h"

// A built timeline for the behaviour model: packets at given milliseconds (or nanoseconds)
// from TestPackets::kStart, from given addresses, fed to one BehaviourModel (as
// tests/core/conformance/SequenceTimeline.h does for the checker).
struct BehaviourTimeline
{
    BehaviourModel model;
    quint64 number = 0;

    BehaviourTimeline() = default;
    explicit BehaviourTimeline(const BehaviourModel::Limits &limits)
        : model(limits)
    {}

    static qint64 at(qint64 ms) { return TestPackets::kStart + ms * 1'000'000; }

    Packet make(qint64 ns, const QByteArray &data, const char *source) const
    {
        Packet p = TestPackets::packet(data, 0, source);
        p.timestampNs = TestPackets::kStart + ns;
        if (p.source.isV6())
            p.destination = IpAddress::fromString(QStringLiteral("ff02::fb"));
        return p;
    }
    void addNs(qint64 ns, const QByteArray &data, const char *source = "169.254.0.1")
    {
        const Packet p = make(ns, data, source);
        model.add(p, DnsDecoder::decode(p.data, DnsDecoder::Detail::NoFields), ++number);
    }
    void operator()(double ms, const QByteArray &data, const char *source = "169.254.0.1")
    {
        addNs(qint64(ms * 1e6), data, source);
    }
    void unicast(double ms, const QByteArray &data, const char *source, const char *destination)
    {
        Packet p = make(qint64(ms * 1e6), data, source);
        p.destination = IpAddress::fromString(QString::fromLatin1(destination));
        model.add(p, DnsDecoder::decode(p.data, DnsDecoder::Detail::NoFields), ++number);
    }
    void finish() { model.finish(); }
};

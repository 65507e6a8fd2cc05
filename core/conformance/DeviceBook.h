#pragma once

#include "ConformanceTypes.h"

#include <QHash>

#include <span>

// The devices on the link as the checker tells them apart, for the scorecard: one per source
// address, joined when one packet from an address announces its host name's address records
// with its own address among them (a host's IPv4 and IPv6 addresses). Notes per device what it
// was seen doing (so a group it never exercised reads "not seen", not "pass"). Bounded.
class DeviceBook final
{
public:
    explicit DeviceBook(qsizetype maxDevices = 4096);

    // A packet from `source` (counts it, notes the interface).
    void notePacket(const IpAddress &source, const QString &interfaceName);
    // `source` announced `hostName` with these addresses (A/AAAA rdata) in one packet; when
    // its own address is among them, the other addresses are the same device.
    void noteHostAddresses(const IpAddress &source, const QString &hostName,
                           std::span<const IpAddress> addresses);
    // The device at `source` did something that a rule group judges.
    void noteExercised(const IpAddress &source, RuleGroup group);
    // Its first packets are in the capture: it was seen probing (the probing rules apply).
    void noteStarted(const IpAddress &source);
    bool wasSeenStarting(const IpAddress &source) const;

    // The scorecard: one row per device, with the verdict per group from `findings`.
    QList<ScorecardRow> scorecard(const QList<Finding> &findings) const;
    bool hasChanges() const { return m_changed; }
    void clearChanged() { m_changed = false; }
    void markChanged() { m_changed = true; }
    void clear();
    qsizetype size() const { return m_devices.size(); }

private:
    struct Device
    {
        QString hostName;
        QList<IpAddress> addresses;
        QStringList interfaces;
        quint64 packets = 0;
        quint8 exercised = 0; // bit per RuleGroup
        bool started = false;
        qsizetype mergedInto = -1; // a device joined into another
    };
    qsizetype deviceOf(const IpAddress &source); // -1 when full
    qsizetype root(qsizetype index) const;

    qsizetype m_max;
    QList<Device> m_devices;
    QHash<IpAddress, qsizetype> m_byAddress;
    bool m_changed = false;
};

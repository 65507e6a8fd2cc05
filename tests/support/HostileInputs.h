#pragma once

#include <QByteArray>
#include <QList>
#include <QString>

// Hostile capture files for the adversarial suite (tst_cli_hostileinputs), built byte by
// byte with CaptureFileBuilder / DnsWireBuilder, so every expectation comes from the
// generator and never from the reader under test: capture files broken at every structural
// field (lengths, magics, byte orders, versions, section and interface counts, timestamps),
// DNS messages (pointer loops and chains, label and name limits, lying counts and lengths,
// every record type cut short) and IP / UDP (header lengths, extension header chains, lying
// lengths, fragments). Any thread.
namespace HostileInputs {

struct Case
{
    QString name;
    QByteArray bytes;
    int exitCode = 0;             // --read's documented exit code: 0 read, 1 corrupt / no capture
    qint64 errorOffset = -1;      // the offset the one error line names; -1: no error line
    QString reason;               // a part of that line's reason
    qint64 packets = -1;          // mDNS packets kept, by construction; -1: not known
    qint64 malformedHeaders = -1; // frames skipped as malformed IP/UDP headers; -1: not known
};

QList<Case> captureStructure();
QList<Case> dnsMessages();
QList<Case> ipAndUdp();
QList<Case> all();

} // namespace HostileInputs

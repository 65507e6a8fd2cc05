#pragma once

#include "DirectoryTypes.h"

#include <QCoreApplication>
#include <QString>

// How the services and hosts views (and their details) word the directory's values, once:
// states, TXT, addresses, times and remaining TTLs, translated where a person reads words.
// GUI thread (translations), though nothing here keeps state.
class DirectoryText final
{
    Q_DECLARE_TR_FUNCTIONS(DirectoryText)
public:
    // "live", "goodbye", "expired", "known answer only", "replaced", translated.
    static QString state(RecordState state);
    // An event of an instance's history: "announced", "refreshed ×3", "renamed from …".
    static QString event(const InstanceEvent &event);
    // One TXT pair as key=value (binary bytes as \xHH); a key without '=' alone.
    static QString txtPair(const TxtPair &pair);
    // Every pair, space separated; an empty TXT is "(empty)".
    static QString txt(const ServiceInstance &instance);
    // Each distinct address once, live first, ", " separated.
    static QString addresses(const QList<HostAddress> &addresses);
    static QString addressList(const QList<IpAddress> &addresses);
    // "host:port" ([host]:port never: the host is a name), empty without an SRV.
    static QString hostPort(const ServiceInstance &instance);
    // Local clock time of a directory time (nanoseconds since the epoch): hh:mm:ss.
    static QString clock(qint64 ns);
    // With the date and milliseconds, for the details.
    static QString timestamp(qint64 ns);
    // Whole seconds left, "42 s"; empty for 0.
    static QString ttlLeft(qint64 ns);
    // A DNS type as its mnemonic (PTR, SRV, TXT, A, AAAA, HINFO) or its number.
    static QString recordType(quint16 type);
};

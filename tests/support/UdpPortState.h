#pragma once

#include <QtGlobal>

// What the kernel says about the UDP sockets of one family bound to a local port in this
// process's network namespace (/proc/self/net/udp, or udp6 for IPv6): bytes waiting in their
// receive queues and datagrams dropped because a queue was full. Lets a sender pace itself to a
// receiver in another process, and cross-check its drop counter. Any thread.
struct UdpPortState
{
    int sockets = 0;
    qint64 rxQueueBytes = 0;
    qint64 drops = 0;

    static UdpPortState read(quint16 port, bool ipv6 = false);
};

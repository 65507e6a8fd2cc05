#include "UdpPortState.h"

#include <QByteArray>
#include <QFile>
#include <QList>

UdpPortState UdpPortState::read(quint16 port, bool ipv6)
{
    UdpPortState state;
    QFile f(ipv6 ? QStringLiteral("/proc/self/net/udp6") : QStringLiteral("/proc/self/net/udp"));
    if (!f.open(QIODevice::ReadOnly))
        return state;
    const QByteArray wanted = ':' + QByteArray::number(port, 16).toUpper().rightJustified(4, '0');
    const QList<QByteArray> lines = f.readAll().split('\n');
    // "sl local_address rem_address st tx_queue:rx_queue tr tm->when retrnsmt uid
    //  timeout inode ref pointer drops"
    for (qsizetype i = 1; i < lines.size(); ++i) {
        const QList<QByteArray> t = lines.at(i).simplified().split(' ');
        if (t.size() < 13 || !t.at(1).endsWith(wanted))
            continue;
        ++state.sockets;
        const QByteArray &queues = t.at(4); // tx_queue:rx_queue
        state.rxQueueBytes += queues.mid(queues.indexOf(':') + 1).toLongLong(nullptr, 16);
        state.drops += t.last().toLongLong();
    }
    return state;
}

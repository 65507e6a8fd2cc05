#include "PcapDatagrams.h"

#include <QFile>
#include <QtEndian>

using namespace Qt::StringLiterals;

namespace {
quint16 be16(const QByteArray &b, qsizetype at)
{
    return quint16((quint8(b.at(at)) << 8) | quint8(b.at(at + 1)));
}

quint32 field32(const QByteArray &b, qsizetype at, bool swap)
{
    const quint32 v = quint32(quint8(b.at(at))) | quint32(quint8(b.at(at + 1))) << 8 |
                      quint32(quint8(b.at(at + 2))) << 16 | quint32(quint8(b.at(at + 3))) << 24;
    return swap ? qbswap(v) : v;
}

// The UDP payload of an IP packet at `ip` when one end is port 5353.
bool udp5353(const QByteArray &frame, qsizetype ip, QByteArray *payload)
{
    if (ip >= frame.size())
        return false;
    const int version = quint8(frame.at(ip)) >> 4;
    qsizetype udp = 0;
    if (version == 4) {
        if (frame.size() < ip + 20)
            return false;
        const qsizetype ihl = (quint8(frame.at(ip)) & 0x0f) * 4;
        const bool fragment = (be16(frame, ip + 6) & 0x3fff) != 0;
        if (quint8(frame.at(ip + 9)) != 17 || fragment || ihl < 20)
            return false;
        udp = ip + ihl;
    } else if (version == 6) {
        if (frame.size() < ip + 40 || quint8(frame.at(ip + 6)) != 17)
            return false;
        udp = ip + 40;
    } else {
        return false;
    }
    if (frame.size() < udp + 8)
        return false;
    if (be16(frame, udp) != 5353 && be16(frame, udp + 2) != 5353)
        return false;
    const qsizetype length = be16(frame, udp + 4);
    if (length < 8 || frame.size() < udp + length)
        return false;
    *payload = frame.mid(udp + 8, length - 8);
    return true;
}
} // namespace

QList<QByteArray> PcapDatagrams::read(const QString &path, QString *error)
{
    QFile f(path);
    if (!f.open(QIODevice::ReadOnly)) {
        *error = path + u": "_s + f.errorString();
        return {};
    }
    const QByteArray file = f.readAll();
    if (file.size() < 24) {
        *error = path + u": too short for a pcap header"_s;
        return {};
    }
    const quint32 magic = field32(file, 0, false);
    bool swap = false;
    if (magic == 0xa1b2c3d4 || magic == 0xa1b23c4d)
        swap = false;
    else if (magic == 0xd4c3b2a1 || magic == 0x4d3cb2a1)
        swap = true;
    else {
        *error = path + u": not a classic pcap file"_s;
        return {};
    }
    const quint32 linkType = field32(file, 20, swap);
    QList<QByteArray> result;
    qsizetype at = 24;
    while (at + 16 <= file.size()) {
        const qsizetype caplen = field32(file, at + 8, swap);
        if (caplen > file.size() - at - 16)
            break;
        const QByteArray frame = file.mid(at + 16, caplen);
        at += 16 + caplen;
        qsizetype ip = -1;
        if (linkType == 1 && frame.size() >= 14) { // Ethernet
            qsizetype typeAt = 12;
            while (frame.size() >= typeAt + 2 &&
                   (be16(frame, typeAt) == 0x8100 || be16(frame, typeAt) == 0x88a8))
                typeAt += 4;
            if (frame.size() >= typeAt + 2 &&
                (be16(frame, typeAt) == 0x0800 || be16(frame, typeAt) == 0x86dd))
                ip = typeAt + 2;
        } else if (linkType == 113 && frame.size() >= 16) { // Linux cooked SLL
            if (be16(frame, 14) == 0x0800 || be16(frame, 14) == 0x86dd)
                ip = 16;
        } else if (linkType == 101 || linkType == 228 || linkType == 229) { // raw IP
            ip = 0;
        }
        QByteArray payload;
        if (ip >= 0 && udp5353(frame, ip, &payload))
            result.append(payload);
    }
    if (result.isEmpty())
        *error = path + u": no UDP port 5353 datagrams"_s;
    return result;
}

#include "MdnsCaptureFile.h"

#include "CaptureFileBuilder.h"
#include "MdnsBuilder.h"

#include <QFile>

using namespace Qt::StringLiterals;

namespace {
constexpr quint16 kEthernetIpv4 = 0x0800;
constexpr quint32 kLinkTypeEthernet = 1;
constexpr quint32 kMdnsGroup = 0xE00000FB;
} // namespace

QByteArray MdnsCaptureFile::announcement(int i)
{
    using namespace MdnsBuilder;
    const QString host = u"host%1.local"_s.arg(i);
    if (i % 2 == 0) {
        const QString instance = u"Printer %1._ipp._tcp.local"_s.arg(i);
        return response({ptr(u"_ipp._tcp.local"_s, instance), srv(instance, 631, host),
                         a(host, 0xA9FE0000u + quint32(i))});
    }
    const QString instance = u"Web %1._http._tcp.local"_s.arg(i);
    return response({ptr(u"_http._tcp.local"_s, instance), srv(instance, 80, host),
                     a(host, 0xA9FE0000u + quint32(i))});
}

quint32 MdnsCaptureFile::sender(int i)
{
    return 0xA9FE0001u + quint32(i % 4);
}

QByteArray MdnsCaptureFile::build(int count, bool pcapng)
{
    auto frame = [](int i) {
        return FrameBuilder::ethernet(
            kEthernetIpv4,
            FrameBuilder::udp4(sender(i), kMdnsGroup, 5353, 5353, 255, announcement(i)));
    };
    if (pcapng) {
        PcapngBuilder file;
        file.interface(quint16(kLinkTypeEthernet), "eth0");
        for (int i = 0; i < count; ++i)
            file.enhanced(0, quint64(1'700'000'000'000'000) + quint64(i) * 1000, frame(i));
        return file.bytes();
    }
    PcapBuilder file(kLinkTypeEthernet);
    for (int i = 0; i < count; ++i)
        file.record(1'700'000'000 + quint32(i / 1000), quint32(i % 1000) * 1000, frame(i));
    return file.bytes();
}

QByteArray MdnsCaptureFile::buildInterleaved(int count, QList<quint32> *numbers)
{
    constexpr quint16 kLinkTypeUser0 = 147;
    PcapngBuilder file;
    file.interface(quint16(kLinkTypeEthernet), "eth0");
    file.interface(kLinkTypeUser0, "user0");
    quint32 frames = 0;
    quint64 ticks = quint64(1'700'000'000'000'000);
    const auto add = [&](quint32 interfaceId, const QByteArray &frame) {
        file.enhanced(interfaceId, ticks += 1000, frame);
        return ++frames;
    };
    numbers->clear();
    for (int i = 0; i < count; ++i) {
        if (i % 3 == 0) // a DNS query to a unicast server: UDP, not mDNS
            add(0,
                FrameBuilder::ethernet(kEthernetIpv4, FrameBuilder::udp4(0xC0A80002u, 0xC0A80001u,
                                                                         quint16(40000 + i), 53, 64,
                                                                         QByteArray(20, '\x01'))));
        if (i % 5 == 2) // ARP
            add(0, FrameBuilder::ethernet(0x0806, QByteArray(28, '\0')));
        if (i % 7 == 4) // another link type
            add(1, QByteArray(32, '\x7f'));
        numbers->append(add(0, FrameBuilder::ethernet(
                                   kEthernetIpv4, FrameBuilder::udp4(sender(i), kMdnsGroup, 5353,
                                                                     5353, 255, announcement(i)))));
    }
    return file.bytes();
}

bool MdnsCaptureFile::write(const QString &path, const QByteArray &bytes)
{
    QFile f(path);
    return f.open(QIODevice::WriteOnly) && f.write(bytes) == bytes.size() && f.flush();
}

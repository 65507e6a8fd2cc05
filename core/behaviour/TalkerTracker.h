#pragma once

#include <QByteArray>
#include <QHash>
#include <QList>
#include <QString>

#include <array>

struct DnsMessage;

// Who talks how much: packets and bytes per source address (grouped into hosts when read, see
// BehaviourModel) and per DNS-SD service type, counted in one-second slots of the capture clock
// (packet timestamps; second 0 starts at the first packet) so the rates over the last 1, 10 and
// 60 s, the totals and the peak second can be read at any time; and repeated identical
// payloads from one address within 1 s (a loop or a reflector). A packet counts for every
// service type named in it (by a question or a record name: "_ipp._tcp" for
// "_ipp._tcp.local", "Office._ipp._tcp.local" and "_printer._sub._ipp._tcp.local"; the service
// enumeration "_services._dns-sd._udp"), once per type. Bounded: 60 slots per talker, at most
// `maxTypes` service types (packets of others are counted as untracked), a 32-entry ring of
// payload hashes per address. Why a host floods (its "cause") is not analysed here.
// Pipeline thread.
class TalkerTracker final
{
public:
    static constexpr int kSlots = 60;
    static constexpr std::array<int, 3> kWindows{1, 10, 60}; // seconds

    struct Rates
    {
        quint64 packets = 0;
        quint64 bytes = 0;
        quint64 peakPackets = 0; // the most packets in one second of the capture clock
        quint64 peakBytes = 0;
        quint64 repeats = 0; // payloads identical to one sent within the second before
        qint64 firstNs = 0;
        qint64 lastNs = 0;
        std::array<qint64, kSlots> second{}; // the capture second a slot holds (-1: none)
        std::array<quint32, kSlots> slotPackets{};
        std::array<quint64, kSlots> slotBytes{};

        Rates() { second.fill(-1); }
        void add(qint64 captureSecond, qint64 timeNs, quint64 bytes);
        // Packets and bytes in the `window` seconds ending with `nowSecond`.
        quint64 packetsIn(qint64 nowSecond, int window) const;
        quint64 bytesIn(qint64 nowSecond, int window) const;
        // Adds another talker's counts (a host's addresses together): totals and slots add,
        // the peak is the larger of the two and of the summed slots.
        void merge(const Rates &other);
    };

    explicit TalkerTracker(qsizetype maxTypes = 1024);

    // One packet at `nowNs` from the address numbered `sender` (-1: untracked).
    void add(qint64 nowNs, qsizetype sender, const QByteArray &payload, quint64 bytes,
             const DnsMessage &message);
    // Time moves on without packets (a live tick): the rates are read at `nowNs` from then on,
    // so a sender that went quiet falls to 0 packets/s over 1 s.
    void advanceTo(qint64 nowNs);
    void clear();

    // The capture second of `timeNs` (0 for the first packet's second).
    qint64 secondOf(qint64 timeNs) const;
    // The second the rates are read at: the last packet's (or advanceTo()'s).
    qint64 nowSecond() const { return secondOf(m_lastNs); }
    qint64 lastNs() const { return m_lastNs; }
    // A rate per second over `window` seconds ending now: a capture younger than the window
    // is divided by the seconds it has run (so a 5 s file reads its 10 s rate over 5 s).
    double perSecond(quint64 count, int window) const;

    const Rates &link() const { return m_link; }
    const QList<Rates> &perAddress() const { return m_perAddress; }
    const QHash<QString, Rates> &perType() const { return m_perType; }
    // Packets from addresses beyond the limit, and packets of service types beyond it.
    quint64 untrackedPackets() const { return m_untracked; }
    quint64 untrackedTypePackets() const { return m_untrackedTypePackets; }
    quint64 linkRepeats() const { return m_link.repeats; }

private:
    struct Recent
    {
        std::array<size_t, 32> hash{};
        std::array<qint64, 32> timeNs{};
        int next = 0;
        int size = 0;
    };

    qsizetype m_maxTypes;
    qint64 m_originNs = 0;
    qint64 m_lastNs = 0;
    bool m_started = false;
    Rates m_link;
    QList<Rates> m_perAddress;
    QList<Recent> m_recent;
    QHash<QString, Rates> m_perType;
    quint64 m_untracked = 0;
    quint64 m_untrackedTypePackets = 0;
};

#pragma once

#include <QStatusBar>

class CounterLabel;
class QLabel;
struct CaptureStats;

// The status bar: the state (Idle / Capturing on X (IPv4 + IPv6) / Opened FILE), packets
// received, of them over IPv4 and over IPv6 (live), kernel drops, truncated datagrams, the pool's
// hit ratio and the packets evicted from the store. Transient messages (export done, file opened,
// interface joined) use showMessage(). GUI thread.
class CaptureStatusBar final : public QStatusBar
{
    Q_OBJECT
public:
    explicit CaptureStatusBar(QWidget *parent = nullptr);

    void setState(const QString &state);
    void setPackets(quint64 packets);
    void setEvicted(quint64 evicted);
    void setStats(const CaptureStats &stats);
    void clearStats();
    // The hosts above the flood threshold ("Flooding: 169.254.0.5 (printer.local) 1,020
    // packets/s", TalkersModel::floodingText()); hidden when empty.
    void setFlooding(const QString &text);

    QString stateText() const;
    QString packetsText() const;
    QString familiesText() const;
    QString evictedText() const;
    QString floodingText() const;

private:
    template<typename Label>
    Label *addLabel(const QString &tooltip);

    QLabel *m_state;
    QLabel *m_flooding;
    CounterLabel *m_packets;
    CounterLabel *m_families;
    CounterLabel *m_drops;
    CounterLabel *m_truncated;
    CounterLabel *m_hitRatio;
    CounterLabel *m_evicted;
};

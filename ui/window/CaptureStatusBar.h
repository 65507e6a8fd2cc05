#pragma once

#include <QStatusBar>

class CounterLabel;
class QLabel;
struct CaptureStats;

// The status bar: the state (Idle / Capturing on X (IPv4 + IPv6) / Opened FILE), packets
// received, of them over IPv4 and over IPv6 (live), kernel drops, truncated datagrams, the pool's
// hit ratio and the packets evicted from the store. Transient messages (export done, file opened,
// interface joined) use showMessage(). GUI thread.
// At 1024 px (and in German) the parts do not fit with every text whole: a transient message is
// drawn elided left of the parts (the whole of it in the bar's tooltip), and the state and the
// flood warning, whose texts have no bound (a file's name, host names), take at most a share of
// the width and are elided too (the whole text in their tooltips). The counters stay whole.
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

    // What is drawn: the transient message as elided into messageRect() (empty without one),
    // and a part's text as shown (elided for the state and the flood warning).
    QString shownMessage() const;
    QRect messageRect() const;
    QString shownText(const QLabel *part) const;

protected:
    void paintEvent(QPaintEvent *event) override;
    void resizeEvent(QResizeEvent *event) override;

private:
    void updateMessageToolTip();
    void fitParts();
    template<typename Label>
    Label *addLabel(const QString &tooltip);

    class ElidingLabel;

    ElidingLabel *m_state;
    ElidingLabel *m_flooding;
    CounterLabel *m_packets;
    CounterLabel *m_families;
    CounterLabel *m_drops;
    CounterLabel *m_truncated;
    CounterLabel *m_hitRatio;
    CounterLabel *m_evicted;
    // The numbers the counters show: a counter's text is formed only when its number changes
    // (forming it allocates; most of them stay put for minutes).
    static constexpr quint64 kUnset = ~quint64(0);
    quint64 m_shownPackets = kUnset, m_shownEvicted = kUnset, m_shownV4 = kUnset,
            m_shownV6 = kUnset, m_shownDrops = kUnset, m_shownTruncated = kUnset,
            m_shownHits = kUnset; // pool hits in tenths of a percent
};

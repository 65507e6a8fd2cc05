#include "CaptureStatusBar.h"

#include "CaptureTypes.h"
#include "CounterLabel.h"

#include <QLabel>
#include <QLocale>

using namespace Qt::StringLiterals;

CaptureStatusBar::CaptureStatusBar(QWidget *parent)
    : QStatusBar(parent)
    , m_state(addLabel<QLabel>(tr("What mdnscope is doing")))
    , m_flooding(addLabel<QLabel>(tr("Hosts sending more packets per second than the flood "
                                     "threshold (Preferences)")))
    , m_packets(addLabel<CounterLabel>(
          tr("Packets received since the capture started or the file was opened")))
    , m_families(addLabel<CounterLabel>(tr("Packets received over IPv4 and over IPv6")))
    , m_drops(addLabel<CounterLabel>(
          tr("Datagrams the kernel dropped because the socket buffer was full")))
    , m_truncated(addLabel<CounterLabel>(tr("Datagrams longer than the 9000-byte receive buffer")))
    , m_hitRatio(addLabel<CounterLabel>(
          tr("Share of receive buffers taken from the pool instead of allocated")))
    , m_evicted(addLabel<CounterLabel>(
          tr("Oldest packets dropped from the list to stay within its capacity")))
{
    setObjectName(QStringLiteral("statusBar"));
    m_state->setObjectName(QStringLiteral("stateLabel"));
    m_packets->setObjectName(QStringLiteral("packetsLabel"));
    m_families->setObjectName(QStringLiteral("familiesLabel"));
    m_evicted->setObjectName(QStringLiteral("evictedLabel"));
    m_flooding->setObjectName(QStringLiteral("floodingLabel"));
    QFont bold = m_flooding->font();
    bold.setBold(true);
    m_flooding->setFont(bold);
    m_flooding->hide();
    setState(tr("Idle"));
    setPackets(0);
    setEvicted(0);
    clearStats();
}

template<typename Label>
Label *CaptureStatusBar::addLabel(const QString &tooltip)
{
    auto *label = new Label(this);
    label->setToolTip(tooltip);
    addPermanentWidget(label);
    return label;
}

void CaptureStatusBar::setState(const QString &state)
{
    m_state->setText(state);
}

void CaptureStatusBar::setPackets(quint64 packets)
{
    m_packets->setCounterText(tr("Packets: %1").arg(QLocale().toString(packets)));
}

void CaptureStatusBar::setEvicted(quint64 evicted)
{
    m_evicted->setCounterText(tr("Evicted: %1").arg(QLocale().toString(evicted)));
}

void CaptureStatusBar::setStats(const CaptureStats &s)
{
    const QLocale locale;
    //: %1, %2: packet counts
    m_families->setCounterText(tr("IPv4: %1 · IPv6: %2")
                                   .arg(locale.toString(s.family(IpFamily::V4).packets),
                                        locale.toString(s.family(IpFamily::V6).packets)));
    m_drops->setCounterText(tr("Drops: %1").arg(locale.toString(s.kernelDrops)));
    m_truncated->setCounterText(tr("Truncated: %1").arg(locale.toString(s.truncated)));
    if (s.pool.acquires > 0)
        m_hitRatio->setCounterText(
            tr("Pool hits: %1 %")
                .arg(locale.toString(100.0 * double(s.pool.hits) / double(s.pool.acquires), 'f',
                                     1)));
    else
        m_hitRatio->setCounterText(tr("Pool hits: –"));
}

void CaptureStatusBar::clearStats()
{
    // No capture yet (or a file shown): nothing counted per family, as for the pool.
    m_families->setCounterText(tr("IPv4: %1 · IPv6: %2").arg(u"–"_s, u"–"_s));
    m_drops->setCounterText(tr("Drops: %1").arg(0));
    m_truncated->setCounterText(tr("Truncated: %1").arg(0));
    m_hitRatio->setCounterText(tr("Pool hits: –"));
}

QString CaptureStatusBar::stateText() const
{
    return m_state->text();
}

QString CaptureStatusBar::packetsText() const
{
    return m_packets->text();
}

QString CaptureStatusBar::familiesText() const
{
    return m_families->text();
}

void CaptureStatusBar::setFlooding(const QString &text)
{
    m_flooding->setText(text);
    m_flooding->setVisible(!text.isEmpty());
}

QString CaptureStatusBar::floodingText() const
{
    return m_flooding->text();
}

QString CaptureStatusBar::evictedText() const
{
    return m_evicted->text();
}

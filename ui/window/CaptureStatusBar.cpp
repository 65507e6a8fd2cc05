#include "CaptureStatusBar.h"

#include "CaptureTypes.h"
#include "CounterLabel.h"

#include <QLabel>
#include <QLocale>
#include <QPaintEvent>
#include <QPainter>
#include <QStyleOption>

#include <algorithm>
#include <cmath>
#include <utility>

using namespace Qt::StringLiterals;

// A label whose text may be longer than the room it gets (CaptureStatusBar::fitParts() caps its
// width): it shrinks down to a few characters and draws its text elided; when elided, the
// tooltip starts with the whole text (then the description).
class CaptureStatusBar::ElidingLabel final : public QLabel
{
public:
    explicit ElidingLabel(QWidget *parent)
        : QLabel(parent)
    {
        setTextFormat(Qt::PlainText);
        setSizePolicy(QSizePolicy::Preferred, QSizePolicy::Preferred);
    }

    void setDescription(const QString &description)
    {
        m_description = description;
        updateToolTip();
    }
    void setWholeText(const QString &text)
    {
        setText(text);
        updateToolTip();
    }
    QString shown() const
    {
        return fontMetrics().elidedText(text(), Qt::ElideRight, contentsRect().width());
    }

    QSize minimumSizeHint() const override
    {
        QSize hint = QLabel::minimumSizeHint();
        const QMargins m = contentsMargins();
        const int few = fontMetrics().horizontalAdvance(u"Mmmmmm…"_s) + m.left() + m.right();
        hint.setWidth(std::min(hint.width(), few));
        return hint;
    }

protected:
    void paintEvent(QPaintEvent *) override
    {
        QPainter painter(this);
        painter.setPen(
            palette().color(isEnabled() ? QPalette::Active : QPalette::Disabled, foregroundRole()));
        painter.drawText(contentsRect(), Qt::AlignLeading | Qt::AlignVCenter | Qt::TextSingleLine,
                         shown());
    }
    void resizeEvent(QResizeEvent *event) override
    {
        QLabel::resizeEvent(event);
        updateToolTip();
    }

private:
    void updateToolTip()
    {
        const bool elided = !text().isEmpty() && shown() != text();
        setToolTip(elided ? text() + u"\n\n"_s + m_description : m_description);
    }

    QString m_description;
};

CaptureStatusBar::CaptureStatusBar(QWidget *parent)
    : QStatusBar(parent)
    , m_state(new ElidingLabel(this))
    , m_flooding(new ElidingLabel(this))
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
    // The state first, then the flood warning, then the counters (as added).
    m_state->setDescription(tr("What mdnscope is doing"));
    m_flooding->setDescription(
        tr("Hosts sending more packets per second than the flood threshold (Preferences)"));
    insertPermanentWidget(0, m_state);
    insertPermanentWidget(1, m_flooding);
    // The message's whole text when it is elided (see paintEvent()).
    connect(this, &QStatusBar::messageChanged, this, &CaptureStatusBar::updateMessageToolTip);
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
    m_state->setWholeText(state);
    fitParts();
}

void CaptureStatusBar::setPackets(quint64 packets)
{
    if (packets == std::exchange(m_shownPackets, packets))
        return;
    m_packets->setCounterText(tr("Packets: %1").arg(QLocale().toString(packets)));
}

void CaptureStatusBar::setEvicted(quint64 evicted)
{
    if (evicted == std::exchange(m_shownEvicted, evicted))
        return;
    m_evicted->setCounterText(tr("Evicted: %1").arg(QLocale().toString(evicted)));
}

void CaptureStatusBar::setStats(const CaptureStats &s)
{
    const QLocale locale;
    const quint64 v4 = s.family(IpFamily::V4).packets, v6 = s.family(IpFamily::V6).packets;
    if (v4 != m_shownV4 || v6 != m_shownV6) {
        m_shownV4 = v4;
        m_shownV6 = v6;
        //: %1, %2: packet counts
        m_families->setCounterText(
            tr("IPv4: %1 · IPv6: %2").arg(locale.toString(v4), locale.toString(v6)));
    }
    if (s.kernelDrops != std::exchange(m_shownDrops, s.kernelDrops))
        m_drops->setCounterText(tr("Drops: %1").arg(locale.toString(s.kernelDrops)));
    if (s.truncated != std::exchange(m_shownTruncated, s.truncated))
        m_truncated->setCounterText(tr("Truncated: %1").arg(locale.toString(s.truncated)));
    // In tenths of a percent, as shown; kUnset - 1: no receive yet.
    const quint64 hits =
        s.pool.acquires > 0
            ? quint64(std::llround(1000.0 * double(s.pool.hits) / double(s.pool.acquires)))
            : kUnset - 1;
    if (hits == std::exchange(m_shownHits, hits))
        return;
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
    m_shownV4 = m_shownV6 = m_shownDrops = m_shownTruncated = m_shownHits = kUnset;
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
    if (text == m_flooding->text() && m_flooding->isVisibleTo(this) == !text.isEmpty())
        return; // the talkers say it after every change set, mostly the same
    m_flooding->setWholeText(text);
    m_flooding->setVisible(!text.isEmpty());
    fitParts();
}

QString CaptureStatusBar::floodingText() const
{
    return m_flooding->text();
}

QString CaptureStatusBar::evictedText() const
{
    return m_evicted->text();
}

QRect CaptureStatusBar::messageRect() const
{
    // As QStatusBar lays it out: from the left up to the first part shown (right to left:
    // mirrored).
    const bool rtl = layoutDirection() == Qt::RightToLeft;
    int left = 6;
    int right = width() - 12;
    for (const QWidget *part : {static_cast<QWidget *>(m_state), static_cast<QWidget *>(m_flooding),
                                static_cast<QWidget *>(m_packets)}) {
        if (!part->isVisible())
            continue;
        if (rtl)
            left = std::max(left, part->geometry().right() + 1 + 6);
        else
            right = std::min(right, part->x() - 6);
        break;
    }
    return QRect(left, 0, std::max(0, right - left), height());
}

QString CaptureStatusBar::shownMessage() const
{
    return fontMetrics().elidedText(currentMessage(), Qt::ElideRight, messageRect().width());
}

QString CaptureStatusBar::shownText(const QLabel *part) const
{
    if (part == m_state || part == m_flooding)
        return static_cast<const ElidingLabel *>(part)->shown();
    return part->text();
}

void CaptureStatusBar::paintEvent(QPaintEvent *event)
{
    // QStatusBar::paintEvent() without its message, which it draws whole (clipped where the
    // parts begin, running into the state's text): drawn elided here.
    QPainter painter(this);
    QStyleOption option;
    option.initFrom(this);
    style()->drawPrimitive(QStyle::PE_PanelStatusBar, &option, &painter, this);
    for (const QWidget *part : findChildren<QWidget *>(Qt::FindDirectChildrenOnly)) {
        if (!qobject_cast<const QLabel *>(part) || !part->isVisible())
            continue;
        const QRect frame = part->geometry().adjusted(-2, -1, 2, 1);
        if (!event->rect().intersects(frame))
            continue;
        QStyleOption item;
        item.rect = frame;
        item.palette = palette();
        item.state = QStyle::State_None;
        style()->drawPrimitive(QStyle::PE_FrameStatusBarItem, &item, &painter, part);
    }
    updateMessageToolTip(); // the parts may have moved since the message came
    if (!currentMessage().isEmpty()) {
        painter.setPen(palette().windowText().color());
        painter.drawText(messageRect(), Qt::AlignLeading | Qt::AlignVCenter | Qt::TextSingleLine,
                         shownMessage());
    }
}

void CaptureStatusBar::resizeEvent(QResizeEvent *event)
{
    QStatusBar::resizeEvent(event);
    fitParts();
    updateMessageToolTip();
}

void CaptureStatusBar::updateMessageToolTip()
{
    const QString tip = shownMessage() != currentMessage() ? currentMessage() : QString();
    if (tip != toolTip())
        setToolTip(tip);
}

void CaptureStatusBar::fitParts()
{
    // The counters keep their width; of the rest a quarter of the bar stays for the message and
    // the state and the flood warning share what is left (each elided beyond it).
    constexpr int kGap = 8; // between parts, their frames included
    int counters = 0;
    for (const CounterLabel *counter :
         {m_packets, m_families, m_drops, m_truncated, m_hitRatio, m_evicted})
        counters += counter->isHidden() ? 0 : counter->sizeHint().width() + kGap;
    const int left = std::max(0, width() - width() / 4 - counters - 2 * kGap);
    const int each = m_flooding->isHidden() ? left : left / 2;
    for (ElidingLabel *part : {m_state, m_flooding})
        part->setMaximumWidth(std::max(part->minimumSizeHint().width(), each));
}

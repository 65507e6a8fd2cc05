#include "TimelinePanel.h"

#include "TimelineWidget.h"

#include <QEvent>
#include <QHBoxLayout>
#include <QLabel>
#include <QLocale>
#include <QPainter>
#include <QResizeEvent>
#include <QToolButton>
#include <QVBoxLayout>

namespace {
constexpr int kSwatch = 14;
constexpr int kGap = 14;
} // namespace

// --- legend --------------------------------------------------------------------------------

TimelineLegend::TimelineLegend(QWidget *parent)
    : QWidget(parent)
{
    QSizePolicy policy(QSizePolicy::Preferred, QSizePolicy::Preferred);
    policy.setHeightForWidth(true);
    setSizePolicy(policy);
}

const QList<int> &TimelineLegend::titleWidths() const
{
    if (m_titleWidths.isEmpty()) {
        const QFontMetrics fm(font());
        for (int k = 0; k < kEventKindCount; ++k)
            m_titleWidths.append(
                fm.horizontalAdvance(BehaviourEvents::kindTitle(EventKind(k), true)));
    }
    return m_titleWidths;
}

int TimelineLegend::place(int width, QList<QPoint> *places) const
{
    const QFontMetrics fm(font());
    const int lineHeight = std::max(fm.height(), kSwatch) + 4;
    const QList<int> &widths = titleWidths();
    int x = 4, y = 2;
    for (int k = 0; k < kEventKindCount; ++k) {
        const int w = kSwatch + 4 + widths.at(k);
        if (x > 4 && x + w > width - 4) {
            x = 4;
            y += lineHeight;
        }
        if (places)
            places->append(QPoint(x, y));
        x += w + kGap;
    }
    return y + lineHeight + 2;
}

int TimelineLegend::heightForWidth(int width) const
{
    return place(width, nullptr);
}

QSize TimelineLegend::sizeHint() const
{
    const int w = std::max(width(), 600);
    return {w, heightForWidth(w)};
}

QSize TimelineLegend::minimumSizeHint() const
{
    // Before the first layout its width is no measure (the height for 100 px, an entry a line,
    // held the window over 700 px high): the height for its preferred width until then.
    return {100, heightForWidth(m_laidOut ? std::max(width(), 100) : sizeHint().width())};
}

void TimelineLegend::changeEvent(QEvent *event)
{
    QWidget::changeEvent(event);
    if (event->type() == QEvent::LanguageChange || event->type() == QEvent::FontChange) {
        m_titleWidths.clear();
        updateGeometry();
    }
}

// Its minimum height is the height its entries take at its width: laid out anew when that
// changes (the layout keeps the minimum it computed before, at the first narrow width, which
// held the behaviour dock and so the window over 700 px high).
void TimelineLegend::resizeEvent(QResizeEvent *event)
{
    QWidget::resizeEvent(event);
    m_laidOut = true;
    if (heightForWidth(event->oldSize().width()) != heightForWidth(event->size().width()))
        updateGeometry();
}

void TimelineLegend::paintEvent(QPaintEvent *)
{
    QList<QPoint> places;
    place(width(), &places);
    QPainter p(this);
    const QFontMetrics fm(font());
    const int lineHeight = std::max(fm.height(), kSwatch);
    for (int k = 0; k < kEventKindCount; ++k) {
        const QPoint at = places.at(k);
        p.setRenderHint(QPainter::Antialiasing);
        TimelineWidget::drawMarkShape(
            &p, EventKind(k), QPointF(at.x() + kSwatch / 2.0, at.y() + lineHeight / 2.0), 4.5);
        p.setRenderHint(QPainter::Antialiasing, false);
        p.setPen(palette().color(QPalette::WindowText));
        p.drawText(QRect(at.x() + kSwatch + 4, at.y(), width(), lineHeight),
                   Qt::AlignLeft | Qt::AlignVCenter,
                   BehaviourEvents::kindTitle(EventKind(k), true));
    }
}

// --- panel ---------------------------------------------------------------------------------

TimelinePanel::TimelinePanel(QWidget *parent)
    : QWidget(parent)
    , m_timeline(new TimelineWidget(this))
    , m_legend(new TimelineLegend(this))
    , m_follow(new QToolButton(this))
    , m_zoomIn(new QToolButton(this))
    , m_zoomOut(new QToolButton(this))
    , m_fit(new QToolButton(this))
    , m_status(new QLabel(this))
{
    m_follow->setCheckable(true);
    m_follow->setChecked(m_timeline->isFollowing());
    m_zoomIn->setText(QStringLiteral("+"));
    m_zoomOut->setText(QStringLiteral("\u2212"));
    m_status->setTextInteractionFlags(Qt::TextSelectableByMouse);

    auto *bar = new QHBoxLayout;
    bar->setContentsMargins(0, 0, 0, 0);
    bar->addWidget(m_follow);
    bar->addWidget(m_zoomIn);
    bar->addWidget(m_zoomOut);
    bar->addWidget(m_fit);
    bar->addSpacing(8);
    bar->addWidget(m_status, 1);
    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(4, 4, 4, 4);
    layout->setSpacing(2);
    layout->addLayout(bar);
    layout->addWidget(m_legend);
    layout->addWidget(m_timeline, 1);

    connect(m_follow, &QToolButton::toggled, m_timeline, &TimelineWidget::setFollowing);
    connect(m_timeline, &TimelineWidget::followingChanged, m_follow, &QToolButton::setChecked);
    connect(m_zoomIn, &QToolButton::clicked, this,
            [this] { m_timeline->zoom(0.5, m_timeline->plotRect().center().x()); });
    connect(m_zoomOut, &QToolButton::clicked, this,
            [this] { m_timeline->zoom(2.0, m_timeline->plotRect().center().x()); });
    connect(m_fit, &QToolButton::clicked, m_timeline, &TimelineWidget::fit);
    connect(m_timeline, &TimelineWidget::packetActivated, this, &TimelinePanel::packetActivated);
    retranslate();
    updateStatus();
}

void TimelinePanel::applyChanges(const BehaviourChanges &changes)
{
    m_timeline->applyChanges(changes);
    updateStatus();
}

void TimelinePanel::applyFindings(const FindingChanges &changes)
{
    m_timeline->applyFindings(changes);
    updateStatus();
}

void TimelinePanel::clear()
{
    m_timeline->clear();
    updateStatus();
}

void TimelinePanel::changeEvent(QEvent *event)
{
    QWidget::changeEvent(event);
    if (event->type() == QEvent::LanguageChange)
        retranslate();
}

void TimelinePanel::retranslate()
{
    m_follow->setText(tr("Follow"));
    m_follow->setToolTip(tr("Keep the newest events in view (End)"));
    m_zoomIn->setToolTip(tr("Zoom in (+, or the mouse wheel over the lanes)"));
    m_zoomOut->setToolTip(tr("Zoom out (-)"));
    m_fit->setText(tr("Fit"));
    m_fit->setToolTip(tr("Show the whole capture"));
    m_timeline->setToolTip(QString());
    m_statusLanes = -1; // the status line in the new language
    updateStatus();
}

void TimelinePanel::updateStatus()
{
    const TimelineStore &store = m_timeline->store();
    const quint64 dropped = store.dropped() + store.droppedByModel();
    if (store.laneCount() == m_statusLanes && store.size() == m_statusEvents &&
        dropped == m_statusDropped)
        return; // nothing new to say (forming the text allocates; a new text lays out)
    m_statusLanes = store.laneCount();
    m_statusEvents = store.size();
    m_statusDropped = dropped;
    const QLocale locale;
    QString text = tr("%1 hosts, %2 events")
                       .arg(locale.toString(store.laneCount()), locale.toString(store.size()));
    if (dropped > 0)
        text += tr(" (%1 oldest dropped)").arg(locale.toString(dropped));
    m_status->setText(text);
}

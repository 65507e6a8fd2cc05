#include "TimelineWidget.h"

#include "BehaviourText.h"

#include <QDateTime>
#include <QHelpEvent>
#include <QKeyEvent>
#include <QLocale>
#include <QMouseEvent>
#include <QPainter>
#include <QScrollBar>
#include <QToolTip>
#include <QWheelEvent>

#include <algorithm>
#include <climits>
#include <cmath>

using namespace Qt::StringLiterals;

namespace {

constexpr int kRepaintIntervalMs = 100;
constexpr double kMinSpan = 0.001;      // 1 ms across the plot
constexpr double kMaxSpan = 14 * 86400; // two weeks
constexpr int kDragThreshold = 4;
constexpr int kHitRadius = 5;
constexpr int kSprite = 17; // pixels square, odd: the shape centred on a pixel's middle
constexpr int kDense = 2;   // marks of a kind this close (pixels) form a run
constexpr int kMaxLabelWidth = 240;
constexpr double kNsPerSecond = 1e9;

bool isFindingKind(EventKind kind)
{
    return kind == EventKind::Conflict || kind == EventKind::Finding;
}

QString clockText(qint64 ns, const char *format)
{
    return QDateTime::fromMSecsSinceEpoch(ns / 1'000'000, Qt::LocalTime)
        .toString(QLatin1StringView(format));
}

} // namespace

TimelineWidget::TimelineWidget(QWidget *parent, qsizetype capacity)
    : QWidget(parent)
    , m_store(capacity)
    , m_scroll(new QScrollBar(Qt::Vertical, this))
{
    setMouseTracking(true);
    setFocusPolicy(Qt::StrongFocus);
    setAttribute(Qt::WA_OpaquePaintEvent);
    m_scroll->hide();
    connect(m_scroll, &QScrollBar::valueChanged, this, qOverload<>(&QWidget::update));
    m_repaintTimer.setInterval(kRepaintIntervalMs);
    connect(&m_repaintTimer, &QTimer::timeout, this, &TimelineWidget::flushRepaint);
    m_repaintTimer.start();
}

QSize TimelineWidget::sizeHint() const
{
    return {720, 300};
}

QSize TimelineWidget::minimumSizeHint() const
{
    return {300, 120};
}

// --- data --------------------------------------------------------------------------------

void TimelineWidget::applyChanges(const BehaviourChanges &changes)
{
    const qsizetype lanesBefore = m_store.laneCount();
    if (!m_store.apply(changes))
        return;
    if (changes.reset || !changes.lanes.isEmpty() || m_store.laneCount() != lanesBefore)
        lanesChanged();
    if (changes.reset && !m_following)
        setFollowingInternal(true);
    markDirty();
}

void TimelineWidget::applyFindings(const FindingChanges &changes)
{
    const qsizetype lanesBefore = m_store.laneCount();
    if (!m_store.apply(changes))
        return;
    if (m_store.laneCount() != lanesBefore)
        lanesChanged();
    markDirty();
}

void TimelineWidget::clear()
{
    m_store.clear();
    m_t0 = 0;
    lanesChanged();
    setFollowingInternal(true);
    markDirty();
}

void TimelineWidget::lanesChanged()
{
    const QFontMetrics fm(font());
    int widest = fm.horizontalAdvance(tr("untracked"));
    for (qsizetype row = 0; row < m_store.laneCount(); ++row)
        widest = std::max(widest, fm.horizontalAdvance(m_store.laneLabel(row)));
    m_labelWidth = std::clamp(widest + 16, 80, kMaxLabelWidth);
    invalidateLayout();
    updateScrollBar();
}

void TimelineWidget::markDirty()
{
    m_dirty = true;
    Q_EMIT viewChanged();
}

void TimelineWidget::flushRepaint()
{
    if (m_dirty && isVisible()) {
        m_dirty = false;
        update();
    }
}

// --- geometry ----------------------------------------------------------------------------

void TimelineWidget::resizeEvent(QResizeEvent *event)
{
    QWidget::resizeEvent(event);
    invalidateLayout();
    updateScrollBar();
}

void TimelineWidget::changeEvent(QEvent *event)
{
    QWidget::changeEvent(event);
    switch (event->type()) {
    case QEvent::FontChange:
        lanesChanged();
        break;
    case QEvent::StyleChange:
    case QEvent::PaletteChange:
    case QEvent::LanguageChange:
        for (TickText &t : m_tickTexts)
            t.text.clear();
        m_axisTitle.clear();
        invalidateLayout();
        break;
    default:
        break;
    }
}

void TimelineWidget::invalidateLayout()
{
    m_layout.valid = false;
    update();
}

const TimelineWidget::Layout &TimelineWidget::layout() const
{
    if (m_layout.valid)
        return m_layout;
    const QFontMetrics fm(font());
    Layout &l = m_layout;
    l.lineHeight = fm.height();
    l.laneHeight = std::max(26, fm.height() + 10);
    l.axisHeight = 2 * fm.height() + 8;
    l.labelWidth = std::min(m_labelWidth, std::max(width() / 3, 60));
    for (int k = 0; k < kEventKindCount; ++k) {
        const auto kind = EventKind(k);
        const QColor c = kindColor(kind);
        l.bandBrushes[size_t(k)] = QBrush(c);
        // Each kind's shape drawn once, antialiased; a paint only copies it.
        const qreal dpr = devicePixelRatioF();
        QPixmap sprite(QSize(kSprite, kSprite) * dpr);
        sprite.setDevicePixelRatio(dpr);
        sprite.fill(Qt::transparent);
        QPainter sp(&sprite);
        sp.setRenderHint(QPainter::Antialiasing);
        drawMarkShape(&sp, kind, QPointF(kSprite / 2.0, kSprite / 2.0), 4.5);
        sp.end();
        l.sprites[size_t(k)] = sprite;
    }
    const QColor text = palette().color(QPalette::WindowText);
    const QColor base = palette().color(QPalette::Base);
    auto mix = [](const QColor &over, const QColor &under, double alpha) {
        return QColor::fromRgbF(float(under.redF() + (over.redF() - under.redF()) * alpha),
                                float(under.greenF() + (over.greenF() - under.greenF()) * alpha),
                                float(under.blueF() + (over.blueF() - under.blueF()) * alpha));
    };
    // Opaque colours only: translucent fills make the raster engine allocate per span.
    l.textPen = QPen(text);
    l.gridPen = QPen(mix(text, base, 0.14));
    l.separatorPen = QPen(mix(text, base, 0.30));
    l.laneBrush = QBrush(base);
    l.altLaneBrush = QBrush(mix(text, base, 0.04));
    l.labelBrush = palette().window();
    l.emptyHint = tr("No events yet: hosts appear here as they probe, announce and answer");
    l.untracked = tr("untracked");
    l.unnamed = tr("host %1");
    l.valid = true;
    return l;
}

QRect TimelineWidget::plotRect() const
{
    const Layout &l = layout();
    const int scrollWidth = m_scroll->isHidden() ? 0 : m_scroll->width();
    return QRect(l.labelWidth, 0, std::max(width() - l.labelWidth - scrollWidth - 4, 10),
                 std::max(height() - l.axisHeight, 10));
}

int TimelineWidget::laneHeight() const
{
    return layout().laneHeight;
}

int TimelineWidget::laneScroll() const
{
    return m_scroll->isHidden() ? 0 : m_scroll->value();
}

void TimelineWidget::updateScrollBar()
{
    const Layout &l = layout();
    const int plotHeight = std::max(height() - l.axisHeight, 10);
    const int total = int(m_store.laneCount()) * l.laneHeight;
    const bool needed = total > plotHeight;
    m_scroll->setRange(0, std::max(total - plotHeight, 0));
    m_scroll->setPageStep(plotHeight);
    m_scroll->setSingleStep(l.laneHeight);
    const int w = m_scroll->sizeHint().width();
    m_scroll->setGeometry(width() - w, 0, w, plotHeight);
    if (m_scroll->isHidden() == needed)
        m_scroll->setVisible(needed);
}

double TimelineWidget::nowSeconds() const
{
    return m_store.isEmpty() ? 0 : double(m_store.nowNs() - m_store.originNs()) / kNsPerSecond;
}

double TimelineWidget::followMargin() const
{
    return m_span * 0.03;
}

std::pair<double, double> TimelineWidget::visibleRange() const
{
    if (m_following) {
        const double end = std::max(nowSeconds() + followMargin(), m_span * 0.97);
        return {end - m_span, end};
    }
    return {m_t0, m_t0 + m_span};
}

double TimelineWidget::timeAtX(double x) const
{
    const QRect plot = plotRect();
    const auto [t0, t1] = visibleRange();
    return t0 + (t1 - t0) * (x - plot.left()) / std::max(plot.width(), 1);
}

double TimelineWidget::xForTime(double seconds) const
{
    const QRect plot = plotRect();
    const auto [t0, t1] = visibleRange();
    return plot.left() + (seconds - t0) / (t1 - t0) * plot.width();
}

QPoint TimelineWidget::markPosition(qsizetype row, qint64 timeNs, EventKind kind) const
{
    const Layout &l = layout();
    const QRect plot = plotRect();
    const int top = plot.top() + int(row) * l.laneHeight - laneScroll();
    const int y = isFindingKind(kind) ? top + l.laneHeight / 4 + 1 : top + l.laneHeight * 5 / 8;
    const double x = xForTime(double(timeNs - m_store.originNs()) / kNsPerSecond);
    return {int(std::floor(x)), y};
}

// --- view changes --------------------------------------------------------------------------

void TimelineWidget::clampSpan()
{
    m_span = std::clamp(m_span, kMinSpan, kMaxSpan);
}

void TimelineWidget::setFollowingInternal(bool follow)
{
    if (m_following == follow)
        return;
    if (!follow)
        m_t0 = visibleRange().first; // freeze where it is
    m_following = follow;
    Q_EMIT followingChanged(follow);
}

void TimelineWidget::setFollowing(bool follow)
{
    setFollowingInternal(follow);
    update();
    Q_EMIT viewChanged();
}

void TimelineWidget::userMovedView()
{
    // Like Wireshark's auto-scroll: the end in view follows again, anything else stops.
    const bool atEnd = m_t0 + m_span >= nowSeconds() + followMargin() * 0.5;
    if (atEnd != m_following) {
        m_following = atEnd;
        Q_EMIT followingChanged(atEnd);
    }
    update();
    Q_EMIT viewChanged();
}

void TimelineWidget::setVisibleRange(double t0, double t1)
{
    if (!(t1 > t0))
        return;
    m_t0 = t0;
    m_span = t1 - t0;
    clampSpan();
    userMovedView();
}

void TimelineWidget::zoom(double factor, int anchorX)
{
    const auto [t0, t1] = visibleRange();
    const double anchor = timeAtX(anchorX);
    const double span = std::clamp((t1 - t0) * factor, kMinSpan, kMaxSpan);
    m_t0 = anchor - (anchor - t0) * span / (t1 - t0);
    m_span = span;
    userMovedView();
}

void TimelineWidget::pan(double seconds)
{
    m_t0 = visibleRange().first + seconds;
    userMovedView();
}

void TimelineWidget::fit()
{
    const double now = nowSeconds();
    m_span = std::clamp(std::max(now, 1.0) / 0.94, kMinSpan, kMaxSpan);
    m_t0 = now + followMargin() - m_span;
    if (!m_following) {
        m_following = true;
        Q_EMIT followingChanged(true);
    }
    update();
    Q_EMIT viewChanged();
}

// --- input ---------------------------------------------------------------------------------

void TimelineWidget::wheelEvent(QWheelEvent *event)
{
    const QPoint delta = event->angleDelta();
    const QPointF pos = event->position();
    const QRect plot = plotRect();
    if (pos.x() < plot.left() || (event->modifiers() & Qt::AltModifier)) {
        // Over the labels: scroll the lanes.
        const int dy = delta.y() != 0 ? delta.y() : delta.x();
        m_scroll->setValue(m_scroll->value() - dy * layout().laneHeight / 120);
    } else if (std::abs(delta.x()) > std::abs(delta.y()) ||
               (event->modifiers() & Qt::ShiftModifier)) {
        const int d = delta.x() != 0 ? delta.x() : delta.y();
        pan(-d / 120.0 * m_span * 0.1);
    } else if (delta.y() != 0) {
        zoom(std::pow(0.8, delta.y() / 120.0), int(pos.x()));
    }
    event->accept();
}

void TimelineWidget::mousePressEvent(QMouseEvent *event)
{
    if (event->button() != Qt::LeftButton) {
        QWidget::mousePressEvent(event);
        return;
    }
    m_press = event->position().toPoint();
    m_pressT0 = visibleRange().first;
    m_pressScroll = m_scroll->value();
    m_dragged = false;
    event->accept();
}

void TimelineWidget::mouseMoveEvent(QMouseEvent *event)
{
    if (!m_press || !(event->buttons() & Qt::LeftButton)) {
        QWidget::mouseMoveEvent(event);
        return;
    }
    const QPoint d = event->position().toPoint() - *m_press;
    if (!m_dragged && d.manhattanLength() < kDragThreshold)
        return;
    if (!m_dragged)
        setCursor(Qt::ClosedHandCursor);
    m_dragged = true;
    m_t0 = m_pressT0 - d.x() * m_span / std::max(plotRect().width(), 1);
    m_scroll->setValue(m_pressScroll - d.y());
    if (d.x() != 0)
        userMovedView();
    event->accept();
}

void TimelineWidget::mouseReleaseEvent(QMouseEvent *event)
{
    if (event->button() != Qt::LeftButton || !m_press) {
        QWidget::mouseReleaseEvent(event);
        return;
    }
    const bool dragged = m_dragged;
    m_press.reset();
    m_dragged = false;
    unsetCursor();
    if (!dragged) {
        const Hit hit = markAt(event->position().toPoint());
        if (hit.valid()) {
            const quint64 packet = m_store.lane(hit.row).marks[size_t(hit.index)].packet;
            if (packet != 0)
                Q_EMIT packetActivated(packet);
        }
    }
    event->accept();
}

void TimelineWidget::keyPressEvent(QKeyEvent *event)
{
    const QRect plot = plotRect();
    switch (event->key()) {
    case Qt::Key_Left:
        pan(-m_span * 0.1);
        break;
    case Qt::Key_Right:
        pan(m_span * 0.1);
        break;
    case Qt::Key_Plus:
    case Qt::Key_Equal:
        zoom(0.8, plot.center().x());
        break;
    case Qt::Key_Minus:
        zoom(1.25, plot.center().x());
        break;
    case Qt::Key_Home:
        m_t0 = -followMargin();
        userMovedView();
        break;
    case Qt::Key_End:
        setFollowing(true);
        break;
    case Qt::Key_Up:
        m_scroll->setValue(m_scroll->value() - layout().laneHeight);
        break;
    case Qt::Key_Down:
        m_scroll->setValue(m_scroll->value() + layout().laneHeight);
        break;
    case Qt::Key_PageUp:
        m_scroll->setValue(m_scroll->value() - m_scroll->pageStep());
        break;
    case Qt::Key_PageDown:
        m_scroll->setValue(m_scroll->value() + m_scroll->pageStep());
        break;
    default:
        QWidget::keyPressEvent(event);
        return;
    }
    event->accept();
}

bool TimelineWidget::event(QEvent *event)
{
    if (event->type() == QEvent::ToolTip) {
        const auto *help = static_cast<QHelpEvent *>(event);
        const QString text = toolTipAt(help->pos());
        if (text.isEmpty()) {
            QToolTip::hideText();
            event->ignore();
        } else {
            QToolTip::showText(help->globalPos(), text, this);
        }
        return true;
    }
    return QWidget::event(event);
}

// --- lookups -------------------------------------------------------------------------------

TimelineWidget::Hit TimelineWidget::markAt(QPoint pos) const
{
    const QRect plot = plotRect();
    if (!plot.contains(pos) || m_store.isEmpty())
        return {};
    const Layout &l = layout();
    const int offset = pos.y() - plot.top() + laneScroll();
    const qsizetype row = offset / l.laneHeight;
    if (row < 0 || row >= m_store.laneCount())
        return {};
    const qint64 origin = m_store.originNs();
    auto ns = [&](double x) { return origin + qint64(std::floor(timeAtX(x) * kNsPerSecond)); };
    const auto [first, last] =
        m_store.range(row, ns(pos.x() - kHitRadius), ns(pos.x() + kHitRadius + 1));
    const auto &marks = m_store.lane(row).marks;
    Hit best;
    int bestDistance = INT_MAX;
    for (qsizetype i = first; i < last; ++i) {
        const TimelineStore::Mark &m = marks[size_t(i)];
        const QPoint at = markPosition(row, m.timeNs, m.kind);
        const int d = std::abs(at.x() - pos.x()) + std::abs(at.y() - pos.y());
        if (d <= 2 * kHitRadius + 2 && d < bestDistance) {
            bestDistance = d;
            best = {row, i};
        }
    }
    return best;
}

QString TimelineWidget::toolTipAt(QPoint pos) const
{
    return describe(markAt(pos));
}

QString TimelineWidget::describe(const Hit &hit) const
{
    if (!hit.valid())
        return {};
    const TimelineStore::Mark &m = m_store.lane(hit.row).marks[size_t(hit.index)];
    QStringList lines;
    const QString kind = BehaviourEvents::kindTitle(m.kind, true);
    const QString &name = m_store.text(m.name);
    lines.append(name.isEmpty() ? kind : tr("%1: %2").arg(kind, name));
    const double seconds = double(m.timeNs - m_store.originNs()) / kNsPerSecond;
    lines.append(
        tr("Time: %1 s (%2)")
            .arg(QLocale().toString(seconds, 'f', 6), clockText(m.timeNs, "HH:mm:ss.zzz")));
    QString host = m_store.laneLabel(hit.row);
    if (host.isEmpty())
        host = m_store.lane(hit.row).id < 0 ? tr("untracked")
                                            : tr("host %1").arg(m_store.lane(hit.row).id);
    lines.append(tr("Host: %1").arg(host));
    if (m.kind == EventKind::Probe || m.kind == EventKind::TieBreak) {
        lines.append(m.gapNs >= 0
                         ? tr("Gap to the previous probe: %1").arg(BehaviourText::latency(m.gapNs))
                         : tr("First probe for this name"));
    }
    if (m.rule >= 0 && m.rule < kRuleCount) {
        const RuleInfo &info = ConformanceRules::info(Rule(m.rule));
        lines.append(
            tr("Rule: %1 (%2)").arg(QLatin1StringView(info.id), QLatin1StringView(info.reference)));
    }
    if (const QString &detail = m_store.text(m.detail); !detail.isEmpty())
        lines.append(detail);
    lines.append(m.packet != 0 ? tr("Packet %1 (click to select it)").arg(m.packet)
                               : tr("No packet (the record's lifetime ran out)"));
    return lines.join(u'\n');
}

// --- painting ------------------------------------------------------------------------------

QColor TimelineWidget::kindColor(EventKind kind)
{
    switch (kind) {
    case EventKind::Probe:
        return QColor(0x1f, 0x77, 0xb4);
    case EventKind::TieBreak:
        return QColor(0x94, 0x67, 0xbd);
    case EventKind::Announcement:
        return QColor(0x2c, 0xa0, 0x2c);
    case EventKind::Answer:
        return QColor(0x17, 0xa8, 0xb8);
    case EventKind::Update:
        return QColor(0xa8, 0xa0, 0x10);
    case EventKind::Goodbye:
        return QColor(0x70, 0x70, 0x70);
    case EventKind::Expiry:
        return QColor(0x8c, 0x56, 0x4b);
    case EventKind::Conflict:
        return QColor(0xd6, 0x27, 0x28);
    case EventKind::Rename:
        return QColor(0xe3, 0x50, 0xb0);
    case EventKind::Finding:
        return QColor(0xff, 0x8c, 0x0e);
    }
    return Qt::black;
}

void TimelineWidget::drawMarkShape(QPainter *painter, EventKind kind, QPointF centre, qreal r)
{
    const QColor c = kindColor(kind);
    const bool outline =
        kind == EventKind::Update || kind == EventKind::Goodbye || kind == EventKind::Expiry;
    painter->setPen(outline ? QPen(c, 2) : QPen(c.darker(140), 1));
    painter->setBrush(outline ? QBrush(Qt::NoBrush) : QBrush(c));
    drawShape(painter, kind, centre, r);
}

// Primitives only, points on the stack: no allocation per mark.
// The painter's pen and brush are the caller's.
void TimelineWidget::drawShape(QPainter *p, EventKind kind, QPointF c, qreal r)
{
    const qreal x = c.x();
    const qreal y = c.y();
    switch (kind) {
    case EventKind::Probe: {
        const std::array<QPointF, 3> pts{{{x, y - r - 1}, {x - r, y + r}, {x + r, y + r}}};
        p->drawPolygon(pts.data(), int(pts.size()));
        break;
    }
    case EventKind::TieBreak: {
        const qreal d = r + 1;
        const std::array<QPointF, 4> pts{{{x, y - d}, {x + d, y}, {x, y + d}, {x - d, y}}};
        p->drawPolygon(pts.data(), int(pts.size()));
        break;
    }
    case EventKind::Announcement:
        p->drawEllipse(c, r, r);
        break;
    case EventKind::Answer:
        p->drawRect(QRectF(x - r + 0.5, y - r + 0.5, 2 * r - 1, 2 * r - 1));
        break;
    case EventKind::Update:
        p->drawEllipse(c, r - 0.5, r - 0.5);
        break;
    case EventKind::Goodbye:
        p->drawLine(QPointF(x - r, y - r), QPointF(x + r, y + r));
        p->drawLine(QPointF(x - r, y + r), QPointF(x + r, y - r));
        break;
    case EventKind::Expiry:
        p->drawRect(QRectF(x - r + 1, y - r + 1, 2 * r - 2, 2 * r - 2));
        break;
    case EventKind::Conflict: {
        std::array<QPointF, 10> pts;
        const qreal outer = r + 2;
        const qreal inner = outer * 0.45;
        for (int i = 0; i < 10; ++i) {
            const qreal a = -M_PI / 2 + i * M_PI / 5;
            const qreal rr = i % 2 == 0 ? outer : inner;
            pts[size_t(i)] = QPointF(x + rr * std::cos(a), y + rr * std::sin(a));
        }
        p->drawPolygon(pts.data(), int(pts.size()));
        break;
    }
    case EventKind::Rename:
        p->drawRect(QRectF(x - 1.5, y - r - 2, 3, 2 * r + 4));
        break;
    case EventKind::Finding: {
        const std::array<QPointF, 3> pts{{{x - r, y - r}, {x + r, y - r}, {x, y + r + 1}}};
        p->drawPolygon(pts.data(), int(pts.size()));
        break;
    }
    }
}

double TimelineWidget::tickStep(double span, double pixels)
{
    const double minStep = span * 100.0 / std::max(pixels, 1.0);
    if (minStep >= 60) {
        static constexpr std::array<double, 12> kLong{60,   120,  300,   600,   900,   1800,
                                                      3600, 7200, 10800, 21600, 43200, 86400};
        for (const double s : kLong) {
            if (s >= minStep)
                return s;
        }
        return std::ceil(minStep / 86400) * 86400;
    }
    const double magnitude = std::pow(10.0, std::floor(std::log10(minStep)));
    for (const double f : {1.0, 2.0, 5.0, 10.0}) {
        if (f * magnitude >= minStep)
            return f * magnitude;
    }
    return 10 * magnitude;
}

QString TimelineWidget::tickLabel(double seconds, double step) const
{
    if (step >= 60) {
        const auto total = qint64(std::llround(seconds));
        const qint64 s = std::abs(total);
        const QString sign = total < 0 ? u"-"_s : QString();
        if (s >= 3600)
            return u"%1%2:%3:%4"_s.arg(sign)
                .arg(s / 3600)
                .arg(s / 60 % 60, 2, 10, QLatin1Char('0'))
                .arg(s % 60, 2, 10, QLatin1Char('0'));
        return u"%1%2:%3"_s.arg(sign).arg(s / 60).arg(s % 60, 2, 10, QLatin1Char('0'));
    }
    const int decimals = std::max(0, int(std::ceil(-std::log10(step) - 1e-9)));
    return tr("%1 s").arg(QLocale().toString(seconds, 'f', decimals));
}

// The ticks' labels, formed once while they stay in view (a repaint forms none unless the
// axis moved on by a tick or was zoomed); the 48 most recent kept.
const QString &TimelineWidget::cachedTickLabel(double seconds, double step)
{
    for (const TickText &t : m_tickTexts) {
        if (t.seconds == seconds && t.step == step && !t.text.isNull())
            return t.text;
    }
    TickText &t = m_tickTexts[m_nextTickText];
    m_nextTickText = (m_nextTickText + 1) % m_tickTexts.size();
    t.seconds = seconds;
    t.step = step;
    t.text = tickLabel(seconds, step);
    return t.text;
}

void TimelineWidget::paintEvent(QPaintEvent *)
{
    ++m_paintCount;
    const Layout &l = layout();
    const QRect plot = plotRect();
    QPainter p(this);
    p.fillRect(rect(), l.labelBrush);
    p.fillRect(plot, l.laneBrush);

    const auto [t0, t1] = visibleRange();
    const double pxPerSecond = plot.width() / (t1 - t0);
    const int scroll = laneScroll();
    const qsizetype lanes = m_store.laneCount();
    const qsizetype firstRow = std::clamp<qsizetype>(scroll / l.laneHeight, 0, lanes);
    const qsizetype lastRow =
        std::clamp<qsizetype>((scroll + plot.height()) / l.laneHeight + 1, 0, lanes);
    auto laneTop = [&](qsizetype row) { return plot.top() + int(row) * l.laneHeight - scroll; };

    // Lane backgrounds and labels.
    p.setClipRect(QRect(0, plot.top(), width(), plot.height()));
    for (qsizetype row = firstRow; row < lastRow; ++row) {
        const int top = laneTop(row);
        if (row % 2 == 1)
            p.fillRect(QRect(plot.left(), top, plot.width(), l.laneHeight), l.altLaneBrush);
        const TimelineStore::Lane &lane = m_store.lane(row);
        QString label = m_store.laneLabel(row);
        if (label.isEmpty())
            label = lane.id < 0 ? l.untracked : l.unnamed.arg(lane.id);
        p.setPen(l.textPen);
        m_texts.draw(&p, QRect(6, top, plot.left() - 10, l.laneHeight), Qt::AlignLeft, label);
        // A line between hosts; none between lanes claiming the same name (they belong
        // together: a conflict over that name).
        const bool sameAsNext =
            row + 1 < lanes && !lane.hostName.isEmpty() &&
            m_store.lane(row + 1).hostName.compare(lane.hostName, Qt::CaseInsensitive) == 0;
        p.setPen(sameAsNext ? l.gridPen : l.separatorPen);
        p.drawLine(sameAsNext ? plot.left() : 0, top + l.laneHeight - 1, plot.right(),
                   top + l.laneHeight - 1);
    }
    p.setClipping(false);

    // Time axis: ticks and grid.
    const double step = tickStep(t1 - t0, plot.width());
    for (double t = std::ceil(t0 / step) * step; t <= t1; t += step) {
        const int x = plot.left() + int(std::lround((t - t0) * pxPerSecond));
        p.setPen(l.gridPen);
        p.drawLine(x, plot.top(), x, plot.bottom());
        p.drawLine(x, plot.bottom() + 1, x, plot.bottom() + 4);
        p.setPen(l.textPen);
        const QString &text = cachedTickLabel(std::abs(t) < step * 1e-6 ? 0.0 : t, step);
        m_texts.draw(&p, QRect(x - 60, plot.bottom() + 4, 120, l.lineHeight),
                     Qt::AlignHCenter | Qt::AlignTop, text);
    }
    p.setPen(l.separatorPen);
    p.drawLine(plot.left(), plot.bottom() + 1, plot.right(), plot.bottom() + 1);
    p.drawLine(plot.left() - 1, plot.top(), plot.left() - 1, plot.bottom());
    p.setPen(l.textPen);
    if (m_store.isEmpty()) {
        m_texts.draw(&p, plot, Qt::AlignCenter, l.emptyHint);
        return;
    }
    if (m_axisTitle.isNull() || m_axisTitleOrigin != m_store.originNs()) {
        m_axisTitleOrigin = m_store.originNs();
        m_axisTitle = tr("seconds since the capture start (%1)")
                          .arg(clockText(m_store.originNs(), "yyyy-MM-dd HH:mm:ss"));
    }
    const QString &axisTitle = m_axisTitle;
    m_texts.draw(&p,
                 QRect(plot.left(), plot.bottom() + 4 + l.lineHeight, plot.width(), l.lineHeight),
                 Qt::AlignHCenter | Qt::AlignTop, axisTitle);

    // Marks: visible lanes only, visible marks only (binary search), at most one mark per
    // pixel column per kind per lane. Marks of one kind closer together than kDense pixels
    // form a run, drawn as a band in the kind's colour with the shape at both ends: a dense
    // stretch costs two shapes, not one per pixel column.
    // The shapes are antialiased once, in their sprites; a paint copies them.
    p.setClipRect(plot);
    const qint64 origin = m_store.originNs();
    const double t0Ns = t0 * kNsPerSecond;
    const double pxPerNs = pxPerSecond / kNsPerSecond;
    const qreal r = kSprite / 2;
    // Sprites reach r pixels beyond their centre: take the marks just outside the edges too.
    const double reachNs = (r + 3) / pxPerNs;
    const qint64 fromNs = origin + qint64(std::floor(t0Ns - reachNs));
    const qint64 toNs = origin + qint64(std::ceil(t1 * kNsPerSecond + reachNs));
    struct Run
    {
        int from = INT_MIN;
        int to = INT_MIN;
    };
    std::array<Run, kEventKindCount> runs{};
    qreal eventY = 0;
    qreal findingY = 0;
    auto flush = [&](size_t k) {
        Run &run = runs[k];
        if (run.from == INT_MIN)
            return;
        const auto kind = EventKind(k);
        const qreal y = isFindingKind(kind) ? findingY : eventY;
        if (run.to > run.from)
            p.fillRect(QRect(run.from, int(y) - 1, run.to - run.from + 1, 3), l.bandBrushes[k]);
        const QPixmap &sprite = l.sprites[k];
        const int half = kSprite / 2;
        p.drawPixmap(QPoint(run.from - half, int(y) - half), sprite);
        if (run.to > run.from)
            p.drawPixmap(QPoint(run.to - half, int(y) - half), sprite);
        run = Run{};
    };
    for (qsizetype row = firstRow; row < lastRow; ++row) {
        const int top = laneTop(row);
        eventY = top + l.laneHeight * 5 / 8;
        findingY = top + l.laneHeight / 4 + 1;
        const auto &marks = m_store.lane(row).marks;
        const auto [first, last] = m_store.range(row, fromNs, toNs);
        for (qsizetype i = first; i < last; ++i) {
            const TimelineStore::Mark &m = marks[size_t(i)];
            const int x =
                plot.left() + int(std::floor((double(m.timeNs - origin) - t0Ns) * pxPerNs));
            const auto k = size_t(m.kind);
            Run &run = runs[k];
            if (run.from != INT_MIN && x - run.to <= kDense) {
                run.to = x;
                continue;
            }
            flush(k);
            run.from = run.to = x;
        }
        for (size_t k = 0; k < runs.size(); ++k)
            flush(k);
    }
}

#include "ChartWidget.h"

#include "ChartScale.h"

#include <QApplication>
#include <QMouseEvent>
#include <QPainter>
#include <QWheelEvent>

#include <algorithm>
#include <cmath>

using namespace Qt::StringLiterals;

namespace {

constexpr int kRepaintIntervalMs = 100;
constexpr int kMaxValueTicks = 8;
constexpr double kMinimumSpan = 0.001; // the narrowest zoom: a millisecond
// ChartWidget::label()'s kinds (a unit is added to the last two).
constexpr int kTimeLabel = 0;
constexpr int kTickLabel = 100;
constexpr int kFormatValue = 200;
const QColor kMarkerColor(0xb0, 0x50, 0x00);

} // namespace

ChartWidget::ChartWidget(const QString &title, QWidget *parent)
    : QWidget(parent)
    , m_title(title)
    , m_timeTitle(tr("time since capture start"))
    , m_emptyHint(tr("No samples yet: the charts fill while capturing"))
{
    setMouseTracking(true);
    setAttribute(Qt::WA_OpaquePaintEvent);
    m_repaintTimer.setInterval(kRepaintIntervalMs);
    connect(&m_repaintTimer, &QTimer::timeout, this, &ChartWidget::flushRepaint);
    m_repaintTimer.start();
}

void ChartWidget::setTitle(const QString &title)
{
    m_title = title;
    update();
}

void ChartWidget::setAxis(Axis axis, const QString &label, Unit unit)
{
    AxisSpec &a = axis == Axis::Left ? m_left : m_right;
    a.label = label;
    a.unit = unit;
    a.used = true;
    invalidateLayout();
    updateGeometry();
}

void ChartWidget::setTimeAxisTitle(const QString &title)
{
    m_timeTitle = title;
    invalidateLayout();
}

void ChartWidget::setEmptyHint(const QString &text)
{
    m_emptyHint = text;
    update();
}

const ChartWidget::AxisSpec &ChartWidget::spec(Axis axis) const
{
    return axis == Axis::Left ? m_left : m_right;
}

int ChartWidget::addSeries(const QString &name, const QColor &color, Axis axis, Style style)
{
    m_series.append(Series{name, color, axis, style, TimeSeries()});
    invalidateLayout();
    updateGeometry();
    return m_series.size() - 1;
}

void ChartWidget::setSeriesName(int index, const QString &name)
{
    if (index < 0 || index >= m_series.size() || m_series.at(index).name == name)
        return;
    m_series[index].name = name;
    invalidateLayout();
    updateGeometry();
}

void ChartWidget::append(int index, double t, double value)
{
    if (index < 0 || index >= m_series.size())
        return;
    m_series[index].data.append(t, value);
    m_dirty = true;
}

void ChartWidget::clear()
{
    for (Series &s : m_series)
        s.data.clear();
    m_markers.clear();
    m_seenLeftLabel = m_seenRightLabel = 0;
    invalidateLayout();
    m_dirty = true;
}

void ChartWidget::setWindowSeconds(int seconds)
{
    seconds = std::max(seconds, 1);
    if (seconds == m_windowSeconds)
        return;
    m_windowSeconds = seconds;
    m_dirty = true;
}

void ChartWidget::flushRepaint()
{
    if (m_dirty && isVisible()) {
        m_dirty = false;
        update();
    }
}

std::pair<double, double> ChartWidget::visibleRange() const
{
    if (m_limits)
        return m_view;
    double end = m_windowSeconds;
    for (const Series &s : m_series) {
        if (!s.data.isEmpty())
            end = std::max(end, s.data.last().t);
    }
    return {end - m_windowSeconds, end};
}

void ChartWidget::setFixedRange(double t0, double t1)
{
    if (!std::isfinite(t0) || !std::isfinite(t1))
        return;
    t1 = std::max(t1, t0 + kMinimumSpan);
    m_limits = std::pair{t0, t1};
    m_view = {t0, t1};
    m_dirty = true;
    update();
    Q_EMIT rangeChanged(t0, t1);
}

void ChartWidget::clearFixedRange()
{
    if (!m_limits)
        return;
    m_limits.reset();
    m_pressAt.reset();
    m_dirty = true;
    update();
}

void ChartWidget::zoomTo(double t0, double t1)
{
    if (!m_limits || !std::isfinite(t0) || !std::isfinite(t1))
        return;
    const auto [l0, l1] = *m_limits;
    double span = std::clamp(t1 - t0, kMinimumSpan, l1 - l0);
    t0 = std::clamp(t0, l0, l1 - span);
    t1 = t0 + span;
    if (t0 == m_view.first && t1 == m_view.second)
        return;
    m_view = {t0, t1};
    update();
    Q_EMIT rangeChanged(t0, t1);
}

void ChartWidget::zoomAround(double t, double factor)
{
    if (!m_limits || !(factor > 0))
        return;
    const auto [t0, t1] = m_view;
    t = std::clamp(t, t0, t1);
    zoomTo(t - (t - t0) * factor, t + (t1 - t) * factor);
}

void ChartWidget::resetZoom()
{
    if (m_limits)
        zoomTo(m_limits->first, m_limits->second);
}

bool ChartWidget::isZoomed() const
{
    return m_limits && (m_view.first > m_limits->first || m_view.second < m_limits->second);
}

void ChartWidget::addMarker(double t, const QString &label)
{
    if (!std::isfinite(t))
        return;
    if (m_markers.size() >= kMaxMarkers)
        m_markers.removeFirst();
    m_markers.append(Marker{t, label});
    m_dirty = true;
}

void ChartWidget::setOverlayText(const QString &text)
{
    if (text == m_overlay)
        return;
    m_overlay = text;
    updateGeometry(); // an overlay needs less height
    update();
}

QSize ChartWidget::sizeHint() const
{
    return {480, m_overlay.isEmpty() ? 200 : minimumSizeHint().height()};
}

// Room for the title, the legend (as it wraps at the current width), the time axis and a
// plot at least four lines high (a handful of ticks) and as high as the rotated axis titles
// are long, so they are not cut; with an overlay, the title and three lines of text.
QSize ChartWidget::minimumSizeHint() const
{
    const QFontMetrics fm(font());
    const int line = fm.height();
    if (!m_overlay.isEmpty())
        return {240, 5 * line};
    int titles = 0;
    for (const AxisSpec *a : {&m_left, &m_right}) {
        if (a->used)
            titles = std::max(titles, fm.horizontalAdvance(a->label));
    }
    const int legendRows = m_series.isEmpty() ? 0 : layout().legendRows;
    return {240, (1 + legendRows) * line + 10 + std::max(4 * line, titles + 8) + 2 * line + 6};
}

void ChartWidget::resizeEvent(QResizeEvent *event)
{
    QWidget::resizeEvent(event);
    const int legendRows = layout().legendRows;
    invalidateLayout();
    if (layout().legendRows != legendRows)
        updateGeometry(); // the legend wraps into more (or fewer) rows: a new minimum height
    if (m_limits)         // the view's detail (an IO graph's bins) may depend on the width
        Q_EMIT rangeChanged(m_view.first, m_view.second);
}

void ChartWidget::changeEvent(QEvent *event)
{
    QWidget::changeEvent(event);
    switch (event->type()) {
    case QEvent::FontChange:
    case QEvent::StyleChange:
    case QEvent::PaletteChange:
    case QEvent::LanguageChange:
    case QEvent::LocaleChange:
        invalidateLayout();
        break;
    default:
        break;
    }
}

void ChartWidget::invalidateLayout()
{
    m_layout.valid = false;
    update();
}

// Legend entries flow left to right and wrap; each reserves room for its name and a value,
// so the legend does not jump about as the values change. The margins hold the widest tick
// label seen (at least a few digits), the right one half a time label when there is no right
// axis, so the last time label is not cut off.
const ChartWidget::Layout &ChartWidget::layout() const
{
    if (m_layout.valid)
        return m_layout;
    const QFontMetrics fm(font());
    const int valueWidth =
        fm.horizontalAdvance(u' ' + ChartScale::formatValue(Unit::Bytes, 999.99 * 1024));
    m_layout.legend.clear();
    int x = 8, row = 0;
    for (const Series &s : m_series) {
        const int w = 14 + fm.horizontalAdvance(s.name) + valueWidth + 10;
        if (x > 8 && x + w > width() - 8) {
            x = 8;
            ++row;
        }
        m_layout.legend.append(QPoint(x, 4 + fm.height() + row * fm.height()));
        x += w;
    }
    const int legendRows = m_series.isEmpty() ? 0 : row + 1;
    m_layout.legendRows = legendRows;
    const int digits = fm.horizontalAdvance(u"0000"_s);
    m_layout.leftLabelWidth = std::max(digits, m_seenLeftLabel);
    m_layout.rightLabelWidth = std::max(digits, m_seenRightLabel);
    const int left = fm.height() + 8 + m_layout.leftLabelWidth;
    const int right = m_right.used ? fm.height() + 10 + m_layout.rightLabelWidth
                                   : std::max(12, fm.horizontalAdvance(u"00:00:00"_s) / 2 + 2);
    const int top = (1 + legendRows) * fm.height() + 10;
    const int bottom = 2 * fm.height() + 6;
    m_layout.plot = QRect(left, top, std::max(width() - left - right, 10),
                          std::max(height() - top - bottom, 10));
    m_layout.bold = font();
    m_layout.bold.setBold(true);
    m_layout.lineHeight = fm.height();
    m_layout.spaceWidth = fm.horizontalAdvance(u' ');
    m_layout.legendNameWidths.clear();
    m_layout.linePens.clear();
    for (const Series &s : m_series) {
        m_layout.legendNameWidths.append(fm.horizontalAdvance(s.name));
        m_layout.linePens.append(QPen(s.color, 1.6));
    }
    const QColor textColor = palette().color(QPalette::WindowText);
    const QColor base = palette().color(QPalette::Base);
    constexpr double kGridAlpha = 40 / 255.0;
    auto mix = [&](int over, int under) {
        return int(std::lround(under + (over - under) * kGridAlpha));
    };
    m_layout.textPen = QPen(textColor);
    m_layout.gridPen =
        QPen(QColor(mix(textColor.red(), base.red()), mix(textColor.green(), base.green()),
                    mix(textColor.blue(), base.blue())));
    for (int i = 0; i < 3; ++i) {
        m_layout.timeAxisTitles[i] =
            tr("%1 (%2)", "time axis title (unit)")
                .arg(m_timeTitle, ChartScale::timeUnit(i == 0 ? 0 : (i == 1 ? 60 : 3600)));
    }
    m_layout.valid = true;
    return m_layout;
}

QRect ChartWidget::plotRect() const
{
    return layout().plot;
}

double ChartWidget::timeAtX(int x) const
{
    const QRect plot = plotRect();
    const auto [t0, t1] = visibleRange();
    return t0 + (t1 - t0) * double(x - plot.left()) / std::max(plot.width(), 1);
}

int ChartWidget::xForTime(double t) const
{
    const QRect plot = plotRect();
    const auto [t0, t1] = visibleRange();
    return plot.left() + int(std::lround((t - t0) / (t1 - t0) * plot.width()));
}

// The highest value an axis shows in [t0, t1]; a step series' sample before t0 lasts into it.
ChartScale::ValueTicks ChartWidget::valueTicks(Axis axis) const
{
    const auto [t0, t1] = visibleRange();
    double highest = 0;
    for (const Series &s : m_series) {
        if (s.axis != axis)
            continue;
        const double from = s.style == Style::Steps && !s.data.isEmpty()
                                ? s.data.at(std::max<qsizetype>(s.data.lowerBound(t0) - 1, 0)).t
                                : t0;
        if (const auto r = s.data.valueRange(from, t1))
            highest = std::max(highest, r->second);
    }
    const Layout &l = layout();
    const int ticks = std::min(ChartScale::maxTicks(l.plot.height(), l.lineHeight), kMaxValueTicks);
    return ChartScale::valueTicks(spec(axis).unit, highest, ticks);
}

// The smallest round step whose labels (with the decimals that step needs) fit between the
// ticks with room to spare: at least half a label, at least 8 pixels.
double ChartWidget::timeTickStep() const
{
    const auto [t0, t1] = visibleRange();
    const Layout &l = layout();
    const double span = t1 - t0;
    const double pixelsPerSecond = l.plot.width() / std::max(span, 1e-9);
    const QList<double> &steps = ChartScale::timeSteps();
    for (const double step : steps) {
        if (span / step > l.plot.width() / 8.0)
            continue; // far too many: not worth measuring
        int w = 0;
        for (const double t : {t0, t1})
            w = std::max(w, int(std::ceil(m_texts.width(font(), label(kTimeLabel, t, step, 0)))));
        w += 2;
        if (step * pixelsPerSecond >= w + std::max(8, w / 2))
            return step;
    }
    return steps.last();
}

QString ChartWidget::formatValue(Axis axis, double value) const
{
    return label(kFormatValue + int(spec(axis).unit), value, 0, 0);
}

// Kinds of label (plus the unit where one applies).
const QString &ChartWidget::label(int kind, double a, double b, int c) const
{
    for (const Label &l : m_labels) {
        if (l.kind == kind && l.a == a && l.b == b && l.c == c)
            return l.text;
    }
    Label &l = m_labels[m_nextLabel];
    m_nextLabel = (m_nextLabel + 1) % m_labels.size(); // the oldest goes
    l.kind = kind;
    l.a = a;
    l.b = b;
    l.c = c;
    if (kind >= kFormatValue) {
        l.text = ChartScale::formatValue(Unit(kind - kFormatValue), a);
    } else if (kind >= kTickLabel) {
        ChartScale::ValueTicks ticks;
        ticks.scale = b;
        ticks.decimals = c;
        l.text = ChartScale::tickLabel(Unit(kind - kTickLabel), ticks, a);
    } else {
        l.text = ChartScale::timeLabel(a, b);
    }
    return l.text;
}

QStringList ChartWidget::valuesAt(double t) const
{
    QStringList lines;
    // Accept the sample closest to t as long as it is not absurdly far away; a step series'
    // value is the one of the bin t lies in.
    const auto [t0, t1] = visibleRange();
    const double maxDistance =
        m_limits ? (t1 - t0) / 100.0 : std::max(2.0, m_windowSeconds / 100.0);
    for (const Series &s : m_series) {
        std::optional<TimeSeries::Sample> sample;
        if (s.style == Style::Steps) {
            const qsizetype i = s.data.lowerBound(t);
            const qsizetype at = i < s.data.size() && s.data.at(i).t == t ? i : i - 1;
            if (at >= 0 && at + 1 < s.data.size())
                sample = s.data.at(at);
        } else {
            sample = s.data.nearest(t, maxDistance);
        }
        if (sample) {
            const AxisSpec &a = spec(s.axis);
            lines.append(
                u"%1: %2"_s.arg(s.name, ChartScale::valueWithUnit(a.unit, a.label, sample->v)));
        }
    }
    return lines;
}

void ChartWidget::mousePressEvent(QMouseEvent *event)
{
    if (m_limits && event->button() == Qt::LeftButton &&
        plotRect().contains(event->position().toPoint())) {
        m_pressAt = event->position().toPoint();
        m_pressView = m_view;
        m_dragged = false;
        return;
    }
    QWidget::mousePressEvent(event);
}

void ChartWidget::mouseMoveEvent(QMouseEvent *event)
{
    const QPoint at = event->position().toPoint();
    if (m_pressAt && m_limits) {
        const int dx = at.x() - m_pressAt->x();
        if (std::abs(dx) >= QApplication::startDragDistance())
            m_dragged = true;
        if (m_dragged) {
            const double span = m_pressView.second - m_pressView.first;
            const double dt = -dx * span / std::max(plotRect().width(), 1);
            zoomTo(m_pressView.first + dt, m_pressView.second + dt);
        }
    }
    m_hoverX = plotRect().contains(at) ? std::optional<int>(at.x()) : std::nullopt;
    update();
}

void ChartWidget::mouseReleaseEvent(QMouseEvent *event)
{
    if (m_pressAt && event->button() == Qt::LeftButton) {
        const bool click = !m_dragged;
        m_pressAt.reset();
        m_dragged = false;
        const QPoint at = event->position().toPoint();
        if (click && m_limits && plotRect().contains(at))
            Q_EMIT timeClicked(timeAtX(at.x()));
        return;
    }
    QWidget::mouseReleaseEvent(event);
}

void ChartWidget::mouseDoubleClickEvent(QMouseEvent *event)
{
    if (m_limits && event->button() == Qt::LeftButton) {
        resetZoom();
        return;
    }
    QWidget::mouseDoubleClickEvent(event);
}

void ChartWidget::wheelEvent(QWheelEvent *event)
{
    const QPoint at = event->position().toPoint();
    if (!m_limits || !plotRect().contains(at) || event->angleDelta().y() == 0) {
        QWidget::wheelEvent(event);
        return;
    }
    // A notch (120) zooms in to 80 % of the span around the mouse, backwards out again.
    zoomAround(timeAtX(at.x()), std::pow(0.8, event->angleDelta().y() / 120.0));
    event->accept();
}

void ChartWidget::leaveEvent(QEvent *event)
{
    QWidget::leaveEvent(event);
    m_hoverX.reset();
    update();
}

const QString &ChartWidget::tickLabel(Axis axis, const ChartScale::ValueTicks &ticks,
                                      double value) const
{
    return label(kTickLabel + int(spec(axis).unit), value, ticks.scale, ticks.decimals);
}

int ChartWidget::labelWidth(Axis axis, const ChartScale::ValueTicks &ticks) const
{
    int widest = 0;
    for (int i = 0; i <= ticks.intervals; ++i) {
        const QString &text = tickLabel(axis, ticks, ticks.step * i);
        widest = std::max(widest, int(std::ceil(m_texts.width(font(), text))));
    }
    return widest;
}

void ChartWidget::paintEvent(QPaintEvent *)
{
    ++m_paintCount;
    // The margins hold the widest tick labels: grow them first when the data needs wider ones.
    {
        const Layout &l = layout();
        if (!m_overlay.isEmpty()) {
            // nothing to measure
        } else if (const int w = labelWidth(Axis::Left, valueTicks(Axis::Left));
                   w > l.leftLabelWidth) {
            m_seenLeftLabel = w;
            m_layout.valid = false;
        }
        if (m_right.used && m_overlay.isEmpty()) {
            if (const int w = labelWidth(Axis::Right, valueTicks(Axis::Right));
                w > layout().rightLabelWidth) {
                m_seenRightLabel = w;
                m_layout.valid = false;
            }
        }
    }
    const Layout &geometry = layout();
    const QRect plot = geometry.plot;
    QPainter p(this);
    p.fillRect(rect(), palette().window());
    const int lineHeight = geometry.lineHeight;
    const auto [t0, t1] = visibleRange();
    // The mapping xForTime() does, without looking the layout and range up for every sample.
    const double xScale = plot.width() / (t1 - t0);
    auto toX = [&](double t) { return plot.left() + int(std::lround((t - t0) * xScale)); };
    auto text = [&](const QRect &r, Qt::Alignment alignment, const QString &string) {
        m_texts.draw(&p, r, alignment, string);
    };

    // Title and legend.
    p.setFont(geometry.bold);
    p.setPen(geometry.textPen);
    m_titleText.draw(&p, QRect(8, 2, width() - 16, lineHeight), Qt::AlignLeft, m_title);
    p.setFont(font());
    if (!m_overlay.isEmpty()) {
        // The chart does not apply: say why instead of showing axes without data.
        const QRect box(8, lineHeight + 6, width() - 16, height() - lineHeight - 10);
        p.setPen(geometry.gridPen);
        p.drawRect(box.adjusted(0, 0, -1, -1));
        p.setPen(geometry.textPen);
        p.drawText(box.adjusted(6, 2, -6, -2), Qt::AlignCenter | Qt::TextWordWrap, m_overlay);
        return;
    }
    p.fillRect(plot, palette().base());
    for (qsizetype i = 0; i < m_series.size(); ++i) {
        const Series &s = m_series.at(i);
        const QPoint at = geometry.legend.at(i);
        p.fillRect(QRect(at.x(), at.y() + lineHeight / 2 - 4, 10, 8), s.color);
        const QRect nameRect(at.x() + 14, at.y(), width() - at.x() - 14, lineHeight);
        text(nameRect, Qt::AlignLeft, s.name);
        if (!s.data.isEmpty() && !m_limits)
            text(nameRect.adjusted(geometry.legendNameWidths.at(i) + geometry.spaceWidth, 0, 0, 0),
                 Qt::AlignLeft, formatValue(s.axis, s.data.last().v));
    }

    auto drawAxisTitle = [&](const QString &label, int x, qreal angle) {
        const QTransform unrotated = p.transform();
        p.translate(x, plot.center().y());
        p.rotate(angle);
        text(QRect(-plot.height() / 2, -lineHeight, plot.height(), lineHeight), Qt::AlignCenter,
             label);
        p.setTransform(unrotated);
    };
    drawAxisTitle(m_left.label, lineHeight + 2, -90);
    if (m_right.used)
        drawAxisTitle(m_right.label, width() - lineHeight - 2, 90);

    // Value axes: the left one's ticks carry the grid; the right one's have their own marks
    // (their round values need not fall on the left's grid lines). The grid is opaque (its
    // colour mixed beforehand): blending translucent lines makes the raster engine hand the
    // spans to its thread pool, which allocates for every line.
    const int yRange = std::max(plot.height() - 1, 1);
    const ChartScale::ValueTicks leftTicks = valueTicks(Axis::Left);
    const ChartScale::ValueTicks rightTicks =
        m_right.used ? valueTicks(Axis::Right) : ChartScale::ValueTicks{};
    for (int i = 0; i <= leftTicks.intervals; ++i) {
        const double v = leftTicks.step * i;
        const int y = plot.bottom() - int(std::lround(v / leftTicks.top * yRange));
        p.setPen(geometry.gridPen);
        p.drawLine(plot.left(), y, plot.right(), y);
        p.setPen(geometry.textPen);
        text(QRect(0, y - lineHeight / 2, plot.left() - 6, lineHeight),
             Qt::AlignRight | Qt::AlignVCenter, tickLabel(Axis::Left, leftTicks, v));
    }
    if (m_right.used) {
        p.setPen(geometry.textPen);
        for (int i = 0; i <= rightTicks.intervals; ++i) {
            const double v = rightTicks.step * i;
            const int y = plot.bottom() - int(std::lround(v / rightTicks.top * yRange));
            p.drawLine(plot.right(), y, plot.right() + 4, y);
            text(
                QRect(plot.right() + 7, y - lineHeight / 2, width() - plot.right() - 7, lineHeight),
                Qt::AlignLeft | Qt::AlignVCenter, tickLabel(Axis::Right, rightTicks, v));
        }
    }

    // Time axis: round steps, as many as their labels fit; a label near an edge is moved
    // inside the widget rather than cut off.
    const double step = timeTickStep();
    const auto firstTick = qint64(std::ceil(t0 / step - 1e-9));
    const auto lastTick = qint64(std::floor(t1 / step + 1e-9));
    for (qint64 k = firstTick; k <= lastTick; ++k) {
        const double t = double(k) * step;
        const int x = toX(t);
        p.setPen(geometry.gridPen);
        p.drawLine(x, plot.top(), x, plot.bottom());
        p.setPen(geometry.textPen);
        const QString &label = this->label(kTimeLabel, t, step, 0);
        const int w = int(std::ceil(m_texts.width(font(), label))) + 2;
        const int left = std::clamp(x - w / 2, 0, std::max(width() - w, 0));
        text(QRect(left, plot.bottom() + 2, w, lineHeight), Qt::AlignHCenter | Qt::AlignTop, label);
    }
    const double far = std::max(std::abs(t0), std::abs(t1));
    text(QRect(plot.left(), plot.bottom() + 2 + lineHeight, plot.width(), lineHeight),
         Qt::AlignHCenter | Qt::AlignTop,
         geometry.timeAxisTitles[far < 60 ? 0 : (far < 3600 ? 1 : 2)]);
    p.setPen(geometry.textPen);
    p.drawRect(plot.adjusted(0, 0, -1, -1));

    if (std::all_of(m_series.cbegin(), m_series.cend(),
                    [](const Series &s) { return s.data.isEmpty(); })) {
        text(plot, Qt::AlignCenter, m_emptyHint);
    }

    // The bin under the mouse, in an IO graph: what a click selects.
    if (m_hoverX && m_limits) {
        const double t = timeAtX(*m_hoverX);
        for (const Series &s : m_series) {
            if (s.style != Style::Steps || s.data.size() < 2)
                continue;
            const qsizetype i = s.data.lowerBound(t);
            const qsizetype at = i < s.data.size() && s.data.at(i).t == t ? i : i - 1;
            if (at >= 0 && at + 1 < s.data.size()) {
                const int x0 = std::max(toX(s.data.at(at).t), plot.left());
                const int x1 = std::min(toX(s.data.at(at + 1).t), plot.right());
                QColor highlight = palette().color(QPalette::Highlight);
                highlight.setAlpha(60);
                p.fillRect(QRect(x0, plot.top() + 1, std::max(x1 - x0, 1), plot.height() - 2),
                           highlight);
            }
            break;
        }
    }

    // Lines.
    p.setRenderHint(QPainter::Antialiasing);
    // A value at the top of its axis (a 100 % hit ratio) lies on the frame: keep a pen's
    // width above the plot so that line stays visible.
    p.setClipRect(plot.adjusted(0, -2, 0, 0));
    for (const Series &s : m_series) {
        const double top = s.axis == Axis::Left ? leftTicks.top : rightTicks.top;
        auto toY = [&](double v) {
            return plot.bottom() - std::clamp(v / top, 0.0, 1.05) * yRange;
        };
        m_points.clear(); // keeps its capacity: no allocation once the window is full
        const qsizetype from = std::max<qsizetype>(s.data.lowerBound(t0) - 1, 0);
        for (qsizetype i = from; i < s.data.size(); ++i) {
            const TimeSeries::Sample sample = s.data.at(i);
            if (s.style == Style::Steps && !m_points.isEmpty())
                m_points.append(QPointF(toX(sample.t), m_points.last().y()));
            m_points.append(QPointF(toX(sample.t), toY(sample.v)));
            if (sample.t > t1)
                break;
        }
        p.setPen(geometry.linePens.at(&s - m_series.constData()));
        p.drawPolyline(m_points);
    }
    p.setClipping(false);
    p.setRenderHint(QPainter::Antialiasing, false);

    // Markers: a dashed line with its label at the top, inside the plot.
    for (const Marker &m : m_markers) {
        if (m.t < t0 || m.t > t1)
            continue;
        const int x = toX(m.t);
        p.setPen(QPen(kMarkerColor, 1.5, Qt::DashLine));
        p.drawLine(x, plot.top(), x, plot.bottom());
        const int w = int(std::ceil(m_texts.width(font(), m.label))) + 6;
        QRect box(x + 3, plot.top() + 2, w, lineHeight);
        if (box.right() > plot.right())
            box.moveRight(x - 3);
        box.moveLeft(std::max(box.left(), plot.left() + 1));
        p.fillRect(box, palette().base());
        p.setPen(kMarkerColor);
        text(box, Qt::AlignCenter, m.label);
    }

    // Values under the mouse.
    if (m_hoverX) {
        const QFontMetrics fm(font());
        const QColor textColor = palette().color(QPalette::WindowText);
        const double t = timeAtX(*m_hoverX);
        p.setPen(QPen(textColor, 1, Qt::DashLine));
        p.drawLine(*m_hoverX, plot.top(), *m_hoverX, plot.bottom());
        QStringList lines = valuesAt(t);
        lines.prepend(tr("t = %1 %2", "time under the mouse, unit")
                          .arg(ChartScale::timeLabel(t, step / 10), ChartScale::timeUnit(t)));
        int w = 0;
        for (const QString &l : lines)
            w = std::max(w, fm.horizontalAdvance(l));
        QRect box(*m_hoverX + 8, plot.top() + 4, w + 10, int(lines.size()) * fm.height() + 6);
        if (box.right() > plot.right())
            box.moveRight(*m_hoverX - 8);
        QColor bg = palette().color(QPalette::ToolTipBase);
        bg.setAlpha(230);
        p.fillRect(box, bg);
        p.setPen(palette().color(QPalette::ToolTipText));
        p.drawRect(box.adjusted(0, 0, -1, -1));
        for (int i = 0; i < lines.size(); ++i)
            p.drawText(box.left() + 5, box.top() + 3 + i * fm.height() + fm.ascent(), lines.at(i));
    }
}

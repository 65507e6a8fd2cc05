#include "ChartWidget.h"

#include "ChartScale.h"

#include <QMouseEvent>
#include <QPainter>

#include <algorithm>
#include <cmath>

using namespace Qt::StringLiterals;

namespace {

constexpr int kRepaintIntervalMs = 100;
constexpr int kTicks = 4;

} // namespace

ChartWidget::ChartWidget(const QString &title, QWidget *parent)
    : QWidget(parent)
    , m_title(title)
{
    setMouseTracking(true);
    setAttribute(Qt::WA_OpaquePaintEvent);
    m_repaintTimer.setInterval(kRepaintIntervalMs);
    connect(&m_repaintTimer, &QTimer::timeout, this, &ChartWidget::flushRepaint);
    m_repaintTimer.start();
}

void ChartWidget::setAxis(Axis axis, const QString &label, Unit unit)
{
    AxisSpec &a = axis == Axis::Left ? m_left : m_right;
    a.label = label;
    a.unit = unit;
    a.used = true;
    invalidateLayout();
}

const ChartWidget::AxisSpec &ChartWidget::spec(Axis axis) const
{
    return axis == Axis::Left ? m_left : m_right;
}

int ChartWidget::addSeries(const QString &name, const QColor &color, Axis axis)
{
    m_series.append(Series{name, color, axis, TimeSeries()});
    invalidateLayout();
    return m_series.size() - 1;
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
    double end = m_windowSeconds;
    for (const Series &s : m_series) {
        if (!s.data.isEmpty())
            end = std::max(end, s.data.last().t);
    }
    return {end - m_windowSeconds, end};
}

QSize ChartWidget::sizeHint() const
{
    return {480, 200};
}

QSize ChartWidget::minimumSizeHint() const
{
    return {240, 120};
}

void ChartWidget::resizeEvent(QResizeEvent *event)
{
    QWidget::resizeEvent(event);
    invalidateLayout();
}

void ChartWidget::changeEvent(QEvent *event)
{
    QWidget::changeEvent(event);
    switch (event->type()) {
    case QEvent::FontChange:
    case QEvent::StyleChange:
    case QEvent::PaletteChange:
    case QEvent::LanguageChange:
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
// so the legend does not jump about as the values change.
const ChartWidget::Layout &ChartWidget::layout() const
{
    if (m_layout.valid)
        return m_layout;
    const QFontMetrics fm(font());
    const int valueWidth = fm.horizontalAdvance(u" 000.00MB"_s);
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
    const int labelWidth = fm.horizontalAdvance(u"000.00M"_s) + 6;
    const int left = fm.height() + 4 + labelWidth;
    const int right = m_right.used ? fm.height() + 4 + labelWidth : 12;
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
    m_layout.timeAxisTitle = tr("time since capture start (s)");
    m_layout.emptyHint = tr("No samples yet: the charts fill while capturing");
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

double ChartWidget::axisMax(Axis axis, double t0, double t1) const
{
    double highest = 0;
    for (const Series &s : m_series) {
        if (s.axis != axis)
            continue;
        if (const auto r = s.data.valueRange(t0, t1))
            highest = std::max(highest, r->second);
    }
    return ChartScale::axisTop(spec(axis).unit, highest);
}

QString ChartWidget::formatValue(Axis axis, double value) const
{
    return ChartScale::formatValue(spec(axis).unit, value);
}

QStringList ChartWidget::valuesAt(double t) const
{
    QStringList lines;
    // Accept the sample closest to t as long as it is not absurdly far away.
    const double maxDistance = std::max(2.0, m_windowSeconds / 100.0);
    for (const Series &s : m_series) {
        if (const auto sample = s.data.nearest(t, maxDistance)) {
            const AxisSpec &a = spec(s.axis);
            lines.append(
                u"%1: %2"_s.arg(s.name, ChartScale::valueWithUnit(a.unit, a.label, sample->v)));
        }
    }
    return lines;
}

void ChartWidget::mouseMoveEvent(QMouseEvent *event)
{
    const int x = event->position().toPoint().x();
    m_hoverX =
        plotRect().contains(event->position().toPoint()) ? std::optional<int>(x) : std::nullopt;
    update();
}

void ChartWidget::leaveEvent(QEvent *event)
{
    QWidget::leaveEvent(event);
    m_hoverX.reset();
    update();
}

void ChartWidget::paintEvent(QPaintEvent *)
{
    ++m_paintCount;
    const Layout &geometry = layout();
    const QRect plot = geometry.plot;
    QPainter p(this);
    p.fillRect(rect(), palette().window());
    p.fillRect(plot, palette().base());
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
    for (qsizetype i = 0; i < m_series.size(); ++i) {
        const Series &s = m_series.at(i);
        const QPoint at = geometry.legend.at(i);
        p.fillRect(QRect(at.x(), at.y() + lineHeight / 2 - 4, 10, 8), s.color);
        const QRect nameRect(at.x() + 14, at.y(), width(), lineHeight);
        text(nameRect, Qt::AlignLeft, s.name);
        if (!s.data.isEmpty())
            text(nameRect.adjusted(geometry.legendNameWidths.at(i) + geometry.spaceWidth, 0, 0, 0),
                 Qt::AlignLeft, formatValue(s.axis, s.data.last().v));
    }

    // Axes, grid and tick labels. The grid is opaque (its colour mixed beforehand): blending
    // translucent lines makes the raster engine hand the spans to its thread pool, which
    // allocates for every line.
    const double leftMax = axisMax(Axis::Left, t0, t1);
    const double rightMax = m_right.used ? axisMax(Axis::Right, t0, t1) : 1;
    for (int i = 0; i <= kTicks; ++i) {
        const int y = plot.bottom() - i * plot.height() / kTicks;
        p.setPen(geometry.gridPen);
        p.drawLine(plot.left(), y, plot.right(), y);
        p.setPen(geometry.textPen);
        text(QRect(0, y - lineHeight / 2, plot.left() - 4, lineHeight),
             Qt::AlignRight | Qt::AlignVCenter, formatValue(Axis::Left, leftMax * i / kTicks));
        if (m_right.used)
            text(QRect(plot.right() + 4, y - lineHeight / 2, width(), lineHeight),
                 Qt::AlignLeft | Qt::AlignVCenter, formatValue(Axis::Right, rightMax * i / kTicks));
    }
    const double step = ChartScale::timeStep(m_windowSeconds);
    for (double t = std::ceil(t0 / step) * step; t <= t1 + 1e-9; t += step) {
        const int x = toX(t);
        p.setPen(geometry.gridPen);
        p.drawLine(x, plot.top(), x, plot.bottom());
        p.setPen(geometry.textPen);
        text(QRect(x - 40, plot.bottom() + 2, 80, lineHeight), Qt::AlignHCenter | Qt::AlignTop,
             ChartScale::timeLabel(t));
    }
    text(QRect(plot.left(), plot.bottom() + 2 + lineHeight, plot.width(), lineHeight),
         Qt::AlignHCenter | Qt::AlignTop, geometry.timeAxisTitle);
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
    p.drawRect(plot.adjusted(0, 0, -1, -1));

    if (std::all_of(m_series.cbegin(), m_series.cend(),
                    [](const Series &s) { return s.data.isEmpty(); })) {
        text(plot, Qt::AlignCenter, geometry.emptyHint);
    }

    // Lines.
    p.setRenderHint(QPainter::Antialiasing);
    // A value at the top of its axis (a 100 % hit ratio) lies on the frame: keep a pen's
    // width above the plot so that line stays visible.
    p.setClipRect(plot.adjusted(0, -2, 0, 0));
    const int yRange = std::max(plot.height() - 1, 1);
    for (const Series &s : m_series) {
        const double top = s.axis == Axis::Left ? leftMax : rightMax;
        m_points.clear(); // keeps its capacity: no allocation once the window is full
        const qsizetype from = std::max<qsizetype>(s.data.lowerBound(t0) - 1, 0);
        for (qsizetype i = from; i < s.data.size(); ++i) {
            const TimeSeries::Sample sample = s.data.at(i);
            m_points.append(QPointF(
                toX(sample.t), plot.bottom() - std::clamp(sample.v / top, 0.0, 1.05) * yRange));
        }
        p.setPen(geometry.linePens.at(&s - m_series.constData()));
        p.drawPolyline(m_points);
    }
    p.setClipping(false);
    p.setRenderHint(QPainter::Antialiasing, false);

    // Values under the mouse.
    if (m_hoverX) {
        const QFontMetrics fm(font());
        const QColor textColor = palette().color(QPalette::WindowText);
        const double t = timeAtX(*m_hoverX);
        p.setPen(QPen(textColor, 1, Qt::DashLine));
        p.drawLine(*m_hoverX, plot.top(), *m_hoverX, plot.bottom());
        QStringList lines = valuesAt(t);
        lines.prepend(tr("t = %1 s").arg(t, 0, 'f', 1));
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

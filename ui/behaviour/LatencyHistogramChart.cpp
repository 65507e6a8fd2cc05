#include "LatencyHistogramChart.h"

#include "BehaviourText.h"
#include "ChartScale.h"

#include <QMouseEvent>
#include <QPainter>

#include <algorithm>
#include <cmath>

using namespace Qt::StringLiterals;

namespace {

constexpr int kTicks = 4;
constexpr int kOutlierWidth = 10; // the bars under 0.1 ms and at 1 s and over
constexpr int kOutlierGap = 6;
constexpr int kLogBins = LatencyHistogram::kBinsPerDecade * LatencyHistogram::kDecades;
constexpr int kOverBin = LatencyHistogram::kBins - 1;

// An opaque colour `alpha` of the way from `under` to `over`: blending translucent fills makes
// the raster engine allocate (see ChartWidget).
QColor mixed(const QColor &over, const QColor &under, double alpha)
{
    auto mix = [&](int o, int u) { return int(std::lround(u + (o - u) * alpha)); };
    return QColor(mix(over.red(), under.red()), mix(over.green(), under.green()),
                  mix(over.blue(), under.blue()));
}

// The count axis' top: kTicks whole steps of 1, 2 or 5 times a power of ten, at least 4.
double countAxisTop(quint32 tallest)
{
    double step = 1;
    while (step * kTicks < tallest) {
        if (step * 2 * kTicks >= tallest)
            return 2 * step * kTicks;
        if (step * 5 * kTicks >= tallest)
            return 5 * step * kTicks;
        step *= 10;
    }
    return step * kTicks;
}

} // namespace

LatencyHistogramChart::LatencyHistogramChart(QWidget *parent)
    : QWidget(parent)
{
    setMouseTracking(true);
    setAttribute(Qt::WA_OpaquePaintEvent);
}

void LatencyHistogramChart::setStats(const LatencyTracker::Stats &stats, const QString &title)
{
    for (int k = 0; k < kKinds; ++k)
        m_histograms[size_t(k)] = stats.kinds[size_t(k)].histogram;
    m_title = title;
    update();
}

void LatencyHistogramChart::clear()
{
    m_histograms = {};
    m_hoverBin.reset();
    update();
}

quint64 LatencyHistogramChart::total() const
{
    quint64 n = 0;
    for (const LatencyHistogram &h : m_histograms)
        n += h.count();
    return n;
}

QColor LatencyHistogramChart::kindColor(Kind kind)
{
    switch (kind) {
    case Kind::Shared:
        return QColor(0x2f, 0x6f, 0xc4);
    case Kind::Unique:
        return QColor(0x2e, 0x9a, 0x4f);
    case Kind::Probe:
        return QColor(0xe0, 0x85, 0x1a);
    }
    return Qt::gray;
}

QString LatencyHistogramChart::kindName(Kind kind)
{
    switch (kind) {
    case Kind::Shared:
        return tr("shared");
    case Kind::Unique:
        return tr("unique");
    case Kind::Probe:
        return tr("probe answers");
    }
    return {};
}

QSize LatencyHistogramChart::sizeHint() const
{
    return {560, 220};
}

QSize LatencyHistogramChart::minimumSizeHint() const
{
    return {280, 110}; // with the table under it, it fits a 700 px high window
}

void LatencyHistogramChart::resizeEvent(QResizeEvent *event)
{
    QWidget::resizeEvent(event);
    invalidateLayout();
}

void LatencyHistogramChart::changeEvent(QEvent *event)
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

void LatencyHistogramChart::invalidateLayout()
{
    m_layout.valid = false;
    update();
}

const LatencyHistogramChart::Layout &LatencyHistogramChart::layout() const
{
    if (m_layout.valid)
        return m_layout;
    Layout &l = m_layout;
    const QFontMetrics fm(font());
    l.lineHeight = fm.height();
    l.bold = font();
    l.bold.setBold(true);
    // Legend: one row under the title, from the left.
    int x = 8;
    const int legendY = 4 + fm.height();
    const int countWidth = fm.horizontalAdvance(u" 000000"_s);
    for (int k = 0; k < kKinds; ++k) {
        l.kindNames[size_t(k)] = kindName(Kind(k));
        l.legendSwatch[size_t(k)] = QRect(x, legendY + fm.height() / 2 - 4, 10, 8);
        const int w = fm.horizontalAdvance(l.kindNames[size_t(k)]) + countWidth;
        l.legendText[size_t(k)] = QRect(x + 14, legendY, w, fm.height());
        l.legendNameWidths[size_t(k)] =
            fm.horizontalAdvance(l.kindNames[size_t(k)]) + fm.horizontalAdvance(u' ');
        x += 14 + w + 12;
    }
    const int labelWidth = fm.horizontalAdvance(u"00000"_s) + 6;
    const int left = fm.height() + 4 + labelWidth;
    const int right = 12;
    // Room above the plot for the title, the legend and the marks' labels.
    const int top = 3 * fm.height() + 10;
    const int bottom = 2 * fm.height() + 6;
    l.plot = QRect(left, top, std::max(width() - left - right, 4 * kOutlierWidth + 40),
                   std::max(height() - top - bottom, 10));
    const int inset = kOutlierWidth + kOutlierGap;
    l.axis = l.plot.adjusted(inset, 0, -inset, 0);
    for (int d = 0; d <= LatencyHistogram::kDecades; ++d) {
        qint64 ns = kAxisLowNs;
        for (int i = 0; i < d; ++i)
            ns *= 10;
        l.decadeLabels[size_t(d)] = BehaviourText::latencyTick(ns);
    }
    l.markLow = BehaviourText::latencyTick(kMarkLowNs);
    l.markHigh = BehaviourText::latencyTick(kMarkHighNs);
    l.axisTitle = tr("response latency (log scale)");
    l.countTitle = tr("answers");
    l.emptyHint = tr("No answers paired yet");
    const QColor text = palette().color(QPalette::WindowText);
    const QColor base = palette().color(QPalette::Base);
    l.textPen = QPen(text);
    l.gridPen = QPen(mixed(text, base, 40 / 255.0));
    l.markPen = QPen(mixed(QColor(0xc0, 0x30, 0x30), base, 0.9), 1, Qt::DashLine);
    l.bandColor = mixed(QColor(0x40, 0xa0, 0x40), base, 0.10);
    l.valid = true;
    return l;
}

QRect LatencyHistogramChart::plotRect() const
{
    return layout().plot;
}

QRect LatencyHistogramChart::axisRect() const
{
    return layout().axis;
}

double LatencyHistogramChart::xForLatency(qint64 ns) const
{
    const QRect axis = axisRect();
    const double decades = std::log10(double(std::max(ns, kAxisLowNs)) / double(kAxisLowNs));
    const double f = std::clamp(decades / LatencyHistogram::kDecades, 0.0, 1.0);
    return axis.left() + f * axis.width();
}

std::pair<double, double> LatencyHistogramChart::binSpan(int bin) const
{
    const QRect plot = plotRect();
    const QRect axis = axisRect();
    if (bin <= 0)
        return {double(plot.left()), double(plot.left() + kOutlierWidth)};
    if (bin >= kOverBin)
        return {double(plot.right() + 1 - kOutlierWidth), double(plot.right() + 1)};
    const double w = double(axis.width()) / kLogBins;
    return {axis.left() + (bin - 1) * w, axis.left() + bin * w};
}

int LatencyHistogramChart::binAt(double x) const
{
    const QRect plot = plotRect();
    const QRect axis = axisRect();
    if (x < plot.left() || x > plot.right())
        return -1;
    if (x < plot.left() + kOutlierWidth)
        return 0;
    if (x > plot.right() - kOutlierWidth)
        return kOverBin;
    if (x < axis.left() || x >= axis.left() + axis.width())
        return -1;
    const int i = 1 + int(std::floor((x - axis.left()) * kLogBins / axis.width()));
    return std::clamp(i, 1, kLogBins);
}

QStringList LatencyHistogramChart::binText(int bin) const
{
    QStringList lines;
    if (bin < 0 || bin >= LatencyHistogram::kBins)
        return lines;
    if (bin == 0)
        lines.append(tr("under %1").arg(BehaviourText::latency(kAxisLowNs)));
    else if (bin == kOverBin)
        lines.append(tr("%1 and over").arg(BehaviourText::latency(kAxisHighNs)));
    else
        lines.append(
            tr("%1 – %2").arg(BehaviourText::latency(LatencyHistogram::binLowerNs(bin)),
                              BehaviourText::latency(LatencyHistogram::binLowerNs(bin + 1))));
    for (int k = 0; k < kKinds; ++k)
        lines.append(tr("%1: %2").arg(kindName(Kind(k))).arg(count(Kind(k), bin)));
    return lines;
}

quint32 LatencyHistogramChart::tallestBin() const
{
    quint32 tallest = 0;
    for (int b = 0; b < LatencyHistogram::kBins; ++b) {
        quint32 sum = 0;
        for (const LatencyHistogram &h : m_histograms)
            sum += h.bin(b);
        tallest = std::max(tallest, sum);
    }
    return tallest;
}

void LatencyHistogramChart::mouseMoveEvent(QMouseEvent *event)
{
    const QPointF at = event->position();
    const std::optional<int> bin = plotRect().contains(at.toPoint()) && binAt(at.x()) >= 0
                                       ? std::optional(binAt(at.x()))
                                       : std::nullopt;
    if (bin != m_hoverBin) {
        m_hoverBin = bin;
        update();
    }
}

void LatencyHistogramChart::leaveEvent(QEvent *event)
{
    QWidget::leaveEvent(event);
    if (m_hoverBin) {
        m_hoverBin.reset();
        update();
    }
}

void LatencyHistogramChart::paintEvent(QPaintEvent *)
{
    ++m_paintCount;
    const Layout &l = layout();
    const QRect plot = l.plot;
    const QRect axis = l.axis;
    const int lineHeight = l.lineHeight;
    QPainter p(this);
    p.fillRect(rect(), palette().window());
    p.fillRect(plot, palette().base());
    auto text = [&](const QRect &r, Qt::Alignment alignment, const QString &string) {
        m_texts.draw(&p, r, alignment, string);
    };

    // Title and legend (with each kind's count).
    p.setFont(l.bold);
    p.setPen(l.textPen);
    m_titleText.draw(&p, QRect(8, 2, width() - 16, lineHeight), Qt::AlignLeft, m_title);
    p.setFont(font());
    for (int k = 0; k < kKinds; ++k) {
        p.fillRect(l.legendSwatch[size_t(k)], kindColor(Kind(k)));
        text(l.legendText[size_t(k)], Qt::AlignLeft, l.kindNames[size_t(k)]);
        text(l.legendText[size_t(k)].adjusted(l.legendNameWidths[size_t(k)], 0, 0, 0),
             Qt::AlignLeft, QString::number(m_histograms[size_t(k)].count()));
    }

    // The RFC 6762 §6 range (20–120 ms) shaded behind the bars.
    const int markLowX = int(std::lround(xForLatency(kMarkLowNs)));
    const int markHighX = int(std::lround(xForLatency(kMarkHighNs)));
    p.fillRect(QRect(markLowX, plot.top() + 1, markHighX - markLowX, plot.height() - 1),
               l.bandColor);

    // Count axis and grid.
    const double top = countAxisTop(tallestBin());
    for (int i = 0; i <= kTicks; ++i) {
        const int y = plot.bottom() - i * plot.height() / kTicks;
        p.setPen(l.gridPen);
        p.drawLine(plot.left(), y, plot.right(), y);
        p.setPen(l.textPen);
        text(QRect(0, y - lineHeight / 2, plot.left() - 4, lineHeight),
             Qt::AlignRight | Qt::AlignVCenter,
             ChartScale::formatValue(ChartScale::Unit::Count, top * i / kTicks));
    }
    // Decade ticks on the log axis, and the outlier bins' separators.
    qint64 decadeNs = kAxisLowNs;
    for (int d = 0; d <= LatencyHistogram::kDecades; ++d, decadeNs *= 10) {
        const int x = int(std::lround(xForLatency(decadeNs)));
        p.setPen(l.gridPen);
        p.drawLine(x, plot.top(), x, plot.bottom() + 3);
        p.setPen(l.textPen);
        text(QRect(x - 40, plot.bottom() + 2, 80, lineHeight), Qt::AlignHCenter | Qt::AlignTop,
             l.decadeLabels[size_t(d)]);
    }
    p.setPen(l.gridPen);
    p.drawLine(axis.left() - kOutlierGap / 2, plot.top(), axis.left() - kOutlierGap / 2,
               plot.bottom());
    p.drawLine(axis.right() + kOutlierGap / 2, plot.top(), axis.right() + kOutlierGap / 2,
               plot.bottom());
    p.setPen(l.textPen);
    text(QRect(plot.left(), plot.bottom() + 2 + lineHeight, plot.width(), lineHeight),
         Qt::AlignHCenter | Qt::AlignTop, l.axisTitle);
    {
        const QTransform unrotated = p.transform();
        p.translate(lineHeight + 2, plot.center().y());
        p.rotate(-90);
        text(QRect(-plot.height() / 2, -lineHeight, plot.height(), lineHeight), Qt::AlignCenter,
             l.countTitle);
        p.setTransform(unrotated);
    }

    // Bars: the kinds stacked, shared at the bottom.
    const int yRange = std::max(plot.height() - 1, 1);
    for (int b = 0; b < LatencyHistogram::kBins; ++b) {
        const auto [x0, x1] = binSpan(b);
        const int left = int(std::lround(x0));
        const int barWidth = std::max(int(std::lround(x1)) - left, 1);
        quint32 below = 0;
        for (int k = 0; k < kKinds; ++k) {
            const quint32 n = m_histograms[size_t(k)].bin(b);
            if (n == 0)
                continue;
            const int yLow = plot.bottom() - int(std::lround(below / top * yRange));
            below += n;
            const int yHigh = plot.bottom() - int(std::lround(below / top * yRange));
            p.fillRect(QRect(left, yHigh, barWidth, std::max(yLow - yHigh, 1)), kindColor(Kind(k)));
        }
        if (m_hoverBin == b && below > 0) {
            p.setPen(l.textPen);
            const int yTop = plot.bottom() - int(std::lround(below / top * yRange));
            p.drawRect(QRect(left - 1, yTop - 1, barWidth + 1, plot.bottom() - yTop + 1));
        }
    }

    // RFC 6762 §6's marks over the bars, labelled above the plot.
    p.setPen(l.markPen);
    p.drawLine(markLowX, plot.top() - 2, markLowX, plot.bottom());
    p.drawLine(markHighX, plot.top() - 2, markHighX, plot.bottom());
    p.setPen(l.textPen);
    text(QRect(markLowX - 60, plot.top() - lineHeight - 2, 120, lineHeight),
         Qt::AlignHCenter | Qt::AlignBottom, l.markLow);
    text(QRect(markHighX - 60, plot.top() - lineHeight - 2, 120, lineHeight),
         Qt::AlignHCenter | Qt::AlignBottom, l.markHigh);
    p.drawRect(plot.adjusted(0, 0, -1, -1));

    if (total() == 0)
        text(plot, Qt::AlignCenter, l.emptyHint);

    // The bin under the mouse.
    if (m_hoverBin) {
        const QFontMetrics fm(font());
        const QStringList lines = binText(*m_hoverBin);
        int w = 0;
        for (const QString &line : lines)
            w = std::max(w, fm.horizontalAdvance(line));
        const auto [x0, x1] = binSpan(*m_hoverBin);
        QRect box(int(x1) + 8, plot.top() + 4, w + 10, int(lines.size()) * fm.height() + 6);
        if (box.right() > plot.right())
            box.moveRight(int(x0) - 8);
        p.fillRect(box, palette().color(QPalette::ToolTipBase));
        p.setPen(palette().color(QPalette::ToolTipText));
        p.drawRect(box.adjusted(0, 0, -1, -1));
        for (int i = 0; i < lines.size(); ++i)
            p.drawText(box.left() + 5, box.top() + 3 + i * fm.height() + fm.ascent(), lines.at(i));
    }
}

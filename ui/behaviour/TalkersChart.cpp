#include "TalkersChart.h"

#include "ChartScale.h"

#include <QPainter>
#include <QPen>

#include <algorithm>

using namespace Qt::StringLiterals;

namespace {
constexpr std::array<QRgb, TalkersChart::kLines> kColors{0x1f77b4, 0xd62728, 0x2ca02c, 0xff7f0e,
                                                         0x9467bd};
constexpr qint64 kSecondNs = 1'000'000'000;
} // namespace

TalkersChart::TalkersChart(QWidget *parent)
    : QWidget(parent)
{
    setObjectName(u"talkersChart"_s);
    setToolTip(tr("Packets per second of the five busiest senders over the last 60 seconds"));
    m_points.reserve(kSeconds);
}

QSize TalkersChart::sizeHint() const
{
    return {480, 200};
}

QSize TalkersChart::minimumSizeHint() const
{
    return {240, 120};
}

void TalkersChart::clear()
{
    m_lines.clear();
    m_endSecond = 0;
    m_emptyLeading = kSeconds;
    m_highest = 0;
    update();
}

void TalkersChart::apply(const BehaviourChanges &changes)
{
    if (changes.reset)
        clear();
    if (!changes.hasTalkers)
        return;
    const qint64 start = changes.captureStartNs;
    m_endSecond = start > 0 && changes.nowNs >= start ? (changes.nowNs - start) / kSecondNs : 0;
    m_emptyLeading = int(std::max<qint64>(0, kSeconds - 1 - m_endSecond));
    m_lines.clear();
    double highest = 0;
    const qsizetype n = std::min<qsizetype>(kLines, changes.hostTalkers.size());
    for (qsizetype i = 0; i < n; ++i) {
        const TalkerFigures &t = changes.hostTalkers.at(i);
        if (t.rates.packets == 0)
            continue;
        Line line;
        line.label = t.hostName.isEmpty() ? t.label : t.hostName;
        line.host = t.host;
        line.color = QColor::fromRgb(kColors[size_t(i)]);
        for (int k = 0; k < kSeconds; ++k) {
            const qint64 second = m_endSecond - (kSeconds - 1) + k;
            if (second < 0)
                continue;
            const size_t slot = size_t(second % kSeconds);
            if (t.rates.second[slot] == second)
                line.values[size_t(k)] = t.rates.slotPackets[slot];
            highest = std::max(highest, line.values[size_t(k)]);
        }
        m_lines.append(std::move(line));
    }
    m_highest = highest;
    update();
}

void TalkersChart::paintEvent(QPaintEvent *)
{
    QPainter p(this);
    p.fillRect(rect(), palette().base());
    const QFontMetrics fm = fontMetrics();
    const int line = fm.height();
    // Round ticks (1-2-5 steps), as many as fit the height.
    const int plotHeight = std::max(10, height() - (line + line / 2 + 2) - line * 2);
    const ChartScale::ValueTicks ticks = ChartScale::valueTicks(
        ChartScale::Unit::Count, m_highest, std::min(ChartScale::maxTicks(plotHeight, line), 6));
    const int left =
        fm.horizontalAdvance(ChartScale::tickLabel(ChartScale::Unit::Count, ticks, ticks.top)) +
        fm.horizontalAdvance(u'0') * 2;
    const int legendWidth = [&] {
        int w = 0;
        for (const Line &l : std::as_const(m_lines))
            w = std::max(w, fm.horizontalAdvance(l.label));
        return m_lines.isEmpty() ? 0 : w + line * 2;
    }();
    // Below the axis title (a line) and half of the top tick label.
    const int top = line + line / 2 + 2;
    const QRect plot(left, top, std::max(10, width() - left - legendWidth - line),
                     std::max(10, height() - top - line * 2));
    const QPen textPen(palette().color(QPalette::Text));
    QPen grid(palette().color(QPalette::Mid));
    grid.setStyle(Qt::DotLine);

    // Value axis: round steps to the top.
    p.setPen(textPen);
    p.drawText(QRect(0, 0, width(), line), Qt::AlignLeft | Qt::AlignVCenter, tr("packets/s"));
    for (int i = 0; i <= ticks.intervals; ++i) {
        const int y = plot.bottom() - plot.height() * i / ticks.intervals;
        p.setPen(grid);
        p.drawLine(plot.left(), y, plot.right(), y);
        p.setPen(textPen);
        p.drawText(QRect(0, y - line / 2, left - 4, line), Qt::AlignRight | Qt::AlignVCenter,
                   ChartScale::tickLabel(ChartScale::Unit::Count, ticks, ticks.step * i));
    }
    // Time axis: the capture's seconds, a tick every 10 s.
    const double stepX = double(plot.width()) / (kSeconds - 1);
    for (int k = 0; k < kSeconds; ++k) {
        const qint64 second = m_endSecond - (kSeconds - 1) + k;
        if (second < 0 || second % 10 != 0)
            continue;
        const int x = plot.left() + int(k * stepX);
        p.setPen(grid);
        p.drawLine(x, plot.top(), x, plot.bottom());
        p.setPen(textPen);
        p.drawText(QRect(x - 40, plot.bottom() + 2, 80, line), Qt::AlignHCenter | Qt::AlignTop,
                   ChartScale::timeLabel(double(second)));
    }
    p.setPen(textPen);
    p.drawRect(plot);
    if (m_lines.isEmpty()) {
        p.drawText(plot, Qt::AlignCenter, tr("No packets yet"));
        return;
    }
    // The lines, then the legend beside the plot.
    p.setRenderHint(QPainter::Antialiasing, true);
    for (const Line &l : std::as_const(m_lines)) {
        m_points.clear();
        for (int k = m_emptyLeading; k < kSeconds; ++k)
            m_points.append(
                QPointF(plot.left() + k * stepX,
                        plot.bottom() - plot.height() * l.values[size_t(k)] / ticks.top));
        p.setPen(QPen(l.color, 2));
        p.drawPolyline(m_points);
    }
    p.setRenderHint(QPainter::Antialiasing, false);
    int y = plot.top();
    for (const Line &l : std::as_const(m_lines)) {
        p.fillRect(QRect(plot.right() + line / 2, y + line / 4, line / 2, line / 2), l.color);
        p.setPen(textPen);
        p.drawText(QRect(plot.right() + line + line / 4, y, legendWidth, line),
                   Qt::AlignLeft | Qt::AlignVCenter, l.label);
        y += line;
    }
}

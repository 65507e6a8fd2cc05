#pragma once

#include "LatencyHistogram.h"
#include "LatencyTracker.h"
#include "StaticTextCache.h"

#include <QColor>
#include <QFont>
#include <QPen>
#include <QString>
#include <QWidget>

#include <array>
#include <optional>

// The histogram of query -> response latencies (issue #16), painted with QPainter like the
// live charts (ChartWidget): a log time axis from 0.1 ms to 1 s with a tick per decade, the
// LatencyHistogram's 40 bins per decade as bars, the kinds (shared, unique, probe answers)
// stacked in their colours with a legend, a narrow bar left of the axis for answers under
// 0.1 ms and one right of it for 1 s and over, and RFC 6762 §6's 20 ms and 120 ms marks
// (dashed, labelled, the range between them shaded). Hovering a bar shows its range and
// counts. The histograms are copied in (fixed size), and the layout (plot area, pens, fonts,
// strings) is computed when the size, font, palette or language change, so a repaint
// allocates nothing that grows with the data. GUI thread.
class LatencyHistogramChart final : public QWidget
{
    Q_OBJECT
public:
    using Kind = LatencyTracker::Kind;
    static constexpr int kKinds = LatencyTracker::kKinds;
    static constexpr qint64 kAxisLowNs = LatencyHistogram::kLowestNs; // 0.1 ms
    static constexpr qint64 kAxisHighNs = 1'000'000'000;              // 1 s
    static constexpr qint64 kMarkLowNs = 20'000'000;                  // RFC 6762 §6
    static constexpr qint64 kMarkHighNs = 120'000'000;

    explicit LatencyHistogramChart(QWidget *parent = nullptr);

    // Shows `stats` (every kind's histogram) under `title` ("All responders", a host name).
    void setStats(const LatencyTracker::Stats &stats, const QString &title);
    void clear();

    QString title() const { return m_title; }
    quint32 count(Kind kind, int bin) const { return m_histograms[size_t(kind)].bin(bin); }
    quint64 total() const;
    static QColor kindColor(Kind kind);
    static QString kindName(Kind kind); // translated

    // The plot area and, inside it, the span of the log axis (0.1 ms .. 1 s); the bins under
    // 0.1 ms and at 1 s and over sit left and right of it.
    QRect plotRect() const;
    QRect axisRect() const;
    // Where a latency lies on the log axis (widget x), clamped to the axis.
    double xForLatency(qint64 ns) const;
    // The horizontal span a bin's bar takes (left edge inclusive, right edge exclusive).
    std::pair<double, double> binSpan(int bin) const;
    // The bin under widget x, or -1 outside the bars.
    int binAt(double x) const;
    // What hovering bin `bin` shows: its range, then "kind: count" per kind.
    QStringList binText(int bin) const;
    // The highest stacked bar (all kinds of one bin).
    quint32 tallestBin() const;

    int paintCount() const { return m_paintCount; }
    QSize sizeHint() const override;
    QSize minimumSizeHint() const override;

protected:
    void paintEvent(QPaintEvent *event) override;
    void resizeEvent(QResizeEvent *event) override;
    void changeEvent(QEvent *event) override;
    void mouseMoveEvent(QMouseEvent *event) override;
    void leaveEvent(QEvent *event) override;

private:
    struct Layout
    {
        QRect plot, axis;
        std::array<QRect, kKinds> legendSwatch;
        std::array<QRect, kKinds> legendText;
        std::array<QString, kKinds> kindNames;
        std::array<int, kKinds> legendNameWidths{};
        std::array<QString, 5> decadeLabels;
        QString markLow, markHigh, axisTitle, countTitle, emptyHint;
        QPen textPen, gridPen, markPen;
        QColor bandColor;
        QFont bold;
        int lineHeight = 0;
        bool valid = false;
    };

    const Layout &layout() const;
    void invalidateLayout();

    std::array<LatencyHistogram, kKinds> m_histograms{};
    QString m_title;
    std::optional<int> m_hoverBin;
    int m_paintCount = 0;
    mutable Layout m_layout;
    StaticTextCache m_texts{128};
    StaticTextCache m_titleText{16};
};

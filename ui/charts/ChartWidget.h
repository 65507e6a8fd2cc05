#pragma once

#include <array>

#include "ChartScale.h"
#include "StaticTextCache.h"
#include "TimeSeries.h"

#include <QColor>
#include <QFont>
#include <QList>
#include <QPen>
#include <QPolygonF>
#include <QString>
#include <QStringList>
#include <QTimer>
#include <QWidget>

#include <optional>

// A line chart painted with QPainter: a time axis over a selectable window (1, 5 or 15
// minutes) ending at the newest sample (live), or over a fixed range that the user zooms
// (wheel), pans (drag) and resets (double-click) and whose points can be clicked (a file's IO
// graph); a left and an optional right value axis with units, round ticks (1-2-5 steps, as
// many as fit the size and font, so labels never overlap), a legend with the latest values,
// the values under the mouse, markers (a vertical line with a short label: "pooling off") and
// an overlay text that replaces the plot when the chart does not apply. Appending only
// marks the chart dirty; a 100 ms timer repaints it when dirty and visible, so a chart
// repaints at most ten times a second and never when nothing changed. The layout (plot
// area, legend places) depends on the size, font and series only, so it is computed once
// when one of those changes, not per sample or per paint: the chart sits beside the
// process's allocation counts it shows and must not add to them. The axis numbers (nice
// tops, units, tick labels) come from ChartScale. GUI thread.
class ChartWidget final : public QWidget
{
    Q_OBJECT
public:
    enum class Axis { Left, Right };
    using Unit = ChartScale::Unit;

    // Line joins the samples; Steps holds each sample's value until the next one (the bins of
    // an IO graph, each sample at its bin's start).
    enum class Style { Line, Steps };

    explicit ChartWidget(const QString &title, QWidget *parent = nullptr);

    void setTitle(const QString &title);
    // Axis label, e.g. tr("packets/s"); Bytes units get KiB/MiB; Percent is 0..100.
    void setAxis(Axis axis, const QString &label, Unit unit);
    // "time since capture start": the unit the labels use is added ("(s)", "(min:s)").
    void setTimeAxisTitle(const QString &title);
    // What the empty plot says.
    void setEmptyHint(const QString &text);
    int addSeries(const QString &name, const QColor &color, Axis axis, Style style = Style::Line);
    void setSeriesName(int index, const QString &name);
    int seriesCount() const { return m_series.size(); }
    QString seriesName(int index) const { return m_series.at(index).name; }
    const TimeSeries &series(int index) const { return m_series.at(index).data; }

    void append(int index, double t, double value);
    void clear();

    void setWindowSeconds(int seconds);
    int windowSeconds() const { return m_windowSeconds; }
    // The time span shown: [end - window, end], end = newest sample (at least the window);
    // with a fixed range, the part of it zoomed to.
    std::pair<double, double> visibleRange() const;

    // A fixed time range (a file's span) instead of the live window: shown whole, zoomable
    // inside it; the chart announces rangeChanged() and clicks (timeClicked()). Cleared by
    // clearFixedRange() (back to the live window).
    void setFixedRange(double t0, double t1);
    void clearFixedRange();
    bool hasFixedRange() const { return m_limits.has_value(); }
    // Shows [t0, t1] (clamped to the fixed range, at least a millisecond); fixed range only.
    void zoomTo(double t0, double t1);
    // Zooms by `factor` (< 1 in) around time t.
    void zoomAround(double t, double factor);
    void resetZoom();
    bool isZoomed() const;

    // A vertical line at time t with a short label; at most kMaxMarkers, oldest dropped.
    static constexpr int kMaxMarkers = 64;
    struct Marker
    {
        double t = 0;
        QString label;
    };
    void addMarker(double t, const QString &label);
    const QList<Marker> &markers() const { return m_markers; }
    // Shown under the title instead of the legend, axes and lines (the chart then needs only
    // a few lines of height); empty: none.
    void setOverlayText(const QString &text);
    QString overlayText() const { return m_overlay; }

    // The ticks the axes show at the current size and data (what paint draws).
    ChartScale::ValueTicks valueTicks(Axis axis) const;
    double timeTickStep() const;

    // Position <-> time inside the plot area (widget coordinates).
    double timeAtX(int x) const;
    int xForTime(double t) const;
    // "name: value unit" for each series that has a sample near t (what the hover shows).
    QStringList valuesAt(double t) const;
    QString formatValue(Axis axis, double value) const;

    int paintCount() const { return m_paintCount; }
    QRect plotArea() const { return plotRect(); }
    bool isDirty() const { return m_dirty; }
    QSize sizeHint() const override;
    QSize minimumSizeHint() const override;

Q_SIGNALS:
    // The fixed range's visible part changed (zoom, pan, reset, setFixedRange).
    void rangeChanged(double t0, double t1);
    // A click (press and release without dragging) in the plot at time t; fixed range only.
    void timeClicked(double t);

protected:
    void paintEvent(QPaintEvent *event) override;
    void mousePressEvent(QMouseEvent *event) override;
    void mouseReleaseEvent(QMouseEvent *event) override;
    void mouseDoubleClickEvent(QMouseEvent *event) override;
    void wheelEvent(QWheelEvent *event) override;
    void resizeEvent(QResizeEvent *event) override;
    void changeEvent(QEvent *event) override;
    void mouseMoveEvent(QMouseEvent *event) override;
    void leaveEvent(QEvent *event) override;

private:
    struct Series
    {
        QString name;
        QColor color;
        Axis axis;
        Style style;
        TimeSeries data;
    };
    struct AxisSpec
    {
        QString label;
        Unit unit = Unit::Count;
        bool used = false;
    };

    // What paints need besides the samples: computed when the size, font, palette, language
    // or series change, so that a paint builds no pens, fonts or translated strings.
    struct Layout
    {
        QRect plot;
        QList<QPoint> legend; // top-left of each series' legend entry
        QList<int> legendNameWidths;
        QList<QPen> linePens;
        QPen textPen, gridPen;
        QFont bold;
        QString timeAxisTitles[3]; // seconds, minutes, hours
        int leftLabelWidth = 0, rightLabelWidth = 0;
        int legendRows = 0;
        int lineHeight = 0;
        int spaceWidth = 0;
        bool valid = false;
    };

    void flushRepaint();
    QRect plotRect() const;
    const Layout &layout() const;
    void invalidateLayout();
    const AxisSpec &spec(Axis axis) const;

    int labelWidth(Axis axis, const ChartScale::ValueTicks &ticks) const;

    QString m_title;
    QString m_timeTitle;
    QString m_emptyHint;
    QString m_overlay;
    QList<Series> m_series;
    QList<Marker> m_markers;
    std::optional<std::pair<double, double>> m_limits; // fixed range
    std::pair<double, double> m_view{0, 1};            // its visible part
    std::optional<QPoint> m_pressAt;
    std::pair<double, double> m_pressView{0, 1};
    bool m_dragged = false;
    // Widest tick labels seen since the layout was made: the margins grow to them (never
    // shrink while the data stays), so labels are not clipped and the plot does not jump.
    mutable int m_seenLeftLabel = 0, m_seenRightLabel = 0;
    AxisSpec m_left, m_right;
    int m_windowSeconds = 60;
    std::optional<int> m_hoverX;
    bool m_dirty = false;
    int m_paintCount = 0;
    QTimer m_repaintTimer;
    mutable Layout m_layout;
    QPolygonF m_points;                   // one series' points, reused by every paint
    mutable StaticTextCache m_texts{256}; // in font(); measuring lays out too
    // The labels formed for the ticks and the legend's values, by what they depend on: a
    // repaint forms only those it has not formed lately (the time axis moves on by a tick
    // now and then, the values change at each sample), so most repaints form none.
    struct Label
    {
        int kind = -1; // -1: unused
        double a = 0, b = 0;
        int c = 0;
        QString text;
    };
    const QString &label(int kind, double a, double b, int c) const;
    const QString &tickLabel(Axis axis, const ChartScale::ValueTicks &ticks, double value) const;
    mutable std::array<Label, 96> m_labels;
    mutable size_t m_nextLabel = 0;
    StaticTextCache m_titleText{16}; // in the bold title font
};

#pragma once

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

// A live line chart painted with QPainter: a time axis over a selectable window (1, 5 or
// 15 minutes) ending at the newest sample, a left and an optional right value axis with
// units, a legend with the latest values, and the values under the mouse. Appending only
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

    explicit ChartWidget(const QString &title, QWidget *parent = nullptr);

    // Axis label, e.g. tr("packets/s"); Bytes units get k/M/G prefixes; Percent is 0..100.
    void setAxis(Axis axis, const QString &label, Unit unit);
    int addSeries(const QString &name, const QColor &color, Axis axis);
    int seriesCount() const { return m_series.size(); }
    QString seriesName(int index) const { return m_series.at(index).name; }
    const TimeSeries &series(int index) const { return m_series.at(index).data; }

    void append(int index, double t, double value);
    void clear();

    void setWindowSeconds(int seconds);
    int windowSeconds() const { return m_windowSeconds; }
    // The time span shown: [end - window, end], end = newest sample (at least the window).
    std::pair<double, double> visibleRange() const;

    // Position <-> time inside the plot area (widget coordinates).
    double timeAtX(int x) const;
    int xForTime(double t) const;
    // "name: value unit" for each series that has a sample near t (what the hover shows).
    QStringList valuesAt(double t) const;
    QString formatValue(Axis axis, double value) const;

    int paintCount() const { return m_paintCount; }
    bool isDirty() const { return m_dirty; }
    QSize sizeHint() const override;
    QSize minimumSizeHint() const override;

protected:
    void paintEvent(QPaintEvent *event) override;
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
        QString timeAxisTitle, emptyHint;
        int lineHeight = 0;
        int spaceWidth = 0;
        bool valid = false;
    };

    void flushRepaint();
    QRect plotRect() const;
    const Layout &layout() const;
    void invalidateLayout();
    double axisMax(Axis axis, double t0, double t1) const;
    const AxisSpec &spec(Axis axis) const;

    QString m_title;
    QList<Series> m_series;
    AxisSpec m_left, m_right;
    int m_windowSeconds = 60;
    std::optional<int> m_hoverX;
    bool m_dirty = false;
    int m_paintCount = 0;
    QTimer m_repaintTimer;
    mutable Layout m_layout;
    QPolygonF m_points;              // one series' points, reused by every paint
    StaticTextCache m_texts{256};    // in font()
    StaticTextCache m_titleText{16}; // in the bold title font
};

#pragma once

#include "StaticTextCache.h"
#include "TimelineStore.h"

#include <QBrush>
#include <QColor>
#include <QFont>
#include <QPen>
#include <QPixmap>
#include <QString>
#include <QTimer>
#include <QWidget>

#include <array>
#include <optional>

class QScrollBar;

// The timeline of issue #16 §2, painted with QPainter: one lane per host (its label in a
// column at the left), time on the x axis in seconds since the capture start, one mark per
// event in a shape and colour of its kind (legend: TimelineLegend). The wheel zooms around
// the cursor (over the labels it scrolls the lanes; a horizontal wheel or Shift pans);
// dragging pans; the keys pan (Left/Right), zoom (+/-), scroll (Up/Down, PgUp/PgDn), Home
// goes to the start, End follows again. The view follows the live time (its right edge at
// the newest event) until the user pans or zooms away from the end, and follows again when
// the user brings the end back into view. Clicking a mark emits packetActivated; hovering
// one shows what it is. A paint draws the visible lanes only, finds the visible marks by
// binary search, draws at most one mark per pixel column per kind per lane (a dense run of one
// kind as a band between two marks) and allocates nothing per mark. Changes only mark the view
// dirty; a 100 ms timer repaints. GUI thread.
class TimelineWidget final : public QWidget
{
    Q_OBJECT
public:
    explicit TimelineWidget(QWidget *parent = nullptr,
                            qsizetype capacity = TimelineStore::kDefaultCapacity);

    void applyChanges(const BehaviourChanges &changes);
    void applyFindings(const FindingChanges &changes);
    void clear();
    const TimelineStore &store() const { return m_store; }

    // The time shown, in seconds since the store's origin: [t0, t1].
    std::pair<double, double> visibleRange() const;
    void setVisibleRange(double t0, double t1); // leaves following unless it reaches the end
    bool isFollowing() const { return m_following; }
    void setFollowing(bool follow);
    void zoom(double factor, int anchorX); // factor < 1 zooms in; keeps the time at anchorX
    void pan(double seconds);
    void fit(); // everything from the first mark to now, following

    // The plot (marks) area, and the mapping between x and seconds inside it.
    QRect plotRect() const;
    double timeAtX(double x) const;
    double xForTime(double seconds) const;
    // The centre of lane `row`'s marks of `kind` (widget coordinates), for tests.
    QPoint markPosition(qsizetype row, qint64 timeNs, EventKind kind) const;
    int laneHeight() const;
    int laneScroll() const;

    struct Hit
    {
        qsizetype row = -1;
        qsizetype index = -1; // into the lane's marks
        bool valid() const { return row >= 0 && index >= 0; }
    };
    Hit markAt(QPoint pos) const;
    QString toolTipAt(QPoint pos) const;
    QString describe(const Hit &hit) const;

    // Shape and colour of a kind, shared with the legend: centred at `centre`, radius r.
    static QColor kindColor(EventKind kind);
    static void drawMarkShape(QPainter *painter, EventKind kind, QPointF centre, qreal r);

    int paintCount() const { return m_paintCount; }
    QSize sizeHint() const override;
    QSize minimumSizeHint() const override;

Q_SIGNALS:
    void packetActivated(quint64 number);
    void followingChanged(bool following);
    void viewChanged();

protected:
    bool event(QEvent *event) override;
    void paintEvent(QPaintEvent *event) override;
    void resizeEvent(QResizeEvent *event) override;
    void changeEvent(QEvent *event) override;
    void wheelEvent(QWheelEvent *event) override;
    void mousePressEvent(QMouseEvent *event) override;
    void mouseMoveEvent(QMouseEvent *event) override;
    void mouseReleaseEvent(QMouseEvent *event) override;
    void keyPressEvent(QKeyEvent *event) override;

private:
    struct Layout
    {
        int labelWidth = 120;
        int axisHeight = 0;
        int laneHeight = 26;
        int lineHeight = 0;
        std::array<QBrush, kEventKindCount> bandBrushes; // a run of dense marks
        std::array<QPixmap, kEventKindCount> sprites;    // each kind's shape, drawn once
        QPen textPen, gridPen, separatorPen;
        QBrush laneBrush, altLaneBrush, labelBrush;
        QString emptyHint, untracked, unnamed;
        bool valid = false;
    };

    const Layout &layout() const;
    void invalidateLayout();
    void lanesChanged();
    void updateScrollBar();
    double nowSeconds() const;
    double followMargin() const;
    void clampSpan();
    void userMovedView(); // follows again when the end is in view; else leaves following
    void setFollowingInternal(bool follow);
    void markDirty();
    void flushRepaint();
    QString tickLabel(double seconds, double step) const;
    static double tickStep(double span, double pixels);
    static void drawShape(QPainter *painter, EventKind kind, QPointF centre, qreal r);

    TimelineStore m_store;
    double m_t0 = 0;
    double m_span = 60;
    bool m_following = true;
    int m_labelWidth = 120; // from the lane labels, capped
    QScrollBar *m_scroll = nullptr;
    std::optional<QPoint> m_press;
    double m_pressT0 = 0;
    int m_pressScroll = 0;
    bool m_dragged = false;
    bool m_dirty = false;
    int m_paintCount = 0;
    QTimer m_repaintTimer;
    mutable Layout m_layout;
    StaticTextCache m_texts{512};
    struct TickText
    {
        double seconds = 0, step = 0;
        QString text; // null: unused
    };
    const QString &cachedTickLabel(double seconds, double step);
    std::array<TickText, 48> m_tickTexts;
    size_t m_nextTickText = 0;
    QString m_axisTitle; // for m_axisTitleOrigin
    qint64 m_axisTitleOrigin = 0;
};

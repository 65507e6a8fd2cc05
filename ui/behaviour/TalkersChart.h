#pragma once

#include "BehaviourTypes.h"
#include "TalkerTracker.h"

#include <QColor>
#include <QList>
#include <QPolygonF>
#include <QString>
#include <QWidget>

#include <array>

// The top five senders' packets per second over the last 60 s, one line each with a legend,
// painted with QPainter. Drawn from the talkers' one-second slots (TalkerTracker::Rates): the
// count of each second is that second's rate, the same for a live capture (redrawn with every
// change, the window ending at the model's time, so a sender that stops falls to zero) and
// for a file (the last 60 s of the file). The lines are computed when changes are applied;
// a paint only maps them to pixels into one reused polygon. GUI thread.
class TalkersChart final : public QWidget
{
    Q_OBJECT
public:
    static constexpr int kLines = 5;
    static constexpr int kSeconds = TalkerTracker::kSlots;

    struct Line
    {
        QString label; // the host name, else its first address
        qint32 host = -1;
        QColor color;
        std::array<double, kSeconds> values{}; // packets/s, oldest first; the last is "now"
    };

    explicit TalkersChart(QWidget *parent = nullptr);

    void apply(const BehaviourChanges &changes);
    void clear();

    const QList<Line> &lines() const { return m_lines; }
    // The capture second the last value belongs to (seconds since the first packet).
    qint64 endSecond() const { return m_endSecond; }
    // How many leading values lie before the capture began (not drawn).
    int emptyLeading() const { return m_emptyLeading; }

    QSize sizeHint() const override;
    QSize minimumSizeHint() const override;

protected:
    void paintEvent(QPaintEvent *event) override;

private:
    QList<Line> m_lines;
    qint64 m_endSecond = 0;
    int m_emptyLeading = kSeconds;
    double m_highest = 0; // the highest value shown
    QPolygonF m_points;   // one line's points, reused by every paint
};

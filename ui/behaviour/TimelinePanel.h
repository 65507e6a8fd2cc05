#pragma once

#include "BehaviourTypes.h"
#include "ConformanceTypes.h"

#include <QWidget>

class QLabel;
class QToolButton;
class TimelineWidget;

// The timeline's legend: one entry per event kind, its shape and colour and its name,
// flowing over as many rows as the width needs. GUI thread.
class TimelineLegend final : public QWidget
{
    Q_OBJECT
public:
    explicit TimelineLegend(QWidget *parent = nullptr);
    bool hasHeightForWidth() const override { return true; }
    int heightForWidth(int width) const override;
    QSize sizeHint() const override;
    QSize minimumSizeHint() const override;

protected:
    void paintEvent(QPaintEvent *event) override;
    void changeEvent(QEvent *event) override;
    void resizeEvent(QResizeEvent *event) override;

private:
    // Top-left of each entry for `width`; returns the height used.
    int place(int width, QList<QPoint> *places) const;
    // The width of each kind's title, measured once (again when the font or language
    // changes): the layout asks for the height at a width whenever anything in the panel
    // changes, and shaping the titles anew allocated every time.
    const QList<int> &titleWidths() const;

    bool m_laidOut = false; // resized by its layout at least once
    mutable QList<int> m_titleWidths;
};

// The timeline with its controls (issue #16 §2): a Follow toggle, zoom in / out, Fit, the
// count of marks (and of those dropped), the legend, and the TimelineWidget. Fed with the
// behaviour model's and the checker's changes; clicking a mark emits packetActivated with
// its packet number (the window selects that packet). GUI thread.
class TimelinePanel final : public QWidget
{
    Q_OBJECT
public:
    explicit TimelinePanel(QWidget *parent = nullptr);

    void applyChanges(const BehaviourChanges &changes);
    void applyFindings(const FindingChanges &changes);
    void clear();

    TimelineWidget *timeline() const { return m_timeline; }
    QToolButton *followButton() const { return m_follow; }

Q_SIGNALS:
    void packetActivated(quint64 number);

protected:
    void changeEvent(QEvent *event) override;

private:
    void retranslate();
    void updateStatus();

    TimelineWidget *m_timeline;
    TimelineLegend *m_legend;
    QToolButton *m_follow;
    QToolButton *m_zoomIn;
    QToolButton *m_zoomOut;
    QToolButton *m_fit;
    QLabel *m_status;
    // What the status line says, as numbers: its text is formed only when one changes.
    qsizetype m_statusLanes = -1, m_statusEvents = -1;
    quint64 m_statusDropped = 0;
};

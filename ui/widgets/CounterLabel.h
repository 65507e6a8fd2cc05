#pragma once

#include "StaticTextCache.h"

#include <QLabel>

// A label for values that change several times a second (the status bar's counters, the
// packet count over the list). A QLabel whose size is not fixed asks its parents for a new
// layout on every setText(), which in a QMainWindow lays out and repaints the whole window,
// and it shapes its text anew for every paint. This one keeps a fixed size that only ever
// grows, so a new value repaints the label alone, and draws through a StaticTextCache.
// Plain, single-line text only. GUI thread.
class CounterLabel final : public QLabel
{
    Q_OBJECT
public:
    explicit CounterLabel(QWidget *parent = nullptr);

    void setCounterText(const QString &text);

protected:
    void paintEvent(QPaintEvent *event) override;
    void changeEvent(QEvent *event) override;

private:
    void fitText();

    StaticTextCache m_texts{64};
};

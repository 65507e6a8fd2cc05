#include "CounterLabel.h"

#include <QEvent>
#include <QPainter>
#include <QStyle>

#include <algorithm>
#include <cmath>

CounterLabel::CounterLabel(QWidget *parent)
    : QLabel(parent)
{
    setTextFormat(Qt::PlainText);
}

void CounterLabel::setCounterText(const QString &text)
{
    if (text == this->text())
        return;
    setText(text); // asks for no layout while the size is fixed
    fitText();
}

void CounterLabel::fitText()
{
    // A few pixels to spare: glyphs reaching over the edge would be drawn clipped, a slower
    // path that allocates.
    constexpr int kSlack = 4;
    const QMargins margins = contentsMargins();
    const int width = int(std::ceil(m_texts.width(font(), text()))) + margins.left() +
                      margins.right() + 2 * margin() + kSlack;
    const int height = fontMetrics().height() + margins.top() + margins.bottom() + 2 * margin();
    if (width > minimumWidth() || height != minimumHeight() || maximumWidth() != minimumWidth())
        setFixedSize(std::max(width, minimumWidth()), height);
}

void CounterLabel::changeEvent(QEvent *event)
{
    QLabel::changeEvent(event);
    if (event->type() == QEvent::FontChange || event->type() == QEvent::StyleChange) {
        setMinimumWidth(0);
        fitText();
    }
}

void CounterLabel::paintEvent(QPaintEvent *)
{
    QPainter painter(this);
    painter.setPen(
        palette().color(isEnabled() ? QPalette::Active : QPalette::Disabled, foregroundRole()));
    painter.setFont(font());
    m_texts.draw(&painter, contentsRect().adjusted(margin(), margin(), -margin(), -margin()),
                 QStyle::visualAlignment(layoutDirection(), alignment()), text());
}

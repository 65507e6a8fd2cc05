#include "ScrollBarCache.h"

#include <QAbstractScrollArea>
#include <QApplication>
#include <QPainter>
#include <QScrollBar>
#include <QStyleOptionSlider>

ScrollBarCache::ScrollBarCache(QObject *parent)
    : QProxyStyle(QApplication::style()->name())
{
    setParent(parent);
}

void ScrollBarCache::apply(ScrollBarCache *cache, QAbstractScrollArea *area)
{
    for (QScrollBar *bar : {area->verticalScrollBar(), area->horizontalScrollBar()}) {
        bar->setStyle(cache);
        QObject::connect(bar, &QObject::destroyed, cache,
                         [cache, bar] { cache->m_entries.remove(bar); });
    }
}

void ScrollBarCache::drawComplexControl(ComplexControl control, const QStyleOptionComplex *option,
                                        QPainter *painter, const QWidget *widget) const
{
    const auto *bar = qstyleoption_cast<const QStyleOptionSlider *>(option);
    if (control != CC_ScrollBar || bar == nullptr || widget == nullptr || option->rect.isEmpty() ||
        painter->device() == nullptr) {
        QProxyStyle::drawComplexControl(control, option, painter, widget);
        return;
    }
    Key key;
    key.size = option->rect.size();
    key.slider = baseStyle()->subControlRect(CC_ScrollBar, bar, SC_ScrollBarSlider, widget);
    key.state = int(option->state);
    key.active = int(option->activeSubControls);
    key.sub = int(option->subControls);
    key.atMinimum = bar->sliderValue <= bar->minimum;
    key.atMaximum = bar->sliderValue >= bar->maximum;
    key.horizontal = bar->orientation == Qt::Horizontal;
    key.palette = option->palette.cacheKey();
    key.ratio = painter->device()->devicePixelRatio();
    key.direction = int(option->direction);

    Entry &entry = m_entries[widget];
    if (entry.pixmap.isNull() || !(entry.key == key)) {
        entry.key = key;
        entry.pixmap = QPixmap(option->rect.size() * key.ratio);
        entry.pixmap.setDevicePixelRatio(key.ratio);
        entry.pixmap.fill(Qt::transparent);
        QPainter into(&entry.pixmap);
        QStyleOptionSlider moved(*bar);
        moved.rect.moveTo(0, 0);
        into.setFont(painter->font());
        baseStyle()->drawComplexControl(control, &moved, &into, widget);
        ++m_renders;
    }
    painter->drawPixmap(option->rect.topLeft(), entry.pixmap);
}

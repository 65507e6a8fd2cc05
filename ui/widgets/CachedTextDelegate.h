#pragma once

#include "StaticTextCache.h"

#include <QHash>
#include <QPen>
#include <QPixmap>
#include <QStyledItemDelegate>

// Paints the cells of the live tables (packets, senders): background or selection, an
// optional icon, and one line of plain text elided at the right, drawn through a
// StaticTextCache. The default delegate lays a cell's text out three times on every paint
// (size, elision, drawing), dozens of allocations per cell; with the packet list repainting a
// screenful of cells several times a second, that made the GUI thread allocate far more than
// the capture thread whose allocations the charts are there to show. Here a string is laid
// out once, and drawing it again allocates nothing. Uses the Display, Decoration, Background,
// Foreground and TextAlignment roles; tooltips and size hints are the default delegate's.
// GUI thread.
class CachedTextDelegate final : public QStyledItemDelegate
{
    Q_OBJECT
public:
    explicit CachedTextDelegate(QObject *parent = nullptr,
                                int cacheSize = StaticTextCache::kDefaultCapacity);

    void paint(QPainter *painter, const QStyleOptionViewItem &option,
               const QModelIndex &index) const override;

    const StaticTextCache &textCache() const { return m_texts; }

private:
    QPixmap pixmap(const QIcon &icon, const QSize &size) const;

    mutable StaticTextCache m_texts;
    mutable QHash<qint64, QPixmap> m_pixmaps; // by QIcon::cacheKey(): icons repeat
    mutable QSize m_pixmapSize;
    mutable QPen m_pen; // reused while the colour stays the same (a new pen allocates)
};

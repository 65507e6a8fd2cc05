#pragma once

#include <QHash>
#include <QPixmap>
#include <QProxyStyle>

class QAbstractScrollArea;
class QWidget;

// Scroll bars drawn from a picture of the last one drawn, for the live views. A view that
// grows (the packet list following the newest packet, the trees and tables that gain rows)
// repaints its scroll bars every time the range changes, even when not a pixel moves; the
// Fusion style draws them with gradients and translucent lines, which the raster engine
// hands to its thread pool in slices, several allocations a slice, and a dozen more for the
// painter's state. This style draws a scroll bar as the application style does into a pixmap
// kept per scroll bar, and blits it while nothing it shows has changed: the size, the
// slider's place in pixels, the state (hover, pressed, enabled), the arrows' (at either end
// or not), the palette and the pixel ratio. Everything else goes to the application style.
// GUI thread.
class ScrollBarCache final : public QProxyStyle
{
    Q_OBJECT
public:
    explicit ScrollBarCache(QObject *parent = nullptr);

    // Both scroll bars of `area` are drawn through `cache` from now on.
    static void apply(ScrollBarCache *cache, QAbstractScrollArea *area);

    void drawComplexControl(ComplexControl control, const QStyleOptionComplex *option,
                            QPainter *painter, const QWidget *widget = nullptr) const override;

    // Scroll bars drawn anew (pixmap rendered) since construction; the rest were blitted.
    quint64 renders() const { return m_renders; }

private:
    struct Key
    {
        QSize size;
        QRect slider;
        int state = 0;
        int active = 0;
        int sub = 0;
        bool atMinimum = false, atMaximum = false, horizontal = false;
        qint64 palette = 0;
        qreal ratio = 1;
        int direction = 0;

        friend bool operator==(const Key &, const Key &) = default;
    };
    struct Entry
    {
        Key key;
        QPixmap pixmap;
    };

    mutable QHash<const QWidget *, Entry> m_entries;
    mutable quint64 m_renders = 0;
};

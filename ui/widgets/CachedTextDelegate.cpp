#include "CachedTextDelegate.h"

#include <QApplication>
#include <QIcon>
#include <QPainter>
#include <QStyle>

CachedTextDelegate::CachedTextDelegate(QObject *parent, int cacheSize)
    : QStyledItemDelegate(parent)
    , m_texts(cacheSize)
{}

QPixmap CachedTextDelegate::pixmap(const QIcon &icon, const QSize &size) const
{
    if (size != m_pixmapSize) {
        m_pixmaps.clear();
        m_pixmapSize = size;
    }
    auto it = m_pixmaps.constFind(icon.cacheKey());
    if (it == m_pixmaps.cend())
        it = m_pixmaps.insert(icon.cacheKey(), icon.pixmap(size));
    return it.value();
}

void CachedTextDelegate::paint(QPainter *painter, const QStyleOptionViewItem &option,
                               const QModelIndex &index) const
{
    const QWidget *widget = option.widget;
    const QStyle *style = widget ? widget->style() : QApplication::style();
    const bool selected = option.state & QStyle::State_Selected;
    QPalette::ColorGroup group = QPalette::Disabled;
    if (option.state & QStyle::State_Enabled)
        group = (option.state & QStyle::State_Active) ? QPalette::Normal : QPalette::Inactive;

    // Background: what QCommonStyle's PE_PanelItemViewItem fills, without measuring the text
    // to find the selection rectangle (the cell is one line of text: it is the whole cell).
    if (selected) {
        painter->fillRect(option.rect, option.palette.brush(group, QPalette::Highlight));
    } else {
        const QVariant background = index.data(Qt::BackgroundRole);
        if (background.isValid())
            painter->fillRect(option.rect, qvariant_cast<QBrush>(background));
    }

    const int margin = style->pixelMetric(QStyle::PM_FocusFrameHMargin, nullptr, widget) + 1;
    QRect textRect = option.rect.adjusted(margin, 0, -margin, 0);
    const QVariant decoration = index.data(Qt::DecorationRole);
    if (decoration.isValid()) {
        const QPixmap icon = decoration.userType() == QMetaType::QIcon
                                 ? pixmap(qvariant_cast<QIcon>(decoration), option.decorationSize)
                                 : qvariant_cast<QPixmap>(decoration);
        if (!icon.isNull()) {
            const QSize size = icon.deviceIndependentSize().toSize();
            const QRect iconRect = QStyle::alignedRect(
                option.direction, Qt::AlignLeft | Qt::AlignVCenter, size, textRect);
            painter->drawPixmap(iconRect.topLeft(), icon);
            if (option.direction == Qt::RightToLeft)
                textRect.setRight(iconRect.left() - margin);
            else
                textRect.setLeft(iconRect.right() + 1 + margin);
        }
    }

    const QString string = index.data(Qt::DisplayRole).toString();
    if (!string.isEmpty() && textRect.width() > 0) {
        const QVariant alignment = index.data(Qt::TextAlignmentRole);
        QColor color =
            option.palette.color(group, selected ? QPalette::HighlightedText : QPalette::Text);
        if (!selected) {
            const QVariant foreground = index.data(Qt::ForegroundRole);
            if (foreground.isValid())
                color = qvariant_cast<QBrush>(foreground).color();
        }
        if (m_pen.color() != color)
            m_pen = QPen(color);
        const QPen previousPen = painter->pen();
        const QFont previousFont = painter->font();
        painter->setPen(m_pen);
        painter->setFont(option.font);
        m_texts.draw(painter, textRect,
                     QStyle::visualAlignment(option.direction,
                                             alignment.isValid()
                                                 ? Qt::Alignment(alignment.toInt())
                                                 : Qt::Alignment(Qt::AlignLeft | Qt::AlignVCenter)),
                     string);
        painter->setFont(previousFont);
        painter->setPen(previousPen);
    }

    if (option.state & QStyle::State_HasFocus) {
        QStyleOptionFocusRect focus;
        focus.QStyleOption::operator=(option);
        focus.state |= QStyle::State_KeyboardFocusChange | QStyle::State_Item;
        focus.backgroundColor =
            option.palette.color(group, selected ? QPalette::Highlight : QPalette::Window);
        style->drawPrimitive(QStyle::PE_FrameFocusRect, &focus, painter, widget);
    }
}

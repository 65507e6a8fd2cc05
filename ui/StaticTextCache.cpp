#include "StaticTextCache.h"

#include <QFontMetricsF>
#include <QPainter>
#include <QRect>

namespace {
// Besides the digits: what locales put in numbers (group and decimal separators, signs,
// the spaces some use as group separators) and what times and percentages add.
constexpr char16_t kNumberPunctuation[] = {u' ',      u'.',      u',',     u':',      u'-',
                                           u'+',      u'%',      u'\'',    u'\u00A0', u'\u202F',
                                           u'\u2009', u'\u2019', u'\u2212'};
} // namespace

StaticTextCache::StaticTextCache(int capacity)
    : m_strings(std::max(capacity, 16))
{}

void StaticTextCache::clear()
{
    m_strings.clear();
    m_glyphs = {};
}

void StaticTextCache::setFont(const QFont &font)
{
    clear();
    m_font = font;
    m_lineHeight = QFontMetricsF(font).height();
}

int StaticTextCache::glyphSlot(char16_t c)
{
    if (c >= u'0' && c <= u'9')
        return c - u'0';
    for (size_t i = 0; i < std::size(kNumberPunctuation); ++i) {
        if (kNumberPunctuation[i] == c)
            return 10 + int(i);
    }
    return -1;
}

StaticTextCache::Glyph &StaticTextCache::glyph(int slot, QChar c)
{
    Glyph &g = m_glyphs[size_t(slot)];
    if (g.advance < 0) {
        g.text.setText(QString(c));
        g.text.setTextFormat(Qt::PlainText);
        g.text.prepare(QTransform(), m_font);
        g.advance = QFontMetricsF(m_font).horizontalAdvance(c);
    }
    return g;
}

const StaticTextCache::String &StaticTextCache::string(const QString &text, int available)
{
    String *s = m_strings.object(text);
    if (s && (s->elidedTo < 0 ? s->width <= available : s->elidedTo == available))
        return *s;
    if (!s) {
        s = new String;
        s->text.setTextFormat(Qt::PlainText);
        s->text.setText(text);
        s->text.prepare(QTransform(), m_font);
        s->width = s->text.size().width();
        ++m_layouts;
        m_strings.insert(text, s); // owned by the cache; stays valid until the next insert
        if (s->width <= available)
            return *s;
    }
    if (s->width <= available) {
        s->text.setText(text);
        s->elidedTo = -1;
    } else {
        s->text.setText(
            QFontMetricsF(m_font).elidedText(text, Qt::ElideRight, std::max(available, 0)));
        s->elidedTo = available;
    }
    s->text.prepare(QTransform(), m_font);
    ++m_layouts;
    return *s;
}

void StaticTextCache::draw(QPainter *painter, const QRect &rect, Qt::Alignment alignment,
                           const QString &text)
{
    if (text.isEmpty() || rect.width() <= 0)
        return;
    if (!(painter->font() == m_font) || m_lineHeight <= 0)
        setFont(painter->font());

    auto origin = [&](qreal width) {
        qreal x = rect.left();
        if (alignment & Qt::AlignRight)
            x = rect.right() + 1 - width;
        else if (alignment & Qt::AlignHCenter)
            x = rect.left() + (rect.width() - width) / 2;
        qreal y = rect.top() + (rect.height() - m_lineHeight) / 2;
        if (alignment & Qt::AlignTop)
            y = rect.top();
        else if (alignment & Qt::AlignBottom)
            y = rect.bottom() + 1 - m_lineHeight;
        return QPointF(x, y);
    };

    // A number: its characters' widths add up, and each is drawn from its own layout.
    qreal width = 0;
    bool number = text.size() <= 64;
    for (qsizetype i = 0; number && i < text.size(); ++i) {
        const int slot = glyphSlot(text.at(i).unicode());
        if (slot < 0)
            number = false;
        else
            width += glyph(slot, text.at(i)).advance;
    }
    if (number && width <= rect.width()) {
        QPointF at = origin(width);
        for (const QChar c : text) {
            const Glyph &g = m_glyphs[size_t(glyphSlot(c.unicode()))];
            painter->drawStaticText(at, g.text);
            at.rx() += g.advance;
        }
        return;
    }

    const String &s = string(text, rect.width());
    painter->drawStaticText(origin(s.text.size().width()), s.text);
}

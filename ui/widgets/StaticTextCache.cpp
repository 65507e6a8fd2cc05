#include "StaticTextCache.h"

#include <QFontMetricsF>
#include <QPainter>
#include <QRect>

#include <limits>

namespace {
// Besides the digits: what locales put in numbers (group and decimal separators, signs,
// the spaces some use as group separators) and what times and percentages add.
constexpr char16_t kNumberPunctuation[] = {u' ',      u'.',      u',',     u':',      u'-',
                                           u'+',      u'%',      u'\'',    u'\u00A0', u'\u202F',
                                           u'\u2009', u'\u2019', u'\u2212'};
// Longer texts (summaries, name lists) repeat as a whole and keep their kerning that way.
constexpr qsizetype kMaxRunsText = 40;
constexpr qsizetype kMaxWords = 512;
} // namespace

StaticTextCache::StaticTextCache(int capacity)
    : m_strings(std::max(capacity, 16))
{}

void StaticTextCache::clear()
{
    m_strings.clear();
    m_glyphs = {};
    m_words.clear();
}

void StaticTextCache::useFont(const QFont &font)
{
    if (font == m_font && m_lineHeight > 0)
        return;
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

bool StaticTextCache::hasRuns(const QString &text)
{
    if (text.size() > kMaxRunsText)
        return false;
    bool digit = false;
    for (const QChar c : text) {
        if (c.isDigit())
            digit = true;
        else if (c.direction() == QChar::DirR || c.direction() == QChar::DirAL ||
                 c.category() == QChar::Mark_NonSpacing)
            return false; // right-to-left or combining: needs the whole string shaped
    }
    return digit;
}

const StaticTextCache::Word &StaticTextCache::word(QStringView text)
{
    const size_t key = qHash(text);
    for (auto it = m_words.constFind(key); it != m_words.cend() && it.key() == key; ++it) {
        if (it->text == text)
            return *it;
    }
    if (m_words.size() >= kMaxWords)
        m_words.clear();
    Word w;
    w.text = text.toString();
    w.layout.setTextFormat(Qt::PlainText);
    w.layout.setText(w.text);
    w.layout.prepare(QTransform(), m_font);
    w.width = w.layout.size().width();
    ++m_layouts;
    return *m_words.insert(key, w);
}

qreal StaticTextCache::runs(const QString &text, QPainter *painter, QPointF at)
{
    const qreal start = at.x();
    qsizetype i = 0;
    while (i < text.size()) {
        if (const int slot = glyphSlot(text.at(i).unicode()); slot >= 0) {
            const Glyph &g = glyph(slot, text.at(i));
            if (painter)
                painter->drawStaticText(at, g.text);
            at.rx() += g.advance;
            ++i;
            continue;
        }
        qsizetype end = i + 1;
        while (end < text.size() && glyphSlot(text.at(end).unicode()) < 0)
            ++end;
        const Word &w = word(QStringView(text).sliced(i, end - i));
        if (painter)
            painter->drawStaticText(at, w.layout);
        at.rx() += w.width;
        i = end;
    }
    return at.x() - start;
}

qreal StaticTextCache::width(const QFont &font, const QString &text)
{
    useFont(font);
    if (hasRuns(text))
        return runs(text);
    bool number = true;
    qreal sum = 0;
    for (qsizetype i = 0; number && i < text.size(); ++i) {
        const int slot = glyphSlot(text.at(i).unicode());
        if (slot < 0)
            number = false;
        else
            sum += glyph(slot, text.at(i)).advance;
    }
    return number ? sum : string(text, std::numeric_limits<int>::max()).width;
}

void StaticTextCache::draw(QPainter *painter, const QRect &rect, Qt::Alignment alignment,
                           const QString &text)
{
    if (text.isEmpty() || rect.width() <= 0)
        return;
    useFont(painter->font());

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

    // Numbers, and short texts with numbers in them, go by runs when they fit.
    if (hasRuns(text)) {
        const qreal width = runs(text);
        if (width <= rect.width()) {
            runs(text, painter, origin(width));
            return;
        }
    }
    const String &s = string(text, rect.width());
    painter->drawStaticText(origin(s.text.size().width()), s.text);
}

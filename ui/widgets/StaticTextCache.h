#pragma once

#include <QCache>
#include <QFont>
#include <QHash>
#include <QStaticText>
#include <QString>

#include <array>

class QPainter;
class QRect;

// One line of plain text drawn the cheap way, for widgets that repaint the same strings
// several times a second (the live tables, the charts). QPainter::drawText lays a string out
// anew on every call, a dozen allocations each; here each distinct string is laid out once
// into a QStaticText, which then draws without allocating. Numbers (packet numbers, times,
// counters) are mostly strings never seen before, so they are drawn character by character
// from laid-out digits instead and need no layout at all; a short left-to-right text with
// numbers in it ("Packets: 1,234", "13.1kB") is drawn as runs of digits and runs of words, the
// words laid out once each. Text too wide for its rectangle is elided at the right (as one
// string). Bounded (least recently used strings go first); starts over when the font
// changes. GUI thread.
class StaticTextCache final
{
public:
    static constexpr int kDefaultCapacity = 2048;

    explicit StaticTextCache(int capacity = kDefaultCapacity);

    // Draws `text` in the painter's font and pen, aligned in `rect` (vertically centred
    // unless AlignTop or AlignBottom), elided at the right when it does not fit.
    void draw(QPainter *painter, const QRect &rect, Qt::Alignment alignment, const QString &text);
    // The width draw() gives `text` in `font` when nothing is elided.
    qreal width(const QFont &font, const QString &text);

    qsizetype size() const { return m_strings.size(); }
    // Strings laid out since construction (cache misses; characters of numbers not counted).
    quint64 layouts() const { return m_layouts; }
    void clear();

private:
    struct String
    {
        QStaticText text;  // the whole string, or its elided form
        qreal width = 0;   // of the whole string
        int elidedTo = -1; // the width `text` was elided to fit; -1: not elided
    };
    struct Glyph
    {
        QStaticText text;
        qreal advance = -1; // < 0: not laid out yet
    };

    struct Word
    {
        QString text;
        QStaticText layout;
        qreal width = 0;
    };

    void useFont(const QFont &font);
    const String &string(const QString &text, int available);
    static int glyphSlot(char16_t c);
    Glyph &glyph(int slot, QChar c);
    static bool hasRuns(const QString &text);
    const Word &word(QStringView text);
    // Width of `text` drawn as runs; draws them from `at` when a painter is given.
    qreal runs(const QString &text, QPainter *painter = nullptr, QPointF at = {});

    QCache<QString, String> m_strings;
    std::array<Glyph, 32> m_glyphs;   // the characters numbers are written with
    QMultiHash<size_t, Word> m_words; // by qHash of the text: looked up without a QString
    QFont m_font;
    qreal m_lineHeight = 0;
    quint64 m_layouts = 0;
};

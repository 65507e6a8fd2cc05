#include "HexView.h"

#include <QApplication>
#include <QClipboard>
#include <QContextMenuEvent>
#include <QFontDatabase>
#include <QKeyEvent>
#include <QMenu>
#include <QPainter>
#include <QScrollBar>

#include <algorithm>

using namespace Qt::StringLiterals;

namespace {
constexpr int kMargin = 4;

QChar asciiOf(char c)
{
    const auto u = quint8(c);
    return u >= 0x20 && u < 0x7F ? QChar(QLatin1Char(c)) : QChar(u'.');
}
} // namespace

HexView::HexView(QWidget *parent)
    : QAbstractScrollArea(parent)
{
    setFont(QFontDatabase::systemFont(QFontDatabase::FixedFont));
    setFocusPolicy(Qt::StrongFocus);
    viewport()->setCursor(Qt::IBeamCursor);
    updateMetrics();
}

void HexView::setBytes(const QByteArray &bytes)
{
    m_bytes = bytes;
    m_highlight = {};
    m_errorOffset = -1;
    updateScrollBars();
    verticalScrollBar()->setValue(0);
    viewport()->update();
}

void HexView::setHighlight(ByteSpan span)
{
    m_highlight = span;
    if (!span.isEmpty())
        ensureVisible(span.offset);
    viewport()->update();
}

void HexView::setErrorOffset(qint64 offset)
{
    m_errorOffset = offset < 0 ? -1 : offset;
    viewport()->update();
}

bool HexView::isHighlighted(qsizetype offset) const
{
    return offset >= 0 && offset < m_bytes.size() && m_highlight.contains(quint32(offset));
}

bool HexView::isError(qsizetype offset) const
{
    return m_errorOffset >= 0 && offset >= m_errorOffset && offset < m_bytes.size();
}

int HexView::rowCount() const
{
    return int((m_bytes.size() + kBytesPerRow - 1) / kBytesPerRow);
}

int HexView::offsetDigits() const
{
    return m_bytes.size() > 0xFFFF ? 8 : 4;
}

int HexView::hexColumnX(int column) const
{
    // Offset, two spaces, then "xx " per byte with one extra space after the eighth.
    const int chars = offsetDigits() + 2 + column * 3 + (column >= 8 ? 1 : 0);
    return kMargin + chars * m_charWidth - horizontalScrollBar()->value();
}

int HexView::asciiColumnX(int column) const
{
    const int chars = offsetDigits() + 2 + kBytesPerRow * 3 + 1 + 2 + column;
    return kMargin + chars * m_charWidth - horizontalScrollBar()->value();
}

void HexView::updateMetrics()
{
    const QFontMetrics fm(font());
    m_charWidth = std::max(fm.horizontalAdvance(u'0'), 1);
    m_lineHeight = fm.height();
    m_ascent = fm.ascent();
    updateScrollBars();
}

void HexView::updateScrollBars()
{
    const int visibleRows = std::max(viewport()->height() / std::max(m_lineHeight, 1), 1);
    verticalScrollBar()->setRange(0, std::max(rowCount() - visibleRows, 0));
    verticalScrollBar()->setPageStep(visibleRows);
    const int contentWidth = asciiColumnX(kBytesPerRow) + horizontalScrollBar()->value() + kMargin;
    horizontalScrollBar()->setRange(0, std::max(contentWidth - viewport()->width(), 0));
    horizontalScrollBar()->setPageStep(viewport()->width());
}

QSize HexView::sizeHint() const
{
    // Wide enough for every column of a 4-digit-offset dump, so the ASCII is never cut.
    const int chars = 4 + 2 + kBytesPerRow * 3 + 1 + 2 + kBytesPerRow;
    const int width = 2 * kMargin + chars * m_charWidth + verticalScrollBar()->sizeHint().width() +
                      2 * frameWidth();
    return {width, 16 * m_lineHeight};
}

QSize HexView::minimumSizeHint() const
{
    return {sizeHint().width() / 2, 4 * m_lineHeight};
}

void HexView::changeEvent(QEvent *event)
{
    QAbstractScrollArea::changeEvent(event);
    if (event->type() == QEvent::FontChange)
        updateMetrics();
}

void HexView::resizeEvent(QResizeEvent *event)
{
    QAbstractScrollArea::resizeEvent(event);
    updateScrollBars();
}

QRect HexView::byteRect(qsizetype offset, bool asciiColumn) const
{
    if (offset < 0 || offset >= m_bytes.size())
        return {};
    const int row = int(offset / kBytesPerRow) - verticalScrollBar()->value();
    const int column = int(offset % kBytesPerRow);
    const int y = kMargin + row * m_lineHeight;
    if (asciiColumn)
        return QRect(asciiColumnX(column), y, m_charWidth, m_lineHeight);
    return QRect(hexColumnX(column), y, 2 * m_charWidth, m_lineHeight);
}

qsizetype HexView::byteAt(const QPoint &pos) const
{
    const int row = (pos.y() - kMargin) / m_lineHeight + verticalScrollBar()->value();
    if (pos.y() < kMargin || row >= rowCount())
        return -1;
    for (int column = 0; column < kBytesPerRow; ++column) {
        const qsizetype offset = qsizetype(row) * kBytesPerRow + column;
        if (offset >= m_bytes.size())
            break;
        // Hex cells count their trailing space, so clicks between bytes still hit one.
        const int hx = hexColumnX(column);
        if (pos.x() >= hx && pos.x() < hx + 3 * m_charWidth)
            return offset;
        const int ax = asciiColumnX(column);
        if (pos.x() >= ax && pos.x() < ax + m_charWidth)
            return offset;
    }
    return -1;
}

void HexView::ensureVisible(qsizetype offset)
{
    const int row = int(offset / kBytesPerRow);
    QScrollBar *bar = verticalScrollBar();
    if (row < bar->value())
        bar->setValue(row);
    else if (row >= bar->value() + bar->pageStep())
        bar->setValue(row - bar->pageStep() + 1);
}

ByteSpan HexView::copySpan() const
{
    if (!m_highlight.isEmpty() && m_highlight.offset < quint32(m_bytes.size()))
        return m_highlight;
    return {0, quint32(m_bytes.size())};
}

QString HexView::hexText(ByteSpan span) const
{
    if (span.isEmpty())
        span = {0, quint32(m_bytes.size())};
    const qsizetype from = std::min<qsizetype>(span.offset, m_bytes.size());
    const qsizetype to = std::min<qsizetype>(span.end(), m_bytes.size());
    return QString::fromLatin1(m_bytes.mid(from, to - from).toHex(' '));
}

QString HexView::asciiText(ByteSpan span) const
{
    if (span.isEmpty())
        span = {0, quint32(m_bytes.size())};
    const qsizetype from = std::min<qsizetype>(span.offset, m_bytes.size());
    const qsizetype to = std::min<qsizetype>(span.end(), m_bytes.size());
    QString text;
    text.reserve(to - from);
    for (qsizetype i = from; i < to; ++i)
        text.append(asciiOf(m_bytes.at(i)));
    return text;
}

void HexView::copyHex()
{
    QApplication::clipboard()->setText(hexText(copySpan()));
}

void HexView::copyText()
{
    QApplication::clipboard()->setText(asciiText(copySpan()));
}

void HexView::mousePressEvent(QMouseEvent *event)
{
    if (event->button() == Qt::LeftButton) {
        const qsizetype offset = byteAt(event->position().toPoint());
        if (offset >= 0)
            Q_EMIT byteClicked(quint32(offset));
    }
    QAbstractScrollArea::mousePressEvent(event);
}

void HexView::keyPressEvent(QKeyEvent *event)
{
    if (event->matches(QKeySequence::Copy)) {
        copyHex();
        return;
    }
    QAbstractScrollArea::keyPressEvent(event);
}

void HexView::contextMenuEvent(QContextMenuEvent *event)
{
    QMenu menu(this);
    const bool part = !m_highlight.isEmpty();
    menu.addAction(part ? tr("Copy Selected Bytes as Hex") : tr("Copy as Hex"), this,
                   &HexView::copyHex);
    menu.addAction(part ? tr("Copy Selected Bytes as Text") : tr("Copy as Text"), this,
                   &HexView::copyText);
    menu.setEnabled(!m_bytes.isEmpty());
    menu.exec(event->globalPos());
}

void HexView::paintEvent(QPaintEvent *)
{
    QPainter p(viewport());
    const QPalette &pal = palette();
    p.fillRect(viewport()->rect(), pal.base());
    p.setFont(font());
    const QColor highlightBg = pal.color(QPalette::Highlight);
    const QColor highlightFg = pal.color(QPalette::HighlightedText);
    const QColor errorBg(255, 200, 200);
    QColor offsetColor = pal.color(QPalette::Text);
    offsetColor.setAlpha(130);

    const int first = verticalScrollBar()->value();
    const int visible = viewport()->height() / m_lineHeight + 2;
    const int last = std::min(rowCount(), first + visible);
    for (int row = first; row < last; ++row) {
        const int y = kMargin + (row - first) * m_lineHeight;
        p.setPen(offsetColor);
        p.drawText(kMargin - horizontalScrollBar()->value(), y + m_ascent,
                   u"%1"_s.arg(row * kBytesPerRow, offsetDigits(), 16, QLatin1Char('0')));
        for (int column = 0; column < kBytesPerRow; ++column) {
            const qsizetype offset = qsizetype(row) * kBytesPerRow + column;
            if (offset >= m_bytes.size())
                break;
            const bool lit = isHighlighted(offset);
            const QRect hex(hexColumnX(column), y, 2 * m_charWidth, m_lineHeight);
            const QRect ascii(asciiColumnX(column), y, m_charWidth, m_lineHeight);
            if (lit || isError(offset)) {
                // Extend the hex background over the gap to the next highlighted byte.
                const bool joinNext = column + 1 < kBytesPerRow && offset + 1 < m_bytes.size() &&
                                      (lit ? isHighlighted(offset + 1) : isError(offset + 1));
                const QRect bg =
                    joinNext ? hex.adjusted(0, 0, hexColumnX(column + 1) - hex.right() - 1, 0)
                             : hex;
                p.fillRect(bg, lit ? highlightBg : errorBg);
                p.fillRect(ascii, lit ? highlightBg : errorBg);
            }
            p.setPen(lit ? highlightFg : pal.color(QPalette::Text));
            const auto byte = quint8(m_bytes.at(offset));
            p.drawText(hex.left(), y + m_ascent, u"%1"_s.arg(byte, 2, 16, QLatin1Char('0')));
            p.drawText(ascii.left(), y + m_ascent, QString(asciiOf(char(byte))));
        }
    }
}

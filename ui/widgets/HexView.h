#pragma once

#include "DnsMessage.h"

#include <QAbstractScrollArea>
#include <QByteArray>

// Hex dump of one datagram: offset, 16 bytes in hex, and their ASCII. Paints only the
// rows in view. Highlights one byte span (the selected tree item) and marks the bytes from
// a decode error to the end; clicking a byte emits its offset so the decoded tree can select
// the deepest field containing it. Copies the highlighted (or all) bytes as hex or as text.
// GUI thread.
class HexView final : public QAbstractScrollArea
{
    Q_OBJECT
public:
    static constexpr int kBytesPerRow = 16;

    explicit HexView(QWidget *parent = nullptr);

    void setBytes(const QByteArray &bytes);
    const QByteArray &bytes() const { return m_bytes; }
    void setHighlight(ByteSpan span);
    ByteSpan highlight() const { return m_highlight; }
    // Marks [offset, end) as undecodable; -1 clears.
    void setErrorOffset(qint64 offset);
    qint64 errorOffset() const { return m_errorOffset; }

    bool isHighlighted(qsizetype offset) const;
    bool isError(qsizetype offset) const;

    // Viewport coordinates <-> byte offsets (hex or ASCII column); -1 outside any byte.
    qsizetype byteAt(const QPoint &viewportPos) const;
    QRect byteRect(qsizetype offset, bool asciiColumn = false) const;
    // Scrolls so that the byte is visible.
    void ensureVisible(qsizetype offset);

    QSize sizeHint() const override;
    QSize minimumSizeHint() const override;

    // "00 1a ff ..." and the ASCII rendering ('.' for unprintable bytes) of a span, clipped
    // to the data; an empty span means every byte.
    QString hexText(ByteSpan span) const;
    QString asciiText(ByteSpan span) const;
    // What the copy actions use: the highlight, or everything when nothing is highlighted.
    ByteSpan copySpan() const;

public Q_SLOTS:
    void copyHex();
    void copyText();

Q_SIGNALS:
    void byteClicked(quint32 offset);

protected:
    void paintEvent(QPaintEvent *event) override;
    void mousePressEvent(QMouseEvent *event) override;
    void resizeEvent(QResizeEvent *event) override;
    void contextMenuEvent(QContextMenuEvent *event) override;
    void keyPressEvent(QKeyEvent *event) override;
    void changeEvent(QEvent *event) override;

private:
    int rowCount() const;
    int offsetDigits() const;
    int hexColumnX(int column) const;
    int asciiColumnX(int column) const;
    void updateMetrics();
    void updateScrollBars();

    QByteArray m_bytes;
    ByteSpan m_highlight;
    qint64 m_errorOffset = -1;
    int m_charWidth = 8;
    int m_lineHeight = 16;
    int m_ascent = 12;
};

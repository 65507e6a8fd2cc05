// StaticTextCache: text drawn without a layout per paint. A string is laid out once and then
// reused; numbers (and short texts with numbers) are drawn from laid-out digits and words, so
// new numbers need no new layout; widths agree with the font's; text too wide is elided; the
// cache is bounded and starts over with a new font. What it draws must look like drawText.
#include "StaticTextCache.h"

#include <QApplication>
#include <QFontMetricsF>
#include <QImage>
#include <QPainter>
#include <QTest>

using namespace Qt::StringLiterals;

namespace {

QImage canvas()
{
    QImage image(300, 30, QImage::Format_ARGB32);
    image.fill(Qt::white);
    return image;
}

// Dark pixels, and the rightmost column holding one.
struct Ink
{
    int pixels = 0;
    int right = -1;
};

Ink inkOf(const QImage &image)
{
    Ink ink;
    for (int y = 0; y < image.height(); ++y)
        for (int x = 0; x < image.width(); ++x)
            if (qGray(image.pixel(x, y)) < 128) {
                ++ink.pixels;
                ink.right = std::max(ink.right, x);
            }
    return ink;
}

} // namespace

class TestStaticTextCache final : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void stringIsLaidOutOnce();
    void newNumbersNeedNoLayout();
    void widthIsTheFontsWidth();
    void drawsWhatDrawTextDraws();
    void tooWideTextIsElided();
    void boundedAndStartsOverWithANewFont();
};

void TestStaticTextCache::stringIsLaidOutOnce()
{
    StaticTextCache cache;
    QImage image = canvas();
    QPainter p(&image);
    for (int i = 0; i < 10; ++i)
        cache.draw(&p, image.rect(), Qt::AlignLeft, u"office-printer.local"_s);
    QCOMPARE(cache.layouts(), 1u);
    QCOMPARE(cache.size(), 1);
    cache.draw(&p, image.rect(), Qt::AlignLeft, u"nas.local"_s);
    QCOMPARE(cache.layouts(), 2u);
}

void TestStaticTextCache::newNumbersNeedNoLayout()
{
    StaticTextCache cache;
    QImage image = canvas();
    QPainter p(&image);
    cache.draw(&p, image.rect(), Qt::AlignRight, u"Packets: 1"_s); // lays out "Packets: "
    const quint64 after = cache.layouts();
    for (int i = 2; i < 500; ++i) {
        cache.draw(&p, image.rect(), Qt::AlignRight, u"Packets: %1"_s.arg(i * 7919));
        cache.draw(&p, image.rect(), Qt::AlignRight, QString::number(i * 104729));
    }
    QCOMPARE(cache.layouts(), after); // every new value drawn from laid-out pieces
    QCOMPARE(cache.size(), 0);        // and none of them kept as a string
}

void TestStaticTextCache::widthIsTheFontsWidth()
{
    StaticTextCache cache;
    QFont font = QApplication::font();
    const QFontMetricsF metrics(font);
    for (const QString &text : {u"12,345"_s, u"13.1kB"_s, u"Packets: 1,234"_s, u"nas.local"_s}) {
        const qreal expected = metrics.horizontalAdvance(text);
        QVERIFY2(
            std::abs(cache.width(font, text) - expected) <= 2.0,
            qPrintable(u"%1: %2 vs %3"_s.arg(text).arg(cache.width(font, text)).arg(expected)));
    }
}

void TestStaticTextCache::drawsWhatDrawTextDraws()
{
    for (const QString &text : {u"Packets: 1,234"_s, u"office-printer.local"_s, u"987654"_s}) {
        QImage mine = canvas(), qts = canvas();
        {
            QPainter p(&mine);
            p.setPen(Qt::black);
            StaticTextCache cache;
            cache.draw(&p, mine.rect(), Qt::AlignLeft | Qt::AlignVCenter, text);
        }
        {
            QPainter p(&qts);
            p.setPen(Qt::black);
            p.drawText(qts.rect(), Qt::AlignLeft | Qt::AlignVCenter, text);
        }
        const Ink a = inkOf(mine), b = inkOf(qts);
        QVERIFY2(a.pixels > 0, qPrintable(text));
        // The same glyphs in the same place, give or take antialiasing and sub-pixel runs.
        QVERIFY2(std::abs(a.pixels - b.pixels) <= b.pixels / 5,
                 qPrintable(u"%1: %2 vs %3 pixels"_s.arg(text).arg(a.pixels).arg(b.pixels)));
        QVERIFY2(std::abs(a.right - b.right) <= 2,
                 qPrintable(u"%1: right edge %2 vs %3"_s.arg(text).arg(a.right).arg(b.right)));
    }
}

void TestStaticTextCache::tooWideTextIsElided()
{
    const QString text = u"a-very-long-host-name-that-does-not-fit.local"_s;
    QImage image = canvas();
    QPainter p(&image);
    p.setPen(Qt::black);
    StaticTextCache cache;
    const QRect narrow(0, 0, 60, 30);
    cache.draw(&p, narrow, Qt::AlignLeft, text);
    p.end();
    const Ink ink = inkOf(image);
    QVERIFY(ink.pixels > 0);
    QVERIFY2(ink.right < narrow.width(), qPrintable(QString::number(ink.right)));
}

void TestStaticTextCache::boundedAndStartsOverWithANewFont()
{
    StaticTextCache cache(16);
    QImage image = canvas();
    QPainter p(&image);
    for (int i = 0; i < 100; ++i)
        cache.draw(&p, image.rect(), Qt::AlignLeft,
                   u"host-%1.local"_s.arg(QChar(u'a' + i % 26)) + QString(i / 26 + 1, u'x'));
    QVERIFY(cache.size() <= 16);
    QFont bigger = p.font();
    bigger.setPointSize(bigger.pointSize() + 6);
    p.setFont(bigger);
    const quint64 before = cache.layouts();
    cache.draw(&p, image.rect(), Qt::AlignLeft, u"host-a.localx"_s);
    QCOMPARE(cache.layouts(), before + 1); // laid out again in the new font
    QCOMPARE(cache.size(), 1);
}

QTEST_MAIN(TestStaticTextCache)
#include "tst_statictextcache.moc"

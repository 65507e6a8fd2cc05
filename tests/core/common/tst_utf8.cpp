#include "EndianReader.h"
#include "Utf8.h"

#include <QTest>

// Utf8 and EndianReader, the one UTF-8 validator / encoder and the one integer reader
// (core/common). The validity rows follow the Unicode well-formedness table (Unicode 15
// §3.9, table 3-7), including the edges where a lax validator passes overlong forms,
// surrogates or code points above U+10FFFF.
class TestUtf8 : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void sequenceLength_data();
    void sequenceLength();
    void c1Controls();
    void putRoundTrips();
    void put_data();
    void put();
    void endianReader();
};

void TestUtf8::sequenceLength_data()
{
    QTest::addColumn<QByteArray>("bytes"); // hex
    QTest::addColumn<int>("length");       // 0: not well-formed
    QTest::addColumn<uint>("codePoint");
    const auto row = [](const char *name, const char *hex, int length, uint cp) {
        QTest::newRow(name) << QByteArray(hex) << length << cp;
    };
    row("ASCII", "41", 1, 0x41);
    row("NUL", "00", 1, 0);
    row("two bytes, lowest", "c280", 2, 0x80);
    row("two bytes, highest", "dfbf", 2, 0x7FF);
    row("e acute", "c3a9", 2, 0xE9);
    row("overlong C0", "c0af", 0, 0);
    row("overlong C1", "c1bf", 0, 0);
    row("three bytes, lowest", "e0a080", 3, 0x800);
    row("overlong three bytes", "e09fbf", 0, 0);
    row("euro", "e282ac", 3, 0x20AC);
    row("below the surrogates", "ed9fbf", 3, 0xD7FF);
    row("surrogate D800", "eda080", 0, 0);
    row("surrogate DFFF", "edbfbf", 0, 0);
    row("after the surrogates", "ee8080", 3, 0xE000);
    row("U+FFFF", "efbfbf", 3, 0xFFFF);
    row("four bytes, lowest", "f0908080", 4, 0x10000);
    row("overlong four bytes", "f08fbfbf", 0, 0);
    row("emoji", "f09f9880", 4, 0x1F600);
    row("U+10FFFF", "f48fbfbf", 4, 0x10FFFF);
    row("above U+10FFFF", "f4908080", 0, 0);
    row("lead F5", "f5808080", 0, 0);
    row("lead FF", "ff", 0, 0);
    row("lone continuation", "80", 0, 0);
    row("truncated two", "c3", 0, 0);
    row("truncated three", "e282", 0, 0);
    row("truncated four", "f09f98", 0, 0);
    row("ASCII where a continuation belongs", "c341", 0, 0);
    row("lead where a continuation belongs", "e2c3a9", 0, 0);
    row("only the first sequence counts", "c3a9c3a9", 2, 0xE9);
}

void TestUtf8::sequenceLength()
{
    QFETCH(QByteArray, bytes);
    QFETCH(int, length);
    QFETCH(uint, codePoint);
    const QByteArray raw = QByteArray::fromHex(bytes);
    char32_t cp = 0;
    QCOMPARE(Utf8::sequenceLength(reinterpret_cast<const uchar *>(raw.constData()), raw.size(), cp),
             length);
    if (length)
        QCOMPARE(uint(cp), codePoint);
}

void TestUtf8::c1Controls()
{
    QVERIFY(!Utf8::isC1Control(0x7F)); // DEL is C0's business
    QVERIFY(Utf8::isC1Control(0x80));
    QVERIFY(Utf8::isC1Control(0x9F));
    QVERIFY(!Utf8::isC1Control(0xA0)); // no-break space is shown
}

// Every scalar value written by put() reads back as itself and as Qt's UTF-8.
void TestUtf8::putRoundTrips()
{
    for (char32_t c = 0; c <= 0x10FFFF; ++c) {
        if (c >= 0xD800 && c <= 0xDFFF)
            continue;
        char buffer[4];
        const char *end = Utf8::put(buffer, c);
        char32_t back = 0;
        const int n = Utf8::sequenceLength(reinterpret_cast<const uchar *>(buffer), 4, back);
        if (n != end - buffer || back != c)
            QFAIL(qPrintable(QStringLiteral("U+%1").arg(uint(c), 0, 16)));
        if (c % 4099 == 0) // a sample against Qt's encoder
            QCOMPARE(QByteArray(buffer, end - buffer), QString::fromUcs4(&c, 1).toUtf8());
    }
}

void TestUtf8::put_data()
{
    QTest::addColumn<uint>("codePoint");
    QTest::addColumn<QByteArray>("bytes"); // hex
    QTest::newRow("ASCII") << 0x41u << QByteArray("41");
    QTest::newRow("U+7F") << 0x7Fu << QByteArray("7f");
    QTest::newRow("U+80") << 0x80u << QByteArray("c280");
    QTest::newRow("U+7FF") << 0x7FFu << QByteArray("dfbf");
    QTest::newRow("U+800") << 0x800u << QByteArray("e0a080");
    QTest::newRow("U+FFFD") << 0xFFFDu << QByteArray("efbfbd");
    QTest::newRow("U+10000") << 0x10000u << QByteArray("f0908080");
    QTest::newRow("U+10FFFF") << 0x10FFFFu << QByteArray("f48fbfbf");
}

void TestUtf8::put()
{
    QFETCH(uint, codePoint);
    QFETCH(QByteArray, bytes);
    char buffer[4];
    const char *end = Utf8::put(buffer, char32_t(codePoint));
    QCOMPARE(QByteArray(buffer, end - buffer).toHex(), bytes);
}

void TestUtf8::endianReader()
{
    const uchar b[] = {0x01, 0x02, 0x03, 0x04, 0x05, 0x06, 0x07, 0x08};
    QCOMPARE(EndianReader::big16(b), quint16(0x0102));
    QCOMPARE(EndianReader::big32(b), quint32(0x01020304));
    QCOMPARE(EndianReader::big16(b + 6), quint16(0x0708));
    const EndianReader big(true), little(false);
    QCOMPARE(big.u16(b), quint16(0x0102));
    QCOMPARE(big.u32(b), quint32(0x01020304));
    QCOMPARE(big.u64(b), quint64(0x0102030405060708));
    QCOMPARE(little.u16(b), quint16(0x0201));
    QCOMPARE(little.u32(b), quint32(0x04030201));
    QCOMPARE(little.u64(b), quint64(0x0807060504030201));
    const uchar high[] = {0xFF, 0xFE, 0x80, 0x00};
    QCOMPARE(EndianReader::big16(high), quint16(0xFFFE)); // no sign extension
    QCOMPARE(EndianReader::big32(high), quint32(0xFFFE8000));
}

QTEST_GUILESS_MAIN(TestUtf8)
#include "tst_utf8.moc"

#include "DnsText.h"

#include <QTest>

using namespace Qt::StringLiterals;

// DnsText, the presentation text of DNS bytes (RFC 6763 §4.3 / RFC 1035 §5.1 style): what
// each escape mode escapes, the UTF-8 rules (well-formed kept, C0 / DEL / C1 / ill-formed
// bytes as \DDD, one escape per byte), names and hex. Each row is a case a wrong rule fails.
class TestDnsText : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void escaped_data();
    void escaped();
    void longInput();
    void nameToText_data();
    void nameToText();
    void hex_data();
    void hex();
};

using Escape = DnsText::Escape;
Q_DECLARE_METATYPE(DnsText::Escape)

void TestDnsText::escaped_data()
{
    QTest::addColumn<QByteArray>("bytes");
    QTest::addColumn<Escape>("mode");
    QTest::addColumn<QString>("expected");
    const auto row = [](const char *name, QByteArray bytes, Escape mode, QString expected) {
        QTest::newRow(name) << bytes << mode << expected;
    };
    row("plain ASCII", "Office Printer", Escape::Label, u"Office Printer"_s);
    row("empty", "", Escape::Text, QString());
    // '.' separates labels, so inside one it is escaped; in strings it is plain
    row("dot in label", "a.b", Escape::Label, u"a\\.b"_s);
    row("dot in text", "a.b", Escape::Text, u"a.b"_s);
    row("dot in quoted", "a.b", Escape::Quoted, u"a.b"_s);
    // '\' always
    row("backslash in label", "a\\b", Escape::Label, u"a\\\\b"_s);
    row("backslash in text", "a\\b", Escape::Text, u"a\\\\b"_s);
    row("backslash in quoted", "a\\b", Escape::Quoted, u"a\\\\b"_s);
    // '"' only inside quotes
    row("quote in label", "say \"hi\"", Escape::Label, u"say \"hi\""_s);
    row("quote in text", "say \"hi\"", Escape::Text, u"say \"hi\""_s);
    row("quote in quoted", "say \"hi\"", Escape::Quoted, u"say \\\"hi\\\""_s);
    // C0 controls and DEL: three decimal digits
    row("NUL", QByteArray("a\0b", 3), Escape::Text, u"a\\000b"_s);
    row("tab", "a\tb", Escape::Text, u"a\\009b"_s);
    row("unit separator", "\x1f", Escape::Label, u"\\031"_s);
    row("DEL", "\x7f", Escape::Label, u"\\127"_s);
    row("space and tilde are plain", " ~", Escape::Label, u" ~"_s);
    // well-formed UTF-8 is kept as the character
    row("e acute", "caf\xc3\xa9", Escape::Label, u"caf\u00e9"_s);
    row("no-break space", "\xc2\xa0", Escape::Text, u"\u00a0"_s);
    row("euro", "\xe2\x82\xac", Escape::Quoted, u"\u20ac"_s);
    row("emoji (surrogate pair)", "\xf0\x9f\x98\x80", Escape::Label, u"\U0001F600"_s);
    // C1 controls are well-formed but invisible: escaped byte by byte
    row("C1 U+0080", "\xc2\x80", Escape::Text, u"\\194\\128"_s);
    row("C1 U+009F", "\xc2\x9f", Escape::Label, u"\\194\\159"_s);
    // ill-formed UTF-8: the bad byte escaped, the rest read again
    row("lone lead", "\xc3", Escape::Label, u"\\195"_s);
    row("lead before ASCII", "\xc3z", Escape::Label, u"\\195z"_s);
    row("lone continuation", "\x80", Escape::Text, u"\\128"_s);
    row("overlong slash", "\xc0\xaf", Escape::Label, u"\\192\\175"_s);
    row("overlong three bytes", "\xe0\x80\xaf", Escape::Label, u"\\224\\128\\175"_s);
    row("surrogate", "\xed\xa0\x80", Escape::Text, u"\\237\\160\\128"_s);
    row("above U+10FFFF", "\xf4\x90\x80\x80", Escape::Text, u"\\244\\144\\128\\128"_s);
    row("truncated then valid", "\xe2\x82\xc3\xa9", Escape::Label, u"\\226\\130\u00e9"_s);
    row("byte FF", "\xff", Escape::Label, u"\\255"_s);
}

void TestDnsText::escaped()
{
    QFETCH(QByteArray, bytes);
    QFETCH(Escape, mode);
    QFETCH(QString, expected);
    QCOMPARE(DnsText::escaped(bytes, mode), expected);
    // the pointer form writes the same within its bound
    QList<char16_t> buffer(DnsText::maxEscapedLength(bytes.size()) + 1, u'#');
    const char16_t *end = DnsText::appendEscaped(
        buffer.data(), reinterpret_cast<const uchar *>(bytes.constData()), bytes.size(), mode);
    QVERIFY(end - buffer.data() <= DnsText::maxEscapedLength(bytes.size()));
    QCOMPARE(QString(reinterpret_cast<const QChar *>(buffer.data()), end - buffer.data()),
             expected);
}

void TestDnsText::longInput()
{
    // Beyond the stack buffer (1024 units): the heap path gives the same escapes.
    const QByteArray bytes(600, '\x01');
    QCOMPARE(DnsText::escaped(bytes, Escape::Text), u"\\001"_s.repeated(600));
}

void TestDnsText::nameToText_data()
{
    QTest::addColumn<QList<QByteArray>>("labels");
    QTest::addColumn<QString>("expected");
    QTest::newRow("root") << QList<QByteArray>{} << u"<Root>"_s;
    // A label that spells the root's text or is a lone '.' never reads as the root.
    QTest::newRow("label <Root>") << QList<QByteArray>{"<Root>"} << u"\\060Root>"_s;
    QTest::newRow("label <Root> in a longer name")
        << QList<QByteArray>{"<Root>", "local"} << u"<Root>.local"_s;
    QTest::newRow("label .") << QList<QByteArray>{"."} << u"\\."_s;
    QTest::newRow("service") << QList<QByteArray>{"_ipp", "_tcp", "local"} << u"_ipp._tcp.local"_s;
    QTest::newRow("dot inside a label")
        << QList<QByteArray>{"Mr. Printer", "local"} << u"Mr\\. Printer.local"_s;
    QTest::newRow("UTF-8 instance") << QList<QByteArray>{"B\xc3\xbcro", "_http", "_tcp", "local"}
                                    << u"B\u00fcro._http._tcp.local"_s;
    QTest::newRow("control byte") << QList<QByteArray>{QByteArray("a\0", 2), "local"}
                                  << u"a\\000.local"_s;
}

void TestDnsText::nameToText()
{
    QFETCH(QList<QByteArray>, labels);
    QFETCH(QString, expected);
    QCOMPARE(DnsText::nameToText(labels), expected);
}

void TestDnsText::hex_data()
{
    QTest::addColumn<QByteArray>("bytes");
    QTest::addColumn<QString>("expected");
    QTest::newRow("empty") << QByteArray() << QString();
    QTest::newRow("lowercase, two digits each")
        << QByteArray("\x01\xab\x00\xff", 4) << u"01ab00ff"_s;
}

void TestDnsText::hex()
{
    QFETCH(QByteArray, bytes);
    QFETCH(QString, expected);
    QCOMPARE(DnsText::hex(bytes), expected);
}

QTEST_GUILESS_MAIN(TestDnsText)
#include "tst_dnstext.moc"

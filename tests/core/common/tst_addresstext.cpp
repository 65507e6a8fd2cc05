#include "AddressText.h"
#include "IpAddress.h"

#include <QRandomGenerator>
#include <QTest>

#include <arpa/inet.h>

using namespace Qt::StringLiterals;

// AddressText, the one address formatter: every row's text is what tshark 4.0 prints for
// that address as dns.aaaa / ipv6.src (checked with tshark -T fields on a capture holding
// each of them; tst_outputsagree repeats the check live where tshark is installed). Each
// row is checked through every entry point (UTF-8 and UTF-16 put, record bytes, IpAddress,
// append, toString), so no output can take a different path.
class TestAddressText : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void ipv6_data();
    void ipv6();
    void ipv4_data();
    void ipv4();
    void scopeIsNotShown();
    void scopedText_data();
    void scopedText();
    void sameAsInetNtop();
    void otherLengthsWriteNothing();
};

namespace {

QString utf8Put(const IpAddress &a)
{
    char buffer[AddressText::kMaxChars];
    return QString::fromLatin1(buffer, AddressText::put(buffer, a) - buffer);
}

QString utf16Put(const IpAddress &a)
{
    char16_t buffer[AddressText::kMaxChars];
    const char16_t *end = AddressText::put(buffer, a);
    return QString(reinterpret_cast<const QChar *>(buffer), end - buffer);
}

QString utf8Bytes(QByteArrayView bytes)
{
    char buffer[AddressText::kMaxChars];
    return QString::fromLatin1(buffer, AddressText::put(buffer, bytes) - buffer);
}

// Every way to the text must give the same.
void checkAll(const QByteArray &bytes, const IpAddress &a, const QString &expected)
{
    QCOMPARE(utf8Put(a), expected);
    QCOMPARE(utf16Put(a), expected);
    QCOMPARE(utf8Bytes(bytes), expected);
    QCOMPARE(AddressText::text(bytes), expected);
    QCOMPARE(AddressText::text(a), expected);
    QCOMPARE(a.toString(), expected);
    QByteArray utf8 = "x";
    AddressText::append(utf8, a);
    QCOMPARE(utf8, "x" + expected.toLatin1());
    QString utf16 = u"y"_s;
    AddressText::append(utf16, bytes);
    QCOMPARE(utf16, u"y"_s + expected);
}

} // namespace

void TestAddressText::ipv6_data()
{
    QTest::addColumn<QByteArray>("bytes"); // 32 hex digits
    QTest::addColumn<QString>("expected");
    const auto row = [](const char *name, const char *hex, const char *text) {
        QTest::newRow(name) << QByteArray(hex) << QString::fromLatin1(text);
    };
    // IPv4-compatible: the last 32 bits dotted (a hex formatter writes ::102:304).
    row("compatible ::1.2.3.4", "00000000000000000000000001020304", "::1.2.3.4");
    row("compatible ::1.2.0.0", "00000000000000000000000001020000", "::1.2.0.0");
    row("compatible ::0.1.0.0", "00000000000000000000000000010000", "::0.1.0.0");
    // seven zero groups: ::x, not ::0.0.x.y
    row("::2", "00000000000000000000000000000002", "::2");
    row("::100", "00000000000000000000000000000100", "::100");
    row("mapped ::ffff:1.2.3.4", "00000000000000000000ffff01020304", "::ffff:1.2.3.4");
    row("mapped ::ffff:0.0.0.0", "00000000000000000000ffff00000000", "::ffff:0.0.0.0");
    row("mapped ::ffff:0.0.0.1", "00000000000000000000ffff00000001", "::ffff:0.0.0.1");
    // other embeddings stay hex in inet_ntop and tshark
    row("NAT64 64:ff9b::102:304", "0064ff9b000000000000000001020304", "64:ff9b::102:304");
    row("::fffe:102:304", "00000000000000000000fffe01020304", "::fffe:102:304");
    row("::ffff:0:102:304", "0000000000000000ffff000001020304", "::ffff:0:102:304");
    row("1::ffff:102:304", "00010000000000000000ffff01020304", "1::ffff:102:304");
    row("::1:0:0", "00000000000000000000000100000000", "::1:0:0");
    row("unspecified ::", "00000000000000000000000000000000", "::");
    row("loopback ::1", "00000000000000000000000000000001", "::1");
    row("1::", "00010000000000000000000000000000", "1::");
    row("::1:0:0:0", "00000000000000000001000000000000", "::1:0:0:0");
    row("0:0:0:1::", "00000000000000010000000000000000", "0:0:0:1::");
    // a tie: the first run is compressed
    row("2001:db8:0:0:1:0:0:1", "20010db8000000000001000000000001", "2001:db8::1:0:0:1");
    // the longer run wins even when it comes second
    row("1:0:0:1::1", "00010000000000010000000000000001", "1:0:0:1::1");
    // no leading zeros, lowercase
    row("2001:db8::1", "20010db8000000000000000000000001", "2001:db8::1");
    row("2001:db8::abcd", "20010db800000000000000000000ABCD", "2001:db8::abcd");
    row("link-local fe80::1", "fe800000000000000000000000000001", "fe80::1");
    // single zero groups are not compressed
    row("1:0:2:0:3:0:4:0", "00010000000200000003000000040000", "1:0:2:0:3:0:4:0");
    row("1:2:3:4:5:6:7:0", "00010002000300040005000600070000", "1:2:3:4:5:6:7:0");
    row("0:1:2:3:4:5:6:7", "00000001000200030004000500060007", "0:1:2:3:4:5:6:7");
    row("all ones", "ffffffffffffffffffffffffffffffff", "ffff:ffff:ffff:ffff:ffff:ffff:ffff:ffff");
}

void TestAddressText::ipv6()
{
    QFETCH(QByteArray, bytes);
    QFETCH(QString, expected);
    const QByteArray raw = QByteArray::fromHex(bytes);
    QCOMPARE(raw.size(), 16);
    const IpAddress a = IpAddress::fromV6(reinterpret_cast<const quint8 *>(raw.constData()));
    checkAll(raw, a, expected);
    // and the text reads back as the same address
    QCOMPARE(IpAddress::fromString(expected), a);
}

void TestAddressText::ipv4_data()
{
    QTest::addColumn<quint32>("address");
    QTest::addColumn<QString>("expected");
    QTest::newRow("zero") << 0u << u"0.0.0.0"_s;
    QTest::newRow("mdns group") << 0xE00000FBu << u"224.0.0.251"_s;
    QTest::newRow("link-local") << 0xA9FE0102u << u"169.254.1.2"_s;
    QTest::newRow("no leading zeros") << 0x0A000001u << u"10.0.0.1"_s;
    QTest::newRow("three digits") << 0xC0A8640Au << u"192.168.100.10"_s;
    QTest::newRow("broadcast") << 0xFFFFFFFFu << u"255.255.255.255"_s;
}

void TestAddressText::ipv4()
{
    QFETCH(quint32, address);
    QFETCH(QString, expected);
    const IpAddress a = IpAddress::fromV4(address);
    const QByteArray raw(reinterpret_cast<const char *>(a.bytes().data()), 4);
    checkAll(raw, a, expected);
    QCOMPARE(a.v4(), address);
}

void TestAddressText::scopeIsNotShown()
{
    // IpAddress keeps no scope and tshark shows none (ipv6.src of a link-local sender is
    // "fe80::1"; the interface is its own column).
    const IpAddress a = IpAddress::fromString(u"fe80::1%eth0"_s);
    QVERIFY(a.isV6());
    QCOMPARE(a.toString(), u"fe80::1"_s);
    QCOMPARE(utf8Put(a), u"fe80::1"_s);
    QCOMPARE(utf8Put(IpAddress()), QString());
}

// Human text adds the interface to a link-scoped address only, and only when it is known.
void TestAddressText::scopedText_data()
{
    QTest::addColumn<QString>("address");
    QTest::addColumn<QString>("interfaceName");
    QTest::addColumn<QString>("expected");
    QTest::newRow("link-local") << u"fe80::1"_s << u"eth0"_s << u"fe80::1%eth0"_s;
    QTest::newRow("fe80::/10 upper end") << u"febf::1"_s << u"veth0"_s << u"febf::1%veth0"_s;
    QTest::newRow("no interface") << u"fe80::1"_s << QString() << u"fe80::1"_s;
    QTest::newRow("site-local fec0::") << u"fec0::1"_s << u"eth0"_s << u"fec0::1"_s;
    QTest::newRow("link-local multicast") << u"ff02::fb"_s << u"eth0"_s << u"ff02::fb%eth0"_s;
    QTest::newRow("flagged ff12::") << u"ff12::fb"_s << u"eth0"_s << u"ff12::fb%eth0"_s;
    QTest::newRow("site multicast") << u"ff05::fb"_s << u"eth0"_s << u"ff05::fb"_s;
    QTest::newRow("global") << u"2001:db8::1"_s << u"eth0"_s << u"2001:db8::1"_s;
    QTest::newRow("loopback") << u"::1"_s << u"lo"_s << u"::1"_s;
    QTest::newRow("ipv4") << u"192.168.1.5"_s << u"eth0"_s << u"192.168.1.5"_s;
    QTest::newRow("ipv4 link-local") << u"169.254.0.3"_s << u"eth0"_s << u"169.254.0.3"_s;
    QTest::newRow("mapped") << u"::ffff:169.254.0.3"_s << u"eth0"_s << u"::ffff:169.254.0.3"_s;
    QTest::newRow("non-ASCII name") << u"fe80::2"_s << u"wlan\u00e9"_s << u"fe80::2%wlan\u00e9"_s;
}

void TestAddressText::scopedText()
{
    QFETCH(QString, address);
    QFETCH(QString, interfaceName);
    QFETCH(QString, expected);
    const IpAddress a = IpAddress::fromString(address);
    QVERIFY(!a.isNull());
    // Link-scoped: the address has a zone whenever an interface is known.
    QCOMPARE(AddressText::isLinkScoped(a),
             AddressText::scopedText(a, u"x"_s) == a.toString() + u"%x"_s);
    QCOMPARE(AddressText::isLinkScoped(a), expected.contains(u'%') || interfaceName.isEmpty());
    QCOMPARE(AddressText::scopedText(a, interfaceName), expected);
    QByteArray utf8 = "x";
    AddressText::appendScoped(utf8, a, interfaceName);
    QCOMPARE(QString::fromUtf8(utf8), u"x"_s + expected);
    // The plain text never has it.
    QCOMPARE(AddressText::text(a), a.toString());
    QVERIFY(!a.toString().contains(u'%'));
}

// glibc's inet_ntop writes what tshark shows (Wireshark calls it on Linux): random
// addresses with many zero groups exercise the "::" and embedded-IPv4 choices.
void TestAddressText::sameAsInetNtop()
{
    auto *rng = QRandomGenerator::global();
    for (int i = 0; i < 20000; ++i) {
        quint8 b[16];
        const int density = 2 + i % 4;
        for (quint8 &x : b)
            x = rng->bounded(density) == 0 ? quint8(rng->bounded(256)) : 0;
        if (i % 7 == 0)
            b[10] = b[11] = 0xFF; // mapped prefix often
        char expected[INET6_ADDRSTRLEN];
        QVERIFY(inet_ntop(AF_INET6, b, expected, sizeof expected));
        QCOMPARE(utf8Put(IpAddress::fromV6(b)), QString::fromLatin1(expected));
        const quint32 v4 = rng->generate();
        const quint32 network = htonl(v4);
        QVERIFY(inet_ntop(AF_INET, &network, expected, sizeof expected));
        QCOMPARE(utf8Put(IpAddress::fromV4(v4)), QString::fromLatin1(expected));
    }
}

void TestAddressText::otherLengthsWriteNothing()
{
    // A record whose rdata is not an address is shown as hex elsewhere, never half-parsed.
    for (int n : {0, 3, 5, 15, 17})
        QCOMPARE(AddressText::text(QByteArray(n, '\1')), QString());
}

QTEST_GUILESS_MAIN(TestAddressText)
#include "tst_addresstext.moc"

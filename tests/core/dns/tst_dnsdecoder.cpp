// DnsDecoder on well-formed messages: header, every record type, the QU and cache-flush bits,
// name compression, name text, spans, type/class names, summaries. Messages are built with
// DnsWireBuilder; expected offsets come from the builder, expected texts are written by hand.
#include "DnsDecoder.h"
#include "DnsTestUtil.h"
#include "DnsWireBuilder.h"

#include <QTest>

using namespace Qt::StringLiterals;
using DnsTestUtil::field;

namespace {

// A response with one answer owned by `owner` (at offset 12); the caller writes the rdata.
struct OneAnswer
{
    DnsWireBuilder w;
    quint32 rdata = 0;
    explicit OneAnswer(quint16 type, const QByteArray &owner = "host.local", quint16 cls = 0x8001)
    {
        w.header(0, 0x8400, 0, 1, 0, 0).name(owner);
        rdata = w.beginRecord(type, cls, 120);
    }
    QByteArray done()
    {
        w.endRdata(rdata);
        return w.bytes();
    }
};

} // namespace

class TestDnsDecoder final : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void header_data();
    void header();
    void headerFields();
    void recordTypes_data();
    void recordTypes();
    void bits_data();
    void bits();
    void compression_data();
    void compression();
    void nameText_data();
    void nameText();
    void spans();
    void typeAndClassNames_data();
    void typeAndClassNames();
    void summary_data();
    void summary();
    void noFieldsDetail();
};

void TestDnsDecoder::header_data()
{
    QTest::addColumn<quint16>("id");
    QTest::addColumn<quint16>("flags");
    QTest::addColumn<QString>("expected"); // qr opcode aa tc rd ra z ad cd rcode
    QTest::newRow("mDNS query") << quint16(0) << quint16(0x0000) << u"0 0 0 0 0 0 0 0 0 0"_s;
    QTest::newRow("mDNS response") << quint16(0) << quint16(0x8400) << u"1 0 1 0 0 0 0 0 0 0"_s;
    QTest::newRow("unicast query RD")
        << quint16(0x1234) << quint16(0x0100) << u"0 0 0 0 1 0 0 0 0 0"_s;
    QTest::newRow("NXDomain RA AD")
        << quint16(0xBEEF) << quint16(0x81A3) << u"1 0 0 0 1 1 0 1 0 3"_s;
    QTest::newRow("TC CD") << quint16(1) << quint16(0x0210) << u"0 0 0 1 0 0 0 0 1 0"_s;
    QTest::newRow("Z bit") << quint16(2) << quint16(0x0040) << u"0 0 0 0 0 0 1 0 0 0"_s;
    QTest::newRow("opcode 5 (update)") << quint16(3) << quint16(0x2800) << u"0 5 0 0 0 0 0 0 0 0"_s;
    QTest::newRow("every bit") << quint16(0xFFFF) << quint16(0xFFFF) << u"1 15 1 1 1 1 1 1 1 15"_s;
}

void TestDnsDecoder::header()
{
    QFETCH(quint16, id);
    QFETCH(quint16, flags);
    QFETCH(QString, expected);
    DnsWireBuilder w;
    w.header(id, flags, 0, 0, 0, 0);
    const DnsMessage m = DnsDecoder::decode(w.bytes());
    QVERIFY(!m.isMalformed());
    const DnsHeader &h = m.header;
    QCOMPARE(h.id, id);
    const QString got = u"%1 %2 %3 %4 %5 %6 %7 %8 %9 %10"_s.arg(int(h.qr))
                            .arg(h.opcode)
                            .arg(int(h.aa))
                            .arg(int(h.tc))
                            .arg(int(h.rd))
                            .arg(int(h.ra))
                            .arg(int(h.z))
                            .arg(int(h.ad))
                            .arg(int(h.cd))
                            .arg(h.rcode);
    QCOMPARE(got, expected);
    QCOMPARE(h.span, (ByteSpan{0, 12}));
    QCOMPARE(m.isResponse(), bool(flags & 0x8000));
}

void TestDnsDecoder::headerFields()
{
    DnsWireBuilder w;
    w.header(0x1234, 0x8400, 1, 2, 3, 4);
    const DnsMessage m = DnsDecoder::decode(w.bytes());
    QCOMPARE(m.header.questionCount, quint16(1));
    QCOMPARE(m.header.answerCount, quint16(2));
    QCOMPARE(m.header.authorityCount, quint16(3));
    QCOMPARE(m.header.additionalCount, quint16(4));
    // The counts promise more than the message holds: header kept, error at the end.
    QVERIFY(m.isMalformed());
    QCOMPARE(m.error->offset, 12u);
    const QStringList expected = {
        field(u"ID"_s, u"0x1234"_s, 0, 2),
        field(u"Flags"_s, u"0x8400"_s, 2, 2),
        u"  "_s + field(u"QR"_s, u"1 (response)"_s, 2, 1),
        u"  "_s + field(u"Opcode"_s, u"0 (standard query)"_s, 2, 1),
        u"  "_s + field(u"AA"_s, u"1"_s, 2, 1),
        u"  "_s + field(u"TC"_s, u"0"_s, 2, 1),
        u"  "_s + field(u"RD"_s, u"0"_s, 2, 1),
        u"  "_s + field(u"RA"_s, u"0"_s, 3, 1),
        u"  "_s + field(u"Z"_s, u"0"_s, 3, 1),
        u"  "_s + field(u"AD"_s, u"0"_s, 3, 1),
        u"  "_s + field(u"CD"_s, u"0"_s, 3, 1),
        u"  "_s + field(u"Rcode"_s, u"0 (NoError)"_s, 3, 1),
        field(u"Questions"_s, u"1"_s, 4, 2),
        field(u"Answer RRs"_s, u"2"_s, 6, 2),
        field(u"Authority RRs"_s, u"3"_s, 8, 2),
        field(u"Additional RRs"_s, u"4"_s, 10, 2),
    };
    QCOMPARE(DnsTestUtil::dumpFields(m.header.fields), expected);
}

void TestDnsDecoder::recordTypes_data()
{
    QTest::addColumn<QByteArray>("message");
    QTest::addColumn<quint16>("type");
    QTest::addColumn<QString>("typed");
    QTest::addColumn<QString>("text");
    QTest::addColumn<QStringList>("fields");

    const auto address = [](const char *row, quint16 type, const QByteArray &hex,
                            const QString &text) {
        OneAnswer a(type);
        a.w.raw(QByteArray::fromHex(hex));
        const quint32 r = a.rdata;
        QTest::newRow(row) << a.done() << type
                           << u"address="_s + QString::fromLatin1(hex) + u" rdata="_s +
                                  QString::fromLatin1(hex)
                           << text
                           << QStringList{field(u"Address"_s, text, r, quint32(hex.size() / 2))};
    };
    address("A", DnsType::A, "c0a80102", u"192.168.1.2"_s);
    address("A 0.0.0.0", DnsType::A, "00000000", u"0.0.0.0"_s);
    address("AAAA link-local", DnsType::AAAA, "fe800000000000000000000000000001", u"fe80::1"_s);
    address("AAAA longest zero run", DnsType::AAAA, "20010db8000000010000000000000001",
            u"2001:db8:0:1::1"_s);
    address("AAAA first of equal runs", DnsType::AAAA, "20010db8000000000001000000000001",
            u"2001:db8::1:0:0:1"_s);
    address("AAAA trailing run", DnsType::AAAA, "20010db8000000000001000000000000",
            u"2001:db8:0:0:1::"_s);
    address("AAAA single zero not compressed", DnsType::AAAA, "00010000000200030004000500060007",
            u"1:0:2:3:4:5:6:7"_s);
    address("AAAA all zero", DnsType::AAAA, "00000000000000000000000000000000", u"::"_s);
    address("AAAA v4-mapped", DnsType::AAAA, "00000000000000000000ffffc0000201",
            u"::ffff:192.0.2.1"_s);

    {
        // PTR target compressed against the owner name (at 12).
        OneAnswer a(DnsType::PTR, "_ipp._tcp.local");
        const quint32 r = a.rdata;
        a.w.nameThen("Office Printer (2)", 12);
        QTest::newRow("PTR compressed")
            << a.done() << quint16(DnsType::PTR)
            << u"target=Office Printer (2)._ipp._tcp.local "
               u"rdata=124f6666696365205072696e746572202832"
               u"29c00c"_s
            << u"Office Printer (2)._ipp._tcp.local"_s
            << QStringList{field(u"Domain name"_s, u"Office Printer (2)._ipp._tcp.local"_s, r, 21)};
    }
    {
        OneAnswer a(DnsType::CNAME, "www.example");
        const quint32 r = a.rdata;
        a.w.name("example");
        QTest::newRow("CNAME") << a.done() << quint16(DnsType::CNAME)
                               << u"target=example rdata=076578616d706c6500"_s << u"example"_s
                               << QStringList{field(u"Canonical name"_s, u"example"_s, r, 9)};
    }
    {
        OneAnswer a(DnsType::NS, "example");
        const quint32 r = a.rdata;
        a.w.nameThen("ns1", 12);
        QTest::newRow("NS") << a.done() << quint16(DnsType::NS)
                            << u"target=ns1.example rdata=036e7331c00c"_s << u"ns1.example"_s
                            << QStringList{field(u"Name server"_s, u"ns1.example"_s, r, 6)};
    }
    {
        OneAnswer a(DnsType::SRV, "Printer._ipp._tcp.local");
        const quint32 r = a.rdata;
        a.w.u16(1).u16(2).u16(631).nameThen("host", 12 + 8 + 5 + 5); // -> "local"
        QTest::newRow("SRV") << a.done() << quint16(DnsType::SRV)
                             << u"target=host.local srv=1,2,631 rdata=00010002027704686f7374c01e"_s
                             << u"1 2 631 host.local"_s
                             << QStringList{field(u"Priority"_s, u"1"_s, r, 2),
                                            field(u"Weight"_s, u"2"_s, r + 2, 2),
                                            field(u"Port"_s, u"631"_s, r + 4, 2),
                                            field(u"Target"_s, u"host.local"_s, r + 6, 7)};
    }
    {
        OneAnswer a(DnsType::TXT, "Printer._ipp._tcp.local");
        const quint32 r = a.rdata;
        a.w.label("txtvers=1")
            .label("note=2.OG \\x")
            .label("paper")
            .label("")
            .label("k=")
            .label(QByteArray("bin=\x00\xff\x7f", 7));
        QTest::newRow("TXT")
            << a.done() << quint16(DnsType::TXT)
            << u"txt=[747874766572733d31,6e6f74653d322e4f47205c78,7061706572,,6b3d,62696e3d00ff7f]"
               u" rdata=09747874766572733d310c6e6f74653d322e4f47205c780570617065720002"
               u"6b3d0762696e3d00ff7f"_s
            << uR"("txtvers=1" "note=2.OG \\x" "paper" "" "k=" "bin=\000\255\127")"_s
            << QStringList{
                   field(u"String"_s, u"txtvers=1"_s, r, 10),
                   u"  "_s + field(u"Length"_s, u"9"_s, r, 1),
                   u"  "_s + field(u"Key"_s, u"txtvers"_s, r + 1, 7),
                   u"  "_s + field(u"Value"_s, u"1"_s, r + 9, 1),
                   field(u"String"_s, uR"(note=2.OG \\x)"_s, r + 10, 13),
                   u"  "_s + field(u"Length"_s, u"12"_s, r + 10, 1),
                   u"  "_s + field(u"Key"_s, u"note"_s, r + 11, 4),
                   u"  "_s + field(u"Value"_s, uR"(2.OG \\x)"_s, r + 16, 7),
                   field(u"String"_s, u"paper"_s, r + 23, 6),
                   u"  "_s + field(u"Length"_s, u"5"_s, r + 23, 1),
                   u"  "_s + field(u"Key"_s, u"paper"_s, r + 24, 5),
                   field(u"String"_s, QString(), r + 29, 1),
                   u"  "_s + field(u"Length"_s, u"0"_s, r + 29, 1),
                   field(u"String"_s, u"k="_s, r + 30, 3),
                   u"  "_s + field(u"Length"_s, u"2"_s, r + 30, 1),
                   u"  "_s + field(u"Key"_s, u"k"_s, r + 31, 1),
                   u"  "_s + field(u"Value"_s, QString(), r + 33, 0),
                   field(u"String"_s, uR"(bin=\000\255\127)"_s, r + 33, 8),
                   u"  "_s + field(u"Length"_s, u"7"_s, r + 33, 1),
                   u"  "_s + field(u"Key"_s, u"bin"_s, r + 34, 3),
                   u"  "_s + field(u"Value"_s, uR"(\000\255\127)"_s, r + 38, 3),
               };
    }
    {
        OneAnswer a(DnsType::TXT);
        QTest::newRow("TXT empty rdata") << a.done() << quint16(DnsType::TXT) << u"txt=[] rdata="_s
                                         << QString() << QStringList();
    }
    {
        OneAnswer a(DnsType::HINFO);
        const quint32 r = a.rdata;
        a.w.label("ARMV7L").label("LINUX");
        QTest::newRow("HINFO") << a.done() << quint16(DnsType::HINFO)
                               << u"hinfo=ARMV7L/LINUX rdata=0641524d56374c054c494e5558"_s
                               << uR"("ARMV7L" "LINUX")"_s
                               << QStringList{field(u"CPU"_s, u"ARMV7L"_s, r, 7),
                                              field(u"OS"_s, u"LINUX"_s, r + 7, 6)};
    }
    {
        // mDNS restricted form (RFC 6762 §6.1): next name = owner, window 0: A and AAAA.
        OneAnswer a(DnsType::NSEC);
        const quint32 r = a.rdata;
        a.w.pointer(12).u8(0).u8(4).raw(QByteArray::fromHex("40000008"));
        QTest::newRow("NSEC") << a.done() << quint16(DnsType::NSEC)
                              << u"target=host.local types=1,28 rdata=c00c000440000008"_s
                              << u"host.local A AAAA"_s
                              << QStringList{field(u"Next domain name"_s, u"host.local"_s, r, 2),
                                             field(u"Type bitmap"_s, u"A AAAA"_s, r + 2, 6),
                                             u"  "_s +
                                                 field(u"Window"_s, u"0: A AAAA"_s, r + 2, 6)};
    }
    {
        OneAnswer a(DnsType::NSEC);
        const quint32 r = a.rdata;
        a.w.name("next").u8(0).u8(2).raw(QByteArray::fromHex("0008")).u8(1).u8(1).u8(0x40);
        QTest::newRow("NSEC two windows")
            << a.done() << quint16(DnsType::NSEC)
            << u"target=next types=12,257 rdata=046e6578740000020008010140"_s << u"next PTR CAA"_s
            << QStringList{field(u"Next domain name"_s, u"next"_s, r, 6),
                           field(u"Type bitmap"_s, u"PTR CAA"_s, r + 6, 7),
                           u"  "_s + field(u"Window"_s, u"0: PTR"_s, r + 6, 4),
                           u"  "_s + field(u"Window"_s, u"1: CAA"_s, r + 10, 3)};
    }
    {
        DnsWireBuilder w;
        w.header(0, 0x8400, 0, 0, 0, 1).name("");
        const quint32 cls = w.pos() + 2;
        const quint32 r = w.beginRecord(DnsType::OPT, 1440, 0x00008000);
        w.u16(4).u16(6).raw(QByteArray::fromHex("00112233aabb"));
        w.endRdata(r);
        QTest::newRow("OPT") << w.bytes() << quint16(DnsType::OPT)
                             << u"option=4:00112233aabb rdata=0004000600112233aabb"_s
                             << u"payload 1440, version 0, DO, Owner (4)"_s
                             << QStringList{
                                    field(u"UDP payload size"_s, u"1440"_s, cls, 2),
                                    field(u"Extended rcode"_s, u"0"_s, cls + 2, 1),
                                    field(u"EDNS version"_s, u"0"_s, cls + 3, 1),
                                    field(u"DO"_s, u"1"_s, cls + 4, 1),
                                    field(u"Z"_s, u"0"_s, cls + 4, 2),
                                    field(u"Option"_s, u"Owner (4): 00112233aabb"_s, r, 10),
                                    u"  "_s + field(u"Option code"_s, u"Owner (4)"_s, r, 2),
                                    u"  "_s + field(u"Option length"_s, u"6"_s, r + 2, 2),
                                    u"  "_s + field(u"Option data"_s, u"00112233aabb"_s, r + 4, 6)};
    }
    {
        OneAnswer a(65534);
        const quint32 r = a.rdata;
        a.w.raw(QByteArray::fromHex("010203"));
        QTest::newRow("unknown type keeps raw rdata")
            << a.done() << quint16(65534) << u"rdata=010203"_s << u"010203"_s
            << QStringList{field(u"Data"_s, u"010203"_s, r, 3)};
    }
    {
        // SOA and MX are named but not decoded: raw rdata (names inside stay compressed bytes).
        OneAnswer a(DnsType::MX);
        const quint32 r = a.rdata;
        a.w.u16(10).pointer(12);
        QTest::newRow("MX stays raw")
            << a.done() << quint16(DnsType::MX) << u"rdata=000ac00c"_s << u"000ac00c"_s
            << QStringList{field(u"Data"_s, u"000ac00c"_s, r, 4)};
    }
}

void TestDnsDecoder::recordTypes()
{
    QFETCH(QByteArray, message);
    QFETCH(quint16, type);
    QFETCH(QString, typed);
    QFETCH(QString, text);
    QFETCH(QStringList, fields);
    const DnsMessage m = DnsDecoder::decode(message);
    QVERIFY2(!m.isMalformed(), qPrintable(m.error->reason));
    QCOMPARE(m.records.size(), 1);
    const DnsRecord &r = m.records.first();
    QCOMPARE(r.type, type);
    QCOMPARE(DnsTestUtil::typed(r), typed);
    QCOMPARE(DnsDecoder::rdataText(r), text);
    QCOMPARE(DnsTestUtil::dumpFields(r.rdataFields), fields);
    QCOMPARE(r.rdata.size(), int(r.rdlength));
    QCOMPARE(r.span.end(), quint32(message.size()));
}

void TestDnsDecoder::bits_data()
{
    QTest::addColumn<bool>("isQuestion");
    QTest::addColumn<quint16>("type");
    QTest::addColumn<quint16>("wireClass");
    QTest::addColumn<quint16>("expectedClass");
    QTest::addColumn<bool>("expectedBit");

    QTest::newRow("question QM") << true << quint16(DnsType::PTR) << quint16(0x0001) << quint16(1)
                                 << false;
    QTest::newRow("question QU") << true << quint16(DnsType::PTR) << quint16(0x8001) << quint16(1)
                                 << true;
    QTest::newRow("question QU class ANY")
        << true << quint16(DnsType::ANY) << quint16(0x80FF) << quint16(255) << true;
    QTest::newRow("question QU top class")
        << true << quint16(DnsType::A) << quint16(0xFFFF) << quint16(0x7FFF) << true;
    QTest::newRow("record shared")
        << false << quint16(DnsType::PTR) << quint16(0x0001) << quint16(1) << false;
    QTest::newRow("record cache-flush")
        << false << quint16(DnsType::A) << quint16(0x8001) << quint16(1) << true;
    QTest::newRow("OPT payload with top bit is no cache-flush")
        << false << quint16(DnsType::OPT) << quint16(0x9000) << quint16(0x9000) << false;
    QTest::newRow("OPT 1440") << false << quint16(DnsType::OPT) << quint16(1440) << quint16(1440)
                              << false;
}

void TestDnsDecoder::bits()
{
    QFETCH(bool, isQuestion);
    QFETCH(quint16, type);
    QFETCH(quint16, wireClass);
    QFETCH(quint16, expectedClass);
    QFETCH(bool, expectedBit);
    DnsWireBuilder w;
    if (isQuestion) {
        w.header(0, 0, 1, 0, 0, 0).question("host.local", type, wireClass);
    } else {
        w.header(0, 0x8400, 0, 1, 0, 0).name(type == DnsType::OPT ? "" : "host.local");
        const quint32 rdata = w.beginRecord(type, wireClass, 120);
        if (type == DnsType::A)
            w.u32(0x0A000001);
        else if (type == DnsType::PTR)
            w.pointer(12);
        w.endRdata(rdata); // OPT: no options
    }
    const QByteArray bytes = w.bytes();
    const DnsMessage m = DnsDecoder::decode(bytes);
    QVERIFY2(!m.isMalformed(), m.isMalformed() ? qPrintable(m.error->reason) : "");
    if (isQuestion) {
        QCOMPARE(m.questions.size(), 1);
        QCOMPARE(m.questions[0].qclass, expectedClass);
        QCOMPARE(m.questions[0].unicastResponse, expectedBit);
    } else {
        QCOMPARE(m.records.size(), 1);
        QCOMPARE(m.records[0].rrclass, expectedClass);
        QCOMPARE(m.records[0].cacheFlush, expectedBit);
    }
}

void TestDnsDecoder::compression_data()
{
    QTest::addColumn<QByteArray>("message");
    QTest::addColumn<int>("question");
    QTest::addColumn<QString>("name");
    QTest::addColumn<quint32>("nameOffset");
    QTest::addColumn<quint32>("nameLength");

    {
        DnsWireBuilder w;
        w.header(0, 0, 2, 0, 0, 0).question("host.local", 1, 1);
        const quint32 q2 = w.pos();
        w.pointer(12).u16(28).u16(1);
        QTest::newRow("backward pointer") << w.bytes() << 1 << u"host.local"_s << q2 << 2u;
    }
    {
        DnsWireBuilder w;
        w.header(0, 0, 2, 0, 0, 0).question("host.local", 1, 1);
        const quint32 q2 = w.pos();
        w.nameThen("www", 12 + 5).u16(1).u16(1); // -> "local"
        QTest::newRow("label then pointer") << w.bytes() << 1 << u"www.local"_s << q2 << 6u;
    }
    {
        DnsWireBuilder w;
        w.header(0, 0, 3, 0, 0, 0).question("host.local", 1, 1);
        const quint32 q2 = w.pos();
        w.nameThen("a", 12).u16(1).u16(1);
        const quint32 q3 = w.pos();
        w.nameThen("b", q2).u16(1).u16(1);
        QTest::newRow("pointer to a name that ends in a pointer")
            << w.bytes() << 2 << u"b.a.host.local"_s << q3 << 4u;
    }
    {
        DnsWireBuilder w;
        w.header(0, 0, 3, 0, 0, 0).question("host.local", 1, 1);
        const quint32 q2 = w.pos();
        w.pointer(12).u16(1).u16(1);
        const quint32 q3 = w.pos();
        w.pointer(q2).u16(1).u16(1);
        QTest::newRow("pointer to pointer") << w.bytes() << 2 << u"host.local"_s << q3 << 2u;
    }
    {
        // The question points forward at the answer's owner name.
        DnsWireBuilder w;
        w.header(0, 0x8400, 1, 1, 0, 0);
        w.pointer(12 + 6).u16(1).u16(1);
        w.record("host.local", DnsType::A, 1, 120, QByteArray::fromHex("0a000001"));
        QTest::newRow("forward pointer") << w.bytes() << 0 << u"host.local"_s << 12u << 2u;
    }
    {
        // Forward chain: question -> answer owner "a" + pointer -> additional owner "b.local".
        DnsWireBuilder w;
        w.header(0, 0x8400, 1, 1, 0, 1);
        w.pointer(12 + 6).u16(1).u16(1);
        const quint32 answer = w.pos();
        QCOMPARE(answer, 18u);
        const quint32 additional = answer + 4 + 10 + 4;
        w.nameThen("a", additional);
        quint32 r = w.beginRecord(DnsType::A, 1, 120);
        w.u32(0x0A000001);
        w.endRdata(r);
        QCOMPARE(w.pos(), additional);
        w.name("b.local");
        r = w.beginRecord(DnsType::A, 1, 120);
        w.u32(0x0A000002);
        w.endRdata(r);
        QTest::newRow("forward pointer chain") << w.bytes() << 0 << u"a.b.local"_s << 12u << 2u;
    }
    {
        DnsWireBuilder w;
        w.header(0, 0, 1, 0, 0, 0).question("", DnsType::ANY, 1);
        QTest::newRow("root name") << w.bytes() << 0 << u"<Root>"_s << 12u << 1u;
    }
    {
        // 63 + 63 + 63 + 61 label bytes: 4 length bytes + 250 + the zero = 255, the maximum.
        const QByteArray l63(63, 'a'), l61(61, 'b');
        DnsWireBuilder w;
        w.header(0, 0, 1, 0, 0, 0).label(l63).label(l63).label(l63).label(l61).u8(0).u16(1).u16(1);
        const QString text = QString::fromLatin1(l63 + '.' + l63 + '.' + l63 + '.' + l61);
        QTest::newRow("name of exactly 255 bytes") << w.bytes() << 0 << text << 12u << 255u;
    }
}

void TestDnsDecoder::compression()
{
    QFETCH(QByteArray, message);
    QFETCH(int, question);
    QFETCH(QString, name);
    QFETCH(quint32, nameOffset);
    QFETCH(quint32, nameLength);
    const DnsMessage m = DnsDecoder::decode(message);
    QVERIFY2(!m.isMalformed(), m.isMalformed() ? qPrintable(m.error->reason) : "");
    QVERIFY(question < m.questions.size());
    const DnsQuestion &q = m.questions.at(question);
    QCOMPARE(q.name, name);
    QCOMPARE(q.nameSpan, (ByteSpan{nameOffset, nameLength}));
    QCOMPARE(q.typeSpan.offset, nameOffset + nameLength);
}

void TestDnsDecoder::nameText_data()
{
    QTest::addColumn<QList<QByteArray>>("labels");
    QTest::addColumn<QString>("text");

    QTest::newRow("instance name")
        << QList<QByteArray>{"Office Printer (2)", "_ipp", "_tcp", "local"}
        << u"Office Printer (2)._ipp._tcp.local"_s;
    QTest::newRow("dot in label") << QList<QByteArray>{"a.b", "local"} << uR"(a\.b.local)"_s;
    QTest::newRow("backslash in label") << QList<QByteArray>{"a\\b"} << uR"(a\\b)"_s;
    QTest::newRow("control bytes")
        << QList<QByteArray>{QByteArray("a\x01\x1f", 3)} << uR"(a\001\031)"_s;
    QTest::newRow("NUL byte") << QList<QByteArray>{QByteArray("x\x00y", 3)} << uR"(x\000y)"_s;
    QTest::newRow("DEL") << QList<QByteArray>{"\x7f"} << uR"(\127)"_s;
    QTest::newRow("UTF-8 apostrophe")
        << QList<QByteArray>{"Bryan\xe2\x80\x99s iMac", "local"} << u"Bryan\u2019s iMac.local"_s;
    QTest::newRow("UTF-8 2-byte") << QList<QByteArray>{"caf\xc3\xa9"} << u"caf\u00e9"_s;
    QTest::newRow("UTF-8 4-byte") << QList<QByteArray>{"tv \xf0\x9f\x93\xba"} << u"tv \U0001F4FA"_s;
    QTest::newRow("lone continuation byte") << QList<QByteArray>{"a\x80"} << uR"(a\128)"_s;
    QTest::newRow("invalid byte 0xFF") << QList<QByteArray>{"\xff"} << uR"(\255)"_s;
    QTest::newRow("cut sequence") << QList<QByteArray>{"\xe2\x80", "x"} << uR"(\226\128.x)"_s;
    QTest::newRow("overlong slash") << QList<QByteArray>{"\xc0\xaf"} << uR"(\192\175)"_s;
    QTest::newRow("overlong 3-byte") << QList<QByteArray>{"\xe0\x80\xaf"} << uR"(\224\128\175)"_s;
    QTest::newRow("UTF-16 surrogate") << QList<QByteArray>{"\xed\xa0\x80"} << uR"(\237\160\128)"_s;
    QTest::newRow("above U+10FFFF")
        << QList<QByteArray>{"\xf4\x90\x80\x80"} << uR"(\244\144\128\128)"_s;
    QTest::newRow("C1 control") << QList<QByteArray>{"a\xc2\x85"} << uR"(a\194\133)"_s;
    QTest::newRow("U+00A0 kept") << QList<QByteArray>{"a\xc2\xa0"} << u"a\u00a0"_s;
    QTest::newRow("quote and space kept") << QList<QByteArray>{"say \"hi\""} << u"say \"hi\""_s;
}

void TestDnsDecoder::nameText()
{
    QFETCH(QList<QByteArray>, labels);
    QFETCH(QString, text);
    DnsWireBuilder w;
    w.header(0, 0, 1, 0, 0, 0);
    for (const QByteArray &l : labels)
        w.label(l);
    w.u8(0).u16(1).u16(1);
    const DnsMessage m = DnsDecoder::decode(w.bytes());
    QVERIFY(!m.isMalformed());
    QCOMPARE(m.questions.first().name, text);
    QCOMPARE(DnsDecoder::nameToText(labels), text);
}

void TestDnsDecoder::spans()
{
    // A DNS-SD announcement: question-less response with PTR, SRV, TXT and an additional A.
    DnsWireBuilder w;
    w.header(0, 0x8400, 1, 2, 0, 1);
    w.question("_ipp._tcp.local", DnsType::PTR, 1); // 12 .. 12+17+4
    const quint32 ptrAt = w.pos();
    w.pointer(12);
    const quint32 ptrRdata = w.beginRecord(DnsType::PTR, 1, 4500);
    w.nameThen("Printer", 12);
    w.endRdata(ptrRdata);
    const quint32 srvAt = w.pos();
    w.pointer(ptrRdata);
    const quint32 srvRdata = w.beginRecord(DnsType::SRV, 0x8001, 120);
    w.u16(0).u16(0).u16(631);
    const quint32 targetAt = w.pos();
    w.nameThen("host", 12 + 10); // "local" of the question name
    w.endRdata(srvRdata);
    const quint32 aAt = w.pos();
    w.pointer(targetAt);
    const quint32 aRdata = w.beginRecord(DnsType::A, 0x8001, 120);
    w.u32(0xA9FE0102);
    w.endRdata(aRdata);

    const DnsMessage m = DnsDecoder::decode(w.bytes());
    QVERIFY(!m.isMalformed());
    QCOMPARE(m.header.span, (ByteSpan{0, 12}));
    QCOMPARE(m.questions.size(), 1);
    const DnsQuestion &q = m.questions[0];
    QCOMPARE(q.span, (ByteSpan{12, ptrAt - 12}));
    QCOMPARE(q.nameSpan, (ByteSpan{12, 17}));
    QCOMPARE(q.typeSpan, (ByteSpan{29, 2}));
    QCOMPARE(q.classSpan, (ByteSpan{31, 2}));

    QCOMPARE(m.records.size(), 3);
    const DnsRecord &ptr = m.records[0];
    QCOMPARE(ptr.section, DnsSection::Answer);
    QCOMPARE(ptr.name, u"_ipp._tcp.local"_s);
    QCOMPARE(ptr.span, (ByteSpan{ptrAt, srvAt - ptrAt}));
    QCOMPARE(ptr.nameSpan, (ByteSpan{ptrAt, 2}));
    QCOMPARE(ptr.typeSpan, (ByteSpan{ptrAt + 2, 2}));
    QCOMPARE(ptr.classSpan, (ByteSpan{ptrAt + 4, 2}));
    QCOMPARE(ptr.ttlSpan, (ByteSpan{ptrAt + 6, 4}));
    QCOMPARE(ptr.rdlengthSpan, (ByteSpan{ptrAt + 10, 2}));
    QCOMPARE(ptr.rdataSpan, (ByteSpan{ptrRdata, 10}));
    QCOMPARE(ptr.ttl, 4500u);
    QCOMPARE(ptr.target, u"Printer._ipp._tcp.local"_s);

    const DnsRecord &srv = m.records[1];
    QCOMPARE(srv.name, u"Printer._ipp._tcp.local"_s);
    QCOMPARE(srv.span, (ByteSpan{srvAt, aAt - srvAt}));
    QCOMPARE(srv.rdataSpan, (ByteSpan{srvRdata, 6 + 7}));
    QCOMPARE(srv.rdlength, quint16(13));
    QVERIFY(srv.cacheFlush);
    QCOMPARE(DnsTestUtil::dumpFields(srv.rdataFields),
             (QStringList{field(u"Priority"_s, u"0"_s, srvRdata, 2),
                          field(u"Weight"_s, u"0"_s, srvRdata + 2, 2),
                          field(u"Port"_s, u"631"_s, srvRdata + 4, 2),
                          field(u"Target"_s, u"host.local"_s, targetAt, 7)}));

    const DnsRecord &a = m.records[2];
    QCOMPARE(a.section, DnsSection::Additional);
    QCOMPARE(a.name, u"host.local"_s);
    QCOMPARE(a.span, (ByteSpan{aAt, quint32(w.bytes().size()) - aAt}));
    QCOMPARE(a.rdataSpan, (ByteSpan{aRdata, 4}));
    QCOMPARE(DnsDecoder::rdataText(a), u"169.254.1.2"_s);
    QCOMPARE(DnsTestUtil::spanOutside(m, quint32(w.bytes().size())), QString());
}

void TestDnsDecoder::typeAndClassNames_data()
{
    QTest::addColumn<quint16>("code");
    QTest::addColumn<QString>("type");
    QTest::addColumn<QString>("cls");
    QTest::newRow("1") << quint16(1) << u"A"_s << u"IN"_s;
    QTest::newRow("2") << quint16(2) << u"NS"_s << u"CLASS2"_s;
    QTest::newRow("3") << quint16(3) << u"TYPE3"_s << u"CH"_s;
    QTest::newRow("4") << quint16(4) << u"TYPE4"_s << u"HS"_s;
    QTest::newRow("5") << quint16(5) << u"CNAME"_s << u"CLASS5"_s;
    QTest::newRow("6") << quint16(6) << u"SOA"_s << u"CLASS6"_s;
    QTest::newRow("12") << quint16(12) << u"PTR"_s << u"CLASS12"_s;
    QTest::newRow("13") << quint16(13) << u"HINFO"_s << u"CLASS13"_s;
    QTest::newRow("15") << quint16(15) << u"MX"_s << u"CLASS15"_s;
    QTest::newRow("16") << quint16(16) << u"TXT"_s << u"CLASS16"_s;
    QTest::newRow("28") << quint16(28) << u"AAAA"_s << u"CLASS28"_s;
    QTest::newRow("33") << quint16(33) << u"SRV"_s << u"CLASS33"_s;
    QTest::newRow("41") << quint16(41) << u"OPT"_s << u"CLASS41"_s;
    QTest::newRow("46") << quint16(46) << u"RRSIG"_s << u"CLASS46"_s;
    QTest::newRow("47") << quint16(47) << u"NSEC"_s << u"CLASS47"_s;
    QTest::newRow("65") << quint16(65) << u"HTTPS"_s << u"CLASS65"_s;
    QTest::newRow("255") << quint16(255) << u"ANY"_s << u"ANY"_s;
    QTest::newRow("0") << quint16(0) << u"TYPE0"_s << u"CLASS0"_s;
    QTest::newRow("507") << quint16(507) << u"TYPE507"_s << u"CLASS507"_s;
    QTest::newRow("65534") << quint16(65534) << u"TYPE65534"_s << u"CLASS65534"_s;
}

void TestDnsDecoder::typeAndClassNames()
{
    QFETCH(quint16, code);
    QFETCH(QString, type);
    QFETCH(QString, cls);
    QCOMPARE(DnsDecoder::typeName(code), type);
    QCOMPARE(DnsDecoder::className(code), cls);
}

void TestDnsDecoder::summary_data()
{
    QTest::addColumn<QByteArray>("message");
    QTest::addColumn<QString>("summary");
    {
        DnsWireBuilder w;
        w.header(0, 0, 2, 0, 0, 0).question("_ipp._tcp.local", DnsType::PTR, 0x8001);
        w.question("_ipps._tcp.local", DnsType::PTR, 1);
        QTest::newRow("query QU then QM")
            << w.bytes() << u"Query: _ipp._tcp.local PTR (QU), _ipps._tcp.local PTR"_s;
    }
    {
        DnsWireBuilder w;
        w.header(0, 0, 5, 0, 0, 0);
        for (const char *n : {"a.local", "b.local", "c.local", "d.local", "e.local"})
            w.question(n, DnsType::ANY, 1);
        QTest::newRow("query with more than three questions")
            << w.bytes() << u"Query: a.local ANY, b.local ANY, c.local ANY, +2 qd"_s;
    }
    {
        DnsWireBuilder w;
        w.header(0, 0x8400, 0, 4, 0, 2).name("_ipp._tcp.local");
        quint32 r = w.beginRecord(DnsType::PTR, 1, 4500);
        const quint32 instance = w.pos();
        w.nameThen("Office Printer", 12);
        w.endRdata(r);
        w.pointer(instance);
        r = w.beginRecord(DnsType::SRV, 0x8001, 120);
        w.u16(0).u16(0).u16(631).name("host.local");
        w.endRdata(r);
        w.pointer(instance);
        r = w.beginRecord(DnsType::TXT, 0x8001, 4500);
        w.label("txtvers=1").label("rp=ipp");
        w.endRdata(r);
        w.record("host.local", DnsType::A, 0x8001, 120, QByteArray::fromHex("a9fe0102"));
        w.record("host.local", DnsType::AAAA, 0x8001, 120,
                 QByteArray::fromHex("fe800000000000000000000000000001"));
        w.record("host.local", DnsType::AAAA, 0x8001, 120,
                 QByteArray::fromHex("fe800000000000000000000000000002"));
        QTest::newRow("DNS-SD response")
            << w.bytes()
            << u"Announcement: _ipp._tcp.local PTR Office Printer._ipp._tcp.local, SRV 0 0 631 "
               u"host.local, TXT \"txtvers=1\" \u2026, +1 an, +2 ar"_s;
    }
    {
        DnsWireBuilder w;
        w.header(0, 0x8400, 0, 1, 0, 0);
        w.record("host.local", DnsType::A, 0x8001, 0, QByteArray::fromHex("0a000001"));
        QTest::newRow("goodbye") << w.bytes() << u"Goodbye: host.local A 10.0.0.1"_s;
    }
    {
        DnsWireBuilder w;
        w.header(0, 0x8400, 0, 0, 0, 0);
        QTest::newRow("empty response") << w.bytes() << u"Response: (empty)"_s;
    }
    {
        DnsWireBuilder w;
        w.header(0, 0x8403, 1, 0, 0, 0).question("gone.example", DnsType::A, 1);
        QTest::newRow("rcode") << w.bytes() << u"Response: (empty) [rcode 3]"_s;
    }
    {
        DnsWireBuilder w;
        w.header(0, 0, 2, 0, 0, 0).question("host.local", DnsType::A, 1);
        const quint32 bad = w.pos();
        w.pointer(bad);
        QTest::newRow("malformed")
            << w.bytes()
            << u"Query: host.local A [Malformed at %1: compression pointer loop (offset %1 again)]"_s
                   .arg(bad);
    }
    {
        // RFC 6762 §8.1: a query with the proposed records in the authority section.
        DnsWireBuilder w;
        w.header(0, 0, 1, 0, 2, 0).question("host.local", DnsType::ANY, 0x8001);
        w.record("host.local", DnsType::A, 1, 120, QByteArray::fromHex("a9fe0102"));
        w.record("host.local", DnsType::AAAA, 1, 120,
                 QByteArray::fromHex("fe800000000000000000000000000001"));
        QTest::newRow("probe") << w.bytes() << u"Probe: host.local ANY (QU), +2 ns"_s;
    }
    {
        // Known answers (RFC 6762 §7.1) are counted; the OPT of the additional section too.
        DnsWireBuilder w;
        w.header(0, 0, 1, 2, 0, 1).question("_ipp._tcp.local", DnsType::PTR, 1);
        w.record("_ipp._tcp.local", DnsType::PTR, 1, 4500, QByteArray::fromHex("016100"));
        w.record("_ipp._tcp.local", DnsType::PTR, 1, 4500, QByteArray::fromHex("016200"));
        w.name("").u16(DnsType::OPT).u16(1440).u32(0).u16(0);
        QTest::newRow("query with known answers")
            << w.bytes() << u"Query: _ipp._tcp.local PTR, +2 an, +1 ar"_s;
    }
    {
        // A response that repeats the question (a legacy unicast reply, RFC 6762 §6.7) is a
        // Response with its ID; its +N counts the answers beyond three and every other record.
        DnsWireBuilder w;
        w.header(0x1234, 0x8400, 1, 5, 1, 2).question("host.local", DnsType::A, 1);
        for (char i = 1; i <= 5; ++i)
            w.record("host.local", DnsType::A, 1, 10, QByteArray::fromHex("0a0000") + i);
        w.record("local", DnsType::NS, 1, 10, QByteArray::fromHex("026e7300"));
        w.record("ns", DnsType::A, 1, 10, QByteArray::fromHex("0a000063"));
        w.record("ns", DnsType::A, 1, 10, QByteArray::fromHex("0a000064"));
        QTest::newRow("response with question, id and all sections")
            << w.bytes()
            << u"Response: host.local A 10.0.0.1, A 10.0.0.2, A 10.0.0.3, +2 an, +1 ns, +2 ar "
               u"[id=0x1234]"_s;
    }
    {
        // ID 0 but the question echoed: not unsolicited.
        DnsWireBuilder w;
        w.header(0, 0x8400, 1, 1, 0, 0).question("host.local", DnsType::A, 1);
        w.record("host.local", DnsType::A, 0x8001, 120, QByteArray::fromHex("0a000001"));
        QTest::newRow("response naming its question")
            << w.bytes() << u"Response: host.local A 10.0.0.1"_s;
    }
    {
        // A response of additional records alone is no announcement of answers.
        DnsWireBuilder w;
        w.header(0, 0x8400, 0, 0, 0, 1);
        w.record("host.local", DnsType::A, 0x8001, 120, QByteArray::fromHex("0a000001"));
        QTest::newRow("response without answers")
            << w.bytes() << u"Response: host.local A 10.0.0.1"_s;
    }
    {
        // One record withdrawn among live ones: an announcement with the record marked.
        DnsWireBuilder w;
        w.header(0, 0x8400, 0, 2, 0, 0);
        w.record("host.local", DnsType::A, 0x8001, 0, QByteArray::fromHex("0a000001"));
        w.record("host.local", DnsType::A, 0x8001, 120, QByteArray::fromHex("0a000002"));
        QTest::newRow("announcement with one goodbye record")
            << w.bytes() << u"Announcement: host.local A 10.0.0.1 (goodbye), A 10.0.0.2"_s;
    }
    {
        // The OPT pseudo-record's TTL field holds EDNS flags: a goodbye all the same.
        DnsWireBuilder w;
        w.header(0, 0x8400, 0, 1, 0, 1);
        w.record("host.local", DnsType::A, 0x8001, 0, QByteArray::fromHex("0a000001"));
        w.name("").u16(DnsType::OPT).u16(1440).u32(0x8000).u16(0);
        QTest::newRow("goodbye with OPT")
            << w.bytes() << u"Goodbye: host.local A 10.0.0.1, +1 ar"_s;
    }
    {
        // SRV: priority, weight, port, target; the root target (RFC 2782: no service) as ".".
        DnsWireBuilder w;
        w.header(0, 0x8400, 0, 2, 0, 0);
        w.name("");
        const quint32 r = w.beginRecord(DnsType::SRV, 0x8001, 120);
        w.u16(0).u16(0).u16(0).name("");
        w.endRdata(r);
        w.record("b._ipp._tcp.local", DnsType::SRV, 0x8001, 120,
                 QByteArray::fromHex("000a00140277016800"));
        QTest::newRow("SRV, root owner and target")
            << w.bytes() << u"Announcement: . SRV 0 0 0 ., b._ipp._tcp.local SRV 10 20 631 h"_s;
    }
    {
        // A label whose text is "<Root>" or "." never reads as the root.
        DnsWireBuilder w;
        w.header(0, 0, 2, 0, 0, 0);
        w.label("<Root>").u8(0).u16(DnsType::A).u16(1);
        w.label(".").u8(0).u16(DnsType::A).u16(1);
        QTest::newRow("labels <Root> and .") << w.bytes() << u"Query: \\060Root> A, \\. A"_s;
    }
    {
        DnsWireBuilder w;
        w.header(0xbeef, 0x2800, 1, 0, 0, 0).question("example.com", DnsType::SOA, 1);
        QTest::newRow("opcode UPDATE and id")
            << w.bytes() << u"Query: example.com SOA [id=0xbeef, opcode=UPDATE]"_s;
    }
    {
        DnsWireBuilder w;
        w.header(0, 0x1000, 1, 0, 0, 0).question("example.com", DnsType::A, 1);
        QTest::newRow("opcode 2 alone") << w.bytes() << u"Query: example.com A [opcode=STATUS]"_s;
    }
    {
        // Bytes that only look like a header: counts far beyond any DNS message.
        DnsWireBuilder w;
        w.header(0xe3c3, 0x8004, 30000, 20000, 0, 1).raw(QByteArray(40, '\xab'));
        QTest::newRow("not DNS: counts")
            << w.bytes()
            << u"Not DNS: its header counts 30000 questions and 20001 records, at least 370023 "
               u"bytes, more than any DNS message holds"_s;
    }
    {
        // Plausible counts, an opcode DNS does not assign, and not decodable.
        DnsWireBuilder w;
        w.header(0x7236, 0x6000, 1, 0, 0, 0).raw(QByteArray::fromHex("3f61"));
        QTest::newRow("not DNS: opcode")
            << w.bytes() << u"Not DNS: opcode 12 is not a DNS opcode"_s;
    }
    {
        // A question cut short is DNS gone wrong, not something else: shown as malformed.
        DnsWireBuilder w;
        w.header(0x2222, 0x0100, 1, 0, 0, 0).raw(QByteArray::fromHex("0361"));
        QTest::newRow("cut question stays malformed")
            << w.bytes()
            << u"Query: (empty) [id=0x2222] [Malformed at 12: label of 3 bytes runs past the end "
               u"of the message]"_s;
    }
}

void TestDnsDecoder::summary()
{
    QFETCH(QByteArray, message);
    QFETCH(QString, summary);
    QCOMPARE(DnsDecoder::summary(DnsDecoder::decode(message)), summary);
}

void TestDnsDecoder::noFieldsDetail()
{
    DnsWireBuilder w;
    w.header(7, 0x8400, 1, 1, 0, 0).question("host.local", DnsType::A, 0x8001);
    w.record("host.local", DnsType::TXT, 0x8001, 120, QByteArray::fromHex("03613d31"));
    const DnsMessage full = DnsDecoder::decode(w.bytes());
    const DnsMessage lite = DnsDecoder::decode(w.bytes(), DnsDecoder::Detail::NoFields);
    QVERIFY(!full.header.fields.isEmpty());
    QVERIFY(!full.records.first().rdataFields.isEmpty());
    QVERIFY(lite.header.fields.isEmpty());
    QVERIFY(lite.records.first().rdataFields.isEmpty());
    QCOMPARE(DnsDecoder::summary(lite), DnsDecoder::summary(full));
    QCOMPARE(DnsTestUtil::typed(lite.records.first()), DnsTestUtil::typed(full.records.first()));
    QCOMPARE(lite.records.first().rdataSpan, full.records.first().rdataSpan);
}

QTEST_GUILESS_MAIN(TestDnsDecoder)
#include "tst_dnsdecoder.moc"

// DnsDecoder on malformed messages: each fault gives a precise offset and reason, and what
// was decoded before it is kept. Also every prefix of a real-looking message, and attacks
// that broke other decoders (and anything fuzz/fuzz_dnsdecoder.cpp finds) as regression rows.
#include "DnsDecoder.h"
#include "DnsTestUtil.h"
#include "DnsWireBuilder.h"

#include <QTest>

using namespace Qt::StringLiterals;

namespace {

using B = DnsWireBuilder;

// A response with one answer "host.local" (at 12); the caller writes the rdata.
struct OneAnswer
{
    B w;
    quint32 rdata = 0;
    explicit OneAnswer(quint16 type)
    {
        w.header(0, 0x8400, 0, 1, 0, 0).name("host.local");
        rdata = w.beginRecord(type, 0x8001, 120);
    }
    QByteArray done()
    {
        w.endRdata(rdata);
        return w.bytes();
    }
};

void addRow(const char *name, const QByteArray &message, quint32 offset, const QString &reason,
            const QStringList &kept)
{
    QTest::newRow(name) << message << offset << reason << kept;
}

} // namespace

class TestDnsMalformed final : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void malformed_data();
    void malformed();
    void truncatedHeaderKeepsFields();
    void everyPrefix();
    void knownAttacks_data();
    void knownAttacks();
    void pointerToNameReadBefore_data();
    void pointerToNameReadBefore();
    void labelsThenPointerToNameReadBefore_data();
    void labelsThenPointerToNameReadBefore();
};

void TestDnsMalformed::malformed_data()
{
    QTest::addColumn<QByteArray>("message");
    QTest::addColumn<quint32>("offset");
    QTest::addColumn<QString>("reason");
    QTest::addColumn<QStringList>("kept");

    addRow("empty datagram", {}, 0, u"truncated header: 0 of 12 bytes"_s, {});
    addRow("truncated header", QByteArray::fromHex("00000000000100"), 6,
           u"truncated header: 7 of 12 bytes"_s, {});
    addRow("header of 11 bytes", QByteArray::fromHex("0000000000010000000000"), 10,
           u"truncated header: 11 of 12 bytes"_s, {});
    {
        B w;
        w.header(0, 0, 2, 0, 0, 0).question("ok.local", 1, 1);
        const quint32 p = w.pos();
        w.pointer(p).u16(1).u16(1);
        addRow("pointer loop to itself", w.bytes(), p,
               u"compression pointer loop (offset %1 again)"_s.arg(p), {u"Q ok.local"_s});
    }
    {
        B w;
        w.header(0, 0, 2, 0, 0, 0).question("ok.local", 1, 1);
        const quint32 p = w.pos();
        w.pointer(p + 2).pointer(p).u16(1);
        addRow("two-pointer loop", w.bytes(), p,
               u"compression pointer loop (offset %1 again)"_s.arg(p + 2), {u"Q ok.local"_s});
    }
    {
        // Labels between the pointers: the loop is still caught as a loop, before the
        // name grows past 255 bytes.
        B w;
        w.header(0, 0, 1, 0, 0, 0);
        w.nameThen("a", 12).u16(1).u16(1);
        addRow("loop through a label", w.bytes(), 14,
               u"compression pointer loop (offset 12 again)"_s, {});
    }
    {
        B w;
        w.header(0, 0, 1, 0, 0, 0).pointer(0x3FFF).u16(1).u16(1);
        addRow("pointer past the end", w.bytes(), 12,
               u"compression pointer to offset 16383 past the end of the message (18 bytes)"_s, {});
    }
    {
        B w;
        w.header(0, 0, 1, 0, 0, 0).pointer(16).u16(1);
        addRow("pointer just past the end", w.bytes(), 12,
               u"compression pointer to offset 16 past the end of the message (16 bytes)"_s, {});
    }
    {
        B w;
        w.header(0, 0, 1, 0, 0, 0).u8(0xC0);
        addRow("pointer cut off", w.bytes(), 12,
               u"compression pointer cut off at the end of the message"_s, {});
    }
    {
        // Question -> A ("x" then pointer to B) -> B (pointer back to A): a forward chain
        // that closes on itself.
        B w;
        w.header(0, 0, 1, 0, 0, 0);
        w.pointer(18).u16(1).u16(1); // 12..17
        w.label("x").pointer(22);    // A = 18..21
        w.pointer(18);               // B = 22..23
        addRow("forward pointer chain loop", w.bytes(), 22,
               u"compression pointer loop (offset 18 again)"_s, {});
    }
    {
        B w;
        w.header(0, 0, 2, 0, 0, 0).question("ok.local", 1, 1);
        const quint32 p = w.pos();
        w.label(QByteArray(64, 'a')).u8(0).u16(1).u16(1);
        addRow("label of 64", w.bytes(), p, u"label length 64 over 63 (extended label type 0x40)"_s,
               {u"Q ok.local"_s});
    }
    {
        B w;
        w.header(0, 0, 1, 0, 0, 0).label("ok").u8(0x80).u16(1).u16(1);
        addRow("reserved label type 0x80", w.bytes(), 15, u"reserved label type 0x80"_s, {});
    }
    {
        B w;
        const QByteArray l63(63, 'a');
        w.header(0, 0, 1, 0, 0, 0).label(l63).label(l63).label(l63);
        const quint32 p = w.pos();
        w.label(l63).u8(0).u16(1).u16(1);
        addRow("name over 255", w.bytes(), p, u"name longer than 255 bytes"_s, {});
    }
    {
        // 3 x 63-byte labels in the first question (193 bytes), then a name of one 63-byte
        // label pointing at it: the third label of the first name crosses 255.
        B w;
        const QByteArray l63(63, 'a');
        w.header(0, 0, 2, 0, 0, 0).label(l63).label(l63).label(l63).u8(0).u16(1).u16(1);
        w.label(l63).pointer(12).u16(1).u16(1);
        const QString first = u"Q "_s + QString::fromLatin1(l63 + '.' + l63 + '.' + l63);
        addRow("name over 255 through a pointer", w.bytes(), 12 + 64 + 64,
               u"name longer than 255 bytes"_s, {first});
    }
    {
        B w;
        w.header(0, 0, 1, 0, 0, 0).label("abc");
        addRow("name runs past the end", w.bytes(), 16, u"name runs past the end of the message"_s,
               {});
    }
    {
        B w;
        w.header(0, 0, 1, 0, 0, 0).u8(10).raw("abc");
        addRow("label runs past the end", w.bytes(), 12,
               u"label of 10 bytes runs past the end of the message"_s, {});
    }
    {
        B w;
        w.header(0, 0, 1, 0, 0, 0).name("host.local").u8(0);
        addRow("truncated question (type)", w.bytes(), 24, u"question cut off in its type field"_s,
               {});
    }
    {
        B w;
        w.header(0, 0, 1, 0, 0, 0).name("host.local").u16(1).u8(0);
        addRow("truncated question (class)", w.bytes(), 26,
               u"question cut off in its class field"_s, {});
    }
    {
        B w;
        w.header(0, 0, 3, 0, 0, 0).question("a.local", 1, 1).question("b.local", 1, 1);
        addRow("more questions counted than present", w.bytes(), quint32(w.bytes().size()),
               u"message ends before question 3 of 3"_s, {u"Q a.local"_s, u"Q b.local"_s});
    }
    {
        B w;
        w.header(0, 0x8400, 0, 2, 0, 0)
            .record("a.local", 1, 1, 120, QByteArray::fromHex("0a000001"));
        addRow("more answers counted than present", w.bytes(), quint32(w.bytes().size()),
               u"message ends before answer 2 of 2"_s, {u"R a.local A"_s});
    }
    {
        B w;
        w.header(0, 0x8400, 0, 1, 1, 1)
            .record("a.local", 1, 1, 120, QByteArray::fromHex("0a000001"));
        w.record("b.local", 1, 1, 120, QByteArray::fromHex("0a000002"));
        addRow("additional count past the data", w.bytes(), quint32(w.bytes().size()),
               u"message ends before additional record 1 of 1"_s,
               {u"R a.local A"_s, u"R b.local A"_s});
    }
    {
        B w;
        w.header(0, 0x8400, 0, 1, 0, 0).name("a.local").u16(1).u16(1).u16(0);
        addRow("record cut in its TTL", w.bytes(), 25, u"answer cut off in its TTL field"_s, {});
    }
    {
        B w;
        w.header(0, 0x8400, 0, 1, 0, 0).name("a.local").u16(1).u16(1).u32(120).u8(0);
        addRow("record cut in its rdlength", w.bytes(), 29,
               u"answer cut off in its rdlength field"_s, {});
    }
    {
        B w;
        w.header(0, 0x8400, 0, 1, 0, 0).name("a.local").u16(1).u16(1).u32(120).u16(20);
        const quint32 r = w.pos();
        w.u32(0x0A000001);
        addRow("rdlength past the end", w.bytes(), r,
               u"rdlength 20 runs past the end of the message (4 bytes left)"_s,
               {u"R a.local A"_s});
    }
    {
        OneAnswer a(DnsType::A);
        const quint32 r = a.rdata;
        a.w.raw(QByteArray::fromHex("0a00000102"));
        addRow("A rdata of 5 bytes", a.done(), r, u"A record data is 5 bytes, expected 4"_s,
               {u"R host.local A"_s});
    }
    {
        OneAnswer a(DnsType::AAAA);
        const quint32 r = a.rdata;
        a.w.raw(QByteArray::fromHex("0a000001"));
        addRow("AAAA rdata of 4 bytes", a.done(), r, u"AAAA record data is 4 bytes, expected 16"_s,
               {u"R host.local AAAA"_s});
    }
    {
        OneAnswer a(DnsType::PTR);
        a.w.pointer(12);
        const quint32 extra = a.w.pos();
        a.w.u16(0);
        addRow("PTR rdata left over", a.done(), extra, u"PTR record data has 2 bytes left over"_s,
               {u"R host.local PTR"_s});
    }
    {
        OneAnswer a(DnsType::PTR);
        const quint32 r = a.rdata;
        a.w.name("other.local");
        QByteArray bytes = a.done();
        bytes[r - 1] = 3; // rdlength 3: the first label (6 bytes) crosses the rdata end
        addRow("PTR name crosses the rdata end", bytes, r,
               u"label of 5 bytes runs past the end of the record data"_s, {u"R host.local PTR"_s});
    }
    {
        OneAnswer a(DnsType::SRV);
        const quint32 r = a.rdata;
        a.w.u16(0).u8(0);
        addRow("SRV cut off in Weight", a.done(), r + 2, u"SRV record data cut off in Weight"_s,
               {u"R host.local SRV"_s});
    }
    {
        OneAnswer a(DnsType::SRV);
        const quint32 r = a.rdata;
        a.w.u16(0).u16(0).u16(80);
        addRow("SRV without target", a.done(), r + 6,
               u"name runs past the end of the record data"_s, {u"R host.local SRV"_s});
    }
    {
        OneAnswer a(DnsType::TXT);
        const quint32 r = a.rdata;
        a.w.label("a=1").u8(5).raw("ab");
        addRow("TXT string overrun", a.done(), r + 4,
               u"TXT string of 5 bytes runs past the end of the record data"_s,
               {u"R host.local TXT"_s});
    }
    {
        OneAnswer a(DnsType::HINFO);
        const quint32 r = a.rdata;
        a.w.label("ab");
        addRow("HINFO without OS", a.done(), r + 3, u"HINFO record data cut off in OS"_s,
               {u"R host.local HINFO"_s});
    }
    {
        OneAnswer a(DnsType::HINFO);
        const quint32 r = a.rdata;
        a.w.label("ab").u8(9).raw("x");
        addRow("HINFO OS overrun", a.done(), r + 3,
               u"character-string of 9 bytes runs past the end of the record data"_s,
               {u"R host.local HINFO"_s});
    }
    {
        OneAnswer a(DnsType::NSEC);
        const quint32 r = a.rdata;
        a.w.pointer(12).u8(0).u8(6).u16(0x4000);
        addRow("NSEC bitmap overrun", a.done(), r + 2,
               u"NSEC type bitmap overrun: window 0 needs 6 bytes, 2 left"_s,
               {u"R host.local NSEC"_s});
    }
    {
        OneAnswer a(DnsType::NSEC);
        const quint32 r = a.rdata;
        a.w.pointer(12).u8(0);
        addRow("NSEC window header cut off", a.done(), r + 2,
               u"NSEC type bitmap overrun: window header cut off at the end of the record data"_s,
               {u"R host.local NSEC"_s});
    }
    {
        OneAnswer a(DnsType::NSEC);
        const quint32 r = a.rdata;
        a.w.pointer(12).u8(0).u8(0);
        addRow("NSEC bitmap length 0", a.done(), r + 3, u"NSEC bitmap length 0 (must be 1-32)"_s,
               {u"R host.local NSEC"_s});
    }
    {
        OneAnswer a(DnsType::NSEC);
        const quint32 r = a.rdata;
        a.w.pointer(12).u8(0).u8(33).raw(QByteArray(33, '\0'));
        addRow("NSEC bitmap length 33", a.done(), r + 3, u"NSEC bitmap length 33 (must be 1-32)"_s,
               {u"R host.local NSEC"_s});
    }
    {
        OneAnswer a(DnsType::NSEC);
        const quint32 r = a.rdata;
        a.w.pointer(12).u8(1).u8(1).u8(0x40).u8(0).u8(1).u8(0x40);
        addRow("NSEC windows out of order", a.done(), r + 5,
               u"NSEC window 0 after window 1 (must ascend)"_s, {u"R host.local NSEC"_s});
    }
    {
        B w;
        w.header(0, 0x8400, 0, 0, 0, 1).name("");
        const quint32 r = w.beginRecord(DnsType::OPT, 1440, 0);
        w.u16(4).u16(10).u16(0);
        w.endRdata(r);
        addRow("OPT option overrun", w.bytes(), r + 2,
               u"EDNS option of 10 bytes runs past the end of the record data"_s,
               {u"R <Root> OPT"_s});
    }
    {
        B w;
        w.header(0, 0x8400, 0, 0, 0, 1).name("");
        const quint32 r = w.beginRecord(DnsType::OPT, 1440, 0);
        w.u16(4).u8(0);
        w.endRdata(r);
        addRow("OPT option header cut off", w.bytes(), r,
               u"EDNS option header cut off at the end of the record data"_s, {u"R <Root> OPT"_s});
    }
}

void TestDnsMalformed::malformed()
{
    QFETCH(QByteArray, message);
    QFETCH(quint32, offset);
    QFETCH(QString, reason);
    QFETCH(QStringList, kept);
    const DnsMessage m = DnsDecoder::decode(message);
    QVERIFY(m.isMalformed());
    QCOMPARE(m.error->reason, reason);
    QCOMPARE(m.error->offset, offset);
    QCOMPARE(DnsTestUtil::kept(m), kept);
    QCOMPARE(DnsTestUtil::spanOutside(m, quint32(message.size())), QString());
    QVERIFY(DnsDecoder::summary(m).endsWith(
        u"[Malformed at %1: %2]"_s.arg(QString::number(offset), reason)));
}

void TestDnsMalformed::truncatedHeaderKeepsFields()
{
    const DnsMessage m = DnsDecoder::decode(QByteArray::fromHex("abcd8400000200"));
    QVERIFY(m.isMalformed());
    QCOMPARE(m.header.id, quint16(0xABCD));
    QVERIFY(m.header.qr);
    QVERIFY(m.header.aa);
    QCOMPARE(m.header.questionCount, quint16(2));
    QCOMPARE(m.header.answerCount, quint16(0)); // not present
    QCOMPARE(m.header.span, (ByteSpan{0, 7}));
    QStringList labels;
    for (const DnsField &f : m.header.fields)
        labels << f.label;
    QCOMPARE(labels, (QStringList{u"ID"_s, u"Flags"_s, u"Questions"_s}));
}

void TestDnsMalformed::everyPrefix()
{
    // A full DNS-SD announcement; every cut of it must decode without reading past the cut,
    // report a fault inside it, and keep at least as much as any shorter cut.
    B w;
    w.header(0, 0x8400, 1, 3, 0, 2).question("_ipp._tcp.local", DnsType::PTR, 0x8001);
    w.pointer(12);
    quint32 r = w.beginRecord(DnsType::PTR, 1, 4500);
    const quint32 instance = w.pos();
    w.nameThen("Printer", 12);
    w.endRdata(r);
    w.pointer(instance);
    r = w.beginRecord(DnsType::SRV, 0x8001, 120);
    w.u16(0).u16(0).u16(631).name("host.local");
    w.endRdata(r);
    w.pointer(instance);
    r = w.beginRecord(DnsType::TXT, 0x8001, 4500);
    w.label("txtvers=1").label("rp=ipp/print");
    w.endRdata(r);
    w.record("host.local", DnsType::A, 0x8001, 120, QByteArray::fromHex("a9fe0102"));
    w.pointer(instance);
    r = w.beginRecord(DnsType::NSEC, 0x8001, 120);
    w.pointer(instance).u8(0).u8(5).raw(QByteArray::fromHex("0000800040"));
    w.endRdata(r);
    const QByteArray full = w.bytes();
    QVERIFY(!DnsDecoder::decode(full).isMalformed());

    qsizetype previous = 0;
    for (qsizetype n = 0; n < full.size(); ++n) {
        // A copy of exactly n bytes, so that ASan would see a read past the cut.
        const QByteArray cut(full.constData(), n);
        const DnsMessage m = DnsDecoder::decode(cut);
        QVERIFY2(m.isMalformed(), qPrintable(u"prefix %1"_s.arg(n)));
        QVERIFY2(m.error->offset <= quint32(n), qPrintable(u"prefix %1"_s.arg(n)));
        QCOMPARE(DnsTestUtil::spanOutside(m, quint32(n)), QString());
        const qsizetype keptNow = m.questions.size() + m.records.size();
        QVERIFY2(keptNow >= previous, qPrintable(u"prefix %1"_s.arg(n)));
        previous = keptNow;
        QVERIFY(!DnsDecoder::summary(m).isEmpty());
        for (const DnsRecord &rec : m.records)
            DnsDecoder::rdataText(rec);
    }
    QCOMPARE(previous, 6); // the last cut keeps everything but the NSEC record's last byte
}

void TestDnsMalformed::knownAttacks_data()
{
    // Inputs other DNS decoders were broken by (see MANIFEST.txt "raw DNS/mDNS message
    // vectors"), rebuilt here, plus room for what our own fuzzer finds (none so far).
    QTest::addColumn<QByteArray>("message");
    QTest::addColumn<quint32>("offset"); // of the fault; ~0u = must decode cleanly
    QTest::addColumn<QString>("reason");

    const auto chain = [](int depth, quint32 *failAt) {
        // The question points forward at the last of `depth` pointers, each of which
        // points at the one before; the first points at "a". No loop, but a long walk.
        B w;
        w.header(0, 0, 1, 0, 0, 0);
        const quint32 q = w.pos();
        w.u16(0).u16(1).u16(1); // pointer patched below
        const quint32 a = w.pos();
        w.name("a");
        quint32 previous = a, at = 0;
        QList<quint32> pointers;
        for (int i = 0; i < depth; ++i) {
            at = w.pos();
            pointers << at;
            w.pointer(previous);
            previous = at;
        }
        w.patchU16(q, quint16(0xC000 | at));
        // Jump 1 lands on the last pointer; jump k on pointers[depth - k]. The reader refuses
        // jump kMaxJumps + 1 (256), read at pointers[depth - 255].
        if (failAt)
            *failAt = depth >= 256 ? pointers[depth - 255] : ~0u;
        return w.bytes();
    };
    quint32 failAt = 0;
    const QByteArray deep = chain(1500, &failAt);
    QTest::newRow("1500-deep pointer chain (python-zeroconf)")
        << deep << failAt << u"more than 255 compression pointers in one name"_s;
    const QByteArray deeper = chain(8000, &failAt);
    QTest::newRow("8000-deep pointer chain (dns-packet)")
        << deeper << failAt << u"more than 255 compression pointers in one name"_s;
    QTest::newRow("254-deep pointer chain is followed") << chain(254, nullptr) << ~0u << QString();
    {
        // A pointer into the middle of a label: the bytes there read as a label length of
        // 'b' (98), which is an extended label type (miekg/dns TestUnpackDomainName).
        B w;
        w.header(0, 0, 2, 0, 0, 0).question("abc", 1, 1);
        w.pointer(14).u16(1).u16(1);
        QTest::newRow("pointer into a label")
            << w.bytes() << 14u << u"label length 98 over 63 (extended label type 0x40)"_s;
    }
    {
        // Pointer to the header's ID bytes 00 00: the root name, legal (dnspython testFromWire).
        B w;
        w.header(0, 0, 1, 0, 0, 0).pointer(0).u16(1).u16(1);
        QTest::newRow("pointer to a zero byte in the header") << w.bytes() << ~0u << QString();
    }
    {
        // TXT rdlength says 1 but the string inside claims 200 (python-zeroconf).
        OneAnswer a(DnsType::TXT);
        const quint32 r = a.rdata;
        a.w.u8(200);
        QTest::newRow("TXT string longer than its rdata")
            << a.done() << r << u"TXT string of 200 bytes runs past the end of the record data"_s;
    }
}

void TestDnsMalformed::knownAttacks()
{
    QFETCH(QByteArray, message);
    QFETCH(quint32, offset);
    QFETCH(QString, reason);
    const DnsMessage m = DnsDecoder::decode(message);
    QCOMPARE(DnsTestUtil::spanOutside(m, quint32(message.size())), QString());
    QVERIFY(!DnsDecoder::summary(m).isEmpty());
    if (offset == ~0u) {
        QVERIFY2(!m.isMalformed(), m.isMalformed() ? qPrintable(m.error->reason) : "");
        return;
    }
    QVERIFY(m.isMalformed());
    QCOMPARE(m.error->reason, reason);
    QCOMPARE(m.error->offset, offset);
}

// A name that is one pointer to a name already read shares that name's text (DnsNameReader);
// it must still obey the same limits as reading it afresh. Question 1 walks a chain of
// `depth` pointers (depth + 1 jumps); question 2 is a pointer to question 1's name, one jump
// more. 255 jumps are allowed, 256 are not.
void TestDnsMalformed::pointerToNameReadBefore_data()
{
    QTest::addColumn<int>("depth");
    QTest::addColumn<bool>("secondFits");
    QTest::newRow("253-deep chain: 254 and 255 jumps") << 253 << true;
    QTest::newRow("254-deep chain: 255 and 256 jumps") << 254 << false;
}

void TestDnsMalformed::pointerToNameReadBefore()
{
    QFETCH(int, depth);
    QFETCH(bool, secondFits);
    B w;
    w.header(0, 0, 2, 0, 0, 0);
    const quint32 q1 = w.pos();
    w.u16(0).u16(DnsType::A).u16(1); // pointer patched below
    const quint32 q2 = w.pos();
    w.pointer(q1).u16(DnsType::AAAA).u16(1);
    const quint32 a = w.pos();
    w.name("host.local");
    quint32 previous = a;
    QList<quint32> pointers;
    for (int i = 0; i < depth; ++i) {
        pointers << w.pos();
        w.pointer(previous);
        previous = pointers.last();
    }
    w.patchU16(q1, quint16(0xC000 | previous));

    const DnsMessage m = DnsDecoder::decode(w.bytes());
    QVERIFY(!m.questions.isEmpty());
    QCOMPARE(m.questions[0].name, u"host.local"_s);
    if (secondFits) {
        QVERIFY2(!m.isMalformed(), m.isMalformed() ? qPrintable(m.error->reason) : "");
        QCOMPARE(m.questions.size(), 2);
        QCOMPARE(m.questions[1].name, u"host.local"_s);
        QCOMPARE(m.questions[1].nameSpan, (ByteSpan{q2, 2}));
        QCOMPARE(m.questions[1].type, quint16(DnsType::AAAA));
        return;
    }
    // Jump 1 lands on question 1's pointer, jump 2 on the last chain pointer, jump 255 on the
    // first, whose jump to "host.local" would be the 256th.
    QVERIFY(m.isMalformed());
    QCOMPARE(m.questions.size(), 1);
    QCOMPARE(m.error->reason, u"more than 255 compression pointers in one name"_s);
    QCOMPARE(m.error->offset, pointers.first());
}

// Question 1 is 196 bytes of wire name (three 63-byte labels and "ab"); question 2 is one
// label then a pointer to question 1. The whole must stay within 255 bytes: a 58-byte label
// makes exactly 255, a 59-byte one fails at the label of question 1 that goes over.
void TestDnsMalformed::labelsThenPointerToNameReadBefore_data()
{
    QTest::addColumn<int>("prefix");
    QTest::newRow("255 bytes") << 58;
    QTest::newRow("256 bytes") << 59;
}

void TestDnsMalformed::labelsThenPointerToNameReadBefore()
{
    QFETCH(int, prefix);
    const QByteArray x(63, 'x'), y(prefix, 'y');
    B w;
    w.header(0, 0, 2, 0, 0, 0);
    const quint32 q1 = w.pos();
    w.label(x).label(x).label(x);
    const quint32 ab = w.pos();
    w.label("ab").u8(0).u16(DnsType::A).u16(1);
    const quint32 q2 = w.pos();
    w.label(y).pointer(q1).u16(DnsType::A).u16(1);

    const DnsMessage m = DnsDecoder::decode(w.bytes());
    const QString first = QString::fromLatin1(x + '.' + x + '.' + x + ".ab");
    QVERIFY(!m.questions.isEmpty());
    QCOMPARE(m.questions[0].name, first);
    if (prefix == 58) {
        QVERIFY2(!m.isMalformed(), m.isMalformed() ? qPrintable(m.error->reason) : "");
        QCOMPARE(m.questions.size(), 2);
        QCOMPARE(m.questions[1].name, QString::fromLatin1(y) + u'.' + first);
        QCOMPARE(m.questions[1].nameSpan, (ByteSpan{q2, quint32(prefix) + 3}));
        return;
    }
    QVERIFY(m.isMalformed());
    QCOMPARE(m.questions.size(), 1);
    QCOMPARE(m.error->reason, u"name longer than 255 bytes"_s);
    QCOMPARE(m.error->offset, ab);
}

QTEST_GUILESS_MAIN(TestDnsMalformed)
#include "tst_dnsmalformed.moc"

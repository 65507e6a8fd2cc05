#include "AddressText.h"
#include "CaptureFileReader.h"
#include "DnsDecoder.h"
#include "DnsWireBuilder.h"
#include "ExportText.h"
#include "PacketExporter.h"

#include <QDateTime>
#include <QDir>
#include <QHostAddress>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QRandomGenerator>
#include <QTemporaryDir>
#include <QTest>

using namespace Qt::StringLiterals;

namespace {

QByteArray nameBytes(const QByteArray &dotted)
{
    DnsWireBuilder b;
    b.name(dotted);
    return b.bytes();
}

QByteArray u16(quint16 v)
{
    return QByteArray(1, char(v >> 8)) + char(v & 0xFF);
}

QByteArray characterStrings(const QList<QByteArray> &strings)
{
    QByteArray out;
    for (const QByteArray &s : strings)
        out += char(s.size()) + s;
    return out;
}

// One message with every typed record the JSON schema knows.
QByteArray fullResponse()
{
    DnsWireBuilder b;
    b.header(0x1234, 0x8400, 1, 3, 1, 5);
    b.question("_ipp._tcp.local", 12, 0x8001);
    b.record("_ipp._tcp.local", 12, 1, 4500, nameBytes("Office Printer._ipp._tcp.local"));
    b.record("Office Printer._ipp._tcp.local", 33, 0x8001, 120,
             u16(1) + u16(2) + u16(631) + nameBytes("host.local"));
    b.record("Office Printer._ipp._tcp.local", 16, 0x8001, 4500,
             characterStrings({"txtvers=1", "a\"b\\c", QByteArray::fromHex("00c3a9ffc2857f")}));
    b.record("host.local", 1, 0x8001, 120, QByteArray::fromHex("a9fe0102"));
    b.record("host.local", 28, 0x8001, 120,
             QByteArray::fromHex("fe800000000000000000000000000001"));
    b.record("host.local", 13, 1, 120, characterStrings({"X86_64", "Linux"}));
    b.record("host.local", 47, 0x8001, 120,
             nameBytes("host.local") + QByteArray::fromHex("000440000008"));
    b.record("", 41, 1440, 0,
             QByteArray::fromHex("0004"
                                 "0002"
                                 "abcd"));
    b.record("host.local", 99, 1, 7, "hello");
    return b.bytes();
}

Packet packetWith(const QByteArray &payload, qint64 timestampNs = 1'764'194'246'123'456'789LL)
{
    Packet p;
    p.data = payload;
    p.originalLength = quint32(payload.size());
    p.timestampNs = timestampNs;
    p.source = IpAddress::fromString(u"169.254.1.2"_s);
    p.destination = IpAddress::fromString(u"224.0.0.251"_s);
    p.sourcePort = 5353;
    p.destinationPort = 5353;
    p.ttl = 255;
    p.interfaceName = u"eth0"_s;
    return p;
}

// The keys of the outermost object of a JSON text, in the order they appear.
QStringList topLevelKeys(const QByteArray &json)
{
    QStringList keys;
    int depth = 0;
    bool inString = false;
    qsizetype stringStart = 0;
    for (qsizetype i = 0; i < json.size(); ++i) {
        const char c = json[i];
        if (inString) {
            if (c == '\\') {
                ++i;
            } else if (c == '"') {
                inString = false;
                if (depth == 1 && i + 1 < json.size() && json[i + 1] == ':')
                    keys << QString::fromUtf8(json.mid(stringStart, i - stringStart));
            }
        } else if (c == '"') {
            inString = true;
            stringStart = i + 1;
        } else if (c == '{' || c == '[') {
            ++depth;
        } else if (c == '}' || c == ']') {
            --depth;
        }
    }
    return keys;
}

// Minimal RFC 4180 reader: rows of fields; false when the text breaks the format.
bool parseCsv(const QByteArray &text, QList<QList<QByteArray>> &rows)
{
    QList<QByteArray> row;
    QByteArray field;
    bool quoted = false, wasQuoted = false;
    for (qsizetype i = 0; i < text.size(); ++i) {
        const char c = text[i];
        if (quoted) {
            if (c == '"' && i + 1 < text.size() && text[i + 1] == '"') {
                field += '"';
                ++i;
            } else if (c == '"') {
                quoted = false;
            } else {
                field += c;
            }
        } else if (c == '"') {
            if (!field.isEmpty() || wasQuoted)
                return false;
            quoted = wasQuoted = true;
        } else if (c == ',') {
            row << field;
            field.clear();
            wasQuoted = false;
        } else if (c == '\r') {
            if (i + 1 >= text.size() || text[i + 1] != '\n')
                return false;
            row << field;
            rows << row;
            row.clear();
            field.clear();
            wasQuoted = false;
            ++i;
        } else if (c == '\n') {
            return false; // bare LF
        } else {
            field += c;
        }
    }
    return !quoted && row.isEmpty() && field.isEmpty();
}

QByteArray readAll(const QString &path)
{
    QFile f(path);
    return f.open(QIODevice::ReadOnly) ? f.readAll() : QByteArray();
}

} // namespace

class TestPacketExporter : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void jsonSchema();
    void jsonRecordData();
    void jsonUnknownsAndMalformed();
    void jsonStringEscaping_data();
    void jsonStringEscaping();
    void time_data();
    void time();
    void timeMatchesQDateTime();
    void addresses();
    void csv();
    void csvNonAscii();
    void rootName();
    void writeFilesInOrder_data();
    void writeFilesInOrder();
};

void TestPacketExporter::jsonSchema()
{
    const QByteArray line = PacketExporter::jsonLine(packetWith(fullResponse()), 7);
    QVERIFY(!line.contains('\n'));
    QJsonParseError error;
    const QJsonDocument doc = QJsonDocument::fromJson(line, &error);
    QVERIFY2(error.error == QJsonParseError::NoError, qPrintable(error.errorString()));
    QCOMPARE(topLevelKeys(line),
             QStringList({u"index"_s, u"time"_s, u"source"_s, u"source_port"_s, u"destination"_s,
                          u"destination_port"_s, u"interface"_s, u"ttl"_s, u"length"_s, u"id"_s,
                          u"flags"_s, u"questions"_s, u"answers"_s, u"authorities"_s,
                          u"additionals"_s, u"malformed"_s}));
    const QJsonObject o = doc.object();
    QCOMPARE(o[u"index"_s].toInteger(), 7);
    QCOMPARE(o[u"time"_s].toString(), u"2025-11-26T21:57:26.123456789Z"_s);
    QCOMPARE(o[u"source"_s].toString(), u"169.254.1.2"_s);
    QCOMPARE(o[u"source_port"_s].toInt(), 5353);
    QCOMPARE(o[u"destination"_s].toString(), u"224.0.0.251"_s);
    QCOMPARE(o[u"destination_port"_s].toInt(), 5353);
    QCOMPARE(o[u"interface"_s].toString(), u"eth0"_s);
    QCOMPARE(o[u"ttl"_s].toInt(), 255);
    QCOMPARE(o[u"length"_s].toInt(), fullResponse().size());
    QCOMPARE(o[u"id"_s].toInt(), 0x1234);
    const QJsonObject flags = o[u"flags"_s].toObject();
    QCOMPARE(topLevelKeys(QJsonDocument(flags).toJson(QJsonDocument::Compact)).size(), 7);
    QVERIFY(line.contains(R"("flags":{"qr":1,"opcode":0,"aa":1,"tc":0,"rd":0,"ra":0,"rcode":0})"));
    const QJsonArray questions = o[u"questions"_s].toArray();
    QCOMPARE(questions.size(), 1);
    QVERIFY(line.contains(R"("questions":[{"name":"_ipp._tcp.local","type":"PTR","type_code":12,)"
                          R"("class":1,"unicast_response":true}])"));
    QCOMPARE(o[u"answers"_s].toArray().size(), 3);
    QCOMPARE(o[u"authorities"_s].toArray().size(), 1);
    QCOMPARE(o[u"additionals"_s].toArray().size(), 5);
    QVERIFY(o[u"malformed"_s].isNull());
    // record key order
    const QByteArray firstAnswer =
        QJsonDocument(o[u"answers"_s].toArray().at(0).toObject()).toJson(QJsonDocument::Compact);
    QVERIFY(line.contains(R"({"name":"_ipp._tcp.local","type":"PTR","type_code":12,"class":1,)"
                          R"("cache_flush":false,"ttl":4500,"data":{"target":)"));
    QVERIFY(!firstAnswer.isEmpty());
}

void TestPacketExporter::jsonRecordData()
{
    const QJsonObject o =
        QJsonDocument::fromJson(PacketExporter::jsonLine(packetWith(fullResponse()), 0)).object();
    const QJsonArray answers = o[u"answers"_s].toArray();
    const QJsonArray additionals = o[u"additionals"_s].toArray();
    auto data = [](const QJsonValue &record) { return record.toObject()[u"data"_s].toObject(); };

    QCOMPARE(data(answers[0]), QJsonObject({{u"target"_s, u"Office Printer._ipp._tcp.local"_s}}));
    QCOMPARE(answers[1].toObject()[u"type"_s].toString(), u"SRV"_s);
    QCOMPARE(answers[1].toObject()[u"cache_flush"_s].toBool(), true);
    QCOMPARE(answers[1].toObject()[u"class"_s].toInt(), 1);
    QCOMPARE(data(answers[1]), QJsonObject({{u"priority"_s, 1},
                                            {u"weight"_s, 2},
                                            {u"port"_s, 631},
                                            {u"target"_s, u"host.local"_s}}));
    // TXT strings: valid UTF-8 as is, '\' doubled, other bytes as \DDD (see ExportText)
    QCOMPARE(data(answers[2])[u"strings"_s].toArray(),
             QJsonArray({u"txtvers=1"_s, u"a\"b\\\\c"_s, u"\\000\u00e9\\255\\194\\133\\127"_s}));
    QCOMPARE(data(o[u"authorities"_s].toArray()[0]),
             QJsonObject({{u"address"_s, u"169.254.1.2"_s}}));
    QCOMPARE(data(additionals[0]), QJsonObject({{u"address"_s, u"fe80::1"_s}}));
    QCOMPARE(data(additionals[1]), QJsonObject({{u"cpu"_s, u"X86_64"_s}, {u"os"_s, u"Linux"_s}}));
    QCOMPARE(data(additionals[2]), QJsonObject({{u"next"_s, u"host.local"_s},
                                                {u"types"_s, QJsonArray({u"A"_s, u"AAAA"_s})}}));
    const QJsonObject opt = additionals[3].toObject();
    QCOMPARE(opt[u"type"_s].toString(), u"OPT"_s);
    QCOMPARE(opt[u"type_code"_s].toInt(), 41);
    QCOMPARE(
        data(opt),
        QJsonObject({{u"udp_payload_size"_s, 1440},
                     {u"options"_s,
                      QJsonArray({QJsonObject({{u"code"_s, 4}, {u"data_hex"_s, u"abcd"_s}})})}}));
    const QJsonObject unknown = additionals[4].toObject();
    QCOMPARE(unknown[u"type"_s].toString(), DnsDecoder::typeName(99));
    QCOMPARE(unknown[u"type_code"_s].toInt(), 99);
    QCOMPARE(unknown[u"ttl"_s].toInt(), 7);
    QCOMPARE(data(unknown), QJsonObject({{u"rdata_hex"_s, u"68656c6c6f"_s}}));
}

void TestPacketExporter::jsonUnknownsAndMalformed()
{
    // unknown TTL and interface (as read from a pcap file)
    Packet p = packetWith(fullResponse());
    p.ttl = -1;
    p.interfaceName.clear();
    QJsonObject o = QJsonDocument::fromJson(PacketExporter::jsonLine(p, 0)).object();
    QVERIFY(o[u"ttl"_s].isNull());
    QVERIFY(o[u"interface"_s].isNull());

    // shorter than a DNS header: no id, no flags
    const QByteArray shortLine =
        PacketExporter::jsonLine(packetWith(QByteArray::fromHex("0000840000")), 1);
    o = QJsonDocument::fromJson(shortLine).object();
    QVERIFY(!o.isEmpty());
    QVERIFY(o[u"id"_s].isNull());
    QVERIFY(o[u"flags"_s].isNull());
    QCOMPARE(o[u"questions"_s].toArray().size(), 0);
    QVERIFY(o[u"malformed"_s].isObject());
    QCOMPARE(topLevelKeys(shortLine).size(), 16);

    // two answers announced, one present: the first is kept, the fault reported
    DnsWireBuilder b;
    b.header(0, 0x8400, 0, 2, 0, 0)
        .record("host.local", 1, 1, 120, QByteArray::fromHex("0a000001"));
    const DnsMessage m = DnsDecoder::decode(b.bytes());
    QVERIFY(m.error);
    o = QJsonDocument::fromJson(PacketExporter::jsonLine(packetWith(b.bytes()), 2)).object();
    QCOMPARE(o[u"answers"_s].toArray().size(), 1);
    const QJsonObject malformed = o[u"malformed"_s].toObject();
    QCOMPARE(malformed.keys(), QStringList({u"offset"_s, u"reason"_s}));
    QCOMPARE(malformed[u"offset"_s].toInteger(), m.error->offset);
    QCOMPARE(malformed[u"reason"_s].toString(), m.error->reason);
    QVERIFY(!m.error->reason.isEmpty());

    // a truncated packet reports its length on the wire
    Packet cut = packetWith(fullResponse().left(40));
    cut.originalLength = 900;
    cut.truncated = true;
    o = QJsonDocument::fromJson(PacketExporter::jsonLine(cut, 3)).object();
    QCOMPARE(o[u"length"_s].toInt(), 900);
    QVERIFY(o[u"malformed"_s].isObject());
}

void TestPacketExporter::jsonStringEscaping_data()
{
    QTest::addColumn<QString>("text");
    QTest::addColumn<QByteArray>("json");
    QTest::newRow("plain") << u"Office Printer (2)"_s << QByteArray(R"x("Office Printer (2)")x");
    QTest::newRow("quote, backslash") << u"a\"b\\c"_s << QByteArray(R"("a\"b\\c")");
    QTest::newRow("controls") << u"\n\t\r\b\f\u0001\u001f"_s
                              << QByteArray(R"("\n\t\r\b\f\u0001\u001f")");
    QTest::newRow("del and slash") << u"\u007f/"_s << QByteArray("\"\x7f/\"");
    QTest::newRow("non-ascii") << u"Büro-Drucker ☃"_s
                               << QByteArray("\"B\xc3\xbcro-Drucker \xe2\x98\x83\"");
    QTest::newRow("astral") << QString::fromUtf8("\xf0\x9f\x96\xa8")
                            << QByteArray("\"\xf0\x9f\x96\xa8\"");
    QTest::newRow("lone surrogate") << QString(QChar(0xD800)) << QByteArray("\"\xef\xbf\xbd\"");
}

void TestPacketExporter::jsonStringEscaping()
{
    QFETCH(QString, text);
    QFETCH(QByteArray, json);
    QByteArray out;
    ExportText::appendJsonString(out, text);
    QCOMPARE(out, json);
    // and a JSON parser reads the text back
    const QJsonArray parsed = QJsonDocument::fromJson('[' + out + ']').array();
    QCOMPARE(parsed.size(), 1);
    if (QTest::currentDataTag() != "lone surrogate"_ba)
        QCOMPARE(parsed.at(0).toString(), text);
}

void TestPacketExporter::time_data()
{
    QTest::addColumn<qint64>("ns");
    QTest::addColumn<QString>("text");
    QTest::newRow("epoch") << 0LL << u"1970-01-01T00:00:00.000000000Z"_s;
    QTest::newRow("example") << 1'795'730'246'123'456'789LL << u"2026-11-26T21:57:26.123456789Z"_s;
    QTest::newRow("leap day") << 1'709'164'800'000'000'001LL << u"2024-02-29T00:00:00.000000001Z"_s;
    QTest::newRow("before epoch") << -1LL << u"1969-12-31T23:59:59.999999999Z"_s;
    QTest::newRow("y2k38+") << 2'147'483'648'000'000'000LL << u"2038-01-19T03:14:08.000000000Z"_s;
}

void TestPacketExporter::time()
{
    QFETCH(qint64, ns);
    QFETCH(QString, text);
    QCOMPARE(ExportText::time(ns), text);
}

void TestPacketExporter::timeMatchesQDateTime()
{
    auto *rng = QRandomGenerator::global();
    for (int i = 0; i < 2000; ++i) {
        // 1900 .. 2200
        const qint64 ns =
            qint64(rng->bounded(9'467'280'000.0) - 2'208'988'800.0) * 1'000'000'000LL +
            rng->bounded(1'000'000'000);
        const qint64 ms = ns >= 0 ? ns / 1'000'000 : -((-ns + 999'999) / 1'000'000);
        const QString expected =
            QDateTime::fromMSecsSinceEpoch(ms, Qt::UTC).toString(u"yyyy-MM-ddTHH:mm:ss"_s);
        const QString got = ExportText::time(ns);
        QCOMPARE(got.left(19), expected);
        QCOMPARE(got.mid(20, 9), u"%1"_s.arg(((ns % 1'000'000'000) + 1'000'000'000) % 1'000'000'000,
                                             9, 10, QChar(u'0')));
        QVERIFY(got.endsWith(u'Z'));
    }
}

// The exports' address text (AddressText, UTF-8) against QHostAddress, an independent
// formatter that writes the same as inet_ntop / tshark for these (tst_addresstext compares
// with tshark itself).
void TestPacketExporter::addresses()
{
    const auto qt = [](const IpAddress &a) {
        return a.isV4() ? QHostAddress(a.v4()).toString()
                        : QHostAddress(a.bytes().data()).toString();
    };
    const QStringList fixed{u"::"_s,
                            u"::1"_s,
                            u"1::"_s,
                            u"1:0:0:1::1"_s,
                            u"1::1:0:0:1"_s,
                            u"1:0:1:1:1:1:1:1"_s,
                            u"::ffff:1.2.3.4"_s,
                            u"::1.2.3.4"_s,
                            u"::0.0.1.0"_s,
                            u"::0.1.0.0"_s,
                            u"::ffff:0:1"_s,
                            u"1::ffff:1.2.3.4"_s,
                            u"0:0:0:0:1::"_s,
                            u"2001:db8::1"_s,
                            u"fe80::da9e:3fff:fe65:955a"_s,
                            u"0.0.0.0"_s,
                            u"255.255.255.255"_s,
                            u"169.254.1.2"_s};
    for (const QString &text : fixed) {
        const IpAddress a = IpAddress::fromString(text);
        QVERIFY(!a.isNull());
        QByteArray out;
        AddressText::append(out, a);
        QCOMPARE(QString::fromLatin1(out), qt(a));
        QCOMPARE(a.toString(), qt(a));
    }
    auto *rng = QRandomGenerator::global();
    for (int i = 0; i < 5000; ++i) {
        quint8 b[16];
        for (quint8 &x : b) // many zero groups, to exercise the "::" choice
            x = rng->bounded(3) == 0 ? quint8(rng->bounded(256)) : 0;
        const IpAddress a = IpAddress::fromV6(b);
        QByteArray out;
        AddressText::append(out, a);
        QCOMPARE(QString::fromLatin1(out), qt(a));
        QCOMPARE(a.toString(), qt(a));
        const IpAddress v4 = IpAddress::fromV4(rng->generate());
        out.clear();
        AddressText::append(out, v4);
        QCOMPARE(QString::fromLatin1(out), qt(v4));
        QCOMPARE(v4.toString(), qt(v4));
    }
}

void TestPacketExporter::csv()
{
    Packet odd = packetWith(fullResponse());
    odd.interfaceName = u"we\"ird,if"_s;
    odd.ttl = -1;
    DnsWireBuilder b;
    b.header(0, 0, 2, 0, 0, 0).question("a,b.local", 1, 1);
    const Packet malformed = packetWith(b.bytes());
    const QByteArray text = PacketExporter::csvHeader() + PacketExporter::csvRow(odd, 0) +
                            PacketExporter::csvRow(malformed, 1) +
                            PacketExporter::csvRow(packetWith("xyz"), 2);
    QList<QList<QByteArray>> rows;
    QVERIFY2(parseCsv(text, rows), text.constData());
    QCOMPARE(rows.size(), 4);
    QCOMPARE(rows[0], QList<QByteArray>({"index", "time", "source", "source_port", "destination",
                                         "length", "ttl", "interface", "kind", "id", "questions",
                                         "answers", "summary", "malformed"}));
    for (const auto &row : rows)
        QCOMPARE(row.size(), 14);
    const auto &r1 = rows[1];
    QCOMPARE(r1[0], "0");
    QCOMPARE(r1[1], "2025-11-26T21:57:26.123456789Z");
    QCOMPARE(r1[2], "169.254.1.2");
    QCOMPARE(r1[3], "5353");
    QCOMPARE(r1[4], "224.0.0.251");
    QCOMPARE(r1[5], QByteArray::number(fullResponse().size()));
    QCOMPARE(r1[6], "");
    QCOMPARE(r1[7], "we\"ird,if");
    QCOMPARE(r1[8], "response");
    QCOMPARE(r1[9], QByteArray::number(0x1234));
    QCOMPARE(r1[10], "1");
    QCOMPARE(r1[11], "3");
    QCOMPARE(QString::fromUtf8(r1[12]), DnsDecoder::summary(DnsDecoder::decode(fullResponse())));
    QCOMPARE(r1[13], "");
    const auto &r2 = rows[2];
    QCOMPARE(r2[8], "query");
    QCOMPARE(r2[10], "2");
    QCOMPARE(r2[11], "0");
    const DnsMessage m = DnsDecoder::decode(b.bytes());
    QVERIFY(m.error);
    QCOMPARE(QString::fromUtf8(r2[13]),
             u"offset %1: %2"_s.arg(m.error->offset).arg(m.error->reason));
    QVERIFY(QString::fromUtf8(r2[12]).contains(u"a,b.local"_s));
    const auto &r3 = rows[3]; // shorter than a header
    QCOMPARE(r3[8], "");
    QCOMPARE(r3[9], "");
    QVERIFY(!r3[13].isEmpty());
}

// The root name is "." in JSON and in CSV's summary; a label whose text is "<Root>" or "."
// is escaped ("\\060Root>", "\\."), so only the root reads ".". (In the summary, the A
// record's owner is left out: it is the PTR's target, named just before.)
void TestPacketExporter::rootName()
{
    DnsWireBuilder b;
    b.header(0, 0x8400, 0, 3, 0, 1);
    b.name("");
    const quint32 srv = b.beginRecord(DnsType::SRV, 1, 120);
    b.u16(0).u16(0).u16(0).name("");
    b.endRdata(srv);
    b.label("<Root>").u8(0);
    const quint32 ptr = b.beginRecord(DnsType::PTR, 1, 120);
    b.label(".").u8(0);
    b.endRdata(ptr);
    b.label(".").u8(0);
    const quint32 a = b.beginRecord(DnsType::A, 1, 120);
    b.raw(QByteArray::fromHex("0a000001"));
    b.endRdata(a);
    b.name("").u16(DnsType::OPT).u16(1440).u32(0).u16(0);
    const Packet p = packetWith(b.bytes());
    QVERIFY(!DnsDecoder::decode(b.bytes()).error);

    const QJsonObject o = QJsonDocument::fromJson(PacketExporter::jsonLine(p, 0)).object();
    const QJsonArray answers = o[u"answers"_s].toArray();
    QCOMPARE(answers.size(), 3);
    QCOMPARE(answers[0].toObject()[u"name"_s].toString(), u"."_s);
    QCOMPARE(answers[0].toObject()[u"data"_s].toObject()[u"target"_s].toString(), u"."_s);
    QCOMPARE(answers[1].toObject()[u"name"_s].toString(), u"\\060Root>"_s);
    QCOMPARE(answers[1].toObject()[u"data"_s].toObject()[u"target"_s].toString(), u"\\."_s);
    QCOMPARE(answers[2].toObject()[u"name"_s].toString(), u"\\."_s);
    QCOMPARE(o[u"additionals"_s].toArray().at(0).toObject()[u"name"_s].toString(), u"."_s);

    QList<QList<QByteArray>> rows;
    QVERIFY(parseCsv(PacketExporter::csvHeader() + PacketExporter::csvRow(p, 0), rows));
    QCOMPARE(QString::fromUtf8(rows[1][12]),
             u"Announcement: . SRV 0 0 0 ., \\060Root> PTR \\., A 10.0.0.1, +1 ar"_s);
}

// CSV fields are converted from UTF-16 as they are written: non-ASCII text must come out as
// its UTF-8, quoted or not, with '"' doubled.
void TestPacketExporter::csvNonAscii()
{
    DnsWireBuilder b;
    b.header(0, 0, 2, 0, 0, 0).question("caf\xc3\xa9.local", 1, 1);
    b.question("\xe2\x80\x9cq\xe2\x80\x9d,\xf0\x9f\x98\x80.local", 1, 1);
    Packet plain = packetWith(b.bytes());
    plain.interfaceName = u"eth-\u00e9\u20ac"_s;
    Packet quoted = packetWith(b.bytes());
    quoted.interfaceName = u"\u00e9\"\U0001F600\""_s;
    const QByteArray text = PacketExporter::csvRow(plain, 0) + PacketExporter::csvRow(quoted, 1);
    QList<QList<QByteArray>> rows;
    QVERIFY2(parseCsv(text, rows), text.constData());
    QCOMPARE(rows.size(), 2);
    const QString summary = DnsDecoder::summary(DnsDecoder::decode(b.bytes()));
    QVERIFY(summary.contains(u"caf\u00e9.local"_s));
    QVERIFY(summary.contains(u"\u201cq\u201d,\U0001F600.local"_s));
    for (const auto &row : rows)
        QCOMPARE(row[12], summary.toUtf8());
    QCOMPARE(rows[0][7], plain.interfaceName.toUtf8());
    QCOMPARE(rows[1][7], quoted.interfaceName.toUtf8());
    // Unquoted when nothing asks for quotes, and the quotes of the other doubled in place.
    QVERIFY(text.startsWith("0,"));
    QVERIFY(text.contains(",eth-\xc3\xa9\xe2\x82\xac,"));
    QVERIFY(text.contains(",\"\xc3\xa9\"\"\xf0\x9f\x98\x80\"\"\","));
}

void TestPacketExporter::writeFilesInOrder_data()
{
    QTest::addColumn<int>("format");
    QTest::newRow("json") << int(ExportFormat::JsonLines);
    QTest::newRow("csv") << int(ExportFormat::Csv);
}

void TestPacketExporter::writeFilesInOrder()
{
    QFETCH(int, format);
    const auto f = ExportFormat(format);
    QList<Packet> packets;
    const QByteArray good = fullResponse();
    for (int i = 0; i < 9001; ++i) { // several rounds of parallel chunks
        Packet p = packetWith(i % 10 == 3 ? good.left(30) : good, 1'000'000'000LL * i);
        p.sourcePort = quint16(i);
        packets << p;
    }
    QTemporaryDir dir;
    const QString path = dir.filePath(u"out"_s);
    qint64 lastDone = -1;
    const ExportResult r = PacketExporter::write(f, path, packets, [&](qint64 done, qint64 total) {
        [&] { QVERIFY(done >= lastDone && total == 9001); }();
        lastDone = done;
        return true;
    });
    QVERIFY2(r.ok, qPrintable(r.error));
    QCOMPARE(r.packetsWritten, 9001);
    QCOMPARE(r.malformed, 900);
    QCOMPARE(lastDone, 9001);
    QByteArray expected = f == ExportFormat::Csv ? PacketExporter::csvHeader() : QByteArray();
    // Packets without numbers are numbered on from 1 across the pieces, as Wireshark numbers.
    for (qsizetype i = 0; i < packets.size(); ++i)
        expected += f == ExportFormat::Csv ? PacketExporter::csvRow(packets[i], i + 1)
                                           : PacketExporter::jsonLine(packets[i], i + 1) + '\n';
    const QByteArray written = readAll(path);
    QCOMPARE(written.size(), expected.size());
    QVERIFY(written == expected);
    QCOMPARE(QDir(dir.path()).entryList(QDir::Files | QDir::Hidden), QStringList({u"out"_s}));
}

QTEST_GUILESS_MAIN(TestPacketExporter)
#include "tst_packetexporter.moc"

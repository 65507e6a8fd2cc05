// The display filter (core/filter): its syntax and errors, Wireshark's semantics on built
// packets, and the packets it selects in the corpus captures against tshark's -Y counts
// (tests/data/filter/tshark-counts.tsv, written by tshark: see regenerate.sh there).

#include "AllocationCounter.h"
#include "AllocationProbe.h"
#include "CaptureFileReader.h"
#include "DisplayFilter.h"
#include "DnsDecoder.h"
#include "DnsMessage.h"
#include "MdnsBuilder.h"
#include "Packet.h"

#include <QFile>
#include <QTest>

using namespace Qt::StringLiterals;
using FilterFields::Field;

namespace {

QString corpusDir()
{
    return QStringLiteral(MDNSCOPE_SOURCE_DIR "/../shared/corpus");
}

DisplayFilter compiled(const QString &text)
{
    DisplayFilter f;
    DisplayFilter::Error e;
    if (!DisplayFilter::compile(text, &f, &e))
        qWarning("%s: %s at %lld", qPrintable(text), qPrintable(e.reason), qlonglong(e.position));
    return f;
}

DnsRecord record(const QString &name, quint16 type, quint32 ttl, bool cacheFlush = false)
{
    DnsRecord r;
    r.name = name;
    r.type = type;
    r.rrclass = 1;
    r.ttl = ttl;
    r.cacheFlush = cacheFlush;
    return r;
}

// A response from 169.254.1.2 with a PTR, an SRV, a TXT and an A record.
struct Sample
{
    Packet packet;
    DnsMessage message;

    Sample()
    {
        packet.source = IpAddress::fromString(u"169.254.1.2"_s);
        packet.destination = IpAddress::fromString(u"224.0.0.251"_s);
        packet.sourcePort = 5353;
        packet.destinationPort = 5353;
        packet.ttl = 255;
        packet.data = QByteArray(120, '\0');
        packet.originalLength = 120;
        message.header.span = {0, 12};
        message.header.qr = true;
        message.header.aa = true;
        message.header.answerCount = 3;
        message.header.additionalCount = 1;
        DnsRecord ptr = record(u"_ipp._tcp.local"_s, DnsType::PTR, 4500);
        ptr.target = u"Office._ipp._tcp.local"_s;
        DnsRecord srv = record(u"Office._ipp._tcp.local"_s, DnsType::SRV, 120, true);
        srv.rdlength = 16;
        srv.port = 631;
        srv.target = u"printer.local"_s;
        DnsRecord txt = record(u"Office._ipp._tcp.local"_s, DnsType::TXT, 4500, true);
        txt.txt = {"rp=printers/office", "ty=Office Printer", "note="};
        DnsRecord a = record(u"printer.local"_s, DnsType::A, 120, true);
        a.section = DnsSection::Additional;
        a.address = QByteArray("\xa9\xfe\x01\x02", 4);
        message.records = {ptr, srv, txt, a};
    }

    bool matches(const QString &text, quint64 number = 7) const
    {
        return compiled(text).matches(packet, message, number);
    }
};

} // namespace

class TestDisplayFilter : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void fieldTableIsInEnumOrder()
    {
        for (qsizetype i = 0; i < FilterFields::all().size(); ++i)
            QCOMPARE(int(FilterFields::all().at(i).field), int(i));
        Field f;
        QVERIFY(FilterFields::find(u"dns.qry.name"_s, &f));
        QCOMPARE(f, Field::DnsQryName);
        QVERIFY(FilterFields::find(u"dns.flags.aa"_s, &f)); // alias
        QCOMPARE(f, Field::DnsFlagsAuthoritative);
        QVERIFY(!FilterFields::find(u"dns.qry.nam"_s, &f));
    }

    void errorsSayWhereAndWhy_data()
    {
        QTest::addColumn<QString>("text");
        QTest::addColumn<int>("position");
        QTest::addColumn<QString>("reasonPart");
        QTest::newRow("unknown field")
            << u"ip.src == 1.2.3.4 && dns.qry.nam == x"_s << 21 << u"neither a field"_s;
        QTest::newRow("typo operator") << u"dns.qry.name contans \"x\""_s << 13 << u"contans"_s;
        QTest::newRow("bad address") << u"ip.src == 300.1.1.1"_s << 10 << u"not a valid value"_s;
        QTest::newRow("v6 on ip") << u"ip.src == fe80::1"_s << 10 << u"not a valid value"_s;
        QTest::newRow("bad prefix") << u"ip.src == 10.0.0.0/33"_s << 10 << u"prefix"_s;
        QTest::newRow("bad type name") << u"dns.qry.type == SRVX"_s << 16 << u"SRVX"_s;
        QTest::newRow("contains on number") << u"udp.port contains 53"_s << 9 << u"text"_s;
        QTest::newRow("protocol compared") << u"ip == 1"_s << 0 << u"presence"_s;
        QTest::newRow("open paren") << u"(ip && ipv6"_s << 0 << u"never closed"_s;
        QTest::newRow("open string") << u"dns.qry.name == \"abc"_s << 16 << u"quote"_s;
        QTest::newRow("missing value") << u"udp.port =="_s << 11 << u"value"_s;
        QTest::newRow("empty set") << u"udp.port in {}"_s << 12 << u"empty"_s;
        QTest::newRow("backwards range") << u"frame.number in {9..3}"_s << 17 << u"ends before"_s;
        QTest::newRow("bad regex") << u"dns.qry.name matches \"(\""_s << 21 << u"regular"_s;
        QTest::newRow("stray character") << u"udp.port == 1 $"_s << 14 << u"$"_s;
        QTest::newRow("dangling and") << u"ip and"_s << 6 << u"ends"_s;
    }
    void errorsSayWhereAndWhy()
    {
        QFETCH(QString, text);
        QFETCH(int, position);
        QFETCH(QString, reasonPart);
        DisplayFilter f = compiled(u"udp"_s);
        DisplayFilter::Error e;
        QVERIFY(!DisplayFilter::compile(text, &f, &e));
        QCOMPARE(e.position, position);
        QVERIFY2(e.reason.contains(reasonPart), qPrintable(e.reason));
        QCOMPARE(f.text(), u"udp"_s); // left as it was
    }

    void emptyFilterMatchesEverything()
    {
        DisplayFilter f = compiled(u"ip"_s);
        QVERIFY(DisplayFilter::compile(u"   "_s, &f, nullptr));
        QVERIFY(f.isEmpty());
        Sample s;
        QVERIFY(f.matches(s.packet, s.message, 1));
    }

    void comparisons()
    {
        Sample s;
        QVERIFY(s.matches(u"ip.src == 169.254.1.2"_s));
        QVERIFY(s.matches(u"ip.src == 169.254.0.0/16"_s));
        QVERIFY(!s.matches(u"ip.src == 169.254.0.0/24"_s));
        QVERIFY(s.matches(u"ip.addr == 224.0.0.251"_s));
        QVERIFY(s.matches(u"ip.src > 169.254.1.1 and ip.src < 169.254.1.3"_s));
        QVERIFY(!s.matches(u"ipv6"_s));
        QVERIFY(!s.matches(u"ipv6.src == fe80::/10"_s));
        QVERIFY(s.matches(u"dns.resp.type == SRV && ip.ttl == 255"_s));
        QVERIFY(s.matches(u"dns.resp.type == 33"_s));
        QVERIFY(s.matches(u"dns.resp.class == IN"_s));
        QVERIFY(s.matches(u"dns.flags.response == 1 and dns.flags.authoritative == True"_s));
        QVERIFY(s.matches(u"dns.flags == 0x8400"_s));
        QVERIFY(s.matches(u"dns.srv.port == 631 && dns.srv.target == \"printer.local\""_s));
        QVERIFY(s.matches(u"dns.a == 169.254.1.2"_s));
        QVERIFY(s.matches(u"udp.length == 128"_s));
    }

    void textOperators()
    {
        Sample s;
        QVERIFY(s.matches(u"dns.txt contains \"rp=\""_s));
        QVERIFY(!s.matches(u"dns.txt contains \"RP=\""_s)); // contains is case-sensitive
        QVERIFY(s.matches(u"dns.txt matches \"^RP=\""_s));  // matches is not
        QVERIFY(s.matches(u"dns.ptr.domain_name contains \"_ipp\""_s));
        QVERIFY(s.matches(u"dns.resp.name matches \"printer\\\\.local$\""_s));
        QVERIFY(s.matches(u"dns.txt.length == 5"_s));            // "note="
        QVERIFY(s.matches(u"dns.resp.name == printer.local"_s)); // a bare word is a string
    }

    // Wireshark puts an SRV record's owner name in dns.srv.service/proto/name, not in
    // dns.resp.name.
    void srvOwnerNameIsSplit()
    {
        Sample s;
        QVERIFY(!s.matches(u"dns.resp.name == \"Office._ipp._tcp.local\" && dns.resp.type == 33 "
                           u"&& dns.count.answers == 1"_s));
        QVERIFY(s.matches(u"dns.srv.service == \"Office\""_s));
        QVERIFY(s.matches(u"dns.srv.proto == \"_ipp\""_s));
        QVERIFY(s.matches(u"dns.srv.name == \"_tcp.local\""_s));
        s.message.records = {s.message.records.at(1)}; // only the SRV
        QVERIFY(!s.matches(u"dns.resp.name"_s));
        QVERIFY(s.matches(u"dns.resp.type"_s));
    }

    // A field that occurs several times: == when any occurrence is equal, != only when all
    // differ, ~= when any differs; a field that does not occur satisfies no comparison.
    void severalOccurrences()
    {
        Sample s; // TTLs 4500, 120, 4500, 120
        QVERIFY(s.matches(u"dns.resp.ttl == 120"_s));
        QVERIFY(!s.matches(u"dns.resp.ttl != 120"_s));
        QVERIFY(s.matches(u"dns.resp.ttl ~= 120"_s));
        QVERIFY(s.matches(u"dns.resp.ttl != 60"_s));
        QVERIFY(!s.matches(u"dns.resp.ttl ~= 120 && dns.resp.ttl ~= 4500 && dns.resp.ttl == 1"_s));
        QVERIFY(s.matches(u"udp.port == 5353"_s));
        QVERIFY(!s.matches(u"udp.port != 5353"_s));
        // No question: every comparison with dns.qry.name is false, its negation true.
        QVERIFY(!s.matches(u"dns.qry.name == \"x\""_s));
        QVERIFY(!s.matches(u"dns.qry.name != \"x\""_s));
        QVERIFY(s.matches(u"!(dns.qry.name == \"x\")"_s));
        QVERIFY(s.matches(u"!dns.qry.name"_s));
        QVERIFY(!s.matches(u"ipv6.hlim != 1"_s));
    }

    // A query has no AA, RA, answer-authenticated or rcode field in Wireshark.
    void queryFlags()
    {
        Sample s;
        s.message.header.qr = false;
        s.message.header.aa = false;
        QVERIFY(s.matches(u"!dns.flags.authoritative"_s));
        QVERIFY(s.matches(u"!dns.flags.aa"_s));
        QVERIFY(!s.matches(u"dns.flags.authoritative == 0"_s));
        QVERIFY(!s.matches(u"dns.flags.rcode == 0"_s));
        QVERIFY(s.matches(u"dns.flags.checkdisable == 0 and dns.flags.response == 0"_s));
    }

    void logicAndSets()
    {
        Sample s;
        QVERIFY(s.matches(u"frame.number in {3 7..9}"_s, 7));
        QVERIFY(s.matches(u"frame.number in {3, 8}"_s, 3));
        QVERIFY(!s.matches(u"frame.number in {3 8..12}"_s, 7));
        QVERIFY(s.matches(u"dns.resp.type in {16 28}"_s));
        QVERIFY(s.matches(u"ip.src in {10.0.0.0/8 169.254.0.0/16}"_s));
        // and binds tighter than or
        QVERIFY(s.matches(u"ipv6 and ipv6 or ip"_s));
        QVERIFY(!s.matches(u"ipv6 and (ipv6 or ip)"_s));
        QVERIFY(s.matches(u"ip xor ipv6"_s));
        QVERIFY(!s.matches(u"ip ^^ udp"_s));
        QVERIFY(s.matches(u"not not ip"_s));
        QVERIFY(!s.matches(u"dns"_s)); // an mDNS packet is "mdns" in Wireshark
        QVERIFY(s.matches(u"mdns && udp && frame"_s));
    }

    void macAddresses()
    {
        Sample s;
        QVERIFY(!s.matches(u"eth"_s));
        QVERIFY(!s.matches(u"eth.dst == 01:00:5e:00:00:fb"_s));
        s.packet.macsKnown = true;
        s.packet.destinationMac = {0x01, 0x00, 0x5e, 0x00, 0x00, 0xfb};
        s.packet.sourceMac = {0x02, 0x11, 0x22, 0x33, 0x44, 0x55};
        QVERIFY(s.matches(u"eth.dst == 01:00:5e:00:00:fb"_s));
        QVERIFY(s.matches(u"eth.addr == 02-11-22-33-44-55"_s));
        QVERIFY(!s.matches(u"eth.src == 01:00:5e:00:00:fb"_s));
    }

    void expressionForAField()
    {
        QCOMPARE(DisplayFilter::expression(Field::DnsQryName, u"a \"b\".local"_s),
                 u"dns.qry.name == \"a \\\"b\\\".local\""_s);
        QCOMPARE(DisplayFilter::expression(Field::UdpSrcport, u"5353"_s), u"udp.srcport == 5353"_s);
        // What it writes compiles and selects the value.
        Sample s;
        QVERIFY(s.matches(DisplayFilter::expression(Field::DnsSrvTarget, u"printer.local"_s)));
    }

    // Evaluating allocates nothing (matches on text fields aside).
    void matchingAllocatesNothing()
    {
        if (!AllocationProbe::available())
            QSKIP("the allocation counter (alloc/) is not linked into this test");
        Sample s;
        const DisplayFilter f = compiled(
            u"(ip.src == 169.254.0.0/16 && dns.qry.name contains \"_airplay\") || "
            u"(dns.resp.type in {33 16} && dns.txt contains \"rp=\" && dns.resp.ttl != 1 && "
            u"!dns.flags.aa == 0 && udp.port == 5353 && dns.srv.name == \"_tcp.local\")"_s);
        QVERIFY(f.matches(s.packet, s.message, 1));
        const quint64 before = AllocationProbe::currentThread().allocations;
        int hits = 0;
        for (int i = 0; i < 1000; ++i)
            hits += f.matches(s.packet, s.message, quint64(i)) ? 1 : 0;
        QCOMPARE(AllocationProbe::currentThread().allocations - before, 0u);
        QCOMPARE(hits, 1000);
    }

    // Over the packet alone, the datagram is decoded only as far as the filter needs: not at all
    // for the frame, addresses and ports, the header alone for its fields (neither allocates),
    // the whole message for questions and records; the cheap side of `and` / `or` first.
    void decodesOnlyAsFarAsNeeded()
    {
        if (!AllocationProbe::available())
            QSKIP("the allocation counter (alloc/) is not linked into this test");
        if (!AllocationCounter::countsMalloc()) // QArrayData allocates with malloc
            QSKIP("malloc is not counted in this build (sanitizer or valgrind)");
        Packet p;
        p.data = MdnsBuilder::response(
            {MdnsBuilder::ptr(u"_ipp._tcp.local"_s, u"Office._ipp._tcp.local"_s)});
        p.source = IpAddress::fromString(u"169.254.1.2"_s);
        p.destination = IpAddress::fromString(u"224.0.0.251"_s);
        p.sourcePort = p.destinationPort = 5353;
        p.ttl = 255;
        const DnsMessage m = DnsDecoder::decode(p.data, DnsDecoder::Detail::NoFields);
        struct Case
        {
            QString filter;
            bool matches;
            bool decodes;
        };
        const QList<Case> cases{
            {u"ip.src == 169.254.0.0/16 && udp.port == 5353"_s, true, false},
            {u"dns.flags.response == 1 && dns.count.answers == 1 && dns.flags.truncated == 0"_s,
             true, false},
            // The address test fails first: the names are never decoded.
            {u"dns.ptr.domain_name contains \"Office\" && ip.src == 10.0.0.0/8"_s, false, false},
            {u"dns.ptr.domain_name contains \"Office\" || ip.src == 169.254.1.2"_s, true, false},
            {u"dns.ptr.domain_name contains \"Office\" && ip.src == 169.254.1.2"_s, true, true},
            {u"dns.qry.name || dns.flags.response == 0"_s, false, true},
        };
        for (const Case &c : cases) {
            const DisplayFilter f = compiled(c.filter);
            QVERIFY2(f.matches(p, m, 1) == c.matches, qPrintable(c.filter));
            QCOMPARE(f.needsMessage(),
                     c.filter.contains(u"dns.ptr"_s) || c.filter.contains(u"dns.qry"_s));
            const quint64 before = AllocationProbe::currentThread().allocations;
            const bool lazily = f.matches(p, 1);
            const quint64 allocated = AllocationProbe::currentThread().allocations - before;
            QVERIFY2(lazily == c.matches, qPrintable(c.filter));
            QVERIFY2((allocated > 0) == c.decodes,
                     qPrintable(u"%1: %2 allocations"_s.arg(c.filter).arg(allocated)));
        }
    }

    // The packets each filter selects in the corpus captures, against tshark's -Y.
    void corpusAgainstTshark()
    {
        if (!QFile::exists(corpusDir() + u"/MANIFEST.txt"_s))
            QSKIP("../shared/corpus (third-party captures) is not present next to the repo");
        QFile table(QStringLiteral(MDNSCOPE_SOURCE_DIR "/tests/data/filter/tshark-counts.tsv"));
        QVERIFY(table.open(QIODevice::ReadOnly | QIODevice::Text));
        struct Row
        {
            QString filter;
            quint64 expected;
            DisplayFilter compiled;
        };
        QMap<QString, QList<Row>> byFile;
        int rows = 0;
        while (!table.atEnd()) {
            const QString line = QString::fromUtf8(table.readLine()).chopped(1);
            if (line.startsWith(u'#') || line.isEmpty())
                continue;
            const QStringList cols = line.split(u'\t');
            QCOMPARE(cols.size(), 3);
            Row row{cols.at(1), cols.at(2).toULongLong(), {}};
            DisplayFilter::Error e;
            QVERIFY2(DisplayFilter::compile(row.filter, &row.compiled, &e),
                     qPrintable(row.filter + u": "_s + e.reason));
            byFile[cols.at(0)].append(row);
            ++rows;
        }
        QVERIFY2(rows >= 60, "the table holds at least 60 filters");
        int selective = 0;
        for (auto it = byFile.begin(); it != byFile.end(); ++it) {
            const CaptureFileResult read =
                CaptureFileReader::readFile(corpusDir() + u'/' + it.key());
            QVERIFY2(!read.error, qPrintable(it.key()));
            QList<quint64> counts(it.value().size(), 0);
            for (qsizetype i = 0; i < read.packets.size(); ++i) {
                const Packet &p = read.packets.at(i);
                const DnsMessage m = DnsDecoder::decode(p.data, DnsDecoder::Detail::NoFields);
                for (qsizetype r = 0; r < it.value().size(); ++r) {
                    // frame.number: the frame's number in the file, as tshark's
                    const DisplayFilter &f = it.value().at(r).compiled;
                    const bool hit = f.matches(p, m, p.number);
                    // Decoded only as far as the filter needs: the same answer.
                    QVERIFY2(
                        f.matches(p, p.number) == hit,
                        qPrintable(u"%1: %2: packet %3"_s.arg(it.key(), it.value().at(r).filter)
                                       .arg(p.number)));
                    counts[r] += hit ? 1 : 0;
                }
            }
            for (qsizetype r = 0; r < it.value().size(); ++r) {
                const Row &row = it.value().at(r);
                QVERIFY2(counts.at(r) == row.expected,
                         qPrintable(u"%1: %2: %3 packets, tshark %4"_s.arg(it.key(), row.filter)
                                        .arg(counts.at(r))
                                        .arg(row.expected)));
                if (row.expected > 0 && row.expected < quint64(read.packets.size()))
                    ++selective;
            }
        }
        QVERIFY2(selective >= 60, "at least 60 rows select some packets but not all");
    }
};

QTEST_GUILESS_MAIN(TestDisplayFilter)
#include "tst_displayfilter.moc"

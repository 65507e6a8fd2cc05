// "Apply as filter" (core/filter/FieldSelection): the expression for every decoded item of built
// packets that has a Wireshark field compiles, selects its packet, and selects the same packets
// of a small built capture and of the corpus's mDNS captures in mdnscope as in tshark -Y (when
// tshark is installed).

#include "CaptureFileBuilder.h"
#include "CaptureFileReader.h"
#include "DisplayFilter.h"
#include "DnsDecoder.h"
#include "DnsWireBuilder.h"
#include "FieldSelection.h"
#include "TestFiles.h"

#include <QFile>
#include <QProcess>
#include <QSet>
#include <QStandardPaths>
#include <QTemporaryDir>
#include <QTest>

using namespace Qt::StringLiterals;
using FieldSelection::Item;
using FilterFields::Field;

namespace {

constexpr quint16 kIn = 1;

// The packets: each exercises other fields (every rdata type the decoder types, the QU and
// cache-flush bits, OPT, strings that need escaping, UTF-8, an SRV owner name).
QList<QByteArray> payloads()
{
    QList<QByteArray> out;
    {
        DnsWireBuilder b;
        b.header(0, 0x8400, 0, 4, 0, 6);
        b.record("_ipp._tcp.local", 12, kIn, 4500, [] {
            DnsWireBuilder r;
            r.name("Office._ipp._tcp.local");
            return r.bytes();
        }());
        b.record("Office._ipp._tcp.local", 33, kIn | 0x8000, 120, [] {
            DnsWireBuilder r;
            r.u16(0).u16(5).u16(631).name("printer.local");
            return r.bytes();
        }());
        b.record("Office._ipp._tcp.local", 16, kIn | 0x8000, 4500,
                 QByteArray("\x12rp=printers/office") + QByteArray("\x0dnote=say \"hi\\") +
                     QByteArray("\x07"
                                "B\xc3\xbcro=1") +
                     QByteArray(1, '\0'));
        b.record("printer.local", 13, kIn, 120, QByteArray("\x03x86\x05Linux"));
        b.record("printer.local", 1, kIn | 0x8000, 120, QByteArray("\xa9\xfe\x01\x02", 4));
        b.record("printer.local", 28, kIn | 0x8000, 120, FrameBuilder::ipv6("fe80::1"));
        b.record("printer.local", 47, kIn | 0x8000, 120, [] {
            DnsWireBuilder r;
            r.name("printer.local").raw(QByteArray("\x00\x04\x40\x00\x00\x08", 6));
            return r.bytes();
        }());
        b.record("", 41, 1440, 0, {});
        b.record("www.local", 5, kIn, 60, [] {
            DnsWireBuilder r;
            r.name("printer.local");
            return r.bytes();
        }());
        b.record("local", 2, kIn, 60, [] {
            DnsWireBuilder r;
            r.name("ns.local");
            return r.bytes();
        }());
        out.append(b.bytes());
    }
    {
        // A legacy-unicast query with the QU bit, a known answer and a one-string TXT.
        DnsWireBuilder b;
        b.header(0x1234, 0x0100, 2, 1, 0, 0);
        b.question("Office._ipp._tcp.local", 33, kIn | 0x8000);
        b.question("_airplay._tcp.local", 12, kIn);
        b.record("_airplay._tcp.local", 16, kIn, 4500,
                 QByteArray("\x05"
                            "a=b c"));
        out.append(b.bytes());
    }
    {
        // A response with an authority section and a truncated flag.
        DnsWireBuilder b;
        b.header(7, 0x8600, 1, 0, 1, 0);
        b.question("Office._ipp._tcp.local", 16, kIn);
        b.record("printer.local", 1, kIn, 10, QByteArray("\x0a\x00\x00\x05", 4));
        out.append(b.bytes());
    }
    return out;
}

QByteArray capture(const QList<QByteArray> &payloads)
{
    PcapBuilder pcap(1);
    for (qsizetype i = 0; i < payloads.size(); ++i) {
        const QByteArray ip =
            i % 2 == 0
                ? FrameBuilder::udp4(0xA9FE0102, 0xE00000FB, 5353, 5353, 255, payloads[i])
                : FrameBuilder::udp6(FrameBuilder::ipv6("fe80::2"), FrameBuilder::ipv6("ff02::fb"),
                                     40123, 5353, 1, payloads[i]);
        pcap.record(1000 + quint32(i), 0, FrameBuilder::ethernet(i % 2 == 0 ? 0x0800 : 0x86DD, ip));
    }
    return pcap.bytes();
}

struct Described
{
    Item item;
    QString what;
};

void addFields(QList<Described> &out, Item base, int level, const QList<DnsField> &fields,
               const QString &where)
{
    for (qsizetype i = 0; i < fields.size(); ++i) {
        Item item = base;
        item.level = level;
        item.span = fields[i].span;
        item.sameSpan = 0;
        for (qsizetype j = 0; j < i; ++j)
            item.sameSpan += fields[j].span == fields[i].span ? 1 : 0;
        out.append({item, where + u'/' + fields[i].label});
        addFields(out, item, level + 1, fields[i].children, where + u'/' + fields[i].label);
    }
}

// Every item of the decoded tree (as DecodedTreeModel builds it), described.
QList<Described> items(const DnsMessage &m)
{
    QList<Described> out;
    Item header{Item::Part::Header, -1, 0, m.header.span, 0};
    out.append({header, u"header"_s});
    addFields(out, header, 1, m.header.fields, u"header"_s);
    for (int q = 0; q < m.questions.size(); ++q) {
        const DnsQuestion &qu = m.questions[q];
        const QString where = u"question %1"_s.arg(q);
        out.append({{Item::Part::Question, q, 0, qu.span, 0}, where});
        out.append({{Item::Part::Question, q, 1, qu.nameSpan, 0}, where + u"/name"_s});
        out.append({{Item::Part::Question, q, 1, qu.typeSpan, 0}, where + u"/type"_s});
        out.append({{Item::Part::Question, q, 1, qu.classSpan, 0}, where + u"/class"_s});
        out.append({{Item::Part::Question, q, 1, qu.classSpan, 1}, where + u"/qu"_s});
    }
    for (int r = 0; r < m.records.size(); ++r) {
        const DnsRecord &rec = m.records[r];
        const QString where = u"record %1"_s.arg(r);
        const Item::Part part = Item::Part::Record;
        out.append({{part, r, 0, rec.span, 0}, where});
        out.append({{part, r, 1, rec.nameSpan, 0}, where + u"/name"_s});
        out.append({{part, r, 1, rec.typeSpan, 0}, where + u"/type"_s});
        out.append({{part, r, 1, rec.classSpan, 0}, where + u"/class"_s});
        if (rec.type != DnsType::OPT)
            out.append({{part, r, 1, rec.classSpan, 1}, where + u"/cache flush"_s});
        out.append({{part, r, 1, rec.ttlSpan, 0}, where + u"/ttl"_s});
        out.append({{part, r, 1, rec.rdlengthSpan, 0}, where + u"/length"_s});
        out.append({{part, r, 1, rec.rdataSpan, 0}, where + u"/data"_s});
        addFields(out, {part, r, 1, rec.rdataSpan, 0}, 2, rec.rdataFields, where + u"/data"_s);
    }
    return out;
}

// tshark's count of frames matching each filter, from one run (-z io,stat); empty on failure.
QList<qint64> tsharkCounts(const QString &tshark, const QString &file, const QStringList &filters)
{
    // One argument must stay under the kernel's 128 KiB: a few hundred filters a run.
    if (filters.size() > 300) {
        QList<qint64> all;
        for (qsizetype i = 0; i < filters.size(); i += 300) {
            const QList<qint64> part = tsharkCounts(tshark, file, filters.mid(i, 300));
            if (part.size() != qMin<qsizetype>(300, filters.size() - i))
                return {};
            all += part;
        }
        return all;
    }
    QProcess p;
    p.start(tshark, {u"-r"_s, file, u"-q"_s, u"-z"_s, u"io,stat,0,"_s + filters.join(u',')});
    if (!p.waitForFinished(120'000) || p.exitCode() != 0) {
        qWarning("tshark: %s", p.readAllStandardError().constData());
        return {};
    }
    const QStringList lines = QString::fromUtf8(p.readAllStandardOutput()).split(u'\n');
    for (const QString &line : lines) {
        if (!line.contains(u"<>"_s))
            continue;
        const QStringList cells = line.split(u'|');
        QList<qint64> counts;
        for (qsizetype c = 2; c < cells.size(); c += 2)
            counts.append(cells[c].trimmed().toLongLong());
        return counts.mid(0, filters.size());
    }
    return {};
}

} // namespace

class TestFieldSelection : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void quoting()
    {
        QCOMPARE(FieldSelection::quoted(u"a \"b\"\\c"_s), u"\"a \\\"b\\\"\\\\c\""_s);
        QCOMPARE(FieldSelection::quoted(u"tab\there\x7f"_s), u"\"tab\\x09here\\x7f\""_s);
        QCOMPARE(FieldSelection::quoted(u"Büro"_s), u"\"Büro\""_s);
        // What it quotes reads back as the same text.
        DisplayFilter f;
        DisplayFilter::Error e;
        const QString text = u"dns.qry.name == "_s + FieldSelection::quoted(u"x\"\\\n"_s);
        QVERIFY(DisplayFilter::compile(text, &f, &e));
    }

    // The expressions the tree's items give, one by one where the value is known.
    void itemsOfBuiltPackets()
    {
        const QList<QByteArray> packets = payloads();
        QSet<QString> all;
        QStringList none;
        for (const QByteArray &p : packets) {
            const DnsMessage m = DnsDecoder::decode(p);
            QVERIFY2(!m.isMalformed(), qPrintable(m.error ? m.error->reason : QString()));
            for (const Described &d : items(m)) {
                const QString e = FieldSelection::forItem(m, d.item);
                if (e.isEmpty())
                    none.append(d.what);
                else
                    all.insert(e);
            }
        }
        const QStringList expected{
            u"dns.id == 0x1234"_s,
            u"dns.flags == 0x8400"_s,
            u"dns.flags.response == 1"_s,
            u"dns.flags.response == 0"_s,
            u"dns.flags.authoritative == 1"_s,
            u"dns.flags.truncated == 1"_s,
            u"dns.flags.recdesired == 1"_s,
            u"dns.flags.opcode == 0"_s,
            u"dns.flags.rcode == 0"_s,
            u"dns.count.answers == 4"_s,
            u"dns.count.add_rr == 6"_s,
            u"dns.qry.name == \"_airplay._tcp.local\""_s,
            u"dns.qry.type == 33"_s,
            u"dns.qry.class == 0x0001"_s,
            u"dns.qry.qu == 1"_s,
            u"dns.qry.qu == 0"_s,
            u"dns.resp.name == \"_ipp._tcp.local\""_s,
            u"dns.resp.type == 12"_s,
            u"dns.resp.class == 0x0001"_s,
            u"dns.resp.cache_flush == 1"_s,
            u"dns.resp.cache_flush == 0"_s,
            u"dns.resp.ttl == 4500"_s,
            u"dns.resp.len == 4"_s,
            u"dns.ptr.domain_name == \"Office._ipp._tcp.local\""_s,
            u"dns.srv.service == \"Office\" && dns.srv.proto == \"_ipp\" && "
            "dns.srv.name == \"_tcp.local\""_s,
            u"dns.srv.priority == 0"_s,
            u"dns.srv.weight == 5"_s,
            u"dns.srv.port == 631"_s,
            u"dns.srv.target == \"printer.local\""_s,
            u"dns.txt == \"rp=printers/office\""_s,
            u"dns.txt == \"note=say \\\"hi\\\\\""_s,
            u"dns.txt == \"Büro=1\""_s,
            u"dns.txt == \"\""_s,
            u"dns.txt == \"a=b c\""_s, // the Data row of a one-string TXT
            u"dns.txt.length == 18"_s,
            u"dns.txt.length == 0"_s,
            u"dns.hinfo.cpu == \"x86\""_s,
            u"dns.hinfo.os == \"Linux\""_s,
            u"dns.a == 169.254.1.2"_s,
            u"dns.aaaa == fe80::1"_s,
            u"dns.nsec.next_domain_name == \"printer.local\""_s,
            u"dns.rr.udp_payload_size == 1440"_s,
            u"dns.cname == \"printer.local\""_s,
            u"dns.ns == \"ns.local\""_s,
        };
        for (const QString &e : expected)
            QVERIFY2(all.contains(e), qPrintable(u"missing: "_s + e));
        // Items without a Wireshark field have no expression.
        QVERIFY2(none.contains(u"header"_s), qPrintable(none.join(u'\n')));
        QVERIFY(none.contains(u"record 7/ttl"_s));
        QVERIFY(none.contains(u"record 2/data"_s));
        QVERIFY(none.contains(u"record 1/data"_s));
        QVERIFY(none.contains(u"record 7/name"_s)); // OPT: the root, no dns.resp.name
        // The NSEC type bitmap: no field of its own here.
        QVERIFY(std::any_of(none.cbegin(), none.cend(),
                            [](const QString &n) { return n.startsWith(u"record 6/data/"_s); }));
        // A TXT string's key and value are parts of dns.txt, no fields of their own.
        QVERIFY(std::any_of(none.cbegin(), none.cend(), [](const QString &n) {
            return n.startsWith(u"record 2/data/"_s) && n.count(u'/') == 3;
        }));
    }

    // Each expression selects its packet here, and the same packets here as in tshark -Y.
    void sameAsTshark()
    {
        QTemporaryDir dir;
        QVERIFY(dir.isValid());
        const QString file = dir.filePath(u"built.pcap"_s);
        QVERIFY(TestFiles::writeFile(file, capture(payloads())));
        const CaptureFileResult read = CaptureFileReader::readFile(file);
        QVERIFY(!read.error);
        QCOMPARE(read.packets.size(), 3);
        QList<DnsMessage> messages;
        for (const Packet &p : read.packets)
            messages.append(DnsDecoder::decode(p.data));

        QStringList expressions;
        for (qsizetype i = 0; i < read.packets.size(); ++i) {
            for (const Described &d : items(messages[i])) {
                const QString e = FieldSelection::forItem(messages[i], d.item);
                if (!e.isEmpty() && !expressions.contains(e))
                    expressions.append(e);
            }
            // The packet list's columns: frame, addresses, ports, TTL, names.
            const FilterFields::Input input{read.packets[i], messages[i], quint64(i) + 1};
            for (const Field f :
                 {Field::FrameNumber, Field::IpSrc, Field::Ipv6Src, Field::IpDst, Field::Ipv6Dst,
                  Field::IpTtl, Field::Ipv6Hlim, Field::UdpSrcport, Field::UdpDstport,
                  Field::DnsFlagsResponse, Field::DnsQryName, Field::DnsRespName}) {
                const QString e = FieldSelection::forField(f, input);
                if (!e.isEmpty() && !expressions.contains(e))
                    expressions.append(e);
            }
        }
        QVERIFY(expressions.contains(u"ip.src == 169.254.1.2"_s));
        QVERIFY(expressions.contains(u"ipv6.src == fe80::2"_s));
        QVERIFY(expressions.contains(u"udp.srcport == 40123"_s));
        QVERIFY(expressions.contains(u"frame.number == 2"_s));
        QVERIFY(expressions.contains(u"ipv6.hlim == 1"_s));
        QVERIFY2(expressions.size() >= 60, qPrintable(QString::number(expressions.size())));

        // Ours: the packets each expression selects.
        QList<qint64> ours;
        for (const QString &e : std::as_const(expressions)) {
            DisplayFilter f;
            DisplayFilter::Error error;
            QVERIFY2(DisplayFilter::compile(e, &f, &error), qPrintable(e + u": "_s + error.reason));
            qint64 n = 0;
            for (qsizetype i = 0; i < read.packets.size(); ++i)
                n += f.matches(read.packets[i], messages[i], quint64(i) + 1) ? 1 : 0;
            QVERIFY2(n >= 1, qPrintable(e));
            ours.append(n);
        }
        // Each expression is selective somewhere: not every one matches every packet.
        QVERIFY(std::count(ours.cbegin(), ours.cend(), qint64(read.packets.size())) <
                ours.size() / 2);

        const QString tshark = QStandardPaths::findExecutable(u"tshark"_s);
        if (tshark.isEmpty())
            QSKIP("tshark is not installed: checked against mdnscope's filter only");
        // -z io,stat takes comma-separated filters: none of ours holds a comma.
        for (const QString &e : std::as_const(expressions))
            QVERIFY2(!e.contains(u','), qPrintable(e));
        const QList<qint64> theirs = tsharkCounts(tshark, file, expressions);
        QCOMPARE(theirs.size(), expressions.size());
        qInfo("%lld expressions, the same packets in tshark -Y", qlonglong(expressions.size()));
        for (qsizetype i = 0; i < expressions.size(); ++i) {
            QVERIFY2(ours[i] == theirs[i],
                     qPrintable(u"%1: %2 packets here, tshark %3"_s.arg(expressions[i])
                                    .arg(ours[i])
                                    .arg(theirs[i])));
        }
    }

    // The same over the corpus's mDNS captures: every decoded item of every packet.
    void corpusAgainstTshark_data()
    {
        QTest::addColumn<QString>("file");
        QTest::newRow("nfstream") << u"nfstream__mdns.pcap"_s;
        QTest::newRow("zeek") << u"zeek__dns__mdns.pcap"_s;
        QTest::newRow("packetgen") << u"packetgen__mdns.pcapng"_s;
    }
    void corpusAgainstTshark()
    {
        QFETCH(QString, file);
        const QString path = QStringLiteral(MDNSCOPE_SOURCE_DIR "/../shared/corpus/") + file;
        if (!QFile::exists(path))
            QSKIP("../shared/corpus (third-party captures) is not present next to the repo");
        const QString tshark = QStandardPaths::findExecutable(u"tshark"_s);
        if (tshark.isEmpty())
            QSKIP("tshark is not installed");
        const CaptureFileResult read = CaptureFileReader::readFile(path);
        QVERIFY(!read.error);
        QList<DnsMessage> messages;
        QStringList expressions;
        qsizetype itemCount = 0, withComma = 0;
        for (const Packet &p : read.packets) {
            messages.append(DnsDecoder::decode(p.data));
            for (const Described &d : items(messages.last())) {
                const QString e = FieldSelection::forItem(messages.last(), d.item);
                if (e.isEmpty())
                    continue;
                ++itemCount;
                if (e.contains(u','))
                    ++withComma; // -z io,stat cannot take it
                else if (!expressions.contains(e))
                    expressions.append(e);
            }
        }
        QVERIFY(expressions.size() > 10);
        QVERIFY(withComma * 10 < itemCount);
        QList<qint64> ours;
        for (const QString &e : std::as_const(expressions)) {
            DisplayFilter f;
            DisplayFilter::Error error;
            QVERIFY2(DisplayFilter::compile(e, &f, &error), qPrintable(e));
            qint64 n = 0;
            for (qsizetype i = 0; i < read.packets.size(); ++i)
                n += f.matches(read.packets[i], messages[i], quint64(i) + 1) ? 1 : 0;
            QVERIFY2(n >= 1, qPrintable(e));
            ours.append(n);
        }
        // tshark counts every frame: only its mDNS ones are ours.
        QStringList gated;
        for (const QString &e : std::as_const(expressions))
            gated.append(u"mdns && ("_s + e + u')');
        const QList<qint64> theirs = tsharkCounts(tshark, path, gated);
        QCOMPARE(theirs.size(), expressions.size());
        QStringList differ;
        for (qsizetype i = 0; i < expressions.size(); ++i) {
            if (ours[i] != theirs[i])
                differ.append(
                    u"%1: %2 here, tshark %3"_s.arg(expressions[i]).arg(ours[i]).arg(theirs[i]));
        }
        qInfo("%lld items, %lld expressions", qlonglong(itemCount), qlonglong(expressions.size()));
        QVERIFY2(differ.isEmpty(), qPrintable(differ.join(u'\n')));
    }
};

QTEST_GUILESS_MAIN(TestFieldSelection)
#include "tst_fieldselection.moc"

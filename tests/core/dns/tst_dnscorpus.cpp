// DnsDecoder against the real captures in ../shared/corpus: every mDNS datagram decodes
// cleanly and gives tshark's type counts (MANIFEST.txt); tshark's own decoding (PDML) agrees
// packet by packet, field by field and byte span by byte span; the unicast DNS files'
// malformed messages and the DNSCrypt-on-5353 file are reported as malformed.
#include "CaptureFileReader.h"
#include "DnsDecoder.h"
#include "DnsTestUtil.h"

#include <QFile>
#include <QMap>
#include <QProcess>
#include <QStandardPaths>
#include <QTest>
#include <QXmlStreamReader>

using namespace Qt::StringLiterals;

namespace {

QString corpusDir()
{
    return QStringLiteral(MDNSCOPE_SOURCE_DIR "/../shared/corpus");
}

#define REQUIRE_CORPUS()                                                                           \
    do {                                                                                           \
        if (!QFile::exists(corpusDir() + u"/MANIFEST.txt"_s))                                      \
            QSKIP("../shared/corpus (third-party captures) is not present next to the repo");      \
    } while (false)

// What MANIFEST.txt says about one file (tshark 4.0's counts).
struct ManifestEntry
{
    int mdnsPackets = -1, queries = -1, responses = -1, malformed = -1;
    QMap<QString, int> types; // rr_type_occurrences
};

QMap<QString, ManifestEntry> readManifest()
{
    QMap<QString, ManifestEntry> entries;
    QFile f(corpusDir() + u"/MANIFEST.txt"_s);
    if (!f.open(QIODevice::ReadOnly))
        return entries;
    QString current;
    const auto number = [](const QString &line, const QString &key) {
        const qsizetype at = line.indexOf(key);
        if (at < 0)
            return -1;
        qsizetype end = at + key.size();
        while (end < line.size() && line.at(end).isDigit())
            ++end;
        return line.mid(at + key.size(), end - at - key.size()).toInt();
    };
    while (!f.atEnd()) {
        const QString line = QString::fromUtf8(f.readLine()).trimmed();
        if (line.startsWith(u"FILE: "_s)) {
            current = line.mid(6);
            entries[current] = {};
        } else if (current.isEmpty()) {
            continue;
        } else if (line.startsWith(u"mdns_packets"_s)) {
            entries[current].mdnsPackets = number(line, u"): "_s);
            entries[current].queries = number(line, u"queries="_s);
            entries[current].responses = number(line, u"responses="_s);
        } else if (line.startsWith(u"malformed"_s)) {
            entries[current].malformed = number(line, u"): "_s);
        } else if (line.startsWith(u"rr_type_occurrences"_s)) {
            const QString list = line.mid(line.indexOf(u"): "_s) + 3);
            for (const QString &item : list.split(u' ', Qt::SkipEmptyParts)) {
                const qsizetype eq = item.indexOf(u'=');
                entries[current].types[item.left(eq)] = item.mid(eq + 1).toInt();
            }
        }
    }
    return entries;
}

// tshark counts every dns.resp.type / dns.qry.type field, and its NSEC dissector files the
// type bitmap's entries under dns.resp.type too; unknown types read "T<n>".
void countTypes(const DnsMessage &m, QMap<QString, int> &counts)
{
    const auto name = [](quint16 t) {
        const QString n = DnsDecoder::typeName(t);
        return n.startsWith(u"TYPE"_s) ? u"T"_s + n.mid(4) : n;
    };
    for (const DnsQuestion &q : m.questions)
        ++counts[name(q.type)];
    for (const DnsRecord &r : m.records) {
        ++counts[name(r.type)];
        for (quint16 t : r.nsecTypes)
            ++counts[name(t)];
    }
}

// UDP payloads of an Ethernet/IPv4 classic pcap, any port (CaptureFileReader keeps only
// port 5353; the DNS53 files are port 53). Uses the IP total length, as tshark does: the
// zlip files' UDP length field (8) would leave nothing.
QList<QByteArray> udpPayloadsOfEthernetPcap(const QByteArray &file)
{
    QList<QByteArray> out;
    if (file.size() < 24)
        return out;
    const auto *d = reinterpret_cast<const uchar *>(file.constData());
    const bool little = d[0] == 0xD4 && d[1] == 0xC3;
    const auto u32 = [&](qsizetype at) {
        return little ? quint32(d[at]) | quint32(d[at + 1]) << 8 | quint32(d[at + 2]) << 16 |
                            quint32(d[at + 3]) << 24
                      : quint32(d[at]) << 24 | quint32(d[at + 1]) << 16 | quint32(d[at + 2]) << 8 |
                            quint32(d[at + 3]);
    };
    for (qsizetype pos = 24; pos + 16 <= file.size();) {
        const qsizetype caplen = u32(pos + 8);
        const qsizetype frame = pos + 16;
        pos = frame + caplen;
        if (pos > file.size() || caplen < 14 + 20 + 8)
            break;
        const uchar *e = d + frame;
        if (e[12] != 0x08 || e[13] != 0x00 || (e[14] >> 4) != 4 || e[14 + 9] != 17)
            continue;
        const qsizetype ihl = (e[14] & 0xF) * 4;
        const qsizetype total = qMin<qsizetype>((e[16] << 8) | e[17], caplen - 14);
        if (total < ihl + 8)
            continue;
        out << QByteArray(reinterpret_cast<const char *>(e + 14 + ihl + 8), total - ihl - 8);
    }
    return out;
}

// One PDML <field>: its name, shown value, position (relative to the DNS message) and size.
struct PdmlField
{
    QString name, show;
    qint64 pos = 0, size = 0;
    QList<PdmlField> children;
    const PdmlField *child(const QString &n) const
    {
        for (const PdmlField &c : children) {
            if (c.name == n)
                return &c;
        }
        return nullptr;
    }
    QList<const PdmlField *> all(const QString &n) const
    {
        QList<const PdmlField *> out;
        for (const PdmlField &c : children) {
            if (c.name == n)
                out << &c;
        }
        return out;
    }
};

PdmlField readPdmlField(QXmlStreamReader &xml, qint64 base)
{
    PdmlField f;
    const QXmlStreamAttributes a = xml.attributes();
    f.name = a.value(u"name"_s).toString();
    f.show = a.value(u"show"_s).toString();
    f.pos = a.value(u"pos"_s).toLongLong() - base;
    f.size = a.value(u"size"_s).toLongLong();
    while (xml.readNextStartElement()) {
        if (xml.name() == u"field"_s)
            f.children << readPdmlField(xml, base);
        else
            xml.skipCurrentElement();
    }
    return f;
}

// The mdns layer of every packet tshark shows with -Y mdns, as a field tree.
QList<PdmlField> tsharkMdns(const QString &file, QString *error)
{
    QProcess p;
    p.start(u"tshark"_s, {u"-r"_s, file, u"-Y"_s, u"mdns"_s, u"-T"_s, u"pdml"_s});
    if (!p.waitForFinished(120000) || p.exitCode() != 0) {
        *error = u"tshark failed: "_s + QString::fromLocal8Bit(p.readAllStandardError());
        return {};
    }
    QList<PdmlField> packets;
    QXmlStreamReader xml(p.readAllStandardOutput());
    while (!xml.atEnd()) {
        xml.readNext();
        if (xml.isStartElement() && xml.name() == u"proto"_s &&
            xml.attributes().value(u"name"_s) == u"mdns"_s) {
            const qint64 base = xml.attributes().value(u"pos"_s).toLongLong();
            PdmlField root;
            root.name = u"mdns"_s;
            while (xml.readNextStartElement()) {
                if (xml.name() == u"field"_s)
                    root.children << readPdmlField(xml, base);
                else
                    xml.skipCurrentElement();
            }
            packets << root;
        }
    }
    if (xml.hasError())
        *error = u"PDML: "_s + xml.errorString();
    return packets;
}

const QStringList &mdnsFileNames()
{
    static const QStringList files = {u"nfstream__mdns.pcap"_s,
                                      u"zeek__dns__mdns.pcap"_s,
                                      u"zeek__dns__mdns-no-assoc.pcap"_s,
                                      u"zeek__wlanmon.pcap"_s,
                                      u"zeek__radiotap.pcap"_s,
                                      u"packetgen__mdns.pcapng"_s,
                                      u"suricata-verify__smb-length-5770.pcap"_s};
    return files;
}

// tshark escapes bytes it cannot print C-style ("\x1e", "\n"); mdnscope uses the RFC 6763
// §4.3 form ("\030"). The one intended difference: map tshark's text to ours to compare.
QString tsharkEscapesToDecimal(const QString &text)
{
    static const QMap<QChar, int> letters = {{u'a', 7},  {u'b', 8},  {u't', 9}, {u'n', 10},
                                             {u'v', 11}, {u'f', 12}, {u'r', 13}};
    QString out;
    for (qsizetype i = 0; i < text.size(); ++i) {
        const QChar c = text.at(i);
        if (c == u'\\' && i + 3 < text.size() && text.at(i + 1) == u'x') {
            bool ok = false;
            const int byte = text.mid(i + 2, 2).toInt(&ok, 16);
            if (ok) {
                out += u"\\%1"_s.arg(byte, 3, 10, QChar(u'0'));
                i += 3;
                continue;
            }
        }
        if (c == u'\\' && i + 1 < text.size() && letters.contains(text.at(i + 1))) {
            out += u"\\%1"_s.arg(letters.value(text.at(i + 1)), 3, 10, QChar(u'0'));
            ++i;
            continue;
        }
        out += c;
    }
    return out;
}

// Compares one decoded record (or question) with tshark's entry; returns the differences.
QStringList compareRecord(const DnsRecord &r, const PdmlField &e);

} // namespace

class TestDnsCorpus final : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase();
    void mdnsFiles_data();
    void mdnsFiles();
    void matchesTshark_data();
    void matchesTshark();
    void unicastDnsFiles_data();
    void unicastDnsFiles();
    void dnscryptIsMalformed();

private:
    QMap<QString, ManifestEntry> m_manifest;
};

void TestDnsCorpus::initTestCase()
{
    m_manifest = readManifest();
}

void TestDnsCorpus::mdnsFiles_data()
{
    QTest::addColumn<QString>("file");
    for (const QString &f : mdnsFileNames())
        QTest::newRow(qPrintable(f)) << f;
}

void TestDnsCorpus::mdnsFiles()
{
    REQUIRE_CORPUS();
    QFETCH(QString, file);
    QVERIFY2(m_manifest.contains(file), "file not listed in MANIFEST.txt");
    const ManifestEntry &expected = m_manifest[file];
    const CaptureFileResult read = CaptureFileReader::readFile(corpusDir() + u'/' + file);
    QVERIFY2(!read.error, read.error ? qPrintable(read.error->toString()) : "");
    QCOMPARE(read.packets.size(), expected.mdnsPackets);

    QMap<QString, int> types;
    int queries = 0, responses = 0;
    for (qsizetype i = 0; i < read.packets.size(); ++i) {
        const QByteArray &data = read.packets.at(i).data;
        const DnsMessage m = DnsDecoder::decode(data);
        QVERIFY2(!m.isMalformed(), qPrintable(u"packet %1: %2"_s.arg(i + 1).arg(
                                       m.isMalformed() ? m.error->reason : QString())));
        QCOMPARE(DnsTestUtil::spanOutside(m, quint32(data.size())), QString());
        QCOMPARE(m.questions.size(), int(m.header.questionCount));
        QCOMPARE(m.records.size(),
                 int(m.header.answerCount) + m.header.authorityCount + m.header.additionalCount);
        countTypes(m, types);
        ++(m.isResponse() ? responses : queries);
    }
    QCOMPARE(types, expected.types);
    QCOMPARE(queries, expected.queries);
    QCOMPARE(responses, expected.responses);
    if (file == u"nfstream__mdns.pcap"_s) {
        // The figures the issue names, in case MANIFEST.txt ever changes under the test.
        QCOMPARE(queries, 99);
        QCOMPARE(responses, 193);
        QCOMPARE(types, (QMap<QString, int>{{u"A"_s, 243},
                                            {u"PTR"_s, 866},
                                            {u"HINFO"_s, 56},
                                            {u"TXT"_s, 296},
                                            {u"AAAA"_s, 523},
                                            {u"SRV"_s, 253},
                                            {u"NSEC"_s, 314},
                                            {u"ANY"_s, 288}}));
    }
}

void TestDnsCorpus::matchesTshark_data()
{
    mdnsFiles_data();
}

void TestDnsCorpus::matchesTshark()
{
    REQUIRE_CORPUS();
    if (QStandardPaths::findExecutable(u"tshark"_s).isEmpty())
        QSKIP("tshark is not installed (scripts/test.sh installs it)");
    QFETCH(QString, file);
    const CaptureFileResult read = CaptureFileReader::readFile(corpusDir() + u'/' + file);
    QVERIFY(!read.error);
    QString error;
    const QList<PdmlField> shark = tsharkMdns(corpusDir() + u'/' + file, &error);
    QVERIFY2(error.isEmpty(), qPrintable(error));
    QCOMPARE(shark.size(), read.packets.size());

    static const QStringList sectionTitles = {
        u"Queries"_s, u"Answers"_s, u"Authoritative nameservers"_s, u"Additional records"_s};
    int compared = 0;
    for (qsizetype i = 0; i < shark.size(); ++i) {
        const DnsMessage m = DnsDecoder::decode(read.packets.at(i).data);
        const PdmlField &s = shark.at(i);
        const QString where = u"%1 packet %2"_s.arg(file).arg(i + 1);
        QCOMPARE(u"0x%1"_s.arg(uint(m.header.id), 4, 16, QChar(u'0')), s.child(u"dns.id"_s)->show);
        QStringList diffs;
        QList<const PdmlField *> entries[4];
        for (const PdmlField &c : s.children) {
            const qsizetype section = sectionTitles.indexOf(c.show);
            if (c.name.isEmpty() && section >= 0) {
                for (const PdmlField &e : c.children)
                    entries[section] << &e;
            }
        }
        QCOMPARE(entries[0].size(), m.questions.size());
        for (qsizetype q = 0; q < m.questions.size(); ++q) {
            const DnsQuestion &mine = m.questions.at(q);
            const PdmlField &e = *entries[0].at(q);
            const PdmlField *name = e.child(u"dns.qry.name"_s);
            QVERIFY2(name, qPrintable(where));
            if (name->show != mine.name)
                diffs << u"question name %1 vs %2"_s.arg(mine.name, name->show);
            if (ByteSpan{quint32(name->pos), quint32(name->size)} != mine.nameSpan)
                diffs << u"question name span"_s;
            if (e.child(u"dns.qry.type"_s)->show.toInt() != mine.type)
                diffs << u"question type"_s;
            if (e.child(u"dns.qry.class"_s)->show.toInt(nullptr, 16) != mine.qclass)
                diffs << u"question class"_s;
            if ((e.child(u"dns.qry.qu"_s)->show == u"1"_s) != mine.unicastResponse)
                diffs << u"QU bit"_s;
            if (ByteSpan{quint32(e.pos), quint32(e.size)} != mine.span)
                diffs << u"question span"_s;
        }
        qsizetype r = 0;
        for (int section = 1; section < 4; ++section) {
            for (const PdmlField *e : entries[section]) {
                QVERIFY2(r < m.records.size(), qPrintable(where));
                const DnsRecord &mine = m.records.at(r++);
                if (int(mine.section) != section)
                    diffs << u"section of record %1"_s.arg(r);
                for (const QString &d : compareRecord(mine, *e))
                    diffs << u"record %1 (%2 %3): %4"_s.arg(r).arg(
                        mine.name, DnsDecoder::typeName(mine.type), d);
                ++compared;
            }
        }
        QCOMPARE(r, m.records.size());
        QVERIFY2(diffs.isEmpty(), qPrintable(where + u": "_s + diffs.join(u"; "_s)));
    }
    qInfo("%s: %d records compared with tshark", qPrintable(file), compared);
}

void TestDnsCorpus::unicastDnsFiles_data()
{
    QTest::addColumn<QString>("file");
    QTest::addColumn<QStringList>("reasons"); // one per datagram; empty = not malformed
    // Checked by hand against the bytes: zlip-1 is c0 0c at offset 12 (a pointer to itself);
    // zlip-2 points 12 -> 14 -> 12; zlip-3 has a long label then 20 self-pointers c0 0c;
    // invalid-names: a label of 3 with 1 byte after it, c0 0c at 12, a label "abc" without
    // its terminating zero. tshark marks 2 of those 3 as _ws.malformed: for the pointer loop
    // it shows "<Name contains a pointer that loops>" as expert info but goes on.
    QTest::newRow("zlip-1") << u"DNS53__tcpdump__dns-zlip-1.pcap"_s
                            << QStringList{u"compression pointer loop (offset 12 again)"_s};
    QTest::newRow("zlip-2") << u"DNS53__tcpdump__dns-zlip-2.pcap"_s
                            << QStringList{u"compression pointer loop (offset 14 again)"_s};
    QTest::newRow("zlip-3") << u"DNS53__tcpdump__dns-zlip-3.pcap"_s
                            << QStringList{u"compression pointer loop (offset 12 again)"_s};
    QTest::newRow("invalid-names")
        << u"DNS53__zeek__dns-invalid-names.pcap"_s
        << QStringList{u"label of 3 bytes runs past the end of the message"_s,
                       u"compression pointer loop (offset 12 again)"_s,
                       u"name runs past the end of the message"_s};
    // The 63 KB fuzzed tcpdump messages: malformed somewhere (tshark agrees), no crash.
    QTest::newRow("badlabel") << u"DNS53__tcpdump__dns-badlabel.pcap"_s << QStringList{u"*"_s};
    QTest::newRow("fwdptr") << u"DNS53__tcpdump__dns_fwdptr.pcap"_s << QStringList{u"*"_s};
    QTest::newRow("dnssec-nsec") << u"DNS53__zeek__dnssec-nsec.pcap"_s
                                 << QStringList{QString(), QString(), QString(), QString()};
}

void TestDnsCorpus::unicastDnsFiles()
{
    REQUIRE_CORPUS();
    QFETCH(QString, file);
    QFETCH(QStringList, reasons);
    QFile f(corpusDir() + u'/' + file);
    QVERIFY(f.open(QIODevice::ReadOnly));
    const QList<QByteArray> datagrams = udpPayloadsOfEthernetPcap(f.readAll());
    QCOMPARE(datagrams.size(), reasons.size());
    QMap<QString, int> types;
    for (qsizetype i = 0; i < datagrams.size(); ++i) {
        const DnsMessage m = DnsDecoder::decode(datagrams.at(i));
        QCOMPARE(DnsTestUtil::spanOutside(m, quint32(datagrams.at(i).size())), QString());
        QVERIFY(!DnsDecoder::summary(m).isEmpty());
        for (const DnsRecord &r : m.records)
            DnsDecoder::rdataText(r);
        if (reasons.at(i).isEmpty()) {
            QVERIFY2(!m.isMalformed(), m.isMalformed() ? qPrintable(m.error->reason) : "");
        } else {
            QVERIFY(m.isMalformed());
            if (reasons.at(i) != u"*"_s)
                QCOMPARE(m.error->reason, reasons.at(i));
        }
        countTypes(m, types);
    }
    if (file == u"DNS53__zeek__dnssec-nsec.pcap"_s)
        QCOMPARE(types, m_manifest[file].types);
}

void TestDnsCorpus::dnscryptIsMalformed()
{
    REQUIRE_CORPUS();
    const QString file = u"NEG__ndpi__dnscrypt-v2-on-5353.pcap"_s;
    const CaptureFileResult read = CaptureFileReader::readFile(corpusDir() + u'/' + file);
    QVERIFY(!read.error);
    QCOMPARE(read.packets.size(), m_manifest[file].mdnsPackets);
    int malformed = 0;
    for (const Packet &p : read.packets) {
        const DnsMessage m = DnsDecoder::decode(p.data);
        QCOMPARE(DnsTestUtil::spanOutside(m, quint32(p.data.size())), QString());
        malformed += m.isMalformed();
    }
    QCOMPARE(malformed, m_manifest[file].malformed);
    QCOMPARE(malformed, 6);
}

namespace {

QStringList compareRecord(const DnsRecord &r, const PdmlField &e)
{
    QStringList d;
    const auto span = [](const PdmlField *f) {
        return f ? ByteSpan{quint32(f->pos), quint32(f->size)} : ByteSpan{};
    };
    const auto show = [&e](const QString &n) {
        const PdmlField *f = e.child(n);
        return f ? f->show : u"<missing>"_s;
    };
    const PdmlField *name = e.child(u"dns.resp.name"_s);
    PdmlField srvName;
    if (!name && e.child(u"dns.srv.service"_s)) {
        // tshark splits an SRV owner into service, protocol and the rest, each with the
        // whole name's span.
        srvName = *e.child(u"dns.srv.service"_s);
        for (const char *part : {"dns.srv.proto", "dns.srv.name"}) {
            if (const PdmlField *f = e.child(QString::fromLatin1(part)))
                srvName.show += u'.' + f->show;
        }
        name = &srvName;
    }
    if (!name)
        return {u"no dns.resp.name"_s};
    if (name->show != r.name)
        d << u"name %1 vs %2"_s.arg(r.name, name->show);
    if (span(name) != r.nameSpan)
        d << u"name span"_s;
    const QList<const PdmlField *> typeFields = e.all(u"dns.resp.type"_s);
    if (typeFields.isEmpty() || typeFields.first()->show.toInt() != r.type)
        d << u"type"_s;
    else if (span(typeFields.first()) != r.typeSpan)
        d << u"type span"_s;
    if (ByteSpan{quint32(e.pos), quint32(e.size)} != r.span)
        d << u"record span"_s;
    if (show(u"dns.resp.len"_s).toInt() != r.rdlength)
        d << u"rdlength"_s;
    if ((show(u"dns.resp.cache_flush"_s) == u"1"_s) != r.cacheFlush)
        d << u"cache-flush"_s;
    if (r.type == DnsType::OPT) {
        if (show(u"dns.rr.udp_payload_size"_s).toInt(nullptr, 16) != r.rrclass)
            d << u"UDP payload size"_s;
        const QList<const PdmlField *> opts = e.all(u"dns.opt"_s);
        if (opts.size() != r.options.size())
            d << u"EDNS option count"_s;
        for (qsizetype i = 0; i < qMin(opts.size(), r.options.size()); ++i) {
            const PdmlField *code = opts[i]->child(u"dns.opt.code"_s);
            if (!code || code->show.toInt() != r.options[i].code)
                d << u"EDNS option code"_s;
            if (span(opts[i]) != r.options[i].span)
                d << u"EDNS option span"_s;
        }
        return d;
    }
    if (show(u"dns.resp.class"_s).toInt(nullptr, 16) != r.rrclass)
        d << u"class"_s;
    if (show(u"dns.resp.ttl"_s).toUInt() != r.ttl)
        d << u"ttl"_s;
    const auto expect = [&](const QString &field, const QString &mine, ByteSpan mineSpan) {
        const PdmlField *f = e.child(field);
        if (!f)
            d << u"no "_s + field;
        else if (f->show != mine)
            d << u"%1 %2 vs %3"_s.arg(field, mine, f->show);
        else if (!mineSpan.isEmpty() && span(f) != mineSpan)
            d << field + u" span"_s;
    };
    const auto fieldSpan = [&r](qsizetype i) {
        return i < r.rdataFields.size() ? r.rdataFields.at(i).span : ByteSpan{};
    };
    switch (r.type) {
    case DnsType::A:
        expect(u"dns.a"_s, DnsDecoder::rdataText(r), r.rdataSpan);
        break;
    case DnsType::AAAA:
        expect(u"dns.aaaa"_s, DnsDecoder::rdataText(r), r.rdataSpan);
        break;
    case DnsType::PTR:
        expect(u"dns.ptr.domain_name"_s, r.target, r.rdataSpan);
        break;
    case DnsType::SRV:
        expect(u"dns.srv.priority"_s, QString::number(r.priority), fieldSpan(0));
        expect(u"dns.srv.weight"_s, QString::number(r.weight), fieldSpan(1));
        expect(u"dns.srv.port"_s, QString::number(r.port), fieldSpan(2));
        expect(u"dns.srv.target"_s, r.target, fieldSpan(3));
        break;
    case DnsType::HINFO:
        expect(u"dns.hinfo.cpu"_s, QString::fromUtf8(r.cpu), {});
        expect(u"dns.hinfo.os"_s, QString::fromUtf8(r.os), {});
        break;
    case DnsType::TXT: {
        const QList<const PdmlField *> strings = e.all(u"dns.txt"_s);
        if (strings.size() != r.txt.size()) {
            d << u"TXT string count %1 vs %2"_s.arg(r.txt.size()).arg(strings.size());
            break;
        }
        for (qsizetype i = 0; i < strings.size(); ++i) {
            // Wireshark shows the string's bytes from byte 1 of the field (after the length).
            const QString theirs = tsharkEscapesToDecimal(strings[i]->show);
            if (theirs != r.rdataFields.at(i).value)
                d << u"TXT %1 vs %2"_s.arg(r.rdataFields.at(i).value, theirs);
            if (span(strings[i]).offset != r.rdataFields.at(i).span.offset + 1)
                d << u"TXT span"_s;
        }
        break;
    }
    case DnsType::NSEC: {
        expect(u"dns.nsec.next_domain_name"_s, r.target, fieldSpan(0));
        QList<quint16> types;
        for (qsizetype i = 1; i < typeFields.size(); ++i)
            types << quint16(typeFields[i]->show.toUInt());
        if (types != r.nsecTypes)
            d << u"NSEC bitmap types"_s;
        break;
    }
    default:
        break;
    }
    return d;
}

} // namespace

QTEST_GUILESS_MAIN(TestDnsCorpus)
#include "tst_dnscorpus.moc"

// The summary lines of every packet of the real captures in ../shared/corpus and of the
// capture files in tests/data: the kind each line starts with (Query:, Probe:, Response:,
// Announcement:, Goodbye:, Not DNS:) and its "+N" tail are computed here again from the
// decoded message, by the rules the README states, independently of the summary code, and
// must agree for every packet. The DNSCrypt-on-5353 file reads "Not DNS:" throughout.
#include "CaptureFileReader.h"
#include "DnsDecoder.h"

#include <QDir>
#include <QFileInfo>
#include <QMap>
#include <QRegularExpression>
#include <QTest>

#include <array>

using namespace Qt::StringLiterals;

namespace {

QString corpusDir()
{
    return QStringLiteral(MDNSCOPE_SOURCE_DIR "/../shared/corpus");
}

QStringList captureFiles()
{
    QStringList files;
    const QStringList patterns{u"*.pcap"_s, u"*.pcapng"_s};
    for (const QString &dir :
         {corpusDir(), QStringLiteral(MDNSCOPE_SOURCE_DIR "/tests/data/fuzz-capturefile")}) {
        for (const QString &f : QDir(dir).entryList(patterns, QDir::Files, QDir::Name))
            files << dir + u'/' + f;
    }
    return files;
}

// The kind by the README's rules, written out again from the message's fields.
QString expectedKind(const DnsMessage &m)
{
    const DnsHeader &h = m.header;
    if (m.error && h.span.length == 12) {
        const quint64 need = 12 + 5 * quint64(h.questionCount) +
                             11 * quint64(h.answerCount + h.authorityCount + h.additionalCount);
        const bool opcodeUnassigned = h.opcode == 3 || h.opcode > 6;
        if (need > 65535 || opcodeUnassigned)
            return u"Not DNS"_s;
    }
    const bool mdns = h.opcode == 0 && h.rcode == 0;
    int authority = 0, answers = 0, nonOpt = 0, ttlZero = 0;
    for (const DnsRecord &r : m.records) {
        authority += r.section == DnsSection::Authority;
        answers += r.section == DnsSection::Answer;
        if (r.type != DnsType::OPT) {
            ++nonOpt;
            ttlZero += r.ttl == 0;
        }
    }
    if (!h.qr)
        return mdns && !m.questions.isEmpty() && authority > 0 ? u"Probe"_s : u"Query"_s;
    if (mdns && nonOpt > 0 && ttlZero == nonOpt)
        return u"Goodbye"_s;
    if (mdns && h.id == 0 && m.questions.isEmpty() && answers > 0)
        return u"Announcement"_s;
    return u"Response"_s;
}

// ", +N qd, +N an, +N ns, +N ar": what the list leaves out, per section.
QString expectedTail(const DnsMessage &m, const QString &kind)
{
    std::array<qsizetype, 4> count{m.questions.size(), 0, 0, 0};
    for (const DnsRecord &r : m.records)
        ++count[1 + (r.section == DnsSection::Authority) +
                2 * (r.section == DnsSection::Additional)];
    if (kind == u"Query"_s || kind == u"Probe"_s) {
        count[0] -= qMin<qsizetype>(count[0], 3);
    } else {
        for (int s = 1; s < 4; ++s) {
            if (count[s] > 0) {
                count[s] -= qMin<qsizetype>(count[s], 3);
                break;
            }
        }
    }
    QString tail;
    const char *names[] = {"qd", "an", "ns", "ar"};
    for (int s = 0; s < 4; ++s) {
        if (count[s])
            tail += u", +%1 %2"_s.arg(count[s]).arg(QLatin1StringView(names[s]));
    }
    return tail;
}

// What follows the tail: the ID and opcode when not zero, the rcode, the fault.
QString expectedNotes(const DnsMessage &m)
{
    const DnsHeader &h = m.header;
    QStringList notes;
    if (h.id)
        notes << u"id=0x%1"_s.arg(h.id, 4, 16, QChar(u'0'));
    if (h.opcode) {
        static const QMap<int, QString> names{
            {1, u"IQUERY"_s}, {2, u"STATUS"_s}, {4, u"NOTIFY"_s}, {5, u"UPDATE"_s}, {6, u"DSO"_s}};
        notes << u"opcode="_s + names.value(h.opcode, QString::number(h.opcode));
    }
    QString text = notes.isEmpty() ? QString() : u" ["_s + notes.join(u", "_s) + u']';
    if (h.rcode)
        text += u" [rcode %1]"_s.arg(h.rcode);
    if (m.error)
        text += u" [Malformed at %1: %2]"_s.arg(m.error->offset).arg(m.error->reason);
    return text;
}

} // namespace

class TestSummaryCorpus final : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void everyPacket();
    void dnscryptIsNotDns();
};

void TestSummaryCorpus::everyPacket()
{
    const QStringList files = captureFiles();
    if (!QFile::exists(corpusDir() + u"/MANIFEST.txt"_s))
        QSKIP("../shared/corpus (third-party captures) is not present next to the repo");
    QMap<QString, int> kinds;
    qsizetype packets = 0, tails = 0;
    for (const QString &file : files) {
        const CaptureFileResult read = CaptureFileReader::readFile(file);
        for (qsizetype i = 0; i < read.packets.size(); ++i) {
            const DnsMessage m = DnsDecoder::decode(read.packets.at(i).data);
            const QString summary = DnsDecoder::summary(m);
            const QString where =
                u"%1 packet %2: %3"_s.arg(QFileInfo(file).fileName()).arg(i + 1).arg(summary);
            const QString kind = expectedKind(m);
            ++kinds[kind];
            ++packets;
            QVERIFY2(summary.startsWith(kind + u": "_s), qPrintable(where));
            QCOMPARE(DnsDecoder::messageKind(m) == DnsDecoder::MessageKind::NotDns,
                     kind == u"Not DNS"_s);
            if (kind == u"Not DNS"_s) {
                QCOMPARE(summary, u"Not DNS: "_s + DnsDecoder::notDnsReason(m));
                continue;
            }
            const QString tail = expectedTail(m, kind);
            tails += !tail.isEmpty();
            QVERIFY2(summary.endsWith(tail + expectedNotes(m)), qPrintable(where));
            // Nothing else in the line looks like a tail item.
            const QString items = summary.chopped(tail.size() + expectedNotes(m).size());
            static const QRegularExpression stray(u", \\+\\d+ (qd|an|ns|ar)$"_s);
            QVERIFY2(!stray.match(items).hasMatch(), qPrintable(where));
            // The root reads "." in the summary, never "<Root>".
            QVERIFY2(!summary.contains(u"<Root>"_s), qPrintable(where));
        }
    }
    qInfo() << packets << "packets in" << files.size() << "files:" << kinds << tails
            << "with a +N tail";
    // The corpus holds each kind but Response (its mDNS files probe, announce or answer with
    // ID 0 and no question, ask and say goodbye; the DNSCrypt file is not DNS; no legacy unicast
    // reply, which tst_dnsdecoder covers): a rule that never fires would not be tested above.
    for (const QString &kind :
         {u"Query"_s, u"Probe"_s, u"Announcement"_s, u"Goodbye"_s, u"Not DNS"_s})
        QVERIFY2(kinds.value(kind) > 0, qPrintable(kind));
    QVERIFY(tails > 0);
}

void TestSummaryCorpus::dnscryptIsNotDns()
{
    const QString file = corpusDir() + u"/NEG__ndpi__dnscrypt-v2-on-5353.pcap"_s;
    if (!QFile::exists(file))
        QSKIP("../shared/corpus (third-party captures) is not present next to the repo");
    const CaptureFileResult read = CaptureFileReader::readFile(file);
    QCOMPARE(read.packets.size(), 6);
    for (const Packet &p : read.packets) {
        const DnsMessage m = DnsDecoder::decode(p.data);
        QVERIFY(m.isMalformed());
        QVERIFY2(DnsDecoder::summary(m).startsWith(u"Not DNS: its header counts "_s),
                 qPrintable(DnsDecoder::summary(m)));
    }
}

QTEST_GUILESS_MAIN(TestSummaryCorpus)
#include "tst_summarycorpus.moc"

// One number per packet (issue #17), from 1 as in Wireshark: a capture file's packets carry their
// frame numbers (every frame counts, also those mdnscope skips), the pipeline hands them on and
// numbers the rest on from the packet before, the store keeps them (and finds a packet by its
// number across gaps, evictions and the 32-bit wrap), an export of some packets keeps theirs,
// and live numbering starts again at 1 after a clear.

#include "AnalyzedBatch.h"
#include "AnalyzerSession.h"
#include "CaptureFileReader.h"
#include "DecodedPacket.h"
#include "MdnsCaptureFile.h"
#include "PacketConsumer.h"
#include "PacketExporter.h"
#include "PacketPipeline.h"
#include "PacketStore.h"
#include "PacketStreamWriter.h"

#include <QFile>
#include <QJsonDocument>
#include <QJsonObject>
#include <QSignalSpy>
#include <QTemporaryDir>
#include <QTest>

using namespace Qt::StringLiterals;

namespace {
constexpr int kPackets = 40;
constexpr int kTimeoutMs = 20'000;

class Numbers final : public PacketConsumer
{
public:
    bool consume(const DecodedPacket &p) override
    {
        numbers.append(p.number);
        return true;
    }
    QString error() const override { return {}; }
    QList<quint64> numbers;
};

QList<quint64> numbersOf(const QList<Packet> &packets)
{
    QList<quint64> out;
    for (const Packet &p : packets)
        out.append(p.number);
    return out;
}

QList<quint64> widen(const QList<quint32> &numbers)
{
    return QList<quint64>(numbers.cbegin(), numbers.cend());
}

PacketBatch unnumbered(int count)
{
    const CaptureFileResult file = CaptureFileReader::readBytes(MdnsCaptureFile::build(count));
    PacketBatch batch = file.packets;
    for (Packet &p : batch)
        p.number = 0;
    return batch;
}

QList<qint64> indexesIn(const QString &path, bool csv)
{
    QFile f(path);
    if (!f.open(QIODevice::ReadOnly))
        return {};
    QList<qint64> out;
    const QList<QByteArray> lines = f.readAll().split('\n');
    for (qsizetype i = csv ? 1 : 0; i < lines.size(); ++i) {
        const QByteArray line = lines.at(i).trimmed();
        if (line.isEmpty())
            continue;
        if (csv)
            out.append(line.left(line.indexOf(',')).toLongLong());
        else
            out.append(QJsonDocument::fromJson(line).object().value(u"index"_s).toInteger(-1));
    }
    return out;
}
} // namespace

class TestPacketNumbers : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void fileFramesKeepTheirNumbers();
    void pipelineHandsOnAndContinuesNumbers();
    void storeFindsNumbersAcrossGaps();
    void storeNumbersWrapAsWireshark();
    void exportOfSomePacketsKeepsTheirNumbers_data();
    void exportOfSomePacketsKeepsTheirNumbers();
    void liveNumberingStartsAtOneAfterClear();
};

void TestPacketNumbers::fileFramesKeepTheirNumbers()
{
    QList<quint32> expected;
    const QByteArray bytes = MdnsCaptureFile::buildInterleaved(kPackets, &expected);
    QCOMPARE(expected.size(), kPackets);
    QVERIFY(expected.last() > quint32(kPackets)); // frames were skipped in between
    const CaptureFileResult all = CaptureFileReader::readBytes(bytes);
    QVERIFY(!all.error);
    QCOMPARE(all.stats.records, quint64(expected.last()));
    QVERIFY(all.stats.skippedNotMdns > 0 && all.stats.skippedLinkType > 0);
    QCOMPARE(numbersOf(all.packets), widen(expected));

    // In batches, the same numbers.
    QList<quint64> batched;
    QTemporaryDir dir;
    const QString path = dir.filePath(u"f.pcapng"_s);
    QVERIFY(MdnsCaptureFile::write(path, bytes));
    const CaptureFileResult read = CaptureFileReader::readFileInBatches(
        path,
        [&](QList<Packet> &packets) {
            batched += numbersOf(packets);
            return true;
        },
        7);
    QVERIFY(!read.error);
    QCOMPARE(batched, widen(expected));
}

void TestPacketNumbers::pipelineHandsOnAndContinuesNumbers()
{
    QList<quint32> expected;
    const CaptureFileResult file =
        CaptureFileReader::readBytes(MdnsCaptureFile::buildInterleaved(kPackets, &expected));
    PacketPipeline pipeline;
    Numbers seen;
    pipeline.addConsumer(seen);
    QVERIFY(pipeline.push(file.packets));
    QCOMPARE(seen.numbers, widen(expected));

    // Packets without a number are numbered on from the last one.
    seen.numbers.clear();
    QVERIFY(pipeline.push(unnumbered(3)));
    const quint64 last = expected.last();
    QCOMPARE(seen.numbers, (QList<quint64>{last + 1, last + 2, last + 3}));

    // number() writes them into the packets, and push() hands those on.
    pipeline.restartNumbering();
    PacketBatch batch = unnumbered(4);
    pipeline.number(batch);
    QCOMPARE(numbersOf(batch), (QList<quint64>{1, 2, 3, 4}));
    seen.numbers.clear();
    QVERIFY(pipeline.push(batch));
    QCOMPARE(seen.numbers, (QList<quint64>{1, 2, 3, 4}));
    PacketBatch more = unnumbered(2);
    pipeline.number(more);
    QCOMPARE(numbersOf(more), (QList<quint64>{5, 6}));
}

void TestPacketNumbers::storeFindsNumbersAcrossGaps()
{
    QList<quint32> expected;
    const CaptureFileResult file =
        CaptureFileReader::readBytes(MdnsCaptureFile::buildInterleaved(kPackets, &expected));
    PacketStore store;
    for (const Packet &p : file.packets)
        store.append(p, false);
    QCOMPARE(store.size(), qsizetype(kPackets));
    for (int k = 0; k < kPackets; ++k) {
        QCOMPARE(store.number(k), quint64(expected.at(k)));
        QCOMPARE(store.rowOfNumber(expected.at(k)), qsizetype(k));
        QCOMPARE(store.packet(k).number, expected.at(k));
        // A skipped frame's number is no row.
        if (k > 0 && expected.at(k) - 1 != expected.at(k - 1))
            QCOMPARE(store.rowOfNumber(expected.at(k) - 1), qsizetype(-1));
    }
    QCOMPARE(store.rowOfNumber(0), qsizetype(-1));
    QCOMPARE(store.rowOfNumber(quint64(expected.last()) + 1), qsizetype(-1));
    QCOMPARE(store.rowOfNumber(quint64(1) << 40), qsizetype(-1));

    store.evictOldest(5);
    QCOMPARE(store.rowOfNumber(expected.at(2)), qsizetype(-1));
    QCOMPARE(store.rowOfNumber(expected.at(7)), qsizetype(2));
    QCOMPARE(store.number(0), quint64(expected.at(5)));
    const PacketStore::Snapshot some = store.snapshot({0, 3, 10});
    QCOMPARE(numbersOf(some.packets),
             (QList<quint64>{expected.at(5), expected.at(8), expected.at(15)}));

    // Packets appended without a number go on from the last one; clear() starts at 1.
    store.append(unnumbered(1).constFirst(), false);
    QCOMPARE(store.number(store.size() - 1), quint64(expected.last()) + 1);
    store.clear();
    store.append(unnumbered(1).constFirst(), false);
    QCOMPARE(store.number(0), quint64(1));
}

void TestPacketNumbers::storeNumbersWrapAsWireshark()
{
    PacketStore store;
    PacketBatch batch = unnumbered(4);
    batch[0].number = 0xFFFFFFFEu;
    store.append(batch.at(0), false);
    store.append(batch.at(1), false); // 0xFFFFFFFF
    store.append(batch.at(2), false); // past 32 bits: on from 1
    store.append(batch.at(3), false);
    QCOMPARE(store.number(1), quint64(0xFFFFFFFFu));
    QCOMPARE(store.number(2), quint64(1));
    QCOMPARE(store.number(3), quint64(2));
    for (qsizetype row = 0; row < store.size(); ++row)
        QCOMPARE(store.rowOfNumber(store.number(row)), row);
    QCOMPARE(store.rowOfNumber(3), qsizetype(-1));

    PacketPipeline pipeline;
    Numbers seen;
    pipeline.addConsumer(seen);
    QVERIFY(pipeline.push(batch.mid(0, 1)));
    QVERIFY(pipeline.push(unnumbered(3)));
    QCOMPARE(seen.numbers, (QList<quint64>{0xFFFFFFFEu, 0xFFFFFFFFu, 1, 2}));
}

void TestPacketNumbers::exportOfSomePacketsKeepsTheirNumbers_data()
{
    QTest::addColumn<bool>("csv");
    QTest::newRow("JSON Lines") << false;
    QTest::newRow("CSV") << true;
}

void TestPacketNumbers::exportOfSomePacketsKeepsTheirNumbers()
{
    QFETCH(bool, csv);
    QList<quint32> expected;
    const CaptureFileResult file =
        CaptureFileReader::readBytes(MdnsCaptureFile::buildInterleaved(kPackets, &expected));
    PacketStore store;
    for (const Packet &p : file.packets)
        store.append(p, false);
    // Every third packet, as a displayed subset would be.
    QList<qsizetype> rows;
    QList<qint64> wanted;
    for (qsizetype row = 1; row < store.size(); row += 3) {
        rows.append(row);
        wanted.append(expected.at(row));
    }
    QTemporaryDir dir;
    const QString path = dir.filePath(csv ? u"some.csv"_s : u"some.jsonl"_s);
    const ExportFormat format = csv ? ExportFormat::Csv : ExportFormat::JsonLines;
    const ExportResult result = PacketExporter::write(format, path, store.snapshot(rows).packets);
    QVERIFY2(result.ok, qPrintable(result.error));
    QCOMPARE(result.packetsWritten, qint64(rows.size()));
    QCOMPARE(indexesIn(path, csv), wanted);

    // Packets without numbers, over two writes: 1, 2, 3, then on with 4, 5.
    const QString plain = dir.filePath(csv ? u"plain.csv"_s : u"plain.jsonl"_s);
    PacketStreamWriter writer(format, plain);
    QVERIFY(writer.open());
    QVERIFY(writer.write(unnumbered(3)));
    QVERIFY(writer.write(unnumbered(2)));
    QVERIFY(writer.commit());
    QCOMPARE(indexesIn(plain, csv), (QList<qint64>{1, 2, 3, 4, 5}));
}

void TestPacketNumbers::liveNumberingStartsAtOneAfterClear()
{
    AnalyzerSession session;
    QSignalSpy analyzed(&session, &AnalyzerSession::analyzed);
    const auto numbersOfNext = [&]() -> QList<quint64> {
        if (analyzed.isEmpty() && !analyzed.wait(kTimeoutMs))
            return {};
        return numbersOf(analyzed.takeFirst().at(0).value<AnalyzedBatch>().packets);
    };
    session.submit(unnumbered(3));
    QCOMPARE(numbersOfNext(), (QList<quint64>{1, 2, 3}));
    session.submit(unnumbered(2));
    QCOMPARE(numbersOfNext(), (QList<quint64>{4, 5}));
    session.discardInFlight(); // Clear
    session.submit(unnumbered(2));
    QCOMPARE(numbersOfNext(), (QList<quint64>{1, 2}));
}

QTEST_GUILESS_MAIN(TestPacketNumbers)
#include "tst_packetnumbers.moc"

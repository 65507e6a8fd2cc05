// PacketPipeline: every packet decoded once and handed to every consumer in order, within
// its batch's begin and end, numbered across batches; a failing consumer is dropped and
// reported without stopping the others. And the paths that use it:
// a consumer added to the window's AnalyzerSession sees every live packet on the decode
// thread, and a file opened by OpenFileJob gives the same flags and senders as the same
// packets going through the live path.
#include "AnalyzerSession.h"
#include "BatchAnalyzer.h"
#include "CaptureFileReader.h"
#include "DecodedPacket.h"
#include "DnsDecoder.h"
#include "MdnsBuilder.h"
#include "OpenFileJob.h"
#include "PacketConsumer.h"
#include "PacketPipeline.h"
#include "PacketStreamWriter.h"
#include "TestPackets.h"

#include <QFile>
#include <QSignalSpy>
#include <QTemporaryDir>
#include <QTest>
#include <QThread>

#include <atomic>
#include <memory>

using namespace Qt::StringLiterals;

namespace {
using TestPackets::packet;
constexpr int kTimeoutMs = 20'000;

QByteArray announcement(int i)
{
    using namespace MdnsBuilder;
    const QString instance = u"Printer %1._ipp._tcp.local"_s.arg(i);
    const QString host = u"host%1.local"_s.arg(i);
    return response({ptr(u"_ipp._tcp.local"_s, instance), srv(instance, 631, host),
                     a(host, 0xA9FE0000u + quint32(i % 250 + 1))});
}

// Well-formed announcements and queries, a cut datagram and junk, from three senders.
PacketBatch traffic(int first, int count)
{
    PacketBatch batch;
    for (int i = first; i < first + count; ++i) {
        switch (i % 4) {
        case 0:
            batch.append(packet(announcement(i), i, "169.254.0.1"));
            break;
        case 1:
            batch.append(packet(MdnsBuilder::query(u"_ipp._tcp.local"_s, 12), i, "169.254.0.2"));
            break;
        case 2:
            batch.append(packet(announcement(i).left(40), i, "169.254.0.3"));
            break; // cut
        default:
            batch.append(packet(QByteArray("\x00\x01\x02", 3), i, "fe80::7"));
            break; // junk
        }
    }
    return batch;
}

// Remembers what it was given: batch boundaries, the packets' numbers, each message's
// summary and address (the same address for every consumer means one decode).
class Recorder final : public PacketConsumer
{
public:
    explicit Recorder(int failOnBatch = -1)
        : m_failOnBatch(failOnBatch)
    {}
    bool beginBatch(const PacketBatch &packets, quint64 firstNumber) override
    {
        ++batches;
        thread = QThread::currentThread();
        events.append(u"begin %1+%2"_s.arg(firstNumber).arg(packets.size()));
        return true;
    }
    bool consume(const DecodedPacket &p) override
    {
        if (batches == m_failOnBatch)
            return false;
        numbers.append(p.number);
        indexes.append(p.index);
        messages.append(&p.message);
        summaries.append(DnsDecoder::summary(p.message));
        malformed += p.message.isMalformed() ? 1 : 0;
        return true;
    }
    bool endBatch() override
    {
        events.append(u"end after %1"_s.arg(numbers.size()));
        return true;
    }
    bool finish() override
    {
        ++finished;
        return true;
    }
    QString error() const override { return u"recorder: disk full"_s; }

    int batches = 0;
    int finished = 0;
    std::atomic<QThread *> thread = nullptr;
    QStringList events;
    QList<quint64> numbers;
    QList<qsizetype> indexes;
    QList<const DnsMessage *> messages;
    QStringList summaries;
    quint64 malformed = 0;

private:
    int m_failOnBatch;
};

// Reads only the packet (as a pcapng writer does): says so through needsMessage().
class PacketOnly final : public PacketConsumer
{
public:
    bool needsMessage() const override { return false; }
    bool consume(const DecodedPacket &p) override
    {
        numbers.append(p.number);
        data.append(p.packet.data);
        emptyMessages +=
            p.message.questions.isEmpty() && p.message.records.isEmpty() && !p.message.isMalformed()
                ? 1
                : 0;
        return true;
    }
    QList<quint64> numbers;
    QList<QByteArray> data;
    int emptyMessages = 0;
};

QStringList summariesOf(const PacketBatch &packets)
{
    QStringList out;
    for (const Packet &p : packets)
        out.append(DnsDecoder::summary(DnsDecoder::decode(p.data, DnsDecoder::Detail::NoFields)));
    return out;
}

} // namespace

class TestPacketPipeline final : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void everyConsumerGetsTheSameDecode();
    void numbersRunAcrossBatches();
    void largeBatchIsOneBatch();
    void failingConsumerIsDroppedAndReported();
    void analyzerSessionFeedsAddedConsumers();
    void fileAndLiveGiveTheSameResult();
    void nothingDecodedWhenNothingNeedsIt();
    void pcapngWrittenTheSameUndecoded();
};

void TestPacketPipeline::everyConsumerGetsTheSameDecode()
{
    PacketPipeline pipeline;
    Recorder first, second;
    pipeline.addConsumer(first);
    pipeline.addConsumer(second);
    const PacketBatch packets = traffic(0, 40);
    QVERIFY(pipeline.push(packets));
    QVERIFY(pipeline.push({})); // nothing to hand on
    QCOMPARE(first.batches, 1);
    QCOMPARE(second.batches, 1);
    // Decoded once: both were handed the very same message for each packet.
    QCOMPARE(first.messages.size(), 40);
    QCOMPARE(first.messages, second.messages);
    QCOMPARE(first.summaries, summariesOf(packets));
    QCOMPARE(second.summaries, first.summaries);
    QCOMPARE(first.malformed, 20u); // the cut ones and the junk
    QCOMPARE(pipeline.packets(), 40u);
    QCOMPARE(pipeline.malformed(), 20u);
    QVERIFY(pipeline.finish());
    QCOMPARE(first.finished, 1);
    QCOMPARE(second.finished, 1);
}

void TestPacketPipeline::numbersRunAcrossBatches()
{
    PacketPipeline pipeline;
    Recorder r;
    pipeline.addConsumer(r);
    pipeline.push(traffic(0, 3));
    pipeline.push(traffic(3, 2));
    QCOMPARE(r.numbers, (QList<quint64>{1, 2, 3, 4, 5}));
    QCOMPARE(r.indexes, (QList<qsizetype>{0, 1, 2, 0, 1}));
    // Every batch is framed: begun with its first number and size, ended after its packets.
    QCOMPARE(r.events,
             (QStringList{u"begin 1+3"_s, u"end after 3"_s, u"begin 4+2"_s, u"end after 5"_s}));
    pipeline.restartNumbering(); // a clear
    pipeline.push(traffic(5, 2));
    QCOMPARE(r.numbers.mid(5), (QList<quint64>{1, 2}));
    QCOMPARE(pipeline.packets(), 2u);
}

void TestPacketPipeline::largeBatchIsOneBatch()
{
    // A file's 10,000-packet batch reaches consumers as one batch, packet by packet, numbered.
    const PacketBatch packets = traffic(0, 10'000);
    PacketPipeline pipeline;
    Recorder r;
    pipeline.addConsumer(r);
    QVERIFY(pipeline.push(packets));
    QCOMPARE(r.batches, 1);
    QCOMPARE(r.numbers.size(), 10'000);
    for (qsizetype i = 0; i < r.numbers.size(); ++i) {
        QCOMPARE(r.numbers.at(i), quint64(i + 1));
        QCOMPARE(r.indexes.at(i), i);
    }
    QCOMPARE(r.summaries, summariesOf(packets));
    QCOMPARE(r.malformed, 5'000u);
    QCOMPARE(pipeline.malformed(), 5'000u);
}

void TestPacketPipeline::failingConsumerIsDroppedAndReported()
{
    PacketPipeline pipeline;
    Recorder failing(2), healthy;
    pipeline.addConsumer(failing);
    pipeline.addConsumer(healthy);
    QVERIFY(pipeline.push(traffic(0, 4)));
    QVERIFY(!pipeline.push(traffic(4, 4))); // the failing one gives up here
    QVERIFY(pipeline.push(traffic(8, 4)));  // and is not fed again
    QCOMPARE(failing.batches, 2);
    QCOMPARE(failing.numbers.size(), 4);
    QCOMPARE(failing.events.last(), u"begin 5+4"_s); // no end for a batch it failed in
    QCOMPARE(healthy.batches, 3);
    QCOMPARE(healthy.numbers.size(), 12);
    QCOMPARE(pipeline.errors(), QStringList{u"recorder: disk full"_s});
    QVERIFY(!pipeline.finish()); // a consumer failed on the way
    QCOMPARE(failing.finished, 0);
    QCOMPARE(healthy.finished, 1);
}

void TestPacketPipeline::analyzerSessionFeedsAddedConsumers()
{
    Recorder extra;
    AnalyzerSession session;
    session.addConsumer(extra);
    QSignalSpy spy(&session, &AnalyzerSession::analyzed);
    session.submit(traffic(0, 10));
    session.submit(traffic(10, 5));
    QTRY_COMPARE_WITH_TIMEOUT(spy.size(), 2, kTimeoutMs);
    QCOMPARE(extra.thread.load(), session.analysisThread());
    QCOMPARE(extra.numbers.size(), 15);
    QCOMPARE(extra.numbers.last(), 15u);
    QCOMPARE(extra.summaries, summariesOf(traffic(0, 15)));

    // After a clear the numbers start again, and what was in flight never reaches it.
    session.discardInFlight();
    session.submit(traffic(100, 2));
    QTRY_COMPARE_WITH_TIMEOUT(spy.size(), 3, kTimeoutMs);
    QCOMPARE(extra.numbers.mid(15), (QList<quint64>{1, 2}));
}

void TestPacketPipeline::fileAndLiveGiveTheSameResult()
{
    const QString path =
        QStringLiteral(MDNSCOPE_SOURCE_DIR "/../shared/corpus/nfstream__mdns.pcap");
    if (!QFile::exists(path))
        QSKIP("../shared/corpus/nfstream__mdns.pcap is not there");
    // The file in the window: OpenFileJob.
    OpenFileJob job;
    QSignalSpy done(&job, &OpenFileJob::finished);
    job.start(path);
    QTRY_COMPARE_WITH_TIMEOUT(done.size(), 1, kTimeoutMs);
    const auto opened = done.at(0).at(0).value<std::shared_ptr<OpenedFile>>();
    QVERIFY(!opened->file.error);
    QCOMPARE(opened->file.packets.size(), 292);

    // The same packets as a live capture would deliver them: batches of 32 through the
    // window's AnalyzerSession, applied as PacketDocument does.
    const CaptureFileResult read = CaptureFileReader::readFile(path);
    AnalyzerSession session;
    QSignalSpy spy(&session, &AnalyzerSession::analyzed);
    for (qsizetype first = 0; first < read.packets.size(); first += 32)
        session.submit(read.packets.mid(first, 32));
    const qsizetype batches = (read.packets.size() + 31) / 32;
    QTRY_COMPARE_WITH_TIMEOUT(spy.size(), batches, kTimeoutMs);
    SenderTable live;
    QList<bool> liveMalformed;
    for (const QList<QVariant> &args : spy) {
        const auto a = args.at(0).value<AnalyzedBatch>();
        live.add(a);
        for (qsizetype i = 0; i < a.size(); ++i)
            liveMalformed.append(a.isMalformed(i));
    }
    QCOMPARE(opened->malformed, liveMalformed);
    QCOMPARE(opened->senders.size(), live.size());
    QVERIFY(live.size() > 1);
    for (qsizetype row = 0; row < live.size(); ++row) {
        const SenderInfo &f = opened->senders.at(row);
        const SenderInfo &l = live.at(row);
        QCOMPARE(f.addresses, l.addresses);
        QCOMPARE(f.packets, l.packets);
        QCOMPARE(f.malformed, l.malformed);
        QCOMPARE(f.hostNames, l.hostNames);
        QCOMPARE(f.serviceInstances, l.serviceInstances);
    }
}

// --headless --write: with malformed packets not counted and no consumer reading messages,
// the pipeline decodes nothing, yet hands on, numbers and counts every packet; one consumer
// that needs messages, a gate, or the default (malformed counted) decodes them all again.
void TestPacketPipeline::nothingDecodedWhenNothingNeedsIt()
{
    const PacketBatch first = traffic(0, 40), second = traffic(40, 24);
    PacketPipeline pipeline;
    pipeline.setCountMalformed(false);
    PacketOnly only;
    pipeline.addConsumer(only);
    QVERIFY(pipeline.push(first));
    QVERIFY(pipeline.push(second));
    QCOMPARE(pipeline.packets(), quint64(64));
    QCOMPARE(pipeline.decoded(), quint64(0));
    QCOMPARE(pipeline.malformed(), quint64(0)); // not counted
    QCOMPARE(only.numbers.size(), 64);
    QCOMPARE(only.numbers.constFirst(), quint64(1));
    QCOMPARE(only.numbers.constLast(), quint64(64));
    QCOMPARE(only.emptyMessages, 64); // handed on without a decode
    QCOMPARE(only.data.at(41), second.at(1).data);

    // A consumer that reads messages: every packet decoded, once.
    Recorder recorder;
    pipeline.addConsumer(recorder);
    QVERIFY(pipeline.push(first));
    QCOMPARE(pipeline.decoded(), quint64(40));
    QCOMPARE(pipeline.malformed(), quint64(20)); // the cut and the junk ones
    QCOMPARE(recorder.summaries, summariesOf(first));

    // A gate reads messages too.
    PacketPipeline gated;
    gated.setCountMalformed(false);
    PacketOnly behindGate;
    gated.addConsumer(behindGate);
    gated.setGate([](const DecodedPacket &d) { return !d.message.isMalformed(); });
    QVERIFY(gated.push(first));
    QCOMPARE(gated.decoded(), quint64(40));
    QCOMPARE(behindGate.numbers.size(), 20);

    // The default counts malformed packets: decoded although nothing else needs it.
    PacketPipeline counting;
    PacketOnly counted;
    counting.addConsumer(counted);
    QVERIFY(counting.push(first));
    QCOMPARE(counting.decoded(), quint64(40));
    QCOMPARE(counting.malformed(), quint64(20));
}

// A pcapng export fed undecoded is byte for byte the one fed decoded packets; JSON Lines
// needs messages and still gets them.
void TestPacketPipeline::pcapngWrittenTheSameUndecoded()
{
    QTemporaryDir dir;
    const PacketBatch packets = traffic(0, 200);
    const auto write = [&](bool countMalformed, const QString &name, ExportFormat format) {
        PacketPipeline pipeline;
        pipeline.setCountMalformed(countMalformed);
        PacketStreamWriter writer(format, dir.filePath(name));
        if (!writer.open())
            return QByteArray();
        pipeline.addConsumer(writer);
        if (!pipeline.push(packets.mid(0, 150)) || !pipeline.push(packets.mid(150)) ||
            !pipeline.finish() || writer.packetsWritten() != packets.size())
            return QByteArray();
        QFile f(dir.filePath(name));
        return f.open(QIODevice::ReadOnly) ? f.readAll() : QByteArray();
    };
    const QByteArray decoded = write(true, u"decoded.pcapng"_s, ExportFormat::Pcapng);
    const QByteArray undecoded = write(false, u"undecoded.pcapng"_s, ExportFormat::Pcapng);
    QVERIFY(!decoded.isEmpty());
    QCOMPARE(undecoded, decoded);
    const QByteArray jsonDefault = write(true, u"a.jsonl"_s, ExportFormat::JsonLines);
    const QByteArray jsonUncounted = write(false, u"b.jsonl"_s, ExportFormat::JsonLines);
    QVERIFY(jsonDefault.count('\n') == 200);
    QCOMPARE(jsonUncounted, jsonDefault);
}

QTEST_GUILESS_MAIN(TestPacketPipeline)
#include "tst_packetpipeline.moc"

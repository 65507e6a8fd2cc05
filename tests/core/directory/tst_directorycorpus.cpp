#include "CaptureFileReader.h"
#include "DirectoryConsumer.h"
#include "PacketPipeline.h"
#include "ServiceDirectory.h"

#include <QFile>
#include <QTest>

using namespace Qt::StringLiterals;

// The directory against a real capture: every service instance tshark shows in an SRV record
// of ../shared/corpus/nfstream__mdns.pcap is in the directory with tshark's port and target.
// The expected list is tshark's output, kept in tests/data/directory (see its header), never
// mdnscope's.
class TestDirectoryCorpus : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void everySrvOfTsharkIsInTheDirectory()
    {
        const QString capture =
            QStringLiteral(MDNSCOPE_SOURCE_DIR "/../shared/corpus/nfstream__mdns.pcap");
        if (!QFile::exists(capture))
            QSKIP("../shared/corpus/nfstream__mdns.pcap (third-party capture) is not present");
        QFile expected(
            QStringLiteral(MDNSCOPE_SOURCE_DIR "/tests/data/directory/nfstream__mdns.srv.txt"));
        QVERIFY(expected.open(QIODevice::ReadOnly | QIODevice::Text));

        const CaptureFileResult read = CaptureFileReader::readFile(capture);
        QVERIFY(!read.error);
        ServiceDirectory directory;
        DirectoryConsumer consumer(directory);
        PacketPipeline pipeline;
        pipeline.addConsumer(consumer);
        QVERIFY(pipeline.push(read.packets));
        QVERIFY(pipeline.finish());

        int checked = 0;
        while (!expected.atEnd()) {
            const QString line = QString::fromUtf8(expected.readLine()).chopped(1);
            if (line.startsWith(u'#') || line.isEmpty())
                continue;
            const QStringList f = line.split(u'\t');
            QCOMPARE(f.size(), 3);
            const QString key = f.at(0).toLower();
            const std::optional<ServiceInstance> s = directory.instance(key);
            QVERIFY2(s, qPrintable(u"missing: "_s + f.at(0)));
            QCOMPARE(s->fullName, f.at(0));
            bool found = false; // tshark lists every SRV heard; the instance keeps them all
            for (const RecordInfo &r : s->records) {
                found = found || (r.type == 33 && r.data.endsWith(u' ' + f.at(1) + u' ' + f.at(2)));
            }
            QVERIFY2(found, qPrintable(line));
            if (s->port == f.at(1).toUInt() && s->host == f.at(2))
                ++checked;
            else
                qWarning("%s: current SRV is %d %s", qPrintable(f.at(0)), s->port,
                         qPrintable(s->host));
        }
        QCOMPARE(checked, 31);
    }
};

QTEST_GUILESS_MAIN(TestDirectoryCorpus)
#include "tst_directorycorpus.moc"

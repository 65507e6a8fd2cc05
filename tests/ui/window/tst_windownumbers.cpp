// Packet numbers in the window (issue #17): a capture file opened in the window shows each packet
// with its frame number in the file (the number Wireshark shows; the frames mdnscope skips count),
// the display filter's frame.number selects by it, selectPacketNumber finds it, and an export of
// the displayed packets keeps it as `index`.
#include "MainWindow.h"
#include "MdnsCaptureFile.h"
#include "PacketListPanel.h"
#include "PacketTableModel.h"
#include "WindowFiles.h"

#include <QFile>
#include <QJsonDocument>
#include <QJsonObject>
#include <QSettings>
#include <QSignalSpy>
#include <QStandardPaths>
#include <QTableView>
#include <QTemporaryDir>
#include <QTest>

using namespace Qt::StringLiterals;

namespace {
constexpr int kPackets = 40;
constexpr int kTimeoutMs = 20'000;

QList<quint32> shownNumbers(const QAbstractItemModel *model)
{
    QList<quint32> out;
    for (int row = 0; row < model->rowCount(); ++row) {
        const QModelIndex i = model->index(row, PacketTableModel::NumberColumn);
        const quint32 number = i.data(PacketTableModel::NumberRole).toUInt();
        if (i.data().toString() != QString::number(number)) // the column shows that number
            return {};
        out.append(number);
    }
    return out;
}
} // namespace

class TestWindowNumbers : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void initTestCase()
    {
        QStandardPaths::setTestModeEnabled(true);
        QSettings().clear();
        QVERIFY(m_dir.isValid());
        m_file = m_dir.filePath(u"interleaved.pcapng"_s);
        QVERIFY(MdnsCaptureFile::write(m_file,
                                       MdnsCaptureFile::buildInterleaved(kPackets, &m_numbers)));
    }
    void cleanupTestCase() { QSettings().clear(); }

    void fileShowsFrameNumbers()
    {
        MainWindow w;
        QVERIFY(WindowFiles::open(w, m_file));
        const QAbstractItemModel *shown = w.packetList()->view()->model();
        QCOMPARE(shownNumbers(shown), m_numbers);

        const quint32 wanted = m_numbers.at(9);
        QVERIFY(w.packetList()->setDisplayFilterText(u"frame.number == %1"_s.arg(wanted)));
        QCOMPARE(shownNumbers(shown), QList<quint32>{wanted});
        QVERIFY(w.packetList()->setDisplayFilterText(
            u"frame.number >= %1 && frame.number <= %2"_s.arg(m_numbers.at(2))
                .arg(m_numbers.at(6))));
        QCOMPARE(shownNumbers(shown), m_numbers.mid(2, 5));
        QVERIFY(w.packetList()->selectPacketNumber(m_numbers.at(4)));
        QVERIFY(!w.packetList()->selectPacketNumber(m_numbers.at(4) - 1)); // not an mDNS frame

        // The displayed packets exported keep their numbers.
        const QString path = m_dir.filePath(u"displayed.jsonl"_s);
        QSignalSpy finished(&w, &MainWindow::exportFinished);
        w.exportPackets(ExportFormat::JsonLines, ExportDialog::Scope::Displayed, path);
        QVERIFY(finished.wait(kTimeoutMs));
        QFile f(path);
        QVERIFY(f.open(QIODevice::ReadOnly));
        QList<quint32> exported;
        for (const QByteArray &line : f.readAll().split('\n'))
            if (!line.trimmed().isEmpty())
                exported.append(
                    quint32(QJsonDocument::fromJson(line).object().value(u"index"_s).toInteger()));
        QCOMPARE(exported, m_numbers.mid(2, 5));
    }

private:
    QTemporaryDir m_dir;
    QString m_file;
    QList<quint32> m_numbers;
};

QTEST_MAIN(TestWindowNumbers)
#include "tst_windownumbers.moc"

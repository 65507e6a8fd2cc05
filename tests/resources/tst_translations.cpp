#include "CaptureStatusBar.h"
#include "DecodedTreeModel.h"
#include "DnsDecoder.h"
#include "MainWindow.h"
#include "MdnsBuilder.h"
#include "PacketExporter.h"
#include "PacketStore.h"
#include "PacketTableModel.h"
#include "Translations.h"

#include <QAction>
#include <QFile>
#include <QJsonDocument>
#include <QJsonObject>
#include <QMenuBar>
#include <QStandardPaths>
#include <QTemporaryDir>
#include <QTest>
#include <QTranslator>
#include <QXmlStreamReader>

using namespace Qt::StringLiterals;

class TestTranslations : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void initTestCase();
    void germanQmIsBuiltIn();
    void germanIsInstalled();
    void windowSpeaksGerman();
    void decoderSpeaksGermanExportsStayEnglish();
    void tsFileHasNoUnfinishedEntry();
};

namespace {

// An mDNS response with one SRV answer; `srvBytes` < 6 cuts the SRV data inside the weight
// or port (a malformed record whose reason names the field).
Packet srvResponse(qsizetype srvBytes = -1)
{
    MdnsBuilder::Record srv =
        MdnsBuilder::srv(u"Office._ipp._tcp.local"_s, 631, u"printer.local"_s);
    if (srvBytes >= 0)
        srv.rdata.truncate(srvBytes);
    Packet p;
    p.data = MdnsBuilder::response({srv});
    p.timestampNs = 1'700'000'000'000'000'000;
    p.source = IpAddress::fromString(u"169.254.0.7"_s);
    p.destination = IpAddress::fromString(u"224.0.0.251"_s);
    p.sourcePort = p.destinationPort = 5353;
    p.ttl = 255;
    p.originalLength = quint32(p.data.size());
    return p;
}

// Label -> value of the tree's items, depth first (labels repeat across records: first wins).
QHash<QString, QString> treeItems(const QAbstractItemModel &model, const QModelIndex &parent = {})
{
    QHash<QString, QString> items;
    for (int row = 0; row < model.rowCount(parent); ++row) {
        const QModelIndex field = model.index(row, DecodedTreeModel::FieldColumn, parent);
        const QModelIndex value = model.index(row, DecodedTreeModel::ValueColumn, parent);
        items.insert(field.data().toString(), value.data().toString());
        const QHash<QString, QString> below = treeItems(model, field);
        for (auto it = below.begin(); it != below.end(); ++it)
            items.insert(it.key(), it.value());
    }
    return items;
}

} // namespace

void TestTranslations::initTestCase()
{
    QStandardPaths::setTestModeEnabled(true);
}

void TestTranslations::germanQmIsBuiltIn()
{
    QVERIFY(QFile::exists(Translations::resourcePath(u"de"_s)));
    QTranslator translator;
    QVERIFY(translator.load(Translations::resourcePath(u"de"_s)));
    QCOMPARE(translator.language(), u"de_DE"_s);
    QCOMPARE(translator.translate("MainWindow", "&Start Capture"), u"Mitschnitt &starten"_s);
    QVERIFY(!QFile::exists(Translations::resourcePath(u"xx"_s)));
}

void TestTranslations::germanIsInstalled()
{
    QVERIFY(!Translations::install(u"xx"_s)); // no such translation: English stays
    QCOMPARE(QCoreApplication::translate("PacketTableModel", "Summary"), u"Summary"_s);
    QVERIFY(Translations::install(u"de"_s));
    QCOMPARE(QCoreApplication::translate("PacketTableModel", "Summary"), u"Zusammenfassung"_s);
    QCOMPARE(QCoreApplication::translate("MainWindow", "Exported %n packet(s) to %1", nullptr, 1),
             u"1 Paket nach %1 exportiert"_s);
    QCOMPARE(QCoreApplication::translate("MainWindow", "Exported %n packet(s) to %1", nullptr, 3),
             u"3 Pakete nach %1 exportiert"_s);
}

void TestTranslations::windowSpeaksGerman()
{
    MainWindow w;
    QStringList menus;
    for (QAction *a : w.menuBar()->actions())
        menus.append(a->text());
    QCOMPARE(menus, QStringList({u"&Datei"_s, u"&Mitschnitt"_s, u"&Ansicht"_s, u"&Hilfe"_s}));
    QCOMPARE(w.startStopAction()->text(), u"Mitschnitt &starten"_s);
    QCOMPARE(w.captureStatusBar()->stateText(), u"Bereit"_s);
}

// The decoder's tree labels, summary line and malformed reasons are shown in German, while the
// exports of the same packets keep the English, stable text. The decoder's labels are translated
// once, on first use: nothing in this test executable decodes before German is installed here.
void TestTranslations::decoderSpeaksGermanExportsStayEnglish()
{
    QVERIFY(Translations::install(u"de"_s));
    const Packet good = srvResponse();
    const Packet cut = srvResponse(3); // priority read, weight cut after one byte

    // Tree labels straight from the decoder: header counts and SRV fields.
    const DnsMessage m = DnsDecoder::decode(good.data);
    QVERIFY(!m.isMalformed());
    QStringList headerLabels;
    for (const DnsField &f : m.header.fields)
        headerLabels.append(f.label);
    QVERIFY2(headerLabels.contains(u"Fragen"_s), qPrintable(headerLabels.join(u", "_s)));
    QVERIFY(headerLabels.contains(u"Antwort-RRs"_s));
    QVERIFY(!headerLabels.contains(u"Questions"_s));
    QCOMPARE(m.records.size(), 1);
    QStringList srvLabels;
    for (const DnsField &f : m.records.first().rdataFields)
        srvLabels.append(f.label);
    QCOMPARE(srvLabels, QStringList({u"Priorität"_s, u"Gewichtung"_s, u"Port"_s, u"Ziel"_s}));

    // The decoded tree the window shows.
    DecodedTreeModel tree;
    tree.setMessage(m, good.data.size());
    const QHash<QString, QString> items = treeItems(tree);
    QCOMPARE(items.value(u"Ziel"_s), u"printer.local"_s);
    QCOMPARE(items.value(u"Fragen"_s), u"0"_s);
    QCOMPARE(items.value(u"QR"_s), u"1 (Antwort)"_s);
    QVERIFY(!items.contains(u"Target"_s));

    // Summary: German for display (the packet list), English by default (exports, CLI).
    const QString english = u"Announcement: Office._ipp._tcp.local SRV 0 0 631 printer.local"_s;
    QCOMPARE(DnsDecoder::summary(m), english);
    QCOMPARE(DnsDecoder::summary(m, DnsDecoder::Language::Translated),
             u"Ankündigung: Office._ipp._tcp.local SRV 0 0 631 printer.local"_s);
    PacketStore store;
    PacketTableModel list(store);
    list.appendBatch({good, cut}, {false, true});
    QCOMPARE(list.index(0, PacketTableModel::SummaryColumn).data().toString(),
             u"Ankündigung: Office._ipp._tcp.local SRV 0 0 631 printer.local"_s);

    // A malformed record: the reason names the field in both wordings.
    const DnsMessage bad = DnsDecoder::decode(cut.data);
    QVERIFY(bad.isMalformed());
    const QString englishReason = u"SRV record data cut off in Weight"_s;
    QCOMPARE(bad.error->reason, englishReason);
    QCOMPARE(bad.error->localizedReason,
             u"Daten des SRV-Eintrags im Feld „Gewichtung“ abgeschnitten"_s);
    const QString listed = list.index(1, PacketTableModel::SummaryColumn).data().toString();
    QVERIFY2(listed.startsWith(u"Ankündigung: "_s) &&
                 listed.endsWith(u"[Fehlerhaft bei %1: Daten des SRV-Eintrags im Feld „Gewichtung“ "
                                 u"abgeschnitten]"_s.arg(bad.error->offset)),
             qPrintable(listed));
    tree.setMessage(bad, cut.data.size());
    QCOMPARE(treeItems(tree).value(u"Fehlerhaft"_s),
             u"bei Offset %1: Daten des SRV-Eintrags im Feld „Gewichtung“ abgeschnitten"_s.arg(
                 bad.error->offset));

    // The JSON Lines and CSV exports of the same packets, written as the GUI's export does.
    QTemporaryDir dir;
    QVERIFY(dir.isValid());
    const QString jsonPath = dir.filePath(u"packets.jsonl"_s);
    const ExportResult json = PacketExporter::write(ExportFormat::JsonLines, jsonPath, {good, cut});
    QVERIFY2(json.ok, qPrintable(json.error));
    QFile jsonFile(jsonPath);
    QVERIFY(jsonFile.open(QIODevice::ReadOnly));
    const QList<QByteArray> lines = jsonFile.readAll().trimmed().split('\n');
    QCOMPARE(lines.size(), 2);
    for (const QByteArray &line : lines) {
        const QString text = QString::fromUtf8(line);
        for (const QString &german : {u"Antwort"_s, u"Ziel"_s, u"Gewichtung"_s, u"Fehlerhaft"_s,
                                      u"Daten des"_s, u"abgeschnitten"_s})
            QVERIFY2(!text.contains(german), qPrintable(text));
    }
    const QJsonObject malformed =
        QJsonDocument::fromJson(lines.at(1)).object().value(u"malformed"_s).toObject();
    QCOMPARE(malformed.value(u"reason"_s).toString(), englishReason);
    QCOMPARE(malformed.value(u"offset"_s).toInteger(), qint64(bad.error->offset));

    const QString csvPath = dir.filePath(u"packets.csv"_s);
    const ExportResult csv = PacketExporter::write(ExportFormat::Csv, csvPath, {good, cut});
    QVERIFY2(csv.ok, qPrintable(csv.error));
    QFile csvFile(csvPath);
    QVERIFY(csvFile.open(QIODevice::ReadOnly));
    const QString csvText = QString::fromUtf8(csvFile.readAll());
    QVERIFY2(csvText.contains(english), qPrintable(csvText));
    QVERIFY2(csvText.contains(englishReason), qPrintable(csvText));
    QVERIFY2(!csvText.contains(u"Antwort"_s) && !csvText.contains(u"Gewichtung"_s),
             qPrintable(csvText));
}

void TestTranslations::tsFileHasNoUnfinishedEntry()
{
    QFile ts(QStringLiteral(MDNSCOPE_SOURCE_DIR "/translations/mdnscope_de.ts"));
    QVERIFY(ts.open(QIODevice::ReadOnly));
    QXmlStreamReader xml(&ts);
    int messages = 0, unfinished = 0, empty = 0;
    while (!xml.atEnd()) {
        if (xml.readNext() != QXmlStreamReader::StartElement)
            continue;
        if (xml.name() == "message"_L1) {
            ++messages;
        } else if (xml.name() == "translation"_L1) {
            if (xml.attributes().hasAttribute("type"_L1))
                ++unfinished; // "unfinished", "vanished" or "obsolete"
            const QString text = xml.readElementText(QXmlStreamReader::IncludeChildElements);
            if (text.trimmed().isEmpty())
                ++empty;
        }
    }
    QVERIFY(!xml.hasError());
    QVERIFY(messages > 200);
    QCOMPARE(unfinished, 0);
    QCOMPARE(empty, 0);
}

QTEST_MAIN(TestTranslations)
#include "tst_translations.moc"

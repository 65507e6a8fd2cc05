#include "CaptureStatusBar.h"
#include "MainWindow.h"
#include "Translations.h"

#include <QAction>
#include <QFile>
#include <QMenuBar>
#include <QStandardPaths>
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
    void tsFileHasNoUnfinishedEntry();
};

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

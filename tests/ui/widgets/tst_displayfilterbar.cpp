// The packet list's display filter field: green while the text compiles, red with the place and
// the reason while it does not; Enter applies a valid filter (the rows shown are exactly those it
// matches, and the count follows), never an invalid one (the last valid filter stays); the
// recently applied filters are kept in the settings and offered by a new panel; the display
// filter combines with the quick filter, the text filter and the sender filter.
#include "CounterLabel.h"
#include "DisplayFilter.h"
#include "DnsDecoder.h"
#include "MdnsBuilder.h"
#include "PacketFilterProxy.h"
#include "PacketListPanel.h"
#include "PacketStore.h"
#include "PacketTableModel.h"
#include "Translations.h"

#include <QComboBox>
#include <QLabel>
#include <QLineEdit>
#include <QSettings>
#include <QStandardPaths>
#include <QTest>
#include <QToolButton>

#include <memory>

using namespace Qt::StringLiterals;

namespace {
constexpr quint16 kA = 1, kPtr = 12;

Packet packet(const QByteArray &data, const QString &source, int index)
{
    Packet p;
    p.data = data;
    p.timestampNs = 1'700'000'000'000'000'000LL + qint64(index) * 1'000'000;
    p.source = IpAddress::fromString(source);
    p.destination = IpAddress::fromString(u"224.0.0.251"_s);
    p.sourcePort = p.destinationPort = 5353;
    p.ttl = 255;
    p.originalLength = quint32(p.data.size());
    return p;
}

// Six packets: three queries, three responses, from four senders.
PacketBatch capture()
{
    using namespace MdnsBuilder;
    PacketBatch b;
    b.append(packet(query(u"_ipp._tcp.local"_s, kPtr), u"169.254.10.10"_s, 0));
    b.append(packet(response({ptr(u"_ipp._tcp.local"_s, u"Office._ipp._tcp.local"_s)},
                             {srv(u"Office._ipp._tcp.local"_s, 631, u"office.local"_s),
                              a(u"office.local"_s, 0xA9FE0A0B)}),
                    u"169.254.10.11"_s, 1));
    b.append(packet(query(u"nas.local"_s, kA), u"169.254.10.12"_s, 2));
    b.append(packet(response({a(u"nas.local"_s, 0xA9FE0A0D)}), u"169.254.10.13"_s, 3));
    b.append(packet(query(u"_airplay._tcp.local"_s, kPtr), u"169.254.10.12"_s, 4));
    b.append(packet(response({a(u"tv.local"_s, 0xA9FE0A0C)}), u"169.254.10.12"_s, 5));
    return b;
}

// How many of the store's packets `text` matches, evaluated here without the proxy.
int expectedMatches(const PacketStore &store, const QString &text)
{
    DisplayFilter f;
    DisplayFilter::Error e;
    if (!DisplayFilter::compile(text, &f, &e))
        return -1;
    int n = 0;
    for (qsizetype row = 0; row < store.size(); ++row) {
        const Packet p = store.packet(row);
        n += f.matches(p, DnsDecoder::decode(p.data), store.number(row)) ? 1 : 0;
    }
    return n;
}

bool isGreenish(const QColor &c)
{
    return c.green() > c.red() + 40 && c.green() > c.blue() + 40;
}

bool isReddish(const QColor &c)
{
    return c.red() > c.green() + 40 && c.red() > c.blue() + 40;
}
} // namespace

class TestDisplayFilterBar : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void initTestCase();
    void init();
    void cleanup();
    void validFilterTurnsGreenAndEnterApplies();
    void invalidFilterTurnsRedAndKeepsTheLastValid();
    void clearShowsEveryPacket();
    void recentFiltersAreKept();
    void pickingARecentFilterAppliesIt();
    void combinesWithTheOtherFilters();
    void followsNewPackets();
    void speaksGerman(); // last: the translator stays installed

private:
    QLineEdit *edit() const { return m_combo->lineEdit(); }
    void type(const QString &text);
    void pressEnter() { QTest::keyClick(edit(), Qt::Key_Return); }
    QColor background() const;
    QString count() const { return m_panel->findChild<CounterLabel *>()->text(); }
    QList<IpAddress> shownSources() const;
    QString state() const { return m_combo->property("filterState").toString(); }

    std::unique_ptr<PacketStore> m_store;
    std::unique_ptr<PacketTableModel> m_model;
    std::unique_ptr<PacketListPanel> m_panel;
    QComboBox *m_combo = nullptr;
    QLabel *m_error = nullptr;
};

void TestDisplayFilterBar::initTestCase()
{
    QStandardPaths::setTestModeEnabled(true);
    QSettings().clear();
}

void TestDisplayFilterBar::init()
{
    m_store = std::make_unique<PacketStore>();
    m_model = std::make_unique<PacketTableModel>(*m_store);
    const PacketBatch batch = capture();
    m_model->appendBatch(batch, QList<bool>(batch.size(), false));
    m_panel = std::make_unique<PacketListPanel>(m_model.get());
    m_panel->setFollowNewest(false);
    m_panel->resize(900, 400);
    m_panel->show();
    QVERIFY(QTest::qWaitForWindowExposed(m_panel.get()));
    m_combo = m_panel->findChild<QComboBox *>(u"displayFilter"_s);
    m_error = m_panel->findChild<QLabel *>(u"displayFilterError"_s);
    QVERIFY(m_combo && m_combo->isEditable());
    QVERIFY(m_error);
}

void TestDisplayFilterBar::cleanup()
{
    m_panel.reset();
    m_model.reset();
    m_store.reset();
    QSettings().clear();
}

void TestDisplayFilterBar::type(const QString &text)
{
    edit()->selectAll();
    QTest::keyClick(edit(), Qt::Key_Backspace);
    QTest::keyClicks(edit(), text);
    QCOMPARE(m_combo->currentText(), text);
}

QColor TestDisplayFilterBar::background() const
{
    // The right end of the field: past any text, inside the frame.
    const QImage image = edit()->grab().toImage();
    return image.pixelColor(image.width() - 6, image.height() / 2);
}

QList<IpAddress> TestDisplayFilterBar::shownSources() const
{
    QList<IpAddress> sources;
    for (const qsizetype row : m_panel->displayedRows())
        sources.append(m_store->source(row));
    return sources;
}

void TestDisplayFilterBar::validFilterTurnsGreenAndEnterApplies()
{
    QVERIFY(!edit()->placeholderText().isEmpty());
    QCOMPARE(state(), QString());
    QVERIFY(!isGreenish(background()) && !isReddish(background()));
    QCOMPARE(count(), u"6 packets"_s);

    type(u"ip.src == 169.254.10.11"_s);
    QCOMPARE(state(), u"valid"_s);
    QVERIFY2(isGreenish(background()), qPrintable(background().name()));
    QVERIFY(!m_error->isVisible());
    // Typing alone applies nothing.
    QCOMPARE(m_panel->proxy()->rowCount(), 6);
    pressEnter();
    QCOMPARE(m_panel->appliedDisplayFilter(), u"ip.src == 169.254.10.11"_s);
    QCOMPARE(shownSources(), QList<IpAddress>{IpAddress::fromString(u"169.254.10.11"_s)});
    QCOMPARE(count(), u"1 of 6 shown"_s);

    type(u"dns.flags.response == 1"_s);
    pressEnter();
    const QList<qsizetype> rows = m_panel->displayedRows();
    QCOMPARE(rows, (QList<qsizetype>{1, 3, 5}));
    for (const qsizetype row : rows)
        QVERIFY(m_store->isResponse(row));
    QCOMPARE(count(), u"3 of 6 shown"_s);

    // A filter over the records: exactly the packets the engine itself matches.
    const QString records = u"dns.a == 169.254.10.0/24 && !(ip.src == 169.254.10.13)"_s;
    const int expected = expectedMatches(*m_store, records);
    QCOMPARE(expected, 2);
    type(records);
    pressEnter();
    QCOMPARE(m_panel->displayedRows(), (QList<qsizetype>{1, 5}));
}

void TestDisplayFilterBar::invalidFilterTurnsRedAndKeepsTheLastValid()
{
    QVERIFY(m_panel->setDisplayFilterText(u"dns.flags.response == 1"_s));
    QCOMPARE(m_panel->proxy()->rowCount(), 3);

    type(u"dns.qry.name contans \"_ipp\""_s);
    QCOMPARE(state(), u"invalid"_s);
    QVERIFY2(isReddish(background()), qPrintable(background().name()));
    QVERIFY(m_error->isVisible());
    // Where (character 14, from 1) and why (the unexpected word).
    QVERIFY2(m_error->text().contains(u"at character 14"_s), qPrintable(m_error->text()));
    QVERIFY2(m_error->text().contains(u"contans"_s), qPrintable(m_error->text()));
    // The whole message in the tooltips (the label may elide a long one).
    QCOMPARE(edit()->toolTip(), m_error->toolTip());
    QVERIFY2(m_error->toolTip().startsWith(u"at character 14: "_s), qPrintable(m_error->toolTip()));
    QVERIFY(m_error->toolTip().contains(u"contans"_s));

    pressEnter();
    QCOMPARE(m_panel->appliedDisplayFilter(), u"dns.flags.response == 1"_s);
    QCOMPARE(m_panel->displayedRows(), (QList<qsizetype>{1, 3, 5}));
    QCOMPARE(count(), u"3 of 6 shown"_s);
    QVERIFY(!m_panel->recentDisplayFilters().contains(u"dns.qry.name contans \"_ipp\""_s));
    // The Apply button refuses it too.
    m_panel->findChild<QToolButton *>(u"applyDisplayFilter"_s)->click();
    QCOMPARE(m_panel->appliedDisplayFilter(), u"dns.flags.response == 1"_s);
    QCOMPARE(m_panel->proxy()->rowCount(), 3);

    // Fixing it turns the field green and hides the message.
    type(u"dns.qry.name contains \"_ipp\""_s);
    QCOMPARE(state(), u"valid"_s);
    QVERIFY(!m_error->isVisible());
    m_panel->findChild<QToolButton *>(u"applyDisplayFilter"_s)->click();
    QCOMPARE(m_panel->displayedRows(), QList<qsizetype>{0});

    // A blank field is neither green nor red.
    type(u"   "_s);
    QCOMPARE(state(), QString());
    QVERIFY(!isGreenish(background()) && !isReddish(background()));
}

void TestDisplayFilterBar::clearShowsEveryPacket()
{
    QVERIFY(m_panel->setDisplayFilterText(u"dns.flags.response == 0"_s));
    QCOMPARE(m_panel->proxy()->rowCount(), 3);
    m_panel->findChild<QToolButton *>(u"clearDisplayFilter"_s)->click();
    QCOMPARE(m_combo->currentText(), QString());
    QCOMPARE(m_panel->appliedDisplayFilter(), QString());
    QCOMPARE(m_panel->proxy()->rowCount(), 6);
    QCOMPARE(count(), u"6 packets"_s);
    // Emptying the field by hand and pressing Enter does the same.
    QVERIFY(m_panel->setDisplayFilterText(u"ip.src == 169.254.10.12"_s));
    QCOMPARE(m_panel->proxy()->rowCount(), 3);
    type(QString());
    pressEnter();
    QCOMPARE(m_panel->proxy()->rowCount(), 6);
}

void TestDisplayFilterBar::recentFiltersAreKept()
{
    QVERIFY(m_panel->setDisplayFilterText(u"dns"_s));
    type(u"ip.src == 169.254.10.11"_s);
    pressEnter();
    QVERIFY(!m_panel->setDisplayFilterText(u"ip.src ==="_s)); // never remembered
    QCOMPARE(m_panel->recentDisplayFilters(),
             (QStringList{u"ip.src == 169.254.10.11"_s, u"dns"_s}));

    // A new panel (the next start) offers them in its drop-down, newest first.
    PacketListPanel next(m_model.get());
    auto *combo = next.findChild<QComboBox *>(u"displayFilter"_s);
    QCOMPARE(combo->count(), 2);
    QCOMPARE(combo->itemText(0), u"ip.src == 169.254.10.11"_s);
    QCOMPARE(combo->itemText(1), u"dns"_s);
    QCOMPARE(combo->currentText(), QString()); // offered, not applied
    QCOMPARE(next.proxy()->rowCount(), 6);

    // Applying one again moves it to the front; only the last ten are kept.
    QVERIFY(next.setDisplayFilterText(u"dns"_s));
    QCOMPARE(next.recentDisplayFilters().first(), u"dns"_s);
    QCOMPARE(next.recentDisplayFilters().size(), 2);
    for (int i = 1; i <= 12; ++i)
        QVERIFY(next.setDisplayFilterText(u"frame.number == %1"_s.arg(i)));
    QCOMPARE(next.recentDisplayFilters().size(), PacketListPanel::kMaxRecentFilters);
    QCOMPARE(next.recentDisplayFilters().first(), u"frame.number == 12"_s);
    QCOMPARE(next.recentDisplayFilters().last(), u"frame.number == 3"_s);
    QCOMPARE(combo->count(), PacketListPanel::kMaxRecentFilters);
    QCOMPARE(
        QSettings().value(QString::fromLatin1(PacketListPanel::kRecentFiltersKey)).toStringList(),
        next.recentDisplayFilters());
    QCOMPARE(next.proxy()->rowCount(), 0); // frame.number == 12 of six packets
}

void TestDisplayFilterBar::pickingARecentFilterAppliesIt()
{
    QVERIFY(m_panel->setDisplayFilterText(u"ip.src == 169.254.10.13"_s));
    QVERIFY(m_panel->setDisplayFilterText(u"dns.flags.response == 0"_s));
    QCOMPARE(m_combo->count(), 2);
    QCOMPARE(m_combo->itemText(1), u"ip.src == 169.254.10.13"_s);
    m_combo->setCurrentIndex(1);
    Q_EMIT m_combo->activated(1); // as a click in the drop-down does
    QCOMPARE(m_panel->appliedDisplayFilter(), u"ip.src == 169.254.10.13"_s);
    QCOMPARE(m_panel->displayedRows(), QList<qsizetype>{3});
    QCOMPARE(m_combo->currentText(), u"ip.src == 169.254.10.13"_s);
    QCOMPARE(m_combo->itemText(0), u"ip.src == 169.254.10.13"_s);
}

void TestDisplayFilterBar::combinesWithTheOtherFilters()
{
    auto *kind = m_panel->findChild<QComboBox *>(u"quickFilter"_s);
    QVERIFY(kind);
    QVERIFY(m_panel->setDisplayFilterText(u"ip.src == 169.254.10.12"_s));
    QCOMPARE(m_panel->displayedRows(), (QList<qsizetype>{2, 4, 5}));
    kind->setCurrentIndex(kind->findData(int(PacketFilterProxy::Kind::Queries)));
    QCOMPARE(m_panel->displayedRows(), (QList<qsizetype>{2, 4}));
    QCOMPARE(count(), u"2 of 6 shown"_s);
    kind->setCurrentIndex(kind->findData(int(PacketFilterProxy::Kind::Responses)));
    QCOMPARE(m_panel->displayedRows(), QList<qsizetype>{5});
    QCOMPARE(count(), u"1 of 6 shown"_s);
    kind->setCurrentIndex(kind->findData(int(PacketFilterProxy::Kind::All)));
    // The quick text search narrows it too.
    m_panel->setFilterText(u"airplay"_s);
    QCOMPARE(m_panel->displayedRows(), QList<qsizetype>{4});
    m_panel->setFilterText({});
    // So does the sender filter: no packet of 169.254.10.11 is from 169.254.10.12.
    m_panel->setSenderFilter({IpAddress::fromString(u"169.254.10.11"_s)});
    QCOMPARE(m_panel->proxy()->rowCount(), 0);
    QCOMPARE(count(), u"0 of 6 shown"_s);
    m_panel->setSenderFilter({});
    QCOMPARE(m_panel->proxy()->rowCount(), 3);
}

void TestDisplayFilterBar::followsNewPackets()
{
    QVERIFY(m_panel->setDisplayFilterText(u"dns.qry.name contains \"_ipp\""_s));
    QCOMPARE(m_panel->proxy()->rowCount(), 1);
    PacketBatch more;
    more.append(packet(MdnsBuilder::query(u"_ipp._tcp.local"_s, kPtr), u"169.254.10.20"_s, 6));
    more.append(packet(MdnsBuilder::query(u"_http._tcp.local"_s, kPtr), u"169.254.10.21"_s, 7));
    m_model->appendBatch(more, QList<bool>(more.size(), false));
    QCOMPARE(m_panel->displayedRows(), (QList<qsizetype>{0, 6}));
    QCOMPARE(count(), u"2 of 8 shown"_s);
}

void TestDisplayFilterBar::speaksGerman()
{
    const QString bad = u"dns.qry.name contans \"_ipp\""_s;
    DisplayFilter f;
    DisplayFilter::Error english;
    QVERIFY(!DisplayFilter::compile(bad, &f, &english));
    QVERIFY(Translations::install(u"de"_s));
    DisplayFilter::Error german;
    QVERIFY(!DisplayFilter::compile(bad, &f, &german));
    QVERIFY(german.reason != english.reason);

    PacketListPanel panel(m_model.get());
    panel.resize(900, 400);
    panel.show();
    QVERIFY(QTest::qWaitForWindowExposed(&panel));
    auto *combo = panel.findChild<QComboBox *>(u"displayFilter"_s);
    QVERIFY(combo->lineEdit()->placeholderText().startsWith(u"Anzeigefilter anwenden"_s));
    QCOMPARE(panel.findChild<QToolButton *>(u"applyDisplayFilter"_s)->text(), u"Anwenden"_s);
    combo->setEditText(bad);
    QCOMPARE(panel.findChild<QLabel *>(u"displayFilterError"_s)->toolTip(),
             u"bei Zeichen 14: "_s + german.reason);
    QVERIFY(panel.findChild<QLabel *>(u"displayFilterError"_s)
                ->text()
                .startsWith(u"bei Zeichen 14: "_s));
}

QTEST_MAIN(TestDisplayFilterBar)
#include "tst_displayfilterbar.moc"

#include "DecodedTreeModel.h"
#include "DnsDecoder.h"
#include "HexView.h"
#include "MdnsBuilder.h"
#include "PacketDetailsPanel.h"

#include <QAbstractItemModelTester>
#include <QApplication>
#include <QClipboard>
#include <QIcon>
#include <QScrollBar>
#include <QSignalSpy>
#include <QTest>
#include <QTreeView>

#include <functional>

using namespace Qt::StringLiterals;

namespace {
QByteArray printerResponse()
{
    using namespace MdnsBuilder;
    return response({ptr(u"_ipp._tcp.local"_s, u"Office Printer._ipp._tcp.local"_s),
                     srv(u"Office Printer._ipp._tcp.local"_s, 631, u"printer.local"_s)},
                    {a(u"printer.local"_s, 0xA9FE0002)});
}

// Every item's span lies inside its parent's and inside the datagram.
void checkSpans(const DecodedTreeModel &m, const QModelIndex &parent, ByteSpan outer, int &count)
{
    for (int r = 0; r < m.rowCount(parent); ++r) {
        const QModelIndex i = m.index(r, 0, parent);
        const ByteSpan s = m.byteSpan(i);
        ++count;
        if (!s.isEmpty()) {
            QVERIFY2(s.offset >= outer.offset && s.end() <= outer.end(),
                     qPrintable(i.data().toString()));
            checkSpans(m, i, s, count);
        } else {
            checkSpans(m, i, outer, count);
        }
    }
}
} // namespace

class TestHexView : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void treeModelStructure();
    void packetNotesInTheTree();
    void deepestItemForByte();
    void malformedItem();
    void findingsInTheTree();
    void findingOfPacket();
    void byteGeometryRoundTrip();
    void highlightRanges();
    void copyHexAndText();
    void clickEmitsOffset();
    void treeAndHexAreLinked();
};

void TestHexView::treeModelStructure()
{
    const QByteArray bytes = printerResponse();
    DecodedTreeModel m;
    QAbstractItemModelTester tester(&m, QAbstractItemModelTester::FailureReportingMode::QtTest);
    m.setMessage(DnsDecoder::decode(bytes), bytes.size());
    QStringList top;
    for (int r = 0; r < m.rowCount(); ++r)
        top.append(m.index(r, 0).data().toString());
    QCOMPARE(top, QStringList({u"Header"_s, u"Answers"_s, u"Additional records"_s}));
    QCOMPARE(m.index(1, DecodedTreeModel::ValueColumn).data().toString(), u"2"_s);
    QCOMPARE(m.byteSpan(m.index(0, 0)), (ByteSpan{0, 12}));
    int count = 0;
    checkSpans(m, {}, ByteSpan{0, quint32(bytes.size())}, count);
    QVERIFY(count > 25);
    // The answers group covers both answer records.
    const QModelIndex answers = m.index(1, 0);
    const ByteSpan first = m.byteSpan(m.index(0, 0, answers));
    const ByteSpan second = m.byteSpan(m.index(1, 0, answers));
    QCOMPARE(m.byteSpan(answers).offset, first.offset);
    QCOMPARE(m.byteSpan(answers).end(), second.end());
    QCOMPARE(m.index(1, 0, answers).data().toString(), u"Office Printer._ipp._tcp.local"_s);
}

void TestHexView::packetNotesInTheTree()
{
    // A file's comments and section description come first, span no bytes and leave the rest.
    const QByteArray bytes = printerResponse();
    DecodedTreeModel m;
    QAbstractItemModelTester tester(&m, QAbstractItemModelTester::FailureReportingMode::QtTest);
    PacketNotes notes;
    notes.comments = {u"first"_s, u"second"_s};
    notes.application = u"dumpcap (Wireshark) 4.0.17"_s;
    notes.os = u"Linux 6.1"_s;
    m.setMessage(DnsDecoder::decode(bytes), bytes.size(), notes);
    QStringList top;
    for (int r = 0; r < m.rowCount(); ++r)
        top.append(m.index(r, 0).data().toString());
    QCOMPARE(top, QStringList({u"Packet comments"_s, u"Capture file section"_s, u"Header"_s,
                               u"Answers"_s, u"Additional records"_s}));
    const QModelIndex comments = m.index(0, 0);
    QCOMPARE(m.rowCount(comments), 2);
    QCOMPARE(m.fieldText(m.index(1, 0, comments)), u"Comment: second"_s);
    QVERIFY(m.byteSpan(comments).isEmpty());
    const QModelIndex section = m.index(1, 0);
    QCOMPARE(m.rowCount(section), 2); // no hardware: no item
    QCOMPARE(m.fieldText(m.index(0, 0, section)), u"Application: dumpcap (Wireshark) 4.0.17"_s);
    QCOMPARE(m.fieldText(m.index(1, 0, section)), u"Operating system: Linux 6.1"_s);
    QCOMPARE(m.byteSpan(m.index(2, 0)), (ByteSpan{0, 12})); // the header, as without notes
    QCOMPARE(m.indexForOffset(0).parent(), m.index(2, 0));

    m.setMessage(DnsDecoder::decode(bytes), bytes.size()); // the next packet has none
    QCOMPARE(m.index(0, 0).data().toString(), u"Header"_s);
}

void TestHexView::deepestItemForByte()
{
    const QByteArray bytes = printerResponse();
    const DnsMessage msg = DnsDecoder::decode(bytes);
    DecodedTreeModel m;
    m.setMessage(msg, bytes.size());
    const DnsRecord &srv = msg.records.at(1);
    // The SRV port is 2 bytes after priority and weight.
    const quint32 portByte = srv.rdataSpan.offset + 4;
    const QModelIndex port = m.indexForOffset(portByte);
    QVERIFY(port.isValid());
    QCOMPARE(m.rowCount(port), 0); // a leaf
    QVERIFY(m.byteSpan(port).contains(portByte));
    QCOMPARE(port.siblingAtColumn(1).data().toString(), u"631"_s);
    // The record's TTL bytes map to the TTL item of that record.
    const QModelIndex ttl = m.indexForOffset(srv.ttlSpan.offset + 1);
    QCOMPARE(m.byteSpan(ttl), srv.ttlSpan);
    QCOMPARE(ttl.parent().data().toString(), srv.name);
    QVERIFY(!m.indexForOffset(quint32(bytes.size()) + 3).isValid());
}

void TestHexView::malformedItem()
{
    QByteArray bytes = printerResponse();
    bytes.chop(3);
    DecodedTreeModel m;
    QAbstractItemModelTester tester(&m, QAbstractItemModelTester::FailureReportingMode::QtTest);
    const DnsMessage msg = DnsDecoder::decode(bytes);
    QVERIFY(msg.error);
    m.setMessage(msg, bytes.size());
    const QModelIndex e = m.errorIndex();
    QVERIFY(e.isValid());
    QVERIFY(e.data(DecodedTreeModel::IsErrorRole).toBool());
    QVERIFY(e.siblingAtColumn(1).data().toString().contains(QString::number(msg.error->offset)));
    QCOMPARE(m.byteSpan(e).offset, msg.error->offset);
    QCOMPARE(m.byteSpan(e).end(), quint32(bytes.size()));
}

// A response with ID 0x1234: a finding on the ID field and one without a field.
void TestHexView::findingsInTheTree()
{
    QByteArray bytes = printerResponse();
    bytes[0] = char(0x12);
    bytes[1] = char(0x34);
    DecodedTreeModel m;
    QAbstractItemModelTester tester(&m, QAbstractItemModelTester::FailureReportingMode::QtTest);
    m.setMessage(DnsDecoder::decode(bytes), bytes.size());
    QCOMPARE(m.rowCount(), 3);
    QVERIFY(!m.findingsIndex().isValid());
    const QModelIndex id = m.indexForOffset(0);
    QVERIFY(id.isValid());
    QCOMPARE(m.byteSpan(id), (ByteSpan{0, 2}));
    QVERIFY(!id.data(Qt::DecorationRole).isValid());
    QVERIFY(!id.data(DecodedTreeModel::FindingSeverityRole).isValid());

    FieldFinding onId{Severity::Error, u"response-id"_s, u"Multicast response with a non-zero ID"_s,
                      u"response ID 0x1234; multicast responses must use ID 0"_s, ByteSpan{0, 2}};
    FieldFinding noField{Severity::Warning, u"ip-ttl"_s, u"IP TTL not 255"_s,
                         u"IP TTL 64; mDNS packets should be sent with TTL 255"_s, ByteSpan{}};
    m.setFindings({onId, noField});
    QCOMPARE(m.rowCount(), 4);
    const QModelIndex group = m.findingsIndex();
    QCOMPARE(group, m.index(3, 0));
    QCOMPARE(group.data().toString(), u"Conformance findings"_s);
    QCOMPARE(group.siblingAtColumn(1).data().toString(), u"2"_s);
    QVERIFY(m.byteSpan(group).isEmpty()); // a byte never maps to the group
    QCOMPARE(m.rowCount(group), 2);
    const QModelIndex first = m.index(0, 0, group);
    QCOMPARE(first.data().toString(), u"response-id"_s);
    QCOMPARE(first.siblingAtColumn(1).data().toString(), onId.message);
    QCOMPARE(m.byteSpan(first), (ByteSpan{0, 2}));
    QCOMPARE(first.data(DecodedTreeModel::FindingSeverityRole).toInt(), int(Severity::Error));
    const QModelIndex second = m.index(1, 0, group);
    QCOMPARE(second.data().toString(), u"ip-ttl"_s);
    QVERIFY(m.byteSpan(second).isEmpty());
    QCOMPARE(second.data(DecodedTreeModel::FindingSeverityRole).toInt(), int(Severity::Warning));

    // The ID item (the deepest containing the field) carries the icon and the finding; the
    // header above it does not, and the finding without a field marks nothing.
    QCOMPARE(m.indexForOffset(0), id);
    QCOMPARE(id.data(DecodedTreeModel::FindingSeverityRole).toInt(), int(Severity::Error));
    const QVariant icon = id.data(Qt::DecorationRole);
    QVERIFY(icon.canConvert<QIcon>() && !icon.value<QIcon>().isNull());
    const QString tip = id.data(Qt::ToolTipRole).toString();
    QVERIFY2(tip.contains(u"response-id"_s) && tip.contains(onId.message), qPrintable(tip));
    QVERIFY2(!tip.contains(u"ip-ttl"_s), qPrintable(tip));
    QVERIFY(!id.siblingAtColumn(1).data(Qt::DecorationRole).isValid());
    QVERIFY(!m.index(0, 0).data(Qt::DecorationRole).isValid());
    int marked = 0;
    std::function<void(const QModelIndex &)> count = [&](const QModelIndex &parent) {
        for (int r = 0; r < m.rowCount(parent); ++r) {
            const QModelIndex i = m.index(r, 0, parent);
            if (i != group && i.parent() != group && i.data(Qt::DecorationRole).isValid())
                ++marked;
            count(i);
        }
    };
    count({});
    QCOMPARE(marked, 1);

    // Replaced without a reset; none: no group, no mark.
    m.setFindings({noField});
    QCOMPARE(m.rowCount(m.findingsIndex()), 1);
    QVERIFY(!id.data(Qt::DecorationRole).isValid());
    m.setFindings({});
    QCOMPARE(m.rowCount(), 3);
    QVERIFY(!m.findingsIndex().isValid());
    // A new message drops the findings of the previous one.
    m.setFindings({onId});
    m.setMessage(DnsDecoder::decode(bytes), bytes.size());
    QCOMPARE(m.rowCount(), 3);
    QVERIFY(!m.indexForOffset(0).data(Qt::DecorationRole).isValid());

    // In the panel: the group is expanded and selecting the finding highlights its field.
    PacketDetailsPanel panel;
    panel.showPacket(bytes, 7, {onId, noField});
    QCOMPARE(panel.shownNumber(), 7u);
    const QModelIndex shownGroup = panel.treeModel()->findingsIndex();
    QVERIFY(panel.tree()->isExpanded(shownGroup));
    panel.tree()->setCurrentIndex(panel.treeModel()->index(0, 0, shownGroup));
    QCOMPARE(panel.hexView()->highlight(), (ByteSpan{0, 2}));
    panel.clear();
    QCOMPARE(panel.shownNumber(), 0u);
}

// A finding's field is shown on its first packet only.
void TestHexView::findingOfPacket()
{
    Finding f;
    f.rule = Rule::ResponseId;
    f.severity = Severity::Error;
    f.packets.first = {3, 9};
    f.message = FindingText{"response ID 0x%1; multicast responses must use ID 0", {u"1234"_s}};
    f.fieldOffset = 0;
    f.fieldLength = 2;
    const FieldFinding onFirst = FieldFinding::of(f, 3);
    QCOMPARE(onFirst.ruleId, u"response-id"_s);
    QCOMPARE(onFirst.severity, Severity::Error);
    QCOMPARE(onFirst.message, u"response ID 0x1234; multicast responses must use ID 0"_s);
    QVERIFY(!onFirst.title.isEmpty());
    QCOMPARE(onFirst.span, (ByteSpan{0, 2}));
    QVERIFY(FieldFinding::of(f, 9).span.isEmpty());
    f.fieldLength = 0;
    QVERIFY(FieldFinding::of(f, 3).span.isEmpty());
}

void TestHexView::byteGeometryRoundTrip()
{
    HexView view;
    view.resize(700, 200);
    view.show();
    QVERIFY(QTest::qWaitForWindowExposed(&view));
    QByteArray bytes(4000, '\0');
    for (int i = 0; i < bytes.size(); ++i)
        bytes[i] = char(i * 7);
    view.setBytes(bytes);
    for (const qsizetype offset : {0, 1, 7, 8, 15, 16, 33}) {
        for (const bool ascii : {false, true}) {
            const QRect r = view.byteRect(offset, ascii);
            QVERIFY(r.isValid());
            QCOMPARE(view.byteAt(r.center()), offset);
        }
    }
    QCOMPARE(view.byteAt(QPoint(1, 1)), -1); // the offset column
    // Far down: scroll there, and the mapping still holds.
    view.ensureVisible(3001);
    QVERIFY(view.verticalScrollBar()->value() > 0);
    const QRect far = view.byteRect(3001);
    QVERIFY(view.viewport()->rect().contains(far.center()));
    QCOMPARE(view.byteAt(far.center()), 3001);
    QVERIFY(!view.byteRect(4000).isValid());
}

void TestHexView::highlightRanges()
{
    HexView view;
    view.setBytes(QByteArray(64, 'a'));
    view.setHighlight({10, 6});
    for (int i = 0; i < 64; ++i)
        QCOMPARE(view.isHighlighted(i), i >= 10 && i < 16);
    view.setErrorOffset(60);
    QVERIFY(!view.isError(59));
    QVERIFY(view.isError(60));
    QVERIFY(view.isError(63));
    QVERIFY(!view.isError(64));
    view.setHighlight({});
    QVERIFY(!view.isHighlighted(10));
    view.setBytes(QByteArray(8, 'b')); // new bytes clear both marks
    QVERIFY(!view.isError(7));
    QCOMPARE(view.errorOffset(), -1);
}

void TestHexView::copyHexAndText()
{
    HexView view;
    view.setBytes(QByteArray("\x00\x1a"
                             "AB\xff"
                             "c",
                             6));
    QCOMPARE(view.hexText({}), u"00 1a 41 42 ff 63"_s);
    QCOMPARE(view.asciiText({}), u"..AB.c"_s);
    QCOMPARE(view.hexText({2, 2}), u"41 42"_s);
    QCOMPARE(view.hexText({4, 100}), u"ff 63"_s); // clipped to the data
    view.setHighlight({1, 3});
    view.copyHex();
    QCOMPARE(QApplication::clipboard()->text(), u"1a 41 42"_s);
    view.copyText();
    QCOMPARE(QApplication::clipboard()->text(), u".AB"_s);
    view.setHighlight({});
    view.copyHex();
    QCOMPARE(QApplication::clipboard()->text(), u"00 1a 41 42 ff 63"_s);
}

void TestHexView::clickEmitsOffset()
{
    HexView view;
    view.resize(700, 300);
    view.show();
    QVERIFY(QTest::qWaitForWindowExposed(&view));
    view.setBytes(QByteArray(100, 'x'));
    QSignalSpy clicked(&view, &HexView::byteClicked);
    QTest::mouseClick(view.viewport(), Qt::LeftButton, {}, view.byteRect(37).center());
    QTest::mouseClick(view.viewport(), Qt::LeftButton, {}, view.byteRect(5, true).center());
    QCOMPARE(clicked.size(), 2);
    QCOMPARE(clicked.at(0).at(0).toUInt(), 37u);
    QCOMPARE(clicked.at(1).at(0).toUInt(), 5u);
}

void TestHexView::treeAndHexAreLinked()
{
    PacketDetailsPanel panel;
    panel.resize(1000, 400);
    panel.show();
    QVERIFY(QTest::qWaitForWindowExposed(&panel));
    const QByteArray bytes = printerResponse();
    const DnsMessage msg = DnsDecoder::decode(bytes);
    panel.showPacket(bytes);
    // Field -> bytes: selecting the SRV record highlights exactly its span.
    const QModelIndex answers = panel.treeModel()->index(1, 0);
    const QModelIndex srv = panel.treeModel()->index(1, 0, answers);
    panel.tree()->setCurrentIndex(srv);
    QCOMPARE(panel.hexView()->highlight(), msg.records.at(1).span);
    // Bytes -> field: clicking the A record's address selects the address item.
    const DnsRecord &a = msg.records.at(2);
    const quint32 addressByte = a.rdataSpan.offset + 2;
    HexView *hex = panel.hexView();
    hex->ensureVisible(addressByte);
    QTest::mouseClick(hex->viewport(), Qt::LeftButton, {}, hex->byteRect(addressByte).center());
    const QModelIndex current = panel.tree()->currentIndex();
    QVERIFY(panel.treeModel()->byteSpan(current).contains(addressByte));
    QCOMPARE(panel.treeModel()->rowCount(current), 0);
    QCOMPARE(current.siblingAtColumn(1).data().toString(), u"169.254.0.2"_s);
    QVERIFY(hex->isHighlighted(addressByte));
    // A malformed packet opens on its error, marked in the dump.
    QByteArray bad = bytes;
    bad.chop(3);
    panel.showPacket(bad);
    QVERIFY(panel.tree()->currentIndex().data(DecodedTreeModel::IsErrorRole).toBool());
    QVERIFY(hex->errorOffset() >= 0);
}

QTEST_MAIN(TestHexView)
#include "tst_hexview.moc"

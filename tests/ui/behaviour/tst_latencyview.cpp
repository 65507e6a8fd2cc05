#include "../../core/behaviour/BehaviourTimeline.h"
#include "AllocationCounter.h"
#include "BehaviourText.h"
#include "LatencyHistogramChart.h"
#include "LatencyModel.h"
#include "LatencyPanel.h"
#include "Translations.h"

#include <QComboBox>
#include <QImage>
#include <QSignalSpy>
#include <QSortFilterProxyModel>
#include <QTableView>
#include <QTest>

#include <cmath>
#include <functional>

using namespace Qt::StringLiterals;
using namespace MdnsBuilder;

// The latency view (issue #16) on latencies built through a real BehaviourModel: the table's
// rows, figures and verdict cells, numeric sorting, updates in place that keep the selection;
// the histogram's log axis, RFC 6762 §6 marks and bins, its repaint allocations.
namespace {

constexpr qint64 kMs = 1'000'000;
using Kind = LatencyTracker::Kind;
using LatencyVerdict = LatencyTracker::Verdict;

constexpr const char *kQuerier = "169.254.0.1";
constexpr const char *kAlpha = "169.254.0.2";
constexpr const char *kBeta = "169.254.0.3";
constexpr const char *kGamma = "169.254.0.4";
const QString kIpp = u"_ipp._tcp.local"_s;
const QString kHttp = u"_http._tcp.local"_s;

// Each host announces its address (and so its host name) first; then one question per host
// and the answers: alpha answers its A record after 2 ms (unique) and _ipp._tcp after 40 ms
// (shared), beta answers _http._tcp after 900 ms (shared: fail).
void buildFirst(BehaviourTimeline &t)
{
    t(0, response({with(a(u"alpha.local"_s, 0xA9FE0002), 120, true)}), kAlpha);
    t(10, response({with(a(u"beta.local"_s, 0xA9FE0003), 120, true)}), kBeta);
    t(1000, query(u"alpha.local"_s, DnsType::A), kQuerier);
    t(1000, query(kIpp, DnsType::PTR), kQuerier);
    t(1002, response({with(a(u"alpha.local"_s, 0xA9FE0002), 120, true)}), kAlpha);
    t(1040, response({ptr(kIpp, u"Alpha._ipp._tcp.local"_s)}), kAlpha);
    t(3000, query(kHttp, DnsType::PTR), kQuerier);
    t(3900, response({ptr(kHttp, u"Beta._http._tcp.local"_s)}), kBeta);
}

// Later: alpha answers _ipp._tcp again after 60 ms; gamma (new) answers a _printer._tcp
// question after 150 ms (shared: warn).
void buildSecond(BehaviourTimeline &t)
{
    t(6000, response({with(a(u"gamma.local"_s, 0xA9FE0004), 120, true)}), kGamma);
    t(7000, query(kIpp, DnsType::PTR), kQuerier);
    t(7060, response({ptr(kIpp, u"Alpha._ipp._tcp.local"_s)}), kAlpha);
    t(9000, query(u"_printer._tcp.local"_s, DnsType::PTR), kQuerier);
    t(9150, response({ptr(u"_printer._tcp.local"_s, u"Gamma._printer._tcp.local"_s)}), kGamma);
}

QString cell(const QAbstractItemModel &m, int row, int column, int role = Qt::DisplayRole)
{
    return m.data(m.index(row, column), role).toString();
}

int rowOfHost(const LatencyModel &m, const QString &host)
{
    return m.rowOf(host);
}

// The column's colour closest to `color` over the plot's height: how many pixels match.
int pixelsLike(const QImage &image, int x, const QRect &plot, const QColor &color, int tolerance)
{
    int n = 0;
    for (int y = plot.top() + 1; y < plot.bottom(); ++y) {
        const QColor c = image.pixelColor(x, y);
        if (std::abs(c.red() - color.red()) <= tolerance &&
            std::abs(c.green() - color.green()) <= tolerance &&
            std::abs(c.blue() - color.blue()) <= tolerance)
            ++n;
    }
    return n;
}

quint64 allocationsOf(int times, const std::function<void()> &fn)
{
    const AllocationCounts before = AllocationCounter::thisThread();
    for (int i = 0; i < times; ++i)
        fn();
    return AllocationCounter::thisThread().allocations - before.allocations;
}

} // namespace

class TestLatencyView : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase() { QLocale::setDefault(QLocale::c()); }

    void modelRowsFromBuiltLatency()
    {
        BehaviourTimeline t;
        buildFirst(t);
        t.finish();
        const BehaviourChanges changes = t.model.takeChanges();
        QVERIFY(changes.hasLatency);
        LatencyModel m;
        m.apply(changes);
        QCOMPARE(m.rowCount(), 2);
        const int alpha = rowOfHost(m, u"alpha.local"_s);
        const int beta = rowOfHost(m, u"beta.local"_s);
        QVERIFY(alpha >= 0 && beta >= 0 && alpha != beta);
        QCOMPARE(m.rowOf({}, IpAddress::fromString(QString::fromLatin1(kBeta))), beta);

        QCOMPARE(cell(m, alpha, LatencyModel::HostColumn), u"alpha.local"_s);
        QCOMPARE(cell(m, alpha, LatencyModel::AddressesColumn), QString::fromLatin1(kAlpha));
        QCOMPARE(cell(m, alpha, LatencyModel::AnswersColumn), u"2"_s);
        QCOMPARE(cell(m, alpha, LatencyModel::MaxColumn), BehaviourText::latency(40 * kMs));
        // p50 of {2 ms, 40 ms} is the lower one, read from its bin (within 3 %).
        const qint64 p50 = m.allAnswers(alpha).histogram.percentileNs(0.5);
        QVERIFY2(std::abs(p50 - 2 * kMs) <= 2 * kMs * 3 / 100, qPrintable(QString::number(p50)));
        QCOMPARE(cell(m, alpha, LatencyModel::P50Column), BehaviourText::latency(p50));
        QCOMPARE(cell(m, alpha, LatencyModel::P95Column), BehaviourText::latency(40 * kMs));
        QCOMPARE(cell(m, alpha, LatencyModel::ProbesColumn), u"0"_s);
        QCOMPARE(cell(m, beta, LatencyModel::MaxColumn), BehaviourText::latency(900 * kMs));

        // Verdicts: alpha passes shared (40 ms) and unique (2 ms); beta fails shared (900 ms)
        // and has no unique answers.
        auto verdict = [&](int row, int column) {
            return LatencyVerdict(m.data(m.index(row, column), LatencyModel::VerdictRole).toInt());
        };
        QCOMPARE(verdict(alpha, LatencyModel::SharedColumn), LatencyVerdict::Pass);
        QCOMPARE(verdict(alpha, LatencyModel::UniqueColumn), LatencyVerdict::Pass);
        QCOMPARE(verdict(beta, LatencyModel::SharedColumn), LatencyVerdict::Fail);
        QCOMPARE(verdict(beta, LatencyModel::UniqueColumn), LatencyVerdict::NotSeen);
        QCOMPARE(cell(m, alpha, LatencyModel::SharedColumn), u"pass (1)"_s);
        QCOMPARE(cell(m, beta, LatencyModel::SharedColumn), u"fail (1)"_s);
        QVERIFY(!m.data(m.index(alpha, LatencyModel::AnswersColumn), LatencyModel::VerdictRole)
                     .isValid());
        // Coloured cells: pass and fail differ; no colour without a verdict.
        const QColor pass = m.data(m.index(alpha, LatencyModel::SharedColumn), Qt::BackgroundRole)
                                .value<QBrush>()
                                .color();
        const QColor fail = m.data(m.index(beta, LatencyModel::SharedColumn), Qt::BackgroundRole)
                                .value<QBrush>()
                                .color();
        QVERIFY(pass.isValid() && fail.isValid());
        QVERIFY(pass.green() > pass.red());
        QVERIFY(fail.red() > fail.green());
        QVERIFY(!m.data(m.index(beta, LatencyModel::UniqueColumn), Qt::BackgroundRole).isValid());
        // The tooltip explains the bands and gives the responder's counts per band.
        const QString tip = cell(m, beta, LatencyModel::SharedColumn, Qt::ToolTipRole);
        QVERIFY2(tip.contains(u"20–125 ms passes"_s), qPrintable(tip));
        QVERIFY2(tip.contains(u"over 750 ms: 1"_s), qPrintable(tip));
        QVERIFY2(tip.contains(u"under 10 ms: 0"_s), qPrintable(tip));
        const QString uniqueTip = cell(m, alpha, LatencyModel::UniqueColumn, Qt::ToolTipRole);
        QVERIFY2(uniqueTip.contains(u"up to 10 ms: 1"_s), qPrintable(uniqueTip));

        // The summary: 3 answers from 2 responders, max 900 ms.
        const QString summary = m.summaryText();
        QVERIFY2(summary.contains(u"3 answers from 2 responders"_s), qPrintable(summary));
        QVERIFY2(summary.contains(u"max "_s + BehaviourText::latency(900 * kMs)),
                 qPrintable(summary));
        QCOMPARE(m.overall().of(Kind::Shared).answered(), 2u);
    }

    void unansweredShareAndQuartersNote()
    {
        // Alpha is heard with _ipp._tcp, then leaves one of two questions unanswered: 50 %.
        BehaviourTimeline t;
        t(0, response({ptr(kIpp, u"Alpha._ipp._tcp.local"_s)}), kAlpha);
        t(1000, query(kIpp, DnsType::PTR), kQuerier);
        t(1030, response({ptr(kIpp, u"Alpha._ipp._tcp.local"_s)}), kAlpha);
        t(3000, query(kIpp, DnsType::PTR), kQuerier);
        t.finish();
        LatencyModel m;
        m.apply(t.model.takeChanges());
        QCOMPARE(m.rowCount(), 1);
        QCOMPARE(cell(m, 0, LatencyModel::UnansweredColumn), BehaviourText::share(0.5));
        QCOMPARE(
            m.data(m.index(0, LatencyModel::UnansweredColumn), LatencyModel::SortRole).toDouble(),
            0.5);
        // Host column falls back to the address when no host name was claimed.
        QCOMPARE(cell(m, 0, LatencyModel::HostColumn), QString::fromLatin1(kAlpha));

        // 24 shared answers all at 30 ms: every one passes the band but a quarter holds them
        // all: warn, with the uneven note in the cell and the tooltip.
        BehaviourTimeline q;
        q(0, response({ptr(kIpp, u"Alpha._ipp._tcp.local"_s)}), kAlpha);
        for (int i = 0; i < 24; ++i) {
            q(1000 + i * 2000, query(kIpp, DnsType::PTR), kQuerier);
            q(1030 + i * 2000, response({ptr(kIpp, u"Alpha._ipp._tcp.local"_s)}), kAlpha);
        }
        q.finish();
        LatencyModel uneven;
        uneven.apply(q.model.takeChanges());
        QCOMPARE(uneven.rowCount(), 1);
        QCOMPARE(
            LatencyVerdict(
                uneven.data(uneven.index(0, LatencyModel::SharedColumn), LatencyModel::VerdictRole)
                    .toInt()),
            LatencyVerdict::Warn);
        QVERIFY(cell(uneven, 0, LatencyModel::SharedColumn).contains(u"uneven"_s));
        QVERIFY(cell(uneven, 0, LatencyModel::SharedColumn, Qt::ToolTipRole)
                    .contains(u"not spread over its quarters"_s));
    }

    void sortsNumerically()
    {
        BehaviourTimeline t;
        buildFirst(t);
        buildSecond(t);
        t.finish();
        LatencyPanel panel;
        panel.applyChanges(t.model.takeChanges());
        QSortFilterProxyModel *proxy = panel.proxy();
        QCOMPARE(proxy->rowCount(), 3);
        // Max: alpha 60 ms, gamma 150 ms, beta 900 ms. As text "150 ms" < "60.0 ms".
        proxy->sort(LatencyModel::MaxColumn, Qt::AscendingOrder);
        QStringList hosts;
        for (int r = 0; r < proxy->rowCount(); ++r)
            hosts.append(cell(*proxy, r, LatencyModel::HostColumn));
        QCOMPARE(hosts, QStringList({u"alpha.local"_s, u"gamma.local"_s, u"beta.local"_s}));
        QCOMPARE(cell(*proxy, 0, LatencyModel::MaxColumn), BehaviourText::latency(60 * kMs));
        QVERIFY(cell(*proxy, 1, LatencyModel::MaxColumn) <
                cell(*proxy, 0, LatencyModel::MaxColumn));
        // Shared verdict, worst last: pass (alpha), warn (gamma), fail (beta).
        proxy->sort(LatencyModel::SharedColumn, Qt::AscendingOrder);
        hosts.clear();
        for (int r = 0; r < proxy->rowCount(); ++r)
            hosts.append(cell(*proxy, r, LatencyModel::HostColumn));
        QCOMPARE(hosts, QStringList({u"alpha.local"_s, u"gamma.local"_s, u"beta.local"_s}));
        // Answers, most first: alpha 3, then the others with 1.
        proxy->sort(LatencyModel::AnswersColumn, Qt::DescendingOrder);
        QCOMPARE(cell(*proxy, 0, LatencyModel::HostColumn), u"alpha.local"_s);
        QCOMPARE(cell(*proxy, 0, LatencyModel::AnswersColumn), u"3"_s);
    }

    void updatesInPlaceKeepingTheSelection()
    {
        BehaviourTimeline t;
        buildFirst(t);
        t.model.advanceTo(BehaviourTimeline::at(5000));
        LatencyPanel panel;
        panel.resize(800, 600);
        panel.applyChanges(t.model.takeChanges());
        LatencyModel *m = panel.model();
        QCOMPARE(m->rowCount(), 2);
        const int beta = m->rowOf(u"beta.local"_s);
        panel.selectResponder(beta);
        QCOMPARE(panel.selectedResponder(), beta);
        QCOMPARE(panel.scope(), LatencyPanel::Scope::SelectedResponder);
        QCOMPARE(panel.chart()->title(), u"beta.local"_s);
        QCOMPARE(panel.chart()->count(Kind::Shared, LatencyHistogram::binOf(900 * kMs)), 1u);
        QCOMPARE(panel.chart()->total(), 1u);

        QSignalSpy resets(m, &QAbstractItemModel::modelReset);
        QSignalSpy inserted(m, &QAbstractItemModel::rowsInserted);
        QSignalSpy removed(m, &QAbstractItemModel::rowsRemoved);
        QSignalSpy changed(m, &QAbstractItemModel::dataChanged);
        buildSecond(t);
        t.finish();
        const BehaviourChanges later = t.model.takeChanges();
        QVERIFY(later.hasLatency);
        panel.applyChanges(later);
        QCOMPARE(resets.size(), 0);
        QCOMPARE(removed.size(), 0);
        QCOMPARE(inserted.size(), 1); // gamma
        QVERIFY(changed.size() >= 1);
        QCOMPARE(m->rowCount(), 3);
        // The same rows hold the same hosts; alpha's figures changed in place.
        QCOMPARE(m->rowOf(u"beta.local"_s), beta);
        const int alpha = m->rowOf(u"alpha.local"_s);
        QCOMPARE(cell(*m, alpha, LatencyModel::AnswersColumn), u"3"_s);
        // Beta is still selected and its histogram still shown.
        QCOMPARE(panel.selectedResponder(), beta);
        QCOMPARE(cell(*panel.proxy(),
                      panel.table()->selectionModel()->selectedRows().constFirst().row(),
                      LatencyModel::HostColumn),
                 u"beta.local"_s);
        QCOMPARE(panel.chart()->title(), u"beta.local"_s);
        QCOMPARE(panel.chart()->total(), 1u);

        // All responders: the overall histogram.
        panel.setScope(LatencyPanel::Scope::AllResponders);
        QCOMPARE(panel.chart()->total(), 5u);
        QCOMPARE(panel.chart()->count(Kind::Unique, LatencyHistogram::binOf(2 * kMs)), 1u);
        // Choosing another row shows that responder.
        panel.selectResponder(alpha);
        QCOMPARE(panel.scope(), LatencyPanel::Scope::SelectedResponder);
        QCOMPARE(panel.chart()->title(), u"alpha.local"_s);
        QCOMPARE(panel.chart()->total(), 3u);

        // A reset change set (the model was cleared) empties the table.
        t.model.clear();
        const BehaviourChanges reset = t.model.takeChanges();
        QVERIFY(reset.reset);
        panel.applyChanges(reset);
        QCOMPARE(m->rowCount(), 0);
        panel.clear();
        QCOMPARE(panel.scope(), LatencyPanel::Scope::AllResponders);
        QCOMPARE(panel.chart()->total(), 0u);
    }

    void chartLogAxisAndMarks()
    {
        LatencyHistogramChart chart;
        chart.resize(700, 300);
        const QRect axis = chart.axisRect();
        QVERIFY(axis.width() > 400);
        QVERIFY(chart.plotRect().contains(axis));
        // 0.1 ms at the left, 1 s at the right, each decade a quarter of the axis.
        QCOMPARE(chart.xForLatency(100'000), double(axis.left()));
        QCOMPARE(chart.xForLatency(1'000'000'000), double(axis.left() + axis.width()));
        for (int d = 0; d <= 4; ++d) {
            const qint64 ns = qint64(100'000 * std::pow(10.0, d));
            QVERIFY(std::abs(chart.xForLatency(ns) - (axis.left() + axis.width() * d / 4.0)) <
                    1e-6);
        }
        // Clamped outside.
        QCOMPARE(chart.xForLatency(10), double(axis.left()));
        QCOMPARE(chart.xForLatency(5'000'000'000), double(axis.left() + axis.width()));
        // 20 ms and 120 ms: log10(200) and log10(1200) decades above 0.1 ms.
        const double x20 = axis.left() + axis.width() * std::log10(200.0) / 4;
        const double x120 = axis.left() + axis.width() * std::log10(1200.0) / 4;
        QVERIFY(std::abs(chart.xForLatency(LatencyHistogramChart::kMarkLowNs) - x20) < 1e-6);
        QVERIFY(std::abs(chart.xForLatency(LatencyHistogramChart::kMarkHighNs) - x120) < 1e-6);
        // A latency's x lies in the span of its bin, and binAt finds that bin.
        for (const qint64 ns : {150'000LL, 2 * kMs, 40 * kMs, 900 * kMs}) {
            const int bin = LatencyHistogram::binOf(ns);
            const auto [x0, x1] = chart.binSpan(bin);
            const double x = chart.xForLatency(ns);
            QVERIFY2(x >= x0 && x <= x1, qPrintable(u"%1 ns"_s.arg(ns)));
            QCOMPARE(chart.binAt((x0 + x1) / 2), bin);
        }
        // The outlier bins sit outside the axis.
        QCOMPARE(chart.binAt(chart.plotRect().left() + 2), 0);
        QCOMPARE(chart.binAt(chart.plotRect().right() - 2), LatencyHistogram::kBins - 1);
        QVERIFY(chart.binSpan(0).second < axis.left());
        QVERIFY(chart.binSpan(LatencyHistogram::kBins - 1).first > axis.right());

        // The marks are drawn (dashed, red-ish) at those x, and nowhere in between.
        const QImage image = chart.grab().toImage();
        const QRect plot = chart.plotRect();
        const QColor mark(0xc0, 0x30, 0x30);
        QVERIFY2(pixelsLike(image, int(std::lround(x20)), plot, mark, 40) > plot.height() / 4,
                 "no 20 ms mark");
        QVERIFY2(pixelsLike(image, int(std::lround(x120)), plot, mark, 40) > plot.height() / 4,
                 "no 120 ms mark");
        QCOMPARE(pixelsLike(image, int(std::lround((x20 + x120) / 2)), plot, mark, 40), 0);
    }

    void chartBinsFromChanges()
    {
        BehaviourTimeline t;
        buildFirst(t);
        t.finish();
        const BehaviourChanges changes = t.model.takeChanges();
        LatencyHistogramChart chart;
        chart.resize(700, 300);
        chart.setStats(changes.overall, u"All"_s);
        QCOMPARE(chart.total(), 3u);
        QCOMPARE(chart.count(Kind::Shared, LatencyHistogram::binOf(40 * kMs)), 1u);
        QCOMPARE(chart.count(Kind::Shared, LatencyHistogram::binOf(900 * kMs)), 1u);
        QCOMPARE(chart.count(Kind::Unique, LatencyHistogram::binOf(2 * kMs)), 1u);
        QCOMPARE(chart.count(Kind::Unique, LatencyHistogram::binOf(40 * kMs)), 0u);
        QCOMPARE(chart.tallestBin(), 1u);
        const QStringList hover = chart.binText(LatencyHistogram::binOf(40 * kMs));
        QCOMPARE(hover.size(), 4);
        QVERIFY(hover.contains(u"shared: 1"_s));
        QVERIFY(hover.contains(u"unique: 0"_s));
        QVERIFY2(hover.first().contains(u"ms – "_s), qPrintable(hover.first()));

        // The bars are painted in the kinds' colours where the bins are.
        const QImage image = chart.grab().toImage();
        const QRect plot = chart.plotRect();
        auto barAt = [&](qint64 ns) {
            const auto [x0, x1] = chart.binSpan(LatencyHistogram::binOf(ns));
            return int(std::floor((x0 + x1) / 2));
        };
        const int sharedPixels = pixelsLike(image, barAt(40 * kMs), plot,
                                            LatencyHistogramChart::kindColor(Kind::Shared), 8);
        const int uniquePixels = pixelsLike(image, barAt(2 * kMs), plot,
                                            LatencyHistogramChart::kindColor(Kind::Unique), 8);
        // One answer in the tallest bin: a quarter of the height (the count axis tops at 4).
        const int quarter = (plot.height() - 1) / 4;
        QVERIFY2(std::abs(sharedPixels - quarter) <= 2, qPrintable(QString::number(sharedPixels)));
        QVERIFY2(std::abs(uniquePixels - quarter) <= 2, qPrintable(QString::number(uniquePixels)));
        QCOMPARE(pixelsLike(image, barAt(5 * kMs), plot,
                            LatencyHistogramChart::kindColor(Kind::Unique), 8),
                 0);
    }

    void repaintAllocationsIndependentOfData()
    {
        if (!AllocationCounter::countsMalloc())
            QSKIP("malloc is not counted in this build (sanitizer or valgrind)");
        LatencyHistogramChart chart;
        chart.resize(700, 300);
        chart.show();
        QVERIFY(QTest::qWaitForWindowExposed(&chart));
        auto measure = [&](const LatencyTracker::Stats &stats) {
            chart.setStats(stats, u"Title"_s);
            chart.repaint();
            chart.repaint(); // warm: layout and text caches
            return allocationsOf(10, [&] { chart.repaint(); });
        };
        LatencyTracker::Stats few;
        few.of(Kind::Shared).histogram.add(40 * kMs);
        LatencyTracker::Stats many;
        for (int i = 0; i < 20000; ++i) {
            // Every bin of every kind, counts in the hundreds.
            const qint64 ns = qint64(50'000 * std::pow(10.0, 4.6 * (i % 997) / 997.0));
            many.of(Kind(i % 3)).histogram.add(ns);
        }
        const quint64 small = measure(few);
        const quint64 large = measure(many);
        qInfo("histogram repaint: %.1f allocations with 1 answer, %.1f with 20000 in every bin",
              small / 10.0, large / 10.0);
        // 162 bins x 3 kinds drawn: per-bin allocation would add hundreds per repaint.
        QVERIFY2(large <= small + 10 * 5,
                 qPrintable(u"%1 vs %2 allocations in 10 repaints"_s.arg(large).arg(small)));
    }

    void screenshot()
    {
        BehaviourTimeline t;
        buildFirst(t);
        buildSecond(t);
        // More shared answers from alpha, spread over 20-120 ms, and quick unique ones.
        for (int i = 0; i < 40; ++i) {
            const double at = 20000 + i * 2000;
            t(at, query(kIpp, DnsType::PTR), kQuerier);
            t(at, query(u"alpha.local"_s, DnsType::A), kQuerier);
            t(at + 0.3 + (i % 7) * 0.4,
              response({with(a(u"alpha.local"_s, 0xA9FE0002), 120, true)}), kAlpha);
            t(at + 20 + (i * 37) % 100, response({ptr(kIpp, u"Alpha._ipp._tcp.local"_s)}), kAlpha);
        }
        t.finish();
        LatencyPanel panel;
        panel.resize(900, 640);
        panel.applyChanges(t.model.takeChanges());
        panel.show();
        QVERIFY(QTest::qWaitForWindowExposed(&panel));
        // Hover the 40 ms bin: its range and counts are drawn.
        LatencyHistogramChart *chart = panel.chart();
        const auto [x0, x1] = chart->binSpan(LatencyHistogram::binOf(40 * kMs));
        QTest::mouseMove(chart, QPoint(int((x0 + x1) / 2), chart->plotRect().center().y()));
        const QImage image = panel.grab().toImage();
        QVERIFY(!image.isNull());
        QVERIFY(panel.summaryText().contains(u"from 3 responders"_s));
        const QString path = qEnvironmentVariable("MDNSCOPE_LATENCY_SHOT");
        if (!path.isEmpty())
            QVERIFY(image.save(path));
    }

    // Last: the German translation stays installed.
    void germanTexts()
    {
        QVERIFY(Translations::install(u"de"_s));
        BehaviourTimeline t;
        buildFirst(t);
        t.finish();
        LatencyPanel panel;
        panel.resize(900, 640);
        QCOMPARE(panel.summaryText(), u"Noch keine Frage und Antwort zugeordnet."_s);
        panel.applyChanges(t.model.takeChanges());
        LatencyModel *m = panel.model();
        QCOMPARE(m->headerData(LatencyModel::AnswersColumn, Qt::Horizontal).toString(),
                 u"Antworten"_s);
        QCOMPARE(cell(*m, m->rowOf(u"beta.local"_s), LatencyModel::SharedColumn),
                 u"durchgefallen (1)"_s);
        QCOMPARE(LatencyHistogramChart::kindName(Kind::Shared), u"geteilt"_s);
        QCOMPARE(panel.chart()->title(), u"Alle Antwortenden"_s);
        QVERIFY2(panel.summaryText().startsWith(u"Insgesamt: 3 Antworten von 2 Antwortenden"_s),
                 qPrintable(panel.summaryText()));
        panel.show();
        QVERIFY(QTest::qWaitForWindowExposed(&panel));
        const QString path = qEnvironmentVariable("MDNSCOPE_LATENCY_SHOT_DE");
        if (!path.isEmpty())
            QVERIFY(panel.grab().save(path));
    }
};

QTEST_MAIN(TestLatencyView)
#include "tst_latencyview.moc"

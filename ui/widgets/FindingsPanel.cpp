#include "FindingsPanel.h"

#include "CachedTextDelegate.h"
#include "FindingsModel.h"
#include "ScorecardModel.h"

#include <QDateTime>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QLabel>
#include <QPushButton>
#include <QSortFilterProxyModel>
#include <QSplitter>
#include <QTabWidget>
#include <QTableView>
#include <QTextBrowser>
#include <QToolButton>
#include <QTreeView>
#include <QVBoxLayout>

using namespace Qt::StringLiterals;

// Narrows the findings tree to one device's findings of one rule group: the finding rows
// decide, their parents show when a child does (recursive filtering).
class FindingsFilterProxy final : public QSortFilterProxyModel
{
public:
    using QSortFilterProxyModel::QSortFilterProxyModel;

    void setDevice(const QList<IpAddress> &addresses, RuleGroup group)
    {
        m_addresses = addresses;
        m_group = group;
        invalidateRowsFilter();
    }
    bool isFiltering() const { return !m_addresses.isEmpty(); }

protected:
    bool filterAcceptsRow(int row, const QModelIndex &parent) const override
    {
        if (m_addresses.isEmpty())
            return true;
        const QModelIndex index = sourceModel()->index(row, 0, parent);
        if (index.data(FindingsModel::LevelRole).toInt() != int(FindingsModel::Level::Finding))
            return false; // shown when a finding under it is
        return index.data(FindingsModel::GroupRole).toInt() == int(m_group) &&
               m_addresses.contains(index.data(FindingsModel::SourceRole).value<IpAddress>());
    }

private:
    QList<IpAddress> m_addresses;
    RuleGroup m_group = RuleGroup::Header;
};

namespace {
QString timeText(qint64 ns)
{
    return QDateTime::fromMSecsSinceEpoch(ns / 1'000'000).toString(u"yyyy-MM-dd HH:mm:ss.zzz"_s);
}

QString packetsText(const PacketRefs &refs)
{
    QStringList numbers;
    for (quint64 n : refs.first)
        numbers.append(QString::number(n));
    QString text = numbers.join(u", "_s);
    if (refs.count > quint64(refs.first.size()))
        text += u' ' + FindingsPanel::tr("… (%1 in all)").arg(refs.count);
    return text;
}

QString levelTitle(RuleLevel level)
{
    switch (level) {
    case RuleLevel::Must:
        return FindingsPanel::tr("MUST");
    case RuleLevel::Should:
        return FindingsPanel::tr("SHOULD");
    case RuleLevel::Event:
        break;
    }
    return FindingsPanel::tr("event (no requirement)");
}
} // namespace

FindingsPanel::FindingsPanel(QWidget *parent)
    : QWidget(parent)
    , m_findings(new FindingsModel(this))
    , m_scorecard(new ScorecardModel(this))
    , m_proxy(new FindingsFilterProxy(this))
    , m_tabs(new QTabWidget(this))
    , m_tree(new QTreeView(this))
    , m_scorecardView(new QTableView(this))
    , m_details(new QTextBrowser(this))
    , m_showPackets(new QPushButton(tr("Show All Its Packets"), this))
    , m_filterChip(new QToolButton(this))
    , m_summary(new QLabel(this))
{
    setObjectName(u"findingsPanel"_s);
    m_proxy->setSourceModel(m_findings);
    m_proxy->setRecursiveFilteringEnabled(true);

    m_tree->setObjectName(u"findingsTree"_s);
    m_tree->setModel(m_proxy);
    // Counts change with every change set: drawn from laid-out text (the default delegate lays
    // every cell out again on each repaint).
    m_tree->setItemDelegate(new CachedTextDelegate(m_tree));
    m_tree->setUniformRowHeights(true);
    m_tree->setSelectionBehavior(QAbstractItemView::SelectRows);
    m_tree->setSelectionMode(QAbstractItemView::SingleSelection);
    m_tree->setAlternatingRowColors(true);
    m_tree->setAllColumnsShowFocus(true);
    QHeaderView *h = m_tree->header();
    h->setStretchLastSection(true);
    const int digit = fontMetrics().horizontalAdvance(u'0');
    h->resizeSection(FindingsModel::ItemColumn, 34 * digit);
    h->resizeSection(FindingsModel::CountColumn, 6 * digit);
    h->resizeSection(FindingsModel::ReferenceColumn, 13 * digit);

    m_details->setObjectName(u"findingDetails"_s);
    m_details->setOpenLinks(false);
    m_details->setPlaceholderText(tr("Select a finding to see what it says and where"));
    m_showPackets->setObjectName(u"showFindingPackets"_s);
    m_showPackets->setToolTip(
        tr("Show only the packets of the selected finding in the packet list"));
    m_showPackets->setEnabled(false);
    m_filterChip->setObjectName(u"findingsFilterChip"_s);
    m_filterChip->setToolTip(tr("Show every finding again"));
    m_filterChip->setToolButtonStyle(Qt::ToolButtonTextBesideIcon);
    m_filterChip->setVisible(false);
    m_summary->setObjectName(u"findingsSummary"_s);

    auto *findingsPage = new QWidget(this);
    auto *bar = new QHBoxLayout;
    bar->addWidget(m_summary, 1);
    bar->addWidget(m_filterChip);
    auto *detailsBox = new QWidget(this);
    auto *detailsLayout = new QVBoxLayout(detailsBox);
    detailsLayout->setContentsMargins(0, 0, 0, 0);
    detailsLayout->addWidget(m_details, 1);
    auto *buttons = new QHBoxLayout;
    buttons->addStretch(1);
    buttons->addWidget(m_showPackets);
    detailsLayout->addLayout(buttons);
    auto *splitter = new QSplitter(Qt::Vertical, findingsPage);
    splitter->addWidget(m_tree);
    splitter->addWidget(detailsBox);
    splitter->setStretchFactor(0, 3);
    splitter->setStretchFactor(1, 2);
    auto *findingsLayout = new QVBoxLayout(findingsPage);
    findingsLayout->setContentsMargins(0, 0, 0, 0);
    findingsLayout->addLayout(bar);
    findingsLayout->addWidget(splitter, 1);

    m_scorecardView->setObjectName(u"scorecardTable"_s);
    m_scorecardView->setModel(m_scorecard);
    m_scorecardView->setItemDelegate(new CachedTextDelegate(m_scorecardView));
    m_scorecardView->setSelectionBehavior(QAbstractItemView::SelectItems);
    m_scorecardView->setSelectionMode(QAbstractItemView::SingleSelection);
    m_scorecardView->verticalHeader()->hide();
    m_scorecardView->horizontalHeader()->setSectionResizeMode(QHeaderView::ResizeToContents);
    m_scorecardView->setToolTip(tr("Click a cell to see the findings behind it"));

    m_tabs->addTab(findingsPage, tr("Findings"));
    m_tabs->addTab(m_scorecardView, tr("Scorecard"));
    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->addWidget(m_tabs);

    connect(m_tree->selectionModel(), &QItemSelectionModel::currentRowChanged, this, [this] {
        updateDetails();
        if (const Finding *f = selectedFinding()) {
            if (!f->packets.first.isEmpty())
                Q_EMIT packetRequested(f->packets.first.constFirst());
        }
    });
    connect(m_findings, &QAbstractItemModel::dataChanged, this, [this](const QModelIndex &topLeft) {
        const QModelIndex current = m_proxy->mapToSource(m_tree->currentIndex());
        if (current.isValid() && topLeft.internalPointer() == current.internalPointer())
            updateDetails();
    });
    connect(m_findings, &QAbstractItemModel::rowsInserted, this, &FindingsPanel::updateSummary);
    connect(m_findings, &QAbstractItemModel::modelReset, this, &FindingsPanel::updateSummary);
    connect(m_findings, &FindingsModel::scorecardChanged, this,
            [this] { m_scorecard->setRows(m_findings->scorecard()); });
    // A new severity or rule row opens, so that what arrives is seen without clicking.
    connect(m_proxy, &QAbstractItemModel::rowsInserted, this,
            [this](const QModelIndex &parent, int first, int last) {
                for (int row = first; row <= last; ++row) {
                    const QModelIndex index = m_proxy->index(row, 0, parent);
                    const int level = index.data(FindingsModel::LevelRole).toInt();
                    if (level == int(FindingsModel::Level::Severity) ||
                        level == int(FindingsModel::Level::Rule))
                        m_tree->expand(index);
                }
            });
    connect(m_showPackets, &QPushButton::clicked, this, &FindingsPanel::showSelectedPackets);
    connect(m_scorecardView, &QAbstractItemView::clicked, this,
            [this](const QModelIndex &index) { showScorecardCell(index.row(), index.column()); });
    connect(m_filterChip, &QToolButton::clicked, this,
            [this] { setDeviceFilter({}, RuleGroup::Header); });
    updateSummary();
}

void FindingsPanel::apply(const FindingChanges &changes)
{
    m_findings->apply(changes);
}

void FindingsPanel::clear()
{
    setDeviceFilter({}, RuleGroup::Header);
    m_findings->clear();
    m_scorecard->clear();
    updateDetails();
}

void FindingsPanel::updateSummary()
{
    m_summary->setText(tr("%n finding(s)", nullptr, int(m_findings->findingCount())));
}

bool FindingsPanel::selectFinding(quint32 id)
{
    const QModelIndex index = m_proxy->mapFromSource(m_findings->indexOf(id));
    if (!index.isValid())
        return false;
    for (QModelIndex p = index.parent(); p.isValid(); p = p.parent())
        m_tree->expand(p);
    m_tree->setCurrentIndex(index);
    m_tree->scrollTo(index);
    return true;
}

const Finding *FindingsPanel::selectedFinding() const
{
    return m_findings->finding(m_proxy->mapToSource(m_tree->currentIndex()));
}

void FindingsPanel::setDeviceFilter(const QList<IpAddress> &addresses, RuleGroup group,
                                    const QString &label)
{
    m_proxy->setDevice(addresses, group);
    m_filterChip->setVisible(!addresses.isEmpty());
    if (!addresses.isEmpty()) {
        m_filterChip->setText(tr("%1, %2 ✕")
                                  .arg(label.isEmpty() ? addresses.constFirst().toString() : label,
                                       ConformanceRules::groupTitle(group, true)));
        m_tree->expandAll();
    }
}

void FindingsPanel::showScorecardCell(int row, int column)
{
    if (row < 0 || row >= m_scorecard->rows().size() || column < ScorecardModel::FirstGroupColumn ||
        column >= ScorecardModel::ColumnCount)
        return;
    const ScorecardRow &device = m_scorecard->rows().at(row);
    const QString label = device.hostName.isEmpty() ? QString() : device.hostName;
    setDeviceFilter(device.addresses, ScorecardModel::groupOfColumn(column), label);
    m_tabs->setCurrentIndex(0);
    // The first finding behind it, selected (its packet follows).
    QModelIndex first = m_proxy->index(0, 0);
    while (first.isValid() && m_proxy->rowCount(first) > 0)
        first = m_proxy->index(0, 0, first);
    if (first.isValid())
        m_tree->setCurrentIndex(first);
}

QList<quint64> FindingsPanel::selectedPackets() const
{
    const Finding *f = selectedFinding();
    if (!f)
        return {};
    QList<quint64> numbers = f->packets.first;
    for (quint64 n : f->otherPackets.first) {
        if (!numbers.contains(n))
            numbers.append(n);
    }
    std::sort(numbers.begin(), numbers.end());
    return numbers;
}

void FindingsPanel::showSelectedPackets()
{
    const Finding *f = selectedFinding();
    if (!f)
        return;
    //: the packet list's chip says "Packets of %1 from %2"
    const QString label =
        tr("%1 from %2").arg(QString::fromLatin1(f->info().id), f->source.toString());
    Q_EMIT showPacketsRequested(selectedPackets(), label);
}

void FindingsPanel::updateDetails()
{
    const Finding *f = selectedFinding();
    m_showPackets->setEnabled(f &&
                              !(f->packets.first.isEmpty() && f->otherPackets.first.isEmpty()));
    if (!f) {
        m_details->clear();
        return;
    }
    const RuleInfo &info = f->info();
    const auto row = [](const QString &key, const QString &value) {
        return u"<tr><td style='padding-right:12px'><b>%1</b></td><td>%2</td></tr>"_s.arg(
            key.toHtmlEscaped(), value.toHtmlEscaped());
    };
    QString html = u"<p><b>%1</b></p><p>%2</p><table>"_s.arg(
        ConformanceRules::ruleTitle(f->rule, true).toHtmlEscaped(),
        f->messageText(true).toHtmlEscaped());
    html += row(tr("Rule"), QString::fromLatin1(info.id));
    html += row(tr("Severity"), ConformanceRules::severityTitle(f->severity, true));
    html += row(tr("Level"), levelTitle(info.level));
    html += row(tr("Reference"), QString::fromUtf8(info.reference));
    const QString host = m_findings->hostName(f->source);
    html += row(tr("Sender"), host.isEmpty() ? f->source.toString()
                                             : tr("%1 (%2)").arg(f->source.toString(), host));
    if (!f->name.isEmpty())
        html += row(tr("Name"), f->name);
    html += row(tr("Occurrences"), QString::number(f->count));
    html += row(tr("First seen"), timeText(f->timeNs));
    if (f->lastTimeNs != f->timeNs)
        html += row(tr("Last seen"), timeText(f->lastTimeNs));
    if (f->otherSource.isNull())
        html += row(tr("Packets"), packetsText(f->packets));
    html += u"</table>"_s;
    if (!f->otherSource.isNull()) {
        // A conflict (or a simultaneous probe, a reflection): both sides, side by side.
        const bool reflection = f->rule == Rule::Reflected;
        const QString otherHost = m_findings->hostName(f->otherSource);
        const auto cell = [](const QString &title, const IpAddress &a, const QString &name,
                             const PacketRefs &packets) {
            QString text =
                u"<b>%1</b><br>%2"_s.arg(title.toHtmlEscaped(), a.toString().toHtmlEscaped());
            if (!name.isEmpty())
                text += u"<br>"_s + name.toHtmlEscaped();
            text += u"<br>"_s +
                    FindingsPanel::tr("Packets: %1").arg(packetsText(packets)).toHtmlEscaped();
            return text;
        };
        html += u"<table width='100%' border='1' cellspacing='0' cellpadding='6'><tr>"
                u"<td valign='top' width='50%'>%1</td><td valign='top' width='50%'>%2</td>"
                u"</tr></table>"_s.arg(cell(reflection ? tr("Original sender") : tr("One claimant"),
                                            f->source, host, f->packets),
                                       cell(reflection ? tr("Reflector") : tr("The other claimant"),
                                            f->otherSource, otherHost, f->otherPackets));
    }
    m_details->setHtml(html);
}

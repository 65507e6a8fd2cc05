#include "ServiceDetailsPane.h"

#include "DirectoryText.h"

#include <QHBoxLayout>
#include <QHeaderView>
#include <QLabel>
#include <QPushButton>
#include <QTabWidget>
#include <QTableWidget>
#include <QVBoxLayout>

#include <algorithm>

using namespace Qt::StringLiterals;

namespace {
QTableWidget *makeTable(const QStringList &headers, const QString &name, QWidget *parent)
{
    auto *table = new QTableWidget(0, int(headers.size()), parent);
    table->setObjectName(name);
    table->setHorizontalHeaderLabels(headers);
    table->setEditTriggers(QAbstractItemView::NoEditTriggers);
    table->setSelectionBehavior(QAbstractItemView::SelectRows);
    table->setWordWrap(false);
    table->verticalHeader()->hide();
    table->verticalHeader()->setDefaultSectionSize(table->fontMetrics().height() + 6);
    table->horizontalHeader()->setStretchLastSection(true);
    // The header and two rows (not the default 70 px): the services dock fits a 700 px window.
    table->setMinimumHeight(table->horizontalHeader()->sizeHint().height() +
                            2 * table->verticalHeader()->defaultSectionSize() +
                            2 * table->frameWidth());
    return table;
}

void setRows(QTableWidget *table, const QList<QStringList> &rows)
{
    table->setRowCount(int(rows.size()));
    for (int r = 0; r < rows.size(); ++r) {
        for (int c = 0; c < rows.at(r).size() && c < table->columnCount(); ++c) {
            auto *item = new QTableWidgetItem(rows.at(r).at(c));
            item->setToolTip(rows.at(r).at(c));
            table->setItem(r, c, item);
        }
    }
}
} // namespace

ServiceDetailsPane::ServiceDetailsPane(QWidget *parent)
    : QWidget(parent)
    , m_title(new QLabel(this))
    , m_summary(new QLabel(this))
    , m_tabs(new QTabWidget(this))
    , m_txt(makeTable({tr("Key"), tr("Value")}, u"serviceTxt"_s, this))
    , m_addresses(makeTable({tr("Address"), tr("Interface"), tr("Claimed By"), tr("State")},
                            u"serviceAddresses"_s, this))
    , m_history(makeTable({tr("Time"), tr("Event")}, u"serviceHistory"_s, this))
    , m_records(makeTable({tr("Type"), tr("Data"), tr("Sender"), tr("TTL"), tr("State"),
                           tr("First Heard"), tr("Last Heard"), tr("Packets")},
                          u"serviceRecords"_s, this))
    , m_showPackets(new QPushButton(tr("Show Packets"), this))
{
    setObjectName(u"serviceDetails"_s);
    m_title->setTextFormat(Qt::PlainText);
    m_title->setTextInteractionFlags(Qt::TextSelectableByMouse);
    QFont bold = m_title->font();
    bold.setBold(true);
    m_title->setFont(bold);
    m_summary->setTextFormat(Qt::PlainText);
    m_summary->setTextInteractionFlags(Qt::TextSelectableByMouse);
    m_summary->setWordWrap(true);
    m_showPackets->setObjectName(u"showPackets"_s);
    m_showPackets->setToolTip(tr("Show only the packets that carried this instance's records"));
    m_tabs->addTab(m_txt, tr("TXT"));
    m_tabs->addTab(m_addresses, tr("Addresses"));
    m_tabs->addTab(m_history, tr("History"));
    m_tabs->addTab(m_records, tr("Records"));

    auto *top = new QHBoxLayout;
    top->setContentsMargins(0, 0, 0, 0);
    top->addWidget(m_title, 1);
    top->addWidget(m_showPackets);
    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 4, 0, 0);
    layout->addLayout(top);
    layout->addWidget(m_summary);
    layout->addWidget(m_tabs, 1);

    connect(m_showPackets, &QPushButton::clicked, this,
            [this] { Q_EMIT showPacketsRequested(m_numbers, m_name); });
    show(nullptr, 0);
}

QList<quint64> ServiceDetailsPane::packetNumbers(const ServiceInstance &instance)
{
    QList<quint64> numbers = instance.packets.first;
    if (instance.packets.latest != 0 && !numbers.contains(instance.packets.latest))
        numbers.append(instance.packets.latest);
    return numbers;
}

void ServiceDetailsPane::show(const ServiceInstance *in, qint64 nowNs)
{
    if (!in) {
        m_key.clear();
        m_name.clear();
        m_numbers.clear();
        m_title->setText(tr("No service instance selected"));
        m_summary->clear();
        for (QTableWidget *t : {m_txt, m_addresses, m_history, m_records})
            t->setRowCount(0);
        m_showPackets->setEnabled(false);
        m_showPackets->setText(tr("Show Packets"));
        return;
    }
    m_key = in->key;
    m_name = in->name;
    m_numbers = packetNumbers(*in);
    m_title->setText(in->fullName);
    QStringList summary;
    summary.append(DirectoryText::state(in->state));
    if (in->hasSrv)
        //: %1: host:port, %2 priority, %3 weight of an SRV record
        summary.append(tr("%1 (priority %2, weight %3)")
                           .arg(DirectoryText::hostPort(*in))
                           .arg(in->priority)
                           .arg(in->weight));
    const QString ttl = DirectoryText::ttlLeft(in->remainingTtlNs(nowNs));
    if (!ttl.isEmpty())
        summary.append(tr("TTL left %1").arg(ttl));
    if (!in->subtypes.isEmpty())
        summary.append(tr("subtypes %1").arg(in->subtypes.join(u", "_s)));
    if (!in->previousNames.isEmpty())
        summary.append(tr("previously %1").arg(in->previousNames.join(u", "_s)));
    if (!in->renamedTo.isEmpty())
        summary.append(tr("renamed to %1").arg(in->renamedTo));
    m_summary->setText(summary.join(u" · "_s));

    QList<QStringList> rows;
    for (const TxtPair &pair : in->txtPairs)
        rows.append(
            {DirectoryText::txtPair({pair.key, {}, false}),
             pair.hasValue ? DirectoryText::txtPair({pair.value, {}, false}) : tr("(boolean)")});
    setRows(m_txt, rows);
    rows.clear();
    for (const HostAddress &a : in->addresses)
        rows.append({a.address.toString(), a.interfaceName, a.claimant.toString(),
                     DirectoryText::state(a.state)});
    setRows(m_addresses, rows);
    rows.clear();
    for (const InstanceEvent &e : in->history)
        rows.append({DirectoryText::timestamp(e.timeNs), DirectoryText::event(e)});
    setRows(m_history, rows);
    rows.clear();
    for (const RecordInfo &r : in->records)
        rows.append({DirectoryText::recordType(r.type), r.data, r.sender.toString(),
                     QString::number(r.ttl), DirectoryText::state(r.state),
                     DirectoryText::timestamp(r.firstHeardNs),
                     DirectoryText::timestamp(r.lastHeardNs), QString::number(r.packets.count)});
    setRows(m_records, rows);

    m_showPackets->setEnabled(!m_numbers.isEmpty());
    const quint64 all = in->packets.count;
    m_showPackets->setText(
        all > quint64(m_numbers.size())
            //: %1: packets that can be shown, %2: how many carried the records in all
            ? tr("Show Packets (%1 of %2)").arg(m_numbers.size()).arg(all)
            : tr("Show Packets (%1)").arg(m_numbers.size()));
}

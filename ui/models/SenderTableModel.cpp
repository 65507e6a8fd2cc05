#include "SenderTableModel.h"

#include "FindingsModel.h"

#include "AddressText.h"

#include <QDateTime>
#include <QLocale>

#include <algorithm>

using namespace Qt::StringLiterals;

namespace {
QString clockTime(qint64 ns)
{
    return QDateTime::fromMSecsSinceEpoch(ns / 1'000'000).toString(u"hh:mm:ss"_s);
}
QString fullTime(qint64 ns)
{
    return QDateTime::fromMSecsSinceEpoch(ns / 1'000'000).toString(u"yyyy-MM-dd hh:mm:ss.zzz"_s);
}
} // namespace

SenderTableModel::RowTexts &SenderTableModel::texts(int row) const
{
    if (m_texts.size() <= row)
        m_texts.resize(m_rows);
    RowTexts &t = m_texts[row];
    const SenderInfo &s = m_table.at(row);
    if (t.addresses != s.addresses || t.address.isEmpty()) {
        QStringList shown;
        for (const SenderAddress &a : s.addresses)
            shown.append(AddressText::scopedText(a.address, a.interfaceName));
        t.address = shown.join(u", "_s);
        t.addressLines = shown.join(u'\n');
        t.interfaces = s.interfaceNames().join(u", "_s);
        t.addresses = s.addresses;
    }
    if (t.hostCount != s.hostNames.size()) {
        t.hostNames = s.hostNames.join(u", "_s);
        t.hostCount = s.hostNames.size();
    }
    if (t.serviceCount != s.serviceInstances.size()) {
        t.services = s.serviceInstances.join(u", "_s);
        t.serviceCount = s.serviceInstances.size();
    }
    // Formatting a time goes through the time zone each call; the text changes once a second.
    auto clock = [](qint64 ns, qint64 &second, QString &text) {
        const qint64 s = ns / 1'000'000'000;
        if (s != second) {
            text = clockTime(ns);
            second = s;
        }
    };
    clock(s.firstSeenNs, t.firstSeenSecond, t.firstSeen);
    clock(s.lastSeenNs, t.lastSeenSecond, t.lastSeen);
    return t;
}

SenderTableModel::SenderTableModel(QObject *parent)
    : QAbstractTableModel(parent)
{
    m_removal.aboutToRemove = [this](qsizetype row) {
        m_merged = true;
        // Rows not announced yet just go; flush() announces what is left.
        if (row < m_rows) {
            m_removing = true;
            beginRemoveRows({}, int(row), int(row));
        }
    };
    m_removal.removed = [this](qsizetype row) {
        if (m_removing)
            removeRow(row);
    };
}

void SenderTableModel::removeRow(qsizetype row)
{
    const auto r = int(row);
    --m_rows;
    if (r < m_texts.size())
        m_texts.removeAt(r);
    // The rows still to be published move up with the others.
    if (m_changedFirst > r)
        --m_changedFirst;
    if (m_changedLast >= r)
        --m_changedLast;
    if (m_changedLast < m_changedFirst)
        m_changedFirst = m_changedLast = -1;
    endRemoveRows();
    m_removing = false;
}

void SenderTableModel::add(const Packet &packet, const DnsMessage &message)
{
    markChanged(m_table.add(packet, message, m_removal));
}

void SenderTableModel::add(const Packet &packet, bool malformed)
{
    markChanged(m_table.add(packet, malformed));
}

void SenderTableModel::addClaims(const SenderClaims &claims)
{
    markChanged(m_table.addClaims(claims, m_removal));
}

void SenderTableModel::markChanged(qsizetype row)
{
    // Rows not announced yet are published by flush()'s insert.
    if (row < 0 || row >= m_rows)
        return;
    const auto r = int(row);
    m_changedFirst = m_changedFirst < 0 ? r : std::min(m_changedFirst, r);
    m_changedLast = std::max(m_changedLast, r);
}

void SenderTableModel::flush()
{
    if (m_changedFirst >= 0) {
        Q_EMIT dataChanged(index(m_changedFirst, 0), index(m_changedLast, ColumnCount - 1));
        m_changedFirst = m_changedLast = -1;
    }
    const auto total = int(m_table.size());
    if (total > m_rows) {
        beginInsertRows({}, m_rows, total - 1);
        m_rows = total;
        endInsertRows();
    }
    if (m_merged) {
        m_merged = false;
        Q_EMIT hostsMerged();
    }
}

void SenderTableModel::replace(SenderTable table)
{
    beginResetModel();
    m_table = std::move(table);
    m_texts.clear();
    m_rows = int(m_table.size());
    m_changedFirst = m_changedLast = -1;
    m_merged = false;
    m_nowNs = m_table.latestNs();
    endResetModel();
}

void SenderTableModel::clear()
{
    replace(SenderTable());
}

void SenderTableModel::setNowNs(qint64 ns)
{
    m_nowNs = ns;
    if (m_rows > 0)
        Q_EMIT dataChanged(index(0, RateColumn), index(m_rows - 1, RateColumn));
}

void SenderTableModel::setRateKind(RateKind kind)
{
    if (kind == m_rateKind)
        return;
    m_rateKind = kind;
    Q_EMIT headerDataChanged(Qt::Horizontal, RateColumn, RateColumn);
    if (m_rows > 0)
        Q_EMIT dataChanged(index(0, RateColumn), index(m_rows - 1, RateColumn));
}

double SenderTableModel::rate(int row) const
{
    if (m_rateKind == RateKind::Current)
        return m_table.rate(row, m_nowNs);
    const SenderInfo &s = m_table.at(row);
    const qint64 spanNs = s.lastSeenNs - s.firstSeenNs;
    if (s.packets < 2 || spanNs <= 0)
        return -1;
    // The packets after the first arrived over the span: a sender every 2 s has 0.5/s.
    return double(s.packets - 1) / (double(spanNs) / 1e9);
}

QList<IpAddress> SenderTableModel::addresses(int row) const
{
    return row >= 0 && row < m_rows ? m_table.at(row).addressList() : QList<IpAddress>();
}

QString SenderTableModel::label(int row) const
{
    if (row < 0 || row >= m_rows)
        return {};
    const SenderInfo &s = m_table.at(row);
    return s.hostNames.isEmpty() ? texts(row).address : s.hostNames.first();
}

int SenderTableModel::rowCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : m_rows;
}

int SenderTableModel::columnCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : ColumnCount;
}

QVariant SenderTableModel::data(const QModelIndex &index, int role) const
{
    if (!index.isValid() || index.row() >= m_rows)
        return {};
    const SenderInfo &s = m_table.at(index.row());
    const int column = index.column();
    if (role == AddressRole)
        return texts(index.row()).address;
    if (role == SortRole) {
        switch (column) {
        case PacketsColumn:
            return s.packets;
        case BytesColumn:
            return s.bytes;
        case RateColumn:
            return rate(index.row());
        case FirstSeenColumn:
            return s.firstSeenNs;
        case LastSeenColumn:
            return s.lastSeenNs;
        case HostNamesColumn:
            return qsizetype(s.hostNames.size());
        case ServicesColumn:
            return qsizetype(s.serviceInstances.size());
        case TtlColumn:
            return s.ttlNot255;
        case MalformedColumn:
            return s.malformed;
        case FindingsColumn: {
            const auto [errors, warnings] = findingCounts(s);
            return quint64(errors) << 32 | warnings;
        }
        default:
            role = Qt::DisplayRole;
            break;
        }
    }
    if (role == Qt::DisplayRole) {
        const QLocale locale;
        switch (column) {
        case AddressColumn:
            return texts(index.row()).address;
        case InterfaceColumn:
            return texts(index.row()).interfaces;
        case PacketsColumn:
            return locale.toString(s.packets);
        case BytesColumn:
            return locale.formattedDataSize(qint64(s.bytes));
        case RateColumn: {
            const double r = rate(index.row());
            if (r >= 0)
                return locale.toString(r, 'f', r > 0 && r < 0.1 ? 3 : 1);
            //: the rate column for a sender of a file with no time between its packets
            return s.packets < 2 ? tr("one packet") : tr("no time span");
        }
        case FirstSeenColumn:
            return texts(index.row()).firstSeen;
        case LastSeenColumn:
            return texts(index.row()).lastSeen;
        case HostNamesColumn:
            return texts(index.row()).hostNames;
        case ServicesColumn:
            return texts(index.row()).services;
        case TtlColumn:
            return locale.toString(s.ttlNot255);
        case MalformedColumn:
            return locale.toString(s.malformed);
        case FindingsColumn: {
            const auto [errors, warnings] = findingCounts(s);
            if (errors == 0 && warnings == 0)
                return QString();
            return tr("%1 / %2").arg(locale.toString(errors), locale.toString(warnings));
        }
        default:
            return {};
        }
    }
    if (role == Qt::ToolTipRole) {
        switch (column) {
        case AddressColumn:
            return texts(index.row()).addressLines;
        case RateColumn:
            if (m_rateKind == RateKind::Current)
                return {};
            if (s.packets < 2)
                return tr("One packet: a rate needs at least two");
            //: %1: a packet count, %2: seconds between the sender's first and last packet
            return tr("%1 packets in %2 s between its first and its last packet")
                .arg(QLocale().toString(s.packets),
                     QLocale().toString(double(s.lastSeenNs - s.firstSeenNs) / 1e9, 'f', 3));
        case FirstSeenColumn:
            return fullTime(s.firstSeenNs);
        case LastSeenColumn:
            return fullTime(s.lastSeenNs);
        case HostNamesColumn:
            return s.hostNames.join(u'\n');
        case ServicesColumn:
            return s.serviceInstances.join(u'\n');
        case FindingsColumn: {
            const auto [errors, warnings] = findingCounts(s);
            return QString(tr("%n error finding(s)", nullptr, int(errors)) + u'\n' +
                           tr("%n warning finding(s)", nullptr, int(warnings)));
        }
        default:
            return {};
        }
    }
    if (role == Qt::TextAlignmentRole && column >= PacketsColumn && column != HostNamesColumn &&
        column != ServicesColumn)
        return QVariant(Qt::AlignRight | Qt::AlignVCenter);
    return {};
}

QVariant SenderTableModel::headerData(int section, Qt::Orientation orientation, int role) const
{
    if (orientation != Qt::Horizontal)
        return {};
    if (role == Qt::ToolTipRole) {
        switch (section) {
        case AddressColumn:
            return tr("The addresses it sent from, first heard first: addresses that announced "
                      "the same host name with their own address are one host");
        case InterfaceColumn:
            return tr("The interfaces its packets arrived on");
        case RateColumn:
            if (m_rateKind == RateKind::Average)
                return tr("Packets per second on average between its first and its last packet "
                          "(an opened file)");
            return tr("Packets per second over the last %1 seconds").arg(SenderInfo::kRateSeconds);
        case HostNamesColumn:
            return tr("Owner names of the A and AAAA records it announced");
        case ServicesColumn:
            return tr("Service instances it announced (SRV and TXT owners, PTR targets)");
        case TtlColumn:
            return tr("Packets whose IP TTL was not 255 (RFC 6762, section 11)");
        case FindingsColumn:
            return tr("Error and warning findings of the conformance checker about it");
        default:
            return {};
        }
    }
    if (role != Qt::DisplayRole)
        return {};
    switch (section) {
    case AddressColumn:
        return tr("Address");
    case InterfaceColumn:
        return tr("Interface");
    case PacketsColumn:
        return tr("Packets");
    case BytesColumn:
        return tr("Bytes");
    case RateColumn:
        return tr("Rate (packets/s)");
    case FirstSeenColumn:
        return tr("First seen");
    case LastSeenColumn:
        return tr("Last seen");
    case HostNamesColumn:
        return tr("Host names");
    case ServicesColumn:
        return tr("Service instances");
    case TtlColumn:
        return tr("TTL \u2260 255");
    case MalformedColumn:
        return tr("Malformed");
    case FindingsColumn:
        return tr("Errors / warnings");
    default:
        return {};
    }
}

std::pair<quint32, quint32> SenderTableModel::findingCounts(const SenderInfo &sender) const
{
    if (!m_marks)
        return {0, 0};
    quint32 errors = 0, warnings = 0;
    for (const SenderAddress &a : sender.addresses) { // one or a few per host
        const FindingMarks::SenderCounts counts = m_marks->counts(a.address);
        errors += counts.errors;
        warnings += counts.warnings;
    }
    return {errors, warnings};
}

void SenderTableModel::findingsChanged()
{
    if (m_rows > 0)
        Q_EMIT dataChanged(index(0, FindingsColumn), index(m_rows - 1, FindingsColumn));
}

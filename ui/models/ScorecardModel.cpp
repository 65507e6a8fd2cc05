#include "ScorecardModel.h"

#include <QBrush>

using namespace Qt::StringLiterals;

ScorecardModel::ScorecardModel(QObject *parent)
    : QAbstractTableModel(parent)
{}

void ScorecardModel::setRows(const QList<ScorecardRow> &rows)
{
    const int before = int(m_rows.size());
    const int after = int(rows.size());
    if (after < before) {
        beginRemoveRows({}, after, before - 1);
        m_rows.resize(after);
        endRemoveRows();
    }
    // Only the rows whose cells show something new are said changed (the checker sends the
    // whole scorecard with every change set, its packet counts changed): the view repaints
    // and asks for nothing else.
    const int kept = std::min(before, after);
    int firstChanged = -1, lastChanged = -1;
    for (int i = 0; i < kept; ++i) {
        const ScorecardRow &old = m_rows.at(i);
        const ScorecardRow &row = rows.at(i);
        if (old.hostName != row.hostName || old.verdicts != row.verdicts ||
            old.addresses.isEmpty() != row.addresses.isEmpty() ||
            (!row.addresses.isEmpty() && old.addresses.first() != row.addresses.first())) {
            firstChanged = firstChanged < 0 ? i : firstChanged;
            lastChanged = i;
        }
        m_rows[i] = row;
    }
    if (firstChanged >= 0)
        Q_EMIT dataChanged(index(firstChanged, 0), index(lastChanged, ColumnCount - 1));
    if (after > before) {
        beginInsertRows({}, before, after - 1);
        m_rows.append(rows.mid(before));
        endInsertRows();
    }
}

void ScorecardModel::clear()
{
    if (m_rows.isEmpty())
        return;
    beginResetModel();
    m_rows.clear();
    endResetModel();
}

QColor ScorecardModel::verdictColor(Verdict verdict)
{
    switch (verdict) {
    case Verdict::Pass:
        return QColor(0xc8, 0xe6, 0xc9); // green
    case Verdict::Warn:
        return QColor(0xff, 0xe0, 0x82); // amber
    case Verdict::Fail:
        return QColor(0xef, 0x9a, 0x9a); // red
    case Verdict::NotSeen:
        break;
    }
    return QColor(0xe0, 0xe0, 0xe0); // grey
}

QString ScorecardModel::verdictTitle(Verdict verdict)
{
    switch (verdict) {
    case Verdict::Pass:
        return tr("Pass");
    case Verdict::Warn:
        return tr("Warn");
    case Verdict::Fail:
        return tr("Fail");
    case Verdict::NotSeen:
        break;
    }
    return tr("Not seen");
}

QString ScorecardModel::deviceText(const ScorecardRow &row) const
{
    const QString first = row.addresses.isEmpty() ? QString() : row.addresses.first().toString();
    if (row.hostName.isEmpty())
        return first;
    return tr("%1 (%2)").arg(row.hostName, first);
}

int ScorecardModel::rowCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : int(m_rows.size());
}

int ScorecardModel::columnCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : ColumnCount;
}

QVariant ScorecardModel::data(const QModelIndex &index, int role) const
{
    if (!index.isValid() || index.row() >= m_rows.size())
        return {};
    const ScorecardRow &row = m_rows.at(index.row());
    const int column = index.column();
    if (role == AddressesRole)
        return QVariant::fromValue(row.addresses);
    if (column == DeviceColumn) {
        if (role == Qt::DisplayRole)
            return deviceText(row);
        if (role == Qt::ToolTipRole) {
            QStringList addresses;
            for (const IpAddress &a : row.addresses)
                addresses.append(a.toString());
            QString tip = tr("Addresses: %1").arg(addresses.join(u", "_s));
            if (!row.interfaces.isEmpty())
                tip += u'\n' + tr("Interfaces: %1").arg(row.interfaces.join(u", "_s));
            tip += u'\n' + tr("%n packet(s)", nullptr, int(row.packets));
            tip += u'\n' + (row.seenStarting ? tr("Seen starting (probing is judged)")
                                             : tr("Not seen starting (probing is not judged)"));
            return tip;
        }
        return {};
    }
    const int g = column - FirstGroupColumn;
    if (g < 0 || g >= kRuleGroupCount)
        return {};
    const Verdict verdict = row.verdicts[size_t(g)];
    const auto v = size_t(verdict);
    switch (role) {
    case Qt::DisplayRole:
        // Formed once (a repaint asks for every cell).
        if (v < m_titles.size()) {
            if (m_titles[v].isNull())
                m_titles[v] = verdictTitle(verdict);
            return m_titles[v];
        }
        return verdictTitle(verdict);
    case VerdictRole:
        return int(verdict);
    case GroupRole:
        return g;
    case ColorRole:
        return verdictColor(verdict);
    case Qt::BackgroundRole:
        if (v < m_brushes.size()) {
            if (m_brushes[v].style() == Qt::NoBrush)
                m_brushes[v] = QBrush(verdictColor(verdict));
            return m_brushes[v];
        }
        return QBrush(verdictColor(verdict));
    case Qt::ForegroundRole:
        return m_black; // readable on the light verdict colours in a dark theme too
    case Qt::TextAlignmentRole:
        return Qt::AlignCenter;
    case Qt::ToolTipRole: {
        const QString group = ConformanceRules::groupTitle(RuleGroup(g), true);
        if (verdict == Verdict::NotSeen)
            return tr("%1: not seen (the device did nothing these rules judge)").arg(group);
        return tr("%1: %2 — %3 error finding(s), %4 warning finding(s)")
            .arg(group, verdictTitle(verdict))
            .arg(row.errors[size_t(g)])
            .arg(row.warnings[size_t(g)]);
    }
    default:
        return {};
    }
}

QVariant ScorecardModel::headerData(int section, Qt::Orientation orientation, int role) const
{
    if (orientation != Qt::Horizontal || role != Qt::DisplayRole)
        return {};
    if (section == DeviceColumn)
        return tr("Device");
    if (section >= FirstGroupColumn && section < ColumnCount)
        return ConformanceRules::groupTitle(groupOfColumn(section), true);
    return {};
}

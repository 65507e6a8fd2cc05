#pragma once

#include "ConformanceTypes.h"

#include <QAbstractTableModel>
#include <QBrush>
#include <QColor>

#include <array>

// The conformance scorecard as a table: one row per device (the host name it claims and its
// addresses), one column per rule group with its verdict (pass, warn, fail, not seen),
// coloured through ColorRole (and BackgroundRole), the counts behind it in the tooltip.
// setRows() takes the whole scorecard each time: rows that stay are dataChanged when
// what they show changed, new ones
// inserted at the end, missing ones removed at the end: never a reset except by clear().
// GUI thread.
class ScorecardModel final : public QAbstractTableModel
{
    Q_OBJECT
public:
    enum Column {
        DeviceColumn,
        FirstGroupColumn,
        ColumnCount = FirstGroupColumn + kRuleGroupCount
    };
    enum Role {
        VerdictRole = Qt::UserRole + 1, // group columns: int(Verdict)
        GroupRole,                      // group columns: int(RuleGroup)
        ColorRole,                      // group columns: the verdict's QColor
        AddressesRole,                  // every column: the device's QList<IpAddress>
    };

    explicit ScorecardModel(QObject *parent = nullptr);

    void setRows(const QList<ScorecardRow> &rows);
    void clear();
    const QList<ScorecardRow> &rows() const { return m_rows; }
    static QColor verdictColor(Verdict verdict);
    static QString verdictTitle(Verdict verdict);
    static RuleGroup groupOfColumn(int column) { return RuleGroup(column - FirstGroupColumn); }

    int rowCount(const QModelIndex &parent = {}) const override;
    int columnCount(const QModelIndex &parent = {}) const override;
    QVariant data(const QModelIndex &index, int role = Qt::DisplayRole) const override;
    QVariant headerData(int section, Qt::Orientation orientation,
                        int role = Qt::DisplayRole) const override;

private:
    QString deviceText(const ScorecardRow &row) const;
    QList<ScorecardRow> m_rows;
    // What every verdict cell shows, made once (by Verdict).
    mutable std::array<QString, 4> m_titles;
    mutable std::array<QBrush, 4> m_brushes;
    const QBrush m_black{Qt::black};
};

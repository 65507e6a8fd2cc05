#include "LatencyModel.h"

#include "BehaviourText.h"

#include <QBrush>
#include <QColor>
#include <QLocale>
#include <QStringList>

#include <algorithm>

using namespace Qt::StringLiterals;

namespace {

using Band = LatencyTracker::Band;

LatencyTracker::Figures everyKind(const LatencyTracker::Stats &stats)
{
    LatencyTracker::Figures all;
    for (const LatencyTracker::Figures &f : stats.kinds)
        all.merge(f);
    return all;
}

QColor verdictColor(LatencyTracker::Verdict verdict)
{
    switch (verdict) {
    case LatencyTracker::Verdict::Pass:
        return QColor(0xc8, 0xe6, 0xc9);
    case LatencyTracker::Verdict::Warn:
        return QColor(0xff, 0xe0, 0x9e);
    case LatencyTracker::Verdict::Fail:
        return QColor(0xf4, 0xb0, 0xb0);
    case LatencyTracker::Verdict::NotSeen:
        break;
    }
    return {};
}

// The sort rank of a verdict: fail above warn above pass above none.
int verdictRank(LatencyTracker::Verdict verdict)
{
    return int(verdict);
}

} // namespace

LatencyModel::LatencyModel(QObject *parent)
    : QAbstractTableModel(parent)
{}

LatencyModel::Row LatencyModel::makeRow(const ResponderLatency &responder)
{
    Row row;
    row.responder = responder;
    row.all = everyKind(responder.stats);
    row.shared = LatencyTracker::verdict(responder.stats.of(Kind::Shared), Kind::Shared);
    row.unique = LatencyTracker::verdict(responder.stats.of(Kind::Unique), Kind::Unique);
    row.uneven = LatencyTracker::quartersUneven(responder.stats.of(Kind::Shared));
    return row;
}

void LatencyModel::apply(const BehaviourChanges &changes)
{
    if (changes.reset && !m_rows.isEmpty()) {
        beginResetModel();
        m_rows.clear();
        reindex();
        endResetModel();
    }
    if (changes.reset) {
        m_overall = {};
        m_hasFigures = false;
    }
    if (!changes.hasLatency)
        return;
    m_overall = changes.overall;
    m_hasFigures = true;

    // Match each responder of the snapshot to its row; the rest are new.
    QList<int> target(changes.responders.size(), -1);
    QList<bool> kept(m_rows.size(), false);
    for (qsizetype i = 0; i < changes.responders.size(); ++i) {
        const int row = matchRow(changes.responders.at(i));
        if (row >= 0 && !kept.at(row)) {
            kept[row] = true;
            target[i] = row;
        }
    }
    // Rows whose host is no longer in the snapshot go (from the bottom, so indexes hold).
    bool removed = false;
    for (int row = int(m_rows.size()) - 1; row >= 0; --row) {
        if (kept.at(row))
            continue;
        beginRemoveRows({}, row, row);
        m_rows.removeAt(row);
        endRemoveRows();
        removed = true;
    }
    if (removed) {
        // Rows moved up: find the kept ones again.
        reindex();
        for (qsizetype i = 0; i < changes.responders.size(); ++i) {
            if (target.at(i) >= 0)
                target[i] = matchRow(changes.responders.at(i));
        }
    }
    // Update the kept rows in place.
    int first = -1, last = -1;
    for (qsizetype i = 0; i < changes.responders.size(); ++i) {
        const int row = target.at(i);
        if (row < 0)
            continue;
        m_rows[row] = makeRow(changes.responders.at(i));
        first = first < 0 ? row : std::min(first, row);
        last = std::max(last, row);
    }
    if (first >= 0)
        Q_EMIT dataChanged(index(first, 0), index(last, ColumnCount - 1));
    // Append the new ones.
    QList<Row> added;
    for (qsizetype i = 0; i < changes.responders.size(); ++i) {
        if (target.at(i) < 0)
            added.append(makeRow(changes.responders.at(i)));
    }
    if (!added.isEmpty()) {
        const int at = int(m_rows.size());
        beginInsertRows({}, at, at + int(added.size()) - 1);
        m_rows.append(added);
        endInsertRows();
    }
    reindex();
}

void LatencyModel::clear()
{
    beginResetModel();
    m_rows.clear();
    reindex();
    m_overall = {};
    m_hasFigures = false;
    endResetModel();
}

void LatencyModel::reindex()
{
    m_byName.clear();
    m_byAddress.clear();
    for (int row = 0; row < m_rows.size(); ++row) {
        const ResponderLatency &r = m_rows.at(row).responder;
        if (!r.hostName.isEmpty())
            m_byName.insert(r.hostName.toLower(), row);
        for (const IpAddress &a : r.addresses)
            m_byAddress.insert(a, row);
    }
}

int LatencyModel::matchRow(const ResponderLatency &responder) const
{
    if (!responder.hostName.isEmpty()) {
        const auto it = m_byName.constFind(responder.hostName.toLower());
        if (it != m_byName.cend())
            return *it;
    }
    for (const IpAddress &a : responder.addresses) {
        const auto it = m_byAddress.constFind(a);
        if (it != m_byAddress.cend())
            return *it;
    }
    return -1;
}

int LatencyModel::rowOf(const QString &hostName, const IpAddress &address) const
{
    ResponderLatency probe;
    probe.hostName = hostName;
    if (!address.isNull())
        probe.addresses.append(address);
    return matchRow(probe);
}

int LatencyModel::rowCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : int(m_rows.size());
}

int LatencyModel::columnCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : ColumnCount;
}

QVariant LatencyModel::headerData(int section, Qt::Orientation orientation, int role) const
{
    if (orientation != Qt::Horizontal)
        return {};
    if (role == Qt::DisplayRole) {
        switch (section) {
        case HostColumn:
            return tr("Host");
        case AddressesColumn:
            return tr("Addresses");
        case AnswersColumn:
            return tr("Answers");
        case P50Column:
            return tr("p50");
        case P95Column:
            return tr("p95");
        case MaxColumn:
            return tr("Max");
        case UnansweredColumn:
            return tr("Unanswered");
        case SharedColumn:
            return tr("Shared");
        case UniqueColumn:
            return tr("Unique");
        case ProbesColumn:
            return tr("Probe answers");
        default:
            break;
        }
    } else if (role == Qt::ToolTipRole) {
        switch (section) {
        case AnswersColumn:
            return tr("Answers paired with a question, of every kind");
        case P50Column:
        case P95Column:
        case MaxColumn:
            return tr("Response latency over all of the responder's answers");
        case UnansweredColumn:
            return tr("Questions the responder could have answered (it was heard with a "
                      "matching record) and left unanswered for 1 s");
        case SharedColumn:
            return bandsText(Kind::Shared);
        case UniqueColumn:
            return bandsText(Kind::Unique);
        case ProbesColumn:
            return tr("Answers to probes (defending a name); not judged");
        default:
            break;
        }
    }
    return {};
}

QString LatencyModel::verdictText(Verdict verdict)
{
    switch (verdict) {
    case Verdict::Pass:
        return tr("pass");
    case Verdict::Warn:
        return tr("warn");
    case Verdict::Fail:
        return tr("fail");
    case Verdict::NotSeen:
        break;
    }
    return u"–"_s;
}

QString LatencyModel::bandsText(Kind kind)
{
    switch (kind) {
    case Kind::Shared:
        return tr("Shared answers, by the Bonjour Conformance Test's bands: every answer within "
                  "20–125 ms passes (RFC 6762 §6 asks for a random delay of 20–120 ms); any in "
                  "10–20 ms or 125–750 ms warns; any under 10 ms or over 750 ms fails. With at "
                  "least %1 answers in 20–125 ms, a quarter of that range holding under 5 % or "
                  "over 45 % of them warns: the delay is not random.")
            .arg(LatencyTracker::kMinForQuarters);
    case Kind::Unique:
        return tr("Unique answers (cache-flush records), by the Bonjour Conformance Test's "
                  "bands: answers within 10 ms pass; any over 10 ms warns; any over 750 ms "
                  "fails.");
    case Kind::Probe:
        break;
    }
    return tr("Answers to probes are not judged.");
}

QString LatencyModel::verdictTip(const Row &row, Kind kind) const
{
    const auto &bands = row.responder.stats.of(kind).bands;
    auto n = [&](Band b) { return QLocale().toString(bands[size_t(b)]); };
    QString tip = bandsText(kind) + u"\n\n"_s;
    if (kind == Kind::Shared) {
        tip += tr("This responder: under 10 ms: %1; 10–20 ms: %2; 20–125 ms: %3 + %4 + %5 + %6 "
                  "(by quarter); 125–750 ms: %7; over 750 ms: %8.")
                   .arg(n(Band::SharedBelow10), n(Band::Shared10To20), n(Band::SharedQuarter1),
                        n(Band::SharedQuarter2), n(Band::SharedQuarter3), n(Band::SharedQuarter4),
                        n(Band::Shared125To750), n(Band::SharedAbove750));
        if (row.uneven)
            tip += u"\n"_s +
                   tr("Warning: the answers in 20–125 ms are not spread over its quarters (one "
                      "holds under 5 % or over 45 %): the delay does not look random.");
    } else {
        tip += tr("This responder: up to 10 ms: %1; 10–750 ms: %2; over 750 ms: %3.")
                   .arg(n(Band::UniqueUpTo10), n(Band::Unique10To750), n(Band::UniqueAbove750));
    }
    return tip;
}

QVariant LatencyModel::display(const Row &row, int column) const
{
    const ResponderLatency &r = row.responder;
    switch (column) {
    case HostColumn:
        if (!r.hostName.isEmpty())
            return r.hostName;
        return r.addresses.isEmpty() ? QString() : r.addresses.constFirst().toString();
    case AddressesColumn: {
        QStringList texts;
        for (const IpAddress &a : r.addresses)
            texts.append(a.toString());
        return texts.join(u", "_s);
    }
    case AnswersColumn:
        return QLocale().toString(row.all.answered());
    case P50Column:
        return row.all.answered() ? BehaviourText::latency(row.all.histogram.percentileNs(0.5))
                                  : QString();
    case P95Column:
        return row.all.answered() ? BehaviourText::latency(row.all.histogram.percentileNs(0.95))
                                  : QString();
    case MaxColumn:
        return row.all.answered() ? BehaviourText::latency(row.all.histogram.maxNs()) : QString();
    case UnansweredColumn:
        return BehaviourText::share(row.all.unansweredShare());
    case SharedColumn:
    case UniqueColumn: {
        const Kind kind = column == SharedColumn ? Kind::Shared : Kind::Unique;
        const Verdict v = column == SharedColumn ? row.shared : row.unique;
        const quint64 answered = r.stats.of(kind).answered();
        if (v == Verdict::NotSeen)
            return verdictText(v);
        QString text = tr("%1 (%2)").arg(verdictText(v), QLocale().toString(answered));
        if (kind == Kind::Shared && row.uneven)
            text = tr("%1, uneven").arg(text);
        return text;
    }
    case ProbesColumn:
        return QLocale().toString(r.stats.of(Kind::Probe).answered());
    default:
        break;
    }
    return {};
}

QVariant LatencyModel::sortValue(const Row &row, int column) const
{
    switch (column) {
    case HostColumn:
    case AddressesColumn:
        return display(row, column).toString().toLower();
    case AnswersColumn:
        return double(row.all.answered());
    case P50Column:
        return double(row.all.answered() ? row.all.histogram.percentileNs(0.5) : -1);
    case P95Column:
        return double(row.all.answered() ? row.all.histogram.percentileNs(0.95) : -1);
    case MaxColumn:
        return double(row.all.answered() ? row.all.histogram.maxNs() : -1);
    case UnansweredColumn:
        return row.all.unansweredShare();
    case SharedColumn:
    case UniqueColumn: {
        const Kind kind = column == SharedColumn ? Kind::Shared : Kind::Unique;
        const Verdict v = column == SharedColumn ? row.shared : row.unique;
        // By verdict, then by the answers judged.
        return verdictRank(v) * 1e12 + double(row.responder.stats.of(kind).answered());
    }
    case ProbesColumn:
        return double(row.responder.stats.of(Kind::Probe).answered());
    default:
        break;
    }
    return {};
}

QVariant LatencyModel::data(const QModelIndex &index, int role) const
{
    if (!index.isValid() || index.row() >= m_rows.size() || index.column() >= ColumnCount)
        return {};
    const Row &row = m_rows.at(index.row());
    const int column = index.column();
    const bool verdictColumn = column == SharedColumn || column == UniqueColumn;
    const Verdict verdict = column == SharedColumn ? row.shared : row.unique;
    switch (role) {
    case Qt::DisplayRole:
        return display(row, column);
    case SortRole:
        return sortValue(row, column);
    case VerdictRole:
        return verdictColumn ? QVariant(int(verdict)) : QVariant();
    case Qt::TextAlignmentRole:
        if (column == HostColumn || column == AddressesColumn)
            return QVariant(Qt::AlignLeft | Qt::AlignVCenter);
        if (verdictColumn)
            return QVariant(Qt::AlignCenter);
        return QVariant(Qt::AlignRight | Qt::AlignVCenter);
    case Qt::BackgroundRole:
        if (verdictColumn && verdict != Verdict::NotSeen)
            return QBrush(verdictColor(verdict));
        return {};
    case Qt::ForegroundRole:
        // The verdict colours are light in any theme: keep their text dark.
        if (verdictColumn && verdict != Verdict::NotSeen)
            return QBrush(Qt::black);
        return {};
    case Qt::ToolTipRole:
        if (verdictColumn)
            return verdictTip(row, column == SharedColumn ? Kind::Shared : Kind::Unique);
        if (column == AddressesColumn || column == HostColumn)
            return display(row, AddressesColumn);
        return {};
    default:
        break;
    }
    return {};
}

QString LatencyModel::summaryText() const
{
    if (!m_hasFigures)
        return tr("No query and response paired yet.");
    const LatencyTracker::Figures all = everyKind(m_overall);
    const LatencyHistogram &h = all.histogram;
    if (h.count() == 0)
        return tr("Overall: no answers paired yet; %1 questions unanswered, %2 suppressed.")
            .arg(QLocale().toString(all.unanswered), QLocale().toString(all.suppressed));
    return tr("Overall: %1 answers from %2 responders · p50 %3 · p95 %4 · max %5 · "
              "unanswered %6 of questions · %7 suppressed")
        .arg(QLocale().toString(h.count()), QLocale().toString(qsizetype(m_rows.size())),
             BehaviourText::latency(h.percentileNs(0.5)),
             BehaviourText::latency(h.percentileNs(0.95)), BehaviourText::latency(h.maxNs()),
             BehaviourText::share(all.questionUnansweredShare()),
             QLocale().toString(all.suppressed));
}

#include "FindingsModel.h"

#include <QApplication>
#include <QBrush>
#include <QDateTime>
#include <QStyle>

#include <algorithm>

using namespace Qt::StringLiterals;

// ---- FindingMarks ----

const FindingMarks::Mark *FindingMarks::mark(quint64 number) const
{
    const auto it = m_marks.constFind(number);
    return it == m_marks.cend() ? nullptr : &it.value();
}

QString FindingMarks::rulesText(quint64 rules)
{
    QStringList lines;
    for (const RuleInfo &info : ConformanceRules::all()) {
        if (rules & (quint64(1) << int(info.rule)))
            lines.append(QString(QString::fromLatin1(info.id) + u": "_s +
                                 ConformanceRules::ruleTitle(info.rule, true)));
    }
    return lines.join(u'\n');
}

bool FindingMarks::markPacket(quint64 number, const Finding &finding)
{
    const quint64 bit = quint64(1) << int(finding.rule);
    auto it = m_marks.find(number);
    if (it == m_marks.end()) {
        m_marks.insert(number, Mark{finding.severity, bit, {finding.id}});
        return true;
    }
    const bool newFinding = !it->findings.contains(finding.id);
    if (newFinding)
        it->findings.append(finding.id);
    if ((it->rules & bit) && it->severity >= finding.severity)
        return newFinding;
    it->rules |= bit;
    it->severity = std::max(it->severity, finding.severity);
    return true;
}

QList<quint64> FindingMarks::note(const Finding &finding, bool isNew)
{
    QList<quint64> changed;
    // Only the packets kept with the finding (the first 16): a few per finding however
    // often it repeats.
    for (quint64 number : finding.packets.first) {
        if (markPacket(number, finding))
            changed.append(number);
    }
    for (quint64 number : finding.otherPackets.first) {
        if (markPacket(number, finding))
            changed.append(number);
    }
    if (isNew && finding.severity != Severity::Info) {
        SenderCounts &counts = m_senders[finding.source];
        if (finding.severity == Severity::Error)
            ++counts.errors;
        else
            ++counts.warnings;
    }
    return changed;
}

void FindingMarks::clear()
{
    m_marks.clear();
    m_senders.clear();
}

// ---- FindingsModel ----

struct FindingsModel::Node
{
    Level level = Level::Severity;
    Node *parent = nullptr;
    int row = 0;
    quint64 sortKey = 0;
    QString label; // senders: the address text; findings: the name
    Severity severity = Severity::Info;
    Rule rule = Rule::Malformed;
    IpAddress source;
    quint32 findingId = 0;
    quint64 occurrences = 0; // under it (a finding's own count)
    quint64 findings = 0;    // findings under it
    bool changed = false;    // in m_changed: its counts changed in this apply()
    std::vector<std::unique_ptr<Node>> children;
};

FindingsModel::FindingsModel(QObject *parent)
    : QAbstractItemModel(parent)
    , m_root(std::make_unique<Node>())
    , m_severityIcons{severityIcon(Severity::Info), severityIcon(Severity::Warning),
                      severityIcon(Severity::Error)}
{}

FindingsModel::~FindingsModel() = default;

QIcon FindingsModel::severityIcon(Severity severity)
{
    QStyle *style = QApplication::style();
    switch (severity) {
    case Severity::Error:
        return style->standardIcon(QStyle::SP_MessageBoxCritical);
    case Severity::Warning:
        return style->standardIcon(QStyle::SP_MessageBoxWarning);
    case Severity::Info:
        break;
    }
    return style->standardIcon(QStyle::SP_MessageBoxInformation);
}

void FindingsModel::clear()
{
    beginResetModel();
    m_root->children.clear();
    m_byId.clear();
    m_senderNodes.clear();
    m_hostNames.clear();
    m_scorecard.clear();
    m_marks.clear();
    m_changed.clear();
    m_count = 0;
    m_dropped = 0;
    endResetModel();
    Q_EMIT scorecardChanged();
}

void FindingsModel::apply(const FindingChanges &changes)
{
    if (changes.reset && (!m_root->children.empty() || !m_scorecard.isEmpty()))
        clear();
    m_dropped = changes.dropped;
    if (changes.scorecardChanged)
        updateHostNames(changes.scorecard);
    QList<quint64> packets;
    QList<IpAddress> senders;
    for (const Finding &finding : changes.findings)
        upsert(finding, packets, senders);
    emitChanged();
    if (!packets.isEmpty() || !senders.isEmpty())
        Q_EMIT marksChanged(packets, senders);
    if (changes.scorecardChanged) {
        m_scorecard = changes.scorecard;
        Q_EMIT scorecardChanged();
    }
}

void FindingsModel::updateHostNames(const QList<ScorecardRow> &rows)
{
    QHash<IpAddress, QString> names;
    for (const ScorecardRow &row : rows) {
        if (row.hostName.isEmpty())
            continue;
        for (const IpAddress &address : row.addresses)
            names.insert(address, row.hostName);
    }
    if (names == m_hostNames)
        return;
    // The sender rows whose name changed say so (a few: one per sender and rule).
    for (auto it = m_senderNodes.cbegin(); it != m_senderNodes.cend(); ++it) {
        if (names.value(it.key()) == m_hostNames.value(it.key()))
            continue;
        for (const Node *node : it.value())
            Q_EMIT dataChanged(indexOfNode(node, ItemColumn), indexOfNode(node, ItemColumn));
    }
    m_hostNames = std::move(names);
}

FindingsModel::Node *FindingsModel::insertChild(Node *parent, std::unique_ptr<Node> child)
{
    auto &list = parent->children;
    const auto at = std::lower_bound(list.begin(), list.end(), child.get(),
                                     [](const std::unique_ptr<Node> &n, const Node *c) {
                                         if (n->sortKey != c->sortKey)
                                             return n->sortKey < c->sortKey;
                                         return n->label.compare(c->label, Qt::CaseInsensitive) < 0;
                                     });
    const int row = int(at - list.begin());
    beginInsertRows(parent == m_root.get() ? QModelIndex() : indexOfNode(parent), row, row);
    child->parent = parent;
    Node *raw = child.get();
    list.insert(at, std::move(child));
    for (int i = row; i < int(list.size()); ++i)
        list[i]->row = i;
    endInsertRows();
    return raw;
}

FindingsModel::Node *FindingsModel::child(Node *parent, Level level, quint64 sortKey,
                                          const QString &label, const Finding &finding)
{
    for (const auto &c : parent->children) { // a few: severities, rules, senders of a rule
        if (c->sortKey == sortKey && c->label == label)
            return c.get();
    }
    auto node = std::make_unique<Node>();
    node->level = level;
    node->sortKey = sortKey;
    node->label = label;
    node->severity = finding.severity;
    node->rule = finding.rule;
    node->source = finding.source;
    Node *inserted = insertChild(parent, std::move(node));
    if (level == Level::Sender)
        m_senderNodes[finding.source].append(inserted);
    return inserted;
}

void FindingsModel::upsert(const Finding &finding, QList<quint64> &packets,
                           QList<IpAddress> &senders)
{
    Node *node = finding.id < m_byId.size() ? m_byId[finding.id] : nullptr;
    const bool isNew = node == nullptr;
    quint64 delta = finding.count;
    if (isNew) {
        Node *severity =
            child(m_root.get(), Level::Severity, 2 - quint64(finding.severity), {}, finding);
        Node *rule = child(severity, Level::Rule, quint64(finding.rule), {}, finding);
        Node *sender = child(rule, Level::Sender, 0, finding.source.toString(), finding);
        auto leaf = std::make_unique<Node>();
        leaf->level = Level::Finding;
        leaf->label = finding.name;
        leaf->severity = finding.severity;
        leaf->rule = finding.rule;
        leaf->source = finding.source;
        leaf->findingId = finding.id;
        leaf->findings = 1;
        node = insertChild(sender, std::move(leaf));
        if (m_byId.size() <= finding.id)
            m_byId.resize(finding.id + 1, nullptr);
        m_byId[finding.id] = node;
        m_findings.insert(finding.id, finding);
        ++m_count;
        for (Node *n = sender; n != m_root.get(); n = n->parent)
            ++n->findings;
    } else {
        const Finding &old = m_findings[finding.id];
        delta = finding.count >= old.count ? finding.count - old.count : 0;
        m_findings[finding.id] = finding;
    }
    node->occurrences = finding.count;
    for (Node *n = node->parent; n != m_root.get(); n = n->parent)
        n->occurrences += delta;
    // The row and its ancestors (their counts); inserted rows are new to the view already.
    // Said once per row after the whole change set (emitChanged()): a finding counted in
    // every packet changes the same few rows a hundred times per change set.
    if (!isNew || delta > 0) {
        for (Node *n = node; n != m_root.get() && !n->changed; n = n->parent) {
            n->changed = true; // its ancestors are marked after it, or were before
            m_changed.push_back(n);
        }
    }
    const QList<quint64> changed = m_marks.note(finding, isNew);
    packets.append(changed);
    if (isNew && finding.severity != Severity::Info && !senders.contains(finding.source))
        senders.append(finding.source);
}

// One dataChanged per run of neighbouring changed rows under one parent, the rows in the
// order the view shows them; the list keeps its capacity for the next change set.
void FindingsModel::emitChanged()
{
    std::sort(m_changed.begin(), m_changed.end(), [](const Node *a, const Node *b) {
        return a->parent != b->parent ? a->parent < b->parent : a->row < b->row;
    });
    for (size_t i = 0; i < m_changed.size();) {
        size_t j = i;
        while (j + 1 < m_changed.size() && m_changed[j + 1]->parent == m_changed[i]->parent &&
               m_changed[j + 1]->row == m_changed[j]->row + 1)
            ++j;
        Q_EMIT dataChanged(indexOfNode(m_changed[i], 0),
                           indexOfNode(m_changed[j], ColumnCount - 1));
        i = j + 1;
    }
    for (Node *n : m_changed)
        n->changed = false;
    m_changed.clear();
}

const Finding *FindingsModel::finding(const QModelIndex &index) const
{
    const Node *node = nodeOf(index);
    if (!node || node->level != Level::Finding)
        return nullptr;
    return finding(node->findingId);
}

const Finding *FindingsModel::finding(quint32 id) const
{
    const auto it = m_findings.constFind(id);
    return it == m_findings.cend() ? nullptr : &it.value();
}

QList<const Finding *> FindingsModel::findingsOfPacket(quint64 number) const
{
    QList<const Finding *> found;
    if (const FindingMarks::Mark *mark = m_marks.mark(number)) {
        for (const quint32 id : mark->findings) {
            if (const Finding *f = finding(id))
                found.append(f);
        }
    }
    return found;
}

QModelIndex FindingsModel::indexOf(quint32 findingId, int column) const
{
    if (findingId >= m_byId.size() || !m_byId[findingId])
        return {};
    return indexOfNode(m_byId[findingId], column);
}

QList<const Finding *> FindingsModel::findingsUnder(const QModelIndex &index) const
{
    QList<const Finding *> out;
    const Node *start = index.isValid() ? nodeOf(index) : m_root.get();
    if (!start)
        return out;
    QList<const Node *> stack{start};
    while (!stack.isEmpty()) {
        const Node *n = stack.takeLast();
        if (n->level == Level::Finding && n != m_root.get()) {
            if (const Finding *f = finding(n->findingId))
                out.append(f);
            continue;
        }
        for (auto it = n->children.rbegin(); it != n->children.rend(); ++it)
            stack.append(it->get());
    }
    return out;
}

FindingsModel::Node *FindingsModel::nodeOf(const QModelIndex &index) const
{
    if (!index.isValid())
        return m_root.get();
    Q_ASSERT(index.model() == this);
    return static_cast<Node *>(index.internalPointer());
}

QModelIndex FindingsModel::indexOfNode(const Node *node, int column) const
{
    if (!node || node == m_root.get())
        return {};
    return createIndex(node->row, column, const_cast<Node *>(node));
}

QModelIndex FindingsModel::index(int row, int column, const QModelIndex &parent) const
{
    if (column < 0 || column >= ColumnCount || row < 0)
        return {};
    const Node *p = nodeOf(parent);
    if (!p || row >= int(p->children.size()))
        return {};
    return createIndex(row, column, p->children[size_t(row)].get());
}

QModelIndex FindingsModel::parent(const QModelIndex &child) const
{
    const Node *node = child.isValid() ? nodeOf(child) : nullptr;
    if (!node || !node->parent || node->parent == m_root.get())
        return {};
    return indexOfNode(node->parent);
}

int FindingsModel::rowCount(const QModelIndex &parent) const
{
    if (parent.isValid() && parent.column() != 0)
        return 0;
    const Node *node = nodeOf(parent);
    return node ? int(node->children.size()) : 0;
}

int FindingsModel::columnCount(const QModelIndex &) const
{
    return ColumnCount;
}

QString FindingsModel::senderLabel(const IpAddress &address) const
{
    const QString text = address.toString();
    const QString name = m_hostNames.value(address);
    return name.isEmpty() ? text : tr("%1 (%2)").arg(text, name);
}

QVariant FindingsModel::data(const QModelIndex &index, int role) const
{
    const Node *node = index.isValid() ? nodeOf(index) : nullptr;
    if (!node)
        return {};
    switch (role) {
    case LevelRole:
        return int(node->level);
    case SeverityRole:
        return int(node->severity);
    case RuleRole:
        if (node->level == Level::Severity)
            return {};
        return int(node->rule);
    case GroupRole:
        if (node->level == Level::Severity)
            return {};
        return int(ConformanceRules::info(node->rule).group);
    case SourceRole:
        if (node->level == Level::Sender || node->level == Level::Finding)
            return QVariant::fromValue(node->source);
        return {};
    case FindingIdRole:
        return node->level == Level::Finding ? QVariant(node->findingId) : QVariant();
    default:
        break;
    }
    if (node->level == Level::Finding) {
        if (const Finding *f = finding(node->findingId))
            return findingData(*f, index.column(), role);
        return {};
    }
    return groupData(*node, index.column(), role);
}

QVariant FindingsModel::groupData(const Node &node, int column, int role) const
{
    if (role == Qt::DecorationRole && column == ItemColumn && node.level == Level::Severity)
        return m_severityIcons[size_t(node.severity)]; // made once: a new icon each time is
                                                       // a new pixmap for the delegate
    if (role == Qt::TextAlignmentRole && column == CountColumn)
        return QVariant(Qt::AlignRight | Qt::AlignVCenter);
    if (role == Qt::ToolTipRole && column == CountColumn)
        return tr("%n finding(s), %1 occurrence(s) in all", nullptr, int(node.findings))
            .arg(node.occurrences);
    if (role == Qt::ToolTipRole && node.level == Level::Rule && column == ItemColumn)
        return QString::fromLatin1(ConformanceRules::info(node.rule).id);
    if (role != Qt::DisplayRole)
        return {};
    switch (column) {
    case ItemColumn:
        switch (node.level) {
        case Level::Severity:
            return ConformanceRules::severityTitle(node.severity, true);
        case Level::Rule:
            return ConformanceRules::ruleTitle(node.rule, true);
        case Level::Sender:
            return senderLabel(node.source);
        case Level::Finding:
            break;
        }
        return {};
    case CountColumn:
        return QString::number(node.occurrences);
    case ReferenceColumn:
        if (node.level == Level::Rule)
            return QString::fromUtf8(ConformanceRules::info(node.rule).reference);
        return {};
    default:
        return {};
    }
}

QVariant FindingsModel::findingData(const Finding &f, int column, int role) const
{
    switch (role) {
    case Qt::DisplayRole:
        switch (column) {
        case ItemColumn:
            return f.name.isEmpty() ? tr("(the sender)") : f.name;
        case CountColumn:
            return QString::number(f.count);
        case ReferenceColumn:
            return QString::fromUtf8(f.info().reference);
        case MessageColumn:
            return f.messageText(true);
        default:
            return {};
        }
    case Qt::ToolTipRole:
        if (column == MessageColumn || column == ItemColumn)
            return f.messageText(true);
        if (column == CountColumn)
            return tr("First seen %1, last seen %2")
                .arg(QDateTime::fromMSecsSinceEpoch(f.timeNs / 1'000'000)
                         .toString(u"yyyy-MM-dd HH:mm:ss.zzz"_s),
                     QDateTime::fromMSecsSinceEpoch(f.lastTimeNs / 1'000'000)
                         .toString(u"yyyy-MM-dd HH:mm:ss.zzz"_s));
        return {};
    case Qt::TextAlignmentRole:
        return column == CountColumn ? QVariant(Qt::AlignRight | Qt::AlignVCenter) : QVariant();
    default:
        return {};
    }
}

QVariant FindingsModel::headerData(int section, Qt::Orientation orientation, int role) const
{
    if (orientation != Qt::Horizontal || role != Qt::DisplayRole)
        return {};
    switch (section) {
    case ItemColumn:
        return tr("Finding");
    case CountColumn:
        return tr("Count");
    case ReferenceColumn:
        return tr("Reference");
    case MessageColumn:
        return tr("Message");
    default:
        return {};
    }
}

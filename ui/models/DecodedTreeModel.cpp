#include "DecodedTreeModel.h"

#include "DnsDecoder.h"
#include "FindingsModel.h"

#include <QBrush>
#include <QColor>

#include <algorithm>
#include <utility>

using namespace Qt::StringLiterals;

FieldFinding FieldFinding::of(const Finding &finding, quint64 number)
{
    FieldFinding f;
    f.severity = finding.severity;
    f.ruleId = QString::fromLatin1(finding.info().id);
    f.title = ConformanceRules::ruleTitle(finding.rule, true);
    f.message = finding.messageText(true);
    if (finding.fieldLength > 0 && finding.packets.first.value(0) == number)
        f.span = {finding.fieldOffset, finding.fieldLength};
    return f;
}

DecodedTreeModel::DecodedTreeModel(QObject *parent)
    : QAbstractItemModel(parent)
{}

void DecodedTreeModel::clear()
{
    beginResetModel();
    m_message = {};
    m_nodes.clear();
    m_top.clear();
    m_errorNode = -1;
    m_findingsNode = -1;
    m_findings.clear();
    m_markedNodes.clear();
    endResetModel();
}

int DecodedTreeModel::addNode(int parent, const QString &label, const QString &value, ByteSpan span,
                              const Item &item)
{
    Node n;
    n.item = item;
    n.label = label;
    n.value = value;
    n.span = span;
    n.parent = parent;
    const int index = int(m_nodes.size());
    QList<int> &siblings = parent < 0 ? m_top : m_nodes[parent].children;
    n.row = int(siblings.size());
    siblings.append(index);
    m_nodes.append(n);
    return index;
}

void DecodedTreeModel::addFields(int parent, const QList<DnsField> &fields, const Item &base,
                                 int level)
{
    for (qsizetype i = 0; i < fields.size(); ++i) {
        const DnsField &f = fields[i];
        Item item = base;
        item.level = level;
        item.span = f.span;
        item.sameSpan = 0; // the header's flag bits share a byte: their order tells them apart
        for (qsizetype j = 0; j < i; ++j)
            item.sameSpan += fields[j].span == f.span ? 1 : 0;
        const int node = addNode(parent, f.label, f.value, f.span,
                                 base.part == Item::Part::None ? Item{} : item);
        addFields(node, f.children, base.part == Item::Part::None ? Item{} : item, level + 1);
    }
}

void DecodedTreeModel::addHeader(const DnsMessage &m)
{
    const DnsHeader &h = m.header;
    const int header =
        addNode(-1, tr("Header"),
                tr("ID %1, %2").arg(h.id).arg(h.qr ? tr("response") : tr("query")), h.span);
    if (!h.fields.isEmpty()) {
        addFields(header, h.fields, Item{Item::Part::Header, -1, 0, h.span, 0}, 1);
        return;
    }
    // A decoder that gives no per-field detail still yields the essentials.
    if (h.span.length < 12)
        return;
    addNode(header, tr("Transaction ID"), QString::number(h.id), {0, 2});
    const int flags = addNode(header, tr("Flags"), QString(), {2, 2});
    addNode(flags, tr("Response"), h.qr ? tr("yes") : tr("no"), {2, 1});
    addNode(flags, tr("Opcode"), QString::number(h.opcode), {2, 1});
    addNode(flags, tr("Authoritative"), h.aa ? tr("yes") : tr("no"), {2, 1});
    addNode(flags, tr("Truncated"), h.tc ? tr("yes") : tr("no"), {2, 1});
    addNode(flags, tr("Response code"), QString::number(h.rcode), {3, 1});
    addNode(header, tr("Questions"), QString::number(h.questionCount), {4, 2});
    addNode(header, tr("Answer RRs"), QString::number(h.answerCount), {6, 2});
    addNode(header, tr("Authority RRs"), QString::number(h.authorityCount), {8, 2});
    addNode(header, tr("Additional RRs"), QString::number(h.additionalCount), {10, 2});
}

void DecodedTreeModel::addQuestion(int parent, const DnsQuestion &q, int index)
{
    const auto item = [index](int level, ByteSpan span, int sameSpan = 0) {
        return Item{Item::Part::Question, index, level, span, sameSpan};
    };
    const QString type = DnsDecoder::typeName(q.type);
    const QString cls = DnsDecoder::className(q.qclass);
    const QString value = q.unicastResponse ? tr("%1 %2, unicast response (QU)").arg(type, cls)
                                            : u"%1 %2"_s.arg(type, cls);
    const int node = addNode(parent, q.name, value, q.span, item(0, q.span));
    addNode(node, tr("Name"), q.name, q.nameSpan, item(1, q.nameSpan));
    addNode(node, tr("Type"), u"%1 (%2)"_s.arg(type).arg(q.type), q.typeSpan, item(1, q.typeSpan));
    addNode(node, tr("Class"), cls, q.classSpan, item(1, q.classSpan));
    addNode(node, tr("Unicast response (QU)"), q.unicastResponse ? tr("yes") : tr("no"),
            q.classSpan, item(1, q.classSpan, 1));
}

void DecodedTreeModel::addRecord(int parent, const DnsRecord &r, int index)
{
    const auto item = [index](int level, ByteSpan span, int sameSpan = 0) {
        return Item{Item::Part::Record, index, level, span, sameSpan};
    };
    const QString type = DnsDecoder::typeName(r.type);
    const QString rdata = DnsDecoder::rdataText(r, DnsDecoder::Language::Translated);
    const int node = addNode(parent, r.name, tr("%1, TTL %2: %3").arg(type).arg(r.ttl).arg(rdata),
                             r.span, item(0, r.span));
    addNode(node, tr("Name"), r.name, r.nameSpan, item(1, r.nameSpan));
    addNode(node, tr("Type"), u"%1 (%2)"_s.arg(type).arg(r.type), r.typeSpan, item(1, r.typeSpan));
    if (r.type == DnsType::OPT) {
        addNode(node, tr("UDP payload size"), QString::number(r.rrclass), r.classSpan,
                item(1, r.classSpan));
    } else {
        addNode(node, tr("Class"), DnsDecoder::className(r.rrclass), r.classSpan,
                item(1, r.classSpan));
        addNode(node, tr("Cache flush"), r.cacheFlush ? tr("yes") : tr("no"), r.classSpan,
                item(1, r.classSpan, 1));
    }
    addNode(node, tr("TTL"), tr("%n second(s)", nullptr, int(std::min<quint32>(r.ttl, 0x7FFFFFFF))),
            r.ttlSpan, item(1, r.ttlSpan));
    addNode(node, tr("Data length"), QString::number(r.rdlength), r.rdlengthSpan,
            item(1, r.rdlengthSpan));
    const int data = addNode(node, tr("Data"), rdata, r.rdataSpan, item(1, r.rdataSpan));
    addFields(data, r.rdataFields, item(1, r.rdataSpan), 2);
}

void DecodedTreeModel::addError(const DnsError &e, qsizetype datagramSize)
{
    const auto size = quint32(std::max<qsizetype>(datagramSize, 0));
    const quint32 offset = std::min(e.offset, size);
    const QString &reason = e.localizedReason.isEmpty() ? e.reason : e.localizedReason;
    m_errorNode = addNode(-1, tr("Malformed"), tr("at offset %1: %2").arg(e.offset).arg(reason),
                          {offset, size - offset});
    m_nodes[m_errorNode].error = true;
}

// Group items (sections, and any branch the decoder left without a span) cover their
// children, so selecting "Answers" highlights all answer bytes.
void DecodedTreeModel::spanGroups()
{
    for (int i = int(m_nodes.size()) - 1; i >= 0; --i) {
        Node &n = m_nodes[i];
        if (!n.span.isEmpty() || n.children.isEmpty())
            continue;
        quint32 lo = ~0u, hi = 0;
        for (const int c : n.children) {
            const ByteSpan s = m_nodes[c].span;
            if (s.isEmpty())
                continue;
            lo = std::min(lo, s.offset);
            hi = std::max(hi, s.end());
        }
        if (lo < hi)
            n.span = {lo, hi - lo};
    }
}

void DecodedTreeModel::addNotes(const PacketNotes &notes)
{
    if (!notes.comments.isEmpty()) {
        const int group =
            addNode(-1, tr("Packet comments"), QString::number(notes.comments.size()), {});
        for (const QString &c : notes.comments)
            addNode(group, tr("Comment"), c, {});
    }
    if (notes.application.isEmpty() && notes.hardware.isEmpty() && notes.os.isEmpty() &&
        notes.sectionComments.isEmpty())
        return;
    const int group = addNode(-1, tr("Capture file section"), notes.application, {});
    if (!notes.application.isEmpty())
        addNode(group, tr("Application"), notes.application, {});
    if (!notes.hardware.isEmpty())
        addNode(group, tr("Hardware"), notes.hardware, {});
    if (!notes.os.isEmpty())
        addNode(group, tr("Operating system"), notes.os, {});
    for (const QString &c : notes.sectionComments)
        addNode(group, tr("Comment"), c, {});
}

void DecodedTreeModel::setMessage(const DnsMessage &m, qsizetype datagramSize,
                                  const PacketNotes &notes)
{
    beginResetModel();
    m_nodes.clear();
    m_top.clear();
    m_errorNode = -1;
    m_findingsNode = -1;
    m_findings.clear();
    m_markedNodes.clear();
    m_message = m;
    addNotes(notes);
    addHeader(m);
    if (!m.questions.isEmpty()) {
        const int group = addNode(-1, tr("Questions"), QString::number(m.questions.size()), {});
        for (int q = 0; q < m.questions.size(); ++q)
            addQuestion(group, m.questions[q], q);
    }
    const std::pair<DnsSection, QString> sections[] = {
        {DnsSection::Answer, tr("Answers")},
        {DnsSection::Authority, tr("Authority")},
        {DnsSection::Additional, tr("Additional records")},
    };
    for (const auto &[section, title] : sections) {
        int group = -1;
        for (int r = 0; r < m.records.size(); ++r) {
            if (m.records[r].section != section)
                continue;
            if (group < 0)
                group = addNode(-1, title, QString(), {});
            addRecord(group, m.records[r], r);
        }
        if (group >= 0)
            m_nodes[group].value = QString::number(m_nodes[group].children.size());
    }
    if (m.error)
        addError(*m.error, datagramSize);
    spanGroups();
    endResetModel();
}

// The deepest item whose span covers the whole span (the first such in tree order); the
// findings group has no span of its own, so it is never descended into. -1 when none.
int DecodedTreeModel::deepestContaining(ByteSpan span) const
{
    int found = -1;
    const QList<int> *level = &m_top;
    for (bool descended = true; descended;) {
        descended = false;
        for (const int c : *level) {
            const ByteSpan s = m_nodes[c].span;
            if (!s.isEmpty() && s.offset <= span.offset && span.end() <= s.end()) {
                found = c;
                level = &m_nodes[c].children;
                descended = true;
                break;
            }
        }
    }
    return found;
}

void DecodedTreeModel::removeFindings()
{
    const QList<int> marked = std::exchange(m_markedNodes, {});
    for (const int node : marked) {
        m_nodes[node].marks.clear();
        const QModelIndex i = createIndex(m_nodes[node].row, 0, quintptr(node));
        Q_EMIT dataChanged(i, i.siblingAtColumn(ValueColumn),
                           {Qt::DecorationRole, Qt::ToolTipRole});
    }
    if (m_findingsNode >= 0) {
        const int row = m_nodes[m_findingsNode].row;
        beginRemoveRows({}, row, row);
        m_nodes.resize(m_findingsNode); // the group and its children are the last nodes
        m_top.removeLast();
        m_findingsNode = -1;
        endRemoveRows();
    }
    m_findings.clear();
}

void DecodedTreeModel::setFindings(const QList<FieldFinding> &findings)
{
    removeFindings();
    if (findings.isEmpty() || m_top.isEmpty())
        return;
    m_findings = findings;
    const int row = int(m_top.size());
    beginInsertRows({}, row, row);
    m_findingsNode = addNode(-1, tr("Conformance findings"), QString::number(findings.size()), {});
    for (const FieldFinding &f : findings)
        addNode(m_findingsNode, f.ruleId, f.message, f.span);
    endInsertRows();
    for (int i = 0; i < findings.size(); ++i) {
        if (findings[i].span.isEmpty())
            continue;
        const int node = deepestContaining(findings[i].span);
        if (node < 0)
            continue;
        if (m_nodes[node].marks.isEmpty())
            m_markedNodes.append(node);
        m_nodes[node].marks.append(i);
    }
    for (const int node : std::as_const(m_markedNodes)) {
        const QModelIndex i = createIndex(m_nodes[node].row, 0, quintptr(node));
        Q_EMIT dataChanged(i, i.siblingAtColumn(ValueColumn),
                           {Qt::DecorationRole, Qt::ToolTipRole});
    }
}

QModelIndex DecodedTreeModel::findingsIndex() const
{
    return m_findingsNode < 0
               ? QModelIndex()
               : createIndex(m_nodes[m_findingsNode].row, 0, quintptr(m_findingsNode));
}

QString DecodedTreeModel::markToolTip(const Node &n) const
{
    QStringList lines;
    for (const int i : n.marks) {
        const FieldFinding &f = m_findings[i];
        lines.append(u"%1 (%2): %3"_s.arg(f.ruleId, f.title, f.message));
    }
    return lines.join(u'\n');
}

const QList<int> &DecodedTreeModel::childrenOf(int node) const
{
    return node < 0 ? m_top : m_nodes[node].children;
}

ByteSpan DecodedTreeModel::byteSpan(const QModelIndex &index) const
{
    if (!index.isValid() || index.model() != this)
        return {};
    return m_nodes[int(index.internalId())].span;
}

QString DecodedTreeModel::filterExpression(const QModelIndex &index) const
{
    if (!index.isValid() || index.model() != this)
        return {};
    return FieldSelection::forItem(m_message, m_nodes[int(index.internalId())].item);
}

QString DecodedTreeModel::fieldText(const QModelIndex &index) const
{
    if (!index.isValid() || index.model() != this)
        return {};
    const Node &n = m_nodes[int(index.internalId())];
    return n.value.isEmpty() ? n.label : n.label + u": "_s + n.value;
}

QString DecodedTreeModel::valueText(const QModelIndex &index) const
{
    if (!index.isValid() || index.model() != this)
        return {};
    return m_nodes[int(index.internalId())].value;
}

QModelIndex DecodedTreeModel::indexForOffset(quint32 offset) const
{
    int found = -1;
    const QList<int> *level = &m_top;
    for (bool descended = true; descended;) {
        descended = false;
        for (const int c : *level) {
            if (m_nodes[c].span.contains(offset)) {
                found = c;
                level = &m_nodes[c].children;
                descended = true;
                break;
            }
        }
    }
    return found < 0 ? QModelIndex() : createIndex(m_nodes[found].row, 0, quintptr(found));
}

QModelIndex DecodedTreeModel::errorIndex() const
{
    return m_errorNode < 0 ? QModelIndex()
                           : createIndex(m_nodes[m_errorNode].row, 0, quintptr(m_errorNode));
}

QModelIndex DecodedTreeModel::index(int row, int column, const QModelIndex &parent) const
{
    if (column < 0 || column >= ColumnCount || row < 0)
        return {};
    if (parent.isValid() && parent.column() != 0)
        return {};
    const QList<int> &children = childrenOf(parent.isValid() ? int(parent.internalId()) : -1);
    if (row >= children.size())
        return {};
    return createIndex(row, column, quintptr(children[row]));
}

QModelIndex DecodedTreeModel::parent(const QModelIndex &child) const
{
    if (!child.isValid())
        return {};
    const int p = m_nodes[int(child.internalId())].parent;
    return p < 0 ? QModelIndex() : createIndex(m_nodes[p].row, 0, quintptr(p));
}

int DecodedTreeModel::rowCount(const QModelIndex &parent) const
{
    if (parent.isValid() && parent.column() != 0)
        return 0;
    return int(childrenOf(parent.isValid() ? int(parent.internalId()) : -1).size());
}

int DecodedTreeModel::columnCount(const QModelIndex &) const
{
    return ColumnCount;
}

QVariant DecodedTreeModel::data(const QModelIndex &index, int role) const
{
    if (!index.isValid())
        return {};
    const int id = int(index.internalId());
    const Node &n = m_nodes[id];
    const bool finding = m_findingsNode >= 0 && n.parent == m_findingsNode;
    switch (role) {
    case Qt::DisplayRole:
        return index.column() == FieldColumn ? n.label : n.value;
    case Qt::ToolTipRole: {
        const QString text = index.column() == FieldColumn ? n.label : n.value;
        if (finding) {
            const FieldFinding &f = m_findings[n.row];
            return u"%1 (%2): %3"_s.arg(f.ruleId, f.title, f.message);
        }
        return n.marks.isEmpty() ? text : text + u"\n\n"_s + markToolTip(n);
    }
    case Qt::DecorationRole:
    case FindingSeverityRole: {
        if ((role == Qt::DecorationRole && index.column() != FieldColumn) ||
            (!finding && n.marks.isEmpty()))
            return {};
        Severity worst = Severity::Info;
        if (finding)
            worst = m_findings[n.row].severity;
        for (const int i : n.marks)
            worst = std::max(worst, m_findings[i].severity);
        return role == Qt::DecorationRole ? QVariant(FindingsModel::severityIcon(worst))
                                          : QVariant(int(worst));
    }
    case Qt::ForegroundRole:
        return n.error ? QVariant(QBrush(QColor(0xB0, 0x00, 0x20))) : QVariant();
    case SpanOffsetRole:
        return n.span.offset;
    case SpanLengthRole:
        return n.span.length;
    case IsErrorRole:
        return n.error;
    default:
        return {};
    }
}

QVariant DecodedTreeModel::headerData(int section, Qt::Orientation orientation, int role) const
{
    if (orientation != Qt::Horizontal || role != Qt::DisplayRole)
        return {};
    return section == FieldColumn ? tr("Field") : tr("Value");
}

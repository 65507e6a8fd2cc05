#include "PacketTableModel.h"

#include "AddressText.h"
#include "DnsDecoder.h"
#include "FindingsModel.h"

#include <QApplication>
#include <QBrush>
#include <QDateTime>
#include <QStyle>

#include <algorithm>

using namespace Qt::StringLiterals;

namespace {

constexpr int kSummaryCacheSize = 4096;
constexpr qsizetype kAddressCacheSize = 4096;
constexpr qsizetype kPortCacheSize = 4096;
constexpr qsizetype kSecondCacheSize = 4096;
constexpr qint64 kNsPerSecond = 1'000'000'000;

// Stable names for the settings, in Column order.
constexpr const char16_t *kColumnKeys[PacketTableModel::ColumnCount] = {
    u"number",    u"time", u"source", u"sourcePort", u"destination", u"destinationPort",
    u"interface", u"ttl",  u"length", u"kind",       u"summary",
};
constexpr const char16_t *kTimeFormatKeys[PacketTableModel::kTimeFormatCount] = {
    u"sinceStart",
    u"sincePrevious",
    u"timeOfDay",
    u"utcDateTime",
};

QString seconds(qint64 ns)
{
    return QString::number(double(ns) / 1e9, 'f', 6);
}

QString absoluteTime(qint64 ns)
{
    const QDateTime t = QDateTime::fromMSecsSinceEpoch(ns / 1'000'000);
    return t.toString(u"yyyy-MM-dd hh:mm:ss.zzz"_s) +
           u"%1"_s.arg((ns / 1000) % 1000, 3, 10, QLatin1Char('0'));
}

char asciiLower(char c)
{
    return (c >= 'A' && c <= 'Z') ? char(c + ('a' - 'A')) : c;
}

bool containsFolded(QByteArrayView haystack, const QByteArray &needle)
{
    if (needle.isEmpty())
        return true;
    const qsizetype last = haystack.size() - needle.size();
    for (qsizetype i = 0; i <= last; ++i) {
        qsizetype j = 0;
        while (j < needle.size() && asciiLower(haystack[i + j]) == needle[j])
            ++j;
        if (j == needle.size())
            return true;
    }
    return false;
}

// Names are stored as labels, so every dot-free piece of the filter text must appear
// verbatim in the raw bytes of any packet that can match: a cheap test that spares most
// decodes when filtering a large store. `pieces` are those pieces, UTF-8 and ASCII-folded.
bool mayContainName(QByteArrayView raw, const QList<QByteArray> &pieces)
{
    return std::all_of(pieces.cbegin(), pieces.cend(),
                       [&](const QByteArray &piece) { return containsFolded(raw, piece); });
}

} // namespace

PacketTableModel::PacketTableModel(PacketStore &store, QObject *parent)
    : QAbstractTableModel(parent)
    , m_store(store)
    , m_summaries(kSummaryCacheSize)
    , m_queryText(tr("Query"))
    , m_responseText(tr("Response"))
    , m_malformedBackground(QColor(255, 226, 226))
    , m_malformedForeground(QColor(150, 0, 20))
    , m_malformedIcon(QApplication::style()->standardIcon(QStyle::SP_MessageBoxWarning))
    , m_severityIcons{FindingsModel::severityIcon(Severity::Info),
                      FindingsModel::severityIcon(Severity::Warning),
                      FindingsModel::severityIcon(Severity::Error)}
{}

void PacketTableModel::setFindingMarks(const FindingMarks *marks)
{
    m_marks = marks;
    if (rowCount() > 0)
        Q_EMIT dataChanged(index(0, NumberColumn), index(rowCount() - 1, NumberColumn));
}

void PacketTableModel::findingMarksChanged(QList<quint64> numbers)
{
    QList<int> rows;
    rows.reserve(numbers.size());
    for (quint64 n : std::as_const(numbers)) {
        const qsizetype row = m_store.rowOfNumber(n);
        if (row >= 0)
            rows.append(int(row));
    }
    std::sort(rows.begin(), rows.end());
    rows.erase(std::unique(rows.begin(), rows.end()), rows.end());
    for (qsizetype first = 0; first < rows.size();) {
        qsizetype last = first;
        while (last + 1 < rows.size() && rows.at(last + 1) == rows.at(last) + 1)
            ++last;
        Q_EMIT dataChanged(index(rows.at(first), NumberColumn), index(rows.at(last), NumberColumn),
                           {Qt::DecorationRole, Qt::ToolTipRole, FindingSeverityRole});
        first = last + 1;
    }
}

QString PacketTableModel::columnKey(int column)
{
    if (column < 0 || column >= ColumnCount)
        return {};
    return QString::fromUtf16(kColumnKeys[column]);
}

int PacketTableModel::columnOfKey(const QString &key)
{
    for (int column = 0; column < ColumnCount; ++column) {
        if (key == QStringView(kColumnKeys[column]))
            return column;
    }
    return -1;
}

QString PacketTableModel::timeFormatKey(TimeFormat format)
{
    return QString::fromUtf16(kTimeFormatKeys[int(format)]);
}

PacketTableModel::TimeFormat PacketTableModel::timeFormatOfKey(const QString &key)
{
    for (int f = 0; f < kTimeFormatCount; ++f) {
        if (key == QStringView(kTimeFormatKeys[f]))
            return TimeFormat(f);
    }
    return TimeFormat::SinceStart;
}

void PacketTableModel::setTimeFormat(TimeFormat format)
{
    if (format == m_timeFormat)
        return;
    m_timeFormat = format;
    m_secondTexts.clear();
    if (rowCount() > 0)
        Q_EMIT dataChanged(index(0, TimeColumn), index(rowCount() - 1, TimeColumn),
                           {Qt::DisplayRole});
    Q_EMIT headerDataChanged(Qt::Horizontal, TimeColumn, TimeColumn);
}

const QString &PacketTableModel::secondText(qint64 seconds) const
{
    auto it = m_secondTexts.constFind(seconds);
    if (it == m_secondTexts.cend()) {
        if (m_secondTexts.size() >= kSecondCacheSize)
            m_secondTexts.clear();
        const QString text =
            m_timeFormat == TimeFormat::UtcDateTime
                ? QDateTime::fromSecsSinceEpoch(seconds, Qt::UTC).toString(u"yyyy-MM-dd hh:mm:ss"_s)
                : QDateTime::fromSecsSinceEpoch(seconds, Qt::LocalTime).toString(u"hh:mm:ss"_s);
        it = m_secondTexts.insert(seconds, text);
    }
    return it.value();
}

QString PacketTableModel::timeText(int row, int previousRow) const
{
    const qint64 ns = m_store.timestampNs(row);
    switch (m_timeFormat) {
    case TimeFormat::SinceStart:
        return seconds(ns - m_store.startTimeNs());
    case TimeFormat::SincePrevious:
        return seconds(previousRow < 0 ? 0 : ns - m_store.timestampNs(previousRow));
    case TimeFormat::TimeOfDay:
    case TimeFormat::UtcDateTime: {
        // The whole second's text is cached (a screenful of rows shares a few); the
        // microseconds are appended here: one allocation per cell, as for a number.
        qint64 whole = ns / kNsPerSecond;
        qint64 fraction = ns % kNsPerSecond;
        if (fraction < 0) {
            --whole;
            fraction += kNsPerSecond;
        }
        const QString &prefix = secondText(whole);
        QString text;
        text.reserve(prefix.size() + 7);
        text += prefix;
        text += u'.';
        qint64 micro = fraction / 1000;
        char16_t digits[6];
        for (int i = 5; i >= 0; --i) {
            digits[i] = char16_t(u'0' + micro % 10);
            micro /= 10;
        }
        text.append(reinterpret_cast<const QChar *>(digits), 6);
        return text;
    }
    }
    return {};
}

const QString &PacketTableModel::sourceText(int row) const
{
    return addressText(m_store.source(row), row);
}

const QString &PacketTableModel::destinationText(int row) const
{
    return addressText(m_store.destination(row), row);
}

const QString &PacketTableModel::portText(quint16 port) const
{
    static const QString none;
    if (port == 0) // unknown
        return none;
    auto it = m_portTexts.constFind(port);
    if (it == m_portTexts.cend()) {
        if (m_portTexts.size() >= kPortCacheSize)
            m_portTexts.clear();
        it = m_portTexts.insert(port, QString::number(port));
    }
    return it.value();
}

const QString &PacketTableModel::addressText(const IpAddress &address, int row) const
{
    std::pair<IpAddress, QString> key{address, {}};
    if (AddressText::isLinkScoped(address))
        key.second = m_store.interfaceName(row);
    auto it = m_addressTexts.constFind(key);
    if (it == m_addressTexts.cend()) {
        if (m_addressTexts.size() >= kAddressCacheSize)
            m_addressTexts.clear();
        it = m_addressTexts.insert(key, AddressText::scopedText(address, key.second));
    }
    return it.value();
}

const QString &PacketTableModel::ttlText(qint32 ttl) const
{
    static const QString none;
    if (ttl < 0 || ttl > 255)
        return none;
    QString &text = m_ttlTexts[size_t(ttl)];
    if (text.isEmpty())
        text = QString::number(ttl);
    return text;
}

void PacketTableModel::evict(qsizetype count)
{
    if (count <= 0)
        return;
    beginRemoveRows({}, 0, int(count) - 1);
    m_store.evictOldest(count);
    endRemoveRows();
}

template<typename MalformedAt>
void PacketTableModel::append(const PacketBatch &batch, MalformedAt malformedAt,
                              const QStringList &lastSummaries)
{
    if (batch.isEmpty())
        return;
    const quint64 evictedBefore = m_store.evictedCount();
    // A batch larger than the whole store keeps only its newest packets.
    const qsizetype skip = std::max<qsizetype>(batch.size() - m_store.capacity(), 0);
    const qsizetype incoming = batch.size() - skip;
    evict(m_store.overflowFor(incoming));
    m_store.discardIncoming(quint64(skip));
    const int first = rowCount();
    beginInsertRows({}, first, first + int(incoming) - 1);
    for (qsizetype i = skip; i < batch.size(); ++i)
        m_store.append(batch.at(i), malformedAt(i));
    const qsizetype summaries = std::min(lastSummaries.size(), incoming);
    for (qsizetype j = 0; j < summaries; ++j) {
        const qsizetype row = m_store.size() - summaries + j;
        m_summaries.insert(m_store.number(row),
                           new QString(lastSummaries.at(lastSummaries.size() - summaries + j)));
    }
    endInsertRows();
    if (m_store.evictedCount() != evictedBefore)
        Q_EMIT evictedCountChanged(m_store.evictedCount());
}

void PacketTableModel::appendBatch(const PacketBatch &batch, const QList<bool> &malformed,
                                   const QStringList &lastSummaries)
{
    append(
        batch, [&malformed](qsizetype i) { return i < malformed.size() && malformed.at(i); },
        lastSummaries);
}

void PacketTableModel::appendAnalyzed(const AnalyzedBatch &batch)
{
    append(
        batch.packets,
        [&batch](qsizetype i) { return i < batch.flags.size() && batch.isMalformed(i); },
        batch.summaries);
}

void PacketTableModel::clear()
{
    beginResetModel();
    m_store.clear();
    m_summaries.clear();
    m_addressTexts.clear();
    endResetModel();
    Q_EMIT evictedCountChanged(0);
}

void PacketTableModel::setCapacity(qsizetype capacity)
{
    m_store.setCapacity(capacity);
    const qsizetype over = m_store.overflowFor(0);
    if (over > 0) {
        evict(over);
        Q_EMIT evictedCountChanged(m_store.evictedCount());
    }
}

QString PacketTableModel::summary(int row) const
{
    const quint64 number = m_store.number(row);
    if (const QString *cached = m_summaries.object(number))
        return *cached;
    const QString text =
        DnsDecoder::summary(DnsDecoder::decode(m_store.bytes(row), DnsDecoder::Detail::NoFields),
                            DnsDecoder::Language::Translated);
    m_summaries.insert(number, new QString(text));
    return text;
}

const QList<QByteArray> &PacketTableModel::namePieces(const QString &needle) const
{
    // Prepared once per filter text: matchesText() runs for every row of the store.
    if (needle != m_needle) {
        m_needle = needle;
        m_needlePieces.clear();
        if (!needle.contains(u'\\')) { // an escaped name may not appear verbatim: no pre-test
            for (const QString &piece : needle.split(u'.', Qt::SkipEmptyParts)) {
                QByteArray folded = piece.toUtf8();
                for (char &c : folded)
                    c = asciiLower(c);
                m_needlePieces.append(folded);
            }
        }
    }
    return m_needlePieces;
}

bool PacketTableModel::matchesText(int row, const QString &needle) const
{
    if (needle.isEmpty())
        return true;
    if (sourceText(row).contains(needle, Qt::CaseInsensitive) ||
        m_store.interfaceName(row).contains(needle, Qt::CaseInsensitive))
        return true;
    const QByteArrayView raw = m_store.bytes(row);
    if (!mayContainName(raw, namePieces(needle)))
        return false;
    const DnsMessage m = DnsDecoder::decode(raw, DnsDecoder::Detail::NoFields);
    for (const DnsQuestion &q : m.questions) {
        if (q.name.contains(needle, Qt::CaseInsensitive))
            return true;
    }
    for (const DnsRecord &r : m.records) {
        if (r.name.contains(needle, Qt::CaseInsensitive) ||
            r.target.contains(needle, Qt::CaseInsensitive))
            return true;
    }
    return false;
}

int PacketTableModel::rowCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : int(m_store.size());
}

int PacketTableModel::columnCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : ColumnCount;
}

QVariant PacketTableModel::displayData(int row, int column) const
{
    switch (column) {
    case NumberColumn:
        return QString::number(m_store.number(row));
    case TimeColumn:
        return timeText(row, row - 1);
    case SourceColumn:
        return sourceText(row);
    case SourcePortColumn:
        return portText(m_store.sourcePort(row));
    case DestinationColumn:
        return destinationText(row);
    case DestinationPortColumn:
        return portText(m_store.destinationPort(row));
    case InterfaceColumn:
        return m_store.interfaceName(row);
    case TtlColumn:
        return ttlText(m_store.ttl(row));
    case LengthColumn:
        return QString::number(m_store.length(row));
    case KindColumn:
        return m_store.isResponse(row) ? m_responseText : m_queryText;
    case SummaryColumn:
        return summary(row);
    default:
        return {};
    }
}

QVariant PacketTableModel::sortData(int row, int column) const
{
    switch (column) {
    case NumberColumn:
        return m_store.number(row);
    case TimeColumn:
        return m_store.timestampNs(row);
    case SourceColumn:
    case DestinationColumn: {
        const IpAddress a = column == SourceColumn ? m_store.source(row) : m_store.destination(row);
        QByteArray key(1, char(a.family()));
        key.append(reinterpret_cast<const char *>(a.bytes().data()), qsizetype(a.bytes().size()));
        return key;
    }
    case SourcePortColumn:
        return m_store.sourcePort(row);
    case DestinationPortColumn:
        return m_store.destinationPort(row);
    case TtlColumn:
        return m_store.ttl(row);
    case LengthColumn:
        return m_store.length(row);
    case KindColumn:
        return m_store.isResponse(row) ? 1 : 0;
    default:
        return displayData(row, column);
    }
}

QVariant PacketTableModel::data(const QModelIndex &index, int role) const
{
    if (!index.isValid() || index.row() >= rowCount() || index.column() >= ColumnCount)
        return {};
    const int row = index.row();
    const int column = index.column();
    switch (role) {
    case Qt::DisplayRole:
        return displayData(row, column);
    case SortRole:
        return sortData(row, column);
    case NumberRole:
        return m_store.number(row);
    case MalformedRole:
        return m_store.isMalformed(row);
    case ResponseRole:
        return m_store.isResponse(row);
    case FindingSeverityRole:
        if (const FindingMarks::Mark *mark = m_marks ? m_marks->mark(m_store.number(row)) : nullptr)
            return int(mark->severity);
        return {};
    case Qt::ToolTipRole:
        if (column == NumberColumn) {
            if (const FindingMarks::Mark *mark =
                    m_marks ? m_marks->mark(m_store.number(row)) : nullptr)
                return FindingMarks::rulesText(mark->rules);
            return {};
        }
        if (column == TimeColumn)
            return absoluteTime(m_store.timestampNs(row));
        if (column == LengthColumn && m_store.originalLength(row) > m_store.length(row))
            return tr("Truncated: %1 of %2 bytes stored")
                .arg(m_store.length(row))
                .arg(m_store.originalLength(row));
        if (column == SummaryColumn)
            return summary(row);
        if (column == TtlColumn && m_store.ttl(row) >= 0 && m_store.ttl(row) != 255)
            return tr("mDNS senders on the local link use TTL 255 (RFC 6762, section 11)");
        return {};
    case Qt::TextAlignmentRole:
        if (column == NumberColumn || column == TimeColumn || column == TtlColumn ||
            column == LengthColumn || column == SourcePortColumn || column == DestinationPortColumn)
            return QVariant(Qt::AlignRight | Qt::AlignVCenter);
        return {};
    case Qt::BackgroundRole:
        return m_store.isMalformed(row) ? QVariant(m_malformedBackground) : QVariant();
    case Qt::ForegroundRole:
        return m_store.isMalformed(row) ? QVariant(m_malformedForeground) : QVariant();
    case Qt::DecorationRole:
        if (column == NumberColumn) {
            if (const FindingMarks::Mark *mark =
                    m_marks ? m_marks->mark(m_store.number(row)) : nullptr)
                return m_severityIcons[size_t(mark->severity)];
            return {};
        }
        return column == SummaryColumn && m_store.isMalformed(row) ? QVariant(m_malformedIcon)
                                                                   : QVariant();
    default:
        return {};
    }
}

QVariant PacketTableModel::headerData(int section, Qt::Orientation orientation, int role) const
{
    if (orientation != Qt::Horizontal)
        return {};
    if (role == Qt::ToolTipRole && section == TimeColumn) {
        switch (m_timeFormat) {
        case TimeFormat::SinceStart:
            return tr("Seconds since the capture started (absolute time in each cell's tooltip)");
        case TimeFormat::SincePrevious:
            return tr("Seconds since the previous displayed packet (absolute time in each "
                      "cell's tooltip)");
        case TimeFormat::TimeOfDay:
            return tr("Time of day, local time");
        case TimeFormat::UtcDateTime:
            return tr("Date and time of day, UTC");
        }
    }
    if (role == Qt::ToolTipRole &&
        (section == SourcePortColumn || section == DestinationPortColumn))
        return tr("UDP port; a query from a port other than 5353 is a legacy unicast query "
                  "(RFC 6762, section 6.7)");
    if (role != Qt::DisplayRole)
        return {};
    switch (section) {
    case NumberColumn:
        return tr("No.");
    case TimeColumn:
        return tr("Time");
    case SourceColumn:
        return tr("Source");
    case SourcePortColumn:
        return tr("Src Port");
    case DestinationColumn:
        return tr("Destination");
    case DestinationPortColumn:
        return tr("Dst Port");
    case InterfaceColumn:
        return tr("Interface");
    case TtlColumn:
        return tr("TTL");
    case LengthColumn:
        return tr("Length");
    case KindColumn:
        return tr("Kind");
    case SummaryColumn:
        return tr("Summary");
    default:
        return {};
    }
}

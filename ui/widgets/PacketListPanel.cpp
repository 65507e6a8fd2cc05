#include "PacketListPanel.h"

#include "CachedTextDelegate.h"
#include "CounterLabel.h"
#include "DisplayFilter.h"
#include "PacketFilterProxy.h"
#include "PacketTableModel.h"

#include <QActionGroup>
#include <QComboBox>
#include <QEvent>
#include <QFontMetrics>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QKeyEvent>
#include <QLabel>
#include <QLineEdit>
#include <QLocale>
#include <QMenu>
#include <QScrollBar>
#include <QSettings>
#include <QSignalBlocker>
#include <QTableView>
#include <QToolButton>
#include <QVBoxLayout>

#include <algorithm>
#include <functional>

using namespace Qt::StringLiterals;

namespace {
// Columns hidden until the user shows them (PacketTableModel::columnKey).
const QStringList &defaultHiddenColumns()
{
    static const QStringList keys;
    return keys;
}

// Width in digits of each column's values (0: the header's own width); the summary stretches.
int columnChars(int column, PacketTableModel::TimeFormat format)
{
    switch (column) {
    case PacketTableModel::NumberColumn:
        return 7;
    case PacketTableModel::TimeColumn:
        switch (format) {
        case PacketTableModel::TimeFormat::SinceStart:
        case PacketTableModel::TimeFormat::SincePrevious:
            return 10;
        case PacketTableModel::TimeFormat::TimeOfDay:
            return 16;
        case PacketTableModel::TimeFormat::UtcDateTime:
            return 27;
        }
        return 10;
    // An IPv4 address whole ("169.254.100.100"); a long IPv6 one is elided until widened, so
    // that the source port is in view beside it in a 1024-pixel window.
    case PacketTableModel::SourceColumn:
    case PacketTableModel::DestinationColumn:
        return 14;
    case PacketTableModel::SourcePortColumn:
    case PacketTableModel::DestinationPortColumn:
        return 5;
    case PacketTableModel::InterfaceColumn:
        return 7;
    case PacketTableModel::TtlColumn:
        return 3;
    case PacketTableModel::LengthColumn:
        return 5;
    case PacketTableModel::KindColumn:
        return 9;
    default:
        return 0;
    }
}
// The packet table: Home and End go to the first and the last packet (not to the first and last
// column of the row), and Home, End, Page Up and Page Down select the packet they move to, also
// with Ctrl (which would otherwise move the current row only, leaving the details on the old
// packet); with Shift they extend the selection as usual. Calls afterUserMove after a key or
// the wheel moved the list.
class PacketTableView final : public QTableView
{
public:
    using QTableView::QTableView;
    std::function<void()> afterUserMove;

protected:
    QModelIndex moveCursor(CursorAction action, Qt::KeyboardModifiers modifiers) override
    {
        if ((action == MoveHome || action == MoveEnd) && model()) {
            // Also with no current row yet (where the table would go to the first row).
            const int rows = model()->rowCount(rootIndex());
            if (rows == 0)
                return {};
            const int column = currentIndex().isValid() ? currentIndex().column()
                                                        : horizontalHeader()->logicalIndexAt(0);
            return model()->index(action == MoveHome ? 0 : rows - 1, std::max(column, 0),
                                  rootIndex());
        }
        return QTableView::moveCursor(action, modifiers);
    }

    QItemSelectionModel::SelectionFlags selectionCommand(const QModelIndex &index,
                                                         const QEvent *event) const override
    {
        if (event && event->type() == QEvent::KeyPress) {
            const auto *key = static_cast<const QKeyEvent *>(event);
            const bool jump = key->key() == Qt::Key_Home || key->key() == Qt::Key_End ||
                              key->key() == Qt::Key_PageUp || key->key() == Qt::Key_PageDown;
            if (jump && !(key->modifiers() & Qt::ShiftModifier))
                return QItemSelectionModel::ClearAndSelect | QItemSelectionModel::Rows;
        }
        return QTableView::selectionCommand(index, event);
    }

    void keyPressEvent(QKeyEvent *event) override
    {
        // Rows inserted since the last layout count (End goes to the end of them all).
        executeDelayedItemsLayout();
        QTableView::keyPressEvent(event);
        if (afterUserMove)
            afterUserMove();
    }

    void wheelEvent(QWheelEvent *event) override
    {
        executeDelayedItemsLayout();
        QTableView::wheelEvent(event);
        if (afterUserMove)
            afterUserMove();
    }
};

QString displayFilterHelp()
{
    return PacketListPanel::tr("A display filter in Wireshark's language, e.g. "
                               "ip.src == 169.254.0.0/16 && dns.flags.response == 1");
}
} // namespace

PacketListPanel::PacketListPanel(PacketTableModel *model, QWidget *parent)
    : QWidget(parent)
    , m_model(model)
    , m_proxy(new PacketFilterProxy(this))
    , m_filter(new QLineEdit(this))
    , m_kind(new QComboBox(this))
    , m_displayFilter(new QComboBox(this))
    , m_applyFilter(new QToolButton(this))
    , m_clearFilter(new QToolButton(this))
    , m_filterError(new QLabel(this))
    , m_senderChip(new QToolButton(this))
    , m_numbersChip(new QToolButton(this))
    , m_pausedHint(new QLabel(this))
    , m_count(new CounterLabel(this))
    , m_view(new PacketTableView(this))
{
    m_proxy->setSourceModel(model);

    m_filter->setObjectName(u"packetFilter"_s);
    m_filter->setPlaceholderText(tr("Filter: host, service or sender address"));
    m_filter->setToolTip(tr("Shows packets with a name or a sender address containing this text"));
    m_filter->setClearButtonEnabled(true);
    m_kind->setObjectName(u"quickFilter"_s);
    m_kind->addItem(tr("All packets"), int(PacketFilterProxy::Kind::All));
    m_kind->addItem(tr("Queries"), int(PacketFilterProxy::Kind::Queries));
    m_kind->addItem(tr("Responses"), int(PacketFilterProxy::Kind::Responses));
    m_kind->addItem(tr("Malformed"), int(PacketFilterProxy::Kind::Malformed));
    m_kind->setToolTip(tr("Quick filter"));
    m_senderChip->setObjectName(u"senderFilter"_s);
    m_senderChip->setToolButtonStyle(Qt::ToolButtonTextBesideIcon);
    m_senderChip->setIcon(style()->standardIcon(QStyle::SP_DialogCloseButton));
    m_senderChip->setToolTip(tr("Show packets from every sender again"));
    m_senderChip->setVisible(false);
    m_numbersChip->setObjectName(u"numbersFilter"_s);
    m_numbersChip->setToolButtonStyle(Qt::ToolButtonTextBesideIcon);
    m_numbersChip->setIcon(style()->standardIcon(QStyle::SP_DialogCloseButton));
    m_numbersChip->setToolTip(tr("Show every packet again"));
    m_numbersChip->setVisible(false);
    m_pausedHint->setObjectName(u"followPaused"_s);
    m_pausedHint->setText(tr("Following paused"));
    m_pausedHint->setToolTip(
        tr("You scrolled away from the newest packets: scroll to the end (or press End) to "
           "follow them again"));
    m_pausedHint->setVisible(false);

    // The display filter, as in Wireshark: an editable combo box holding the recent filters.
    m_displayFilter->setObjectName(u"displayFilter"_s);
    m_displayFilter->setEditable(true);
    m_displayFilter->setInsertPolicy(QComboBox::NoInsert); // the recent list is ours
    m_displayFilter->setCompleter(nullptr);                // no completion while typing
    m_displayFilter->setSizePolicy(QSizePolicy::Expanding, QSizePolicy::Fixed);
    m_displayFilter->setMinimumContentsLength(30);
    m_displayFilter->setSizeAdjustPolicy(QComboBox::AdjustToMinimumContentsLengthWithIcon);
    m_displayFilter->lineEdit()->setPlaceholderText(
        tr("Apply a display filter … (e.g. dns.qry.name contains \"_ipp\")"));
    m_displayFilter->lineEdit()->setToolTip(displayFilterHelp());
    m_applyFilter->setObjectName(u"applyDisplayFilter"_s);
    m_applyFilter->setText(tr("Apply"));
    m_applyFilter->setToolTip(tr("Apply the display filter (Enter)"));
    m_clearFilter->setObjectName(u"clearDisplayFilter"_s);
    m_clearFilter->setIcon(style()->standardIcon(QStyle::SP_LineEditClearButton));
    m_clearFilter->setToolTip(tr("Clear the display filter and show every packet"));
    m_filterError->setObjectName(u"displayFilterError"_s);
    m_filterError->setTextFormat(Qt::PlainText);
    m_filterError->setStyleSheet(u"color: #c00000;"_s);
    QFont small = m_filterError->font();
    small.setPointSizeF(small.pointSizeF() * 0.9);
    m_filterError->setFont(small);
    // One line beside the field, in the room the layout gives it (2/5 of the bar); a longer
    // message is elided there and whole in the tooltips.
    m_filterError->setSizePolicy(QSizePolicy::Ignored, QSizePolicy::Preferred);
    m_filterError->installEventFilter(this);
    m_filterError->setVisible(false);
    m_recentFilters = QSettings().value(QString::fromLatin1(kRecentFiltersKey)).toStringList();
    m_recentFilters.removeAll(QString());
    m_recentFilters.removeDuplicates();
    if (m_recentFilters.size() > kMaxRecentFilters)
        m_recentFilters.resize(kMaxRecentFilters);
    fillRecentFilters();

    auto *filterBar = new QHBoxLayout;
    filterBar->setContentsMargins(0, 0, 0, 0);
    filterBar->addWidget(m_displayFilter, 3);
    filterBar->addWidget(m_clearFilter);
    filterBar->addWidget(m_applyFilter);
    filterBar->addWidget(m_filterError, 2);

    auto *bar = new QHBoxLayout;
    bar->setContentsMargins(0, 0, 0, 0);
    bar->addWidget(m_filter, 1);
    bar->addWidget(m_kind);
    bar->addWidget(m_senderChip);
    bar->addWidget(m_numbersChip);
    bar->addWidget(m_pausedHint);
    bar->addWidget(m_count);

    m_view->setObjectName(u"packetTable"_s);
    m_view->setModel(m_proxy);
    m_view->setItemDelegate(new CachedTextDelegate(m_view));
    m_view->setSortingEnabled(true);
    m_view->sortByColumn(-1, Qt::AscendingOrder); // arrival order until the user sorts
    m_view->setSelectionBehavior(QAbstractItemView::SelectRows);
    m_view->setSelectionMode(QAbstractItemView::ExtendedSelection);
    m_view->setWordWrap(false);
    m_view->setShowGrid(false);
    m_view->setAlternatingRowColors(true);
    m_view->verticalHeader()->hide();
    // Fixed row heights and column widths: nothing is measured per row, which is what keeps
    // a million-row view fast.
    m_view->verticalHeader()->setSectionResizeMode(QHeaderView::Fixed);
    m_view->verticalHeader()->setDefaultSectionSize(fontMetrics().height() + 6);
    QHeaderView *h = m_view->horizontalHeader();
    h->setSectionResizeMode(QHeaderView::Interactive);
    h->setStretchLastSection(true);
    h->setContextMenuPolicy(Qt::CustomContextMenu);
    connect(h, &QHeaderView::customContextMenuRequested, this, [this](const QPoint &at) {
        QMenu *menu = createHeaderMenu(this);
        menu->setAttribute(Qt::WA_DeleteOnClose);
        menu->popup(m_view->horizontalHeader()->mapToGlobal(at));
    });

    // The time formats, as Wireshark's View → Time Display Format (with its shortcuts).
    m_timeFormats = new QActionGroup(this);
    m_timeFormats->setExclusive(true);
    const std::pair<PacketTableModel::TimeFormat, QString> formats[] = {
        {PacketTableModel::TimeFormat::SinceStart, tr("Seconds Since Beginning of Capture")},
        {PacketTableModel::TimeFormat::SincePrevious,
         tr("Seconds Since Previous Displayed Packet")},
        {PacketTableModel::TimeFormat::TimeOfDay, tr("Time of Day")},
        {PacketTableModel::TimeFormat::UtcDateTime, tr("UTC Date and Time of Day")},
    };
    const int shortcutKeys[] = {Qt::Key_4, Qt::Key_6, Qt::Key_2, Qt::Key_7};
    for (const auto &[format, text] : formats) {
        QAction *action = m_timeFormats->addAction(text);
        action->setCheckable(true);
        action->setData(int(format));
        action->setObjectName(u"timeFormat_"_s + PacketTableModel::timeFormatKey(format));
        action->setShortcut(QKeySequence(Qt::CTRL | Qt::ALT | shortcutKeys[int(format)]));
        action->setShortcutContext(Qt::WindowShortcut);
        addAction(action); // the shortcuts work without the menu
    }
    connect(m_timeFormats, &QActionGroup::triggered, this, [this](QAction *action) {
        setTimeFormat(PacketTableModel::TimeFormat(action->data().toInt()));
    });

    for (int column = 0; column < PacketTableModel::ColumnCount; ++column)
        h->resizeSection(column, defaultColumnWidth(column));
    QSettings settings;
    const QString hiddenKey = QString::fromLatin1(kHiddenColumnsKey);
    applyColumnVisibility(settings.contains(hiddenKey) ? settings.value(hiddenKey).toStringList()
                                                       : defaultHiddenColumns());
    const PacketTableModel::TimeFormat format = PacketTableModel::timeFormatOfKey(
        settings.value(QString::fromLatin1(kTimeFormatKey)).toString());
    m_model->setTimeFormat(format);
    m_timeFormats->actions().at(int(format))->setChecked(true);
    fitTimeColumn();

    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->addLayout(filterBar);
    layout->addLayout(bar);
    layout->addWidget(m_view, 1);

    m_debounce.setSingleShot(true);
    m_debounce.setInterval(250);
    connect(&m_debounce, &QTimer::timeout, this, &PacketListPanel::applyText);
    connect(m_filter, &QLineEdit::textChanged, this, [this] { m_debounce.start(); });
    connect(m_filter, &QLineEdit::returnPressed, this, &PacketListPanel::applyText);
    connect(m_kind, &QComboBox::currentIndexChanged, this, [this] {
        m_proxy->setKind(PacketFilterProxy::Kind(m_kind->currentData().toInt()));
        updateCount();
    });
    connect(m_displayFilter, &QComboBox::editTextChanged, this,
            &PacketListPanel::checkDisplayFilter);
    connect(m_displayFilter->lineEdit(), &QLineEdit::returnPressed, this,
            &PacketListPanel::applyDisplayFilter);
    // A recent filter picked in the drop-down (Enter on a text equal to one lands here too:
    // applying the same filter twice changes nothing).
    connect(m_displayFilter, &QComboBox::activated, this, &PacketListPanel::applyDisplayFilter);
    connect(m_applyFilter, &QToolButton::clicked, this, &PacketListPanel::applyDisplayFilter);
    connect(m_clearFilter, &QToolButton::clicked, this, [this] {
        m_displayFilter->setEditText({});
        applyDisplayFilter();
    });
    connect(m_senderChip, &QToolButton::clicked, this, [this] {
        setSenderFilter({});
        Q_EMIT senderFilterCleared();
    });
    connect(m_numbersChip, &QToolButton::clicked, this, [this] { setNumbersFilter({}); });
    // The details follow the selected packet, as in Wireshark. A filter that hides it moves
    // the current index to a neighbour without selecting it, so both signals are watched.
    QItemSelectionModel *selection = m_view->selectionModel();
    connect(selection, &QItemSelectionModel::currentRowChanged, this,
            &PacketListPanel::updateCurrentPacket);
    connect(selection, &QItemSelectionModel::selectionChanged, this,
            &PacketListPanel::updateCurrentPacket);
    connect(m_proxy, &QAbstractItemModel::rowsInserted, this, &PacketListPanel::onRowsInserted);
    const auto rowsChanged = [this] {
        updateCount();
        updateCurrentPacket();
    };
    connect(m_proxy, &QAbstractItemModel::rowsRemoved, this, rowsChanged);
    connect(m_proxy, &QAbstractItemModel::modelReset, this, [this, rowsChanged] {
        setFollowPaused(false); // a new list (cleared, a file opened) is followed again
        rowsChanged();
    });
    // Following pauses when the user scrolls up and resumes at the end, whatever moved there.
    static_cast<PacketTableView *>(m_view)->afterUserMove = [this] { noteUserScroll(); };
    QScrollBar *scroll = m_view->verticalScrollBar();
    connect(scroll, &QAbstractSlider::actionTriggered, this, [this, scroll] {
        // Before the value follows the slider: where the user moved it.
        setFollowPaused(scroll->sliderPosition() < scroll->maximum());
    });
    connect(scroll, &QAbstractSlider::valueChanged, this, [this, scroll](int value) {
        if (value >= scroll->maximum())
            setFollowPaused(false);
    });
    connect(m_proxy, &QAbstractItemModel::layoutChanged, this, rowsChanged);
    updateCount();
}

void PacketListPanel::applyText()
{
    m_debounce.stop();
    m_proxy->setText(m_filter->text());
    updateCount();
}

void PacketListPanel::setFilterText(const QString &text)
{
    m_filter->setText(text);
    applyText();
}

void PacketListPanel::checkDisplayFilter()
{
    const QString text = m_displayFilter->currentText();
    QLineEdit *edit = m_displayFilter->lineEdit();
    DisplayFilter filter;
    DisplayFilter::Error error;
    const bool blank = text.trimmed().isEmpty();
    const bool valid = blank || DisplayFilter::compile(text, &filter, &error);
    // Wireshark's colours, with dark text so they read in a dark theme too.
    edit->setStyleSheet(blank   ? QString()
                        : valid ? u"QLineEdit { background-color: #afffaf; color: black; }"_s
                                : u"QLineEdit { background-color: #ffafaf; color: black; }"_s);
    m_displayFilter->setProperty("filterState", blank ? u""_s : valid ? u"valid"_s : u"invalid"_s);
    if (valid) {
        edit->setToolTip(displayFilterHelp());
        m_filterError->clear();
        m_filterError->setVisible(false);
        return;
    }
    //: %1: a position in the filter text, from 1; %2: what is wrong there
    const QString message = tr("at character %1: %2").arg(error.position + 1).arg(error.reason);
    edit->setToolTip(message);
    m_filterError->setToolTip(message);
    m_filterError->setVisible(true);
    elideFilterError();
}

void PacketListPanel::elideFilterError()
{
    m_filterError->setText(QFontMetrics(m_filterError->font())
                               .elidedText(m_filterError->toolTip(), Qt::ElideRight,
                                           std::max(m_filterError->width(), 1)));
}

bool PacketListPanel::eventFilter(QObject *watched, QEvent *event)
{
    if (watched == m_filterError && event->type() == QEvent::Resize)
        elideFilterError();
    return QWidget::eventFilter(watched, event);
}

bool PacketListPanel::applyDisplayFilter()
{
    const QString text = m_displayFilter->currentText().trimmed();
    DisplayFilter filter;
    DisplayFilter::Error error;
    if (!DisplayFilter::compile(text, &filter, &error)) {
        checkDisplayFilter(); // says why; the list keeps the last valid filter
        return false;
    }
    if (filter.text() != m_proxy->displayFilter().text())
        m_proxy->setDisplayFilter(filter);
    rememberDisplayFilter(text);
    updateCount();
    return true;
}

bool PacketListPanel::setDisplayFilterText(const QString &text)
{
    m_displayFilter->setEditText(text);
    return applyDisplayFilter();
}

void PacketListPanel::prepareDisplayFilterText(const QString &text)
{
    m_displayFilter->setEditText(text);
    m_displayFilter->lineEdit()->setFocus();
    m_displayFilter->lineEdit()->end(false);
}

QString PacketListPanel::displayFilterText() const
{
    return m_displayFilter->currentText();
}

QString PacketListPanel::appliedDisplayFilter() const
{
    return m_proxy->displayFilter().text();
}

void PacketListPanel::rememberDisplayFilter(const QString &text)
{
    if (text.isEmpty() || (!m_recentFilters.isEmpty() && m_recentFilters.first() == text))
        return;
    m_recentFilters.removeAll(text);
    m_recentFilters.prepend(text);
    if (m_recentFilters.size() > kMaxRecentFilters)
        m_recentFilters.resize(kMaxRecentFilters);
    QSettings().setValue(QString::fromLatin1(kRecentFiltersKey), m_recentFilters);
    fillRecentFilters();
}

void PacketListPanel::fillRecentFilters()
{
    // Replacing the items must not replace (nor re-check) what is being typed.
    const QString text = m_displayFilter->currentText();
    const QSignalBlocker block(m_displayFilter);
    m_displayFilter->clear();
    m_displayFilter->addItems(m_recentFilters);
    m_displayFilter->setCurrentIndex(-1);
    m_displayFilter->setEditText(text);
}

void PacketListPanel::setSenderFilter(const QList<IpAddress> &addresses, const QString &label)
{
    m_proxy->setSenders(addresses);
    m_senderChip->setVisible(!addresses.isEmpty());
    m_senderChip->setText(
        tr("Sender %1")
            .arg(label.isEmpty() && !addresses.isEmpty() ? addresses.first().toString() : label));
    updateCount();
}

void PacketListPanel::setNumbersFilter(const QList<quint64> &numbers, const QString &label)
{
    m_proxy->setNumbers(numbers);
    m_numbersChip->setVisible(!numbers.isEmpty());
    //: %1: what the packets carried, e.g. a service instance's name
    m_numbersChip->setText(label.isEmpty() ? tr("%n packet(s)", nullptr, int(numbers.size()))
                                           : tr("Packets of %1").arg(label));
    updateCount();
}

bool PacketListPanel::hasNumbersFilter() const
{
    return !m_proxy->numbers().isEmpty();
}

bool PacketListPanel::selectPacketNumber(quint64 number)
{
    const qsizetype row = m_model->store().rowOfNumber(number);
    if (row < 0)
        return false;
    const QModelIndex index = m_proxy->mapFromSource(m_model->index(int(row), 0));
    if (!index.isValid())
        return false;
    m_view->setCurrentIndex(index);
    m_view->selectionModel()->select(index, QItemSelectionModel::ClearAndSelect |
                                                QItemSelectionModel::Rows);
    m_view->scrollTo(index, QAbstractItemView::PositionAtCenter);
    noteUserScroll(); // the packet asked for stays in view
    return true;
}

const QList<IpAddress> &PacketListPanel::senderFilter() const
{
    return m_proxy->senders();
}

void PacketListPanel::setFollowNewest(bool on)
{
    m_follow = on;
    setFollowPaused(false);
    if (on)
        m_view->scrollToBottom();
}

void PacketListPanel::noteUserScroll()
{
    const QScrollBar *scroll = m_view->verticalScrollBar();
    setFollowPaused(scroll->value() < scroll->maximum());
}

void PacketListPanel::setFollowPaused(bool paused)
{
    const bool was = isFollowPaused();
    m_followPaused = paused;
    m_pausedHint->setVisible(isFollowPaused());
    if (was != isFollowPaused())
        Q_EMIT followPausedChanged(isFollowPaused());
}

void PacketListPanel::onRowsInserted()
{
    updateCount();
    // Only arrival order has the newest rows at the bottom.
    const int column = m_view->horizontalHeader()->sortIndicatorSection();
    const bool arrivalOrder =
        column < 0 || column >= PacketTableModel::ColumnCount ||
        ((column == PacketTableModel::NumberColumn || column == PacketTableModel::TimeColumn) &&
         m_view->horizontalHeader()->sortIndicatorOrder() == Qt::AscendingOrder);
    if (m_follow && !m_followPaused && arrivalOrder)
        m_view->scrollToBottom();
}

void PacketListPanel::updateCount()
{
    const QLocale locale;
    if (m_proxy->isFiltering())
        m_count->setCounterText(
            tr("%1 of %2 shown")
                .arg(locale.toString(m_proxy->rowCount()), locale.toString(m_model->rowCount())));
    else
        m_count->setCounterText(tr("%1 packets").arg(locale.toString(m_model->rowCount())));
}

QList<qsizetype> PacketListPanel::selectedRows() const
{
    QList<qsizetype> rows;
    const QModelIndexList selected = m_view->selectionModel()->selectedRows();
    rows.reserve(selected.size());
    for (const QModelIndex &index : selected)
        rows.append(m_proxy->mapToSource(index).row());
    std::sort(rows.begin(), rows.end());
    return rows;
}

QList<qsizetype> PacketListPanel::displayedRows() const
{
    QList<qsizetype> rows;
    const int count = m_proxy->rowCount();
    rows.reserve(count);
    for (int r = 0; r < count; ++r)
        rows.append(m_proxy->mapToSource(m_proxy->index(r, 0)).row());
    return rows;
}

int PacketListPanel::currentRow() const
{
    const QItemSelectionModel *selection = m_view->selectionModel();
    QModelIndex shown = selection->currentIndex();
    if (!shown.isValid() || !selection->isRowSelected(shown.row(), shown.parent())) {
        // The current row is not selected (Ctrl+click, or the selection moved before the
        // current index did): show the topmost selected packet, if any.
        shown = {};
        const QModelIndexList rows = selection->selectedRows();
        for (const QModelIndex &index : rows) {
            if (!shown.isValid() || index.row() < shown.row())
                shown = index;
        }
    }
    return shown.isValid() ? m_proxy->mapToSource(shown).row() : -1;
}

void PacketListPanel::updateCurrentPacket()
{
    const int row = currentRow();
    const quint64 number =
        row < 0 ? 0 : m_model->index(row, 0).data(PacketTableModel::NumberRole).toULongLong();
    if (number == m_shownNumber)
        return;
    m_shownNumber = number;
    Q_EMIT currentPacketChanged(row);
}

int PacketListPanel::defaultColumnWidth(int column) const
{
    // Room for the values, and for the title in bold (a header highlights its sections while a
    // row is selected) beside the sort indicator: sectionSizeHint() measures it that way.
    const int digit = fontMetrics().horizontalAdvance(u'0');
    const int values = columnChars(column, m_model->timeFormat()) * digit + 16;
    return std::max(values, m_view->horizontalHeader()->sectionSizeHint(column));
}

void PacketListPanel::fitTimeColumn()
{
    QHeaderView *h = m_view->horizontalHeader();
    const int needed = defaultColumnWidth(PacketTableModel::TimeColumn);
    if (h->sectionSize(PacketTableModel::TimeColumn) < needed)
        h->resizeSection(PacketTableModel::TimeColumn, needed);
}

void PacketListPanel::applyColumnVisibility(const QStringList &hiddenKeys)
{
    QHeaderView *h = m_view->horizontalHeader();
    int shown = 0;
    for (int column = 0; column < PacketTableModel::ColumnCount; ++column) {
        const bool hidden = hiddenKeys.contains(PacketTableModel::columnKey(column));
        h->setSectionHidden(column, hidden);
        shown += hidden ? 0 : 1;
    }
    if (shown == 0) // a setting that hides everything: show the summary at least
        h->setSectionHidden(PacketTableModel::SummaryColumn, false);
}

void PacketListPanel::saveColumnVisibility() const
{
    QStringList hidden;
    for (int column = 0; column < PacketTableModel::ColumnCount; ++column) {
        if (!isColumnVisible(column))
            hidden.append(PacketTableModel::columnKey(column));
    }
    QSettings().setValue(QString::fromLatin1(kHiddenColumnsKey), hidden);
}

bool PacketListPanel::isColumnVisible(int column) const
{
    return column >= 0 && column < PacketTableModel::ColumnCount &&
           !m_view->horizontalHeader()->isSectionHidden(column);
}

void PacketListPanel::setColumnVisible(int column, bool visible)
{
    if (column < 0 || column >= PacketTableModel::ColumnCount || isColumnVisible(column) == visible)
        return;
    QHeaderView *h = m_view->horizontalHeader();
    if (!visible && h->count() - h->hiddenSectionCount() <= 1)
        return; // the last column stays
    h->setSectionHidden(column, !visible);
    if (visible && h->sectionSize(column) < defaultColumnWidth(column) / 2)
        h->resizeSection(column, defaultColumnWidth(column));
    saveColumnVisibility();
}

void PacketListPanel::resetColumns()
{
    QHeaderView *h = m_view->horizontalHeader();
    for (int column = 0; column < PacketTableModel::ColumnCount; ++column) {
        const int visual = h->visualIndex(column);
        if (visual != column)
            h->moveSection(visual, column);
    }
    QSettings().remove(QString::fromLatin1(kHiddenColumnsKey));
    applyColumnVisibility(defaultHiddenColumns());
    for (int column = 0; column < PacketTableModel::ColumnCount; ++column) {
        if (column != PacketTableModel::SummaryColumn) // the last one stretches
            h->resizeSection(column, defaultColumnWidth(column));
    }
}

QMenu *PacketListPanel::createHeaderMenu(QWidget *parent)
{
    auto *menu = new QMenu(parent);
    menu->setObjectName(u"packetListHeaderMenu"_s);
    const QHeaderView *h = m_view->horizontalHeader();
    const int shown = h->count() - h->hiddenSectionCount();
    for (int column = 0; column < PacketTableModel::ColumnCount; ++column) {
        QAction *action = menu->addAction(m_model->headerData(column, Qt::Horizontal).toString());
        action->setObjectName(u"column_"_s + PacketTableModel::columnKey(column));
        action->setCheckable(true);
        action->setChecked(isColumnVisible(column));
        action->setEnabled(!(shown <= 1 && isColumnVisible(column))); // the last one stays
        connect(action, &QAction::toggled, this,
                [this, column](bool on) { setColumnVisible(column, on); });
    }
    menu->addSeparator();
    QMenu *time = menu->addMenu(tr("Time Display Format"));
    time->addActions(m_timeFormats->actions());
    menu->addSeparator();
    QAction *resize = menu->addAction(tr("Resize to Contents"));
    resize->setObjectName(u"resizeColumns"_s);
    connect(resize, &QAction::triggered, this, [this] {
        QHeaderView *header = m_view->horizontalHeader();
        for (int column = 0; column < PacketTableModel::ColumnCount; ++column) {
            if (!isColumnVisible(column) || column == PacketTableModel::SummaryColumn)
                continue;
            m_view->resizeColumnToContents(column); // the rows in view, and the title
            if (header->sectionSize(column) < header->sectionSizeHint(column))
                header->resizeSection(column, header->sectionSizeHint(column));
        }
    });
    QAction *reset = menu->addAction(tr("Reset Columns"));
    reset->setObjectName(u"resetColumns"_s);
    reset->setToolTip(tr("Every column shown again, in its place and at its default width"));
    connect(reset, &QAction::triggered, this, &PacketListPanel::resetColumns);
    return menu;
}

void PacketListPanel::setTimeFormat(PacketTableModel::TimeFormat format)
{
    m_model->setTimeFormat(format);
    const QList<QAction *> actions = m_timeFormats->actions();
    if (!actions.at(int(format))->isChecked())
        actions.at(int(format))->setChecked(true);
    QSettings().setValue(QString::fromLatin1(kTimeFormatKey),
                         PacketTableModel::timeFormatKey(format));
    fitTimeColumn();
}

QList<QAction *> PacketListPanel::timeFormatActions() const
{
    return m_timeFormats->actions();
}

#include "PacketDetailsPanel.h"

#include "DecodedTreeModel.h"
#include "DnsDecoder.h"
#include "HexView.h"

#include <QAction>
#include <QApplication>
#include <QClipboard>
#include <QFontMetrics>
#include <QHeaderView>
#include <QKeyEvent>
#include <QMenu>
#include <QResizeEvent>
#include <QTreeView>

#include <algorithm>

using namespace Qt::StringLiterals;

PacketDetailsPanel::PacketDetailsPanel(QWidget *parent)
    : QSplitter(Qt::Horizontal, parent)
    , m_model(new DecodedTreeModel(this))
    , m_tree(new QTreeView(this))
    , m_hex(new HexView(this))
{
    setObjectName(QStringLiteral("packetDetails"));
    m_tree->setObjectName(QStringLiteral("decodedTree"));
    m_hex->setObjectName(QStringLiteral("hexView"));
    m_tree->setModel(m_model);
    m_tree->setUniformRowHeights(true);
    m_tree->setAlternatingRowColors(true);
    m_tree->header()->setSectionResizeMode(DecodedTreeModel::FieldColumn, QHeaderView::Interactive);
    m_tree->header()->resizeSection(DecodedTreeModel::FieldColumn, 260);
    m_tree->header()->setStretchLastSection(true);
    m_tree->setToolTip(tr("Decoded packet: select an item to highlight its bytes"));
    m_hex->setToolTip(tr("Hex dump: click a byte to select the field it belongs to"));
    addWidget(m_tree);
    addWidget(m_hex);
    // The dump keeps its natural width; the tree takes what is left.
    setStretchFactor(0, 1);
    setStretchFactor(1, 0);
    setSizes({600, m_hex->sizeHint().width()});
    connect(this, &QSplitter::splitterMoved, this, [this] { m_userSized = true; });
    connect(m_tree->selectionModel(), &QItemSelectionModel::currentChanged, this,
            &PacketDetailsPanel::onCurrentChanged);
    connect(m_hex, &HexView::byteClicked, this, &PacketDetailsPanel::selectByte);
    m_tree->setContextMenuPolicy(Qt::CustomContextMenu);
    connect(m_tree, &QWidget::customContextMenuRequested, this, [this](const QPoint &pos) {
        showTreeMenu(m_tree->indexAt(pos), m_tree->viewport()->mapToGlobal(pos));
    });
    m_tree->installEventFilter(this);
}

void PacketDetailsPanel::resizeEvent(QResizeEvent *event)
{
    QSplitter::resizeEvent(event);
    if (m_userSized || width() <= 0)
        return;
    // The dump keeps its natural width where there is room; in a narrow window (1024 px with the
    // docks shown) the tree keeps at least 55 % and the dump scrolls sideways.
    const int hex = std::min(m_hex->sizeHint().width(), width() * 45 / 100);
    setSizes({width() - hex - handleWidth(), hex});
}

bool PacketDetailsPanel::eventFilter(QObject *watched, QEvent *event)
{
    // Ctrl+C copies the current item as "Label: value" (the view alone would copy one cell).
    if (watched == m_tree && event->type() == QEvent::KeyPress &&
        static_cast<QKeyEvent *>(event)->matches(QKeySequence::Copy)) {
        const QString text = m_model->fieldText(m_tree->currentIndex());
        if (!text.isEmpty())
            QApplication::clipboard()->setText(text);
        return true;
    }
    return QSplitter::eventFilter(watched, event);
}

QMenu *PacketDetailsPanel::showTreeMenu(const QModelIndex &index, const QPoint &globalPos)
{
    if (index.isValid())
        m_tree->setCurrentIndex(index);
    auto *menu = new QMenu(m_tree);
    menu->setObjectName(u"decodedTreeMenu"_s);
    menu->setAttribute(Qt::WA_DeleteOnClose);
    const auto add = [menu](const QString &text, const QString &name, bool enabled) {
        QAction *a = menu->addAction(text);
        a->setObjectName(name);
        a->setEnabled(enabled);
        return a;
    };
    const QString field = m_model->fieldText(index);
    const QString value = m_model->valueText(index);
    const QString filter = m_model->filterExpression(index);
    QAction *copyField = add(tr("Copy Field"), u"copyField"_s, !field.isEmpty());
    copyField->setShortcut(QKeySequence::Copy); // shown only; the tree's Ctrl+C does it
    connect(copyField, &QAction::triggered, this,
            [field] { QApplication::clipboard()->setText(field); });
    connect(add(tr("Copy Value"), u"copyValue"_s, !value.isEmpty()), &QAction::triggered, this,
            [value] { QApplication::clipboard()->setText(value); });
    menu->addSeparator();
    //: %1: a display filter such as dns.qry.name == "printer.local"
    const QString applyText = filter.isEmpty() ? tr("Apply as Filter") : tr("Apply as Filter: %1");
    const QString prepareText =
        filter.isEmpty() ? tr("Prepare as Filter") : tr("Prepare as Filter: %1");
    const QString shown = QFontMetrics(menu->font()).elidedText(filter, Qt::ElideMiddle, 400);
    QAction *apply = add(filter.isEmpty() ? applyText : applyText.arg(shown), u"applyAsFilter"_s,
                         !filter.isEmpty());
    QAction *prepare = add(filter.isEmpty() ? prepareText : prepareText.arg(shown),
                           u"prepareAsFilter"_s, !filter.isEmpty());
    const QString noField = tr("This field has no Wireshark display filter field");
    apply->setToolTip(filter.isEmpty() ? noField : filter);
    prepare->setToolTip(filter.isEmpty() ? noField : filter);
    menu->setToolTipsVisible(true);
    connect(apply, &QAction::triggered, this,
            [this, filter] { Q_EMIT filterRequested(filter, true); });
    connect(prepare, &QAction::triggered, this,
            [this, filter] { Q_EMIT filterRequested(filter, false); });
    menu->addSeparator();
    const bool any = m_model->rowCount() > 0;
    connect(add(tr("Expand All"), u"expandAll"_s, any), &QAction::triggered, m_tree,
            &QTreeView::expandAll);
    connect(add(tr("Collapse All"), u"collapseAll"_s, any), &QAction::triggered, m_tree,
            &QTreeView::collapseAll);
    menu->popup(globalPos);
    return menu;
}

void PacketDetailsPanel::showPacket(const QByteArray &datagram, quint64 number,
                                    const QList<FieldFinding> &findings, const PacketNotes &notes)
{
    const DnsMessage message = DnsDecoder::decode(datagram);
    m_number = number;
    m_model->setMessage(message, datagram.size(), notes);
    m_model->setFindings(findings);
    m_hex->setBytes(datagram);
    m_tree->expandToDepth(0);
    if (message.error) {
        m_hex->setErrorOffset(message.error->offset);
        m_tree->setCurrentIndex(m_model->errorIndex());
    }
}

void PacketDetailsPanel::setFindings(const QList<FieldFinding> &findings)
{
    m_model->setFindings(findings);
    const QModelIndex group = m_model->findingsIndex();
    if (group.isValid())
        m_tree->expand(group);
}

void PacketDetailsPanel::clear()
{
    m_number = 0;
    m_model->clear();
    m_hex->setBytes({});
}

void PacketDetailsPanel::onCurrentChanged()
{
    m_hex->setHighlight(m_model->byteSpan(m_tree->currentIndex()));
}

void PacketDetailsPanel::selectByte(quint32 offset)
{
    const QModelIndex index = m_model->indexForOffset(offset);
    if (!index.isValid())
        return;
    for (QModelIndex p = index.parent(); p.isValid(); p = p.parent())
        m_tree->expand(p);
    m_tree->setCurrentIndex(index);
    m_tree->scrollTo(index);
}

#include "PacketDetailsPanel.h"

#include "DecodedTreeModel.h"
#include "DnsDecoder.h"
#include "HexView.h"

#include <QHeaderView>
#include <QTreeView>

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
    connect(m_tree->selectionModel(), &QItemSelectionModel::currentChanged, this,
            &PacketDetailsPanel::onCurrentChanged);
    connect(m_hex, &HexView::byteClicked, this, &PacketDetailsPanel::selectByte);
}

void PacketDetailsPanel::showPacket(const QByteArray &datagram, quint64 number,
                                    const QList<FieldFinding> &findings)
{
    const DnsMessage message = DnsDecoder::decode(datagram);
    m_number = number;
    m_model->setMessage(message, datagram.size());
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

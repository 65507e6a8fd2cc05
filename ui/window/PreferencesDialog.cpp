#include "PreferencesDialog.h"

#include "PacketStore.h"

#include <QDialogButtonBox>
#include <QFormLayout>
#include <QLabel>
#include <QSpinBox>
#include <QVBoxLayout>

PreferencesDialog::PreferencesDialog(qsizetype storeCapacity, QWidget *parent)
    : QDialog(parent)
    , m_capacity(new QSpinBox(this))
{
    setWindowTitle(tr("Preferences"));
    m_capacity->setObjectName(QStringLiteral("storeCapacity"));
    m_capacity->setRange(int(PacketStore::kMinimumCapacity), 20'000'000);
    m_capacity->setSingleStep(100'000);
    m_capacity->setGroupSeparatorShown(true);
    m_capacity->setValue(int(std::min<qsizetype>(storeCapacity, 20'000'000)));
    m_capacity->setSuffix(tr(" packets"));
    auto *hint = new QLabel(tr("When the list is full, the oldest packets are dropped. Each "
                               "stored packet takes its length plus about 80 bytes."),
                            this);
    hint->setWordWrap(true);
    auto *buttons = new QDialogButtonBox(QDialogButtonBox::Ok | QDialogButtonBox::Cancel, this);
    auto *form = new QFormLayout;
    form->addRow(tr("Keep at most:"), m_capacity);
    auto *layout = new QVBoxLayout(this);
    layout->addLayout(form);
    layout->addWidget(hint);
    layout->addWidget(buttons);
    connect(buttons, &QDialogButtonBox::accepted, this, &QDialog::accept);
    connect(buttons, &QDialogButtonBox::rejected, this, &QDialog::reject);
}

qsizetype PreferencesDialog::storeCapacity() const
{
    return m_capacity->value();
}

#include "PreferencesDialog.h"

#include "PacketStore.h"

#include <QCheckBox>
#include <QDialogButtonBox>
#include <QFormLayout>
#include <QLabel>
#include <QLineEdit>
#include <QSpinBox>
#include <QVBoxLayout>

PreferencesDialog::PreferencesDialog(qsizetype storeCapacity, QWidget *parent)
    : QDialog(parent)
    , m_capacity(new QSpinBox(this))
    , m_floodThreshold(new QSpinBox(this))
    , m_askBeforeDiscarding(new QCheckBox(this))
    , m_metrics(new QCheckBox(this))
    , m_metricsAddress(new QLineEdit(this))
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
    m_floodThreshold->setObjectName(QStringLiteral("floodThreshold"));
    m_floodThreshold->setRange(1, 1'000'000);
    m_floodThreshold->setSingleStep(10);
    m_floodThreshold->setGroupSeparatorShown(true);
    m_floodThreshold->setValue(100);
    m_floodThreshold->setSuffix(tr(" packets/s"));
    m_floodThreshold->setToolTip(
        tr("A host sending at least this many packets per second (over 1 or 10 seconds) is "
           "highlighted in the Talkers tab and named in the status bar"));
    m_askBeforeDiscarding->setObjectName(QStringLiteral("askBeforeDiscarding"));
    m_askBeforeDiscarding->setText(tr("Ask before discarding packets that were not saved"));
    m_askBeforeDiscarding->setToolTip(
        tr("Quit, Clear, Start Capture and Open ask whether to save captured packets first"));
    m_askBeforeDiscarding->setChecked(true);
    m_metrics->setObjectName(QStringLiteral("metrics"));
    m_metrics->setText(tr("Serve Prometheus metrics of the capture"));
    m_metrics->setToolTip(
        tr("Packets, bytes, malformed, kernel drops, pool and allocations at "
           "http://ADDRESS:PORT/metrics, as mdnscope --headless --metrics serves them"));
    m_metricsAddress->setObjectName(QStringLiteral("metricsAddress"));
    m_metricsAddress->setText(QStringLiteral("127.0.0.1:9100"));
    m_metricsAddress->setToolTip(
        tr("An IP address and a port, e.g. 127.0.0.1:9100 or [::1]:9100; it listens only there"));
    m_metricsAddress->setEnabled(false);
    connect(m_metrics, &QCheckBox::toggled, m_metricsAddress, &QLineEdit::setEnabled);
    auto *buttons = new QDialogButtonBox(QDialogButtonBox::Ok | QDialogButtonBox::Cancel, this);
    auto *form = new QFormLayout;
    form->addRow(tr("Keep at most:"), m_capacity);
    auto *floodForm = new QFormLayout;
    floodForm->addRow(tr("Flood threshold:"), m_floodThreshold);
    auto *layout = new QVBoxLayout(this);
    layout->addLayout(form);
    layout->addWidget(hint);
    layout->addLayout(floodForm);
    layout->addWidget(m_askBeforeDiscarding);
    auto *metricsForm = new QFormLayout;
    metricsForm->addRow(m_metrics);
    metricsForm->addRow(tr("Listen on:"), m_metricsAddress);
    layout->addLayout(metricsForm);
    layout->addWidget(buttons);
    connect(buttons, &QDialogButtonBox::accepted, this, &QDialog::accept);
    connect(buttons, &QDialogButtonBox::rejected, this, &QDialog::reject);
}

qsizetype PreferencesDialog::storeCapacity() const
{
    return m_capacity->value();
}

void PreferencesDialog::setFloodThreshold(int packetsPerSecond)
{
    m_floodThreshold->setValue(packetsPerSecond);
}

int PreferencesDialog::floodThreshold() const
{
    return m_floodThreshold->value();
}

void PreferencesDialog::setAskBeforeDiscarding(bool ask)
{
    m_askBeforeDiscarding->setChecked(ask);
}

bool PreferencesDialog::askBeforeDiscarding() const
{
    return m_askBeforeDiscarding->isChecked();
}

void PreferencesDialog::setMetricsAddress(const QString &address)
{
    m_metrics->setChecked(!address.isEmpty());
    if (!address.isEmpty())
        m_metricsAddress->setText(address);
}

QString PreferencesDialog::metricsAddress() const
{
    return m_metrics->isChecked() ? m_metricsAddress->text().trimmed() : QString();
}

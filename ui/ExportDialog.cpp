#include "ExportDialog.h"

#include <QButtonGroup>
#include <QComboBox>
#include <QDialogButtonBox>
#include <QDir>
#include <QFileDialog>
#include <QFileInfo>
#include <QFormLayout>
#include <QHBoxLayout>
#include <QLineEdit>
#include <QLocale>
#include <QPushButton>
#include <QRadioButton>
#include <QVBoxLayout>

using namespace Qt::StringLiterals;

ExportDialog::ExportDialog(qsizetype all, qsizetype displayed, qsizetype selected,
                           const QString &folder, QWidget *parent)
    : QDialog(parent)
    , m_format(new QComboBox(this))
    , m_scope(new QButtonGroup(this))
    , m_path(new QLineEdit(this))
    , m_buttons(new QDialogButtonBox(QDialogButtonBox::Ok | QDialogButtonBox::Cancel, this))
{
    setWindowTitle(tr("Export Packets"));
    m_format->addItem(tr("pcapng (Wireshark, tshark)"), int(ExportFormat::Pcapng));
    m_format->addItem(tr("JSON Lines (one decoded packet per line)"), int(ExportFormat::JsonLines));
    m_format->addItem(tr("CSV (one packet per row)"), int(ExportFormat::Csv));

    const QLocale locale;
    auto *allButton = new QRadioButton(tr("All packets (%1)").arg(locale.toString(all)), this);
    auto *displayedButton =
        new QRadioButton(tr("Displayed packets (%1)").arg(locale.toString(displayed)), this);
    auto *selectedButton =
        new QRadioButton(tr("Selected packets (%1)").arg(locale.toString(selected)), this);
    m_scope->addButton(allButton, int(Scope::All));
    m_scope->addButton(displayedButton, int(Scope::Displayed));
    m_scope->addButton(selectedButton, int(Scope::Selected));
    selectedButton->setEnabled(selected > 0);
    allButton->setChecked(true);
    auto *scopeBox = new QVBoxLayout;
    scopeBox->addWidget(allButton);
    scopeBox->addWidget(displayedButton);
    scopeBox->addWidget(selectedButton);

    auto *browse = new QPushButton(tr("Browse…"), this);
    auto *pathRow = new QHBoxLayout;
    pathRow->addWidget(m_path, 1);
    pathRow->addWidget(browse);
    const QString dir = folder.isEmpty() ? QDir::homePath() : folder;
    m_path->setText(QDir(dir).filePath(u"mdnscope"_s + extension(ExportFormat::Pcapng)));
    m_path->setMinimumWidth(360);

    auto *form = new QFormLayout;
    form->addRow(tr("Format:"), m_format);
    form->addRow(tr("Packets:"), scopeBox);
    form->addRow(tr("File:"), pathRow);
    auto *layout = new QVBoxLayout(this);
    layout->addLayout(form);
    layout->addWidget(m_buttons);

    connect(m_buttons, &QDialogButtonBox::accepted, this, &QDialog::accept);
    connect(m_buttons, &QDialogButtonBox::rejected, this, &QDialog::reject);
    connect(browse, &QPushButton::clicked, this, &ExportDialog::browse);
    connect(m_format, &QComboBox::currentIndexChanged, this, &ExportDialog::onFormatChanged);
    connect(m_path, &QLineEdit::textChanged, this, &ExportDialog::updateOk);
    updateOk();
}

QString ExportDialog::extension(ExportFormat format)
{
    switch (format) {
    case ExportFormat::Pcapng:
        return u".pcapng"_s;
    case ExportFormat::JsonLines:
        return u".jsonl"_s;
    case ExportFormat::Csv:
        return u".csv"_s;
    }
    return {};
}

ExportFormat ExportDialog::format() const
{
    return ExportFormat(m_format->currentData().toInt());
}

void ExportDialog::setFormat(ExportFormat format)
{
    m_format->setCurrentIndex(m_format->findData(int(format)));
}

ExportDialog::Scope ExportDialog::scope() const
{
    return Scope(m_scope->checkedId());
}

void ExportDialog::setScope(Scope scope)
{
    if (QAbstractButton *b = m_scope->button(int(scope)); b && b->isEnabled())
        b->setChecked(true);
}

QString ExportDialog::path() const
{
    return m_path->text().trimmed();
}

void ExportDialog::setPath(const QString &path)
{
    m_path->setText(path);
}

void ExportDialog::onFormatChanged()
{
    // Keep the file name's extension in step with the format.
    const QFileInfo info(path());
    if (info.fileName().isEmpty())
        return;
    m_path->setText(info.dir().filePath(info.completeBaseName() + extension(format())));
}

void ExportDialog::browse()
{
    const QString filter = format() == ExportFormat::Pcapng      ? tr("pcapng files (*.pcapng)")
                           : format() == ExportFormat::JsonLines ? tr("JSON Lines files (*.jsonl)")
                                                                 : tr("CSV files (*.csv)");
    const QString chosen = QFileDialog::getSaveFileName(this, tr("Export Packets"), path(), filter);
    if (!chosen.isEmpty())
        m_path->setText(chosen);
}

void ExportDialog::updateOk()
{
    m_buttons->button(QDialogButtonBox::Ok)->setEnabled(!path().isEmpty());
}

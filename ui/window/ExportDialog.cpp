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
    m_format->setObjectName(u"format"_s);
    m_path->setObjectName(u"path"_s);
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
    allButton->setObjectName(u"scopeAll"_s);
    displayedButton->setObjectName(u"scopeDisplayed"_s);
    selectedButton->setObjectName(u"scopeSelected"_s);
    // Exporting nothing makes no sense: a scope without packets cannot be chosen, and the
    // first one that has packets is the default.
    allButton->setEnabled(all > 0);
    displayedButton->setEnabled(displayed > 0);
    selectedButton->setEnabled(selected > 0);
    for (QAbstractButton *b : m_scope->buttons()) {
        if (b->isEnabled()) {
            b->setChecked(true);
            break;
        }
    }
    auto *scopeBox = new QVBoxLayout;
    scopeBox->addWidget(allButton);
    scopeBox->addWidget(displayedButton);
    scopeBox->addWidget(selectedButton);

    auto *browse = new QPushButton(tr("Browse…"), this);
    auto *pathRow = new QHBoxLayout;
    pathRow->addWidget(m_path, 1);
    pathRow->addWidget(browse);
    const QString dir = !folder.isEmpty() && QFileInfo(folder).isDir() ? folder : QDir::homePath();
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
    connect(m_scope, &QButtonGroup::idToggled, this, &ExportDialog::updateOk);
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
    // Keep the file name's suffix in step with the format: an export suffix is replaced,
    // any other one (a name the user chose, "run.2") is kept and the format's appended.
    const QFileInfo info(path());
    if (info.fileName().isEmpty())
        return;
    QString name = info.fileName();
    for (const ExportFormat f :
         {ExportFormat::Pcapng, ExportFormat::JsonLines, ExportFormat::Csv}) {
        if (name.endsWith(extension(f), Qt::CaseInsensitive)) {
            name.chop(extension(f).size());
            break;
        }
    }
    m_path->setText(info.dir().filePath(name + extension(format())));
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

QAbstractButton *ExportDialog::scopeButton(Scope scope) const
{
    return m_scope->button(int(scope));
}

bool ExportDialog::canAccept() const
{
    return m_buttons->button(QDialogButtonBox::Ok)->isEnabled();
}

void ExportDialog::updateOk()
{
    m_buttons->button(QDialogButtonBox::Ok)
        ->setEnabled(!path().isEmpty() && m_scope->checkedId() != -1);
}

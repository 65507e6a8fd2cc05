#pragma once

#include "PacketExporter.h"

#include <QDialog>

class QButtonGroup;
class QComboBox;
class QDialogButtonBox;
class QLineEdit;
class QRadioButton;

// Asks what to export: the format (pcapng, JSON Lines, CSV), which packets (all, the
// displayed ones, the selected ones) and the file. It only asks; MainWindow runs the export.
// GUI thread.
class ExportDialog final : public QDialog
{
    Q_OBJECT
public:
    enum class Scope { All, Displayed, Selected };

    ExportDialog(qsizetype all, qsizetype displayed, qsizetype selected, const QString &folder,
                 QWidget *parent = nullptr);

    ExportFormat format() const;
    void setFormat(ExportFormat format);
    Scope scope() const;
    void setScope(Scope scope);
    QString path() const;
    void setPath(const QString &path);

    static QString extension(ExportFormat format);

private:
    void browse();
    void onFormatChanged();
    void updateOk();

    QComboBox *m_format;
    QButtonGroup *m_scope;
    QLineEdit *m_path;
    QDialogButtonBox *m_buttons;
};

#pragma once

#include "PacketExporter.h"

#include <QDialog>

class QAbstractButton;
class QButtonGroup;
class QComboBox;
class QDialogButtonBox;
class QLineEdit;

// Asks what to export: the format (pcapng, JSON Lines, CSV), which packets (all, the
// displayed ones, the selected ones, each with its count; a scope with no packets cannot be
// chosen) and the file, whose suffix follows the format. The file starts in `folder` (the
// last export's, which MainWindow remembers) or the home folder when that is gone. It only
// asks; MainWindow runs the export. GUI thread.
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

    QAbstractButton *scopeButton(Scope scope) const;
    // OK is enabled: a file name and a scope with packets.
    bool canAccept() const;

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

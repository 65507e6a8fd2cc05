#pragma once

#include <QDialog>

class QSpinBox;

// Preferences: how many packets the store keeps before evicting the oldest. GUI thread.
class PreferencesDialog final : public QDialog
{
    Q_OBJECT
public:
    explicit PreferencesDialog(qsizetype storeCapacity, QWidget *parent = nullptr);
    qsizetype storeCapacity() const;

private:
    QSpinBox *m_capacity;
};

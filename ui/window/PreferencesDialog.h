#pragma once

#include <QDialog>

class QSpinBox;

// Preferences: how many packets the store keeps before evicting the oldest, and the flood
// threshold of the top talkers (packets/s; a host at or above it is highlighted and named in
// the status bar). GUI thread.
class PreferencesDialog final : public QDialog
{
    Q_OBJECT
public:
    explicit PreferencesDialog(qsizetype storeCapacity, QWidget *parent = nullptr);
    qsizetype storeCapacity() const;
    void setFloodThreshold(int packetsPerSecond);
    int floodThreshold() const;

private:
    QSpinBox *m_capacity;
    QSpinBox *m_floodThreshold;
};

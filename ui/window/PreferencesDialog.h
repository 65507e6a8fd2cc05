#pragma once

#include <QDialog>

class QCheckBox;
class QLineEdit;
class QSpinBox;

// Preferences: how many packets the store keeps before evicting the oldest, and the flood
// threshold of the top talkers (packets/s; a host at or above it is highlighted and named in
// the status bar), and whether to ask before discarding packets that were not saved. GUI thread.
class PreferencesDialog final : public QDialog
{
    Q_OBJECT
public:
    explicit PreferencesDialog(qsizetype storeCapacity, QWidget *parent = nullptr);
    qsizetype storeCapacity() const;
    void setFloodThreshold(int packetsPerSecond);
    int floodThreshold() const;
    void setAskBeforeDiscarding(bool ask);
    bool askBeforeDiscarding() const;
    // Prometheus metrics of the live capture at ADDRESS:PORT; empty: off (the default).
    void setMetricsAddress(const QString &address);
    QString metricsAddress() const;

private:
    QSpinBox *m_capacity;
    QSpinBox *m_floodThreshold;
    QCheckBox *m_askBeforeDiscarding;
    QCheckBox *m_metrics;
    QLineEdit *m_metricsAddress;
};

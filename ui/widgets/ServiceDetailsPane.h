#pragma once

#include "DirectoryTypes.h"

#include <QWidget>

class QLabel;
class QPushButton;
class QTableWidget;
class QTabWidget;

// Everything about one service instance: its name, state, host and port; every TXT pair in a
// table, every address with the interface it was heard on and its claimant, the history
// (announced, refreshed, goodbye, expired, renamed) and every record with its times; and
// "Show packets", which asks for the packets that carried its records. GUI thread.
class ServiceDetailsPane final : public QWidget
{
    Q_OBJECT
public:
    explicit ServiceDetailsPane(QWidget *parent = nullptr);

    // Shows the instance (nullptr: nothing selected); nowNs for the TTL left.
    void show(const ServiceInstance *instance, qint64 nowNs);
    QString shownKey() const { return m_key; }

    QTableWidget *txtTable() const { return m_txt; }
    QTableWidget *addressTable() const { return m_addresses; }
    QTableWidget *historyTable() const { return m_history; }
    QTableWidget *recordTable() const { return m_records; }
    QPushButton *showPacketsButton() const { return m_showPackets; }

    // The numbers of the packets known to carry the instance's records: the directory keeps
    // the first PacketRefs::kKept and the latest of them.
    static QList<quint64> packetNumbers(const ServiceInstance &instance);

Q_SIGNALS:
    // "Show packets": the packet list shows these packets only, named `label`.
    void showPacketsRequested(const QList<quint64> &numbers, const QString &label);

private:
    QLabel *m_title;
    QLabel *m_summary;
    QTabWidget *m_tabs;
    QTableWidget *m_txt;
    QTableWidget *m_addresses;
    QTableWidget *m_history;
    QTableWidget *m_records;
    QPushButton *m_showPackets;
    QString m_key;
    QString m_name;
    QList<quint64> m_numbers;
};

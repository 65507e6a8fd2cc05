#pragma once

#include <QObject>

class QSocketNotifier;
class QTimer;

// Tells when the machine's interfaces may have changed: a link came, went, went up or down, or
// an address was added or removed, on either family. It listens to the kernel's rtnetlink
// multicast groups (RTMGRP_LINK and the IPv4 and IPv6 address groups: local notifications from
// the kernel, nothing goes on any network) and reports a burst of messages as one changed()
// after a short settle time; where no netlink socket can be opened it re-scans periodically
// instead and emits changed() every time. The receiver compares the interface list itself.
// Lives in one thread (the capture thread); start() and stop() there.
class InterfaceWatcher final : public QObject
{
    Q_OBJECT

public:
    static constexpr int kSettleMs = 100;  // a burst of netlink messages -> one changed()
    static constexpr int kRescanMs = 2000; // without netlink
    explicit InterfaceWatcher(QObject *parent = nullptr);
    ~InterfaceWatcher() override;
    Q_DISABLE_COPY_MOVE(InterfaceWatcher)

    void start();
    void stop();
    bool usesNetlink() const { return m_fd >= 0; }

Q_SIGNALS:
    void changed();

private:
    void onReadable();

    int m_fd = -1;
    QSocketNotifier *m_notifier = nullptr;
    QTimer *m_timer; // settle (netlink) or re-scan (fallback)
};

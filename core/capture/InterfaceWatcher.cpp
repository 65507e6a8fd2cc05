#include "InterfaceWatcher.h"

#include <QSocketNotifier>
#include <QTimer>

#include <array>
#include <cerrno>

#include <linux/netlink.h>
#include <linux/rtnetlink.h>
#include <sys/socket.h>
#include <unistd.h>

InterfaceWatcher::InterfaceWatcher(QObject *parent)
    : QObject(parent)
    , m_timer(new QTimer(this))
{
    connect(m_timer, &QTimer::timeout, this, &InterfaceWatcher::changed);
}

InterfaceWatcher::~InterfaceWatcher()
{
    stop();
}

void InterfaceWatcher::start()
{
    stop();
    const int fd = ::socket(AF_NETLINK, SOCK_RAW | SOCK_NONBLOCK | SOCK_CLOEXEC, NETLINK_ROUTE);
    sockaddr_nl local{};
    local.nl_family = AF_NETLINK;
    local.nl_groups = RTMGRP_LINK | RTMGRP_IPV4_IFADDR | RTMGRP_IPV6_IFADDR;
    if (fd >= 0 && ::bind(fd, reinterpret_cast<const sockaddr *>(&local), sizeof local) == 0) {
        m_fd = fd;
        m_notifier = new QSocketNotifier(qintptr(fd), QSocketNotifier::Read, this);
        connect(m_notifier, &QSocketNotifier::activated, this, &InterfaceWatcher::onReadable);
        m_timer->setSingleShot(true);
        return;
    }
    if (fd >= 0)
        ::close(fd);
    m_timer->setSingleShot(false);
    m_timer->start(kRescanMs);
}

void InterfaceWatcher::stop()
{
    delete m_notifier; // before the descriptor it watches is closed
    m_notifier = nullptr;
    if (m_fd >= 0)
        ::close(m_fd);
    m_fd = -1;
    m_timer->stop();
}

void InterfaceWatcher::onReadable()
{
    // The messages themselves do not matter (the receiver re-reads the interface list); drain
    // them. ENOBUFS (messages lost to an overflow) also means "something changed".
    alignas(nlmsghdr) std::array<char, 8192> buffer;
    for (;;) {
        const ssize_t n = ::recv(m_fd, buffer.data(), buffer.size(), MSG_DONTWAIT);
        if (n < 0 && (errno == EINTR || errno == ENOBUFS))
            continue;
        if (n <= 0)
            break;
    }
    if (!m_timer->isActive())
        m_timer->start(kSettleMs);
}

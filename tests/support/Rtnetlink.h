#pragma once

#include <QByteArray>
#include <QString>

#include <cstddef>
#include <cstdint>

struct nlmsghdr;

// One rtnetlink request (RTM_NEWLINK, RTM_NEWADDR, ...) with an ack, built in a fixed
// buffer: the family header, then attributes, possibly nested. It acts on the network
// namespace of the calling thread. Used by NetNamespace only.
class RtnetlinkRequest final
{
public:
    // `header` is the family header (ifinfomsg, ifaddrmsg, rtmsg) of `headerSize` bytes.
    RtnetlinkRequest(std::uint16_t type, std::uint16_t flags, const void *header,
                     std::size_t headerSize);
    RtnetlinkRequest(const RtnetlinkRequest &) = delete;
    RtnetlinkRequest &operator=(const RtnetlinkRequest &) = delete;

    void addAttr(std::uint16_t type, const void *data, std::size_t size);
    void addString(std::uint16_t type, const QString &text); // NUL-terminated Latin-1
    // Raw bytes inside the current nest (e.g. the ifinfomsg that opens VETH_INFO_PEER).
    void addBytes(const void *data, std::size_t size);
    // Opens a nested attribute; pass the result to endNest() once its content is added.
    std::size_t beginNest(std::uint16_t type);
    void endNest(std::size_t offset);

    // Sends the request and reads the ack. False with *error ("<what>: <strerror>").
    bool execute(const char *what, QString *error);
    // Sends a get request (RTM_GETLINK, ...) and returns the reply's attributes: the
    // bytes after the family header of `headerSize` bytes. False with *error.
    bool query(const char *what, std::size_t headerSize, QByteArray *attributes, QString *error);

private:
    nlmsghdr *header();
    // Sends, then receives one message into `reply`; returns 0 or an errno value.
    int exchange(char *reply, std::size_t size, long *received);

    alignas(8) char m_buffer[1024] = {};
    bool m_overflow = false;
};

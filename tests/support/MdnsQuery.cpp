#include "MdnsQuery.h"

#include "PeerLab.h"

#include <QStringList>

#include <arpa/inet.h>
#include <cerrno>
#include <cstring>
#include <netinet/in.h>
#include <sys/socket.h>
#include <unistd.h>

using namespace Qt::StringLiterals;

namespace {
QByteArray encodeName(const QString &name)
{
    QByteArray out;
    const QStringList labels = name.split(u'.');
    for (const QString &label : labels) {
        const QByteArray bytes = label.toUtf8().left(63);
        out += char(bytes.size());
        out += bytes;
    }
    out += '\0';
    return out;
}
} // namespace

QByteArray MdnsQuery::build(const QList<std::pair<QString, quint16>> &questions)
{
    QByteArray q(12, '\0');
    q[4] = char(questions.size() >> 8);
    q[5] = char(questions.size() & 0xff);
    for (const auto &[name, type] : questions) {
        q += encodeName(name);
        q += char(type >> 8);
        q += char(type & 0xff);
        q += '\0';
        q += '\1'; // class IN, QU bit clear
    }
    return q;
}

bool MdnsQuery::sendFrom(const QString &ns, const QString &fromAddress, const QByteArray &datagram,
                         QString *error)
{
    const int fd = PeerLab::udpSocketIn(ns, error);
    if (fd < 0)
        return false;
    const int one = 1;
    const int ttl = 255;
    sockaddr_in local{};
    local.sin_family = AF_INET;
    local.sin_port = htons(5353);
    in_addr iface{};
    sockaddr_in group{};
    group.sin_family = AF_INET;
    group.sin_port = htons(5353);
    // SO_REUSEADDR: a responder in the namespace may hold 5353 already.
    const bool ok = ::inet_pton(AF_INET, fromAddress.toLatin1().constData(), &iface) == 1 &&
                    ::inet_pton(AF_INET, "224.0.0.251", &group.sin_addr) == 1 &&
                    ::setsockopt(fd, SOL_SOCKET, SO_REUSEADDR, &one, sizeof one) == 0 &&
                    ::bind(fd, reinterpret_cast<sockaddr *>(&local), sizeof local) == 0 &&
                    ::setsockopt(fd, IPPROTO_IP, IP_MULTICAST_IF, &iface, sizeof iface) == 0 &&
                    ::setsockopt(fd, IPPROTO_IP, IP_MULTICAST_TTL, &ttl, sizeof ttl) == 0 &&
                    ::sendto(fd, datagram.constData(), size_t(datagram.size()), 0,
                             reinterpret_cast<sockaddr *>(&group), sizeof group) == datagram.size();
    if (!ok && error)
        *error = u"sending a query from %1 in %2: %3"_s.arg(
            fromAddress, ns, QString::fromLocal8Bit(std::strerror(errno)));
    ::close(fd);
    return ok;
}

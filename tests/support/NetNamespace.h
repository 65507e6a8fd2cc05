#pragma once

#include <QString>

// Puts the test process into a private network namespace of its own, so that the
// datagrams a test sends never reach the machine's real interfaces. Must run in
// main() before any thread exists (namespaces are per thread; threads created later
// inherit it). Inside, loopback is brought up with multicast on, a route for
// 224.0.0.0/4 points at it, and lo also carries the link-local 169.254.0.1/16.
// The namespace disappears with the process: nothing to clean up.
namespace NetNamespace {
// Returns true when the process is now in a fresh private namespace.
bool enter();
// True after a successful enter().
bool isPrivate();
// Why enter() failed (for QSKIP messages); empty when it succeeded.
QString failureReason();
// The QSKIP text for tests that need the namespace.
const char *skipMessage();
// True when the calling thread is in the namespace enter() made. Namespaces are per
// thread: threads created after enter() are; one that called setns() elsewhere is not.
bool callingThreadIsPrivate();

// Links inside the private namespace, usable at any time and from any thread that is
// in it (callingThreadIsPrivate()); they refuse with *error otherwise, so nothing is
// ever created in the machine's own namespace. Implemented with rtnetlink.

// Creates the veth pair a <-> b, brings both ends up with bringUpLink(), each with
// the addresses vethIpv4(ifindex) and vethIpv6(ifindex) of its own interface index,
// and returns once both are running (waitUntilRunning()): ready to carry datagrams.
bool addVethPair(const QString &a, const QString &b, QString *error);
// Enables IPv6 on `name` (disable_ipv6 0, accept_dad 0, addr_gen_mode none: no
// kernel-made link-local), lets IPv4 accept datagrams from the namespace's own
// addresses (accept_local 1, rp_filter 0: needed across a veth pair whose two ends are
// both here), sets it up with multicast on and adds the given addresses
// ("169.254.5.6/16", "fe80::5/64"; either may be empty), IPv6 ones with IFA_F_NODAD,
// so every address is usable at once and is the only one of its family on the link.
// Does not wait for the link to run (a veth end runs once its peer is up too).
bool bringUpLink(const QString &name, const QString &ipv4Cidr, const QString &ipv6Cidr,
                 QString *error);
// Waits until `name` is operationally up and its queueing discipline active (before
// that the kernel silently drops what is sent out of it).
bool waitUntilRunning(const QString &name, int timeoutMs, QString *error);
// Deletes a link (for a veth pair, deleting either end removes both).
bool deleteLink(const QString &name, QString *error);
// The interface index of `name`, 0 when there is no such link.
int linkIndex(const QString &name);
// The addresses addVethPair() gives the end with interface index `ifindex` (as
// /16 and /64): 169.254.<100 + ifindex / 256>.<ifindex % 256>, fe80::100:<ifindex hex>.
QString vethIpv4(int ifindex);
QString vethIpv6(int ifindex);
// The first IPv4 address / IPv6 link-local address (fe80::/10, without a scope
// suffix) on `name`, as text; empty when it has none.
QString ipv4Address(const QString &name);
QString ipv6LinkLocal(const QString &name);
} // namespace NetNamespace

// Like QTEST_GUILESS_MAIN / QTEST_MAIN, but enters the private namespace first.
#define MDNSCOPE_NETNS_TEST_MAIN_IMPL(TestObject, AppClass)                                        \
    int main(int argc, char *argv[])                                                               \
    {                                                                                              \
        NetNamespace::enter();                                                                     \
        AppClass app(argc, argv);                                                                  \
        app.setAttribute(Qt::AA_Use96Dpi, true);                                                   \
        TestObject tc;                                                                             \
        QTEST_SET_MAIN_SOURCE_PATH                                                                 \
        return QTest::qExec(&tc, argc, argv);                                                      \
    }
#define MDNSCOPE_NETNS_TEST_GUILESS_MAIN(TestObject)                                               \
    MDNSCOPE_NETNS_TEST_MAIN_IMPL(TestObject, QCoreApplication)
#define MDNSCOPE_NETNS_TEST_WIDGETS_MAIN(TestObject)                                               \
    MDNSCOPE_NETNS_TEST_MAIN_IMPL(TestObject, QApplication)

// Skips the current test function with a clear reason when there is no namespace.
#define MDNSCOPE_REQUIRE_NETNS()                                                                   \
    do {                                                                                           \
        if (!NetNamespace::isPrivate())                                                            \
            QSKIP(NetNamespace::skipMessage());                                                    \
    } while (false)

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

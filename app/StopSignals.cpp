#include "StopSignals.h"

#include <QCoreApplication>
#include <QSocketNotifier>

#include <atomic>
#include <cerrno>
#include <csignal>
#include <cstring>
#include <fcntl.h>
#include <memory>
#include <unistd.h>

namespace {

int s_pipe[2] = {-1, -1};
std::atomic<int> s_signals{0};
std::atomic<int> s_first{0}; // the signal that asked to stop
std::atomic<qint64> s_pending{0};
static_assert(std::atomic<qint64>::is_always_lock_free && std::atomic<int>::is_always_lock_free,
              "the handler may only use lock-free atomics");

// The "finishing" line, translated before the handler is installed and split around the
// number, so the handler only copies bytes.
char s_before[256];
char s_after[256];

void copyText(char (&to)[256], const QByteArray &from)
{
    const size_t n = std::min(sizeof to - 1, size_t(from.size()));
    std::memcpy(to, from.constData(), n);
    to[n] = '\0';
}

void writeAll(int fd, const char *text, size_t size)
{
    while (size > 0) {
        const ssize_t n = ::write(fd, text, size);
        if (n <= 0)
            return;
        text += n;
        size -= size_t(n);
    }
}

extern "C" void onStopSignal(int signal)
{
    const int saved = errno;
    if (s_signals.fetch_add(1) == 0) {
        s_first.store(signal);
        const char byte = 1;
        [[maybe_unused]] const ssize_t n = ::write(s_pipe[1], &byte, 1);
    } else {
        char line[600];
        size_t used = 0;
        const auto append = [&](const char *text, size_t size) {
            size = std::min(size, sizeof line - used);
            std::memcpy(line + used, text, size);
            used += size;
        };
        append(s_before, std::strlen(s_before));
        char digits[24];
        size_t d = sizeof digits;
        qint64 value = std::max<qint64>(0, s_pending.load());
        do {
            digits[--d] = char('0' + value % 10);
            value /= 10;
        } while (value > 0);
        append(digits + d, sizeof digits - d);
        append(s_after, std::strlen(s_after));
        writeAll(STDERR_FILENO, line, used);
    }
    errno = saved;
}

std::unique_ptr<QSocketNotifier> s_notifier;

} // namespace

StopSignals::StopSignals()
{
    const QString line =
        QStringLiteral("mdnscope: ") +
        QCoreApplication::translate("StopSignals", "finishing, %1 packets left to write")
            .arg(u"\x1f") +
        u'\n';
    const qsizetype mark = line.indexOf(u'\x1f');
    copyText(s_before, line.left(mark).toLocal8Bit());
    copyText(s_after, line.mid(mark + 1).toLocal8Bit());

    if (s_pipe[0] < 0 && ::pipe2(s_pipe, O_CLOEXEC | O_NONBLOCK) != 0)
        return;
    struct sigaction sa
    {};
    sa.sa_handler = onStopSignal;
    sigemptyset(&sa.sa_mask);
    sa.sa_flags = SA_RESTART; // not SA_RESETHAND: a second Ctrl+C must not kill the process
    ::sigaction(SIGINT, &sa, nullptr);
    ::sigaction(SIGTERM, &sa, nullptr);
    s_notifier = std::make_unique<QSocketNotifier>(qintptr(s_pipe[0]), QSocketNotifier::Read);
}

StopSignals::~StopSignals()
{
    // The handlers and the pipe stay until exit (see the header); only the event loop's
    // part goes.
    s_notifier.reset();
}

void StopSignals::onStop(std::function<void()> callback)
{
    if (!s_notifier)
        return;
    QObject::connect(s_notifier.get(), &QSocketNotifier::activated, s_notifier.get(),
                     [callback = std::move(callback)] {
                         char buf[16];
                         while (::read(s_pipe[0], buf, sizeof buf) > 0) {
                         }
                         callback();
                     });
}

bool StopSignals::stopRequested()
{
    return s_signals.load() > 0;
}

int StopSignals::stopSignal()
{
    return s_first.load();
}

void StopSignals::addPending(qint64 packets)
{
    s_pending.fetch_add(packets);
}

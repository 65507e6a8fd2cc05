#pragma once

#include <QtGlobal>

#include <functional>

// SIGINT and SIGTERM for the command line modes (--headless, --read). The first signal asks
// the run to stop: stopRequested() turns true at once (any thread may poll it) and the
// callback given to onStop() runs in the main thread's event loop (self-pipe + a
// QSocketNotifier: the handler only write()s a byte). Every further signal prints
// "mdnscope: finishing, N packets left to write" on standard error straight from the
// handler (async-signal-safe), so it shows even while the main thread is blocked in a slow
// write; none of them ends the process, so nothing already received is lost. The handlers
// stay installed until the process exits (a signal between the last commit and exit must not
// kill it either). One per process; create it on the main thread before any other thread.
class StopSignals final
{
    Q_DISABLE_COPY_MOVE(StopSignals)
public:
    StopSignals();
    ~StopSignals();

    // Called once, in the event loop, after the first signal.
    void onStop(std::function<void()> callback);
    static bool stopRequested();
    static int stopSignal(); // SIGINT or SIGTERM once stopRequested(), else 0
    // The count the "finishing" line shows: packets received or read but not yet written.
    static void addPending(qint64 packets);
};

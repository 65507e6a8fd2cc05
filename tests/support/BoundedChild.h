#pragma once

#include <QByteArray>
#include <QString>
#include <QStringList>

// Runs a program as a child with its address space bounded (RLIMIT_AS, set in the child
// before exec; not in a sanitizer build, whose shadow memory needs terabytes of it), so a
// reader that runs away with memory fails there instead of taking the machine down, and
// reports how it ended and its peak RSS (wait4). Standard output and
// error go to files and are read back. Test thread only.
namespace BoundedChild {

struct Result
{
    bool started = false;
    bool exited = false; // ended by exit(), not by a signal (a crash, an abort)
    int exitCode = -1;
    int signal = 0;        // the signal that ended it
    bool timedOut = false; // killed after the timeout
    qint64 peakRssKiB = 0;
    QByteArray out, err;
};

Result run(const QString &program, const QStringList &arguments, qint64 addressSpaceBytes,
           int timeoutMs);

} // namespace BoundedChild

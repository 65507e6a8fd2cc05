#pragma once

#include <QByteArray>
#include <QProcess>
#include <QStringList>

// For CLI tests: runs the real mdnscope executable (MDNSCOPE_BINARY, defined for each such test
// by tests/CMakeLists.txt) to its end and keeps what it said. Header only. Test thread.
namespace CliRun {

struct Result
{
    int exitCode = -1; // -1: did not finish within the time; -2: ended by a signal
    QByteArray out, err;
};

inline Result run(const QStringList &args, int timeoutMs = 120'000)
{
    QProcess p;
    p.start(QStringLiteral(MDNSCOPE_BINARY), args);
    Result r;
    if (!p.waitForFinished(timeoutMs))
        return r;
    r.exitCode = p.exitStatus() == QProcess::NormalExit ? p.exitCode() : -2;
    r.out = p.readAllStandardOutput();
    r.err = p.readAllStandardError();
    return r;
}

} // namespace CliRun

#pragma once

#include <QByteArray>
#include <QFile>
#include <QString>
#include <QStringList>

#include <csignal>
#include <fcntl.h>
#include <spawn.h>
#include <sys/wait.h>
#include <unistd.h>
#include <vector>

extern char **environ;

// One run of the real mdnscope executable with its standard output wherever a fault test
// needs it: a file or device path, closed (`>&-`), or a pipe whose reader is already gone.
// Started with posix_spawn (no shell), stderr to a file; header-only, shared by the CLI
// fault tests.
class CliProcess final
{
    Q_DISABLE_COPY_MOVE(CliProcess)
public:
    enum class Stdout { Path, Closed, BrokenPipe };

    // The executable under test; MDNSCOPE_TEST_BINARY runs the tests against another build
    // (an older one, to see them fail).
    static QString binary()
    {
        return qEnvironmentVariable("MDNSCOPE_TEST_BINARY", QStringLiteral(MDNSCOPE_BINARY));
    }

    CliProcess(const QStringList &args, const QString &errPath, Stdout mode,
               const QString &outPath = {})
        : m_errPath(errPath)
    {
        QList<QByteArray> bytes{QFile::encodeName(binary())};
        for (const QString &a : args)
            bytes << a.toLocal8Bit();
        std::vector<char *> argv;
        for (QByteArray &b : bytes)
            argv.push_back(b.data());
        argv.push_back(nullptr);
        int pipeFds[2] = {-1, -1};
        posix_spawn_file_actions_t actions;
        posix_spawn_file_actions_init(&actions);
        const QByteArray out = QFile::encodeName(outPath);
        const QByteArray err = QFile::encodeName(errPath);
        switch (mode) {
        case Stdout::Path:
            posix_spawn_file_actions_addopen(&actions, STDOUT_FILENO, out.constData(),
                                             O_WRONLY | O_CREAT | O_TRUNC, 0644);
            break;
        case Stdout::Closed:
            posix_spawn_file_actions_addclose(&actions, STDOUT_FILENO);
            break;
        case Stdout::BrokenPipe:
            if (::pipe2(pipeFds, O_CLOEXEC) == 0) {
                ::close(pipeFds[0]); // the reader is gone before the first write
                posix_spawn_file_actions_adddup2(&actions, pipeFds[1], STDOUT_FILENO);
            }
            break;
        }
        posix_spawn_file_actions_addopen(&actions, STDERR_FILENO, err.constData(),
                                         O_WRONLY | O_CREAT | O_TRUNC, 0644);
        if (posix_spawn(&m_pid, argv[0], &actions, nullptr, argv.data(), environ) != 0)
            m_pid = -1;
        posix_spawn_file_actions_destroy(&actions);
        if (pipeFds[1] >= 0)
            ::close(pipeFds[1]);
    }
    ~CliProcess()
    {
        if (m_pid > 0 && !m_reaped) {
            ::kill(m_pid, SIGKILL);
            ::waitpid(m_pid, nullptr, 0);
        }
    }

    pid_t pid() const { return m_pid; }
    bool signal(int s) const { return m_pid > 0 && !m_reaped && ::kill(m_pid, s) == 0; }
    // Blocks until the process ended (the tests' CTest timeout bounds a hang).
    bool wait()
    {
        if (m_pid <= 0)
            return false;
        if (!m_reaped && ::waitpid(m_pid, &m_status, 0) == m_pid)
            m_reaped = true;
        return m_reaped;
    }
    // True once the process ended, without blocking.
    bool poll()
    {
        if (m_pid > 0 && !m_reaped && ::waitpid(m_pid, &m_status, WNOHANG) == m_pid)
            m_reaped = true;
        return m_reaped;
    }
    // The exit code, or 128 + the signal that ended it, as a shell shows it.
    int exitCode() const
    {
        return WIFEXITED(m_status) ? WEXITSTATUS(m_status) : 128 + WTERMSIG(m_status);
    }
    bool killedBySignal() const { return WIFSIGNALED(m_status); }
    QByteArray err() const
    {
        QFile f(m_errPath);
        return f.open(QIODevice::ReadOnly) ? f.readAll() : QByteArray();
    }

private:
    QString m_errPath;
    pid_t m_pid = -1;
    int m_status = 0;
    bool m_reaped = false;
};

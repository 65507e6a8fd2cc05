#pragma once

#include <QJsonObject>
#include <QProcess>
#include <QString>
#include <QStringList>
#include <QTemporaryDir>

// The real engine for the throughput benchmark: `mdnscope --headless --interface lo
// --stats-json F [args]` as a child process in this process's (private) namespace.
// start() returns once the child's socket has joined 224.0.0.251 on lo; stop() sends
// SIGTERM, waits for the exit and reads the final statistics. Main thread only.
class HeadlessProcess final
{
public:
    explicit HeadlessProcess(const QString &binary);
    ~HeadlessProcess();
    HeadlessProcess(const HeadlessProcess &) = delete;
    HeadlessProcess &operator=(const HeadlessProcess &) = delete;

    bool start(const QStringList &extraArgs, QString *error);
    bool stop(QString *error);              // SIGTERM, exit 0, statistics read
    qint64 value(const QString &key) const; // from the statistics; -1 when absent
    QJsonObject stats() const { return m_stats; }
    // CPU time (user + system, all threads) the process has used so far; -1 if unknown.
    qint64 cpuNs() const;

private:
    QString m_binary;
    QTemporaryDir m_dir;
    QProcess m_process;
    QJsonObject m_stats;
};

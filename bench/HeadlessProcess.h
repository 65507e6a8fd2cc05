#pragma once

#include "BenchLink.h"

#include <QJsonObject>
#include <QProcess>
#include <QString>
#include <QStringList>
#include <QTemporaryDir>

// The real engine for the throughput benchmark: `mdnscope --headless --interface lo
// --stats-json F [args]` as a child process in this process's (private) namespace, or with
// setLink() a veth link's receiving end and `--family ipv4|ipv6`. start() returns once the
// child's socket has joined the link's group (224.0.0.251 or ff02::fb) there; stop() sends
// SIGTERM, waits for the exit and reads the final statistics. setCpu() pins every thread
// of the child to one CPU at nice -20 (CpuAffinity); startProfile() attaches `perf record -g` to it
// until stop(). Main thread only.
class HeadlessProcess final
{
public:
    explicit HeadlessProcess(const QString &binary);
    ~HeadlessProcess();
    HeadlessProcess(const HeadlessProcess &) = delete;
    HeadlessProcess &operator=(const HeadlessProcess &) = delete;

    void setCpu(int cpu) { m_cpu = cpu; } // before start(); < 0: wherever the kernel likes
    void setLink(const BenchLink &link) { m_link = link; } // before start(); default IPv4 lo
    bool start(const QStringList &extraArgs, QString *error);
    // After start(): `perf record -g -p PID -o output` until stop(); false if perf failed.
    bool startProfile(const QString &output, QString *error);
    bool stop(QString *error);              // SIGTERM, exit 0, statistics read
    qint64 value(const QString &key) const; // from the statistics; -1 when absent
    QJsonObject stats() const { return m_stats; }
    // CPU time (user + system, all threads) the process has used so far, in nanoseconds
    // from the scheduler's own accounting; -1 if unknown.
    qint64 cpuNs() const;

private:
    QString m_binary;
    QTemporaryDir m_dir;
    QProcess m_process;
    QProcess m_perf;
    int m_cpu = -1;
    BenchLink m_link;
    QJsonObject m_stats;
};

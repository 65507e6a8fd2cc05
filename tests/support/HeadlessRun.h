#pragma once

#include <QJsonObject>
#include <QList>
#include <QProcess>
#include <QString>
#include <QStringList>
#include <QTemporaryDir>

// Runs the real mdnscope executable as a headless capture
// (`--headless --interface IF --stats-json F --json OUT.jsonl ...`), either in this
// process's network namespace or, through `ip netns exec`, in a named one. It knows
// the capture is live when the process's socket has joined 224.0.0.251 on the
// interface (/proc/<pid>/net/igmp), or ff02::fb (igmp6) for an IPv6-only capture,
// independent of what mdnscope prints. After the
// run it reads the final statistics and the JSON Lines packets.
// Test (main) thread only; the process dies with the test (PR_SET_PDEATHSIG).
class HeadlessRun final
{
public:
    // `netns` empty: run in this process's own network namespace.
    HeadlessRun(const QString &binary, const QString &netns, const QString &iface);
    ~HeadlessRun();
    Q_DISABLE_COPY_MOVE(HeadlessRun)

    // Before start(): capture IPv6 only (`--family ipv6`), and wait for its join instead.
    void setIpv6Only(bool on) { m_ipv6Only = on; }

    // Starts the capture with `extraArgs` (e.g. --duration, --count) and waits
    // until it has joined the group. False with *error (and mdnscope's output).
    bool start(const QStringList &extraArgs, int joinTimeoutMs, QString *error);
    qint64 pid() const { return m_pid; }
    bool isRunning() const;
    // SIGTERM: mdnscope must stop, write its outputs and exit 0.
    void requestStop();
    bool waitForExit(int timeoutMs);
    int exitCode() const;
    bool exitedNormally() const;
    QString output(); // stdout + stderr so far

    QString statsPath() const;
    QString jsonPath() const;
    // The --stats-json object; empty with *error when missing or not JSON.
    QJsonObject stats(QString *error) const;
    // One object per line of the --json output; *error names the bad line.
    QList<QJsonObject> packets(QString *error) const;

    // A number from the --stats-json object, wherever the key sits (top level or
    // one object deep, e.g. {"packets":..} or {"capture":{"packets":..}}); -1 when
    // the key is absent.
    static qint64 statsValue(const QJsonObject &stats, const QString &key);

private:
    QString m_binary, m_netns, m_iface;
    QTemporaryDir m_dir;
    QProcess m_process;
    QByteArray m_output;
    qint64 m_pid = 0;
    bool m_ipv6Only = false;
};

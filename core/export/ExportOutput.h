#pragma once

#include <QByteArrayView>
#include <QString>

#include <atomic>
#include <memory>
#include <thread>

class QFileDevice;
class QSaveFile;

// Where an export goes, written so that a failure leaves nothing behind: a regular file
// staged beside the target and renamed over it on commit, so an existing file stays intact
// until the new one is complete; "-" = standard output; an existing non-regular file (a
// FIFO, /dev/null, /dev/full) written in place, as renaming over a device would replace it.
// Every output of the program goes through open() (the exports, --stats-json, the summary
// lines of --read): that is where a device or FIFO is kept from being replaced. A symbolic
// link is followed, as open(2) with O_CREAT (tshark, dumpcap) and QSaveFile do: the file it
// points to is replaced and the link stays; the staging file goes beside that file.
// Two ways to stage a regular file:
// - Staging::Hidden: QSaveFile's hidden temporary file (the window's exports, which are
//   written in one go from packets already in memory);
// - Staging::PartFile: TARGET.part, where dumpcap users look for the data of a capture that
//   was killed. checkpoint() hands everything written to the kernel, so after SIGKILL the
//   .part file is readable up to the last checkpoint, and to the disk once a second: an
//   fdatasync on a thread of its own (one at a time, on a duplicate of the descriptor), so a
//   slow disk never stalls the writer (a live capture's main thread waited up to 220 ms for
//   it under load while the capture thread stopped draining); power loss costs about the last
//   second, or as long as the disk takes to sync. A sync's failure fails the next
//   checkpoint() or commit(); commit() waits for it and syncs the rest. A stale .part of an earlier
//   run is overwritten.
// Used on the exporting thread only.
class ExportOutput final
{
    Q_DISABLE_COPY_MOVE(ExportOutput)
public:
    enum class Staging { Hidden, PartFile };

    ExportOutput();
    ~ExportOutput(); // cancels when not committed

    // main(), before anything opens a file: a closed standard stream (`>&-`) gets a
    // placeholder, so no file opened later takes its number and receives what was meant
    // for standard output; standard output then fails with "standard output is closed". A
    // broken pipe becomes EPIPE (SIGPIPE is ignored), so outputs to files still commit.
    static void protectStandardStreams();
    // True once a write to standard output met a pipe whose reader is gone.
    static bool standardOutputReaderGone();
    // True for the error line of that write: the caller may end quietly (exit 141).
    static bool isReaderGoneError(const QString &error);

    bool open(const QString &path, Staging staging = Staging::Hidden);
    bool write(QByteArrayView bytes);
    // Everything written so far reaches the kernel (and, for a .part file, the disk now and
    // then); nothing to do for a hidden temporary file, which only counts once committed.
    bool checkpoint();
    bool commit();
    void cancel();
    // The file being written while not committed: TARGET.part, or empty.
    QString partPath() const { return m_partFile ? m_partPath : QString(); }
    // One line: "cannot write <path>: <reason>"
    QString errorString() const { return m_error; }

private:
    bool fail(const QString &reason);
    bool failStandardOutput(int error);
    bool commitPartFile();
    // Waits for a sync in flight; false (with the reason) when one failed.
    bool finishSync();

    QString m_path;   // as given, for messages
    QString m_target; // a .part file's rename target: m_path with its links followed
    QString m_partPath;
    std::unique_ptr<QFileDevice> m_device;
    QSaveFile *m_saveFile = nullptr; // m_device when staged in a hidden temporary file
    bool m_partFile = false;         // m_device is m_partPath
    qint64 m_lastSyncMs = 0;
    std::thread m_sync; // the last background fdatasync; joined before the next one
    std::atomic<bool> m_syncRunning{false};
    std::atomic<int> m_syncErrno{0}; // of a failed background fdatasync, not reported yet
    QString m_error;
    bool m_done = false;
};

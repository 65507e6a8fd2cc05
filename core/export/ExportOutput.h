#pragma once

#include <QByteArrayView>
#include <QString>

#include <memory>

class QFileDevice;
class QSaveFile;

// Where an export goes, written so that a failure leaves nothing behind: a regular file
// through QSaveFile (a temporary file renamed over the target on commit, so an existing
// file stays intact until the new one is complete); "-" = standard output; an existing
// non-regular file (a FIFO, /dev/null, /dev/full) written in place, as renaming over a
// device would replace it. Used on the exporting thread only.
class ExportOutput final
{
    Q_DISABLE_COPY_MOVE(ExportOutput)
public:
    ExportOutput();
    ~ExportOutput(); // cancels when not committed

    bool open(const QString &path);
    bool write(QByteArrayView bytes);
    bool commit();
    void cancel();
    // One line: "cannot write <path>: <reason>"
    QString errorString() const { return m_error; }

private:
    bool fail(const QString &reason);

    QString m_path;
    std::unique_ptr<QFileDevice> m_device;
    QSaveFile *m_saveFile = nullptr; // m_device when writing atomically
    QString m_error;
    bool m_done = false;
};

#pragma once

#include "BackgroundJob.h"
#include "BehaviourTypes.h"
#include "CaptureFileReader.h"
#include "ConformanceTypes.h"
#include "DirectoryTypes.h"
#include "SenderTable.h"

#include <QList>

#include <memory>

// What the GUI needs from a capture file, all computed off the GUI thread: the packets,
// each one's malformed verdict, the sender statistics and the service directory (as one
// change snapshot with everything in it, finished at the last packet's time), the conformance
// checker's findings and the behaviour model's latency and talkers (likewise, with reset set).
struct OpenedFile
{
    QString path;
    CaptureFileResult file;
    QList<bool> malformed;
    quint64 malformedCount = 0;
    SenderTable senders;
    DirectoryChanges directory;
    FindingChanges findings;
    BehaviourChanges behaviour;
};

// Reads a pcap / pcapng file on a worker thread in batches through the packet pipeline (each
// packet decoded once, analysed as a live batch is, for the malformed flags and the senders),
// reporting progress in percent. cancel() stops it;
// destroying the job cancels and joins it. Lives in the GUI thread.
class OpenFileJob final : public BackgroundJob
{
    Q_OBJECT
public:
    explicit OpenFileJob(QObject *parent = nullptr);
    ~OpenFileJob() override;

    void start(const QString &path);

Q_SIGNALS:
    void progress(int percent);
    void finished(std::shared_ptr<OpenedFile> result);
};

#pragma once

#include "MainWindow.h"

#include <QSignalSpy>
#include <QString>

// For GUI tests: opens a capture file in the window through its own open path (the worker job)
// and waits for the answer. Header only: the tests that use it link mdnscope_ui. GUI thread.
namespace WindowFiles {

// True when the file opened (fileOpened(true) within timeoutMs).
inline bool open(MainWindow &window, const QString &path, int timeoutMs = 20'000)
{
    QSignalSpy opened(&window, &MainWindow::fileOpened);
    window.openFile(path);
    return opened.wait(timeoutMs) && opened.at(0).at(0).toBool();
}

} // namespace WindowFiles

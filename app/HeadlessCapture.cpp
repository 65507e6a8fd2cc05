#include "HeadlessCapture.h"

#include <QTextStream>

int HeadlessCapture::run(const CommandLineOptions &)
{
    QTextStream(stderr) << "mdnscope: headless capture is not built yet\n";
    return CommandLine::ExitFailure;
}

#include "CommandLine.h"
#include "ExportOutput.h"
#include "HeadlessCapture.h"
#include "MainWindow.h"
#include "ReadCommand.h"
#include "StreamJob.h"
#include "Translations.h"
#include "Version.h"

#include <QAction>
#include <QApplication>
#include <QCoreApplication>
#include <QTextStream>

#include <memory>

using namespace Qt::StringLiterals;

namespace {
bool hasDisplay()
{
    return qEnvironmentVariableIsSet("DISPLAY") || qEnvironmentVariableIsSet("WAYLAND_DISPLAY") ||
           qEnvironmentVariableIsSet("QT_QPA_PLATFORM");
}
} // namespace

int main(int argc, char *argv[])
{
    // First of all: before Qt or anything else opens a file that could take the number of a
    // closed standard output.
    ExportOutput::protectStandardStreams();
    QCoreApplication::setApplicationName(u"mdnscope"_s);
    QCoreApplication::setOrganizationName(u"mdnscope"_s);
    QCoreApplication::setApplicationVersion(QStringLiteral(MDNSCOPE_VERSION));

    // A QApplication aborts where there is no display, so headless modes, and any command
    // line on a machine without one, get a QCoreApplication: bad arguments then still end with
    // one line and exit code 2, and only the window itself needs the display.
    std::unique_ptr<QCoreApplication> app;
    const bool windowPossible = hasDisplay();
    if (CommandLine::wantsNoDisplay(argc, argv) || !windowPossible)
        app = std::make_unique<QCoreApplication>(argc, argv);
    else
        app = std::make_unique<QApplication>(argc, argv);

    // An explicit --lang applies to the command line too (its errors, --help, the messages on
    // standard error; the outputs stay English): installed before parsing. Without it, the
    // command line speaks English and the window follows the system locale.
    const QString language = CommandLine::languageArgument(QCoreApplication::arguments());
    const bool translated = !language.isEmpty();
    if (translated)
        Translations::install(language);
    const CommandLineResult parsed = CommandLine::parse(QCoreApplication::arguments());
    if (parsed.status == CommandLineResult::Status::Error) {
        QTextStream(stderr) << "mdnscope: " << parsed.error << '\n';
        return CommandLine::ExitUsage;
    }
    if (parsed.status == CommandLineResult::Status::HelpShown ||
        parsed.status == CommandLineResult::Status::VersionShown)
        return CommandLine::ExitOk;
    const CommandLineOptions &options = parsed.options;
    switch (options.mode) {
    case CommandLineOptions::Mode::Headless:
        return HeadlessCapture::run(options);
    case CommandLineOptions::Mode::Read:
        return ReadCommand::run(options);
    case CommandLineOptions::Mode::Gui:
        break;
    }
    if (!windowPossible) {
        QTextStream(stderr) << "mdnscope: "
                            << QCoreApplication::translate(
                                   "main", "no display to open the window on (DISPLAY, "
                                           "WAYLAND_DISPLAY and QT_QPA_PLATFORM are unset); "
                                           "use --headless or --read without one")
                            << '\n';
        return CommandLine::ExitFailure;
    }
    // Before any window: labels translated once (e.g. the decoder's) must see the language.
    if (!translated)
        Translations::install(options.language);
    MainWindow window;
    if (!options.interfaceName.isEmpty())
        window.setInterface(options.interfaceName);
    if (options.familyGiven)
        window.setFamilies(options.ipv4, options.ipv6);
    if (options.noPool)
        window.poolingAction()->setChecked(false);
    window.show();
    // `mdnscope -` (standard input) or a FIFO: a live stream, read as a running capture.
    if (!options.openFile.isEmpty() && StreamJob::isFileSource(options.openFile))
        window.openStream(options.openFile);
    else if (!options.openFile.isEmpty())
        window.openFile(options.openFile);
    return app->exec();
}

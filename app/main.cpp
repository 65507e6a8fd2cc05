#include "CommandLine.h"
#include "HeadlessCapture.h"
#include "MainWindow.h"
#include "ReadCommand.h"
#include "Translations.h"

#include <QAction>
#include <QApplication>
#include <QCoreApplication>
#include <QTextStream>

#include <memory>

using namespace Qt::StringLiterals;

int main(int argc, char *argv[])
{
    QCoreApplication::setApplicationName(u"mdnscope"_s);
    QCoreApplication::setOrganizationName(u"mdnscope"_s);
    QCoreApplication::setApplicationVersion(QStringLiteral(MDNSCOPE_VERSION));

    std::unique_ptr<QCoreApplication> app;
    if (CommandLine::wantsNoDisplay(argc, argv))
        app = std::make_unique<QCoreApplication>(argc, argv);
    else
        app = std::make_unique<QApplication>(argc, argv);

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
    // Before any window: labels translated once (e.g. the decoder's) must see the language.
    Translations::install(options.language);
    MainWindow window;
    if (!options.interfaceName.isEmpty())
        window.setInterface(options.interfaceName);
    if (options.noPool)
        window.poolingAction()->setChecked(false);
    window.show();
    if (!options.openFile.isEmpty())
        window.openFile(options.openFile);
    return app->exec();
}

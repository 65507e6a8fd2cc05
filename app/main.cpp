#include "CommandLine.h"
#include "HeadlessCapture.h"
#include "ReadCommand.h"

#include <QApplication>
#include <QCoreApplication>
#include <QLabel>
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
    const CommandLineOptions &options = parsed.options;
    switch (options.mode) {
    case CommandLineOptions::Mode::Headless:
        return HeadlessCapture::run(options);
    case CommandLineOptions::Mode::Read:
        return ReadCommand::run(options);
    case CommandLineOptions::Mode::Gui:
        break;
    }
    QLabel window(QCoreApplication::translate("main", "mdnscope"));
    window.resize(640, 400);
    window.show();
    return app->exec();
}

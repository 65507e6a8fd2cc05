#pragma once

#include <QString>
#include <QStringList>

// The command line of mdnscope: GUI (default), headless capture, or offline read.
// Parsed once in main(); the result is a plain value. GUI thread, before any window.
struct CommandLineOptions
{
    enum class Mode { Gui, Headless, Read };
    Mode mode = Mode::Gui;

    // capture (headless and GUI)
    QString interfaceName;         // empty = every up, multicast-capable interface
    bool ipv4 = true, ipv6 = true; // --family ipv4 | ipv6 | both
    bool familyGiven = false;      // the window keeps its saved choice otherwise
    QString groupV4 = QStringLiteral("224.0.0.251");
    QString groupV6 = QStringLiteral("ff02::fb");
    quint16 port = 5353;
    double durationSeconds = 0; // 0 = until count or a signal
    qint64 count = 0;           // 0 = unlimited
    bool noPool = false;
    QString statsJson;      // file for the final statistics ("-" = stdout)
    QString metricsAddress; // --metrics ADDRESS:PORT (headless): serve Prometheus metrics there

    // files (headless and read)
    QString readFile;       // --read FILE
    QString writePcapng;    // --write OUT.pcapng
    QString jsonOut;        // --json OUT.jsonl or "-"
    QString csvOut;         // --csv OUT.csv or "-"
    QString servicesOut;    // --services OUT.jsonl or "-": the service directory at the end
    QString checkOut;       // --check OUT.jsonl or "-": the conformance findings at the end
    bool scorecard = false; // --scorecard: --check ends with the scorecard line
    QString displayFilter;  // -Y FILTER (--read): only the packets it matches reach the outputs

    // GUI
    QString openFile; // positional FILE
    QString language; // --lang de
};

struct CommandLineResult
{
    enum class Status { Ok, Error, HelpShown, VersionShown };
    Status status = Status::Ok;
    QString error; // one line, for Status::Error
    CommandLineOptions options;
};

namespace CommandLine {
// True when argv asks for a mode that needs no display (headless, read, help,
// version), so main() can create a QCoreApplication instead of a QApplication.
bool wantsNoDisplay(int argc, char **argv);
// The value of --lang (--lang CODE or --lang=CODE) ahead of parse(), empty when not given: the
// translators are installed before the command line is parsed, so its errors (a -Y filter's
// reason among them), --help and the messages on standard error read in that language.
QString languageArgument(const QStringList &arguments);
// Parses the application's arguments. Prints help or version ("mdnscope 0.1.0 (Qt 6.4.2)")
// itself.
CommandLineResult parse(const QStringList &arguments);

// Exit codes (documented in the README)
constexpr int ExitOk = 0;
constexpr int ExitFailure = 1; // runtime failure: interface, join, port, unreadable file
constexpr int ExitUsage = 2;   // bad arguments
// --check reported an `error` finding (a MUST of RFC 6762 / 6763 broken). Only when the run
// would otherwise exit 0: 1, 2, 130 / 143 and 141 win over it.
constexpr int ExitFindings = 3;
// The reader of standard output went away (`| head`): 128 + SIGPIPE, what a shell shows
// for a command SIGPIPE ended, but reached quietly with the file outputs committed.
constexpr int ExitReaderGone = 141;
// --read stopped by SIGINT / SIGTERM: 128 + the signal (130, 143), as a shell reports a
// command a signal ended, though the outputs are complete (of what was read).
constexpr int exitForSignal(int signal)
{
    return 128 + signal;
}
} // namespace CommandLine

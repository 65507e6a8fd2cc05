#include "CommandLine.h"

#include "DisplayFilter.h"
#include "MetricsServer.h"

#include <QCommandLineParser>
#include <QCoreApplication>
#include <QHostAddress>
#include <QTextStream>

#include <cstring>

using namespace Qt::StringLiterals;

namespace {
// --duration at most this (115 days): far beyond any capture, and safely inside the
// millisecond deadline arithmetic.
constexpr double kMaxDurationSeconds = 1e7;
} // namespace

bool CommandLine::wantsNoDisplay(int argc, char **argv)
{
    for (int i = 1; i < argc; ++i) {
        const char *a = argv[i];
        for (const char *flag : {"--headless", "--read", "--help", "-h", "--help-all", "--version",
                                 "-v", "-headless", "-read"}) {
            if (std::strcmp(a, flag) == 0 || (std::strncmp(a, "--read=", 7) == 0))
                return true;
        }
    }
    return false;
}

QString CommandLine::languageArgument(const QStringList &arguments)
{
    QString language;
    for (qsizetype i = 1; i < arguments.size(); ++i) {
        const QString &a = arguments.at(i);
        if (a == u"--"_s)
            break;
        if (a == u"--lang"_s && i + 1 < arguments.size())
            language = arguments.at(++i);
        else if (a.startsWith(u"--lang="_s))
            language = a.mid(7);
    }
    return language;
}

CommandLineResult CommandLine::parse(const QStringList &arguments)
{
    CommandLineResult result;
    CommandLineOptions &o = result.options;

    QCommandLineParser p;
    p.setApplicationDescription(
        QCoreApplication::translate(
            "CommandLine", "Multicast DNS traffic monitor. Without options it opens the window.") +
        u"\n\n"_s +
        QCoreApplication::translate(
            "CommandLine",
            "--headless and --read write each output file while they run, to OUT.part beside "
            "it (a stale one is overwritten), renamed to OUT when complete; after a crash or "
            "kill the .part file holds the data up to the last batch. SIGINT or SIGTERM stops "
            "the capture or the reading and everything so far is written; further signals "
            "only say what is left. Exit codes: 0 success (also a capture stopped by a "
            "signal); 1 runtime failure; 2 bad arguments; 3 --check reported an error finding "
            "(only when the run would otherwise exit 0); 130 (143 for SIGTERM) --read "
            "interrupted: the outputs are complete but hold only what was read before.") +
        u"\n\n"_s +
        QCoreApplication::translate(
            "CommandLine",
            "Devices, FIFOs and standard output are written in place; a symbolic link is "
            "followed (the file it points to is replaced, the link stays). When a file fails "
            "before its first packet, an existing output is left as it was. A full or closed "
            "standard output is a runtime failure (1); 141: the reader of standard output went "
            "away (| head), the files are committed. A --headless capture streaming to standard "
            "output (--write -, --json -, --csv -) ends with 0 when its reader goes away, the "
            "final figures on standard error."));
    const QCommandLineOption helpOpt = p.addHelpOption();
    const QCommandLineOption versionOpt = p.addVersionOption();

    const QCommandLineOption headless(
        u"headless"_s, QCoreApplication::translate("CommandLine", "Capture without a window."));
    const QCommandLineOption iface(
        u"interface"_s,
        QCoreApplication::translate(
            "CommandLine",
            "Capture on this interface only (default: every up, multicast-capable interface)."),
        u"NAME"_s);
    const QCommandLineOption family(
        u"family"_s,
        QCoreApplication::translate("CommandLine",
                                    "Address families to capture: ipv4 (224.0.0.251), ipv6 "
                                    "(ff02::fb) or both (default)."),
        u"FAMILY"_s, u"both"_s);
    const QCommandLineOption group(
        u"group"_s,
        QCoreApplication::translate("CommandLine",
                                    "Multicast group to join instead of 224.0.0.251 (an IPv4 "
                                    "address) or ff02::fb (an IPv6 address); once per family."),
        u"ADDR"_s);
    const QCommandLineOption port(
        u"port"_s, QCoreApplication::translate("CommandLine", "UDP port (default 5353)."), u"N"_s,
        QString::number(o.port));
    const QCommandLineOption duration(
        u"duration"_s, QCoreApplication::translate("CommandLine", "Stop after this many seconds."),
        u"SECONDS"_s);
    const QCommandLineOption count(
        u"count"_s, QCoreApplication::translate("CommandLine", "Stop after this many packets."),
        u"N"_s);
    const QCommandLineOption noPool(
        u"no-pool"_s,
        QCoreApplication::translate(
            "CommandLine",
            "Allocate a fresh 9000-byte buffer for every receive instead of pooling."));
    const QCommandLineOption statsJson(
        u"stats-json"_s,
        QCoreApplication::translate(
            "CommandLine",
            "Write the final statistics, with query latency and top talkers, as one JSON "
            "object to FILE (- for stdout)."),
        u"FILE"_s);
    const QCommandLineOption read(
        u"read"_s,
        QCoreApplication::translate("CommandLine",
                                    "Decode a pcap or pcapng file without a window; - (standard "
                                    "input) or a FIFO is decoded live, as it arrives."),
        u"FILE"_s);
    const QCommandLineOption write(
        u"write"_s,
        QCoreApplication::translate("CommandLine",
                                    "Write the packets to a pcapng file (- streams it to "
                                    "standard output, flushed batch by batch)."),
        u"OUT.pcapng"_s);
    const QCommandLineOption json(
        u"json"_s,
        QCoreApplication::translate("CommandLine",
                                    "Write the decoded packets as JSON Lines (- for stdout)."),
        u"OUT.jsonl"_s);
    const QCommandLineOption csv(
        u"csv"_s,
        QCoreApplication::translate("CommandLine", "Write the packets as CSV (- for stdout)."),
        u"OUT.csv"_s);
    const QCommandLineOption services(
        u"services"_s,
        QCoreApplication::translate(
            "CommandLine",
            "At the end of the file or capture, write every DNS-SD service instance heard (its "
            "host, port, TXT, addresses, who announced it and its state) as JSON Lines to FILE "
            "(- for stdout)."),
        u"FILE"_s);
    const QCommandLineOption check(
        u"check"_s,
        QCoreApplication::translate(
            "CommandLine",
            "Check every packet against the rules of RFC 6762 and RFC 6763 and, at the end of "
            "the file or capture, write the findings (rule, severity, sender, name, packets, "
            "message) as JSON Lines to FILE (- for stdout), with a summary on standard error. "
            "Exit code 3 when an error finding was reported."),
        u"FILE"_s);
    const QCommandLineOption scorecard(
        u"scorecard"_s,
        QCoreApplication::translate("CommandLine",
                                    "With --check: end the findings with a scorecard line (per "
                                    "device and rule group: pass, warn, fail or not-seen)."));
    const QCommandLineOption displayFilter(
        QStringList{u"Y"_s, u"display-filter"_s},
        QCoreApplication::translate(
            "CommandLine",
            "With --read: only the packets the display filter matches reach the outputs (the "
            "summary lines, --write, --json, --csv, --services, --check, --stats-json). "
            "Wireshark's syntax and field names, e.g. 'dns.qry.name contains \"_ipp\" && "
            "ip.src == 169.254.0.0/16'."),
        u"FILTER"_s);
    const QCommandLineOption metrics(
        u"metrics"_s,
        QCoreApplication::translate(
            "CommandLine",
            "With --headless: serve Prometheus metrics (packets, bytes, malformed, drops, pool, "
            "allocations, per host, services, findings) over HTTP at "
            "http://ADDRESS:PORT/metrics, e.g. 127.0.0.1:9100 or [::1]:9100. Listens only "
            "there; off by default. Exit code 2 when it cannot listen there."),
        u"ADDRESS:PORT"_s);
    const QCommandLineOption lang(
        u"lang"_s,
        QCoreApplication::translate(
            "CommandLine", "User interface language, e.g. de (default: the system locale)."),
        u"CODE"_s);
    p.addOptions({headless, iface, family, group, port, duration, count, noPool, statsJson, read,
                  write, json, csv, services, check, scorecard, displayFilter, metrics, lang});
    p.addPositionalArgument(
        u"FILE"_s,
        QCoreApplication::translate("CommandLine",
                                    "A pcap or pcapng file to open in the window; - (standard "
                                    "input) or a FIFO is read live, as a running capture."),
        u"[FILE]"_s);

    auto fail = [&result](const QString &message) {
        result.status = CommandLineResult::Status::Error;
        result.error = message;
        return result;
    };

    if (!p.parse(arguments))
        return fail(p.errorText());
    if (p.isSet(helpOpt)) {
        result.status = CommandLineResult::Status::HelpShown;
        p.showHelp(0); // exits
    }
    if (p.isSet(versionOpt)) {
        // The version and the Qt library it runs on (qVersion(): the one loaded, which may be
        // newer than the one it was built with).
        result.status = CommandLineResult::Status::VersionShown;
        QTextStream(stdout) << QCoreApplication::applicationName() << ' '
                            << QCoreApplication::applicationVersion() << " (Qt " << qVersion()
                            << ")\n";
        return result;
    }

    if (p.isSet(headless) && p.isSet(read))
        return fail(
            QCoreApplication::translate("CommandLine", "--headless and --read cannot be combined"));
    o.mode = p.isSet(headless) ? CommandLineOptions::Mode::Headless
             : p.isSet(read)   ? CommandLineOptions::Mode::Read
                               : CommandLineOptions::Mode::Gui;

    o.interfaceName = p.value(iface);
    if (p.isSet(iface) && o.interfaceName.isEmpty())
        return fail(QCoreApplication::translate("CommandLine", "--interface needs a name"));

    const QString familyText = p.value(family).toLower();
    if (familyText != u"both"_s && familyText != u"ipv4"_s && familyText != u"ipv6"_s)
        return fail(
            QCoreApplication::translate("CommandLine", "--family: '%1' is not ipv4, ipv6 or both")
                .arg(p.value(family)));
    o.ipv4 = familyText != u"ipv6"_s;
    o.ipv6 = familyText != u"ipv4"_s;
    o.familyGiven = p.isSet(family);

    bool groupSet[2] = {false, false};
    for (const QString &text : p.values(group)) {
        // QHostAddress would take a scope ("ff02::fb%eth0"); a group has none.
        const QHostAddress address(text);
        const bool v4 = address.protocol() == QAbstractSocket::IPv4Protocol;
        const bool v6 =
            address.protocol() == QAbstractSocket::IPv6Protocol && address.scopeId().isEmpty();
        if ((!v4 && !v6) || !address.isMulticast())
            return fail(QCoreApplication::translate(
                            "CommandLine", "--group: '%1' is not an IPv4 or IPv6 multicast address")
                            .arg(text));
        if (std::exchange(groupSet[v4 ? 0 : 1], true))
            return fail(QCoreApplication::translate("CommandLine",
                                                    "--group: one %1 group only ('%2' is another)")
                            .arg(v4 ? u"IPv4"_s : u"IPv6"_s, text));
        if ((v4 && !o.ipv4) || (v6 && !o.ipv6))
            return fail(QCoreApplication::translate("CommandLine",
                                                    "--group: '%1' is an %2 group, but --family %3 "
                                                    "does not capture %2")
                            .arg(text, v4 ? u"IPv4"_s : u"IPv6"_s, familyText));
        (v4 ? o.groupV4 : o.groupV6) = text;
    }

    bool ok = false;
    const uint portValue = p.value(port).toUInt(&ok);
    if (!ok || portValue == 0 || portValue > 65535)
        return fail(QCoreApplication::translate("CommandLine", "--port: '%1' is not a port number")
                        .arg(p.value(port)));
    o.port = quint16(portValue);

    if (p.isSet(duration)) {
        o.durationSeconds = p.value(duration).toDouble(&ok);
        if (!ok || !(o.durationSeconds > 0))
            return fail(QCoreApplication::translate(
                            "CommandLine", "--duration: '%1' is not a positive number of seconds")
                            .arg(p.value(duration)));
        if (o.durationSeconds > kMaxDurationSeconds)
            return fail(QCoreApplication::translate(
                            "CommandLine",
                            "--duration: '%1' is more than the limit of %2 seconds (about %3 days)")
                            .arg(p.value(duration))
                            .arg(qint64(kMaxDurationSeconds))
                            .arg(qint64(kMaxDurationSeconds / 86400)));
    }
    if (p.isSet(count)) {
        o.count = p.value(count).toLongLong(&ok);
        if (!ok || o.count <= 0)
            return fail(
                QCoreApplication::translate("CommandLine", "--count: '%1' is not a positive number")
                    .arg(p.value(count)));
    }
    // An empty file name is a mistake in the command line (an unset shell variable), not a
    // file that cannot be opened: say so before anything runs, and never ignore the option.
    for (const QCommandLineOption *option :
         {&read, &write, &json, &csv, &services, &check, &statsJson}) {
        if (p.isSet(*option) && p.value(*option).isEmpty())
            return fail(QCoreApplication::translate("CommandLine", "--%1 needs a file name")
                            .arg(option->names().constFirst()));
    }
    o.noPool = p.isSet(noPool);
    o.statsJson = p.value(statsJson);
    o.readFile = p.value(read);
    o.writePcapng = p.value(write);
    o.jsonOut = p.value(json);
    o.csvOut = p.value(csv);
    o.servicesOut = p.value(services);
    o.checkOut = p.value(check);
    o.scorecard = p.isSet(scorecard);
    o.language = p.value(lang);
    if (p.isSet(displayFilter)) {
        if (o.mode != CommandLineOptions::Mode::Read)
            return fail(QCoreApplication::translate("CommandLine", "-Y needs --read"));
        o.displayFilter = p.value(displayFilter);
        DisplayFilter compiled;
        DisplayFilter::Error error;
        if (!DisplayFilter::compile(o.displayFilter, &compiled, &error)) {
            // As tshark shows it: the reason, then the filter with the part at fault marked.
            const QString marker = QString(error.position, u' ') + u'^' +
                                   QString(qMax<qsizetype>(error.length, 1) - 1, u'~');
            return fail(QCoreApplication::translate("CommandLine", "-Y: %1 (at character %2)")
                            .arg(error.reason)
                            .arg(error.position + 1) +
                        u"\n    "_s + o.displayFilter + u"\n    "_s + marker);
        }
    }

    const bool captureOnly = p.isSet(iface) || p.isSet(family) || p.isSet(group) ||
                             p.isSet(duration) || p.isSet(count) || p.isSet(noPool);
    if (o.mode == CommandLineOptions::Mode::Read && captureOnly)
        return fail(QCoreApplication::translate(
            "CommandLine", "--read takes no capture options (--interface, --family, --group, "
                           "--duration, --count, --no-pool)"));
    if (o.mode == CommandLineOptions::Mode::Gui &&
        (p.isSet(write) || p.isSet(json) || p.isSet(csv) || p.isSet(services) || p.isSet(check) ||
         p.isSet(scorecard) || p.isSet(statsJson) || p.isSet(duration) || p.isSet(count)))
        return fail(QCoreApplication::translate(
            "CommandLine", "--write, --json, --csv, --services, --check, --scorecard, "
                           "--stats-json, --duration and --count need --headless or --read"));
    if (p.isSet(metrics)) {
        if (o.mode != CommandLineOptions::Mode::Headless)
            return fail(QCoreApplication::translate("CommandLine", "--metrics needs --headless"));
        QHostAddress address;
        quint16 metricsPort = 0;
        QString why;
        if (!MetricsServer::parseAddress(p.value(metrics), &address, &metricsPort, &why))
            return fail(QCoreApplication::translate("CommandLine", "--metrics: %1").arg(why));
        o.metricsAddress = p.value(metrics);
    }
    if (o.scorecard && !p.isSet(check))
        return fail(QCoreApplication::translate("CommandLine", "--scorecard needs --check"));

    const QStringList positional = p.positionalArguments();
    if (positional.size() > 1)
        return fail(QCoreApplication::translate("CommandLine", "unexpected argument '%1'")
                        .arg(positional.at(1)));
    if (!positional.isEmpty()) {
        if (o.mode != CommandLineOptions::Mode::Gui)
            return fail(QCoreApplication::translate("CommandLine", "unexpected argument '%1'")
                            .arg(positional.first()));
        o.openFile = positional.first();
    }
    if (o.jsonOut == u"-"_s && o.csvOut == u"-"_s)
        return fail(QCoreApplication::translate(
            "CommandLine", "--json - and --csv - cannot both write to stdout"));
    return result;
}

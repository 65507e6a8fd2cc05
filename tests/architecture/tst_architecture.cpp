// The architecture of docs/ARCHITECTURE.md, checked on the sources: every #include of every
// room's files must reach only its own room, the rooms docs/architecture-graph.txt lets it
// use (directly or through them, as CMake's public links do) and the Qt modules they allow.
// The same file gives CMake each library's links, so the graph is written once.
#include <QDir>
#include <QDirIterator>
#include <QFile>
#include <QHash>
#include <QLibraryInfo>
#include <QRegularExpression>
#include <QSet>
#include <QTemporaryDir>
#include <QTest>

using namespace Qt::StringLiterals;

namespace {

struct Room
{
    QString library;
    QString folder;        // relative to the source root
    QStringList rooms;     // libraries it may use directly
    QStringList qtModules; // e.g. "Widgets", from "Qt6::Widgets"
};

struct Graph
{
    QList<Room> rooms;
    QString error; // set when the file cannot be parsed
    const Room *find(const QString &library) const
    {
        for (const Room &r : rooms)
            if (r.library == library)
                return &r;
        return nullptr;
    }
};

Graph parseGraph(const QString &text)
{
    Graph g;
    const QStringList lines = text.split(u'\n');
    for (qsizetype n = 0; n < lines.size(); ++n) {
        const QString line = lines.at(n).trimmed();
        if (line.isEmpty() || line.startsWith(u'#'))
            continue;
        const QStringList f = line.split(QRegularExpression(u"\\s+"_s));
        if (f.size() < 2) {
            g.error = u"line %1: expected 'library folder uses...'"_s.arg(n + 1);
            return g;
        }
        Room r{f.at(0), f.at(1), {}, {}};
        for (qsizetype i = 2; i < f.size(); ++i) {
            if (f.at(i).startsWith(u"Qt6::"))
                r.qtModules.append(f.at(i).mid(5));
            else
                r.rooms.append(f.at(i));
        }
        g.rooms.append(r);
    }
    for (const Room &r : std::as_const(g.rooms))
        for (const QString &used : r.rooms)
            if (!g.find(used))
                g.error = u"%1 uses %2, which is not a room"_s.arg(r.library, used);
    return g;
}

// The rooms a library reaches through public links, itself included; empty on a cycle.
QSet<QString> reachable(const Graph &g, const QString &library, QStringList path = {})
{
    if (path.contains(library))
        return {};
    path.append(library);
    QSet<QString> out{library};
    const Room *r = g.find(library);
    if (!r)
        return out;
    for (const QString &used : r->rooms) {
        const QSet<QString> sub = reachable(g, used, path);
        if (sub.isEmpty())
            return {};
        out.unite(sub);
    }
    return out;
}

QSet<QString> allowedQtModules(const Graph &g, const QSet<QString> &rooms)
{
    QSet<QString> modules;
    for (const QString &library : rooms) {
        const Room *r = g.find(library);
        if (!r)
            continue;
        for (const QString &m : r->qtModules) {
            modules.insert(m);
            modules.insert(u"Core"_s); // every Qt module depends on Core
            if (m == u"Widgets")
                modules.insert(u"Gui"_s);
        }
    }
    return modules;
}

bool isSource(const QString &name)
{
    return name.endsWith(u".cpp") || name.endsWith(u".h");
}

QStringList sourcesIn(const QString &dir) // the room's own files, not its subfolders
{
    return QDir(dir).entryList({u"*.cpp"_s, u"*.h"_s}, QDir::Files, QDir::Name);
}

// The Qt module (e.g. "Widgets") whose headers hold <name>, or empty when it is no Qt header.
QString qtModuleOf(const QString &include, const QString &qtHeaders)
{
    static const QStringList modules{u"Core"_s, u"Gui"_s,        u"Widgets"_s, u"Network"_s,
                                     u"Test"_s, u"Concurrent"_s, u"Sql"_s,     u"Xml"_s};
    const qsizetype slash = include.indexOf(u'/');
    if (slash > 0 && include.startsWith(u"Qt")) // <QtWidgets/QWidget>
        return include.mid(2, slash - 2);
    for (const QString &m : modules) {
        if (include == u"Qt"_s + m) // <QtWidgets>
            return m;
        if (QFile::exists(qtHeaders + u"/Qt"_s + m + u'/' + include))
            return m;
    }
    return {};
}

// Headers the build generates into a room's include path.
const QHash<QString, QString> kGeneratedHeaders{{u"Version.h"_s, u"mdnscope_common"_s}};

// Every include that breaks the graph, one line each ("file: includes X of room Y, which
// room Z may not use"). `root` is the source tree.
QStringList violations(const QString &root, const Graph &g, const QString &qtHeaders)
{
    QStringList out;
    QHash<QString, QString> headerRoom; // header file name -> library
    for (const Room &r : g.rooms) {
        for (const QString &name : sourcesIn(root + u'/' + r.folder)) {
            if (!name.endsWith(u".h"))
                continue;
            if (headerRoom.contains(name))
                out.append(
                    u"%1 is in both %2 and %3: includes name headers without their folder, "
                    "so each name must be unique"_s.arg(name, headerRoom.value(name), r.library));
            headerRoom.insert(name, r.library);
        }
    }
    for (auto it = kGeneratedHeaders.begin(); it != kGeneratedHeaders.end(); ++it)
        headerRoom.insert(it.key(), it.value());

    static const QRegularExpression includeLine(u"^\\s*#\\s*include\\s*([\"<])([^\">]+)[\">]"_s);
    for (const Room &r : g.rooms) {
        const QSet<QString> rooms = reachable(g, r.library);
        if (rooms.isEmpty()) {
            out.append(u"%1: the graph has a cycle through it"_s.arg(r.library));
            continue;
        }
        const QSet<QString> modules = allowedQtModules(g, rooms);
        const QString dir = root + u'/' + r.folder;
        for (const QString &name : sourcesIn(dir)) {
            QFile file(dir + u'/' + name);
            if (!file.open(QIODevice::ReadOnly)) {
                out.append(u"%1/%2: cannot read"_s.arg(r.folder, name));
                continue;
            }
            int lineNumber = 0;
            while (!file.atEnd()) {
                const QString line = QString::fromUtf8(file.readLine());
                ++lineNumber;
                const auto m = includeLine.match(line);
                if (!m.hasMatch())
                    continue;
                const QString include = m.captured(2);
                const QString where = u"%1/%2:%3"_s.arg(r.folder, name).arg(lineNumber);
                if (m.captured(1) == u"\"") {
                    if (include.endsWith(u".moc") || include.startsWith(u"moc_") ||
                        include.startsWith(u"ui_"))
                        continue; // generated by moc / uic for this very file
                    const QString owner = headerRoom.value(include.section(u'/', -1));
                    if (owner.isEmpty())
                        out.append(
                            u"%1: includes \"%2\", which is in no room"_s.arg(where, include));
                    else if (!rooms.contains(owner))
                        out.append(u"%1: includes %2 of %3, which %4 may not use"_s.arg(
                            where, include, owner, r.library));
                } else {
                    const QString module = qtModuleOf(include, qtHeaders);
                    if (!module.isEmpty() && !modules.contains(module))
                        out.append(u"%1: includes <%2> of Qt %3, which %4 may not use"_s.arg(
                            where, include, module, r.library));
                }
            }
        }
    }
    return out;
}

QString readAll(const QString &path)
{
    QFile f(path);
    return f.open(QIODevice::ReadOnly) ? QString::fromUtf8(f.readAll()) : QString();
}

void writeFile(const QString &path, const QByteArray &bytes)
{
    QDir().mkpath(QFileInfo(path).absolutePath());
    QFile f(path);
    QVERIFY(f.open(QIODevice::WriteOnly));
    f.write(bytes);
}

} // namespace

class TestArchitecture final : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void graphIsReadable();
    void everyFolderWithSourcesIsARoom();
    void includesFollowTheGraph();
    void forbiddenIncludesAreReported();
    void architecturePageNamesEveryRoom();

private:
    const QString m_root = QStringLiteral(MDNSCOPE_SOURCE_DIR);
    const QString m_qtHeaders = QLibraryInfo::path(QLibraryInfo::HeadersPath);
    Graph graph() const { return parseGraph(readAll(m_root + u"/docs/architecture-graph.txt"_s)); }
};

void TestArchitecture::graphIsReadable()
{
    const Graph g = graph();
    QVERIFY2(g.error.isEmpty(), qPrintable(g.error));
    QVERIFY(g.rooms.size() >= 10);
    QVERIFY(g.find(u"mdnscope_dns"_s));
    for (const Room &r : g.rooms) {
        QVERIFY2(QDir(m_root + u'/' + r.folder).exists(), qPrintable(r.folder));
        QVERIFY2(!reachable(g, r.library).isEmpty(), qPrintable(r.library + u" is on a cycle"_s));
    }
    // The arrows that matter most, read off the graph as the page states them.
    const auto uses = [&g](const char *from, const char *to) {
        return reachable(g, QString::fromLatin1(from)).contains(QString::fromLatin1(to));
    };
    QVERIFY(!uses("mdnscope_dns", "mdnscope_capture"));
    QVERIFY(!uses("mdnscope_dns", "mdnscope_files"));
    for (const Room &r : g.rooms) {
        if (r.folder.startsWith(u"core/")) {
            QVERIFY2(!allowedQtModules(g, reachable(g, r.library)).contains(u"Widgets"_s),
                     qPrintable(r.library));
            for (const QString &used : reachable(g, r.library))
                QVERIFY2(!g.find(used)->folder.startsWith(u"ui/"),
                         qPrintable(r.library + u" -> "_s + used));
        }
    }
}

void TestArchitecture::everyFolderWithSourcesIsARoom()
{
    const Graph g = graph();
    QSet<QString> folders;
    for (const Room &r : g.rooms)
        folders.insert(r.folder);
    for (const QString &top : {u"core"_s, u"ui"_s, u"app"_s, u"alloc"_s, u"resources"_s}) {
        QDirIterator it(m_root + u'/' + top, QDir::Files, QDirIterator::Subdirectories);
        while (it.hasNext()) {
            const QString path = it.next();
            if (!isSource(path))
                continue;
            const QString folder = QDir(m_root).relativeFilePath(QFileInfo(path).absolutePath());
            QVERIFY2(
                folders.contains(folder),
                qPrintable(path + u": its folder is no room of docs/architecture-graph.txt"_s));
        }
    }
}

void TestArchitecture::includesFollowTheGraph()
{
    const QStringList found = violations(m_root, graph(), m_qtHeaders);
    QVERIFY2(found.isEmpty(), qPrintable(found.join(u'\n')));
}

void TestArchitecture::forbiddenIncludesAreReported()
{
    // A small tree with three rooms and the arrows the real one forbids.
    QTemporaryDir dir;
    QVERIFY(dir.isValid());
    const QString root = dir.path();
    writeFile(root + u"/core/common/Packet.h"_s, "#pragma once\n#include <QByteArray>\n");
    writeFile(root + u"/core/capture/CaptureTypes.h"_s, "#pragma once\n#include \"Packet.h\"\n");
    writeFile(root + u"/core/dns/DnsDecoder.cpp"_s,
              "#include \"Packet.h\"\n#include \"CaptureTypes.h\"\n#include <QWidget>\n"
              "#include <QtWidgets/QLabel>\n#include \"Nowhere.h\"\n#include <vector>\n");
    const Graph g = parseGraph(u"mdnscope_common core/common Qt6::Core\n"
                               "mdnscope_capture core/capture mdnscope_common\n"
                               "mdnscope_dns core/dns mdnscope_common\n"_s);
    QVERIFY2(g.error.isEmpty(), qPrintable(g.error));
    const QStringList found = violations(root, g, m_qtHeaders);
    QCOMPARE(found.size(), 4);
    QVERIFY2(found.at(0).startsWith(u"core/dns/DnsDecoder.cpp:2: includes CaptureTypes.h of "
                                    "mdnscope_capture, which mdnscope_dns may not use"_s),
             qPrintable(found.at(0)));
    QVERIFY2(found.at(1).contains(u"<QWidget> of Qt Widgets"_s), qPrintable(found.at(1)));
    QVERIFY2(found.at(2).contains(u"<QtWidgets/QLabel> of Qt Widgets"_s), qPrintable(found.at(2)));
    QVERIFY2(found.at(3).contains(u"\"Nowhere.h\", which is in no room"_s),
             qPrintable(found.at(3)));

    // A cycle is reported, not followed forever.
    const Graph cyclic = parseGraph(u"mdnscope_common core/common mdnscope_dns\n"
                                    "mdnscope_capture core/capture mdnscope_common\n"
                                    "mdnscope_dns core/dns mdnscope_common\n"_s);
    QVERIFY(violations(root, cyclic, m_qtHeaders).join(u'\n').contains(u"cycle"_s));
}

void TestArchitecture::architecturePageNamesEveryRoom()
{
    const QString page = readAll(m_root + u"/docs/ARCHITECTURE.md"_s);
    QVERIFY(!page.isEmpty());
    for (const Room &r : graph().rooms)
        QVERIFY2(page.contains(r.folder + u'/'), qPrintable(r.folder + u" is not on the page"_s));
    QVERIFY(readAll(m_root + u"/README.md"_s).contains(u"docs/ARCHITECTURE.md"_s));
}

QTEST_GUILESS_MAIN(TestArchitecture)
#include "tst_architecture.moc"

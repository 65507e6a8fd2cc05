#include "MdnsCaptureFile.h"
#include "Version.h"

#include <QDir>
#include <QDirIterator>
#include <QFile>
#include <QProcess>
#include <QProcessEnvironment>
#include <QRegularExpression>
#include <QSet>
#include <QStandardPaths>
#include <QTemporaryDir>
#include <QTest>

using namespace Qt::StringLiterals;

// The installed mdnscope: `cmake --install` of this build into a scratch root puts every file
// in its FHS place and nothing else; the installed binary runs from there (--version, --read);
// the man page names every option --help prints and every exit code, and renders without a
// warning; the desktop entry and the AppStream metainfo pass their validators; the version in
// the metainfo and the Debian changelog is project(VERSION)'s.
namespace {

struct Run
{
    int exitCode = -1; // -1: did not start or finish in time; -2: ended by a signal
    QByteArray out, err;
};

Run run(const QString &program, const QStringList &args,
        const QProcessEnvironment &env = QProcessEnvironment::systemEnvironment())
{
    QProcess p;
    p.setProcessEnvironment(env);
    p.start(program, args);
    Run r;
    if (!p.waitForFinished(120'000))
        return r;
    r.exitCode = p.exitStatus() == QProcess::NormalExit ? p.exitCode() : -2;
    r.out = p.readAllStandardOutput();
    r.err = p.readAllStandardError();
    return r;
}

QByteArray readAll(const QString &path)
{
    QFile f(path);
    return f.open(QIODevice::ReadOnly) ? f.readAll() : QByteArray("<unreadable>");
}

QString source(const QString &relative)
{
    return QStringLiteral(MDNSCOPE_SOURCE_DIR "/") + relative;
}

// The sizes of the application icon: resources/appicon/mdnscope-<size>.png.
QList<int> appIconSizes()
{
    QList<int> sizes;
    const QRegularExpression name(u"^mdnscope-(\\d+)\\.png$"_s);
    for (const QString &file : QDir(source(u"resources/appicon"_s)).entryList(QDir::Files)) {
        const QRegularExpressionMatch m = name.match(file);
        if (m.hasMatch())
            sizes.append(m.captured(1).toInt());
    }
    std::sort(sizes.begin(), sizes.end());
    return sizes;
}

// Width and height from a PNG's IHDR chunk; {0, 0} when it is no PNG.
QPair<quint32, quint32> pngSize(const QByteArray &png)
{
    if (png.size() < 24 || !png.startsWith("\x89PNG\r\n\x1a\n") || png.mid(12, 4) != "IHDR")
        return {0, 0};
    const auto be32 = [&png](int at) {
        return quint32(quint8(png[at])) << 24 | quint32(quint8(png[at + 1])) << 16 |
               quint32(quint8(png[at + 2])) << 8 | quint32(quint8(png[at + 3]));
    };
    return {be32(16), be32(20)};
}

QByteArray gunzip(const QString &path)
{
    const QString gzip = QStandardPaths::findExecutable(u"gzip"_s);
    if (gzip.isEmpty())
        return "<no gzip>";
    const Run r = run(gzip, {u"-dc"_s, path});
    return r.exitCode == 0 ? r.out : QByteArray("<not gzip>");
}

// The text of the man page source between ".SH <title>" and the next ".SH".
QString manSection(const QString &page, const QString &title)
{
    const qsizetype start = page.indexOf(u"\n.SH "_s + title + u'\n');
    if (start < 0)
        return {};
    const qsizetype end = page.indexOf(u"\n.SH "_s, start + 1);
    return page.mid(start, end < 0 ? -1 : end - start);
}

} // namespace

class TestPackage : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase();
    void everyFileInItsPlace();
    void iconsHaveTheirSizes();
    void desktopEntryAndMetainfoAgree();
    void installedBinaryPrintsVersions();
    void installedBinaryReadsAFile();
    void installedDocsAreTheSources();
    void manPageNamesEveryOption();
    void manPageOptionsAreReal();
    void manPageNamesEveryExitCode();
    void manPageRendersWithoutWarnings();
    void desktopFileValidates();
    void metainfoValidates();
    void versionsAgree();

private:
    QString usr(const QString &relative) const { return m_root.path() + u"/usr/"_s + relative; }
    QString installed() const { return usr(u"bin/mdnscope"_s); }

    QTemporaryDir m_root;
    QString m_help;
};

void TestPackage::initTestCase()
{
    QVERIFY(m_root.isValid());
    QProcessEnvironment env = QProcessEnvironment::systemEnvironment();
    env.remove(u"DESTDIR"_s);
    const Run r = run(QStringLiteral(MDNSCOPE_CMAKE),
                      {u"--install"_s, QStringLiteral(MDNSCOPE_BUILD_DIR), u"--prefix"_s,
                       m_root.path() + u"/usr"_s},
                      env);
    QVERIFY2(r.exitCode == 0, r.err.constData());

    const Run help = run(QStringLiteral(MDNSCOPE_BINARY), {u"--help"_s});
    QCOMPARE(help.exitCode, 0);
    m_help = QString::fromUtf8(help.out);
    QVERIFY(m_help.contains(u"Options:"_s));
}

void TestPackage::everyFileInItsPlace()
{
    QSet<QString> expected{
        u"usr/bin/mdnscope"_s,
        u"usr/share/applications/io.github.mdnscope.desktop"_s,
        u"usr/share/metainfo/io.github.mdnscope.metainfo.xml"_s,
        u"usr/share/icons/hicolor/scalable/apps/mdnscope.svg"_s,
        u"usr/share/man/man1/mdnscope.1.gz"_s,
        u"usr/share/doc/mdnscope/copyright"_s,
        u"usr/share/doc/mdnscope/changelog.Debian.gz"_s,
        u"usr/share/lintian/overrides/mdnscope"_s,
    };
    const QList<int> sizes = appIconSizes();
    QVERIFY2(sizes.size() >= 4, "resources/appicon holds the icon in its sizes");
    for (int size : sizes)
        expected.insert(u"usr/share/icons/hicolor/%1x%1/apps/mdnscope.png"_s.arg(size));

    // Exactly these: no library, header or test of the build is installed with them.
    QSet<QString> found;
    QDirIterator it(m_root.path(), QDir::Files | QDir::Hidden, QDirIterator::Subdirectories);
    while (it.hasNext())
        found.insert(QDir(m_root.path()).relativeFilePath(it.next()));
    QCOMPARE(found, expected);

    const QFileInfo binary(installed());
    QVERIFY(binary.isExecutable());
    // Translations are compiled into the binary (:/i18n), so no .qm file is installed.
    QVERIFY(!found.contains(u"usr/share/mdnscope/translations"_s));
    // No RPATH / RUNPATH: the installed binary finds Qt where the system keeps it.
    const QString readelf = QStandardPaths::findExecutable(u"readelf"_s);
    if (!readelf.isEmpty()) {
        const Run r = run(readelf, {u"-d"_s, installed()});
        QCOMPARE(r.exitCode, 0);
        QVERIFY2(!r.out.contains("RPATH") && !r.out.contains("RUNPATH"), r.out.constData());
    }
}

void TestPackage::iconsHaveTheirSizes()
{
    for (int size : appIconSizes()) {
        const QString path = usr(u"share/icons/hicolor/%1x%1/apps/mdnscope.png"_s.arg(size));
        const auto [w, h] = pngSize(readAll(path));
        QVERIFY2(w == quint32(size) && h == quint32(size),
                 qPrintable(u"%1 is %2x%3"_s.arg(path).arg(w).arg(h)));
    }
    QVERIFY(readAll(usr(u"share/icons/hicolor/scalable/apps/mdnscope.svg"_s)).contains("<svg"));
}

void TestPackage::desktopEntryAndMetainfoAgree()
{
    const QString desktop =
        QString::fromUtf8(readAll(usr(u"share/applications/io.github.mdnscope.desktop"_s)));
    // The icon name is the installed icons' file name, Exec the installed binary's.
    QVERIFY2(desktop.contains(u"\nIcon=mdnscope\n"_s), qPrintable(desktop));
    QVERIFY2(desktop.contains(u"\nExec=mdnscope "_s), qPrintable(desktop));
    const QString metainfo =
        QString::fromUtf8(readAll(usr(u"share/metainfo/io.github.mdnscope.metainfo.xml"_s)));
    QVERIFY(metainfo.contains(
        u"<launchable type=\"desktop-id\">io.github.mdnscope.desktop</launchable>"_s));
    QVERIFY(metainfo.contains(u"<binary>mdnscope</binary>"_s));
}

void TestPackage::installedBinaryPrintsVersions()
{
    const Run r = run(installed(), {u"--version"_s});
    QCOMPARE(r.exitCode, 0);
    // The version of project(VERSION), and the Qt it runs on: the library this test loaded too.
    QCOMPARE(QString::fromUtf8(r.out),
             u"mdnscope %1 (Qt %2)\n"_s.arg(QStringLiteral(MDNSCOPE_VERSION),
                                            QString::fromLatin1(qVersion())));
    QCOMPARE(r.err, QByteArray());
    const Run v = run(installed(), {u"-v"_s});
    QCOMPARE(v.exitCode, 0);
    QCOMPARE(v.out, r.out);
}

void TestPackage::installedBinaryReadsAFile()
{
    QTemporaryDir dir;
    QVERIFY(dir.isValid());
    constexpr int kPackets = 6;
    const QString file = dir.filePath(u"six.pcapng"_s);
    QVERIFY(MdnsCaptureFile::write(file, MdnsCaptureFile::build(kPackets, true)));
    const Run r = run(installed(), {u"--read"_s, file});
    QVERIFY2(r.exitCode == 0, r.err.constData());
    QList<QByteArray> lines = r.out.split('\n');
    QCOMPARE(lines.takeLast(), QByteArray());
    QCOMPARE(lines.size(), kPackets);
    for (int i = 0; i < kPackets; ++i) {
        // Numbered from 1, and each names the service its announcement carries.
        QVERIFY2(lines[i].trimmed().startsWith(QByteArray(QByteArray::number(i + 1) + ' ')),
                 lines[i].constData());
        QVERIFY2(lines[i].contains(i % 2 ? "_http._tcp" : "_ipp._tcp"), lines[i].constData());
    }
    // The same as the binary of the build tree says.
    const Run built = run(QStringLiteral(MDNSCOPE_BINARY), {u"--read"_s, file});
    QCOMPARE(built.exitCode, 0);
    QCOMPARE(r.out, built.out);
}

void TestPackage::installedDocsAreTheSources()
{
    QCOMPARE(gunzip(usr(u"share/man/man1/mdnscope.1.gz"_s)), readAll(source(u"docs/mdnscope.1"_s)));
    QCOMPARE(gunzip(usr(u"share/doc/mdnscope/changelog.Debian.gz"_s)),
             readAll(source(u"packaging/changelog"_s)));
    QCOMPARE(readAll(usr(u"share/doc/mdnscope/copyright"_s)),
             readAll(source(u"packaging/copyright"_s)));
}

void TestPackage::manPageNamesEveryOption()
{
    const QString page = QString::fromUtf8(readAll(source(u"docs/mdnscope.1"_s)));
    // The option column of --help: "  -Y, --display-filter <FILTER>   ...".
    const QRegularExpression option(u"^  (?:-([A-Za-z]), )?--([a-z][a-z0-9-]*)"_s,
                                    QRegularExpression::MultilineOption);
    const QString options = m_help.mid(m_help.indexOf(u"\nOptions:\n"_s));
    QStringList missing;
    int count = 0;
    for (auto it = option.globalMatch(options); it.hasNext();) {
        const QRegularExpressionMatch m = it.next();
        ++count;
        // In roff a "-" the reader may type is "\-".
        QString longName = m.captured(2);
        longName.replace(u'-', u"\\-"_s);
        if (!page.contains(u"\\-\\-"_s + longName))
            missing.append(u"--"_s + m.captured(2));
        if (m.hasCaptured(1) && !m.captured(1).isEmpty() &&
            !page.contains(u".BR \\-"_s + m.captured(1) + u' '))
            missing.append(u'-' + m.captured(1));
    }
    QVERIFY2(count >= 20, qPrintable(options));
    QVERIFY2(missing.isEmpty(), qPrintable(u"not in docs/mdnscope.1: "_s + missing.join(u", "_s)));
}

void TestPackage::manPageOptionsAreReal()
{
    // The other way round: every option the page documents (the first line after each ".TP" in
    // OPTIONS) is one --help prints, so a renamed or removed option cannot linger in the page.
    const QString page = QString::fromUtf8(readAll(source(u"docs/mdnscope.1"_s)));
    const QStringList lines = manSection(page, u"OPTIONS"_s).split(u'\n');
    const QRegularExpression longOption(u"\\\\-\\\\-([a-z][a-z0-9\\\\-]*)"_s);
    QStringList unknown;
    int count = 0;
    for (qsizetype i = 0; i + 1 < lines.size(); ++i) {
        if (lines.at(i) != u".TP"_s)
            continue;
        for (auto it = longOption.globalMatch(lines.at(i + 1)); it.hasNext();) {
            QString name = it.next().captured(1);
            name.replace(u"\\-"_s, u"-"_s);
            ++count;
            const QRegularExpression inHelp(
                u"^  (?:-[A-Za-z], )?--"_s + QRegularExpression::escape(name) + u"(?![a-z0-9-])"_s,
                QRegularExpression::MultilineOption);
            if (name != u"help-all"_s && !inHelp.match(m_help).hasMatch())
                unknown.append(u"--"_s + name);
        }
    }
    QVERIFY2(count >= 20, qPrintable(u"options found in the page: %1"_s.arg(count)));
    QVERIFY2(unknown.isEmpty(),
             qPrintable(u"in docs/mdnscope.1 but not in --help: "_s + unknown.join(u", "_s)));
}

void TestPackage::manPageNamesEveryExitCode()
{
    // Every number --help gives from "Exit codes:" to the options is an exit code the page's
    // EXIT STATUS lists (as ".B 3" or ".BR 130 \", \" 143").
    const qsizetype from = m_help.indexOf(u"Exit codes:"_s);
    const qsizetype to = m_help.indexOf(u"\nOptions:\n"_s);
    QVERIFY(from > 0 && to > from);
    QSet<int> codes;
    const QRegularExpression number(u"(?<![\\w.-])(\\d{1,3})(?![\\w.-])"_s);
    for (auto it = number.globalMatch(m_help.mid(from, to - from)); it.hasNext();)
        codes.insert(it.next().captured(1).toInt());
    QVERIFY2(codes.contains(0) && codes.contains(2) && codes.contains(141),
             qPrintable(m_help.mid(from, to - from)));

    const QString section =
        manSection(QString::fromUtf8(readAll(source(u"docs/mdnscope.1"_s))), u"EXIT STATUS"_s);
    QVERIFY(!section.isEmpty());
    QSet<int> listed;
    const QRegularExpression entry(u"^\\.TP\\n\\.BR? ([0-9]+)(?: \", \" ([0-9]+))?$"_s,
                                   QRegularExpression::MultilineOption);
    for (auto it = entry.globalMatch(section); it.hasNext();) {
        const QRegularExpressionMatch m = it.next();
        listed.insert(m.captured(1).toInt());
        if (!m.captured(2).isEmpty())
            listed.insert(m.captured(2).toInt());
    }
    QStringList missing;
    for (int code : std::as_const(codes)) {
        if (!listed.contains(code))
            missing.append(QString::number(code));
    }
    QVERIFY2(missing.isEmpty(),
             qPrintable(u"exit codes not under EXIT STATUS: "_s + missing.join(u", "_s)));
}

void TestPackage::manPageRendersWithoutWarnings()
{
    const QString groff = QStandardPaths::findExecutable(u"groff"_s);
    const QString man = QStandardPaths::findExecutable(u"man"_s);
    if (groff.isEmpty() && man.isEmpty())
        QSKIP("neither groff nor man is installed (Debian: groff-base, man-db)");
    QProcessEnvironment env = QProcessEnvironment::systemEnvironment();
    env.insert(u"LC_ALL"_s, u"C.UTF-8"_s);
    env.insert(u"MANWIDTH"_s, u"80"_s);
    if (!groff.isEmpty()) {
        const Run r =
            run(groff, {u"-man"_s, u"-Tutf8"_s, u"-ww"_s, source(u"docs/mdnscope.1"_s)}, env);
        QCOMPARE(r.exitCode, 0);
        QVERIFY2(r.err.isEmpty(), r.err.constData());
        QVERIFY(r.out.contains("RFC 6763 (DNS-Based Service Discovery)"));
    }
    if (!man.isEmpty()) {
        // As lintian checks it, on the installed (compressed) page.
        const Run r = run(man,
                          {u"--warnings"_s, u"-E"_s, u"UTF-8"_s, u"-l"_s, u"-Tutf8"_s, u"-Z"_s,
                           usr(u"share/man/man1/mdnscope.1.gz"_s)},
                          env);
        QCOMPARE(r.exitCode, 0);
        QVERIFY2(r.err.isEmpty(), r.err.constData());
    }
}

void TestPackage::desktopFileValidates()
{
    const QString validate = QStandardPaths::findExecutable(u"desktop-file-validate"_s);
    if (validate.isEmpty())
        QSKIP("desktop-file-validate is not installed (Debian: desktop-file-utils)");
    const Run r = run(validate, {usr(u"share/applications/io.github.mdnscope.desktop"_s)});
    QCOMPARE(r.exitCode, 0);
    // Warnings and hints do not change its exit code: none is wanted either.
    QVERIFY2(r.out.isEmpty() && r.err.isEmpty(), QByteArray(r.out + r.err).constData());
}

void TestPackage::metainfoValidates()
{
    const QString appstream = QStandardPaths::findExecutable(u"appstreamcli"_s);
    if (appstream.isEmpty())
        QSKIP("appstreamcli is not installed (Debian: appstream)");
    const Run r = run(appstream, {u"validate"_s, u"--no-net"_s, u"--pedantic"_s,
                                  usr(u"share/metainfo/io.github.mdnscope.metainfo.xml"_s)});
    QVERIFY2(r.exitCode == 0, QByteArray(r.out + r.err).constData());
    // Not even a pedantic remark: each would be a line "P: ..." / "I: ..." before the verdict.
    QVERIFY2(!QRegularExpression(u"^[EWIP]: "_s, QRegularExpression::MultilineOption)
                  .match(QString::fromUtf8(r.out + r.err))
                  .hasMatch(),
             QByteArray(r.out + r.err).constData());
}

void TestPackage::versionsAgree()
{
    const QString version = QStringLiteral(MDNSCOPE_VERSION);
    // The newest release of the metainfo comes first.
    const QString metainfo =
        QString::fromUtf8(readAll(source(u"resources/io.github.mdnscope.metainfo.xml"_s)));
    const QRegularExpressionMatch release =
        QRegularExpression(u"<release version=\"([^\"]+)\""_s).match(metainfo);
    QVERIFY(release.hasMatch());
    QCOMPARE(release.captured(1), version);
    // The Debian changelog's first entry: this version with a Debian revision.
    const QString changelog = QString::fromUtf8(readAll(source(u"packaging/changelog"_s)));
    const QRegularExpressionMatch entry =
        QRegularExpression(u"^mdnscope \\(([^)-]+)-(\\d+)\\) "_s).match(changelog);
    QVERIFY2(entry.hasMatch(), qPrintable(changelog.section(u'\n', 0, 0)));
    QCOMPARE(entry.captured(1), version);
    QCOMPARE(entry.captured(2).toInt(), MDNSCOPE_DEBIAN_REVISION);
}

QTEST_GUILESS_MAIN(TestPackage)
#include "tst_package.moc"

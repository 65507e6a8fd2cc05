#pragma once

#include <QByteArray>
#include <QFile>
#include <QString>

// File helpers for the export fault tests, which compare a target before and after a run:
// a file that cannot be read reads as "<unreadable>", so it never equals any content, not
// even an empty one. Any thread.
namespace TestFiles {

inline QByteArray readAll(const QString &path)
{
    QFile f(path);
    return f.open(QIODevice::ReadOnly) ? f.readAll() : QByteArray("<unreadable>");
}

inline bool writeFile(const QString &path, const QByteArray &bytes)
{
    QFile f(path);
    return f.open(QIODevice::WriteOnly) && f.write(bytes) == bytes.size();
}

} // namespace TestFiles

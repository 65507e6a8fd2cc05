#include "CaptureTypes.h"

using namespace Qt::StringLiterals;

QString CaptureError::toString() const
{
    QString line = operation;
    if (!details.isEmpty())
        line += (line.isEmpty() ? QString() : u": "_s) + details;
    if (systemError != 0)
        line += u" ("_s + qt_error_string(systemError) + u')';
    return line;
}

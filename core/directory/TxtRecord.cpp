#include "TxtRecord.h"

QList<TxtPair> TxtRecord::pairs(const QList<QByteArray> &strings)
{
    QList<TxtPair> out;
    for (const QByteArray &s : strings) {
        const qsizetype eq = s.indexOf('=');
        if (s.isEmpty() || eq == 0)
            continue;
        TxtPair pair;
        pair.key = eq < 0 ? s : s.left(eq);
        const bool duplicate = std::any_of(out.cbegin(), out.cend(), [&](const TxtPair &p) {
            return p.key.compare(pair.key, Qt::CaseInsensitive) == 0;
        });
        if (duplicate)
            continue;
        if (eq > 0) {
            pair.value = s.mid(eq + 1);
            pair.hasValue = true;
        }
        out.append(pair);
    }
    return out;
}

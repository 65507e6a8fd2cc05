#pragma once

#include <QHashFunctions>
#include <QStringView>

// DNS names in the decoder's text form (labels joined with '.', "\." and "\\" inside a label,
// "\DDD" for control bytes and invalid UTF-8), looked at without allocating: the checks run
// on every packet, so they compare and hash names in place rather than building lowered
// copies or label lists. Comparison ignores the case of ASCII letters (RFC 1035 §2.3.3), as
// DirectoryNames::key() does. Pure, any thread.
namespace NameText {

constexpr char16_t lower(char16_t c)
{
    return (c >= u'A' && c <= u'Z') ? char16_t(c + (u'a' - u'A')) : c;
}

inline bool equal(QStringView a, QStringView b)
{
    if (a.size() != b.size())
        return false;
    for (qsizetype i = 0; i < a.size(); ++i) {
        if (lower(a[i].unicode()) != lower(b[i].unicode()))
            return false;
    }
    return true;
}

inline size_t hash(QStringView name, size_t seed = 0)
{
    size_t h = seed ^ 0x9e3779b97f4a7c15ULL;
    for (const QChar c : name)
        h = (h ^ lower(c.unicode())) * 0x100000001b3ULL;
    return h;
}

// The label at `index` (0 = the leftmost) in text form, escapes kept; empty past the end.
inline QStringView label(QStringView name, qsizetype index)
{
    qsizetype start = 0;
    qsizetype n = 0;
    for (qsizetype i = 0; i <= name.size(); ++i) {
        if (i < name.size() && name[i] == u'\\') {
            ++i; // the escaped character (or the first digit of \DDD) is part of the label
            continue;
        }
        if (i == name.size() || name[i] == u'.') {
            if (n == index)
                return name.sliced(start, i - start);
            ++n;
            start = i + 1;
        }
    }
    return {};
}

// The number of labels ("a.b.local": 3; the root's "<Root>" or "": 0 or 1 as it reads).
inline qsizetype labelCount(QStringView name)
{
    if (name.isEmpty())
        return 0;
    qsizetype n = 1;
    for (qsizetype i = 0; i < name.size(); ++i) {
        if (name[i] == u'\\')
            ++i;
        else if (name[i] == u'.')
            ++n;
    }
    return n;
}

} // namespace NameText

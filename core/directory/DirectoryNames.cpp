#include "DirectoryNames.h"

#include <algorithm>

using namespace Qt::StringLiterals;

QStringList DirectoryNames::splitLabels(QStringView name)
{
    QStringList labels;
    QString current;
    for (qsizetype i = 0; i < name.size(); ++i) {
        const QChar c = name.at(i);
        if (c == u'\\' && i + 1 < name.size()) {
            current.append(c);
            current.append(name.at(++i));
        } else if (c == u'.') {
            labels.append(current);
            current.clear();
        } else {
            current.append(c);
        }
    }
    if (!current.isEmpty() || !labels.isEmpty())
        labels.append(current);
    return labels;
}

QString DirectoryNames::unescapeLabel(QStringView label)
{
    return QString::fromUtf8(labelBytes(label));
}

QByteArray DirectoryNames::labelBytes(QStringView label)
{
    QByteArray bytes;
    const auto isDigit = [&](qsizetype at) {
        return at < label.size() && label.at(at) >= u'0' && label.at(at) <= u'9';
    };
    for (qsizetype i = 0; i < label.size(); ++i) {
        if (label.at(i) == u'\\' && isDigit(i + 1) && isDigit(i + 2) && isDigit(i + 3)) {
            const int value = (label.at(i + 1).unicode() - '0') * 100 +
                              (label.at(i + 2).unicode() - '0') * 10 +
                              (label.at(i + 3).unicode() - '0');
            bytes.append(char(value & 0xFF));
            i += 3;
        } else if (label.at(i) == u'\\' && i + 1 < label.size()) {
            bytes.append(label.sliced(++i, 1).toUtf8());
        } else {
            // Copy the whole run up to the next backslash at once (keeps surrogate pairs).
            qsizetype end = i;
            while (end < label.size() && label.at(end) != u'\\')
                ++end;
            bytes.append(label.sliced(i, end - i).toUtf8());
            i = end - 1;
        }
    }
    return bytes;
}

QString DirectoryNames::key(QStringView name)
{
    QString out = name.toString();
    for (QChar &c : out) {
        if (c >= u'A' && c <= u'Z')
            c = QChar(c.unicode() + ('a' - 'A'));
    }
    return out;
}

QString DirectoryNames::key(const QString &name)
{
    const bool lower =
        std::none_of(name.cbegin(), name.cend(), [](QChar c) { return c >= u'A' && c <= u'Z'; });
    return lower ? name : key(QStringView(name));
}

DirectoryNames::ServiceName DirectoryNames::parse(QStringView name)
{
    ServiceName result;
    const QStringList labels = splitLabels(name);
    qsizetype at = -1; // the <_service> label, followed by _tcp or _udp
    for (qsizetype i = 0; i + 1 < labels.size(); ++i) {
        const QString proto = key(labels.at(i + 1));
        if (labels.at(i).startsWith(u'_') && (proto == u"_tcp"_s || proto == u"_udp"_s)) {
            at = i;
            break;
        }
    }
    if (at < 0)
        return result;
    result.type = labels.at(at) + u'.' + labels.at(at + 1);
    result.domain = labels.mid(at + 2).join(u'.');
    if (key(result.type) == u"_dns-sd._udp"_s) {
        // _services._dns-sd._udp.<domain>; b., db., lb. ... are browse domains, not services
        if (at == 1 && key(labels.at(0)) == u"_services"_s)
            result.kind = ServiceName::Kind::Enumeration;
        result.type.clear();
        return result;
    }
    if (at == 0) {
        result.kind = ServiceName::Kind::Type;
    } else if (at == 1) {
        result.kind = ServiceName::Kind::Instance;
        result.label = labels.at(0);
    } else if (at == 2 && key(labels.at(1)) == u"_sub"_s) {
        result.kind = ServiceName::Kind::Subtype;
        result.label = labels.at(0);
    }
    if (result.kind == ServiceName::Kind::None)
        result.type.clear();
    return result;
}

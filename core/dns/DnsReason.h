#pragma once

#include "DnsMessage.h"

#include <QString>

// Why decoding stopped, worded twice: in English (DnsError::reason, stable for exports and the
// CLI) and in the user's language (DnsError::localizedReason, for display). Built only when a
// message is malformed, so valid packets pay nothing for the second wording. Sources are
// QT_TRANSLATE_NOOP("DnsDecoder", ...) literals, so lupdate extracts them under the context
// they are translated with. Value type, used on the decoding thread.
class DnsReason final
{
public:
    // `source`: a QT_TRANSLATE_NOOP("DnsDecoder", ...) literal (static storage).
    static DnsReason from(const char *source);

    DnsReason arg(qint64 number) const;
    DnsReason arg(const QString &sameInEveryLanguage) const; // e.g. a record type name
    DnsReason arg(const DnsReason &word) const;              // a translated word
    DnsReason arg(const QString &english, const QString &localized) const;

    const QString &english() const { return m_english; }
    const QString &localized() const { return m_localized; }

    // Sets the error's offset and both wordings of its reason.
    void setOn(DnsError &error, quint32 offset) const;

private:
    DnsReason(QString english, QString localized);

    QString m_english;
    QString m_localized;
};

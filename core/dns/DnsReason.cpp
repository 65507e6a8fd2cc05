#include "DnsReason.h"

#include <QCoreApplication>

DnsReason::DnsReason(QString english, QString localized)
    : m_english(std::move(english))
    , m_localized(std::move(localized))
{}

DnsReason DnsReason::from(const char *source)
{
    return DnsReason(QString::fromUtf8(source), QCoreApplication::translate("DnsDecoder", source));
}

DnsReason DnsReason::arg(qint64 number) const
{
    return DnsReason(m_english.arg(number), m_localized.arg(number));
}

DnsReason DnsReason::arg(const QString &sameInEveryLanguage) const
{
    return DnsReason(m_english.arg(sameInEveryLanguage), m_localized.arg(sameInEveryLanguage));
}

DnsReason DnsReason::arg(const DnsReason &word) const
{
    return arg(word.m_english, word.m_localized);
}

DnsReason DnsReason::arg(const QString &english, const QString &localized) const
{
    return DnsReason(m_english.arg(english), m_localized.arg(localized));
}

void DnsReason::setOn(DnsError &error, quint32 offset) const
{
    error.offset = offset;
    error.reason = m_english;
    error.localizedReason = m_localized;
}

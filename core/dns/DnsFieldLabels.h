#pragma once

#include <QString>

// The labels (and fixed values) of the DnsField trees the decoder builds, and the words of its
// summary line, in two wordings: instance() in the user's language, english() untranslated.
// Each is built once, on first use, so the decoder's hot path copies shared strings instead of
// translating and allocating per packet. instance() is translated through
// QCoreApplication::translate (context "DnsDecoder") when first used: install translators
// before the first decode (main() does, before the window). english() serves exports and
// the CLI, whose text must not depend on the language. Read-only afterwards: any thread.
struct DnsFieldLabels
{
    // header
    QString id, flags, qr, opcode, aa, tc, rd, ra, z, ad, cd, rcode;
    QString questions, answerRrs, authorityRrs, additionalRrs;
    QString query, response, standardQuery, inverseQuery, status, notify, update, yes, no;
    // rdata
    QString address, domainName, canonicalName, nameServer;
    QString priority, weight, port, target;
    QString string, length, key, value;
    QString cpu, os;
    QString nextDomainName, typeBitmap, window;
    QString udpPayloadSize, extendedRcode, version, doBit, ednsZ, option, optionCode, optionLength,
        optionData;
    QString data;
    // OPT record data text
    QString optPayload, optVersion, optExtendedRcode, optDo;
    // summary
    QString summaryQuery, summaryResponse, summaryMore, summaryMalformed, summaryEmpty,
        summaryGoodbye, summaryRcode, summaryQu;
    QString summaryProbe, summaryAnnouncement, summaryGoodbyes, summaryNotDns, notDnsCounts,
        notDnsOpcode;

    static const DnsFieldLabels &instance(); // the user's language
    static const DnsFieldLabels &english();  // untranslated
};

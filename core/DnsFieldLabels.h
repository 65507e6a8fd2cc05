#pragma once

#include <QString>

// The translated labels (and fixed values) of the DnsField tree the decoder builds.
// Built once, on first use, through QCoreApplication::translate (context "DnsDecoder"), so
// the decoder's hot path copies shared strings instead of translating and allocating per
// packet. Install translators before the first decode. Read-only afterwards: any thread.
struct DnsFieldLabels
{
    // header
    QString id, flags, qr, opcode, aa, tc, rd, ra, z, ad, cd, rcode;
    QString questions, answerRrs, authorityRrs, additionalRrs;
    QString query, response, standardQuery, yes, no;
    // rdata
    QString address, domainName, canonicalName, nameServer;
    QString priority, weight, port, target;
    QString string, length, key, value, text;
    QString cpu, os;
    QString nextDomainName, typeBitmap, window, bitmapLength, bitmap;
    QString udpPayloadSize, extendedRcode, version, doBit, ednsZ, option, optionCode, optionLength,
        optionData;
    QString data;
    // summary
    QString summaryQuery, summaryResponse, summaryMore, summaryMalformed, summaryEmpty,
        summaryGoodbye, summaryRcode, summaryQu;

    static const DnsFieldLabels &instance();
};

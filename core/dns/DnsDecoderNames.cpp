// The mnemonics of DNS types and classes (declared in DnsDecoder.h), as Wireshark prints them.
#include "DnsDecoder.h"

using namespace Qt::StringLiterals;

namespace DnsDecoder {

QString typeName(quint16 type)
{
    switch (type) {
    case 1:
        return u"A"_s;
    case 2:
        return u"NS"_s;
    case 5:
        return u"CNAME"_s;
    case 6:
        return u"SOA"_s;
    case 10:
        return u"NULL"_s;
    case 11:
        return u"WKS"_s;
    case 12:
        return u"PTR"_s;
    case 13:
        return u"HINFO"_s;
    case 14:
        return u"MINFO"_s;
    case 15:
        return u"MX"_s;
    case 16:
        return u"TXT"_s;
    case 17:
        return u"RP"_s;
    case 18:
        return u"AFSDB"_s;
    case 24:
        return u"SIG"_s;
    case 25:
        return u"KEY"_s;
    case 28:
        return u"AAAA"_s;
    case 29:
        return u"LOC"_s;
    case 33:
        return u"SRV"_s;
    case 35:
        return u"NAPTR"_s;
    case 36:
        return u"KX"_s;
    case 37:
        return u"CERT"_s;
    case 39:
        return u"DNAME"_s;
    case 41:
        return u"OPT"_s;
    case 42:
        return u"APL"_s;
    case 43:
        return u"DS"_s;
    case 44:
        return u"SSHFP"_s;
    case 45:
        return u"IPSECKEY"_s;
    case 46:
        return u"RRSIG"_s;
    case 47:
        return u"NSEC"_s;
    case 48:
        return u"DNSKEY"_s;
    case 49:
        return u"DHCID"_s;
    case 50:
        return u"NSEC3"_s;
    case 51:
        return u"NSEC3PARAM"_s;
    case 52:
        return u"TLSA"_s;
    case 53:
        return u"SMIMEA"_s;
    case 55:
        return u"HIP"_s;
    case 59:
        return u"CDS"_s;
    case 60:
        return u"CDNSKEY"_s;
    case 61:
        return u"OPENPGPKEY"_s;
    case 62:
        return u"CSYNC"_s;
    case 63:
        return u"ZONEMD"_s;
    case 64:
        return u"SVCB"_s;
    case 65:
        return u"HTTPS"_s;
    case 99:
        return u"SPF"_s;
    case 249:
        return u"TKEY"_s;
    case 250:
        return u"TSIG"_s;
    case 251:
        return u"IXFR"_s;
    case 252:
        return u"AXFR"_s;
    case 255:
        return u"ANY"_s;
    case 256:
        return u"URI"_s;
    case 257:
        return u"CAA"_s;
    default:
        return u"TYPE"_s + QString::number(type);
    }
}

QString className(quint16 qclass)
{
    switch (qclass) {
    case 1:
        return u"IN"_s;
    case 3:
        return u"CH"_s;
    case 4:
        return u"HS"_s;
    case 254:
        return u"NONE"_s;
    case 255:
        return u"ANY"_s;
    default:
        return u"CLASS"_s + QString::number(qclass);
    }
}

} // namespace DnsDecoder

#include "DnsFieldLabels.h"

#include <QCoreApplication>

namespace {

QString tr(const char *text)
{
    return QCoreApplication::translate("DnsDecoder", text);
}

DnsFieldLabels build()
{
    DnsFieldLabels l;
    l.id = tr("ID");
    l.flags = tr("Flags");
    l.qr = tr("QR");
    l.opcode = tr("Opcode");
    l.aa = tr("AA");
    l.tc = tr("TC");
    l.rd = tr("RD");
    l.ra = tr("RA");
    l.z = tr("Z");
    l.ad = tr("AD");
    l.cd = tr("CD");
    l.rcode = tr("Rcode");
    l.questions = tr("Questions");
    l.answerRrs = tr("Answer RRs");
    l.authorityRrs = tr("Authority RRs");
    l.additionalRrs = tr("Additional RRs");
    l.query = tr("0 (query)");
    l.response = tr("1 (response)");
    l.standardQuery = tr("0 (standard query)");
    l.yes = tr("1");
    l.no = tr("0");
    l.address = tr("Address");
    l.domainName = tr("Domain name");
    l.canonicalName = tr("Canonical name");
    l.nameServer = tr("Name server");
    l.priority = tr("Priority");
    l.weight = tr("Weight");
    l.port = tr("Port");
    l.target = tr("Target");
    l.string = tr("String");
    l.length = tr("Length");
    l.key = tr("Key");
    l.value = tr("Value");
    l.text = tr("Text");
    l.cpu = tr("CPU");
    l.os = tr("OS");
    l.nextDomainName = tr("Next domain name");
    l.typeBitmap = tr("Type bitmap");
    l.window = tr("Window");
    l.bitmapLength = tr("Bitmap length");
    l.bitmap = tr("Bitmap");
    l.udpPayloadSize = tr("UDP payload size");
    l.extendedRcode = tr("Extended rcode");
    l.version = tr("EDNS version");
    l.doBit = tr("DO");
    l.ednsZ = tr("Z");
    l.option = tr("Option");
    l.optionCode = tr("Option code");
    l.optionLength = tr("Option length");
    l.optionData = tr("Option data");
    l.data = tr("Data");
    //: %1 is the list of questions
    l.summaryQuery = tr("Query: %1");
    //: %1 is the list of answers
    l.summaryResponse = tr("Response: %1");
    //: more items not shown in a packet summary
    l.summaryMore = tr("+%1");
    l.summaryMalformed = tr("[Malformed at %1: %2]");
    l.summaryEmpty = tr("(empty)");
    //: a record with TTL 0 (RFC 6762 §10.1)
    l.summaryGoodbye = tr("(goodbye)");
    l.summaryRcode = tr("[%1]");
    //: unicast-response bit of an mDNS question
    l.summaryQu = tr("(QU)");
    return l;
}

} // namespace

const DnsFieldLabels &DnsFieldLabels::instance()
{
    static const DnsFieldLabels labels = build();
    return labels;
}

#include "CsvWriter.h"

#include "DnsDecoder.h"
#include "ExportText.h"

#include <algorithm>

using namespace ExportText;
using namespace Qt::StringLiterals;

void CsvWriter::appendHeader(QByteArray &out)
{
    out.append("index,time,source,source_port,destination,length,ttl,interface,kind,id,"
               "questions,answers,summary,malformed\r\n");
}

void CsvWriter::appendRow(QByteArray &out, const Packet &p, const DnsMessage &m, qint64 index)
{
    appendNumber(out, index);
    out.append(',');
    appendTime(out, p.timestampNs);
    out.append(',');
    appendAddress(out, p.source);
    out.append(',');
    appendNumber(out, p.sourcePort);
    out.append(',');
    appendAddress(out, p.destination);
    out.append(',');
    appendNumber(out, std::max<qint64>(p.originalLength, p.data.size()));
    out.append(',');
    if (p.ttl >= 0)
        appendNumber(out, p.ttl);
    out.append(',');
    appendCsvField(out, QStringView(p.interfaceName));
    out.append(',');
    const DnsHeader &h = m.header;
    if (h.span.length >= 12) {
        out.append(h.qr ? "response," : "query,");
        appendNumber(out, h.id);
        out.append(',');
        appendNumber(out, h.questionCount);
        out.append(',');
        appendNumber(out, h.answerCount);
        out.append(',');
    } else {
        out.append(",,,,");
    }
    appendCsvField(out, QStringView(DnsDecoder::summary(m)));
    out.append(',');
    if (m.error) {
        const QString text =
            u"offset "_s + QString::number(m.error->offset) + u": "_s + m.error->reason;
        appendCsvField(out, QStringView(text));
    }
    out.append("\r\n");
}

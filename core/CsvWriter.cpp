#include "CsvWriter.h"

#include "ByteSink.h"
#include "DnsDecoder.h"
#include "ExportText.h"

#include <algorithm>

using namespace ExportText;
using namespace Qt::StringLiterals;

namespace {

void num(ByteSink &s, qint64 v)
{
    s.commit(putNumber(s.room(kMaxNumberBytes), v));
}

void field(ByteSink &s, QStringView text)
{
    s.commit(putCsvTextField(s.room(maxCsvTextFieldBytes(text.size())), text));
}

} // namespace

void CsvWriter::appendHeader(QByteArray &out)
{
    out.append("index,time,source,source_port,destination,length,ttl,interface,kind,id,"
               "questions,answers,summary,malformed\r\n");
}

void CsvWriter::appendRow(QByteArray &out, const Packet &p, const DnsMessage &m, qint64 index)
{
    ByteSink sink(out);
    appendRow(sink, p, m, index);
}

void CsvWriter::appendRow(ByteSink &out, const Packet &p, const DnsMessage &m, qint64 index)
{
    num(out, index);
    out.byte(',');
    out.commit(putTime(out.room(kMaxTimeBytes), p.timestampNs));
    out.byte(',');
    out.commit(putAddress(out.room(kMaxAddressBytes), p.source));
    out.byte(',');
    num(out, p.sourcePort);
    out.byte(',');
    out.commit(putAddress(out.room(kMaxAddressBytes), p.destination));
    out.byte(',');
    num(out, std::max<qint64>(p.originalLength, p.data.size()));
    out.byte(',');
    if (p.ttl >= 0)
        num(out, p.ttl);
    out.byte(',');
    field(out, p.interfaceName);
    out.byte(',');
    const DnsHeader &h = m.header;
    if (h.span.length >= 12) {
        if (h.qr)
            out.literal("response,");
        else
            out.literal("query,");
        num(out, h.id);
        out.byte(',');
        num(out, h.questionCount);
        out.byte(',');
        num(out, h.answerCount);
        out.byte(',');
    } else {
        out.literal(",,,,");
    }
    // Formatted in a buffer kept per thread: a CSV export formats packets by the million.
    thread_local QString summary;
    summary.resize(0); // keeps the capacity, unlike clear()
    DnsDecoder::appendSummary(summary, m);
    field(out, summary);
    out.byte(',');
    if (m.error)
        field(out,
              QString(u"offset "_s + QString::number(m.error->offset) + u": "_s + m.error->reason));
    out.literal("\r\n");
}

#include "CsvWriter.h"

#include "AddressText.h"
#include "ByteSink.h"
#include "DnsDecoder.h"
#include "ExportText.h"
#include "Utf8.h"

#include <QStringEncoder>

#include <algorithm>

using namespace ExportText;
using namespace Qt::StringLiterals;

namespace {

void num(ByteSink &s, qint64 v)
{
    s.commit(putNumber(s.room(kMaxNumberBytes), v));
}

// One UTF-16 code unit beyond ASCII (or a surrogate pair) as UTF-8, as QString::toUtf8()
// writes it: an unpaired surrogate becomes '?'. Returns the new end; `p` moves past a pair.
char *putNonAscii(char *w, const char16_t *&p, const char16_t *end)
{
    char32_t c = *p;
    if (c >= 0xD800 && c <= 0xDFFF) {
        if (c > 0xDBFF || p + 1 == end || p[1] < 0xDC00 || p[1] > 0xDFFF) {
            *w++ = '?';
            return w;
        }
        c = 0x10000 + ((c - 0xD800) << 10) + (p[1] - 0xDC00);
        ++p;
    }
    return Utf8::put(w, c);
}

// UTF-16 text as UTF-8 with each '"' doubled; at most 3 bytes per unit.
char *putDoubledQuotes(char *w, QStringView text)
{
    const char16_t *const end = text.utf16() + text.size();
    for (const char16_t *p = text.utf16(); p < end; ++p) {
        if (*p >= 0x80) {
            w = putNonAscii(w, p, end);
            continue;
        }
        if (*p == u'"')
            *w++ = '"';
        *w++ = char(*p);
    }
    return w;
}

// A CSV field from UTF-16 text, converted to UTF-8 on the way (no toUtf8() copy). The
// searches and the UTF-8 encoder are Qt's vectorised ones; text with a '"' to double, or
// with an unpaired surrogate (which toUtf8() writes as '?'), goes through the loop above.
void field(ByteSink &s, QStringView text)
{
    const bool quotes = text.contains(u'"');
    const bool quote =
        quotes || text.contains(u',') || text.contains(u'\n') || text.contains(u'\r');
    // 3 UTF-8 bytes per unit at most, each '"' doubled, and the quotes.
    char *w = s.room(2 + 3 * text.size());
    if (quote)
        *w++ = '"';
    char *written = nullptr;
    if (!quotes) {
        QStringEncoder utf8(QStringEncoder::Utf8, QStringConverter::Flag::Stateless);
        written = utf8.appendToBuffer(w, text);
        if (utf8.hasError())
            written = nullptr;
    }
    w = written ? written : putDoubledQuotes(w, text);
    if (quote)
        *w++ = '"';
    s.commit(w);
}

// The interface's field: the same name on packet after packet (a shared string), so its
// field is formed once per thread and copied after.
void interfaceField(ByteSink &out, const QString &name)
{
    if (name.isEmpty())
        return;
    thread_local QString last;
    thread_local QByteArray lastField;
    if (name != last || lastField.isEmpty()) {
        last = name;
        lastField.resize(0);
        ByteSink formed(lastField);
        field(formed, name);
    }
    out.bytes(lastField.constData(), lastField.size());
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

namespace {

// The columns up to and including `answers`, with their commas.
void packetColumns(ByteSink &out, const Packet &p, const DnsHeader &h, qint64 index)
{
    num(out, index);
    out.byte(',');
    out.commit(putTime(out.room(kMaxTimeBytes), p.timestampNs));
    out.byte(',');
    out.commit(AddressText::put(out.room(AddressText::kMaxChars), p.source));
    out.byte(',');
    num(out, p.sourcePort);
    out.byte(',');
    out.commit(AddressText::put(out.room(AddressText::kMaxChars), p.destination));
    out.byte(',');
    num(out, std::max<qint64>(p.originalLength, p.data.size()));
    out.byte(',');
    if (p.ttl >= 0)
        num(out, p.ttl);
    out.byte(',');
    interfaceField(out, p.interfaceName);
    out.byte(',');
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
}

} // namespace

void CsvWriter::appendRow(ByteSink &out, const Packet &p, const DnsMessage &m, qint64 index)
{
    packetColumns(out, p, m.header, index);
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

void CsvWriter::appendRow(ByteSink &out, const Packet &p, const DnsWire::Message &m, qint64 index)
{
    packetColumns(out, p, m.header, index);
    // The summary in UTF-8, in a buffer kept per thread, then quoted as a field.
    thread_local QByteArray summary;
    summary.resize(0); // keeps the capacity
    {
        ByteSink text(summary);
        DnsWire::appendSummary(text, m);
    }
    out.commit(putCsvField(out.room(maxCsvFieldBytes(summary.size())), summary));
    out.literal(",\r\n"); // not malformed
}

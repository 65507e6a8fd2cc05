// libFuzzer target for DnsDecoder: decodes the input, formats it (summary, rdataText) and
// checks that every span, option span and the error offset lie inside the input, and that
// Detail::NoFields decodes the same message. Any violation aborts, so libFuzzer keeps it.
#include "DnsDecoder.h"

#include <cstdio>
#include <cstdlib>

namespace {

[[noreturn]] void fail(const char *what, quint32 offset, quint32 length, size_t size)
{
    std::fprintf(stderr, "fuzz_dnsdecoder: %s span %u+%u outside %zu bytes\n", what, offset, length,
                 size);
    std::abort();
}

void check(const char *what, const ByteSpan &s, size_t size)
{
    if (s.offset > size || s.length > size - s.offset)
        fail(what, s.offset, s.length, size);
}

void checkFields(const QList<DnsField> &fields, size_t size)
{
    for (const DnsField &f : fields) {
        check("field", f.span, size);
        checkFields(f.children, size);
    }
}

} // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    const QByteArrayView input(reinterpret_cast<const char *>(data), qsizetype(size));
    const DnsMessage m = DnsDecoder::decode(input);

    check("header", m.header.span, size);
    checkFields(m.header.fields, size);
    for (const DnsQuestion &q : m.questions) {
        for (const ByteSpan &s : {q.span, q.nameSpan, q.typeSpan, q.classSpan})
            check("question", s, size);
        if (q.name.isEmpty())
            fail("empty question name", q.nameSpan.offset, q.nameSpan.length, size);
    }
    for (const DnsRecord &r : m.records) {
        for (const ByteSpan &s :
             {r.span, r.nameSpan, r.typeSpan, r.classSpan, r.ttlSpan, r.rdlengthSpan, r.rdataSpan})
            check("record", s, size);
        if (r.rdata.size() != qsizetype(r.rdataSpan.length))
            fail("rdata size", r.rdataSpan.offset, r.rdataSpan.length, size);
        checkFields(r.rdataFields, size);
        for (const EdnsOption &o : r.options)
            check("EDNS option", o.span, size);
        (void)DnsDecoder::rdataText(r);
    }
    if (m.error && m.error->offset > size)
        fail("error offset", m.error->offset, 0, size);
    if (m.error && m.error->reason.isEmpty())
        fail("empty error reason", m.error->offset, 0, size);
    const QString summary = DnsDecoder::summary(m);

    const DnsMessage lite = DnsDecoder::decode(input, DnsDecoder::Detail::NoFields);
    if (lite.questions.size() != m.questions.size() || lite.records.size() != m.records.size() ||
        lite.isMalformed() != m.isMalformed() || DnsDecoder::summary(lite) != summary)
        fail("NoFields decode differs", 0, 0, size);
    return 0;
}

#include "DnsRdataDecoder.h"

#include "AddressText.h"
#include "DnsDecoder.h"
#include "DnsFieldLabels.h"
#include "DnsNameReader.h"
#include "DnsReason.h"
#include "DnsText.h"
#include "EndianReader.h"

#include <bit>

using namespace Qt::StringLiterals;

namespace {

// The state of one rdata decode: where it is, where it must end, and where fields go.
struct Cursor
{
    const uchar *data;
    DnsNameReader &names;
    DnsRecord &record;
    QList<DnsField> *fields; // null when the caller wants no fields
    DnsError &error;
    const DnsFieldLabels &labels;
    quint32 pos;
    quint32 end;

    bool fail(quint32 at, const DnsReason &reason)
    {
        reason.setOn(error, at);
        return false;
    }
    // `what`: the field about to be read, named in the reason in both wordings.
    bool need(quint32 bytes, QString DnsFieldLabels::*what)
    {
        if (end - pos >= bytes)
            return true;
        //: %1 is a record type ("SRV"), %2 a field label ("Port")
        return fail(pos,
                    DnsReason::from(QT_TRANSLATE_NOOP("DnsDecoder", "%1 record data cut off in %2"))
                        .arg(DnsDecoder::typeName(record.type))
                        .arg(DnsFieldLabels::english().*what, labels.*what));
    }
    DnsField *add(const QString &label, QString value, quint32 offset, quint32 length)
    {
        if (!fields)
            return nullptr;
        fields->append(DnsField{label, std::move(value), {offset, length}, {}});
        return &fields->last();
    }
    // The rdata must be used up exactly (RFC 1035 §3.2.1: rdlength is the rdata's length).
    bool finish()
    {
        if (pos == end)
            return true;
        return fail(pos, DnsReason::from(QT_TRANSLATE_NOOP("DnsDecoder",
                                                           "%1 record data has %2 bytes left over"))
                             .arg(DnsDecoder::typeName(record.type))
                             .arg(end - pos));
    }
    bool readName(const QString &label, QString &out)
    {
        DnsNameReader::Name name;
        if (!names.readInRdata(pos, end, name, error))
            return false;
        add(label, name.text, name.span.offset, name.span.length);
        out = std::move(name.text);
        pos = name.span.end();
        return true;
    }
    bool readString(QString DnsFieldLabels::*label, QByteArray &out)
    {
        if (!need(1, label))
            return false;
        const quint32 length = data[pos];
        if (end - pos - 1 < length) {
            return fail(
                pos, DnsReason::from(
                         QT_TRANSLATE_NOOP(
                             "DnsDecoder",
                             "character-string of %1 bytes runs past the end of the record data"))
                         .arg(length));
        }
        out = QByteArray(reinterpret_cast<const char *>(data + pos + 1), length);
        if (fields)
            add(labels.*label, DnsText::escaped(out, DnsText::Escape::Text), pos, length + 1);
        pos += 1 + length;
        return true;
    }
};

bool decodeAddress(Cursor &c, quint32 size)
{
    if (c.end - c.pos != size) {
        return c.fail(c.pos,
                      DnsReason::from(QT_TRANSLATE_NOOP("DnsDecoder",
                                                        "%1 record data is %2 bytes, expected %3"))
                          .arg(DnsDecoder::typeName(c.record.type))
                          .arg(c.end - c.pos)
                          .arg(size));
    }
    // The rdata is exactly the address here (checked above): share its bytes, no copy.
    c.record.address = c.record.rdata;
    if (c.fields) {
        c.add(c.labels.address, AddressText::text(c.record.address), c.pos, size);
    }
    c.pos += size;
    return true;
}

bool decodeSrv(Cursor &c)
{
    const auto number = [&c](QString DnsFieldLabels::*label, quint16 &out) {
        if (!c.need(2, label))
            return false;
        out = EndianReader::big16(c.data + c.pos);
        if (c.fields)
            c.add(c.labels.*label, QString::number(out), c.pos, 2);
        c.pos += 2;
        return true;
    };
    return number(&DnsFieldLabels::priority, c.record.priority) &&
           number(&DnsFieldLabels::weight, c.record.weight) &&
           number(&DnsFieldLabels::port, c.record.port) &&
           c.readName(c.labels.target, c.record.target) && c.finish();
}

void addTxtField(Cursor &c, const QByteArray &string, quint32 at)
{
    const quint32 length = quint32(string.size());
    DnsField *f =
        c.add(c.labels.string, DnsText::escaped(string, DnsText::Escape::Text), at, length + 1);
    f->children.reserve(3);
    f->children.append(DnsField{c.labels.length, QString::number(length), {at, 1}, {}});
    if (length == 0)
        return;
    // RFC 6763 §6.4: the key is everything up to the first '='; no '=' means a boolean key.
    const qsizetype eq = string.indexOf('=');
    const quint32 keyLength = eq < 0 ? length : quint32(eq);
    f->children.append(
        DnsField{c.labels.key,
                 DnsText::escaped(QByteArrayView(string).first(keyLength), DnsText::Escape::Text),
                 {at + 1, keyLength},
                 {}});
    if (eq >= 0) {
        f->children.append(
            DnsField{c.labels.value,
                     DnsText::escaped(QByteArrayView(string).sliced(eq + 1), DnsText::Escape::Text),
                     {at + 2 + keyLength, length - keyLength - 1},
                     {}});
    }
}

bool decodeTxt(Cursor &c)
{
    qsizetype strings = 0; // counted first so the list is allocated once
    for (quint32 at = c.pos; at < c.end; at += 1 + c.data[at])
        ++strings;
    c.record.txt.reserve(strings);
    while (c.pos < c.end) {
        const quint32 length = c.data[c.pos];
        if (c.end - c.pos - 1 < length) {
            return c.fail(
                c.pos,
                DnsReason::from(QT_TRANSLATE_NOOP(
                                    "DnsDecoder",
                                    "TXT string of %1 bytes runs past the end of the record data"))
                    .arg(length));
        }
        c.record.txt.append(QByteArray(reinterpret_cast<const char *>(c.data + c.pos + 1), length));
        if (c.fields)
            addTxtField(c, c.record.txt.last(), c.pos);
        c.pos += 1 + length;
    }
    return true;
}

bool decodeNsec(Cursor &c)
{
    if (!c.readName(c.labels.nextDomainName, c.record.target))
        return false;
    DnsField *bitmapField = c.add(c.labels.typeBitmap, QString(), c.pos, c.end - c.pos);
    QString allTypes;
    int lastWindow = -1;
    while (c.pos < c.end) {
        if (c.end - c.pos < 2) {
            return c.fail(c.pos,
                          DnsReason::from(QT_TRANSLATE_NOOP(
                              "DnsDecoder",
                              "NSEC type bitmap overrun: window header cut off at the end of the "
                              "record data")));
        }
        const int window = c.data[c.pos];
        const quint32 length = c.data[c.pos + 1];
        if (length == 0 || length > 32)
            return c.fail(c.pos + 1,
                          DnsReason::from(QT_TRANSLATE_NOOP("DnsDecoder",
                                                            "NSEC bitmap length %1 (must be 1-32)"))
                              .arg(length));
        if (window <= lastWindow) {
            return c.fail(
                c.pos,
                DnsReason::from(
                    QT_TRANSLATE_NOOP("DnsDecoder", "NSEC window %1 after window %2 (must ascend)"))
                    .arg(window)
                    .arg(lastWindow));
        }
        if (c.end - c.pos - 2 < length) {
            return c.fail(
                c.pos,
                DnsReason::from(QT_TRANSLATE_NOOP(
                                    "DnsDecoder",
                                    "NSEC type bitmap overrun: window %1 needs %2 bytes, %3 left"))
                    .arg(window)
                    .arg(length)
                    .arg(c.end - c.pos - 2));
        }
        lastWindow = window;
        int count = 0;
        for (quint32 i = 0; i < length; ++i)
            count += std::popcount(c.data[c.pos + 2 + i]);
        c.record.nsecTypes.reserve(c.record.nsecTypes.size() + count);
        QString windowTypes;
        for (quint32 i = 0; i < length; ++i) {
            const uchar bits = c.data[c.pos + 2 + i];
            for (int bit = 0; bit < 8; ++bit) {
                if (bits & (0x80 >> bit)) {
                    const quint16 type = quint16(window * 256 + i * 8 + bit);
                    c.record.nsecTypes.append(type);
                    if (bitmapField) {
                        const QString name = DnsDecoder::typeName(type);
                        windowTypes += windowTypes.isEmpty() ? name : u' ' + name;
                    }
                }
            }
        }
        if (bitmapField) {
            allTypes += allTypes.isEmpty() ? windowTypes : u' ' + windowTypes;
            bitmapField->children.append(DnsField{c.labels.window,
                                                  QString::number(window) + u": "_s + windowTypes,
                                                  {c.pos, length + 2},
                                                  {}});
        }
        c.pos += 2 + length;
    }
    if (bitmapField)
        bitmapField->value = allTypes;
    return true;
}

bool decodeOpt(Cursor &c)
{
    DnsRecord &r = c.record;
    if (c.fields) {
        const auto &l = c.labels;
        c.add(l.udpPayloadSize, QString::number(r.rrclass), r.classSpan.offset, 2);
        c.add(l.extendedRcode, QString::number(r.ttl >> 24), r.ttlSpan.offset, 1);
        c.add(l.version, QString::number((r.ttl >> 16) & 0xFF), r.ttlSpan.offset + 1, 1);
        c.add(l.doBit, (r.ttl & 0x8000) ? l.yes : l.no, r.ttlSpan.offset + 2, 1);
        c.add(l.ednsZ, QString::number(r.ttl & 0x7FFF), r.ttlSpan.offset + 2, 2);
    }
    while (c.pos < c.end) {
        if (c.end - c.pos < 4) {
            return c.fail(c.pos, DnsReason::from(QT_TRANSLATE_NOOP(
                                     "DnsDecoder",
                                     "EDNS option header cut off at the end of the record data")));
        }
        const quint16 code = EndianReader::big16(c.data + c.pos);
        const quint16 length = EndianReader::big16(c.data + c.pos + 2);
        if (c.end - c.pos - 4 < length) {
            return c.fail(
                c.pos + 2,
                DnsReason::from(
                    QT_TRANSLATE_NOOP("DnsDecoder",
                                      "EDNS option of %1 bytes runs past the end of the record "
                                      "data"))
                    .arg(length));
        }
        const QByteArray data(reinterpret_cast<const char *>(c.data + c.pos + 4), length);
        r.options.append(EdnsOption{code, data, {c.pos, 4u + length}});
        if (c.fields) {
            const QString hex = DnsText::hex(data);
            DnsField *f =
                c.add(c.labels.option, DnsRdataDecoder::ednsOptionName(code) + u": "_s + hex, c.pos,
                      4u + length);
            f->children = {
                DnsField{
                    c.labels.optionCode, DnsRdataDecoder::ednsOptionName(code), {c.pos, 2}, {}},
                DnsField{c.labels.optionLength, QString::number(length), {c.pos + 2, 2}, {}},
                DnsField{c.labels.optionData, hex, {c.pos + 4, length}, {}}};
        }
        c.pos += 4 + length;
    }
    return true;
}

} // namespace

namespace DnsRdataDecoder {

bool decode(QByteArrayView datagram, DnsNameReader &names, DnsRecord &record, bool withFields,
            DnsError &error)
{
    const DnsFieldLabels &labels = DnsFieldLabels::instance();
    Cursor c{reinterpret_cast<const uchar *>(datagram.data()),
             names,
             record,
             withFields ? &record.rdataFields : nullptr,
             error,
             labels,
             record.rdataSpan.offset,
             record.rdataSpan.end()};
    if (c.fields) {
        // The fixed layouts' field counts, so the list is allocated once.
        switch (record.type) {
        case DnsType::SRV:
            c.fields->reserve(4);
            break;
        case DnsType::OPT:
            c.fields->reserve(6);
            break;
        case DnsType::HINFO:
        case DnsType::NSEC:
            c.fields->reserve(2);
            break;
        default:
            break;
        }
    }
    switch (record.type) {
    case DnsType::A:
        return decodeAddress(c, 4);
    case DnsType::AAAA:
        return decodeAddress(c, 16);
    case DnsType::PTR:
        return c.readName(labels.domainName, record.target) && c.finish();
    case DnsType::CNAME:
        return c.readName(labels.canonicalName, record.target) && c.finish();
    case DnsType::NS:
        return c.readName(labels.nameServer, record.target) && c.finish();
    case DnsType::SRV:
        return decodeSrv(c);
    case DnsType::TXT:
        return decodeTxt(c);
    case DnsType::HINFO:
        return c.readString(&DnsFieldLabels::cpu, record.cpu) &&
               c.readString(&DnsFieldLabels::os, record.os) && c.finish();
    case DnsType::NSEC:
        return decodeNsec(c);
    case DnsType::OPT:
        return decodeOpt(c);
    default:
        if (withFields && record.rdlength > 0)
            c.add(labels.data, DnsText::hex(record.rdata), c.pos, record.rdlength);
        return true;
    }
}

QString ednsOptionName(quint16 code)
{
    switch (code) {
    case 3:
        return u"NSID (3)"_s;
    case 4:
        return u"Owner (4)"_s;
    case 8:
        return u"Client subnet (8)"_s;
    case 10:
        return u"Cookie (10)"_s;
    case 12:
        return u"Padding (12)"_s;
    default:
        return QString::number(code);
    }
}

} // namespace DnsRdataDecoder

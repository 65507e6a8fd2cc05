#pragma once

#include "DnsMessage.h"

#include <QStringList>

// Flattened views of decoded messages for tests to compare with hand-written expectations.
namespace DnsTestUtil {

// "Label=value@offset+length", children indented by two spaces per level.
QStringList dumpFields(const QList<DnsField> &fields);
QString field(const QString &label, const QString &value, quint32 offset, quint32 length);
// The typed rdata members as one line: "address=..", "target=..", "srv=p,w,port",
// "txt=[hex,..]", "hinfo=cpu/os", "types=1,28", "option=code:hex", always "rdata=hex".
QString typed(const DnsRecord &r);
// "Q name" per question then "R name TYPE" per record.
QStringList kept(const DnsMessage &m);
// Empty when every span (header, fields, questions, records) and the error offset lie within
// `size` bytes; otherwise says which one does not.
QString spanOutside(const DnsMessage &m, quint32 size);

} // namespace DnsTestUtil

#pragma once

#include <QByteArray>
#include <QList>

#include <initializer_list>

// Builds DNS wire-format messages byte by byte for tests, remembering where it put things,
// so expected offsets come from the builder and never from the decoder under test.
class DnsWireBuilder final
{
public:
    quint32 pos() const { return quint32(m_bytes.size()); }
    const QByteArray &bytes() const { return m_bytes; }

    DnsWireBuilder &u8(quint8 v);
    DnsWireBuilder &u16(quint16 v);
    DnsWireBuilder &u32(quint32 v);
    DnsWireBuilder &raw(const QByteArray &b);
    DnsWireBuilder &header(quint16 id, quint16 flags, quint16 qd, quint16 an, quint16 ns,
                           quint16 ar);
    // One label: its length byte then its bytes (no checks: tests build bad labels too).
    DnsWireBuilder &label(const QByteArray &l);
    DnsWireBuilder &pointer(quint32 offset); // 0xC000 | offset
    // Labels split at '.' (empty = root) then the terminating zero.
    DnsWireBuilder &name(const QByteArray &dotted);
    // Labels split at '.' then a compression pointer instead of the zero.
    DnsWireBuilder &nameThen(const QByteArray &dotted, quint32 pointerTo);
    DnsWireBuilder &question(const QByteArray &dotted, quint16 type, quint16 qclass);
    // type, class, ttl and a placeholder rdlength patched by endRdata(); returns the rdata start.
    quint32 beginRecord(quint16 type, quint16 rrclass, quint32 ttl);
    void endRdata(quint32 rdataStart); // sets the rdlength just before rdataStart
    // A whole record with the given rdata bytes.
    DnsWireBuilder &record(const QByteArray &dottedName, quint16 type, quint16 rrclass, quint32 ttl,
                           const QByteArray &rdata);
    void patchU16(quint32 at, quint16 v);

private:
    QByteArray m_bytes;
};

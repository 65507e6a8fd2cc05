#include "DnsWireBuilder.h"

DnsWireBuilder &DnsWireBuilder::u8(quint8 v)
{
    m_bytes.append(char(v));
    return *this;
}

DnsWireBuilder &DnsWireBuilder::u16(quint16 v)
{
    return u8(quint8(v >> 8)).u8(quint8(v));
}

DnsWireBuilder &DnsWireBuilder::u32(quint32 v)
{
    return u16(quint16(v >> 16)).u16(quint16(v));
}

DnsWireBuilder &DnsWireBuilder::raw(const QByteArray &b)
{
    m_bytes.append(b);
    return *this;
}

DnsWireBuilder &DnsWireBuilder::header(quint16 id, quint16 flags, quint16 qd, quint16 an,
                                       quint16 ns, quint16 ar)
{
    return u16(id).u16(flags).u16(qd).u16(an).u16(ns).u16(ar);
}

DnsWireBuilder &DnsWireBuilder::label(const QByteArray &l)
{
    return u8(quint8(l.size())).raw(l);
}

DnsWireBuilder &DnsWireBuilder::pointer(quint32 offset)
{
    return u16(quint16(0xC000 | offset));
}

DnsWireBuilder &DnsWireBuilder::name(const QByteArray &dotted)
{
    if (!dotted.isEmpty()) {
        for (const QByteArray &l : dotted.split('.'))
            label(l);
    }
    return u8(0);
}

DnsWireBuilder &DnsWireBuilder::nameThen(const QByteArray &dotted, quint32 pointerTo)
{
    if (!dotted.isEmpty()) {
        for (const QByteArray &l : dotted.split('.'))
            label(l);
    }
    return pointer(pointerTo);
}

DnsWireBuilder &DnsWireBuilder::question(const QByteArray &dotted, quint16 type, quint16 qclass)
{
    return name(dotted).u16(type).u16(qclass);
}

quint32 DnsWireBuilder::beginRecord(quint16 type, quint16 rrclass, quint32 ttl)
{
    u16(type).u16(rrclass).u32(ttl).u16(0);
    return pos();
}

void DnsWireBuilder::endRdata(quint32 rdataStart)
{
    patchU16(rdataStart - 2, quint16(pos() - rdataStart));
}

DnsWireBuilder &DnsWireBuilder::record(const QByteArray &dottedName, quint16 type, quint16 rrclass,
                                       quint32 ttl, const QByteArray &rdata)
{
    name(dottedName);
    const quint32 start = beginRecord(type, rrclass, ttl);
    raw(rdata);
    endRdata(start);
    return *this;
}

void DnsWireBuilder::patchU16(quint32 at, quint16 v)
{
    m_bytes[at] = char(v >> 8);
    m_bytes[at + 1] = char(v);
}

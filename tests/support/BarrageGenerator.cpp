#include "BarrageGenerator.h"

#include <QHash>
#include <QStringList>

#include <algorithm>

namespace {
// Writes DNS messages with name compression, for the synthetic originals.
class MessageWriter
{
public:
    explicit MessageWriter(quint16 flags)
        : m_bytes(12, '\0')
    {
        put16(2, flags);
    }
    void question(const QByteArray &name, quint16 type, quint16 qclass)
    {
        this->name(name);
        append16(type);
        append16(qclass);
        bump(4);
    }
    void record(int countAt, const QByteArray &name, quint16 type, quint16 rrclass, quint32 ttl,
                const QByteArray &rdata)
    {
        this->name(name);
        append16(type);
        append16(rrclass);
        append16(quint16(ttl >> 16));
        append16(quint16(ttl));
        append16(quint16(rdata.size()));
        m_bytes += rdata;
        bump(countAt);
    }
    // rdata that holds a (compressible) name, e.g. PTR or SRV: prefix + name.
    QByteArray nameRdata(const QByteArray &prefix, const QByteArray &name) const
    {
        // Pointers are absolute, so they may point at any name written before.
        QByteArray out = prefix;
        QByteArray tail = name;
        while (!tail.isEmpty()) {
            if (const auto it = m_offsets.constFind(tail); it != m_offsets.cend()) {
                out += char(0xc0 | (*it >> 8));
                out += char(*it & 0xff);
                return out;
            }
            const qsizetype dot = tail.indexOf('.');
            const QByteArray label = dot < 0 ? tail : tail.left(dot);
            out += char(label.size());
            out += label;
            tail = dot < 0 ? QByteArray() : tail.mid(dot + 1);
        }
        out += '\0';
        return out;
    }
    QByteArray bytes() const { return m_bytes; }

private:
    void name(const QByteArray &full)
    {
        QByteArray tail = full;
        while (!tail.isEmpty()) {
            if (const auto it = m_offsets.constFind(tail); it != m_offsets.cend()) {
                append16(quint16(0xc000 | *it));
                return;
            }
            if (m_bytes.size() < 0x3fff)
                m_offsets.insert(tail, quint16(m_bytes.size()));
            const qsizetype dot = tail.indexOf('.');
            const QByteArray label = dot < 0 ? tail : tail.left(dot);
            m_bytes += char(label.size());
            m_bytes += label;
            tail = dot < 0 ? QByteArray() : tail.mid(dot + 1);
        }
        m_bytes += '\0';
    }
    void append16(quint16 v)
    {
        m_bytes += char(v >> 8);
        m_bytes += char(v & 0xff);
    }
    void put16(qsizetype at, quint16 v)
    {
        m_bytes[at] = char(v >> 8);
        m_bytes[at + 1] = char(v & 0xff);
    }
    void bump(int countAt)
    {
        const quint16 v =
            quint16((quint8(m_bytes.at(countAt)) << 8) | quint8(m_bytes.at(countAt + 1)));
        put16(countAt, quint16(v + 1));
    }

    QByteArray m_bytes;
    QHash<QByteArray, quint16> m_offsets;
};

constexpr int kAnswers = 6, kAuthorities = 8, kAdditionals = 10;

QByteArray be16(quint16 v)
{
    QByteArray out(2, Qt::Uninitialized);
    out[0] = char(v >> 8);
    out[1] = char(v & 0xff);
    return out;
}

QByteArray txt(const QList<QByteArray> &strings)
{
    QByteArray out;
    for (const QByteArray &s : strings)
        out += char(s.size()) + s;
    return out;
}

// Skips a name; false when it runs out of bytes, has a label length over 63
// (or an extended label type), or a compression pointer past the end or to itself.
bool skipName(QByteArrayView m, qsizetype *pos)
{
    qsizetype p = *pos;
    for (;;) {
        if (p >= m.size())
            return false;
        const quint8 b = quint8(m[p]);
        if (b == 0) {
            *pos = p + 1;
            return true;
        }
        if ((b & 0xc0) == 0xc0) {
            if (p + 1 >= m.size())
                return false;
            const qsizetype target = ((b & 0x3f) << 8) | quint8(m[p + 1]);
            if (target >= m.size() || target == p)
                return false;
            *pos = p + 2;
            return true;
        }
        if (b & 0xc0)
            return false;
        p += 1 + b;
    }
}
} // namespace

BarrageGenerator::BarrageGenerator(quint64 seed, const QList<QByteArray> &originals)
    : m_rng(seed)
{
    for (const QByteArray &m : originals) {
        if (shape(m) == Shape::Exact)
            m_originals.append(m);
    }
    m_originals += syntheticMessages();
}

BarrageGenerator::Shape BarrageGenerator::shape(QByteArrayView m)
{
    if (m.size() < 12)
        return Shape::Broken;
    auto count = [&](int at) { return qsizetype((quint8(m[at]) << 8) | quint8(m[at + 1])); };
    const qsizetype qd = count(4), records = count(6) + count(8) + count(10);
    // Each question needs at least 5 bytes, each record at least 11.
    if (12 + 5 * qd + 11 * records > m.size())
        return Shape::Broken;
    qsizetype pos = 12;
    for (qsizetype i = 0; i < qd; ++i) {
        if (!skipName(m, &pos) || pos + 4 > m.size())
            return Shape::Broken;
        pos += 4;
    }
    for (qsizetype i = 0; i < records; ++i) {
        if (!skipName(m, &pos) || pos + 10 > m.size())
            return Shape::Broken;
        const qsizetype rdlength = (quint8(m[pos + 8]) << 8) | quint8(m[pos + 9]);
        pos += 10 + rdlength;
        if (pos > m.size())
            return Shape::Broken;
    }
    return pos == m.size() ? Shape::Exact : Shape::Trailing;
}

QList<QByteArray> BarrageGenerator::syntheticMessages()
{
    QList<QByteArray> out;
    const QByteArray host = "labhost.local", type = "_ipp._tcp.local",
                     instance = "Lab Printer._ipp._tcp.local";
    const QByteArray address("\xa9\xfe\x01\x02", 4);
    {
        MessageWriter w(0x0000); // query, QM
        w.question(type, 12, 1);
        out.append(w.bytes());
    }
    {
        MessageWriter w(0x0000); // probe: QU question, proposed record in authority
        w.question(host, 255, 0x8001);
        w.record(kAuthorities, host, 1, 1, 120, address);
        out.append(w.bytes());
    }
    {
        MessageWriter w(0x8400); // announcement with compression throughout
        w.record(kAnswers, type, 12, 1, 4500, w.nameRdata({}, instance));
        w.record(kAnswers, instance, 33, 0x8001, 120,
                 w.nameRdata(be16(0) + be16(0) + be16(631), host));
        w.record(kAnswers, instance, 16, 0x8001, 4500, txt({"txtvers=1", "rp=printers/lab"}));
        w.record(kAdditionals, host, 1, 0x8001, 120, address);
        // NSEC: next name, window 0, 4 bytes: A (1) and AAAA (28)
        w.record(kAdditionals, host, 47, 0x8001, 120,
                 w.nameRdata({}, host) + QByteArray("\x00\x04\x40\x00\x00\x08", 6));
        out.append(w.bytes());
    }
    {
        MessageWriter w(0x8400); // goodbye
        w.record(kAnswers, type, 12, 1, 0, w.nameRdata({}, instance));
        out.append(w.bytes());
    }
    {
        MessageWriter w(0x0000); // query with a known answer
        w.question(type, 12, 1);
        w.question(host, 28, 1);
        w.record(kAnswers, type, 12, 1, 4000, w.nameRdata({}, instance));
        out.append(w.bytes());
    }
    return out;
}

const char *BarrageGenerator::kindName(Kind kind)
{
    static const char *const names[kKinds] = {"original",    "truncated", "short header",
                                              "header only", "random",    "random body",
                                              "mutated",     "spliced",   "oversize"};
    return names[int(kind)];
}

QByteArray BarrageGenerator::randomBytes(qsizetype n)
{
    QByteArray out(n, Qt::Uninitialized);
    for (qsizetype i = 0; i < n; ++i)
        out[i] = char(m_rng() & 0xff);
    return out;
}

const QByteArray &BarrageGenerator::anyOriginal()
{
    return m_originals.at(qsizetype(m_rng() % quint64(m_originals.size())));
}

BarrageGenerator::Datagram BarrageGenerator::classify(QByteArray bytes, Kind kind) const
{
    Datagram d;
    // A receiver keeps at most kReceiveLimit bytes; judge what it can decode.
    d.certainMalformed =
        shape(QByteArrayView(bytes).first(qMin(bytes.size(), kReceiveLimit))) == Shape::Broken;
    d.certainValid = kind == Kind::Original;
    d.bytes = std::move(bytes);
    d.kind = kind;
    return d;
}

BarrageGenerator::Datagram BarrageGenerator::next()
{
    ++m_produced;
    if (m_oversizeEvery > 0 && m_produced % quint64(m_oversizeEvery) == 0)
        return classify(randomBytes(kReceiveLimit + 1 + qsizetype(m_rng() % 600)), Kind::Oversize);
    auto below = [this](quint64 n) { return qsizetype(m_rng() % n); };
    // Weights out of 100.
    const int roll = int(m_rng() % 100);
    if (roll < 10)
        return classify(anyOriginal(), Kind::Original);
    if (roll < 25) {
        const QByteArray &o = anyOriginal();
        return classify(o.left(below(quint64(o.size()))), Kind::Truncated);
    }
    if (roll < 28)
        return classify(randomBytes(below(12)), Kind::ShortHeader);
    if (roll < 30) {
        QByteArray h = randomBytes(12);
        h[4 + 2 * below(4) + 1] = char(1 + below(255)); // at least one count > 0
        return classify(h, Kind::HeaderOnly);
    }
    if (roll < 45)
        return classify(randomBytes(12 + below(1489)), Kind::Random);
    if (roll < 60) {
        QByteArray h = randomBytes(12);
        const int limits[4] = {3, 4, 2, 3};
        for (int i = 0; i < 4; ++i) {
            h[4 + 2 * i] = 0;
            h[5 + 2 * i] = char(below(quint64(limits[i])));
        }
        return classify(h + randomBytes(below(600)), Kind::RandomBody);
    }
    if (roll < 90) {
        QByteArray m = anyOriginal();
        if (m.isEmpty())
            return classify(m, Kind::Mutated);
        const int ops = 1 + int(below(6));
        for (int i = 0; i < ops; ++i) {
            const qsizetype at = below(quint64(m.size()));
            switch (below(4)) {
            case 0:
                m[at] = char(m_rng() & 0xff);
                break;
            case 1:
                m[at] = char(m.at(at) ^ char(1 << below(8)));
                break;
            case 2:
                m[at] = char(0xc0 | below(64));
                break; // a stray compression pointer
            default:
                m[at] = char(below(80));
                break; // label lengths around 63
            }
        }
        return classify(m, Kind::Mutated);
    }
    const QByteArray &a = anyOriginal();
    const QByteArray &b = anyOriginal();
    return classify(a.left(below(quint64(a.size()) + 1)) + b.mid(below(quint64(b.size()) + 1)),
                    Kind::Spliced);
}

#pragma once

#include <QByteArray>
#include <QByteArrayView>
#include <QList>

#include <random>

// Datagrams for the live barrage test: real mDNS messages sent as they are,
// truncated, mutated and spliced, plus random bytes, short headers and oversize
// datagrams, from a seeded PRNG (the same seed gives the same barrage). Each comes
// with what the test can know for certain without a DNS decoder of its own: a
// structural walk over the header counts, name labels and record lengths says when
// a message cannot be decoded (it needs bytes past its end, has a label length
// over 63 or a compression pointer past the end or to itself), and an unmodified
// real message is certainly valid. Everything else is "uncertain" and only has to
// be counted and survived. Test thread only.
class BarrageGenerator final
{
public:
    enum class Kind : quint8 {
        Original,    // an unmodified real message
        Truncated,   // a real message cut short
        ShortHeader, // 0..11 bytes
        HeaderOnly,  // a 12-byte header announcing records that are not there
        Random,      // random bytes, random length
        RandomBody,  // a plausible header, random body
        Mutated,     // a real message with bytes changed
        Spliced,     // the start of one real message and the end of another
        Oversize,    // longer than the 9000-byte receive buffer
    };
    static constexpr int kKinds = 9;
    static constexpr qsizetype kReceiveLimit = 9000; // what a receiver keeps (RFC 6762 §17)

    struct Datagram
    {
        QByteArray bytes;
        Kind kind = Kind::Random;
        bool certainMalformed = false; // no correct decoder can decode it
        bool certainValid = false;     // a real, unmodified message
    };

    enum class Shape : quint8 { Exact, Trailing, Broken };

    // `originals`: real mDNS messages; those whose walk is not Exact are dropped.
    // Built-in synthetic messages are always added.
    BarrageGenerator(quint64 seed, const QList<QByteArray> &originals);

    Datagram next();
    // Every oversizeEvery-th datagram is Oversize (0 = never).
    void setOversizeEvery(int n) { m_oversizeEvery = n; }
    qsizetype originalCount() const { return m_originals.size(); }

    // The structural walk: Exact (the sections end exactly at the end), Trailing
    // (bytes after them), Broken (cannot be decoded, see above).
    static Shape shape(QByteArrayView message);
    static QList<QByteArray> syntheticMessages();
    static const char *kindName(Kind kind);

private:
    QByteArray randomBytes(qsizetype n);
    const QByteArray &anyOriginal();
    Datagram classify(QByteArray bytes, Kind kind) const;

    std::mt19937_64 m_rng;
    QList<QByteArray> m_originals;
    int m_oversizeEvery = 0;
    quint64 m_produced = 0;
};

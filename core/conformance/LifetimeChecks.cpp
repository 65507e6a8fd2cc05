#include "LifetimeChecks.h"

#include "DirectoryNames.h"
#include "DnsDecoder.h"

using namespace Sequence;
using namespace Qt::StringLiterals;

namespace {
constexpr qint64 kSecond = 1'000'000'000;
constexpr quint32 kLegacyTtl = 10;
constexpr qint64 kLegacyAnswerNs = 10 * kSecond;
} // namespace

LifetimeChecks::LifetimeChecks(std::shared_ptr<Shared> shared, qsizetype maxTracked)
    : m_shared(std::move(shared))
    , m_max(maxTracked)
    , m_live(maxTracked)
    , m_groups(maxTracked)
    , m_legacy(maxTracked)
{}

void LifetimeChecks::clear()
{
    m_live.clear();
    m_groups.clear();
    m_expiry.clear();
    m_legacy.clear();
}

void LifetimeChecks::advanceTo(qint64 nowNs, FindingLog &log, DeviceBook &devices)
{
    Q_UNUSED(devices);
    expire(nowNs, log);
}

void LifetimeChecks::add(const CheckContext &c)
{
    expire(c.time(), c.log);
    if (m_shared->facts.skip)
        return;
    const DnsMessage &m = c.message;
    if (!m.header.qr) {
        if (!c.fromMdnsPort && !m.questions.isEmpty()) {
            const DnsQuestion &q = m.questions.first();
            m_legacy[{c.packet.source, c.packet.sourcePort}] =
                LegacyQuery{c.time(), m.header.id, m_shared->facts.questionNames.constFirst(),
                            q.type, q.qclass};
        }
        return;
    }
    if (c.isLegacyResponse()) {
        checkLegacy(c);
        return;
    }
    if (!c.multicast)
        return;
    checkAdditionals(c);
    track(c);
}

bool LifetimeChecks::holds(const IpAddress &source, const QString &name, quint16 type) const
{
    const QList<QByteArray> *group = m_groups.find({source, name, type, {}});
    return group && !group->isEmpty();
}

void LifetimeChecks::checkAdditionals(const CheckContext &c)
{
    const DnsMessage &m = c.message;
    const PacketFacts &facts = m_shared->facts;
    const IpAddress &source = c.packet.source;
    const auto carries = [&](const QString &name, quint16 type) {
        for (qsizetype i = 0; i < m.records.size(); ++i) {
            if (m.records[i].type == type && m.records[i].ttl != 0 && facts.recordNames[i] == name)
                return true;
        }
        return false;
    };
    for (qsizetype i = 0; i < m.records.size(); ++i) {
        const DnsRecord &r = m.records[i];
        if (r.section != DnsSection::Answer || r.ttl == 0)
            continue;
        QStringList missing;
        QString about;
        if (r.type == DnsType::PTR && !isReverseName(r.name)) {
            const QString &target = m_shared->nameKeys.key(r.target);
            for (quint16 type : {quint16(DnsType::SRV), quint16(DnsType::TXT)}) {
                if (holds(source, target, type) && !carries(target, type))
                    missing.append(DnsDecoder::typeName(type) + u' ' + r.target);
            }
            about = r.target;
        } else if (r.type == DnsType::SRV) {
            const QString &target = m_shared->nameKeys.key(r.target);
            const bool held =
                holds(source, target, DnsType::A) || holds(source, target, DnsType::AAAA);
            if (held && !carries(target, DnsType::A) && !carries(target, DnsType::AAAA))
                missing.append(u"A/AAAA "_s + r.target);
            about = r.name;
        }
        if (missing.isEmpty())
            continue;
        c.reportLazily(
            Rule::MissingAdditionals, Severity::Info, about,
            QT_TRANSLATE_NOOP("Conformance",
                              "the answer %1 %2 comes without %3, which %4 holds; responses "
                              "should carry them as additional records"),
            [&] {
                return QStringList{DnsDecoder::typeName(r.type), r.name, missing.join(u", "),
                                   source.toString()};
            },
            r.span);
    }
}

void LifetimeChecks::checkLegacy(const CheckContext &c)
{
    const DnsMessage &m = c.message;
    const QString none;
    const LegacyQuery *query = m_legacy.find({c.packet.destination, c.packet.destinationPort});
    const QString to =
        c.packet.destination.toString() + u':' + QString::number(c.packet.destinationPort);
    if (query && c.time() - query->timeNs <= kLegacyAnswerNs) {
        if (m.header.id != query->id) {
            c.report(Rule::LegacyResponse, Severity::Error, none,
                     QT_TRANSLATE_NOOP("Conformance",
                                       "legacy response to %1 with ID 0x%2; it must echo the "
                                       "query's ID 0x%3"),
                     {to, QString::number(m.header.id, 16).rightJustified(4, u'0'),
                      QString::number(query->id, 16).rightJustified(4, u'0')},
                     ByteSpan{0, 2});
        }
        const bool echoed =
            !m.questions.isEmpty() && m_shared->facts.questionNames.constFirst() == query->name &&
            m.questions.first().type == query->type && m.questions.first().qclass == query->qclass;
        if (!echoed) {
            c.report(Rule::LegacyResponse, Severity::Error, none,
                     QT_TRANSLATE_NOOP("Conformance",
                                       "legacy response to %1 without the query's question %2 "
                                       "%3; it must echo it"),
                     {to, query->name, DnsDecoder::typeName(query->type)});
        }
    }
    for (const DnsRecord &r : m.records) {
        if (r.type == DnsType::OPT)
            continue;
        if (r.cacheFlush) {
            c.report(Rule::LegacyResponse, Severity::Error, r.name,
                     QT_TRANSLATE_NOOP("Conformance",
                                       "legacy response to %1 sets the cache-flush bit on %2; "
                                       "legacy resolvers do not understand it"),
                     {to, r.name}, r.classSpan);
        }
        if (r.ttl > kLegacyTtl) {
            c.report(Rule::LegacyResponse, Severity::Error, r.name,
                     QT_TRANSLATE_NOOP("Conformance",
                                       "TTL %1 s on %2 in a legacy response to %3; legacy "
                                       "responses must not give more than 10 s"),
                     {QString::number(r.ttl), r.name, to}, r.ttlSpan);
        }
    }
}

void LifetimeChecks::drop(const SourceRecord &key)
{
    Live *live = m_live.find(key);
    if (!live)
        return;
    m_expiry.erase(live->at);
    m_live.remove(key);
    SourceRecord group{key.source, key.name, key.type, {}};
    if (QList<QByteArray> *g = m_groups.find(group)) {
        g->removeOne(key.rdata);
        if (g->isEmpty())
            m_groups.remove(group);
    }
}

void LifetimeChecks::track(const CheckContext &c)
{
    const DnsMessage &m = c.message;
    const PacketFacts &facts = m_shared->facts;
    const IpAddress &source = c.packet.source;
    // Cache-flush: the packet's set of rdata replaces the sender's others for that name and
    // type (they are flushed, not expired).
    QList<SourceRecord> &flushed = m_flushed;
    flushed.clear();
    for (qsizetype i = 0; i < m.records.size(); ++i) {
        const DnsRecord &r = m.records[i];
        if (r.type == DnsType::OPT)
            continue;
        const SourceRecord key{source, facts.recordNames[i], r.type, facts.rdataKeys[i]};
        if (r.ttl == 0) {
            if (r.section != DnsSection::Answer)
                continue;
            c.reportLazily(
                Rule::Goodbye, Severity::Info, r.name,
                QT_TRANSLATE_NOOP("Conformance", "%1 withdrew %2 %3 (goodbye, TTL 0)"),
                [&] {
                    return QStringList{source.toString(), r.name, recordText(r)};
                },
                r.ttlSpan);
            drop(key);
            continue;
        }
        const SourceRecord groupKey{source, key.name, r.type, {}};
        if (r.cacheFlush && !flushed.contains(groupKey)) {
            flushed.append(groupKey);
            if (const QList<QByteArray> *g = m_groups.find(groupKey)) {
                const QList<QByteArray> others = *g;
                for (const QByteArray &data : others) {
                    bool inPacket = false;
                    for (qsizetype j = 0; j < m.records.size() && !inPacket; ++j) {
                        const DnsRecord &x = m.records[j];
                        inPacket = x.type == r.type && x.ttl != 0 &&
                                   facts.recordNames[j] == key.name && facts.rdataKeys[j] == data;
                    }
                    if (!inPacket)
                        drop({source, key.name, r.type, data});
                }
            }
        }
        Live *live = m_live.find(key);
        Expiry::node_type node;
        if (live) {
            node = m_expiry.extract(live->at); // re-keyed below: no allocation per refresh
        } else {
            live = &m_live[key];
            live->name = r.name;
            live->text = recordText(r);
            QList<QByteArray> &g = m_groups[groupKey];
            if (!g.contains(key.rdata) && g.size() < 64)
                g.append(key.rdata);
            live = m_live.find(key); // m_groups' insert left m_live alone; found again for clarity
            if (!live)
                continue;
        }
        live->ttl = r.ttl;
        live->packet = c.number;
        live->expiresNs = c.time() + qint64(r.ttl) * kSecond;
        if (node) {
            node.key() = live->expiresNs;
            live->at = m_expiry.insert(std::move(node));
        } else {
            live->at = m_expiry.insert({live->expiresNs, key});
        }
    }
    if (qsizetype(m_expiry.size()) > 2 * m_max + 64) {
        // Records evicted from m_live left their expiry behind: rebuild it.
        m_expiry.clear();
        m_live.forEach([this](const SourceRecord &key, Live &live) {
            live.at = m_expiry.insert({live.expiresNs, key});
        });
    }
}

void LifetimeChecks::expire(qint64 nowNs, FindingLog &log)
{
    while (!m_expiry.empty() && m_expiry.begin()->first <= nowNs) {
        const auto it = m_expiry.begin();
        const SourceRecord key = it->second;
        Live *live = m_live.find(key);
        if (!live || live->at != it) {
            m_expiry.erase(it); // left behind by an eviction
            continue;
        }
        report(log, Rule::Expired, Severity::Info, live->expiresNs, key.source, live->name,
               live->packet,
               QT_TRANSLATE_NOOP("Conformance",
                                 "%1 %2 of %3 expired: its TTL of %4 s ran out without a refresh "
                                 "or a goodbye"),
               {live->name, live->text, key.source.toString(), QString::number(live->ttl)});
        drop(key);
    }
}

qsizetype LifetimeChecks::tracked() const
{
    return std::max({m_live.size(), m_groups.size(), m_legacy.size()});
}

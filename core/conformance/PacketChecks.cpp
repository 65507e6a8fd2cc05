#include "PacketChecks.h"

#include "DirectoryNames.h"
#include "DnsDecoder.h"
#include "NameText.h"
#include "Utf8.h"

#include <QByteArrayView>

#include <algorithm>

using namespace Qt::StringLiterals;

namespace {
constexpr quint16 kMdnsPort = 5353;
constexpr qsizetype kMaxMessage = 9000;     // RFC 6762 §17
constexpr qsizetype kUnfragmentedV4 = 1472; // 1500 - 20 (IPv4) - 8 (UDP)
constexpr qsizetype kUnfragmentedV6 = 1232; // 1280 - 40 (IPv6) - 8 (UDP)
constexpr quint32 kHostTtl = 120;           // RFC 6762 §10
constexpr quint32 kOtherTtl = 4500;
constexpr quint32 kShortTtl = 10;

QString hex(quint32 value, int width)
{
    return QString::number(value, 16).rightJustified(width, u'0');
}

// The bytes of the header's flags (the second 16-bit field).
constexpr ByteSpan kIdSpan{0, 2};
constexpr ByteSpan kFlagsSpan{2, 2};

bool isReverseName(const QString &name)
{
    return name.endsWith(u".in-addr.arpa"_s, Qt::CaseInsensitive) ||
           name.endsWith(u".ip6.arpa"_s, Qt::CaseInsensitive);
}

// A record that names a host (RFC 6762 §10: 120 s recommended): A, AAAA, SRV, HINFO and the
// reverse-mapping PTR.
bool isHostRecord(const DnsRecord &r)
{
    return r.type == DnsType::A || r.type == DnsType::AAAA || r.type == DnsType::SRV ||
           r.type == DnsType::HINFO || (r.type == DnsType::PTR && isReverseName(r.name));
}

// A PTR of DNS-SD's shared kinds (RFC 6763): a service type, subtype or the enumeration,
// whose owner names start with an underscore label ("_ipp._tcp.local",
// "_printer._sub._ipp._tcp.local", "_services._dns-sd._udp.local"), or a browse domain
// ("b._dns-sd._udp.local"). Reverse-mapping PTRs are unique.
bool isSharedPtr(const DnsRecord &r)
{
    if (r.type != DnsType::PTR)
        return false;
    return r.name.startsWith(u'_') || NameText::equal(NameText::label(r.name, 1), u"_dns-sd");
}

// What is wrong with an instance label's bytes (RFC 6763 §4.1.1): its first ASCII control byte
// (0x00-0x1F, 0x7F), or its first byte that starts no valid UTF-8 sequence. C1 controls are
// valid UTF-8 (Net-Unicode only discourages them): not a fault here.
struct LabelFault
{
    int byte = -1; // -1: none
    bool control = false;
};
LabelFault labelFault(const QByteArray &bytes)
{
    const auto *p = reinterpret_cast<const uchar *>(bytes.constData());
    for (qsizetype i = 0; i < bytes.size();) {
        if (p[i] < 0x20 || p[i] == 0x7F)
            return {p[i], true};
        char32_t codePoint = 0;
        const int n = Utf8::sequenceLength(p + i, bytes.size() - i, codePoint);
        if (n == 0)
            return {p[i], false};
        i += n;
    }
    return {};
}

// "_" and 1-15 letters, digits and hyphens (RFC 6763 §7).
bool isServiceLabel(QStringView label)
{
    if (label.size() < 2 || label.size() > 16 || label[0] != u'_')
        return false;
    for (qsizetype i = 1; i < label.size(); ++i) {
        const char16_t c = label[i].unicode();
        const bool ok = (c >= u'a' && c <= u'z') || (c >= u'A' && c <= u'Z') ||
                        (c >= u'0' && c <= u'9') || c == u'-';
        if (!ok)
            return false;
    }
    return true;
}

// Whether two records of one message are the same record: owner, type, class and data,
// names compared as names (their bytes differ with compression).
bool sameRecord(const DnsRecord &a, const DnsRecord &b)
{
    if (a.type != b.type || a.rrclass != b.rrclass || !NameText::equal(a.name, b.name))
        return false;
    switch (a.type) {
    case DnsType::PTR:
    case DnsType::CNAME:
    case DnsType::NS:
        return NameText::equal(a.target, b.target);
    case DnsType::SRV:
        return a.priority == b.priority && a.weight == b.weight && a.port == b.port &&
               NameText::equal(a.target, b.target);
    case DnsType::NSEC:
        return NameText::equal(a.target, b.target) && a.nsecTypes == b.nsecTypes;
    default:
        return a.rdata == b.rdata;
    }
}

void checkTxt(const CheckContext &c, const DnsRecord &r)
{
    if (r.rdlength == 0) {
        c.report(Rule::TxtEmpty, Severity::Error, r.name,
                 QT_TRANSLATE_NOOP("Conformance",
                                   "TXT record %1 with RDLENGTH 0; it must hold at least one "
                                   "(empty) string"),
                 {r.name}, r.rdlengthSpan);
        return;
    }
    const auto keyOf = [](const QByteArray &s) {
        const qsizetype eq = s.indexOf('=');
        return QByteArrayView(s).first(eq < 0 ? s.size() : eq);
    };
    for (qsizetype i = 0; i < r.txt.size(); ++i) {
        const QByteArray &s = r.txt[i];
        if (s.isEmpty())
            continue;
        const QByteArrayView key = keyOf(s);
        const auto shown = [&] {
            return QString::fromUtf8(key.first(std::min<qsizetype>(key.size(), 64)));
        };
        if (key.isEmpty()) {
            c.report(Rule::TxtKey, Severity::Warning, r.name,
                     QT_TRANSLATE_NOOP("Conformance",
                                       "a string of the TXT record %1 has an empty key (\"=...\")"),
                     {r.name}, r.rdataSpan);
            return;
        }
        const bool printable = std::all_of(key.cbegin(), key.cend(), [](char ch) {
            return uchar(ch) >= 0x20 && uchar(ch) <= 0x7E;
        });
        if (!printable) {
            c.report(Rule::TxtKey, Severity::Warning, r.name,
                     QT_TRANSLATE_NOOP("Conformance", "the TXT key \"%1\" of %2 is not printable "
                                                      "ASCII"),
                     {shown(), r.name}, r.rdataSpan);
            return;
        }
        // Keys compare without the case of ASCII letters (RFC 6763 §6.4); a record holds
        // few strings, so pairs are compared in place.
        for (qsizetype j = 0; j < i; ++j) {
            const QByteArrayView earlier = keyOf(r.txt[j]);
            if (!r.txt[j].isEmpty() && earlier.size() == key.size() &&
                qstrnicmp(earlier.data(), earlier.size(), key.data(), key.size()) == 0) {
                c.report(Rule::TxtKey, Severity::Warning, r.name,
                         QT_TRANSLATE_NOOP("Conformance",
                                           "the TXT key \"%1\" appears more than once in %2"),
                         {shown(), r.name}, r.rdataSpan);
                return;
            }
        }
    }
}

// The service and protocol labels of a DNS-SD name (RFC 6763 §7), and the instance label's
// bytes (§4.1.1): the owner's first label for SRV and TXT, the target's for a service PTR.
void checkNames(const CheckContext &c, const DnsRecord &r)
{
    const bool instanceOwner = r.type == DnsType::SRV || r.type == DnsType::TXT;
    if (!instanceOwner && r.type != DnsType::PTR)
        return;
    const qsizetype labels = NameText::labelCount(r.name);
    qsizetype at = -1; // the service label
    if (instanceOwner) {
        if (labels >= 4 && NameText::label(r.name, 1).startsWith(u'_'))
            at = 1;
    } else if (r.name.startsWith(u'_')) {
        at = labels >= 4 && NameText::equal(NameText::label(r.name, 1), u"_sub") ? 2 : 0;
    }
    if (at < 0 || at + 2 >= labels) // a domain follows the protocol label
        return;
    const QStringView service = NameText::label(r.name, at);
    const QStringView protocol = NameText::label(r.name, at + 1);
    if (NameText::equal(service, u"_services") && NameText::equal(protocol, u"_dns-sd"))
        return; // _services._dns-sd._udp: the enumeration, RFC 6763 §9
    if (!isServiceLabel(service)) {
        c.report(Rule::ServiceName, Severity::Warning, r.name,
                 QT_TRANSLATE_NOOP("Conformance",
                                   "service label %1 in %2; it must be \"_\" and 1-15 letters, "
                                   "digits or hyphens"),
                 {service.toString(), r.name}, r.nameSpan);
    } else if (!NameText::equal(protocol, u"_tcp") && !NameText::equal(protocol, u"_udp")) {
        c.report(
            Rule::ServiceName, Severity::Warning, r.name,
            QT_TRANSLATE_NOOP("Conformance", "protocol label %1 in %2; it must be _tcp or _udp"),
            {protocol.toString(), r.name}, r.nameSpan);
    }
    const QString *instanceName = nullptr;
    ByteSpan field = r.nameSpan;
    if (instanceOwner && at == 1) {
        instanceName = &r.name;
    } else if (r.type == DnsType::PTR && NameText::labelCount(r.target) >= 4) {
        instanceName = &r.target;
        field = r.rdataSpan;
    }
    if (!instanceName)
        return;
    const QStringView instance = NameText::label(*instanceName, 0);
    if (!instance.contains(u'\\'))
        return; // only an escape can stand for a control byte or invalid UTF-8
    const LabelFault fault = labelFault(DirectoryNames::labelBytes(instance));
    if (fault.byte < 0)
        return;
    if (fault.control) {
        c.report(Rule::InstanceLabel, Severity::Error, *instanceName,
                 QT_TRANSLATE_NOOP("Conformance",
                                   "the instance label of %1 contains the control byte 0x%2"),
                 {*instanceName, hex(quint32(fault.byte), 2)}, field);
    } else {
        c.report(Rule::InstanceLabel, Severity::Error, *instanceName,
                 QT_TRANSLATE_NOOP("Conformance",
                                   "the instance label of %1 is not valid UTF-8 (byte 0x%2)"),
                 {*instanceName, hex(quint32(fault.byte), 2)}, field);
    }
}
} // namespace

void PacketChecks::add(const CheckContext &c)
{
    if (checkHeader(c))
        checkRecords(c);
}

bool PacketChecks::checkHeader(const CheckContext &c)
{
    const Packet &p = c.packet;
    const DnsHeader &h = c.message.header;
    const QString none;

    // Size first: it is judged even on a message nothing else can be said about.
    const qsizetype size = std::max<qsizetype>(p.originalLength, p.data.size());
    if (size > kMaxMessage) {
        c.report(Rule::MessageSize, Severity::Error, none,
                 QT_TRANSLATE_NOOP("Conformance",
                                   "message of %1 bytes; mDNS messages must not exceed 9000 bytes"),
                 {QString::number(size)});
    } else if (p.source.isV4() && size > kUnfragmentedV4) {
        c.report(Rule::MessageSize, Severity::Info, none,
                 QT_TRANSLATE_NOOP("Conformance",
                                   "message of %1 bytes: over IPv4 more than 1472 bytes are "
                                   "fragmented on a 1500-byte link"),
                 {QString::number(size)});
    } else if (p.source.isV6() && size > kUnfragmentedV6) {
        c.report(Rule::MessageSize, Severity::Info, none,
                 QT_TRANSLATE_NOOP("Conformance",
                                   "message of %1 bytes: over IPv6 more than 1232 bytes may be "
                                   "fragmented (minimum MTU 1280)"),
                 {QString::number(size)});
    }

    if (c.message.isMalformed()) {
        const DnsError &e = *c.message.error;
        c.report(Rule::Malformed, Severity::Error, none,
                 QT_TRANSLATE_NOOP("Conformance", "malformed message at offset %1: %2"),
                 {QString::number(e.offset), e.reason}, ByteSpan{e.offset, 1});
        return false;
    }
    if (h.opcode != 0) {
        c.report(Rule::Opcode, Severity::Error, none,
                 QT_TRANSLATE_NOOP("Conformance", "OPCODE %1; mDNS messages must use OPCODE 0, "
                                                  "so receivers ignore this one"),
                 {QString::number(h.opcode)}, kFlagsSpan);
        return false;
    }
    if (h.rcode != 0) {
        c.report(Rule::Rcode, Severity::Error, none,
                 QT_TRANSLATE_NOOP("Conformance", "RCODE %1; mDNS messages must use RCODE 0, "
                                                  "so receivers ignore this one"),
                 {QString::number(h.rcode)}, kFlagsSpan);
        return false;
    }

    const bool legacyQuery = !h.qr && p.sourcePort != kMdnsPort;
    if (h.qr) {
        if (c.multicast && h.id != 0) {
            c.report(Rule::ResponseId, Severity::Error, none,
                     QT_TRANSLATE_NOOP("Conformance",
                                       "response ID 0x%1; multicast responses must use ID 0"),
                     {hex(h.id, 4)}, kIdSpan);
        }
        if (!h.aa) {
            c.report(Rule::ResponseAa, Severity::Error, none,
                     QT_TRANSLATE_NOOP("Conformance",
                                       "response without the AA bit; mDNS responses must set it"),
                     {}, kFlagsSpan);
        }
        if (h.tc) {
            c.report(Rule::ResponseTc, Severity::Error, none,
                     QT_TRANSLATE_NOOP("Conformance",
                                       "response with the TC bit; mDNS responses must clear it"),
                     {}, kFlagsSpan);
        }
        if (c.multicast && h.questionCount > 0) {
            const ByteSpan questions = c.message.questions.isEmpty()
                                           ? ByteSpan{}
                                           : ByteSpan{c.message.questions.first().span.offset,
                                                      c.message.questions.last().span.end() -
                                                          c.message.questions.first().span.offset};
            c.report(Rule::ResponseQuestions, Severity::Warning, none,
                     QT_TRANSLATE_NOOP("Conformance", "multicast response with %1 question(s); "
                                                      "responses should carry none"),
                     {QString::number(h.questionCount)}, questions);
        }
        if (c.multicast && p.sourcePort != kMdnsPort) {
            c.report(Rule::ResponseSourcePort, Severity::Error, none,
                     QT_TRANSLATE_NOOP("Conformance", "response to %1 from source port %2; "
                                                      "multicast responses must come from port "
                                                      "5353"),
                     {p.destination.toString(), QString::number(p.sourcePort)});
        }
    } else {
        if (c.multicast && !legacyQuery && h.id != 0) {
            c.report(Rule::QueryId, Severity::Info, none,
                     QT_TRANSLATE_NOOP("Conformance",
                                       "query ID 0x%1; multicast queries should use ID 0"),
                     {hex(h.id, 4)}, kIdSpan);
        }
        if (legacyQuery) {
            c.report(Rule::LegacyQuery, Severity::Info, none,
                     QT_TRANSLATE_NOOP("Conformance",
                                       "query from source port %1: a legacy resolver, which "
                                       "gets unicast answers echoing its ID and question"),
                     {QString::number(p.sourcePort)});
        }
    }
    // A legacy resolver is an ordinary DNS client: its TTL is its own business.
    if (p.ttl >= 0 && p.ttl != 255 && !legacyQuery) {
        c.report(Rule::IpTtl, Severity::Warning, none,
                 p.source.isV6()
                     ? QT_TRANSLATE_NOOP("Conformance",
                                         "IPv6 hop limit %1; mDNS messages should be sent with 255")
                     : QT_TRANSLATE_NOOP("Conformance",
                                         "IPv4 TTL %1; mDNS messages should be sent with 255"),
                 {QString::number(p.ttl)});
    }
    return true;
}

void PacketChecks::checkRecords(const CheckContext &c)
{
    const DnsMessage &m = c.message;
    const bool response = m.header.qr;
    // A legacy unicast response follows rules of its own (legacy-response).
    const bool mdnsResponse = response && !c.isLegacyResponse();
    // Records reported as duplicates in this message (one finding per record, however
    // many copies): a message holds few records, so pairs are compared in place.
    constexpr qsizetype kMaxCompared = 64;
    for (const DnsRecord &r : m.records) {
        if (r.type == DnsType::OPT)
            continue;
        if (!response) {
            // Known answers (answer section) and a probe's proposed records (authority).
            if (r.cacheFlush && r.section != DnsSection::Additional) {
                c.report(Rule::CacheFlushKnownAnswer, Severity::Error, r.name,
                         r.section == DnsSection::Answer
                             ? QT_TRANSLATE_NOOP("Conformance",
                                                 "cache-flush bit on the known answer %1 %2; "
                                                 "known answers must not set it")
                             : QT_TRANSLATE_NOOP("Conformance",
                                                 "cache-flush bit on the proposed record %1 %2 "
                                                 "of a probe; proposed records must not set it"),
                         {r.name, DnsDecoder::typeName(r.type)}, r.classSpan);
            }
        } else if (mdnsResponse) {
            if (r.cacheFlush && isSharedPtr(r)) {
                c.report(Rule::CacheFlushShared, Severity::Error, r.name,
                         QT_TRANSLATE_NOOP("Conformance",
                                           "cache-flush bit on the shared PTR record %1 -> %2; "
                                           "shared records must not set it"),
                         {r.name, r.target}, r.classSpan);
            }
            const bool unique = r.type == DnsType::A || r.type == DnsType::AAAA ||
                                r.type == DnsType::SRV || r.type == DnsType::TXT ||
                                r.type == DnsType::HINFO || r.type == DnsType::NSEC;
            if (unique && !r.cacheFlush && c.multicast) {
                c.reportLazily(
                    Rule::UniqueWithoutCacheFlush, Severity::Warning, r.name,
                    QT_TRANSLATE_NOOP("Conformance",
                                      "%1 record %2 announced without the cache-flush bit; "
                                      "unique records should set it"),
                    [&] {
                        return QStringList{DnsDecoder::typeName(r.type), r.name};
                    },
                    r.classSpan);
            }
            if (r.ttl != 0 && r.type != DnsType::NSEC) {
                const bool host = isHostRecord(r);
                const quint32 recommended = host ? kHostTtl : kOtherTtl;
                if (r.ttl < kShortTtl) {
                    c.reportLazily(
                        Rule::TtlRecommended, Severity::Warning, r.name,
                        QT_TRANSLATE_NOOP("Conformance",
                                          "TTL %1 s on the %2 record %3; under 10 s every "
                                          "cache must refresh it constantly (recommended: "
                                          "%4 s)"),
                        [&] {
                            return QStringList{QString::number(r.ttl), DnsDecoder::typeName(r.type),
                                               r.name, QString::number(recommended)};
                        },
                        r.ttlSpan);
                } else if (r.ttl != recommended && !(host && r.ttl == kOtherTtl)) {
                    c.reportLazily(
                        Rule::TtlRecommended, Severity::Info, r.name,
                        QT_TRANSLATE_NOOP("Conformance",
                                          "TTL %1 s on the %2 record %3; RFC 6762 §10 "
                                          "recommends %4 s"),
                        [&] {
                            return QStringList{QString::number(r.ttl), DnsDecoder::typeName(r.type),
                                               r.name, QString::number(recommended)};
                        },
                        r.ttlSpan);
                }
            }
        }

        // The record's own content, wherever a sender states it as its own.
        const bool stated = response || r.section == DnsSection::Authority;
        if (stated && r.type == DnsType::TXT)
            checkTxt(c, r);
        if (response)
            checkNames(c, r);

        const qsizetype i = &r - m.records.constData();
        if (i > 0 && i < kMaxCompared) {
            bool repeated = false, reportedBefore = false;
            for (qsizetype j = 0; j < i && !reportedBefore; ++j) {
                if (m.records[j].type == DnsType::OPT || !sameRecord(m.records[j], r))
                    continue;
                // A third copy: the second already reported it.
                reportedBefore = repeated;
                repeated = true;
            }
            if (repeated && !reportedBefore) {
                c.report(Rule::DuplicateRecord, Severity::Warning, r.name,
                         QT_TRANSLATE_NOOP("Conformance",
                                           "the %1 record %2 appears more than once in one "
                                           "message"),
                         {DnsDecoder::typeName(r.type), r.name}, r.span);
            }
        }
    }
}

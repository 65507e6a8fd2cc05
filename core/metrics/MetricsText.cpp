#include "MetricsText.h"

#include "MetricsSnapshot.h"

#include <QHash>

#include <algorithm>
#include <cmath>

namespace {

bool nameStart(char c)
{
    return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || c == '_';
}

bool nameChar(char c)
{
    return nameStart(c) || (c >= '0' && c <= '9');
}

QByteArray escapeHelp(QByteArrayView help)
{
    QByteArray out;
    out.reserve(help.size());
    for (const char c : help) {
        if (c == '\\')
            out += "\\\\";
        else if (c == '\n')
            out += "\\n";
        else
            out += c;
    }
    return out;
}

} // namespace

bool MetricsText::isValidMetricName(QByteArrayView name)
{
    if (name.isEmpty() || !(nameStart(name.front()) || name.front() == ':'))
        return false;
    return std::all_of(name.begin(), name.end(), [](char c) { return nameChar(c) || c == ':'; });
}

bool MetricsText::isValidLabelName(QByteArrayView name)
{
    if (name.isEmpty() || !nameStart(name.front()) || name.startsWith("__"))
        return false;
    return std::all_of(name.begin(), name.end(), nameChar);
}

QByteArray MetricsText::escapeLabelValue(QStringView value)
{
    const QByteArray utf8 = value.toUtf8();
    QByteArray out;
    out.reserve(utf8.size());
    for (const char c : utf8) {
        if (c == '\\')
            out += "\\\\";
        else if (c == '"')
            out += "\\\"";
        else if (c == '\n')
            out += "\\n";
        else
            out += c;
    }
    return out;
}

void MetricsText::family(QByteArrayView name, Type type, QByteArrayView help)
{
    Q_ASSERT(isValidMetricName(name));
    m_text += "# HELP ";
    m_text += name;
    m_text += ' ';
    m_text += escapeHelp(help);
    m_text += "\n# TYPE ";
    m_text += name;
    m_text += type == Type::Counter ? " counter\n" : " gauge\n";
}

void MetricsText::beginSample(QByteArrayView name, std::initializer_list<Label> labels)
{
    Q_ASSERT(isValidMetricName(name));
    m_text += name;
    if (labels.size() == 0) {
        m_text += ' ';
        return;
    }
    char separator = '{';
    for (const auto &[label, value] : labels) {
        Q_ASSERT(isValidLabelName(label));
        m_text += separator;
        m_text += label;
        m_text += "=\"";
        m_text += escapeLabelValue(value);
        m_text += '"';
        separator = ',';
    }
    m_text += "} ";
}

void MetricsText::sample(QByteArrayView name, quint64 value, std::initializer_list<Label> labels)
{
    beginSample(name, labels);
    m_text += QByteArray::number(value);
    m_text += '\n';
}

void MetricsText::sample(QByteArrayView name, double value, std::initializer_list<Label> labels)
{
    beginSample(name, labels);
    if (std::isnan(value))
        m_text += "NaN";
    else if (std::isinf(value))
        m_text += value > 0 ? "+Inf" : "-Inf";
    else
        m_text += QByteArray::number(value, 'g', 17);
    m_text += '\n';
}

void MetricsText::counter(QByteArrayView name, QByteArrayView help, quint64 value)
{
    family(name, Type::Counter, help);
    sample(name, value);
}

void MetricsText::gauge(QByteArrayView name, QByteArrayView help, double value)
{
    family(name, Type::Gauge, help);
    sample(name, value);
}

QByteArray MetricsText::render(const MetricsSnapshot &s, qsizetype maxHosts,
                               qsizetype maxServiceTypes)
{
    using namespace Qt::StringLiterals;
    MetricsText t;
    t.family("mdnscope_build_info", Type::Gauge, "mdnscope's version; always 1.");
    t.sample("mdnscope_build_info", 1.0, {{"version", s.version}});
    t.gauge("mdnscope_capture_elapsed_seconds", "Seconds since the capture started.",
            s.elapsedSeconds);
    t.gauge("mdnscope_interfaces_joined",
            "Interfaces whose mDNS group the capture has joined now (either family).",
            double(s.interfaces));
    t.counter("mdnscope_packets_received_total",
              "mDNS datagrams received (IPv4 and IPv6), as --stats-json's packets.", s.packets);
    t.counter("mdnscope_received_bytes_total",
              "Bytes of the mDNS datagrams received (UDP payload), as --stats-json's bytes.",
              s.bytes);
    t.counter("mdnscope_packets_malformed_total",
              "Datagrams decoded so far that are not well-formed DNS messages.", s.malformed);
    t.counter("mdnscope_packets_truncated_total",
              "Datagrams larger than the 9000-byte receive buffer (cut short).", s.truncated);
    t.counter("mdnscope_packets_kernel_dropped_total",
              "Datagrams the kernel dropped because a receive queue was full (SO_RXQ_OVFL).",
              s.kernelDrops);
    t.counter("mdnscope_pool_leases_total", "Receive buffers leased from the pool.", s.poolLeases);
    t.counter("mdnscope_pool_hits_total", "Leases served by an idle pooled buffer.", s.poolHits);
    t.counter("mdnscope_pool_misses_total", "Leases that had to allocate a new buffer.",
              s.poolMisses);
    t.gauge("mdnscope_pool_buffers_in_use", "Pooled buffers leased now.", double(s.poolInUse));
    t.gauge("mdnscope_pool_buffers_idle", "Pooled buffers idle now.", double(s.poolIdle));

    t.gauge("mdnscope_allocation_counting",
            "1 when allocations are counted (not in sanitizer builds); the allocation metrics "
            "are left out otherwise.",
            s.allocationCounting ? 1.0 : 0.0);
    if (s.allocationCounting) {
        t.family("mdnscope_allocations_total", Type::Counter,
                 "Heap allocations (operator new and malloc) of the whole process or of the "
                 "capture thread, as --stats-json's capture_thread.allocations.");
        t.sample("mdnscope_allocations_total", s.process.allocations, {{"scope", u"process"}});
        t.sample("mdnscope_allocations_total", s.captureThread.allocations,
                 {{"scope", u"capture_thread"}});
        t.family("mdnscope_allocated_bytes_total", Type::Counter,
                 "Bytes allocated on the heap by the whole process or by the capture thread.");
        t.sample("mdnscope_allocated_bytes_total", s.process.bytesAllocated,
                 {{"scope", u"process"}});
        t.sample("mdnscope_allocated_bytes_total", s.captureThread.bytesAllocated,
                 {{"scope", u"capture_thread"}});
    }

    if (s.hostsCounted) {
        QList<MetricsSnapshot::Host> hosts = s.hosts;
        std::sort(hosts.begin(), hosts.end(), [](const auto &a, const auto &b) {
            return a.packets != b.packets ? a.packets > b.packets : a.label < b.label;
        });
        MetricsSnapshot::Host other{u"other"_s, 0, 0};
        for (qsizetype i = std::max<qsizetype>(maxHosts, 0); i < hosts.size(); ++i) {
            other.packets += hosts.at(i).packets;
            other.bytes += hosts.at(i).bytes;
        }
        const bool hasOther = hosts.size() > maxHosts;
        hosts.resize(std::min(hosts.size(), std::max<qsizetype>(maxHosts, 0)));
        if (hasOther)
            hosts.append(other);
        t.gauge("mdnscope_hosts", "Hosts heard (addresses joined into hosts).",
                double(s.hosts.size()));
        t.family("mdnscope_host_packets_total", Type::Counter,
                 "Packets sent per host: the top hosts by packets each with its own label, the "
                 "rest summed as host=\"other\" (a host moving into the top moves its packets "
                 "out of \"other\").");
        for (const auto &h : std::as_const(hosts))
            t.sample("mdnscope_host_packets_total", h.packets, {{"host", h.label}});
        t.family("mdnscope_host_bytes_total", Type::Counter,
                 "Bytes sent per host, the same hosts as mdnscope_host_packets_total.");
        for (const auto &h : std::as_const(hosts))
            t.sample("mdnscope_host_bytes_total", h.bytes, {{"host", h.label}});
        t.gauge("mdnscope_flood_threshold_packets_per_second",
                "The packets/s from which a host floods (the top talkers' threshold).",
                s.floodThreshold);
    }

    if (s.directoryRuns) {
        QList<MetricsSnapshot::ServiceType> types = s.serviceTypes;
        std::sort(types.begin(), types.end(), [](const auto &a, const auto &b) {
            return a.liveInstances != b.liveInstances ? a.liveInstances > b.liveInstances
                                                      : a.type < b.type;
        });
        const qsizetype keep = std::min(types.size(), std::max<qsizetype>(maxServiceTypes, 0));
        quint64 otherInstances = 0;
        for (qsizetype i = keep; i < types.size(); ++i)
            otherInstances += types.at(i).liveInstances;
        const bool hasOther = types.size() > keep;
        types.resize(keep);
        std::sort(types.begin(), types.end(),
                  [](const auto &a, const auto &b) { return a.type < b.type; });
        t.family("mdnscope_service_instances", Type::Gauge,
                 "Live DNS-SD service instances per service type (the service directory).");
        for (const auto &type : std::as_const(types))
            t.sample("mdnscope_service_instances", double(type.liveInstances),
                     {{"type", type.type}});
        if (hasOther)
            t.sample("mdnscope_service_instances", double(otherInstances), {{"type", u"other"}});
    }

    if (s.checkerRuns) {
        t.family("mdnscope_findings", Type::Gauge,
                 "Distinct conformance findings (rule, sender, name) per rule and severity.");
        for (const auto &f : s.findings)
            t.sample("mdnscope_findings", double(f.findings),
                     {{"rule", f.rule}, {"severity", f.severity}});
        t.family("mdnscope_finding_occurrences_total", Type::Counter,
                 "Occurrences of the conformance findings per rule and severity.");
        for (const auto &f : s.findings)
            t.sample("mdnscope_finding_occurrences_total", f.occurrences,
                     {{"rule", f.rule}, {"severity", f.severity}});
    }
    return t.text();
}

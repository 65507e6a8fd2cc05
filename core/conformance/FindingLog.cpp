#include "FindingLog.h"

#include <algorithm>

FindingLog::FindingLog(qsizetype maxFindings)
    : m_max(maxFindings)
{}

Finding *FindingLog::find(Rule rule, Severity severity, const IpAddress &source,
                          const QString &name)
{
    const auto it = m_index.constFind(Key{rule, severity, source, name});
    return it == m_index.cend() ? nullptr : &m_findings[it.value()];
}

Finding *FindingLog::repeat(Rule rule, Severity severity, const IpAddress &source,
                            const QString &name, qint64 timeNs, quint64 packet)
{
    Finding *f = find(rule, severity, source, name);
    if (!f)
        return nullptr;
    ++f->count;
    f->lastTimeNs = std::max(f->lastTimeNs, timeNs);
    if (packet != 0)
        f->packets.add(packet);
    m_changed.insert(f->id);
    touch(f->id);
    return f;
}

Finding *FindingLog::report(Occurrence o)
{
    Key key{o.rule, o.severity, o.source, o.name};
    const auto it = m_index.constFind(key);
    if (it != m_index.cend()) {
        Finding &f = m_findings[it.value()];
        ++f.count;
        f.lastTimeNs = std::max(f.lastTimeNs, o.timeNs);
        if (o.packet != 0)
            f.packets.add(o.packet);
        m_changed.insert(f.id);
        touch(f.id);
        return &f;
    }
    if (m_findings.size() >= m_max) {
        ++m_dropped;
        return nullptr;
    }
    Finding f;
    f.id = quint32(m_findings.size());
    f.rule = o.rule;
    f.severity = o.severity;
    f.timeNs = o.timeNs;
    f.lastTimeNs = o.timeNs;
    f.source = o.source;
    f.name = std::move(o.name);
    if (o.packet != 0)
        f.packets.add(o.packet);
    f.count = 1;
    f.message = std::move(o.message);
    f.fieldOffset = o.fieldOffset;
    f.fieldLength = o.fieldLength;
    m_index.insert(std::move(key), f.id);
    m_changed.insert(f.id);
    touch(f.id);
    m_findings.append(std::move(f));
    return &m_findings.last();
}

void FindingLog::markChanged(const Finding &finding)
{
    m_changed.insert(finding.id);
}

QList<Finding> FindingLog::takeChanged(bool *reset)
{
    *reset = std::exchange(m_reset, false);
    QList<quint32> ids(m_changed.cbegin(), m_changed.cend());
    m_changed.clear();
    std::sort(ids.begin(), ids.end());
    QList<Finding> out;
    out.reserve(ids.size());
    for (quint32 id : ids)
        out.append(m_findings.at(id));
    return out;
}

void FindingLog::clear()
{
    m_findings.clear();
    m_index.clear();
    m_changed.clear();
    m_touched.clear();
    m_dropped = 0;
    m_reset = true;
}

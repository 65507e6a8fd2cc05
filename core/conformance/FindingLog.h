#pragma once

#include "ConformanceTypes.h"
#include "NameText.h"

#include <QHash>
#include <QSet>

// The checker's findings, each rule broken by one sender for one name kept once with a count:
// report() adds an occurrence (a new finding, or a repeat counted on the existing one), and
// remembers which findings changed for the next takeChanges(). Bounded: past maxFindings
// distinct findings, new ones are counted as dropped, repeats of kept ones still count.
// Used inside ConformanceChecker only; one thread.
class FindingLog final
{
public:
    struct Occurrence
    {
        Rule rule;
        Severity severity;
        qint64 timeNs;
        IpAddress source;
        QString name;   // empty when the rule is about the sender as a whole
        quint64 packet; // 0 when no packet shows it (an expiry)
        FindingText message;
        quint32 fieldOffset = 0; // the byte range in the packet the finding concerns
        quint32 fieldLength = 0;
    };

    explicit FindingLog(qsizetype maxFindings = 5000);

    // Counts one occurrence; returns the finding (to add details, e.g. a conflict's other
    // claimant, then markChanged()), or nullptr when it was dropped over the limit.
    Finding *report(Occurrence occurrence);
    // Counts a repeat of a finding already reported (as report() would) and returns it;
    // nullptr when there is none yet: the caller then builds the sentence and report()s it.
    // Lets a check that fires on every packet of a flood skip writing the same sentence.
    Finding *repeat(Rule rule, Severity severity, const IpAddress &source, const QString &name,
                    qint64 timeNs, quint64 packet);
    // The finding of (rule, source, name, severity), if reported.
    Finding *find(Rule rule, Severity severity, const IpAddress &source, const QString &name);
    void markChanged(const Finding &finding);

    const QList<Finding> &findings() const { return m_findings; }
    quint64 dropped() const { return m_dropped; }
    qsizetype maxFindings() const { return m_max; }

    bool hasChanges() const { return m_reset || !m_changed.isEmpty(); }
    // The findings changed since the last call, ascending id; `reset` after clear().
    QList<Finding> takeChanged(bool *reset);
    // The findings reported (new or repeated) since the last beginStep(), each once, in the
    // order first reported; at most kMaxTouched (for the behaviour model's events).
    static constexpr qsizetype kMaxTouched = 256;
    void beginStep() { m_touched.clear(); }
    const QList<quint32> &touched() const { return m_touched; }
    void clear();

private:
    struct Key
    {
        Rule rule;
        Severity severity;
        IpAddress source;
        QString name; // as reported; compared and hashed without the case of ASCII letters
        friend bool operator==(const Key &a, const Key &b)
        {
            return a.rule == b.rule && a.severity == b.severity && a.source == b.source &&
                   NameText::equal(a.name, b.name);
        }
        friend size_t qHash(const Key &k, size_t seed = 0) noexcept
        {
            return NameText::hash(k.name,
                                  qHashMulti(seed, quint8(k.rule), quint8(k.severity), k.source));
        }
    };

    qsizetype m_max;
    QList<Finding> m_findings;
    QHash<Key, quint32> m_index;
    QSet<quint32> m_changed;
    QList<quint32> m_touched;
    void touch(quint32 id)
    {
        if (m_touched.size() < kMaxTouched && !m_touched.contains(id))
            m_touched.append(id);
    }
    bool m_reset = true;
    quint64 m_dropped = 0;
};

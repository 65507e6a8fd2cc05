#pragma once

#include <QByteArray>
#include <QByteArrayView>
#include <QList>
#include <QStringView>

#include <utility>

struct MetricsSnapshot;

// The Prometheus text exposition format (version 0.0.4, what every Prometheus and the
// OpenMetrics parsers read): a family is its HELP and TYPE lines, then its samples, one a line,
// `name{label="value",...} value`. Metric names follow the Prometheus naming rules (checked:
// [a-zA-Z_:][a-zA-Z0-9_:]*), label values are escaped (\\, \", \n), HELP text too (\\, \n).
// Any thread; no state beyond the text being built.
class MetricsText final
{
public:
    enum class Type { Counter, Gauge };
    using Label = std::pair<QByteArrayView, QStringView>; // name, value

    // What a scrape answers with (the Content-Type of the response).
    static constexpr QByteArrayView kContentType = "text/plain; version=0.0.4; charset=utf-8";
    // At most this many hosts and service types get a label of their own; the rest are
    // summed under host="other" / type="other", so the series stay bounded.
    static constexpr qsizetype kDefaultMaxHosts = 20;
    static constexpr qsizetype kDefaultMaxServiceTypes = 100;

    // The HELP and TYPE lines of a family. `name` must be a valid metric name (asserted).
    void family(QByteArrayView name, Type type, QByteArrayView help);
    // One sample of the family begun last (counters end in _total: `name` is the whole name).
    void sample(QByteArrayView name, quint64 value, std::initializer_list<Label> labels = {});
    void sample(QByteArrayView name, double value, std::initializer_list<Label> labels = {});
    // Shorthands: a family with one sample without labels.
    void counter(QByteArrayView name, QByteArrayView help, quint64 value);
    void gauge(QByteArrayView name, QByteArrayView help, double value);

    const QByteArray &text() const { return m_text; }

    // Every metric of `snapshot` (see the README's list), hosts and types bounded as above.
    static QByteArray render(const MetricsSnapshot &snapshot, qsizetype maxHosts = kDefaultMaxHosts,
                             qsizetype maxServiceTypes = kDefaultMaxServiceTypes);

    static bool isValidMetricName(QByteArrayView name);
    static bool isValidLabelName(QByteArrayView name);
    // A label value as it stands between the quotes: UTF-8, \\ \" \n escaped.
    static QByteArray escapeLabelValue(QStringView value);

private:
    void beginSample(QByteArrayView name, std::initializer_list<Label> labels);

    QByteArray m_text;
};

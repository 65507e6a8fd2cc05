#pragma once

#include <QString>

#include <chrono>

// Helpers shared by the benchmarks: one markdown table row per comparison, printed on
// stdout (bench/run.sh collects the rows of every benchmark into one table), and a
// monotonic clock. Diagnostics go to stderr. Main thread only.
namespace BenchReport {

// | Benchmark | Compares | Measured | Ratio | Target | Met |
void row(const QString &benchmark, const QString &compares, const QString &measured,
         const QString &ratio, const QString &target, const QString &met);
// "yes" / "NO" for a target check, so a missed target stands out in the table.
QString met(bool ok);
// Number with a fixed count of decimals and grouped thousands, e.g. 12,345.6.
QString num(double value, int decimals = 0);
void note(const QString &text); // a line on stderr

inline qint64 nowNs()
{
    return std::chrono::duration_cast<std::chrono::nanoseconds>(
               std::chrono::steady_clock::now().time_since_epoch())
        .count();
}

} // namespace BenchReport

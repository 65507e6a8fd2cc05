#pragma once

#include "ConformanceTypes.h"

#include <QByteArray>
#include <QList>

class ConformanceChecker;
class ExportOutput;

// The conformance checker's findings as JSON Lines (--check): one finding per line, keys in
// this order: rule, severity, level, reference, time, source, name, packets, count, message,
// and, for a conflict, a simultaneous probe or a reflection, other_source and other_packets
// when the checker set them. `time` is the first occurrence (RFC 3339 UTC, as --json writes
// times); `name` is null when the finding is about the sender as a whole; `packets` the numbers
// (from 1, the pipeline's) of the first 16 packets that show it; `count` every occurrence;
// `message` the English sentence. With the scorecard, a last line {"scorecard":[...]}: per
// device host (null when none), addresses, interfaces, packets, seen_starting and, per rule
// group id (header, ports-ttl, records, probing, announcing, rates, conflicts), its verdict
// (pass, warn, fail, not-seen). The schema is in the README. Any thread.
namespace FindingsJsonWriter {

void appendLine(QByteArray &out, const Finding &finding);
void appendScorecard(QByteArray &out, const QList<ScorecardRow> &rows);
// Every finding of `checker` in id order (the order they were first reported) and, when
// `scorecard`, the scorecard line, into an opened ExportOutput (the atomic-write and
// standard-output rules of every output), then commits it. Returns false when it failed
// (out.errorString() says why); a file target is then left as it was.
bool write(const ConformanceChecker &checker, bool scorecard, ExportOutput &out);

} // namespace FindingsJsonWriter

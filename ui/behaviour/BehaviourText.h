#pragma once

#include <QString>

// How the behaviour views write times and rates, one way for all three: latencies in ms with
// the precision that matters ("0.42 ms", "18.3 ms", "812 ms"), rates per second ("1,024/s",
// "3.5/s"), byte rates ("12.4 kB/s"). In the user's locale (QLocale()). GUI thread.
namespace BehaviourText {

QString latency(qint64 ns);
QString packetRate(double perSecond);
QString byteRate(double bytesPerSecond);
QString share(double fraction); // "12.5 %"
// A round latency for an axis tick or a mark: "0.1 ms", "20 ms", "120 ms", "1 s".
QString latencyTick(qint64 ns);

} // namespace BehaviourText

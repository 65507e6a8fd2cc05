#pragma once

#include "Packet.h"

#include <QByteArray>

// Received packets for model and analysis tests: a datagram as it would arrive on lo from
// `source`, numbered `i` (1 ms apart from kStart). Any thread.
namespace TestPackets {

inline constexpr qint64 kStart = 1'700'000'000'000'000'000LL;

Packet packet(const QByteArray &data, int i, const char *source = "169.254.0.1", int ttl = 255);

} // namespace TestPackets

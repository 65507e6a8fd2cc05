#pragma once

#include "CommandLine.h"

// Runs a capture with no window: starts the capture worker, writes each batch through a
// PacketPipeline into the requested outputs (OUT.part until the end), stops at the duration,
// the count or SIGINT/SIGTERM, commits the outputs and writes the final statistics. Returns
// the exit code (0 also when a signal stopped it).
// Main thread (needs a running QCoreApplication event loop).
namespace HeadlessCapture {
int run(const CommandLineOptions &options);
}

#pragma once

#include "CommandLine.h"

// Runs a capture with no window: starts the capture worker, stops at the duration,
// the count or SIGINT/SIGTERM, writes the final statistics. Returns the exit code.
// Main thread (needs a running QCoreApplication event loop).
namespace HeadlessCapture {
int run(const CommandLineOptions &options);
}

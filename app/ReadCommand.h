#pragma once

#include "CommandLine.h"

// `mdnscope --read FILE [--write OUT.pcapng] [--json OUT.jsonl|-] [--csv OUT.csv|-]`:
// reads a pcap / pcapng file, keeps its mDNS datagrams and writes the requested exports
// while it reads (a reading thread hands batches to a PacketPipeline on the main thread whose
// consumers are the PacketStreamWriters, or the summary lines), each to OUT.part until done.
// With no output option it prints one summary line per packet to standard output
// ("index  time  source:port -> destination:port  length  summary"). Counts of kept,
// skipped and malformed packets go to standard error. Returns the exit code: 0; 1 when
// the file cannot be read, is corrupt (the packets before the fault are still written)
// or an output cannot be written; 2 for conflicting outputs; 128 + the signal when SIGINT or
// SIGTERM stopped the reading (the outputs are complete, of what was read). Main thread.
namespace ReadCommand {
int run(const CommandLineOptions &options);
}

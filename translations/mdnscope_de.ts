<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="de_DE">
<context>
    <name>CaptureFileReader</name>
    <message>
        <source>at offset %1: %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>the file is empty</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>not a pcap or pcapng file (unknown magic number 0x%1)</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>CaptureStatusBar</name>
    <message>
        <source>What mdnscope is doing</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Packets received since the capture started or the file was opened</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Datagrams the kernel dropped because the socket buffer was full</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Datagrams longer than the 9000-byte receive buffer</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Share of receive buffers taken from the pool instead of allocated</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Oldest packets dropped from the list to stay within its capacity</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Idle</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Packets: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Evicted: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Drops: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Truncated: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Pool hits: %1 %</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Pool hits: –</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>ChartWidget</name>
    <message>
        <source>time since capture start (s)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>t = %1 s</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>ChartsPanel</name>
    <message>
        <source>Receive rate</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Buffer pool</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Allocations</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>packets/s</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>B/s</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Packets/s</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Bytes/s</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>buffers, misses/s</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>hit ratio</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>In use</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Idle</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Misses/s</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Hit ratio</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>allocations/s</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Capture thread allocs/s</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Process allocs/s</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Capture thread B/s</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Process B/s</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>1 minute</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>5 minutes</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>15 minutes</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Time span the charts show</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Window:</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>CommandLine</name>
    <message>
        <source>Multicast DNS traffic monitor. Without options it opens the window.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Capture without a window.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Capture on this interface only (default: every up, multicast-capable interface).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>IPv4 multicast group (default 224.0.0.251).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>UDP port (default 5353).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Stop after this many seconds.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Stop after this many packets.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Allocate a fresh 9000-byte buffer for every receive instead of pooling.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Write the final statistics as one JSON object to FILE (- for stdout).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Decode a pcap or pcapng file without a window.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Write the packets to a pcapng file.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Write the decoded packets as JSON Lines (- for stdout).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Write the packets as CSV (- for stdout).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>User interface language, e.g. de (default: the system locale).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>A pcap or pcapng file to open in the window.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>--headless and --read cannot be combined</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>--interface needs a name</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>--group: &apos;%1&apos; is not an IPv4 multicast address</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>--port: &apos;%1&apos; is not a port number</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>--duration: &apos;%1&apos; is not a positive number of seconds</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>--count: &apos;%1&apos; is not a positive number</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>--read takes no capture options (--interface, --duration, --count, --no-pool, --stats-json)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>--write, --json, --csv, --stats-json, --duration and --count need --headless or --read</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>unexpected argument &apos;%1&apos;</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>--json - and --csv - cannot both write to stdout</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>Cursor</name>
    <message>
        <source>%1 record data cut off in %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 record data has %2 bytes left over</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>character-string of %1 bytes runs past the end of the record data</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>DecodedTreeModel</name>
    <message>
        <source>Header</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>ID %1, %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>response</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>query</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Transaction ID</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Flags</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Response</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>yes</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>no</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Opcode</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Authoritative</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Truncated</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Response code</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Questions</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Answer RRs</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Authority RRs</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Additional RRs</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 %2, unicast response (QU)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Name</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Type</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Class</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Unicast response (QU)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1, TTL %2: %3</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>UDP payload size</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Cache flush</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>TTL</source>
        <translation type="unfinished"></translation>
    </message>
    <message numerus="yes">
        <source>%n second(s)</source>
        <translation type="unfinished">
            <numerusform></numerusform>
            <numerusform></numerusform>
        </translation>
    </message>
    <message>
        <source>Data length</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Data</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Malformed</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>at offset %1: %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Answers</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Authority</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Additional records</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Field</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Value</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>Decoder</name>
    <message>
        <source>message ends before %1 %2 of %3</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 cut off in its %2 field</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>rdlength %1 runs past the end of the message (%2 bytes left)</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>DnsDecoder</name>
    <message>
        <source>question</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>answer</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>authority record</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>additional record</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>type</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>class</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>TTL</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>rdlength</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>DnsNameReader</name>
    <message>
        <source>record data</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>message</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>name runs past the end of the %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>compression pointer cut off at the end of the %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>compression pointer to offset %1 past the end of the message (%2 bytes)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>compression pointer loop (offset %1 again)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>more than %1 compression pointers in one name</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>label length %1 over 63 (extended label type 0x40)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>reserved label type 0x80</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>label of %1 bytes runs past the end of the %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>name longer than 255 bytes</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>ExportDialog</name>
    <message>
        <source>Export Packets</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>pcapng (Wireshark, tshark)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>JSON Lines (one decoded packet per line)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>CSV (one packet per row)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>All packets (%1)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Displayed packets (%1)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Selected packets (%1)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Browse…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Format:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Packets:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>File:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>pcapng files (*.pcapng)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>JSON Lines files (*.jsonl)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>CSV files (*.csv)</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>ExportOutput</name>
    <message>
        <source>cannot write %1: %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>standard output</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>no file name</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>it is a directory</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>HeadlessCapture</name>
    <message>
        <source>only one of --stats-json, --write, --json and --csv can write to standard output</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>listening for %1 port %2 on %3</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>HexView</name>
    <message>
        <source>Copy Selected Bytes as Hex</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Copy as Hex</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Copy Selected Bytes as Text</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Copy as Text</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>MainWindow</name>
    <message>
        <source>mdnscope</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Start Capture</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Start capturing mDNS traffic on the chosen interface</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Clear</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Remove every packet, sender and chart sample</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Open…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Open a pcap or pcapng capture file</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Export…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Export packets as pcapng, JSON Lines or CSV</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Buffer &amp;Pooling</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Reuse receive buffers from a pool instead of allocating one per packet</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Follow Newest Packets</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Keep the newest packet in view while capturing</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>P&amp;references…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Change how many packets are kept</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Quit</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Quit mdnscope</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;About mdnscope</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Show the version and what mdnscope does</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>About &amp;Qt</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Show the Qt version</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Find Packets</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Go to the packet filter</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Select a sender to show only its packets</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Senders</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Charts</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;File</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Capture</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;View</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Help</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Main Toolbar</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Interface to capture on</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>All interfaces</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Idle</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Starting capture on %1…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Capturing on %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Stopping…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Opening %1…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Opened %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 – mdnscope</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Stop Capture</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Stop the capture</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>all interfaces</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The capture failed: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Capture failed</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Open Capture File</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Capture files (*.pcap *.pcapng *.cap *.pcap.gz);;All files (*)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Reading %1…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Opening %1 was cancelled</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Could not open %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1: %2 mDNS packets (%3 malformed); skipped %4 of %5 records (not mDNS %6, fragments %7, cut short %8, unsupported link type %9)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 is damaged; showing the packets before the damage</source>
        <translation type="unfinished"></translation>
    </message>
    <message numerus="yes">
        <source>Exporting %n packet(s)…</source>
        <translation type="unfinished">
            <numerusform></numerusform>
            <numerusform></numerusform>
        </translation>
    </message>
    <message>
        <source>Export Packets</source>
        <translation type="unfinished"></translation>
    </message>
    <message numerus="yes">
        <source>Exported %n packet(s) to %1</source>
        <translation type="unfinished">
            <numerusform></numerusform>
            <numerusform></numerusform>
        </translation>
    </message>
    <message>
        <source>Export cancelled; nothing was written</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The export failed</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>About mdnscope</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&lt;h3&gt;mdnscope %1&lt;/h3&gt;&lt;p&gt;A monitor for multicast DNS (mDNS, DNS-SD) traffic: it listens on 224.0.0.251 port 5353, decodes every packet and shows who announces what. It only listens and never sends.&lt;/p&gt;&lt;p&gt;The charts show what receiving costs: the buffer pool and the heap allocations of the capture thread and the whole process.&lt;/p&gt;</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>MessageBar</name>
    <message>
        <source>Dismiss</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>PacketDetailsPanel</name>
    <message>
        <source>Decoded packet: select an item to highlight its bytes</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Hex dump: click a byte to select the field it belongs to</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>PacketListPanel</name>
    <message>
        <source>Filter: host, service or sender address</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Shows packets with a name or a sender address containing this text</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>All packets</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Queries</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Responses</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Malformed</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Quick filter</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Show packets from every sender again</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Sender %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 of %2 shown</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 packets</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>PacketTableModel</name>
    <message>
        <source>Response</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Query</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Truncated: %1 of %2 bytes stored</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>mDNS senders on the local link use TTL 255 (RFC 6762, section 11)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Seconds since the capture started (absolute time in each cell&apos;s tooltip)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>No.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Time</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Source</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Interface</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>TTL</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Length</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Kind</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Summary</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>Parser</name>
    <message>
        <source>the file ends %1 bytes into the block at offset %2 (a block has at least 12 bytes)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>the section header at offset %1 has no byte-order magic (0x%2)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>not a pcapng file (the first block is not a section header)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>block length %1 at offset %2 is smaller than the minimum %3</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>block length %1 at offset %2 is not a multiple of 4</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>the block at offset %1 is %2 bytes long but the file ends after %3 (cut short)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>the block at offset %1 ends with length %2, its header says %3</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>unsupported pcapng version %1.%2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>the packet block at offset %1 refers to interface %2, but its section describes %3</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>the packet block at offset %1 says %2 captured bytes but holds only %3</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>PcapReader</name>
    <message>
        <source>not a pcap file (wrong magic number)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>the file ends after %1 bytes, inside the 24-byte pcap file header</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>unsupported pcap version %1.%2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>the file ends %1 bytes into the record header at offset %2 (a record header has %3 bytes)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>the record at offset %1 says %2 captured bytes but only %3 remain in the file</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>PreferencesDialog</name>
    <message>
        <source>Preferences</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source> packets</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>When the list is full, the oldest packets are dropped. Each stored packet takes its length plus about 80 bytes.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Keep at most:</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>ReadCommand</name>
    <message>
        <source>only one of --write, --json and --csv can write to standard output</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>cannot read %1: %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1: %2 mDNS packets (%3 malformed) in %4 records; skipped: %5 not UDP port 5353, %6 IP fragments, %7 cut short, %8 unknown link type</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1: corrupt at offset %2: %3</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>SenderTableModel</name>
    <message>
        <source>Packets per second over the last %1 seconds</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Owner names of the A and AAAA records it announced</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Service instances it announced (SRV and TXT owners, PTR targets)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Packets whose IP TTL was not 255 (RFC 6762, section 11)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Address</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Interface</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Packets</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Bytes</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Rate (packets/s)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>First seen</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Last seen</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Host names</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Service instances</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>TTL ≠ 255</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Malformed</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>UdpV4Transport</name>
    <message>
        <source>join multicast group</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&apos;%1&apos; is not an IPv4 multicast address</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>cannot create a UDP socket</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>interface &apos;%1&apos; does not exist</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>cannot read the flags of interface &apos;%1&apos;</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>interface &apos;%1&apos; is down</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>interface &apos;%1&apos; is not multicast-capable</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>no up, multicast-capable IPv4 interface</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>cannot enable address reuse</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>cannot enable packet info, TTL, timestamps or drop counts</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>cannot bind UDP port %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>cannot join %1 on interface &apos;%2&apos;</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>the socket is not open</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>poll failed</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>the socket was closed</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>recvmmsg failed</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>main</name>
    <message>
        <source>mdnscope</source>
        <translation type="unfinished"></translation>
    </message>
</context>
</TS>

<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="de_DE">
<context>
    <name>Behaviour</name>
    <message>
        <source>Probe</source>
        <translation>Probe</translation>
    </message>
    <message>
        <source>Tie-break</source>
        <translation>Gleichstand</translation>
    </message>
    <message>
        <source>Announcement</source>
        <translation>Ankündigung</translation>
    </message>
    <message>
        <source>Answer</source>
        <translation>Antwort</translation>
    </message>
    <message>
        <source>Update</source>
        <translation>Aktualisierung</translation>
    </message>
    <message>
        <source>Goodbye</source>
        <translation>Abmeldung</translation>
    </message>
    <message>
        <source>Expiry</source>
        <translation>Ablauf</translation>
    </message>
    <message>
        <source>Conflict</source>
        <translation>Konflikt</translation>
    </message>
    <message>
        <source>Rename</source>
        <translation>Umbenennung</translation>
    </message>
    <message>
        <source>Finding</source>
        <translation>Befund</translation>
    </message>
    <message>
        <source>Reflected copies</source>
        <translation>Reflektierte Kopien</translation>
    </message>
    <message>
        <source>Copies per interface or family</source>
        <translation>Kopien je Schnittstelle oder Adressfamilie</translation>
    </message>
    <message>
        <source>Probe or rename storm</source>
        <translation>Probe- oder Umbenennungssturm</translation>
    </message>
    <message>
        <source>Re-queries without back-off</source>
        <translation>Wiederholte Anfragen ohne wachsende Abstände</translation>
    </message>
    <message>
        <source>Short TTLs refreshed over and over</source>
        <translation>Kurze TTLs, immer wieder aufgefrischt</translation>
    </message>
    <message>
        <source>Answers to a busy querier</source>
        <translation>Antworten an einen eifrigen Fragesteller</translation>
    </message>
</context>
<context>
    <name>BehaviourText</name>
    <message>
        <source>%1 ms</source>
        <translation>%1 ms</translation>
    </message>
    <message>
        <source>%1/s</source>
        <translation>%1/s</translation>
    </message>
    <message>
        <source>%1 %</source>
        <translation>%1 %</translation>
    </message>
    <message>
        <source>%1 s</source>
        <translation>%1 s</translation>
    </message>
</context>
<context>
    <name>CaptureFileReader</name>
    <message>
        <source>at offset %1: %2</source>
        <translation>bei Offset %1: %2</translation>
    </message>
    <message>
        <source>the file is empty</source>
        <translation>die Datei ist leer</translation>
    </message>
    <message>
        <source>not a pcap or pcapng file (unknown magic number 0x%1)</source>
        <translation>keine pcap- oder pcapng-Datei (unbekannte magische Zahl 0x%1)</translation>
    </message>
    <message>
        <source>it is a directory</source>
        <translation>es ist ein Verzeichnis</translation>
    </message>
    <message>
        <source>not a pcap file (wrong magic number)</source>
        <translation>keine pcap-Datei (falsche magische Zahl)</translation>
    </message>
    <message>
        <source>the file ends after %1 bytes, inside the 24-byte pcap file header</source>
        <translation>die Datei endet nach %1 Bytes, innerhalb des 24 Byte langen pcap-Dateikopfs</translation>
    </message>
    <message>
        <source>unsupported pcap version %1.%2</source>
        <translation>nicht unterstützte pcap-Version %1.%2</translation>
    </message>
    <message>
        <source>the file ends %1 bytes into the record header at offset %2 (a record header has %3 bytes)</source>
        <translation>die Datei endet %1 Bytes nach Beginn des Eintragskopfs bei Offset %2 (ein Eintragskopf hat %3 Bytes)</translation>
    </message>
    <message>
        <source>the record at offset %1 says %2 captured bytes but only %3 remain in the file</source>
        <translation>der Eintrag bei Offset %1 nennt %2 mitgeschnittene Bytes, aber in der Datei sind nur noch %3 übrig</translation>
    </message>
    <message>
        <source>the file ends %1 bytes into the block at offset %2 (a block has at least 12 bytes)</source>
        <translation>die Datei endet %1 Bytes nach Beginn des Blocks bei Offset %2 (ein Block hat mindestens 12 Bytes)</translation>
    </message>
    <message>
        <source>the section header at offset %1 has no byte-order magic (0x%2)</source>
        <translation>der Abschnittskopf bei Offset %1 hat keine Byte-Reihenfolge-Kennung (0x%2)</translation>
    </message>
    <message>
        <source>not a pcapng file (the first block is not a section header)</source>
        <translation>keine pcapng-Datei (der erste Block ist kein Abschnittskopf)</translation>
    </message>
    <message>
        <source>block length %1 at offset %2 is smaller than the minimum %3</source>
        <translation>Blocklänge %1 bei Offset %2 ist kleiner als das Minimum %3</translation>
    </message>
    <message>
        <source>block length %1 at offset %2 is not a multiple of 4</source>
        <translation>Blocklänge %1 bei Offset %2 ist kein Vielfaches von 4</translation>
    </message>
    <message>
        <source>the block at offset %1 is %2 bytes long but the file ends after %3 (cut short)</source>
        <translation>der Block bei Offset %1 ist %2 Bytes lang, aber die Datei endet nach %3 (abgeschnitten)</translation>
    </message>
    <message>
        <source>the block at offset %1 ends with length %2, its header says %3</source>
        <translation>der Block bei Offset %1 endet mit der Länge %2, sein Kopf nennt %3</translation>
    </message>
    <message>
        <source>unsupported pcapng version %1.%2</source>
        <translation>nicht unterstützte pcapng-Version %1.%2</translation>
    </message>
    <message>
        <source>the packet block at offset %1 says %2 captured bytes but holds only %3</source>
        <translation>der Paketblock bei Offset %1 nennt %2 mitgeschnittene Bytes, enthält aber nur %3</translation>
    </message>
    <message>
        <source>the file became shorter while it was read</source>
        <translation>die Datei ist beim Lesen kürzer geworden</translation>
    </message>
    <message>
        <source>not open for reading</source>
        <translation>nicht zum Lesen geöffnet</translation>
    </message>
    <message>
        <source>the packet block at offset %1 refers to interface %2, but its section describes no interface</source>
        <translation>der Paketblock bei Offset %1 verweist auf Schnittstelle %2, aber sein Abschnitt beschreibt keine Schnittstelle</translation>
    </message>
    <message>
        <source>the packet block at offset %1 refers to interface %2, but its section describes only interface 0</source>
        <translation>der Paketblock bei Offset %1 verweist auf Schnittstelle %2, aber sein Abschnitt beschreibt nur Schnittstelle 0</translation>
    </message>
    <message>
        <source>the packet block at offset %1 refers to interface %2, but its section describes only interfaces 0 to %3</source>
        <translation>der Paketblock bei Offset %1 verweist auf Schnittstelle %2, aber sein Abschnitt beschreibt nur die Schnittstellen 0 bis %3</translation>
    </message>
    <message>
        <source>IPv4 header length %1 is below %2</source>
        <translation>IPv4-Headerlänge %1 liegt unter %2</translation>
    </message>
    <message>
        <source>IPv4 total length %1 is below the header length %2</source>
        <translation>IPv4-Gesamtlänge %1 liegt unter der Headerlänge %2</translation>
    </message>
    <message>
        <source>IPv6 extension header at byte %1 runs past the payload end %2</source>
        <translation>IPv6-Erweiterungsheader bei Byte %1 reicht über das Nutzdatenende %2 hinaus</translation>
    </message>
    <message>
        <source>IP payload of %1 bytes is shorter than a UDP header (%2)</source>
        <translation>IP-Nutzdaten von %1 Bytes sind kürzer als ein UDP-Header (%2)</translation>
    </message>
    <message>
        <source>UDP length %1 is below the UDP header length %2</source>
        <translation>UDP-Länge %1 liegt unter der UDP-Headerlänge %2</translation>
    </message>
    <message>
        <source>record %1: %2</source>
        <translation>Datensatz %1: %2</translation>
    </message>
    <message>
        <source>the record at offset %1 says %2 captured bytes, more than the limit of %3</source>
        <translation>der Datensatz bei Offset %1 gibt %2 aufgezeichnete Bytes an, mehr als die Grenze von %3</translation>
    </message>
    <message>
        <source>block length %1 at offset %2 is larger than the limit of %3</source>
        <translation>Blocklänge %1 bei Offset %2 ist größer als die Grenze von %3</translation>
    </message>
</context>
<context>
    <name>CaptureStatusBar</name>
    <message>
        <source>What mdnscope is doing</source>
        <translation>Was mdnscope gerade tut</translation>
    </message>
    <message>
        <source>Packets received since the capture started or the file was opened</source>
        <translation>Empfangene Pakete seit Beginn des Mitschnitts oder seit dem Öffnen der Datei</translation>
    </message>
    <message>
        <source>Datagrams the kernel dropped because the socket buffer was full</source>
        <translation>Datagramme, die der Kernel verworfen hat, weil der Socket-Puffer voll war</translation>
    </message>
    <message>
        <source>Datagrams longer than the 9000-byte receive buffer</source>
        <translation>Datagramme, die länger als der 9000-Byte-Empfangspuffer waren</translation>
    </message>
    <message>
        <source>Share of receive buffers taken from the pool instead of allocated</source>
        <translation>Anteil der Empfangspuffer, die aus dem Pool kamen statt neu angelegt zu werden</translation>
    </message>
    <message>
        <source>Oldest packets dropped from the list to stay within its capacity</source>
        <translation>Älteste Pakete, die aus der Liste entfernt wurden, um ihre Kapazität einzuhalten</translation>
    </message>
    <message>
        <source>Idle</source>
        <translation>Bereit</translation>
    </message>
    <message>
        <source>Packets: %1</source>
        <translation>Pakete: %1</translation>
    </message>
    <message>
        <source>Evicted: %1</source>
        <translation>Verdrängt: %1</translation>
    </message>
    <message>
        <source>Drops: %1</source>
        <translation>Verworfen: %1</translation>
    </message>
    <message>
        <source>Truncated: %1</source>
        <translation>Abgeschnitten: %1</translation>
    </message>
    <message>
        <source>Pool hits: %1 %</source>
        <translation>Pool-Treffer: %1 %</translation>
    </message>
    <message>
        <source>Pool hits: –</source>
        <translation>Pool-Treffer: –</translation>
    </message>
    <message>
        <source>Packets received over IPv4 and over IPv6</source>
        <translation>Über IPv4 und über IPv6 empfangene Pakete</translation>
    </message>
    <message>
        <source>IPv4: %1 · IPv6: %2</source>
        <extracomment>%1, %2: packet counts</extracomment>
        <translation>IPv4: %1 · IPv6: %2</translation>
    </message>
    <message>
        <source>Hosts sending more packets per second than the flood threshold (Preferences)</source>
        <translation>Hosts, die mehr Pakete pro Sekunde senden als die Flutschwelle (Einstellungen)</translation>
    </message>
</context>
<context>
    <name>CaptureWorker</name>
    <message>
        <source>%1 is not captured: %2</source>
        <extracomment>%1: IPv4 or IPv6, %2: why it cannot be captured</extracomment>
        <translation>%1 wird nicht mitgeschnitten: %2</translation>
    </message>
    <message>
        <source>open socket</source>
        <translation>Socket öffnen</translation>
    </message>
    <message>
        <source>no address family is selected</source>
        <translation>keine Adressfamilie ist ausgewählt</translation>
    </message>
</context>
<context>
    <name>ChartScale</name>
    <message>
        <source>s</source>
        <translation>s</translation>
    </message>
    <message>
        <source>min:s</source>
        <translation>min:s</translation>
    </message>
    <message>
        <source>h:min:s</source>
        <translation>h:min:s</translation>
    </message>
    <message>
        <source>%1 ms</source>
        <translation>%1 ms</translation>
    </message>
    <message>
        <source>%1 s</source>
        <translation>%1 s</translation>
    </message>
    <message>
        <source>%1 min</source>
        <translation>%1 min</translation>
    </message>
    <message>
        <source>%1 h</source>
        <translation>%1 h</translation>
    </message>
    <message>
        <source>%1 d</source>
        <translation>%1 d</translation>
    </message>
</context>
<context>
    <name>ChartWidget</name>
    <message>
        <source>No samples yet: the charts fill while capturing</source>
        <translation>Noch keine Messwerte: die Diagramme füllen sich während des Mitschnitts</translation>
    </message>
    <message>
        <source>time since capture start</source>
        <translation>Zeit seit Beginn des Mitschnitts</translation>
    </message>
    <message>
        <source>%1 (%2)</source>
        <comment>time axis title (unit)</comment>
        <translation>%1 (%2)</translation>
    </message>
    <message>
        <source>t = %1 %2</source>
        <comment>time under the mouse, unit</comment>
        <translation>t = %1 %2</translation>
    </message>
</context>
<context>
    <name>ChartsPanel</name>
    <message>
        <source>Receive rate</source>
        <translation>Empfangsrate</translation>
    </message>
    <message>
        <source>Buffer pool</source>
        <translation>Puffer-Pool</translation>
    </message>
    <message>
        <source>packets/s</source>
        <translation>Pakete/s</translation>
    </message>
    <message>
        <source>B/s</source>
        <translation>B/s</translation>
    </message>
    <message>
        <source>Packets/s</source>
        <translation>Pakete/s</translation>
    </message>
    <message>
        <source>Bytes/s</source>
        <translation>Bytes/s</translation>
    </message>
    <message>
        <source>buffers, misses/s</source>
        <translation>Puffer, Fehlgriffe/s</translation>
    </message>
    <message>
        <source>hit ratio</source>
        <translation>Trefferquote</translation>
    </message>
    <message>
        <source>In use</source>
        <translation>Belegt</translation>
    </message>
    <message>
        <source>Idle</source>
        <translation>Frei</translation>
    </message>
    <message>
        <source>Misses/s</source>
        <translation>Fehlgriffe/s</translation>
    </message>
    <message>
        <source>Hit ratio</source>
        <translation>Trefferquote</translation>
    </message>
    <message>
        <source>allocations/s</source>
        <translation>Anforderungen/s</translation>
    </message>
    <message>
        <source>Capture thread allocs/s</source>
        <translation>Mitschnitt-Thread Anf./s</translation>
    </message>
    <message>
        <source>Process allocs/s</source>
        <translation>Prozess Anf./s</translation>
    </message>
    <message>
        <source>Capture thread B/s</source>
        <translation>Mitschnitt-Thread B/s</translation>
    </message>
    <message>
        <source>Process B/s</source>
        <translation>Prozess B/s</translation>
    </message>
    <message>
        <source>1 minute</source>
        <translation>1 Minute</translation>
    </message>
    <message>
        <source>5 minutes</source>
        <translation>5 Minuten</translation>
    </message>
    <message>
        <source>15 minutes</source>
        <translation>15 Minuten</translation>
    </message>
    <message>
        <source>Time span the charts show</source>
        <translation>Zeitraum, den die Diagramme zeigen</translation>
    </message>
    <message>
        <source>Window:</source>
        <translation>Zeitraum:</translation>
    </message>
    <message>
        <source>Allocations per second</source>
        <translation>Speicheranforderungen pro Sekunde</translation>
    </message>
    <message>
        <source>Whole File</source>
        <translation>Ganze Datei</translation>
    </message>
    <message>
        <source>Show the whole file again (or double-click the graph)</source>
        <translation>Wieder die ganze Datei zeigen (oder Doppelklick auf den Graphen)</translation>
    </message>
    <message>
        <source>Packets over the file&apos;s time (IO graph)</source>
        <translation>Pakete über die Zeit der Datei (E/A-Graph)</translation>
    </message>
    <message>
        <source>time since the first packet</source>
        <translation>Zeit seit dem ersten Paket</translation>
    </message>
    <message>
        <source>The file has no mDNS packets</source>
        <translation>Die Datei enthält keine mDNS-Pakete</translation>
    </message>
    <message>
        <source>Wheel: zoom; drag: move; click: select the packets of that interval; double-click: the whole file</source>
        <translation>Mausrad: zoomen; Ziehen: verschieben; Klick: die Pakete dieses Intervalls auswählen; Doppelklick: die ganze Datei</translation>
    </message>
    <message>
        <source>Applies to live capture: an opened file is shown.</source>
        <translation>Gilt für den laufenden Mitschnitt: Gezeigt wird eine geöffnete Datei.</translation>
    </message>
    <message>
        <source>The buffer pool holds the capture thread&apos;s receive buffers.</source>
        <translation>Der Puffer-Pool hält die Empfangspuffer des Mitschnitt-Threads.</translation>
    </message>
    <message>
        <source>The chart counts allocations while capturing.</source>
        <translation>Das Diagramm zählt Speicheranforderungen während eines Mitschnitts.</translation>
    </message>
    <message>
        <source>packets per %1</source>
        <translation>Pakete pro %1</translation>
    </message>
    <message>
        <source>bytes per %1</source>
        <translation>Bytes pro %1</translation>
    </message>
    <message>
        <source>pooling on</source>
        <translation>Pool an</translation>
    </message>
    <message>
        <source>pooling off</source>
        <translation>Pool aus</translation>
    </message>
    <message>
        <source>Packets</source>
        <translation>Pakete</translation>
    </message>
    <message>
        <source>Bytes</source>
        <translation>Bytes</translation>
    </message>
    <message>
        <source>Heap allocations per second, while capturing live.
Capture thread: everything that thread allocates: the copy of each datagram (one per packet, the receive path&apos;s only cost), handing each batch of packets on (a batch every 50 ms at most, so at a few packets per second every packet is a batch), its timers and the statistics snapshots (4 per second). At 20 packets/s that is about 4 allocations per packet, at 200 packets/s and more about 2.
Process: every thread (decoding, the window, the charts).</source>
        <translation>Heap-Speicheranforderungen pro Sekunde während eines Live-Mitschnitts.
Mitschnitt-Thread: alles, was dieser Thread anfordert: die Kopie jedes Datagramms (eine pro Paket, die einzigen Kosten des Empfangspfads), die Weitergabe jedes Paketstapels (höchstens alle 50 ms ein Stapel, bei wenigen Paketen pro Sekunde ist also jedes Paket ein Stapel), seine Timer und die Statistik-Schnappschüsse (4 pro Sekunde). Bei 20 Paketen/s sind das etwa 4 Speicheranforderungen pro Paket, ab 200 Paketen/s etwa 2.
Prozess: alle Threads (Dekodieren, das Fenster, die Diagramme).</translation>
    </message>
</context>
<context>
    <name>CliExports</name>
    <message>
        <source>conformance findings: %1 error, %2 warning, %3 info</source>
        <translation>Konformitätsbefunde: %1 Fehler, %2 Warnung, %3 Info</translation>
    </message>
    <message>
        <source>  severity rule: findings (occurrences)</source>
        <translation>  Schweregrad Regel: Befunde (Vorkommen)</translation>
    </message>
    <message>
        <source>conformance: %1 more occurrences not kept (over the limit of %2 distinct findings)</source>
        <translation>Konformität: %1 weitere Vorkommen nicht behalten (über der Grenze von %2 verschiedenen Befunden)</translation>
    </message>
</context>
<context>
    <name>CommandLine</name>
    <message>
        <source>Multicast DNS traffic monitor. Without options it opens the window.</source>
        <translation>Monitor für Multicast-DNS-Verkehr. Ohne Optionen öffnet er das Fenster.</translation>
    </message>
    <message>
        <source>Capture without a window.</source>
        <translation>Ohne Fenster mitschneiden.</translation>
    </message>
    <message>
        <source>Capture on this interface only (default: every up, multicast-capable interface).</source>
        <translation>Nur an dieser Schnittstelle mitschneiden (Vorgabe: jede aktive, multicastfähige Schnittstelle).</translation>
    </message>
    <message>
        <source>UDP port (default 5353).</source>
        <translation>UDP-Port (Vorgabe 5353).</translation>
    </message>
    <message>
        <source>Stop after this many seconds.</source>
        <translation>Nach so vielen Sekunden anhalten.</translation>
    </message>
    <message>
        <source>Stop after this many packets.</source>
        <translation>Nach so vielen Paketen anhalten.</translation>
    </message>
    <message>
        <source>Allocate a fresh 9000-byte buffer for every receive instead of pooling.</source>
        <translation>Für jeden Empfang einen neuen 9000-Byte-Puffer anlegen statt einen Pool zu nutzen.</translation>
    </message>
    <message>
        <source>Write the decoded packets as JSON Lines (- for stdout).</source>
        <translation>Die entschlüsselten Pakete als JSON Lines schreiben (- für die Standardausgabe).</translation>
    </message>
    <message>
        <source>Write the packets as CSV (- for stdout).</source>
        <translation>Die Pakete als CSV schreiben (- für die Standardausgabe).</translation>
    </message>
    <message>
        <source>User interface language, e.g. de (default: the system locale).</source>
        <translation>Sprache der Oberfläche, z. B. de (Vorgabe: die Systemsprache).</translation>
    </message>
    <message>
        <source>--headless and --read cannot be combined</source>
        <translation>--headless und --read lassen sich nicht kombinieren</translation>
    </message>
    <message>
        <source>--interface needs a name</source>
        <translation>--interface braucht einen Namen</translation>
    </message>
    <message>
        <source>--port: &apos;%1&apos; is not a port number</source>
        <translation>--port: „%1“ ist keine Portnummer</translation>
    </message>
    <message>
        <source>--duration: &apos;%1&apos; is not a positive number of seconds</source>
        <translation>--duration: „%1“ ist keine positive Anzahl Sekunden</translation>
    </message>
    <message>
        <source>--count: &apos;%1&apos; is not a positive number</source>
        <translation>--count: „%1“ ist keine positive Zahl</translation>
    </message>
    <message>
        <source>unexpected argument &apos;%1&apos;</source>
        <translation>unerwartetes Argument „%1“</translation>
    </message>
    <message>
        <source>--json - and --csv - cannot both write to stdout</source>
        <translation>--json - und --csv - können nicht beide in die Standardausgabe schreiben</translation>
    </message>
    <message>
        <source>--duration: &apos;%1&apos; is more than the limit of %2 seconds (about %3 days)</source>
        <translation>--duration: &apos;%1&apos; überschreitet die Grenze von %2 Sekunden (etwa %3 Tage)</translation>
    </message>
    <message>
        <source>--%1 needs a file name</source>
        <translation>--%1 braucht einen Dateinamen</translation>
    </message>
    <message>
        <source>Address families to capture: ipv4 (224.0.0.251), ipv6 (ff02::fb) or both (default).</source>
        <translation>Mitzuschneidende Adressfamilien: ipv4 (224.0.0.251), ipv6 (ff02::fb) oder both (Vorgabe).</translation>
    </message>
    <message>
        <source>Multicast group to join instead of 224.0.0.251 (an IPv4 address) or ff02::fb (an IPv6 address); once per family.</source>
        <translation>Multicast-Gruppe, der statt 224.0.0.251 (eine IPv4-Adresse) oder ff02::fb (eine IPv6-Adresse) beigetreten wird; einmal je Familie.</translation>
    </message>
    <message>
        <source>--family: &apos;%1&apos; is not ipv4, ipv6 or both</source>
        <translation>--family: „%1“ ist weder ipv4 noch ipv6 noch both</translation>
    </message>
    <message>
        <source>--group: &apos;%1&apos; is not an IPv4 or IPv6 multicast address</source>
        <translation>--group: „%1“ ist keine IPv4- oder IPv6-Multicast-Adresse</translation>
    </message>
    <message>
        <source>--group: one %1 group only (&apos;%2&apos; is another)</source>
        <translation>--group: nur eine %1-Gruppe („%2“ ist eine weitere)</translation>
    </message>
    <message>
        <source>--group: &apos;%1&apos; is an %2 group, but --family %3 does not capture %2</source>
        <translation>--group: „%1“ ist eine %2-Gruppe, aber --family %3 schneidet kein %2 mit</translation>
    </message>
    <message>
        <source>At the end of the file or capture, write every DNS-SD service instance heard (its host, port, TXT, addresses, who announced it and its state) as JSON Lines to FILE (- for stdout).</source>
        <translation>Am Ende der Datei oder Aufzeichnung jede gehörte DNS-SD-Dienstinstanz (Host, Port, TXT, Adressen, wer sie angekündigt hat, und ihr Zustand) als JSON Lines nach FILE schreiben (- für die Standardausgabe).</translation>
    </message>
    <message>
        <source>--headless and --read write each output file while they run, to OUT.part beside it (a stale one is overwritten), renamed to OUT when complete; after a crash or kill the .part file holds the data up to the last batch. SIGINT or SIGTERM stops the capture or the reading and everything so far is written; further signals only say what is left. Exit codes: 0 success (also a capture stopped by a signal); 1 runtime failure; 2 bad arguments; 3 --check reported an error finding (only when the run would otherwise exit 0); 130 (143 for SIGTERM) --read interrupted: the outputs are complete but hold only what was read before.</source>
        <translation>--headless und --read schreiben jede Ausgabedatei schon während des Laufs, nach OUT.part daneben (eine alte wird überschrieben), und benennen sie in OUT um, sobald sie vollständig ist; nach einem Absturz oder Kill enthält die .part-Datei die Daten bis zum letzten Stapel. SIGINT oder SIGTERM beendet den Mitschnitt oder das Lesen, und alles Bisherige wird geschrieben; weitere Signale melden nur, was noch fehlt. Exit-Codes: 0 Erfolg (auch ein durch ein Signal beendeter Mitschnitt); 1 Laufzeitfehler; 2 falsche Argumente; 3 --check hat einen Befund der Schwere „error“ gemeldet (nur wenn der Lauf sonst mit 0 endete); 130 (143 bei SIGTERM) --read unterbrochen: die Ausgaben sind vollständig, enthalten aber nur das vorher Gelesene.</translation>
    </message>
    <message>
        <source>Check every packet against the rules of RFC 6762 and RFC 6763 and, at the end of the file or capture, write the findings (rule, severity, sender, name, packets, message) as JSON Lines to FILE (- for stdout), with a summary on standard error. Exit code 3 when an error finding was reported.</source>
        <translation>Jedes Paket gegen die Regeln von RFC 6762 und RFC 6763 prüfen und am Ende der Datei oder Aufzeichnung die Befunde (Regel, Schweregrad, Absender, Name, Pakete, Meldung) als JSON Lines nach FILE schreiben (- für die Standardausgabe), mit einer Zusammenfassung auf der Standardfehlerausgabe. Exit-Code 3, wenn ein Befund der Schwere „error“ gemeldet wurde.</translation>
    </message>
    <message>
        <source>With --check: end the findings with a scorecard line (per device and rule group: pass, warn, fail or not-seen).</source>
        <translation>Mit --check: die Befunde mit einer Zeile Bewertungstabelle abschließen (je Gerät und Regelgruppe: pass, warn, fail oder not-seen).</translation>
    </message>
    <message>
        <source>--write, --json, --csv, --services, --check, --scorecard, --stats-json, --duration and --count need --headless or --read</source>
        <translation>--write, --json, --csv, --services, --check, --scorecard, --stats-json, --duration und --count brauchen --headless oder --read</translation>
    </message>
    <message>
        <source>--scorecard needs --check</source>
        <translation>--scorecard braucht --check</translation>
    </message>
    <message>
        <source>Write the final statistics, with query latency and top talkers, as one JSON object to FILE (- for stdout).</source>
        <translation>Die abschließende Statistik mit Antwortlatenz und den aktivsten Sendern als ein JSON-Objekt in DATEI schreiben (- für die Standardausgabe).</translation>
    </message>
    <message>
        <source>--read takes no capture options (--interface, --family, --group, --duration, --count, --no-pool)</source>
        <translation>--read nimmt keine Mitschnitt-Optionen (--interface, --family, --group, --duration, --count, --no-pool)</translation>
    </message>
    <message>
        <source>With --read: only the packets the display filter matches reach the outputs (the summary lines, --write, --json, --csv, --services, --check, --stats-json). Wireshark&apos;s syntax and field names, e.g. &apos;dns.qry.name contains &quot;_ipp&quot; &amp;&amp; ip.src == 169.254.0.0/16&apos;.</source>
        <translation>Mit --read: Nur die Pakete, auf die der Anzeigefilter passt, gelangen in die Ausgaben (die Zusammenfassungszeilen, --write, --json, --csv, --services, --check, --stats-json). Syntax und Feldnamen wie in Wireshark, z. B. &apos;dns.qry.name contains &quot;_ipp&quot; &amp;&amp; ip.src == 169.254.0.0/16&apos;.</translation>
    </message>
    <message>
        <source>-Y needs --read</source>
        <translation>-Y braucht --read</translation>
    </message>
    <message>
        <source>-Y: %1 (at character %2)</source>
        <translation>-Y: %1 (bei Zeichen %2)</translation>
    </message>
    <message>
        <source>Devices, FIFOs and standard output are written in place; a symbolic link is followed (the file it points to is replaced, the link stays). When a file fails before its first packet, an existing output is left as it was. A full or closed standard output is a runtime failure (1); 141: the reader of standard output went away (| head), the files are committed. A --headless capture streaming to standard output (--write -, --json -, --csv -) ends with 0 when its reader goes away, the final figures on standard error.</source>
        <translation>Geräte, FIFOs und die Standardausgabe werden direkt beschrieben; einem symbolischen Link wird gefolgt (die Datei, auf die er zeigt, wird ersetzt, der Link bleibt). Scheitert eine Datei vor ihrem ersten Paket, bleibt eine vorhandene Ausgabe unverändert. Eine volle oder geschlossene Standardausgabe ist ein Laufzeitfehler (1); 141: der Leser der Standardausgabe ist weg (| head), die Dateien werden abgeschlossen. Ein --headless-Mitschnitt, der in die Standardausgabe streamt (--write -, --json -, --csv -), endet mit 0, wenn ihr Leser weggeht, mit den Schlusszahlen auf der Standardfehlerausgabe.</translation>
    </message>
    <message>
        <source>Decode a pcap or pcapng file without a window; - (standard input) or a FIFO is decoded live, as it arrives.</source>
        <translation>Eine pcap- oder pcapng-Datei ohne Fenster dekodieren; - (Standardeingabe) oder ein FIFO wird live dekodiert, so wie die Daten ankommen.</translation>
    </message>
    <message>
        <source>Write the packets to a pcapng file (- streams it to standard output, flushed batch by batch).</source>
        <translation>Die Pakete in eine pcapng-Datei schreiben (- streamt sie in die Standardausgabe, Stapel für Stapel geleert).</translation>
    </message>
    <message>
        <source>With --headless: serve Prometheus metrics (packets, bytes, malformed, drops, pool, allocations, per host, services, findings) over HTTP at http://ADDRESS:PORT/metrics, e.g. 127.0.0.1:9100 or [::1]:9100. Listens only there; off by default. Exit code 2 when it cannot listen there.</source>
        <translation>Mit --headless: Prometheus-Metriken (Pakete, Bytes, fehlerhafte, verworfene, Pool, Allokationen, je Host, Dienste, Befunde) über HTTP unter http://ADRESSE:PORT/metrics bereitstellen, z. B. 127.0.0.1:9100 oder [::1]:9100. Lauscht nur dort; standardmäßig aus. Exit-Code 2, wenn dort nicht gelauscht werden kann.</translation>
    </message>
    <message>
        <source>--metrics needs --headless</source>
        <translation>--metrics braucht --headless</translation>
    </message>
    <message>
        <source>--metrics: %1</source>
        <translation>--metrics: %1</translation>
    </message>
    <message>
        <source>A pcap or pcapng file to open in the window; - (standard input) or a FIFO is read live, as a running capture.</source>
        <translation>Eine pcap- oder pcapng-Datei, die im Fenster geöffnet wird; - (Standardeingabe) oder ein FIFO wird live gelesen, als laufender Mitschnitt.</translation>
    </message>
</context>
<context>
    <name>Conformance</name>
    <message>
        <source>Multicast response with a non-zero ID</source>
        <translation>Multicast-Antwort mit einer ID ungleich null</translation>
    </message>
    <message>
        <source>Multicast query with a non-zero ID</source>
        <translation>Multicast-Anfrage mit einer ID ungleich null</translation>
    </message>
    <message>
        <source>Non-zero OPCODE</source>
        <translation>OPCODE ungleich null</translation>
    </message>
    <message>
        <source>Non-zero RCODE</source>
        <translation>RCODE ungleich null</translation>
    </message>
    <message>
        <source>Response without the AA bit</source>
        <translation>Antwort ohne AA-Bit</translation>
    </message>
    <message>
        <source>Response with the TC bit</source>
        <translation>Antwort mit TC-Bit</translation>
    </message>
    <message>
        <source>Multicast response that carries questions</source>
        <translation>Multicast-Antwort, die Fragen enthält</translation>
    </message>
    <message>
        <source>Multicast response not from port 5353</source>
        <translation>Multicast-Antwort nicht von Port 5353</translation>
    </message>
    <message>
        <source>Query from a legacy resolver (not port 5353)</source>
        <translation>Anfrage eines herkömmlichen Resolvers (nicht von Port 5353)</translation>
    </message>
    <message>
        <source>IP TTL or hop limit other than 255</source>
        <translation>IP-TTL oder Hop-Limit ungleich 255</translation>
    </message>
    <message>
        <source>Message too large</source>
        <translation>Nachricht zu groß</translation>
    </message>
    <message>
        <source>Cache-flush bit on a shared record</source>
        <translation>Cache-Flush-Bit auf einem geteilten Eintrag</translation>
    </message>
    <message>
        <source>Cache-flush bit on a known answer or proposed record</source>
        <translation>Cache-Flush-Bit auf einer bekannten Antwort oder einem vorgeschlagenen Eintrag</translation>
    </message>
    <message>
        <source>Unique record announced without the cache-flush bit</source>
        <translation>Eindeutiger Eintrag ohne Cache-Flush-Bit angekündigt</translation>
    </message>
    <message>
        <source>Record TTL other than recommended</source>
        <translation>Eintrags-TTL weicht von der Empfehlung ab</translation>
    </message>
    <message>
        <source>TXT record with no string</source>
        <translation>TXT-Eintrag ohne Zeichenkette</translation>
    </message>
    <message>
        <source>TXT key empty, not printable ASCII or repeated</source>
        <translation>TXT-Schlüssel leer, kein druckbares ASCII oder wiederholt</translation>
    </message>
    <message>
        <source>Service name not _name._tcp or _name._udp</source>
        <translation>Dienstname nicht _name._tcp oder _name._udp</translation>
    </message>
    <message>
        <source>Instance label too long or not UTF-8</source>
        <translation>Instanz-Label zu lang oder kein UTF-8</translation>
    </message>
    <message>
        <source>Malformed message</source>
        <translation>Fehlerhafte Nachricht</translation>
    </message>
    <message>
        <source>Unique record announced without probing</source>
        <translation>Eindeutiger Eintrag ohne vorherige Prüfung (Probing) angekündigt</translation>
    </message>
    <message>
        <source>Probes too few or too close together</source>
        <translation>Zu wenige oder zu dicht aufeinanderfolgende Proben</translation>
    </message>
    <message>
        <source>Announcements too few or too close together</source>
        <translation>Zu wenige oder zu dicht aufeinanderfolgende Ankündigungen</translation>
    </message>
    <message>
        <source>Record multicast again within a second</source>
        <translation>Eintrag innerhalb einer Sekunde erneut per Multicast gesendet</translation>
    </message>
    <message>
        <source>Repeated question without back-off</source>
        <translation>Wiederholte Frage ohne wachsende Abstände</translation>
    </message>
    <message>
        <source>Two senders claim the same unique record</source>
        <translation>Zwei Absender beanspruchen denselben eindeutigen Eintrag</translation>
    </message>
    <message>
        <source>Two senders probe the same name at once</source>
        <translation>Zwei Absender prüfen gleichzeitig denselben Namen</translation>
    </message>
    <message>
        <source>Name claimed with rising suffixes again and again</source>
        <translation>Name immer wieder mit steigenden Suffixen beansprucht</translation>
    </message>
    <message>
        <source>Same message repeated by another address</source>
        <translation>Dieselbe Nachricht von einer anderen Adresse wiederholt</translation>
    </message>
    <message>
        <source>Multicast message to the wrong destination MAC</source>
        <translation>Multicast-Nachricht an die falsche Ziel-MAC</translation>
    </message>
    <message>
        <source>Answer the query listed as a known answer</source>
        <translation>Antwort, die die Anfrage als bekannte Antwort aufführte</translation>
    </message>
    <message>
        <source>The same record twice in one message</source>
        <translation>Derselbe Eintrag zweimal in einer Nachricht</translation>
    </message>
    <message>
        <source>Answer without the recommended additional records</source>
        <translation>Antwort ohne die empfohlenen zusätzlichen Einträge</translation>
    </message>
    <message>
        <source>Wrong response to a legacy query</source>
        <translation>Falsche Antwort auf eine herkömmliche Anfrage</translation>
    </message>
    <message>
        <source>Record withdrawn (goodbye)</source>
        <translation>Eintrag zurückgezogen (Goodbye)</translation>
    </message>
    <message>
        <source>Record expired without a goodbye</source>
        <translation>Eintrag ohne Goodbye abgelaufen</translation>
    </message>
    <message>
        <source>Header bits</source>
        <translation>Header-Bits</translation>
    </message>
    <message>
        <source>Ports and TTLs</source>
        <translation>Ports und TTLs</translation>
    </message>
    <message>
        <source>Records</source>
        <translation>Einträge</translation>
    </message>
    <message>
        <source>Probing</source>
        <translation>Prüfen (Probing)</translation>
    </message>
    <message>
        <source>Announcing</source>
        <translation>Ankündigen</translation>
    </message>
    <message>
        <source>Rates</source>
        <translation>Raten</translation>
    </message>
    <message>
        <source>Conflicts</source>
        <translation>Konflikte</translation>
    </message>
    <message>
        <source>TXT record %1 with RDLENGTH 0; it must hold at least one (empty) string</source>
        <translation>TXT-Eintrag %1 mit RDLENGTH 0; er muss mindestens eine (leere) Zeichenkette enthalten</translation>
    </message>
    <message>
        <source>a string of the TXT record %1 has an empty key (&quot;=...&quot;)</source>
        <translation>eine Zeichenkette des TXT-Eintrags %1 hat einen leeren Schlüssel (&quot;=...&quot;)</translation>
    </message>
    <message>
        <source>the TXT key &quot;%1&quot; of %2 is not printable ASCII</source>
        <translation>der TXT-Schlüssel &quot;%1&quot; von %2 ist kein druckbares ASCII</translation>
    </message>
    <message>
        <source>the TXT key &quot;%1&quot; appears more than once in %2</source>
        <translation>der TXT-Schlüssel &quot;%1&quot; kommt in %2 mehr als einmal vor</translation>
    </message>
    <message>
        <source>service label %1 in %2; it must be &quot;_&quot; and 1-15 letters, digits or hyphens</source>
        <translation>Dienst-Label %1 in %2; es muss aus &quot;_&quot; und 1–15 Buchstaben, Ziffern oder Bindestrichen bestehen</translation>
    </message>
    <message>
        <source>protocol label %1 in %2; it must be _tcp or _udp</source>
        <translation>Protokoll-Label %1 in %2; es muss _tcp oder _udp sein</translation>
    </message>
    <message>
        <source>the instance label of %1 contains the control byte 0x%2</source>
        <translation>das Instanz-Label von %1 enthält das Steuerbyte 0x%2</translation>
    </message>
    <message>
        <source>the instance label of %1 is not valid UTF-8 (byte 0x%2)</source>
        <translation>das Instanz-Label von %1 ist kein gültiges UTF-8 (Byte 0x%2)</translation>
    </message>
    <message>
        <source>message of %1 bytes; mDNS messages must not exceed 9000 bytes</source>
        <translation>Nachricht mit %1 Bytes; mDNS-Nachrichten dürfen 9000 Bytes nicht überschreiten</translation>
    </message>
    <message>
        <source>message of %1 bytes: over IPv4 more than 1472 bytes are fragmented on a 1500-byte link</source>
        <translation>Nachricht mit %1 Bytes: über IPv4 werden mehr als 1472 Bytes auf einer 1500-Byte-Verbindung fragmentiert</translation>
    </message>
    <message>
        <source>message of %1 bytes: over IPv6 more than 1232 bytes may be fragmented (minimum MTU 1280)</source>
        <translation>Nachricht mit %1 Bytes: über IPv6 können mehr als 1232 Bytes fragmentiert werden (minimale MTU 1280)</translation>
    </message>
    <message>
        <source>malformed message at offset %1: %2</source>
        <translation>fehlerhafte Nachricht an Offset %1: %2</translation>
    </message>
    <message>
        <source>OPCODE %1; mDNS messages must use OPCODE 0, so receivers ignore this one</source>
        <translation>OPCODE %1; mDNS-Nachrichten müssen OPCODE 0 verwenden, Empfänger ignorieren diese daher</translation>
    </message>
    <message>
        <source>RCODE %1; mDNS messages must use RCODE 0, so receivers ignore this one</source>
        <translation>RCODE %1; mDNS-Nachrichten müssen RCODE 0 verwenden, Empfänger ignorieren diese daher</translation>
    </message>
    <message>
        <source>response ID 0x%1; multicast responses must use ID 0</source>
        <translation>Antwort-ID 0x%1; Multicast-Antworten müssen die ID 0 verwenden</translation>
    </message>
    <message>
        <source>response without the AA bit; mDNS responses must set it</source>
        <translation>Antwort ohne AA-Bit; mDNS-Antworten müssen es setzen</translation>
    </message>
    <message>
        <source>response with the TC bit; mDNS responses must clear it</source>
        <translation>Antwort mit TC-Bit; mDNS-Antworten müssen es löschen</translation>
    </message>
    <message>
        <source>multicast response with %1 question(s); responses should carry none</source>
        <translation>Multicast-Antwort mit %1 Frage(n); Antworten sollten keine enthalten</translation>
    </message>
    <message>
        <source>response to %1 from source port %2; multicast responses must come from port 5353</source>
        <translation>Antwort an %1 von Quellport %2; Multicast-Antworten müssen von Port 5353 kommen</translation>
    </message>
    <message>
        <source>query ID 0x%1; multicast queries should use ID 0</source>
        <translation>Anfrage-ID 0x%1; Multicast-Anfragen sollten die ID 0 verwenden</translation>
    </message>
    <message>
        <source>query from source port %1: a legacy resolver, which gets unicast answers echoing its ID and question</source>
        <translation>Anfrage von Quellport %1: ein herkömmlicher Resolver, der Unicast-Antworten mit seiner ID und Frage erhält</translation>
    </message>
    <message>
        <source>IPv6 hop limit %1; mDNS messages should be sent with 255</source>
        <translation>IPv6-Hop-Limit %1; mDNS-Nachrichten sollten mit 255 gesendet werden</translation>
    </message>
    <message>
        <source>IPv4 TTL %1; mDNS messages should be sent with 255</source>
        <translation>IPv4-TTL %1; mDNS-Nachrichten sollten mit 255 gesendet werden</translation>
    </message>
    <message>
        <source>cache-flush bit on the known answer %1 %2; known answers must not set it</source>
        <translation>Cache-Flush-Bit auf der bekannten Antwort %1 %2; bekannte Antworten dürfen es nicht setzen</translation>
    </message>
    <message>
        <source>cache-flush bit on the proposed record %1 %2 of a probe; proposed records must not set it</source>
        <translation>Cache-Flush-Bit auf dem vorgeschlagenen Eintrag %1 %2 einer Probe; vorgeschlagene Einträge dürfen es nicht setzen</translation>
    </message>
    <message>
        <source>cache-flush bit on the shared PTR record %1 -&gt; %2; shared records must not set it</source>
        <translation>Cache-Flush-Bit auf dem geteilten PTR-Eintrag %1 -&gt; %2; geteilte Einträge dürfen es nicht setzen</translation>
    </message>
    <message>
        <source>%1 record %2 announced without the cache-flush bit; unique records should set it</source>
        <translation>%1-Eintrag %2 ohne Cache-Flush-Bit angekündigt; eindeutige Einträge sollten es setzen</translation>
    </message>
    <message>
        <source>TTL %1 s on the %2 record %3; under 10 s every cache must refresh it constantly (recommended: %4 s)</source>
        <translation>TTL %1 s auf dem %2-Eintrag %3; unter 10 s muss jeder Cache ihn ständig auffrischen (empfohlen: %4 s)</translation>
    </message>
    <message>
        <source>TTL %1 s on the %2 record %3; RFC 6762 §10 recommends %4 s</source>
        <translation>TTL %1 s auf dem %2-Eintrag %3; RFC 6762 §10 empfiehlt %4 s</translation>
    </message>
    <message>
        <source>the %1 record %2 appears more than once in one message</source>
        <translation>der %1-Eintrag %2 kommt mehr als einmal in einer Nachricht vor</translation>
    </message>
    <message>
        <source>Info</source>
        <translation>Info</translation>
    </message>
    <message>
        <source>Warning</source>
        <translation>Warnung</translation>
    </message>
    <message>
        <source>Error</source>
        <translation>Fehler</translation>
    </message>
    <message>
        <source>%1 probes for %2 with %3, but %4 already holds it with %5</source>
        <translation>%1 prüft %2 mit %3, aber %4 hält den Namen bereits mit %5</translation>
    </message>
    <message>
        <source>%1 claims %2 with %3, but %4 already claims it with %5</source>
        <translation>%1 beansprucht %2 mit %3, aber %4 beansprucht den Namen bereits mit %5</translation>
    </message>
    <message>
        <source>%1 probes for %2 with %3, but %4 already holds it with %5; then %6 took the new name %7</source>
        <translation>%1 prüft %2 mit %3, aber %4 hält den Namen bereits mit %5; danach nahm %6 den neuen Namen %7</translation>
    </message>
    <message>
        <source>%1 claims %2 with %3, but %4 already claims it with %5; then %6 took the new name %7</source>
        <translation>%1 beansprucht %2 mit %3, aber %4 beansprucht den Namen bereits mit %5; danach nahm %6 den neuen Namen %7</translation>
    </message>
    <message>
        <source>%1 probes for %2 with %3, but %4 already holds it with %5; then %6 probed for it again</source>
        <translation>%1 prüft %2 mit %3, aber %4 hält den Namen bereits mit %5; danach prüfte %6 ihn erneut</translation>
    </message>
    <message>
        <source>%1 claims %2 with %3, but %4 already claims it with %5; then %6 probed for it again</source>
        <translation>%1 beansprucht %2 mit %3, aber %4 beansprucht den Namen bereits mit %5; danach prüfte %6 ihn erneut</translation>
    </message>
    <message>
        <source>%1 claimed %2 names with rising suffixes based on %3 within a minute (the latest %4): it keeps losing conflicts</source>
        <translation>%1 hat binnen einer Minute %2 Namen mit steigenden Suffixen auf Basis von %3 beansprucht (zuletzt %4): es verliert Konflikt um Konflikt</translation>
    </message>
    <message>
        <source>the answer %1 %2 comes without %3, which %4 holds; responses should carry them as additional records</source>
        <translation>die Antwort %1 %2 kommt ohne %3, obwohl %4 diese Einträge hält; Antworten sollten sie als zusätzliche Einträge mitliefern</translation>
    </message>
    <message>
        <source>legacy response to %1 with ID 0x%2; it must echo the query&apos;s ID 0x%3</source>
        <translation>herkömmliche Antwort an %1 mit der ID 0x%2; sie muss die ID 0x%3 der Anfrage wiederholen</translation>
    </message>
    <message>
        <source>legacy response to %1 without the query&apos;s question %2 %3; it must echo it</source>
        <translation>herkömmliche Antwort an %1 ohne die Frage %2 %3 der Anfrage; sie muss sie wiederholen</translation>
    </message>
    <message>
        <source>legacy response to %1 sets the cache-flush bit on %2; legacy resolvers do not understand it</source>
        <translation>herkömmliche Antwort an %1 setzt das Cache-Flush-Bit auf %2; herkömmliche Resolver verstehen es nicht</translation>
    </message>
    <message>
        <source>TTL %1 s on %2 in a legacy response to %3; legacy responses must not give more than 10 s</source>
        <translation>TTL %1 s für %2 in einer herkömmlichen Antwort an %3; herkömmliche Antworten dürfen höchstens 10 s angeben</translation>
    </message>
    <message>
        <source>%1 withdrew %2 %3 (goodbye, TTL 0)</source>
        <translation>%1 hat %2 %3 zurückgezogen (Goodbye, TTL 0)</translation>
    </message>
    <message>
        <source>%1 %2 of %3 expired: its TTL of %4 s ran out without a refresh or a goodbye</source>
        <translation>%1 %2 von %3 ist abgelaufen: seine TTL von %4 s endete ohne Auffrischung oder Goodbye</translation>
    </message>
    <message>
        <source>multicast message to %1 sent to the MAC address %2; it must go to %3</source>
        <translation>Multicast-Nachricht an %1 wurde an die MAC-Adresse %2 gesendet; sie muss an %3 gehen</translation>
    </message>
    <message>
        <source>the message of %1 came again %2 ms later from the same address but another MAC address, %3: a reflector or repeater</source>
        <translation>die Nachricht von %1 kam %2 ms später erneut von derselben Adresse, aber einer anderen MAC-Adresse, %3: ein Reflektor oder Repeater</translation>
    </message>
    <message>
        <source>the message of %1 came again %2 ms later from %3: a reflector or repeater; its copies are not counted as %1&apos;s traffic</source>
        <translation>die Nachricht von %1 kam %2 ms später erneut von %3: ein Reflektor oder Repeater; seine Kopien zählen nicht als Verkehr von %1</translation>
    </message>
    <message>
        <source>no further record</source>
        <translation>kein weiterer Eintrag</translation>
    </message>
    <message>
        <source>%1 and %2 probe %3 at once; %4 wins the tie-break of RFC 6762 §8.2 (%5 against %6)</source>
        <translation>%1 und %2 prüfen %3 gleichzeitig; %4 gewinnt den Gleichstandsentscheid nach RFC 6762 §8.2 (%5 gegen %6)</translation>
    </message>
    <message>
        <source>%1 announced %2 without probing for the name first; unique records must be probed (3 probes, 250 ms apart) before they are announced</source>
        <translation>%1 hat %2 angekündigt, ohne den Namen vorher zu prüfen; eindeutige Einträge müssen vor der Ankündigung geprüft werden (3 Prüfanfragen im Abstand von 250 ms)</translation>
    </message>
    <message>
        <source>the first two announcements of %1 only %2 ms apart; they must be at least one second apart</source>
        <translation>die ersten beiden Ankündigungen von %1 liegen nur %2 ms auseinander; sie müssen mindestens eine Sekunde auseinanderliegen</translation>
    </message>
    <message>
        <source>%1 probe(s) for %2 before it was announced; at least 3 are required</source>
        <translation>%1 Prüfanfrage(n) für %2 vor der Ankündigung; mindestens 3 sind vorgeschrieben</translation>
    </message>
    <message>
        <source>probes for %1 only %2 ms apart; they must be 250 ms apart</source>
        <translation>Prüfanfragen für %1 nur %2 ms auseinander; sie müssen 250 ms auseinanderliegen</translation>
    </message>
    <message>
        <source>%1 announced %2 ms after its last probe; at least 250 ms are required</source>
        <translation>%1 wurde %2 ms nach der letzten Prüfanfrage angekündigt; mindestens 250 ms sind vorgeschrieben</translation>
    </message>
    <message>
        <source>only one announcement of %1 within 3 s; at least two, one second apart, are required</source>
        <translation>nur eine Ankündigung von %1 innerhalb von 3 s; mindestens zwei im Abstand von einer Sekunde sind vorgeschrieben</translation>
    </message>
    <message>
        <source>%1 asked for %2 %3 again after %4 ms; repeated questions must be at least 1 s apart</source>
        <translation>%1 fragte nach %4 ms erneut nach %2 %3; wiederholte Fragen müssen mindestens 1 s auseinanderliegen</translation>
    </message>
    <message>
        <source>%1 asked for %2 %3 again after %4 ms, following a gap of %5 ms; the gaps between repeated questions must at least double</source>
        <translation>%1 fragte nach %4 ms erneut nach %2 %3, nach einem Abstand von %5 ms; die Abstände zwischen wiederholten Fragen müssen sich mindestens verdoppeln</translation>
    </message>
    <message>
        <source>%1 multicast %2 again after %3 ms; even when defending against a probe 250 ms must pass</source>
        <translation>%1 sendete %2 nach %3 ms erneut per Multicast; auch bei der Verteidigung gegen eine Prüfanfrage müssen 250 ms vergehen</translation>
    </message>
    <message>
        <source>%1 multicast %2 again after %3 ms; a record must not be multicast again within 1 s</source>
        <translation>%1 sendete %2 nach %3 ms erneut per Multicast; ein Eintrag darf nicht binnen 1 s erneut per Multicast gesendet werden</translation>
    </message>
    <message>
        <source>%1 multicast %2 although the query of %3 %4 ms earlier listed it as a known answer with %5 s of its %6 s TTL left</source>
        <translation>%1 sendete %2 per Multicast, obwohl die Anfrage von %3 %4 ms zuvor den Eintrag als bekannte Antwort mit noch %5 s seiner TTL von %6 s aufführte</translation>
    </message>
</context>
<context>
    <name>DecodedTreeModel</name>
    <message>
        <source>Header</source>
        <translation>Kopf</translation>
    </message>
    <message>
        <source>ID %1, %2</source>
        <translation>ID %1, %2</translation>
    </message>
    <message>
        <source>response</source>
        <translation>Antwort</translation>
    </message>
    <message>
        <source>query</source>
        <translation>Anfrage</translation>
    </message>
    <message>
        <source>Transaction ID</source>
        <translation>Transaktions-ID</translation>
    </message>
    <message>
        <source>Flags</source>
        <translation>Flags</translation>
    </message>
    <message>
        <source>Response</source>
        <translation>Antwort</translation>
    </message>
    <message>
        <source>yes</source>
        <translation>ja</translation>
    </message>
    <message>
        <source>no</source>
        <translation>nein</translation>
    </message>
    <message>
        <source>Opcode</source>
        <translation>Opcode</translation>
    </message>
    <message>
        <source>Authoritative</source>
        <translation>Autoritativ</translation>
    </message>
    <message>
        <source>Truncated</source>
        <translation>Abgeschnitten</translation>
    </message>
    <message>
        <source>Response code</source>
        <translation>Antwortcode</translation>
    </message>
    <message>
        <source>Questions</source>
        <translation>Fragen</translation>
    </message>
    <message>
        <source>Answer RRs</source>
        <translation>Antwort-RRs</translation>
    </message>
    <message>
        <source>Authority RRs</source>
        <translation>Autoritäts-RRs</translation>
    </message>
    <message>
        <source>Additional RRs</source>
        <translation>Zusätzliche RRs</translation>
    </message>
    <message>
        <source>%1 %2, unicast response (QU)</source>
        <translation>%1 %2, Unicast-Antwort (QU)</translation>
    </message>
    <message>
        <source>Name</source>
        <translation>Name</translation>
    </message>
    <message>
        <source>Type</source>
        <translation>Typ</translation>
    </message>
    <message>
        <source>Class</source>
        <translation>Klasse</translation>
    </message>
    <message>
        <source>Unicast response (QU)</source>
        <translation>Unicast-Antwort (QU)</translation>
    </message>
    <message>
        <source>%1, TTL %2: %3</source>
        <translation>%1, TTL %2: %3</translation>
    </message>
    <message>
        <source>UDP payload size</source>
        <translation>UDP-Nutzlastgröße</translation>
    </message>
    <message>
        <source>Cache flush</source>
        <translation>Cache leeren</translation>
    </message>
    <message>
        <source>TTL</source>
        <translation>TTL</translation>
    </message>
    <message numerus="yes">
        <source>%n second(s)</source>
        <translation>
            <numerusform>%n Sekunde</numerusform>
            <numerusform>%n Sekunden</numerusform>
        </translation>
    </message>
    <message>
        <source>Data length</source>
        <translation>Datenlänge</translation>
    </message>
    <message>
        <source>Data</source>
        <translation>Daten</translation>
    </message>
    <message>
        <source>Malformed</source>
        <translation>Fehlerhaft</translation>
    </message>
    <message>
        <source>at offset %1: %2</source>
        <translation>bei Offset %1: %2</translation>
    </message>
    <message>
        <source>Answers</source>
        <translation>Antworten</translation>
    </message>
    <message>
        <source>Authority</source>
        <translation>Autorität</translation>
    </message>
    <message>
        <source>Additional records</source>
        <translation>Zusätzliche Einträge</translation>
    </message>
    <message>
        <source>Field</source>
        <translation>Feld</translation>
    </message>
    <message>
        <source>Value</source>
        <translation>Wert</translation>
    </message>
    <message>
        <source>Conformance findings</source>
        <translation>Konformitätsbefunde</translation>
    </message>
    <message>
        <source>Packet comments</source>
        <translation>Paketkommentare</translation>
    </message>
    <message>
        <source>Comment</source>
        <translation>Kommentar</translation>
    </message>
    <message>
        <source>Capture file section</source>
        <translation>Abschnitt der Mitschnittdatei</translation>
    </message>
    <message>
        <source>Application</source>
        <translation>Anwendung</translation>
    </message>
    <message>
        <source>Hardware</source>
        <translation>Hardware</translation>
    </message>
    <message>
        <source>Operating system</source>
        <translation>Betriebssystem</translation>
    </message>
</context>
<context>
    <name>DirectoryText</name>
    <message>
        <source>live</source>
        <translation>aktiv</translation>
    </message>
    <message>
        <source>goodbye</source>
        <translation>verabschiedet</translation>
    </message>
    <message>
        <source>expired</source>
        <translation>abgelaufen</translation>
    </message>
    <message>
        <source>known answer only</source>
        <translation>nur bekannte Antwort</translation>
    </message>
    <message>
        <source>replaced</source>
        <translation>ersetzt</translation>
    </message>
    <message>
        <source>announced</source>
        <translation>angekündigt</translation>
    </message>
    <message>
        <source>refreshed %1 times (last %2)</source>
        <extracomment>%1: how many refreshes were heard in a row, %2: the time of the last one</extracomment>
        <translation>%1-mal aufgefrischt (zuletzt %2)</translation>
    </message>
    <message>
        <source>refreshed</source>
        <translation>aufgefrischt</translation>
    </message>
    <message>
        <source>expired (left without a goodbye)</source>
        <translation>abgelaufen (ohne Abmeldung gegangen)</translation>
    </message>
    <message>
        <source>renamed to %1</source>
        <translation>umbenannt in %1</translation>
    </message>
    <message>
        <source>renamed from %1</source>
        <translation>umbenannt von %1</translation>
    </message>
    <message>
        <source>(empty)</source>
        <translation>(leer)</translation>
    </message>
    <message>
        <source>%1 s</source>
        <extracomment>remaining time to live in whole seconds</extracomment>
        <translation>%1 s</translation>
    </message>
</context>
<context>
    <name>DisplayFilter</name>
    <message>
        <source>Frame</source>
        <translation>Rahmen</translation>
    </message>
    <message>
        <source>Ethernet</source>
        <translation>Ethernet</translation>
    </message>
    <message>
        <source>IPv4</source>
        <translation>IPv4</translation>
    </message>
    <message>
        <source>IPv6</source>
        <translation>IPv6</translation>
    </message>
    <message>
        <source>UDP</source>
        <translation>UDP</translation>
    </message>
    <message>
        <source>Multicast DNS</source>
        <translation>Multicast-DNS</translation>
    </message>
    <message>
        <source>DNS (unicast, never an mDNS packet)</source>
        <translation>DNS (Unicast, nie ein mDNS-Paket)</translation>
    </message>
    <message>
        <source>Packet number</source>
        <translation>Paketnummer</translation>
    </message>
    <message>
        <source>Frame length (not kept)</source>
        <translation>Rahmenlänge (nicht gespeichert)</translation>
    </message>
    <message>
        <source>Ethernet source</source>
        <translation>Ethernet-Quelle</translation>
    </message>
    <message>
        <source>Ethernet destination</source>
        <translation>Ethernet-Ziel</translation>
    </message>
    <message>
        <source>Ethernet source or destination</source>
        <translation>Ethernet-Quelle oder -Ziel</translation>
    </message>
    <message>
        <source>IPv4 source</source>
        <translation>IPv4-Quelle</translation>
    </message>
    <message>
        <source>IPv4 destination</source>
        <translation>IPv4-Ziel</translation>
    </message>
    <message>
        <source>IPv4 source or destination</source>
        <translation>IPv4-Quelle oder -Ziel</translation>
    </message>
    <message>
        <source>IPv4 time to live</source>
        <translation>IPv4-Lebensdauer (TTL)</translation>
    </message>
    <message>
        <source>IPv4 protocol</source>
        <translation>IPv4-Protokoll</translation>
    </message>
    <message>
        <source>IP version</source>
        <translation>IP-Version</translation>
    </message>
    <message>
        <source>IPv6 source</source>
        <translation>IPv6-Quelle</translation>
    </message>
    <message>
        <source>IPv6 destination</source>
        <translation>IPv6-Ziel</translation>
    </message>
    <message>
        <source>IPv6 source or destination</source>
        <translation>IPv6-Quelle oder -Ziel</translation>
    </message>
    <message>
        <source>IPv6 hop limit</source>
        <translation>IPv6-Hop-Limit</translation>
    </message>
    <message>
        <source>IPv6 next header</source>
        <translation>IPv6-Next-Header</translation>
    </message>
    <message>
        <source>UDP source port</source>
        <translation>UDP-Quellport</translation>
    </message>
    <message>
        <source>UDP destination port</source>
        <translation>UDP-Zielport</translation>
    </message>
    <message>
        <source>UDP source or destination port</source>
        <translation>UDP-Quell- oder -Zielport</translation>
    </message>
    <message>
        <source>UDP length</source>
        <translation>UDP-Länge</translation>
    </message>
    <message>
        <source>Transaction ID</source>
        <translation>Transaktions-ID</translation>
    </message>
    <message>
        <source>Flags</source>
        <translation>Flags</translation>
    </message>
    <message>
        <source>Response</source>
        <translation>Antwort</translation>
    </message>
    <message>
        <source>Opcode</source>
        <translation>Opcode</translation>
    </message>
    <message>
        <source>Authoritative</source>
        <translation>Autoritativ</translation>
    </message>
    <message>
        <source>Truncated</source>
        <translation>Abgeschnitten</translation>
    </message>
    <message>
        <source>Recursion desired</source>
        <translation>Rekursion gewünscht</translation>
    </message>
    <message>
        <source>Recursion available</source>
        <translation>Rekursion verfügbar</translation>
    </message>
    <message>
        <source>Z (reserved)</source>
        <translation>Z (reserviert)</translation>
    </message>
    <message>
        <source>Answer authenticated</source>
        <translation>Antwort authentifiziert</translation>
    </message>
    <message>
        <source>Non-authenticated data</source>
        <translation>Nicht authentifizierte Daten</translation>
    </message>
    <message>
        <source>Reply code</source>
        <translation>Antwortcode</translation>
    </message>
    <message>
        <source>Questions</source>
        <translation>Fragen</translation>
    </message>
    <message>
        <source>Answer records</source>
        <translation>Antwort-Einträge</translation>
    </message>
    <message>
        <source>Authority records</source>
        <translation>Autoritäts-Einträge</translation>
    </message>
    <message>
        <source>Additional records</source>
        <translation>Zusätzliche Einträge</translation>
    </message>
    <message>
        <source>Question name</source>
        <translation>Name der Frage</translation>
    </message>
    <message>
        <source>Question type</source>
        <translation>Typ der Frage</translation>
    </message>
    <message>
        <source>Question class</source>
        <translation>Klasse der Frage</translation>
    </message>
    <message>
        <source>Unicast response requested (QU)</source>
        <translation>Unicast-Antwort erbeten (QU)</translation>
    </message>
    <message>
        <source>Record name</source>
        <translation>Name des Eintrags</translation>
    </message>
    <message>
        <source>Record type</source>
        <translation>Typ des Eintrags</translation>
    </message>
    <message>
        <source>Record class</source>
        <translation>Klasse des Eintrags</translation>
    </message>
    <message>
        <source>Cache flush</source>
        <translation>Cache-Flush</translation>
    </message>
    <message>
        <source>Time to live</source>
        <translation>Lebensdauer (TTL)</translation>
    </message>
    <message>
        <source>Data length</source>
        <translation>Datenlänge</translation>
    </message>
    <message>
        <source>Address (A)</source>
        <translation>Adresse (A)</translation>
    </message>
    <message>
        <source>Address (AAAA)</source>
        <translation>Adresse (AAAA)</translation>
    </message>
    <message>
        <source>PTR domain name</source>
        <translation>PTR-Domainname</translation>
    </message>
    <message>
        <source>Canonical name</source>
        <translation>Kanonischer Name</translation>
    </message>
    <message>
        <source>Name server</source>
        <translation>Nameserver</translation>
    </message>
    <message>
        <source>SRV priority</source>
        <translation>SRV-Priorität</translation>
    </message>
    <message>
        <source>SRV weight</source>
        <translation>SRV-Gewicht</translation>
    </message>
    <message>
        <source>SRV port</source>
        <translation>SRV-Port</translation>
    </message>
    <message>
        <source>SRV target</source>
        <translation>SRV-Ziel</translation>
    </message>
    <message>
        <source>SRV service (first label)</source>
        <translation>SRV-Dienst (erstes Label)</translation>
    </message>
    <message>
        <source>SRV protocol (second label)</source>
        <translation>SRV-Protokoll (zweites Label)</translation>
    </message>
    <message>
        <source>SRV name (the rest)</source>
        <translation>SRV-Name (der Rest)</translation>
    </message>
    <message>
        <source>TXT string</source>
        <translation>TXT-Zeichenkette</translation>
    </message>
    <message>
        <source>TXT string length</source>
        <translation>Länge der TXT-Zeichenkette</translation>
    </message>
    <message>
        <source>HINFO CPU</source>
        <translation>HINFO-CPU</translation>
    </message>
    <message>
        <source>HINFO OS</source>
        <translation>HINFO-Betriebssystem</translation>
    </message>
    <message>
        <source>NSEC next domain name</source>
        <translation>NSEC: nächster Domainname</translation>
    </message>
    <message>
        <source>EDNS UDP payload size</source>
        <translation>EDNS-UDP-Nutzlastgröße</translation>
    </message>
    <message>
        <source>EDNS extended RCODE</source>
        <translation>EDNS: erweiterter RCODE</translation>
    </message>
    <message>
        <source>EDNS version</source>
        <translation>EDNS-Version</translation>
    </message>
    <message>
        <source>unexpected “%1” after a complete expression</source>
        <translation>unerwartetes „%1“ nach einem vollständigen Ausdruck</translation>
    </message>
    <message>
        <source>this “(” is never closed</source>
        <translation>diese „(“ wird nie geschlossen</translation>
    </message>
    <message>
        <source>expected “)” but found “%1”</source>
        <translation>„)“ erwartet, aber „%1“ gefunden</translation>
    </message>
    <message>
        <source>the filter ends where a field was expected</source>
        <translation>der Filter endet, wo ein Feld erwartet wurde</translation>
    </message>
    <message>
        <source>expected a field name but found “%1”</source>
        <translation>Feldname erwartet, aber „%1“ gefunden</translation>
    </message>
    <message>
        <source>“%1” is neither a field nor a protocol name</source>
        <translation>„%1“ ist weder ein Feld noch ein Protokollname</translation>
    </message>
    <message>
        <source>invalid regular expression: %1</source>
        <translation>ungültiger regulärer Ausdruck: %1</translation>
    </message>
    <message>
        <source>%1 is a protocol: it can only be tested for presence, as in “%1” or “!%1”</source>
        <translation>%1 ist ein Protokoll: es lässt sich nur auf Vorhandensein prüfen, etwa mit „%1“ oder „!%1“</translation>
    </message>
    <message>
        <source>“%1” applies to text fields; %2 is a %3</source>
        <translation>„%1“ gilt für Textfelder; %2 ist vom Typ %3</translation>
    </message>
    <message>
        <source>protocol</source>
        <translation>Protokoll</translation>
    </message>
    <message>
        <source>boolean</source>
        <translation>Wahrheitswert</translation>
    </message>
    <message>
        <source>number</source>
        <translation>Zahl</translation>
    </message>
    <message>
        <source>text</source>
        <translation>Text</translation>
    </message>
    <message>
        <source>IPv4 address</source>
        <translation>IPv4-Adresse</translation>
    </message>
    <message>
        <source>IPv6 address</source>
        <translation>IPv6-Adresse</translation>
    </message>
    <message>
        <source>MAC address</source>
        <translation>MAC-Adresse</translation>
    </message>
    <message>
        <source>“in” must be followed by a set such as {1 2 5..9}</source>
        <translation>auf „in“ muss eine Menge wie {1 2 5..9} folgen</translation>
    </message>
    <message>
        <source>this “{” is never closed</source>
        <translation>diese „{“ wird nie geschlossen</translation>
    </message>
    <message>
        <source>a range lo..hi needs a numeric field</source>
        <translation>ein Bereich von..bis braucht ein Zahlenfeld</translation>
    </message>
    <message>
        <source>the range %1 ends before it starts</source>
        <translation>der Bereich %1 endet, bevor er beginnt</translation>
    </message>
    <message>
        <source>the set is empty</source>
        <translation>die Menge ist leer</translation>
    </message>
    <message>
        <source>the filter ends where a value was expected</source>
        <translation>der Filter endet, wo ein Wert erwartet wurde</translation>
    </message>
    <message>
        <source>expected a value but found “%1”</source>
        <translation>Wert erwartet, aber „%1“ gefunden</translation>
    </message>
    <message>
        <source>“%1” is not a valid value for %2 (a %3)</source>
        <translation>„%1“ ist kein gültiger Wert für %2 (Typ: %3)</translation>
    </message>
    <message>
        <source>“%1” has no valid prefix length (0 to %2)</source>
        <translation>„%1“ hat keine gültige Präfixlänge (0 bis %2)</translation>
    </message>
</context>
<context>
    <name>DnsDecoder</name>
    <message>
        <source>question</source>
        <translation>Frage</translation>
    </message>
    <message>
        <source>answer</source>
        <translation>Antwort</translation>
    </message>
    <message>
        <source>authority record</source>
        <translation>Autoritätseintrag</translation>
    </message>
    <message>
        <source>additional record</source>
        <translation>Zusatzeintrag</translation>
    </message>
    <message>
        <source>type</source>
        <translation>Typ</translation>
    </message>
    <message>
        <source>class</source>
        <translation>Klasse</translation>
    </message>
    <message>
        <source>TTL</source>
        <translation>TTL</translation>
    </message>
    <message>
        <source>rdlength</source>
        <translation>rdlength</translation>
    </message>
    <message>
        <source>truncated header: %1 of 12 bytes</source>
        <translation>abgeschnittener Kopf: %1 von 12 Bytes</translation>
    </message>
    <message>
        <source>message ends before %1 %2 of %3</source>
        <extracomment>%1 is a section noun (&quot;question&quot;, &quot;answer&quot;, ...), %2 its number, %3 the count</extracomment>
        <translation>Nachricht endet vor %1 %2 von %3</translation>
    </message>
    <message>
        <source>%1 cut off in its %2 field</source>
        <extracomment>%1 is a section noun (&quot;question&quot;, &quot;answer&quot;, ...), %2 a field name (&quot;type&quot;, &quot;TTL&quot;, ...)</extracomment>
        <translation>%1 im Feld „%2“ abgeschnitten</translation>
    </message>
    <message>
        <source>rdlength %1 runs past the end of the message (%2 bytes left)</source>
        <translation>rdlength %1 reicht über das Ende der Nachricht hinaus (noch %2 Bytes)</translation>
    </message>
    <message>
        <source>ID</source>
        <extracomment>DNS header field: transaction ID</extracomment>
        <translation>ID</translation>
    </message>
    <message>
        <source>Flags</source>
        <translation>Flags</translation>
    </message>
    <message>
        <source>QR</source>
        <extracomment>DNS header flag mnemonic: query (0) or response (1)</extracomment>
        <translation>QR</translation>
    </message>
    <message>
        <source>Opcode</source>
        <translation>Opcode</translation>
    </message>
    <message>
        <source>AA</source>
        <extracomment>DNS header flag mnemonic: authoritative answer</extracomment>
        <translation>AA</translation>
    </message>
    <message>
        <source>TC</source>
        <extracomment>DNS header flag mnemonic: truncated</extracomment>
        <translation>TC</translation>
    </message>
    <message>
        <source>RD</source>
        <extracomment>DNS header flag mnemonic: recursion desired</extracomment>
        <translation>RD</translation>
    </message>
    <message>
        <source>RA</source>
        <extracomment>DNS header flag mnemonic: recursion available</extracomment>
        <translation>RA</translation>
    </message>
    <message>
        <source>Z</source>
        <extracomment>DNS header flag mnemonic / EDNS field: reserved bits (Z)</extracomment>
        <translation>Z</translation>
    </message>
    <message>
        <source>AD</source>
        <extracomment>DNS header flag mnemonic: authentic data</extracomment>
        <translation>AD</translation>
    </message>
    <message>
        <source>CD</source>
        <extracomment>DNS header flag mnemonic: checking disabled</extracomment>
        <translation>CD</translation>
    </message>
    <message>
        <source>Rcode</source>
        <extracomment>DNS header field: response code</extracomment>
        <translation>Rcode</translation>
    </message>
    <message>
        <source>Questions</source>
        <extracomment>DNS header field: number of questions</extracomment>
        <translation>Fragen</translation>
    </message>
    <message>
        <source>Answer RRs</source>
        <extracomment>DNS header field: number of answer resource records</extracomment>
        <translation>Antwort-RRs</translation>
    </message>
    <message>
        <source>Authority RRs</source>
        <extracomment>DNS header field: number of authority resource records</extracomment>
        <translation>Autoritäts-RRs</translation>
    </message>
    <message>
        <source>Additional RRs</source>
        <extracomment>DNS header field: number of additional resource records</extracomment>
        <translation>Zusätzliche RRs</translation>
    </message>
    <message>
        <source>0 (query)</source>
        <extracomment>value of the QR flag</extracomment>
        <translation>0 (Anfrage)</translation>
    </message>
    <message>
        <source>1 (response)</source>
        <extracomment>value of the QR flag</extracomment>
        <translation>1 (Antwort)</translation>
    </message>
    <message>
        <source>0 (standard query)</source>
        <extracomment>value of the opcode</extracomment>
        <translation>0 (Standardanfrage)</translation>
    </message>
    <message>
        <source>1 (inverse query)</source>
        <extracomment>value of the opcode</extracomment>
        <translation>1 (inverse Anfrage)</translation>
    </message>
    <message>
        <source>2 (status)</source>
        <extracomment>value of the opcode</extracomment>
        <translation>2 (Status)</translation>
    </message>
    <message>
        <source>4 (notify)</source>
        <extracomment>value of the opcode (RFC 1996)</extracomment>
        <translation>4 (Notify)</translation>
    </message>
    <message>
        <source>5 (update)</source>
        <extracomment>value of the opcode (RFC 2136)</extracomment>
        <translation>5 (Update)</translation>
    </message>
    <message>
        <source>Address</source>
        <extracomment>A/AAAA record data</extracomment>
        <translation>Adresse</translation>
    </message>
    <message>
        <source>Domain name</source>
        <extracomment>PTR record data</extracomment>
        <translation>Domänenname</translation>
    </message>
    <message>
        <source>Canonical name</source>
        <extracomment>CNAME record data</extracomment>
        <translation>Kanonischer Name</translation>
    </message>
    <message>
        <source>Name server</source>
        <extracomment>NS record data</extracomment>
        <translation>Nameserver</translation>
    </message>
    <message>
        <source>Priority</source>
        <extracomment>SRV record data</extracomment>
        <translation>Priorität</translation>
    </message>
    <message>
        <source>Weight</source>
        <extracomment>SRV record data</extracomment>
        <translation>Gewichtung</translation>
    </message>
    <message>
        <source>Port</source>
        <extracomment>SRV record data: the service&apos;s port number</extracomment>
        <translation>Port</translation>
    </message>
    <message>
        <source>Target</source>
        <extracomment>SRV record data: the host that offers the service</extracomment>
        <translation>Ziel</translation>
    </message>
    <message>
        <source>String</source>
        <extracomment>one character-string of a TXT record</extracomment>
        <translation>Zeichenkette</translation>
    </message>
    <message>
        <source>Length</source>
        <extracomment>length byte of a TXT character-string</extracomment>
        <translation>Länge</translation>
    </message>
    <message>
        <source>Key</source>
        <extracomment>DNS-SD TXT key (before &apos;=&apos;)</extracomment>
        <translation>Schlüssel</translation>
    </message>
    <message>
        <source>Value</source>
        <extracomment>DNS-SD TXT value (after &apos;=&apos;)</extracomment>
        <translation>Wert</translation>
    </message>
    <message>
        <source>CPU</source>
        <extracomment>HINFO record data</extracomment>
        <translation>CPU</translation>
    </message>
    <message>
        <source>OS</source>
        <extracomment>HINFO record data: operating system</extracomment>
        <translation>Betriebssystem</translation>
    </message>
    <message>
        <source>Next domain name</source>
        <extracomment>NSEC record data</extracomment>
        <translation>Nächster Domänenname</translation>
    </message>
    <message>
        <source>Type bitmap</source>
        <extracomment>NSEC record data</extracomment>
        <translation>Typ-Bitmap</translation>
    </message>
    <message>
        <source>Window</source>
        <extracomment>NSEC type bitmap window</extracomment>
        <translation>Fenster</translation>
    </message>
    <message>
        <source>UDP payload size</source>
        <extracomment>EDNS (OPT record): the sender&apos;s UDP payload size</extracomment>
        <translation>UDP-Nutzlastgröße</translation>
    </message>
    <message>
        <source>Extended rcode</source>
        <extracomment>EDNS (OPT record): upper bits of the response code</extracomment>
        <translation>Erweiterter Rcode</translation>
    </message>
    <message>
        <source>EDNS version</source>
        <translation>EDNS-Version</translation>
    </message>
    <message>
        <source>DO</source>
        <extracomment>EDNS flag mnemonic: DNSSEC OK</extracomment>
        <translation>DO</translation>
    </message>
    <message>
        <source>Option</source>
        <extracomment>EDNS option</extracomment>
        <translation>Option</translation>
    </message>
    <message>
        <source>Option code</source>
        <translation>Optionscode</translation>
    </message>
    <message>
        <source>Option length</source>
        <translation>Optionslänge</translation>
    </message>
    <message>
        <source>Option data</source>
        <translation>Optionsdaten</translation>
    </message>
    <message>
        <source>Data</source>
        <extracomment>raw record data of a type without a decoder</extracomment>
        <translation>Daten</translation>
    </message>
    <message>
        <source>payload %1</source>
        <extracomment>short text of an OPT record: %1 is the UDP payload size in bytes</extracomment>
        <translation>Nutzlast %1</translation>
    </message>
    <message>
        <source>version %1</source>
        <extracomment>short text of an OPT record: %1 is the EDNS version</extracomment>
        <translation>Version %1</translation>
    </message>
    <message>
        <source>ext rcode %1</source>
        <extracomment>short text of an OPT record: %1 is the extended response code</extracomment>
        <translation>erw. Rcode %1</translation>
    </message>
    <message>
        <source>Query: %1</source>
        <extracomment>packet summary: %1 is the list of questions</extracomment>
        <translation>Anfrage: %1</translation>
    </message>
    <message>
        <source>Response: %1</source>
        <extracomment>packet summary: %1 is the list of answers</extracomment>
        <translation>Antwort: %1</translation>
    </message>
    <message>
        <source>+%1</source>
        <extracomment>packet summary: %1 more items not shown</extracomment>
        <translation>+%1</translation>
    </message>
    <message>
        <source>[Malformed at %1: %2]</source>
        <extracomment>packet summary: %1 is the byte offset, %2 the reason</extracomment>
        <translation>[Fehlerhaft bei %1: %2]</translation>
    </message>
    <message>
        <source>(empty)</source>
        <extracomment>packet summary of a message without questions or records</extracomment>
        <translation>(leer)</translation>
    </message>
    <message>
        <source>(goodbye)</source>
        <extracomment>packet summary: a record with TTL 0, which withdraws it (RFC 6762 §10.1)</extracomment>
        <translation>(Abmeldung)</translation>
    </message>
    <message>
        <source>[%1]</source>
        <extracomment>packet summary: %1 is a response code such as &quot;rcode 3&quot;</extracomment>
        <translation>[%1]</translation>
    </message>
    <message>
        <source>(QU)</source>
        <extracomment>packet summary: the unicast-response bit of an mDNS question</extracomment>
        <translation>(QU)</translation>
    </message>
    <message>
        <source>record data</source>
        <extracomment>the end of the ... (a name or label runs past it)</extracomment>
        <translation>Eintragsdaten</translation>
    </message>
    <message>
        <source>message</source>
        <translation>Nachricht</translation>
    </message>
    <message>
        <source>name runs past the end of the %1</source>
        <translation>Name reicht über das Ende der %1 hinaus</translation>
    </message>
    <message>
        <source>compression pointer cut off at the end of the %1</source>
        <translation>Kompressionszeiger am Ende der %1 abgeschnitten</translation>
    </message>
    <message>
        <source>compression pointer to offset %1 past the end of the message (%2 bytes)</source>
        <translation>Kompressionszeiger auf Offset %1 hinter dem Ende der Nachricht (%2 Bytes)</translation>
    </message>
    <message>
        <source>compression pointer loop (offset %1 again)</source>
        <translation>Schleife von Kompressionszeigern (wieder Offset %1)</translation>
    </message>
    <message>
        <source>more than %1 compression pointers in one name</source>
        <translation>mehr als %1 Kompressionszeiger in einem Namen</translation>
    </message>
    <message>
        <source>label length %1 over 63 (extended label type 0x40)</source>
        <translation>Label-Länge %1 über 63 (erweiterter Label-Typ 0x40)</translation>
    </message>
    <message>
        <source>reserved label type 0x80</source>
        <translation>reservierter Label-Typ 0x80</translation>
    </message>
    <message>
        <source>label of %1 bytes runs past the end of the %2</source>
        <translation>Label von %1 Bytes reicht über das Ende der %2 hinaus</translation>
    </message>
    <message>
        <source>name longer than 255 bytes</source>
        <translation>Name länger als 255 Bytes</translation>
    </message>
    <message>
        <source>%1 record data cut off in %2</source>
        <extracomment>%1 is a record type (&quot;SRV&quot;), %2 a field label (&quot;Port&quot;)</extracomment>
        <translation>Daten des %1-Eintrags im Feld „%2“ abgeschnitten</translation>
    </message>
    <message>
        <source>%1 record data has %2 bytes left over</source>
        <translation>Daten des %1-Eintrags haben %2 überzählige Bytes</translation>
    </message>
    <message>
        <source>character-string of %1 bytes runs past the end of the record data</source>
        <translation>Zeichenkette von %1 Bytes reicht über das Ende der Eintragsdaten hinaus</translation>
    </message>
    <message>
        <source>%1 record data is %2 bytes, expected %3</source>
        <translation>Daten des %1-Eintrags sind %2 Bytes lang, erwartet: %3</translation>
    </message>
    <message>
        <source>TXT string of %1 bytes runs past the end of the record data</source>
        <translation>TXT-Zeichenkette von %1 Bytes reicht über das Ende der Eintragsdaten hinaus</translation>
    </message>
    <message>
        <source>NSEC type bitmap overrun: window header cut off at the end of the record data</source>
        <translation>NSEC-Typ-Bitmap läuft über: Fensterkopf am Ende der Eintragsdaten abgeschnitten</translation>
    </message>
    <message>
        <source>NSEC bitmap length %1 (must be 1-32)</source>
        <translation>NSEC-Bitmap-Länge %1 (muss 1–32 sein)</translation>
    </message>
    <message>
        <source>NSEC window %1 after window %2 (must ascend)</source>
        <translation>NSEC-Fenster %1 nach Fenster %2 (muss aufsteigend sein)</translation>
    </message>
    <message>
        <source>NSEC type bitmap overrun: window %1 needs %2 bytes, %3 left</source>
        <translation>NSEC-Typ-Bitmap läuft über: Fenster %1 braucht %2 Bytes, noch %3 übrig</translation>
    </message>
    <message>
        <source>EDNS option header cut off at the end of the record data</source>
        <translation>EDNS-Optionskopf am Ende der Eintragsdaten abgeschnitten</translation>
    </message>
    <message>
        <source>EDNS option of %1 bytes runs past the end of the record data</source>
        <translation>EDNS-Option von %1 Bytes reicht über das Ende der Eintragsdaten hinaus</translation>
    </message>
    <message>
        <source>Probe: %1</source>
        <extracomment>packet summary of a probe (RFC 6762 §8.1): %1 is the list of questions</extracomment>
        <translation>Probe: %1</translation>
    </message>
    <message>
        <source>Announcement: %1</source>
        <extracomment>packet summary of an mDNS response that names no question (RFC 6762 §8.3): %1 is the list of answers</extracomment>
        <translation>Ankündigung: %1</translation>
    </message>
    <message>
        <source>Goodbye: %1</source>
        <extracomment>packet summary of a response whose records all have TTL 0 (RFC 6762 §10.1): %1 is the list of records withdrawn</extracomment>
        <translation>Abmeldung: %1</translation>
    </message>
    <message>
        <source>Not DNS: %1</source>
        <extracomment>packet summary of a datagram on the mDNS port that is not a DNS message: %1 is why</extracomment>
        <translation>Kein DNS: %1</translation>
    </message>
    <message>
        <source>its header counts %1 questions and %2 records, at least %3 bytes, more than any DNS message holds</source>
        <extracomment>why a datagram is not DNS: %1 questions and %2 records, which need %3 bytes at least</extracomment>
        <translation>der Header zählt %1 Fragen und %2 Einträge, mindestens %3 Bytes, mehr als eine DNS-Nachricht fassen kann</translation>
    </message>
    <message>
        <source>opcode %1 is not a DNS opcode</source>
        <extracomment>why a datagram is not DNS: %1 is the value of its opcode field</extracomment>
        <translation>Opcode %1 ist kein DNS-Opcode</translation>
    </message>
</context>
<context>
    <name>ExportDialog</name>
    <message>
        <source>Export Packets</source>
        <translation>Pakete exportieren</translation>
    </message>
    <message>
        <source>pcapng (Wireshark, tshark)</source>
        <translation>pcapng (Wireshark, tshark)</translation>
    </message>
    <message>
        <source>JSON Lines (one decoded packet per line)</source>
        <translation>JSON Lines (ein entschlüsseltes Paket je Zeile)</translation>
    </message>
    <message>
        <source>CSV (one packet per row)</source>
        <translation>CSV (ein Paket je Zeile)</translation>
    </message>
    <message>
        <source>All packets (%1)</source>
        <translation>Alle Pakete (%1)</translation>
    </message>
    <message>
        <source>Displayed packets (%1)</source>
        <translation>Angezeigte Pakete (%1)</translation>
    </message>
    <message>
        <source>Selected packets (%1)</source>
        <translation>Ausgewählte Pakete (%1)</translation>
    </message>
    <message>
        <source>Browse…</source>
        <translation>Durchsuchen…</translation>
    </message>
    <message>
        <source>Format:</source>
        <translation>Format:</translation>
    </message>
    <message>
        <source>Packets:</source>
        <translation>Pakete:</translation>
    </message>
    <message>
        <source>File:</source>
        <translation>Datei:</translation>
    </message>
    <message>
        <source>pcapng files (*.pcapng)</source>
        <translation>pcapng-Dateien (*.pcapng)</translation>
    </message>
    <message>
        <source>JSON Lines files (*.jsonl)</source>
        <translation>JSON-Lines-Dateien (*.jsonl)</translation>
    </message>
    <message>
        <source>CSV files (*.csv)</source>
        <translation>CSV-Dateien (*.csv)</translation>
    </message>
</context>
<context>
    <name>ExportOutput</name>
    <message>
        <source>cannot write %1: %2</source>
        <translation>%1 kann nicht geschrieben werden: %2</translation>
    </message>
    <message>
        <source>standard output</source>
        <translation>Standardausgabe</translation>
    </message>
    <message>
        <source>no file name</source>
        <translation>kein Dateiname</translation>
    </message>
    <message>
        <source>it is a directory</source>
        <translation>es ist ein Verzeichnis</translation>
    </message>
    <message>
        <source>the reader closed the pipe</source>
        <translation>der Leser hat die Pipe geschlossen</translation>
    </message>
    <message>
        <source>standard output is closed</source>
        <translation>die Standardausgabe ist geschlossen</translation>
    </message>
</context>
<context>
    <name>FindingsModel</name>
    <message>
        <source>%1 (%2)</source>
        <translation>%1 (%2)</translation>
    </message>
    <message numerus="yes">
        <source>%n finding(s), %1 occurrence(s) in all</source>
        <translation>
            <numerusform>%n Befund, %1 Vorkommen insgesamt</numerusform>
            <numerusform>%n Befunde, %1 Vorkommen insgesamt</numerusform>
        </translation>
    </message>
    <message>
        <source>(the sender)</source>
        <translation>(der Sender)</translation>
    </message>
    <message>
        <source>First seen %1, last seen %2</source>
        <translation>Zuerst gesehen %1, zuletzt gesehen %2</translation>
    </message>
    <message>
        <source>Finding</source>
        <translation>Befund</translation>
    </message>
    <message>
        <source>Count</source>
        <translation>Anzahl</translation>
    </message>
    <message>
        <source>Reference</source>
        <translation>Referenz</translation>
    </message>
    <message>
        <source>Message</source>
        <translation>Meldung</translation>
    </message>
</context>
<context>
    <name>FindingsPanel</name>
    <message>
        <source>… (%1 in all)</source>
        <translation>… (%1 insgesamt)</translation>
    </message>
    <message>
        <source>MUST</source>
        <translation>MUSS</translation>
    </message>
    <message>
        <source>SHOULD</source>
        <translation>SOLLTE</translation>
    </message>
    <message>
        <source>event (no requirement)</source>
        <translation>Ereignis (keine Anforderung)</translation>
    </message>
    <message>
        <source>Show All Its Packets</source>
        <translation>Alle seine Pakete zeigen</translation>
    </message>
    <message>
        <source>Select a finding to see what it says and where</source>
        <translation>Wählen Sie einen Befund, um zu sehen, was er sagt und wo</translation>
    </message>
    <message>
        <source>Show only the packets of the selected finding in the packet list</source>
        <translation>Nur die Pakete des gewählten Befunds in der Paketliste zeigen</translation>
    </message>
    <message>
        <source>Show every finding again</source>
        <translation>Wieder alle Befunde zeigen</translation>
    </message>
    <message>
        <source>Click a cell to see the findings behind it</source>
        <translation>Klicken Sie auf eine Zelle, um die Befunde dahinter zu sehen</translation>
    </message>
    <message>
        <source>Findings</source>
        <translation>Befunde</translation>
    </message>
    <message>
        <source>Scorecard</source>
        <translation>Bewertung</translation>
    </message>
    <message numerus="yes">
        <source>%n finding(s)</source>
        <translation>
            <numerusform>%n Befund</numerusform>
            <numerusform>%n Befunde</numerusform>
        </translation>
    </message>
    <message>
        <source>%1, %2 ✕</source>
        <translation>%1, %2 ✕</translation>
    </message>
    <message>
        <source>%1 from %2</source>
        <extracomment>the packet list&apos;s chip says &quot;Packets of %1 from %2&quot;</extracomment>
        <translation>%1 von %2</translation>
    </message>
    <message>
        <source>Rule</source>
        <translation>Regel</translation>
    </message>
    <message>
        <source>Severity</source>
        <translation>Schweregrad</translation>
    </message>
    <message>
        <source>Level</source>
        <translation>Stufe</translation>
    </message>
    <message>
        <source>Reference</source>
        <translation>Referenz</translation>
    </message>
    <message>
        <source>Sender</source>
        <translation>Sender</translation>
    </message>
    <message>
        <source>%1 (%2)</source>
        <translation>%1 (%2)</translation>
    </message>
    <message>
        <source>Name</source>
        <translation>Name</translation>
    </message>
    <message>
        <source>Occurrences</source>
        <translation>Vorkommen</translation>
    </message>
    <message>
        <source>First seen</source>
        <translation>Zuerst gesehen</translation>
    </message>
    <message>
        <source>Last seen</source>
        <translation>Zuletzt gesehen</translation>
    </message>
    <message>
        <source>Packets</source>
        <translation>Pakete</translation>
    </message>
    <message>
        <source>Packets: %1</source>
        <translation>Pakete: %1</translation>
    </message>
    <message>
        <source>Original sender</source>
        <translation>Ursprünglicher Sender</translation>
    </message>
    <message>
        <source>One claimant</source>
        <translation>Ein Anspruchsteller</translation>
    </message>
    <message>
        <source>Reflector</source>
        <translation>Reflektor</translation>
    </message>
    <message>
        <source>The other claimant</source>
        <translation>Der andere Anspruchsteller</translation>
    </message>
</context>
<context>
    <name>HeadlessCapture</name>
    <message>
        <source>listening for %1 port %2 on %3</source>
        <extracomment>%1: a multicast group, %2: a port, %3: interface names</extracomment>
        <translation>lausche auf %1 Port %2 an %3</translation>
    </message>
    <message>
        <source>only one of --stats-json, --write, --json, --csv, --services and --check can write to standard output</source>
        <translation>nur eine von --stats-json, --write, --json, --csv, --services und --check kann in die Standardausgabe schreiben</translation>
    </message>
    <message>
        <source>serving metrics at %1</source>
        <extracomment>%1: a URL</extracomment>
        <translation>stelle Metriken unter %1 bereit</translation>
    </message>
    <message>
        <source>the reader of standard output went away: capture ended after %1 s; %2 packets received, %3 kernel drops, %4 truncated</source>
        <translation>der Leser der Standardausgabe ist fort: Mitschnitt nach %1 s beendet; %2 Pakete empfangen, %3 vom Kernel verworfen, %4 abgeschnitten</translation>
    </message>
</context>
<context>
    <name>HexView</name>
    <message>
        <source>Copy Selected Bytes as Hex</source>
        <translation>Ausgewählte Bytes als Hex kopieren</translation>
    </message>
    <message>
        <source>Copy as Hex</source>
        <translation>Als Hex kopieren</translation>
    </message>
    <message>
        <source>Copy Selected Bytes as Text</source>
        <translation>Ausgewählte Bytes als Text kopieren</translation>
    </message>
    <message>
        <source>Copy as Text</source>
        <translation>Als Text kopieren</translation>
    </message>
</context>
<context>
    <name>HostsModel</name>
    <message>
        <source>conflict: %1</source>
        <extracomment>%1: the senders claiming one host name with different addresses</extracomment>
        <translation>Konflikt: %1</translation>
    </message>
    <message>
        <source>Claimed by %1 with different addresses: a name conflict</source>
        <translation>Von %1 mit verschiedenen Adressen beansprucht: ein Namenskonflikt</translation>
    </message>
    <message>
        <source>Host</source>
        <translation>Host</translation>
    </message>
    <message>
        <source>Addresses</source>
        <translation>Adressen</translation>
    </message>
    <message>
        <source>Interfaces</source>
        <translation>Schnittstellen</translation>
    </message>
    <message>
        <source>Claimants</source>
        <translation>Beanspruchende</translation>
    </message>
    <message>
        <source>Services</source>
        <translation>Dienste</translation>
    </message>
    <message>
        <source>State</source>
        <translation>Zustand</translation>
    </message>
</context>
<context>
    <name>InterfaceChange</name>
    <message>
        <source>joined %1 (%2)</source>
        <extracomment>%1: an interface name, %2: IPv4 or IPv6</extracomment>
        <translation>%1 beigetreten (%2)</translation>
    </message>
    <message>
        <source>left %1 (%2)</source>
        <translation>%1 verlassen (%2)</translation>
    </message>
</context>
<context>
    <name>LatencyHistogramChart</name>
    <message>
        <source>shared</source>
        <translation>geteilt</translation>
    </message>
    <message>
        <source>unique</source>
        <translation>eindeutig</translation>
    </message>
    <message>
        <source>probe answers</source>
        <translation>Antworten auf Proben</translation>
    </message>
    <message>
        <source>response latency (log scale)</source>
        <translation>Antwortzeit (logarithmisch)</translation>
    </message>
    <message>
        <source>answers</source>
        <translation>Antworten</translation>
    </message>
    <message>
        <source>No answers paired yet</source>
        <translation>Noch keine Antworten zugeordnet</translation>
    </message>
    <message>
        <source>under %1</source>
        <translation>unter %1</translation>
    </message>
    <message>
        <source>%1 and over</source>
        <translation>%1 und mehr</translation>
    </message>
    <message>
        <source>%1 – %2</source>
        <translation>%1 – %2</translation>
    </message>
    <message>
        <source>%1: %2</source>
        <translation>%1: %2</translation>
    </message>
</context>
<context>
    <name>LatencyModel</name>
    <message>
        <source>Host</source>
        <translation>Host</translation>
    </message>
    <message>
        <source>Addresses</source>
        <translation>Adressen</translation>
    </message>
    <message>
        <source>Answers</source>
        <translation>Antworten</translation>
    </message>
    <message>
        <source>p50</source>
        <translation>p50</translation>
    </message>
    <message>
        <source>p95</source>
        <translation>p95</translation>
    </message>
    <message>
        <source>Max</source>
        <translation>Max.</translation>
    </message>
    <message>
        <source>Unanswered</source>
        <translation>Unbeantwortet</translation>
    </message>
    <message>
        <source>Shared</source>
        <translation>Geteilt</translation>
    </message>
    <message>
        <source>Unique</source>
        <translation>Eindeutig</translation>
    </message>
    <message>
        <source>Probe answers</source>
        <translation>Antworten auf Proben</translation>
    </message>
    <message>
        <source>Answers paired with a question, of every kind</source>
        <translation>Einer Frage zugeordnete Antworten aller Arten</translation>
    </message>
    <message>
        <source>Response latency over all of the responder&apos;s answers</source>
        <translation>Antwortzeit über alle Antworten dieses Antwortenden</translation>
    </message>
    <message>
        <source>Questions the responder could have answered (it was heard with a matching record) and left unanswered for 1 s</source>
        <translation>Fragen, die der Antwortende hätte beantworten können (er war mit einem passenden Eintrag zu hören), und die 1 s lang unbeantwortet blieben</translation>
    </message>
    <message>
        <source>Answers to probes (defending a name); not judged</source>
        <translation>Antworten auf Proben (Verteidigung eines Namens); nicht bewertet</translation>
    </message>
    <message>
        <source>pass</source>
        <translation>bestanden</translation>
    </message>
    <message>
        <source>warn</source>
        <translation>Warnung</translation>
    </message>
    <message>
        <source>fail</source>
        <translation>durchgefallen</translation>
    </message>
    <message>
        <source>Shared answers, by the Bonjour Conformance Test&apos;s bands: every answer within 20–125 ms passes (RFC 6762 §6 asks for a random delay of 20–120 ms); any in 10–20 ms or 125–750 ms warns; any under 10 ms or over 750 ms fails. With at least %1 answers in 20–125 ms, a quarter of that range holding under 5 % or over 45 % of them warns: the delay is not random.</source>
        <translation>Geteilte Antworten nach den Bereichen des Bonjour Conformance Tests: Liegen alle Antworten in 20–125 ms, ist das bestanden (RFC 6762 §6 verlangt eine zufällige Verzögerung von 20–120 ms); jede in 10–20 ms oder 125–750 ms ergibt eine Warnung; jede unter 10 ms oder über 750 ms lässt durchfallen. Bei mindestens %1 Antworten in 20–125 ms ergibt ein Viertel dieses Bereichs mit weniger als 5 % oder mehr als 45 % davon eine Warnung: Die Verzögerung ist nicht zufällig.</translation>
    </message>
    <message>
        <source>Unique answers (cache-flush records), by the Bonjour Conformance Test&apos;s bands: answers within 10 ms pass; any over 10 ms warns; any over 750 ms fails.</source>
        <translation>Eindeutige Antworten (Einträge mit Cache-Flush) nach den Bereichen des Bonjour Conformance Tests: Antworten innerhalb von 10 ms bestehen; jede über 10 ms ergibt eine Warnung; jede über 750 ms lässt durchfallen.</translation>
    </message>
    <message>
        <source>Answers to probes are not judged.</source>
        <translation>Antworten auf Proben werden nicht bewertet.</translation>
    </message>
    <message>
        <source>This responder: under 10 ms: %1; 10–20 ms: %2; 20–125 ms: %3 + %4 + %5 + %6 (by quarter); 125–750 ms: %7; over 750 ms: %8.</source>
        <translation>Dieser Antwortende: unter 10 ms: %1; 10–20 ms: %2; 20–125 ms: %3 + %4 + %5 + %6 (nach Vierteln); 125–750 ms: %7; über 750 ms: %8.</translation>
    </message>
    <message>
        <source>Warning: the answers in 20–125 ms are not spread over its quarters (one holds under 5 % or over 45 %): the delay does not look random.</source>
        <translation>Warnung: Die Antworten in 20–125 ms verteilen sich nicht über dessen Viertel (eines enthält unter 5 % oder über 45 %): Die Verzögerung wirkt nicht zufällig.</translation>
    </message>
    <message>
        <source>This responder: up to 10 ms: %1; 10–750 ms: %2; over 750 ms: %3.</source>
        <translation>Dieser Antwortende: bis 10 ms: %1; 10–750 ms: %2; über 750 ms: %3.</translation>
    </message>
    <message>
        <source>%1 (%2)</source>
        <translation>%1 (%2)</translation>
    </message>
    <message>
        <source>%1, uneven</source>
        <translation>%1, ungleichmäßig</translation>
    </message>
    <message>
        <source>No query and response paired yet.</source>
        <translation>Noch keine Frage und Antwort zugeordnet.</translation>
    </message>
    <message>
        <source>Overall: no answers paired yet; %1 questions unanswered, %2 suppressed.</source>
        <translation>Insgesamt: noch keine Antworten zugeordnet; %1 Fragen unbeantwortet, %2 unterdrückt.</translation>
    </message>
    <message>
        <source>Overall: %1 answers from %2 responders · p50 %3 · p95 %4 · max %5 · unanswered %6 of questions · %7 suppressed</source>
        <translation>Insgesamt: %1 Antworten von %2 Antwortenden · p50 %3 · p95 %4 · max. %5 · %6 der Fragen unbeantwortet · %7 unterdrückt</translation>
    </message>
</context>
<context>
    <name>LatencyPanel</name>
    <message>
        <source>&amp;Histogram of:</source>
        <translation>&amp;Histogramm für:</translation>
    </message>
    <message>
        <source>All responders</source>
        <translation>Alle Antwortenden</translation>
    </message>
    <message>
        <source>Selected responder</source>
        <translation>Ausgewählter Antwortender</translation>
    </message>
    <message>
        <source>Selected responder: none (select a row in the table)</source>
        <translation>Ausgewählter Antwortender: keiner (eine Zeile der Tabelle auswählen)</translation>
    </message>
</context>
<context>
    <name>MainWindow</name>
    <message>
        <source>mdnscope</source>
        <translation>mdnscope</translation>
    </message>
    <message>
        <source>&amp;Start Capture</source>
        <translation>Mitschnitt &amp;starten</translation>
    </message>
    <message>
        <source>Start capturing mDNS traffic on the chosen interface</source>
        <translation>mDNS-Verkehr an der gewählten Schnittstelle mitschneiden</translation>
    </message>
    <message>
        <source>&amp;Clear</source>
        <translation>&amp;Leeren</translation>
    </message>
    <message>
        <source>Remove every packet, sender and chart sample</source>
        <translation>Alle Pakete, Absender und Diagrammwerte entfernen</translation>
    </message>
    <message>
        <source>&amp;Open…</source>
        <translation>Ö&amp;ffnen…</translation>
    </message>
    <message>
        <source>Open a pcap or pcapng capture file</source>
        <translation>Eine pcap- oder pcapng-Mitschnittdatei öffnen</translation>
    </message>
    <message>
        <source>&amp;Export…</source>
        <translation>&amp;Exportieren…</translation>
    </message>
    <message>
        <source>Export packets as pcapng, JSON Lines or CSV</source>
        <translation>Pakete als pcapng, JSON Lines oder CSV exportieren</translation>
    </message>
    <message>
        <source>Buffer &amp;Pooling</source>
        <translation>Puffer-&amp;Pool</translation>
    </message>
    <message>
        <source>Reuse receive buffers from a pool instead of allocating one per packet</source>
        <translation>Empfangspuffer aus einem Pool wiederverwenden statt für jedes Paket einen anzulegen</translation>
    </message>
    <message>
        <source>&amp;Follow Newest Packets</source>
        <translation>Neuesten Paketen &amp;folgen</translation>
    </message>
    <message>
        <source>Keep the newest packet in view while capturing</source>
        <translation>Beim Mitschneiden das neueste Paket sichtbar halten</translation>
    </message>
    <message>
        <source>P&amp;references…</source>
        <translation>&amp;Einstellungen…</translation>
    </message>
    <message>
        <source>Change how many packets are kept</source>
        <translation>Festlegen, wie viele Pakete behalten werden</translation>
    </message>
    <message>
        <source>&amp;Quit</source>
        <translation>&amp;Beenden</translation>
    </message>
    <message>
        <source>Quit mdnscope</source>
        <translation>mdnscope beenden</translation>
    </message>
    <message>
        <source>&amp;About mdnscope</source>
        <translation>Über &amp;mdnscope</translation>
    </message>
    <message>
        <source>Show the version and what mdnscope does</source>
        <translation>Version und Zweck von mdnscope anzeigen</translation>
    </message>
    <message>
        <source>About &amp;Qt</source>
        <translation>Über &amp;Qt</translation>
    </message>
    <message>
        <source>Show the Qt version</source>
        <translation>Die Qt-Version anzeigen</translation>
    </message>
    <message>
        <source>&amp;Find Packets</source>
        <translation>Pakete &amp;suchen</translation>
    </message>
    <message>
        <source>Go to the packet filter</source>
        <translation>Zum Paketfilter springen</translation>
    </message>
    <message>
        <source>Select a sender to show only its packets</source>
        <translation>Einen Absender wählen, um nur seine Pakete zu zeigen</translation>
    </message>
    <message>
        <source>Senders</source>
        <translation>Absender</translation>
    </message>
    <message>
        <source>Charts</source>
        <translation>Diagramme</translation>
    </message>
    <message>
        <source>&amp;File</source>
        <translation>&amp;Datei</translation>
    </message>
    <message>
        <source>&amp;Capture</source>
        <translation>&amp;Mitschnitt</translation>
    </message>
    <message>
        <source>&amp;View</source>
        <translation>&amp;Ansicht</translation>
    </message>
    <message>
        <source>&amp;Help</source>
        <translation>&amp;Hilfe</translation>
    </message>
    <message>
        <source>Main Toolbar</source>
        <translation>Hauptwerkzeugleiste</translation>
    </message>
    <message>
        <source>Interface to capture on</source>
        <translation>Schnittstelle für den Mitschnitt</translation>
    </message>
    <message>
        <source>All interfaces</source>
        <translation>Alle Schnittstellen</translation>
    </message>
    <message>
        <source>Idle</source>
        <translation>Bereit</translation>
    </message>
    <message>
        <source>Starting capture on %1…</source>
        <translation>Mitschnitt an %1 wird gestartet…</translation>
    </message>
    <message>
        <source>Stopping…</source>
        <translation>Wird angehalten…</translation>
    </message>
    <message>
        <source>Opening %1…</source>
        <translation>%1 wird geöffnet…</translation>
    </message>
    <message>
        <source>Opened %1</source>
        <translation>%1 geöffnet</translation>
    </message>
    <message>
        <source>%1 – mdnscope</source>
        <translation>%1 – mdnscope</translation>
    </message>
    <message>
        <source>&amp;Stop Capture</source>
        <translation>Mitschnitt an&amp;halten</translation>
    </message>
    <message>
        <source>Stop the capture</source>
        <translation>Den Mitschnitt anhalten</translation>
    </message>
    <message>
        <source>all interfaces</source>
        <translation>allen Schnittstellen</translation>
    </message>
    <message>
        <source>The capture failed: %1</source>
        <translation>Der Mitschnitt ist fehlgeschlagen: %1</translation>
    </message>
    <message>
        <source>Capture failed</source>
        <translation>Mitschnitt fehlgeschlagen</translation>
    </message>
    <message>
        <source>Open Capture File</source>
        <translation>Mitschnittdatei öffnen</translation>
    </message>
    <message>
        <source>Capture files (*.pcap *.pcapng *.cap);;All files (*)</source>
        <translation>Mitschnittdateien (*.pcap *.pcapng *.cap);;Alle Dateien (*)</translation>
    </message>
    <message>
        <source>Reading %1…</source>
        <translation>%1 wird gelesen…</translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation>Abbrechen</translation>
    </message>
    <message>
        <source>Opening %1 was cancelled</source>
        <translation>Das Öffnen von %1 wurde abgebrochen</translation>
    </message>
    <message>
        <source>Could not open %1</source>
        <translation>%1 konnte nicht geöffnet werden</translation>
    </message>
    <message>
        <source>%1 is damaged; showing the packets before the damage</source>
        <translation>%1 ist beschädigt; gezeigt werden die Pakete vor der Beschädigung</translation>
    </message>
    <message numerus="yes">
        <source>Exporting %n packet(s)…</source>
        <translation>
            <numerusform>%n Paket wird exportiert…</numerusform>
            <numerusform>%n Pakete werden exportiert…</numerusform>
        </translation>
    </message>
    <message>
        <source>Export Packets</source>
        <translation>Pakete exportieren</translation>
    </message>
    <message numerus="yes">
        <source>Exported %n packet(s) to %1</source>
        <translation>
            <numerusform>%n Paket nach %1 exportiert</numerusform>
            <numerusform>%n Pakete nach %1 exportiert</numerusform>
        </translation>
    </message>
    <message>
        <source>Export cancelled; nothing was written</source>
        <translation>Export abgebrochen; es wurde nichts geschrieben</translation>
    </message>
    <message>
        <source>The export failed</source>
        <translation>Der Export ist fehlgeschlagen</translation>
    </message>
    <message>
        <source>About mdnscope</source>
        <translation>Über mdnscope</translation>
    </message>
    <message>
        <source>&lt;h3&gt;mdnscope %1&lt;/h3&gt;&lt;p&gt;A monitor for multicast DNS (mDNS, DNS-SD) traffic: it listens on 224.0.0.251 port 5353, decodes every packet and shows who announces what. It only listens and never sends.&lt;/p&gt;&lt;p&gt;The charts show what receiving costs: the buffer pool and the heap allocations of the capture thread and the whole process.&lt;/p&gt;</source>
        <translation>&lt;h3&gt;mdnscope %1&lt;/h3&gt;&lt;p&gt;Ein Monitor für Multicast-DNS-Verkehr (mDNS, DNS-SD): Er lauscht auf 224.0.0.251 Port 5353, entschlüsselt jedes Paket und zeigt, wer was ankündigt. Er lauscht nur und sendet nie.&lt;/p&gt;&lt;p&gt;Die Diagramme zeigen, was der Empfang kostet: den Puffer-Pool und die Speicheranforderungen des Mitschnitt-Threads und des ganzen Prozesses.&lt;/p&gt;</translation>
    </message>
    <message>
        <source>%1: %2 mDNS packets, %3 malformed, %4 of %5 frames skipped</source>
        <translation>%1: %2 mDNS-Pakete, %3 fehlerhaft, %4 von %5 Frames übersprungen</translation>
    </message>
    <message>
        <source>Still opening %1; open %2 when it has finished</source>
        <translation>%1 wird noch geöffnet; öffnen Sie %2, wenn das abgeschlossen ist</translation>
    </message>
    <message>
        <source>(not mDNS %1, malformed IP/UDP header %2, fragments %3, cut short %4, other link types %5)</source>
        <translation>(kein mDNS %1, fehlerhafter IP/UDP-Header %2, Fragmente %3, abgeschnitten %4, andere Link-Typen %5)</translation>
    </message>
    <message>
        <source>first malformed header: %1</source>
        <translation>erster fehlerhafter Header: %1</translation>
    </message>
    <message>
        <source>Address families to capture: 224.0.0.251 (IPv4), ff02::fb (IPv6)</source>
        <translation>Mitzuschneidende Adressfamilien: 224.0.0.251 (IPv4), ff02::fb (IPv6)</translation>
    </message>
    <message>
        <source>IPv4 + IPv6</source>
        <translation>IPv4 + IPv6</translation>
    </message>
    <message>
        <source>IPv4 only</source>
        <translation>Nur IPv4</translation>
    </message>
    <message>
        <source>IPv6 only</source>
        <translation>Nur IPv6</translation>
    </message>
    <message>
        <source>%1 (%2)</source>
        <extracomment>%1: an interface name, %2: its address families, e.g. IPv4 + IPv6</extracomment>
        <translation>%1 (%2)</translation>
    </message>
    <message>
        <source>Capturing on %1 (%2)</source>
        <extracomment>%1: interface names, %2: IPv4 + IPv6, IPv4 or IPv6</extracomment>
        <translation>Mitschnitt an %1 (%2)</translation>
    </message>
    <message>
        <source>Capturing %1 only</source>
        <translation>Nur %1 wird mitgeschnitten</translation>
    </message>
    <message>
        <source>Services</source>
        <translation>Dienste</translation>
    </message>
    <message>
        <source>Export &amp;Services…</source>
        <translation>&amp;Dienste exportieren…</translation>
    </message>
    <message>
        <source>Write the service directory as JSON Lines, one service instance per line</source>
        <translation>Das Dienstverzeichnis als JSON Lines schreiben, eine Dienstinstanz pro Zeile</translation>
    </message>
    <message>
        <source>Export Services</source>
        <translation>Dienste exportieren</translation>
    </message>
    <message>
        <source>JSON Lines (*.jsonl);;All files (*)</source>
        <translation>JSON Lines (*.jsonl);;Alle Dateien (*)</translation>
    </message>
    <message>
        <source>The services could not be exported</source>
        <translation>Die Dienste konnten nicht exportiert werden</translation>
    </message>
    <message numerus="yes">
        <source>Exported %n service instance(s) to %1</source>
        <translation>
            <numerusform>%n Dienstinstanz nach %1 exportiert</numerusform>
            <numerusform>%n Dienstinstanzen nach %1 exportiert</numerusform>
        </translation>
    </message>
    <message>
        <source>Findings</source>
        <translation>Befunde</translation>
    </message>
    <message>
        <source>Packet %1 is not in the list (filtered out, or no longer kept)</source>
        <translation>Paket %1 ist nicht in der Liste (herausgefiltert oder nicht mehr gespeichert)</translation>
    </message>
    <message>
        <source>Talkers</source>
        <translation>Top-Sender</translation>
    </message>
    <message>
        <source>Behaviour</source>
        <translation>Verhalten</translation>
    </message>
    <message>
        <source>Timeline</source>
        <translation>Zeitleiste</translation>
    </message>
    <message>
        <source>Latency</source>
        <translation>Latenz</translation>
    </message>
    <message>
        <source>Clear the packets without saving them?</source>
        <translation>Die Pakete leeren, ohne sie zu speichern?</translation>
    </message>
    <message>
        <source>Quit without saving the packets?</source>
        <translation>Beenden, ohne die Pakete zu speichern?</translation>
    </message>
    <message>
        <source>Start a new capture without saving the packets?</source>
        <translation>Einen neuen Mitschnitt starten, ohne die Pakete zu speichern?</translation>
    </message>
    <message>
        <source>Open a file without saving the packets?</source>
        <translation>Eine Datei öffnen, ohne die Pakete zu speichern?</translation>
    </message>
    <message>
        <source>Nothing to export: there are no packets</source>
        <translation>Nichts zu exportieren: Es gibt keine Pakete</translation>
    </message>
    <message>
        <source>Start a capture or open a capture file first.</source>
        <translation>Starten Sie zuerst einen Mitschnitt oder öffnen Sie eine Mitschnittdatei.</translation>
    </message>
    <message>
        <source>Unsaved Packets</source>
        <translation>Nicht gespeicherte Pakete</translation>
    </message>
    <message numerus="yes">
        <source>%n packet(s) captured have not been saved. Save them as pcapng first?</source>
        <translation>
            <numerusform>%n mitgeschnittenes Paket wurde nicht gespeichert. Zuerst als pcapng speichern?</numerusform>
            <numerusform>%n mitgeschnittene Pakete wurden nicht gespeichert. Zuerst als pcapng speichern?</numerusform>
        </translation>
    </message>
    <message>
        <source>Don&apos;t ask again</source>
        <translation>Nicht mehr fragen</translation>
    </message>
    <message>
        <source>Preferences can turn the question on again</source>
        <translation>In den Einstellungen lässt sich die Frage wieder einschalten</translation>
    </message>
    <message>
        <source>An export is running</source>
        <translation>Ein Export läuft</translation>
    </message>
    <message>
        <source>Try again when it has finished.</source>
        <translation>Versuchen Sie es erneut, wenn er abgeschlossen ist.</translation>
    </message>
    <message>
        <source>Save Packets</source>
        <translation>Pakete speichern</translation>
    </message>
    <message>
        <source>pcapng files (*.pcapng)</source>
        <translation>pcapng-Dateien (*.pcapng)</translation>
    </message>
    <message>
        <source>%1 to %2 %3</source>
        <comment>an interval of the IO graph: from, to, unit</comment>
        <translation>%1 bis %2 %3</translation>
    </message>
    <message>
        <source>No packets from %1</source>
        <translation>Keine Pakete von %1</translation>
    </message>
    <message numerus="yes">
        <source>The %n packet(s) from %1 are hidden by the filters</source>
        <translation>
            <numerusform>Das Paket von %1 ist durch die Filter verborgen</numerusform>
            <numerusform>Die %n Pakete von %1 sind durch die Filter verborgen</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Selected %n packet(s) from %1</source>
        <translation>
            <numerusform>%n Paket von %1 ausgewählt</numerusform>
            <numerusform>%n Pakete von %1 ausgewählt</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>(%n more hidden by the filters)</source>
        <translation>
            <numerusform>(%n weiteres durch die Filter verborgen)</numerusform>
            <numerusform>(%n weitere durch die Filter verborgen)</numerusform>
        </translation>
    </message>
    <message>
        <source>Time Display Format</source>
        <translation>Format der Zeitanzeige</translation>
    </message>
    <message>
        <source>Open &amp;Stream…</source>
        <translation>&amp;Stream öffnen…</translation>
    </message>
    <message>
        <source>Read a live pcap or pcapng stream from a FIFO or a command (e.g. ssh and tcpdump on another machine)</source>
        <translation>Einen laufenden pcap- oder pcapng-Stream aus einem FIFO oder einem Befehl lesen (z. B. ssh und tcpdump auf einem anderen Rechner)</translation>
    </message>
    <message>
        <source>Reading a stream from standard input</source>
        <extracomment>%1: a FIFO path, or a command, e.g. ssh pi tcpdump -U -w - udp port 5353</extracomment>
        <translation>Lese einen Stream von der Standardeingabe</translation>
    </message>
    <message>
        <source>Reading the stream %1</source>
        <translation>Lese den Stream %1</translation>
    </message>
    <message>
        <source>Open a stream without saving the packets?</source>
        <translation>Einen Stream öffnen, ohne die Pakete zu speichern?</translation>
    </message>
    <message>
        <source>Open Stream</source>
        <translation>Stream öffnen</translation>
    </message>
    <message>
        <source>A FIFO path, or a shell command whose standard output is a pcap or pcapng stream, e.g.
ssh pi &apos;tcpdump -U -w - udp port 5353&apos;
ssh pi mdnscope --headless --write -</source>
        <translation>Ein FIFO-Pfad oder ein Shell-Befehl, dessen Standardausgabe ein pcap- oder pcapng-Stream ist, z. B.
ssh pi &apos;tcpdump -U -w - udp port 5353&apos;
ssh pi mdnscope --headless --write -</translation>
    </message>
    <message>
        <source>The stream ended: %1</source>
        <extracomment>%1: why, e.g. at offset 1234: the file ends 10 bytes into the block at offset 1234</extracomment>
        <translation>Der Stream endete: %1</translation>
    </message>
    <message>
        <source>The stream could not be opened</source>
        <translation>Der Stream konnte nicht geöffnet werden</translation>
    </message>
    <message>
        <source>IP fragments: %1, reassembled into %2 mDNS packets; incomplete datagrams: %3</source>
        <translation>IP-Fragmente: %1, zu %2 mDNS-Paketen zusammengesetzt; unvollständige Datagramme: %3</translation>
    </message>
    <message>
        <source>Prometheus metrics are not served: %1</source>
        <translation>Prometheus-Metriken werden nicht bereitgestellt: %1</translation>
    </message>
    <message>
        <source>The stream could not be opened: %1</source>
        <translation>Der Stream konnte nicht geöffnet werden: %1</translation>
    </message>
</context>
<context>
    <name>MessageBar</name>
    <message>
        <source>Dismiss</source>
        <translation>Schließen</translation>
    </message>
</context>
<context>
    <name>MetricsServer</name>
    <message>
        <source>&apos;%1&apos; is not ADDRESS:PORT (an IPv6 address in brackets: [::1]:9100)</source>
        <translation>„%1“ ist nicht ADRESSE:PORT (eine IPv6-Adresse in eckigen Klammern: [::1]:9100)</translation>
    </message>
    <message>
        <source>&apos;%1&apos; is not ADDRESS:PORT (e.g. 127.0.0.1:9100 or [::1]:9100)</source>
        <translation>„%1“ ist nicht ADRESSE:PORT (z. B. 127.0.0.1:9100 oder [::1]:9100)</translation>
    </message>
    <message>
        <source>&apos;%1&apos; is not an IP address</source>
        <translation>„%1“ ist keine IP-Adresse</translation>
    </message>
    <message>
        <source>&apos;%1&apos; is not a port number</source>
        <translation>„%1“ ist keine Portnummer</translation>
    </message>
    <message>
        <source>cannot listen on %1: %2</source>
        <extracomment>%1: ADDRESS:PORT, %2: the system&apos;s reason</extracomment>
        <translation>kann nicht auf %1 lauschen: %2</translation>
    </message>
</context>
<context>
    <name>Node</name>
    <message>
        <source>unexpected character “%1”</source>
        <translation>unerwartetes Zeichen „%1“</translation>
    </message>
    <message>
        <source>“\x” must be followed by two hexadecimal digits</source>
        <translation>auf „\x“ müssen zwei Hexadezimalziffern folgen</translation>
    </message>
    <message>
        <source>the string has no closing quote</source>
        <translation>der Zeichenkette fehlt das schließende Anführungszeichen</translation>
    </message>
</context>
<context>
    <name>PacketDetailsPanel</name>
    <message>
        <source>Decoded packet: select an item to highlight its bytes</source>
        <translation>Entschlüsseltes Paket: einen Eintrag wählen, um seine Bytes hervorzuheben</translation>
    </message>
    <message>
        <source>Hex dump: click a byte to select the field it belongs to</source>
        <translation>Hex-Ansicht: ein Byte anklicken, um das Feld zu wählen, zu dem es gehört</translation>
    </message>
    <message>
        <source>Copy Field</source>
        <translation>Feld kopieren</translation>
    </message>
    <message>
        <source>Copy Value</source>
        <translation>Wert kopieren</translation>
    </message>
    <message>
        <source>Apply as Filter</source>
        <extracomment>%1: a display filter such as dns.qry.name == &quot;printer.local&quot;</extracomment>
        <translation>Als Filter anwenden</translation>
    </message>
    <message>
        <source>Apply as Filter: %1</source>
        <translation>Als Filter anwenden: %1</translation>
    </message>
    <message>
        <source>Prepare as Filter</source>
        <translation>Als Filter vorbereiten</translation>
    </message>
    <message>
        <source>Prepare as Filter: %1</source>
        <translation>Als Filter vorbereiten: %1</translation>
    </message>
    <message>
        <source>This field has no Wireshark display filter field</source>
        <translation>Für dieses Feld gibt es kein Feld im Wireshark-Anzeigefilter</translation>
    </message>
    <message>
        <source>Expand All</source>
        <translation>Alle aufklappen</translation>
    </message>
    <message>
        <source>Collapse All</source>
        <translation>Alle zuklappen</translation>
    </message>
</context>
<context>
    <name>PacketListPanel</name>
    <message>
        <source>Filter: host, service or sender address</source>
        <translation>Filter: Host, Dienst oder Absenderadresse</translation>
    </message>
    <message>
        <source>Shows packets with a name or a sender address containing this text</source>
        <translation>Zeigt Pakete, deren Namen oder Absenderadresse diesen Text enthalten</translation>
    </message>
    <message>
        <source>All packets</source>
        <translation>Alle Pakete</translation>
    </message>
    <message>
        <source>Queries</source>
        <translation>Anfragen</translation>
    </message>
    <message>
        <source>Responses</source>
        <translation>Antworten</translation>
    </message>
    <message>
        <source>Malformed</source>
        <translation>Fehlerhaft</translation>
    </message>
    <message>
        <source>Quick filter</source>
        <translation>Schnellfilter</translation>
    </message>
    <message>
        <source>Show packets from every sender again</source>
        <translation>Wieder die Pakete aller Absender zeigen</translation>
    </message>
    <message>
        <source>Sender %1</source>
        <translation>Absender %1</translation>
    </message>
    <message>
        <source>%1 of %2 shown</source>
        <translation>%1 von %2 angezeigt</translation>
    </message>
    <message>
        <source>%1 packets</source>
        <translation>%1 Pakete</translation>
    </message>
    <message>
        <source>Show every packet again</source>
        <translation>Wieder alle Pakete zeigen</translation>
    </message>
    <message numerus="yes">
        <source>%n packet(s)</source>
        <extracomment>%1: what the packets carried, e.g. a service instance&apos;s name</extracomment>
        <translation>
            <numerusform>%n Paket</numerusform>
            <numerusform>%n Pakete</numerusform>
        </translation>
    </message>
    <message>
        <source>Packets of %1</source>
        <translation>Pakete von %1</translation>
    </message>
    <message>
        <source>A display filter in Wireshark&apos;s language, e.g. ip.src == 169.254.0.0/16 &amp;&amp; dns.flags.response == 1</source>
        <translation>Ein Anzeigefilter in der Sprache von Wireshark, z. B. ip.src == 169.254.0.0/16 &amp;&amp; dns.flags.response == 1</translation>
    </message>
    <message>
        <source>Apply a display filter … (e.g. dns.qry.name contains &quot;_ipp&quot;)</source>
        <translation>Anzeigefilter anwenden … (z. B. dns.qry.name contains &quot;_ipp&quot;)</translation>
    </message>
    <message>
        <source>Apply</source>
        <translation>Anwenden</translation>
    </message>
    <message>
        <source>Apply the display filter (Enter)</source>
        <translation>Den Anzeigefilter anwenden (Eingabetaste)</translation>
    </message>
    <message>
        <source>Clear the display filter and show every packet</source>
        <translation>Den Anzeigefilter leeren und alle Pakete zeigen</translation>
    </message>
    <message>
        <source>at character %1: %2</source>
        <extracomment>%1: a position in the filter text, from 1; %2: what is wrong there</extracomment>
        <translation>bei Zeichen %1: %2</translation>
    </message>
    <message>
        <source>Seconds Since Beginning of Capture</source>
        <translation>Sekunden seit Beginn des Mitschnitts</translation>
    </message>
    <message>
        <source>Seconds Since Previous Displayed Packet</source>
        <translation>Sekunden seit dem vorigen angezeigten Paket</translation>
    </message>
    <message>
        <source>Time of Day</source>
        <translation>Uhrzeit</translation>
    </message>
    <message>
        <source>UTC Date and Time of Day</source>
        <translation>UTC-Datum und -Uhrzeit</translation>
    </message>
    <message>
        <source>Time Display Format</source>
        <translation>Format der Zeitanzeige</translation>
    </message>
    <message>
        <source>Resize to Contents</source>
        <translation>Breite an Inhalt anpassen</translation>
    </message>
    <message>
        <source>Reset Columns</source>
        <translation>Spalten zurücksetzen</translation>
    </message>
    <message>
        <source>Every column shown again, in its place and at its default width</source>
        <translation>Alle Spalten wieder angezeigt, an ihrem Platz und in ihrer Standardbreite</translation>
    </message>
    <message>
        <source>Following paused</source>
        <translation>Folgen pausiert</translation>
    </message>
    <message>
        <source>You scrolled away from the newest packets: scroll to the end (or press End) to follow them again</source>
        <translation>Sie haben von den neuesten Paketen weggescrollt: Scrollen Sie ans Ende (oder drücken Sie Ende), um ihnen wieder zu folgen</translation>
    </message>
</context>
<context>
    <name>PacketMenus</name>
    <message>
        <source>Copy Rows</source>
        <translation>Zeilen kopieren</translation>
    </message>
    <message>
        <source>The selected rows&apos; visible columns, separated by tabs</source>
        <translation>Die sichtbaren Spalten der ausgewählten Zeilen, durch Tabulatoren getrennt</translation>
    </message>
    <message>
        <source>Copy Rows with Header</source>
        <translation>Zeilen mit Spaltenköpfen kopieren</translation>
    </message>
    <message>
        <source>Copy Summary</source>
        <translation>Zusammenfassung kopieren</translation>
    </message>
    <message>
        <source>Copy as JSON</source>
        <translation>Als JSON kopieren</translation>
    </message>
    <message>
        <source>One JSON object per packet, as --json writes it</source>
        <translation>Ein JSON-Objekt je Paket, wie --json es schreibt</translation>
    </message>
    <message>
        <source>Apply as Filter</source>
        <extracomment>%1: a display filter such as ip.src == 169.254.1.2</extracomment>
        <translation>Als Filter anwenden</translation>
    </message>
    <message>
        <source>Apply as Filter: %1</source>
        <translation>Als Filter anwenden: %1</translation>
    </message>
    <message>
        <source>Prepare as Filter</source>
        <translation>Als Filter vorbereiten</translation>
    </message>
    <message>
        <source>Prepare as Filter: %1</source>
        <translation>Als Filter vorbereiten: %1</translation>
    </message>
    <message>
        <source>This column has no Wireshark display filter field</source>
        <translation>Für diese Spalte gibt es kein Feld im Wireshark-Anzeigefilter</translation>
    </message>
    <message>
        <source>Show This Sender&apos;s Packets</source>
        <translation>Pakete dieses Absenders zeigen</translation>
    </message>
    <message numerus="yes">
        <source>Export %n Selected Packet(s)…</source>
        <translation>
            <numerusform>%n ausgewähltes Paket exportieren…</numerusform>
            <numerusform>%n ausgewählte Pakete exportieren…</numerusform>
        </translation>
    </message>
    <message>
        <source>Copy</source>
        <translation>Kopieren</translation>
    </message>
    <message>
        <source>Filter on This Sender</source>
        <translation>Nach diesem Absender filtern</translation>
    </message>
</context>
<context>
    <name>PacketTableModel</name>
    <message>
        <source>Response</source>
        <translation>Antwort</translation>
    </message>
    <message>
        <source>Query</source>
        <translation>Anfrage</translation>
    </message>
    <message>
        <source>Truncated: %1 of %2 bytes stored</source>
        <translation>Abgeschnitten: %1 von %2 Bytes gespeichert</translation>
    </message>
    <message>
        <source>mDNS senders on the local link use TTL 255 (RFC 6762, section 11)</source>
        <translation>mDNS-Absender im lokalen Netz verwenden TTL 255 (RFC 6762, Abschnitt 11)</translation>
    </message>
    <message>
        <source>Seconds since the capture started (absolute time in each cell&apos;s tooltip)</source>
        <translation>Sekunden seit Beginn des Mitschnitts (absolute Zeit im Tooltip jeder Zelle)</translation>
    </message>
    <message>
        <source>No.</source>
        <translation>Nr.</translation>
    </message>
    <message>
        <source>Time</source>
        <translation>Zeit</translation>
    </message>
    <message>
        <source>Source</source>
        <translation>Quelle</translation>
    </message>
    <message>
        <source>Interface</source>
        <translation>Schnittstelle</translation>
    </message>
    <message>
        <source>TTL</source>
        <translation>TTL</translation>
    </message>
    <message>
        <source>Length</source>
        <translation>Länge</translation>
    </message>
    <message>
        <source>Kind</source>
        <translation>Art</translation>
    </message>
    <message>
        <source>Summary</source>
        <translation>Zusammenfassung</translation>
    </message>
    <message>
        <source>Seconds since the previous displayed packet (absolute time in each cell&apos;s tooltip)</source>
        <translation>Sekunden seit dem vorigen angezeigten Paket (absolute Zeit im Tooltip jeder Zelle)</translation>
    </message>
    <message>
        <source>Time of day, local time</source>
        <translation>Uhrzeit, Ortszeit</translation>
    </message>
    <message>
        <source>Date and time of day, UTC</source>
        <translation>Datum und Uhrzeit, UTC</translation>
    </message>
    <message>
        <source>UDP port; a query from a port other than 5353 is a legacy unicast query (RFC 6762, section 6.7)</source>
        <translation>UDP-Port; eine Anfrage von einem anderen Port als 5353 ist eine herkömmliche Unicast-Anfrage (RFC 6762, Abschnitt 6.7)</translation>
    </message>
    <message>
        <source>Src Port</source>
        <translation>Quellport</translation>
    </message>
    <message>
        <source>Destination</source>
        <translation>Ziel</translation>
    </message>
    <message>
        <source>Dst Port</source>
        <translation>Zielport</translation>
    </message>
</context>
<context>
    <name>PreferencesDialog</name>
    <message>
        <source>Preferences</source>
        <translation>Einstellungen</translation>
    </message>
    <message>
        <source> packets</source>
        <translation> Pakete</translation>
    </message>
    <message>
        <source>When the list is full, the oldest packets are dropped. Each stored packet takes its length plus about 80 bytes.</source>
        <translation>Ist die Liste voll, werden die ältesten Pakete entfernt. Jedes gespeicherte Paket belegt seine Länge plus etwa 80 Bytes.</translation>
    </message>
    <message>
        <source>Keep at most:</source>
        <translation>Höchstens behalten:</translation>
    </message>
    <message>
        <source> packets/s</source>
        <translation> Pakete/s</translation>
    </message>
    <message>
        <source>A host sending at least this many packets per second (over 1 or 10 seconds) is highlighted in the Talkers tab and named in the status bar</source>
        <translation>Ein Host, der mindestens so viele Pakete pro Sekunde sendet (über 1 oder 10 Sekunden), wird im Reiter „Top-Sender“ hervorgehoben und in der Statusleiste genannt</translation>
    </message>
    <message>
        <source>Flood threshold:</source>
        <translation>Flutschwelle:</translation>
    </message>
    <message>
        <source>Ask before discarding packets that were not saved</source>
        <translation>Vor dem Verwerfen nicht gespeicherter Pakete fragen</translation>
    </message>
    <message>
        <source>Quit, Clear, Start Capture and Open ask whether to save captured packets first</source>
        <translation>Beenden, Leeren, Mitschnitt starten und Öffnen fragen, ob mitgeschnittene Pakete zuerst gespeichert werden sollen</translation>
    </message>
    <message>
        <source>Serve Prometheus metrics of the capture</source>
        <translation>Prometheus-Metriken des Mitschnitts bereitstellen</translation>
    </message>
    <message>
        <source>Packets, bytes, malformed, kernel drops, pool and allocations at http://ADDRESS:PORT/metrics, as mdnscope --headless --metrics serves them</source>
        <translation>Pakete, Bytes, fehlerhafte Pakete, vom Kernel verworfene Pakete, Pool und Allokationen unter http://ADRESSE:PORT/metrics, wie mdnscope --headless --metrics sie bereitstellt</translation>
    </message>
    <message>
        <source>An IP address and a port, e.g. 127.0.0.1:9100 or [::1]:9100; it listens only there</source>
        <translation>Eine IP-Adresse und ein Port, z. B. 127.0.0.1:9100 oder [::1]:9100; gelauscht wird nur dort</translation>
    </message>
    <message>
        <source>Listen on:</source>
        <translation>Lauschen auf:</translation>
    </message>
</context>
<context>
    <name>ReadCommand</name>
    <message>
        <source>cannot read %1: %2</source>
        <translation>%1 kann nicht gelesen werden: %2</translation>
    </message>
    <message>
        <source>%1: corrupt at offset %2: %3</source>
        <translation>%1: beschädigt bei Offset %2: %3</translation>
    </message>
    <message>
        <source>%1: at offset %2: %3</source>
        <translation>%1: bei Offset %2: %3</translation>
    </message>
    <message>
        <source>%1: interrupted; the outputs are complete and hold the %2 packets read before the signal</source>
        <translation>%1: unterbrochen; die Ausgaben sind vollständig und enthalten die %2 vor dem Signal gelesenen Pakete</translation>
    </message>
    <message>
        <source>%1: waiting for a writer on FIFO (Ctrl+C to stop)</source>
        <translation>%1: warte auf einen Schreiber am FIFO (Strg+C zum Abbrechen)</translation>
    </message>
    <message>
        <source>%1: first malformed IP/UDP header: %2</source>
        <translation>%1: erster fehlerhafter IP/UDP-Header: %2</translation>
    </message>
    <message>
        <source>only one of --stats-json, --write, --json, --csv, --services and --check can write to standard output</source>
        <translation>nur eine von --stats-json, --write, --json, --csv, --services und --check kann in die Standardausgabe schreiben</translation>
    </message>
    <message>
        <source>%1: %2 of %3 packets matched the filter %4</source>
        <translation>%1: %2 von %3 Paketen passten auf den Filter %4</translation>
    </message>
    <message>
        <source>%1: %2 mDNS packets (%3 malformed) in %4 frames; skipped: %5 not UDP port 5353, %6 malformed IP/UDP header, %7 IP fragments, %8 cut short, %9 unknown link type</source>
        <translation>%1: %2 mDNS-Pakete (%3 fehlerhaft) in %4 Frames; übersprungen: %5 nicht UDP-Port 5353, %6 fehlerhafter IP/UDP-Header, %7 IP-Fragmente, %8 abgeschnitten, %9 unbekannter Link-Typ</translation>
    </message>
    <message>
        <source>%1: %2 IP fragments reassembled into %3 datagrams (%4 mDNS packets); %5 incomplete datagrams dropped</source>
        <translation>%1: %2 IP-Fragmente zu %3 Datagrammen zusammengesetzt (%4 mDNS-Pakete); %5 unvollständige Datagramme verworfen</translation>
    </message>
</context>
<context>
    <name>ScorecardModel</name>
    <message>
        <source>Pass</source>
        <translation>Bestanden</translation>
    </message>
    <message>
        <source>Warn</source>
        <translation>Warnung</translation>
    </message>
    <message>
        <source>Fail</source>
        <translation>Fehlgeschlagen</translation>
    </message>
    <message>
        <source>Not seen</source>
        <translation>Nicht gesehen</translation>
    </message>
    <message>
        <source>%1 (%2)</source>
        <translation>%1 (%2)</translation>
    </message>
    <message>
        <source>Addresses: %1</source>
        <translation>Adressen: %1</translation>
    </message>
    <message>
        <source>Interfaces: %1</source>
        <translation>Schnittstellen: %1</translation>
    </message>
    <message numerus="yes">
        <source>%n packet(s)</source>
        <translation>
            <numerusform>%n Paket</numerusform>
            <numerusform>%n Pakete</numerusform>
        </translation>
    </message>
    <message>
        <source>Seen starting (probing is judged)</source>
        <translation>Beim Start gesehen (das Proben wird bewertet)</translation>
    </message>
    <message>
        <source>Not seen starting (probing is not judged)</source>
        <translation>Nicht beim Start gesehen (das Proben wird nicht bewertet)</translation>
    </message>
    <message>
        <source>%1: not seen (the device did nothing these rules judge)</source>
        <translation>%1: nicht gesehen (das Gerät tat nichts, was diese Regeln bewerten)</translation>
    </message>
    <message>
        <source>%1: %2 — %3 error finding(s), %4 warning finding(s)</source>
        <translation>%1: %2 — %3 Fehlerbefund(e), %4 Warnbefund(e)</translation>
    </message>
    <message>
        <source>Device</source>
        <translation>Gerät</translation>
    </message>
</context>
<context>
    <name>SenderTableModel</name>
    <message>
        <source>Packets per second over the last %1 seconds</source>
        <translation>Pakete pro Sekunde in den letzten %1 Sekunden</translation>
    </message>
    <message>
        <source>Owner names of the A and AAAA records it announced</source>
        <translation>Namen der A- und AAAA-Einträge, die er angekündigt hat</translation>
    </message>
    <message>
        <source>Service instances it announced (SRV and TXT owners, PTR targets)</source>
        <translation>Dienstinstanzen, die er angekündigt hat (Namen von SRV- und TXT-Einträgen, PTR-Ziele)</translation>
    </message>
    <message>
        <source>Packets whose IP TTL was not 255 (RFC 6762, section 11)</source>
        <translation>Pakete, deren IP-TTL nicht 255 war (RFC 6762, Abschnitt 11)</translation>
    </message>
    <message>
        <source>Address</source>
        <translation>Adresse</translation>
    </message>
    <message>
        <source>Interface</source>
        <translation>Schnittstelle</translation>
    </message>
    <message>
        <source>Packets</source>
        <translation>Pakete</translation>
    </message>
    <message>
        <source>Bytes</source>
        <translation>Bytes</translation>
    </message>
    <message>
        <source>Rate (packets/s)</source>
        <translation>Rate (Pakete/s)</translation>
    </message>
    <message>
        <source>First seen</source>
        <translation>Zuerst gesehen</translation>
    </message>
    <message>
        <source>Last seen</source>
        <translation>Zuletzt gesehen</translation>
    </message>
    <message>
        <source>Host names</source>
        <translation>Hostnamen</translation>
    </message>
    <message>
        <source>Service instances</source>
        <translation>Dienstinstanzen</translation>
    </message>
    <message>
        <source>TTL ≠ 255</source>
        <translation>TTL ≠ 255</translation>
    </message>
    <message>
        <source>Malformed</source>
        <translation>Fehlerhaft</translation>
    </message>
    <message>
        <source>The interfaces its packets arrived on</source>
        <translation>Die Schnittstellen, auf denen seine Pakete ankamen</translation>
    </message>
    <message>
        <source>The addresses it sent from, first heard first: addresses that announced the same host name with their own address are one host</source>
        <translation>Die Adressen, von denen er gesendet hat, die zuerst gehörte zuerst: Adressen, die denselben Hostnamen mit ihrer eigenen Adresse angekündigt haben, sind ein Host</translation>
    </message>
    <message>
        <source>%1 / %2</source>
        <translation>%1 / %2</translation>
    </message>
    <message numerus="yes">
        <source>%n error finding(s)</source>
        <translation>
            <numerusform>%n Fehlerbefund</numerusform>
            <numerusform>%n Fehlerbefunde</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n warning finding(s)</source>
        <translation>
            <numerusform>%n Warnbefund</numerusform>
            <numerusform>%n Warnbefunde</numerusform>
        </translation>
    </message>
    <message>
        <source>Error and warning findings of the conformance checker about it</source>
        <translation>Fehler- und Warnbefunde der Konformitätsprüfung zu ihm</translation>
    </message>
    <message>
        <source>Errors / warnings</source>
        <translation>Fehler / Warnungen</translation>
    </message>
    <message>
        <source>one packet</source>
        <extracomment>the rate column for a sender of a file with no time between its packets</extracomment>
        <translation>ein Paket</translation>
    </message>
    <message>
        <source>no time span</source>
        <translation>keine Zeitspanne</translation>
    </message>
    <message>
        <source>One packet: a rate needs at least two</source>
        <translation>Ein Paket: Für eine Rate braucht es mindestens zwei</translation>
    </message>
    <message>
        <source>%1 packets in %2 s between its first and its last packet</source>
        <extracomment>%1: a packet count, %2: seconds between the sender&apos;s first and last packet</extracomment>
        <translation>%1 Pakete in %2 s zwischen seinem ersten und seinem letzten Paket</translation>
    </message>
    <message>
        <source>Packets per second on average between its first and its last packet (an opened file)</source>
        <translation>Pakete pro Sekunde im Mittel zwischen seinem ersten und seinem letzten Paket (geöffnete Datei)</translation>
    </message>
</context>
<context>
    <name>ServiceDetailsPane</name>
    <message>
        <source>Key</source>
        <translation>Schlüssel</translation>
    </message>
    <message>
        <source>Value</source>
        <translation>Wert</translation>
    </message>
    <message>
        <source>Address</source>
        <translation>Adresse</translation>
    </message>
    <message>
        <source>Interface</source>
        <translation>Schnittstelle</translation>
    </message>
    <message>
        <source>Claimed By</source>
        <translation>Beansprucht von</translation>
    </message>
    <message>
        <source>State</source>
        <translation>Zustand</translation>
    </message>
    <message>
        <source>Time</source>
        <translation>Zeit</translation>
    </message>
    <message>
        <source>Event</source>
        <translation>Ereignis</translation>
    </message>
    <message>
        <source>Type</source>
        <translation>Typ</translation>
    </message>
    <message>
        <source>Data</source>
        <translation>Daten</translation>
    </message>
    <message>
        <source>Sender</source>
        <translation>Absender</translation>
    </message>
    <message>
        <source>TTL</source>
        <translation>TTL</translation>
    </message>
    <message>
        <source>First Heard</source>
        <translation>Zuerst gehört</translation>
    </message>
    <message>
        <source>Last Heard</source>
        <translation>Zuletzt gehört</translation>
    </message>
    <message>
        <source>Packets</source>
        <translation>Pakete</translation>
    </message>
    <message>
        <source>Show Packets</source>
        <translation>Pakete zeigen</translation>
    </message>
    <message>
        <source>Show only the packets that carried this instance&apos;s records</source>
        <translation>Nur die Pakete zeigen, die Einträge dieser Instanz trugen</translation>
    </message>
    <message>
        <source>TXT</source>
        <translation>TXT</translation>
    </message>
    <message>
        <source>Addresses</source>
        <translation>Adressen</translation>
    </message>
    <message>
        <source>History</source>
        <translation>Verlauf</translation>
    </message>
    <message>
        <source>Records</source>
        <translation>Einträge</translation>
    </message>
    <message>
        <source>No service instance selected</source>
        <translation>Keine Dienstinstanz ausgewählt</translation>
    </message>
    <message>
        <source>%1 (priority %2, weight %3)</source>
        <extracomment>%1: host:port, %2 priority, %3 weight of an SRV record</extracomment>
        <translation>%1 (Priorität %2, Gewicht %3)</translation>
    </message>
    <message>
        <source>TTL left %1</source>
        <translation>Rest-TTL %1</translation>
    </message>
    <message>
        <source>subtypes %1</source>
        <translation>Untertypen %1</translation>
    </message>
    <message>
        <source>previously %1</source>
        <translation>früher %1</translation>
    </message>
    <message>
        <source>renamed to %1</source>
        <translation>umbenannt in %1</translation>
    </message>
    <message>
        <source>(boolean)</source>
        <translation>(Schalter)</translation>
    </message>
    <message>
        <source>Show Packets (%1 of %2)</source>
        <translation>Pakete zeigen (%1 von %2)</translation>
    </message>
    <message>
        <source>Show Packets (%1)</source>
        <translation>Pakete zeigen (%1)</translation>
    </message>
</context>
<context>
    <name>ServicesModel</name>
    <message>
        <source>%1 (subtypes: %2)</source>
        <extracomment>%1: a service type, %2: its subtypes</extracomment>
        <translation>%1 (Untertypen: %2)</translation>
    </message>
    <message>
        <source>%1 of %2 live</source>
        <extracomment>how many instances of a service type are live, of how many known</extracomment>
        <translation>%1 von %2 aktiv</translation>
    </message>
    <message>
        <source>Instance</source>
        <translation>Instanz</translation>
    </message>
    <message>
        <source>Host:Port</source>
        <translation>Host:Port</translation>
    </message>
    <message>
        <source>Addresses</source>
        <translation>Adressen</translation>
    </message>
    <message>
        <source>TXT</source>
        <translation>TXT</translation>
    </message>
    <message>
        <source>TTL Left</source>
        <translation>Rest-TTL</translation>
    </message>
    <message>
        <source>State</source>
        <translation>Zustand</translation>
    </message>
    <message>
        <source>Announced By</source>
        <translation>Angekündigt von</translation>
    </message>
    <message>
        <source>Last Heard</source>
        <translation>Zuletzt gehört</translation>
    </message>
</context>
<context>
    <name>ServicesPanel</name>
    <message>
        <source>Hide gone</source>
        <translation>Gegangene ausblenden</translation>
    </message>
    <message>
        <source>Filter: instance, host, TXT or address</source>
        <translation>Filter: Instanz, Host, TXT oder Adresse</translation>
    </message>
    <message>
        <source>Hide the services and hosts that said goodbye or expired</source>
        <translation>Dienste und Hosts ausblenden, die sich abgemeldet haben oder abgelaufen sind</translation>
    </message>
    <message>
        <source>Services</source>
        <translation>Dienste</translation>
    </message>
    <message>
        <source>Hosts</source>
        <translation>Hosts</translation>
    </message>
    <message>
        <source>&amp;Copy</source>
        <translation>&amp;Kopieren</translation>
    </message>
</context>
<context>
    <name>StopSignals</name>
    <message>
        <source>finishing, %1 packets left to write</source>
        <translation>schließe ab, noch %1 Pakete zu schreiben</translation>
    </message>
</context>
<context>
    <name>StreamJob</name>
    <message>
        <source>a stream is already being read</source>
        <translation>es wird bereits ein Stream gelesen</translation>
    </message>
    <message>
        <source>at offset %1: %2</source>
        <translation>bei Offset %1: %2</translation>
    </message>
    <message>
        <source>the command exited with %1</source>
        <translation>der Befehl endete mit %1</translation>
    </message>
    <message>
        <source>the command exited with %1: %2</source>
        <translation>der Befehl endete mit %1: %2</translation>
    </message>
</context>
<context>
    <name>TalkersChart</name>
    <message>
        <source>Packets per second of the five busiest senders over the last 60 seconds</source>
        <translation>Pakete pro Sekunde der fünf aktivsten Absender in den letzten 60 Sekunden</translation>
    </message>
    <message>
        <source>packets/s</source>
        <translation>Pakete/s</translation>
    </message>
    <message>
        <source>No packets yet</source>
        <translation>Noch keine Pakete</translation>
    </message>
</context>
<context>
    <name>TalkersModel</name>
    <message>
        <source>Sender</source>
        <translation>Absender</translation>
    </message>
    <message>
        <source>The host&apos;s first address (its addresses are joined by the A and AAAA records it announces)</source>
        <translation>Die erste Adresse des Hosts (seine Adressen werden über die A- und AAAA-Einträge zusammengeführt, die er ankündigt)</translation>
    </message>
    <message>
        <source>Host</source>
        <translation>Host</translation>
    </message>
    <message>
        <source>The host name it announces, when any</source>
        <translation>Der Hostname, den er ankündigt, falls vorhanden</translation>
    </message>
    <message>
        <source>Packets/s (1 s)</source>
        <translation>Pakete/s (1 s)</translation>
    </message>
    <message>
        <source>Packets per second over the last second</source>
        <translation>Pakete pro Sekunde in der letzten Sekunde</translation>
    </message>
    <message>
        <source>Packets/s (10 s)</source>
        <translation>Pakete/s (10 s)</translation>
    </message>
    <message>
        <source>Packets per second over the last 10 seconds</source>
        <translation>Pakete pro Sekunde in den letzten 10 Sekunden</translation>
    </message>
    <message>
        <source>Packets/s (60 s)</source>
        <translation>Pakete/s (60 s)</translation>
    </message>
    <message>
        <source>Packets per second over the last 60 seconds</source>
        <translation>Pakete pro Sekunde in den letzten 60 Sekunden</translation>
    </message>
    <message>
        <source>Bytes/s (10 s)</source>
        <translation>Bytes/s (10 s)</translation>
    </message>
    <message>
        <source>Bytes per second over the last 10 seconds</source>
        <translation>Bytes pro Sekunde in den letzten 10 Sekunden</translation>
    </message>
    <message>
        <source>Share</source>
        <translation>Anteil</translation>
    </message>
    <message>
        <source>Its share of all packets since the capture began</source>
        <translation>Sein Anteil an allen Paketen seit Beginn der Aufzeichnung</translation>
    </message>
    <message>
        <source>Peak</source>
        <translation>Spitzenwert</translation>
    </message>
    <message>
        <source>The most packets it sent in one second</source>
        <translation>Die meisten Pakete, die er in einer Sekunde gesendet hat</translation>
    </message>
    <message>
        <source>Repeats</source>
        <translation>Wiederholungen</translation>
    </message>
    <message>
        <source>Packets identical to one it sent within the second before (a loop or a reflector)</source>
        <translation>Pakete, die einem in der Sekunde davor gesendeten Paket gleichen (eine Schleife oder ein Reflektor)</translation>
    </message>
    <message>
        <source>Packets</source>
        <translation>Pakete</translation>
    </message>
    <message>
        <source>Packets it sent since the capture began</source>
        <translation>Pakete, die er seit Beginn der Aufzeichnung gesendet hat</translation>
    </message>
    <message>
        <source>Above the flood threshold of %1 packets/s</source>
        <translation>Über der Flutschwelle von %1 Paketen/s</translation>
    </message>
    <message>
        <source>%1 %2 packets/s</source>
        <translation>%1 %2 Pakete/s</translation>
    </message>
    <message>
        <source>%1 (%2) %3 packets/s</source>
        <translation>%1 (%2) %3 Pakete/s</translation>
    </message>
    <message>
        <source>%1 more</source>
        <translation>%1 weitere</translation>
    </message>
    <message>
        <source>Flooding: %1</source>
        <translation>Flutet: %1</translation>
    </message>
    <message>
        <source>%1: %2 packets (%3, ...)</source>
        <translation>%1: %2 Pakete (%3, …)</translation>
    </message>
</context>
<context>
    <name>TimelinePanel</name>
    <message>
        <source>Follow</source>
        <translation>Folgen</translation>
    </message>
    <message>
        <source>Keep the newest events in view (End)</source>
        <translation>Die neuesten Ereignisse im Blick behalten (Ende)</translation>
    </message>
    <message>
        <source>Zoom in (+, or the mouse wheel over the lanes)</source>
        <translation>Vergrößern (+ oder Mausrad über den Spuren)</translation>
    </message>
    <message>
        <source>Zoom out (-)</source>
        <translation>Verkleinern (-)</translation>
    </message>
    <message>
        <source>Fit</source>
        <translation>Einpassen</translation>
    </message>
    <message>
        <source>Show the whole capture</source>
        <translation>Den ganzen Mitschnitt zeigen</translation>
    </message>
    <message>
        <source>%1 hosts, %2 events</source>
        <translation>%1 Hosts, %2 Ereignisse</translation>
    </message>
    <message>
        <source> (%1 oldest dropped)</source>
        <translation> (%1 älteste verworfen)</translation>
    </message>
</context>
<context>
    <name>TimelineWidget</name>
    <message>
        <source>untracked</source>
        <translation>nicht zugeordnet</translation>
    </message>
    <message>
        <source>No events yet: hosts appear here as they probe, announce and answer</source>
        <translation>Noch keine Ereignisse: Hosts erscheinen hier, sobald sie prüfen, sich ankündigen und antworten</translation>
    </message>
    <message>
        <source>host %1</source>
        <translation>Host %1</translation>
    </message>
    <message>
        <source>%1: %2</source>
        <translation>%1: %2</translation>
    </message>
    <message>
        <source>Time: %1 s (%2)</source>
        <translation>Zeit: %1 s (%2)</translation>
    </message>
    <message>
        <source>Host: %1</source>
        <translation>Host: %1</translation>
    </message>
    <message>
        <source>Gap to the previous probe: %1</source>
        <translation>Abstand zur vorigen Probe: %1</translation>
    </message>
    <message>
        <source>First probe for this name</source>
        <translation>Erste Probe für diesen Namen</translation>
    </message>
    <message>
        <source>Rule: %1 (%2)</source>
        <translation>Regel: %1 (%2)</translation>
    </message>
    <message>
        <source>Packet %1 (click to select it)</source>
        <translation>Paket %1 (Klick wählt es aus)</translation>
    </message>
    <message>
        <source>No packet (the record&apos;s lifetime ran out)</source>
        <translation>Kein Paket (die Lebensdauer des Eintrags ist abgelaufen)</translation>
    </message>
    <message>
        <source>%1 s</source>
        <translation>%1 s</translation>
    </message>
    <message>
        <source>seconds since the capture start (%1)</source>
        <translation>Sekunden seit Beginn des Mitschnitts (%1)</translation>
    </message>
</context>
<context>
    <name>UdpTransport</name>
    <message>
        <source>join multicast group</source>
        <extracomment>%1: IPv4 or IPv6</extracomment>
        <translation>Multicast-Gruppe beitreten</translation>
    </message>
    <message>
        <source>&apos;%1&apos; is not an IPv4 multicast address</source>
        <translation>„%1“ ist keine IPv4-Multicast-Adresse</translation>
    </message>
    <message>
        <source>interface &apos;%1&apos; does not exist</source>
        <translation>Schnittstelle „%1“ gibt es nicht</translation>
    </message>
    <message>
        <source>cannot read the flags of interface &apos;%1&apos;</source>
        <translation>die Flags der Schnittstelle „%1“ können nicht gelesen werden</translation>
    </message>
    <message>
        <source>interface &apos;%1&apos; is down</source>
        <translation>Schnittstelle „%1“ ist nicht aktiv</translation>
    </message>
    <message>
        <source>interface &apos;%1&apos; is not multicast-capable</source>
        <translation>Schnittstelle „%1“ ist nicht multicastfähig</translation>
    </message>
    <message>
        <source>cannot enable address reuse</source>
        <translation>Wiederverwendung der Adresse kann nicht eingeschaltet werden</translation>
    </message>
    <message>
        <source>cannot join %1 on interface &apos;%2&apos;</source>
        <translation>%1 kann an Schnittstelle „%2“ nicht beigetreten werden</translation>
    </message>
    <message>
        <source>the socket is not open</source>
        <translation>der Socket ist nicht offen</translation>
    </message>
    <message>
        <source>poll failed</source>
        <translation>poll ist fehlgeschlagen</translation>
    </message>
    <message>
        <source>the socket was closed</source>
        <translation>der Socket wurde geschlossen</translation>
    </message>
    <message>
        <source>recvmmsg failed</source>
        <translation>recvmmsg ist fehlgeschlagen</translation>
    </message>
    <message>
        <source>open socket</source>
        <extracomment>%1: IPv4 or IPv6</extracomment>
        <translation>Socket öffnen</translation>
    </message>
    <message>
        <source>set socket option</source>
        <translation>Socket-Option setzen</translation>
    </message>
    <message>
        <source>bind</source>
        <extracomment>%1: IPv4 or IPv6, %2: a port number</extracomment>
        <translation>Socket binden</translation>
    </message>
    <message>
        <source>receive</source>
        <translation>Datagramme empfangen</translation>
    </message>
    <message>
        <source>wait for datagrams</source>
        <translation>auf Datagramme warten</translation>
    </message>
    <message>
        <source>&apos;%1&apos; is not an IPv6 multicast address</source>
        <translation>„%1“ ist keine IPv6-Multicast-Adresse</translation>
    </message>
    <message>
        <source>cannot create a UDP/%1 socket</source>
        <translation>UDP/%1-Socket kann nicht angelegt werden</translation>
    </message>
    <message>
        <source>interface &apos;%1&apos; has no IPv6 address</source>
        <translation>Schnittstelle „%1“ hat keine IPv6-Adresse</translation>
    </message>
    <message>
        <source>no up, multicast-capable interface with an %1 address</source>
        <translation>keine aktive, multicastfähige Schnittstelle mit einer %1-Adresse</translation>
    </message>
    <message>
        <source>cannot enable timestamps or drop counts</source>
        <translation>Zeitstempel oder Verlustzähler können nicht eingeschaltet werden</translation>
    </message>
    <message>
        <source>cannot bind UDP/%1 port %2</source>
        <translation>UDP/%1-Port %2 kann nicht gebunden werden</translation>
    </message>
</context>
<context>
    <name>main</name>
    <message>
        <source>no display to open the window on (DISPLAY, WAYLAND_DISPLAY and QT_QPA_PLATFORM are unset); use --headless or --read without one</source>
        <translation>keine Anzeige, auf der sich das Fenster öffnen ließe (DISPLAY, WAYLAND_DISPLAY und QT_QPA_PLATFORM sind nicht gesetzt); ohne Anzeige --headless oder --read verwenden</translation>
    </message>
</context>
</TS>

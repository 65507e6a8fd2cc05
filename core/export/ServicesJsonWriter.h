#pragma once

#include "DirectoryTypes.h"

#include <QByteArray>
#include <QString>

class ExportOutput;
class ServiceDirectory;

// The service directory as JSON Lines (--services): one service instance per line, keys in
// this order: instance, name, type, subtypes, domain, host, port, priority, weight, txt,
// txt_pairs, addresses, announced_by, first_seen, last_seen, ttl, state, packets. Unknown
// fields are null (no SRV: host, port, priority, weight, ttl and addresses; no TXT: txt and
// txt_pairs; no address heard: addresses). TXT strings, keys and values are written as
// DNS character-strings (ExportText::appendJsonCharacterString: binary-safe). The schema is
// in the README. Any thread.
namespace ServicesJsonWriter {

void appendLine(QByteArray &out, const ServiceInstance &instance);
// Every instance of `directory`, sorted by key, into an opened ExportOutput (the
// atomic-write and standard-output rules of every output), then commits it. Returns false
// when it failed (out.errorString() says why); a file target is then left as it was.
bool write(const ServiceDirectory &directory, ExportOutput &out);

} // namespace ServicesJsonWriter

#pragma once

#include "CheckContext.h"

// The rules judged on one packet alone (RFC 6762 §6, §10, §11, §17, §18; RFC 6763 §4, §6,
// §7): the header bits, source ports, IP TTL, message size, malformed messages, and each
// record's cache-flush bit, TTL, TXT strings, service and instance names, duplicates.
// A malformed message, or one with a non-zero opcode or rcode, gets only that finding:
// receivers ignore it, so nothing else in it is judged. Keeps no state.
class PacketChecks final : public CheckModule
{
public:
    void add(const CheckContext &c) override;
    void clear() override {}

private:
    static bool checkHeader(const CheckContext &c); // false: the message is ignored
    static void checkRecords(const CheckContext &c);
};

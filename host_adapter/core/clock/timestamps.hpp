#pragma once
#include <chrono>
#include <cstdint>
#include <string>

namespace iro::clock {

/// "2026-11-23T11:42:07Z": how the host writes instants (audit, outputs, migrations).
std::string utc_timestamp(std::chrono::system_clock::time_point at);

/// "2026-11-23T11:42:07.125Z": the same with milliseconds, where the order of close events
/// matters (deliveries to the CMS).
std::string utc_timestamp_ms(std::chrono::system_clock::time_point at);

/// Milliseconds since the Unix epoch, how the outbox schedules retries.
std::int64_t epoch_ms(std::chrono::system_clock::time_point at);

}  // namespace iro::clock

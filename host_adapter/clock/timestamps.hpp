#pragma once
#include <chrono>
#include <string>

namespace iro::clock {

/// "2026-11-23T11:42:07Z": how the host writes instants (audit, outputs, migrations).
std::string utc_timestamp(std::chrono::system_clock::time_point at);

}  // namespace iro::clock

#pragma once
#include <cstdint>

namespace iro::plugin {

/// Major version of the plugin API. A plugin loads only when its major equals the host's.
inline constexpr std::uint16_t kApiMajor = 1;
/// Minor version of the plugin API (1.1 added requests, notes and write-back; 1.2 prompts,
/// questionnaire responses and the bulk case-file scan; 1.3 alerts and notifications; 1.4
/// questionnaire definitions and validated responses; 1.5 the record_removed event, the module's
/// check of its settings, the practice calendar and the review timetable with unknown starts and
/// short breaks). A plugin loads when its minor is at most the host's; new hooks arrive in derived
/// interfaces, so an older plugin still sees exactly the interface it was built for.
inline constexpr std::uint16_t kApiMinor = 5;

}  // namespace iro::plugin

#pragma once
// Calendar dates as the domain uses them: a day, no time zone. Statutory timescales are counted in
// days and working days, never in hours.

#include <chrono>
#include <optional>
#include <string>
#include <string_view>

#include "iro/plugin_api/export.hpp"

namespace iro::plugin {

/// A calendar day.
using Date = std::chrono::year_month_day;

/// "2024-03-31".
IRO_API_VISIBLE std::string to_iso(Date date);

/// Parses "YYYY-MM-DD"; nullopt when the text is not exactly that or names no real day.
IRO_API_VISIBLE std::optional<Date> parse_iso_date(std::string_view text);

}  // namespace iro::plugin

#pragma once
// Dates as people write them in English: "27 November 2017" (the GOV.UK style), for pages and
// published reports; machines get ISO 8601.

#include <string>
#include <string_view>

#include "iro/plugin_api/dates.hpp"

namespace iro::text {

/// "January" for 1 ... "December" for 12; empty for anything else.
std::string_view month_name(unsigned month);

/// "27 November 2017".
std::string date_in_words(plugin::Date day);

}  // namespace iro::text

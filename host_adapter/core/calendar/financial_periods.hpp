#pragma once
// The periods councils report by: the financial year (1 April to 31 March) and its quarters
// (Q1 April-June, Q2 July-September, Q3 October-December, Q4 January-March).

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "iro/plugin_api/dates.hpp"

namespace iro::reports {

struct ReportPeriod {
    std::string label;  ///< "2017-18", "2017-18 Q1"
    plugin::Date start;
    plugin::Date end;  ///< inclusive
};

/// The year starting in April of the year "2017-18" (or "2017/18", "2017-2018") names: 2017.
/// nullopt when the text is not such a year or its two halves are not consecutive.
std::optional<int> parse_financial_year(std::string_view text);

/// The year starting on 1 April of `first_year`, and its four quarters when `quarters`.
/// The quarters come first, the whole year last.
std::vector<ReportPeriod> financial_periods(int first_year, bool quarters);

}  // namespace iro::reports

#pragma once
// The annual quality alerts summary as `iro-host report alerts` and GET /api/v1/reports/alerts
// give it: the year's alerts, optionally by quarter, team or category.

#include <string>
#include <vector>

#include "quality_alerts/alert_measures.hpp"
#include "store/sqlite.hpp"

namespace iro::reports {

/// The summaries of the alerts raised in the financial year starting in `first_year`: for
/// `by` "team" or "category" one per group first, then (for "quarter") one per quarter, and
/// last the whole year. Throws std::invalid_argument for another `by`.
std::vector<AlertSummary> alert_summaries(store::Database& db, int first_year,
                                          const std::string& by,
                                          const plugin::WorkingDayCalendar& calendar);

/// Working days to one decimal, or "-" when there is no value.
std::string days_text(const std::optional<double>& v);

}  // namespace iro::reports

#pragma once
// The quality alerts and disputes part of the annual report (DOMAIN.md section 4): what was raised
// each quarter and how it went, the issues challenges raised by category, the stage challenges
// reached and how they ended, the children they were about, exceptional practice on its own
// (recognition is not a concern, so it is in no count of issues), and issues by team and group.
// Alerts are counted in the quarter they were raised, as they stand on the day measured.

#include <vector>

#include "annual_report/report_table.hpp"
#include "calendar/financial_periods.hpp"
#include "iro/plugin_api/alerts.hpp"
#include "iro/plugin_api/services.hpp"

namespace iro::reports::annual {

/// The tables for `years` (the report's year first) from every alert raised in them.
std::vector<ReportTable> alert_tables(const std::vector<plugin::AlertRecord>& alerts,
                                      const std::vector<ReportPeriod>& years,
                                      const plugin::WorkingDayCalendar& calendar);

}  // namespace iro::reports::annual

#pragma once
// The IRO annual report (IRO Handbook 2010, 7.11: the manager's annual report for the corporate
// parenting board), put together from the data the host holds: numbered tables, each with its
// definition and source, in sections a council's report has, for a financial year and the years
// it is compared with.

#include <optional>
#include <string>
#include <vector>

#include "annual_report/report_table.hpp"
#include "config/host_config.hpp"
#include "iro/plugin_api/dates.hpp"
#include "store/sqlite.hpp"

namespace iro::reports::annual {

struct AnnualReportOptions {
    int year = 0;              ///< the financial year starting in April of this year
    std::vector<int> compare;  ///< earlier years to set beside it
    int suppress_below = 0;    ///< withhold counts below this; 0: none
    plugin::Date as_of{};      ///< a year still running is measured to this day
    std::string council;       ///< the council's name, for the title
};

/// The report. Reads the store only. Throws std::invalid_argument for a year not begun by
/// `options.as_of`.
AnnualReport build_annual_report(store::Database& db, const config::HostConfig& config,
                                 const AnnualReportOptions& options);

}  // namespace iro::reports::annual
